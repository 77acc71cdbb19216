"""Read XLIFF 1.2 and 2.0 (the bilingual files CAT tools exchange) into translation units, streaming.

1.2: <file source-language target-language original> holding <trans-unit resname><source><target state>;
2.0: <xliff srcLang trgLang> holding <file original><unit name><segment state><source><target>, a unit's
segments joined into one text. The document is the file's `original`; the unit id is `resname` (1.2) or
`name` (2.0), since `id` is only a position within the file. Units still to be translated (no target, an empty
one, or state new / needs-translation / initial) are skipped and counted.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from tm.errors import InputError
from tm.formats import ReadTally
from tm.formats.inline import inline_text, local_name
from tm.formats.langcodes import primary_code
from tm.formats.readers import refuse_controls
from tm.formats.xmlstream import stream
from tm.records import TranslationUnit

UNTRANSLATED = {"new", "needs-translation", "initial"}


def read_xliff(path: str | Path, tally: ReadTally | None = None) -> Iterator[TranslationUnit]:
    path = Path(path)
    tally = tally if tally is not None else ReadTally()
    for element in stream(path, {"trans-unit", "unit"}, "xliff", "an XLIFF file"):
        root = element.getroottree().getroot()
        version = root.get("version", "")
        if version.startswith("2") and local_name(element.tag) == "unit":
            unit = _unit_v2(element, root, path, tally)
        elif not version.startswith("2") and local_name(element.tag) == "trans-unit":
            unit = _unit_v1(element, path, tally)
        else:
            continue
        if unit is not None:
            yield unit


def _file(element, path: Path):
    """The <file> holding a unit (its languages, its `original`), checked as the unit itself is."""
    file = next((a for a in element.iterancestors() if local_name(a.tag) == "file"), None)
    if file is None:
        raise InputError(f"<{local_name(element.tag)}> outside a <file>", path, str(element.sourceline))
    for name, value in file.attrib.items():
        refuse_controls(value, path, str(file.sourceline), f" in the attribute {local_name(name)}")
    return file


def _unit_v1(element, path: Path, tally: ReadTally) -> TranslationUnit | None:
    file = _file(element, path)
    src = _lang(file.get("source-language"), "source-language", path, file)
    source = _child(element, "source")
    target = _child(element, "target")
    if target is not None and target.get("state") in UNTRANSLATED:
        target = None
    variants = {src: _required_text(source, path, element)}
    if target is not None and inline_text(target).strip():
        tgt_code = target.get("{http://www.w3.org/XML/1998/namespace}lang") or file.get("target-language")
        variants[_lang(tgt_code, "target-language", path, file)] = inline_text(target).strip()
    elif file.get("target-language"):
        tally.skipped["untranslated unit"] += 1
        return None
    return TranslationUnit(variants, tuid=element.get("resname"), document=file.get("original"))


def _unit_v2(element, root, path: Path, tally: ReadTally) -> TranslationUnit | None:
    file = _file(element, path)
    src = _lang(root.get("srcLang"), "srcLang", path, root)
    sources, targets = [], []
    for segment in element:
        if local_name(segment.tag) not in ("segment", "ignorable"):
            continue
        sources.append(inline_text(_child(segment, "source")) if _child(segment, "source") is not None else "")
        target = _child(segment, "target")
        if target is not None and segment.get("state") not in UNTRANSLATED:
            targets.append(inline_text(target))
    source = "".join(sources).strip()
    if not source:
        raise InputError("empty <source>", path, str(element.sourceline))
    variants = {src: source}
    target_text = "".join(targets).strip()
    if target_text:
        variants[_lang(root.get("trgLang"), "trgLang", path, root)] = target_text
    elif root.get("trgLang"):
        tally.skipped["untranslated unit"] += 1
        return None
    return TranslationUnit(variants, tuid=element.get("name"), document=file.get("original"))


def _child(element, name: str):
    return next((child for child in element if local_name(child.tag) == name), None)


def _required_text(source, path: Path, element) -> str:
    text = inline_text(source).strip() if source is not None else ""
    if not text:
        raise InputError("empty <source>", path, str(element.sourceline))
    return text


def _lang(code: str | None, attribute: str, path: Path, element) -> str:
    if not code:
        raise InputError(f"no {attribute} attribute", path, str(element.sourceline))
    lang = primary_code(code)
    if lang is None:
        raise InputError(f"unknown language code {code!r}", path, str(element.sourceline))
    return lang
