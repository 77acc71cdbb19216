"""The terminology check: for every glossary term in the English of a unit, what each translation did with it.

Pure: takes units and a glossary, returns occurrences and findings; the callers (`tm check`, `tm build`) do
the reading and writing. Severity of one occurrence in one target language:

- ok: the preferred term, in any inflected form;
- info: an admitted term;
- error: a deprecated, superseded or forbidden variant (forbidden ones are reported wherever they stand);
- missing: none of the concept's terms.

Across the memory, a concept rendered by different terms in different places is an inconsistency.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field

from tm.lang.wordkeys import WordKeys
from tm.records import Finding, Term, TranslationUnit
from tm.terms.glossary import APPROVED, REJECTED, TOLERATED, Glossary
from tm.terms.matcher import Match, TermMatcher, leftmost_longest

SOURCE_LANG = "en"
_RANK = {"preferred": 0, "admitted": 1, "deprecated": 2, "superseded": 2, "forbidden": 3}


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One concept met in the English of a unit, and what one target language has for it."""

    tu: str
    document: str | None
    lang: str
    concept: str
    term: str
    status: str
    found: str | None
    severity: str
    source: str
    source_span: tuple[int, int]
    span: tuple[int, int] | None
    source_term: str = ""

    def to_json(self) -> dict:
        return asdict(self)


@dataclass
class CheckResult:
    """Occurrences, findings, and the checked texts (by unit id) so that reports can show each in context."""

    occurrences: list[Occurrence] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    texts: dict[str, dict[str, str]] = field(default_factory=dict)  # only units with a finding: a memory is large
    units: int = 0
    documents: dict[str, str | None] = field(default_factory=dict)
    langs: tuple[str, ...] = ()

    @property
    def has_errors(self) -> bool:
        return any(f.severity == "error" for f in self.findings)

    def counts(self) -> dict[str, Counter]:
        """Per language: occurrences of each severity, plus the inconsistencies found across the memory."""
        per_lang: dict[str, Counter] = {lang: Counter() for lang in self.langs}
        for occ in self.occurrences:
            per_lang.setdefault(occ.lang, Counter())[occ.severity] += 1
        for finding in self.findings:
            if finding.severity == "inconsistency":
                per_lang.setdefault(finding.lang, Counter())["inconsistency"] += 1
        return per_lang


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
        self.preferred = {(t.concept, t.lang): t for t in reversed(glossary.terms) if t.status == "preferred"}

    def concepts(self, lang: str) -> Callable[[str], set[str]]:
        """The concepts whose terms (any status) a text of `lang` names: glossary anchors for the aligner."""
        matcher = self.source if lang == SOURCE_LANG else self.targets[lang]
        return lambda text: {match.term.concept for match in matcher.find(text)}

    def check(self, units: Iterable[TranslationUnit]) -> CheckResult:
        result = CheckResult(langs=self.langs)
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
            for lang in self.langs:
                if unit.variants.get(lang) is not None:
                    result.occurrences += _check_translation(tu, unit.document, lang, unit.variants[lang], by_concept,
                                                             self.targets[lang], self.preferred, english)
            if any(o.severity != "ok" for o in result.occurrences[before:]):
                result.texts[tu] = {lang: unit.variants[lang] for lang in (SOURCE_LANG, *self.langs)
                                    if lang in unit.variants}
                result.documents[tu] = unit.document
        result.findings = _findings(result.occurrences) + _inconsistencies(result.occurrences)
        return result


def _check_translation(tu, document, lang: str, text: str, by_concept: dict[str, list[Match]], matcher: TermMatcher,
                       preferred: dict[tuple[str, str], Term], english: str) -> list[Occurrence]:
    """The occurrences of one translation: each English occurrence gets the best free hit of its concept."""
    hits = matcher.find(text)
    claimed = _claim([h for h in hits if h.term.concept in by_concept])
    used: set[tuple[int, int]] = set()
    found = []
    for concept, source_matches in sorted(by_concept.items(), key=lambda kv: kv[1][0].start):
        if (concept, lang) not in preferred and not any(h.term.concept == concept for h in hits):
            continue  # the glossary has no term for this concept in this language: nothing to check
        mine = sorted((h for h in claimed if h[0].term.concept == concept),
                      key=lambda h: (_RANK[h[0].term.status], h[1], h[0].start))
        chosen = []
        for h, _ in mine:  # the best hits, as many as the English has occurrences...
            if len(chosen) < len(source_matches) and (h.start, h.end) not in used:
                used.add((h.start, h.end))
                chosen.append(h)
        for src, hit in zip(source_matches, _pair(source_matches, chosen, len(english), len(text))):
            found.append(_occurrence(tu, document, lang, concept, src, hit, preferred.get((concept, lang))))
    for hit in leftmost_longest([h for h in hits if h.term.status == "forbidden"]):
        if (hit.start, hit.end) not in used:
            found.append(Occurrence(tu, document, lang, hit.term.concept, hit.term.text, "forbidden", hit.surface,
                                    "error", "", (0, 0), (hit.start, hit.end)))
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
            inside = other.start <= hit.start and hit.end <= other.end and (other.start, other.end) != (hit.start, hit.end)
            if not inside or other.term.concept == hit.term.concept:
                break
            nested = True
        else:
            chosen.append((hit, nested))
    return chosen


def _occurrence(tu, document, lang, concept, src: Match, hit: Match | None, preferred: Term | None) -> Occurrence:
    if hit is None:
        return Occurrence(tu, document, lang, concept, preferred.text if preferred else "", "preferred", None,
                          "missing", src.surface, (src.start, src.end), None, src.term.text)
    status = hit.term.status
    severity = "ok" if status in APPROVED else "info" if status in TOLERATED else "error"
    return Occurrence(tu, document, lang, concept, hit.term.text, status, hit.surface, severity, src.surface,
                      (src.start, src.end), (hit.start, hit.end), src.term.text)


def _findings(occurrences: list[Occurrence]) -> list[Finding]:
    findings = []
    for occ in occurrences:
        if occ.severity == "ok":
            continue
        if occ.severity == "missing":
            message = f"{occ.source!r}: no term for the concept (preferred: {occ.term!r})"
        elif not occ.source:
            message = f"forbidden term {occ.found!r} ({occ.term})"
        elif occ.status in REJECTED:
            message = f"{occ.source!r}: {occ.status} variant {occ.found!r} ({occ.term})"
        else:
            message = f"{occ.source!r}: admitted variant {occ.found!r} ({occ.term})"
        findings.append(Finding(occ.severity, occ.concept, occ.lang, message, occ.term, occ.found, occ.tu,
                                occ.document))
    return findings


def _inconsistencies(occurrences: list[Occurrence]) -> list[Finding]:
    """One English term rendered by different glossary terms of its concept in one language: each variant with
    its count and places. (`Estonia` and `Republic of Estonia` may well be rendered differently: the English
    differs too.)"""
    used: dict[tuple[str, str, str], dict[str, list[Occurrence]]] = defaultdict(lambda: defaultdict(list))
    for occ in occurrences:
        if occ.found is not None and occ.source_term:
            used[(occ.concept, occ.lang, occ.source_term)][occ.term].append(occ)
    findings = []
    for (concept, lang, source_term), variants in used.items():
        if len(variants) < 2:
            continue
        ordered = sorted(variants.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        message = f"{source_term!r} rendered as " + ", ".join(
            f"{term!r} ({occs[0].status}) {len(occs)}x" for term, occs in ordered)
        places = tuple(f"{term}: " + ", ".join(_places(occs)) for term, occs in ordered)
        findings.append(Finding("inconsistency", concept, lang, message, term=source_term, places=places))
    return findings


def _places(occs: list[Occurrence]) -> list[str]:
    """The units (`document#tu` unless the unit id names its document), `(2x)` where a unit has it twice."""
    counts = Counter(f"{o.document}#{o.tu}" if o.document and not o.tu.startswith(o.document) else o.tu for o in occs)
    return [place + (f" ({n}x)" if n > 1 else "") for place, n in counts.items()]
