"""The CAT match percentage, and the difference between a query and a match, shown the way translators read it.

Match % = floor(100 * (1 - d / max(n_query, n_match))), where the texts are cut into tokens (each word, each
punctuation mark; case kept; a run of final punctuation counts as one) and d is the token-level Levenshtein
distance (insert, delete, substitute a token, each costing 1). 100 is reserved for an identical text: two
texts whose tokens are equal but whose spacing differs score 99. The floor keeps a one-token change in a long
clause below 100. This is the measure OmegaT reports as its "token" score and what Trados and Weblate
threshold at 70-75%.

Token sequences are compared by RapidFuzz: each distinct token is mapped to one character, so its C++
string Levenshtein computes the token distance.

What a translator does not count as a change costs SLIGHT (a tenth of a token) instead of 1 (`cat_percent`,
what `tm query` scores with): a token that differs only in case or typography (curly or straight quotes,
hyphen or dash), and a different final punctuation mark. The title typed in lower case is then a 93% match
of the title, and a clause that lost its final full stop 99%.
"""

from __future__ import annotations

import math
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
    """CAT match % of `candidate` for `query` (see the module docstring for the formula and what costs little)."""
    if query == candidate:
        return 100
    return cat_percent(tokens(query), tokens(candidate), coder or TokenCoder())


def percent_of_codes(query_codes: str, candidate_codes: str) -> int:
    """Match % of two encoded token sequences; never 100 (identical texts are caught before)."""
    longest = max(len(query_codes), len(candidate_codes))
    if longest == 0:
        return 0
    distance = Levenshtein.distance(query_codes, candidate_codes)
    return min(99, (100 * (longest - distance)) // longest)


SLIGHT = 0.1
TYPOGRAPHY = str.maketrans({**dict.fromkeys("‘’‚‛′`´", "'"), **dict.fromkeys("“”„‟«»″", '"'),
                            **dict.fromkeys("‐‑‒–—―−", "-")})


def normal_token(token: str) -> str:
    """A token as a translator compares it: case and typographic variants (quotes, dashes) folded."""
    return token.translate(TYPOGRAPHY).casefold()


def _final(words: list[str]) -> int:
    """Where the final punctuation of a token list starts."""
    end = len(words)
    while end > 0 and TOKEN.fullmatch(words[end - 1]) and not words[end - 1][0].isalnum() \
            and words[end - 1][0] != "_":
        end -= 1
    return end


def match_length(words: list[str]) -> int:
    """The tokens a match % counts: a run of final punctuation (an ellipsis, "?!", a list of footnote marks)
    counts as one, as a different one costs SLIGHT as a whole; else "Delete %1" would be an 81% match of
    "fluorescent *, †, ‡, §, ...", its sixteen marks making the length that the one word differs in."""
    end = _final(words)
    return end + (end < len(words))


def cat_percent(query: list[str], candidate: list[str], coder: TokenCoder) -> int:
    """Match % of two token lists, case, typography and final punctuation costing SLIGHT; never 100."""
    q_end, c_end = _final(query), _final(candidate)
    longest = max(q_end + (q_end < len(query)), c_end + (c_end < len(candidate)))  # match_length of each
    if longest == 0:
        return 0
    q_body, c_body = query[:q_end], candidate[:c_end]
    q_codes = coder.encode([normal_token(t) for t in q_body])
    c_codes = coder.encode([normal_token(t) for t in c_body])
    slight = 0
    for op in Levenshtein.opcodes(q_codes, c_codes):
        if op.tag == "equal":
            slight += sum(q != c for q, c in zip(q_body[op.src_start:op.src_end], c_body[op.dest_start:op.dest_end],
                                                 strict=True))
    if query[q_end:] != candidate[c_end:]:
        slight += 1
    cost = Levenshtein.distance(q_codes, c_codes) + SLIGHT * slight
    return min(99, max(0, math.floor(100 * (longest - cost) / longest + 1e-9)))


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
