"""How alike a group of source clauses and a group of target clauses are, in [0, 1].

One score combines the evidence: the share of (IDF-weighted) words on both sides that meet a counterpart on
the other side, by learned translation, number, name or cognate; and the Gale-Church length probability.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from itertools import accumulate, pairwise
from typing import TYPE_CHECKING

from tm.align.anchors import OPENS
from tm.align.config import CALIBRATION, DEFAULT, Calibration
from tm.align.features import Bag
from tm.align.length import LengthModel
from tm.align.lexicon import Lexicon

if TYPE_CHECKING:
    from tm.align.semantic import SemanticCost

def calibrated_score(raw: float, linked: bool, calibration: Calibration = CALIBRATION) -> float:
    """A raw score on the calibrated scale (`tm.align.config.Calibration`): how often links so scored are right.
    `linked`: a link between both sides; else a clause left alone. Strictly monotone between the map's knots,
    so a threshold on the raw scale has one equivalent on this one."""
    knots = calibration.link if linked else calibration.alone
    if not knots:
        return raw
    if raw <= knots[0][0]:
        return knots[0][1]
    for (x0, y0), (x1, y1) in pairwise(knots):
        if raw <= x1:
            return y0 + (y1 - y0) * (raw - x0) / (x1 - x0)
    return knots[-1][1]


NO_MATCH = (0, 0, 0.0, 0.0)
"""Two clauses with no key in common (most pairs a DP looks at): one shared tuple for all of them."""


@dataclass(frozen=True, slots=True)
class Side:
    """One text's clauses: the keys each clause's words can be matched by, and which words carry each key."""

    bags: list[Bag]
    clause_keys: list[frozenset[str]]
    totals: list[float]
    chars: list[int]
    opens: list[int]
    """1 where a clause opens a paragraph or list item (`tm.align.anchors`), else 0; all 0 without structure."""
    char_sums: list[int]
    """Characters of clauses 0..k-1 at k: a group's length in two lookups."""
    key_words: list[dict[str, int]]
    """Per clause, each key with the bit mask of the words that carry it: two clauses' matched words are then
    found from the few keys they share, not by testing every word."""


def _side(bags: list[Bag], word_keys: list[list[frozenset[str]]]) -> Side:
    """One text's Side from its bags and each bag's words' keys."""
    chars = [b.chars for b in bags]
    return Side(bags=bags,
                clause_keys=[frozenset().union(*keys) for keys in word_keys],
                totals=[sum(b.weights) for b in bags],
                chars=chars,
                opens=[int(OPENS in b.types) for b in bags],
                char_sums=[0, *accumulate(chars)],
                key_words=[_key_words(keys) for keys in word_keys])


def _key_words(word_keys: list[frozenset[str]]) -> dict[str, int]:
    masks: dict[str, int] = {}
    for x, keys in enumerate(word_keys):
        for key in keys:
            masks[key] = masks.get(key, 0) | (1 << x)
    return masks


def source_side(bags: list[Bag], lexicon: Lexicon) -> Side:
    """Source words carry their learned translations as keys, so they meet target words directly."""
    return _side(bags, _word_keys(bags, lambda word: frozenset("=" + t for t in lexicon.get(word, ()))))


def target_side(bags: list[Bag]) -> Side:
    return _side(bags, _word_keys(bags, lambda word: frozenset({"=" + word})))


def _word_keys(bags: list[Bag], own: Callable[[str], frozenset[str]]) -> list[list[frozenset[str]]]:
    """Each word's keys, built once per distinct word: long texts repeat their vocabulary many times."""
    known: dict[tuple[str, frozenset[str]], frozenset[str]] = {}
    result = []
    for bag in bags:
        row = []
        for word, anchor in zip(bag.types, bag.keys, strict=True):
            keys = known.get((word, anchor))
            if keys is None:
                keys = known[(word, anchor)] = anchor | own(word)
            row.append(keys)
        result.append(row)
    return result


@dataclass
class PairScorer:
    """Evidence for linking clause groups, built from clause-to-clause word matches computed once per pair.

    For each clause pair, which words of each side meet a counterpart is kept as a bit mask; a group's
    matched words are the union of its masks, so a word found in two clauses of the other group counts once.
    Each clause pair is examined once however many candidate groups contain it, which keeps the DP linear.
    """

    src: Side
    tgt: Side
    length: LengthModel
    priors: Mapping[tuple[int, int], float]
    unmatched_scale: float = 1.0
    """Cost of one unit of unmatched word weight (`ScoringConfig.unmatched` over the mean clause's weight)."""
    length_weight: float = 1.0
    lexical_weight: float = DEFAULT.scoring.lexical_weight
    """`ScoringConfig.lexical_weight`: the matched words' share of `similarity`."""
    structured: bool = False
    """Both texts know their paragraphs and items: a link may not join two of them on one side only."""
    block_mismatch: float = DEFAULT.anchors.block_mismatch
    """`AnchorsConfig.block_mismatch`: the cost of each such boundary on one side only."""
    semantic: SemanticCost | None = None
    """The optional embedding term (`tm align --embed`), added to every link's cost when present."""
    _masks: list[dict[int, tuple[int, int, float, float]]] = field(init=False)
    """Per source clause, by target clause: what `_mask` found."""
    _spans: dict[tuple[int, int, int], float] = field(default_factory=dict)
    """Matched weight of one clause against a span of the other side; target clauses keyed as -1 - t."""

    def __post_init__(self) -> None:
        self._masks = [{} for _ in self.src.bags]

    def _mask(self, k: int, t: int) -> tuple[int, int, float, float]:
        """Bit masks of the words of source clause k met in target clause t and vice versa, with their weights."""
        row = self._masks[k]
        found = row.get(t)
        if found is None:
            forward = backward = 0
            src_words, tgt_words = self.src.key_words[k], self.tgt.key_words[t]
            for key in self.src.clause_keys[k] & self.tgt.clause_keys[t]:
                forward |= src_words[key]
                backward |= tgt_words[key]
            found = row[t] = (forward, backward, _weight(forward, self.src.bags[k].weights),
                              _weight(backward, self.tgt.bags[t].weights)) if forward else NO_MATCH
        return found

    def _src_weight(self, k: int, j0: int, j1: int) -> float:
        """Matched weight of source clause k against target clauses j0..j1-1 (kept: 1-2, 2-2 and 3-2 links
        ask for the same span)."""
        if j1 - j0 == 1:
            return self._mask(k, j0)[2]
        found = self._spans.get((k, j0, j1))
        if found is None:
            mask = 0
            for t in range(j0, j1):
                mask |= self._mask(k, t)[0]
            found = self._spans[(k, j0, j1)] = _weight(mask, self.src.bags[k].weights)
        return found

    def _tgt_weight(self, t: int, i0: int, i1: int) -> float:
        if i1 - i0 == 1:
            return self._mask(i0, t)[3]
        found = self._spans.get((-1 - t, i0, i1))
        if found is None:
            mask = 0
            for k in range(i0, i1):
                mask |= self._mask(k, t)[1]
            found = self._spans[(-1 - t, i0, i1)] = _weight(mask, self.tgt.bags[t].weights)
        return found

    def evidence(self, i0: int, i1: int, j0: int, j1: int) -> tuple[float, float, int, int]:
        """(matched word weight, total word weight, source and target characters) of i0..i1-1 vs j0..j1-1."""
        src, tgt = self.src, self.tgt
        if i1 - i0 == 1 and j1 - j0 == 1:
            found = self._mask(i0, j0)
            return found[2] + found[3], src.totals[i0] + tgt.totals[j0], src.chars[i0], tgt.chars[j0]
        matched = 0.0
        for k in range(i0, i1):
            matched += self._src_weight(k, j0, j1)
        for t in range(j0, j1):
            matched += self._tgt_weight(t, i0, i1)
        total = sum(src.totals[i0:i1]) + sum(tgt.totals[j0:j1])
        src_chars = src.char_sums[i1] - src.char_sums[i0] + (i1 - i0 - 1)
        tgt_chars = tgt.char_sums[j1] - tgt.char_sums[j0] + (j1 - j0 - 1)
        return matched, total, src_chars, tgt_chars

    def confidence(self, i0: int, i1: int, j0: int, j1: int) -> float:
        """How much better linking the two groups explains them than leaving both unlinked, in [0, 1]:
        0 for a link no better than two deletions, near 1 when the link costs little beside them."""
        alone = (sum(self.cost(k, k + 1, j0, j0) for k in range(i0, i1))
                 + sum(self.cost(i1, i1, t, t + 1) for t in range(j0, j1)))
        if alone <= 0:
            return 0.0
        return min(1.0, max(0.0, 1.0 - self.cost(i0, i1, j0, j1) / alone))

    def similarity(self, i0: int, i1: int, j0: int, j1: int) -> float:
        """A confidence in [0, 1] for reports: share of words matched, mixed with the length probability."""
        matched, total, src_chars, tgt_chars = self.evidence(i0, i1, j0, j1)
        lexical = matched / total if total else 0.0
        return (self.lexical_weight * lexical
                + (1.0 - self.lexical_weight) * self.length.probability(src_chars, tgt_chars))

    def cost(self, i0: int, i1: int, j0: int, j1: int) -> float:
        """Additive cost of a link, as Gale-Church's -log probabilities: summed over a path it compares
        one 2-2 link with two 1-1 links fairly. Unmatched words cost their weight; length adds -log P."""
        prior = self.priors[(i1 - i0, j1 - j0)]
        if i1 == i0:
            return prior + self.unmatched_scale * sum(self.tgt.totals[j0:j1])
        if j1 == j0:
            return prior + self.unmatched_scale * sum(self.src.totals[i0:i1])
        matched, total, src_chars, tgt_chars = self.evidence(i0, i1, j0, j1)
        cost = (prior + self.unmatched_scale * (total - matched)
                + self.length_weight * self.length.cost(src_chars, tgt_chars))
        if self.structured and (i1 - i0 > 1 or j1 - j0 > 1):
            cost += self.block_mismatch * abs(sum(self.src.opens[i0 + 1:i1]) - sum(self.tgt.opens[j0 + 1:j1]))
        if self.semantic is not None:
            cost += self.semantic.cost(i0, i1, j0, j1)
        return cost


def _weight(mask: int, weights: tuple[float, ...]) -> float:
    total = 0.0
    while mask:
        low = mask & -mask
        total += weights[low.bit_length() - 1]
        mask ^= low
    return total
