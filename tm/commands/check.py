"""`tm check`: the memory's translations checked against the glossary, the pre-publication gate."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from tm.commands.common import glossary_path, open_for_reading
from tm.records import LANGS, CheckResult
from tm.report import terminology
from tm.terms.check import check_units
from tm.terms.io import read_glossary


def check(memory: str | None, glossary: str | Path | None, *, langs: Sequence[str] | None = None,
          document: str | None = None) -> CheckResult:
    chosen = list(langs) if langs else [lang for lang in LANGS if lang != "en"]
    terms = read_glossary(glossary_path(glossary))
    with open_for_reading(memory) as store:
        return check_units(store.units(langs=["en", *chosen], document=document), terms, chosen)


def render(result: CheckResult, fmt: str, raw: bool = False) -> str:
    return terminology.render(result, fmt, raw)


def save(result: CheckResult, out: str | Path, fmt: str, raw: bool = False) -> Path:
    terminology.write(result, out, fmt, raw)
    return Path(out)
