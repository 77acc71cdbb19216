"""Alignment benchmark: every aligner on every test set, side by side in one run; a Markdown table out.

    python3 bench/align/run.py [--sets textberg flores udhr corpus]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.align import datasets  # noqa: E402
from bench.align.runners import ALIGNERS, BATCH_ALIGNERS  # noqa: E402
from bench.align.score import score  # noqa: E402

SETS = {
    "textberg": [("Text+Berg test (7 docs)", "de-fr", lambda: datasets.textberg("test"))],
    "flores": [(f"FLORES-200 constructed", f"en-{x}", lambda x=x: datasets.flores(x)) for x in ("et", "lv", "lt")],
    "udhr": [("UDHR", f"en-{x}", lambda x=x: datasets.udhr(x)) for x in ("et", "lv", "lt")],
    "corpus": [("bundled corpus gold", f"en-{x}", lambda x=x: datasets.corpus(x)) for x in ("et", "lv", "lt")],
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sets", nargs="+", default=list(SETS), choices=list(SETS))
    names = [*BATCH_ALIGNERS, *ALIGNERS]
    parser.add_argument("--aligners", nargs="+", default=names, choices=names)
    args = parser.parse_args()
    print("| test set | pair | aligner | strict P | strict R | strict F1 | lax P | lax R | lax F1 | seconds |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name in args.sets:
        for label, pair, load in SETS[name]:
            documents = list(load())
            if not documents:
                continue
            gold = [d[3] for d in documents]
            for aligner in args.aligners:
                start = time.perf_counter()
                try:
                    if aligner in BATCH_ALIGNERS:
                        test = BATCH_ALIGNERS[aligner]([(d[1], d[2]) for d in documents])
                    else:
                        test = [ALIGNERS[aligner](d[1], d[2]) for d in documents]
                except RuntimeError as exc:
                    print(f"| {label} | {pair} | {aligner} | refused: {exc} | | | | | | |", flush=True)
                    continue
                seconds = time.perf_counter() - start
                s = score(gold, test)
                print(f"| {label} | {pair} | {aligner} | {s.precision_strict:.3f} | {s.recall_strict:.3f} | "
                      f"**{s.f1_strict:.3f}** | {s.precision_lax:.3f} | {s.recall_lax:.3f} | {s.f1_lax:.3f} | "
                      f"{seconds:.2f} |", flush=True)


if __name__ == "__main__":
    main()
