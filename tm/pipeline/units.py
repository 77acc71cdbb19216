"""From four-way aligned groups of clauses to translation units with their provenance."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from tm.align.multi import AlignedGroup
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
