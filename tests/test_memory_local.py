"""Taking the translation back (issue 15, part 4): `tm add` of a translated document pair, `tm edit` / `tm delete`
of a unit by its id with a recorded history, equal matches ranked newer first with their dates, XLIFF exports of
several languages re-imported as multilingual units, and an index brought up to date instead of rebuilt."""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path

import numpy as np
from tm_runner import run_tm

from tm.memory import open_for_reading, open_memory
from tm.memory.importer import import_files
from tm.memory.ngram_index import LAYOUT, NgramIndex
from tm.memory.query import Indexes, Matcher, load_index
from tm.records import TranslationUnit

EN = """# RESOLUTION

The Baltic Assembly calls on the governments of Estonia, Latvia and Lithuania.

To strengthen cooperation in the field of energy security.

To develop the Rail Baltica railway line without delay.

To report annually on the implementation of this resolution.
"""
LV = """# REZOLŪCIJA

Baltijas Asambleja aicina Igaunijas, Latvijas un Lietuvas valdības.

Stiprināt sadarbību energoapgādes drošības jomā.

Nekavējoties attīstīt dzelzceļa līniju Rail Baltica.

Katru gadu ziņot par šīs rezolūcijas īstenošanu.
"""
ENERGY = "To strengthen cooperation in the field of energy security."


def documents(folder: Path, en: str = EN, lv: str = LV) -> tuple[str, str]:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "energy.en.md").write_text(en, encoding="utf-8")
    (folder / "energy.lv.md").write_text(lv, encoding="utf-8")
    return str(folder / "energy.en.md"), str(folder / "energy.lv.md")


def query_json(memory, text: str, *extra: str) -> dict:
    result = run_tm("query", text, "--tgt", "lv", "--json", "--memory", str(memory), *extra)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_add_aligns_a_translated_document_and_adds_its_units(tmp_path):
    memory = tmp_path / "m.db"
    src, tgt = documents(tmp_path / "job")
    result = run_tm("add", src, tgt, "--src", "en", "--tgt", "lv", "--memory", str(memory), "--by", "anna")
    assert result.returncode == 0, result.stderr
    assert result.stdout == ("energy.en: 5 en and 5 lv clauses aligned into 5 units\n"
                             "added 5 #1-#5, merged 0 (already in the memory)\n"
                             f"{memory}: 5 units\n")
    with open_memory(memory, create=False) as store:
        units = list(store.units())
        assert [u.variants["lv"] for u in units][2] == "Stiprināt sadarbību energoapgādes drošības jomā."
        assert {u.document for u in units} == {"energy.en"}
        assert {u.origin for u in units} == {"tm add energy.en.md energy.lv.md"}
        assert all(u.created and u.created.tzinfo and time.time() - u.created.timestamp() < 60 for u in units)
        assert [(c.action, c.who) for c in store.history(3)] == [("add", "anna")]
    again = run_tm("add", src, tgt, "--src", "en", "--tgt", "lv", "--memory", str(memory), "--document", "energy.en")
    assert again.stdout.splitlines()[1] == "added 0, merged 5 (already in the memory)"


def test_a_second_translation_is_kept_beside_the_first_and_the_newer_ranks_first(tmp_path):
    memory = tmp_path / "m.db"
    assert run_tm("add", *documents(tmp_path / "one"), "--src", "en", "--tgt", "lv", "--memory", str(memory),
                  "--document", "energy").returncode == 0
    time.sleep(1.1)  # dates are kept to the second
    newer = LV.replace("Stiprināt sadarbību energoapgādes drošības jomā.",
                       "Stiprināt sadarbību enerģētiskās drošības jomā.")
    result = run_tm("add", *documents(tmp_path / "two", lv=newer), "--src", "en", "--tgt", "lv", "--memory",
                    str(memory), "--document", "energy")
    assert result.stdout.splitlines()[1] == "added 1 #6, merged 4 (already in the memory)"
    found = query_json(memory, ENERGY)["matches"]
    assert [(m["score"], m["target"], m["id"]) for m in found] == [
        (100, "Stiprināt sadarbību enerģētiskās drošības jomā.", 6),
        (100, "Stiprināt sadarbību energoapgādes drošības jomā.", 3)]
    assert found[0]["date"] == found[1]["date"] == time.strftime("%Y-%m-%d", time.gmtime())
    text = run_tm("query", ENERGY, "--tgt", "lv", "--memory", str(memory)).stdout
    assert text.splitlines()[0] == f"100%  energy  #6  ({found[0]['date']})"


def test_edit_and_delete_by_id_are_recorded_and_seen_by_the_next_lookup(tmp_path):
    memory = tmp_path / "m.db"
    run_tm("add", *documents(tmp_path / "job"), "--src", "en", "--tgt", "lv", "--memory", str(memory))
    assert query_json(memory, ENERGY)["matches"][0]["id"] == 3
    result = run_tm("edit", "3", "--lang", "lv", "--text", "Stiprināt sadarbību enerģētiskās drošības jomā.",
                    "--by", "anna", "--memory", str(memory))
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == ("edited #3 (energy.en)\n"
                             "  lv: Stiprināt sadarbību [-energoapgādes-]{+enerģētiskās+} drošības jomā.\n")
    assert [m["target"] for m in query_json(memory, ENERGY)["matches"]] == [
        "Stiprināt sadarbību enerģētiskās drošības jomā."]
    assert run_tm("delete", "3", "--by", "jānis", "--memory", str(memory)).returncode == 0
    assert query_json(memory, ENERGY)["matches"] == []
    history = json.loads(run_tm("history", "3", "--json", "--memory", str(memory)).stdout)
    assert history["unit"] is None
    assert [(c["action"], c["by"]) for c in history["history"]][1:] == [("edit", "anna"), ("delete", "jānis")]
    assert history["history"][0]["action"] == "add" and history["history"][0]["by"]  # $USER
    assert history["history"][1]["before"]["variants"]["lv"] == "Stiprināt sadarbību energoapgādes drošības jomā."
    assert history["history"][2]["before"]["variants"]["lv"] == "Stiprināt sadarbību enerģētiskās drošības jomā."
    text = run_tm("history", "3", "--memory", str(memory)).stdout.splitlines()
    assert text[0] == "#3: deleted" and text[2].endswith("edit    by anna") and text[4].endswith("delete  by jānis")
    for args, message in [(("delete", "3"), "no unit #3 in the memory"), (("history", "99"), "no unit #99"),
                          (("edit", "4", "--lang", "lv", "--text", " "), "--text: the new text is empty")]:
        bad = run_tm(*args, "--memory", str(memory))
        assert bad.returncode == 2 and message in bad.stderr, bad.stderr


def test_an_edit_that_would_duplicate_another_unit_is_refused_and_changes_nothing(tmp_path):
    memory = tmp_path / "m.db"
    with open_memory(memory) as store:
        store.add_units([TranslationUnit({"en": "A.", "lv": "B."}), TranslationUnit({"en": "A.", "lv": "C."})], "t")
        generation = store.generation()
    result = run_tm("edit", "2", "--lang", "lv", "--text", "B.", "--memory", str(memory))
    assert (result.returncode, result.stderr) == (2, f"tm: error: {memory}: the edit would make unit #2 the same "
                                                     "as unit #1 (same texts, document and id); delete one of them "
                                                     "instead\n")
    with open_memory(memory, create=False) as store:
        assert store.generation() == generation and store.history(2) == []


# -- the index: brought up to date, not rebuilt ------------------------------------------------------------------

def numbered(n: int, start: int = 0) -> list[TranslationUnit]:
    return [TranslationUnit({"en": f"The Assembly adopts resolution number {i} on regional item {i % 97}.",
                             "lv": f"Asambleja pieņem rezolūciju numur {i} par reģionālo jautājumu {i % 97}."})
            for i in range(start, start + n)]


def test_adding_units_uses_the_saved_index_and_saves_nothing(tmp_path):
    memory = tmp_path / "m.db"
    with open_memory(memory) as store:
        store.add_units(numbered(3000), "big")
        load_index(store, "en")
        saved = store.blob_generation(f"ngram-index/{LAYOUT}/en/header")
        store.add_units(numbered(20, 5000), "more", by="anna")
        store.edit(7, "en", "A wholly different clause about fisheries.", "anna")
        store.delete(8, "anna")
        index = load_index(store, "en")
        assert isinstance(index, Indexes) and [len(part) for part in index.parts[1:]] == [21]
        assert store.blob_generation(f"ngram-index/{LAYOUT}/en/header") == saved  # nothing saved for the new one
        matcher = Matcher(store, "en", "lv")
        assert matcher.search("The Assembly adopts resolution number 5010 on regional item 63.")[0].key == 3011
        assert matcher.search("A wholly different clause about fisheries.")[0].key == 7
        assert all(m.key != 7 for m in matcher.search("The Assembly adopts resolution number 7 on regional item 7."))
        assert all(m.key != 8 for m in matcher.search("The Assembly adopts resolution number 8 on regional item 8."))


def test_an_index_brought_up_to_date_finds_what_a_rebuilt_one_finds(tmp_path):
    memory = tmp_path / "m.db"
    rng = np.random.default_rng(15)
    with open_memory(memory) as store:
        store.add_units(numbered(2500), "big")
        load_index(store, "en")
        store.add_units(numbered(300, 9000), "more", by="t")
        for key in rng.choice(np.arange(1, 2500), 40, replace=False).tolist():
            if key % 2:
                store.delete(key, "t")
            else:
                store.edit(key, "en", f"Edited clause {key} of the Assembly on regional item {key % 13}.", "t")
        incremental = Matcher(store, "en", "lv")
        assert isinstance(incremental.index, Indexes)
        full = Matcher(store, "en", "lv")
        full.index = NgramIndex.build(store.texts("en"))
        full.allowed = np.isin(full.index.keys, np.fromiter(store.keys("lv"), dtype=np.int64))
        queries = [f"The Assembly adopts resolution number {i} on regional item {(i + 1) % 97}." for i in
                   rng.choice(np.arange(0, 9300), 60).tolist()]
        for text in queries:  # the same scores (which of many units tied at 90% is proposed may differ)
            assert [m.percent for m in incremental.search(text)] == [m.percent for m in full.search(text)], text
        for key in range(0, 2500, 50):
            text = f"Edited clause {key} of the Assembly on regional item {key % 13}."
            assert [(m.percent, m.key) for m in incremental.search(text)][:1] == \
                   [(m.percent, m.key) for m in full.search(text)][:1], text


def test_an_index_held_is_brought_up_to_date_in_memory_without_loading_the_saved_one(tmp_path, monkeypatch):
    """What a server's worker does at each new generation: the index it holds takes the changes since its own
    generation (added to the newest small part, or a part of their own, the smallest joined past MAX_PARTS); the
    saved index is never read again (no load_blob call), its part is the very object loaded first, and every
    lookup is a rebuilt index's."""
    from tm.memory import query

    monkeypatch.setattr(query, "MAX_PARTS", 3)
    monkeypatch.setattr(query, "SMALL_PART", 30)
    rng = np.random.default_rng(17)
    with open_memory(tmp_path / "m.db") as store:
        store.add_units(numbered(2500), "big")
        first = load_index(store, "en")
        held, keys = (store.generation(), first), (store.generation(), query.keys_with_text(store, "lv"))
        loads = []
        monkeypatch.setattr(type(store), "load_blob", lambda self, *args: loads.append(args))
        for round, size in enumerate([3, 4, 25, 2, 40, 1, 5]):
            store.add_units(numbered(size, 10_000 + 100 * round), "more", by="t")
            for key in rng.choice(np.arange(1, 2500), 5, replace=False).tolist():
                if key % 3 == 0:
                    store.delete(key, "t")
                elif key % 3 == 1:
                    store.edit(key, "en", f"Edited clause {key} of the Assembly in round {round}.", "t")
                else:
                    store.edit(key, "lv", f"Labota klauzula {key}.", "t")
            held = (store.generation(), load_index(store, "en", held))
            keys = (store.generation(), query.keys_with_text(store, "lv", keys))
            assert isinstance(held[1], Indexes) and held[1].parts[0] is first and len(held[1].parts) <= 4
            assert keys[1].tolist() == list(store.keys("lv"))
        assert loads == []
        incremental = Matcher(store, "en", "lv", index=held[1], with_target=keys[1])
        full = Matcher(store, "en", "lv", index=NgramIndex.build(store.texts("en")))
        texts = [f"The Assembly adopts resolution number {i} on regional item {(i + 1) % 97}." for i in
                 rng.choice(np.arange(0, 2500), 40).tolist() + list(range(10_000, 10_700, 11))]
        texts += [f"Edited clause {key} of the Assembly in round {r}." for key in range(1, 2500, 3) for r in range(7)
                  if key % 3 == 1][:60]
        for text in texts:
            assert [m.percent for m in incremental.search(text)] == [m.percent for m in full.search(text)], text


def test_changes_past_a_share_of_the_index_rebuild_it_for_the_current_generation(tmp_path, monkeypatch):
    from tm.memory import query

    monkeypatch.setattr(query, "DELTA_MIN", 10)
    memory = tmp_path / "m.db"
    with open_memory(memory) as store:
        store.add_units(numbered(200), "big")
        load_index(store, "en")
        store.add_units(numbered(50, 1000), "more")
        index = load_index(store, "en")
        assert isinstance(index, NgramIndex) and len(index) == 250
        assert store.blob_generation(f"ngram-index/{LAYOUT}/en/header") == store.generation()


def test_an_index_held_past_the_share_of_changes_is_rebuilt(tmp_path, monkeypatch):
    from tm.memory import query

    monkeypatch.setattr(query, "DELTA_MIN", 10)
    with open_memory(tmp_path / "m.db") as store:
        store.add_units(numbered(200), "big")
        held = (store.generation(), load_index(store, "en"))
        store.add_units(numbered(6, 1000), "more")
        held = (store.generation(), load_index(store, "en", held))
        assert isinstance(held[1], Indexes) and held[1].changes == 6
        store.add_units(numbered(5, 2000), "more")
        index = load_index(store, "en", held)
        assert isinstance(index, NgramIndex) and len(index) == 211
        assert store.blob_generation(f"ngram-index/{LAYOUT}/en/header") == store.generation()


def test_read_commands_after_an_add_write_nothing(tmp_path):
    memory = tmp_path / "m.db"
    run_tm("add", *documents(tmp_path / "job"), "--src", "en", "--tgt", "lv", "--memory", str(memory))
    query_json(memory, ENERGY)  # builds and saves the index
    run_tm("edit", "2", "--lang", "lv", "--text", "Baltijas Asambleja aicina valdības.", "--memory", str(memory))
    before = {p.name: (p.stat().st_size, p.stat().st_mtime_ns) for p in tmp_path.iterdir()}
    assert query_json(memory, "The Baltic Assembly calls on the governments")["matches"]
    assert run_tm("history", "2", "--memory", str(memory)).returncode == 0
    assert {p.name: (p.stat().st_size, p.stat().st_mtime_ns) for p in tmp_path.iterdir()} == before


# -- memories written before the history table -------------------------------------------------------------------

def old_memory(path: Path) -> Path:
    with open_memory(path) as store:
        store.add_units(numbered(30), "old.csv")
    db = sqlite3.connect(path, isolation_level=None)
    db.executescript("DROP TABLE history;")
    db.close()
    return path


def test_a_memory_without_history_is_read_without_writing_and_upgraded_on_the_first_write(tmp_path):
    memory = old_memory(tmp_path / "old" / "m.db")
    with open_for_reading(memory, save_index=False) as store:
        assert store.history(3) == [] and store.changed_since("0") == set()
    before = {p.name: (p.stat().st_size, p.stat().st_mtime_ns) for p in memory.parent.iterdir()}
    shown = run_tm("history", "3", "--memory", str(memory))
    assert shown.stdout.splitlines()[-1] == "no recorded change (imported, never edited)"
    assert {p.name: (p.stat().st_size, p.stat().st_mtime_ns) for p in memory.parent.iterdir()} == before
    assert run_tm("edit", "3", "--lang", "lv", "--text", "Jauns.", "--memory", str(memory)).returncode == 0
    with open_for_reading(memory) as store:
        assert [c.action for c in store.history(3)] == ["edit"]


# -- XLIFF exports of several languages -------------------------------------------------------------------------

def test_xliff_files_of_several_languages_come_back_as_one_unit_per_clause(dgt_memory, tmp_path):
    out = tmp_path / "xliff"
    result = run_tm("export", str(out), "--format", "xliff", "--langs", "en,et,lv,lt", "--document", "22019D0391",
                    "--memory", str(dgt_memory))
    assert result.returncode == 0, result.stderr
    memory = tmp_path / "back.db"
    result = run_tm("import", *sorted(map(str, out.glob("*.xlf"))), "--memory", str(memory))
    assert result.returncode == 0, result.stderr
    with open_for_reading(dgt_memory) as store:
        wanted = sorted(sorted(u.variants.items()) for u in store.units(["en", "et", "lv", "lt"], "22019D0391")
                        if "en" in u.variants and len(u.variants) > 1)
    with open_for_reading(memory) as store:
        got = sorted(sorted(u.variants.items()) for u in store.units())
    assert got == wanted and max(len(v) for v in got) == 4
    with open_memory(memory) as store:  # importing them again adds nothing
        assert import_files(store, sorted(out.glob("*.xlf"))).added == 0


# -- PostgreSQL ----------------------------------------------------------------------------------------------------

def test_add_edit_delete_and_the_index_on_a_server(postgres, tmp_path):
    address = postgres.database()
    run_tm("add", *documents(tmp_path / "job"), "--src", "en", "--tgt", "lv", "--memory", address, "--by", "anna")
    assert query_json(address, ENERGY)["matches"][0]["id"] == 3
    with open_memory(address, create=False) as store:
        saved = store.blob_generation(f"ngram-index/{LAYOUT}/en/header")
        assert saved == store.generation()
    assert run_tm("edit", "3", "--lang", "lv", "--text", "Stiprināt sadarbību enerģētikā.", "--memory",
                  address).returncode == 0
    assert run_tm("delete", "4", "--memory", address).returncode == 0
    assert [m["target"] for m in query_json(address, ENERGY)["matches"]] == ["Stiprināt sadarbību enerģētikā."]
    assert query_json(address, "To develop the Rail Baltica railway line without delay.")["matches"] == []
    with open_memory(address, create=False) as store:
        assert store.blob_generation(f"ngram-index/{LAYOUT}/en/header") == saved
        assert isinstance(load_index(store, "en"), Indexes)
        assert [c.action for c in store.history(3)] == ["add", "edit"]
        assert [c.action for c in store.history(4)] == ["add", "delete"]
