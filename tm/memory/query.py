"""Fuzzy lookup in a memory, in any direction between its languages (et -> lt as well as en -> lv).

The n-gram index of the source language proposes candidates (tm.memory.ngram_index), each candidate is scored
exactly with the CAT match percentage (tm.memory.matching), and only units that have a text in the target
language are proposed. The index is saved with the store and rebuilt only when the store has changed.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from tm.memory.matching import TokenCoder, percent_of_codes, tokens
from tm.memory.ngram_index import ARRAYS, LAYOUT, NgramIndex
from tm.memory.store import Store
from tm.records import TranslationUnit


def load_index(store: Store, lang: str) -> NgramIndex:
    """The store's saved index of `lang` if it is current, else a fresh one (saved when the store allows).

    The generation is read before the texts: an index is saved only under the generation it was built from, and
    the store refuses it if the units have changed since (an import committed meanwhile), so no index ever
    stands for units it lacks. Every part is loaded for the same generation, so parts of two indexes never mix.
    """
    names = {part: f"ngram-index/{LAYOUT}/{lang}/{part}" for part in (*ARRAYS, "header")}
    generation = store.generation()
    blobs = {part: store.load_blob(name, generation) for part, name in names.items()}
    if all(blob is not None for blob in blobs.values()):
        return NgramIndex.from_blobs(blobs)
    index = NgramIndex.build(store.texts(lang))
    for part, blob in index.to_blobs().items():
        if not store.save_blob(names[part], blob, generation):
            break  # stale or not writable: the next lookup builds it again
    return index


@dataclass(frozen=True)
class Match:
    percent: int
    source: str
    target: str
    key: int
    unit: TranslationUnit
    repeats: int = 1  # units with the same source and target (in other documents), shown once


class Matcher:
    """Answers fuzzy queries from `src` to `tgt` against one store."""

    def __init__(self, store: Store, src: str, tgt: str, candidates: int = 50):
        self.store, self.src, self.tgt, self.candidates = store, src, tgt, candidates
        self.index = load_index(store, src)
        with_target = np.fromiter(store.keys(tgt), dtype=np.int64)
        self.allowed = np.isin(self.index.keys, with_target)

    def search(self, text: str, minimum: int = 70, limit: int = 5) -> list[Match]:
        keys = self.index.fuzzy_candidates(text, minimum, max(self.candidates, limit), allowed=self.allowed)
        if keys.size == 0:
            return []
        coder = TokenCoder()
        query_codes = coder.encode(tokens(text))
        found = []
        for key, unit in self.store.fetch(keys.tolist(), [self.src, self.tgt]).items():
            source, target = unit.variants.get(self.src), unit.variants.get(self.tgt)
            if not source or not target:
                continue
            percent = 100 if source == text else percent_of_codes(query_codes, coder.encode(tokens(source)))
            if percent >= minimum:
                found.append(Match(percent, source, target, key, unit))
        found.sort(key=lambda m: (-m.percent, m.key))
        return _collapse_repeats(found)[:limit]


def _collapse_repeats(matches: list[Match]) -> list[Match]:
    """One line per distinct translation: a clause repeated in twenty documents is one suggestion."""
    first: dict[tuple[str, str], Match] = {}
    for match in matches:
        seen = first.get((match.source, match.target))
        if seen is None:
            first[(match.source, match.target)] = match
        else:
            first[(match.source, match.target)] = Match(seen.percent, seen.source, seen.target, seen.key, seen.unit,
                                                        seen.repeats + 1)
    return list(first.values())
