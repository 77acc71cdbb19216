"""Write a memory as XLIFF 1.2 (one source and one target language), the bilingual format CAT tools import.

Each document becomes one <file original="document">; a unit's id goes to `resname` (its `id` is only a
position, as XLIFF requires ids unique per file), the target carries state="translated". A unit holding a
control character (stored before the importers refused them, tm.formats.readers) is refused with one line
naming it, before anything is written: XLIFF 1.2 is XML 1.0, which cannot hold C0 characters at all.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from lxml import etree

from tm.formats.readers import refuse_controls_in_unit
from tm.fsutil import atomic_write
from tm.records import TranslationUnit

NS = "urn:oasis:names:tc:xliff:document:1.2"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def write_xliff(path: str | Path, units: Iterable[TranslationUnit], *, srclang: str, tgtlang: str) -> int:
    """Write the units that have both languages; returns how many were written."""
    root = etree.Element(f"{{{NS}}}xliff", nsmap={None: NS}, version="1.2")
    bodies: dict[str, etree._Element] = {}
    written = 0
    for unit in units:
        source, target = unit.variants.get(srclang), unit.variants.get(tgtlang)
        if not source or not target:
            continue
        written += 1
        refuse_controls_in_unit(unit, path, (srclang, tgtlang))
        body = bodies.get(unit.document or "")
        if body is None:
            file = etree.SubElement(root, f"{{{NS}}}file", original=unit.document or "memory", datatype="plaintext")
            file.set("source-language", srclang)
            file.set("target-language", tgtlang)
            body = bodies[unit.document or ""] = etree.SubElement(file, f"{{{NS}}}body")
        element = etree.SubElement(body, f"{{{NS}}}trans-unit", id=str(written))
        if unit.tuid:
            element.set("resname", unit.tuid)
        element.set(XML_SPACE, "preserve")
        etree.SubElement(element, f"{{{NS}}}source").text = source
        etree.SubElement(element, f"{{{NS}}}target", state="translated").text = target
    with atomic_write(path, "wb") as handle:
        handle.write(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))
    return written
