"""Gale-Church length evidence, calibrated on the pair of texts being aligned.

The expected ratio of target to source characters and its variance differ between language pairs (Estonian
runs shorter than English, Lithuanian longer) and between text types, so both are estimated from the texts
themselves: the ratio from their totals, the variance from the confident 1-1 links of a first pass.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

GALE_CHURCH_VARIANCE = 6.8
"""The first pass's variance, before any link is known."""
VARIANCE_FLOOR = 1.0
"""The second pass's variance in practice (see `refine`): part of the tuned model with the length weight of
`pairwise.Params`; floors of 1.5-3 helped Text+Berg and cost FLORES (BENCHMARKS.md)."""
SHORT_TEXT_VARIANCE = 2.0
"""For a pair of texts too short to estimate the variance from. It was Gale-Church's 6.8, so a short text
was judged on a length model several times looser than a long one's. Text+Berg dev cut into documents of
5 / 8 / 15 sentences: .835 / .849 / .835 at 6.8, .868 / .884 / .867 at 3, .879 / .903 / .872 at 2,
.879 / .906 / .872 at 1; 1 misaligns one sentence of ten set against a hundred (tests/test_align.py)."""


@dataclass(frozen=True, slots=True)
class LengthModel:
    ratio: float = 1.0
    variance: float = GALE_CHURCH_VARIANCE

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


PRIOR_CHARS = 600
"""Weight, in characters of each text, of the prior that a translation is about as long as its source: in a
text of a few sentences one dropped or added sentence would otherwise move the estimated ratio by a quarter
(true of the European pairs tm is for; on long texts the prior fades out)."""


def calibrate(src_lengths: list[int], tgt_lengths: list[int]) -> LengthModel:
    """A first guess of the length ratio: the texts' totals, which merges and splits leave unchanged (4
    sentences against 3, one of them two joined, still hold the same text), drawn towards 1 on short
    texts, unless one text has more than twice the segments of the other: then the ratio of mean segment
    lengths (5 sentences against their 100-sentence source are not 20 times longer each). `refine`
    corrects it from the first pass's links."""
    total_src, total_tgt = sum(src_lengths), sum(tgt_lengths)
    if not total_src or not total_tgt:
        return LengthModel()
    if 0.5 <= len(src_lengths) / len(tgt_lengths) <= 2.0:
        return LengthModel(ratio=(total_tgt + PRIOR_CHARS) / (total_src + PRIOR_CHARS))
    return LengthModel(ratio=(total_tgt / len(tgt_lengths)) / (total_src / len(src_lengths)))


def refine(model: LengthModel, pairs: list[tuple[int, int]]) -> LengthModel:
    """Re-estimate the ratio and variance from (source, target) lengths of trusted 1-1 links.

    Those links were trusted partly for fitting the length model, so their spread underestimates the
    variance: on FLORES and Text+Berg it comes out at 0.5-0.7 (Text+Berg dev 1.06) and `VARIANCE_FLOOR`
    decides. With too few links to estimate from (an article of 3-5 sentences), `SHORT_TEXT_VARIANCE`."""
    usable = [(s, t) for s, t in pairs if s > 0 and t > 0]
    if len(usable) < 10:
        return LengthModel(ratio=model.ratio, variance=SHORT_TEXT_VARIANCE)
    ratio = sum(t for _, t in usable) / sum(s for s, _ in usable)
    spread = [((t - s * ratio) ** 2) / ((s + t / ratio) / 2.0) for s, t in usable]
    spread.sort()
    variance = sum(spread[: int(len(spread) * 0.9)]) / max(int(len(spread) * 0.9), 1)
    return LengthModel(ratio=ratio, variance=min(max(variance, VARIANCE_FLOOR), 4 * GALE_CHURCH_VARIANCE))
