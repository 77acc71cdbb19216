"""Weblate's tmserver machinery, run unchanged against a tm server: `ask.py URL ASK` prints JSON, where ASK is
{"sources": [source strings], "languages": [target language codes]}.

Run by tests/test_weblate_client.py with the test-only environment's Python (Weblate and Django live only
there). It does what Weblate does: its admin form for the "tmserver" service (URLMachineryForm, which checks the
settings by asking the server as Weblate's admin page does), then TMServerTranslation.translate() for a unit in
each target language, as Weblate's editor asks for automatic suggestions (weblate/machinery/views.py). The unit is
Weblate's own test double (MockUnit, what Weblate's tests of this class use) instead of a database row. Every
HTTP request Weblate makes is recorded on its way through (requests.request is wrapped, not replaced)."""

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ["DJANGO_SETTINGS_MODULE"] = "settings"

import django  # noqa: E402

django.setup()

import requests  # noqa: E402
from weblate.checks.tests.test_checks import MockUnit  # noqa: E402
from weblate.machinery.forms import URLMachineryForm  # noqa: E402
from weblate.machinery.tmserver import TMServerTranslation  # noqa: E402
from weblate.utils.version import VERSION  # noqa: E402

sent: list[dict] = []
_request = requests.request


def recorded(method, url, **kwargs):
    response = _request(method, url, **kwargs)
    sent.append({"method": method.upper(), "url": url, "status": response.status_code})
    return response


requests.request = recorded


def main(url: str, ask: dict) -> dict:
    form = URLMachineryForm(TMServerTranslation, data={"url": url, "source_language": "auto"})
    valid = form.is_valid()
    answer = {"weblate": VERSION, "admin_form": {"valid": valid, "errors": form.errors.get_json_data()},
              "admin_requests": list(sent)}
    sent.clear()
    machine = TMServerTranslation(form.cleaned_data if valid else {"url": url})
    answer["suggestions"] = {lang: [machine.translate(MockUnit(code=lang, source=source)) for source in ask["sources"]]
                             for lang in ask["languages"]}
    answer["requests"] = sent
    return answer


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], json.loads(sys.argv[2])), ensure_ascii=False, indent=1, default=str))
