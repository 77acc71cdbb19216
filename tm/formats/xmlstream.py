"""Streaming reads of large XML exchange files (TMX, XLIFF) through tm.xmlsafe, with one-line errors."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from tm import xmlsafe
from tm.errors import InputError
from tm.formats.inline import forget, local_name


def stream(path: Path, names: set[str], root_name: str, describe: str) -> Iterator[etree._Element]:
    """Each finished element whose local name is in `names`, freed after use; the root must be `root_name`.

    Documents that declare entities are refused before any content is read (no bombs, no external fetches);
    malformed XML and wrong encodings become an InputError with line and column.
    """
    events = xmlsafe.iterparse(path, events=("start", "end"))
    try:
        for event, element in events:
            if event == "start":
                if element.getparent() is None:
                    _check_root(element, path, root_name, describe)
                continue
            if local_name(element.tag) in names:
                yield element
                forget(element)
    except etree.XMLSyntaxError as exc:
        message = (exc.msg or str(exc)).split(", line ")[0].strip()
        raise InputError(f"malformed XML: {message}", path, xmlsafe.error_place(exc)) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path) from None


def _check_root(root, path: Path, root_name: str, describe: str) -> None:
    xmlsafe.refuse_entities(root.getroottree(), path)
    if local_name(root.tag) != root_name:
        raise InputError(f"not {describe} (the root element is <{local_name(root.tag)}>)", path, str(root.sourceline))

