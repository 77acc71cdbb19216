"""`tm import` into the SQLite store: real DGT-TM files keep their documents and codes, a second import adds
nothing, the memory comes from the environment or a TMX path, and the same import gives identical files (the
sample's MANIFEST counts are checked for both stores in test_memory_store.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from tm_runner import run_tm

from tm.memory import open_memory
from tm.memory.importer import import_files
from tm.records import TranslationUnit


@pytest.fixture(scope="module")
def dgt_files(shared) -> list[Path]:
    return sorted((shared / "data" / "dgt-tm-sample" / "tmx").glob("*.tmx"))


def test_first_unit_keeps_its_document_and_normalised_codes(dgt_files, tmp_path):
    with open_memory(tmp_path / "m.db") as store:
        import_files(store, [dgt_files[0]])
        first = next(store.units(["en", "et", "lv", "lt"]))
    assert first == TranslationUnit({"en": "Agreement", "et": "TÕLGE", "lv": "TULKOJUMS", "lt": "VERTIMAS"},
                                    document="22019A0315(01)", origin="22019A0315(01).tmx")


def test_cli_import_twice_adds_nothing_the_second_time(dgt_files, tmp_path):
    memory = str(tmp_path / "m.db")
    first = run_tm("import", *map(str, dgt_files[:3]), "--memory", memory)
    assert first.returncode == 0, first.stderr
    added = int(first.stdout.split("added ")[1].split(",")[0])
    second = run_tm("import", *map(str, dgt_files[:3]), "--memory", memory)
    assert second.stdout.splitlines()[0] == f"units read {added}, added 0, merged {added}, skipped 0"
    assert second.stdout.splitlines()[-1] == f"{memory}: {added} units"


def test_memory_from_environment(dgt_files, tmp_path):
    import os
    memory = tmp_path / "env.db"
    result = run_tm("import", str(dgt_files[1]), env={**os.environ, "TM_MEMORY": str(memory)})
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == f"{memory}: 25 units"


def test_tmx_path_opens_as_a_temporary_store(dgt_files):
    with open_memory(dgt_files[1]) as store:
        assert store.count() == 25


def test_utf16_without_bom_reads_the_same(dgt_files, tmp_path):
    raw = dgt_files[1].read_bytes()
    assert raw[:2] == b"\xff\xfe"
    nobom = tmp_path / "nobom.tmx"
    nobom.write_bytes(raw[2:])
    with open_memory(dgt_files[1]) as a, open_memory(nobom) as b:
        assert [u.variants for u in a.units()] == [u.variants for u in b.units()]


def test_the_same_import_into_new_stores_gives_identical_files(dgt_files, tmp_path):
    """What `tm build` relies on: rebuilding (old file deleted) gives the same memory, byte for byte."""
    for name in ("a.db", "b.db"):
        with open_memory(tmp_path / name) as store:
            import_files(store, dgt_files[:5])
    assert (tmp_path / "a.db").read_bytes() == (tmp_path / "b.db").read_bytes()
