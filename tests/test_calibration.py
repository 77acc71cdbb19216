"""The alignment confidence means what it says: a link scored p was right about p of the time on held-out test
sets (bench/align/calibration.py, BENCHMARKS.md), the map is the one its fitting sets give, the four-way
grouping still reads the raw score, and the review page says what a score means."""

from __future__ import annotations

import pytest

from tm.align.config import CALIBRATION
from tm.align.pairwise import align_texts
from tm.align.scoring import calibrated_score
from tm.commands.build import LOW_CONFIDENCE, LOW_CONFIDENCE_RAW
from tm.records import TranslationUnit
from tm.report.alignment_html import render

SRC = ["The Baltic Assembly met in Riga on 24 November 2023.", "It adopted three resolutions.",
       "The next session will be held in Vilnius."]
TGT = ["Baltijas Asambleja sanāca Rīgā 2023. gada 24. novembrī.", "Tā pieņēma trīs rezolūcijas.",
       "Nākamā sesija notiks Viļņā."]


def test_the_map_is_monotone_and_never_claims_certainty():
    for linked in (True, False):
        values = [calibrated_score(k / 1000, linked) for k in range(1001)]
        assert values == sorted(values) and 0 < values[0] and values[-1] < 1


def test_reported_scores_are_the_raw_ones_through_the_map_and_the_links_are_the_same():
    raw, reported = align_texts(SRC, TGT, raw=True), align_texts(SRC, TGT)
    assert [(link.src, link.tgt) for link in raw] == [(link.src, link.tgt) for link in reported]
    assert [link.score for link in reported] == [round(calibrated_score(link.score, bool(link.src and link.tgt)), 3)
                                                 for link in raw]


def test_the_flag_threshold_is_the_raw_one_on_the_calibrated_scale():
    assert LOW_CONFIDENCE == round(calibrated_score(LOW_CONFIDENCE_RAW, True), 3) == 0.921


def test_the_shipped_map_is_what_the_fitting_sets_give(shared):
    from bench.align.calibration import fit, fitting_sets

    sets = fitting_sets()
    assert (fit(sets, True), fit(sets, False)) == (CALIBRATION.link, CALIBRATION.alone)


def test_the_review_page_explains_the_score():
    page = render([TranslationUnit({"en": "a", "lv": "b"}, document="d", score=0.93)], ("en", "lv"), low=LOW_CONFIDENCE)
    assert ('id="score-explained">The score is the aligner\'s confidence in the unit\'s least certain language '
            'pair, calibrated on held-out test sets') in page
    assert "a link scored 0.9 was right about 9 times in 10" in page and "below 0.921 confidence" in page


@pytest.mark.parametrize("low", [0.5, LOW_CONFIDENCE])
def test_a_unit_at_the_threshold_is_not_flagged(low):
    page = render([TranslationUnit({"en": "a", "lv": "b"}, document="d", score=low)], ("en", "lv"), low=low)
    assert '<tr class="ok">' in page
