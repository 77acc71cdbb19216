"""Exchange formats: TMX, PO/MO, XLIFF, CSV/TSV - reading and writing translation units."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class ReadTally:
    """What a reader left out and why: whole units skipped, single variants dropped from a kept unit."""

    skipped: Counter = field(default_factory=Counter)
    dropped: Counter = field(default_factory=Counter)
