"""Candidate glossary entries from an aligned memory: recurring English terms and how each language renders them.

An English candidate is a word sequence (1-4 words, not starting or ending with a function word) found in at
least `minimum` units, grouped by its words' stems. In each target language, the rendering is the sequence
(1-3 words, grouped by lemma or stem) that co-occurs with it most consistently across units (Dice
coefficient), reported with the form seen most often and in how many of the English term's units it stands.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources

from tm.lang.wordkeys import WordKeys
from tm.records import TranslationUnit
from tm.terms.matcher import WORD

MAX_SOURCE_WORDS = 4
MAX_TARGET_WORDS = 3


@dataclass
class Rendering:
    text: str
    units: int
    dice: float


@dataclass
class Suggestion:
    """An English term, in how many units it occurs, and per language its renderings (best first)."""

    term: str
    units: int
    renderings: dict[str, list[Rendering]] = field(default_factory=dict)
    in_glossary: bool = False


def function_words() -> frozenset[str]:
    text = resources.files("tm.terms").joinpath("en_function_words.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


class _Grams:
    """Word sequences of one text as tuples of canonical keys, with the surface text of each."""

    def __init__(self, keys: WordKeys):
        self.keys = keys

    def of(self, text: str, longest: int, skip=frozenset()) -> dict[tuple[str, ...], str]:
        spans = [(m.start(), m.end(), m.group()) for m in WORD.finditer(text)]
        canon = [self.keys.canonical(w) for _, _, w in spans]
        found: dict[tuple[str, ...], str] = {}
        for i in range(len(spans)):
            for n in range(1, longest + 1):
                if i + n > len(spans):
                    break
                if n > 1 and text[spans[i + n - 2][1]:spans[i + n - 1][0]].strip():
                    break  # punctuation between the words: not one term
                words = [w.casefold() for _, _, w in spans[i:i + n]]
                if words[0] in skip or words[-1] in skip or not any(len(w) > 2 and w.isalpha() for w in words):
                    continue
                found.setdefault(tuple(canon[i:i + n]), text[spans[i][0]:spans[i + n - 1][1]])
        return found


def suggest(units: Iterable[TranslationUnit], langs: Sequence[str], minimum: int = 3,
            known: Iterable[str] = ()) -> list[Suggestion]:
    """Suggestions, most frequent English term first; `known` are terms already in the glossary (marked)."""
    skip = function_words()
    english = _Grams(WordKeys("en", hunspell=False))
    targets = {lang: _Grams(WordKeys(lang)) for lang in langs}
    source_units: dict[tuple, list[int]] = defaultdict(list)
    source_forms: dict[tuple, Counter] = defaultdict(Counter)
    target_grams: list[dict[str, dict[tuple, str]]] = []
    target_counts = {lang: Counter() for lang in langs}
    for number, unit in enumerate(u for u in units if u.variants.get("en")):
        for gram, surface in english.of(unit.variants["en"], MAX_SOURCE_WORDS, skip).items():
            source_units[gram].append(number)
            source_forms[gram][surface] += 1
        grams = {lang: targets[lang].of(unit.variants[lang], MAX_TARGET_WORDS)
                 for lang in langs if unit.variants.get(lang)}
        for lang, found in grams.items():
            target_counts[lang].update(found.keys())
        target_grams.append(grams)
    frequent = {g: u for g, u in source_units.items() if len(u) >= minimum}
    parts = _subsumed_parts(frequent)
    kept = [g for g in frequent if g not in parts]
    known_keys = {tuple(english.keys.canonical(w) for w in WORD.findall(t)) for t in known}
    suggestions = []
    for gram in sorted(kept, key=lambda g: (-len(frequent[g]), source_forms[g].most_common(1)[0][0].casefold())):
        where = frequent[gram]
        suggestion = Suggestion(term=source_forms[gram].most_common(1)[0][0], units=len(where),
                                in_glossary=gram in known_keys)
        for lang in langs:
            suggestion.renderings[lang] = _renderings([target_grams[n].get(lang, {}) for n in where],
                                                      target_counts[lang], len(where))
        suggestions.append(suggestion)
    return suggestions


def _subsumed_parts(frequent: dict[tuple, list[int]]) -> set[tuple]:
    """Parts of a longer candidate that occur exactly as often (`Baltic` inside `Baltic Assembly`)."""
    parts = set()
    for gram, units in frequent.items():
        for size in range(1, len(gram)):
            for i in range(len(gram) - size + 1):
                part = gram[i:i + size]
                if part in frequent and len(frequent[part]) == len(units):
                    parts.add(part)
    return parts


def _renderings(per_unit: list[dict[tuple, str]], totals: Counter, n: int, top: int = 3) -> list[Rendering]:
    together: Counter = Counter()
    forms: dict[tuple, Counter] = defaultdict(Counter)
    for grams in per_unit:
        for gram, surface in grams.items():
            together[gram] += 1
            forms[gram][surface] += 1
    scored = sorted(together,
                    key=lambda g: (-2 * together[g] / (n + totals[g]), -len(g), forms[g].most_common(1)[0][0]))
    chosen: list[tuple] = []
    for gram in scored:
        if len(chosen) == top or (chosen and together[gram] < 2):
            break
        if any(set(gram) <= set(better) and together[better] == together[gram] for better in chosen):
            continue  # a part of a better rendering seen just as often
        chosen.append(gram)
    return [Rendering(text=forms[g].most_common(1)[0][0], units=together[g],
                      dice=round(2 * together[g] / (n + totals[g]), 3)) for g in chosen]
