"""The main job: corpus -> clauses -> four-way alignment -> memory (TMX, store) -> review and checks.

Each step is a function of the previous steps' results, as in Okapi's pipelines; `build()` runs them in
order and returns what it wrote, so the CLI only prints.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from tm.fsutil import atomic_write
from tm.pipeline.corpus import Corpus, discover
from tm.records import Segment
from tm.segment import segment_file

Progress = Callable[[str], None]


@dataclass
class BuildResult:
    corpus: Corpus
    out: Path
    segments: dict[str, dict[str, list[Segment]]] = field(default_factory=dict)  # document -> lang -> clauses
    written: list[Path] = field(default_factory=list)

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
        rows = [("document", *self.corpus.langs)]
        for document in self.corpus.documents:
            by_lang = self.segments.get(document, {})
            rows.append((document, *(str(len(by_lang[l])) if l in by_lang else "-" for l in self.corpus.langs)))
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


STEPS = (segment_step,)


def build(corpus: str | Path, out: str | Path, progress: Progress = lambda message: None) -> BuildResult:
    result = BuildResult(discover(corpus), Path(out))
    for step in STEPS:
        step(result, progress)
    return result


def format_table(rows: list[tuple[str, ...]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths))) for row in rows]
    return "\n".join(lines) + "\n"
