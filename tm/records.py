"""The records that flow between the stages: corpus -> segment -> align -> memory -> query / export / check.

Each stage reads and returns these and nothing else, so a stage can be swapped (another segmenter, another
store) without the others noticing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

LANGS: tuple[str, ...] = ("en", "et", "lv", "lt")
"""The languages of the bundled corpus, in the order units and reports show them."""

ClauseKind = Literal["title", "preamble", "formula", "heading", "operative", "other"]
TermStatus = Literal["preferred", "admitted", "deprecated", "superseded", "forbidden"]
Severity = Literal["ok", "info", "missing", "error", "inconsistency"]


@dataclass(frozen=True, slots=True)
class Segment:
    """One clause of one document in one language.

    `text` is the clause as a translator sees it (markup and list markers removed); `start`/`end` delimit
    the clause in the source file, markup included, so that nothing of the source is lost. `block` numbers
    the paragraph or list item the clause belongs to and `marker` is that item's list marker ('-', '3.'):
    translations keep a document's structure, so the aligner can use it as evidence.
    """

    text: str
    kind: ClauseKind
    start: int
    end: int
    index: int = 0
    lang: str = ""
    document: str = ""
    block: int = -1
    marker: str = ""


@dataclass(frozen=True, slots=True)
class Link:
    """An aligned group between two segment lists: `src` and `tgt` are 0-based indices, either may be empty;
    `score` is the aligner's confidence in [0, 1], None for a link drawn by hand (gold)."""

    src: tuple[int, ...]
    tgt: tuple[int, ...]
    score: float | None = None

    def __str__(self) -> str:
        return f"[{', '.join(map(str, self.src))}]:[{', '.join(map(str, self.tgt))}]"


@dataclass(slots=True)
class TranslationUnit:
    """A multilingual unit: one text per language (BCP 47 primary code), with its provenance."""

    variants: dict[str, str]
    tuid: str | None = None
    document: str | None = None
    kind: str | None = None
    score: float | None = None
    origin: str | None = None
    created: datetime | None = None
    changed: datetime | None = None
    usage_count: int = 0
    props: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Term:
    """One designation of a concept in one language, with its approval status."""

    concept: str
    lang: str
    text: str
    status: TermStatus = "preferred"
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Finding:
    """What a terminology check says about one place (or, for inconsistencies, one concept) in the memory."""

    severity: Severity
    concept: str
    lang: str
    message: str
    term: str | None = None
    found: str | None = None
    tu: str | None = None
    document: str | None = None
    places: tuple[str, ...] = ()
