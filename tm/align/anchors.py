"""Evidence a clause carries besides its words: where it stands in the document, and which glossary concepts
it names. Each becomes a key that meets the same key in the other language (`features.document_bags`).

Translations of a resolution keep its structure: a heading faces a heading, the third numbered item faces
the third, a clause that opens a list item faces one that opens an item. And a glossary concept named on
one side is, in a consistent translation, named by its equivalent on the other: the glossary is a
dictionary that the terminologists have already checked.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from tm.records import Segment

Anchors = list[frozenset[str]]
"""One set of keys per clause."""
OPENS = "¶opens"
"""The key of a clause that opens a paragraph or list item: the scorer also counts these inside a link."""


def structure_keys(segments: Sequence[Segment]) -> Anchors:
    """Kind ('¶heading'), block edges ('¶opens', '¶closes'), the n-th heading, a numbered item's number."""
    keys: Anchors = []
    headings = 0
    for k, segment in enumerate(segments):
        found = {"¶" + segment.kind}
        opens = k == 0 or segments[k - 1].block != segment.block
        closes = k + 1 == len(segments) or segments[k + 1].block != segment.block
        if opens:
            found.add(OPENS)
            if segment.kind == "heading":
                headings += 1
                found.add(f"¶heading {headings}")
            number = segment.marker.rstrip(".)")
            if number.isdigit():
                found.add(f"¶item {int(number)}")
        if closes:
            found.add("¶closes")
        keys.append(frozenset(found))
    return keys


def glossary_keys(texts: Sequence[str], concepts: Callable[[str], set[str]]) -> Anchors:
    """'@' + the concept of every glossary term found in each clause (`concepts`: a language's matcher)."""
    return [frozenset("@" + concept for concept in concepts(text)) for text in texts]


def combine(*anchors: Anchors) -> Anchors:
    return [frozenset().union(*keys) for keys in zip(*anchors, strict=True)]
