"""A corpus with two or three of the four languages: each pair keeps what its own alignment finds (a third
language's confirmation only raises confidence where it exists), so the en-X gold links are reproduced."""

from __future__ import annotations

import shutil
from itertools import combinations

import pytest

from tm.align.multi import pairwise_links
from tm.commands.build import align, glossary_checker, segment
from tm.commands.corpus import discover
from tm.formats.links import pairs, read_links


def reduced(corpora, tmp_path, langs):
    for lang in langs:
        shutil.copytree(corpora / lang, tmp_path / lang)
    shutil.copy(corpora / "glossary.tbx", tmp_path / "glossary.tbx")
    return discover(tmp_path)


@pytest.mark.parametrize("langs", [("en", "lv"), ("en", "et", "lt")], ids="+".join)
def test_a_reduced_corpus_reproduces_every_gold_link_of_its_pairs(corpora, tmp_path, langs):
    corpus = reduced(corpora, tmp_path, langs)
    assert corpus.langs == langs
    clauses = segment(corpus)
    groups = align(clauses, glossary_checker(corpus))
    for a, b in combinations(langs, 2):
        for document in corpus.documents:
            gold = read_links(corpora / "gold" / f"{a}-{b}" / f"{document}.txt")
            assert pairs(pairwise_links(groups[document], a, b)) == pairs(gold), (a, b, document)
