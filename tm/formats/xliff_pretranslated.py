"""Write a pretranslated job as XLIFF 1.2 or 2.0: one unit per clause, in order, each with what the memory
proposes, where it came from, the other candidates and the glossary's terms, for the translator's CAT tool.

XLIFF 1.2 (the default, what OmegaT 3.6, Trados, memoQ and translate-toolkit read):
- `<trans-unit id resname>`: `resname` is the clause's id in its document; `tm:kind`, `tm:start`, `tm:end`,
  `tm:block`, `tm:marker` (namespace TM_NS) say what the clause is and where it stands in the source file,
  so that the document can be rebuilt around the translations;
- `<target state state-qualifier>`: `translated` + `exact-match` for an exact (100%, 101%) match;
  `needs-review-translation` + `fuzzy-match` for a fuzzy one, + `leveraged-tm` for a match whose numbers
  and dates were adapted; no target where the memory has nothing at `--min` or more;
  `tm:match-quality` repeats the score (1.2 puts match-quality only on alt-trans);
- `<note from="tm">`: the origin of the proposal (document, unit id, date) and, for each glossary concept
  the clause names, the approved translation(s) and those not to use;
- `<alt-trans match-quality="87" origin>`: the further candidates, best first.

XLIFF 2.0: `<unit name>` with one `<segment state subState>`, notes in `<notes>`, candidates in the
Translation Candidates module (`mtc:matches`), the clause facts as `tm:` attributes on the unit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from tm.fsutil import atomic_write

NS12 = "urn:oasis:names:tc:xliff:document:1.2"
NS20 = "urn:oasis:names:tc:xliff:document:2.0"
MTC = "urn:oasis:names:tc:xliff:matches:2.0"
TM_NS = "urn:x-tm:xliff"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


@dataclass(frozen=True)
class Candidate:
    quality: int
    source: str
    target: str
    origin: str  # document/unit id in the memory


@dataclass
class PretranslatedUnit:
    id: str  # position in the file (1, 2, ...)
    name: str  # the clause's id in its document (resname in 1.2, name in 2.0)
    source: str
    target: str | None = None
    state: str | None = None  # translated | needs-review-translation (1.2 names)
    qualifier: str | None = None  # exact-match | fuzzy-match | leveraged-tm
    quality: int | None = None
    notes: list[str] = field(default_factory=list)
    alternatives: list[Candidate] = field(default_factory=list)
    facts: dict[str, str] = field(default_factory=dict)  # written as tm: attributes


@dataclass
class PretranslatedFile:
    original: str
    units: list[PretranslatedUnit]
    datatype: str = "plaintext"


def xliff12(files: Sequence[PretranslatedFile], src: str, tgt: str) -> bytes:
    root = etree.Element(f"{{{NS12}}}xliff", nsmap={None: NS12, "tm": TM_NS}, version="1.2")
    for doc in files:
        file = etree.SubElement(root, f"{{{NS12}}}file", original=doc.original, datatype=doc.datatype)
        file.set("source-language", src)
        file.set("target-language", tgt)
        header = etree.SubElement(file, f"{{{NS12}}}header")
        etree.SubElement(header, f"{{{NS12}}}tool", {"tool-id": "tm", "tool-name": "tm"})
        body = etree.SubElement(file, f"{{{NS12}}}body")
        for unit in doc.units:
            element = etree.SubElement(body, f"{{{NS12}}}trans-unit", id=unit.id, resname=unit.name)
            element.set(XML_SPACE, "preserve")
            for name, value in unit.facts.items():
                element.set(f"{{{TM_NS}}}{name}", value)
            etree.SubElement(element, f"{{{NS12}}}source").text = unit.source
            if unit.target is not None:
                target = etree.SubElement(element, f"{{{NS12}}}target", state=unit.state or "translated")
                if unit.qualifier:
                    target.set("state-qualifier", unit.qualifier)
                if unit.quality is not None:
                    target.set(f"{{{TM_NS}}}match-quality", str(unit.quality))
                target.text = unit.target
            for text in unit.notes:
                etree.SubElement(element, f"{{{NS12}}}note", {"from": "tm"}).text = text
            for alt in unit.alternatives:
                alt_trans = etree.SubElement(element, f"{{{NS12}}}alt-trans", {"match-quality": str(alt.quality),
                                                                               "origin": alt.origin})
                etree.SubElement(alt_trans, f"{{{NS12}}}source").text = alt.source
                etree.SubElement(alt_trans, f"{{{NS12}}}target", {XML_LANG: tgt}).text = alt.target
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


STATE20 = {"translated": "translated", "needs-review-translation": "initial"}


def xliff20(files: Sequence[PretranslatedFile], src: str, tgt: str) -> bytes:
    root = etree.Element(f"{{{NS20}}}xliff", nsmap={None: NS20, "mtc": MTC, "tm": TM_NS}, version="2.0",
                         srcLang=src, trgLang=tgt)
    for number, doc in enumerate(files, 1):
        file = etree.SubElement(root, f"{{{NS20}}}file", id=f"f{number}", original=doc.original)
        for unit in doc.units:
            element = etree.SubElement(file, f"{{{NS20}}}unit", id=f"u{unit.id}", name=unit.name)
            for name, value in unit.facts.items():
                element.set(f"{{{TM_NS}}}{name}", value)
            if unit.alternatives:
                matches = etree.SubElement(element, f"{{{MTC}}}matches")
                for alt in unit.alternatives:
                    match = etree.SubElement(matches, f"{{{MTC}}}match", ref=f"#s{unit.id}",
                                             similarity=str(alt.quality), origin=alt.origin, type="tm")
                    etree.SubElement(match, f"{{{NS20}}}source").text = alt.source
                    etree.SubElement(match, f"{{{NS20}}}target").text = alt.target
            if unit.notes:
                notes = etree.SubElement(element, f"{{{NS20}}}notes")
                for text in unit.notes:
                    etree.SubElement(notes, f"{{{NS20}}}note", category="tm").text = text
            segment = etree.SubElement(element, f"{{{NS20}}}segment", id=f"s{unit.id}")
            if unit.target is not None:
                segment.set("state", STATE20.get(unit.state or "translated", "initial"))
                if unit.qualifier:
                    segment.set("subState", f"tm:{unit.qualifier}")
            etree.SubElement(segment, f"{{{NS20}}}source").text = unit.source
            if unit.target is not None:
                etree.SubElement(segment, f"{{{NS20}}}target").text = unit.target
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def write_pretranslated(path: str | Path, files: Sequence[PretranslatedFile], src: str, tgt: str,
                        version: int = 1) -> Path:
    data = xliff20(files, src, tgt) if version == 2 else xliff12(files, src, tgt)
    with atomic_write(path, "wb") as handle:
        handle.write(data)
    return Path(path)
