"""From four-way aligned groups of clauses to translation units with their provenance."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from tm.align.multi import AlignedGroup, pairwise_links
from tm.records import Segment, TranslationUnit


def units_from_groups(document: str, groups: Sequence[AlignedGroup],
                      clauses: Mapping[str, Sequence[Segment]]) -> list[TranslationUnit]:
    """One unit per group: each language's clauses joined by a space, the kind of the first clause of the
    first language present, and which clauses it holds (so a reviewer can find them in the source)."""
    units = []
    for number, group in enumerate(groups, 1):
        variants = {lang: " ".join(clauses[lang][i].text for i in indices)
                    for lang, indices in group.members.items() if indices}
        first = next(clauses[lang][indices[0]] for lang, indices in group.members.items() if indices)
        held = ";".join(f"{lang}:{','.join(map(str, indices))}" for lang, indices in group.members.items() if indices)
        units.append(TranslationUnit(variants, tuid=f"{document}-{number:04d}", document=document, kind=first.kind,
                                     score=group.score, origin="tm build", props={"x-clauses": held}))
    return units


def pair_units(document: str, groups: Sequence[AlignedGroup], clauses: Mapping[str, Sequence[Segment]],
               src: str, tgt: str) -> list[TranslationUnit]:
    """Bilingual units for one language pair, as fine as that pair's own links allow inside each group."""
    units = []
    for number, link in enumerate(pairwise_links(groups, src, tgt), 1):
        a, b = link.src, link.tgt
        if not a or not b:
            continue
        variants = {src: " ".join(clauses[src][i].text for i in a), tgt: " ".join(clauses[tgt][j].text for j in b)}
        units.append(TranslationUnit(variants, tuid=f"{document}-{src}{tgt}-{number:04d}", document=document,
                                     kind=clauses[src][a[0]].kind, score=link.score, origin="tm build",
                                     props={"x-clauses": f"{src}:{','.join(map(str, a))};"
                                                         f"{tgt}:{','.join(map(str, b))}"}))
    return units
