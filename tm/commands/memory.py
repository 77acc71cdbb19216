"""The memory commands: import files into it, look up fuzzy matches and concordances, export it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tm.commands.common import NO_PROGRESS, Progress, open_for_reading
from tm.commands.remote import query as remote_query, remote_address
from tm.errors import InputError
from tm.memory import ImportSummary, Location, is_server, open_memory, resolve_memory
from tm.memory.concordance import Concordance, Hit
from tm.memory.exporter import export as export_store
from tm.memory.importer import import_files
from tm.memory.location import masked
from tm.memory.query import Match, Matcher


@dataclass(frozen=True, slots=True)
class Imported:
    summary: ImportSummary
    memory: str  # where it went, a server's password masked
    total: int  # units in the memory afterwards


def import_(files: Sequence[str | Path], memory: str | None, progress: Progress = NO_PROGRESS) -> Imported:
    """Every file's units added in one transaction: one bad file leaves the memory exactly as it was."""
    location = resolve_memory(memory)
    with _no_leftover(location), open_memory(location, waiting=progress) as store:
        summary = import_files(store, files, lambda name, n: progress(f"{name}: {n} units"))
        total = store.count()
    return Imported(summary=summary, memory=masked(location) if is_server(location) else str(location), total=total)


@contextmanager
def _no_leftover(location: Location):
    """A failed first import leaves no empty memory file behind (a server keeps its empty tables: harmless)."""
    if is_server(location) or location.exists():
        yield
        return
    try:
        yield
    except BaseException:
        for leftover in (location, location.with_name(location.name + "-wal"),
                         location.with_name(location.name + "-shm")):
            leftover.unlink(missing_ok=True)
        raise


def query(texts: Iterable[str], src: str, tgt: str, memory: str | None, *, minimum: int = 70,
          limit: int = 5) -> Iterator[tuple[str, list[Match]]]:
    """Each text with its best matches, best first; the memory stays open while the caller reads them, so a
    batch of queries streams."""
    if src == tgt:
        raise InputError(f"the source and target languages are both {src!r}")
    if remote_address(memory):  # a team server (tm serve) asked over HTTP
        yield from remote_query(texts, src, tgt, remote_address(memory), minimum=minimum, limit=limit)
        return
    with open_for_reading(memory) as store:
        present = store.languages()
        for lang, option in ((src, "src"), (tgt, "tgt")):
            if lang not in present:
                known = ", ".join(sorted(present)) or "none: the memory is empty"
                raise InputError(f"the memory has no text in {lang!r} (it has {known})", option=option)
        matcher = Matcher(store, src, tgt)
        for number, text in enumerate(texts, 1):
            if not text.strip():
                raise InputError("empty query: nothing to look up", place=f"query {number}")
            yield text, matcher.search(text, minimum, limit)


@dataclass(frozen=True, slots=True)
class Concordances:
    hits: list[Hit]
    more: bool  # more occurrences than the limit
    shown: list[str]  # languages of the translations shown with each hit


def concordance(text: str, lang: str, memory: str | None, *, langs: Sequence[str] | None = None,
                stems: bool = False, limit: int = 20) -> Concordances:
    from tm.records import LANGS

    shown = list(langs) if langs else [code for code in LANGS if code != lang]
    with open_for_reading(memory) as store:
        hits, more = Concordance(store, lang).find(text, stems=stems, langs=shown, limit=limit)
    return Concordances(hits=hits, more=more, shown=shown)


def export(out: str | Path, fmt: str, memory: str | None, *, langs: Sequence[str] | None = None,
           document: str | None = None, raw: bool = False) -> list[tuple[Path, int]]:
    """Each file written with its number of units (`raw`: CSV cells not guarded against spreadsheet formulas)."""
    with open_for_reading(memory) as store:
        return export_store(store, out, fmt, langs, document, raw)
