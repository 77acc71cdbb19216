"""`tm build`, the main job: corpus -> clauses -> four-way alignment -> memory -> review and terminology check.

Each step declares what it takes and returns what it makes (Okapi's "takes / sends"); computing is kept
apart from writing, so `align(segment(corpus))` runs without a disk and a user can run part of the build.
`build()` runs every step and writes every output.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from tm.align.multi import AlignedGroup, align_corpus
from tm.align.scoring import calibrated_score
from tm.commands.common import NO_PROGRESS, Progress
from tm.commands.corpus import Corpus, discover
from tm.commands.units import pair_units, units_from_groups
from tm.formats.tmx_writer import write_tmx
from tm.fsutil import atomic_write
from tm.memory import open_memory
from tm.records import CheckResult, Segment, TranslationUnit
from tm.report import alignment_html, terminology
from tm.segment import segment_file
from tm.terms.check import Checker
from tm.terms.glossary import Glossary
from tm.terms.io import read_glossaries, read_glossary

Clauses = dict[str, dict[str, list[Segment]]]
"""document -> language -> its clauses, in order."""

LOW_CONFIDENCE_RAW = 0.25
"""Units whose weakest language pair's link scores below this on the raw scale (the share of cost saved) are
flagged for review (in the summary and alignment.html): on the corpus's gold-checked units correct links score
0.18-0.9 raw (median about 0.45, structure and glossary anchors included), so 0.25 flags the weakest 2 percent."""

LOW_CONFIDENCE = round(calibrated_score(LOW_CONFIDENCE_RAW, linked=True), 3)
"""The same threshold on the calibrated scale that units are scored on (0.921 with the shipped calibration:
below it, links so scored were right less than about 92 times in 100 on held-out test sets)."""


# -- the steps: each takes what it needs and returns what it makes ------------------------------------------

def segment(corpus: Corpus, progress: Progress = NO_PROGRESS) -> Clauses:
    """Takes a corpus; sends every document in every language present, cut into clauses."""
    clauses: Clauses = {}
    for document in corpus.documents:
        for lang in corpus.langs:
            if corpus.has(lang, document):
                progress(f"segment {lang}/{document}")
                clauses.setdefault(document, {})[lang] = segment_file(corpus.path(lang, document), lang)
    return clauses


def corpus_glossary(corpus: Corpus) -> Glossary | None:
    """A corpus's own glossary: glossary.tbx, else glossary/*.tsv, else None."""
    tbx = corpus.root / "glossary.tbx"
    tables = sorted((corpus.root / "glossary").glob("*.tsv"))
    if tbx.is_file():
        return read_glossary(tbx)
    return read_glossaries(tables) if tables else None


def glossary_checker(corpus: Corpus, progress: Progress = NO_PROGRESS,
                     glossary: Glossary | None = None) -> Checker | None:
    """Takes a corpus (and a glossary, else the corpus's own); sends the glossary compiled for matching the
    corpus's languages, or None when there is none."""
    glossary = glossary or corpus_glossary(corpus)
    if glossary is None:
        return None
    progress("load the glossary and the word analysers")
    return Checker(glossary, [lang for lang in corpus.langs if lang != "en"])


def align(clauses: Clauses, checker: Checker | None = None,
          progress: Progress = NO_PROGRESS) -> dict[str, list[AlignedGroup]]:
    """Takes the clauses (and the glossary, whose concepts anchor links); sends each document's aligned groups."""
    langs = list(dict.fromkeys(lang for versions in clauses.values() for lang in versions))
    concepts = {lang: checker.concepts(lang) for lang in langs} if checker else None
    progress(f"align {len(clauses)} documents ({', '.join(langs)}, all pairs)")
    return align_corpus(clauses, concepts)


def units(clauses: Clauses, groups: Mapping[str, Sequence[AlignedGroup]]) -> dict[str, list[TranslationUnit]]:
    """Takes clauses and their groups; sends each document's translation units, in document order."""
    return {document: units_from_groups(document, groups[document], by_lang) for document, by_lang in clauses.items()}


def check_terms(all_units: Sequence[TranslationUnit], checker: Checker,
                progress: Progress = NO_PROGRESS) -> CheckResult:
    """Takes units and the glossary; sends the terminology check of every target language."""
    progress("check terminology")
    return checker.check(all_units)


# -- the outputs ----------------------------------------------------------------------------------------------

def write_segments(out: Path, clauses: Clauses) -> list[Path]:
    """One clause per line under OUT/segments/<lang>/<document>.txt."""
    written = []
    for document, by_lang in clauses.items():
        for lang, segments in by_lang.items():
            target = out / "segments" / lang / f"{document}.txt"
            with atomic_write(target) as handle:
                handle.writelines(s.text + "\n" for s in segments)
            written.append(target)
    return written


def write_memories(out: Path, langs: Sequence[str], clauses: Clauses, groups: Mapping[str, Sequence[AlignedGroup]],
                   all_units: Sequence[TranslationUnit], origin: str, progress: Progress = NO_PROGRESS) -> list[Path]:
    """memory.tmx (every unit, every language), one bilingual TMX per language pair, and the store memory.db."""
    progress("write memory.tmx")
    written = [out / "memory.tmx"]
    write_tmx(written[0], all_units, langs=langs, min_variants=1)
    for a, b in combinations(langs, 2):
        target = out / f"memory.{a}-{b}.tmx"
        pairs = [unit for document, found in groups.items()
                 for unit in pair_units(document, found, clauses[document], a, b)]
        write_tmx(target, pairs, srclang=a, langs=(a, b))
        written.append(target)
    progress("write memory.db")
    target = out / "memory.db"
    for stale in (target, target.with_name("memory.db-wal"), target.with_name("memory.db-shm")):
        stale.unlink(missing_ok=True)
    with open_memory(target) as store:
        store.add_units(all_units, origin=origin)
    return [*written, target]


def write_review(out: Path, all_units: Sequence[TranslationUnit], langs: Sequence[str],
                 progress: Progress = NO_PROGRESS) -> list[Path]:
    """alignment.html: the languages side by side, low-confidence and incomplete units highlighted."""
    progress("write alignment.html")
    target = out / "alignment.html"
    alignment_html.write(target, all_units, langs, low=LOW_CONFIDENCE)
    return [target]


def write_terminology(out: Path, result: CheckResult) -> list[Path]:
    written = []
    for fmt in ("html", "json"):
        target = out / f"terminology.{fmt}"
        terminology.write(result, target, fmt)
        written.append(target)
    return written


# -- the whole job ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Build:
    """What a build made: the clauses, groups and units per document, the check (None without a glossary)
    and the files written."""

    corpus: Corpus
    out: Path
    clauses: Clauses
    groups: dict[str, list[AlignedGroup]]
    units: dict[str, list[TranslationUnit]]
    terminology: CheckResult | None
    written: list[Path]

    def all_units(self) -> list[TranslationUnit]:
        return [unit for document in self.corpus.documents for unit in self.units.get(document, [])]

    def shown_outputs(self) -> list[str]:
        """The outputs a user opens: top-level files, and each folder of per-document files once."""
        shown: list[str] = []
        for path in self.written:
            rel = path.relative_to(self.out)
            name = str(self.out / rel.parts[0]) + ("/" if len(rel.parts) > 1 else "")
            if name not in shown:
                shown.append(name)
        return shown

    def summary_rows(self) -> list[tuple[str, ...]]:
        """Clauses per document and language, then the units they were aligned into and how many are flagged."""
        rows = [("document", *self.corpus.langs, "units", "flagged")]
        for document in self.corpus.documents:
            by_lang = self.clauses.get(document, {})
            found = self.units.get(document, [])
            flagged = sum(1 for u in found if (u.score or 0) < LOW_CONFIDENCE or len(u.variants) < len(by_lang))
            rows.append((document, *(str(len(by_lang[lang])) if lang in by_lang else "-" for lang in self.corpus.langs),
                         str(len(found)) if found else "-", str(flagged) if found else "-"))
        return rows


STEPS = ("segment", "align", "review", "terms")
"""What `until` may name: the build stops after that step's outputs (align includes the memories)."""


def build(corpus: str | Path, out: str | Path, progress: Progress = NO_PROGRESS, until: str = "terms") -> Build:
    """Every step in order up to `until`, its outputs written under `out`."""
    last = STEPS.index(until)
    found, out = discover(corpus), Path(out)
    clauses = segment(found, progress)
    written = write_segments(out, clauses)
    groups: dict[str, list[AlignedGroup]] = {}
    made: dict[str, list[TranslationUnit]] = {}
    result = None
    if last >= STEPS.index("align"):
        checker = glossary_checker(found, progress)
        groups = align(clauses, checker, progress)
        made = units(clauses, groups)
        all_units = [unit for document in found.documents for unit in made.get(document, [])]
        written += write_memories(out, found.langs, clauses, groups, all_units, str(found.root), progress)
        if last >= STEPS.index("review"):
            written += write_review(out, all_units, found.langs, progress)
        if last >= STEPS.index("terms"):
            if checker is None:
                progress("no glossary in the corpus: terminology check skipped")
            else:
                result = check_terms(all_units, checker, progress)
                written += write_terminology(out, result)
    return Build(corpus=found, out=out, clauses=clauses, groups=groups, units=made, terminology=result,
                 written=written)
