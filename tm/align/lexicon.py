"""A translation lexicon learned from the texts being aligned (no external dictionary).

As hunalign's realign does, a first pass aligns on length and anchors; its confident 1-1 links are then read
as a small parallel corpus, and word pairs that keep appearing together (Dice association) become
translations for the second pass. A pair must also co-occur more often than chance allows (Dunning's
log-likelihood ratio): in a short text, two function words meet twice in fifteen links by chance alone.
"""

from __future__ import annotations

import math
from collections import Counter

from tm.align.config import DEFAULT, LexiconConfig
from tm.align.features import Bag, is_anchor

Lexicon = dict[str, frozenset[str]]


def learn(pairs: list[tuple[Bag, Bag]], config: LexiconConfig = DEFAULT.lexicon) -> Lexicon:
    """Each source word's translations: the target words that meet it in at least `min_count` links, with a
    Dice association of `min_dice` and a G² of `significance` or more, the `per_word` most associated."""
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
        if together < config.min_count:
            continue
        dice = 2.0 * together / (src_count[s] + tgt_count[t])
        if dice < config.min_dice:
            continue
        if log_likelihood(together, src_count[s], tgt_count[t], len(pairs)) >= config.significance:
            best.setdefault(s, []).append((dice, t))
    return {s: frozenset(t for _, t in sorted(found, reverse=True)[:config.per_word]) for s, found in best.items()}


def log_likelihood(together: int, src: int, tgt: int, pairs: int) -> float:
    """Dunning's G² for a word pair seen `together` times in `pairs` links, each word in `src` and `tgt`
    of them: how much likelier the counts are if the two words go together than if they are independent."""
    cells = (together, src - together, tgt - together, pairs - src - tgt + together)
    rows, cols = (src, pairs - src), (tgt, pairs - tgt)
    return 2.0 * (_entropy_term(cells) - _entropy_term(rows) - _entropy_term(cols) + _entropy_term((pairs,)))


def _entropy_term(counts: tuple[int, ...]) -> float:
    return sum(k * math.log(k) for k in counts if k > 0)
