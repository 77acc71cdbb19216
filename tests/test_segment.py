"""Clause segmentation, specified on real passages of the resolutions and on the traps the rules exist for."""

from __future__ import annotations

import json
import re
from itertools import pairwise

import pytest
from click.testing import CliRunner

from tm.cli import cli
from tm.segment import RULES_PATH, segment_file, segment_text
from tm.segment.markdown import plain_document
from tm.segment.srx import read_srx

EN_42 = "corpora/en/ba-2023-42nd-session.md"
EN_THB = "corpora/en/ba-trafficking-in-human-beings.md"


def texts(segments):
    return [s.text for s in segments]


def test_title_formula_and_preamble_of_the_42nd_session(corpora):
    clauses = segment_file(corpora / "en" / "ba-2023-42nd-session.md", "en")
    assert [(c.kind, c.text) for c in clauses[:6]] == [
        ("title", "RESOLUTION of the 42nd Session of the Baltic Assembly"),
        ("formula", "The Baltic Assembly,"),
        ("preamble",
         "having convened for its 42nd Session on 23–24 November 2023 in Tallinn, the Republic of Estonia,"),
        ("preamble", "having discussed the results of the Estonian Presidency in the Baltic Assembly, joining forces "
         "towards a region that is more resilient to economic and energy market pressures as well as effective and "
         "coherent regional civil defence through close consultations and coordination of the Baltic States,"),
        ("preamble", "emphasizing the severe consequences of the Russian aggression against Ukraine that has grossly "
         "violated the universally recognised norms and principles of international law,"),
        ("preamble", "and acknowledging the insufficient effectiveness of the existing international mechanisms and "
         "actions to ensure the rapid victory of Ukraine thus protecting Ukrainians from even more suffering and "
         "destruction,"),
    ]


def test_a_list_of_gerunds_after_an_oxford_comma_is_not_a_second_participial_clause(corpora):
    clauses = texts(segment_file(corpora / "en" / "ba-2023-42nd-session.md", "en"))
    assert (
        "and underlining the increased need for the Baltic States to remain united, strong and proactive in "
        "supporting Ukraine, exposing true nature of Russia, and addressing joint challenges for strengthening of "
        "the region," in clauses
    )


def test_calls_on_formula_headings_operative_clauses_and_closing(corpora):
    clauses = segment_file(corpora / "en" / "ba-2023-42nd-session.md", "en")
    kinds = [c.kind for c in clauses]
    assert kinds.count("formula") == 2
    assert kinds.count("heading") == 15
    assert kinds.count("operative") == 133
    assert (clauses[31].kind, clauses[31].text) == (
        "formula",
        "calls on the parliaments and governments of the Republic of Estonia, the Republic of Latvia, and the "
        "Republic of Lithuania, as well as the Baltic Council of Ministers:",
    )
    assert (clauses[32].kind, clauses[32].text) == (
        "heading", "regarding the security and defence cooperation of the Baltic States:")
    assert (clauses[33].kind, clauses[33].text) == (
        "operative",
        "to develop a clear roadmap for further steps towards the joint operational area of the Baltic States;")
    assert (clauses[-1].kind, clauses[-1].text) == ("other", "Tallinn, 24 November 2023")


def test_abbreviation_inside_an_operative_clause_does_not_cut(corpora):
    clauses = texts(segment_file(corpora / "en" / "ba-2023-42nd-session.md", "en"))
    [clause] = [c for c in clauses if "(e.g. modern" in c]
    assert clause.startswith("to analyse the range of vocational and technical education programmes")
    assert clause.endswith(";")


def test_sentences_and_semicolons_cut_the_trafficking_preamble(corpora):
    clauses = segment_file(corpora / "en" / "ba-trafficking-in-human-beings.md", "en")
    assert [c.kind for c in clauses[:9]] == ["title", "formula"] + ["preamble"] * 6 + ["formula"]
    assert clauses[2].text.endswith("urges governments to pay particular attention to these matters.")
    assert clauses[3].text.startswith("In recent years, significant achievements have been made")
    assert clauses[6].text.endswith("is not a problem of a single country and cannot be solved by one country;")
    assert clauses[7].text == (
        "therefore, the fight should involve countries of the victims' origin, transit countries and "
        "recipient countries,")
    assert clauses[13].text == (
        "to pay particular attention to specific socially vulnerable groups in order to prevent the trafficking of "
        "children;")


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("et", "**Balti Assamblee,**\n\n**olles kogunenud** 23.–24. novembril 2023 Tallinnas 42. istungjärgule, "
         "nt. Eesti Vabariigis, ja **rõhutades** koostöö tähtsust,\n",
         ["Balti Assamblee,",
          "olles kogunenud 23.–24. novembril 2023 Tallinnas 42. istungjärgule, nt. Eesti Vabariigis,",
          "ja rõhutades koostöö tähtsust,"]),
        ("lv", "**Baltijas Asambleja,**\n\n**sanākot** uz 42. sesiju 2023. gada 23.–24. novembrī Tallinā, "
         "un **uzsverot** 2. Pasaules kara mācības. Sesija notika Igaunijā;\n",
         ["Baltijas Asambleja,", "sanākot uz 42. sesiju 2023. gada 23.–24. novembrī Tallinā,",
          "un uzsverot 2. Pasaules kara mācības.", "Sesija notika Igaunijā;"]),
        ("lt", "**Baltijos Asamblėja,**\n\n**susirinkusi** į 42-ąją sesiją 2023 m. lapkričio 23–24 d. Taline, "
         "ir **pabrėždama** bendradarbiavimo svarbą, pvz. Lietuvoje. Kitas sakinys.\n",
         ["Baltijos Asamblėja,", "susirinkusi į 42-ąją sesiją 2023 m. lapkričio 23–24 d. Taline,",
          "ir pabrėždama bendradarbiavimo svarbą, pvz. Lietuvoje.", "Kitas sakinys."]),
        ("lt", "**Baltijos Asamblėja,**\n\n**remdama** projektus, ir programa „Kūrybiška Europa“ veikia, "
         "ir dar kartą patvirtindama paramą (mokykloms, muziejams ir kt.) Baltijos regione,\n",
         ["Baltijos Asamblėja,", "remdama projektus, ir programa „Kūrybiška Europa“ veikia,",
          "ir dar kartą patvirtindama paramą (mokykloms, muziejams ir kt.) Baltijos regione,"]),
        ("en", "- to agree on 3B common data standards, e.g. Mr. Smith's. The Assembly agrees;\n",
         ["to agree on 3B common data standards, e.g. Mr. Smith's.", "The Assembly agrees;"]),
    ],
)
def test_ordinal_and_date_dots_abbreviations_and_participial_joins(lang, text, expected):
    assert texts(segment_text(text, lang)) == expected


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def corpus_files(corpora):
    return sorted(p for p in corpora.glob("*/*.md") if p.parent.name in ("en", "et", "lv", "lt"))


def test_nothing_is_lost_spans_tile_every_corpus_file(corpora):
    files = corpus_files(corpora)
    assert files
    for path in files:
        source = path.read_text(encoding="utf-8")
        clauses = segment_file(path, path.parent.name)
        assert _squash("".join(source[c.start:c.end] for c in clauses)) == _squash(source), path
        assert all(a.end <= b.start for a, b in pairwise(clauses)), path


def test_nothing_is_lost_clause_texts_rebuild_the_plain_document(corpora):
    for path in corpus_files(corpora):
        clauses = segment_file(path, path.parent.name)
        plain = plain_document(path.read_text(encoding="utf-8"))
        assert _squash("".join(c.text for c in clauses)) == _squash(plain), path


def test_srx_parses_and_its_rules_reproduce_tm_segment(tmp_path, corpora):
    out = tmp_path / "rules.srx"
    result = CliRunner().invoke(cli, ["segment", "--export-srx", str(out)])
    assert result.exit_code == 0, result.output
    exported = read_srx(out)
    assert exported == read_srx(RULES_PATH)
    assert {m.rule_name for m in exported.maps} == {"English", "Estonian", "Latvian", "Lithuanian", "Default"}
    for path in corpus_files(corpora):
        lang = path.parent.name
        assert texts(segment_file(path, lang, rules=out)) == texts(segment_file(path, lang)), path


def test_json_gives_kind_and_span(corpora):
    result = CliRunner().invoke(cli, ["segment", str(corpora / "en" / "ba-trafficking-in-human-beings.md"),
                                      "--lang", "en", "--json"])
    assert result.exit_code == 0
    rows = json.loads(result.output)
    assert rows[1] == {"index": 1, "kind": "formula", "start": 71, "end": 94, "text": "The Baltic Assembly"}
    source = (corpora / "en" / "ba-trafficking-in-human-beings.md").read_text(encoding="utf-8")
    assert source[71:94] == "**The Baltic Assembly**"


@pytest.mark.parametrize(("lang", "expected"), [
    ("et", [("title", "Balti Assamblee 42. istungjärgu RESOLUTSIOON"),
            ("formula", "Balti Assamblee,"),
            ("preamble", "olles kogunenud oma 42. istungjärgule 23.–24. novembril 2023 Tallinnas Eesti Vabariigis,")]),
    ("lt", [("title", "Baltijos Asamblėjos 42-osios sesijos REZOLIUCIJA"),
            ("formula", "Baltijos Asamblėja,"),
            ("preamble", "susirinkusi į 42-ąją sesiją 2023 m. lapkričio 23–24 d. Taline, Estijos Respublikoje,")]),
])
def test_translations_open_with_title_formula_and_dated_preamble(corpora, lang, expected):
    clauses = segment_file(corpora / lang / "ba-2023-42nd-session.md", lang)
    assert [(c.kind, c.text) for c in clauses[:3]] == expected


@pytest.mark.parametrize(("lang", "closing"), [
    ("et", ("other", "Tallinn, 24. november 2023")),
    ("lt", ("other", "Taline, 2023 m. lapkričio 24 d.")),
])
def test_translations_close_with_the_dated_place_in_one_clause(corpora, lang, closing):
    clauses = segment_file(corpora / lang / "ba-2023-42nd-session.md", lang)
    assert (clauses[-1].kind, clauses[-1].text) == closing
    assert clauses[-2].kind == "operative" and clauses[-2].text.endswith(".")


def test_export_omegat_writes_the_project_rules_omegat_reads(tmp_path):
    from tm.segment.omegat import segmentation_conf

    out = tmp_path / "omegat" / "segmentation.conf"
    result = CliRunner().invoke(cli, ["segment", "--export-omegat", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == segmentation_conf(read_srx(RULES_PATH))
