"""What the glossary and check commands print; kept out of tm/cli.py so the command line stays a thin parser."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from tm.errors import InputError
from tm.records import LANGS
from tm.terms.glossary import Glossary
from tm.terms.io import read_glossaries, read_glossary, write_glossary

DEFAULT_GLOSSARY = "corpora/glossary.tbx"


def resolve_glossary_path(option: str | None) -> Path:
    """--glossary, else $TM_GLOSSARY, else the bundled corpora/glossary.tbx."""
    return Path(option or os.environ.get("TM_GLOSSARY") or DEFAULT_GLOSSARY)


def summary(glossary: Glossary) -> str:
    per_lang = Counter(t.lang for t in glossary.terms)
    langs = ", ".join(f"{lang} {per_lang[lang]}" for lang in _ordered(per_lang))
    statuses = Counter(t.status for t in glossary.terms)
    return (f"{len(glossary.concepts())} concepts, {len(glossary.terms)} terms ({langs}); "
            + ", ".join(f"{status} {n}" for status, n in statuses.most_common()))


def _ordered(langs) -> list[str]:
    return sorted(langs, key=lambda lang: (LANGS.index(lang) if lang in LANGS else len(LANGS), lang))


def run_import(files: Sequence[str], glossary_path: str | None, replace: bool, fmt: str | None) -> str:
    path = resolve_glossary_path(glossary_path)
    incoming = read_glossaries(files)
    glossary = Glossary() if replace or not path.exists() else read_glossary(path)
    before = len(glossary.terms)
    glossary.add(incoming)
    write_glossary(glossary, path, fmt)
    return f"read {len(incoming.terms)} terms, added {len(glossary.terms) - before}\n{path}: {summary(glossary)}\n"


def run_export(out: str, glossary_path: str | None, fmt: str | None, langs: Sequence[str] | None) -> str:
    glossary = read_glossary(resolve_glossary_path(glossary_path))
    if langs:
        glossary = Glossary([t for t in glossary.terms if t.lang in langs], glossary.domains)
    write_glossary(glossary, out, fmt)
    return f"{out}: {summary(glossary)}\n"


def render_list(glossary_path: str | None, lang: str | None, status: str | None) -> str:
    """One line per concept: its id, then its preferred term in each language (or every term of --lang)."""
    glossary = read_glossary(resolve_glossary_path(glossary_path))
    lines = []
    if lang or status:
        for term in glossary.terms:
            if (lang is None or term.lang == lang) and (status is None or term.status == status):
                lines.append(f"{term.concept}\t{term.lang}\t{term.status}\t{term.text}")
        return "".join(line + "\n" for line in lines)
    langs = _ordered(glossary.languages())
    lines.append("\t".join(["concept", *langs]))
    for concept, terms in glossary.by_concept().items():
        cells = [next((t.text for t in terms if t.lang == lg and t.status == "preferred"), "") for lg in langs]
        lines.append("\t".join([concept, *cells]))
    return "".join(line + "\n" for line in lines)


def render_show(query: str, glossary_path: str | None) -> str:
    """Every concept whose id or any term equals `query` (case-insensitive), with all its terms."""
    glossary = read_glossary(resolve_glossary_path(glossary_path))
    wanted = query.casefold()
    concepts = [c for c, terms in glossary.by_concept().items()
                if c.casefold() == wanted or any(t.text.casefold() == wanted for t in terms)]
    if not concepts:
        raise InputError(f"no concept or term {query!r} in the glossary", resolve_glossary_path(glossary_path))
    out = []
    for concept in concepts:
        domain = glossary.domains.get(concept)
        out.append(f"{concept}" + (f" ({domain})" if domain else ""))
        for term in sorted(glossary.terms_of(concept), key=lambda t: _ordered(glossary.languages()).index(t.lang)):
            note = f"  -- {term.note}" if term.note else ""
            out.append(f"  {term.lang}  {term.status:<10}  {term.text}{note}")
    return "\n".join(out) + "\n"


def parse_langs_option(value: str | None, option: str = "--langs") -> list[str] | None:
    from tm.formats.langcodes import parse_langs

    try:
        return parse_langs(value)
    except ValueError as exc:
        raise InputError(str(exc), place=option) from None


def run_check(memory: str | None, glossary_path: str | None, langs: str | None, fmt: str, out: str | None,
              document: str | None) -> tuple[str | None, bool]:
    """The check of the memory against the glossary: the report text (None when written to `out`), has_errors."""
    from tm.memory.cli_support import open_for_reading
    from tm.report.terminology import render, write
    from tm.terms.check import check_units

    chosen = parse_langs_option(langs) or [lang for lang in LANGS if lang != "en"]
    glossary = read_glossary(resolve_glossary_path(glossary_path))
    with open_for_reading(memory) as store:
        result = check_units(store.units(langs=["en", *chosen], document=document), glossary, chosen)
    if out:
        write(result, out, fmt)
        return None, result.has_errors
    return render(result, fmt), result.has_errors


def run_suggest(memory: str | None, glossary_path: str | None, langs: str | None, minimum: int, limit: int,
                as_json: bool, include_known: bool) -> str:
    """Candidate terms from the memory, each with its renderings per language (`k/n` = in k of its n units)."""
    import json
    from dataclasses import asdict

    from tm.memory.cli_support import open_for_reading
    from tm.terms.suggest import suggest

    chosen = parse_langs_option(langs) or [lang for lang in LANGS if lang != "en"]
    path = resolve_glossary_path(glossary_path)
    known = [t.text for t in read_glossary(path).terms if t.lang == "en"] if path.exists() else []
    with open_for_reading(memory) as store:
        found = suggest(store.units(langs=["en", *chosen]), chosen, minimum, known)
    found = [s for s in found if include_known or not s.in_glossary][:limit]
    if as_json:
        return json.dumps([asdict(s) for s in found], ensure_ascii=False, indent=1) + "\n"
    lines = []
    for s in found:
        mark = " [in glossary]" if s.in_glossary else ""
        lines.append(f"{s.term} ({s.units} units){mark}")
        for lang in chosen:
            shown = ", ".join(f"{r.text} {r.units}/{s.units}" for r in s.renderings.get(lang, []))
            lines.append(f"  {lang}: {shown or '-'}")
    return "".join(line + "\n" for line in lines)
