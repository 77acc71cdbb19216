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

    def merge(self, other: "ImportSummary") -> None:
        self.read += other.read
        self.added += other.added
        self.merged += other.merged
        self.skipped.update(other.skipped)
        self.dropped.update(other.dropped)
        self.variants.update(other.variants)

    def lines(self) -> list[str]:
        langs = ", ".join(f"{lang} {n}" for lang, n in sorted(self.variants.items(), key=lambda kv: (-kv[1], kv[0])))
        lines = [f"units read {self.read}, added {self.added}, merged {self.merged}, "
                 f"skipped {sum(self.skipped.values())}"]
        lines += [f"  skipped {n}: {reason}" for reason, n in sorted(self.skipped.items())]
        lines += [f"  variants dropped {n}: {reason}" for reason, n in sorted(self.dropped.items())]
        if langs:
            lines.append(f"variants: {langs}")
        return lines


def fingerprint(unit: TranslationUnit) -> str:
    """Identity of a unit for merging: the same texts in the same languages, same document, same id (if any)."""
    key = json.dumps([unit.document or "", unit.tuid or "", sorted(unit.variants.items())], ensure_ascii=False)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


class Store(Protocol):
    """A translation memory: multilingual units with provenance, plus a small blob area for derived indexes."""

    def add_units(self, units: Iterable[TranslationUnit], origin: str) -> ImportSummary:
        """Add all units in one transaction (all or nothing); identical units are merged, not duplicated."""

    def units(self, langs: Sequence[str] | None = None, document: str | None = None) -> Iterator[TranslationUnit]:
        """Units in insertion order, restricted to `langs` (units with none of them left out) and `document`."""

    def count(self) -> int:
        """Number of units."""

    def languages(self) -> Counter:
        """Number of variants per language."""

    def documents(self) -> list[str]:
        """Names of the documents the units come from, sorted."""

    def texts(self, lang: str) -> Iterator[tuple[int, str]]:
        """(key, text) of every variant in `lang`: what an index is built from."""

    def keys(self, lang: str) -> Iterator[int]:
        """Keys of the units that have a text in `lang`."""

    def fetch(self, keys: Sequence[int], langs: Sequence[str] | None = None) -> dict[int, TranslationUnit]:
        """The units with these keys (only their `langs` variants, if given)."""

    def generation(self) -> str:
        """Changes whenever the units change, so derived indexes know when they are stale."""

    def load_blob(self, name: str, generation: str | None = None) -> bytes | bytearray | None:
        """A derived artefact saved by `save_blob` for `generation` (default: the current one), or None."""

    def save_blob(self, name: str, data: bytes | memoryview, generation: str | None = None) -> bool:
        """Keep a derived artefact (an index) with the store, built from the units of `generation` (default: the
        current one); saved only while that is still the current generation. False when not saved: stale, or a
        store that cannot be written just now (read-only, another import holding it), which never waits."""

    def close(self) -> None:
        ...
