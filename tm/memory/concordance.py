"""Concordance: where a word or phrase occurs in the memory, with the units' aligned translations.

Candidates come from the same trigram index as fuzzy lookup (a unit must hold every trigram of the phrase),
then each candidate is verified on its text. Exact mode matches the phrase case-insensitively between word
boundaries. Inflection-tolerant mode (for et, lv, lt, whose nouns take a dozen case endings) matches the
same sequence of stems (tm.lang.morphology.Stemmer): `parlamendi` finds `parlamendil` and `parlamentide`.
Its candidates need only the trigrams of each stem minus its last letter, since a stemmer may rewrite the
end of a word (English `happy` -> `happi`) but keeps what comes before.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from tm.errors import InputError
from tm.lang.morphology import WORD, Stemmer
from tm.memory.ngram_index import NgramIndex, query_grams
from tm.memory.query import Indexes, load_index
from tm.memory.store import Store
from tm.records import TranslationUnit

BATCH = 200


@dataclass(frozen=True)
class Hit:
    key: int
    unit: TranslationUnit
    text: str
    start: int
    end: int


class Concordance:
    """Finds a phrase in one language of a store, exactly or by stems."""

    def __init__(self, store: Store, lang: str, index: NgramIndex | Indexes | None = None):
        self.store, self.lang = store, lang
        self.index = index if index is not None else load_index(store, lang)
        self.stemmer = Stemmer(lang)

    def find(self, phrase: str, *, stems: bool = False, langs: list[str] | None = None,
             limit: int = 20) -> tuple[list[Hit], bool]:
        """Up to `limit` hits in memory order, and whether there are more."""
        words = WORD.findall(phrase)
        if not words:
            raise InputError(f"nothing to search for in {phrase!r} (no word)")
        keys = self._candidates(phrase, words, stems)
        locate = self._stem_locator(words) if stems else self._exact_locator(words)
        hits: list[Hit] = []
        for key, unit in self._units(keys, [self.lang, *(langs or [])]):
            text = unit.variants.get(self.lang, "")
            span = locate(text)
            if span is None:
                continue
            if len(hits) == limit:
                return hits, True
            hits.append(Hit(key, unit, text, *span))
        return hits, False

    def _candidates(self, phrase: str, words: list[str], stems: bool) -> np.ndarray:
        """Units that may hold the phrase. A phrase too short to hold a trigram (`EU`, `ja`) filters nothing:
        every unit is a candidate, checked on its text in memory order until the limit is reached."""
        if stems:
            parts = [self.stemmer.stem(word) for word in words]
            grams = [query_grams(part[:-1] if len(part) > 3 else part, boundaries=False) for part in parts]
        else:
            grams = [query_grams(phrase, boundaries=False)]
        grams = [g for g in grams if g.size]
        if not grams:
            return np.unique(self.index.keys)  # sorted, each once (an edited unit is in two parts of it)
        return self.index.phrase_candidates(np.concatenate(grams))

    def _units(self, keys: np.ndarray, langs: list[str]) -> Iterator[tuple[int, TranslationUnit]]:
        for start in range(0, len(keys), BATCH):
            batch = keys[start:start + BATCH].tolist()
            units = self.store.fetch(batch, langs)
            yield from ((key, units[key]) for key in batch if key in units)

    @staticmethod
    def _exact_locator(words: list[str]):
        pattern = re.compile(r"(?<!\w)" + r"\W+".join(map(re.escape, words)) + r"(?!\w)", re.IGNORECASE)

        def locate(text: str) -> tuple[int, int] | None:
            found = pattern.search(text)
            return found.span() if found else None

        return locate

    def _stem_locator(self, words: list[str]):
        wanted = [self.stemmer.stem(word) for word in words]

        def locate(text: str) -> tuple[int, int] | None:
            spans = [m.span() for m in WORD.finditer(text)]
            stems = [self.stemmer.stem(text[a:b]) for a, b in spans]
            for i in range(len(stems) - len(wanted) + 1):
                if stems[i:i + len(wanted)] == wanted:
                    return spans[i][0], spans[i + len(wanted) - 1][1]
            return None

        return locate


def keyword_in_context(hit: Hit, width: int = 40, colour: bool = False) -> str:
    """One line: left context right-aligned, the occurrence marked, right context (spacing as in the text)."""
    before, after = hit.text[:hit.start], hit.text[hit.end:]
    left, right = " ".join(before.split()), " ".join(after.split())
    left = ("…" + left[-(width - 1):]) if len(left) > width else left
    right = (right[:width - 1] + "…") if len(right) > width else right
    left += " " if before[-1:].isspace() else ""
    right = (" " if after[:1].isspace() else "") + right
    word = hit.text[hit.start:hit.end]
    marked = f"\033[1;33m{word}\033[0m" if colour else f"[{word}]"
    return f"{left:>{width + 1}}{marked}{right}".rstrip()
