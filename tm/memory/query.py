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
SMALL_PART = 1000
"""Changed units are added to the newest part of changed units (rebuilt with them) while it stays this small, so
that a run of small imports leaves one part, not one per import: every part costs every lookup a fraction of a
millisecond, and rebuilding a thousand units costs tens."""
MAX_PARTS = 8
"""Most parts of changed units kept beside the saved index; past this the two smallest are joined (rebuilding
their units only, never the saved index)."""


def load_index(store: Store, lang: str, held: tuple[str, NgramIndex | Indexes] | None = None
               ) -> NgramIndex | Indexes:
    """The store's saved index of `lang`, brought up to date, else a fresh one (saved when the store allows).

    The generation is read before the texts: an index is saved only under the generation it was built from, and
    the store refuses it if the units have changed since (an import committed meanwhile), so no index ever
    stands for units it lacks. Every part is loaded for the same generation, so parts of two indexes never mix.

    After `tm add`, `tm edit` or an import of a few units, the index saved for an older generation is still
    used: units added since have keys above the highest it holds, and units edited or deleted since are in the
    store's history, so a small index of those units (built at each lookup, never saved) joins it, and the
    saved index's entries of edited or deleted units are left out. Adding a document never rebuilds the index
    of a million units; it is rebuilt only when the changes outgrow a share of it.

    `held` is (generation, index) of an index this process already holds (a server's worker between
    requests): it is brought up to date the same way in memory, from the changes since its own generation, so a
    new generation costs what changed, not a second load of the saved index (seconds at a million units).
    """
    generation = store.generation()
    if held is not None:
        if held[0] == generation:
            return held[1]
        updated = _held_brought_up_to_date(store, lang, *held)
        if updated is not None:
            return updated
    names = {part: f"ngram-index/{LAYOUT}/{lang}/{part}" for part in (*ARRAYS, "header")}
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
    changes = None
    if not current:
        if "highest" not in facts:
            return None
        changes = changed_texts(store, lang, saved, facts["highest"], _most(facts.get("units", 0)))
        if changes is None:
            return None
    blobs = {part: store.load_blob(name, saved) for part, name in names.items() if part != "header"}
    if any(blob is None for blob in blobs.values()):
        return None
    index = NgramIndex.from_blobs({**blobs, "header": header})
    if changes is None:
        return index
    return Indexes(index, facts["highest"]).updated(*changes, _most(len(index)))


def _held_brought_up_to_date(store: Store, lang: str, generation: str,
                             index: NgramIndex | Indexes) -> Indexes | None:
    """An index held for `generation` with the units changed since, or None past the share (then the saved
    index, or a new one, serves instead)."""
    held = index if isinstance(index, Indexes) else Indexes(index, int(index.keys.max()) if len(index) else -1)
    most = _most(len(held.parts[0]))
    changes = changed_texts(store, lang, generation, held.highest, most - held.changes)
    return None if changes is None else held.updated(*changes, most)


def _most(units: int) -> int:
    return max(DELTA_MIN, units // DELTA_SHARE)


def changed_texts(store: Store, lang: str, since: str, highest: int, most: int
                  ) -> tuple[set[int], list[tuple[int, str]]] | None:
    """What changed in `lang` since generation `since`, for whatever was made of it then (an index, a set of
    keys) and holds no key above `highest`: the keys of the units edited or deleted since, and (key, text) of
    every unit of those or added since that has a `lang` text now. None when that is more than `most` units.

    Units added since have keys above `highest` (imports take their turn, so keys are handed out in commit
    order); a unit above it that had no `lang` text then and has one now was edited, and is read once, as added.
    """
    changed = store.changed_since(since)
    if len(changed) > most:
        return None
    fresh = list(islice(store.texts(lang, after=highest), max(0, most + 1 - len(changed))))
    if len(fresh) + len(changed) > most:
        return None
    old = [key for key in changed if key <= highest]
    again = store.fetch(old, [lang]) if old else {}
    fresh += [(key, unit.variants[lang]) for key, unit in again.items() if lang in unit.variants]
    return changed, fresh


def keys_with_text(store: Store, lang: str, held: tuple[str, np.ndarray] | None = None) -> np.ndarray:
    """The keys of the units that have a `lang` text, ascending (what a lookup into `lang` may propose). `held`
    is (generation, keys) read before: brought up to date from the changes since, as an index is, so a new
    generation does not list a million keys again."""
    if held is not None and held[0] == store.generation():
        return held[1]
    if held is not None:
        keys = held[1]
        changes = changed_texts(store, lang, held[0], int(keys[-1]) if keys.size else -1, _most(keys.size))
        if changes is not None:
            changed, fresh = changes
            kept = keys[~np.isin(keys, np.fromiter(changed, dtype=np.int64, count=len(changed)))]
            added = np.sort(np.fromiter((key for key, _ in fresh), dtype=np.int64, count=len(fresh)))
            return np.insert(kept, np.searchsorted(kept, added), added)  # none of them kept: they were changed
    return np.fromiter(store.keys(lang), dtype=np.int64)


class Indexes:
    """A saved index and the indexes of the units changed since, read as one (what NgramIndex offers a lookup):
    each part's entries of units edited or deleted after the part was made are left out; the keys are the
    parts' keys one after another (a unit edited twice is in two parts, live in the newer).

    Brought up to date by `updated`, which makes a new object (a lookup still running on the old one is not
    disturbed): one more small part for the units changed, never a rebuild of the saved part.
    """

    def __init__(self, saved: NgramIndex, highest: int):
        self.parts: list[NgramIndex] = [saved]
        self.dead: list[np.ndarray] = [np.empty(0, dtype=np.int64)]  # per part: keys changed since it was made
        self.texts: dict[int, str] = {}  # the text of every unit changed since the saved index, as it is now
        self.highest = highest  # no unit the parts hold has a higher key
        self._join()

    @property
    def changes(self) -> int:
        """Units changed since the saved index (what the share limits): edited or deleted, or added."""
        keys = np.fromiter(self.texts, dtype=np.int64, count=len(self.texts))
        return len(self.dead[0]) + int(np.count_nonzero(~np.isin(keys, self.dead[0])))

    def __len__(self) -> int:
        return len(self.keys)

    def updated(self, changed: set[int], fresh: list[tuple[int, str]], most: int) -> Indexes | None:
        """This index with the units `changed` (edited or deleted) left out of every part and `fresh` (key, text)
        in a part of their own; None when the units changed since the saved index would be more than `most`."""
        new = object.__new__(Indexes)
        gone = np.fromiter(changed, dtype=np.int64, count=len(changed))
        new.dead = [np.union1d(dead, gone) for dead in self.dead]
        new.texts = {key: text for key, text in self.texts.items() if key not in changed}
        new.texts.update(fresh)
        new.parts = list(self.parts)
        new.highest = max([self.highest, *(key for key, _ in fresh)])
        if new.changes > most:
            return None
        if fresh and len(new.parts) > 1 and len(new.parts[-1]) + len(fresh) <= SMALL_PART:
            new.parts[-1] = new._rebuilt(len(new.parts) - 1, dict(fresh))
            new.dead[-1] = np.empty(0, dtype=np.int64)
        elif fresh:
            new.parts.append(NgramIndex.build(fresh))
            new.dead.append(np.empty(0, dtype=np.int64))
        while len(new.parts) > MAX_PARTS + 1:
            new._merge_smallest()
        new._join()
        return new

    def _merge_smallest(self) -> None:
        """The two smallest parts of changed units made one, of their live units only."""
        first, second = sorted(range(1, len(self.parts)), key=lambda i: len(self.parts[i]))[:2]
        self.parts[first], self.dead[first] = self._rebuilt(first, self._live_texts(second)), np.empty(0, np.int64)
        del self.parts[second], self.dead[second]

    def _live_texts(self, part: int) -> dict[int, str]:
        keys = self.parts[part].keys
        return {key: self.texts[key] for key in keys[~np.isin(keys, self.dead[part])].tolist()}

    def _rebuilt(self, part: int, more: dict[int, str]) -> NgramIndex:
        """Part `part` of changed units made anew of its live units and `more` (key: text)."""
        return NgramIndex.build({**self._live_texts(part), **more}.items())

    def _join(self) -> None:
        self.keys = np.concatenate([part.keys for part in self.parts]) if len(self.parts) > 1 else self.parts[0].keys
        self._starts = np.cumsum([0] + [len(part) for part in self.parts]).tolist()
        self._live = [~np.isin(part.keys, dead) if dead.size else None for part, dead in zip(self.parts, self.dead,
                                                                                            strict=True)]
        self._masks: tuple[np.ndarray | None, list[np.ndarray | None]] = (None, self._live)

    def _allowed(self, allowed: np.ndarray | None) -> list[np.ndarray | None]:
        """Each part's share of `allowed` (over all the keys) and its live entries, made once per `allowed`: a
        matcher asks with the same mask for every lookup of a generation."""
        if allowed is None:
            return self._live
        if self._masks[0] is not allowed:
            masks = []
            for live, start, end in zip(self._live, self._starts, self._starts[1:], strict=False):
                mine = allowed[start:end]
                masks.append(mine if live is None else mine & live)
            self._masks = (allowed, masks)
        return self._masks[1]

    def fuzzy_candidates(self, text: str, percent: int, limit: int, budget: int = 200_000,
                         allowed: np.ndarray | None = None) -> np.ndarray:
        return np.concatenate([part.fuzzy_candidates(text, percent, limit, budget, mask)
                               for part, mask in zip(self.parts, self._allowed(allowed), strict=True)])

    def phrase_candidates(self, grams: np.ndarray) -> np.ndarray:
        found = []
        for part, dead in zip(self.parts, self.dead, strict=True):
            keys = part.phrase_candidates(grams)
            found.append(keys[~np.isin(keys, dead)] if dead.size and keys.size else keys)
        return np.sort(np.concatenate(found))


class SortedKeys:
    """Keys asked `key in keys` by binary search in one sorted array (no set of a million Python ints)."""

    def __init__(self, keys: np.ndarray):
        self.keys = np.sort(keys)

    def __contains__(self, key: int) -> bool:
        at = int(np.searchsorted(self.keys, key))
        return at < self.keys.size and int(self.keys[at]) == key


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
        # the units with a target text, searched rather than made a set: a set of a million keys took 0.3 s of
        # the first lookup of every generation
        self._with_target = SortedKeys(with_target)

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
