"""The CAT match percentage, and the difference between a query and a match, shown the way translators read it.

Match % = floor(100 * (1 - d / max(n_query, n_match))), where the texts are cut into tokens (each word, each
punctuation mark; case kept) and d is the token-level Levenshtein distance (insert, delete, substitute a
token, each costing 1). 100 is reserved for an identical text: two texts whose tokens are equal but whose
spacing differs score 99. The floor keeps a one-token change in a long clause below 100. This is the measure
OmegaT reports as its "token" score and what Trados and Weblate threshold at 70-75%.

Token sequences are compared by RapidFuzz: each distinct token is mapped to one character, so its C++
string Levenshtein computes the token distance.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

TOKEN = re.compile(r"\w+|[^\w\s]", re.UNICODE)
_SURROGATES = range(0xD800, 0xE000)


def tokens(text: str) -> list[str]:
    return TOKEN.findall(text)


class TokenCoder:
    """Gives every distinct token one character, so that token sequences become short strings."""

    def __init__(self):
        self._codes: dict[str, str] = {}

    def encode(self, words: list[str]) -> str:
        codes = self._codes
        out = []
        for word in words:
            code = codes.get(word)
            if code is None:
                number = 0x100 + len(codes)
                if number >= _SURROGATES.start:
                    number += len(_SURROGATES)
                code = codes[word] = chr(number)
            out.append(code)
        return "".join(out)


def match_percent(query: str, candidate: str, coder: TokenCoder | None = None) -> int:
    """CAT match % of `candidate` for `query` (see the module docstring for the formula)."""
    if query == candidate:
        return 100
    coder = coder or TokenCoder()
    return percent_of_codes(coder.encode(tokens(query)), coder.encode(tokens(candidate)))


def percent_of_codes(query_codes: str, candidate_codes: str) -> int:
    """Match % of two encoded token sequences; never 100 (identical texts are caught before)."""
    longest = max(len(query_codes), len(candidate_codes))
    if longest == 0:
        return 0
    distance = Levenshtein.distance(query_codes, candidate_codes)
    return min(99, (100 * (longest - distance)) // longest)


@dataclass(frozen=True)
class Change:
    """A piece of a match's source: `gap` (spacing) then text kept, or `old` (in the match) changed to `new`."""

    gap: str = ""
    kept: str = ""
    old: str = ""
    new: str = ""


def differences(query: str, candidate: str) -> list[Change]:
    """The memory source in pieces, kept or changed, turning it into the query token by token."""
    q_spans = [m.span() for m in TOKEN.finditer(query)]
    c_spans = [m.span() for m in TOKEN.finditer(candidate)]
    coder = TokenCoder()
    q_codes = coder.encode([query[a:b] for a, b in q_spans])
    c_codes = coder.encode([candidate[a:b] for a, b in c_spans])
    pieces: list[Change] = []
    position = 0
    for op in Levenshtein.opcodes(c_codes, q_codes):
        new = _slice(query, q_spans, op.dest_start, op.dest_end)
        if op.src_start == op.src_end:  # an insertion: the query has words the match lacks
            pieces.append(Change(gap=" " if position else "", new=new))
            continue
        start, end = c_spans[op.src_start][0], c_spans[op.src_end - 1][1]
        gap, old = candidate[position:start], candidate[start:end]
        pieces.append(Change(gap=gap, kept=old) if op.tag == "equal" else Change(gap=gap, old=old, new=new))
        position = end
    return pieces


def _slice(text: str, spans: list[tuple[int, int]], first: int, end: int) -> str:
    return text[spans[first][0]:spans[end - 1][1]] if first < end else ""


def render_differences(pieces: list[Change], colour: bool) -> str:
    """Plain markers `[-old-]{+new+}` (as wdiff does), or struck-out red and green on a terminal."""
    out = []
    for piece in pieces:
        out.append(piece.gap)
        if piece.kept:
            out.append(piece.kept)
        elif colour:
            out.append((f"\033[9;31m{piece.old}\033[0m" if piece.old else "")
                       + (f"\033[32m{piece.new}\033[0m" if piece.new else ""))
        else:
            out.append((f"[-{piece.old}-]" if piece.old else "") + (f"{{+{piece.new}+}}" if piece.new else ""))
    return "".join(out)
