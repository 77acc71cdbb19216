"""`tm export`: the memory (or one document of it) as TMX, PO, XLIFF or CSV for a CAT tool or a script.

TMX and CSV hold every language in one file. PO and XLIFF 1.2 are bilingual, so they get one file per target
language: OUT itself when there is one target and OUT names a file, else OUT/<lang>.po|.xlf.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from tm.errors import InputError
from tm.memory.store import Store
from tm.records import LANGS

FORMATS = ("tmx", "po", "xliff", "csv")
SUFFIX = {"po": ".po", "xliff": ".xlf"}


def export(store: Store, out: str | Path, fmt: str, langs: Sequence[str] | None = None,
           document: str | None = None, raw: bool = False) -> list[tuple[Path, int]]:
    """Write the export; returns each file written with its number of units. CSV cells that a spreadsheet would
    run as formulas are guarded unless `raw` (tm.formats.spreadsheet)."""
    out = Path(out)
    if document is not None and not any(True for _ in store.units(document=document)):
        raise InputError(f"no unit of document {document!r} in the memory", option="document")
    present = _languages(store, langs)

    def units():
        return store.units(langs or None, document)

    if fmt == "tmx":
        from tm.formats.tmx_writer import write_tmx

        return [(out, write_tmx(out, units(), srclang=present[0], langs=langs or None,
                                min_variants=2 if langs else 1))]
    if fmt == "csv":
        from tm.formats.table_writer import write_table

        return [(out, write_table(out, units(), langs=present, raw=raw))]
    source, targets = present[0], present[1:]
    if not targets:
        raise InputError(f"{fmt} is bilingual: name a source and at least one target language", option="langs")
    single = len(targets) == 1 and out.suffix.lower() in (".po", ".pot", ".xlf", ".xliff")
    written = []
    for target in targets:
        path = out if single else out / f"{target}{SUFFIX[fmt]}"
        written.append((path, _write_bilingual(fmt, path, units(), source, target)))
    return written


def _write_bilingual(fmt: str, path: Path, units, source: str, target: str) -> int:
    if fmt == "po":
        from tm.formats.po_writer import write_po

        return write_po(path, units, srclang=source, tgtlang=target)
    from tm.formats.xliff_writer import write_xliff

    return write_xliff(path, units, srclang=source, tgtlang=target)


def _languages(store: Store, langs: Sequence[str] | None) -> list[str]:
    """The languages exported, source first: as given, else those of the memory (en, et, lv, lt first)."""
    counts = store.languages()
    if langs:
        missing = [lang for lang in langs if lang not in counts]
        if missing:
            raise InputError(f"the memory has no text in {', '.join(missing)}", option="langs")
        return list(langs)
    if not counts:
        raise InputError("the memory is empty: nothing to export")
    return [lang for lang in LANGS if lang in counts] + sorted(lang for lang in counts if lang not in LANGS)
