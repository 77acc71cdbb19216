"""Weblate's own tmserver client against a real `tm serve` process (issue 17, "Real clients").

Weblate (PyPI `weblate` 5.14.3 and everything it installs, pinned in tests/weblate_client/requirements.txt) lives in
a test-only environment, .venv-weblate/ beside the tests (tests/weblate_client/setup.sh makes it; .ci/run runs that
after installing the Debian packages Weblate's compiled dependencies build against), so this project's own
environment never gets Django. tests/weblate_client/ask.py runs there as a subprocess and does what Weblate does,
with Weblate's code unchanged: its admin form for the "tmserver" service given our server's URL (which checks the
settings by asking the server), then `TMServerTranslation.translate()` for a unit in et, lv and lt, the call behind
the editor's automatic suggestions. The suggestions are compared whole: text, quality as Weblate passes it on
(the server's percentage, those below Weblate's threshold of 75 dropped), source, and the requests Weblate sent.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from urllib.parse import quote

import pytest

pytest.importorskip("fastapi", reason="the server's extra is not installed (pip install 'tm[server]')")

from serve_process import serving  # noqa: E402

from tm.memory import open_memory  # noqa: E402
from tm.memory.importer import import_files  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
ASK = REPO / "tests" / "weblate_client" / "ask.py"
VENV = Path(os.environ.get("TM_WEBLATE_VENV", REPO / ".venv-weblate"))
WEBLATE = "5.14.3"

UNITS = [
    {"en": "This Decision shall enter into force on the day of its adoption.",
     "et": "Käesolev otsus jõustub selle vastuvõtmise päeval.",
     "lv": "Šis lēmums stājas spēkā tā pieņemšanas dienā.",
     "lt": "Šis sprendimas įsigalioja jo priėmimo dieną."},
    {"en": "This Decision shall enter into force on the date of its publication.",
     "et": "Käesolev otsus jõustub selle avaldamise kuupäeval.",
     "lv": "Šis lēmums stājas spēkā tā publicēšanas dienā.",
     "lt": "Šis sprendimas įsigalioja jo paskelbimo dieną."},
    {"en": "The Baltic Assembly calls on the governments of Estonia, Latvia and Lithuania to cooperate.",
     "et": "Balti Assamblee kutsub Eesti, Läti ja Leedu valitsusi üles koostööd tegema.",
     "lv": "Baltijas Asambleja aicina Igaunijas, Latvijas un Lietuvas valdības sadarboties.",
     "lt": "Baltijos Asamblėja ragina Estijos, Latvijos ir Lietuvos vyriausybes bendradarbiauti."},
]
ADOPTION, PUBLICATION, COOPERATE = UNITS

# The source strings a translator opens in Weblate, and what Weblate shows as (unit, quality) for each:
SOURCES = [
    (ADOPTION["en"], [(ADOPTION, 100), (PUBLICATION, 84)]),  # 84 is kept: Weblate drops only those below 75
    ("This Decision shall enter into force on the date of its adoption.", [(ADOPTION, 92), (PUBLICATION, 92)]),
    # Weblate sends "\r" as a space (text[:500].replace("\r", " ")): the line ending costs a point
    (COOPERATE["en"] + "\r\n", [(COOPERATE, 99)]),
    ("Done at Riga.", []),  # nothing in the memory: Weblate gets [] and shows nothing
]


def tmx(units: list[dict[str, str]]) -> str:
    body = "".join("<tu>" + "".join(f'<tuv xml:lang="{lang}"><seg>{text}</seg></tuv>' for lang, text in unit.items())
                   + "</tu>\n" for unit in units)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="test" '
            'creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="en" datatype="plaintext"/>'
            f"<body>\n{body}</body></tmx>\n")


@pytest.fixture(scope="module")
def weblate_python() -> Path:
    python = VENV / "bin" / "python"
    if not python.exists():
        pytest.skip(f"Weblate's test-only environment is absent ({VENV}): `bash tests/weblate_client/setup.sh` "
                    "makes it (.ci/run does, after the Debian packages it needs)")
    return python


@pytest.fixture(params=["sqlite", "postgresql"])
def memory(request, tmp_path) -> str:
    """The small memory above, in a .db file or on the tests' PostgreSQL server."""
    location = str(tmp_path / "team.db") if request.param == "sqlite" else \
        request.getfixturevalue("postgres").database()
    (tmp_path / "small.tmx").write_text(tmx(UNITS), encoding="utf-8")
    with open_memory(location) as store:
        import_files(store, [tmp_path / "small.tmx"])
    return location


def ask_weblate(python: Path, url: str, sources: list[str], languages: list[str]) -> dict:
    done = subprocess.run([str(python), str(ASK), url, json.dumps({"sources": sources, "languages": languages})],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_weblate_tmserver_client_gets_our_suggestions_for_et_lv_lt(weblate_python, memory):
    with serving(memory) as (base, _):
        url = base + "/tmserver/"  # what Weblate's admin types as the service's "API URL"
        answer = ask_weblate(weblate_python, url, [source for source, _ in SOURCES], ["et", "lv", "lt"])

    assert answer["weblate"] == WEBLATE
    # Weblate's admin saves the service only when its check passes: the languages, then a test lookup en -> de
    # (a language our memory lacks: an empty list, not an error)
    assert answer["admin_form"] == {"valid": True, "errors": {}}
    assert answer["admin_requests"] == [{"method": "GET", "url": url + "languages/", "status": 200},
                                        {"method": "GET", "url": url + "en/de/unit/test", "status": 200}]

    for lang in ("et", "lv", "lt"):
        got = answer["suggestions"][lang]
        expected = [[[{"text": unit[lang], "quality": quality, "service": "tmserver", "source": unit["en"],
                       "original_source": source} for unit, quality in found]]  # one list per plural form
                    for source, found in SOURCES]
        assert got == expected, lang

    asked = [f"{url}en/{lang}/unit/" + quote(source.replace("\r", " "), safe="")
             for lang in ("et", "lv", "lt") for source, _ in SOURCES]
    assert answer["requests"] == [{"method": "GET", "url": url + "languages/", "status": 200}] + \
        [{"method": "GET", "url": one, "status": 200} for one in asked]
