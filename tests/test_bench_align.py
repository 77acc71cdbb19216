"""The alignment benchmark measures what it says: vecalign's scores, and test sets whose gold is right.

The scorer's expected values were computed by vecalign's own score.py (thompsonb/vecalign, score_multiple)
on the same links; the data sets are read in place from ../shared/data.
"""

from __future__ import annotations

from itertools import permutations

import pytest
from tm_runner import run_tm

from bench.align import datasets
from bench.align.score import score
from tm.records import Link


def links(*pairs):
    return [Link(a, b) for a, b in pairs]


def pairs(links):
    return [(link.src, link.tgt) for link in links]


GOLD = links(((0,), (0,)), ((1,), (1, 2)), ((2,), ()), ((), (3,)), ((3, 4), (4,)))
TEST = links(((0,), (0,)), ((1,), (1,)), ((), (2,)), ((2,), ()), ((3,), (3,)), ((4,), (4,)))


def covers_in_order(links, side, count):
    return [i for link in links for i in (link.tgt if side else link.src)] == list(range(count))


def test_score_counts_deletions_in_precision_only_and_lax_needs_overlap_on_both_sides():
    s = score([GOLD], [TEST])
    # precision over 6 test links: 2 exact ([0]:[0], the deletion [2]:[]), 2 more overlapping a gold link
    # on both sides ([1]:[1], [4]:[4]); []:[2] and [3]:[3] overlap nothing
    assert (s.precision_strict, s.precision_lax) == (2 / 6, 4 / 6)
    # recall over the 3 gold links with both sides: [0]:[0] exact, [1]:[1, 2] and [3, 4]:[4] overlapped
    assert (s.recall_strict, s.recall_lax) == (1 / 3, 1.0)
    assert (s.f1_strict, s.f1_lax) == pytest.approx((1 / 3, 0.8))


def test_score_sums_counts_over_documents_before_dividing():
    s = score([GOLD, links(((0,), (0,)), ((1,), (1,)))], [TEST, links(((0, 1), (0, 1)))])
    assert (s.precision_strict, s.precision_lax, s.recall_strict, s.recall_lax) == pytest.approx(
        (2 / 7, 5 / 7, 1 / 5, 1.0))
    assert (s.f1_strict, s.f1_lax) == pytest.approx((0.23529411764705882, 0.8333333333333333))


def test_textberg_is_the_standard_test_and_scores_perfectly_against_itself(shared):
    documents = list(datasets.textberg("test"))
    assert [d[0] for d in documents] == [f"test{i}" for i in range(7)]
    assert (sum(len(d[1]) for d in documents), sum(len(d[2]) for d in documents)) == (991, 1011)
    # the published gold as it is (vecalign keeps it so, for comparable scores): a few sentences unlinked,
    # one German sentence in two links, some links out of order
    unlinked = [(len(set(range(len(de))) - {i for link in gold for i in link.src}),
                 len(set(range(len(fr))) - {j for link in gold for j in link.tgt})) for _, de, fr, gold in documents]
    assert unlinked == [(2, 3), (1, 0), (0, 0), (0, 0), (0, 0), (0, 0), (1, 2)]
    assert score([d[3] for d in documents], [d[3] for d in documents]).f1_strict == 1.0


def test_dev_pieces_cut_the_dev_document_where_no_gold_link_crosses(shared):
    """Pieces of ~40 sentences: together exactly dev's sentences and its gold links, each piece's gold on
    its own sentences (so a piece aligned alone can score 1.0)."""
    _, de, fr, gold = next(datasets.textberg("dev"))
    pieces = list(datasets.textberg_pieces(40))
    assert [len(p[1]) for p in pieces] == [40, 40, 41, 40, 41, 40, 40, 40, 40, 40, 40, 26]
    assert [s for p in pieces for s in p[1]] == de and [t for p in pieces for t in p[2]] == fr
    assert sum(len(p[3]) for p in pieces) == len(gold)
    for _, src, tgt, gold in pieces:
        assert all(0 <= i < len(src) for link in gold for i in link.src)
        assert all(0 <= j < len(tgt) for link in gold for j in link.tgt)
        assert score([gold], [gold]).f1_strict == 1.0


def test_galechurch_through_this_harness_reproduces_the_measured_anchor(shared):
    pytest.importorskip("galechurch", reason="the `bench` extra (pip install galechurch) is not installed")
    from bench.align.runners import gale_church

    documents = list(datasets.textberg("test"))
    s = score([d[3] for d in documents], [gale_church(d[1], d[2]) for d in documents])
    assert (round(s.f1_strict, 3), round(s.f1_lax, 3)) == (0.686, 0.799)  # ../shared/ANCHORS.md


@pytest.mark.parametrize("src, tgt", [("en", "et"), ("en", "lv"), ("en", "lt"), ("et", "lv")])
def test_flores_articles_carry_seeded_edits_whose_gold_is_exact(shared, src, tgt):
    documents = list(datasets.flores(tgt, src))
    source = (shared / f"data/flores200-devtest/{datasets.FLORES[src]}.devtest").read_text(encoding="utf-8")
    assert len(documents) == 231 and sum(len(d[1]) for d in documents) == 913
    assert set(source.splitlines()) >= {s for d in documents for s in d[1]}
    shapes: dict[tuple[int, int], int] = {}
    for name, en, xx, gold in documents:
        assert covers_in_order(gold, 0, len(en)) and covers_in_order(gold, 1, len(xx)), name
        for a, b in pairs(gold):
            shapes[len(a), len(b)] = shapes.get((len(a), len(b)), 0) + 1
    assert shapes[1, 0] == 32 and shapes[0, 1] == 23 and shapes[2, 1] == 42 and 60 <= shapes[1, 2] <= 63


def test_flores_edits_are_made_of_the_real_target_sentences(shared):
    target = (shared / "data/flores200-devtest/lvs_Latn.devtest").read_text(encoding="utf-8").splitlines()
    articles = datasets._flores_documents()
    by_name = {f"doc{n:03d}": ids for n, ids in enumerate(articles)}
    for name, _en, lv, gold in datasets.flores("lv"):
        own = [target[k] for k in by_name[name]]
        for a, b in pairs(gold):
            text = " ".join(lv[j] for j in b)
            if len(a) == 2:
                assert text == own[a[0]] + " " + own[a[1]]
            elif len(b) == 2:  # split at a comma (kept in the first half) or before a conjunction
                assert text == own[a[0]] and min(len(lv[b[0]]), len(lv[b[1]])) >= 15
            elif a:
                assert b == () or text == own[a[0]]
            else:  # an insertion comes from another article
                assert text in target and text not in own


@pytest.mark.parametrize("src, tgt", list(permutations(["en", "et", "lv", "lt"], 2)))
def test_udhr_gold_links_every_paragraph_once_in_document_order(shared, src, tgt):
    name, a, b, gold = next(datasets.udhr(tgt, src))
    assert (len(a), len(b)) == ({"lt": 91}.get(src, 92), {"lt": 91}.get(tgt, 92))
    assert covers_in_order(gold, 0, len(a)) and covers_in_order(gold, 1, len(b))


def test_udhr_gold_holds_the_real_n_m_links_read_in_the_texts(shared):
    _, en, lv, gold = next(datasets.udhr("lv"))
    links = {link: (" ".join(en[i] for i in link[0]), " ".join(lv[j] for j in link[1])) for link in pairs(gold)}
    odd = {link: texts for link, texts in links.items() if (len(link[0]), len(link[1])) != (1, 1)}
    assert [(link, texts[0][:20], texts[1][:20]) for link, texts in odd.items()] == [
        (((), (1,)), "", "ANO Ģenerālā Asamble"),  # the Latvian adoption note
        (((9, 10), (10,)), "Now, therefore, The ", "tāpēc Ģenerālā Asamb"),
        (((42, 43), (42, 43)), "Everyone has the rig", "Ikvienam ir tiesības"),  # break mid-sentence
        (((79,), (79, 80)), "Education shall be d", "Izglītības mērķim jā"),
        (((80,), ()), "Parents have a prior", ""),  # missing from the Latvian text
    ]
    assert links[(9, 10), (10,)][0].endswith("The General Assembly")
    _, en, et, gold = next(datasets.udhr("et"))
    not_one_to_one = [link for link in pairs(gold) if (len(link[0]), len(link[1])) != (1, 1)]
    assert not_one_to_one == [((9, 10), (9,)), ((11,), (10, 11))]


def test_corpus_gold_covers_the_clauses_tm_segment_cuts(corpora):
    pairs = datasets.corpus_pairs()
    assert ("en", "et") in pairs
    for src, tgt in pairs:
        for name, a, b, gold in datasets.corpus(tgt, src):
            assert covers_in_order(gold, 0, len(a)) and covers_in_order(gold, 1, len(b)), (src, tgt, name)


def test_hunalign_ladder_becomes_links_between_consecutive_rungs():
    from bench.align.runners import ladder_links

    # rungs (0,0) (1,2) (1,3) (3,3) (4,4): a 1-2, a 0-1, a 2-0 (two deletions) and a 1-1 step
    ladder = "0\t0\t0.4\n1\t2\t0.3\n1\t3\t0\n3\t3\t-0.2\n4\t4\t0.3\n"
    assert pairs(ladder_links(ladder)) == [((0,), (0, 1)), ((), (2,)), ((1,), ()), ((2,), ()), ((3,), (3,))]


def test_the_in_process_tm_runner_gives_what_the_command_prints(shared, tmp_path):

    from bench.align.runners import tm_align
    from tm.formats.links import pairs, read_links

    folder = shared / "data/textberg-gold-defr"
    run = run_tm("align", str(folder / "test4.de"), str(folder / "test4.fr"),
                 "--src-lang", "de", "--tgt-lang", "fr", "--presegmented")
    (tmp_path / "links.txt").write_text(run.stdout, encoding="utf-8")
    _, de, fr, _ = next(d for d in datasets.textberg("test") if d[0] == "test4")
    assert pairs(read_links(tmp_path / "links.txt")) == pairs(tm_align(de, fr))
