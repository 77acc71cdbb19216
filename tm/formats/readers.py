"""Which reader handles which file (by extension, the way translators name their exports), and the one rule
on characters that every reader applies to what it imports.

Control characters are refused, never removed. Unicode's control characters (category Cc: C0 U+0000-U+001F,
DEL U+007F, C1 U+0080-U+009F) are not text: in a translation memory they are the trace of a binary file, a wrong
encoding or pasted terminal output, or an attack (ESC/OSC sequences that rewrite a translator's terminal when
`tm query` prints the unit; NUL, which cuts strings short in C tools). Removing them silently would store a text
that differs from its source, so the memory would no longer match the document it came from and the file could
not be compared with its re-export; XML 1.0 cannot even hold C0, so a TMX or XLIFF export of such a unit would
fail. Refusing with the file, the line and the code point lets the translator fix the source and import again,
and applying the same rule to every format (TMX, XLIFF, PO, MO, CSV/TSV, TBX and glossary tables) means a text
holds the same characters whichever way it came in. Allowed: tab, line feed, and carriage return as part of a
CRLF line break.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

from tm.errors import InputError
from tm.formats import ReadTally
from tm.formats.inline import local_name
from tm.fsutil import STREAM_LIMIT, open_input
from tm.records import TranslationUnit

Reader = Callable[[Path, ReadTally], Iterator[TranslationUnit]]


def _tmx(path: Path, tally: ReadTally) -> Iterator[TranslationUnit]:
    from tm.formats.tmx_reader import read_tmx
    return read_tmx(path, tally)


def _gettext(path: Path, tally: ReadTally) -> Iterator[TranslationUnit]:
    from tm.formats.gettext_reader import read_gettext
    return read_gettext([path], tally)


def _xliff(path: Path, tally: ReadTally) -> Iterator[TranslationUnit]:
    from tm.formats.xliff_reader import read_xliff
    return read_xliff(path, tally)


def _table(path: Path, tally: ReadTally) -> Iterator[TranslationUnit]:
    from tm.formats.table_reader import read_table
    return read_table(path, tally)


READERS: dict[str, Reader] = {".tmx": _tmx, ".po": _gettext, ".mo": _gettext, ".xlf": _xliff, ".xliff": _xliff,
                              ".csv": _table, ".tsv": _table}


GROUPED = frozenset({".po", ".mo"})
"""Catalogues read together, so that one message's translations in several files merge into one unit."""
XLIFF = frozenset({".xlf", ".xliff"})
"""Bilingual files read together, so that one clause's translations into several languages merge into one unit."""


def reader_for(path: str | Path) -> Reader:
    """The reader for `path`, after checking that it is a readable, non-empty file of a known format."""
    path = Path(path)
    with open_input(path, STREAM_LIMIT) as handle:
        empty = not handle.read(1)
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise InputError(f"unknown format {path.suffix or '(no extension)'!r} "
                         f"(known: {', '.join(sorted(READERS))})", path)
    if empty:
        raise InputError("file is empty", path)
    return reader


CONTROL = re.compile(r"\r(?!\n)|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""A control character tm refuses: Cc other than tab, line feed and the CR of a CRLF."""


def find_control(text: str) -> int | None:
    """Index of the first refused control character of `text`, or None."""
    match = CONTROL.search(text)
    return match.start() if match else None


def refuse_controls(text: str | None, path: str | Path, place: str | None, where: str = "",
                    column: bool = False) -> None:
    """Raise an InputError naming the code point if `text` holds a refused control character; `where` says
    which part of the unit (" in the tuid"), `column` adds the 1-based column (for texts that are one line)."""
    index = find_control(text) if text else None
    if index is None:
        return
    at = f" at column {index + 1}" if column else ""
    raise InputError(f"control character U+{ord(text[index]):04X}{at}{where} "
                     f"(refused: only tab and line breaks may be in a text)", path, place)


def refuse_controls_in_element(element, path: str | Path) -> None:
    """The rule over a parsed XML element: its attribute values and all text within it, reported at the line
    of the element that holds the character (XML 1.0 refuses C0 itself, but C1, DEL and &#13; get through)."""
    search = CONTROL.search
    for node in element.iter():
        named = isinstance(node.tag, str)  # not a processing instruction
        for name, value in node.attrib.items():
            if search(value):
                refuse_controls(value, path, str(node.sourceline), f" in the attribute {local_name(name)}")
        if named and node.text and search(node.text):
            refuse_controls(node.text, path, str(node.sourceline), f" in <{local_name(node.tag)}>")
        if node is not element and node.tail and search(node.tail):
            refuse_controls(node.tail, path, str(node.sourceline), f" after <{local_name(node.tag)}>" if named else "")


def refuse_controls_in_unit(unit: TranslationUnit, path: str | Path, langs=None) -> None:
    """The rule applied by a writer to a unit stored before it held (XLIFF and PO cannot carry C0 faithfully,
    and a file handed to a CAT tool should carry no terminal escapes): an InputError naming the output, the
    unit and the code point, raised before anything is written."""
    label = repr(unit.tuid) if unit.tuid else f"of document {unit.document!r}" if unit.document else "without id"
    for lang, text in unit.variants.items():
        if langs is None or lang in langs:
            refuse_controls(text, path, None, f" in the {lang} text of the unit {label}")
    for name in ("tuid", "document"):
        refuse_controls(getattr(unit, name), path, None, f" in the {name} of the unit {label}")
