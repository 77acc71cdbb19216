"""`tm check`: translations checked against the glossary, the pre-publication gate.

Either the memory's units, or a corpus folder (a draft: en/, et/, ... with *.md) segmented and aligned on the
fly, as `tm build` would, with nothing written. A gate must not pass what it did not check, so whatever would
leave it checking nothing is refused as bad input (one line, exit 2 on the command line): a document or a
language the memory or folder does not have, an empty memory, no glossary.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from tm.commands import build as steps
from tm.commands.common import NO_PROGRESS, Progress, glossary_path, open_for_reading
from tm.commands.corpus import discover
from tm.errors import InputError
from tm.records import LANGS, CheckResult
from tm.report import terminology
from tm.terms.check import SOURCE_LANG, Checker
from tm.terms.glossary import Glossary
from tm.terms.io import read_glossary

TARGETS = tuple(lang for lang in LANGS if lang != SOURCE_LANG)
SHOWN = 8
"""Most names listed in an error that says what the memory has instead."""


def check(memory: str | None, glossary: str | Path | None, *, langs: Sequence[str] | None = None,
          document: str | None = None, corpus: str | Path | None = None,
          progress: Progress = NO_PROGRESS) -> CheckResult:
    """The check of the memory (`memory`, else $TM_MEMORY, else build/memory.db), or of the corpus folder
    `corpus` aligned on the fly. An InputError for anything that would leave nothing checked."""
    if corpus is not None:
        return check_folder(corpus, glossary, langs=langs, document=document, progress=progress)
    terms = read_glossary(glossary_path(glossary))
    with open_for_reading(memory) as store:
        if store.count() == 0:
            raise InputError("the memory is empty: nothing to check")
        present = store.languages()
        if not present.get(SOURCE_LANG):
            raise InputError(f"the memory has no {SOURCE_LANG} text, which the check starts from: nothing to check")
        chosen = _targets(langs, [lang for lang in present if lang != SOURCE_LANG], "the memory")
        if document is not None:
            _known(document, store.documents(), "the memory")
        result = Checker(terms, chosen).check(store.units(langs=[SOURCE_LANG, *chosen], document=document))
    return _checked(result)


def check_folder(corpus: str | Path, glossary: str | Path | None, *, langs: Sequence[str] | None = None,
                 document: str | None = None, progress: Progress = NO_PROGRESS) -> CheckResult:
    """A corpus folder segmented and aligned in memory (tm build's steps), its units checked. The glossary:
    `glossary` when given, else the folder's own (glossary.tbx, glossary/*.tsv), else $TM_GLOSSARY."""
    found = discover(corpus)
    if SOURCE_LANG not in found.langs:
        raise InputError(f"no {SOURCE_LANG}/ folder, which the check starts from", found.root)
    chosen = _targets(langs, [lang for lang in found.langs if lang != SOURCE_LANG], f"{found.root}")
    if document is not None:
        _known(document, found.documents, f"{found.root}")
    terms = folder_glossary(found, glossary)
    clauses = steps.segment(found, progress)
    checker = steps.glossary_checker(found, progress, terms)
    made = steps.units(clauses, steps.align(clauses, checker, progress))
    chosen_units = [unit for name in found.documents if document in (None, name) for unit in made.get(name, [])]
    progress("check terminology")
    result = checker.check(chosen_units, chosen)
    progress("")
    return _checked(result)


def folder_glossary(corpus, option: str | Path | None) -> Glossary:
    """--glossary, else the folder's own glossary, else $TM_GLOSSARY; else an InputError naming all three."""
    if option:
        return read_glossary(option)
    own = steps.corpus_glossary(corpus)
    if own is not None:
        return own
    if os.environ.get("TM_GLOSSARY"):
        return read_glossary(os.environ["TM_GLOSSARY"])
    raise InputError("no glossary in the folder (glossary.tbx or glossary/*.tsv): give --glossary FILE or set "
                     "$TM_GLOSSARY", corpus.root)


def _targets(langs: Sequence[str] | None, present: Sequence[str], where: str) -> list[str]:
    """The languages to check: those asked for, each of which `where` must have, else its target languages
    (tm's own first, in tm's order)."""
    if langs:
        absent = [lang for lang in dict.fromkeys(langs) if lang not in present or lang == SOURCE_LANG]
        if absent:
            has = ", ".join(present) or "none"
            raise InputError(f"{', '.join(absent)}: not a target language of {where} (it has: {has})",
                             option="langs")
        return list(dict.fromkeys(langs))
    chosen = [lang for lang in TARGETS if lang in present] or sorted(present)
    if not chosen:
        raise InputError(f"{where} has no translation to check: only {SOURCE_LANG}")
    return chosen


def _known(document: str, documents: Sequence[str], where: str) -> None:
    if document not in documents:
        shown = ", ".join(list(documents)[:SHOWN]) + (", ..." if len(documents) > SHOWN else "")
        raise InputError(f"{document!r}: no such document in {where} (it has: {shown or 'none'})",
                         option="document")


def _checked(result: CheckResult) -> CheckResult:
    if result.units == 0:
        raise InputError("no unit with English text and a translation to check: nothing checked")
    return result


def render(result: CheckResult, fmt: str, raw: bool = False) -> str:
    return terminology.render(result, fmt, raw)


def save(result: CheckResult, out: str | Path, fmt: str, raw: bool = False) -> Path:
    terminology.write(result, out, fmt, raw)
    return Path(out)
