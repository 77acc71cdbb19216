"""The pairwise aligner on real translations (FLORES-200 en-lv, en-et), including the inputs that make
other aligners refuse or derail: empty lines, a stray paragraph from another text, very unequal lengths."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from tm_runner import run_tm

from tm.align import align_texts
from tm.align.features import document_bags, marks
from tm.align.length import calibrate
from tm.align.lexicon import learn, log_likelihood
from tm.formats.links import read_links

FLORES = {"en": "eng_Latn", "et": "est_Latn", "lv": "lvs_Latn", "lt": "lit_Latn"}


@pytest.fixture(scope="module")
def flores(shared):
    folder = shared / "data" / "flores200-devtest"
    return {lang: (folder / f"{name}.devtest").read_text(encoding="utf-8").splitlines()
            for lang, name in FLORES.items()}


def pairs(links):
    return [(link.src, link.tgt) for link in links]


def covers_every_segment_once(links, n, m):
    src = [i for link in links for i in link.src]
    tgt = [j for link in links for j in link.tgt]
    return src == list(range(n)) and tgt == list(range(m))


def test_parallel_sentences_align_one_to_one(flores):
    links = align_texts(flores["en"][:40], flores["lv"][:40])
    assert pairs(links) == [((i,), (i,)) for i in range(40)]
    assert all(0.0 <= link.score <= 1.0 for link in links)


@pytest.mark.parametrize("k", [3, 12])
def test_a_sentence_split_in_two_gives_a_one_to_two_link(flores, k):
    """Latvian sentence k cut at its middle comma. (Each half must carry a word the aligner can recognise:
    a half with no cognate, number or learned translation is reported as an insertion.)"""
    lv = flores["lv"][:20]
    sentence = lv[k]
    cut = min((x for x in range(len(sentence)) if sentence.startswith(", ", x)),
              key=lambda x: abs(x - len(sentence) / 2))
    target = lv[:k] + [sentence[:cut + 1], sentence[cut + 2:]] + lv[k + 1:]
    links = align_texts(flores["en"][:20], target)
    assert pairs(links) == [((i,), (i if i <= k else i + 1,)) if i != k else ((k,), (k, k + 1)) for i in range(20)]


def test_empty_lines_do_not_disturb_the_links(flores):
    target = flores["et"][:10] + ["", ""] + flores["et"][10:20] + [""]
    links = align_texts(flores["en"][:20], target)
    assert covers_every_segment_once(links, 20, 23)
    for i in range(20):
        j = i if i < 10 else i + 2
        assert any(i in link.src and j in link.tgt for link in links)
    assert all(len(link.src) <= 1 for link in links)


def test_a_stray_paragraph_from_another_text_has_no_counterpart(flores):
    stray = flores["lv"][500:505]
    target = flores["lv"][:15] + stray + flores["lv"][15:30]
    links = pairs(align_texts(flores["en"][:30], target))
    assert [link for link in links if link[0] == ()] == [((), (j,)) for j in range(15, 20)]
    assert [link for link in links if link[0]] == [((i,), (i if i < 15 else i + 5,)) for i in range(30)]


def test_very_unequal_lengths_still_align(flores):
    """Ten English sentences against a hundred Lithuanian ones holding their translations at 40-49."""
    links = pairs(align_texts(flores["en"][40:50], flores["lt"][:100]))
    assert [link for link in links if link[0]] == [((i,), (40 + i,)) for i in range(10)]
    assert len(links) == 100


def test_cli_prints_vecalign_links_with_scores(tmp_path, flores):
    src, tgt = tmp_path / "en.txt", tmp_path / "lv.txt"
    src.write_text("\n".join(flores["en"][:12]) + "\n", encoding="utf-8")
    tgt.write_text("\n".join(flores["lv"][:12]) + "\n", encoding="utf-8")
    result = run_tm("align", str(src), str(tgt), "--src-lang", "en",
                    "--tgt-lang", "lv", "--presegmented")
    lines = result.stdout.splitlines()
    assert [re.sub(r":[0-9.]+$", "", line) for line in lines] == [f"[{i}]:[{i}]" for i in range(12)]
    assert all(re.fullmatch(r"\[\d+\]:\[\d+\]:[01]\.\d{3}", line) for line in lines)
    out = tmp_path / "links.txt"
    out.write_text(result.stdout, encoding="utf-8")
    assert [(link.src, link.tgt) for link in read_links(out)] == [((i,), (i,)) for i in range(12)]


@pytest.mark.parametrize("args, message", [
    (["missing.txt", "{tgt}", "--src-lang", "en", "--tgt-lang", "lv"], "tm: error: missing.txt: no such file\n"),
    (["{tgt}", "{tgt}", "--src-lang", "en", "--tgt-lang", "xx"],
     "tm: error: --tgt-lang: unknown language code 'xx'\n"),
    (["{tgt}", "{tgt}", "--src-lang", "en", "--tgt-lang", "de"],
     "tm: error: {tgt}: unknown language code 'de' (segmentation rules exist for en, et, lv, lt)\n"),
    (["{tgt}", "{tgt}", "--src-lang", "en", "--tgt-lang", "l v", "--presegmented"],
     "tm: error: --tgt-lang: unknown language code 'l v'\n"),
])
def test_bad_input_is_one_line_and_exit_2(tmp_path, args, message):
    tgt = tmp_path / "lv.txt"
    tgt.write_text("Viens.\n", encoding="utf-8")
    args = [a.format(tgt=tgt) for a in args]
    result = run_tm("align", *args, cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (2, "", message.format(tgt=tgt))


def test_batch_aligns_several_documents_with_one_lexicon(tmp_path, flores):
    listing = tmp_path / "jobs.tsv"
    rows = []
    for k in range(3):
        src, tgt, out = tmp_path / f"en{k}.txt", tmp_path / f"lt{k}.txt", tmp_path / f"links{k}.txt"
        src.write_text("\n".join(flores["en"][10 * k:10 * k + 10]) + "\n", encoding="utf-8")
        tgt.write_text("\n".join(flores["lt"][10 * k:10 * k + 10]) + "\n", encoding="utf-8")
        rows.append(f"{src}\t{tgt}\t{out}\n")
    listing.write_text("".join(rows), encoding="utf-8")
    result = run_tm("align", str(listing), "--batch", "--src-lang", "en",
                    "--tgt-lang", "lt", "--presegmented")
    assert result.stdout.splitlines() == [f"wrote {tmp_path / f'links{k}.txt'}" for k in range(3)]
    for k in range(3):
        links = read_links(tmp_path / f"links{k}.txt")
        assert [(link.src, link.tgt) for link in links] == [((i,), (i,)) for i in range(10)]


def test_marks_are_tokens_numbered_by_occurrence():
    """Text+Berg test1: a two-line exchange in one German sentence, two French lines (gold [63]:[54, 55])."""
    german = "( Wenn ich falle , hältst du mich dann?> - <Du kannst es immerhin versuchen ! )"
    assert marks(german) == ["?1", "!1"]
    assert marks("- Si je tombe , tu me retiens ? ") + marks("- Tu peux toujours essayer ! ") == ["?1", "!1"]
    assert marks("Wer ? Wo ? Los ! Weiter ; dann :") == ["?1", "?2", "!1", ";1", ":1"]


def test_a_mark_is_a_key_of_its_clause_weighted_below_a_word():
    nie, rasch = document_bags(["Nie mehr ! ", "Rasch gesagt . "])
    assert nie.types == ("nie", "mehr", "!1")
    assert nie.keys[2] == frozenset({"%!1"})
    assert nie.weights[2] == pytest.approx(nie.weights[0] / 2)
    assert "!1" not in rasch.types


def test_long_texts_report_progress_through_both_passes(flores):
    """1,012 sentences: a report every 500 rows of each pass, then an empty message to clear the line."""
    heard = []
    align_texts(flores["en"], flores["lv"], progress=heard.append)
    assert [re.sub(r"lexicon of [\d,]+ words", "lexicon of N words", m) for m in heard] == [
        "align: first pass (length, anchors): 49%", "align: first pass (length, anchors): 98%",
        "align: second pass (lexicon of N words): 49%", "align: second pass (lexicon of N words): 98%", ""]


def test_tm_align_shows_progress_on_a_terminal_only(tmp_path, flores):
    """stderr a terminal: progress lines drawn over one another and cleared; stdout keeps only the links."""
    import os
    import pty

    for lang in ("en", "lv"):
        (tmp_path / f"{lang}.txt").write_text("\n".join(flores[lang]) + "\n", encoding="utf-8")
    args = [sys.executable, "-m", "tm", "align", str(tmp_path / "en.txt"), str(tmp_path / "lv.txt"),
            "--src-lang", "en", "--tgt-lang", "lv", "--presegmented"]
    leader, follower = pty.openpty()
    run = subprocess.run(args, stdout=subprocess.PIPE, stderr=follower, text=True, check=True)
    os.close(follower)
    drawn = os.read(leader, 65536).decode()
    os.close(leader)
    assert "\r\x1b[Kalign: first pass (length, anchors): 49%" in drawn and drawn.endswith("\r\x1b[K")
    assert len(run.stdout.splitlines()) == len(read_links_text(run.stdout))
    quiet = subprocess.run(args, capture_output=True, text=True, check=True)
    assert quiet.stderr == "" and quiet.stdout == run.stdout


def read_links_text(text):
    return [line for line in text.splitlines() if re.fullmatch(r"\[[\d, ]*\]:\[[\d, ]*\]:[\d.]+", line)]


def test_length_ratio_of_short_texts_is_drawn_towards_one():
    """Merges leave the totals alone; a sentence dropped from a 4-sentence text would move them by a quarter,
    and the ratio moves by clearly less; a long text keeps its own ratio; counts that differ tenfold are
    read as sentence lengths, not totals."""
    assert calibrate([130, 130, 130, 130], [130, 130, 260]).ratio == 1.0
    dropped = calibrate([130, 130, 130, 130], [130, 130, 130]).ratio
    assert 0.75 < dropped < 0.9
    assert calibrate([100] * 500, [120] * 500).ratio == pytest.approx(1.2, abs=0.005)
    assert calibrate([100] * 10, [10] * 100).ratio == pytest.approx(0.1)


def test_the_lexicon_keeps_word_pairs_that_meet_more_often_than_chance(flores):
    """From 20 true en-lv sentence pairs: translations are learned; 'the' and 'that', in most sentences on
    both sides, meet 'un', 'ka', 'kas' about as often as chance has it and are left out (Dice alone kept them)."""
    lexicon = learn(list(zip(document_bags(flores["en"][:20]), document_bags(flores["lv"][:20]), strict=True)))
    assert (lexicon["he"], lexicon["and"], lexicon["committee"], lexicon["our"]) == (
        {"viņš"}, {"un"}, {"komitejas"}, {"mūsu"})
    assert "the" not in lexicon and "that" not in lexicon


def test_log_likelihood_of_a_pair_seen_only_together():
    """Two words each in the same 2 of 15 links: G² = 2 (2 ln 7.5 + 13 ln(15/13)), over the p < .001 bar;
    two words each in 10 of 15 links meeting in 7 (as independent words would): near 0."""
    assert log_likelihood(2, 2, 2, 15) == pytest.approx(11.780, abs=1e-3)
    assert log_likelihood(7, 10, 10, 15) == pytest.approx(0.148, abs=1e-3)


def test_set_overrides_a_tuned_value_and_refuses_what_is_not_one(tmp_path, flores):
    src, tgt = tmp_path / "en.txt", tmp_path / "lv.txt"
    src.write_text("\n".join(flores["en"][:8]) + "\n", encoding="utf-8")
    tgt.write_text("\n".join(flores["lv"][:8]) + "\n", encoding="utf-8")
    args = ["align", str(src), str(tgt), "--src-lang", "en", "--tgt-lang", "lv", "--presegmented"]
    default = run_tm(*args)
    assert run_tm(*args, "--set", "length.variance_floor=1.0").stdout == default.stdout  # the default, spelled out
    scores = [line.rsplit(":", 1)[1] for line in run_tm(*args, "--set", "scoring.length_weight=0").stdout.splitlines()]
    assert scores != [line.rsplit(":", 1)[1] for line in default.stdout.splitlines()]
    bad = run_tm(*args, "--set", "length.variance_floor=loud")
    assert (bad.returncode, bad.stdout) == (2, "")
    assert bad.stderr.startswith("tm: error: ") and bad.stderr.count("\n") == 1
    assert "length.variance_floor" in bad.stderr
