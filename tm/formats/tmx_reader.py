"""Read TMX 1.1 to 1.4 as it is found in the wild, streaming, into TranslationUnits.

translate-toolkit reads TMX through `xml:lang` only and loads the whole tree; DGT-TM (UTF-16LE, `lang="LV-01"`,
hundreds of MB per year) and OmegaT's TMX 1.1 exports (`lang=`) need more, so this reader streams with
tm.xmlsafe.iterparse (no entities, no network), accepts both attributes, lets libxml2 detect UTF-8/UTF-16
with or without BOM from the declaration, and normalises codes such as EN-GB and LV-01 to `en` and `lv`.
Inline markup keeps its text (`<hi>`, `<sub>`) and drops native codes (`<bpt>`, `<ept>`, `<ph>`, `<it>`, `<ut>`).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

from lxml import etree

from tm import xmlsafe
from tm.errors import InputError
from tm.formats import ReadTally
from tm.formats.langcodes import primary_code
from tm.records import TranslationUnit

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
CODES = {"bpt", "ept", "ph", "it", "ut"}
DOCUMENT_PROPS = ("x-document", "Txt::Doc. No.")
TMX_DATE = "%Y%m%dT%H%M%SZ"


def read_tmx(path: str | Path, tally: ReadTally | None = None) -> Iterator[TranslationUnit]:
    """Units of a TMX file, one `<tu>` at a time; bad input raises InputError with the line."""
    path = Path(path)
    tally = tally if tally is not None else ReadTally()
    events = xmlsafe.iterparse(path, events=("start", "end"))
    try:
        for event, element in events:
            if event == "start":
                if element.getparent() is None:
                    _check_root(element, path)
                continue
            if _local(element.tag) == "tu":
                unit = _unit(element, path, tally)
                if unit is not None:
                    yield unit
                _forget(element)
    except etree.XMLSyntaxError as exc:
        raise InputError(f"malformed XML: {_message(exc)}", path, xmlsafe.error_place(exc)) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path) from None


def _check_root(root, path: Path) -> None:
    xmlsafe.refuse_entities(root.getroottree(), path)
    if _local(root.tag) != "tmx":
        raise InputError(f"not a TMX file (the root element is <{_local(root.tag)}>)", path, str(root.sourceline))


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
    return TranslationUnit(
        variants, tuid=tu.get("tuid"), document=document, kind=props.pop("x-kind", None),
        score=_float(score, path, tu), origin=props.pop("x-origin", None),
        created=_date(tu.get("creationdate"), path, tu), changed=_date(tu.get("changedate"), path, tu),
        usage_count=_int(tu.get("usagecount"), path, tu), props=props)


def _text(element) -> str:
    """The translatable text of a <seg>: native codes dropped, highlighted text kept."""
    parts = [element.text or ""]
    for child in element:
        if _local(child.tag) not in CODES:
            parts.append(_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _forget(element) -> None:
    """Free what has been read, so memory stays flat on files of any size."""
    element.clear(keep_tail=True)
    parent = element.getparent()
    while parent is not None and element.getprevious() is not None:
        del parent[0]


def _local(tag) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _date(value: str | None, path: Path, tu) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.strptime(value, TMX_DATE).replace(tzinfo=timezone.utc)
    except ValueError:
        raise InputError(f"bad TMX date {value!r} (expected YYYYMMDDThhmmssZ)", path, str(tu.sourceline)) from None


def _int(value: str | None, path: Path, tu) -> int:
    if not value:
        return 0
    if not value.isdigit():
        raise InputError(f"bad usagecount {value!r}", path, str(tu.sourceline))
    return int(value)


def _float(value: str | None, path: Path, tu) -> float | None:
    if not value:
        return None
    try:
        return float(value)
    except ValueError:
        raise InputError(f"bad x-score {value!r}", path, str(tu.sourceline)) from None


def _message(exc: etree.XMLSyntaxError) -> str:
    message = exc.msg or str(exc)
    return message.split(", line ")[0].strip()
