"""Read TMX 1.1 to 1.4 as it is found in the wild, streaming, into TranslationUnits.

translate-toolkit reads TMX through `xml:lang` only and loads the whole tree; DGT-TM (UTF-16LE, `lang="LV-01"`,
hundreds of MB per year) and OmegaT's TMX 1.1 exports (`lang=`) need more, so this reader streams with
tm.xmlsafe.iterparse (no entities, no network), accepts both attributes, lets libxml2 detect UTF-8/UTF-16
with or without BOM from the declaration, and normalises codes such as EN-GB and LV-01 to `en` and `lv`.
Inline markup keeps its text (`<hi>`, `<sub>`) and drops native codes (`<bpt>`, `<ept>`, `<ph>`, `<it>`, `<ut>`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from tm.errors import InputError
from tm.formats import ReadTally
from tm.formats.clause_refs import split_clauses
from tm.formats.inline import inline_text as _text
from tm.formats.inline import local_name as _local
from tm.formats.langcodes import primary_code
from tm.formats.xmlstream import stream
from tm.records import TranslationUnit

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DOCUMENT_PROPS = ("x-document", "Txt::Doc. No.")
TMX_DATE = "%Y%m%dT%H%M%SZ"


def read_tmx(path: str | Path, tally: ReadTally | None = None) -> Iterator[TranslationUnit]:
    """Units of a TMX file, one `<tu>` at a time; bad input raises InputError with the line."""
    path = Path(path)
    tally = tally if tally is not None else ReadTally()
    for tu in stream(path, {"tu"}, "tmx", "a TMX file"):
        unit = _unit(tu, path, tally)
        if unit is not None:
            yield unit


def _unit(tu, path: Path, tally: ReadTally) -> TranslationUnit | None:
    variants: dict[str, str] = {}
    for tuv in tu:
        if _local(tuv.tag) != "tuv":
            continue
        code = tuv.get(XML_LANG) or tuv.get("lang")
        if not code:
            raise InputError("<tuv> without xml:lang (or lang)", path, str(tuv.sourceline))
        lang = primary_code(code)
        if lang is None:
            raise InputError(f"unknown language code {code!r}", path, str(tuv.sourceline))
        seg = next((child for child in tuv if _local(child.tag) == "seg"), None)
        text = _text(seg).strip() if seg is not None else ""
        if not text:
            raise InputError(f"empty segment ({code})", path, str(tuv.sourceline))
        if lang in variants:
            tally.dropped[f"a second {lang} variant in one unit (the first kept)"] += 1
            continue
        variants[lang] = text
    if not variants:
        tally.skipped["<tu> without any <tuv>"] += 1
        return None
    props = {prop.get("type", ""): (prop.text or "").strip() for prop in tu if _local(prop.tag) == "prop"}
    document = next((props.pop(name) for name in DOCUMENT_PROPS if name in props), None)
    score = props.pop("x-score", None)
    props, clauses = split_clauses(props)
    return TranslationUnit(
        variants, tuid=tu.get("tuid"), document=document, kind=props.pop("x-kind", None),
        score=_float(score, path, tu), origin=props.pop("x-origin", None),
        created=_date(tu.get("creationdate"), path, tu), changed=_date(tu.get("changedate"), path, tu),
        usage_count=_int(tu.get("usagecount"), path, tu), props=props, clauses=clauses)


TMX_DATE_FORM = re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})T([0-9]{2})([0-9]{2})([0-9]{2})Z")
DECIMAL = re.compile(r"[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")
MAX_COUNT = 2 ** 63 - 1  # what the memory's stores hold (SQLite INTEGER, PostgreSQL bigint)


def _date(value: str | None, path: Path, tu) -> datetime | None:
    """TMX's YYYYMMDDThhmmssZ, exactly: strptime would also take `2023111T...` (one-digit month or day, read
    as the 1st) or non-ASCII digits, which the export would write back differently."""
    if not value:
        return None
    form = TMX_DATE_FORM.fullmatch(value)
    try:
        if form is None:
            raise ValueError
        return datetime(*map(int, form.groups()), tzinfo=UTC)
    except ValueError:
        raise InputError(f"bad TMX date {value!r} (expected YYYYMMDDThhmmssZ)", path, str(tu.sourceline)) from None


def _int(value: str | None, path: Path, tu) -> int:
    if not value:
        return 0
    if not (value.isascii() and value.isdigit()) or int(value) > MAX_COUNT:
        raise InputError(f"bad usagecount {value!r} (expected a whole number from 0 to {MAX_COUNT})", path,
                         str(tu.sourceline))
    return int(value)


def _float(value: str | None, path: Path, tu) -> float | None:
    if not value:
        return None
    score = float(value) if DECIMAL.fullmatch(value) else math.nan  # float() would take "1_0" or "１"
    if not math.isfinite(score):
        raise InputError(f"bad x-score {value!r} (expected a finite number)", path, str(tu.sourceline))
    return score
