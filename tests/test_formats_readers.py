"""Readers of the exchange formats: LibreOffice's MO catalogues merged across languages, XLIFF 1.2 and 2.0,
CSV/TSV with a header of language codes."""

from __future__ import annotations

import csv

from tm.formats.table_reader import read_table
from tm.formats.xliff_reader import read_xliff
from tm.memory import open_memory
from tm.records import TranslationUnit


def test_libreoffice_catalogues_merge_by_component_context_and_message(libreoffice_memory, shared):
    """The MANIFEST's derived TSV, key for key; it differs only where a 'translation' is blank (" "),
    which we skip, and for plural messages, where we pair msgid with the singular msgstr[0]."""
    with open_memory(libreoffice_memory) as store:
        langs = store.languages()
        assert (store.count(), langs["en"], langs["et"], langs["lv"], langs["lt"]) == (27582, 27582, 26960, 22448,
                                                                                        23879)
        mine = {(u.document, u.tuid, u.variants["en"]): u.variants for u in store.units()}
    table = shared / "data" / "libreoffice-ui-tm" / "libreoffice_ui_en_et_lv_lt.tsv"
    with table.open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle, delimiter="\t"))[1:]
    assert len(rows) == 27586
    differing = []
    for component, context, en, *texts in rows:
        expected = {"en": en, **{lang: t for lang, t in zip(("et", "lv", "lt"), texts, strict=True) if t.strip()}}
        if mine.get((component, context, en)) != expected:
            differing.append((component, context))
    assert len(differing) == 16
    assert mine[("acc", "RID_STR_ACC_ACTION_CHECK", "Check")] == {"en": "Check", "et": "Märgitud", "lv": "Atzīmēt",
                                                                  "lt": "Pažymėti"}
    assert mine[("sd", "STR_SLIDES", "%1 slide")] == {"en": "%1 slide", "et": "%1 slaid", "lv": "%1 slaids"}


def test_xliff_12_from_translate_toolkit(tmp_path):
    path = tmp_path / "lv.xlf"
    path.write_text("""<?xml version="1.0" encoding="utf-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file original="22019D0391" source-language="en-GB" target-language="lv-LV" datatype="po">
<body>
<trans-unit id="1" resname="t1">
<source>This Decision shall enter into force on the date of its <g id="1">adoption</g>.</source>
<target state="translated">Šis lēmums stājas spēkā tā pieņemšanas dienā.</target></trans-unit>
<trans-unit id="2"><source>For the Joint Committee</source><target state="needs-translation"/></trans-unit>
<group>
<trans-unit id="3"><source>The Chair<ph id="1">&lt;br/&gt;</ph></source>
<target>Priekšsēdētājs</target></trans-unit></group>
</body></file></xliff>""", encoding="utf-8")
    from tm.formats import ReadTally
    tally = ReadTally()
    assert list(read_xliff(path, tally)) == [
        TranslationUnit({"en": "This Decision shall enter into force on the date of its adoption.",
                         "lv": "Šis lēmums stājas spēkā tā pieņemšanas dienā."}, tuid="t1", document="22019D0391"),
        TranslationUnit({"en": "The Chair", "lv": "Priekšsēdētājs"}, document="22019D0391")]
    assert dict(tally.skipped) == {"untranslated unit": 1}


def test_xliff_20_segments_joined_per_unit(tmp_path):
    path = tmp_path / "et.xlf"
    path.write_text("""<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="et">
<file id="f1" original="22019D0391"><unit id="u1" name="title">
<segment state="final"><source>Decision No 1/2019</source><target>Otsus nr 1/2019</target></segment>
<ignorable><source> </source><target> </target></ignorable>
<segment><source>of the <pc id="1">Committee</pc></source><target>komitee<ph id="2"/></target></segment>
</unit><unit id="u2"><segment state="initial"><source>Not yet</source><target></target></segment></unit></file>
</xliff>""", encoding="utf-8")
    assert list(read_xliff(path)) == [TranslationUnit({"en": "Decision No 1/2019 of the Committee",
                                                       "et": "Otsus nr 1/2019 komitee"}, tuid="title",
                                                      document="22019D0391")]


def test_tsv_of_the_dgt_sample(shared):
    units = list(read_table(shared / "data" / "dgt-tm-sample" / "dgt_sample_en_et_lv_lt.tsv"))
    assert len(units) == 3036
    assert units[0] == TranslationUnit({"en": "Agreement", "et": "TÕLGE", "lv": "TULKOJUMS", "lt": "VERTIMAS"},
                                       tuid="0", document="22019A0315(01)")


def test_semicolon_csv_with_bom_and_regional_codes(tmp_path):
    path = tmp_path / "glossary.csv"
    path.write_bytes("\ufeffEN-GB;LV-01;lt_LT\nBaltic Assembly;Baltijas Asambleja;\n;;\n".encode("utf-8"))
    assert list(read_table(path)) == [TranslationUnit({"en": "Baltic Assembly", "lv": "Baltijas Asambleja"})]
