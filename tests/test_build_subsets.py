"""A corpus with two or three of the four languages: each pair keeps what its own alignment finds (a third
language's confirmation only raises confidence where it exists), so the en-X gold links are reproduced."""

from __future__ import annotations

import shutil
from itertools import combinations

import pytest
from tm_runner import run_tm

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


def test_a_build_without_a_glossary_says_the_terminology_was_not_checked(corpora, tmp_path):
    for lang in ("en", "lv"):
        shutil.copytree(corpora / lang, tmp_path / "in" / lang)
    result = run_tm("build", str(tmp_path / "in"), "-o", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[:3] == ["document                         en   lv  units  flagged",
                                              "ba-2023-42nd-session            181  178    177        3",
                                              "ba-trafficking-in-human-beings   17   18     17        1"]
    assert result.stderr == (f"tm: note: no glossary in {tmp_path / 'in'} (glossary.tbx or glossary/*.tsv): "
                             f"terminology not checked (tm check {tmp_path / 'in'} -g GLOSSARY checks it)\n")
