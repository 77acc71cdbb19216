"""Which reader handles which file: by extension, the way translators name their exports."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from tm.errors import InputError
from tm.formats import ReadTally
from tm.records import TranslationUnit

Reader = Callable[[Path, ReadTally], Iterator[TranslationUnit]]


def _tmx(path: Path, tally: ReadTally) -> Iterator[TranslationUnit]:
    from tm.formats.tmx_reader import read_tmx
    return read_tmx(path, tally)


def _gettext(path: Path, tally: ReadTally) -> Iterator[TranslationUnit]:
    from tm.formats.gettext_reader import read_gettext
    return read_gettext([path], tally)


def _xliff(path: Path, tally: ReadTally) -> Iterator[TranslationUnit]:
    from tm.formats.xliff_reader import read_xliff
    return read_xliff(path, tally)


def _table(path: Path, tally: ReadTally) -> Iterator[TranslationUnit]:
    from tm.formats.table_reader import read_table
    return read_table(path, tally)


READERS: dict[str, Reader] = {".tmx": _tmx, ".po": _gettext, ".mo": _gettext, ".xlf": _xliff, ".xliff": _xliff,
                              ".csv": _table, ".tsv": _table}


GROUPED = frozenset({".po", ".mo"})
"""Catalogues read together, so that one message's translations in several files merge into one unit."""


def reader_for(path: str | Path) -> Reader:
    """The reader for `path`, after checking that it is a readable, non-empty file of a known format."""
    path = Path(path)
    if path.is_dir():
        raise InputError("is a directory, not a file", path)
    if not path.is_file():
        raise InputError("no such file", path)
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise InputError(f"unknown format {path.suffix or '(no extension)'!r} "
                         f"(known: {', '.join(sorted(READERS))})", path)
    if path.stat().st_size == 0:
        raise InputError("file is empty", path)
    return reader
