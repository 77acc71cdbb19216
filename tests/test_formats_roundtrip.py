"""import -> export -> import gives the same memory, for every export format; the exports are valid for the
tools that read them (TMX DTD, msgfmt -c, translate-toolkit's pretranslate)."""

from __future__ import annotations

import shutil
import subprocess

import polib
import pytest
from lxml import etree
from memory_fixtures import units_of
from tm_runner import run_tm

from tm.memory import open_memory
from tm.memory.importer import import_files

LANGS4 = ["en", "et", "lv", "lt"]


def reimport(paths, tmp_path):
    path = tmp_path / "again.db"
    with open_memory(path) as store:
        summary = import_files(store, paths)
    return path, summary


def test_tmx_round_trip_keeps_all_23_languages_and_documents(dgt_memory, tmp_path, shared):
    out = tmp_path / "memory.tmx"
    result = run_tm("export", str(out), "--memory", str(dgt_memory))
    assert result.stdout == f"wrote {out} (3036 units)\n"
    dtd = etree.DTD(str(shared / "standards" / "tmx14.dtd"))
    assert dtd.validate(etree.parse(str(out))), dtd.error_log.filter_from_errors()
    again, summary = reimport([out], tmp_path)
    assert (summary.read, summary.added) == (3036, 3036)
    assert units_of(again) == units_of(dgt_memory)


def test_csv_round_trip(dgt_memory, tmp_path):
    out = tmp_path / "memory.csv"
    assert run_tm("export", str(out), "--format", "csv", "--langs", "en,et,lv,lt",
                  "--memory", str(dgt_memory)).returncode == 0
    assert out.read_text(encoding="utf-8").splitlines()[:2] == [
        "document,tuid,en,et,lv,lt", "22019A0315(01),,Agreement,TÕLGE,TULKOJUMS,VERTIMAS"]
    again, _ = reimport([out], tmp_path)
    assert units_of(again) == units_of(dgt_memory, LANGS4)


def test_xliff_round_trip_per_target_language(dgt_memory, tmp_path):
    out = tmp_path / "xliff"
    result = run_tm("export", str(out), "--format", "xliff", "--langs", "en,et,lv,lt", "--memory", str(dgt_memory))
    assert result.stdout.splitlines() == [f"wrote {out}/et.xlf (2588 units)", f"wrote {out}/lv.xlf (2650 units)",
                                          f"wrote {out}/lt.xlf (2647 units)"]
    from translate.storage import factory
    lv = factory.getobject(str(out / "lv.xlf"))  # translate-toolkit reads it as en -> lv XLIFF
    assert (len(lv.units), lv.getsourcelanguage(), lv.gettargetlanguage()) == (2650, "en", "lv")
    again, _ = reimport(sorted(out.glob("*.xlf")), tmp_path)
    # XLIFF 1.2 is bilingual: each file gives en+target units; together they hold every en-target pair
    pairs_before = {(doc, dict(variants)["en"], lang, dict(variants)[lang])
                    for doc, _, variants, *_ in units_of(dgt_memory, LANGS4) for lang in ("et", "lv", "lt")
                    if lang in dict(variants)}
    pairs_after = {(doc, dict(variants)["en"], lang, text) for doc, _, variants, *_ in units_of(again)
                   for lang, text in variants if lang != "en"}
    assert pairs_after == pairs_before and len(pairs_before) == 2588 + 2650 + 2647 - 0 - _repeats(dgt_memory)


def _repeats(path) -> int:
    """Pairs that occur twice in one document (kept once by a set)."""
    rows = units_of(path, LANGS4)
    pairs = [(doc, dict(v)["en"], lang, dict(v)[lang]) for doc, _, v, *_ in rows for lang in ("et", "lv", "lt")
             if lang in dict(v)]
    return len(pairs) - len(set(pairs))


def test_po_round_trip_of_keyed_catalogues(libreoffice_memory, tmp_path):
    out = tmp_path / "po"
    result = run_tm("export", str(out), "--format", "po", "--memory", str(libreoffice_memory))
    assert result.stdout.splitlines() == [f"wrote {out}/et.po (26960 units)", f"wrote {out}/lv.po (22448 units)",
                                          f"wrote {out}/lt.po (23879 units)"]
    again, _ = reimport(sorted(out.glob("*.po")), tmp_path)
    assert units_of(again) == units_of(libreoffice_memory)


@pytest.mark.skipif(not shutil.which("msgfmt"), reason="gettext's msgfmt is not installed")
def test_msgfmt_accepts_the_po_exports(dgt_memory, tmp_path):
    out = tmp_path / "po"
    assert run_tm("export", str(out), "--format", "po", "--langs", "en,et,lv,lt",
                  "--memory", str(dgt_memory)).returncode == 0
    for po in sorted(out.glob("*.po")):
        check = subprocess.run(["msgfmt", "-c", "-o", str(tmp_path / "out.mo"), str(po)], capture_output=True,
                               text=True)
        assert check.returncode == 0, check.stderr


def test_po_round_trip_of_unkeyed_units_with_repeated_sources(dgt_memory, tmp_path):
    out = tmp_path / "po"
    run_tm("export", str(out), "--format", "po", "--langs", "en,et,lv,lt", "--memory", str(dgt_memory))
    again, _ = reimport(sorted(out.glob("*.po")), tmp_path)
    assert units_of(again) == [row for row in units_of(dgt_memory, LANGS4) if len(row[2]) > 1]


@pytest.mark.skipif(not shutil.which("pretranslate"), reason="translate-toolkit's pretranslate is not on PATH")
def test_pretranslate_uses_the_po_export_as_memory(dgt_memory, tmp_path):
    memory = tmp_path / "lv.po"
    run_tm("export", str(memory), "--format", "po", "--langs", "en,lv", "--memory", str(dgt_memory))
    template = polib.POFile()
    template.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "lv"}
    for source in ("This Decision shall enter into force on the date of its adoption.",
                   "This Decision shall enter into force on the day of its adoption."):
        template.append(polib.POEntry(msgid=source, msgstr=""))
    template.save(str(tmp_path / "new.po"))
    # pretranslate needs an old translation (-t) to run at all: the untranslated file serves
    result = subprocess.run(["pretranslate", "--tm", str(memory), "-t", str(tmp_path / "new.po"),
                             "-i", str(tmp_path / "new.po"),
                             "-o", str(tmp_path / "done.po")], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    done = polib.pofile(str(tmp_path / "done.po"))
    assert [(e.msgstr, e.fuzzy) for e in done] == [("Šis lēmums stājas spēkā tā pieņemšanas dienā.", False),
                                                   ("Šis lēmums stājas spēkā tā pieņemšanas dienā.", True)]


def test_clause_references_stay_structured_through_tmx_and_the_store(tmp_path):
    """`clauses` is a mapping everywhere; only TMX (and the store's props) spell it `en:0,1;lv:2`."""
    from tm.formats.tmx_reader import read_tmx
    from tm.formats.tmx_writer import write_tmx
    from tm.memory import open_memory
    from tm.records import TranslationUnit

    unit = TranslationUnit({"en": "A. B.", "lv": "A un B."}, tuid="t1", clauses={"en": (0, 1), "lv": (2,)})
    write_tmx(tmp_path / "m.tmx", [unit], langs=("en", "lv"))
    assert '<prop type="x-clauses">en:0,1;lv:2</prop>' in (tmp_path / "m.tmx").read_text(encoding="utf-8")
    (read,) = list(read_tmx(tmp_path / "m.tmx"))
    assert (read.clauses, read.props) == ({"en": (0, 1), "lv": (2,)}, {})
    with open_memory(tmp_path / "m.db") as store:
        store.add_units([read], origin="test")
        (stored,) = list(store.units())
    assert stored.clauses == {"en": (0, 1), "lv": (2,)}
