"""Bad input to `tm import` / `query` / `export`: one line on stderr naming file and place, exit 2, and the
store exactly as it was (same bytes, same units)."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from memory_fixtures import units_of
from tm_runner import run_tm

from tm.memory import open_memory
from tm.memory.importer import import_files
from tm.records import TranslationUnit

DGT_FILE = "22019D0391.tmx"


@pytest.fixture
def memory(shared, tmp_path) -> Path:
    path = tmp_path / "memory.db"
    with open_memory(path) as store:
        import_files(store, [shared / "data" / "dgt-tm-sample" / "tmx" / DGT_FILE])
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def assert_refused(memory: Path, args: list[str], expected: str) -> None:
    before, rows = digest(memory), units_of(memory)
    result = run_tm(*args, "--memory", str(memory))
    assert (result.returncode, result.stdout, result.stderr) == (2, "", f"tm: error: {expected}\n")
    assert digest(memory) == before and units_of(memory) == rows


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


GOOD_TU = b'<tu><tuv xml:lang="en"><seg>Agreement</seg></tuv><tuv xml:lang="lv"><seg>Nol\xc4\xabgums</seg></tuv></tu>'


def tmx(body: bytes, prolog: bytes = b"") -> bytes:
    return prolog + b'<tmx version="1.4"><header srclang="en"/><body>' + GOOD_TU + body + b"</body></tmx>"


CASES = {
    "malformed": (tmx(b"<tu><tuv xml:lang='en'><seg>a</tuv></tu>"),
                  "1:181: malformed XML: Opening and ending tag mismatch: seg line 1 and tuv"),
    "entity bomb": (tmx(b"<tu><tuv xml:lang='en'><seg>&b;</seg></tuv></tu>",
                        b'<!DOCTYPE tmx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n'),
                    "refused: the document declares XML entities"),
    "external entity": (tmx(b"<tu><tuv xml:lang='en'><seg>&x;</seg></tuv></tu>",
                            b'<!DOCTYPE tmx [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'),
                        "refused: the document declares XML entities"),
    "latin-1 in utf-8": (tmx(b"<tu><tuv xml:lang='en'><seg>K\xe4se</seg></tuv></tu>",
                             b'<?xml version="1.0" encoding="UTF-8"?>\n'),
                         "2:175: malformed XML: Invalid bytes in character encoding"),
    "empty segment": (tmx(b"<tu><tuv xml:lang='en'><seg>a</seg></tuv><tuv xml:lang='lv'><seg> </seg></tuv></tu>"),
                      "1: empty segment (lv)"),
    "unknown language": (tmx(b"<tu><tuv lang='EN-GB'><seg>a</seg></tuv><tuv lang='QQ-01'><seg>b</seg></tuv></tu>"),
                         "1: unknown language code 'QQ-01'"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_tmx_leaves_the_store_unchanged(case, memory, tmp_path):
    data, message = CASES[case]
    path = write(tmp_path / "bad.tmx", data)
    place, _, rest = message.partition(": ") if message[0].isdigit() else ("", "", message)
    assert_refused(memory, ["import", str(path)], f"{path}:{place}: {rest}" if place else f"{path}: {rest}")


def test_a_bad_file_after_a_good_one_adds_neither(memory, shared, tmp_path):
    good = shared / "data" / "dgt-tm-sample" / "tmx" / "22019D0437.tmx"
    bad = write(tmp_path / "bad.tmx", CASES["empty segment"][0])
    assert_refused(memory, ["import", str(good), str(bad)], f"{bad}:1: empty segment (lv)")


def test_entities_in_xliff_are_refused_too(memory, tmp_path):
    path = write(tmp_path / "bomb.xlf", b'<!DOCTYPE xliff [<!ENTITY x SYSTEM "http://example.org/x">]>\n'
                 b'<xliff version="1.2"><file source-language="en" target-language="lv" original="d"><body>'
                 b'<trans-unit id="1"><source>&x;</source><target>b</target></trans-unit></body></file></xliff>')
    assert_refused(memory, ["import", str(path)], f"{path}: refused: the document declares XML entities")


def test_csv_not_utf8_and_unknown_header(memory, tmp_path):
    latin = write(tmp_path / "latin.csv", b"en,lv\nAgreement,Nol\xc4\xabgums\nK\xe4se,x\n")
    assert_refused(memory, ["import", str(latin)], f"{latin}:3: not UTF-8 (byte 0xe4 at column 2)")
    header = write(tmp_path / "header.csv", b"en,latvian\nAgreement,x\n")
    assert_refused(memory, ["import", str(header)], f"{header}:1: unknown language code 'latvian' in the header")


def test_unknown_format_and_missing_file(memory, tmp_path):
    doc = write(tmp_path / "memory.docx", b"PK")
    assert_refused(memory, ["import", str(doc)],
                   f"{doc}: unknown format '.docx' (known: .csv, .mo, .po, .tmx, .tsv, .xlf, .xliff)")
    assert_refused(memory, ["import", str(tmp_path / "nope.tmx")], f"{tmp_path / 'nope.tmx'}: no such file")


def test_not_a_tm_store(shared, tmp_path):
    tmx_file = str(shared / "data" / "dgt-tm-sample" / "tmx" / DGT_FILE)
    text = write(tmp_path / "notes.db", b"just some notes\n" * 10)
    before = digest(text)
    result = run_tm("import", tmx_file, "--memory", str(text))
    assert (result.returncode, result.stderr) == (2, f"tm: error: {text}: not a tm memory (not an SQLite database)\n")
    assert digest(text) == before
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE photos (name TEXT)")
    before = digest(other)
    result = run_tm("query", "Agreement", "--tgt", "lv", "--memory", str(other))
    assert result.stderr == f"tm: error: {other}: not a tm memory (an SQLite database of something else)\n"
    assert digest(other) == before


def test_read_only_store(memory, shared):
    memory.chmod(0o444)
    tmx_file = str(shared / "data" / "dgt-tm-sample" / "tmx" / "22019D0437.tmx")
    assert_refused(memory, ["import", tmx_file], f"{memory}: the memory is read-only (file permissions)")
    result = run_tm("query", "This Decision shall enter into force on the date of its adoption.", "--tgt", "lv",
                    "--memory", str(memory), "--json")
    assert result.returncode == 0 and '"score": 100' in result.stdout  # reading still works


def test_locked_store(memory, shared, monkeypatch):
    from tm.memory.sqlite_store import SQLiteStore

    monkeypatch.setitem(SQLiteStore.__init__.__kwdefaults__, "timeout", 0.2)  # the store waits 5 s before giving up
    blocker = sqlite3.connect(memory, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        tmx_file = str(shared / "data" / "dgt-tm-sample" / "tmx" / "22019D0437.tmx")
        result = run_tm("import", tmx_file, "--memory", str(memory))
        assert (result.returncode, result.stderr) == (2, f"tm: error: {memory}: the memory is locked by another "
                                                         "program (an import still running?); try again later\n")
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()


def test_interrupted_import_rolls_back_and_readers_see_the_old_memory(memory):
    before = units_of(memory)

    def units():
        for n in range(10):
            yield TranslationUnit({"en": f"clause {n}", "lv": f"klauzula {n}"})
            if n == 5:
                with open_memory(memory, readonly=True) as reader:  # a reader during the import (WAL)
                    assert reader.count() == 25
                raise KeyboardInterrupt

    with open_memory(memory) as store, pytest.raises(KeyboardInterrupt):
        store.add_units(units(), origin="test")
    assert units_of(memory) == before


def test_query_options(memory):
    assert_refused(memory, ["query", "Agreement", "--tgt", "xx"], "--tgt: unknown language code 'xx'")
    assert_refused(memory, ["query", "Agreement", "--src", "lv", "--tgt", "LV-01"],
                   "--src and --tgt are both 'lv'")
    assert_refused(memory, ["query", "Agreement", "--tgt", "lv", "--limit", "-1"],
                   "--limit: -1 is not in the range x>=1.")
    assert_refused(memory, ["query", "Agreement", "--tgt", "lv", "--min", "101"],
                   "--min: 101 is not in the range 0<=x<=100.")
    assert_refused(memory, ["query", "Agreement", "--tgt", "lv", "--limt", "3"],
                   "No such option '--limt'. Did you mean '--limit'? (see 'tm query --help')")


def test_missing_memory_is_not_created_by_a_query(tmp_path):
    missing = tmp_path / "none.db"
    result = run_tm("query", "Agreement", "--tgt", "lv", "--memory", str(missing))
    assert result.stderr == (f"tm: error: {missing}: no such memory (import into it, or run tm build; a .tmx file "
                             "serves as a memory too)\n")
    assert not missing.exists()


def test_failed_first_import_leaves_no_memory(tmp_path):
    bad = write(tmp_path / "bad.tmx", CASES["malformed"][0])
    fresh = tmp_path / "fresh.db"
    result = run_tm("import", str(bad), "--memory", str(fresh))
    assert result.returncode == 2 and not list(tmp_path.glob("fresh.db*"))


def test_export_options(memory, tmp_path):
    out = tmp_path / "out.tmx"
    assert_refused(memory, ["export", str(out), "--document", "nope"], "--document: no unit of document 'nope' in "
                                                                        "the memory")
    assert_refused(memory, ["export", str(out), "--langs", "en,ga"], "--langs: the memory has no text in ga")
    assert_refused(memory, ["export", str(out), "--langs", "en,zz"], "--langs: unknown language code 'zz'")
    assert_refused(memory, ["export", str(tmp_path / "po"), "--format", "po", "--langs", "en"],
                   "--langs: po is bilingual: name a source and at least one target language")
    assert not out.exists()
