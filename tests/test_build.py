"""`tm build` on the bundled corpus: every stage's output, from one run shared by these tests."""

from __future__ import annotations

import subprocess
import sys
from itertools import combinations

from lxml import etree
from tm_runner import run_tm

from tm import __version__
from tm.segment import segment_file


def test_every_document_in_every_language_is_segmented(built, corpora):
    for document in ("ba-2023-42nd-session", "ba-trafficking-in-human-beings"):
        for lang in built.corpus.langs:
            written = (built.out / "segments" / lang / f"{document}.txt").read_text(encoding="utf-8").splitlines()
            assert written == [s.text for s in segment_file(corpora / lang / f"{document}.md", lang)]


def test_summary_counts_clauses_per_document_and_language(built):
    rows = built.summary_rows()
    assert rows[0] == ("document", *built.corpus.langs, "units", "flagged")
    assert rows[1][:2] == ("ba-2023-42nd-session", "181")
    assert rows[2][:2] == ("ba-trafficking-in-human-beings", "17")


def test_cli_reports_a_missing_corpus_in_one_line(tmp_path):
    result = subprocess.run([sys.executable, "-m", "tm", "build", str(tmp_path / "none"), "-o", str(tmp_path / "out")],
                            capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr == (f"tm: error: {tmp_path / 'none'}: corpus folder not found "
                             "(expected sub-folders en/, et/, lv/, lt/)\n")
    assert not (tmp_path / "out").exists()


def test_every_clause_of_every_language_lands_in_exactly_one_unit(built):
    for document, by_lang in built.clauses.items():
        held = {lang: [] for lang in by_lang}
        for unit in built.units[document]:
            for lang, indices in unit.clauses.items():
                held[lang].extend(indices)
                assert unit.variants[lang] == " ".join(by_lang[lang][i].text for i in indices)
        assert held == {lang: list(range(len(clauses))) for lang, clauses in by_lang.items()}


def test_memory_tmx_is_valid_tmx_14_with_tm_header(built, shared):
    dtd = etree.DTD(str(shared / "standards" / "tmx14.dtd"))
    tree = etree.parse(str(built.out / "memory.tmx"))
    assert dtd.validate(tree), dtd.error_log.filter_from_errors()
    header = tree.find("header")
    assert (header.get("creationtool"), header.get("creationtoolversion"), header.get("srclang"),
            header.get("segtype")) == ("tm", __version__, "en", "phrase")
    tus = tree.findall("body/tu")
    assert len(tus) == sum(len(units) for units in built.units.values())
    first = tus[0]
    assert first.get("tuid") == "ba-2023-42nd-session-0001" and first.get("creationdate")
    assert {p.get("type") for p in first.findall("prop")} >= {"x-document", "x-kind", "x-score"}


def test_one_bilingual_memory_per_language_pair(built, shared):
    dtd = etree.DTD(str(shared / "standards" / "tmx14.dtd"))
    for a, b in combinations(built.corpus.langs, 2):
        tree = etree.parse(str(built.out / f"memory.{a}-{b}.tmx"))
        assert dtd.validate(tree)
        assert tree.find("header").get("srclang") == a
        for tu in tree.findall("body/tu"):
            assert [tuv.get("{http://www.w3.org/XML/1998/namespace}lang") for tuv in tu.findall("tuv")] == [a, b]


def test_the_steps_compose_without_a_disk(corpora, built):
    """segment -> align -> units, in memory: the same units the whole build wrote."""
    from tm.commands.build import align, glossary_checker, segment, units
    from tm.commands.corpus import discover

    corpus = discover(corpora)
    clauses = segment(corpus)
    assert units(clauses, align(clauses, glossary_checker(corpus))) == built.units


def test_until_stops_the_build_after_a_step(corpora, tmp_path):
    result = run_tm("build", str(corpora), "-o", str(tmp_path / "out"), "--until", "segment")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[1:] == [
        "ba-2023-42nd-session            181  182  178  181      -        -",
        "ba-trafficking-in-human-beings   17   17   18   16      -        -",
        f"wrote {tmp_path / 'out' / 'segments'}/"]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["segments"]
