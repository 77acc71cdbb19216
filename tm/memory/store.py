"""What the rest of `tm` may ask of a translation-memory store, whatever holds it (an SQLite file, PostgreSQL).

Nothing outside a backend module imports its database driver: import, query, concordance, export and the
terminology check speak only this protocol, so a team server can replace the embedded file unnoticed.
Units are addressed by an integer key the backend assigns; the key is stable for the life of the unit.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from tm.records import TranslationUnit


@dataclass
class ImportSummary:
    """What an import did: every unit read is added, merged into an identical one, or skipped with a reason."""

    read: int = 0
    added: int = 0
    merged: int = 0
    skipped: Counter = field(default_factory=Counter)
    dropped: Counter = field(default_factory=Counter)
    variants: Counter = field(default_factory=Counter)
    keys: list[int] = field(default_factory=list)  # of the units added, when the import records their history

    def merge(self, other: ImportSummary) -> None:
        self.read += other.read
        self.added += other.added
        self.merged += other.merged
        self.skipped.update(other.skipped)
        self.dropped.update(other.dropped)
        self.variants.update(other.variants)
        self.keys += other.keys

    def lines(self) -> list[str]:
        langs = ", ".join(f"{lang} {n}" for lang, n in sorted(self.variants.items(), key=lambda kv: (-kv[1], kv[0])))
        lines = [f"units read {self.read}, added {self.added}, merged {self.merged}, "
                 f"skipped {sum(self.skipped.values())}"]
        lines += [f"  skipped {n}: {reason}" for reason, n in sorted(self.skipped.items())]
        lines += [f"  variants dropped {n}: {reason}" for reason, n in sorted(self.dropped.items())]
        if langs:
            lines.append(f"variants: {langs}")
        return lines


@dataclass(frozen=True)
class Change:
    """One entry of a unit's history: what was done (add, edit, delete), when (ISO 8601, UTC), by whom, what
    the unit held before (its texts, document, id, origin and dates; None for an addition), and the memory's
    generation it made."""

    key: int
    at: str
    action: str
    who: str | None
    old: dict | None
    generation: int


def fingerprint(unit: TranslationUnit) -> str:
    """Identity of a unit for merging: the same texts in the same languages, same document, same id (if any)."""
    key = json.dumps([unit.document or "", unit.tuid or "", sorted(unit.variants.items())], ensure_ascii=False)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


class Store(Protocol):
    """A translation memory: multilingual units with provenance, plus a small blob area for derived indexes."""

    def add_units(self, units: Iterable[TranslationUnit], origin: str, by: str | None = None) -> ImportSummary:
        """Add all units in one transaction (all or nothing); identical units are merged, not duplicated. With
        `by`, each unit added is recorded in its history as added by `by`."""

    def edit(self, key: int, lang: str, text: str, by: str) -> tuple[TranslationUnit, TranslationUnit]:
        """Replace (or add) the unit's `lang` text, in one transaction recorded in its history; before, after."""

    def delete(self, key: int, by: str) -> TranslationUnit:
        """Remove the unit, in one transaction recorded in its history; the unit as it was."""

    def history(self, key: int) -> list[Change]:
        """What was done to the unit, oldest first."""

    def changed_since(self, generation: str) -> set[int]:
        """Keys of the units edited or deleted since `generation` (for indexes brought up to date)."""

    def units(self, langs: Sequence[str] | None = None, document: str | None = None) -> Iterator[TranslationUnit]:
        """Units in insertion order, restricted to `langs` (units with none of them left out) and `document`."""

    def count(self) -> int:
        """Number of units."""

    def languages(self) -> Counter:
        """Number of variants per language."""

    def documents(self) -> list[str]:
        """Names of the documents the units come from, sorted."""

    def texts(self, lang: str, after: int | None = None) -> Iterator[tuple[int, str]]:
        """(key, text) of every variant in `lang` (of the units whose key is above `after`), by key: what an
        index is built from."""

    def keys(self, lang: str) -> Iterator[int]:
        """Keys of the units that have a text in `lang`."""

    def fetch(self, keys: Sequence[int], langs: Sequence[str] | None = None) -> dict[int, TranslationUnit]:
        """The units with these keys (only their `langs` variants, if given)."""

    def generation(self) -> str:
        """Changes whenever the units change, so derived indexes know when they are stale."""

    def load_blob(self, name: str, generation: str | None = None) -> bytes | bytearray | None:
        """A derived artefact saved by `save_blob` for `generation` (default: the current one), or None."""

    def blob_generation(self, name: str) -> str | None:
        """The newest generation a blob `name` is saved for, or None."""

    def save_blob(self, name: str, data: bytes | memoryview, generation: str | None = None) -> bool:
        """Keep a derived artefact (an index) with the store, built from the units of `generation` (default: the
        current one); saved only while that is still the current generation. False when not saved: stale, or a
        store that cannot be written just now (read-only, another import holding it), which never waits."""

    def close(self) -> None:
        ...
