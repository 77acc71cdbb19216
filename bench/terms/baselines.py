"""What the QA tools in use do, as word analysers for the same matcher, so only the matching rule differs.

- exact: the term's words in exactly the glossary's form (case-insensitive), as Xbench and Okapi CheckMate;
- prefix50: each word of the text starts with the first half of the term's word, memoQ's default fuzzy
  term matching.
"""

from __future__ import annotations

from functools import lru_cache
from math import ceil


class ExactKeys:
    compounding = False

    def __init__(self, lang: str):
        self.lang = lang

    @staticmethod
    @lru_cache(maxsize=200_000)
    def keys(word: str) -> frozenset[str]:
        return frozenset({word.casefold()})

    def term_keys(self, word: str) -> frozenset[str]:
        return self.keys(word)


class Prefix50Keys(ExactKeys):
    @staticmethod
    @lru_cache(maxsize=200_000)
    def keys(word: str) -> frozenset[str]:
        folded = word.casefold()
        return frozenset(folded[:n] for n in range(1, len(folded) + 1))

    def term_keys(self, word: str) -> frozenset[str]:
        folded = word.casefold()
        return frozenset({folded[:max(1, ceil(len(folded) / 2))]})
