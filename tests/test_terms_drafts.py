"""The bundled pre-publication draft: the check finds exactly its known slips, and the published documents come
out clean except for the findings explained in corpora/drafts/published-findings.tsv.

corpora/drafts/ holds a later version of ba-trafficking-in-human-beings (a new closing clause in all four
languages) whose translations carry the slips listed in corpora/drafts/expected-findings.tsv.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tm.commands.build import align, glossary_checker, segment, units
from tm.commands.corpus import discover
from tm.lang.vabamorf import load_vabamorf
from tm.lang.wordkeys import hunspell_for
from tm.records import CheckResult
from tm.terms.check import check_units
from tm.terms.io import read_glossary

DOCUMENT = "ba-trafficking-in-human-beings"
TARGETS = ["et", "lv", "lt"]


def keys(result: CheckResult, severities=("error", "missing", "inconsistency", "info")) -> set[tuple[str, ...]]:
    """What a finding says, without where (unit numbers follow the alignment): severity, language, concept,
    the English term, the words found."""
    found = set()
    for occ in result.occurrences:
        if occ.severity in severities and occ.severity != "inconsistency":
            found.add((occ.severity, occ.lang, occ.concept, occ.source_term, occ.found or ""))
    if "inconsistency" in severities:
        for finding in result.inconsistencies:
            found.add(("inconsistency", finding.lang, finding.concept, finding.source_term, ""))
    return found


def expected(path: Path) -> set[tuple[str, ...]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return {(r["severity"], r["lang"], r["concept"], r["english"], r["found"])
                for r in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)}


@pytest.fixture(scope="module")
def glossary(corpora):
    return read_glossary(corpora / "glossary.tbx")


@pytest.fixture(scope="module")
def published(built, glossary) -> CheckResult:
    return check_units(built.all_units(), glossary, TARGETS)


@pytest.fixture(scope="module")
def draft(corpora, glossary) -> CheckResult:
    """The draft aligned in memory, without writing anything: segment -> align -> units."""
    corpus = discover(corpora / "drafts")
    clauses = segment(corpus)
    made = units(clauses, align(clauses, glossary_checker(corpus)))
    return check_units([u for document in corpus.documents for u in made[document]], glossary, TARGETS)


def test_draft_findings_beyond_the_published_version_are_exactly_the_slips(draft, published, corpora):
    same_document = CheckResult(occurrences=[o for o in published.occurrences if o.document == DOCUMENT],
                                inconsistencies=[f for f in published.inconsistencies
                                                 if all(DOCUMENT in p for p in f.places)])
    assert keys(draft) - keys(same_document) == expected(corpora / "drafts/expected-findings.tsv")


def test_draft_fails_the_gate(draft):
    assert draft.has_errors


@pytest.mark.skipif(load_vabamorf() is None or not (hunspell_for("lv") and hunspell_for("lt")),
                    reason="the published corpus is checked with the morphology backends editors use: "
                           "pip install -e '.[hunspell,estonian]' and Debian's hunspell-lv, hunspell-lt")
def test_published_documents_have_only_the_explained_findings(published, corpora):
    assert keys(published, ("error", "missing", "inconsistency")) == expected(corpora / "drafts/published-findings.tsv")
    assert not published.has_errors


def test_glossary_tbx_is_the_four_tsvs(corpora, glossary):
    from tm.terms.io import read_glossaries

    tables = read_glossaries(sorted((corpora / "glossary").glob("*.tsv")))
    assert glossary.by_concept() == tables.by_concept() and glossary.domains == tables.domains
    assert len(glossary.complete_concepts(["en", "et", "lv", "lt"])) >= 150


def test_glossary_tbx_is_valid_tbx_basic(corpora, shared):
    from lxml import etree

    schema = etree.RelaxNG(etree.parse(str(shared / "standards/tbx-basic/TBXcoreStructV03_TBX-Basic_integrated.rng")))
    assert schema.validate(etree.parse(str(corpora / "glossary.tbx"))), schema.error_log
