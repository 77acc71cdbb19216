"""Find glossary terms in text in any inflected form: every word of a term matched, consecutively.

A term word matches a text word when their keys (stems, lemmas: `tm.lang.wordkeys`) meet; in Estonian the
term's last word may also stand inside a compound, as its head (`polt` in `reguleerpoldi`) or first part
(`tsiviilkaitse` in `tsiviilkaitsemehhanismi`), and a compound term word may have its head inflected.
Requiring the words of a multiword term to stand side by side, each inflected on its own (Latvian and
Lithuanian adjective-noun agreement), keeps stem collisions from producing false matches.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from tm.lang.wordkeys import WordKeys
from tm.records import Term

WORD = re.compile(r"\w+(?:[-'’]\w+)*", re.UNICODE)
COMPOUND_MIN = 7
"""Shortest term word tried as a compound (a first part of 3 letters and a head of 4)."""
PREFIX = 3


@dataclass(frozen=True, slots=True)
class Match:
    """A term found in a text: character span and the words as written there."""

    term: Term
    start: int
    end: int
    surface: str


class TermMatcher:
    """The terms of one language, compiled for repeated search over many texts."""

    def __init__(self, terms: Iterable[Term], lang: str, keys: WordKeys | None = None):
        self.lang = lang
        self.keys = keys or WordKeys(lang)
        self.terms: list[Term] = []
        self._words: list[tuple[frozenset[str], ...]] = []
        self._texts: list[tuple[str, ...]] = []
        self._prefixes: dict[str, list[int]] = defaultdict(list)  # compounding languages: by the first letters
        self._by_word: dict[str, tuple[tuple[int, ...], tuple[int, ...]]] = {}
        self._first: dict[str, list[int]] = defaultdict(list)
        self._heads: dict[str, list[int]] = defaultdict(list)  # one-word terms, by key: found as compound heads
        for term in terms:
            texts = tuple(WORD.findall(term.text))
            words = tuple(self.keys.term_keys(w) for w in texts)
            if not words:
                continue
            index = len(self.terms)
            self.terms.append(term)
            self._words.append(words)
            self._texts.append(texts)
            if self.keys.compounding and len(texts[0]) >= COMPOUND_MIN:
                self._prefixes[texts[0][:PREFIX].casefold()].append(index)
            for key in words[0]:
                self._first[key].append(index)
            if len(words) == 1:
                for key in words[0]:
                    self._heads[key].append(index)

    def find(self, text: str) -> list[Match]:
        """Every match, longest first at each position, overlaps kept (the caller decides between them)."""
        tokens = [(m.start(), m.end(), m.group()) for m in WORD.finditer(text)]
        found: list[Match] = []
        keysets = None
        for i, (start, end, word) in enumerate(tokens):
            starting, heads = self._starting(word)
            for t in starting:
                size = len(self._words[t])
                if size == 1:
                    found.append(Match(term=self.terms[t], start=start, end=end, surface=text[start:end]))
                elif i + size <= len(tokens):
                    keysets = keysets or [self.keys.keys(w) for _, _, w in tokens]
                    if self._rest_matches(t, keysets, tokens, i):
                        last = tokens[i + size - 1][1]
                        found.append(Match(term=self.terms[t], start=start, end=last, surface=text[start:last]))
            for t in heads:
                found.append(Match(term=self.terms[t], start=start, end=end, surface=text[start:end]))
        found.sort(key=lambda m: (m.start, -(m.end - m.start)))
        return found

    def _starting(self, word: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """Terms whose first word this word can be, and one-word terms it holds as a compound head; cached
        per word, since a text's vocabulary repeats."""
        cached = self._by_word.get(word)
        if cached is None:
            candidates = {t for key in self.keys.keys(word) for t in self._first.get(key, ())}
            heads: set[int] = set()
            if self.keys.compounding:
                for t in self._prefixes.get(word[:PREFIX].casefold(), ()):
                    if t not in candidates and self.keys.same_compound(self._texts[t][0], word):
                        candidates.add(t)
                if len(word) > 6:
                    heads = {t for key in self.keys.part_keys(word) for t in self._heads.get(key, ())} - candidates
            cached = self._by_word[word] = (tuple(sorted(candidates)), tuple(sorted(heads)))
        return cached

    def _rest_matches(self, t: int, keysets, tokens, i: int) -> bool:
        """Words 2..n of term t against the tokens after position i; the last may be a compound's head."""
        words, texts = self._words[t], self._texts[t]
        last = len(words) - 1
        for j in range(1, last + 1):
            if words[j] & keysets[i + j]:
                continue
            if self.keys.compounding:
                token = tokens[i + j][2]
                if len(texts[j]) >= COMPOUND_MIN and self.keys.same_compound(texts[j], token):
                    continue
                if j == last and words[j] & self.keys.part_keys(token):
                    continue
            return False
        return True


def leftmost_longest(matches: list[Match]) -> list[Match]:
    """Non-overlapping matches, preferring the earliest and then the longest (`Republic of Estonia` over `Estonia`)."""
    chosen, end = [], -1
    for match in sorted(matches, key=lambda m: (m.start, -(m.end - m.start))):
        if match.start >= end:
            chosen.append(match)
            end = match.end
    return chosen
