"""The glossary commands: import and export in TBX and CSV/TSV, list and show its terms, suggest new ones."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from tm.commands.common import glossary_path, open_for_reading
from tm.errors import InputError
from tm.records import LANGS, Term
from tm.terms.glossary import Glossary
from tm.terms.io import read_glossaries, read_glossary, write_glossary
from tm.terms.suggest import Suggestion, suggest


@dataclass(frozen=True, slots=True)
class Written:
    """A glossary written, with how many terms came in and how many of them were new."""

    path: Path
    glossary: Glossary
    read: int = 0
    added: int = 0


def load(option: str | Path | None) -> Glossary:
    return read_glossary(glossary_path(option))


def import_(files: Sequence[str | Path], glossary: str | Path | None, *, replace: bool = False,
            fmt: str | None = None, raw: bool = False) -> Written:
    """The terms of `files` added to the glossary (or replacing it), written atomically in its format."""
    path = glossary_path(glossary)
    incoming = read_glossaries(files)
    merged = Glossary() if replace or not path.exists() else read_glossary(path)
    before = len(merged.terms)
    merged.add(incoming)
    write_glossary(merged, path, fmt, raw)
    return Written(path=path, glossary=merged, read=len(incoming.terms), added=len(merged.terms) - before)


def export(out: str | Path, glossary: str | Path | None, *, fmt: str | None = None,
           langs: Sequence[str] | None = None, raw: bool = False) -> Written:
    chosen = load(glossary)
    if langs:
        chosen = Glossary([t for t in chosen.terms if t.lang in langs], chosen.domains)
    write_glossary(chosen, out, fmt, raw)
    return Written(path=Path(out), glossary=chosen)


def terms(glossary: str | Path | None, *, lang: str | None = None, status: str | None = None) -> list[Term]:
    """Every term of `lang` and/or `status`, in the glossary's order."""
    return [t for t in load(glossary).terms
            if (lang is None or t.lang == lang) and (status is None or t.status == status)]


def concepts(query: str, glossary: str | Path | None) -> tuple[Glossary, list[str]]:
    """The concepts whose id or any term equals `query` (case-insensitive)."""
    chosen = load(glossary)
    wanted = query.casefold()
    found = [c for c, members in chosen.by_concept().items()
             if c.casefold() == wanted or any(t.text.casefold() == wanted for t in members)]
    if not found:
        raise InputError(f"no concept or term {query!r} in the glossary", glossary_path(glossary))
    return chosen, found


def suggestions(memory: str | None, glossary: str | Path | None, *, langs: Sequence[str] | None = None,
                minimum: int = 3, limit: int = 50, include_known: bool = False) -> list[Suggestion]:
    """Recurring English terms of the memory with their renderings per language, new ones first in rank."""
    chosen = list(langs) if langs else [lang for lang in LANGS if lang != "en"]
    path = glossary_path(glossary)
    known = [t.text for t in read_glossary(path).terms if t.lang == "en"] if path.exists() else []
    with open_for_reading(memory) as store:
        found = suggest(store.units(langs=["en", *chosen]), chosen, minimum, known)
    return [s for s in found if include_known or not s.in_glossary][:limit]


def ordered(langs) -> list[str]:
    """tm's languages first in their order (en, et, lv, lt), then any other in alphabetical order."""
    return sorted(langs, key=lambda lang: (LANGS.index(lang) if lang in LANGS else len(LANGS), lang))


def summary(glossary: Glossary) -> str:
    per_lang = Counter(t.lang for t in glossary.terms)
    langs = ", ".join(f"{lang} {per_lang[lang]}" for lang in ordered(per_lang))
    statuses = Counter(t.status for t in glossary.terms)
    return (f"{len(glossary.concepts())} concepts, {len(glossary.terms)} terms ({langs}); "
            + ", ".join(f"{status} {n}" for status, n in statuses.most_common()))
