"""Glossaries as spreadsheets (CSV/TSV), in either of the two shapes people keep them in.

- Long: one term per row, header `concept, lang, term[, status, note, domain]` (how corpora/glossary/*.tsv
  are kept: variants of a concept on their own rows).
- Wide: one concept per row, a header of language codes (`en, et, lv, lt`), optional `concept` (or `id`),
  `status`, `note` and `domain` columns. Rows with the same concept id are one concept (a row of deprecated
  variants beside the row of preferred terms); without an id column the English term names the concept.

A .tsv has no quoting, a .csv is comma- or semicolon-separated with CSV quoting, as tm.formats reads memories;
cells that would run as spreadsheet formulas are written with a quote in front and read back without it.
"""

from __future__ import annotations

import csv
from pathlib import Path

from tm.errors import InputError
from tm.formats.langcodes import primary_code
from tm.formats.spreadsheet import from_spreadsheet, spreadsheet_safe_row
from tm.formats.table_reader import _chain, _decoded_lines, _delimiter
from tm.fsutil import READ_LIMIT, open_input
from tm.records import Term, TermStatus
from tm.terms.glossary import Glossary

LONG = ("concept", "lang", "term", "status", "note", "domain")
_CONCEPT = {"concept", "id", "concept_id", "entry"}


def read_glossary_table(path: str | Path) -> Glossary:
    path = Path(path)
    with open_input(path, READ_LIMIT, "glossary file") as handle:
        lines = _decoded_lines(handle, path)
        header_line = next(lines, "")
        if path.suffix.lower() == ".tsv":
            rows = csv.reader(_chain(header_line, lines), delimiter="\t", quoting=csv.QUOTE_NONE)
        else:
            rows = csv.reader(_chain(header_line, lines), delimiter=_delimiter(header_line))
        try:
            header = [name.strip().lower() for name in next(rows, [])]
            glossary = Glossary()
            read_row = _long_row if {"concept", "lang", "term"} <= set(header) else _wide_row(header, path)
            for row in rows:
                if not any(cell.strip() for cell in row):
                    continue
                if len(row) != len(header):
                    raise InputError(f"{len(row)} fields where the header has {len(header)}", path, str(rows.line_num))
                cells = (from_spreadsheet(cell).strip() for cell in row)
                read_row(dict(zip(header, cells, strict=True)), glossary, path, str(rows.line_num))
        except csv.Error as exc:
            raise InputError(f"malformed {path.suffix[1:].upper()}: {exc}", path, str(rows.line_num)) from None
    if not glossary.terms:
        raise InputError("no terms found", path)
    glossary.terms = list(dict.fromkeys(glossary.terms))
    return glossary


def _status(value: str, path: Path, place: str) -> TermStatus:
    try:
        return TermStatus((value or "preferred").lower())
    except ValueError:
        raise InputError(f"unknown status {value!r} (expected one of {', '.join(TermStatus)})", path, place) from None


def _long_row(row: dict[str, str], glossary: Glossary, path: Path, place: str) -> None:
    lang = primary_code(row["lang"])
    if lang is None:
        raise InputError(f"unknown language code {row['lang']!r}", path, place)
    if not row["concept"] or not row["term"]:
        raise InputError("a row needs both a concept and a term", path, place)
    glossary.terms.append(Term(row["concept"], lang, row["term"], status=_status(row.get("status", ""), path, place),
                               note=row.get("note") or None))
    if row.get("domain"):
        glossary.domains.setdefault(row["concept"], row["domain"])


def _wide_row(header: list[str], path: Path):
    langs = {name: primary_code(name) for name in header if name not in _CONCEPT | {"status", "note", "domain"}}
    unknown = [name for name, code in langs.items() if code is None]
    if unknown:
        raise InputError(f"unknown column {unknown[0]!r} (expected language codes, concept, status, note, domain)",
                         path, "1")
    if not langs:
        raise InputError("the header names no language (expected codes such as en,et,lv,lt)", path, "1")
    id_column = next((name for name in header if name in _CONCEPT), None)

    def read(row: dict[str, str], glossary: Glossary, path: Path, place: str) -> None:
        concept = row[id_column] if id_column else row.get("en") or next(v for v in row.values() if v)
        status = _status(row.get("status", ""), path, place)
        for name, lang in langs.items():
            if row[name]:
                glossary.terms.append(Term(concept, lang, row[name], status=status, note=row.get("note") or None))
        if row.get("domain"):
            glossary.domains.setdefault(concept, row["domain"])

    return read


def write_glossary_table(glossary: Glossary, handle, delimiter: str, raw: bool = False) -> None:
    """The long shape (lossless: every status and note); a text handle opened with newline=''. Cells a
    spreadsheet would run as formulas get a quote in front (tm.formats.spreadsheet), unless `raw`."""
    if delimiter == "\t":
        writer = csv.writer(handle, delimiter="\t", quoting=csv.QUOTE_NONE, escapechar=None, lineterminator="\n")
    else:
        writer = csv.writer(handle, lineterminator="\n")
    writer.writerow(LONG)
    for term in glossary.terms:
        cells = [term.concept, term.lang, term.text, term.status, term.note or "",
                 glossary.domains.get(term.concept, "")]
        if delimiter == "\t" and any(ch in cell for cell in cells for ch in "\t\n"):
            raise InputError(f"a tab or line break in {term.text!r} cannot be written to TSV (use .csv)")
        writer.writerow(spreadsheet_safe_row(cells, raw))
