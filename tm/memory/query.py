"""Fuzzy lookup in a memory, in any direction between its languages (et -> lt as well as en -> lv).

The n-gram index of the source language proposes candidates (tm.memory.ngram_index), each candidate is scored
exactly with the CAT match percentage (tm.memory.matching), and only units that have a text in the target
language are proposed. The index is saved with the store and rebuilt only when the store has changed.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import islice

import numpy as np

from tm.memory.matching import TokenCoder, cat_percent, match_length, normal_token, tokens
from tm.memory.ngram_index import ARRAYS, LAYOUT, NgramIndex, normalise, query_grams
from tm.memory.store import Store
from tm.records import TranslationUnit

DELTA_SHARE = 50
"""The index saved is brought up to date at lookup while the units changed since are at most 1/DELTA_SHARE of
it (and at least DELTA_MIN): past that, it is rebuilt and saved anew."""
DELTA_MIN = 2000


def load_index(store: Store, lang: str) -> NgramIndex | Indexes:
    """The store's saved index of `lang`, brought up to date, else a fresh one (saved when the store allows).

    The generation is read before the texts: an index is saved only under the generation it was built from, and
    the store refuses it if the units have changed since (an import committed meanwhile), so no index ever
    stands for units it lacks. Every part is loaded for the same generation, so parts of two indexes never mix.

    After `tm add`, `tm edit` or an import of a few units, the index saved for an older generation is still
    used: units added since have keys above the highest it holds, and units edited or deleted since are in the
    store's history, so a small index of those units (built at each lookup, never saved) joins it, and the
    saved index's entries of edited or deleted units are left out. Adding a document never rebuilds the index
    of a million units; it is rebuilt only when the changes outgrow a share of it.
    """
    names = {part: f"ngram-index/{LAYOUT}/{lang}/{part}" for part in (*ARRAYS, "header")}
    generation = store.generation()
    saved = store.blob_generation(names["header"])
    if saved is not None and int(saved) <= int(generation):
        updated = _brought_up_to_date(store, lang, names, saved, saved == generation)
        if updated is not None:
            return updated
    index = NgramIndex.build(store.texts(lang))
    for part, blob in index.to_blobs().items():
        if not store.save_blob(names[part], blob, generation):
            break  # stale or not writable: the next lookup builds it again
    return index


def _brought_up_to_date(store: Store, lang: str, names: dict[str, str], saved: str,
                        current: bool) -> NgramIndex | Indexes | None:
    """The index saved for generation `saved` with the units changed since, or None where it cannot serve (a part
    missing, saved by a tm that did not record its highest key, or more changes than it is worth)."""
    header = store.load_blob(names["header"], saved)
    if header is None:
        return None
    facts = json.loads(header)
    fresh: list[tuple[int, str]] = []
    changed: set[int] = set()
    if not current:
        if "highest" not in facts:
            return None
        changed = store.changed_since(saved)
        most = max(DELTA_MIN, facts.get("units", 0) // DELTA_SHARE)
        fresh = list(islice(store.texts(lang, after=facts["highest"]), most + 1))
        if len(fresh) + len(changed) > most:
            return None
    blobs = {part: store.load_blob(name, saved) for part, name in names.items() if part != "header"}
    if any(blob is None for blob in blobs.values()):
        return None
    index = NgramIndex.from_blobs({**blobs, "header": header})
    if current:
        return index
    old = [key for key in changed if key <= facts["highest"]]
    again = store.fetch(old, [lang]) if old else {}
    fresh += [(key, unit.variants[lang]) for key, unit in again.items() if lang in unit.variants]
    return Indexes(index, NgramIndex.build(fresh), np.fromiter(changed, dtype=np.int64))


class Indexes:
    """A saved index and the index of the units changed since, read as one (what NgramIndex offers a lookup):
    the saved one's entries of units edited or deleted since are left out; the keys are the saved index's,
    then the new one's."""

    def __init__(self, saved: NgramIndex, fresh: NgramIndex, gone: np.ndarray):
        self.saved, self.fresh = saved, fresh
        self.keys = np.concatenate([saved.keys, fresh.keys])
        self._live = ~np.isin(saved.keys, gone) if gone.size else None

    def __len__(self) -> int:
        return len(self.keys)

    def fuzzy_candidates(self, text: str, percent: int, limit: int, budget: int = 200_000,
                         allowed: np.ndarray | None = None) -> np.ndarray:
        n = len(self.saved)
        mine = self._live if allowed is None else allowed[:n] if self._live is None else allowed[:n] & self._live
        return np.concatenate([
            self.saved.fuzzy_candidates(text, percent, limit, budget, mine),
            self.fresh.fuzzy_candidates(text, percent, limit, budget, None if allowed is None else allowed[n:])])

    def phrase_candidates(self, grams: np.ndarray) -> np.ndarray:
        found = self.saved.phrase_candidates(grams)
        if self._live is not None:
            found = found[np.isin(found, self.saved.keys[self._live])]
        return np.sort(np.concatenate([found, self.fresh.phrase_candidates(grams)]))


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
        window = _window(match_length(query_tokens), minimum)
        keys = self.index.fuzzy_candidates(text, window, max(self.candidates, limit), allowed=self.allowed)
        coder = TokenCoder()
        found = []
        for key, unit in self.store.fetch(keys.tolist(), [self.src, self.tgt]).items() if keys.size else ():
            source, target = unit.variants.get(self.src), unit.variants.get(self.tgt)
            if not source or not target:
                continue
            percent = 100 if source == text else cat_percent(query_tokens, tokens(source), coder)
            if percent >= minimum:
                found.append(Match(percent, source, target, key, unit, partial=_joins(query_tokens, source)))
        found.sort(key=rank)
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
        found.sort(key=rank)
        return _collapse_repeats(found)[:PARTIAL]


def unit_date(unit: TranslationUnit) -> datetime | None:
    """When the unit was last written: its changed date, else its created date (a date without a zone: UTC)."""
    moment = unit.changed or unit.created
    if moment is not None and moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment


def rank(match: Match) -> tuple:
    """Best first; of equal matches the newer translation (a unit without a date counts as the oldest)."""
    moment = unit_date(match.unit)
    return -match.percent, -moment.timestamp() if moment else math.inf, match.key


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
