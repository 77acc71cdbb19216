"""`tm import`: stream units from files of any known format into a store, as one transaction."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from functools import partial
from pathlib import Path

from tm.formats import ReadTally
from tm.formats.gettext_reader import read_gettext
from tm.formats.readers import GROUPED, reader_for
from tm.memory.store import ImportSummary, Store
from tm.records import TranslationUnit

Progress = Callable[[str, int], None]


def import_files(store: Store, paths: Sequence[str | Path], progress: Progress | None = None) -> ImportSummary:
    """Every file's units in one transaction: one bad file leaves the store exactly as it was."""
    checked = [(Path(path), reader_for(path)) for path in paths]  # every file checked before anything is written
    tally = ReadTally()
    catalogues = [path for path, _ in checked if path.suffix.lower() in GROUPED]
    sources: list[tuple[str, Callable[[], Iterator[TranslationUnit]]]] = [
        (path.name, partial(reader, path, tally)) for path, reader in checked if path.suffix.lower() not in GROUPED]
    if catalogues:
        sources.append((catalogues[0].name, partial(read_gettext, catalogues, tally)))

    def units() -> Iterator[TranslationUnit]:
        for name, read in sources:
            for n, unit in enumerate(read(), 1):
                if unit.origin is None:
                    unit.origin = name
                if progress and n % 1000 == 0:
                    progress(name, n)
                yield unit

    summary = store.add_units(units(), origin=sources[0][0] if sources else "")
    summary.read += sum(tally.skipped.values())
    summary.skipped.update(tally.skipped)
    summary.dropped.update(tally.dropped)
    return summary
