"""What goes wrong around a memory (issue 14): a NUL in a unit, a lookup during an import, memories the user may
read but not write, read commands on a file that is not a memory, passwords in server addresses, hand-damaged
memories, a full disk, an importer killed or held up. Each failure is one line, exit 2, and the memory is left
as it was (its unit count and the checksum of an export)."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from memory_fixtures import units_of
from tm_runner import run_tm as run_tm_here

from tm.memory import open_for_reading, open_memory
from tm.memory.importer import import_files
from tm.memory.ngram_index import NgramIndex
from tm.memory.query import Matcher, load_index
from tm.records import TranslationUnit

REPO = Path(__file__).resolve().parents[1]
DGT = ("data", "dgt-tm-sample", "tmx")
FIRST, SECOND = "22019D0391.tmx", "22019D0437.tmx"
ADOPTION = "This Decision shall enter into force on the date of its adoption."
SAYS = {"query": '"score": 100', "concordance": "occurrences\n", "export": "(25 units)\n", "check": "{"}
READ_COMMANDS = {
    "query": ("query", ADOPTION, "--tgt", "lv", "--json"),
    "concordance": ("concordance", "Decision", "--lang", "en", "--langs", "lv"),
    "export": ("export", "{out}/out.csv", "--format", "csv"),
    "check": ("check", "--langs", "lv"),
}
# uid 0 without the capabilities that let root ignore file permissions: as any other user, for files it does not own
AS_OTHER_USER = ["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner",
                 "--inh-caps=-dac_override,-dac_read_search,-fowner"]


def run_tm(*args: str, prefix: list[str] | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """`tm ARGS` in this process, or in a new one run through `prefix` (as another user)."""
    env = {"SOURCE_DATE_EPOCH": "1700000000", **(env or {})}
    if not prefix:
        return run_tm_here(*args, env=env, cwd=REPO)
    return subprocess.run([*prefix, sys.executable, "-m", "tm", *args], capture_output=True, text=True, cwd=REPO,
                          env={**os.environ, **env})


def read_command(name: str, out: Path) -> list[str]:
    return [arg.format(out=out) for arg in READ_COMMANDS[name]]


@pytest.fixture
def memory(shared, tmp_path) -> Path:
    path = tmp_path / "memory.db"
    with open_memory(path) as store:
        import_files(store, [shared.joinpath(*DGT, FIRST)])
    return path


def state(memory: Path | str, tmp_path: Path) -> tuple[int, str]:
    """Unit count and the checksum of a CSV export: what must not change when a command fails."""
    from tm.memory.exporter import export

    out = tmp_path / f"state-{time.monotonic_ns()}.csv"
    with open_for_reading(memory) as store:
        export(store, out, "csv")
    digest = hashlib.sha256(out.read_bytes()).hexdigest()
    out.unlink()
    return len(units_of(memory)), digest


def siblings(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if p.name.startswith(path.name))


# -- 1. the index never depends on a character a text can hold ---------------------------------------------------

def test_a_nul_or_any_other_character_in_a_unit_moves_no_other_unit_in_the_index():
    texts = [f"clause number {n} of the Assembly" for n in range(40)]
    texts[3] = "zz\0zz"
    texts[7] = "\2 odd \3 markers \0\0"
    index = NgramIndex.build(enumerate(texts, start=100))
    for key, text in enumerate(texts, start=100):
        assert key in index.fuzzy_candidates(text, 100, 5).tolist(), text
    from tm.memory.ngram_index import query_grams
    assert len(index.phrase_candidates(query_grams("Assembly", boundaries=False))) == 38


def test_units_after_a_nul_are_found_by_query_and_concordance(tmp_path):
    memory = tmp_path / "nul.db"
    units = [TranslationUnit({"en": "zz\0zz", "lv": "x"})]
    units += [TranslationUnit({"en": f"The Assembly adopts resolution {n}", "lv": f"Asambleja pieņem rezolūciju {n}"})
              for n in range(30)]
    with open_memory(memory) as store:
        store.add_units(units, origin="n.csv")
    result = run_tm("concordance", "Assembly", "--lang", "en", "--langs", "lv", "--limit", "100", "--memory",
                    str(memory))
    assert (result.returncode, result.stderr, result.stdout.splitlines()[-1]) == (0, "", "30 occurrences")
    for n in (29,):
        result = run_tm("query", f"The Assembly adopts resolution {n}", "--tgt", "lv", "--json", "--memory",
                        str(memory))
        assert result.returncode == 0 and f'"score": 100, "source": "The Assembly adopts resolution {n}"' \
            in result.stdout, result.stdout + result.stderr


def test_an_index_saved_by_an_older_tm_is_not_used(memory):
    """Indexes are saved under a layout number: one made by the NUL-separated layout is rebuilt, not trusted."""
    with open_memory(memory) as store:
        generation = store.generation()
        store.save_blob("ngram-index/en/keys", b"old layout", generation)
        index = load_index(store, "en")
        assert len(index) == store.languages()["en"]


# -- 2. a lookup during an import ------------------------------------------------------------------------------

def test_an_index_built_before_an_import_is_not_saved_under_the_new_generation(memory, shared):
    with open_memory(memory) as reader:
        generation = reader.generation()
        stale = NgramIndex.build(reader.texts("en"))
        with open_memory(memory) as importer:  # commits while the reader is building
            import_files(importer, [shared.joinpath(*DGT, SECOND)])
        for part, blob in stale.to_blobs().items():
            assert reader.save_blob(f"ngram-index/2/en/{part}", blob, generation) is False
        assert reader.load_blob("ngram-index/2/en/keys") is None
        fresh = load_index(reader, "en")
        assert len(fresh) == reader.languages()["en"] > len(stale)


def uncommitted_import(memory: Path, text: str) -> sqlite3.Connection:
    """Another program's import, written but not committed: it holds the memory's write lock."""
    db = sqlite3.connect(memory, isolation_level=None)
    db.execute("BEGIN IMMEDIATE")
    key = db.execute("INSERT INTO units (fingerprint, document) VALUES ('new', 'NEW') RETURNING id").fetchone()[0]
    db.executemany("INSERT INTO variants VALUES (?, ?, ?)", [("en", key, text), ("lv", key, "Jauns teikums.")])
    db.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation'")
    return db


def test_a_lookup_during_an_import_neither_waits_nor_hides_the_imported_units(memory, tmp_path):
    new = "A sentence imported while a translator was looking up another."
    before = state(memory, tmp_path)
    importer = uncommitted_import(memory, new)
    try:
        started = time.monotonic()
        result = run_tm("query", new, "--tgt", "lv", "--json", "--memory", str(memory))
        assert time.monotonic() - started < 4  # the import holds the write lock 5 s and more: not waited for
        assert (result.returncode, result.stderr, result.stdout.count('"score"')) == (0, "", 0)
        result = run_tm("export", str(tmp_path / "during.csv"), "--format", "csv", "--memory", str(memory))
        assert (result.returncode, result.stdout) == (0, f"wrote {tmp_path / 'during.csv'} (25 units)\n")
        importer.execute("COMMIT")
    finally:
        importer.close()
    assert state(memory, tmp_path)[0] == before[0] + 1
    result = run_tm("query", new, "--tgt", "lv", "--json", "--memory", str(memory))
    assert f'"score": 100, "source": "{new}"' in result.stdout, result.stdout + result.stderr


# -- 4 and 5. read commands on memories the user may not write, and on files that are not memories ---------------

@pytest.fixture
def as_other_user(memory):
    """The memory's folder and file owned by `nobody`, mode 755 and 644: we may read them, not write them."""
    if os.geteuid() != 0 or not shutil.which("setpriv"):
        pytest.skip("needs root (to hand the memory to another user) and setpriv")
    load_index_everywhere(memory)
    for path in (memory.parent, memory):
        shutil.chown(path, "nobody", "nogroup")
    memory.chmod(0o644)
    memory.parent.chmod(0o755)
    yield AS_OTHER_USER
    memory.parent.chmod(0o755)


def load_index_everywhere(memory: Path) -> None:
    with open_memory(memory) as store:
        for lang in ("en", "lv"):
            load_index(store, lang)


def listing(folder: Path) -> dict[str, tuple[int, int]]:
    return {p.name: (p.stat().st_size, p.stat().st_mtime_ns) for p in folder.iterdir()}


@pytest.mark.parametrize("command", sorted(READ_COMMANDS))
def test_another_users_memory_is_read_without_a_file_made_or_changed(command, memory, as_other_user, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    before = listing(memory.parent)
    result = run_tm(*read_command(command, out), "--memory", str(memory), prefix=as_other_user)
    assert result.returncode in (0, 1) and result.stderr == "", result.stderr  # check: 1 when terms are wrong
    assert listing(memory.parent) == before
    assert SAYS[command] in result.stdout


def test_a_memory_in_a_folder_the_user_may_not_write_is_read(memory, as_other_user, tmp_path_factory):
    shutil.chown(memory, "root", "root")  # the file writable by us, its folder (nobody's, 755) not
    out = tmp_path_factory.mktemp("out")
    before = listing(memory.parent)
    result = run_tm(*read_command("query", out), "--memory", str(memory), prefix=as_other_user)
    assert (result.returncode, result.stderr) == (0, "") and '"score": 100' in result.stdout
    assert listing(memory.parent) == before


def test_the_api_reads_a_memory_in_a_folder_the_user_may_not_write(memory, as_other_user, tmp_path):
    shutil.chown(memory, "root", "root")
    code = ("import sys; from tm.memory import open_for_reading\n"
            "with open_for_reading(sys.argv[1]) as store: print(store.count())")
    before = listing(memory.parent)
    result = subprocess.run([*as_other_user, sys.executable, "-c", code, str(memory)], capture_output=True,
                            text=True, cwd=REPO)
    assert (result.returncode, result.stdout, result.stderr) == (0, "25\n", "")
    assert listing(memory.parent) == before


def test_committed_units_still_in_the_wal_are_read_by_another_user(memory, as_other_user, shared):
    owner = sqlite3.connect(memory, isolation_level=None)  # the owner's program, still open: -wal and -shm stay
    try:
        owner.execute("PRAGMA wal_autocheckpoint = 0")
        owner.execute("UPDATE units SET document = 'RENAMED' WHERE id = 1")
        assert (memory.parent / "memory.db-wal").stat().st_size > 0
        code = ("import sys; from tm.memory import open_memory\n"
                "with open_memory(sys.argv[1], readonly=True) as s: print(sorted(s.documents()))")
        result = subprocess.run([*as_other_user, sys.executable, "-c", code, str(memory)], capture_output=True,
                                text=True, cwd=REPO)
        assert (result.returncode, result.stderr) == (0, "") and "RENAMED" in result.stdout
    finally:
        owner.close()


@pytest.mark.parametrize("command", sorted(READ_COMMANDS))
def test_read_commands_change_no_file_of_a_memory_whose_index_is_saved(command, memory, tmp_path_factory):
    load_index_everywhere(memory)
    out = tmp_path_factory.mktemp("out")
    before = listing(memory.parent)
    result = run_tm(*read_command(command, out), "--memory", str(memory))
    assert result.returncode in (0, 1) and result.stderr == "", result.stderr
    assert listing(memory.parent) == before


@pytest.mark.parametrize("command", sorted(READ_COMMANDS))
def test_a_zero_byte_file_stays_a_zero_byte_file_through_the_api(command, tmp_path):
    from tm.errors import InputError

    empty = tmp_path / "empty.db"
    empty.touch()
    with pytest.raises(InputError) as caught:
        with open_for_reading(empty):
            pass
    assert str(caught.value) == f"{empty}: not a tm memory (an empty file)"
    assert siblings(empty) == ["empty.db"] and empty.stat().st_size == 0


@pytest.mark.parametrize("command", sorted(READ_COMMANDS))
def test_a_zero_byte_file_given_to_a_read_command_stays_a_zero_byte_file(command, tmp_path):
    empty = tmp_path / "empty.db"
    empty.touch()
    result = run_tm(*read_command(command, tmp_path), "--memory", str(empty))
    assert (result.returncode, result.stdout, result.stderr) == (2, "", f"tm: error: {empty}: not a tm memory "
                                                                        "(an empty file)\n")
    assert siblings(empty) == ["empty.db"] and empty.stat().st_size == 0


# -- hand-damaged memories ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("damage, command, message", [
    ("DELETE FROM meta WHERE key = 'generation'", "query", "no generation in its meta table"),
    ("UPDATE meta SET value = 'x' WHERE key = 'generation'", "concordance",
     "generation 'x' in its meta table is not a number"),
    ("UPDATE units SET created = 'yesterday' WHERE id = 3", "export", "unit 3: 'yesterday' is not a date"),
    ("UPDATE units SET props = '[1' WHERE id = 4", "check", "unit 4: properties '[1' are not a JSON object"),
])
def test_a_hand_damaged_memory_is_one_line(damage, command, message, memory, tmp_path):
    db = sqlite3.connect(memory, isolation_level=None)
    db.execute(damage)
    db.close()
    before = memory.read_bytes()
    result = run_tm(*read_command(command, tmp_path), "--memory", str(memory))
    assert (result.returncode, result.stdout, result.stderr) == (2, "", f"tm: error: {memory}: the memory is "
                                                                        f"damaged: {message}\n")
    assert memory.read_bytes() == before


# -- a full disk -------------------------------------------------------------------------------------------------

@pytest.fixture
def small_disk(tmp_path):
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("needs root to mount a small tmpfs")
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=400k", "tmpfs", str(disk)], capture_output=True,
                             text=True)
    if mounted.returncode:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def test_a_full_disk_during_import_says_so_and_changes_nothing(small_disk, shared, tmp_path):
    memory = small_disk / "memory.db"
    assert run_tm("import", str(shared.joinpath(*DGT, FIRST)), "--memory", str(memory)).returncode == 0
    before = state(memory, tmp_path)
    everything = sorted(map(str, shared.joinpath(*DGT).glob("*.tmx")))
    result = run_tm("import", *everything, "--memory", str(memory))
    assert (result.returncode, result.stdout, result.stderr) == (2, "", f"tm: error: {memory}: no space left on "
                                                                        "the disk holding the memory; nothing was "
                                                                        "changed\n")
    assert state(memory, tmp_path) == before


# -- importers killed, two importers -----------------------------------------------------------------------------

def big_csv(path: Path, n: int) -> Path:
    with path.open("w", encoding="utf-8") as out:
        out.write("en,lv\n")
        out.writelines(f"Clause {i} of a long resolution text,Garas rezolūcijas {i}. punkts\n" for i in range(n))
    return path


def test_an_import_killed_midway_leaves_the_memory_as_it_was(memory, tmp_path):
    before = state(memory, tmp_path)
    source = big_csv(tmp_path / "big.csv", 200_000)
    importer = subprocess.Popen([sys.executable, "-m", "tm", "import", str(source), "--memory", str(memory)],
                                cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wal = memory.with_name("memory.db-wal")
    deadline = time.monotonic() + 60
    while (not wal.exists() or wal.stat().st_size < 1_000_000) and importer.poll() is None \
            and time.monotonic() < deadline:
        time.sleep(0.05)
    assert importer.poll() is None, "the import ended before it could be killed"
    importer.send_signal(signal.SIGKILL)
    importer.wait()
    assert state(memory, tmp_path) == before
    result = run_tm("import", str(big_csv(tmp_path / "small.csv", 3)), "--memory", str(memory))
    assert result.returncode == 0 and result.stdout.endswith(": 28 units\n"), result.stderr


KILL_IN_SAVE = """
import os, signal, sys
from tm.memory import sqlite_store
from tm.cli import main

calls = []
generation = sqlite_store.SQLiteStore.generation

def dying(self):
    if self._db.in_transaction:  # inside save_blob's transaction, which holds the write lock
        calls.append(1)
        if len(calls) == 3:
            os.kill(os.getpid(), signal.SIGKILL)
    return generation(self)

sqlite_store.SQLiteStore.generation = dying
sys.argv[0] = "tm"
main()
"""


def test_a_lookup_killed_while_saving_the_index_leaves_a_memory_that_works(memory, tmp_path):
    before = state(memory, tmp_path)
    args = ["query", ADOPTION, "--tgt", "lv", "--json", "--memory", str(memory)]
    killed = subprocess.run([sys.executable, "-c", KILL_IN_SAVE, *args], capture_output=True, text=True, cwd=REPO)
    assert killed.returncode == -signal.SIGKILL
    assert state(memory, tmp_path) == before
    for _ in range(2):  # rebuilt and saved whole, then read back
        result = run_tm(*args)
        assert (result.returncode, result.stderr) == (0, "") and '"score": 100' in result.stdout


def test_two_importers_at_once_both_land(memory, shared, tmp_path):
    files = sorted(shared.joinpath(*DGT).glob("*.tmx"))[2:8]
    running = [subprocess.Popen([sys.executable, "-m", "tm", "import", *map(str, part), "--memory", str(memory)],
                                cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for part in (files[:3], files[3:])]
    results = [(p.wait(timeout=120), *p.communicate()) for p in running]
    assert all(code == 0 and err == "" for code, _, err in results), results
    reference = tmp_path / "reference.db"
    with open_memory(reference) as store:
        import_files(store, [shared.joinpath(*DGT, FIRST), *files])
    assert units_of(memory) == units_of(reference)


# -- 7. passwords in server addresses -----------------------------------------------------------------------------

@pytest.mark.parametrize("address, shown", [
    ("POSTGRESQL://translator:S3CRET@127.0.0.1:{port}/tm", "postgresql://translator:***@127.0.0.1:{port}/tm"),
    ("Postgres://translator:S3CRET@127.0.0.1:{port}/tm", "postgres://translator:***@127.0.0.1:{port}/tm"),
    ("postgresql://127.0.0.1:{port}/tm?sslmode=disable&password=S3CRET",
     "postgresql://127.0.0.1:{port}/tm?sslmode=disable&password=***"),
])
def test_no_message_shows_a_password_whatever_the_scheme(address, shown):
    pytest.importorskip("psycopg")
    from pg_server import free_port

    port = free_port()  # nothing listens there
    result = run_tm("query", "x", "--tgt", "lv", "--memory", address.format(port=port))
    assert (result.returncode, result.stdout, result.stderr.count("\n")) == (2, "", 1), result.stderr
    assert result.stderr.startswith(f"tm: error: {shown.format(port=port)}: cannot reach the PostgreSQL server (")
    assert "S3CRET" not in result.stderr


@pytest.mark.parametrize("address, message", [
    ("postgresql://translator:S3%ZZCRET@127.0.0.1/tm",
     "postgresql://translator:***@127.0.0.1/tm: not a PostgreSQL address: a malformed % escape (write a % itself as "
     "%25)"),
    ("postgresql://translator:S3C@RET@127.0.0.1/tm",
     "postgresql://***@127.0.0.1/tm: the user name or password holds / ? # or @, which must be percent-encoded "
     "(@ as %40)"),
    ("postgresql://translator:S3/CRET@127.0.0.1/tm",
     "postgresql://***@127.0.0.1/tm: the user name or password holds / ? # or @, which must be percent-encoded "
     "(@ as %40)"),
    ("postgresql://127.0.0.1/tm?PassWord=S3CRET",  # libpq's names are in lower case: not taken as a password
     "postgresql://127.0.0.1/tm?PassWord=***: not a PostgreSQL address: expected "
     "postgresql://user[:password]@host[:port]/database"),
    ("postgresql://translator:S3CRET@[::1/tm",
     "postgresql://translator:***@[::1/tm: not a PostgreSQL address: expected "
     "postgresql://user[:password]@host[:port]/database"),
])
def test_a_malformed_address_is_refused_without_its_password(address, message):
    pytest.importorskip("psycopg")
    result = run_tm("query", "x", "--tgt", "lv", "--memory", address)
    assert (result.returncode, result.stdout, result.stderr) == (2, "", f"tm: error: {message}\n")


def test_an_upper_case_scheme_reaches_the_server(postgres, shared):
    server = postgres.database()
    shouting = "POSTGRESQL" + server.removeprefix("postgresql")
    result = run_tm("import", str(shared.joinpath(*DGT, FIRST)), "--memory", shouting)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == f"{server.replace(':tm-test-secret@', ':***@')}: 25 units"


# -- PostgreSQL: a held lock, a login that may not read, a server gone during an import -------------------------

@pytest.fixture
def server(postgres, shared) -> str:
    address = postgres.database()
    assert run_tm("import", str(shared.joinpath(*DGT, FIRST)), "--memory", address).returncode == 0
    return address


def test_an_import_held_up_by_another_gives_up_after_the_time_it_states(server, shared, tmp_path):
    import psycopg

    from tm.memory.postgres_store import WRITER_LOCK

    before = state(server, tmp_path)
    with psycopg.connect(server) as stopped:  # an importer stopped (^Z) in the middle of its transaction
        stopped.execute("SELECT pg_advisory_xact_lock(%s)", (WRITER_LOCK,))
        started = time.monotonic()
        result = run_tm("import", str(shared.joinpath(*DGT, SECOND)), "--memory", server, env={"TM_LOCK_WAIT": "1"})
        assert 1 <= time.monotonic() - started < 20
    masked = server.replace("tm-test-secret", "***")
    assert (result.returncode, result.stdout, result.stderr) == (
        2, "", f"tm: error: {masked}: another import into this memory has held it for 1 s (a stopped or slow "
               "importer?); nothing was changed, try again later\n")
    assert state(server, tmp_path) == before


def test_a_login_without_read_rights_is_told_about_reading(server):
    import psycopg

    with psycopg.connect(server, autocommit=True) as db:
        db.execute("DROP ROLE IF EXISTS stranger")
        db.execute("CREATE ROLE stranger LOGIN PASSWORD 'tm-test-secret'")
    stranger = server.replace("//tm:", "//stranger:")
    result = run_tm("query", "Agreement", "--tgt", "lv", "--memory", stranger)
    assert (result.returncode, result.stdout, result.stderr) == (
        2, "", f"tm: error: {stranger.replace('tm-test-secret', '***')}: this login may not read the memory "
               "(permission denied for table meta)\n")


def test_a_server_gone_during_an_import_is_one_line_and_changes_nothing(server, tmp_path):
    import psycopg

    before = state(server, tmp_path)
    source = big_csv(tmp_path / "big.csv", 60_000)
    importer = subprocess.Popen([sys.executable, "-m", "tm", "import", str(source), "--memory", server], cwd=REPO,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    with psycopg.connect(server, autocommit=True) as admin:
        deadline = time.monotonic() + 60
        while importer.poll() is None and time.monotonic() < deadline:  # wait until it has written some units
            busy = admin.execute("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted").fetchone()
            if busy[0]:
                time.sleep(0.5)
                admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'tm'")
                break
            time.sleep(0.05)
    out, err = importer.communicate(timeout=60)
    masked = server.replace("tm-test-secret", "***")
    reasons = ("terminating connection due to administrator command", "the connection is lost")  # as libpq saw it
    assert (importer.returncode, out) == (2, "") and err in [
        f"tm: error: {masked}: lost the connection to the PostgreSQL server ({reason})\n" for reason in reasons], err
    assert state(server, tmp_path) == before


def test_a_server_stopped_during_an_import_is_one_line_and_changes_nothing(shared, tmp_path):
    """The PostgreSQL server itself goes down at once mid-import (pg_ctl stop -m immediate): after its restart
    the memory holds what it held before."""
    pytest.importorskip("psycopg", reason="psycopg not installed (pip install 'tm[postgres]')")
    from pg_server import Cluster, run_as, server_programs

    programs, prefix = server_programs(), run_as()
    if programs is None or prefix is None:
        pytest.skip("PostgreSQL server programs (initdb, pg_ctl) not found, or no account to run them as")
    cluster = Cluster(programs, prefix)  # a server of its own: the session's stays up for the other tests
    try:
        cluster.start()
        address = cluster.database()
        assert run_tm("import", str(shared.joinpath(*DGT, FIRST)), "--memory", address).returncode == 0
        before = state(address, tmp_path)
        importer = import_holding_the_lock(address, big_csv(tmp_path / "big.csv", 60_000), stdout=subprocess.PIPE,
                                           stderr=subprocess.PIPE)
        cluster.halt()
        out, err = importer.communicate(timeout=60)
        assert (importer.returncode, out, err.count("\n")) == (2, "", 1), err
        assert err.startswith(f"tm: error: {address.replace('tm-test-secret', '***')}: ") and "***" in err
        cluster.resume()
        assert state(address, tmp_path) == before
    finally:
        cluster.stop()


def test_a_hand_damaged_server_memory_is_one_line(server, tmp_path):
    import psycopg

    with psycopg.connect(server, autocommit=True) as db:
        db.execute("UPDATE units SET changed = '2019-13-45' WHERE id = 2")
    result = run_tm("export", str(tmp_path / "out.tmx"), "--memory", server)
    masked = server.replace("tm-test-secret", "***")
    assert (result.returncode, result.stdout, result.stderr) == (
        2, "", f"tm: error: {masked}: the memory is damaged: unit 2: '2019-13-45' is not a date\n")
    assert not (tmp_path / "out.tmx").exists()


# -- TMX export: streamed, four-digit years, characters XML cannot hold ----------------------------------------

def test_tmx_dates_keep_four_digit_years_and_the_export_stays_valid(shared, tmp_path):
    from datetime import UTC, datetime

    from lxml import etree

    from tm.formats.tmx_writer import write_tmx

    first = datetime(1, 1, 1, tzinfo=UTC)
    units = [TranslationUnit({"en": "Agreement", "lv": "Nolīgums"}, created=first,
                             changed=datetime(999, 5, 6, 7, 8, 9, tzinfo=UTC))]
    out = tmp_path / "dates.tmx"
    assert write_tmx(out, iter(units)) == 1
    tu = etree.parse(str(out)).find(".//tu")
    assert (tu.get("creationdate"), tu.get("changedate")) == ("00010101T000000Z", "09990506T070809Z")
    dtd = etree.DTD(str(shared / "standards" / "tmx14.dtd"))
    assert dtd.validate(etree.parse(str(out))), dtd.error_log.filter_from_errors()


def test_a_tmx_export_of_a_text_xml_cannot_hold_is_refused_and_writes_nothing(tmp_path):
    memory = tmp_path / "nul.db"
    with open_memory(memory) as store:
        store.add_units([TranslationUnit({"en": "ok", "lv": "labi"}),
                         TranslationUnit({"en": "zz\0zz", "lv": "x"}, document="D1")], origin="n.csv")
    out = tmp_path / "out.tmx"
    result = run_tm("export", str(out), "--memory", str(memory))
    assert (result.returncode, result.stdout, result.stderr) == (
        2, "", f"tm: error: {out}: unit 2 of the export (document D1) holds U+0000 in its en text, which XML cannot "
               "hold: export it as CSV, or remove the character from the memory\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["nul.db"]


def import_holding_the_lock(address: str, source: Path, **streams) -> subprocess.Popen:
    """`tm import SOURCE` into a server memory, returned once it holds the import lock and has written a while."""
    import psycopg

    importer = subprocess.Popen([sys.executable, "-m", "tm", "import", str(source), "--memory", address], cwd=REPO,
                                text=True, **streams)
    with psycopg.connect(address, autocommit=True) as admin:
        deadline = time.monotonic() + 60
        while importer.poll() is None and time.monotonic() < deadline:
            if admin.execute("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted").fetchone()[0]:
                time.sleep(0.5)
                break
            time.sleep(0.05)
    assert importer.poll() is None, "the import ended before the fault could strike"
    return importer


def test_a_server_import_killed_midway_changes_nothing_and_holds_up_no_other(server, shared, tmp_path):
    before = state(server, tmp_path)
    importer = import_holding_the_lock(server, big_csv(tmp_path / "big.csv", 60_000), stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL)
    importer.send_signal(signal.SIGKILL)
    importer.wait()
    assert state(server, tmp_path) == before
    result = run_tm("import", str(shared.joinpath(*DGT, SECOND)), "--memory", server, env={"TM_LOCK_WAIT": "10"})
    assert result.returncode == 0 and result.stdout.endswith(": 168 units\n"), result.stderr


def test_a_wal_that_only_the_owner_can_merge_is_one_line(memory, as_other_user):
    owner = sqlite3.connect(memory, isolation_level=None)
    owner.execute("PRAGMA wal_autocheckpoint = 0")
    owner.execute("UPDATE units SET document = 'RENAMED' WHERE id = 1")
    wal = memory.with_name("memory.db-wal")
    kept = wal.read_bytes()
    owner.close()  # merges the -wal and removes it: put back as a crash would have left it, without its -shm
    wal.write_bytes(kept)
    shutil.chown(wal, "nobody", "nogroup")
    before = listing(memory.parent)
    result = run_tm("export", "/dev/null", "--format", "csv", "--memory", str(memory), prefix=as_other_user)
    assert (result.returncode, result.stdout, result.stderr) == (
        2, "", f"tm: error: {memory}: cannot read the memory: memory.db-wal holds changes not yet in it, and its "
               "folder is read-only; any tm command run by its owner merges them\n")
    assert listing(memory.parent) == before


def test_without_saving_the_index_a_first_lookup_changes_nothing_either(memory):
    before = listing(memory.parent)
    with open_for_reading(memory, save_index=False) as store:
        matches = Matcher(store, "en", "lv").search(ADOPTION)
    assert matches and matches[0].percent == 100
    assert listing(memory.parent) == before
