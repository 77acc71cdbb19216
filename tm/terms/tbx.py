"""TBX glossaries: TBX v3 (ISO 30042:2019, TBX-Basic dialect) and TBX v2 (`martif`), read and written.

TBX-Basic knows four administrative statuses; a `forbidden` term is written as deprecated (what other tools
will understand) with a `tm-status: forbidden` note that `tm` reads back, so nothing is lost on a round trip.
Both the DCA style (`<termNote type="administrativeStatus">`) and the DCT style (`<min:administrativeStatus>`)
are read; DCA is written, as the RELAX NG schema of TBX-Basic describes it.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from tm import xmlsafe
from tm.errors import InputError
from tm.formats.langcodes import primary_code
from tm.formats.readers import refuse_controls_in_element
from tm.records import Term, TermStatus
from tm.terms.glossary import Glossary

TBX3_NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
STATUS_NOTE = re.compile(r"^tm-status:\s*(\w+)\s*$")
_FROM_TBX = {  # TBX-Basic's four statuses (what tm writes), then the other names in use
    "preferredTerm-admn-sts": TermStatus.PREFERRED, "admittedTerm-admn-sts": TermStatus.ADMITTED,
    "deprecatedTerm-admn-sts": TermStatus.DEPRECATED, "supersededTerm-admn-sts": TermStatus.SUPERSEDED,
    "preferredTerm": TermStatus.PREFERRED, "admittedTerm": TermStatus.ADMITTED, "deprecatedTerm": TermStatus.DEPRECATED,
    "supersededTerm": TermStatus.SUPERSEDED, "legalTerm": TermStatus.PREFERRED, "regulatedTerm": TermStatus.PREFERRED,
    "standardizedTerm": TermStatus.PREFERRED, "rejectedTerm": TermStatus.FORBIDDEN,
    "forbiddenTerm": TermStatus.FORBIDDEN}
_TO_TBX = {status: name for name, status in _FROM_TBX.items() if name.endswith("-admn-sts")}
_TO_TBX[TermStatus.FORBIDDEN] = _TO_TBX[TermStatus.DEPRECATED]  # with a `tm-status: forbidden` note
_NCNAME = re.compile(r"^[A-Za-z_][\w.-]*$")


def _local(element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _children(element, *names: str):
    return [child for child in element if _local(child) in names]


def read_tbx(path: str | Path) -> Glossary:
    """A TBX v3 (`<tbx>`) or v2 (`<martif>`) file; anything else is refused with the place of the problem."""
    path = Path(path)
    root = xmlsafe.parse_file(path, "XML", remove_comments=True).getroot()
    if _local(root) not in ("tbx", "martif"):
        raise InputError(f"not a TBX file (root element <{_local(root)}>)", path, str(root.sourceline))
    refuse_controls_in_element(root, path)
    entry_names = ("conceptEntry",) if _local(root) == "tbx" else ("termEntry",)
    glossary = Glossary()
    for number, entry in enumerate(root.iter(), 1):
        if _local(entry) in entry_names:
            _read_entry(entry, path, glossary, number)
    if not glossary.terms:
        raise InputError("no terms found", path)
    return glossary


def _read_entry(entry, path: Path, glossary: Glossary, number: int) -> None:
    concept = entry.get("id") or f"entry{number}"
    for child in entry:
        name = _local(child)
        if name == "subjectField" or (name == "descrip" and child.get("type") == "subjectField"):
            glossary.domains.setdefault(concept, (child.text or "").strip())
        if name in ("descripGrp",):
            for descrip in _children(child, "descrip"):
                if descrip.get("type") == "subjectField":
                    glossary.domains.setdefault(concept, (descrip.text or "").strip())
    for lang_sec in _children(entry, "langSec", "langSet"):
        lang = lang_sec.get(XML_LANG) or lang_sec.get("lang")
        if not lang:
            raise InputError("language section without xml:lang", path, str(lang_sec.sourceline))
        code, lang = lang, primary_code(lang)
        if lang is None:  # the codes the memory's readers accept, so a term's language is one the memory knows
            raise InputError(f"unknown language code {code!r}", path, str(lang_sec.sourceline))
        for term_sec in _children(lang_sec, "termSec", "tig", "ntig"):
            glossary.terms.append(_read_term(term_sec, concept, lang, path))


def _read_term(term_sec, concept: str, lang: str, path: Path) -> Term:
    holder = next(iter(_children(term_sec, "termGrp")), term_sec)  # martif's ntig nests a termGrp
    term = next(iter(_children(holder, "term")), None)
    text = " ".join("".join(term.itertext()).split()) if term is not None else ""
    if not text:
        raise InputError("term section without a term", path, str(term_sec.sourceline))
    status, notes = "preferred", []
    for element in term_sec.iter():
        name = _local(element)
        value = " ".join("".join(element.itertext()).split())
        if name == "administrativeStatus" or (name == "termNote" and element.get("type") in
                                               ("administrativeStatus", "normativeAuthorization")):
            if value not in _FROM_TBX:
                raise InputError(f"unknown administrative status {value!r}", path, str(element.sourceline))
            status = _FROM_TBX[value]
        elif name == "note" and value:
            marked = STATUS_NOTE.match(value)
            if marked and marked.group(1) in _TO_TBX:
                status = marked.group(1)
            else:
                notes.append(value)
    return Term(concept, lang, text, status=status, note="; ".join(notes) or None)


def write_tbx(glossary: Glossary, handle, version: int = 3, source: str = "tm glossary export") -> None:
    """Write TBX-Basic v3 (DCA style) or v2 (martif) to a binary handle; one entry per concept, file order."""
    ns = TBX3_NS if version == 3 else None
    q = (lambda name: f"{{{ns}}}{name}") if ns else (lambda name: name)
    if version == 3:
        root = etree.Element(q("tbx"), nsmap={None: ns}, type="TBX-Basic", style="dca")
        header, entry_tag, lang_tag, term_tag = q("tbxHeader"), "conceptEntry", "langSec", "termSec"
    else:
        root = etree.Element("martif", type="TBX-Basic")
        header, entry_tag, lang_tag, term_tag = "martifHeader", "termEntry", "langSet", "tig"
    root.set(XML_LANG, "en")
    desc = etree.SubElement(etree.SubElement(etree.SubElement(root, header), q("fileDesc")), q("sourceDesc"))
    etree.SubElement(desc, q("p")).text = source
    body = etree.SubElement(etree.SubElement(root, q("text")), q("body"))
    for concept, terms in glossary.by_concept().items():
        entry = etree.SubElement(body, q(entry_tag), id=xml_id(concept))
        if glossary.domains.get(concept):
            etree.SubElement(entry, q("descrip"), type="subjectField").text = glossary.domains[concept]
        for lang in dict.fromkeys(t.lang for t in terms):
            lang_sec = etree.SubElement(entry, q(lang_tag))
            lang_sec.set(XML_LANG, lang)
            for term in (t for t in terms if t.lang == lang):
                _write_term(etree.SubElement(lang_sec, q(term_tag)), term, q)
    handle.write(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def _write_term(term_sec, term: Term, q) -> None:
    etree.SubElement(term_sec, q("term")).text = term.text
    etree.SubElement(term_sec, q("termNote"), type="administrativeStatus").text = _TO_TBX[term.status]
    if term.status is TermStatus.FORBIDDEN:
        etree.SubElement(term_sec, q("note")).text = "tm-status: forbidden"
    if term.note:
        etree.SubElement(term_sec, q("note")).text = term.note


def xml_id(concept: str) -> str:
    """A concept id usable as an XML ID (TBX requires one): invalid characters become `_`."""
    if _NCNAME.match(concept):
        return concept
    cleaned = re.sub(r"[^\w.-]", "_", concept)
    return cleaned if _NCNAME.match(cleaned) else f"c_{cleaned}"
