"""OmegaT 3.x project segmentation (`omegat/segmentation.conf`) written from tm's SRX rules.

OmegaT 3.6 does not read SRX for a project: it reads its own rules as a `java.beans.XMLEncoder` dump of
its `SRX`, `MapRule` and `Rule` beans. Writing that form from the same rules keeps one source of truth, so
OmegaT cuts a source text into exactly the clauses the memory holds.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from tm.fsutil import atomic_write
from tm.segment.segmenter import RULES_PATH
from tm.segment.srx import Srx, read_srx

_PKG = "org.omegat.core.segmentation"


def _prop(parent: etree._Element, name: str, kind: str, value: str) -> None:
    void = etree.SubElement(parent, "void", property=name)
    etree.SubElement(void, kind).text = value


def _list(parent: etree._Element, name: str) -> etree._Element:
    void = etree.SubElement(parent, "void", property=name)
    return etree.SubElement(void, "object", attrib={"class": "java.util.ArrayList"})


def segmentation_conf(srx: Srx) -> bytes:
    root = etree.Element("java", version="1.8.0", attrib={"class": "java.beans.XMLDecoder"})
    conf = etree.SubElement(root, "object", attrib={"class": f"{_PKG}.SRX"})
    maps = _list(conf, "mappingRules")
    for lmap in srx.maps:
        obj = etree.SubElement(etree.SubElement(maps, "void", method="add"), "object",
                               attrib={"class": f"{_PKG}.MapRule"})
        _prop(obj, "language", "string", lmap.rule_name)
        _prop(obj, "pattern", "string", lmap.pattern)
        rules = _list(obj, "rules")
        for rule in srx.rules[lmap.rule_name]:
            robj = etree.SubElement(etree.SubElement(rules, "void", method="add"), "object",
                                    attrib={"class": f"{_PKG}.Rule"})
            _prop(robj, "afterbreak", "string", rule.after)
            _prop(robj, "beforebreak", "string", rule.before)
            _prop(robj, "breakRule", "boolean", "true" if rule.is_break else "false")
    _prop(conf, "version", "string", "0.2.2")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def write_segmentation_conf(out: str | Path, rules: Path = RULES_PATH) -> None:
    with atomic_write(out, "wb") as handle:
        handle.write(segmentation_conf(read_srx(rules)))
