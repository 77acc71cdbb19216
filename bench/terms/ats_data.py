"""The Tilde ATS development half (../shared/data/tilde-ats-dev): segments and their annotated term occurrences.

An annotation in `ats-dev.en-XX.tagged` reads `<b> source words <t> target lemma <\\t>`: the English words are
an occurrence of a glossary term whose approved translation is the target lemma; the target segment is the
same row of `ats-dev.tsv`.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

ANNOTATION = re.compile(r"<b>\s*(.*?)\s*<t>\s*(.*?)\s*<\\t>")


@dataclass(frozen=True)
class Annotation:
    row: int
    lang: str
    source: str
    lemma: str


def segments(root: Path) -> list[dict[str, str]]:
    with (root / "ats-dev.tsv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def plain_source(tagged: str) -> str:
    """The English sentence without the annotations (the target lemmas dropped)."""
    return " ".join(re.sub(r"<t>.*?<\\t>|<b>", " ", tagged).split())


def annotations(root: Path, lang: str) -> list[Annotation]:
    found = []
    lines = (root / f"ats-dev.en-{lang}.tagged").read_text(encoding="utf-8").splitlines()
    for row, line in enumerate(lines):
        for source, lemma in ANNOTATION.findall(line):
            found.append(Annotation(row, lang, source, lemma))
    return found
