"""`tm import`: stream units from files of any known format into a store, as one transaction."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from tm.formats import ReadTally
from tm.formats.readers import reader_for
from tm.memory.store import ImportSummary, Store
from tm.records import TranslationUnit

Progress = Callable[[str, int], None]


def import_files(store: Store, paths: Sequence[str | Path], progress: Progress | None = None) -> ImportSummary:
    """Every file's units in one transaction: one bad file leaves the store exactly as it was."""
    readers = [(Path(path), reader_for(path)) for path in paths]  # check every file before writing anything
    tally = ReadTally()

    def units() -> Iterator[TranslationUnit]:
        for path, reader in readers:
            for n, unit in enumerate(reader(path, tally), 1):
                if unit.origin is None:
                    unit.origin = path.name
                if progress and n % 1000 == 0:
                    progress(path.name, n)
                yield unit

    summary = store.add_units(units(), origin=readers[0][0].name if readers else "")
    summary.read += sum(tally.skipped.values())
    summary.skipped.update(tally.skipped)
    summary.dropped.update(tally.dropped)
    return summary
