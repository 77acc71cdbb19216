"""The glossary reads and writes TBX v3 (TBX-Basic), TBX v2 (martif) and CSV/TSV without loss."""

from __future__ import annotations

import pytest
from lxml import etree
from tm_runner import run_tm

from tm.errors import InputError
from tm.records import Term
from tm.terms.glossary import Glossary
from tm.terms.io import read_glossary, write_glossary

RNG = "standards/tbx-basic/TBXcoreStructV03_TBX-Basic_integrated.rng"


def relaxng(shared):
    return etree.RelaxNG(etree.parse(str(shared / RNG)))


def tm(*args, cwd=None):
    return run_tm(*args, cwd=cwd)


@pytest.fixture(scope="module")
def english(corpora) -> Glossary:
    return read_glossary(corpora / "glossary" / "en.tsv")


def test_long_tsv_reads_every_row_with_status_and_domain(english):
    assert len(english.terms) == 219
    assert len(english.concepts()) == 205
    assert english.terms_of("c004") == [Term("c004", "en", "Republic of Estonia", status="preferred"),
                                        Term("c004", "en", "Estonia", status="admitted")]
    assert english.domains["c001"] == "institution"


def test_wide_tsv_names_concepts_by_the_english_term(shared):
    glossary = read_glossary(shared / "data/tilde-ats-dev/glossary_en_et_lv_lt.tsv")
    assert len(glossary.concepts()) == 523
    assert glossary.terms_of("2-stroke engine") == [
        Term("2-stroke engine", "en", "2-stroke engine"), Term("2-stroke engine", "et", "kahetaktiline mootor"),
        Term("2-stroke engine", "lv", "divu taktu dzinējs"), Term("2-stroke engine", "lt", "dvitaktis variklis")]


@pytest.mark.parametrize("style", ["DCA", "DCT"])
def test_tbx_basic_examples_read_alike(shared, style):
    glossary = read_glossary(shared / f"standards/tbx-basic/Example_Astronomy_{style}_VALID.tbx")
    assert glossary.terms_of("c1") == [
        Term("c1", "en", "open cluster"),
        Term("c1", "en", "galactic cluster", status="superseded", note=(
            "Another name for an open star cluster. They are often termed Galactic Clusters because they are found "
            "mainly in the plane of our galaxy. If you were to view our galaxy from afar, you would find that all "
            "the open/galactic clusters lie within the spiral arms of the galaxy.; "
            "N-Source: http://www.delscope.demon.co.uk/astronomy/glossary.htm#G")),
        Term("c1", "es", "cúmulo abierto")]
    assert [t.status for t in glossary.terms_of("c38", "es")] == ["admitted", "deprecated", "deprecated", "preferred"]
    assert glossary.domains["c2"] == "Stellar Birth"


def _with_every_status(english: Glossary) -> Glossary:
    extra = [Term("c001", "et", "Balti Assamblee"), Term("c001", "et", "Balti Assamblea", status="deprecated"),
             Term("c001", "lv", "Baltijas Asambleja"), Term("c001", "lv", "Baltijas asambleja", status="superseded"),
             Term("c001", "lt", "Baltijos Asamblėja"), Term("c001", "lt", "Pabaltijo Asamblėja", status="forbidden",
                  note="soviet-era name")]
    return Glossary(english.terms + extra, dict(english.domains))


@pytest.mark.parametrize("name,fmt", [("g.tbx", None), ("g2.tbx", "tbx2"), ("g.csv", None), ("g.tsv", None)])
def test_every_format_round_trips(tmp_path, english, name, fmt):
    glossary = _with_every_status(english)
    write_glossary(glossary, tmp_path / name, fmt)
    again = read_glossary(tmp_path / name)
    assert again.by_concept() == glossary.by_concept()
    assert again.domains == glossary.domains


def test_tbx_export_is_valid_tbx_basic_and_forbidden_survives_as_deprecated_with_a_note(shared, tmp_path, english):
    write_glossary(_with_every_status(english), tmp_path / "g.tbx")
    doc = etree.parse(str(tmp_path / "g.tbx"))
    schema = relaxng(shared)
    assert schema.validate(doc), schema.error_log
    ns = {"t": "urn:iso:std:iso:30042:ed-2"}
    sec = doc.xpath("//t:termSec[t:term='Pabaltijo Asamblėja']", namespaces=ns)[0]
    assert sec.xpath("t:termNote/text()", namespaces=ns) == ["deprecatedTerm-admn-sts"]
    assert sec.xpath("t:note/text()", namespaces=ns) == ["tm-status: forbidden", "soviet-era name"]


def test_tbx2_export_is_read_by_translate_toolkit(tmp_path, english):
    from translate.storage.tbx import tbxfile

    write_glossary(english, tmp_path / "g.tbx", "tbx2")
    store = tbxfile.parsefile(str(tmp_path / "g.tbx"))
    assert len(store.units) == 205
    assert store.units[0].source == "Baltic Assembly"


def test_tilde_glossary_exports_valid_tbx(shared, tmp_path):
    write_glossary(read_glossary(shared / "data/tilde-ats-dev/glossary_en_et_lv_lt.tsv"), tmp_path / "ats.tbx")
    assert relaxng(shared).validate(etree.parse(str(tmp_path / "ats.tbx")))


@pytest.mark.parametrize("name,content,message", [
    ("bad.tbx", b"<tbx><text><body><conceptEntry id='a'>\n<langSec xml:lang='et'>\n</tbx>",
     "bad.tbx:3:7: malformed XML"),
    ("bomb.tbx", b'<?xml version="1.0"?><!DOCTYPE tbx [<!ENTITY a "aaaa">]><tbx>&a;</tbx>',
     "bomb.tbx: refused: the document declares XML entities"),
    ("other.tbx", b"<tmx version='1.4'/>", "other.tbx:1: not a TBX file (root element <tmx>)"),
    ("status.tbx", b"<tbx><text><body><conceptEntry id='a'><langSec xml:lang='et'><termSec><term>x</term>\n"
                   b"<termNote type='administrativeStatus'>bestTerm</termNote></termSec></langSec></conceptEntry>"
                   b"</body></text></tbx>", "status.tbx:2: unknown administrative status 'bestTerm'"),
    ("short.tsv", b"concept\tlang\tterm\tstatus\nc1\tet\tpolt\n", "short.tsv:2: 3 fields where the header has 4"),
    ("status.csv", b"concept,lang,term,status\nc1,et,polt,best\n", "status.csv:2: unknown status 'best'"),
    ("lang.csv", b"en,xx-latn-zz\nbolt,polt\n", "lang.csv:1: unknown column 'xx-latn-zz'"),
    ("latin1.tsv", b"en\tet\nbolt\tp\xf5lt\n", "latin1.tsv:2: not UTF-8 (byte 0xf5 at column 7)"),
])
def test_bad_glossary_is_one_line_with_its_place_and_exit_2(tmp_path, name, content, message):
    (tmp_path / name).write_bytes(content)
    with pytest.raises(InputError) as caught:
        read_glossary(tmp_path / name)
    assert str(caught.value).replace(str(tmp_path) + "/", "").startswith(message)
    result = tm("glossary", "list", "-g", name, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith(f"tm: error: {message}") and result.stderr.count("\n") == 1


def test_cli_import_show_list_export(tmp_path, corpora, shared):
    result = tm("glossary", "import", str(corpora / "glossary/en.tsv"), "-g", "g.tbx", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ("read 219 terms, added 219\n"
                             "g.tbx: 205 concepts, 219 terms (en 219); preferred 205, admitted 14\n")
    assert tm("glossary", "show", "estonia", "-g", "g.tbx", cwd=tmp_path).stdout == (
        "c004 (state)\n  en  preferred   Republic of Estonia\n  en  admitted    Estonia\n")
    listing = tm("glossary", "list", "-g", "g.tbx", cwd=tmp_path).stdout.splitlines()
    assert listing[:2] == ["concept\ten", "c001\tBaltic Assembly"] and len(listing) == 206
    assert tm("glossary", "export", "g.csv", "-g", "g.tbx", cwd=tmp_path).returncode == 0
    assert read_glossary(tmp_path / "g.csv").terms == read_glossary(corpora / "glossary/en.tsv").terms
    again = tm("glossary", "import", str(corpora / "glossary/en.tsv"), "-g", "g.tbx", cwd=tmp_path)
    assert again.stdout.startswith("read 219 terms, added 0\n")


def test_failed_import_leaves_the_glossary_unchanged(tmp_path, corpora):
    tm("glossary", "import", str(corpora / "glossary/en.tsv"), "-g", "g.tbx", cwd=tmp_path)
    before = (tmp_path / "g.tbx").read_bytes()
    (tmp_path / "bad.tsv").write_bytes(b"concept\tlang\tterm\nc1\tet\n")
    result = tm("glossary", "import", "bad.tsv", "-g", "g.tbx", cwd=tmp_path)
    assert result.returncode == 2 and result.stderr == "tm: error: bad.tsv:2: 2 fields where the header has 3\n"
    assert (tmp_path / "g.tbx").read_bytes() == before
