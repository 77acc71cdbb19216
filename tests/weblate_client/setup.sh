#!/usr/bin/env bash
# Makes Weblate's test-only environment for tests/test_weblate_client.py: a virtualenv (default .venv-weblate/ at
# the top of the clone, or $TM_WEBLATE_VENV) holding requirements.txt beside this script, so Django and Weblate
# never enter the project's own environment. Idempotent: an environment made from the same requirements.txt is
# kept as it is. Building it needs Debian's liblz4-dev libzstd-dev libxxhash-dev libacl1-dev libssl-dev
# (borgbackup), libcairo2-dev libgirepository1.0-dev pkg-config (pycairo, PyGObject), and running Weblate needs
# gir1.2-pango-1.0; .ci/run installs them.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
venv="${TM_WEBLATE_VENV:-$(cd "$here/../.." && pwd)/.venv-weblate}"
want="$(sha256sum "$here/requirements.txt" | cut -d' ' -f1)"
if [ -x "$venv/bin/python" ] && [ "$(cat "$venv/.requirements.sha256" 2>/dev/null)" = "$want" ]; then
  exit 0
fi
rm -rf "$venv"
python3 -m venv "$venv"
log="$venv/install.log"
if ! "$venv/bin/python" -m pip install --disable-pip-version-check -r "$here/requirements.txt" >"$log" 2>&1; then
  echo "tests/weblate_client/setup.sh: installing Weblate into $venv failed; the end of $log:" >&2
  tail -n 40 "$log" >&2
  exit 1
fi
echo "$want" >"$venv/.requirements.sha256"
