"""SRX 2.0 segmentation rules: read them, apply them, write them back.

The rules that cut the memory's clauses are the same file a CAT tool loads (OmegaT, Okapi), so a source
text is segmented there exactly as the memory was. Semantics follow the SRX 2.0 specification: the
language maps whose pattern matches the language are cascaded in document order; at each position between
two characters the first rule whose `beforebreak` matches up to the position and whose `afterbreak` matches
from it decides, break or no break. Patterns are ICU/Java regular expressions; the `regex` module reads the
subset the rules use (\\p{Lu}, lookarounds) with the same meaning.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import regex

from tm import xmlsafe
from tm.errors import InputError

NS = "http://www.lisa.org/srx20"
_Q = f"{{{NS}}}"


@dataclass(frozen=True, slots=True)
class Rule:
    is_break: bool
    before: str
    after: str


@dataclass(frozen=True, slots=True)
class LanguageMap:
    pattern: str
    rule_name: str


@dataclass(frozen=True, slots=True)
class Srx:
    """A parsed SRX document: named rule sets and the maps that pick them by language code."""

    rules: dict[str, tuple[Rule, ...]]
    maps: tuple[LanguageMap, ...]
    cascade: bool = True

    def rules_for(self, lang: str) -> list[Rule]:
        chosen: list[Rule] = []
        for lmap in self.maps:
            if regex.fullmatch(lmap.pattern, lang, flags=regex.IGNORECASE):
                chosen.extend(self.rules[lmap.rule_name])
                if not self.cascade:
                    break
        return chosen

    def segmenter(self, lang: str) -> Segmenter:
        return Segmenter(self.rules_for(lang))


class Segmenter:
    """Break positions of a text under one language's cascaded rules."""

    def __init__(self, rules: list[Rule]):
        self.rules = rules
        self._compiled = [
            regex.compile(f"(?<={r.before or ''})(?={r.after or ''})", flags=regex.UNICODE | regex.V0)
            for r in rules
        ]

    def breaks(self, text: str) -> list[int]:
        decided: dict[int, bool] = {}
        for rule, pattern in zip(self.rules, self._compiled, strict=True):
            for match in pattern.finditer(text):
                decided.setdefault(match.start(), rule.is_break)
        return sorted(p for p, is_break in decided.items() if is_break and 0 < p < len(text))

    def split(self, text: str) -> list[tuple[int, int]]:
        """Spans of the segments of `text`, outer whitespace trimmed, empty ones dropped."""
        spans, start = [], 0
        for end in [*self.breaks(text), len(text)]:
            a, b = start, end
            while a < b and text[a].isspace():
                a += 1
            while b > a and text[b - 1].isspace():
                b -= 1
            if a < b:
                spans.append((a, b))
            start = end
        return spans


def read_srx(path: str | Path) -> Srx:
    root = xmlsafe.parse_file(path, "SRX").getroot()
    if root.tag != f"{_Q}srx":
        raise InputError("not an SRX 2.0 document (root element is not srx in the SRX 2.0 namespace)", path)
    header = root.find(f"{_Q}header")
    cascade = header is None or header.get("cascade", "yes") == "yes"
    rules: dict[str, tuple[Rule, ...]] = {}
    for lrule in root.iter(f"{_Q}languagerule"):
        rules[lrule.get("languagerulename")] = tuple(
            Rule(
                is_break=rule.get("break", "yes") == "yes",
                before=rule.findtext(f"{_Q}beforebreak") or "",
                after=rule.findtext(f"{_Q}afterbreak") or "",
            )
            for rule in lrule.iter(f"{_Q}rule")
        )
    maps = tuple(
        LanguageMap(m.get("languagepattern"), m.get("languagerulename")) for m in root.iter(f"{_Q}languagemap")
    )
    for lmap in maps:
        if lmap.rule_name not in rules:
            raise InputError(f"language map points to unknown rule set {lmap.rule_name!r}", path)
    return Srx(rules=rules, maps=maps, cascade=cascade)
