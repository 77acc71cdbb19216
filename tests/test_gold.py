"""The corpus's gold alignments: complete for every document and language pair, consistent through English,
and reproduced link for link by `tm build`'s four-way alignment."""

from __future__ import annotations

from itertools import combinations

import pytest

from tm.align.gold import compose
from tm.align.multi import pairwise_links
from tm.formats.links import pairs, read_links
from tm.records import LANGS
from tm.segment import segment_file

PAIRS = list(combinations(LANGS, 2))


def documents(corpora):
    return sorted(p.stem for p in (corpora / "en").glob("*.md"))


@pytest.mark.parametrize("pair", PAIRS, ids="-".join)
def test_gold_covers_every_clause_of_every_document_once_in_order(corpora, pair):
    a, b = pair
    for document in documents(corpora):
        links = read_links(corpora / "gold" / f"{a}-{b}" / f"{document}.txt")
        for lang, held in ((a, [i for link in links for i in link.src]), (b, [j for link in links for j in link.tgt])):
            clauses = segment_file(corpora / lang / f"{document}.md", lang)
            assert held == list(range(len(clauses))), (document, lang)


@pytest.mark.parametrize("pair", [p for p in PAIRS if "en" not in p], ids="-".join)
def test_gold_between_target_languages_is_the_composition_through_english(corpora, pair):
    a, b = pair
    for document in documents(corpora):
        expected = compose(read_links(corpora / "gold" / f"en-{a}" / f"{document}.txt"),
                           read_links(corpora / "gold" / f"en-{b}" / f"{document}.txt"))
        assert read_links(corpora / "gold" / f"{a}-{b}" / f"{document}.txt") == expected


@pytest.mark.parametrize("pair", PAIRS, ids="-".join)
def test_build_reproduces_every_gold_link(corpora, built, pair):
    a, b = pair
    for document in documents(corpora):
        gold = read_links(corpora / "gold" / f"{a}-{b}" / f"{document}.txt")
        groups = built.groups[document]
        assert pairs(pairwise_links(groups, a, b)) == pairs(gold), document
