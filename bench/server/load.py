"""The team server under load (closed and open loop), how soon an import is seen, and the server's memory.

Throughput and p50/p95/p99 with 1, 4 and 16 concurrent clients, side by side with the same queries through
`tm query --batch` in one process.

A memory of N real en-lv units (bench/memory/make_memory.py) is imported with `tm import` into a new database
on a throw-away local PostgreSQL server (tests/pg_server.py; or --address; with --keep it is kept in
WORK/pg-N for the next run, since importing a million units takes minutes), the index is built once, then
`tm serve --workers W` answers on the loopback. Each client is a thread with one keep-alive connection asking
Weblate's request (GET /tmserver/en/lv/unit/TEXT) for the queries in turn, for --seconds: closed loop (--clients,
each request sent when the last is answered: what the server can do) and open loop (--rate, requests due on a
fixed schedule whatever the answers, latency counted from when each was due: what translators' tools see). An
import's visibility is measured idle at the end (--visibility times) and halfway through each open-loop run.
Every figure is measured from outside the server. All traffic stays on 127.0.0.1 and every loop is bounded in
count and time.

    python3 bench/server/load.py --units 1000000 --seconds 60 --workers 2 --keep --clients 1 4 16 --rate 100
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import json
import os
import shutil
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path
from urllib.parse import quote

import numpy as np

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path[:0] = [str(HERE.parent / "memory"), str(REPO / "tests"), str(REPO)]

from make_memory import make  # noqa: E402
from run import batch_latency, build_index  # noqa: E402

IMPORTS = itertools.count(1)
SMALL_TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="bench" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en"
 srclang="en" datatype="plaintext"/><body><tu><tuv xml:lang="en"><seg>{en}</seg></tuv>
<tuv xml:lang="lv"><seg>{lv}</seg></tuv></tu></body></tmx>
"""


def rss_mib(pid: int) -> tuple[float, float]:
    """(current, peak) resident memory of a process and all its descendants, MiB."""
    def children(p: int) -> list[int]:
        found = []
        for task in Path(f"/proc/{p}/task").glob("*/children"):
            found += [int(c) for c in task.read_text().split()]
        return found

    total = peak = 0.0
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            status = dict(line.split(":", 1) for line in Path(f"/proc/{p}/status").read_text().splitlines())
        except (FileNotFoundError, ProcessLookupError):
            continue
        total += int(status["VmRSS"].split()[0]) / 1024
        peak += int(status["VmHWM"].split()[0]) / 1024
        todo += children(p)
    return total, peak


def load(port: int, queries: list[str], clients: int, seconds: float, rate: float | None = None,
         during: Callable[[], dict] | None = None) -> dict:
    """Closed loop (rate None): each client sends its next request as soon as the answer arrives, so the figures
    show capacity, and the latency of 16 clients is 16 / throughput whatever the server does (Little's law).
    Open loop (rate R): request n is due at n / R seconds, sent by client n % clients on its own connection, and
    its latency counts from when it was due, not from when the client got round to sending it: a server that
    falls behind is charged for the wait (no coordinated omission). `during` runs once, halfway through."""
    latencies: list[list[float]] = [[] for _ in range(clients)]
    delays: list[list[float]] = [[] for _ in range(clients)]  # open loop: how late each request was sent
    errors: list[dict] = [{} for _ in range(clients)]
    moments: list[float] = []  # when each failed request ended, seconds from the start
    began = time.perf_counter() + 0.05
    stop = began + seconds

    def client(number: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        n = number * 997
        sent = 0
        while True:
            if rate:
                due = began + (number + sent * clients) / rate
                if due >= stop:
                    break
                if due > time.perf_counter():
                    time.sleep(due - time.perf_counter())
                delays[number].append((time.perf_counter() - due) * 1000)
                start = due
            else:
                start = time.perf_counter()
                if start >= stop:
                    break
            sent += 1
            path = "/tmserver/en/lv/unit/" + quote(queries[n % len(queries)], safe="")
            n += 1
            try:
                connection.request("GET", path)
                response = connection.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException) as exc:
                status = type(exc).__name__
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            latencies[number].append((time.perf_counter() - start) * 1000)
            if status != 200:
                errors[number][str(status)] = errors[number].get(str(status), 0) + 1
                moments.append(time.perf_counter() - began)
        connection.close()

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    extra: dict = {}
    if during is not None:
        time.sleep(max(0.0, began + seconds / 2 - time.perf_counter()))
        extra = during()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - began
    every = [x for per in latencies for x in per]
    failed: dict[str, int] = {}
    for per in errors:
        for key, count in per.items():
            failed[key] = failed.get(key, 0) + count
    p50, p95, p99 = (float(x) for x in np.percentile(every, [50, 95, 99]))
    row = {"clients": clients, "mode": f"open, {rate:g}/s" if rate else "closed", "requests": len(every),
           "per_s": len(every) / wall, "p50_ms": p50, "p95_ms": p95, "p99_ms": p99, "max_ms": max(every),
           "errors": failed}
    if rate:
        late = [x for per in delays for x in per]
        row["sent_late_p95_ms"] = float(np.percentile(late, 95))  # the clients' own lag behind the schedule
    if moments:
        row["errors_from_s"], row["errors_until_s"] = min(moments), max(moments)
    if extra:
        row["visibility"] = extra
    return row


def visibility(base: str, token: str, seconds: float = 120) -> dict:
    """One client imports a new unit; another asks for it until it is suggested at 100%."""
    stamp = f"{time.strftime('%H%M%S')}.{next(IMPORTS)}"
    en, lv = f"The benchmark client added this clause at {stamp} for the others.", f"Etalons pievienoja {stamp}."
    boundary = "tmbenchboundary"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"bench.tmx\"\r\n"
            f"Content-Type: application/xml\r\n\r\n{SMALL_TMX.format(en=en, lv=lv)}\r\n--{boundary}--\r\n").encode()
    request = urllib.request.Request(base + "/api/import", data=body, headers={
        "Authorization": f"Bearer {token}", "Content-Type": f"multipart/form-data; boundary={boundary}"})
    start = time.perf_counter()
    with urllib.request.urlopen(request, timeout=600) as answer:
        imported = json.load(answer)
    committed = time.perf_counter()
    url = base + "/tmserver/en/lv/unit/" + quote(en, safe="")
    tries = 0
    while time.perf_counter() - committed < seconds:
        tries += 1
        with urllib.request.urlopen(url, timeout=600) as answer:
            found = json.load(answer)
        if found and found[0]["quality"] == 100:
            break
        time.sleep(0.05)
    else:
        return {"import_s": committed - start, "visible_after_s": None, "tries": tries, "added": imported["added"]}
    return {"import_s": committed - start, "visible_after_s": time.perf_counter() - committed, "tries": tries,
            "added": imported["added"]}


class Kept:
    """The throw-away PostgreSQL of --keep: its data folder outlives the run, so the next run starts it again and
    finds the memory imported (`done` is written once the import and the index are complete)."""

    def __init__(self, root: Path):
        from pg_server import Cluster, run_as, server_programs

        self.cluster = Cluster(server_programs(), run_as())
        shutil.rmtree(self.cluster.root, ignore_errors=True)
        self.cluster.root = self.root = root
        self.done = root / "imported"
        self._run = self.cluster._run

    def memory(self) -> tuple[str, bool]:
        """The memory's address, and whether it is imported already (else an empty database, made anew)."""
        import psycopg

        fresh = not (self.root / "data").exists()
        if fresh:
            self.root.mkdir(parents=True, exist_ok=True)
            if self.cluster.prefix:
                shutil.chown(self.root, "postgres", "postgres")
            self.cluster.start()
        else:
            self.cluster.resume()
        if not fresh and self.done.exists():
            return self.cluster.url("tm_bench"), True
        with psycopg.connect(self.cluster.url(), autocommit=True) as admin:
            admin.execute('DROP DATABASE IF EXISTS "tm_bench"')
            admin.execute('CREATE DATABASE "tm_bench"')
        return self.cluster.url("tm_bench"), False

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.root / "data"), "-m", "fast", "-w", "stop")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--clients", type=int, nargs="*", default=[1, 4, 16],
                        help="closed-loop runs with these numbers of clients (none: no closed-loop run)")
    parser.add_argument("--rate", type=float, nargs="*", default=[],
                        help="open-loop runs at these total rates (requests/s) over --open-clients clients; an import's"
                             " visibility is measured halfway through each")
    parser.add_argument("--open-clients", type=int, default=16)
    parser.add_argument("--visibility", type=int, default=3, help="imports whose visibility is measured at the end")
    parser.add_argument("--no-batch", action="store_true", help="leave out the `tm query --batch` comparison")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--address", help="a PostgreSQL database holding the memory (else a throw-away server)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/tm-bench"))
    parser.add_argument("--out", type=Path, help="write the results here as JSON")
    parser.add_argument("--keep", action="store_true",
                        help="keep the throw-away PostgreSQL's data in WORK/pg-UNITS with its memory, for the next run"
                             " with --keep (importing a million units takes minutes); import and index build are then"
                             " measured by the run that makes them only")
    parser.add_argument("--restart-at", type=float,
                        help="restart the throw-away PostgreSQL this many seconds into one more run (most clients)")
    args = parser.parse_args()

    tsv, query_file = args.work / f"memory-{args.units}.tsv", args.work / f"queries-{args.units}.txt"
    if not tsv.exists() or not query_file.exists():
        make(args.units, args.queries, args.work)
    queries = query_file.read_text(encoding="utf-8").splitlines()[:args.queries]
    results: dict = {"units": args.units, "workers": args.workers, "seconds": args.seconds, "cores": os.cpu_count()}
    cluster = None
    imported = True
    if args.address:
        address = args.address
    elif args.keep:
        cluster = Kept(args.work / f"pg-{args.units}")
        address, imported = cluster.memory()
    else:
        from pg_server import Cluster, run_as, server_programs

        cluster = Cluster(server_programs(), run_as())
        cluster.start()
        address, imported = cluster.database(), False
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    stack = ExitStack()  # the server, stopped before the PostgreSQL it reads
    try:
        if not imported:
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "tm", "import", str(tsv), "--memory", address], check=True,
                           capture_output=True, env=env)
            results["import_s"] = time.perf_counter() - start
            results.update(build_index(address))
            if isinstance(cluster, Kept):
                cluster.done.touch()
        print(json.dumps(results), flush=True)
        if not args.no_batch:
            results["batch"] = {k: v for k, v in batch_latency(address, queries).items() if k != "top1"}
            print(json.dumps(results["batch"]), flush=True)

        made = subprocess.run([sys.executable, "-m", "tm", "serve", "token", "create", f"bench-{os.getpid()}",
                               "--memory", address], check=True, capture_output=True, text=True, env=env)
        token = made.stdout.strip()
        from serve_process import serving

        base, server_pid = stack.enter_context(serving(address, "--rate", "0", workers=args.workers, wait=120,
                                                       quiet=True))
        port = int(base.rsplit(":", 1)[1])
        start = time.perf_counter()
        warm = load(port, queries, 2 * args.workers, 0.1)  # each worker loads its index on its first lookup
        results["warm_up_s"] = time.perf_counter() - start
        results["warm_up_errors"] = warm["errors"]
        results["server_mib_idle"] = rss_mib(server_pid)[0]
        results["load"] = []
        runs = [(clients, None) for clients in args.clients] + [(args.open_clients, rate) for rate in args.rate]
        for clients, rate in runs:
            row = load(port, queries, clients, args.seconds, rate,
                       (lambda: visibility(base, token)) if rate else None)
            row["server_rss_mib"], row["server_peak_mib"] = rss_mib(server_pid)
            results["load"].append(row)
            print(json.dumps(row), flush=True)
        if args.restart_at is not None and cluster is not None:
            def restart() -> None:
                time.sleep(args.restart_at)
                started = time.perf_counter()
                cluster._run("pg_ctl", "-D", str(cluster.root / "data"), "-l", str(cluster.root / "log"), "-m", "fast",
                             "-w", "restart")
                results["restart_s"] = time.perf_counter() - started

            restarter = threading.Thread(target=restart)
            restarter.start()
            row = load(port, queries, max(args.clients or [args.open_clients]), args.seconds)
            restarter.join()
            row["restarted_at_s"] = args.restart_at
            results["restart"] = row
            print(json.dumps(row), flush=True)
        results["visibility"] = []
        for _ in range(args.visibility):
            results["visibility"].append(visibility(base, token))
            print(json.dumps(results["visibility"][-1]), flush=True)
            time.sleep(1)
    finally:
        stack.close()
        if cluster is not None:
            cluster.stop()
    if args.out:
        args.out.write_text(json.dumps(results, indent=1))
    print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
