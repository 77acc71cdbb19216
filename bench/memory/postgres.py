"""The same memory in an SQLite file and on a PostgreSQL server: import, index build and lookup times.

A memory of N real en-lv units (bench/memory/make_memory.py) is imported with `tm import` into a new SQLite
file and into a new database, then the first lookup builds and saves the index, then `tm query --batch`
answers the queries one at a time (p50/p95 as seen from outside). Last, the TSV cut into --clients parts is
imported by that many `tm import` processes at once into another new database: the wall time, and the
unit count, which must equal N. Without --address a throw-away local server is started (tests/pg_server.py),
so the figures show the engine's cost, not a network's.

    python3 bench/memory/postgres.py --units 100000 --queries 300
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parents[1] / "tests")]

from make_memory import make  # noqa: E402
from run import batch_latency, build_index  # noqa: E402


def timed_import(files: list[Path], memory: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "tm", "import", *map(str, files), "--memory", memory], check=True,
                   capture_output=True)
    return time.perf_counter() - start


def concurrent_import(parts: list[Path], memory: str) -> dict:
    """Every part by its own process, all started together; the memory must end with each unit once."""
    from tm.memory import open_memory

    start = time.perf_counter()
    running = [subprocess.Popen([sys.executable, "-m", "tm", "import", str(part), "--memory", memory],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for part in parts]
    failed = [p.stderr.read() for p in running if p.wait()]
    seconds = time.perf_counter() - start
    with open_memory(memory, create=False) as store:
        return {"clients": len(parts), "wall_s": seconds, "units": store.count(), "failed": len(failed)}


def split(tsv: Path, parts: int, work: Path) -> list[Path]:
    header, *rows = tsv.read_text(encoding="utf-8").splitlines(keepends=True)
    paths = []
    for n in range(parts):
        path = work / f"{tsv.stem}.part{n}.tsv"
        path.write_text(header + "".join(rows[n::parts]), encoding="utf-8")
        paths.append(path)
    return paths


def measure(memory: str, tsv: Path, queries: list[str]) -> dict:
    row = {"import_s": timed_import([tsv], memory), **build_index(memory)}
    row.update({k: v for k, v in batch_latency(memory, queries).items() if k != "top1"})
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--address", action="append", help="two empty databases to use (else a local server)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/tm-bench"))
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    tsv, query_file = args.work / f"memory-{args.units}.tsv", args.work / f"queries-{args.units}.txt"
    if not tsv.exists() or not query_file.exists():
        make(args.units, args.queries, args.work)
    queries = query_file.read_text(encoding="utf-8").splitlines()[:args.queries]
    sqlite = args.work / f"pg-bench-{args.units}.db"
    for stale in args.work.glob(f"{sqlite.name}*"):
        stale.unlink()
    print(json.dumps({"store": "sqlite", "units": args.units, **measure(str(sqlite), tsv, queries)}), flush=True)
    cluster = None
    if not args.address:
        from pg_server import Cluster, run_as, server_programs

        cluster = Cluster(server_programs(), run_as())
        cluster.start()
    try:
        first, second = args.address or (cluster.database(), cluster.database())
        print(json.dumps({"store": "postgres", "units": args.units, **measure(first, tsv, queries)}), flush=True)
        together = concurrent_import(split(tsv, args.clients, args.work), second)
        print(json.dumps({"store": "postgres", "concurrent": together}), flush=True)
    finally:
        if cluster:
            cluster.stop()


if __name__ == "__main__":
    main()
