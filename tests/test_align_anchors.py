"""Structure and glossary anchors: what a clause carries besides its words, and what they decide."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tm.align.anchors import structure_keys
from tm.align.cli_support import read_links
from tm.align.pairwise import align_documents
from tm.segment import segment_file
from tm.segment.segmenter import segment_text

CORPUS = Path(__file__).resolve().parents[1] / "corpora"
TRAFFICKING = "ba-trafficking-in-human-beings"


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
    """The Estonian trafficking resolution without its first operative item ('tunnistama, et ...'): the
    English item has no counterpart ([9]:[]); without structure it would be merged into the next item's link."""
    source = (CORPUS / "et" / f"{TRAFFICKING}.md").read_text(encoding="utf-8")
    line = next(line for line in source.splitlines(keepends=True) if line.startswith("- tunnistama"))
    english = segment_file(CORPUS / "en" / f"{TRAFFICKING}.md", "en")
    estonian = segment_text(source.replace(line, ""), "et")
    texts = [([c.text for c in english], [c.text for c in estonian])]
    with_structure = align_documents(texts, anchors=[(structure_keys(english), structure_keys(estonian))])[0]
    words_only = align_documents(texts)[0]
    around = lambda links: [str(link) for link in links if link.src and 8 <= link.src[0] <= 10]  # noqa: E731
    assert around(with_structure) == ["[8]:[8]", "[9]:[]", "[10]:[9]"]
    assert around(words_only) == ["[8]:[8]", "[9, 10]:[9]"]


def test_tm_align_with_the_glossary_gives_the_gold_links(tmp_path):
    run = subprocess.run([sys.executable, "-m", "tm", "align", str(CORPUS / "et" / f"{TRAFFICKING}.md"),
                          str(CORPUS / "lt" / f"{TRAFFICKING}.md"), "--src-lang", "et", "--tgt-lang", "lt",
                          "--glossary", str(CORPUS / "glossary.tbx")], capture_output=True, text=True, check=True)
    (tmp_path / "links.txt").write_text(run.stdout, encoding="utf-8")
    assert read_links(tmp_path / "links.txt") == read_links(CORPUS / "gold" / "et-lt" / f"{TRAFFICKING}.txt")


def test_a_missing_glossary_is_one_line_and_exit_2():
    run = subprocess.run([sys.executable, "-m", "tm", "align", str(CORPUS / "et" / f"{TRAFFICKING}.md"),
                          str(CORPUS / "lt" / f"{TRAFFICKING}.md"), "--src-lang", "et", "--tgt-lang", "lt",
                          "--glossary", "missing.tbx"], capture_output=True, text=True)
    assert (run.returncode, run.stdout, run.stderr) == (2, "", "tm: error: missing.tbx: no such glossary file\n")
