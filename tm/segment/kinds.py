"""Clause kinds from the shape of a resolution, not from its words, so one rule serves every language.

A resolution is: title lines; the opening formula ("The Baltic Assembly,"); preamble clauses; the
"calls on ...:" formula; then operative clauses in lists, grouped under "regarding ...:" headings; and a
closing place and date.
"""

from __future__ import annotations

from tm.records import ClauseKind
from tm.segment.markdown import Block


def block_kinds(blocks: list[Block]) -> list[ClauseKind]:
    kinds: list[ClauseKind] = []
    lead = 0
    while lead < len(blocks) and blocks[lead].all_bold and not blocks[lead].is_item:
        lead += 1
    if lead >= 2 and lead < len(blocks):
        kinds += ["title"] * (lead - 1) + ["formula"]
    else:
        kinds += ["title"] * lead
    in_preamble = True
    for block in blocks[len(kinds):]:
        ends_colon = block.plain.endswith(":")
        if in_preamble:
            if ends_colon and not block.is_item:
                kinds.append("formula")
                in_preamble = False
            else:
                kinds.append("preamble")
        elif block.is_item:
            kinds.append("operative")
        elif ends_colon:
            kinds.append("heading")
        else:
            kinds.append("other")
    return kinds
