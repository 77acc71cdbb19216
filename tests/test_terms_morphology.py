"""Word-level specifications of the term matcher: inflection, compounds, case, diacritics, the optional backends."""

from __future__ import annotations

import pytest

from tm.lang.vabamorf import load_vabamorf
from tm.lang.wordkeys import WordKeys
from tm.records import Term
from tm.terms.matcher import TermMatcher

HAS_VABAMORF = load_vabamorf() is not None


def found(lang: str, terms: list[str], text: str) -> list[tuple[str, str]]:
    matcher = TermMatcher([Term(t, lang, t) for t in terms], lang)
    return [(m.term.text, m.surface) for m in matcher.find(text)]


def test_english_by_lemmas_keeps_related_words_apart():
    # Snowball would stem president/presidency and human/humanity alike
    assert found("en", ["Presidency", "crime against humanity"],
                 "the President of the Presidency; a crime against human dignity; two Presidencies") == [
        ("Presidency", "Presidency"), ("Presidency", "Presidencies")]


def test_latvian_and_lithuanian_multiword_terms_with_every_word_inflected():
    assert found("lv", ["sociāli mazaizsargāta grupa"], "konkrētām sociāli mazaizsargātām grupām") == [
        ("sociāli mazaizsargāta grupa", "sociāli mazaizsargātām grupām")]
    assert found("lt", ["teisėsaugos institucija"], "Baltijos valstybių teisėsaugos institucijų kompetenciją") == [
        ("teisėsaugos institucija", "teisėsaugos institucijų")]


def test_words_must_stand_side_by_side():
    assert found("lt", ["alyvos lygis"], "Pripylę alyvos, patikrinkite jos lygį") == []


def test_case_folded_diacritics_kept():
    assert found("lt", ["varžtas"], "VARŽTO galvutė") == [("varžtas", "VARŽTO")]
    assert found("lt", ["varztas"], "varžto galvutė") == []


def test_estonian_term_as_the_head_of_a_compound():
    assert found("et", ["polt"], "Keerake reguleerpoldid kinni.") == [("polt", "reguleerpoldid")]


def test_a_word_a_dictionary_cannot_spell_is_no_error():
    """Hunspell's lt/lv dictionaries are 8-bit: a Greek word must not stop the check."""
    assert WordKeys("lt").keys("Ελλάδα") >= {"ελλάδα"}


@pytest.mark.skipif(not HAS_VABAMORF, reason="Vabamorf (pip install --no-deps estnltk) not installed")
def test_with_vabamorf_estonian_adjectives_and_first_parts_of_compounds():
    assert found("et", ["laiapindne kaitse", "tsiviilkaitse"],
                 "Balti laiapindse kaitse mudel; tsiviilkaitsemehhanismi loomine") == [
        ("laiapindne kaitse", "laiapindse kaitse"), ("tsiviilkaitse", "tsiviilkaitsemehhanismi")]
