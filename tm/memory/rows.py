"""What the SQL backends share: a unit as table rows and back, and how an import counts what it did.

SQLite and PostgreSQL hold the same tables (meta, units, variants, blobs, history), so a unit must read back
the same from either; keeping the conversion here is what makes `tm export` identical whichever store it reads.

The history table (what `tm add`, `tm edit` and `tm delete` did to which unit, when, by whom, and the texts it
had before) came after the first memories were written: a memory without it gets it on its first write, in
that write's transaction, and read commands on such a memory read it as a memory without history.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import replace
from datetime import UTC, datetime
from itertools import islice
from typing import Any

from tm.errors import InputError
from tm.formats.clause_refs import split_clauses, with_clauses
from tm.memory.store import Change, ImportSummary, fingerprint
from tm.records import TranslationUnit

FORMAT = "tm-memory"
VERSION = "1"
UNIT_COLUMNS = "id, tuid, document, kind, score, origin, created, changed, usage_count, props"
INSERT_COLUMNS = "fingerprint, tuid, document, kind, score, origin, created, changed, usage_count, props"
BATCH = 1000
HISTORY = ("CREATE TABLE history (unit_id BIGINT NOT NULL, generation BIGINT NOT NULL, at TEXT NOT NULL, "
           "action TEXT NOT NULL, who TEXT, old TEXT)",
           "CREATE INDEX history_unit ON history(unit_id)",
           "CREATE INDEX history_generation ON history(generation)")
"""The history of local changes (added after format version 1's first memories: made on a memory's first write)."""


class Damaged(Exception):
    """A memory whose rows no tm wrote so (edited by hand, or by another program); each store turns it into an
    InputError naming the memory."""


class SharedSQL:
    """What both engines run as written, mixed into each store: it gives the connection `_db`, `_errors()` (its
    failures as InputErrors), `_transaction()` (all or nothing), `_insert` (of a batch: the key of each unit
    added, None for each merged into one already there), `_bump`, `_has_table(name)`, `_where` (the memory
    named in messages) and `_param` (the driver's placeholder: SQL here is written with `?`)."""

    _db: Any
    _errors: Callable[[], AbstractContextManager]
    _transaction: Callable[[], AbstractContextManager]
    _insert: Callable[[list[TranslationUnit], str], list[int | None]]
    _has_table: Callable[[str], bool]
    _bump: str
    _param: str = "?"
    _where: str

    def _run(self, sql: str, args: Sequence = ()):
        return self._db.execute(sql.replace("?", self._param) if self._param != "?" else sql, args)

    def add_units(self, units: Iterable[TranslationUnit], origin: str, by: str | None = None) -> ImportSummary:
        """`by`: who adds them, recorded in the history of each unit added (imports of whole memories leave
        it out: their origin says where each unit came from)."""
        with self._errors(), self._transaction():
            self._upgrade()
            added: list[int] = []
            summary = add_each(units, lambda batch: self._insert(batch, origin), added if by else None)
            if summary.added:
                self._db.execute(self._bump)
                if by:
                    self._record([(key, "add", None) for key in added], by)
        summary.keys = added
        return summary

    def edit(self, key: int, lang: str, text: str, by: str) -> tuple[TranslationUnit, TranslationUnit]:
        """The unit `key` with its `lang` text replaced (added, if it had none), its changed date now; the
        unit before and after. One transaction; refused if the unit would become identical to another."""
        with self._errors(), self._transaction():
            self._upgrade()
            before = self._unit(key)
            after = _with_variants(before, {**before.variants, lang: text})
            if after.variants == before.variants:
                return before, before
            after.changed = _now()
            twin = self._run("SELECT id FROM units WHERE fingerprint = ? AND id != ?",
                             (fingerprint(after), key)).fetchone()
            if twin:
                raise InputError(f"the edit would make unit #{key} the same as unit #{twin[0]} (same texts, document "
                                 f"and id); delete one of them instead", self._where)
            self._run("UPDATE units SET fingerprint = ?, changed = ? WHERE id = ?",
                      (fingerprint(after), _date(after.changed), key))
            self._run("DELETE FROM variants WHERE unit_id = ? AND lang = ?", (key, lang))
            self._run("INSERT INTO variants (lang, unit_id, text) VALUES (?, ?, ?)", (lang, key, text))
            self._db.execute(self._bump)
            self._record([(key, "edit", before)], by)
        return before, after

    def delete(self, key: int, by: str) -> TranslationUnit:
        """Remove the unit `key` (one transaction, recorded with its texts); the unit as it was."""
        with self._errors(), self._transaction():
            self._upgrade()
            before = self._unit(key)
            self._run("DELETE FROM variants WHERE unit_id = ?", (key,))
            self._run("DELETE FROM units WHERE id = ?", (key,))
            self._db.execute(self._bump)
            self._record([(key, "delete", before)], by)
        return before

    def history(self, key: int) -> list[Change]:
        """What was done to the unit `key`, oldest first (nothing on a memory without a history table)."""
        with self._errors():
            if not self._has_table("history"):
                return []
            rows = self._run("SELECT at, action, who, old, generation FROM history WHERE unit_id = ? "
                             "ORDER BY generation, at", (key,)).fetchall()
        return [Change(key, at, action, who, _old(old), int(generation)) for at, action, who, old, generation in rows]

    def changed_since(self, generation: str) -> set[int]:
        """Keys of the units edited or deleted after `generation` (units added since have higher keys, except
        where a deleted unit's key is given again: that deletion is among these)."""
        with self._errors():
            if not self._has_table("history"):
                return set()
            return {row[0] for row in self._run("SELECT DISTINCT unit_id FROM history WHERE generation > ? AND "
                                                "action != 'add'", (int(generation),))}

    def blob_generation(self, name: str) -> str | None:
        with self._errors():
            row = self._run("SELECT max(CAST(generation AS BIGINT)) FROM blobs WHERE name = ?", (name,)).fetchone()
        return None if row is None or row[0] is None else str(row[0])

    def _unit(self, key: int) -> TranslationUnit:
        unit = self.fetch([key]).get(key)  # type: ignore[attr-defined]
        if unit is None:
            raise InputError(f"no unit #{key} in the memory (tm query --json gives each match's id)", self._where)
        return unit

    def _upgrade(self) -> None:
        """A memory written before the history table existed gets it, inside the caller's write transaction."""
        if not self._has_table("history"):
            for statement in HISTORY:
                self._db.execute(statement)

    def _record(self, changes: list[tuple[int, str, TranslationUnit | None]], by: str) -> None:
        generation, at = int(self.generation()), _date(_now())
        self._db.cursor().executemany(
            "INSERT INTO history (unit_id, generation, at, action, who, old) VALUES (?, ?, ?, ?, ?, ?)".replace(
                "?", self._param),
            [(key, generation, at, action, by, _old_json(old)) for key, action, old in changes])

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


def add_each(units: Iterable[TranslationUnit], insert: Callable[[list[TranslationUnit]], list[int | None]],
             added: list[int] | None = None) -> ImportSummary:
    """Count an import: units without text are skipped, `insert` gives of each unit of a batch its key if it
    was new, None if merged (batches spare a server one round trip per unit); the new keys go to `added`."""
    summary = ImportSummary()
    kept = _with_text(units, summary)
    for batch in iter(lambda: list(islice(kept, BATCH)), []):
        keys = [key for key in insert(batch) if key is not None]
        if added is not None:
            added += keys
        summary.added += len(keys)
        summary.merged += len(batch) - len(keys)
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
            _props_json(with_clauses(unit.props, unit.clauses)))


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
    return {key: dict(sorted(v.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0])))
            for key, v in found.items()}


def unit_from_row(row: tuple, variants: dict[str, str]) -> TranslationUnit:
    key, tuid, document, kind, score, origin, created, changed, usage_count, props = row
    try:
        props, clauses = split_clauses(_props(props))
        return TranslationUnit(variants, tuid=tuid, document=document, kind=kind, score=score, origin=origin,
                               created=_moment(created), changed=_moment(changed), usage_count=int(usage_count or 0),
                               props=props, clauses=clauses)
    except (ValueError, TypeError) as exc:
        raise Damaged(f"unit {key}: {exc}") from None


def _moment(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        return datetime.fromisoformat(text)
    except (ValueError, TypeError):
        raise ValueError(f"{text!r} is not a date") from None


def _props_json(props: dict[str, str]) -> str | None:
    return json.dumps(props, ensure_ascii=False, sort_keys=True) if props else None


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


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def _old_json(unit: TranslationUnit | None) -> str | None:
    """What a change replaced: the unit's texts, and where it came from."""
    if unit is None:
        return None
    return json.dumps({"variants": unit.variants, "document": unit.document, "tuid": unit.tuid,
                       "origin": unit.origin, "created": _date(unit.created), "changed": _date(unit.changed)},
                      ensure_ascii=False)


def _old(text: str | None) -> dict | None:
    try:
        return json.loads(text) if text else None
    except ValueError:
        raise Damaged(f"history {text[:40]!r} is not JSON") from None


def _with_variants(unit: TranslationUnit, variants: dict[str, str]) -> TranslationUnit:
    return replace(unit, variants=variants, props=dict(unit.props))
