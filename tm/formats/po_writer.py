"""Write a memory as gettext PO, one catalogue per target language: what translate-toolkit's `pretranslate
--tm`, Pootle, Weblate and poedit take as a translation memory.

A PO file allows one message per (msgctxt, msgid). A unit's id becomes its context; where two units would
still collide (the same source in several documents, translated differently), the later one's context is
prefixed with its document, `[document] id`, or numbered, `[document] #n`, which tm.formats.gettext_reader
strips again on import. The document itself is the message's `#:` reference. A unit holding a control
character (stored before the importers refused them, tm.formats.readers) is refused with one line naming it,
as the reader would refuse it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

import polib
from translate.lang import data as language_data

from tm import __version__
from tm.formats.gettext_reader import context_prefix
from tm.formats.readers import refuse_controls_in_unit
from tm.fsutil import atomic_write
from tm.records import TranslationUnit


def write_po(path: str | Path, units: Iterable[TranslationUnit], *, srclang: str, tgtlang: str,
             now: datetime | None = None) -> int:
    """Write the units that have both languages; returns how many messages were written."""
    catalogue = polib.POFile(wrapwidth=0)
    catalogue.metadata = _header(tgtlang, now or datetime.now(UTC))
    seen: set[tuple[str | None, str]] = set()
    for number, unit in enumerate(units, 1):
        source, target = unit.variants.get(srclang), unit.variants.get(tgtlang)
        if not source:
            continue
        context = _unique_context(unit, source, number, seen)  # the same in every target language's file
        if not target:
            continue
        refuse_controls_in_unit(unit, path, (srclang, tgtlang))
        catalogue.append(polib.POEntry(msgid=source, msgstr=target, msgctxt=context,
                                       occurrences=[(unit.document, "")] if unit.document else []))
    with atomic_write(path, "w", encoding="utf-8") as handle:
        handle.write(str(catalogue) + "\n")
    return len(catalogue)


def _unique_context(unit: TranslationUnit, source: str, number: int, seen: set) -> str | None:
    prefix = context_prefix(unit.document or "")
    for context in (unit.tuid, f"{prefix}{unit.tuid}" if unit.tuid else None, f"{prefix}#{number}"):
        if (context, source) not in seen and not (context is None and unit.tuid):
            seen.add((context, source))
            return context
    raise AssertionError("unreachable: a numbered context is unique")


def _header(lang: str, now: datetime) -> dict[str, str]:
    stamp = now.astimezone(UTC).strftime("%Y-%m-%d %H:%M+0000")
    _, nplurals, plural = language_data.languages.get(lang, ("", 2, "(n != 1)"))
    return {
        "Project-Id-Version": "tm memory", "Report-Msgid-Bugs-To": "", "POT-Creation-Date": stamp,
        "PO-Revision-Date": stamp, "Last-Translator": "", "Language-Team": "", "Language": lang,
        "MIME-Version": "1.0", "Content-Type": "text/plain; charset=UTF-8", "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": f"nplurals={nplurals}; plural={plural};", "X-Generator": f"tm {__version__}",
    }
