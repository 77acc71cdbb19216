"""The memory commands: import files into it, look up fuzzy matches and concordances, export it; add a translated
document, edit or delete a unit, show what was done to it."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tm.commands.common import NO_PROGRESS, Progress, open_for_reading
from tm.commands.remote import query as remote_query
from tm.commands.remote import remote_address
from tm.errors import InputError
from tm.memory import ImportSummary, Location, is_server, open_memory, resolve_memory
from tm.memory.concordance import Concordance, Hit
from tm.memory.exporter import export as export_store
from tm.memory.importer import import_files
from tm.memory.location import masked
from tm.memory.query import Match, Matcher
from tm.memory.store import Change
from tm.records import TranslationUnit


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


# -- local changes: a translated document added, a unit edited or deleted --------------------------------------

@dataclass(frozen=True, slots=True)
class Added:
    summary: ImportSummary  # its keys: of the units added
    memory: str
    total: int
    document: str
    src: str
    tgt: str
    clauses: tuple[int, int]  # of the source and of the translation
    units: list  # the units made from the alignment (added or merged)


def who(by: str | None) -> str:
    """Who makes a change: --by, else the login name."""
    import getpass

    if by:
        return by
    try:
        return os.environ.get("USER") or getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (a container)
        return f"uid {os.getuid()}"


def add(src: str | Path, tgt: str | Path, src_lang: str, tgt_lang: str, memory: str | None, *,
        document: str | None = None, presegmented: bool = False, by: str | None = None,
        progress: Progress = NO_PROGRESS) -> Added:
    """A translated document pair cut into clauses (or taken line by line), aligned, and its links added as units
    (one per link with text on both sides, n-m links joined with a space) with document, today's date and
    origin, in one transaction. The index is brought up to date at the next lookup, not rebuilt."""
    from datetime import UTC, datetime

    from tm.align.pairwise import align_documents
    from tm.commands.align import params, read_document
    from tm.records import TranslationUnit

    if src_lang == tgt_lang:
        raise InputError(f"the source and target languages are both {src_lang!r}")
    location = resolve_memory(memory)
    model = params()
    source, target = read_document(src, src_lang, presegmented), read_document(tgt, tgt_lang, presegmented)
    if not any(t.strip() for t in source.texts) or not any(t.strip() for t in target.texts):
        raise InputError("no text to add", src if not any(t.strip() for t in source.texts) else tgt)
    links = align_documents([(source.texts, target.texts)], model, progress, [(source.anchors, target.anchors)])[0]
    name = document or Path(src).stem
    now = datetime.now(UTC).replace(microsecond=0)
    origin = f"tm add {Path(src).name} {Path(tgt).name}"
    units = []
    for link in links:
        if not link.src or not link.tgt:
            continue
        units.append(TranslationUnit(
            {src_lang: " ".join(source.texts[i] for i in link.src),
             tgt_lang: " ".join(target.texts[j] for j in link.tgt)},
            tuid=f"{name}-{src_lang}{tgt_lang}-{len(units) + 1:04d}", document=name, score=link.score, origin=origin,
            created=now, clauses={src_lang: link.src, tgt_lang: link.tgt}))
    with _no_leftover(location), open_memory(location, waiting=progress) as store:
        summary = store.add_units(units, origin=origin, by=who(by))
        total = store.count()
    return Added(summary=summary, memory=_shown(location), total=total, document=name, src=src_lang, tgt=tgt_lang,
                 clauses=(len(source.texts), len(target.texts)), units=units)


@dataclass(frozen=True, slots=True)
class Edited:
    key: int
    action: str  # edit, delete
    before: TranslationUnit
    after: TranslationUnit | None  # None when deleted
    memory: str


def edit(key: int, lang: str, text: str, memory: str | None, *, by: str | None = None) -> Edited:
    """The unit's `lang` text replaced (one transaction, recorded in its history; the index brought up to date at
    the next lookup)."""
    if not text.strip():
        raise InputError("the new text is empty (to remove the unit: tm delete)", option="text")
    location = resolve_memory(memory)
    with open_memory(location, create=False) as store:
        before, after = store.edit(key, lang, text.strip(), who(by))
    return Edited(key, "edit", before, after, _shown(location))


def delete(key: int, memory: str | None, *, by: str | None = None) -> Edited:
    location = resolve_memory(memory)
    with open_memory(location, create=False) as store:
        before = store.delete(key, who(by))
    return Edited(key, "delete", before, None, _shown(location))


@dataclass(frozen=True, slots=True)
class History:
    key: int
    unit: TranslationUnit | None  # as it is now; None once deleted
    changes: list[Change]


def history(key: int, memory: str | None) -> History:
    """What was done to a unit, oldest first, and the unit as it is now. Only reads."""
    with open_for_reading(memory) as store:
        unit = store.fetch([key]).get(key)
        changes = store.history(key)
    if unit is None and not changes:
        raise InputError(f"no unit #{key} in the memory, and none deleted (tm query --json gives each match's id)")
    return History(key, unit, changes)


def _shown(location: Location) -> str:
    return masked(location) if is_server(location) else str(location)
