"""The terminology check: for every glossary term in the English of a unit, what each translation did with it.

Pure: takes units and a glossary, returns findings; the callers (`tm check`, `tm build`) do the reading and
writing. Severity of one occurrence in one target language (`TermStatus.severity` in tm.records):

- ok: the preferred term, in any inflected form;
- info: an admitted term;
- error: a deprecated, superseded or forbidden variant (forbidden ones are reported wherever they stand);
- missing: none of the concept's terms.

Across the memory, a concept rendered by different terms in different places is an inconsistency.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence

from tm.lang.wordkeys import WordKeys, degraded_note
from tm.records import CheckResult, Finding, Severity, Term, TermStatus, TranslationUnit
from tm.terms.glossary import Glossary
from tm.terms.matcher import Match, TermMatcher, leftmost_longest

SOURCE_LANG = "en"


def check_units(units: Iterable[TranslationUnit], glossary: Glossary, langs: Sequence[str],
                keys: Callable[[str], WordKeys] = WordKeys) -> CheckResult:
    """Check every unit's `langs` translations against the glossary (English is the source). `keys` makes
    the word analyser of a language (the benchmark swaps in exact and prefix matching)."""
    return Checker(glossary, langs, keys).check(units)


class Checker:
    """The glossary compiled for matching, reusable over many batches of units (its word caches stay warm)."""

    def __init__(self, glossary: Glossary, langs: Sequence[str], keys: Callable[[str], WordKeys] = WordKeys):
        self.langs = tuple(langs)
        self.source = TermMatcher([t for t in glossary.terms if t.lang == SOURCE_LANG], SOURCE_LANG, keys(SOURCE_LANG))
        self.targets = {lang: TermMatcher([t for t in glossary.terms if t.lang == lang], lang, keys(lang))
                        for lang in self.langs}
        self.preferred = {(t.concept, t.lang): t for t in reversed(glossary.terms) if t.status is TermStatus.PREFERRED}

    def concepts(self, lang: str) -> Callable[[str], set[str]]:
        """The concepts whose terms (any status) a text of `lang` names: glossary anchors for the aligner."""
        matcher = self.source if lang == SOURCE_LANG else self.targets[lang]
        return lambda text: {match.term.concept for match in matcher.find(text)}

    def missing_backends(self, langs: Sequence[str] | None = None) -> dict[str, str]:
        """The checked languages whose optional morphology backend is not installed: language -> backend."""
        found = {lang: getattr(self.targets[lang].keys, "missing_backend", None) for lang in (langs or self.langs)}
        return {lang: backend for lang, backend in found.items() if backend}

    def check(self, units: Iterable[TranslationUnit], langs: Sequence[str] | None = None) -> CheckResult:
        """Check the units' translations in `langs` (default: every language the checker was made for)."""
        langs = tuple(langs) if langs else self.langs
        missing = self.missing_backends(langs)
        result = CheckResult(langs=langs, degraded=missing, note=degraded_note(missing))
        for number, unit in enumerate(units, 1):
            english = unit.variants.get(SOURCE_LANG)
            if not english:
                continue
            tu = unit.tuid or f"#{number}"
            result.units += 1
            before = len(result.occurrences)
            by_concept: dict[str, list[Match]] = defaultdict(list)
            for match in leftmost_longest(self.source.find(english)):
                by_concept[match.term.concept].append(match)
            for lang in langs:
                if unit.variants.get(lang) is not None:
                    result.occurrences += _check_translation(tu, unit.document, lang, unit.variants[lang], by_concept,
                                                             self.targets[lang], self.preferred, english)
            if any(o.severity.is_finding for o in result.occurrences[before:]):
                result.texts[tu] = {lang: unit.variants[lang] for lang in (SOURCE_LANG, *langs)
                                    if lang in unit.variants}
                result.documents[tu] = unit.document
        result.inconsistencies = _inconsistencies(result.occurrences)
        return result


def _check_translation(tu, document, lang: str, text: str, by_concept: dict[str, list[Match]], matcher: TermMatcher,
                       preferred: dict[tuple[str, str], Term], english: str) -> list[Finding]:
    """The occurrences of one translation: each English occurrence gets the best free hit of its concept."""
    hits = matcher.find(text)
    claimed = _claim([h for h in hits if h.term.concept in by_concept])
    used: set[tuple[int, int]] = set()
    found = []
    for concept, source_matches in sorted(by_concept.items(), key=lambda kv: kv[1][0].start):
        if (concept, lang) not in preferred and not any(h.term.concept == concept for h in hits):
            continue  # the glossary has no term for this concept in this language: nothing to check
        mine = sorted((h for h in claimed if h[0].term.concept == concept),
                      key=lambda h: (h[0].term.status.rank, h[1], h[0].start))
        chosen = []
        for h, _ in mine:  # the best hits, as many as the English has occurrences...
            if len(chosen) < len(source_matches) and (h.start, h.end) not in used:
                used.add((h.start, h.end))
                chosen.append(h)
        for src, hit in zip(source_matches, _pair(source_matches, chosen, len(english), len(text)), strict=True):
            found.append(_occurrence(tu, document, lang, concept, src, hit, preferred.get((concept, lang))))
    for hit in leftmost_longest([h for h in hits if h.term.status is TermStatus.FORBIDDEN]):
        if (hit.start, hit.end) not in used:
            found.append(_occurrence(tu, document, lang, hit.term.concept, None, hit,
                                     preferred.get((hit.term.concept, lang))))
    found.sort(key=lambda o: by_concept[o.concept][0].start if o.concept in by_concept else len(text))
    return found


def _pair(sources: list[Match], hits: list[Match], source_length: int, length: int) -> list[Match | None]:
    """The hits for the English occurrences, in the order both stand; when some are missing, each hit goes to
    the occurrence at the nearest relative place in the clause (the missing one is then the right one)."""
    hits = sorted(hits, key=lambda h: h.start)
    if len(hits) == len(sources):
        return list(hits)
    paired: list[Match | None] = [None] * len(sources)
    free = list(range(len(sources)))
    for hit in hits:
        nearest = min(free, key=lambda k: abs(sources[k].start / max(source_length, 1) - hit.start / max(length, 1)))
        paired[nearest] = hit
        free = [k for k in free if k > nearest]  # keep the order: later hits pair with later occurrences
        if not free:
            break
    return paired


def _claim(hits: list[Match]) -> list[tuple[Match, bool]]:
    """Each hit that may stand, and whether it stands inside a longer term of another concept.

    Target words belong to one term: the longest match wins, then the longest term (`pingutuspoldid` is the
    stretch bolt, not a bolt, when both concepts are in the English). A shorter term strictly inside a
    longer one of another concept may still serve its own concept (`Euroopa Liidu` inside the Estonian name
    of IMPEL), but only when no free hit is left for it. Each span serves one English occurrence.
    """
    chosen: list[tuple[Match, bool]] = []
    for hit in sorted(hits, key=lambda h: (-(h.end - h.start), -len(h.term.text), h.start)):
        nested = False
        for other, _ in chosen:
            if hit.end <= other.start or hit.start >= other.end:
                continue
            if (other.start, other.end) == (hit.start, hit.end) and other.term.text == hit.term.text:
                continue  # one name for two concepts (two countries' ministries): either may take it
            inside = (other.start <= hit.start and hit.end <= other.end
                      and (other.start, other.end) != (hit.start, hit.end))
            if not inside or other.term.concept == hit.term.concept:
                break
            nested = True
        else:
            chosen.append((hit, nested))
    return chosen


def _occurrence(tu, document, lang, concept, src: Match | None, hit: Match | None, preferred: Term | None) -> Finding:
    """The English occurrence `src` (None for a forbidden term met anywhere) judged by the translation's `hit`."""
    where = {"tu": tu, "document": document, "lang": lang, "concept": concept}
    if src is not None:
        where.update(source=src.surface, source_span=(src.start, src.end), source_term=src.term.text)
    if hit is None:
        return Finding(severity=Severity.MISSING, term=preferred.text if preferred else "",
                       status=TermStatus.PREFERRED, **where)
    severity = hit.term.status.severity
    approved = preferred.text if preferred and severity is Severity.ERROR else None
    return Finding(severity=severity, term=hit.term.text, status=hit.term.status, found=hit.surface,
                   span=(hit.start, hit.end), approved=approved, **where)


def _inconsistencies(occurrences: list[Finding]) -> list[Finding]:
    """One English term rendered by different glossary terms of its concept in one language: each variant with
    its count and places. (`Estonia` and `Republic of Estonia` may well be rendered differently: the English
    differs too.)"""
    used: dict[tuple[str, str, str], list[Finding]] = defaultdict(list)
    for occ in occurrences:
        if occ.found is not None and occ.source_term:
            used[(occ.concept, occ.lang, occ.source_term)].append(occ)
    return [Finding(severity=Severity.INCONSISTENCY, concept=concept, lang=lang, term=source_term,
                    source_term=source_term, renderings=tuple(renderings))
            for (concept, lang, source_term), renderings in used.items()
            if len({r.term for r in renderings}) > 1]
