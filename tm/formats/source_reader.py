"""The source side of a job file a CAT tool sends (XLIFF 1.2 / 2.0, PO/POT), in file order.

Unlike `tm import`, which wants finished pairs for the memory, a new job is mostly untranslated: every unit's
source is read, whatever its state, so that `tm analyze` and `tm pretranslate` see the whole text.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polib

from tm import xmlsafe
from tm.errors import InputError
from tm.formats.inline import inline_text, local_name


@dataclass(frozen=True, slots=True)
class SourceUnit:
    """One translatable source text of a job file: its document (file `original`, else the file's stem), its
    id in the file, and its text."""

    document: str
    id: str
    text: str


def read_sources(path: str | Path) -> list[SourceUnit]:
    """The sources of an XLIFF (.xlf, .xliff) or PO/POT file, in order; empty sources left out."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".xlf", ".xliff"):
        return _xliff(path)
    if suffix in (".po", ".pot"):
        return _po(path)
    raise InputError(f"not a job file tm reads ({suffix or 'no extension'}: expected .xlf, .xliff, .po, .pot)", path)


def _xliff(path: Path) -> list[SourceUnit]:
    root = xmlsafe.parse_file(path, "XLIFF").getroot()
    if local_name(root.tag) != "xliff":
        raise InputError(f"not an XLIFF file (the root element is <{local_name(root.tag)}>)", path)
    v2 = root.get("version", "").startswith("2")
    found = []
    for file in (e for e in root.iter() if local_name(e.tag) == "file"):
        document = file.get("original") or path.stem
        for unit in (e for e in file.iter() if local_name(e.tag) == ("unit" if v2 else "trans-unit")):
            if v2:
                text = "".join(inline_text(s) for seg in unit if local_name(seg.tag) in ("segment", "ignorable")
                               for s in seg if local_name(s.tag) == "source")
                uid = unit.get("name") or unit.get("id") or ""
            else:
                source = next((c for c in unit if local_name(c.tag) == "source"), None)
                text = inline_text(source) if source is not None else ""
                uid = unit.get("resname") or unit.get("id") or ""
            if text.strip():
                found.append(SourceUnit(document, uid, " ".join(text.split())))
    return found


def _po(path: Path) -> list[SourceUnit]:
    try:
        catalogue = polib.pofile(str(path), encoding="utf-8")
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        raise InputError(f"not a readable PO file: {str(exc).splitlines()[0] if str(exc) else exc}", path) from None
    return [SourceUnit(entry.occurrences[0][0] if entry.occurrences else path.stem, entry.msgctxt or str(n),
                       entry.msgid)
            for n, entry in enumerate(catalogue, 1) if entry.msgid and not entry.obsolete]
