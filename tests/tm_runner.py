"""`tm` run in this process through click's CliRunner: the same arguments, exit code, stdout and stderr as the
installed command, without starting Python again for each call. A few tests still start a real process, for
what only a process shows (exit codes as the shell sees them, a terminal, a closed pipe)."""

from __future__ import annotations

import contextlib
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

from click.testing import CliRunner

from tm.cli import cli


def run_tm(*args: str, env: Mapping[str, str] | None = None, stdin: str | None = None,
           cwd: str | Path | None = None) -> subprocess.CompletedProcess:
    """What `python -m tm ARGS` would give, as a CompletedProcess (returncode, stdout, stderr)."""
    with contextlib.chdir(cwd) if cwd else contextlib.nullcontext():
        result = CliRunner().invoke(cli, list(args), input=stdin, env=dict(env) if env else None, prog_name="tm",
                                    catch_exceptions=False)
    return subprocess.CompletedProcess(["tm", *args], result.exit_code, result.stdout, result.stderr)


def run_tm_process(*args, **options) -> subprocess.CompletedProcess:
    """`python -m tm ARGS` in a new process (options as for subprocess.run)."""
    return subprocess.run([sys.executable, "-m", "tm", *map(str, args)], capture_output=True, text=True, **options)
