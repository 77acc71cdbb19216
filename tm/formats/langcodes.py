"""Language codes as found in the wild (EN-GB, LV-01, et_EE, lang="ET") reduced to the BCP 47 primary code.

A memory keys its variants by the primary language subtag only: a translator querying `lv` wants the Latvian
of DGT (`LV-01`), of OmegaT (`LV`) and of LibreOffice (`lv`) alike. Which codes are languages is taken from
translate-toolkit's language table rather than a list of our own.
"""

from __future__ import annotations

import re

from translate.lang import data as _language_data

_SUBTAGS = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*")
KNOWN: frozenset[str] = frozenset(code.split("_")[0].split("-")[0].lower() for code in _language_data.languages)


def primary_code(code: str) -> str | None:
    """The lower-case primary subtag of `code`, or None when it is no known language."""
    code = (code or "").strip()
    if not _SUBTAGS.fullmatch(code):
        return None
    primary = re.split(r"[-_]", code)[0].lower()
    return primary if primary in KNOWN else None


def parse_langs(value: str | None) -> list[str] | None:
    """A comma-separated list given on the command line (`en,lv`), each normalised; ValueError names a bad one."""
    if not value:
        return None
    langs = []
    for part in value.split(","):
        code = primary_code(part)
        if code is None:
            raise ValueError(f"unknown language code {part.strip()!r}")
        langs.append(code)
    return langs
