"""Translation-memory lookup benchmark: `tm query --batch` against an exhaustive RapidFuzz scan and
translate-toolkit's matcher, on memories of real en-lv text (bench/memory/make_memory.py).

For each memory size: import time (`tm import`), index build time and peak memory (first lookup, which
builds and saves the index), then per-query latency of `tm query --batch -` measured from outside, one query
written and its JSON line read back at a time, and the process's peak memory. The exhaustive scan scores every
unit with the same CAT match % (token Levenshtein through RapidFuzz's C++ `process.extractOne`); top-1
agreement is the share of queries whose best exhaustive score is >= 70 for which `tm query` returns a match
with that same score. translate-toolkit's `translate.search.match.matcher` (max_length raised to 1000, since
its default of 70 characters skips most clauses) runs on the same memory where its set-up fits the time bound.

    python3 bench/memory/run.py --units 100000 1000000 --queries 1000
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from make_memory import make  # noqa: E402


def peak_kib(pid: int | str = "self") -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def percentiles(values_ms: list[float]) -> tuple[float, float]:
    return float(np.percentile(values_ms, 50)), float(np.percentile(values_ms, 95))


def prepare(units: int, queries: int, work: Path) -> tuple[Path, Path, float]:
    """The memory's TSV and queries (made once), imported into a new store; returns the import time too."""
    tsv, query_file, db = work / f"memory-{units}.tsv", work / f"queries-{units}.txt", work / f"memory-{units}.db"
    if not tsv.exists() or not query_file.exists():
        make(units, queries, work)
    for stale in work.glob(f"{db.name}*"):  # a fresh store each run: import and index build are measured
        stale.unlink()
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "tm", "import", str(tsv), "--memory", str(db)], check=True,
                   capture_output=True)
    return db, query_file, time.perf_counter() - start


def build_index(db: Path) -> dict:
    """In a fresh process, as `tm query` does on its first lookup after an import."""
    code = (f"import time, sys; sys.path.insert(0, {str(HERE)!r}); from run import peak_kib; "
            "start = time.perf_counter();\n"
            "from tm.memory import open_memory; from tm.memory.query import load_index\n"
            f"with open_memory({str(db)!r}) as store: index = load_index(store, 'en')\n"
            "print(time.perf_counter() - start, peak_kib(), len(index.postings))")
    seconds, peak, postings = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                                             text=True).stdout.split()
    return {"index_build_s": float(seconds), "index_build_peak_mib": int(peak) / 1024, "postings": int(postings)}


def batch_latency(db: Path, queries: list[str]) -> dict:
    process = subprocess.Popen([sys.executable, "-m", "tm", "query", "--batch", "-", "--src", "en", "--tgt", "lv",
                                "--memory", str(db), "--limit", "5"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               text=True, encoding="utf-8", bufsize=1)
    latencies, results = [], []
    started = time.perf_counter()
    for n, query in enumerate(queries):
        start = time.perf_counter()
        process.stdin.write(query + "\n")
        process.stdin.flush()
        line = process.stdout.readline()
        if n == 0:
            first = time.perf_counter() - started
        else:
            latencies.append((time.perf_counter() - start) * 1000)
        results.append(json.loads(line))
    peak = peak_kib(process.pid)
    process.stdin.close()
    process.wait()
    p50, p95 = percentiles(latencies)
    return {"start_s": first, "p50_ms": p50, "p95_ms": p95, "peak_mib": peak / 1024,
            "top1": [r["matches"][0]["score"] if r["matches"] else 0 for r in results]}


def exhaustive(db: Path, queries: list[str]) -> dict:
    from rapidfuzz import process
    from rapidfuzz.distance import Levenshtein

    from tm.memory import open_memory
    from tm.memory.matching import TokenCoder, cat_percent, normal_token, tokens

    with open_memory(db, readonly=True) as store:
        texts = [text for _, text in store.texts("en")]
    coder = TokenCoder()
    folded = lambda text: coder.encode([normal_token(t) for t in tokens(text)])  # case and typography folded
    encoded = [folded(text) for text in texts]
    present = set(texts)
    latencies, best = [], []
    for query in queries:
        start = time.perf_counter()
        # every unit scored by token edit distance (C++), the 20 nearest re-scored with tm's own match %
        nearest = process.extract(folded(query), encoded, scorer=Levenshtein.normalized_similarity, limit=20)
        latencies.append((time.perf_counter() - start) * 1000)
        query_tokens = tokens(query)
        best.append(100 if query in present else
                    max(cat_percent(query_tokens, tokens(texts[index]), coder) for _, _, index in nearest))
    p50, p95 = percentiles(latencies)
    return {"p50_ms": p50, "p95_ms": p95, "best": best}


def toolkit_matcher(db: Path, queries: list[str]) -> dict:
    from translate.search.match import matcher
    from translate.storage import base
    from translate.storage.pypo import pofile, pounit

    # matcher keeps its best candidates in a heap of (similarity, unit); on a tie it compares the units, which
    # define no order (TypeError in translate-toolkit 3.x): any consistent order will do
    base.TranslationUnit.__lt__ = lambda self, other: id(self) < id(other)

    from tm.memory import open_memory

    store = pofile()
    with open_memory(db, readonly=True) as memory:
        for unit in memory.units(["en", "lv"]):
            po = pounit(unit.variants["en"])
            po.target = unit.variants.get("lv", "")
            store.addunit(po)
    start = time.perf_counter()
    lookup = matcher(store, max_candidates=5, min_similarity=70, max_length=1000)
    setup = time.perf_counter() - start
    latencies = []
    for query in queries:
        start = time.perf_counter()
        lookup.matches(query)
        latencies.append((time.perf_counter() - start) * 1000)
    p50, p95 = percentiles(latencies)
    return {"setup_s": setup, "p50_ms": p50, "p95_ms": p95, "peak_mib": peak_kib() / 1024, "queries": len(queries)}


def agreement(top1: list[int], best: list[int]) -> tuple[float, int]:
    judged = [(ours, truth) for ours, truth in zip(top1, best, strict=True) if truth >= 70]
    return sum(ours == truth for ours, truth in judged) / max(len(judged), 1), len(judged)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--toolkit-queries", type=int, default=100)
    parser.add_argument("--toolkit-max-units", type=int, default=100_000)
    parser.add_argument("--work", type=Path, default=Path("/tmp/tm-bench"))
    args = parser.parse_args()
    rows = []
    for units in args.units:
        db, query_file, import_s = prepare(units, args.queries, args.work)
        queries = query_file.read_text(encoding="utf-8").splitlines()[:args.queries]
        row = {"units": units, "import_s": import_s, **build_index(db)}
        row["batch"] = batch_latency(db, queries)
        row["exhaustive"] = exhaustive(db, queries)
        row["agreement"], row["judged"] = agreement(row["batch"].pop("top1"), row["exhaustive"].pop("best"))
        if units <= args.toolkit_max_units:
            row["toolkit"] = toolkit_matcher(db, queries[:args.toolkit_queries])
        print(json.dumps(row), flush=True)
        rows.append(row)


if __name__ == "__main__":
    main()
