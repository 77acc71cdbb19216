"""Fixtures shared by the specification tests: where the corpus and ../shared live."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPORA = REPO / "corpora"


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"shared data not found at {SHARED}")
    return SHARED


@pytest.fixture(scope="session")
def corpora() -> Path:
    return CORPORA


@pytest.fixture(scope="session")
def postgres():
    """A throw-away PostgreSQL server for the whole session (skipped where psycopg or the server is missing)."""
    pytest.importorskip("psycopg", reason="psycopg not installed (pip install 'tm[postgres]')")
    from pg_server import Cluster, run_as, server_programs

    programs, prefix = server_programs(), run_as()
    if programs is None:
        pytest.skip("PostgreSQL server programs (initdb, pg_ctl) not found (apt-get install postgresql)")
    if prefix is None:
        pytest.skip("running as root and no 'postgres' account (with runuser) to run the PostgreSQL server as")
    cluster = Cluster(programs, prefix)
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.stop()
