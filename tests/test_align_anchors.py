"""Structure and glossary anchors: what a clause carries besides its words, and what they decide."""

from __future__ import annotations

from pathlib import Path

from tm_runner import run_tm

from tm.align.anchors import structure_keys
from tm.align.pairwise import align_documents
from tm.formats.links import read_links
from tm.segment import segment_file
from tm.segment.segmenter import segment_text

CORPUS = Path(__file__).resolve().parents[1] / "corpora"
TRAFFICKING = "ba-trafficking-in-human-beings"
SESSION = "ba-2023-42nd-session"


def test_structure_keys_of_the_trafficking_resolution():
    clauses = segment_file(CORPUS / "en" / f"{TRAFFICKING}.md", "en")
    keys = structure_keys(clauses)
    assert keys[0] == {"¶title", "¶opens", "¶closes"}
    assert keys[1] == {"¶formula", "¶opens", "¶closes"}
    assert keys[2] == {"¶preamble", "¶opens"}  # 'acknowledges that ...' opens a paragraph of two clauses
    assert keys[3] == {"¶preamble", "¶closes"}  # 'In recent years, ...' ends it
    assert keys[9] == {"¶operative", "¶opens", "¶closes"}  # '- to acknowledge that ...': a one-clause item


def test_numbered_items_and_headings_are_keyed_by_their_number():
    text = ("calls on the governments:\n\nregarding security:\n\n1. to acknowledge that trafficking in human "
            "beings is a crime;\n2. to implement initiatives.\n\nregarding health:\n\n1. to fill the gaps.\n")
    keys = structure_keys(segment_text(text, "en"))
    assert keys[1] == {"¶heading", "¶heading 1", "¶opens", "¶closes"}
    assert keys[2] == {"¶operative", "¶item 1", "¶opens", "¶closes"}
    assert keys[3] == {"¶operative", "¶item 2", "¶opens", "¶closes"}
    assert keys[4] == {"¶heading", "¶heading 2", "¶opens", "¶closes"}


def test_a_missing_list_item_is_left_unlinked_not_merged_into_its_neighbour():
    """The Latvian 42nd-session resolution without its item 'sākt saskaņot ...' (English clause 51, 'to start
    harmonizing the anti-money laundering regulations ...'): with structure the English item has no
    counterpart ([51]:[]); on words alone it is merged into the previous item's link."""
    source = (CORPUS / "lv" / f"{SESSION}.md").read_text(encoding="utf-8")
    line = next(line for line in source.splitlines(keepends=True) if line.startswith("- sākt saskaņot"))
    english = segment_file(CORPUS / "en" / f"{SESSION}.md", "en")
    latvian = segment_text(source.replace(line, ""), "lv")
    texts = [([c.text for c in english], [c.text for c in latvian])]
    with_structure = align_documents(texts, anchors=[(structure_keys(english), structure_keys(latvian))])[0]
    words_only = align_documents(texts)[0]
    around = lambda links: [str(link) for link in links if link.src and 50 <= link.src[0] <= 52]  # noqa: E731
    assert around(with_structure) == ["[50]:[47]", "[51]:[]", "[52]:[48]"]
    assert around(words_only) == ["[50, 51]:[47]", "[52]:[48]"]


def test_tm_align_with_the_glossary_gives_the_gold_links(tmp_path):
    run = run_tm("align", str(CORPUS / "et" / f"{TRAFFICKING}.md"),
                 str(CORPUS / "lt" / f"{TRAFFICKING}.md"), "--src-lang", "et", "--tgt-lang", "lt",
                 "--glossary", str(CORPUS / "glossary.tbx"))
    (tmp_path / "links.txt").write_text(run.stdout, encoding="utf-8")
    assert [(link.src, link.tgt) for link in read_links(tmp_path / "links.txt")] == \
        [(link.src, link.tgt) for link in read_links(CORPUS / "gold" / "et-lt" / f"{TRAFFICKING}.txt")]


def test_a_missing_glossary_is_one_line_and_exit_2():
    run = run_tm("align", str(CORPUS / "et" / f"{TRAFFICKING}.md"),
                 str(CORPUS / "lt" / f"{TRAFFICKING}.md"), "--src-lang", "et", "--tgt-lang", "lt",
                 "--glossary", "missing.tbx")
    assert (run.returncode, run.stdout, run.stderr) == (2, "", "tm: error: missing.tbx: no such glossary file\n")
