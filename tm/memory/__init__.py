"""The translation memory: a store of multilingual units, filled by import, read by query, concordance, export."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

from tm.errors import InputError
from tm.memory.location import DEFAULT_MEMORY, Location, is_server, masked, resolve_memory
from tm.memory.store import ImportSummary, Store

__all__ = ["DEFAULT_MEMORY", "ImportSummary", "Location", "Store", "is_server", "open_for_reading", "open_memory",
           "resolve_memory"]


@contextmanager
def open_memory(location: Location, *, readonly: bool = False, create: bool = True,
                waiting: Callable[[str], None] | None = None) -> Iterator[Store]:
    """The store at `location`: a PostgreSQL address, a `.db` file, or a `.tmx` read into a temporary store.

    A missing memory (file, or tables in the database) is created only with `create`: a lookup must not
    leave an empty memory behind. `waiting` is told when an import into a shared memory waits for another.
    """
    store = _server_store(location, readonly, create, waiting) if is_server(location) else \
        _file_store(Path(location), readonly, create)
    try:
        yield store
    finally:
        store.close()


def open_for_reading(location: Location, *, save_index: bool = True) -> AbstractContextManager[Store]:
    """The memory for a command that only reads it (query, concordance, export, check).

    It must exist, and is never created nor changed (no schema in an empty file, no -wal or -shm left beside
    it): a memory this user may not write (file or folder) is opened read-only. Where the user may write it,
    the one thing a lookup writes is the index of the units, once after each import (tm.memory.query), unless
    `save_index` is False: then nothing at all is written, and every lookup process builds the index anew.
    """
    if is_server(location):
        return open_memory(location, readonly=not save_index, create=False)
    path = Path(location)
    if path.suffix.lower() == ".tmx" or not path.is_file():
        return open_memory(path, create=False)
    from tm.memory.sqlite_store import may_write

    return open_memory(path, readonly=not (save_index and may_write(path)), create=False)


def _file_store(path: Path, readonly: bool, create: bool) -> Store:
    from tm.memory.sqlite_store import SQLiteStore

    if path.suffix.lower() == ".tmx":
        from tm.formats.tmx_reader import read_tmx

        if not path.is_file():
            raise InputError("no such file", path)
        store = SQLiteStore(":memory:")
        store.add_units(read_tmx(path), origin=path.name)
        return store
    if not create and not path.exists():
        raise InputError("no such memory (import into it, or run tm build; a .tmx file serves as a memory too)", path)
    return SQLiteStore(path, readonly=readonly, create=create)


def _server_store(address: str, readonly: bool, create: bool, waiting: Callable[[str], None] | None = None) -> Store:
    """Imported only here, so that psycopg is needed only by those who use a server."""
    try:
        from tm.memory.postgres_store import PostgresStore
    except ModuleNotFoundError as exc:
        if not (exc.name or "").startswith("psycopg"):
            raise
        raise InputError("a PostgreSQL memory needs psycopg: pip install 'tm[postgres]'", masked(address)) from None
    return PostgresStore(address, readonly=readonly, create=create, waiting=waiting)
