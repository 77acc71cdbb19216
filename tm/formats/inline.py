"""The translatable text of a segment with inline markup (TMX <seg>, XLIFF <source>/<target>).

Elements that hold native codes of the original format (TMX and XLIFF 1.2 <bpt>, <ept>, <ph>, <it>, <ut>) lose
their content; elements that mark up translatable text (<hi>, <g>, <mrk>, <pc>, <sub>) keep it; empty
placeholders (<x/>, <sc/>, <ec/>) contribute nothing.
"""

from __future__ import annotations

from lxml import etree

CODES = frozenset({"bpt", "ept", "ph", "it", "ut"})


def local_name(tag) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def inline_text(element) -> str:
    parts = [element.text or ""]
    for child in element:
        if local_name(child.tag) not in CODES:
            parts.append(inline_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def forget(element) -> None:
    """Free what a streaming reader has read, so memory stays flat on files of any size."""
    element.clear(keep_tail=True)
    parent = element.getparent()
    while parent is not None and element.getprevious() is not None:
        del parent[0]
