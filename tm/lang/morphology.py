"""Stems for inflection-tolerant matching, from offline libraries (no hand-written inflection tables).

Snowball (PyStemmer) covers English, Estonian and Lithuanian; Latvian has no Snowball stemmer, so it uses
LatvianStemmer. One `Stemmer` per language; cached per word because running text repeats itself.
"""

from __future__ import annotations

import re
from functools import lru_cache

import LatvianStemmer
import Stemmer as snowball

_SNOWBALL = {"en": "english", "et": "estonian", "lt": "lithuanian"}
WORD = re.compile(r"\w+(?:[-'’]\w+)*", re.UNICODE)


class Stemmer:
    """Reduces a word to a stem that its inflected forms share (case-folded, diacritics kept)."""

    def __init__(self, lang: str):
        self.lang = lang
        if lang in _SNOWBALL:
            self._stem = snowball.Stemmer(_SNOWBALL[lang]).stemWord
        elif lang == "lv":
            self._stem = LatvianStemmer.stem
        else:
            self._stem = lambda word: word
        self.stem = lru_cache(maxsize=200_000)(self._stem_folded)

    def _stem_folded(self, word: str) -> str:
        return self._stem(word.casefold())

    def stems(self, text: str) -> list[str]:
        return [self.stem(w) for w in WORD.findall(text)]


def tokens(text: str) -> list[str]:
    """Word tokens of a text (hyphenated compounds and apostrophes kept whole)."""
    return WORD.findall(text)
