"""Clause links in vecalign's text format, `[0, 1]:[0]:0.873`: what `tm align` prints, gold files hold and
published scorers (vecalign's score.py, Bleualign's) read. The one reader and writer of that format."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import regex

from tm.errors import InputError
from tm.formats.plaintext import read_text
from tm.records import Link

_LINE = regex.compile(r"\[([\d,\s]*)\]:\[([\d,\s]*)\](?::([-\d.eE+]+))?")


def parse_links(text: str, path: str | Path | None = None) -> list[Link]:
    """Every non-empty line as a Link; its score when the line has one, else None (gold files have none)."""
    links = []
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line:
            continue
        match = _LINE.fullmatch(line)
        if not match:
            raise InputError(f"not a link in vecalign format: {line!r}", path, str(number))
        src, tgt, score = match.groups()
        links.append(Link(src=_indices(src), tgt=_indices(tgt), score=float(score) if score else None))
    return links


def read_links(path: str | Path) -> list[Link]:
    return parse_links(read_text(path), path)


def format_links(links: Iterable[Link]) -> str:
    """One line per link, with its confidence to three places when it has one."""
    return "".join(f"{link}:{link.score:.3f}\n" if link.score is not None else f"{link}\n" for link in links)


def _indices(side: str) -> tuple[int, ...]:
    return tuple(int(x) for x in side.split(",") if x.strip())


def pairs(links: Iterable[Link]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """The links without their scores, as scorers compare them."""
    return [(link.src, link.tgt) for link in links]
