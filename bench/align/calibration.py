"""Alignment confidence: how often a link scored p is right, before and after calibration.

    python3 bench/align/calibration.py            # reliability tables and ECE on the test sets, raw and calibrated
    python3 bench/align/calibration.py --fit      # also refit the map from the fitting sets and print it

A link is right when the gold has exactly it (strict, as `score.py` counts precision). The raw score is the
aligner's own: the share of the cost of leaving both sides unlinked that the link saves (for a clause left
alone, one minus how well it would have matched its nearest neighbour). The calibrated score is that raw score
through the monotone map of `tm.align.config.CALIBRATION`, one map for links and one for clauses left alone.

The map is fitted (`--fit`) on the fitting sets only: Text+Berg dev (the one tuning document) and the even-numbered
documents of FLORES-200 constructed en-et, en-lv, en-lt; it is measured on the test sets only: Text+Berg test
(7 documents) and the odd-numbered FLORES documents (FLORES has no dev split of its own: its devtest articles
are split in two, and each half is aligned as a batch of its own, so no test document is seen at fitting).
The fit: raw scores in 10 equal bins, isotonic regression over the bins (pool adjacent violators), each bin's
accuracy smoothed as (right + 1) / (links + 2) so that no score claims certainty; the two sources weigh the same
(FLORES has three times as many links, and easier ones). Between the pooled blocks' mean raw scores the map is
linear, beyond them flat.

Reliability: the links of a test set in 10 equal bins of their score; per bin the links, the mean score and the
share right. ECE (expected calibration error) is the links-weighted mean of |share right - mean score|. AUC: the
chance that a right link outscores a wrong one, how well the score ranks links (no monotone map changes it).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.align import datasets  # noqa: E402
from tm.align.config import CALIBRATION, Calibration  # noqa: E402
from tm.align.pairwise import Params, align_documents  # noqa: E402
from tm.align.scoring import calibrated_score  # noqa: E402

BINS = 10
Row = tuple[float, bool, bool]
"""(raw score, right, a link between both sides rather than a clause left alone)."""


def collect(documents: Iterable[datasets.Document]) -> list[Row]:
    """Every link tm makes on `documents` (aligned as one batch, as `tm build` and `tm align --batch` do),
    with its raw score and whether the gold has it."""
    documents = list(documents)
    found = align_documents([(d[1], d[2]) for d in documents], Params(), raw=True)
    rows = []
    for document, links in zip(documents, found, strict=True):
        gold = {(link.src, link.tgt) for link in document[3]}
        rows += [(link.score, (link.src, link.tgt) in gold, bool(link.src and link.tgt)) for link in links]
    return rows


def flores_half(tgt: str, parity: int) -> list[datasets.Document]:
    return [d for k, d in enumerate(datasets.flores(tgt)) if k % 2 == parity]


def fitting_sets() -> dict[str, list[Row]]:
    return {"Text+Berg dev": collect(datasets.textberg("dev")),
            "FLORES en-et/lv/lt, even documents": [r for x in ("et", "lv", "lt") for r in collect(flores_half(x, 0))]}


def test_sets() -> dict[str, list[Row]]:
    return {"Text+Berg test (7 docs)": collect(datasets.textberg("test")),
            "FLORES en-et/lv/lt, odd documents": [r for x in ("et", "lv", "lt") for r in collect(flores_half(x, 1))]}


def pav(values: Sequence[float], weights: Sequence[float], xs: Sequence[float]) -> list[tuple[float, float]]:
    """Isotonic (non-decreasing) regression by pool adjacent violators: blocks of adjacent points merged until
    their values rise; each block as (its weighted mean x, its weighted mean value), values strictly rising."""
    blocks: list[list[float]] = []  # [weight, weighted value sum, weighted x sum]
    for value, weight, x in zip(values, weights, xs, strict=True):
        blocks.append([weight, weight * value, weight * x])
        while len(blocks) > 1 and blocks[-2][1] / blocks[-2][0] >= blocks[-1][1] / blocks[-1][0]:
            last = blocks.pop()
            blocks[-1] = [a + b for a, b in zip(blocks[-1], last, strict=True)]
    return [(round(x / w, 3), round(v / w, 3)) for w, v, x in blocks]


def fit(sets: dict[str, list[Row]], linked: bool) -> tuple[tuple[float, float], ...]:
    """The map for links (`linked`) or for clauses left alone, from the fitting sets, each source weighing the same."""
    total = sum(len(rows) for rows in sets.values())
    bins = [[0.0, 0.0, 0.0] for _ in range(BINS)]  # weight, weighted right, weighted raw
    for rows in sets.values():
        weight = total / len(sets) / len(rows)
        for raw, right, is_link in rows:
            if is_link == linked:
                b = bins[min(int(raw * BINS), BINS - 1)]
                b[0] += weight
                b[1] += weight * right
                b[2] += weight * raw
    used = [b for b in bins if b[0] > 0]
    return tuple(pav([(right + 1) / (w + 2) for w, right, _ in used], [w for w, _, _ in used],
                     [raw / w for w, _, raw in used]))


def reliability(rows: Sequence[tuple[float, bool]]) -> tuple[list[tuple[str, int, float, float]], float]:
    """Per bin of the score: (bin, links, mean score, share right); and the expected calibration error."""
    table, error = [], 0.0
    for k in range(BINS):
        chosen = [(s, r) for s, r in rows if min(int(s * BINS), BINS - 1) == k]
        if not chosen:
            continue
        mean = sum(s for s, _ in chosen) / len(chosen)
        right = sum(r for _, r in chosen) / len(chosen)
        table.append((f"{k / BINS:.1f}-{(k + 1) / BINS:.1f}", len(chosen), mean, right))
        error += len(chosen) / len(rows) * abs(right - mean)
    return table, error


def auc(rows: Sequence[tuple[float, bool]]) -> float:
    """The chance that a right link outscores a wrong one (ties count half): how well the score ranks, which no
    monotone map changes."""
    right = sorted(s for s, r in rows if r)
    wrong = sorted(s for s, r in rows if not r)
    if not right or not wrong:
        return float("nan")
    from bisect import bisect_left, bisect_right

    wins = sum(bisect_left(wrong, s) + (bisect_right(wrong, s) - bisect_left(wrong, s)) / 2 for s in right)
    return wins / (len(right) * len(wrong))


def scored(rows: list[Row], calibration: Calibration | None) -> list[tuple[float, bool]]:
    if calibration is None:
        return [(raw, right) for raw, right, _ in rows]
    return [(calibrated_score(raw, linked, calibration), right) for raw, right, linked in rows]


def markdown(name: str, rows: list[Row], calibration: Calibration) -> list[str]:
    raw_table, raw_ece = reliability(scored(rows, None))
    cal_table, cal_ece = reliability(scored(rows, calibration))
    linked = [(raw, right) for raw, right, is_link in rows if is_link]
    lines = [f"**{name}**: {len(rows)} links ({len(linked)} between both sides), "
             f"{sum(r[1] for r in rows) / len(rows):.3f} right; "
             f"ECE raw **{raw_ece:.3f}**, calibrated **{cal_ece:.3f}**; "
             f"AUC of the raw score, links between both sides: {auc(linked):.3f}",
             "", "| score | raw: links | raw: mean score | raw: right | calibrated: links | calibrated: mean score | "
             "calibrated: right |", "|---|---:|---:|---:|---:|---:|---:|"]
    raw_by = {b: (n, m, r) for b, n, m, r in raw_table}
    cal_by = {b: (n, m, r) for b, n, m, r in cal_table}
    for k in range(BINS):
        b = f"{k / BINS:.1f}-{(k + 1) / BINS:.1f}"
        cells = []
        for by in (raw_by, cal_by):
            n, m, r = by.get(b, (0, None, None))
            cells += [str(n), f"{m:.3f}" if n else "", f"{r:.3f}" if n else ""]
        if any(by.get(b) for by in (raw_by, cal_by)):
            lines.append(f"| {b} | " + " | ".join(cells) + " |")
    return lines + [""]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--fit", action="store_true", help="Refit the map on the fitting sets and print it.")
    args = parser.parse_args()
    calibration = CALIBRATION
    if args.fit:
        sets = fitting_sets()
        calibration = Calibration(link=fit(sets, True), alone=fit(sets, False))
        print(f"fitted on {', '.join(f'{name} ({len(rows)} links)' for name, rows in sets.items())}:")
        print(f"Calibration(link={calibration.link},\n            alone={calibration.alone})\n")
        if calibration != CALIBRATION:
            print("(differs from tm.align.config.CALIBRATION: the tables below use the refitted map)\n")
    for name, rows in test_sets().items():
        print("\n".join(markdown(name, rows, calibration)))


if __name__ == "__main__":
    main()
