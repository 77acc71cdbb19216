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
        source if hasattr(source, "read") else str(source), events=events, tag=tag, resolve_entities=False,
        no_network=True, load_dtd=False, huge_tree=False, remove_comments=True,
    )


def refuse_entities(tree_or_docinfo, path: str | Path) -> None:
    """Refuse a document whose DTD declares entities (internal or external)."""
    docinfo = getattr(tree_or_docinfo, "docinfo", tree_or_docinfo)
    dtd = docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise InputError("refused: the document declares XML entities", path)


def describe_error(exc: Exception, error_log=None) -> tuple[str, str] | None:
    """libxml2's message for the first real error, on one line, and its `line:column` (None when there is
    no parse error, only an OSError of the file itself).

    A streaming parse reports its last error (`no element found` at 0:0 after an undeclared entity), and a
    wrong encoding comes as an OSError; the error log holds the first error with its true place, so that one
    is given.
    """
    log = error_log if error_log is not None else getattr(exc, "error_log", None)
    first = next((entry for entry in log or () if entry.level >= etree.ErrorLevels.ERROR and entry.line), None)
    if first is not None:
        message, line, column = first.message, first.line, first.column
    elif isinstance(exc, etree.XMLSyntaxError):
        message = exc.msg or str(exc)
        line, column = exc.position if getattr(exc, "position", None) else (exc.lineno, 0)
    else:
        return None
    message = re.sub(r", line \d+, column \d+$", "", " ".join((message or "").split()))
    return message or "not well-formed", f"{line}:{column}"


def parse_file(path: str | Path, what: str, limit: int = READ_LIMIT, **parser_options) -> etree._ElementTree:
    """Parse a whole XML file safely; unreadable, malformed or entity-declaring input becomes one InputError
    naming the file (and, for malformed XML, the line and column), `what` saying what was expected. Only a
    regular file of at most `limit` bytes is read."""
    safe = parser(**parser_options)
    try:
        with open_input(path, limit) as handle:
            tree = etree.parse(handle, safe)
    except (OSError, etree.XMLSyntaxError) as exc:
        described = describe_error(exc, safe.error_log)
        if described is None:
            raise InputError(f"cannot read {what} ({getattr(exc, 'strerror', None) or exc})", path) from None
        raise InputError(f"malformed {what} ({described[0]})", path, described[1]) from None
    refuse_entities(tree, path)
    return tree
