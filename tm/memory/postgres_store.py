"""The team store: one memory in a PostgreSQL database, shared by everyone who can reach the server.

An import is one transaction: a failure or interruption leaves the memory exactly as it was. Identical units
are merged by the unique fingerprint (INSERT ... ON CONFLICT DO NOTHING), so importers on two machines never
duplicate a unit; imports take their turn on a transaction-level advisory lock (as SQLite writers do), since
two imports inserting the same units in different orders would otherwise deadlock. Readers never wait, and
read from one snapshot (REPEATABLE READ) until they save an index: what it was built from is the generation
it is saved under, however many imports commit meanwhile. The server's errors become one-line InputErrors
naming the address, its password masked.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from itertools import count as numbers
from itertools import islice

import psycopg
from psycopg import IsolationLevel
from psycopg.conninfo import conninfo_to_dict

from tm.errors import InputError
from tm.memory.location import masked, scrubbed, unsafe_userinfo
from tm.memory.rows import (
    BATCH,
    FORMAT,
    HISTORY,
    INSERT_COLUMNS,
    UNIT_COLUMNS,
    VERSION,
    Damaged,
    SharedSQL,
    format_problem,
    grouped_variants,
    unit_from_row,
    unit_values,
    units_from_batches,
)
from tm.records import TranslationUnit

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE units (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    fingerprint TEXT NOT NULL UNIQUE,
    tuid TEXT, document TEXT, kind TEXT, score DOUBLE PRECISION, origin TEXT,
    created TEXT, changed TEXT, usage_count INTEGER NOT NULL DEFAULT 0, props TEXT
);
CREATE TABLE variants (
    lang TEXT NOT NULL, unit_id BIGINT NOT NULL REFERENCES units(id), text TEXT NOT NULL,
    PRIMARY KEY (lang, unit_id)
);
CREATE INDEX variants_unit ON variants(unit_id);
CREATE INDEX units_document ON units(document);
CREATE TABLE blobs (name TEXT NOT NULL, generation BIGINT NOT NULL, data BYTEA NOT NULL,
                    PRIMARY KEY (name, generation));
ALTER TABLE blobs ALTER COLUMN data SET STORAGE EXTERNAL;  -- uncompressed: read in pieces without inflating
""" + "".join(f"{statement};\n" for statement in HISTORY)
CHUNK = 1 << 24
_UNIT_COLUMNS_U = ", ".join(f"u.{column.strip()}" for column in UNIT_COLUMNS.split(","))
WRITER_LOCK = 0x746D  # pg_advisory_xact_lock key held by schema creation and imports ("tm")
CONNECT_TIMEOUT = 10
LOCK_WAIT = 120  # seconds an import waits for another one to commit before giving up ($TM_LOCK_WAIT)
# a cache that cannot be written (a read-only login, another client saving it just now) is rebuilt instead
_CACHE_REFUSALS = (psycopg.errors.InsufficientPrivilege, psycopg.errors.ReadOnlySqlTransaction,
                   psycopg.errors.SerializationFailure, psycopg.errors.LockNotAvailable)


class PostgresStore(SharedSQL):
    """A `Store` in a PostgreSQL database (postgresql://user[:password]@host[:port]/database)."""

    _bump = "UPDATE meta SET value = (value::bigint + 1)::text WHERE key = 'generation'"
    _param = "%s"

    def __init__(self, address: str, *, readonly: bool = False, create: bool = True,
                 waiting: Callable[[str], None] | None = None):
        """`waiting` is told when an import must wait for another one (the caller decides who sees it)."""
        self.address = self._where = masked(address)
        self._secret = address  # only to scrub its password out of the server's messages
        self.readonly = readonly
        self._writing = False
        self.lock_wait = _lock_wait()
        self.waiting = waiting
        if unsafe_userinfo(address):
            raise InputError("the user name or password holds / ? # or @, which must be percent-encoded (@ as %40)",
                             self.address)
        self._cursors = numbers()
        self._watch: psycopg.Connection | None = None  # for latest_generation, opened at its first use
        self._commits = 0  # transactions this store has ended: a listing's cursor lives only in its own
        self._db = self._connect(address)
        with self._errors():
            self._db.isolation_level = IsolationLevel.REPEATABLE_READ
            self._check_or_create(create and not readonly)

    # -- opening ---------------------------------------------------------------------------------------

    def _connect(self, address: str) -> psycopg.Connection:
        scheme, _, rest = address.partition("://")
        try:
            params = conninfo_to_dict(f"{scheme.lower()}://{rest}")  # libpq knows the scheme in lower case only
        except psycopg.ProgrammingError as exc:  # libpq's reason quotes the address: not shown
            reason = ("a malformed % escape (write a % itself as %25)" if "percent" in str(exc) else
                      "expected postgresql://user[:password]@host[:port]/database")
            raise InputError(f"not a PostgreSQL address: {reason}", self.address) from None
        params.setdefault("connect_timeout", CONNECT_TIMEOUT)  # an unreachable host fails soon, not in minutes
        params.setdefault("application_name", "tm")
        try:
            return psycopg.connect(**params)
        except psycopg.Error as exc:  # the server's own refusals (login, database) come as FATAL
            reason = _first_line(exc)
            message = f"cannot open the memory: {reason}" if "FATAL:" in str(exc) else \
                f"cannot reach the PostgreSQL server ({reason})"
            raise InputError(scrubbed(message, address), self.address) from None

    def _check_or_create(self, create: bool) -> None:
        if not self._tables() and create:
            with self._transaction():
                if not self._tables():  # another client may have created it while we waited for the lock
                    self._db.execute(SCHEMA)
                    self._db.execute("INSERT INTO meta VALUES ('format', %s), ('version', %s), ('generation', '0')",
                                     (FORMAT, VERSION))
        tables = self._tables()
        if not tables:
            raise InputError("no tm memory in this database yet (import into it first)", self.address)
        meta = dict(self._db.execute("SELECT key, value FROM meta").fetchall()) if "meta" in tables else {}
        problem = format_problem(meta, "a PostgreSQL database of something else")
        if problem:
            raise InputError(problem, self.address)

    def _has_table(self, name: str) -> bool:
        return name in self._tables()

    def _tables(self) -> set[str]:
        return {row[0] for row in self._db.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")}

    @contextmanager
    def _errors(self):
        """The server's failures as one-line input errors naming the address."""
        try:
            yield
        except Damaged as exc:
            raise InputError(f"the memory is damaged: {exc}", self.address) from None
        except psycopg.errors.LockNotAvailable:
            raise InputError(f"another import into this memory has held it for {self.lock_wait:g} s (a stopped or"
                             " slow importer?); nothing was changed, try again later", self.address) from None
        except psycopg.Error as exc:
            writing, self._writing = self._writing, False  # as it was when the error came
            raise InputError(scrubbed(_reason(exc, writing), self._secret), self.address) from None

    @contextmanager
    def _transaction(self):
        """A READ COMMITTED transaction holding the writer lock: ON CONFLICT then sees other importers' units."""
        if self.readonly:
            raise InputError("the memory was opened read-only", self.address)
        self._db.commit()  # ends the reading snapshot
        self._commits += 1
        self._db.isolation_level = IsolationLevel.READ_COMMITTED
        self._writing = True
        try:
            with self._db.transaction():
                if not self._db.execute("SELECT pg_try_advisory_xact_lock(%s)", (WRITER_LOCK,)).fetchone()[0]:
                    if self.waiting:
                        self.waiting(f"{self.address}: waiting for another import into this memory to end "
                                     f"(at most {self.lock_wait:g} s)")
                    self._db.execute(f"SET LOCAL lock_timeout = {int(self.lock_wait * 1000)}")
                    self._db.execute("SELECT pg_advisory_xact_lock(%s)", (WRITER_LOCK,))
                    self._db.execute("SET LOCAL lock_timeout = 0")
                yield
        except psycopg.Error:
            raise  # _writing left set, for _errors to tell a refused write from a refused read
        except BaseException:
            self._writing = False
            raise
        else:
            self._writing = False
        finally:
            self._db.isolation_level = IsolationLevel.REPEATABLE_READ

    # -- writing ---------------------------------------------------------------------------------------

    def _insert(self, units: list[TranslationUnit], origin: str) -> list[int | None]:
        """One INSERT for the batch's units (ids follow their order) and one COPY for the new ones' texts."""
        rows = [unit_values(unit, origin) for unit in units]
        values = ",".join([f"({_marks(rows[0])})"] * len(rows))
        keys = dict(self._db.execute(f"INSERT INTO units ({INSERT_COLUMNS}) VALUES {values} ON CONFLICT (fingerprint)"
                                     " DO NOTHING RETURNING fingerprint, id", [v for row in rows for v in row]))
        new = []
        with self._db.cursor().copy("COPY variants (lang, unit_id, text) FROM STDIN") as copy:
            for unit, row in zip(units, rows, strict=True):
                key = keys.pop(row[0], None)  # popped: a unit twice in one batch is new the first time only
                new.append(key)
                if key is not None:
                    for lang, text in unit.variants.items():
                        copy.write_row((lang, key, text))
        return new

    def save_blob(self, name: str, data: bytes | memoryview, generation: str | None = None) -> bool:
        if self.readonly:
            return False
        saved = False
        with self._errors():
            try:
                with self._db.transaction():  # a savepoint in the snapshot the index was built in
                    current = int(self.generation())
                    if generation is not None and int(generation) != current:
                        return False
                    generation = current
                    self._db.execute("DELETE FROM blobs WHERE name = %s AND generation < %s", (name, generation))
                    self._db.execute("INSERT INTO blobs VALUES (%s, %s, %b) ON CONFLICT (name, generation) DO UPDATE"
                                     " SET data = EXCLUDED.data", (name, generation, memoryview(data).cast("B")))
                saved = True
            except _CACHE_REFUSALS:
                pass
            self._db.commit()  # at once: other clients saving the same index must not wait for this one to end
            self._commits += 1
        return saved

    # -- reading ---------------------------------------------------------------------------------------

    def units(self, langs: Sequence[str] | None = None, document: str | None = None) -> Iterator[TranslationUnit]:
        where = " WHERE document = %s" if document is not None else ""
        rows = self._stream(f"SELECT {UNIT_COLUMNS} FROM units{where} ORDER BY id", [document] if where else [])
        batches = iter(lambda: list(islice(rows, BATCH)), [])
        with self._errors():
            yield from units_from_batches(batches, lambda keys: self._variants(keys, langs))

    def _stream(self, sql: str, args: Sequence) -> Iterator[tuple]:
        """Rows through a server-side cursor: an export of a million units is never all in memory."""
        rows, declared = self._db.cursor(name=f"tm_{next(self._cursors)}"), self._commits
        try:
            with self._errors():
                rows.itersize = BATCH
                rows.execute(sql, args)
                for row in rows:  # noqa: UP028 (`yield from` would hand the cursor our GeneratorExit)
                    yield row
        finally:
            if self._commits == declared:  # else the cursor ended with its transaction: CLOSE would fail the next
                with suppress(psycopg.Error):
                    rows.close()

    def fetch(self, keys: Sequence[int], langs: Sequence[str] | None = None) -> dict[int, TranslationUnit]:
        """In one query (the units joined with their variants): a server's every lookup fetches its candidates,
        and each round trip to PostgreSQL is paid again by every lookup."""
        keys = list(dict.fromkeys(int(k) for k in keys))
        wanted = " AND v.lang = ANY(%s)" if langs else ""
        rows: dict[int, tuple] = {}
        variants = []
        with self._errors():
            for row in self._db.execute(f"SELECT {_UNIT_COLUMNS_U}, v.lang, v.text FROM units u LEFT JOIN variants v"
                                        f" ON v.unit_id = u.id{wanted} WHERE u.id = ANY(%s) ORDER BY u.id",
                                        [list(langs), keys] if langs else [keys]):
                rows.setdefault(row[0], row[:-2])
                if row[-2] is not None:
                    variants.append((row[0], row[-2], row[-1]))
            grouped = grouped_variants(variants, langs)
            return {key: unit_from_row(row, grouped.get(key, {})) for key, row in rows.items()}

    def _variants(self, keys: list[int], langs: Sequence[str] | None) -> dict[int, dict[str, str]]:
        sql, args = "SELECT unit_id, lang, text FROM variants WHERE unit_id = ANY(%s)", [keys]
        if langs:
            sql += " AND lang = ANY(%s)"
            args.append(list(langs))
        return grouped_variants(self._db.execute(sql, args), langs)

    def texts(self, lang: str, after: int | None = None) -> Iterator[tuple[int, str]]:
        return self._stream("SELECT unit_id, text FROM variants WHERE lang = %s AND unit_id > %s ORDER BY unit_id",
                            (lang, -1 if after is None else after))

    def keys(self, lang: str) -> Iterator[int]:
        return (row[0] for row in self._stream("SELECT unit_id FROM variants WHERE lang = %s ORDER BY unit_id",
                                               (lang,)))

    def load_blob(self, name: str, generation: str | None = None) -> bytearray | None:
        """In pieces, as the SQLite store does: one copy of a large index in memory, not libpq's and ours."""
        key = (name, int(self.generation() if generation is None else generation))
        with self._errors(), self._db.cursor(binary=True) as cursor:
            row = cursor.execute("SELECT length(data) FROM blobs WHERE name = %s AND generation = %s", key).fetchone()
            if row is None:
                return None
            data = bytearray(row[0])
            for start in range(0, len(data), CHUNK):
                data[start:start + CHUNK] = cursor.execute(
                    "SELECT substring(data FROM %s FOR %s) FROM blobs WHERE name = %s AND generation = %s",
                    (start + 1, CHUNK, *key)).fetchone()[0]
        return data

    def latest_generation(self) -> str:
        """The generation committed by now, read outside this store's reading snapshot (on a second connection,
        in autocommit): a server's worker keeps its snapshot while the memory has not changed, instead of a
        ROLLBACK, a BEGIN and a SELECT before every lookup (round trips that, on busy cores, each wait for
        PostgreSQL's backend to be scheduled)."""
        with self._errors():
            if self._watch is None or self._watch.closed:
                self._watch = self._connect(self._secret)
                self._watch.autocommit = True
            row = self._watch.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
        if row is None:
            raise InputError("the memory is damaged: no generation in its meta table", self.address)
        return str(row[0])

    def close(self) -> None:
        if self._watch is not None:
            with suppress(psycopg.Error):
                self._watch.close()
        self._db.close()


def _lock_wait() -> float:
    try:
        wait = float(os.environ.get("TM_LOCK_WAIT", LOCK_WAIT))
    except ValueError:
        raise InputError("is not a number of seconds", "TM_LOCK_WAIT") from None
    return wait if wait > 0 else LOCK_WAIT


def _marks(values: Sequence) -> str:
    return ",".join(["%s"] * len(values))


def _reason(exc: psycopg.Error, writing: bool) -> str:
    """What went wrong once connected, in the user's terms where it is theirs to fix."""
    if isinstance(exc, psycopg.errors.InsufficientPrivilege):
        return f"this login may not {'change' if writing else 'read'} the memory ({_first_line(exc)})"
    if isinstance(exc, psycopg.errors.DiskFull):
        return f"the PostgreSQL server has no space left; nothing was changed ({_first_line(exc)})"
    if isinstance(exc, psycopg.OperationalError) and (exc.sqlstate or "08").startswith(("08", "57P")):
        return f"lost the connection to the PostgreSQL server ({_first_line(exc)})"
    return f"memory database error: {_first_line(exc)}"


def _first_line(exc: psycopg.Error) -> str:
    """libpq's message in one line, without its 'connection to server at ... failed:' preamble."""
    first = next((line.strip() for line in str(exc).splitlines() if line.strip()), type(exc).__name__)
    first = first.removeprefix("connection failed:").strip()
    if first.startswith("connection to server") and "failed:" in first:
        first = first.split("failed:", 1)[1].strip()
    return first.removeprefix("FATAL:").strip()
