"""Fixtures shared by the specification tests: where the corpus and ../shared live, and what is built from them
once per session (the corpus build, the real-data memories)."""

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
def built(tmp_path_factory, corpora):
    """`tm build corpora` once for the whole session; tests read what it made and never change it."""
    from tm.commands.build import build

    return build(corpora, tmp_path_factory.mktemp("build"))


def _memory(tmp_path_factory, name: str, files) -> Path:
    from tm.memory import open_memory
    from tm.memory.importer import import_files

    path = tmp_path_factory.mktemp("memory") / name
    with open_memory(path) as store:
        import_files(store, sorted(files))
    return path


@pytest.fixture(scope="session")
def dgt_memory(shared, tmp_path_factory) -> Path:
    """The DGT-TM sample (23 languages, real EU TMX) imported once."""
    return _memory(tmp_path_factory, "dgt.db", (shared / "data" / "dgt-tm-sample" / "tmx").glob("*.tmx"))


@pytest.fixture(scope="session")
def libreoffice_memory(shared, tmp_path_factory) -> Path:
    """LibreOffice's et/lv/lt UI catalogues (.mo) imported once, merged into multilingual units."""
    return _memory(tmp_path_factory, "libreoffice.db", (shared / "data" / "libreoffice-ui-tm" / "mo").glob("*/*.mo"))


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
