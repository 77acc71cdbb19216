"""`tm import`: stream units from files of any known format into a store, as one transaction."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from functools import partial
from pathlib import Path

from tm.formats import ReadTally
from tm.formats.gettext_reader import read_gettext
from tm.formats.readers import GROUPED, XLIFF, reader_for
from tm.formats.xliff_reader import read_xliff
from tm.memory.store import ImportSummary, Store
from tm.records import TranslationUnit

Progress = Callable[[str, int], None]


def import_files(store: Store, paths: Sequence[str | Path], progress: Progress | None = None) -> ImportSummary:
    """Every file's units in one transaction: one bad file leaves the store exactly as it was."""
    checked = [(Path(path), reader_for(path)) for path in paths]  # every file checked before anything is written
    tally = ReadTally()
    catalogues = [path for path, _ in checked if path.suffix.lower() in GROUPED]
    bilingual = [path for path, _ in checked if path.suffix.lower() in XLIFF]
    sources: list[tuple[str, Callable[[], Iterator[TranslationUnit]]]] = [
        (path.name, partial(reader, path, tally)) for path, reader in checked
        if path.suffix.lower() not in GROUPED | XLIFF]
    if catalogues:
        sources.append((catalogues[0].name, partial(read_gettext, catalogues, tally)))
    if bilingual:
        sources.append((bilingual[0].name, partial(merged_xliff, bilingual, tally)))

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


def merged_xliff(paths: Sequence[Path], tally: ReadTally) -> Iterator[TranslationUnit]:
    """The units of XLIFF files imported together, one unit per source clause: `tm export --format xliff --langs
    en,et,lv,lt` writes one file per target language, and their units come back as units of four languages, not
    three bilingual ones. Units merge when their source language and text, document and id (resname) agree, in
    file order; a second translation into a language a unit already has (a clause translated twice in one file)
    starts a unit of its own, kept beside the first."""
    merged: dict[tuple, list[TranslationUnit]] = {}
    order: list[TranslationUnit] = []
    for path in paths:
        for unit in read_xliff(path, tally):
            src, source = next(iter(unit.variants.items()))
            group = merged.setdefault((src, source, unit.document, unit.tuid), [])
            targets = {lang: text for lang, text in unit.variants.items() if lang != src}
            home = next((u for u in group if all(u.variants.get(lang, text) == text for lang, text in targets.items())),
                        None)
            if home is None:
                group.append(unit)
                order.append(unit)
            else:
                home.variants.update(targets)
    yield from order
