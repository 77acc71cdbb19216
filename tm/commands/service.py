"""The memory as a long-lived service: what a server (tm.server) asks of the memory, with the memory kept open.

The one-shot commands (tm.commands.memory) open the memory, load its index and close it again for each
command; a server answering hundreds of lookups a second keeps one store open and one index per language,
and checks on each request whether the memory has changed (an import, an edit, a deletion, by this server or
anyone else): the index is then brought up to date with the units changed since, not rebuilt, so the change
is visible to every worker at its next request.

A `MemoryService` is not thread-safe and an SQLite connection may only be used by the thread that opened it:
the caller runs every call of one service on one thread (tm.server does, on one executor thread per worker).
A connection lost to a PostgreSQL server restarting becomes `Unavailable`, and the next call reopens it.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from tm.commands.common import glossary_path
from tm.errors import InputError
from tm.memory import ImportSummary, Store, is_server, open_memory, resolve_memory
from tm.memory.concordance import Concordance, Hit
from tm.memory.exporter import export as export_store
from tm.memory.importer import import_files
from tm.memory.location import masked
from tm.memory.matching import differences
from tm.memory.ngram_index import NgramIndex
from tm.memory.query import Indexes, Match, Matcher, keys_with_text, load_index
from tm.memory.store import Change
from tm.records import LANGS, TranslationUnit
from tm.segment import SUPPORTED_LANGS, segment_text
from tm.terms.io import read_glossary
from tm.terms.matcher import TermMatcher

SNAPSHOT_SECONDS = 5.0
"""Longest a reading snapshot is kept while the memory does not change (see MemoryService._fresh)."""
ANALYSIS_BANDS = [(100, "100%"), (95, "95-99%"), (85, "85-94%"), (75, "75-84%"), (50, "50-74%"), (0, "no match")]


class Unavailable(Exception):
    """The memory cannot be reached just now (its server restarting); the request may be repeated."""


@dataclass(frozen=True, slots=True)
class Suggestion:
    percent: int
    source: str
    target: str
    document: str | None
    tuid: str | None
    repeats: int
    key: int
    diff: list[tuple[str, str]]  # (op, text): "=" same, "-" only in the memory, "+" only in the query


@dataclass(frozen=True, slots=True)
class TermHit:
    concept: str
    term: str
    status: str
    start: int
    end: int
    found: str
    translations: dict[str, list[tuple[str, str]]]  # lang -> [(term, status)], preferred first


class MemoryService:
    """One open memory, its indexes cached per language and generation."""

    def __init__(self, memory: str | None, glossary: str | Path | None = None):
        self.location = resolve_memory(memory)
        self.name = masked(self.location) if is_server(self.location) else str(self.location)
        self.glossary = glossary_path(glossary)
        self._store: Store | None = None
        self._generation: str | None = None  # of the store's reading snapshot
        self._snapshot_at = 0.0  # time.monotonic() when that snapshot began
        self._matchers: dict[tuple[str, str], tuple[str | None, Matcher]] = {}
        self._indexes: dict[str, tuple[str, NgramIndex | Indexes]] = {}
        self._keys: dict[str, tuple[str, np.ndarray]] = {}  # per language: the units that have a text in it
        self._terms: dict[str, TermMatcher] | None = None
        self._languages: tuple[str | None, object] | None = None
        self._glossary = None

    # -- the connection ----------------------------------------------------------------------------------

    def _open(self, create: bool = False) -> Store:
        if self._store is None:
            if not is_server(self.location) and not Path(self.location).exists() and not create:
                raise InputError("no such memory (import into it first)", self.location)
            self._stack = ExitStack()
            try:
                self._store = self._stack.enter_context(open_memory(self.location, create=create))
            except InputError as exc:
                self._stack.close()
                if _unreachable(str(exc)):
                    raise Unavailable(str(exc)) from None
                raise
        return self._store

    def _fresh(self, create: bool = False) -> Store:
        """The store seeing every import committed until now: its reading snapshot ended when the memory has
        changed since it began (or it is older than SNAPSHOT_SECONDS, so that it never holds back PostgreSQL's
        clean-up for long); the cached indexes catch up with the new generation at their next use (_index)."""
        store = self._open(create)
        try:
            if not self._snapshot_current(store):
                _end_snapshot(store)
                self._generation = store.generation()
                self._snapshot_at = time.monotonic()
        except InputError as exc:
            self._drop_if_broken(str(exc))
            raise
        return store

    def _snapshot_current(self, store: Store) -> bool:
        """Whether the snapshot read still shows the memory as it is, asked without ending it (a store that
        cannot tell: never)."""
        latest = getattr(store, "latest_generation", None)
        if latest is None or self._generation is None or time.monotonic() - self._snapshot_at > SNAPSHOT_SECONDS:
            return False
        return latest() == self._generation

    def _drop_if_broken(self, message: str) -> None:
        if _unreachable(message) or _broken(self._store):
            self.close()
            raise Unavailable(message) from None

    def _guarded(self, work):
        """Run `work(store)`; a lost connection becomes Unavailable and the store is reopened next time."""
        store = self._fresh()
        try:
            return work(store)
        except InputError as exc:
            self._drop_if_broken(str(exc))
            raise
        except Exception as exc:
            if _broken(self._store):
                self.close()
                raise Unavailable(f"{self.name}: lost the connection to the memory ({type(exc).__name__})") from None
            raise

    def close(self) -> None:
        if self._store is not None:
            try:
                self._stack.close()
            except Exception:  # a connection already gone cannot be closed cleanly: forget it
                pass
        self._store, self._generation = None, None
        self._matchers.clear()
        self._indexes.clear()
        self._keys.clear()

    # -- reading -----------------------------------------------------------------------------------------

    def languages(self) -> list[str]:
        """The memory's languages, tm's four first (counted once per generation: a scan of every variant)."""
        def work(store: Store):
            if self._languages is None or self._languages[0] != self._generation:
                self._languages = (self._generation, store.languages())
            return self._languages[1]

        found = self._guarded(work)
        return sorted(found, key=lambda lang: (LANGS.index(lang) if lang in LANGS else len(LANGS), lang))

    def count(self) -> int:
        return self._guarded(lambda store: store.count())

    def generation(self) -> str:
        return self._guarded(lambda store: store.generation())

    def _index(self, store: Store, lang: str) -> NgramIndex | Indexes:
        """The language's index for the memory as it is now. When the memory has changed, the index held is
        brought up to date in memory with the units added, edited or deleted since (tm.memory.query.load_index),
        neither rebuilt nor loaded again: an import or an edit is seen by the next request, at the cost of the
        units it changed."""
        held = self._indexes.get(lang)
        if held is None or held[0] != self._generation:
            held = self._indexes[lang] = (self._generation, load_index(store, lang, held))
        return held[1]

    def _with_text(self, store: Store, lang: str) -> np.ndarray:
        """The keys of the units that have a `lang` text, brought up to date as the indexes are."""
        held = self._keys.get(lang)
        if held is None or held[0] != self._generation:
            held = self._keys[lang] = (self._generation, keys_with_text(store, lang, held))
        return held[1]

    def _matcher(self, store: Store, src: str, tgt: str) -> Matcher:
        index = self._index(store, src)
        held = self._matchers.get((src, tgt))
        if held is None or held[0] != self._generation:
            held = self._matchers[(src, tgt)] = (self._generation, Matcher(store, src, tgt, index=index,
                                                                           with_target=self._with_text(store, tgt)))
        held[1].store = store
        return held[1]

    def query(self, texts: Sequence[str], src: str, tgts: Sequence[str], *, minimum: int = 70,
              limit: int = 5, diffs: bool = True) -> list[dict[str, list[Suggestion]]]:
        """For each text, each target language's best matches (several targets at once); without `diffs`, each
        suggestion's differences from the text are left empty (the tmserver API has no place for them)."""
        for tgt in tgts:
            if tgt == src:
                raise InputError(f"the source and target languages are both {src!r}")

        def work(store: Store):
            out = []
            for text in texts:
                out.append({tgt: [_suggestion(text, m, diffs) for m in self._matcher(store, src, tgt).search(
                    text, minimum, limit)] for tgt in tgts})
            return out

        return self._guarded(work)

    def concordance(self, text: str, lang: str, *, langs: Sequence[str] | None = None, stems: bool = False,
                    limit: int = 20) -> tuple[list[Hit], bool, list[str]]:
        shown = list(langs) if langs else [code for code in LANGS if code != lang]

        def work(store: Store):
            hits, more = Concordance(store, lang, self._index(store, lang)).find(text, stems=stems, langs=shown,
                                                                                 limit=limit)
            return hits, more, shown

        return self._guarded(work)

    def analyse(self, text: str, src: str, tgt: str) -> dict:
        """A posted text cut into clauses (tm's rules), each with its best match, and the word counts per
        match band, as a CAT tool's analysis gives them."""
        if src not in SUPPORTED_LANGS:
            raise InputError(f"no segmentation rules for {src!r} (have {', '.join(sorted(SUPPORTED_LANGS))})")
        clauses = [s.text for s in segment_text(text, src)]
        found = self.query(clauses, src, [tgt], minimum=50, limit=1) if clauses else []
        bands = {label: {"segments": 0, "words": 0} for _, label in ANALYSIS_BANDS}
        rows = []
        for clause, matches in zip(clauses, found, strict=True):
            best = matches[tgt][0] if matches[tgt] else None
            percent = best.percent if best else 0
            label = next(label for floor, label in ANALYSIS_BANDS if percent >= floor)
            bands[label]["segments"] += 1
            bands[label]["words"] += len(clause.split())
            rows.append({"text": clause, "band": label, "match": best})
        return {"segments": rows, "bands": bands}

    def unit(self, key: int) -> TranslationUnit:
        """One unit with all its languages and its provenance (who added it, from what, when)."""
        found = self._guarded(lambda store: store.fetch([key]))
        if key not in found:
            raise InputError(f"no unit {key} in the memory")
        return found[key]

    def edit(self, key: int, lang: str, text: str, user: str) -> TranslationUnit:
        """The unit's `lang` text replaced, by `user`, recorded in its history; the unit as it is now."""
        if not text.strip():
            raise InputError("the new text is empty (to remove the unit, delete it)", option="text")
        store = self._fresh(create=False)
        return self._written(lambda: store.edit(key, lang, text.strip(), user)[1])

    def delete(self, key: int, user: str) -> TranslationUnit:
        """The unit removed, by `user`, recorded in its history; the unit as it was."""
        store = self._fresh(create=False)
        return self._written(lambda: store.delete(key, user))

    def history(self, key: int) -> list[Change]:
        """What was done to the unit, oldest first."""
        return self._guarded(lambda store: store.history(key))

    def _written(self, work):
        try:
            return work()
        except InputError as exc:
            self._drop_if_broken(str(exc))
            raise

    def export(self, fmt: str, *, langs: Sequence[str] | None = None, document: str | None = None,
               folder: str | Path | None = None) -> list[tuple[Path, int]]:
        """The memory written in `fmt` into a fresh folder (the caller sends and removes it)."""
        out_dir = Path(folder or tempfile.mkdtemp(prefix="tm-export-"))
        suffix = {"tmx": ".tmx", "csv": ".csv", "po": ".po", "xliff": ""}[fmt]
        out = out_dir / f"memory{suffix}"
        return self._guarded(lambda store: export_store(store, out, fmt, langs, document))

    # -- terminology -------------------------------------------------------------------------------------

    def terms(self, text: str, lang: str, langs: Sequence[str] | None = None) -> list[TermHit]:
        """The glossary's terms in a clause (any inflected form), each with its concept's terms in `langs`."""
        if self._terms is None:
            if not self.glossary.exists():
                raise InputError("no such glossary", self.glossary)
            self._glossary = read_glossary(self.glossary)
            self._terms = {}
        matcher = self._terms.get(lang)
        if matcher is None:
            matcher = self._terms[lang] = TermMatcher([t for t in self._glossary.terms if t.lang == lang], lang)
        wanted = list(langs) if langs else [code for code in LANGS if code != lang]
        rank = {"preferred": 0, "admitted": 1, "deprecated": 2, "superseded": 3, "forbidden": 4}
        hits = []
        for match in sorted(matcher.find(text), key=lambda m: m.start):
            members = self._glossary.terms_of(match.term.concept)
            translations = {code: [(t.text, t.status) for t in sorted((t for t in members if t.lang == code),
                                                                      key=lambda t: rank.get(t.status, 9))]
                            for code in wanted}
            hits.append(TermHit(match.term.concept, match.term.text, match.term.status, match.start, match.end,
                                match.surface, translations))
        return hits

    # -- writing -----------------------------------------------------------------------------------------

    def import_(self, files: Sequence[str | Path], user: str) -> tuple[ImportSummary, int]:
        """The files' units added in one transaction, each new unit recording `user` and the time: its origin
        is `user:NAME FILE`, its props carry `tm-user` and `tm-imported`."""
        store = self._fresh(create=True)
        try:
            summary = import_files(_Attributed(store, user), files)
            total = store.count()
        except InputError as exc:
            self._drop_if_broken(str(exc))
            raise
        return summary, total


class _Attributed:
    """A store whose imported units say who imported them and when (the rest is the store's own)."""

    def __init__(self, store: Store, user: str):
        self._store, self._user = store, user
        self._now = datetime.now(UTC).replace(microsecond=0)

    def add_units(self, units: Iterable[TranslationUnit], origin: str) -> ImportSummary:
        return self._store.add_units(self._stamped(units, origin), origin=f"user:{self._user} {origin}")

    def _stamped(self, units: Iterable[TranslationUnit], origin: str) -> Iterator[TranslationUnit]:
        for unit in units:
            unit.origin = f"user:{self._user} {unit.origin or origin}"
            unit.props = {**unit.props, "tm-user": self._user, "tm-imported": self._now.isoformat()}
            if unit.created is None:
                unit.created = self._now
            yield unit

    def __getattr__(self, name):
        return getattr(self._store, name)


def _suggestion(text: str, match: Match, diffs: bool = True) -> Suggestion:
    diff: list[tuple[str, str]] = []
    for piece in differences(text, match.source) if diffs else ():
        if piece.gap:
            diff.append(("=", piece.gap))
        if piece.kept:
            diff.append(("=", piece.kept))
        if piece.old:
            diff.append(("-", piece.old))
        if piece.new:
            diff.append(("+", piece.new))
    merged: list[tuple[str, str]] = []
    for op, piece in diff:  # runs of one kind as one piece
        if merged and merged[-1][0] == op:
            merged[-1] = (op, merged[-1][1] + piece)
        else:
            merged.append((op, piece))
    return Suggestion(match.percent, match.source, match.target, match.unit.document, match.unit.tuid,
                      match.repeats, match.key, merged)


def _end_snapshot(store: Store) -> None:
    """A store read over a long time must not keep reading one old snapshot (PostgreSQL's REPEATABLE READ).
    Uses the store's `refresh()` where it has one; else ends the open reading transaction of its connection."""
    refresh = getattr(store, "refresh", None)
    if refresh is not None:
        refresh()
        return
    connection = getattr(store, "_db", None)
    if connection is not None and type(connection).__module__.startswith("psycopg"):
        try:
            connection.rollback()
        except Exception as exc:  # a lost connection: the caller reconnects
            raise InputError(f"lost the connection to the PostgreSQL server ({type(exc).__name__})",
                             getattr(store, "address", None)) from None


def _broken(store: Store | None) -> bool:
    connection = getattr(store, "_db", None)
    return bool(connection is not None and (getattr(connection, "broken", False) or getattr(connection, "closed",
                                                                                              False) is True))


def _unreachable(message: str) -> bool:
    return any(words in message for words in ("lost the connection", "cannot reach the PostgreSQL server",
                                               "the database system is starting up",
                                               "the database system is shutting down", "terminating connection"))
