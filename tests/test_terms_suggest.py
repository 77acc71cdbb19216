"""`tm glossary suggest`: recurring English terms from an aligned memory, with their renderings per language."""

from __future__ import annotations

import csv

import pytest
from tm_runner import run_tm

from tm.formats.tmx_writer import write_tmx
from tm.records import TranslationUnit
from tm.terms.suggest import suggest


@pytest.fixture(scope="module")
def dgt_units(shared) -> list[TranslationUnit]:
    """The first 400 units of the DGT-TM sample (EU agreements and decisions, real translations)."""
    with (shared / "data/dgt-tm-sample/dgt_sample_en_et_lv_lt.tsv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))[:400]
    return [TranslationUnit({lang: r[lang] for lang in ("en", "et", "lv", "lt") if r[lang]}, document=r["doc"])
            for r in rows]


def test_most_frequent_term_with_consistent_and_competing_renderings(dgt_units):
    found = suggest(dgt_units, ["et", "lv", "lt"], minimum=5, known=["Parties"])
    top = found[0]
    assert (top.term, top.units, top.in_glossary) == ("Parties", 125, True)
    assert [(r.text, r.units) for r in top.renderings["lv"]][:1] == [("Puses", 125)]
    assert [(r.text, r.units) for r in top.renderings["lt"]][:1] == [("Šalys", 124)]
    # Estonian uses two words for the parties: both show, each with how often
    assert [(r.text, r.units) for r in top.renderings["et"]][:2] == [
        ("lepinguosalised", 82), ("Kokkuleppeosalised", 42)]
    assert [s.term for s in found[1:4]] == ["Agreement", "Article", "arbitration"]


def test_parts_of_longer_terms_seen_as_often_are_left_out(dgt_units):
    terms = {s.term: s.units for s in suggest(dgt_units, ["lv"], minimum=5)}
    assert terms["arbitration panel"] < terms["arbitration"]  # both kept: "arbitration" also stands alone
    assert all(not t.startswith(("the ", "of ")) and not t.endswith((" of", " the")) for t in terms)


def test_cli_lists_candidates_and_leaves_out_glossary_terms(tmp_path, dgt_units, corpora):
    write_tmx(tmp_path / "m.tmx", dgt_units)
    (tmp_path / "g.tsv").write_text("en\tlv\nParties\tPuses\n", encoding="utf-8")
    result = run_tm("glossary", "suggest", "-m", "m.tmx", "-g", "g.tsv", "--min", "5", "--limit", "1",
                    "--langs", "lv,lt", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ("Agreement (95 units)\n  lv: nolīguma 89/95, šā nolīguma 33/95, saskaņā ar 34/95\n"
                             "  lt: Susitarimo 90/95, pagal 40/95, šio Susitarimo 31/95\n")
