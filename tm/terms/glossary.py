"""A multilingual glossary: concepts, each with terms per language carrying an approval status.

Kept as a flat list of `tm.records.Term` (what every reader returns and every writer takes) plus the few
concept-level facts the formats carry (subject field), so that TBX, martif and spreadsheets convert into one
another without loss.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from tm.records import Term, TermStatus


@dataclass
class Glossary:
    """Terms in file order (duplicates dropped) and each concept's subject field."""

    terms: list[Term] = field(default_factory=list)
    domains: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.terms = list(dict.fromkeys(self.terms))

    def add(self, other: Glossary) -> None:
        """Merge another glossary in: new terms appended, an existing term keeps its first status."""
        known = {(t.concept, t.lang, t.text) for t in self.terms}
        for term in other.terms:
            if (term.concept, term.lang, term.text) not in known:
                known.add((term.concept, term.lang, term.text))
                self.terms.append(term)
        for concept, domain in other.domains.items():
            self.domains.setdefault(concept, domain)

    def concepts(self) -> list[str]:
        return list(dict.fromkeys(t.concept for t in self.terms))

    def languages(self) -> list[str]:
        return list(dict.fromkeys(t.lang for t in self.terms))

    def by_concept(self) -> dict[str, list[Term]]:
        grouped: dict[str, list[Term]] = defaultdict(list)
        for term in self.terms:
            grouped[term.concept].append(term)
        return dict(grouped)

    def terms_of(self, concept: str, lang: str | None = None) -> list[Term]:
        return [t for t in self.terms if t.concept == concept and (lang is None or t.lang == lang)]

    def complete_concepts(self, langs: Iterable[str]) -> list[str]:
        """Concepts with a preferred term in every one of `langs`."""
        langs = set(langs)
        have: dict[str, set[str]] = defaultdict(set)
        for term in self.terms:
            if term.status is TermStatus.PREFERRED:
                have[term.concept].add(term.lang)
        return [c for c in self.concepts() if langs <= have[c]]
