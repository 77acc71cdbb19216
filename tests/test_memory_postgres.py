"""A team's memory on a real PostgreSQL server: `tm` through a postgresql:// address says what it says through
an SQLite file, concurrent importers neither duplicate nor lose units, and every failure is one line, exit 2."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from memory_fixtures import units_of
from tm_runner import run_tm

from tm.memory import open_memory

DGT = ("data", "dgt-tm-sample", "tmx")


def start_tm(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "tm", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


@pytest.fixture(scope="module")
def dgt_files(shared) -> list[Path]:
    return sorted(shared.joinpath(*DGT).glob("*.tmx"))


@pytest.fixture(scope="module")
def both(postgres, dgt_files, tmp_path_factory) -> tuple[Path, str]:
    """The same import into an SQLite file and into a server database, through the command line."""
    sqlite, server = tmp_path_factory.mktemp("both") / "m.db", postgres.database()
    for memory in (sqlite, server):
        result = run_tm("import", *map(str, dgt_files), "--memory", str(memory))
        assert result.returncode == 0, result.stderr
    return sqlite, server


def state(address: str) -> tuple:
    with open_memory(address, create=False) as store:
        return units_of(address), store.generation()


@pytest.mark.parametrize("args", [
    ("query", "This Decision shall enter into force on the day of its adoption.", "--tgt", "lv", "--limit", "3"),
    ("query", "Käesolev otsus jõustub selle vastuvõtmise päeval", "--src", "et", "--tgt", "lt", "--json"),
    ("concordance", "ühiskomitee otsusega", "--stems", "--lang", "et", "--langs", "en"),
    ("concordance", "Joint Committee", "--lang", "en", "--json", "--limit", "40"),
])
def test_lookups_say_the_same_through_either_store(both, args):
    sqlite, server = both
    expected = run_tm(*args, "--memory", str(sqlite))
    assert expected.returncode == 0 and expected.stdout, expected.stderr
    for _ in range(2):  # the second time from the index saved on the server
        got = run_tm(*args, "--memory", server)
        assert (got.returncode, got.stdout, got.stderr) == (0, expected.stdout, "")


@pytest.mark.parametrize("fmt", ["md", "json"])
def test_the_terminology_check_says_the_same_through_either_store(both, fmt):
    """An editor's pre-publication check reads the team's memory as it reads a file."""
    sqlite, server = both
    args = ("check", "--glossary", str(Path(__file__).parents[1] / "corpora" / "glossary.tbx"), "--format", fmt,
            "--langs", "lv")
    expected = run_tm(*args, "--memory", str(sqlite))
    assert expected.returncode in (0, 1) and "missing" in expected.stdout, expected.stderr
    got = run_tm(*args, "--memory", server)
    assert (got.returncode, got.stdout, got.stderr) == (expected.returncode, expected.stdout, expected.stderr)


@pytest.mark.parametrize("fmt, name", [("tmx", "out.tmx"), ("csv", "out.csv"), ("po", "po"), ("xliff", "xlf")])
def test_export_writes_the_same_files(both, fmt, name, tmp_path):
    sqlite, server = both
    langs = ["--langs", "en,lv,lt"] if fmt != "tmx" else []
    outputs = []
    for memory in (sqlite, server):
        out = tmp_path / str(len(outputs)) / name
        result = run_tm("export", str(out), "--format", fmt, *langs, "--memory", str(memory))
        assert result.returncode == 0, result.stderr
        written = sorted(p for p in out.parent.rglob("*") if p.is_file())
        outputs.append([(p.relative_to(out.parent), undated(p.read_bytes())) for p in written])
    assert outputs[0] == outputs[1] and outputs[0]


def undated(data: bytes) -> bytes:
    """Without the export's own time stamps (TMX creationdate of undated units), which differ by the second."""
    return re.sub(rb'creationdate="\d{8}T\d{6}Z"', b'creationdate=""', data)


def test_a_login_that_may_only_read(postgres, both, dgt_files):
    """Lookups work (the index is rebuilt each time instead of saved); an import is refused in one line."""
    import psycopg

    sqlite, server = both
    with psycopg.connect(server, autocommit=True) as db:
        db.execute("CREATE ROLE reader LOGIN PASSWORD 'tm-test-secret'")
        db.execute("GRANT SELECT ON ALL TABLES IN SCHEMA public TO reader")
    reader = server.replace("//tm:", "//reader:")
    args = ("query", "This Decision shall enter into force on the day of its adoption.", "--tgt", "lt")
    expected = run_tm(*args, "--memory", str(sqlite)).stdout
    assert run_tm(*args, "--memory", reader).stdout == expected
    assert refused(reader, "import", str(dgt_files[0])) == (f"tm: error: {reader.replace('tm-test-secret', '***')}: "
                                                           "this login may not change the memory (permission denied "
                                                           "for table units)\n")


def test_a_client_still_open_holds_up_no_other_saving_the_index(postgres, monkeypatch):
    from tm.records import TranslationUnit

    monkeypatch.setenv("PGOPTIONS", "-c lock_timeout=5000")  # a wait would fail the test, not hang it
    server = postgres.database()
    with open_memory(server) as store:
        store.add_units([TranslationUnit({"en": "a", "lv": "b"})], "x")
    with open_memory(server, create=False) as first, open_memory(server, create=False) as second:
        first.save_blob("index", b"first")
        second.save_blob("index", b"second")  # saved by the first already: left as it is
        assert bytes(second.load_blob("index")) == b"first"


def test_an_index_is_read_back_in_pieces(postgres, monkeypatch):
    import tm.memory.postgres_store as backend

    monkeypatch.setattr(backend, "CHUNK", 1000)
    data = bytes(range(256)) * 1000 + b"tail"
    with open_memory(postgres.database()) as store:
        store.save_blob("index", memoryview(data))
        assert store.load_blob("index") == data


def test_a_listing_left_unfinished_across_an_index_save_closes_quietly(postgres, monkeypatch):
    import gc

    from tm.records import TranslationUnit

    ignored = []
    monkeypatch.setattr(sys, "unraisablehook", ignored.append)
    with open_memory(postgres.database()) as store:
        store.add_units([TranslationUnit({"en": f"clause {n}", "lv": "x"}) for n in range(2500)], "x")
        units, texts = store.units(), store.texts("en")
        next(units), next(texts)
        store.save_blob("index", b"1")  # commits: the server has closed both listings' cursors
        assert store.count() == 2500  # and a new transaction has begun
        del units, texts
        gc.collect()
        assert store.count() == 2500
    assert ignored == []


def test_concurrent_imports_from_several_clients(postgres, dgt_files, dgt_memory):
    """Four importers at once, overlapping files: exactly the units of one import of all the files, once each."""
    server = postgres.database()
    batches = [dgt_files[:20], dgt_files[10:], dgt_files[:20], dgt_files[30:]]
    running = [start_tm("import", *map(str, files), "--memory", server) for files in batches]
    results = [(p.wait(timeout=300), *p.communicate()) for p in running]
    assert all(code == 0 and not err for code, _, err in results), results
    added = sum(int(out.split("added ")[1].split(",")[0]) for _, out, _ in results)
    assert added == 3036  # every unit added by exactly one importer, merged by the others
    assert units_of(server) == units_of(dgt_memory)  # one import of all the files


def test_a_bad_file_in_the_middle_leaves_the_server_memory_unchanged(postgres, dgt_files, tmp_path):
    server = postgres.database()
    assert run_tm("import", str(dgt_files[0]), "--memory", server).returncode == 0
    before = state(server)
    bad = tmp_path / "bad.tmx"
    bad.write_bytes(b'<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>a</seg></tuv>'
                    b'<tuv xml:lang="lv"><seg> </seg></tuv></tu></body></tmx>')
    good = dgt_files[1:-1]  # 2,800 units: batches are written before the bad file is reached
    result = run_tm("import", *map(str, good), str(bad), str(dgt_files[-1]), "--memory", server)
    assert (result.returncode, result.stdout, result.stderr) == (2, "", f"tm: error: {bad}:1: empty segment (lv)\n")
    assert state(server) == before


def test_import_reports_the_address_without_its_password(postgres, dgt_files):
    server = postgres.database()
    result = run_tm("import", str(dgt_files[1]), env={**os.environ, "TM_MEMORY": server})
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == f"{server.replace(':tm-test-secret@', ':***@')}: 25 units"
    bare = server.replace(":tm-test-secret@", "@")  # the password from libpq's environment instead (or ~/.pgpass)
    result = run_tm("import", str(dgt_files[2]), "--memory", bare, env={**os.environ, "PGPASSWORD": "tm-test-secret"})
    assert (result.returncode, result.stdout.splitlines()[-1]) == (0, f"{bare}: 168 units"), result.stderr


def refused(address: str, *args: str) -> str:
    """The one line `tm` prints when it cannot use the memory at `address` (exit 2, nothing on stdout)."""
    result = run_tm(*(args or ("query", "Agreement", "--tgt", "lv")), "--memory", address)
    assert (result.returncode, result.stdout, result.stderr.count("\n")) == (2, "", 1), result.stderr
    assert "tm-test-secret" not in result.stderr
    return result.stderr


def test_connection_failures_are_one_line(postgres):
    down = f"postgresql://tm:tm-test-secret@127.0.0.1:{postgres.port + 1 if postgres.port < 65535 else 1}/x"
    assert refused(down).startswith(f"tm: error: {down.replace('tm-test-secret', '***')}: cannot reach the "
                                    "PostgreSQL server (")
    wrong = postgres.url("postgres", password="wrong")
    assert refused(wrong) == (f"tm: error: {wrong.replace(':wrong@', ':***@')}: cannot open the memory: "
                              'password authentication failed for user "tm"\n')
    missing = postgres.url("no_such_db")
    assert refused(missing, "import", "x.tmx").endswith('/no_such_db: cannot open the memory: database "no_such_db" '
                                                         "does not exist\n")


def test_a_server_gone_mid_session_is_one_line(postgres):
    import psycopg

    from tm.errors import InputError

    server = postgres.database()
    with open_memory(server) as store:
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'tm'")
        with pytest.raises(InputError) as caught:
            store.count()
    assert str(caught.value) == (f"{server.replace('tm-test-secret', '***')}: lost the connection to the PostgreSQL "
                                 "server (terminating connection due to administrator command)")


def test_what_is_not_a_memory_is_refused_and_left_alone(postgres):
    import psycopg

    server = postgres.database()
    masked = server.replace("tm-test-secret", "***")
    assert refused(server) == f"tm: error: {masked}: no tm memory in this database yet (import into it first)\n"
    with psycopg.connect(server, autocommit=True) as db:
        assert db.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").fetchone() == (0,)
        db.execute("CREATE TABLE photos (name TEXT)")
    assert refused(server, "import", "x.tmx") == (f"tm: error: {masked}: not a tm memory (a PostgreSQL database of "
                                                  "something else)\n")
    newer = postgres.database()
    with open_memory(newer):
        pass
    with psycopg.connect(newer, autocommit=True) as db:
        db.execute("UPDATE meta SET value = '2' WHERE key = 'version'")
    assert refused(newer) == (f"tm: error: {newer.replace('tm-test-secret', '***')}: memory format version 2 is not "
                              "supported (expected 1)\n")


def test_without_psycopg_the_error_says_what_to_install(tmp_path):
    code = "import sys; sys.modules['psycopg'] = None; from tm.cli import main; main()"
    result = subprocess.run([sys.executable, "-c", code, "query", "x", "--tgt", "lv", "--memory",
                             "postgresql://tm:pw@db.example.org/team"], capture_output=True, text=True)
    assert (result.returncode, result.stderr) == (2, "tm: error: postgresql://tm:***@db.example.org/team: a PostgreSQL "
                                                     "memory needs psycopg: pip install 'tm[postgres]'\n")
