"""Text is text: SQL, regular-expression and HTML characters in a unit or a query do nothing but match."""

from __future__ import annotations

from tm_runner import run_tm

from tm.memory import open_memory
from tm.records import TranslationUnit
from tm.report import alignment_html

SQL = "Robert'); DROP TABLE units; --"
REGEX = "a.*(b|c)+[d] \\1 $"
HTML = '<script>alert("x")</script> & <b onmouseover="y">'


def memory_with(tmp_path, *texts: str):
    path = tmp_path / "m.db"
    with open_memory(path) as store:
        store.add_units([TranslationUnit({"en": text, "lv": f"lv {n}"}, tuid=str(n)) for n, text in enumerate(texts)],
                        origin="test")
    return path


def test_sql_and_regex_characters_are_matched_as_text(tmp_path):
    memory = memory_with(tmp_path, SQL, REGEX, "a plain clause about the Assembly")
    for text, target in ((SQL, "lv 0"), (REGEX, "lv 1")):
        result = run_tm("query", text, "--tgt", "lv", "--json", "--memory", str(memory))
        assert result.returncode == 0, result.stderr
        assert '"score": 100' in result.stdout and f'"target": "{target}"' in result.stdout
    assert run_tm("concordance", "DROP TABLE", "--lang", "en", "--memory", str(memory)).stdout.endswith(
        "1 occurrence\n")
    assert run_tm("concordance", "(b|c)+", "--lang", "en", "--memory", str(memory)).stdout.endswith("1 occurrence\n")
    with open_memory(memory) as store:
        assert store.count() == 3


def test_the_review_page_escapes_what_it_shows(tmp_path):
    alignment_html.write(tmp_path / "a.html", [TranslationUnit({"en": HTML, "lv": HTML}, document=HTML, kind="x")],
                         ["en", "lv"], low=0.25)
    page = (tmp_path / "a.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page and "<b onmouseover" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b onmouseover" in page
