"""Read CSV and TSV memories: a header of language codes (`en,et,lv,lt`), one unit per row.

Spreadsheets are how many translators keep glossaries and small memories. Besides languages the header may
name the document (`document`, `doc`, `component`) and the unit id (`tuid`, `id`, `key`, `msgctxt`,
`tu_index`). An empty cell means the unit has no text in that language. A .tsv is tab-separated; a .csv is
comma- or semicolon-separated (whichever its header uses), as Excel writes in either locale, with
CSV quoting; a .tsv has no quoting (a quote is just a character), as tab-separated files are written. A cell
that tm's export guarded against spreadsheet formulas (`'=...`, tm.formats.spreadsheet) reads back unguarded.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from tm.errors import InputError
from tm.formats import ReadTally
from tm.formats.langcodes import primary_code
from tm.formats.readers import refuse_controls
from tm.formats.spreadsheet import from_spreadsheet
from tm.fsutil import STREAM_LIMIT, open_input
from tm.records import TranslationUnit

DOCUMENT = {"document", "doc", "component"}
TUID = {"tuid", "id", "key", "msgctxt", "tu_index"}


def read_table(path: str | Path, tally: ReadTally | None = None) -> Iterator[TranslationUnit]:
    path = Path(path)
    tally = tally if tally is not None else ReadTally()
    with open_input(path, STREAM_LIMIT) as handle:
        lines = _decoded_lines(handle, path)
        header_line = next(lines, "")
        if path.suffix.lower() == ".tsv":  # IANA text/tab-separated-values: no quoting, a quote is a character
            rows = csv.reader(_chain(header_line, lines), delimiter="\t", quoting=csv.QUOTE_NONE)
        else:
            rows = csv.reader(_chain(header_line, lines), delimiter=_delimiter(header_line))
        try:
            columns = _columns(next(rows), path)
            for row in rows:
                if not any(cell.strip() for cell in row):
                    continue
                if len(row) != len(columns):
                    raise InputError(f"{len(row)} fields where the header has {len(columns)}", path,
                                     str(rows.line_num))
                unit = _unit(dict(zip(columns, row, strict=True)))
                if unit is None:
                    tally.skipped["row without text"] += 1
                else:
                    yield unit
        except csv.Error as exc:
            raise InputError(f"malformed {path.suffix[1:].upper()}: {exc}", path, str(rows.line_num)) from None


def _decoded_lines(handle, path: Path) -> Iterator[str]:
    """Lines of the file as UTF-8 (a BOM allowed); a byte that is not UTF-8, or a control character
    (tm.formats.readers.refuse_controls), is reported with its line and column."""
    for number, raw in enumerate(handle, 1):
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(f"not UTF-8 (byte 0x{raw[exc.start]:02x} at column {exc.start + 1})", path,
                             str(number)) from None
        refuse_controls(line.removesuffix("\n").removesuffix("\r"), path, str(number), column=True)
        yield line


def _chain(first: str, rest: Iterator[str]) -> Iterator[str]:
    yield first
    yield from rest


def _delimiter(header: str) -> str:
    return ";" if header.count(";") > header.count(",") else ","


def _columns(header: list[str], path: Path) -> list[str]:
    columns = []
    for name in header:
        key = name.strip().lower()
        if key in DOCUMENT:
            columns.append("@document")
        elif key in TUID:
            columns.append("@tuid")
        else:
            lang = primary_code(name)
            if lang is None:
                raise InputError(f"unknown language code {name.strip()!r} in the header", path, "1")
            if lang in columns:
                raise InputError(f"language {lang!r} appears twice in the header", path, "1")
            columns.append(lang)
    if not any(not c.startswith("@") for c in columns):
        raise InputError("the header names no language (expected codes such as en,et,lv,lt)", path, "1")
    return columns


def _unit(row: dict[str, str]) -> TranslationUnit | None:
    row = {name: from_spreadsheet(cell) for name, cell in row.items()}  # tm's export guards formula-like cells
    variants = {lang: text.strip() for lang, text in row.items() if not lang.startswith("@") and text.strip()}
    if not variants:
        return None
    return TranslationUnit(variants, tuid=row.get("@tuid") or None, document=row.get("@document") or None)
