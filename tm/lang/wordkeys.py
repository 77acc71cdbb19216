"""Keys under which an inflected word meets its dictionary form: stems and lemmas from offline libraries.

A word and a glossary term word match when they share a key. Keys come from the Snowball / LatvianStemmer stem
(`tm.lang.morphology.Stemmer`), the simplemma lemma, and Hunspell stems where a Hunspell binding and the
language's dictionary are installed (optional: `chunspell` or `hunspell` with Debian's hunspell-lv/-lt). No
inflection tables of our own. Estonian writes compounds as one word, so for Estonian the tails of a word
(`reguleer|poldi`) also give keys, used to find a term as the head of a compound.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import simplemma
from simplemma import Lemmatizer
from simplemma.strategies import DictionaryLookupStrategy

from tm.lang.morphology import Stemmer

COMPOUNDING = frozenset({"et"})
"""Languages that write compounds as one word, so a term can be the head (last part) of a longer word."""

MIN_HEAD = 4
"""Shortest compound head tried: shorter tails (`-ia`, `-ine`) are suffixes far more often than words."""

MIN_MODIFIER = 3
"""Shortest first part of a compound."""

HUNSPELL_DIRS = (Path("/usr/share/hunspell"), Path("/usr/share/myspell/dicts"))
HUNSPELL_NAMES = {"lv": "lv_LV", "lt": "lt_LT", "et": "et_EE"}


def hunspell_for(lang: str):
    """A Hunspell object for `lang` when a binding and a dictionary are installed, else None."""
    name = HUNSPELL_NAMES.get(lang)
    folder = next((d for d in HUNSPELL_DIRS if name and (d / f"{name}.dic").is_file()), None)
    if folder is None:
        return None
    try:
        from chunspell import Hunspell  # type: ignore[import-not-found]
    except ImportError:
        try:
            from hunspell import Hunspell  # type: ignore[import-not-found,no-redef]
        except ImportError:
            return None
    try:
        return Hunspell(name, hunspell_data_dir=str(folder))
    except Exception:  # a broken dictionary must not stop a check: the other backends still answer
        return None


def _has_lemmas(lang: str) -> bool:
    try:
        simplemma.lemmatize("a", lang=lang)
    except (ValueError, KeyError, OSError):
        return False
    return True


class WordKeys:
    """The keys of a word in one language (case-folded, diacritics kept), cached: running text repeats itself."""

    def __init__(self, lang: str, hunspell: bool = True):
        self.lang = lang
        self.compounding = lang in COMPOUNDING
        self.stemmer = Stemmer(lang)
        self._lemma_lang = lang if _has_lemmas(lang) else None
        # Dictionary lookup only: simplemma's default affix guessing maps compounds to their first part
        # (`mootoriõli` -> `mootor`), which would make 'engine oil' match 'engine'.
        self._lemmatizer = Lemmatizer(lemmatization_strategy=DictionaryLookupStrategy())
        self._hunspell = hunspell_for(lang) if hunspell else None
        self.keys = lru_cache(maxsize=200_000)(self._keys)
        self.head_keys = lru_cache(maxsize=200_000)(self._head_keys)
        self.same_compound = lru_cache(maxsize=200_000)(self._same_compound)

    @property
    def backends(self) -> list[str]:
        names = ["snowball" if self.lang != "lv" else "latvianstemmer"]
        if self._lemma_lang:
            names.append("simplemma")
        if self._hunspell is not None:
            names.append("hunspell")
        return names

    def canonical(self, word: str) -> str:
        """One key to group a word's forms by: the stem of its dictionary lemma (of the word itself when the
        dictionary does not know it), so that `jungtinio` and `JUNGTINIS` fall together."""
        folded = word.casefold()
        if self._lemma_lang:
            folded = self._lemmatizer.lemmatize(folded, self._lemma_lang).casefold()
        return self.stemmer.stem(folded)

    def term_keys(self, word: str) -> frozenset[str]:
        """Keys of a glossary term's word (in dictionary form): the same as any word's."""
        return self.keys(word)

    def _keys(self, word: str) -> frozenset[str]:
        folded = word.casefold()
        keys = {folded, self.stemmer.stem(folded)}
        if self._lemma_lang:
            keys.add(self._lemmatizer.lemmatize(folded, self._lemma_lang).casefold())
        if self._hunspell is not None:
            try:
                keys.update(s.casefold() for s in self._hunspell.stem(word))
            except UnicodeError:  # a word the dictionary's 8-bit encoding cannot spell (Greek, Cyrillic)
                pass
        if "-" in folded:  # an inflected abbreviation or name: NATO-ga, ELi is unhyphenated
            base, _, ending = folded.rpartition("-")
            if len(ending) <= 4 and base:
                keys |= self.keys(base)
        return frozenset(keys)

    def _head_keys(self, word: str) -> frozenset[str]:
        """Keys of the word's possible compound heads (`reguleerpoldi` -> keys of `poldi`, `oldi`...)."""
        if self.lang not in COMPOUNDING:
            return frozenset()
        folded = word.casefold()
        keys: set[str] = set()
        for cut in range(MIN_MODIFIER, len(folded) - MIN_HEAD + 1):
            keys |= self.keys(folded[cut:])
        return frozenset(keys)

    def _same_compound(self, term_word: str, word: str) -> bool:
        """Whether `word` is `term_word` with its head inflected: the same first part, heads sharing a key
        (`ketasrootor` / `ketasrootori`, `pingutuspolt` / `pingutuspoldid`). Compounds are rarely in the
        lemma dictionaries, their heads are."""
        if self.lang not in COMPOUNDING:
            return False
        term_word, word = term_word.casefold(), word.casefold()
        common = 0
        for a, b in zip(term_word, word):
            if a != b:
                break
            common += 1
        for cut in range(MIN_MODIFIER, common + 1):
            if len(term_word) - cut >= MIN_HEAD and len(word) - cut >= MIN_HEAD and \
                    self.keys(term_word[cut:]) & self.keys(word[cut:]):
                return True
        return False
