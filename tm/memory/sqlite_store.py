"""The embedded store: one SQLite file, written in WAL mode so readers keep working while an import runs.

Every import is one transaction (BEGIN IMMEDIATE ... COMMIT), so a failed or interrupted import leaves the
file exactly as it was. SQLite's own errors (not a database, read-only, locked) become one-line InputErrors
naming the file: they are the user's situation, not a bug.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from tm.errors import InputError
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
    id INTEGER PRIMARY KEY,
    fingerprint TEXT NOT NULL UNIQUE,
    tuid TEXT, document TEXT, kind TEXT, score REAL, origin TEXT,
    created TEXT, changed TEXT, usage_count INTEGER NOT NULL DEFAULT 0, props TEXT
);
CREATE TABLE variants (
    lang TEXT NOT NULL, unit_id INTEGER NOT NULL REFERENCES units(id), text TEXT NOT NULL,
    PRIMARY KEY (lang, unit_id)
) WITHOUT ROWID;
CREATE INDEX variants_unit ON variants(unit_id);
CREATE INDEX units_document ON units(document);
CREATE TABLE blobs (name TEXT PRIMARY KEY, generation TEXT NOT NULL, data BLOB NOT NULL);
""" + "".join(f"{statement};\n" for statement in HISTORY)


def _marks(values: Sequence) -> str:
    return ",".join("?" * len(values))


INSERT_UNIT = (f"INSERT INTO units ({INSERT_COLUMNS}) VALUES ({_marks(INSERT_COLUMNS.split(','))})"
               " ON CONFLICT(fingerprint) DO NOTHING")


def may_write(path: Path) -> bool:
    """Whether this user may change the memory file: the file and its folder writable (the -wal and -shm files
    are made beside it), and not marked read-only by its owner (respected even by root)."""
    return (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK | os.X_OK)
            and bool(path.stat().st_mode & 0o222))


def _read_only_uri(path: Path) -> str:
    """How to read a memory this user may not write, making no file beside it.

    With no -wal file, or an empty one, every committed unit is in the memory file itself, which is read as
    immutable (no -shm, no locks). Otherwise the committed units of the -wal are needed: read-only mode, which
    uses an existing -shm or fails (then InputError) where none can be made."""
    wal, shm = path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")
    immutable = not wal.exists() or wal.stat().st_size == 0
    if not immutable and not shm.exists() and not os.access(path.parent, os.W_OK | os.X_OK):
        raise InputError(f"cannot read the memory: {wal.name} holds changes not yet in it, and its folder is "
                         "read-only; any tm command run by its owner merges them", path)
    return f"file:{quote(str(path.resolve()))}?mode=ro" + ("&immutable=1" if immutable else "")


class SQLiteStore(SharedSQL):
    """A `Store` in one SQLite file (or in memory, for a TMX read on the fly)."""

    _bump = "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation'"

    def __init__(self, path: str | Path, *, readonly: bool = False, create: bool = True, timeout: float = 5.0):
        self.path = self._where = str(path)
        self.readonly = readonly
        with self._errors():
            self._db = self._connect(timeout)
            self._check_or_create(create and not readonly)

    # -- opening ---------------------------------------------------------------------------------------

    def _connect(self, timeout: float) -> sqlite3.Connection:
        if self.path == ":memory:":
            return sqlite3.connect(":memory:", isolation_level=None)
        path = Path(self.path)
        if path.is_dir():
            raise InputError("is a directory, not a memory file", path)
        if self.readonly:
            if not path.exists():
                raise InputError("no such memory", path)
            if not may_write(path):
                return sqlite3.connect(_read_only_uri(path), uri=True, timeout=timeout, isolation_level=None)
            # a connection that may write removes the -wal and -shm it made when it closes; told to write nothing
            db = sqlite3.connect(str(path), timeout=timeout, isolation_level=None)
            db.execute("PRAGMA query_only = ON")
            return db
        if path.exists() and not path.stat().st_mode & 0o222:
            # respected even where the user could override it (root): the owner marked the memory read-only
            raise InputError("the memory is read-only (file permissions)", path)
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() and not os.access(path.parent, os.W_OK | os.X_OK):
            raise InputError("cannot create the memory: its folder is read-only", path)
        return sqlite3.connect(str(path), timeout=timeout, isolation_level=None)

    def _check_or_create(self, create: bool) -> None:
        tables = {row[0] for row in self._db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not tables and create:
            if self.path != ":memory:":
                self._db.execute("PRAGMA journal_mode=WAL")
            self._db.executescript(f"BEGIN IMMEDIATE; {SCHEMA} INSERT INTO meta VALUES ('format', '{FORMAT}'), "
                                   f"('version', '{VERSION}'), ('generation', '0'); COMMIT;")
            return
        if not tables and self.path != ":memory:" and Path(self.path).stat().st_size == 0:
            raise InputError("not a tm memory (an empty file)", self.path)
        meta = dict(self._db.execute("SELECT key, value FROM meta")) if "meta" in tables else {}
        problem = format_problem(meta, "an SQLite database of something else")
        if problem:
            raise InputError(problem, self.path)

    def _has_table(self, name: str) -> bool:
        return self._db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                                (name,)).fetchone() is not None

    @contextmanager
    def _errors(self):
        """SQLite's failures as one-line input errors naming the file."""
        try:
            yield
        except Damaged as exc:
            raise InputError(f"the memory is damaged: {exc}", self.path) from None
        except sqlite3.DatabaseError as exc:
            text = str(exc)
            if "locked" in text or "busy" in text:
                message = "the memory is locked by another program (an import still running?); try again later"
            elif "disk is full" in text or "SQLITE_FULL" in text:
                message = "no space left on the disk holding the memory; nothing was changed"
            elif "readonly" in text or "read-only" in text:
                message = "the memory is read-only (file or folder permissions)"
            elif "not a database" in text or "malformed" in text:
                message = "not a tm memory (not an SQLite database)"
            elif "unable to open" in text:
                message = "cannot open the memory file"
            elif "disk I/O error" in text:
                message = "cannot read or write the memory file (disk I/O error); nothing was changed"
            else:
                message = f"memory database error: {text}"
            raise InputError(message, self.path) from None

    @contextmanager
    def _transaction(self):
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            if self._db.in_transaction:  # SQLite has already rolled back after some errors (a full disk)
                self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    # -- writing ---------------------------------------------------------------------------------------

    def _insert(self, units: list[TranslationUnit], origin: str) -> list[int | None]:
        return [self._insert_one(unit, origin) for unit in units]

    def _insert_one(self, unit: TranslationUnit, origin: str) -> int | None:
        cursor = self._db.execute(INSERT_UNIT, unit_values(unit, origin))
        if not cursor.rowcount:
            return None
        key = cursor.lastrowid
        self._db.executemany("INSERT INTO variants (lang, unit_id, text) VALUES (?, ?, ?)",
                             [(lang, key, text) for lang, text in unit.variants.items()])
        return key

    def save_blob(self, name: str, data: bytes | memoryview, generation: str | None = None) -> bool:
        if self.readonly:
            return False
        data = memoryview(data).cast("B")
        waited = self._db.execute("PRAGMA busy_timeout").fetchone()[0]
        self._db.execute("PRAGMA busy_timeout = 0")  # a lookup never waits for an import to save a cache
        try:
            with self._transaction():
                current = self.generation()
                if generation is not None and generation != current:
                    return False  # built from units that have changed since: stale already
                # one generation per name (its key): an index of an older generation, brought up to date at
                # lookup by the units changed since (tm.memory.query), stays until a newer one replaces it
                self._db.execute("INSERT OR REPLACE INTO blobs VALUES (?, ?, zeroblob(?))", (name, current, len(data)))
                rowid = self._db.execute("SELECT rowid FROM blobs WHERE name = ?", (name,)).fetchone()[0]
                with self._db.blobopen("blobs", "data", rowid) as blob:  # in pieces: no copy of a large index
                    for start in range(0, len(data), 1 << 24):
                        blob.write(data[start:start + (1 << 24)])
            return True
        except sqlite3.OperationalError:
            return False  # a cache that cannot be written (read-only file, locked, disk full) is rebuilt next time
        finally:
            self._db.execute(f"PRAGMA busy_timeout = {int(waited)}")

    # -- reading ---------------------------------------------------------------------------------------

    def units(self, langs: Sequence[str] | None = None, document: str | None = None) -> Iterator[TranslationUnit]:
        where, args = [], []
        if document is not None:
            where.append("document = ?")
            args.append(document)
        sql = f"SELECT {UNIT_COLUMNS} FROM units" + (f" WHERE {' AND '.join(where)}" if where else "") + " ORDER BY id"
        with self._errors():
            rows = self._db.execute(sql, args)
            yield from units_from_batches(iter(lambda: rows.fetchmany(BATCH), []),
                                          lambda keys: self._variants(keys, langs))

    def fetch(self, keys: Sequence[int], langs: Sequence[str] | None = None) -> dict[int, TranslationUnit]:
        keys = list(dict.fromkeys(int(k) for k in keys))
        with self._errors():
            variants = self._variants(keys, langs)
            rows = self._db.execute(f"SELECT {UNIT_COLUMNS} FROM units WHERE id IN ({_marks(keys)})", keys)
            return {row[0]: unit_from_row(row, variants.get(row[0], {})) for row in rows}

    def _variants(self, keys: list[int], langs: Sequence[str] | None) -> dict[int, dict[str, str]]:
        sql = f"SELECT unit_id, lang, text FROM variants WHERE unit_id IN ({_marks(keys)})"
        args: list = list(keys)
        if langs:
            sql += f" AND lang IN ({_marks(langs)})"
            args += list(langs)
        return grouped_variants(self._db.execute(sql, args), langs)

    def texts(self, lang: str, after: int | None = None) -> Iterator[tuple[int, str]]:
        with self._errors():
            yield from self._db.execute("SELECT unit_id, text FROM variants WHERE lang = ? AND unit_id > ? "
                                        "ORDER BY unit_id", (lang, -1 if after is None else after))

    def keys(self, lang: str) -> Iterator[int]:
        with self._errors():
            yield from (row[0] for row in self._db.execute(
                "SELECT unit_id FROM variants WHERE lang = ? ORDER BY unit_id", (lang,)))

    def load_blob(self, name: str, generation: str | None = None) -> bytearray | None:
        with self._errors():
            self._db.execute("BEGIN")  # one snapshot: the row cannot be replaced while it is read
            try:
                row = self._db.execute("SELECT rowid, length(data) FROM blobs WHERE name = ? AND generation = ?",
                                       (name, self.generation() if generation is None else generation)).fetchone()
                if row is None:
                    return None
                data = bytearray(row[1])
                with self._db.blobopen("blobs", "data", row[0], readonly=True) as blob:  # in pieces, one copy only
                    for start in range(0, len(data), 1 << 24):
                        data[start:start + (1 << 24)] = blob.read(1 << 24)
            finally:
                self._db.execute("COMMIT")
        return data

    def close(self) -> None:
        self._db.close()
