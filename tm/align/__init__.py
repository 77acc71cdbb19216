"""Clause alignment: pairwise (length + learned lexicon + anchors, linear-cost DP) and four-way consensus."""

from tm.align.multi import align_multi
from tm.align.pairwise import align_pair, align_texts

__all__ = ["align_pair", "align_texts", "align_multi"]
