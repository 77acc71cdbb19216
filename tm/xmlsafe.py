"""The one way `tm` parses XML: no external entities, no DTD loading, no network, no entity expansion.

Every reader (TMX, XLIFF, TBX, SRX) goes through `parser()` / `iterparse()`, so the safety settings live in
one place. A document that declares entities is refused outright: legitimate TMX/XLIFF/TBX never needs them,
and refusing is the only sure defence against billion-laughs style bombs.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from tm.errors import InputError


def parser(**kwargs) -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, **kwargs)


def iterparse(path: str | Path, events=("end",), tag=None):
    """Streaming parse with the same guarantees as `parser()`."""
    return etree.iterparse(
        str(path), events=events, tag=tag, resolve_entities=False, no_network=True, load_dtd=False,
        huge_tree=False, remove_comments=True,
    )


def refuse_entities(tree_or_docinfo, path: str | Path) -> None:
    """Refuse a document whose DTD declares entities (internal or external)."""
    docinfo = getattr(tree_or_docinfo, "docinfo", tree_or_docinfo)
    dtd = docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise InputError("refused: the document declares XML entities", path)


def error_place(exc: etree.XMLSyntaxError) -> str:
    line, column = (exc.position if getattr(exc, "position", None) else (exc.lineno, 0))
    return f"{line}:{column}"


def parse_file(path: str | Path, what: str, **parser_options) -> etree._ElementTree:
    """Parse a whole XML file safely; unreadable, malformed or entity-declaring input becomes one InputError
    naming the file (and, for malformed XML, the line and column), `what` saying what was expected."""
    try:
        tree = etree.parse(str(path), parser(**parser_options))
    except OSError as exc:
        raise InputError(f"cannot read {what} ({exc})", path) from None
    except etree.XMLSyntaxError as exc:
        raise InputError(f"malformed {what} ({exc.msg})", path, error_place(exc)) from None
    refuse_entities(tree, path)
    return tree
