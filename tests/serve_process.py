"""`python3 -m tm serve` as a real process for the tests: started on a free port of the loopback, waited for until
it answers, stopped afterwards (tests/test_serve.py, tests/test_weblate_client.py, bench/server/load.py)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pg_server import free_port

REPO = Path(__file__).resolve().parents[1]


@contextmanager
def serving(memory: str, *options: str, workers: int = 2, wait: float = 30.0,
            quiet: bool = False) -> Iterator[tuple[str, int]]:
    """The server on MEMORY (a .db file or a postgresql:// address) with WORKERS worker processes: its base URL
    (http://127.0.0.1:PORT) and the supervisor's process id. `quiet` drops its output (a long benchmark's access
    log would fill a pipe nobody reads); else it is shown if the server does not answer within `wait` seconds."""
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    server = subprocess.Popen([sys.executable, "-m", "tm", "serve", "--memory", memory, *options,
                               "--port", str(port), "--workers", str(workers)], cwd=REPO, env=env,
                              stdout=subprocess.DEVNULL if quiet else subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                urllib.request.urlopen(base + "/api/status", timeout=2).read()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    said = server.stdout.read() if server.stdout else "(its output not kept)"
                    raise AssertionError(f"the server did not start: {said}") from None
                time.sleep(0.2)
        yield base, server.pid
    finally:
        server.terminate()
        server.wait(timeout=20)
