"""Dynamic programming over clause groups, inside a band, so cost grows with length, not with n x m.

The band comes from the same alignment at half resolution (neighbouring clauses merged two by two), as in
vecalign's recursive downsampling: the coarse path is projected onto the fine grid and widened by a few
cells. At the coarsest level (a few dozen groups) the band is the whole grid.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass


def prior_costs(priors: Mapping[tuple[int, int], float]) -> dict[tuple[int, int], float]:
    """Each link shape's prior probability (`DpConfig.priors`) as a cost, -log p."""
    return {shape: -math.log(p) for shape, p in priors.items()}


Band = list[tuple[int, int]]
Cost = Callable[[int, int, int, int], float]
Rows = Callable[[int, int], None]
"""Told (rows done, rows in all) as the DP advances, for progress on a terminal."""
ROWS_PER_REPORT = 500


@dataclass(frozen=True, slots=True)
class Step:
    """One step of a path over the n x m grid: source clauses i0..i1-1 against target clauses j0..j1-1.

    Not a `tm.records.Link`: a step keeps its place on both sides when one side is empty (a deletion at
    target position j0), which the band's projection and the scoring of a deletion's neighbours need; the
    aligner turns each step into a Link when it is done."""

    i0: int
    i1: int
    j0: int
    j1: int


def full_band(n: int, m: int) -> Band:
    return [(0, m)] * (n + 1)


def project(path: Sequence[Step], n: int, m: int, width: int, scale: int = 2) -> Band:
    """The band around `path` (found on a grid `scale` times coarser), on the n x m grid, widened by `width`."""
    lo = [m] * (n + 1)
    hi = [0] * (n + 1)
    lo[0] = hi[0] = 0
    for g in path:
        fi0, fi1 = min(scale * g.i0, n), min(scale * g.i1, n)
        fj0, fj1 = min(scale * g.j0, m), min(scale * g.j1, m)
        for i in range(fi0, fi1 + 1):
            lo[i] = min(lo[i], fj0)
            hi[i] = max(hi[i], fj1)
    return [(max(0, lo[i] - width), min(m, hi[i] + width)) for i in range(n + 1)]


def align_band(cost: Cost, n: int, m: int, band: Band, shapes: Sequence[tuple[int, int]],
               run_discount: float = 0.0, rows: Rows | None = None) -> list[Step]:
    """Cheapest monotone path of links from (0, 0) to (n, m), visiting only cells inside `band`.

    Unlinked clauses come in runs (a paragraph added in one version), so, as with affine gap costs in
    sequence alignment, a deletion that continues a run of deletions costs `run_discount` less than one
    that opens it: a stray paragraph stays one block instead of being swallowed clause by clause into its
    neighbours' links. Three costs per cell: ending with a link, a source deletion, a target insertion.
    """
    INF = float("inf")
    links = [(a, b) for a, b in shapes if a and b]
    gaps = [(state, shape) for state, shape in ((1, (1, 0)), (2, (0, 1))) if shape in shapes]
    best = [[dict() for _ in range(n + 1)] for _ in range(3)]
    back = [[dict() for _ in range(n + 1)] for _ in range(3)]
    cheapest: list[dict[int, tuple[float, int]]] = [dict() for _ in range(n + 1)]
    """Per cell, its cheapest state and that cost: what a link ending further on continues from."""
    best[0][0][0] = 0.0
    cheapest[0][0] = (0.0, 0)
    for i in range(n + 1):
        if rows is not None and i % ROWS_PER_REPORT == 0 and i:
            rows(i, n)
        lo, hi = band[i]
        if i == n:
            hi = max(hi, m)
        for j in range(lo, hi + 1):
            if i == 0 and j == 0:
                continue
            value, choice = INF, None
            for a, b in links:
                pi, pj = i - a, j - b
                found = cheapest[pi].get(pj) if pi >= 0 else None
                if found is not None:
                    total = found[0] + cost(pi, i, pj, j)
                    if total < value:
                        value, choice = total, (found[1], a, b)
            if choice is not None:
                best[0][i][j], back[0][i][j] = value, choice
            top = (value, 0)
            for gap, (a, b) in gaps:
                pi, pj = i - a, j - b
                if pi < 0 or pj < 0:
                    continue
                step = cost(pi, i, pj, j)
                value, choice = INF, None
                for state in range(3):
                    prev = best[state][pi].get(pj, INF)
                    total = prev + step - (run_discount if state == gap else 0.0)
                    if total < value:
                        value, choice = total, (state, a, b)
                if value < INF:
                    best[gap][i][j], back[gap][i][j] = value, choice
                    if value < top[0]:
                        top = (value, gap)
            if top[0] < INF:
                cheapest[i][j] = top
    final, state = cheapest[n].get(m, (INF, 0))
    if final == INF:
        raise ValueError("band does not reach the end of both texts")
    path: list[Step] = []
    i, j = n, m
    while i or j:
        prev_state, a, b = back[state][i][j]
        path.append(Step(i - a, i, j - b, j))
        i, j, state = i - a, j - b, prev_state
    path.reverse()
    return path
