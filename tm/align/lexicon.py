"""A translation lexicon learned from the texts being aligned (no external dictionary).

As hunalign's realign does, a first pass aligns on length and anchors; its confident 1-1 links are then read
as a small parallel corpus, and word pairs that keep appearing together (Dice association) become
translations for the second pass.
"""

from __future__ import annotations

from collections import Counter

from tm.align.features import Bag, is_anchor

Lexicon = dict[str, frozenset[str]]


def learn(pairs: list[tuple[Bag, Bag]], min_count: int = 2, min_dice: float = 0.5, per_word: int = 3) -> Lexicon:
    src_count: Counter[str] = Counter()
    tgt_count: Counter[str] = Counter()
    joint: Counter[tuple[str, str]] = Counter()
    for src, tgt in pairs:
        src_types = [s for s in src.types if not is_anchor(s)]
        tgt_types = [t for t in tgt.types if not is_anchor(t)]
        src_count.update(src_types)
        tgt_count.update(tgt_types)
        joint.update((s, t) for s in src_types for t in tgt_types)
    best: dict[str, list[tuple[float, str]]] = {}
    for (s, t), together in joint.items():
        if together < min_count:
            continue
        dice = 2.0 * together / (src_count[s] + tgt_count[t])
        if dice >= min_dice:
            best.setdefault(s, []).append((dice, t))
    return {s: frozenset(t for _, t in sorted(cands, reverse=True)[:per_word]) for s, cands in best.items()}
