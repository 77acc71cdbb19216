"""The translation memory: a store of multilingual units, filled by import, read by query, concordance, export."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tm.errors import InputError
from tm.memory.store import ImportSummary, Store

__all__ = ["ImportSummary", "Store", "open_memory", "resolve_memory_path"]

DEFAULT_MEMORY = "build/memory.db"


def resolve_memory_path(option: str | None) -> Path:
    """--memory, else $TM_MEMORY, else build/memory.db (what `tm build` writes)."""
    return Path(option or os.environ.get("TM_MEMORY") or DEFAULT_MEMORY)


@contextmanager
def open_memory(path: str | Path, *, readonly: bool = False) -> Iterator[Store]:
    """The store at `path`: a `.db` file (created unless readonly), or a `.tmx` read into a temporary store."""
    from tm.memory.sqlite_store import SQLiteStore

    path = Path(path)
    if path.suffix.lower() == ".tmx":
        from tm.formats.tmx_reader import read_tmx

        if not path.is_file():
            raise InputError("no such file", path)
        store = SQLiteStore(":memory:")
        store.add_units(read_tmx(path), origin=path.name)
    else:
        store = SQLiteStore(path, readonly=readonly)
    try:
        yield store
    finally:
        store.close()
