"""Dynamic programming over clause groups, inside a band, so cost grows with length, not with n x m.

The band comes from the same alignment at half resolution (neighbouring clauses merged two by two), as in
vecalign's recursive downsampling: the coarse path is projected onto the fine grid and widened by a few
cells. At the coarsest level (a few dozen groups) the band is the whole grid.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

LINK_PRIORS: dict[tuple[int, int], float] = {
    (1, 1): 0.85, (1, 2): 0.05, (2, 1): 0.05, (1, 0): 0.01, (0, 1): 0.01, (2, 2): 0.01,
    (1, 3): 0.005, (3, 1): 0.005, (2, 3): 0.002, (3, 2): 0.002, (1, 4): 0.001, (4, 1): 0.001}
"""How often each link shape occurs between translations (Gale-Church's table, widened with the shapes of
the published n-m gold standards). The DP considers exactly these shapes."""


def prior_costs(priors: dict[tuple[int, int], float] = LINK_PRIORS) -> dict[tuple[int, int], float]:
    return {shape: -math.log(p) for shape, p in priors.items()}


Band = list[tuple[int, int]]
Cost = Callable[[int, int, int, int], float]


@dataclass(frozen=True, slots=True)
class Group:
    i0: int
    i1: int
    j0: int
    j1: int


def full_band(n: int, m: int) -> Band:
    return [(0, m)] * (n + 1)


def project(path: Sequence[Group], n: int, m: int, width: int, scale: int = 2) -> Band:
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


def align_band(cost: Cost, n: int, m: int, band: Band, shapes: Sequence[tuple[int, int]]) -> list[Group]:
    """Cheapest monotone path of links from (0, 0) to (n, m), visiting only cells inside `band`."""
    INF = float("inf")
    best: list[dict[int, float]] = [dict() for _ in range(n + 1)]
    back: list[dict[int, tuple[int, int]]] = [dict() for _ in range(n + 1)]
    best[0][0] = 0.0
    for i in range(n + 1):
        lo, hi = band[i]
        if i == n:
            hi = max(hi, m)
        row, row_back = best[i], back[i]
        for j in range(lo, hi + 1):
            if i == 0 and j == 0:
                continue
            value, choice = INF, None
            for a, b in shapes:
                pi, pj = i - a, j - b
                if pi < 0 or pj < 0:
                    continue
                prev = best[pi].get(pj)
                if prev is None:
                    continue
                total = prev + cost(pi, i, pj, j)
                if total < value:
                    value, choice = total, (a, b)
            if choice is not None:
                row[j] = value
                row_back[j] = choice
    if m not in best[n]:
        raise ValueError("band does not reach the end of both texts")
    path: list[Group] = []
    i, j = n, m
    while i or j:
        a, b = back[i][j]
        path.append(Group(i - a, i, j - b, j))
        i, j = i - a, j - b
    path.reverse()
    return path
