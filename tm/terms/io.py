"""Read and write a glossary in whatever format its file name says (.tbx, .csv, .tsv)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from tm.errors import InputError
from tm.fsutil import atomic_write
from tm.terms.glossary import Glossary
from tm.terms.table import read_glossary_table, write_glossary_table
from tm.terms.tbx import read_tbx, write_tbx

FORMATS = ("tbx", "tbx2", "csv", "tsv")


def read_glossary(path: str | Path) -> Glossary:
    path = Path(path)
    if not path.exists():
        raise InputError("no such glossary file", path)  # anything else but a regular file its reader refuses
    suffix = path.suffix.lower()
    if suffix in (".tbx", ".xml", ".tbxm"):
        return read_tbx(path)
    if suffix in (".csv", ".tsv", ".txt"):
        return read_glossary_table(path)
    raise InputError("unknown glossary format (expected .tbx, .csv or .tsv)", path)


def read_glossaries(paths: Iterable[str | Path]) -> Glossary:
    """Several files merged into one glossary (e.g. one TSV per language)."""
    merged = Glossary()
    for path in paths:
        merged.add(read_glossary(path))
    return merged


def format_for(path: str | Path, fmt: str | None) -> str:
    if fmt:
        return fmt
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix in ("csv", "tsv", "tbx"):
        return suffix
    raise InputError("cannot tell the format from the file name (.tbx, .csv or .tsv; or name the format: "
                     "tbx, tbx2, csv, tsv)", path, option="fmt")


def write_glossary(glossary: Glossary, path: str | Path, fmt: str | None = None, raw: bool = False) -> None:
    """Atomically: TBX-Basic v3 (`tbx`), TBX v2 martif (`tbx2`), or the long CSV/TSV shape (cells a spreadsheet
    would run as formulas guarded with a quote unless `raw`, tm.formats.spreadsheet)."""
    fmt = format_for(path, fmt)
    if fmt in ("tbx", "tbx2"):
        with atomic_write(path, "wb") as handle:
            write_tbx(glossary, handle, version=3 if fmt == "tbx" else 2)
    elif fmt in ("csv", "tsv"):
        with atomic_write(path, "w", encoding="utf-8") as handle:
            write_glossary_table(glossary, handle, "\t" if fmt == "tsv" else ",", raw)
    else:
        raise InputError(f"unknown glossary format {fmt!r} (expected {', '.join(FORMATS)})", path)
