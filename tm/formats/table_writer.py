"""Write a memory as CSV: `document,tuid` then one column per language, the layout tm.formats.table_reader
reads back and any spreadsheet opens. A .tsv has no quoting, so its tabs and line breaks become spaces. A cell a
spreadsheet would run as a formula gets a quote in front (tm.formats.spreadsheet; the reader takes it off)
unless `raw`."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path

from tm.formats.spreadsheet import spreadsheet_safe_row
from tm.fsutil import atomic_write
from tm.records import TranslationUnit


def write_table(path: str | Path, units: Iterable[TranslationUnit], *, langs: Sequence[str], raw: bool = False) -> int:
    """Write the units with text in at least one of `langs`; returns how many were written."""
    tsv = Path(path).suffix.lower() == ".tsv"
    written = 0
    with atomic_write(path, "w", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter="\t", quoting=csv.QUOTE_NONE, escapechar=None, lineterminator="\n") \
            if tsv else csv.writer(handle, lineterminator="\n")
        writer.writerow(["document", "tuid", *langs])
        for unit in units:
            if any(unit.variants.get(lang) for lang in langs):
                cells = [unit.document or "", unit.tuid or "", *(unit.variants.get(lang, "") for lang in langs)]
                writer.writerow(spreadsheet_safe_row([" ".join(cell.split()) for cell in cells] if tsv else cells, raw))
                written += 1
    return written
