"""Gale-Church length evidence, calibrated on the pair of texts being aligned.

The expected ratio of target to source characters and its variance differ between language pairs (Estonian
runs shorter than English, Lithuanian longer) and between text types, so both are estimated from the texts
themselves: the ratio from their totals, the variance from the confident 1-1 links of a first pass.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

GALE_CHURCH_VARIANCE = 6.8


@dataclass(frozen=True, slots=True)
class LengthModel:
    ratio: float = 1.0
    variance: float = GALE_CHURCH_VARIANCE

    def probability(self, src_chars: int, tgt_chars: int) -> float:
        """Two-tailed probability that a translation of `src_chars` characters has `tgt_chars` of them."""
        if src_chars == 0 and tgt_chars == 0:
            return 1.0
        mean = (src_chars + tgt_chars / self.ratio) / 2.0
        delta = (tgt_chars - src_chars * self.ratio) / math.sqrt(max(mean, 1.0) * self.variance)
        return math.erfc(abs(delta) / math.sqrt(2.0))


def calibrate(src_lengths: list[int], tgt_lengths: list[int]) -> LengthModel:
    total_src, total_tgt = sum(src_lengths), sum(tgt_lengths)
    return LengthModel(ratio=(total_tgt / total_src) if total_src and total_tgt else 1.0)


def refine(model: LengthModel, pairs: list[tuple[int, int]]) -> LengthModel:
    """Re-estimate the variance from (source, target) lengths of trusted 1-1 links."""
    usable = [(s, t) for s, t in pairs if s > 0 and t > 0]
    if len(usable) < 10:
        return model
    ratio = sum(t for _, t in usable) / sum(s for s, _ in usable)
    spread = [((t - s * ratio) ** 2) / ((s + t / ratio) / 2.0) for s, t in usable]
    spread.sort()
    variance = sum(spread[: int(len(spread) * 0.9)]) / max(int(len(spread) * 0.9), 1)
    return LengthModel(ratio=ratio, variance=min(max(variance, 1.0), 4 * GALE_CHURCH_VARIANCE))
