"""Streaming reads of large XML exchange files (TMX, XLIFF) through tm.xmlsafe, with one-line errors."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from tm import xmlsafe
from tm.errors import InputError
from tm.formats.inline import forget, local_name
from tm.formats.readers import refuse_controls_in_element
from tm.fsutil import STREAM_LIMIT, open_input


def stream(path: Path, names: set[str], root_name: str, describe: str) -> Iterator[etree._Element]:
    """Each finished element whose local name is in `names`, freed after use; the root must be `root_name`.

    Documents that declare entities are refused before any content is read (no bombs, no external fetches);
    malformed XML and wrong encodings become an InputError with line and column; only a regular file of at
    most tm.fsutil.STREAM_LIMIT bytes is read; an element holding a control character is refused
    (tm.formats.readers.refuse_controls_in_element) before its reader sees it.
    """
    events = None
    try:
        with open_input(path, STREAM_LIMIT) as handle:
            events = xmlsafe.iterparse(handle, events=("start", "end"))
            for event, element in events:
                if event == "start":
                    if element.getparent() is None:
                        _check_root(element, path, root_name, describe)
                    continue
                if local_name(element.tag) in names:
                    refuse_controls_in_element(element, path)
                    yield element
                    forget(element)
    except etree.XMLSyntaxError as exc:  # the parse's own log: the exception's may hold earlier parses' errors
        described = xmlsafe.describe_error(exc, events.error_log if events is not None else None)
        message, place = described or ("not well-formed", None)
        raise InputError(f"malformed XML: {message}", path, place) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path) from None


def _check_root(root, path: Path, root_name: str, describe: str) -> None:
    xmlsafe.refuse_entities(root.getroottree(), path)
    if local_name(root.tag) != root_name:
        raise InputError(f"not {describe} (the root element is <{local_name(root.tag)}>)", path, str(root.sourceline))

