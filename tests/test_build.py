"""`tm build` on the bundled corpus: every stage's output, from one run shared by these tests."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tm.pipeline.build import build
from tm.segment import segment_file


@pytest.fixture(scope="module")
def built(tmp_path_factory, corpora):
    out = tmp_path_factory.mktemp("build")
    return build(corpora, out)


def test_every_document_in_every_language_is_segmented(built, corpora):
    for document in ("ba-2023-42nd-session", "ba-trafficking-in-human-beings"):
        for lang in built.corpus.langs:
            written = (built.out / "segments" / lang / f"{document}.txt").read_text(encoding="utf-8").splitlines()
            assert written == [s.text for s in segment_file(corpora / lang / f"{document}.md", lang)]


def test_summary_counts_clauses_per_document_and_language(built):
    rows = built.summary_rows()
    assert rows[0] == ("document", *built.corpus.langs)
    assert rows[1][:2] == ("ba-2023-42nd-session", "181")
    assert rows[2][:2] == ("ba-trafficking-in-human-beings", "17")


def test_cli_reports_a_missing_corpus_in_one_line(tmp_path):
    result = subprocess.run([sys.executable, "-m", "tm", "build", str(tmp_path / "none"), "-o", str(tmp_path / "out")],
                            capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr == f"tm: error: {tmp_path / 'none'}: corpus folder not found (expected sub-folders en/, et/, lv/, lt/)\n"
    assert not (tmp_path / "out").exists()
