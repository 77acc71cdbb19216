"""`tm analyze`: how much of a new job the memory covers, per target language, in the bands CAT tools price by.

Each clause falls in one band, checked in this order (Trados' order):
- `101%`: an exact match in context: the memory unit's previous and next units in its document have the
  texts of the clause's previous and next clauses (or both stand at the start / end of their document);
- `repetition`: the same text as an earlier clause of the job (any of its files), counted once at its first
  place, so a clause repeated ten times is paid once;
- `100%`: an identical source in the memory;
- `95-99`, `85-94`, `75-84`, `50-74`: the best fuzzy match (`tm query`'s CAT token score);
- `no match`: nothing at 50% or more.
Words and characters are counted on the source text (`tm.commands.job.words`, `characters`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tm.commands.common import NO_PROGRESS, Progress, open_for_reading
from tm.commands.job import Found, JobFile, Leverage, characters, read_jobs, words

BANDS = ("101%", "repetition", "100%", "95-99", "85-94", "75-84", "50-74", "no match")
FUZZY = ((95, "95-99"), (85, "85-94"), (75, "75-84"), (50, "50-74"))


def band_of(found: Found, repeated: bool) -> str:
    if found.context:
        return "101%"
    if repeated:
        return "repetition"
    best = found.best
    if best == 100:
        return "100%"
    return next((name for floor, name in FUZZY if best >= floor), "no match")


@dataclass
class Counts:
    segments: int = 0
    words: int = 0
    characters: int = 0

    def add(self, other: Counts) -> None:
        self.segments += other.segments
        self.words += other.words
        self.characters += other.characters


@dataclass(frozen=True)
class ClauseBand:
    """One clause in one target language: its band, best score and where the best match came from."""

    document: str
    index: int
    text: str
    kind: str
    words: int
    characters: int
    band: str
    score: int
    match_document: str | None = None
    match_tuid: str | None = None


@dataclass
class Analysis:
    src: str
    langs: list[str]
    files: list[str]
    bands: dict[str, dict[str, Counts]] = field(default_factory=dict)  # lang -> band -> counts
    clauses: dict[str, list[ClauseBand]] = field(default_factory=dict)  # lang -> every clause

    def total(self, lang: str) -> Counts:
        total = Counts()
        for counts in self.bands[lang].values():
            total.add(counts)
        return total

    def rows(self) -> list[dict]:
        """One row per language and band (every band, zeros included): the table, CSV and JSON all show these."""
        out = []
        for lang in self.langs:
            total = self.total(lang)
            for band in (*BANDS, "total"):
                c = total if band == "total" else self.bands[lang][band]
                out.append({"lang": lang, "band": band, "segments": c.segments, "words": c.words,
                            "characters": c.characters,
                            "percent_words": round(100 * c.words / total.words, 1) if total.words else 0.0})
        return out


def analyze(files: Sequence[str | Path], src: str, langs: Sequence[str], memory: str | None,
            progress: Progress = NO_PROGRESS) -> Analysis:
    jobs = read_jobs(files, src)
    result = Analysis(src=src, langs=list(langs), files=[str(j.path) for j in jobs])
    with open_for_reading(memory) as store:
        for lang in langs:
            progress(f"analyse {src}-{lang}")
            leverage = Leverage(store, src, lang, minimum=50, limit=5)
            result.bands[lang], result.clauses[lang] = _bands(jobs, leverage, src)
    return result


def _bands(jobs: list[JobFile], leverage: Leverage, src: str) -> tuple[dict[str, Counts], list[ClauseBand]]:
    bands = {band: Counts() for band in BANDS}
    rows = []
    seen: set[str] = set()
    for job in jobs:
        for found in leverage.find(job.clauses):
            clause = found.clause
            band = band_of(found, clause.text in seen)
            seen.add(clause.text)
            n_words, n_chars = words(clause.text, src), characters(clause.text)
            bands[band].add(Counts(1, n_words, n_chars))
            best = found.matches[0] if found.matches else None
            rows.append(ClauseBand(clause.document, clause.index, clause.text, clause.kind, n_words, n_chars, band,
                                   found.best, best.unit.document if best else None, best.unit.tuid if best else None))
    return bands, rows
