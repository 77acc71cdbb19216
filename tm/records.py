"""The records that flow between the stages: corpus -> segment -> align -> memory -> query / export / check.

Each stage reads and returns these and nothing else, so a stage can be swapped (another segmenter, another
store) without the others noticing.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Literal

LANGS: tuple[str, ...] = ("en", "et", "lv", "lt")
"""The languages of the bundled corpus, in the order units and reports show them."""

ClauseKind = Literal["title", "preamble", "formula", "heading", "operative", "other"]


class Severity(StrEnum):
    """What the terminology check says about a term in a translation, in the order reports list them."""

    ERROR = "error"
    MISSING = "missing"
    INCONSISTENCY = "inconsistency"
    INFO = "info"
    OK = "ok"

    @property
    def order(self) -> int:
        """The place in reports: errors first."""
        return _SEVERITY_ORDER[self]

    @property
    def is_finding(self) -> bool:
        """Everything but `ok` is reported."""
        return self is not Severity.OK


_SEVERITY_ORDER = {severity: number for number, severity in enumerate(Severity)}


class TermStatus(StrEnum):
    """Approval statuses, from the one to use to the one never to use.

    Each carries the one mapping the check applies: `severity`, what a translation using a term of this status
    gets; `rank`, which of a concept's terms found in one place the check takes first (the best one).
    """

    # value, rank, severity
    PREFERRED = "preferred", 0, Severity.OK
    ADMITTED = "admitted", 1, Severity.INFO
    DEPRECATED = "deprecated", 2, Severity.ERROR
    SUPERSEDED = "superseded", 2, Severity.ERROR
    FORBIDDEN = "forbidden", 3, Severity.ERROR  # also reported where the English does not name its concept

    rank: int
    severity: Severity

    def __new__(cls, value: str, rank: int, severity: Severity):
        member = str.__new__(cls, value)
        member._value_ = value
        member.rank = rank
        member.severity = severity
        return member


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
    clauses: dict[str, tuple[int, ...]] = field(default_factory=dict)
    """Which clauses of each language's source document the unit holds (0-based, as `tm segment` numbers
    them), so a reviewer finds them in the source; set by `tm build` and `tm add`, written to TMX as the prop
    `x-clauses` (`en:0,1;et:2`) by tm.formats.clause_refs."""


@dataclass(frozen=True, slots=True)
class Term:
    """One designation of a concept in one language, with its approval status."""

    concept: str
    lang: str
    text: str
    status: TermStatus = field(default=TermStatus.PREFERRED, kw_only=True)  # a status's name is converted
    note: str | None = field(default=None, kw_only=True)

    def __post_init__(self) -> None:
        object.__setattr__(self, "status", TermStatus(self.status))


@dataclass(frozen=True, slots=True, kw_only=True)
class Finding:
    """What the terminology check found: one place in the memory where a concept was met and judged, or (severity
    `inconsistency`) one English term of a concept that a language renders by different terms across the memory.

    For a place: the unit (`tu`, `document`), the English words (`source` at `source_span`, matching the glossary
    term `source_term`), and the glossary term of `lang` that judged it (`term` with its `status`, `found` as the
    words at `span` in the translation): when it is `missing`, `term` is the preferred term and `found` None; an
    error names the preferred term in `approved`; a forbidden term met where the English does not name its
    concept has no source. For an inconsistency: the
    English term (`term` and `source_term`) and its `renderings`, the places (ok ones included) that disagree, in
    memory order.
    """

    severity: Severity
    concept: str
    lang: str
    tu: str | None = None
    document: str | None = None
    term: str = ""
    status: TermStatus | None = None
    found: str | None = None
    source: str = ""
    source_span: tuple[int, int] = (0, 0)
    span: tuple[int, int] | None = None
    source_term: str = ""
    renderings: tuple[Finding, ...] = ()
    approved: str | None = None
    """For an error: the concept's preferred term in `lang`, which the message names (None when the glossary
    has none)."""

    @property
    def message(self) -> str:
        """The one wording of the finding, which every report shows."""
        if self.severity is Severity.INCONSISTENCY:
            return f"{self.source_term!r} rendered as " + ", ".join(
                f"{term!r} ({places[0].status}) {len(places)}x" for term, places in self._variants())
        if self.severity is Severity.MISSING:
            return f"{self.source!r}: no term for the concept (preferred: {self.term!r})"
        approved = f"; approved: {self.approved!r}" if self.approved and self.severity is Severity.ERROR else ""
        if not self.source:
            return f"forbidden term {self.found!r} ({self.term}){approved}"
        return f"{self.source!r}: {self.status} variant {self.found!r} ({self.term}){approved}"

    @property
    def places(self) -> tuple[str, ...]:
        """An inconsistency's variants, each with the units it stands in: `term: document#tu, tu (2x)` (the
        document is left out where the unit id names it); nothing for a finding at one place."""
        return tuple(f"{term}: " + ", ".join(_units(places)) for term, places in self._variants())

    def _variants(self) -> list[tuple[str, list[Finding]]]:
        """The renderings by term, the most used first."""
        by_term: dict[str, list[Finding]] = {}
        for rendering in self.renderings:
            by_term.setdefault(rendering.term, []).append(rendering)
        return sorted(by_term.items(), key=lambda kv: (-len(kv[1]), kv[0]))


def _units(places: list[Finding]) -> list[str]:
    counts = Counter(f"{p.document}#{p.tu}" if p.document and not p.tu.startswith(p.document) else p.tu
                     for p in places)
    return [unit + (f" ({n}x)" if n > 1 else "") for unit, n in counts.items()]


@dataclass
class CheckResult:
    """What the terminology check found at every place (ok ones included) and across the memory, and the checked
    texts (by unit id) so that reports can show each finding in context."""

    occurrences: list[Finding] = field(default_factory=list)
    inconsistencies: list[Finding] = field(default_factory=list)
    texts: dict[str, dict[str, str]] = field(default_factory=dict)  # only units with a finding: a memory is large
    units: int = 0
    documents: dict[str, str | None] = field(default_factory=dict)
    langs: tuple[str, ...] = ()
    degraded: dict[str, str] = field(default_factory=dict)
    """Languages checked without their optional morphology backend (language -> backend), whose inflected
    terms may be reported missing: every report says so."""
    note: str = ""
    """That, as one sentence for people (empty when nothing is degraded)."""

    @property
    def findings(self) -> list[Finding]:
        """What reports list: every place that is not ok, in memory order, then the inconsistencies."""
        return [occ for occ in self.occurrences if occ.severity.is_finding] + self.inconsistencies

    @property
    def has_errors(self) -> bool:
        return any(occ.severity is Severity.ERROR for occ in self.occurrences)

    def counts(self) -> dict[str, Counter]:
        """Per language: occurrences of each severity, plus the inconsistencies found across the memory."""
        per_lang: dict[str, Counter] = {lang: Counter() for lang in self.langs}
        for finding in self.occurrences + self.inconsistencies:
            per_lang.setdefault(finding.lang, Counter())[finding.severity] += 1
        return per_lang
