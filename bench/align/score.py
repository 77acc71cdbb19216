"""Strict and lax precision, recall and F1 of alignment links, as vecalign's score.py defines them.

Precision is over the test links, deletions and insertions included; recall over the gold links without
them. Strict: the link is identical; lax: it overlaps a gold link on both sides (for recall: the reverse).
Counts are summed over documents before dividing (micro average), as score_multiple does.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from tm.records import Link


def _counts(gold: Sequence[Link], test: Sequence[Link]) -> tuple[int, int, int, int]:
    """(strict hits, strict misses, lax hits, lax misses) of `test` against `gold`; a link is its two sides
    (its score plays no part)."""
    gold_set = {(link.src, link.tgt) for link in gold if link.src or link.tgt}
    targets_of = defaultdict(set)
    for a, b in gold_set:
        for i in a:
            targets_of[i].update(b)
    strict_hit = strict_miss = lax_hit = lax_miss = 0
    for a, b in {(link.src, link.tgt) for link in test if link.src or link.tgt}:
        if (a, b) in gold_set:
            strict_hit += 1
            lax_hit += 1
            continue
        strict_miss += 1
        if set(b) & {j for i in a for j in targets_of[i]}:
            lax_hit += 1
        else:
            lax_miss += 1
    return strict_hit, strict_miss, lax_hit, lax_miss


@dataclass(frozen=True)
class Scores:
    precision_strict: float
    recall_strict: float
    f1_strict: float
    precision_lax: float
    recall_lax: float
    f1_lax: float


def score(gold_docs: Sequence[Sequence[Link]], test_docs: Sequence[Sequence[Link]]) -> Scores:
    p = [0, 0, 0, 0]
    r = [0, 0, 0, 0]
    for gold, test in zip(gold_docs, test_docs, strict=True):
        for k, v in enumerate(_counts(gold, test)):
            p[k] += v
        links_only = lambda links: [link for link in links if link.src and link.tgt]  # noqa: E731
        for k, v in enumerate(_counts(links_only(test), links_only(gold))):
            r[k] += v
    ratio = lambda hit, miss: hit / (hit + miss) if hit + miss else 0.0  # noqa: E731
    f1 = lambda x, y: 2 * x * y / (x + y) if x + y else 0.0  # noqa: E731
    ps, rs, pl, rl = ratio(p[0], p[1]), ratio(r[0], r[1]), ratio(p[2], p[3]), ratio(r[2], r[3])
    return Scores(ps, rs, f1(ps, rs), pl, rl, f1(pl, rl))
