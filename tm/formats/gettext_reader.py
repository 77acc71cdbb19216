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

from collections.abc import Iterator, Sequence
from pathlib import Path

import polib

from tm.errors import InputError
from tm.formats import ReadTally
from tm.formats.langcodes import primary_code
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
    try:
        if path.suffix.lower() == ".mo":
            return polib.mofile(str(path))
        return polib.pofile(str(path), encoding="utf-8")
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(f"not a readable {path.suffix[1:].upper()} file: {message}", path) from None


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
