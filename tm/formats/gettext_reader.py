"""Read gettext PO and MO catalogues (through polib) into multilingual units.

Software catalogues are keyed, not aligned: LibreOffice ships one MO per component and language, and the
same message (component, msgctxt, English msgid) is translated in each. Reading every catalogue of an import
together and merging by that key turns mo/et/acc.mo, mo/lv/acc.mo and mo/lt/acc.mo into one unit with
en, et, lv and lt, which is what a memory needs.

The document of a message is its `#:` reference when it has one (as `tm export` writes), else the file name
without extension (the component). A plural message contributes its singular pair (msgid, msgstr[0]).
Untranslated, fuzzy and obsolete messages are skipped, and counted.
"""

from __future__ import annotations

import os
import re
import struct
from collections.abc import Iterator, Sequence
from pathlib import Path

import polib

from tm.errors import InputError
from tm.formats import ReadTally
from tm.formats.langcodes import primary_code
from tm.formats.readers import find_control, refuse_controls
from tm.fsutil import read_input_bytes
from tm.records import TranslationUnit

SOURCE_LANG = "en"


def read_gettext(paths: Sequence[str | Path], tally: ReadTally | None = None,
                 source_lang: str = SOURCE_LANG) -> Iterator[TranslationUnit]:
    """Units merged across all `paths` by (document, msgctxt, msgid), in order of first appearance."""
    tally = tally if tally is not None else ReadTally()
    merged: dict[tuple[str, str | None, str], TranslationUnit] = {}
    for path in map(Path, paths):
        catalogue = _load(path)
        lang = _language(catalogue, path)
        for entry in catalogue:
            if not entry.msgid:
                continue  # the header
            target = _translation(entry, tally)
            if target is None:
                continue
            document = entry.occurrences[0][0] if entry.occurrences else path.stem
            context = _context(entry.msgctxt, document)
            unit = merged.get((document, context, entry.msgid))
            if unit is None:
                tuid = None if context is None or context.startswith("#") else context
                unit = merged[(document, context, entry.msgid)] = TranslationUnit(
                    {source_lang: entry.msgid}, tuid=tuid, document=document)
            if lang in unit.variants:
                tally.dropped[f"a second {lang} translation of one message (the first kept)"] += 1
                continue
            unit.variants[lang] = target
    yield from merged.values()


def _load(path: Path):
    """The catalogue, read only after the file has been checked to say exactly what polib will read: a PO
    file's syntax line by line (polib silently drops the last character of an unterminated string), an MO
    file's tables within the file (polib fails on a truncated one with a struct error)."""
    mo = path.suffix.lower() == ".mo"
    data = read_input_bytes(path)
    try:
        if mo:
            _check_mo(data, path)
            catalogue = polib.mofile(data)
        else:
            text = _check_po(data, path)
            if os.path.isfile(text):  # polib would read a file of that name instead of the text itself
                raise InputError("malformed PO: not a catalogue", path, "1")
            catalogue = polib.pofile(text, encoding="utf-8")
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(f"not a readable {path.suffix[1:].upper()} file: {message}", path) from None
    if not mo:
        return catalogue  # _check_po has seen every string, literally and escaped
    for number, entry in enumerate(catalogue, 1):
        place = f"message {number}"
        for name in ("msgctxt", "msgid", "msgid_plural", "msgstr"):
            refuse_controls(getattr(entry, name, None), path, place, f" in {name}")
        for index, text in entry.msgstr_plural.items():
            refuse_controls(text, path, place, f" in msgstr[{index}]")
    return catalogue


_KEYWORD = re.compile(r"(msgctxt|msgid|msgid_plural|msgstr|msgstr\[\d+\])[ \t]+(?=\")")
_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"[ \t]*$')
_STRING_START = re.compile(r'"(?:[^"\\\\]|\\\\.)*"')
_ESCAPES = {"\\": "\\", "n": "\n", "t": "\t", "r": "\r", "v": "\v", "b": "\b", "f": "\f", '"': '"'}


def _check_po(data: bytes, path: Path) -> str:
    """The PO text, after checking every line is blank, a comment, `keyword "string"` or a continuation
    `"string"` of one, every string terminated and its escapes ones polib reads (\\ \n \t \r \v \b \f \"),
    and no control character is in it, literally or escaped; else an InputError with the line."""
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})", path,
                         str(data.count(b"\n", 0, exc.start) + 1)) from None
    controls = find_control(text) is not None  # else no line need be searched for one
    in_message = False
    for number, line in enumerate(text.split("\n"), 1):
        place = str(number)
        line = line.removesuffix("\r")
        if controls:
            refuse_controls(line, path, place, column=True)
        stripped = line.strip(" \t")
        if not stripped or stripped.startswith("#"):
            in_message = in_message and not stripped  # a comment starts the next message
            continue
        keyword = _KEYWORD.match(stripped)
        if keyword is None and not (stripped.startswith('"') and in_message):
            what = "a string outside a message" if stripped.startswith('"') else f"unknown line {stripped[:30]!r}"
            raise InputError(f"malformed PO: {what}", path, place)
        rest = stripped[keyword.end():] if keyword else stripped
        string = _STRING.match(rest)
        if string is None:
            problem = "text after the closing quote" if _STRING_START.match(rest) else "unterminated string"
            raise InputError(f"malformed PO: {problem}", path, place)
        if "\\" in string.group(1):  # only an escape can hide a control character from the search above
            for escape in re.finditer(r"\\(.)", string.group(1)):
                if escape.group(1) not in _ESCAPES:
                    raise InputError(f"malformed PO: unsupported escape \\{escape.group(1)}", path, place)
            refuse_controls(re.sub(r"\\(.)", lambda m: _ESCAPES[m.group(1)], string.group(1)), path, place,
                            " (escaped)")
        in_message = True
    return text


def _check_mo(data: bytes, path: Path) -> None:
    """Refuse an MO file whose header, string tables or strings do not lie within the file."""
    if len(data) < 28:
        raise InputError(f"truncated MO file ({len(data)} bytes, the header alone has 28)", path)
    for order in "<>":
        magic, revision, count, originals, translations = struct.unpack_from(f"{order}5I", data)
        if magic == 0x950412DE:
            break
    else:
        raise InputError("not an MO file (wrong magic number)", path)
    if revision >> 16 not in (0, 1):
        raise InputError(f"unknown MO revision {revision >> 16}", path)
    for table in (originals, translations):
        if table + 8 * count > len(data):
            raise InputError(f"truncated MO file (its tables of {count} messages end past byte {len(data)})", path)
        for number in range(count):
            length, offset = struct.unpack_from(f"{order}2I", data, table + 8 * number)
            if offset + length > len(data):
                raise InputError(f"truncated MO file (string {number + 1} ends past byte {len(data)})", path,
                                 f"message {number + 1}")


def _language(catalogue, path: Path) -> str:
    """The Language header, else the folder name (LibreOffice's resource/<lang>/LC_MESSAGES layout)."""
    code = catalogue.metadata.get("Language") or ""
    candidates = [code] if code else [parent.name for parent in path.parents[:3]]
    for candidate in candidates:
        lang = primary_code(candidate)
        if lang:
            return lang
    if code:
        raise InputError(f"unknown language code {code!r} in the Language header", path)
    raise InputError("no Language header and no language folder: cannot tell the language", path)


def _translation(entry, tally: ReadTally) -> str | None:
    if entry.obsolete:
        tally.skipped["obsolete message"] += 1
        return None
    if "fuzzy" in entry.flags:
        tally.skipped["fuzzy message (unreviewed)"] += 1
        return None
    text = entry.msgstr_plural.get(0, "") if entry.msgid_plural else entry.msgstr
    if not text.strip():
        tally.skipped["untranslated message"] += 1
        return None
    return text


def _context(msgctxt: str | None, document: str) -> str | None:
    """The message context without the document prefix `tm export` adds where contexts would repeat."""
    prefix = context_prefix(document)
    return msgctxt[len(prefix):] if msgctxt and msgctxt.startswith(prefix) else msgctxt


def context_prefix(document: str) -> str:
    """What `tm export` puts before a context that would otherwise repeat in a PO of many documents."""
    return f"[{document}] "
