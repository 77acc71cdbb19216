"""Memories built from the real data in ../shared, shared by the memory and format tests."""

from __future__ import annotations

import pytest

from tm.memory import open_memory
from tm.memory.importer import import_files


def units_of(path, langs=None) -> list[tuple]:
    """What a memory says, as comparable rows: document, id, texts, and the unit's other attributes."""
    with open_memory(path, readonly=True) as store:
        return sorted((u.document or "", u.tuid or "", sorted(u.variants.items()), u.kind, u.score,
                       sorted(u.props.items()), u.usage_count) for u in store.units(langs))


def _memory(tmp_path_factory, name: str, files):
    path = tmp_path_factory.mktemp("memory") / name
    with open_memory(path) as store:
        import_files(store, sorted(files))
    return path


@pytest.fixture(scope="module")
def dgt_memory(shared, tmp_path_factory):
    return _memory(tmp_path_factory, "dgt.db", (shared / "data" / "dgt-tm-sample" / "tmx").glob("*.tmx"))


@pytest.fixture(scope="module")
def libreoffice_memory(shared, tmp_path_factory):
    return _memory(tmp_path_factory, "libreoffice.db", (shared / "data" / "libreoffice-ui-tm" / "mo").glob("*/*.mo"))
