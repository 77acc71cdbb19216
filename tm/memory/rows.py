"""What the SQL backends share: a unit as table rows and back, and how an import counts what it did.

SQLite and PostgreSQL hold the same tables (meta, units, variants, blobs), so a unit must read back the same
from either; keeping the conversion here is what makes `tm export` identical whichever store it reads.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from datetime import datetime
from itertools import islice
from typing import Any

from tm.memory.store import ImportSummary, fingerprint
from tm.records import TranslationUnit

FORMAT = "tm-memory"
VERSION = "1"
UNIT_COLUMNS = "id, tuid, document, kind, score, origin, created, changed, usage_count, props"
INSERT_COLUMNS = "fingerprint, tuid, document, kind, score, origin, created, changed, usage_count, props"
BATCH = 1000


class Damaged(Exception):
    """A memory whose rows no tm wrote so (edited by hand, or by another program); each store turns it into an
    InputError naming the memory."""


class SharedSQL:
    """What both engines run as written, mixed into each store: it gives the connection `_db`, `_errors()` (its
    failures as InputErrors), `_transaction()` (all or nothing), `_insert` (of a batch: False for each unit
    merged into one already there) and `_bump`."""

    _db: Any
    _errors: Callable[[], AbstractContextManager]
    _transaction: Callable[[], AbstractContextManager]
    _insert: Callable[[list[TranslationUnit], str], list[bool]]
    _bump: str

    def add_units(self, units: Iterable[TranslationUnit], origin: str) -> ImportSummary:
        with self._errors(), self._transaction():
            summary = add_each(units, lambda batch: self._insert(batch, origin))
            if summary.added:
                self._db.execute(self._bump)
        return summary

    def count(self) -> int:
        with self._errors():
            return self._db.execute("SELECT count(*) FROM units").fetchone()[0]

    def languages(self) -> Counter:
        with self._errors():
            return Counter(dict(self._db.execute("SELECT lang, count(*) FROM variants GROUP BY lang")))

    def documents(self) -> list[str]:
        with self._errors():
            return [row[0] for row in self._db.execute(
                "SELECT DISTINCT document FROM units WHERE document IS NOT NULL ORDER BY document")]

    def generation(self) -> str:
        with self._errors():
            row = self._db.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
            if row is None or not str(row[0]).isdigit():
                raise Damaged("no generation in its meta table" if row is None else
                              f"generation {row[0]!r} in its meta table is not a number")
            return str(row[0])


def add_each(units: Iterable[TranslationUnit], insert: Callable[[list[TranslationUnit]], list[bool]]) -> ImportSummary:
    """Count an import: units without text are skipped, `insert` says of each unit of a batch whether it was
    new or merged (batches spare a server one round trip per unit)."""
    summary = ImportSummary()
    kept = _with_text(units, summary)
    for batch in iter(lambda: list(islice(kept, BATCH)), []):
        added = sum(insert(batch))
        summary.added += added
        summary.merged += len(batch) - added
    return summary


def _with_text(units: Iterable[TranslationUnit], summary: ImportSummary) -> Iterator[TranslationUnit]:
    """The units with their empty variants dropped; a unit with none left is counted as skipped."""
    for unit in units:
        summary.read += 1
        variants = {lang: text for lang, text in unit.variants.items() if text and text.strip()}
        summary.variants.update(variants.keys())
        if not variants:
            summary.skipped["no text in any language"] += 1
        else:
            yield unit if variants == unit.variants else _with_variants(unit, variants)


def unit_values(unit: TranslationUnit, origin: str) -> tuple:
    """The row of `units` (INSERT_COLUMNS order) for a unit read from `origin`."""
    return (fingerprint(unit), unit.tuid, unit.document, unit.kind, unit.score, unit.origin or origin,
            _date(unit.created), _date(unit.changed), unit.usage_count,
            json.dumps(unit.props, ensure_ascii=False, sort_keys=True) if unit.props else None)


def units_from_batches(batches: Iterator[list[tuple]],
                       variants_of: Callable[[list[int]], dict[int, dict[str, str]]]) -> Iterator[TranslationUnit]:
    """Units from batches of UNIT_COLUMNS rows; a unit with no variant wanted is left out."""
    for batch in batches:
        keyed = {row[0]: row for row in batch}
        variants = variants_of(list(keyed))
        for key, row in keyed.items():
            if variants.get(key):
                yield unit_from_row(row, variants[key])


def grouped_variants(rows: Iterable[tuple[int, str, str]], langs: Sequence[str] | None) -> dict[int, dict[str, str]]:
    """(key, lang, text) rows as each unit's variants, in the order of `langs`, else by language code (the
    order rows come in is the database's choice)."""
    found: dict[int, dict[str, str]] = {}
    for key, lang, text in rows:
        found.setdefault(key, {})[lang] = text
    order = {lang: i for i, lang in enumerate(langs or ())}
    return {key: dict(sorted(v.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0]))) for key, v in found.items()}


def unit_from_row(row: tuple, variants: dict[str, str]) -> TranslationUnit:
    key, tuid, document, kind, score, origin, created, changed, usage_count, props = row
    try:
        return TranslationUnit(variants, tuid, document, kind, score, origin, _moment(created), _moment(changed),
                               int(usage_count or 0), _props(props))
    except (ValueError, TypeError) as exc:
        raise Damaged(f"unit {key}: {exc}") from None


def _moment(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        return datetime.fromisoformat(text)
    except (ValueError, TypeError):
        raise ValueError(f"{text!r} is not a date") from None


def _props(text: str | None) -> dict:
    if not text:
        return {}
    try:
        props = json.loads(text)
    except ValueError:
        props = None
    if not isinstance(props, dict):
        raise ValueError(f"properties {text[:40]!r} are not a JSON object")
    return props


def format_problem(meta: dict[str, str], other: str) -> str | None:
    """Why a database with these meta rows is not a memory this version can use, or None if it is."""
    if meta.get("format") != FORMAT:
        return f"not a tm memory ({other})"
    if meta.get("version") != VERSION:
        return f"memory format version {meta.get('version')} is not supported (expected {VERSION})"
    return None


def _date(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _with_variants(unit: TranslationUnit, variants: dict[str, str]) -> TranslationUnit:
    return TranslationUnit(variants, unit.tuid, unit.document, unit.kind, unit.score, unit.origin, unit.created,
                           unit.changed, unit.usage_count, dict(unit.props))
