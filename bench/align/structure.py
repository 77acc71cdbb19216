"""Structure as evidence: the corpus's resolutions with one list item of the translation left out.

A translator who skips an item leaves its English clauses without counterpart; an aligner that sees only
words and lengths tends to merge them into the neighbouring item's link. For every third list item of each
et/lv/lt document, the item's line is removed from the translation's Markdown and the English aligned to
the rest; the gold is the corpus's en-X gold with the item's clauses unlinked. Compared in one run: `tm`
on words only (the clause texts), `tm` with the documents' structure (`tm.align.anchors`, as `tm align`
and `tm build` use it on Markdown), Gale-Church and hunalign on the same clause texts.

    python3 bench/align/structure.py
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from bench.align.runners import gale_church, hunalign  # noqa: E402
from bench.align.score import score  # noqa: E402
from tm.align.anchors import structure_keys  # noqa: E402
from tm.align.pairwise import align_documents  # noqa: E402
from tm.formats.links import read_links  # noqa: E402
from tm.records import Link, Segment  # noqa: E402
from tm.segment.segmenter import segment_text  # noqa: E402

CORPUS = REPO / "corpora"


def without_item(source: str, item: list[Segment]) -> str:
    """The Markdown with the item's whole line (marker included) removed."""
    start = source.rfind("\n", 0, item[0].start) + 1
    end = source.find("\n", item[-1].end)
    return source[:start] + (source[end + 1:] if end >= 0 else "")


def gold_without(gold: list[Link], dropped: set[int]) -> list[Link]:
    """The gold with the dropped target clauses gone: their source clauses unlinked, later indices shifted."""
    shift = lambda j: j - sum(1 for d in dropped if d < j)  # noqa: E731
    links: list[Link] = []
    for link in gold:
        kept = tuple(shift(j) for j in link.tgt if j not in dropped)
        links += [Link((i,), ()) for i in link.src] if link.src and not kept else [Link(link.src, kept)]
    return links


def cases(lang: str):
    """(English clauses, translation clauses without one item, gold) for every third item of each document."""
    for path in sorted((CORPUS / lang).glob("*.md")):
        english = segment_text((CORPUS / "en" / path.name).read_text(encoding="utf-8"), "en")
        source = path.read_text(encoding="utf-8")
        clauses = segment_text(source, lang)
        gold = read_links(CORPUS / "gold" / f"en-{lang}" / f"{path.stem}.txt")
        items = sorted({c.block for c in clauses if c.marker})
        for block in items[::3]:
            item = [c for c in clauses if c.block == block]
            rest = segment_text(without_item(source, item), lang)
            if len(rest) == len(clauses) - len(item):
                yield english, rest, gold_without(gold, {c.index for c in item})


def tm_words(src: list[Segment], tgt: list[Segment]) -> list[Link]:
    return align_documents([([s.text for s in src], [t.text for t in tgt])])[0]


def tm_structure(src: list[Segment], tgt: list[Segment]) -> list[Link]:
    return align_documents([([s.text for s in src], [t.text for t in tgt])],
                           anchors=[(structure_keys(src), structure_keys(tgt))])[0]


ALIGNERS = {
    "tm, words only": tm_words,
    "tm, with structure": tm_structure,
    "Gale-Church": lambda s, t: gale_church([x.text for x in s], [x.text for x in t]),
    "hunalign": lambda s, t: hunalign([x.text for x in s], [x.text for x in t]),
}


def main() -> None:
    """Per pair and aligner: strict F1 over all links, and how many of the shortened documents come out
    with every link right (a left-out item costs one or two links of ~190, which F1 hardly shows)."""
    print("| pair | items left out | " + " | ".join(f"{name}: strict F1 (all right)" for name in ALIGNERS) + " |")
    print("|---|---|" + "---|" * len(ALIGNERS))
    for lang in ("et", "lv", "lt"):
        found = list(cases(lang))
        row = []
        for aligner in ALIGNERS.values():
            tests = [aligner(s, t) for s, t, _ in found]
            exact = sum(1 for test, (*_, gold) in zip(tests, found, strict=True)
                        if score([gold], [test]).f1_strict == 1.0)
            row.append(f"{score([g for *_, g in found], tests).f1_strict:.3f} ({exact})")
        print(f"| en-{lang} | {len(found)} | " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
