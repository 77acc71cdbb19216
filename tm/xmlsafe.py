"""The one way `tm` parses XML: no external entities, no DTD loading, no network, no entity expansion.

Every reader (TMX, XLIFF, TBX, SRX) goes through `parser()` / `iterparse()`, so the safety settings live in
one place. A document that declares entities is refused outright: legitimate TMX/XLIFF/TBX never needs them,
and refusing is the only sure defence against billion-laughs style bombs.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from tm.errors import InputError
from tm.fsutil import READ_LIMIT, open_input


def parser(**kwargs) -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, **kwargs)


def iterparse(source, events=("end",), tag=None):
    """Streaming parse with the same guarantees as `parser()`; `source` is a path or a binary file object
    (tm.fsutil.open_input's, so that the size is bounded)."""
    return etree.iterparse(
        source if hasattr(source, "read") else str(source), events=events, tag=tag, resolve_entities=False, no_network=True, load_dtd=False,
        huge_tree=False, remove_comments=True,
    )


def refuse_entities(tree_or_docinfo, path: str | Path) -> None:
    """Refuse a document whose DTD declares entities (internal or external)."""
    docinfo = getattr(tree_or_docinfo, "docinfo", tree_or_docinfo)
    dtd = docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise InputError("refused: the document declares XML entities", path)


def error_place(exc: etree.XMLSyntaxError) -> str:
    return describe_error(exc)[1]


def describe_error(exc: etree.XMLSyntaxError) -> tuple[str, str]:
    """libxml2's message for the first real error, on one line, and its `line:column`.

    A streaming parse reports its last error (`no element found` at 0:0 after an undeclared entity); the
    error log holds the first, with its true place, so that one is given.
    """
    first = next((entry for entry in getattr(exc, "error_log", None) or ()
                  if entry.level >= etree.ErrorLevels.ERROR and entry.line), None)
    if first is not None:
        message, line, column = first.message, first.line, first.column
    else:
        message = exc.msg or str(exc)
        line, column = exc.position if getattr(exc, "position", None) else (exc.lineno, 0)
    message = re.sub(r", line \d+, column \d+$", "", " ".join((message or "").split()))
    return message or "not well-formed", f"{line}:{column}"


def parse_file(path: str | Path, what: str, limit: int = READ_LIMIT, **parser_options) -> etree._ElementTree:
    """Parse a whole XML file safely; unreadable, malformed or entity-declaring input becomes one InputError
    naming the file (and, for malformed XML, the line and column), `what` saying what was expected. Only a
    regular file of at most `limit` bytes is read."""
    try:
        with open_input(path, limit) as handle:
            tree = etree.parse(handle, parser(**parser_options))
    except OSError as exc:
        raise InputError(f"cannot read {what} ({exc.strerror or exc})", path) from None
    except etree.XMLSyntaxError as exc:
        message, place = describe_error(exc)
        raise InputError(f"malformed {what} ({message})", path, place) from None
    refuse_entities(tree, path)
    return tree
