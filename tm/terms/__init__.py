"""Terminology: the shared glossary (TBX v3/v2, CSV/TSV) and the inflection-aware consistency check.

`check_units(units, glossary, langs) -> CheckResult` is the check (pure: no I/O); `read_glossary` /
`write_glossary` the formats. Loaded on first use, so that `tm glossary list` does not load the analysers.
"""

from __future__ import annotations

from importlib import import_module

_EXPORTS = {
    "check_units": "tm.terms.check", "Checker": "tm.terms.check", "CheckResult": "tm.records",
    "Finding": "tm.records", "Glossary": "tm.terms.glossary", "read_glossary": "tm.terms.io",
    "read_glossaries": "tm.terms.io", "write_glossary": "tm.terms.io",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'tm.terms' has no attribute {name!r}")
