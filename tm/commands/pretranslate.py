"""`tm pretranslate`: a new job with the memory's best proposal for every clause, for a translator's CAT tool
(XLIFF 1.2 or 2.0) or, for those who work without one, as the pretranslated document itself (Markdown).

What fills a clause's target, in this order:
1. an exact match (101% in context, else 100%): state `translated`, qualifier `exact-match`;
2. a match that differs only in numbers and dates (`tm.commands.placeables`): the memory's translation
   with the new numbers and months in the target language's form; `needs-review-translation`,
   `leveraged-tm`, with a note naming what was changed;
3. the best fuzzy match at `--min` or more: `needs-review-translation`, `fuzzy-match`;
4. nothing (no target): the translator starts from the source.
Each unit carries the origin of its proposal, the other candidates and the glossary's terms for the clause.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tm.commands.common import glossary_path, open_for_reading
from tm.commands.job import Found, JobFile, Leverage, read_jobs
from tm.errors import InputError
from tm.formats.xliff_pretranslated import Candidate, PretranslatedFile, PretranslatedUnit, write_pretranslated
from tm.fsutil import atomic_write
from tm.lang.placeables import adapt, has_placeables
from tm.memory.query import Match
from tm.segment.markdown import blocks
from tm.terms.glossary import Glossary
from tm.terms.matcher import TermMatcher, leftmost_longest

KINDS = ("context", "exact", "adapted", "fuzzy", "none")
"""What filled each clause: a 101% match, a 100% one, numbers/dates adapted, a fuzzy match, nothing."""


@dataclass
class Proposal:
    """A clause's pretranslation: `how` is one of KINDS; `match` the memory unit it came from."""

    how: str
    target: str | None = None
    match: Match | None = None
    adapted: str = ""  # "2023 → 2024, November → December"


@dataclass
class Pretranslation:
    src: str
    tgt: str
    files: list[PretranslatedFile]
    jobs: list[JobFile]
    proposals: list[list[Proposal]]  # per job file, per clause
    written: list[Path] = field(default_factory=list)

    def counts(self) -> Counter:
        return Counter(p.how for per_file in self.proposals for p in per_file)


PLACEABLE_FLOOR = 30
"""How low a match may score and still be adapted: `Tallinn, 12 December 2024` has three of its five tokens
changed against `Tallinn, 24 November 2023` (40%), all of them placeables."""


def propose(found: Found, tgt: str, minimum: int, leverage: Leverage | None = None) -> Proposal:
    whole = [m for m in found.matches if not m.partial]  # a partial match's target holds more than the clause
    if whole and whole[0].percent == 100:
        return Proposal("context" if found.context else "exact", whole[0].target, whole[0])
    candidates = list(whole)
    if leverage is not None and has_placeables(found.clause.text):
        candidates += [m for m in leverage.matcher.search(found.clause.text, PLACEABLE_FLOOR, 10) if not m.partial]
    for match in candidates:
        adapted = adapt(found.clause.text, match.source, match.target, tgt)
        if adapted is not None:
            return Proposal("adapted", adapted.target, match, adapted.describe())
    if whole and whole[0].percent >= minimum:
        return Proposal("fuzzy", whole[0].target, whole[0])
    return Proposal("none")


class TermNotes:
    """The glossary concepts a source clause names, each as a note: approved translations, and those not to use."""

    def __init__(self, glossary: Glossary, src: str, tgt: str):
        self.glossary, self.tgt = glossary, tgt
        self.matcher = TermMatcher([t for t in glossary.terms if t.lang == src], src)

    def notes(self, text: str) -> list[str]:
        out, seen = [], set()
        for match in leftmost_longest(self.matcher.find(text)):
            concept = match.term.concept
            if concept in seen:
                continue
            seen.add(concept)
            terms = self.glossary.terms_of(concept, self.tgt)
            use = [f"{t.text} ({t.status})" for t in terms if t.status in ("preferred", "admitted")]
            avoid = [f"{t.text} ({t.status})" for t in terms if t.status not in ("preferred", "admitted")]
            note = f"glossary {concept} '{match.surface}': " + (f"use {'; '.join(use)}" if use else
                                                                   f"no approved {self.tgt} term")
            if avoid:
                note += f"; do not use {'; '.join(avoid)}"
            out.append(note)
        return out


def _origin(match: Match) -> str:
    unit = match.unit
    moment = unit.changed or unit.created
    return (f"document {unit.document or '-'}, unit {unit.tuid or match.key}, "
            f"date {moment.date().isoformat() if moment else 'not recorded'}")


def _unit(number: int, job: JobFile, found: Found, proposal: Proposal, minimum: int,
          terms: TermNotes | None) -> PretranslatedUnit:
    clause = found.clause
    unit = PretranslatedUnit(id=str(number), name=clause.unit_id or f"{job.document}-{clause.index + 1:04d}",
                             source=clause.text)
    unit.facts["kind"] = clause.kind
    if clause.segment is not None:
        seg = clause.segment
        unit.facts.update(start=str(seg.start), end=str(seg.end), block=str(seg.block))
        if seg.marker:
            unit.facts["marker"] = seg.marker
    if proposal.match is not None:
        match = proposal.match
        unit.target = proposal.target
        quality = 101 if proposal.how == "context" else match.percent
        unit.quality = quality
        if proposal.how in ("context", "exact"):
            unit.state, unit.qualifier = "translated", "exact-match"
            what = "101% in-context match" if proposal.how == "context" else "100% match"
        elif proposal.how == "adapted":
            unit.state, unit.qualifier = "needs-review-translation", "leveraged-tm"
            what = f"{match.percent}% match, numbers and dates adapted ({proposal.adapted})"
        else:
            unit.state, unit.qualifier = "needs-review-translation", "fuzzy-match"
            what = f"{match.percent}% fuzzy match"
        unit.facts["match"] = proposal.how
        unit.notes.append(f"memory: {what}; {_origin(match)}")
    else:
        unit.facts["match"] = "none"
    unit.alternatives = [Candidate(m.percent, m.source, m.target, f"{m.unit.document or '-'}/{m.unit.tuid or m.key}"
                                   + (" (partial: joined with its neighbour)" if m.partial else ""))
                         for m in found.matches if m is not proposal.match and (m.percent >= minimum or m.partial)]
    if terms is not None:
        unit.notes += terms.notes(clause.text)
    return unit


def pretranslate(files: Sequence[str | Path], src: str, tgt: str, memory: str | None, *, minimum: int = 75,
                 glossary: str | Path | None = None, alternatives: int = 3) -> Pretranslation:
    """Every clause of every file proposed from the memory (nothing written: see `save`)."""
    jobs = read_jobs(files, src)
    path = glossary_path(glossary)
    terms = None
    if glossary is not None or path.is_file():
        from tm.terms.io import read_glossary

        terms = TermNotes(read_glossary(path), src, tgt)
    out_files, proposals = [], []
    with open_for_reading(memory) as store:
        leverage = Leverage(store, src, tgt, minimum=min(minimum, 50), limit=alternatives + 1)
        for job in jobs:
            found = leverage.find(job.clauses)
            chosen = [propose(f, tgt, minimum, leverage) for f in found]
            units = [_unit(n, job, f, p, minimum, terms) for n, (f, p) in enumerate(zip(found, chosen, strict=True), 1)]
            datatype = "plaintext" if job.source is None else "x-markdown"
            out_files.append(PretranslatedFile(job.document, units, datatype))
            proposals.append(chosen)
    return Pretranslation(src, tgt, out_files, jobs, proposals)


def target_document(job: JobFile, proposals: Sequence[Proposal]) -> str:
    """The pretranslated document: each block of the source (paragraph, list item) with its clauses' proposals
    (the source where there is none), its list marker and bold kept; for XLIFF/PO input, one paragraph per unit."""
    texts = [p.target if p.target is not None else c.text for c, p in zip(job.clauses, proposals, strict=True)]
    if job.source is None:
        return "\n\n".join(texts) + "\n"
    by_block: dict[int, list[str]] = {}
    for clause, text in zip(job.clauses, texts, strict=True):
        by_block.setdefault(clause.segment.block, []).append(text)
    out, previous_item = [], False
    for number, block in enumerate(blocks(job.source)):
        if number not in by_block:
            continue
        text = " ".join(by_block[number])
        if block.all_bold:
            text = f"**{text}**"
        if block.is_item:
            text = f"{block.marker} {text}"
        out.append(("\n" if previous_item and block.is_item else "\n\n") + text if out else text)
        previous_item = block.is_item
    return "".join(out) + "\n"


def save(result: Pretranslation, out: str | Path, fmt: str = "xliff", version: int = 1) -> list[Path]:
    """Write the XLIFF (every file in one), or the pretranslated document (`md`; one input file only)."""
    out = Path(out)
    if fmt == "md":
        if len(result.jobs) != 1:
            raise InputError("--format md writes one document: give one file", place="-o")
        with atomic_write(out) as handle:
            handle.write(target_document(result.jobs[0], result.proposals[0]))
    else:
        write_pretranslated(out, result.files, result.src, result.tgt, version)
    result.written.append(out)
    return [out]
