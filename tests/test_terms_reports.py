"""Terminology reports: the same check result as Markdown, CSV, JSON and one self-contained HTML page."""

from __future__ import annotations

import csv
import io
import json

import pytest
from lxml import html as lxml_html
from test_terms_check import ROWS, glossary  # the real ATS sentences and the test glossary

from tm.records import TranslationUnit
from tm.report.terminology import render, write
from tm.terms.check import check_units


@pytest.fixture(scope="module")
def result(shared):
    with (shared / "data/tilde-ats-dev/ats-dev.tsv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    units = [TranslationUnit({lang: rows[i][lang] for lang in ("en", "et", "lv", "lt")}, tuid=f"ats-{i}",
                             document="ats") for i in ROWS]
    return check_units(units, glossary(), ["et", "lv", "lt"])


def test_markdown_counts_table_and_findings_by_severity(result):
    text = render(result, "md")
    assert text.startswith("# Terminology check\n\n| language | error | missing | inconsistency | info | ok |\n"
                           "|---|---:|---:|---:|---:|---:|\n| et | 2 | 0 | 1 | 1 | 11 |\n| lv | 0 | 1 | 0 | 0 | 12 |\n"
                           "| lt | 1 | 0 | 0 | 0 | 12 |\n")
    assert [line for line in text.splitlines() if line.startswith("## ")] == [
        "## error (3)", "## missing (1)", "## inconsistency (1)", "## info (1)"]
    assert ("- **lt** `c-locknut` ats ats-8: 'Locking nut': deprecated variant 'Kontraveržlė' (kontraveržlė); "
            "approved: 'kontrveržlė'\n"
            "  > 1. Kontraveržlė\n") in text


def test_csv_one_row_per_finding_with_both_texts(result):
    rows = list(csv.DictReader(io.StringIO(render(result, "csv"))))
    assert [(r["severity"], r["lang"], r["concept"], r["tu"], r["found"]) for r in rows] == [
        ("error", "et", "c-caliper", "ats-73", "Pidurisadul"), ("error", "et", "c-caliper", "ats-142", "pidurisadul"),
        ("error", "lt", "c-locknut", "ats-8", "Kontraveržlė"), ("missing", "lv", "c-rotor", "ats-142", ""),
        ("inconsistency", "et", "c-plastic", "", ""), ("info", "et", "c-plastic", "ats-375", "plastosa polte")]
    assert rows[2]["source"] == "1. Locking nut" and rows[2]["target"] == "1. Kontraveržlė"


def test_json_has_occurrences_and_findings(result):
    data = json.loads(render(result, "json"))
    assert len(data["occurrences"]) == 40 and len(data["findings"]) == 6
    assert data["findings"][5]["places"] == ["plastilise ala polt: ats-216 (2x)", "plastosa polt: ats-375"]


def test_html_is_self_contained_with_chart_highlights_and_filters(result, tmp_path):
    write(result, tmp_path / "terminology.html")
    page = (tmp_path / "terminology.html").read_text(encoding="utf-8")
    doc = lxml_html.fromstring(page)
    assert not doc.xpath("//*[@src] | //link[@href]")  # nothing to fetch: works offline, mails as one file
    # a bar segment per language and severity present (et 4, lv 2, lt 2)
    assert len(doc.xpath("//svg//rect[title]")) == 8
    cards = doc.xpath("//div[contains(@class,'f ')]")
    assert [(c.get("data-severity"), c.get("data-lang"), c.get("data-concept")) for c in cards] == [
        ("error", "et", "c-caliper"), ("error", "et", "c-caliper"), ("error", "lt", "c-locknut"),
        ("missing", "lv", "c-rotor"), ("inconsistency", "et", "c-plastic"), ("info", "et", "c-plastic")]
    assert cards[0].xpath(".//mark/text()") == ["brake caliper", "pidurisadul"]
    assert cards[5].xpath(".//mark/text()") == ["plastic region bolts", "plastosa polte"]
    for key, values in (("lang", ["", "et", "lv", "lt"]),
                        ("severity", ["", "error", "missing", "inconsistency", "info"])):
        assert doc.xpath(f"//select[@id='f-{key}']/option/@value") == values
    assert doc.xpath("//select[@id='f-concept']/option/@value") == [
        "", "c-caliper", "c-locknut", "c-plastic", "c-rotor"]


def test_html_escapes_text(result):
    result.texts["ats-8"]["lt"] = "1. <b>Kontraveržlė</b>"
    try:
        assert "&lt;b&gt;" in render(result, "html")
    finally:
        result.texts["ats-8"]["lt"] = "1. Kontraveržlė"
