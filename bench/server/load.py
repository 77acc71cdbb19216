"""The team server under load: throughput and p50/p95 with 1, 4 and 16 concurrent clients, side by side with the
same queries through `tm query --batch` in one process; how soon an import is seen; the server's memory.

A memory of N real en-lv units (bench/memory/make_memory.py) is imported with `tm import` into a new database
on a throw-away local PostgreSQL server (tests/pg_server.py; or --address), the index is built once, then
`tm serve --workers W` answers on the loopback. Each client is a thread with one keep-alive connection asking
Weblate's request (GET /tmserver/en/lv/unit/TEXT) for the queries in turn, for --seconds. Every figure is
measured from outside the server. All traffic stays on 127.0.0.1 and every loop is bounded in count and time.

    python3 bench/server/load.py --units 1000000 --seconds 60 --workers 2
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path[:0] = [str(HERE.parent / "memory"), str(REPO / "tests"), str(REPO)]

from make_memory import make  # noqa: E402
from run import batch_latency, build_index, percentiles  # noqa: E402

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


def load(port: int, queries: list[str], clients: int, seconds: float) -> dict:
    latencies: list[list[float]] = [[] for _ in range(clients)]
    errors: list[dict] = [{} for _ in range(clients)]
    moments: list[float] = []  # when each failed request ended, seconds from the start
    began = time.monotonic()
    stop = began + seconds

    def client(number: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        n = number * 997
        while time.monotonic() < stop:
            path = "/tmserver/en/lv/unit/" + quote(queries[n % len(queries)], safe="")
            n += 1
            start = time.perf_counter()
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
                moments.append(time.monotonic() - began)
        connection.close()

    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.monotonic() - started
    every = [x for per in latencies for x in per]
    failed: dict[str, int] = {}
    for per in errors:
        for key, count in per.items():
            failed[key] = failed.get(key, 0) + count
    p50, p95 = percentiles(every)
    row = {"clients": clients, "requests": len(every), "per_s": len(every) / wall, "p50_ms": p50, "p95_ms": p95,
           "errors": failed}
    if moments:
        row["errors_from_s"], row["errors_until_s"] = min(moments), max(moments)
    return row


def visibility(base: str, token: str, seconds: float = 120) -> dict:
    """One client imports a new unit; another asks for it until it is suggested at 100%."""
    stamp = time.strftime("%H%M%S")
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 4, 16])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--address", help="a PostgreSQL database holding the memory (else a throw-away server)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/tm-bench"))
    parser.add_argument("--out", type=Path, help="write the results here as JSON")
    parser.add_argument("--restart-at", type=float,
                        help="restart the throw-away PostgreSQL this many seconds into one more run (most clients)")
    args = parser.parse_args()

    tsv, query_file = args.work / f"memory-{args.units}.tsv", args.work / f"queries-{args.units}.txt"
    if not tsv.exists() or not query_file.exists():
        make(args.units, args.queries, args.work)
    queries = query_file.read_text(encoding="utf-8").splitlines()[:args.queries]
    results: dict = {"units": args.units, "workers": args.workers, "seconds": args.seconds, "cores": os.cpu_count()}
    cluster = None
    if args.address:
        address = args.address
    else:
        from pg_server import Cluster, run_as, server_programs

        cluster = Cluster(server_programs(), run_as())
        cluster.start()
        address = cluster.database()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    server = None
    try:
        if not args.address:
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "tm", "import", str(tsv), "--memory", address], check=True,
                           capture_output=True, env=env)
            results["import_s"] = time.perf_counter() - start
            results.update(build_index(address))
        print(json.dumps(results), flush=True)
        results["batch"] = {k: v for k, v in batch_latency(address, queries).items() if k != "top1"}
        print(json.dumps(results["batch"]), flush=True)

        made = subprocess.run([sys.executable, "-m", "tm", "serve", "token", "create", f"bench-{os.getpid()}",
                               "--memory", address], check=True, capture_output=True, text=True, env=env)
        token = made.stdout.strip()
        from pg_server import free_port

        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen([sys.executable, "-m", "tm", "serve", "--memory", address, "--port", str(port),
                                   "--workers", str(args.workers), "--rate", "0"], env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(base + "/api/status", timeout=5).read()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit("the server did not start") from None
                time.sleep(0.5)
        start = time.perf_counter()
        warm = load(port, queries, 2 * args.workers, 0.1)  # each worker loads its index on its first lookup
        results["warm_up_s"] = time.perf_counter() - start
        results["warm_up_errors"] = warm["errors"]
        results["server_mib_idle"] = rss_mib(server.pid)[0]
        results["load"] = []
        for clients in args.clients:
            row = load(port, queries, clients, args.seconds)
            row["server_rss_mib"], row["server_peak_mib"] = rss_mib(server.pid)
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
            row = load(port, queries, max(args.clients), args.seconds)
            restarter.join()
            row["restarted_at_s"] = args.restart_at
            results["restart"] = row
            print(json.dumps(row), flush=True)
        results["visibility"] = visibility(base, token)
        print(json.dumps(results["visibility"]), flush=True)
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        if cluster is not None:
            cluster.stop()
    if args.out:
        args.out.write_text(json.dumps(results, indent=1))
    print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
