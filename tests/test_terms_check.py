"""The terminology check on real inflected sentences (Tilde ATS automotive manual, et/lv/lt).

The sentences are the translators' own; the glossary below is the test's input: approved terms from the ATS
term collection, plus a few variants given a status so that every severity is exercised.
"""

from __future__ import annotations

import csv
import json

import pytest
from tm_runner import run_tm

from tm.formats.tmx_writer import write_tmx
from tm.records import Severity, Term, TermStatus, TranslationUnit
from tm.terms.check import check_units
from tm.terms.glossary import Glossary
from tm.terms.io import write_glossary

GLOSSARY = """\
c-bolt en bolt preferred
c-bolt et polt preferred
c-bolt lv skrūve preferred
c-bolt lt varžtas preferred
c-adjusting en adjusting bolt preferred
c-adjusting et reguleerpolt preferred
c-adjusting lv regulējošā skrūve preferred
c-adjusting lt reguliavimo varžtas preferred
c-plastic en plastic region bolt preferred
c-plastic et plastilise ala polt preferred
c-plastic et plastosa polt admitted
c-plastic lv plastiskās zonas skrūve preferred
c-plastic lt plastikinis varžtas preferred
c-stretch en stretch bolt preferred
c-stretch et pingutuspolt preferred
c-stretch lv stiepes skrūve preferred
c-stretch lt elastingas varžtas preferred
c-locknut en locking nut preferred
c-locknut et lukustusmutter preferred
c-locknut lv pretuzgrieznis preferred
c-locknut lt kontrveržlė preferred
c-locknut lt kontraveržlė deprecated
c-caliper en brake caliper preferred
c-caliper et pidurikaliiber preferred
c-caliper et pidurisadul forbidden
c-caliper lv bremžu skava preferred
c-caliper lt stabdžių apkaba preferred
c-rotor en disc rotor preferred
c-rotor et ketasrootor preferred
c-rotor lv bremžu disks preferred
c-rotor lt disko rotorius preferred
"""
ROWS = [2, 3, 8, 23, 73, 142, 216, 269, 375]

EXPECTED = [  # (tu, lang, concept, severity, found): read and checked against each sentence by hand
    ("ats-2", "et", "c-bolt", "ok", "poldi"), ("ats-2", "lv", "c-bolt", "ok", "skrūves"),
    ("ats-2", "lt", "c-bolt", "ok", "varžto"),
    ("ats-3", "et", "c-adjusting", "ok", "Reguleerpolt"), ("ats-3", "lv", "c-adjusting", "ok", "Regulējošā skrūve"),
    ("ats-3", "lt", "c-adjusting", "ok", "Reguliavimo varžtas"),
    ("ats-8", "et", "c-locknut", "ok", "Lukustusmutter"), ("ats-8", "lv", "c-locknut", "ok", "Pretuzgrieznis"),
    ("ats-8", "lt", "c-locknut", "error", "Kontraveržlė"),
    ("ats-23", "et", "c-bolt", "ok", "polti"), ("ats-23", "lv", "c-bolt", "ok", "skrūves"),
    ("ats-23", "lt", "c-bolt", "ok", "varžto"),
    ("ats-73", "et", "c-caliper", "error", "Pidurisadul"),  # no 'brake caliper' in the English: forbidden anywhere
    ("ats-142", "et", "c-rotor", "ok", "ketasrootor"), ("ats-142", "et", "c-caliper", "error", "pidurisadul"),
    ("ats-142", "lv", "c-rotor", "missing", None), ("ats-142", "lv", "c-caliper", "ok", "bremžu skavu"),
    ("ats-142", "lt", "c-rotor", "ok", "disko rotoriaus"), ("ats-142", "lt", "c-caliper", "ok", "stabdžių apkabą"),
    ("ats-216", "et", "c-plastic", "ok", "Plastilise ala poldid"),
    ("ats-216", "et", "c-plastic", "ok", "plastilise ala polte"),
    ("ats-216", "et", "c-stretch", "ok", "pingutuspoldid"),
    ("ats-216", "lv", "c-plastic", "ok", "Plastiskās zonas skrūves"),
    ("ats-216", "lv", "c-plastic", "ok", "Plastiskās zonas skrūves"),
    ("ats-216", "lv", "c-stretch", "ok", "stiepes skrūves"),
    ("ats-216", "lt", "c-plastic", "ok", "Plastikiniai varžtai"),
    ("ats-216", "lt", "c-plastic", "ok", "plastikiniai varžtai"),
    ("ats-216", "lt", "c-stretch", "ok", "elastingi varžtai"),
    ("ats-269", "et", "c-stretch", "ok", "Pingutuspoldid"), ("ats-269", "et", "c-bolt", "ok", "poltide"),
    ("ats-269", "lv", "c-stretch", "ok", "Stiepes skrūves"), ("ats-269", "lv", "c-bolt", "ok", "skrūvju"),
    ("ats-269", "lt", "c-stretch", "ok", "Elastingi varžtai"), ("ats-269", "lt", "c-bolt", "ok", "varžtų"),
    ("ats-375", "et", "c-plastic", "info", "plastosa polte"), ("ats-375", "et", "c-stretch", "ok", "pingutuspolte"),
    ("ats-375", "lv", "c-plastic", "ok", "plastiskās zonas skrūvēm"),
    ("ats-375", "lv", "c-stretch", "ok", "stiepes skrūvēm"),
    ("ats-375", "lt", "c-plastic", "ok", "plastikinius varžtus"),
    ("ats-375", "lt", "c-stretch", "ok", "elastingus varžtus"),
]


def glossary() -> Glossary:
    terms = []
    for line in GLOSSARY.splitlines():
        concept, lang, *words, status = line.split(" ")
        terms.append(Term(concept, lang, " ".join(words), status=status))
    return Glossary(terms)


@pytest.fixture(scope="module")
def units(shared) -> list[TranslationUnit]:
    with (shared / "data/tilde-ats-dev/ats-dev.tsv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [TranslationUnit({lang: rows[i][lang] for lang in ("en", "et", "lv", "lt")}, tuid=f"ats-{i}", document="ats")
            for i in ROWS]


def test_every_occurrence_in_inflected_et_lv_lt(units):
    result = check_units(units, glossary(), ["et", "lv", "lt"])
    assert [(o.tu, o.lang, o.concept, o.severity, o.found) for o in result.occurrences] == EXPECTED


def test_spans_point_at_the_words(units):
    result = check_units(units, glossary(), ["et", "lv", "lt"])
    texts = {unit.tuid: unit.variants for unit in units}
    for occ in result.occurrences:
        if occ.span:
            assert texts[occ.tu][occ.lang][occ.span[0]:occ.span[1]] == occ.found
        if occ.source:
            assert texts[occ.tu]["en"][occ.source_span[0]:occ.source_span[1]] == occ.source
    # the report keeps the texts of the units with a finding only (a memory may hold a million units)
    assert sorted(result.texts) == ["ats-142", "ats-375", "ats-73", "ats-8"] and result.units == len(units)


def test_findings_say_what_is_wrong_and_where(units):
    findings = check_units(units, glossary(), ["et", "lv", "lt"]).findings
    assert [(f.severity, f.concept, f.lang, f.message, f.term, f.found, f.tu, f.document, f.places)
            for f in findings] == [
        ("error", "c-locknut", "lt", "'Locking nut': deprecated variant 'Kontraveržlė' (kontraveržlė); "
         "approved: 'kontrveržlė'",
         "kontraveržlė", "Kontraveržlė", "ats-8", "ats", ()),
        ("error", "c-caliper", "et", "forbidden term 'Pidurisadul' (pidurisadul); approved: 'pidurikaliiber'",
         "pidurisadul", "Pidurisadul", "ats-73", "ats", ()),
        ("error", "c-caliper", "et", "'brake caliper': forbidden variant 'pidurisadul' (pidurisadul); "
         "approved: 'pidurikaliiber'",
         "pidurisadul", "pidurisadul", "ats-142", "ats", ()),
        ("missing", "c-rotor", "lv", "'disc rotor': no term for the concept (preferred: 'bremžu disks')",
         "bremžu disks", None, "ats-142", "ats", ()),
        ("info", "c-plastic", "et", "'plastic region bolts': admitted variant 'plastosa polte' (plastosa polt)",
         "plastosa polt", "plastosa polte", "ats-375", "ats", ()),
        ("inconsistency", "c-plastic", "et",
         "'plastic region bolt' rendered as 'plastilise ala polt' (preferred) 2x, 'plastosa polt' (admitted) 1x",
         "plastic region bolt", None, None, None, ("plastilise ala polt: ats-216 (2x)", "plastosa polt: ats-375")),
    ]


def test_status_severities_are_the_documented_ones():
    """README and tm/terms/check.py: preferred -> ok, admitted -> info, deprecated, superseded, forbidden -> error;
    and reports list the severities worst first."""
    assert {status: status.severity for status in TermStatus} == {
        "preferred": "ok", "admitted": "info", "deprecated": "error", "superseded": "error", "forbidden": "error"}
    assert list(Severity) == ["error", "missing", "inconsistency", "info", "ok"]


def test_diacritics_are_respected(units):
    """`varztas` is not `varžtas`: a glossary without the diacritics finds nothing in Lithuanian."""
    bare = Glossary([Term("c", "en", "bolt"), Term("c", "lt", "varztas")])
    result = check_units(units[:1], bare, ["lt"])
    assert [(o.severity, o.found) for o in result.occurrences] == [("missing", None)]


def tm(*args, cwd):
    return run_tm(*args, cwd=cwd)


def test_cli_json_and_exit_codes(tmp_path, units):
    write_tmx(tmp_path / "m.tmx", units)
    write_glossary(glossary(), tmp_path / "g.tbx")
    result = tm("check", "--memory", "m.tmx", "--glossary", "g.tbx", cwd=tmp_path)
    assert result.returncode == 1, result.stderr  # errors present: the gate closes
    report = json.loads(result.stdout)
    assert [(o["tu"], o["lang"], o["concept"], o["severity"], o["found"]) for o in report["occurrences"]] == EXPECTED
    assert set(report["occurrences"][0]) >= {"tu", "document", "lang", "term", "concept", "status", "found", "severity"}
    assert report["summary"]["et"] == {"ok": 11, "error": 2, "info": 1, "inconsistency": 1}
    clean = tm("check", "-m", "m.tmx", "-g", "g.tbx", "--langs", "lv", cwd=tmp_path)
    assert clean.returncode == 0 and json.loads(clean.stdout)["summary"] == {"lv": {"ok": 12, "missing": 1}}


@pytest.mark.parametrize("args,message", [
    (["--langs", "et,xx"], "tm: error: --langs: unknown language code 'xx'\n"),
    (["-g", "none.tbx"], "tm: error: none.tbx: no such glossary file\n"),
    (["-m", "none.db"], "tm: error: none.db: no such memory "
                        "(import into it, or run tm build; a .tmx file serves as a memory too)\n"),
])
def test_cli_bad_input_exits_2(tmp_path, units, args, message):
    write_tmx(tmp_path / "m.tmx", units)
    write_glossary(glossary(), tmp_path / "g.tbx")
    result = tm("check", "-m", "m.tmx", "-g", "g.tbx", *args, cwd=tmp_path)
    assert (result.returncode, result.stderr) == (2, message)


@pytest.mark.parametrize("fmt", ["md", "csv", "html", "json"])
def test_cli_writes_each_report_format(tmp_path, units, fmt):
    write_tmx(tmp_path / "m.tmx", units)
    write_glossary(glossary(), tmp_path / "g.tbx")
    result = tm("check", "-m", "m.tmx", "-g", "g.tbx", "--format", fmt, "-o", f"r.{fmt}", cwd=tmp_path)
    assert result.returncode == 1 and result.stdout == ""
    assert "Kontraveržlė" in (tmp_path / f"r.{fmt}").read_text(encoding="utf-8")
