"""A throw-away PostgreSQL cluster for the tests: initdb and pg_ctl on a temporary folder and a free port.

PostgreSQL refuses to run as root, so as root the cluster is run by the `postgres` account (Debian's package
creates it). Debian keeps the server programs off PATH, under /usr/lib/postgresql/<version>/bin.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

USER = "tm"
PASSWORD = "tm-test-secret"


def server_programs() -> Path | None:
    """The folder holding initdb and pg_ctl: on PATH, else the newest Debian version."""
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(found).resolve().parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    return Path(versions[-1]).parent if versions else None


def run_as() -> list[str] | None:
    """The command prefix that runs the server as a non-root account ([] if we are not root)."""
    if os.geteuid() != 0:
        return []
    try:
        pwd.getpwnam("postgres")
    except KeyError:
        return None
    runuser = shutil.which("runuser", path=f"{os.environ.get('PATH', '')}:/usr/sbin:/sbin")  # root's tools
    return [runuser, "-u", "postgres", "--"] if runuser else None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Cluster:
    """One running server; `database()` gives each test a fresh, empty database of its own."""

    def __init__(self, programs: Path, prefix: list[str]):
        self.programs, self.prefix = programs, prefix
        self.root = Path(tempfile.mkdtemp(prefix="tm-pg-"))
        self.port = free_port()
        if prefix:
            shutil.chown(self.root, "postgres", "postgres")

    def start(self) -> None:
        pwfile = self.root / "pw"
        pwfile.write_text(PASSWORD + "\n")
        if self.prefix:
            shutil.chown(pwfile, "postgres", "postgres")
        self._run("initdb", "-D", str(self.root / "data"), "-U", USER, f"--pwfile={pwfile}", "-E", "UTF8",
                  "--locale=C.UTF-8", "--auth-local=trust", "--auth-host=scram-sha-256", "--no-sync")
        self.resume()

    def halt(self) -> None:
        """Stop the server at once, as a crash or a power cut would (its data stays for `resume`)."""
        self._run("pg_ctl", "-D", str(self.root / "data"), "-m", "immediate", "-w", "stop")

    def resume(self) -> None:
        self._run("pg_ctl", "-D", str(self.root / "data"), "-l", str(self.root / "log"), "-w", "start", "-o",
                  f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off "
                  "-c synchronous_commit=off -c full_page_writes=off")

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.root / "data"), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str = "postgres", password: str = PASSWORD) -> str:
        return f"postgresql://{USER}:{password}@127.0.0.1:{self.port}/{database}"

    def database(self) -> str:
        """A new empty database; its URL."""
        import psycopg

        name = f"tm_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(self.url(), autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def _run(self, program: str, *args: str) -> None:
        result = subprocess.run([*self.prefix, str(self.programs / program), *args], capture_output=True, text=True,
                                cwd=self.root)
        if result.returncode:
            raise RuntimeError(f"{program} failed: {result.stderr or result.stdout}")
