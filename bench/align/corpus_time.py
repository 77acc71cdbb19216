"""Time the four-way alignment of the bundled corpus (all six language pairs, both documents), no model.

    python3 bench/align/corpus_time.py [--runs 5]

Segmentation is done once beforehand and not timed; the figure is the alignment stage of `tm build`, with
the glossary's concepts as anchors (as the build does) and without. Compiling the glossary (loading the
word analysers), which the build shares between alignment and the terminology check, is timed apart.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from tm.align.multi import align_corpus  # noqa: E402
from tm.commands.corpus import discover  # noqa: E402
from tm.segment import segment_file  # noqa: E402
from tm.terms.check import Checker  # noqa: E402
from tm.terms.io import read_glossary  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    corpus = discover(REPO / "corpora")
    segments = {doc: {lang: segment_file(corpus.path(lang, doc), lang)
                      for lang in corpus.langs if corpus.has(lang, doc)}
                for doc in corpus.documents}
    clauses = sum(len(c) for versions in segments.values() for c in versions.values())
    start = time.perf_counter()
    checker = Checker(read_glossary(REPO / "corpora" / "glossary.tbx"), [lang for lang in corpus.langs if lang != "en"])
    print(f"glossary compiled (word analysers loaded) in {time.perf_counter() - start:.2f} s")
    glossary_concepts = {lang: checker.concepts(lang) for lang in corpus.langs}
    for label, concepts in (("structure anchors", None), ("structure and glossary anchors", glossary_concepts)):
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            align_corpus(segments, concepts)
            times.append(time.perf_counter() - start)
        print(f"{len(corpus.documents)} documents, {len(corpus.langs)} languages, {clauses} clauses, {label}: "
              f"align_corpus median {statistics.median(times):.2f} s (min {min(times):.2f}, max {max(times):.2f}, "
              f"{args.runs} runs)")


if __name__ == "__main__":
    main()
