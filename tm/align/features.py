"""What two clauses in different languages can share without a dictionary: numbers, names, cognates, marks.

Each clause becomes a bag of weighted word types; each type carries the *keys* under which it may meet its
counterpart in the other language: its digits, its cognate prefix, and (once learned) its translations. A
question mark meets a question mark.
"""

from __future__ import annotations

import math
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import regex

from tm.align.config import DEFAULT, FeaturesConfig

WORD = regex.compile(r"\p{L}[\p{L}\p{M}]*|\p{N}+")
MARK = regex.compile(r"[?!:;]")
"""Question and exclamation marks, colons and semicolons mostly survive translation (a question stays a
question, a list keeps its colon) and tell a short exclamation or a clause end where words cannot (their
weight: `FeaturesConfig.mark_weight`). Commas, quotes and brackets are moved too freely to help."""


def fold(word: str) -> str:
    """Lower case without diacritics: the cognate key ignores š/s, ä/a, ė/e."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def words(text: str) -> list[str]:
    return WORD.findall(text)


def is_anchor(token: str) -> bool:
    """Structure and glossary keys (`tm.align.anchors`): evidence given, never words to learn."""
    return token[:1] in ("¶", "@")


def marks(text: str) -> list[str]:
    """Each mark as a token numbered by its occurrence ('?1', '?2'), so that two questions meet two."""
    seen: Counter[str] = Counter()
    tokens = []
    for mark in MARK.findall(text):
        seen[mark] += 1
        tokens.append(f"{mark}{seen[mark]}")
    return tokens


def anchor_keys(word: str, config: FeaturesConfig = DEFAULT.features) -> frozenset[str]:
    """Keys a word shares with its translation whatever the language: digits, names and cognate prefixes.

    `word` keeps its case: a short capitalised word (NATO, Riga, Rīga) is a name and matches whole.
    """
    if word.isdigit():
        return frozenset({"#" + (word.lstrip("0") or "0")})
    if len(word) > config.cognate_prefix:
        return frozenset({"~" + fold(word)[:config.cognate_prefix]})
    if len(word) >= config.name_min_chars and word[0].isupper():
        return frozenset({"~" + fold(word)})
    return frozenset()


@dataclass(frozen=True, slots=True)
class Bag:
    """A clause as the aligner sees it: distinct word types (lower case) with their anchor keys and weights,
    and its length in characters."""

    types: tuple[str, ...]
    keys: tuple[frozenset[str], ...]
    weights: tuple[float, ...]
    chars: int


def document_bags(texts: list[str], anchors: Sequence[frozenset[str]] | None = None,
                  config: FeaturesConfig = DEFAULT.features) -> list[Bag]:
    """Bags of words, marks and the caller's anchor keys (`tm.align.anchors`: structure, glossary concepts),
    weighted by inverse document frequency within this text, so that 'the' and 'un' count little."""
    typed: list[dict[str, frozenset[str]]] = []
    known: dict[str, frozenset[str]] = {}
    for k, text in enumerate(texts):
        seen: dict[str, frozenset[str]] = {key: frozenset({key}) for key in (anchors[k] if anchors else ())}
        for word in words(text):
            keys = known.get(word)
            if keys is None:
                keys = known[word] = anchor_keys(word, config)
            seen.setdefault(word.lower(), keys)
        for mark in marks(text):
            seen[mark] = frozenset({"%" + mark})
        typed.append(seen)
    df = Counter(w for types in typed for w in types)
    n = max(len(texts), 1)
    weight = {w: _weight(w, n, count, config.mark_weight) for w, count in df.items()}
    return [Bag(tuple(types), tuple(types.values()), tuple(weight[w] for w in types), len(text))
            for text, types in zip(texts, typed, strict=True)]


def _weight(token: str, n: int, df: int, mark_weight: float) -> float:
    idf = math.log(1.0 + n / df)
    return idf * mark_weight if MARK.match(token) else idf


def merge_pairs(bags: list[Bag]) -> list[Bag]:
    """Neighbouring clauses two by two, for the coarser grid that places the DP's band."""
    merged = []
    for k in range(0, len(bags), 2):
        if k + 1 == len(bags):
            merged.append(bags[k])
            continue
        a, b = bags[k], bags[k + 1]
        entries = dict(zip(a.types, zip(a.keys, a.weights, strict=True), strict=True))
        for word, key, weight in zip(b.types, b.keys, b.weights, strict=True):
            entries.setdefault(word, (key, weight))
        merged.append(Bag(tuple(entries), tuple(e[0] for e in entries.values()), tuple(e[1] for e in entries.values()),
                          a.chars + 1 + b.chars))
    return merged
