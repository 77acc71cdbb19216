"""Keys under which an inflected word meets its dictionary form: stems and lemmas from offline libraries.

A word and a glossary term word match when they share a key. Keys come from the Snowball / LatvianStemmer stem
(`tm.lang.morphology.Stemmer`), the simplemma dictionary lemma, and, where installed, Hunspell stems (lv, lt:
`chunspell` with Debian's hunspell-lv/-lt) and Vabamorf lemmas (et: `tm.lang.vabamorf`). No inflection tables
of our own. Estonian writes compounds as one word, so a term may stand inside a word: `part_keys` gives the
keys of a compound's parts (with Vabamorf its heads and first parts; without, the tails a head may be).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import simplemma
from simplemma import Lemmatizer
from simplemma.strategies import DictionaryLookupStrategy

from tm.lang.morphology import Stemmer
from tm.lang.vabamorf import analyse, load_vabamorf

COMPOUNDING = frozenset({"et"})
"""Languages that write compounds as one word, so a term can be the head (last part) of a longer word."""

UNSTEMMED = frozenset({"en"})
"""Languages matched by lemmas alone: Snowball's English stemmer conflates words a glossary keeps apart
(`president`/`presidency`, `human`/`humanity`), and English inflection is what the lemma dictionary covers."""

MIN_HEAD = 4
"""Shortest compound head tried: shorter tails (`-ia`, `-ine`) are suffixes far more often than words."""

MIN_MODIFIER = 3
"""Shortest first part of a compound."""

HUNSPELL_DIRS = (Path("/usr/share/hunspell"), Path("/usr/share/myspell/dicts"))
HUNSPELL_NAMES = {"lv": "lv_LV", "lt": "lt_LT", "et": "et_EE"}

OPTIONAL_BACKENDS = {"lv": "Hunspell", "lt": "Hunspell", "et": "Vabamorf"}
"""The optional backend that makes each language's matching complete (README, "Matching inflected terms");
without it the check still runs on stems and lemmas, but misses some inflected forms, whose terms are then
reported missing: on the bundled corpus 3 false findings in lv and lt without Hunspell, 17 in et without Vabamorf."""

INSTALL_HINTS = {"Hunspell": "pip install 'tm[hunspell]' and Debian's hunspell-lv/hunspell-lt",
                 "Vabamorf": "pip install 'tm[estonian]'"}


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


def degraded_note(missing: dict[str, str]) -> str:
    """One sentence naming the languages checked without their optional backend (`missing`: language ->
    backend), and how to install it; empty when nothing is missing."""
    if not missing:
        return ""
    by_backend: dict[str, list[str]] = {}
    for lang, backend in missing.items():
        by_backend.setdefault(backend, []).append(lang)
    parts = [f"{backend} for {', '.join(langs)} ({INSTALL_HINTS.get(backend, 'not installed')})"
             for backend, langs in by_backend.items()]
    return ("morphology backend not installed: " + "; ".join(parts) +
            ": some inflected terms in " + ", ".join(missing) + " may be reported missing")


def _has_lemmas(lang: str) -> bool:
    try:
        simplemma.lemmatize("a", lang=lang)
    except (ValueError, KeyError, OSError):
        return False
    return True


class WordKeys:
    """The keys of a word in one language (case-folded, diacritics kept), cached: running text repeats itself."""

    def __init__(self, lang: str, hunspell: bool = True, vabamorf: bool = True):
        self.lang = lang
        self.compounding = lang in COMPOUNDING
        self.stemmer = Stemmer(lang)
        self._lemma_lang = lang if _has_lemmas(lang) else None
        # Dictionary lookup only: simplemma's default affix guessing maps compounds to their first part
        # (`mootoriõli` -> `mootor`), which would make 'engine oil' match 'engine'.
        self._lemmatizer = Lemmatizer(lemmatization_strategy=DictionaryLookupStrategy())
        self._want_hunspell, self._want_vabamorf = hunspell, vabamorf
        self._hunspell = hunspell_for(lang) if hunspell else None
        self._vabamorf = load_vabamorf() if lang == "et" and vabamorf else None
        self.keys = lru_cache(maxsize=200_000)(self._keys)
        self.part_keys = lru_cache(maxsize=200_000)(self._part_keys)
        self.same_compound = lru_cache(maxsize=200_000)(self._same_compound)

    @property
    def missing_backend(self) -> str | None:
        """The optional backend (OPTIONAL_BACKENDS) this language was asked to use but could not load, else None:
        the check then runs degraded for this language and says so."""
        wanted = OPTIONAL_BACKENDS.get(self.lang)
        if wanted == "Hunspell" and self._want_hunspell and self._hunspell is None:
            return wanted
        if wanted == "Vabamorf" and self._want_vabamorf and self._vabamorf is None:
            return wanted
        return None

    @property
    def backends(self) -> list[str]:
        names = ["snowball" if self.lang != "lv" else "latvianstemmer"]
        if self._lemma_lang:
            names.append("simplemma")
        if self._hunspell is not None:
            names.append("hunspell")
        if self._vabamorf is not None:
            names.append("vabamorf")
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
        keys = {folded} if self.lang in UNSTEMMED else {folded, self.stemmer.stem(folded)}
        if self._lemma_lang:
            keys.add(self._lemmatizer.lemmatize(folded, self._lemma_lang).casefold())
            if self.compounding and self._vabamorf is None:  # Snowball strips a case ending the lemma table lacks
                keys.add(self._lemmatizer.lemmatize(self.stemmer.stem(folded), self._lemma_lang).casefold())
        if self._vabamorf is not None:
            keys |= analyse(self._vabamorf, word)[0]
        if self._hunspell is not None:
            try:
                keys.update(s.casefold() for s in self._hunspell.stem(word))
            except UnicodeError:  # a word the dictionary's 8-bit encoding cannot spell (Greek, Cyrillic)
                pass
        if self.lang in UNSTEMMED and len(word) > 2 and word.endswith("s") and word[:-1].isupper():
            keys |= self.keys(word[:-1])  # an abbreviation's plural, which the lemma dictionary lacks: NGOs
        if "-" in folded:  # an inflected abbreviation or name: NATO-ga, ELi is unhyphenated
            base, _, ending = folded.rpartition("-")
            if len(ending) <= 4 and base:
                keys |= self.keys(base)
        return frozenset(keys)

    def _part_keys(self, word: str) -> frozenset[str]:
        """Keys of the parts of a compound word, where a term may stand inside it: with Vabamorf its heads
        (`tsiviilkaitsemehhanism` -> `kaitsemehhanism`, `mehhanism`) and first parts (`tsiviil`,
        `tsiviilkaitse`); without it, the keys of every tail and every beginning long enough to be a part
        (`reguleer|poldi` -> keys of `poldi`, `tööturu|probleeme` -> keys of `tööturu`)."""
        if not self.compounding:
            return frozenset()
        keys: set[str] = set()
        if self._vabamorf is not None:
            lemmas, readings = analyse(self._vabamorf, word)
            for parts in readings:
                for k in range(1, len(parts)):
                    modifier = "".join(parts[:k])
                    keys |= self.keys(modifier)
                    for lemma in lemmas:
                        if lemma.startswith(modifier) and len(lemma) - len(modifier) >= MIN_HEAD - 1:
                            keys |= self.keys(lemma[len(modifier):])
            return frozenset(keys - {word.casefold()})
        folded = word.casefold()
        for cut in range(MIN_MODIFIER, len(folded) - MIN_HEAD + 1):
            keys |= self.keys(folded[cut:])
        for cut in range(MIN_MODIFIER, len(folded) - MIN_HEAD + 1):  # first parts: `tööturu|probleeme`
            keys |= self.keys(folded[:cut])
        return frozenset(keys - {folded})

    def _same_compound(self, term_word: str, word: str) -> bool:
        """Whether `word` is `term_word` with its head inflected: the same first part, heads sharing a key
        (`ketasrootor` / `ketasrootori`, `pingutuspolt` / `pingutuspoldid`). Compounds are rarely in the
        lemma dictionaries, their heads are."""
        if self.lang not in COMPOUNDING:
            return False
        term_word, word = term_word.casefold(), word.casefold()
        common = 0
        for a, b in zip(term_word, word, strict=False):
            if a != b:
                break
            common += 1
        for cut in range(MIN_MODIFIER, common + 1):
            if len(term_word) - cut >= MIN_HEAD and len(word) - cut >= MIN_HEAD and \
                    self.keys(term_word[cut:]) & self.keys(word[cut:]):
                return True
        return False
