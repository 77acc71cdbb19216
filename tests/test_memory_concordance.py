"""`tm concordance`: keyword in context with aligned translations; by stems, inflected forms are found too."""

from __future__ import annotations

import json

from tm_runner import run_tm

from tm.memory import open_memory
from tm.memory.concordance import Concordance


def test_kwic_lines_with_translations(dgt_memory):
    result = run_tm("concordance", "ühiskomitee otsusega", "--stems", "--lang", "et", "--langs", "en",
                    "--memory", str(dgt_memory))
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "22019D1035                                           [Ühiskomitee otsused] ja soovitused võetakse lepingu "
        "artikli …\n"
        "    en: Decisions and recommendations of the Joint Committee, in accordance with Article 22.2 of the "
        "Agreement, will be taken by consensus.\n"
        "22019D1035  … lepinguosalist rahuldav lahendus vastu [ühiskomitee otsusega].\n"
        "    en: If so requested by a Party, the mutually agreed solution shall be adopted by means of a decision of "
        "the Joint Committee.\n"
        "2 occurrences\n")


def test_exact_mode_finds_only_the_form_given(dgt_memory):
    result = run_tm("concordance", "ühiskomitee otsusega", "--lang", "et", "--memory", str(dgt_memory), "--json")
    hits = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(h["document"], h["text"][h["start"]:h["end"]]) for h in hits] == [("22019D1035", "ühiskomitee otsusega")]
    assert set(hits[0]["translations"]) == {"en", "lv", "lt"}


def test_latvian_stems_find_every_case_of_komiteja(dgt_memory):
    with open_memory(dgt_memory) as store:
        concordance = Concordance(store, "lv")
        exact, _ = concordance.find("komiteja", limit=1000)
        by_stem, more = concordance.find("komiteja", stems=True, limit=1000)
        scanned = [key for key, text in store.texts("lv") if "komitej" in text.casefold()]
    forms = {hit.text[hit.start:hit.end] for hit in by_stem}
    assert not more
    assert forms == {"komiteja", "komitejai", "komitejas", "komiteju", "komitejā", "KOMITEJA", "KOMITEJAS"}
    assert {hit.text[hit.start:hit.end].casefold() for hit in exact} == {"komiteja"}
    assert [hit.key for hit in by_stem] == scanned and len(scanned) == 186
    assert len(exact) == 60


def test_limit_says_there_is_more(dgt_memory):
    result = run_tm("concordance", "Parlamento", "--lang", "lt", "--limit", "1", "--langs", "en",
                    "--memory", str(dgt_memory))
    assert result.stdout.splitlines()[-1] == "1+ occurrences (first 1 shown; raise --limit)"


def test_words_of_one_or_two_letters_are_found(built):
    """`EU` holds no trigram: every unit is a candidate, checked on its text (8 English units name the EU)."""
    result = run_tm("concordance", "EU", "--lang", "en", "--limit", "50", "--memory", str(built.out / "memory.db"))
    assert result.stdout.splitlines()[-1] == "8 occurrences"
