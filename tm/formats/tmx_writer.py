"""Write translation units as TMX 1.4b, the exchange format every CAT tool imports.

Streamed: the header, then each unit as it comes from the memory, written with lxml's incremental writer, so
an export of a million units holds one unit in memory, not the document. The layout is the one
translate-toolkit's `tmxfile` gives (what pretranslate, pot2po, Pootle and Weblate read), with:
- the header naming `tm` and its version, and segtype "phrase" because our units are clauses, i.e. below the
  sentence;
- unit attributes (tuid, creationdate, changedate, usagecount) and `<prop>`s (document, clause kind,
  alignment score);
- units without the header's source language (a clause with no English counterpart) carrying their own
  `srclang`, as TMX 1.4 prescribes;
- dates always with four-digit years (TMX's YYYYMMDDThhmmssZ), so that year 1 reads back.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from itertools import chain
from pathlib import Path

from lxml import etree

from tm import __version__
from tm.errors import InputError
from tm.formats.clause_refs import with_clauses
from tm.fsutil import atomic_write
from tm.records import LANGS, TranslationUnit

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")  # no XML 1.0 document holds these


def tmx_date(moment: datetime) -> str:
    """YYYYMMDDThhmmssZ in UTC, the year always in four digits (strftime gives '1' for the year 1)."""
    try:
        moment = moment.astimezone(UTC)
    except (OverflowError, ValueError):  # at the edge of the calendar (year 1 or 9999): kept as given
        pass
    return (f"{moment.year:04d}{moment.month:02d}{moment.day:02d}"
            f"T{moment.hour:02d}{moment.minute:02d}{moment.second:02d}Z")


def build_time() -> datetime:
    """Now, unless SOURCE_DATE_EPOCH pins it (reproducible builds give byte-identical memories)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC)
    return datetime.now(UTC).replace(microsecond=0)


def write_tmx(path: str | Path, units: Iterable[TranslationUnit], *, srclang: str = "en",
              langs: Sequence[str] | None = None, now: datetime | None = None, min_variants: int = 2) -> int:
    """Write `units` to `path` atomically, restricted to `langs`; returns the number of units written.

    Units left with fewer than `min_variants` languages are dropped: a bilingual memory has no use for a
    clause without its translation, while the multilingual memory keeps them (min_variants=1) so that no
    clause of the corpus is lost.
    """
    now = now or build_time()
    order = list(langs or LANGS)

    def kept() -> Iterator[tuple[TranslationUnit, list[tuple[str, str]]]]:
        for unit in units:
            variants = [(lang, unit.variants[lang]) for lang in order if unit.variants.get(lang)]
            variants += [(lang, text) for lang, text in unit.variants.items() if lang not in order and text
                         and langs is None]
            if len(variants) >= max(min_variants, 1):
                yield unit, variants

    written = 0
    with atomic_write(path, "wb") as handle:
        handle.write(b'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n')
        with etree.xmlfile(handle, encoding="UTF-8") as xml, xml.element("tmx", version="1.4"):
            xml.write("\n  ")
            xml.write(_header(srclang, now))
            xml.write("\n  ")
            pending = kept()
            first = next(pending, None)
            if first is None:
                xml.write(etree.Element("body"))
            else:
                with xml.element("body"):
                    for unit, variants in chain([first], pending):
                        _refuse_what_xml_cannot_hold(unit, variants, written + 1, path)
                        xml.write("\n    ")
                        xml.write(_unit(unit, variants, srclang, now))
                        written += 1
                    xml.write("\n  ")
            xml.write("\n")
        handle.write(b"\n")
    return written


def _refuse_what_xml_cannot_hold(unit: TranslationUnit, variants: list[tuple[str, str]], number: int,
                                  path: str | Path) -> None:
    """A text holding a character XML forbids (U+0000, most C0 controls) cannot be written as TMX at all, not
    even escaped: one line naming the unit, and nothing written (the file is written atomically)."""
    for lang, text in variants:
        found = NOT_XML.search(text)
        if found:
            where = f" (document {unit.document})" if unit.document else ""
            raise InputError(f"unit {number} of the export{where} holds U+{ord(found.group()):04X} in its {lang} text, "
                             "which XML cannot hold: export it as CSV, or remove the character from the memory", path)


def _header(srclang: str, now: datetime) -> etree._Element:
    return etree.Element("header", {"creationtool": "tm", "creationtoolversion": __version__, "segtype": "phrase",
                                    "o-tmf": "UTF-8", "adminlang": "en", "srclang": srclang,
                                    "datatype": "PlainText", "creationdate": tmx_date(now)})


def _unit(unit: TranslationUnit, variants: list[tuple[str, str]], srclang: str, now: datetime) -> etree._Element:
    tu = etree.Element("tu")
    if variants[0][0] != srclang:
        tu.set("srclang", variants[0][0])
    if unit.tuid:
        tu.set("tuid", unit.tuid)
    tu.set("creationdate", tmx_date(unit.created or now))
    if unit.changed:
        tu.set("changedate", tmx_date(unit.changed))
    if unit.usage_count:
        tu.set("usagecount", str(unit.usage_count))
    props = {"x-document": unit.document, "x-kind": unit.kind,
             "x-score": None if unit.score is None else f"{unit.score:.3f}", "x-origin": unit.origin,
             **with_clauses(unit.props, unit.clauses)}
    for name, value in props.items():
        if value:
            etree.SubElement(tu, "prop", type=name).text = value
    for lang, text in variants:
        tuv = etree.SubElement(tu, "tuv", {XML_LANG: lang})
        etree.SubElement(tuv, "seg").text = text
    etree.indent(tu, space="  ", level=2)
    return tu
