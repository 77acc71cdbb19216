"""The main job: corpus -> clauses -> four-way alignment -> memory (TMX, store) -> review and checks.

Each step is a function of the previous steps' results, as in Okapi's pipelines; `build()` runs them in
order and returns what it wrote, so the CLI only prints.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from tm.align.multi import AlignedGroup
from tm.fsutil import atomic_write
from tm.pipeline.corpus import Corpus, discover
from tm.records import Segment, TranslationUnit
from tm.segment import segment_file

if TYPE_CHECKING:
    from tm.terms.check import Checker, CheckResult

Progress = Callable[[str], None]
LOW_CONFIDENCE = 0.25
"""Units scoring below this are flagged for review (in the summary and alignment.html). A unit's score is
its weakest language pair's link confidence; on the corpus's gold-checked units correct links score
0.18-0.9 (median about 0.45, structure and glossary anchors included), so 0.25 flags the weakest 2 percent."""


@dataclass
class BuildResult:
    corpus: Corpus
    out: Path
    segments: dict[str, dict[str, list[Segment]]] = field(default_factory=dict)  # document -> lang -> clauses
    groups: dict[str, list[AlignedGroup]] = field(default_factory=dict)  # document -> aligned clause groups
    units: dict[str, list[TranslationUnit]] = field(default_factory=dict)  # document -> units in order
    terminology: CheckResult | None = None  # once the terms step ran
    checker: Checker | None = None  # the corpus glossary compiled once: anchors for align, then the check
    written: list[Path] = field(default_factory=list)

    def all_units(self) -> list[TranslationUnit]:
        return [unit for document in self.corpus.documents for unit in self.units.get(document, [])]

    def written_summary(self) -> list[str]:
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
            by_lang = self.segments.get(document, {})
            units = self.units.get(document, [])
            flagged = sum(1 for u in units if (u.score or 0) < LOW_CONFIDENCE or len(u.variants) < len(by_lang))
            rows.append((document, *(str(len(by_lang[l])) if l in by_lang else "-" for l in self.corpus.langs),
                         str(len(units)) if units else "-", str(flagged) if units else "-"))
        return rows


def segment_step(result: BuildResult, progress: Progress) -> None:
    """Every document in every language, cut into clauses; one clause per line under OUT/segments/."""
    for document in result.corpus.documents:
        for lang in result.corpus.langs:
            if not result.corpus.has(lang, document):
                continue
            progress(f"segment {lang}/{document}")
            clauses = segment_file(result.corpus.path(lang, document), lang)
            result.segments.setdefault(document, {})[lang] = clauses
            target = result.out / "segments" / lang / f"{document}.txt"
            with atomic_write(target) as handle:
                handle.writelines(c.text + "\n" for c in clauses)
            result.written.append(target)


def align_step(result: BuildResult, progress: Progress) -> None:
    """The language versions of each document aligned four ways into units (all six pairs consulted)."""
    from tm.align.multi import align_corpus
    from tm.pipeline.units import units_from_groups

    checker = glossary_checker(result, progress)
    concepts = {lang: checker.concepts(lang) for lang in result.corpus.langs} if checker else None
    progress(f"align {len(result.segments)} documents ({', '.join(result.corpus.langs)}, all pairs)")
    result.groups = align_corpus(result.segments, concepts)
    for document, clauses in result.segments.items():
        result.units[document] = units_from_groups(document, result.groups[document], clauses)


def memory_step(result: BuildResult, progress: Progress) -> None:
    """memory.tmx (every unit, four languages), one bilingual TMX per language pair, and the store."""
    from itertools import combinations

    from tm.formats.tmx_writer import write_tmx
    from tm.memory import open_memory
    from tm.pipeline.units import pair_units

    units = result.all_units()
    langs = result.corpus.langs
    progress("write memory.tmx")
    target = result.out / "memory.tmx"
    write_tmx(target, units, langs=langs, min_variants=1)
    result.written.append(target)
    for a, b in combinations(langs, 2):
        target = result.out / f"memory.{a}-{b}.tmx"
        pairs = [unit for document, groups in result.groups.items()
                 for unit in pair_units(document, groups, result.segments[document], a, b)]
        write_tmx(target, pairs, srclang=a, langs=(a, b))
        result.written.append(target)
    progress("write memory.db")
    target = result.out / "memory.db"
    for stale in (target, target.with_name("memory.db-wal"), target.with_name("memory.db-shm")):
        stale.unlink(missing_ok=True)
    with open_memory(target) as store:
        store.add_units(units, origin=str(result.corpus.root))
    result.written.append(target)


def review_step(result: BuildResult, progress: Progress) -> None:
    """alignment.html: the four languages side by side, low-confidence and incomplete units highlighted."""
    from tm.report import alignment_html

    progress("write alignment.html")
    target = result.out / "alignment.html"
    alignment_html.write(target, result.all_units(), result.corpus.langs, low=LOW_CONFIDENCE)
    result.written.append(target)


def terms_step(result: BuildResult, progress: Progress) -> None:
    """terminology.html and .json: every glossary term of the English checked in each target language."""
    from tm.report import terminology

    checker = glossary_checker(result, progress)
    if checker is None:
        progress("no glossary in the corpus: terminology check skipped")
        return
    progress("check terminology")
    result.terminology = checker.check(result.all_units())
    for fmt in ("html", "json"):
        target = result.out / f"terminology.{fmt}"
        terminology.write(result.terminology, target, fmt)
        result.written.append(target)


def glossary_checker(result: BuildResult, progress: Progress) -> Checker | None:
    """The corpus's glossary (glossary.tbx, else glossary/*.tsv) compiled for matching, once per build."""
    if result.checker is None:
        from tm.terms.check import Checker
        from tm.terms.io import read_glossaries, read_glossary

        tbx = result.corpus.root / "glossary.tbx"
        tables = sorted((result.corpus.root / "glossary").glob("*.tsv"))
        if not tbx.is_file() and not tables:
            return None
        progress("load the glossary and the word analysers")
        glossary = read_glossary(tbx) if tbx.is_file() else read_glossaries(tables)
        result.checker = Checker(glossary, [lang for lang in result.corpus.langs if lang != "en"])
    return result.checker


STEPS = (segment_step, align_step, memory_step, review_step, terms_step)


def build(corpus: str | Path, out: str | Path, progress: Progress = lambda message: None) -> BuildResult:
    result = BuildResult(discover(corpus), Path(out))
    for step in STEPS:
        step(result, progress)
    return result


def format_table(rows: list[tuple[str, ...]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths))) for row in rows]
    return "\n".join(lines) + "\n"
