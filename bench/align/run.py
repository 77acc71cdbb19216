"""Alignment benchmark: every aligner on every test set, side by side in one run; a Markdown table out.

    python3 bench/align/run.py [--sets textberg flores udhr corpus flores-baltic textberg-dev] [--aligners ...]
                               [--errors N] [--set KEY=VALUE ...]

`flores-baltic` (FLORES constructed for et-lv, et-lt, lv-lt) and `textberg-dev` (the tuning document, whole
and cut into pieces of about 5, 8, 15, 40 and 120 sentences for the per-document condition) run only when
named in `--sets`.

The aligners with `--embed` (extra `tm[embed]`) run only when named in `--aligners`.

`--set KEY=VALUE` (repeatable) runs tm with one of its tuned values changed (`tm.align.config`), e.g.
`--set length.variance_floor=1.3 --set dp.priors.1-0=0.03`; an unknown key is refused with the list of
keys. A line above the table then says which values were changed; `bench/align/experiments.py` reruns
BENCHMARKS-LOG.md's tuning experiments this way.

`--errors N` prints to stderr up to N wrong links per test set and pair of each `--errors-of` aligner, with
the gold links they cut across and the segments' text: the failure cases to read.
"""

from __future__ import annotations

import argparse
import os
import sys
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.align import datasets  # noqa: E402
from bench.align.errors import wrong_links  # noqa: E402
from bench.align.runners import aligners  # noqa: E402
from bench.align.score import score  # noqa: E402
from tm.align.config import parse_overrides  # noqa: E402
from tm.errors import InputError  # noqa: E402

BALTIC = ("en", "et", "lv", "lt")
ON_REQUEST = ("flores-baltic", "textberg-dev")
"""Sets run only when named: the Baltic pairs take long; dev is for tuning, not for the results table."""


def test_sets() -> dict:
    """Set name -> [(label, pair, loader)]; the corpus's pairs are those with gold files."""
    return {
        "textberg": [("Text+Berg test (7 docs)", "de-fr", lambda: datasets.textberg("test"))],
        "textberg-dev": [("Text+Berg dev (1 doc)", "de-fr", lambda: datasets.textberg("dev")),
                         *((f"Text+Berg dev in pieces of ~{n}", "de-fr", lambda n=n: datasets.textberg_pieces(n))
                           for n in (5, 8, 15, 40, 120))],
        "flores": [("FLORES-200 constructed", f"en-{x}", lambda x=x: datasets.flores(x)) for x in BALTIC[1:]],
        "flores-baltic": [("FLORES-200 constructed", f"{a}-{b}", lambda a=a, b=b: datasets.flores(b, a))
                          for a, b in combinations(BALTIC[1:], 2)],
        "udhr": [("UDHR", f"{a}-{b}", lambda a=a, b=b: datasets.udhr(b, a)) for a, b in combinations(BALTIC, 2)],
        "corpus": [("corpus gold", f"{a}-{b}", lambda a=a, b=b: datasets.corpus(b, a))
                   for a, b in datasets.corpus_pairs()],
    }


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (hunalign runs as one): steadier than wall time
    on a shared machine."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def run_aligner(aligner: str, documents: list, batch: dict, single: dict) -> list:
    if aligner in batch:
        return batch[aligner]([(d[1], d[2]) for d in documents])
    return [single[aligner](d[1], d[2]) for d in documents]


def main() -> None:
    sets = test_sets()
    batch, single = aligners()
    names = [*batch, *single]
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sets", nargs="+", default=[n for n in sets if n not in ON_REQUEST], choices=list(sets))
    parser.add_argument("--aligners", nargs="+", choices=names,
                        default=[n for n in names if "--embed" not in n])  # the embedding extra only on request
    parser.add_argument("--errors", type=int, default=0, metavar="N")
    parser.add_argument("--errors-of", nargs="+", default=list(batch), choices=names)
    parser.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", dest="overrides",
                        help="change one of tm's tuned values (tm.align.config), e.g. length.variance_floor=1.3")
    args = parser.parse_args()
    try:
        config = parse_overrides(args.overrides)
    except InputError as exc:
        parser.error(str(exc))
    batch, single = aligners(config)
    if args.overrides:
        print(f"tm with {' '.join(args.overrides)}\n")
    print("| test set | pair | aligner | strict P | strict R | strict F1 | lax P | lax R | lax F1 | CPU s |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name in args.sets:
        for label, pair, load in sets[name]:
            documents = list(load())
            if not documents:
                continue
            for aligner in args.aligners:
                start = cpu_seconds()
                try:
                    test = run_aligner(aligner, documents, batch, single)
                except RuntimeError as exc:
                    print(f"| {label} | {pair} | {aligner} | refused: {exc} | | | | | | |", flush=True)
                    continue
                seconds = cpu_seconds() - start
                s = score([d[3] for d in documents], test)
                print(f"| {label} | {pair} | {aligner} | {s.precision_strict:.3f} | {s.recall_strict:.3f} | "
                      f"**{s.f1_strict:.3f}** | {s.precision_lax:.3f} | {s.recall_lax:.3f} | {s.f1_lax:.3f} | "
                      f"{seconds:.2f} |", flush=True)
                if args.errors and aligner in args.errors_of:
                    shown = [f"{d[0]}\n{w}" for d, links in zip(documents, test, strict=True)
                             for w in wrong_links(*d[1:], links)]
                    print(f"\n## {label} {pair} {aligner}: {len(shown)} wrong links, first {args.errors}",
                          *shown[:args.errors], sep="\n", file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
