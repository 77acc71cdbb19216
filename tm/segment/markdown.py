"""The corpus's light Markdown, reduced to blocks of plain text that keep a map back to the source.

A CAT tool's file filter does the same job before segmentation: it yields paragraphs of translatable text
and hides the markup. Keeping the offset of every plain character lets a clause report its exact span in
the source file, so nothing of the source is lost between the corpus and the memory.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ITEM = re.compile(r"[-*+]\s+|\d{1,3}[.)]\s+")


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph or a list item: `plain[i]` comes from `source[offsets[i]]`."""

    start: int
    end: int
    plain: str
    offsets: tuple[int, ...]
    is_item: bool
    all_bold: bool
    marker: str = ""
    """A list item's marker as written ('-', '3.', '2)'), '' for a paragraph."""


def blocks(source: str) -> list[Block]:
    """Paragraphs (separated by blank lines) and list items, in source order."""
    found: list[Block] = []
    group: list[tuple[int, int]] = []  # (start, end) of the lines of the current block
    group_is_item = False

    def close() -> None:
        if group:
            found.append(_block(source, group, group_is_item))
            group.clear()

    pos = 0
    for line in source.splitlines(keepends=True):
        start, content = pos, line.rstrip("\r\n")
        pos += len(line)
        if not content.strip():
            close()
            continue
        is_item = _ITEM.match(content.lstrip()) is not None
        if is_item:
            close()
            group_is_item = True
        elif not group:
            group_is_item = False
        group.append((start, start + len(content)))
    close()
    return found


def _block(source: str, lines: list[tuple[int, int]], is_item: bool) -> Block:
    chars: list[str] = []
    offsets: list[int] = []
    bold = False
    letters = bold_letters = 0
    marker = ""
    for number, (start, end) in enumerate(lines):
        i = start
        while i < end and source[i] in " \t":
            i += 1
        if number == 0 and is_item:
            found = _ITEM.match(source, i)
            marker = found.group().strip()
            i = found.end()
        if chars and chars[-1] != " ":
            chars.append(" ")
            offsets.append(i - 1)
        while i < end:
            c = source[i]
            if source.startswith("**", i):
                bold = not bold
                i += 2
                continue
            if c == "*":
                i += 1
                continue
            if c in " \t":
                if chars and chars[-1] != " ":
                    chars.append(" ")
                    offsets.append(i)
                i += 1
                continue
            chars.append(c)
            offsets.append(i)
            if c.isalnum():
                letters += 1
                bold_letters += bold
            i += 1
    while chars and chars[-1] == " ":
        chars.pop()
        offsets.pop()
    return Block(
        start=lines[0][0], end=lines[-1][1], plain="".join(chars), offsets=tuple(offsets), is_item=is_item,
        all_bold=letters > 0 and bold_letters == letters, marker=marker,
    )


def plain_document(source: str) -> str:
    """The document as a translator's plain-text source: one block per paragraph, blank line between."""
    return "\n\n".join(b.plain for b in blocks(source)) + "\n"
