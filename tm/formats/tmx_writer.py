"""Write translation units as TMX 1.4b, the exchange format every CAT tool imports.

The document, its units and their language variants are built by translate-toolkit's `tmxfile`, so the
output is what the wider toolchain (pretranslate, pot2po, Pootle, Weblate) already reads. It falls short in
three places, which we fill in with lxml on the same tree:
- the header: translate-toolkit hard-codes creationtool "Translate Toolkit" and segtype "sentence"; ours
  names `tm` and its version, and segtype "phrase" because our units are clauses, i.e. below the sentence;
- unit attributes (tuid, creationdate, changedate, usagecount) and `<prop>`s (document, clause kind,
  alignment score), which tmxunit has no setters for (only the x-context prop);
- units without the header's source language (a clause with no English counterpart): tmxunit always puts
  its source first, so such a unit gets its own `srclang`, as TMX 1.4 prescribes.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from datetime import datetime, timezone
from pathlib import Path

from lxml import etree
from translate.storage.tmx import tmxfile

from tm import __version__
from tm.fsutil import atomic_write
from tm.records import LANGS, TranslationUnit

TMX_DATE = "%Y%m%dT%H%M%SZ"


def tmx_date(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime(TMX_DATE)


def build_time() -> datetime:
    """Now, unless SOURCE_DATE_EPOCH pins it (reproducible builds give byte-identical memories)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc)
    return datetime.now(timezone.utc).replace(microsecond=0)


def tmx_document(units: Iterable[TranslationUnit], *, srclang: str = "en",
                 langs: Sequence[str] | None = None, now: datetime | None = None,
                 min_variants: int = 2) -> tmxfile:
    """A TMX store holding `units`, restricted to `langs`.

    Units left with fewer than `min_variants` languages are dropped: a bilingual memory has no use for a
    clause without its translation, while the multilingual memory keeps them (min_variants=1) so that no
    clause of the corpus is lost.
    """
    now = now or build_time()
    store = tmxfile(sourcelanguage=srclang)
    _set_header(store, srclang, now)
    order = list(langs or LANGS)
    for unit in units:
        variants = [(lang, unit.variants[lang]) for lang in order if unit.variants.get(lang)]
        variants += [(lang, text) for lang, text in unit.variants.items() if lang not in order and text
                     and langs is None]
        if len(variants) < max(min_variants, 1):
            continue
        _add_unit(store, unit, variants, srclang, now)
    return store


def write_tmx(path: str | Path, units: Iterable[TranslationUnit], *, srclang: str = "en",
              langs: Sequence[str] | None = None, now: datetime | None = None, min_variants: int = 2) -> int:
    """Write `units` to `path` atomically; returns the number of units written."""
    store = tmx_document(units, srclang=srclang, langs=langs, now=now, min_variants=min_variants)
    with atomic_write(path, "wb") as handle:
        handle.write(bytes(store))
    return len(store.units)


def _set_header(store: tmxfile, srclang: str, now: datetime) -> None:
    header = store.document.getroot().find(store.namespaced("header"))
    header.set("creationtool", "tm")
    header.set("creationtoolversion", __version__)
    header.set("segtype", "phrase")
    header.set("srclang", srclang)
    header.set("creationdate", tmx_date(now))


def _add_unit(store: tmxfile, unit: TranslationUnit, variants: list[tuple[str, str]], srclang: str,
              now: datetime) -> None:
    first_lang, first_text = variants[0]
    tu = store.addsourceunit(first_text, first_lang if first_lang != srclang else None)
    for lang, text in variants[1:]:
        tu.settarget(text, lang, append=True)
    element = tu.xmlelement
    if unit.tuid:
        element.set("tuid", unit.tuid)
    element.set("creationdate", tmx_date(unit.created or now))
    if unit.changed:
        element.set("changedate", tmx_date(unit.changed))
    if unit.usage_count:
        element.set("usagecount", str(unit.usage_count))
    props = {"x-document": unit.document, "x-kind": unit.kind,
             "x-score": None if unit.score is None else f"{unit.score:.3f}", "x-origin": unit.origin,
             **unit.props}
    first_tuv = element.find(store.namespaced("tuv"))
    for name, value in props.items():
        if value:
            prop = etree.Element("prop", type=name)
            prop.text = value
            first_tuv.addprevious(prop)
