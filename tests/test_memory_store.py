"""The Store contract, held by both backends alike: an SQLite file and a database on a real PostgreSQL server."""

from __future__ import annotations

from collections import Counter
from datetime import datetime

import pytest

from tm.memory import open_memory
from tm.memory.importer import import_files
from tm.records import TranslationUnit


@pytest.fixture(params=["sqlite", "postgres"])
def location(request, tmp_path):
    """Where a new, empty memory is: a file, or a fresh database on the test server."""
    if request.param == "sqlite":
        return tmp_path / "memory.db"
    return request.getfixturevalue("postgres").database()


def clause(n: int, document: str = "d1", **more) -> TranslationUnit:
    return TranslationUnit({"en": f"clause {n}", "lv": f"klauzula {n}"}, document=document, **more)


def test_units_merge_by_fingerprint_and_read_back_whole(location):
    dated = TranslationUnit({"en": "Agreement", "et": "Leping", "lv": " "}, tuid="7", document="d2", kind="title",
                            score=0.5, created=datetime(2019, 3, 15, 10, 30), usage_count=3, props={"x-note": "ā"})
    with open_memory(location) as store:
        first = store.add_units([clause(1), clause(2), dated, TranslationUnit({"en": " "}), clause(1)], "a.tmx")
        again = store.add_units([clause(2), clause(3)], origin="b.tmx")
        assert (first.read, first.added, first.merged, dict(first.skipped)) == (5, 3, 1, {"no text in any language": 1})
        assert (again.added, again.merged) == (1, 1)
        assert store.count() == 4
        assert store.languages() == Counter({"en": 4, "lv": 3, "et": 1})
        assert store.documents() == ["d1", "d2"]
        units = list(store.units())
        assert [u.variants["en"] for u in units] == ["clause 1", "clause 2", "Agreement", "clause 3"]
        assert units[2] == TranslationUnit({"en": "Agreement", "et": "Leping"}, tuid="7", document="d2", kind="title",
                                           score=0.5, origin="a.tmx", created=datetime(2019, 3, 15, 10, 30),
                                           usage_count=3, props={"x-note": "ā"})
        assert units[3].origin == "b.tmx"


def test_reading_by_language_document_and_key(location):
    with open_memory(location) as store:
        store.add_units([clause(1), TranslationUnit({"et": "ainult eesti"}, document="d2"), clause(3, "d2")], "a")
        assert [u.variants for u in store.units(["lv", "en"], document="d2")] == [
            {"lv": "klauzula 3", "en": "clause 3"}]
        assert list(store.units(["et"])) == [TranslationUnit({"et": "ainult eesti"}, document="d2", origin="a")]
        texts = list(store.texts("en"))
        assert [text for _, text in texts] == ["clause 1", "clause 3"]
        assert list(store.keys("en")) == [key for key, _ in texts]
        fetched = store.fetch([texts[1][0], texts[0][0], texts[1][0]], ["lv"])
        assert {key: unit.variants for key, unit in fetched.items()} == {texts[0][0]: {"lv": "klauzula 1"},
                                                                         texts[1][0]: {"lv": "klauzula 3"}}


def test_generation_and_blobs(location):
    with open_memory(location) as store:
        start = store.generation()
        store.save_blob("index/en", b"old")
        assert bytes(store.load_blob("index/en")) == b"old"
        store.add_units([clause(1)], "a")
        moved = store.generation()
        assert moved != start and store.load_blob("index/en") is None  # stale once the units changed
        store.add_units([clause(1)], "a")
        assert store.generation() == moved  # merging changes nothing
        store.save_blob("index/en", memoryview(bytes(range(256)) * 1000))
    with open_memory(location, create=False) as again:  # saved with the memory, for the next client
        assert bytes(again.load_blob("index/en")) == bytes(range(256)) * 1000
        assert again.load_blob("index/lv") is None


def test_a_failed_import_changes_nothing(location):
    def units():  # past two batches of inserts, so that written rows must be rolled back
        yield from (clause(n) for n in range(1, 2500))
        with open_memory(location, readonly=True) as reader:  # meanwhile a reader sees the memory as it was
            assert reader.count() == 1
        raise KeyboardInterrupt

    with open_memory(location) as store:
        store.add_units([clause(0)], "a")
        generation = store.generation()
        with pytest.raises(KeyboardInterrupt):
            store.add_units(units(), "b")
        assert (store.count(), store.generation()) == (1, generation)
        assert store.add_units([clause(1)], "c").added == 1  # and the store is still usable


def test_dgt_sample_counts_match_its_manifest(location, shared):
    # MANIFEST: 3,036 TUs in 35 documents; missing TUVs et 448, lv 386, lt 389; 2,549 TUs with en+et+lv+lt.
    files = sorted((shared / "data" / "dgt-tm-sample" / "tmx").glob("*.tmx"))
    with open_memory(location) as store:
        summary = import_files(store, files)
        assert (summary.read, summary.added, summary.merged, sum(summary.skipped.values())) == (3036, 3036, 0, 0)
        assert (store.count(), len(store.documents())) == (3036, 35)
        langs = store.languages()
        assert (langs["en"], langs["et"], langs["lv"], langs["lt"], len(langs)) == (3036, 2588, 2650, 2647, 23)
        assert sum(1 for u in store.units(["en", "et", "lv", "lt"]) if len(u.variants) == 4) == 2549
