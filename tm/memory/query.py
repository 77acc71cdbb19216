"""Fuzzy lookup in a memory, in any direction between its languages (et -> lt as well as en -> lv).

The n-gram index of the source language proposes candidates (tm.memory.ngram_index), each candidate is scored
exactly with the CAT match percentage (tm.memory.matching), and only units that have a text in the target
language are proposed. The index is saved with the store and rebuilt only when the store has changed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from tm.memory.matching import TokenCoder, cat_percent, normal_token, tokens
from tm.memory.ngram_index import ARRAYS, LAYOUT, NgramIndex, normalise, query_grams
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
    partial: bool = False  # the query is one of the clauses this unit joins (a translator merged them)


class Matcher:
    """Answers fuzzy queries from `src` to `tgt` against one store."""

    def __init__(self, store: Store, src: str, tgt: str, candidates: int = 50, *, index: NgramIndex | None = None,
                 with_target: np.ndarray | None = None):
        """`index` and `with_target` (the keys of units with a `tgt` text) when the caller holds them already,
        as a server does between requests; else they are read from the store."""
        self.store, self.src, self.tgt, self.candidates = store, src, tgt, candidates
        self.index = index if index is not None else load_index(store, src)
        if with_target is None:
            with_target = np.fromiter(store.keys(tgt), dtype=np.int64)
        self.allowed = np.isin(self.index.keys, with_target)
        self._with_target: set[int] | None = None

    def search(self, text: str, minimum: int = 70, limit: int = 5) -> list[Match]:
        """The `limit` best matches at `minimum` or more, then (at most PARTIAL more) the units that join the
        query with a neighbouring clause, whatever their score."""
        query_tokens = tokens(text)
        keys = self.index.fuzzy_candidates(text, _window(len(query_tokens), minimum), max(self.candidates, limit),
                                           allowed=self.allowed)
        coder = TokenCoder()
        found = []
        for key, unit in self.store.fetch(keys.tolist(), [self.src, self.tgt]).items() if keys.size else ():
            source, target = unit.variants.get(self.src), unit.variants.get(self.tgt)
            if not source or not target:
                continue
            percent = 100 if source == text else cat_percent(query_tokens, tokens(source), coder)
            if percent >= minimum:
                found.append(Match(percent, source, target, key, unit, partial=_joins(query_tokens, source)))
        found.sort(key=lambda m: (-m.percent, m.key))
        shown = _collapse_repeats(found)[:limit]
        return shown + self._partial(text, query_tokens, coder, {m.key for m in found})

    def _partial(self, text: str, query_tokens: list[str], coder: TokenCoder, seen: set[int]) -> list[Match]:
        """Units whose source is the query joined with whole clauses before or after it (`A; B` holds `A;`)."""
        if len(query_tokens) < PARTIAL_MIN_TOKENS:
            return []
        if self._with_target is None:
            self._with_target = set(self.index.keys[self.allowed].tolist())
        keys = [k for k in self.index.phrase_candidates(query_grams(normalise(text), boundaries=False)).tolist()
                if k not in seen and k in self._with_target]
        found = []
        for key, unit in self.store.fetch(keys[:200], [self.src, self.tgt]).items() if keys else ():
            source, target = unit.variants.get(self.src), unit.variants.get(self.tgt)
            if not source or not target:
                continue
            if _joins(query_tokens, source):
                found.append(Match(cat_percent(query_tokens, tokens(source), coder), source, target, key, unit,
                                   partial=True))
        found.sort(key=lambda m: (-m.percent, m.key))
        return _collapse_repeats(found)[:PARTIAL]


PARTIAL = 2
"""Most partial matches shown after the ordinary ones."""
PARTIAL_MIN_TOKENS = 4
"""A shorter query (a name, a heading word) stands inside too many units to say they were merged with it."""


def _window(ntokens: int, minimum: int) -> int:
    """The percent whose length window reaches one token beyond `minimum`'s on each side: a final punctuation
    mark more or less costs a tenth of a token, so such a unit can still score `minimum`."""
    if ntokens == 0 or minimum <= 0:
        return max(minimum, 1)
    low = math.ceil(ntokens * minimum / 100 - 1e-9) - 1
    high = math.floor(ntokens * 100 / minimum + 1e-9) + 1
    wider = math.floor(100 * ntokens / high)
    if low > 0:
        wider = min(wider, math.floor(100 * low / ntokens))
    return max(1, wider)


def _joins(query_tokens: list[str], source: str) -> bool:
    """Whether `source` is the query with whole clauses joined before or after it."""
    if len(query_tokens) < PARTIAL_MIN_TOKENS:
        return False
    wanted, words = " ".join(map(normal_token, query_tokens)), " ".join(map(normal_token, tokens(source)))
    if words.startswith(wanted + " "):
        rest = words[len(wanted):]
    elif words.endswith(" " + wanted):
        rest = words[:-len(wanted)]
    else:
        return False
    return any(c.isalnum() for c in rest)  # a clause more, not just a final punctuation mark


def _collapse_repeats(matches: list[Match]) -> list[Match]:
    """One line per distinct translation: a clause repeated in twenty documents is one suggestion."""
    first: dict[tuple[str, str], Match] = {}
    for match in matches:
        seen = first.get((match.source, match.target))
        if seen is None:
            first[(match.source, match.target)] = match
        else:
            first[(match.source, match.target)] = Match(seen.percent, seen.source, seen.target, seen.key, seen.unit,
                                                        seen.repeats + 1, seen.partial)
    return list(first.values())
