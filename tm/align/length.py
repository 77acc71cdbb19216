"""Gale-Church length evidence, calibrated on the pair of texts being aligned.

The expected ratio of target to source characters and its variance differ between language pairs (Estonian
runs shorter than English, Lithuanian longer) and between text types, so both are estimated from the texts
themselves: the ratio from their totals, the variance from the confident 1-1 links of a first pass.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from tm.align.config import DEFAULT, LengthConfig


@dataclass(frozen=True, slots=True)
class LengthModel:
    ratio: float = 1.0
    variance: float = DEFAULT.length.first_pass_variance

    def delta(self, src_chars: int, tgt_chars: int) -> float:
        mean = (src_chars + tgt_chars / self.ratio) / 2.0
        return abs(tgt_chars - src_chars * self.ratio) / math.sqrt(max(mean, 1.0) * self.variance)

    def probability(self, src_chars: int, tgt_chars: int) -> float:
        """Two-tailed probability that a translation of `src_chars` characters has `tgt_chars` of them."""
        if src_chars == 0 and tgt_chars == 0:
            return 1.0
        return math.erfc(self.delta(src_chars, tgt_chars) / math.sqrt(2.0))

    def cost(self, src_chars: int, tgt_chars: int) -> float:
        """-log probability, without the underflow of erfc: far-off lengths keep costing more."""
        x = self.delta(src_chars, tgt_chars) if src_chars or tgt_chars else 0.0
        if x < 8.0:
            return -math.log(max(math.erfc(x / math.sqrt(2.0)), 1e-300))
        return x * x / 2.0 + math.log(x * math.sqrt(math.pi / 2.0))


def calibrate(src_lengths: list[int], tgt_lengths: list[int], config: LengthConfig = DEFAULT.length) -> LengthModel:
    """A first guess of the length ratio: the texts' totals, which merges and splits leave unchanged (4
    sentences against 3, one of them two joined, still hold the same text), drawn towards 1 on short
    texts (`prior_chars`), unless one text has more than twice the segments of the other: then the ratio of
    mean segment lengths (5 sentences against their 100-sentence source are not 20 times longer each).
    `refine` corrects it from the first pass's links."""
    first = LengthModel(variance=config.first_pass_variance)
    total_src, total_tgt = sum(src_lengths), sum(tgt_lengths)
    if not total_src or not total_tgt:
        return first
    if 1.0 / config.max_count_ratio <= len(src_lengths) / len(tgt_lengths) <= config.max_count_ratio:
        return LengthModel((total_tgt + config.prior_chars) / (total_src + config.prior_chars), first.variance)
    return LengthModel((total_tgt / len(tgt_lengths)) / (total_src / len(src_lengths)), first.variance)


def refine(model: LengthModel, pairs: list[tuple[int, int]], config: LengthConfig = DEFAULT.length) -> LengthModel:
    """Re-estimate the ratio and variance from (source, target) lengths of trusted 1-1 links.

    Those links were trusted partly for fitting the length model, so their spread underestimates the
    variance and `variance_floor` decides. With too few links to estimate from (an article of 3-5
    sentences), `short_text_variance`."""
    usable = [(s, t) for s, t in pairs if s > 0 and t > 0]
    if len(usable) < config.min_trusted_links:
        return LengthModel(ratio=model.ratio, variance=config.short_text_variance)
    ratio = sum(t for _, t in usable) / sum(s for s, _ in usable)
    spread = sorted(((t - s * ratio) ** 2) / ((s + t / ratio) / 2.0) for s, t in usable)
    kept = int(len(spread) * config.trimmed_share)
    variance = sum(spread[:kept]) / max(kept, 1)
    return LengthModel(ratio=ratio, variance=min(max(variance, config.variance_floor), config.variance_ceiling))
