"""`tm query`: CAT match percentages, differences marked, any direction, --batch JSON lines, index = exhaustive."""

from __future__ import annotations

import json

from tm_runner import run_tm

from tm.memory import open_memory
from tm.memory.matching import differences, match_percent, render_differences
from tm.memory.query import Matcher

ADOPTION = "This Decision shall enter into force on the date of its adoption."


def test_match_percent_is_token_edit_distance_over_the_longer_text():
    assert match_percent(ADOPTION, ADOPTION) == 100
    # 13 tokens, one substituted: floor(100 * 12 / 13)
    assert match_percent("This Decision shall enter into force on the day of its adoption.", ADOPTION) == 92
    # what a translator does not count as a change costs a tenth of a token (issue 15, item 6): the final
    # punctuation, floor(100 * (13 - 0.1) / 13), and case, two tokens: floor(100 * (13 - 0.2) / 13)
    assert match_percent("This Decision shall enter into force on the date of its adoption", ADOPTION) == 99
    assert match_percent("this decision shall enter into force on the date of its adoption.", ADOPTION) == 98
    assert match_percent("This Decision shall enter into force on the date of its adoption!", ADOPTION) == 99
    assert match_percent("This Decision shall enter into force on the “date” of its adoption.",
                         'This Decision shall enter into force on the "date" of its adoption.') == 98
    # a different word still costs a whole token
    assert match_percent("This Decision shall enter into force on the date of its signature", ADOPTION) == 91
    # the same tokens spaced differently: not identical, so 99, never 100
    assert match_percent("This Decision shall enter into force on the date of its adoption .", ADOPTION) == 99
    assert match_percent("Agreement", ADOPTION) == 6  # 12 tokens differ, the missing full stop costs 0.1
    # a run of final punctuation is one token: an ellipsis for a full stop costs 0.1 of 12, and marks do not
    # lengthen a text so that one word of it is a match of another text of a word or two (81% before)
    assert match_percent("This Decision shall enter into force on the date of its adoption...", ADOPTION) == 99
    assert match_percent("Wait", "Wait...") == 95
    assert match_percent("Delete %1", "fluorescent *, †, ‡, §, **, ††, ‡‡") == 0


def test_differences_mark_what_the_match_has_and_the_query_lacks():
    query = "This Decision shall enter into force on the day of its signature."
    plain = render_differences(differences(query, ADOPTION), colour=False)
    assert plain == "This Decision shall enter into force on the [-date-]{+day+} of its [-adoption-]{+signature+}."
    coloured = render_differences(differences(query, ADOPTION), colour=True)
    assert "\033[9;31mdate\033[0m\033[32mday\033[0m" in coloured


def test_cli_query_en_lv(dgt_memory):
    result = run_tm("query", "This Decision shall enter into force on the day of its adoption.", "--tgt", "lv",
                    "--memory", str(dgt_memory), "--limit", "2")
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        " 92%  22019D0391 (and 4 more with this translation)  #129\n"
        "  en: This Decision shall enter into force on the [-date-]{+day+} of its adoption.\n"
        "  lv: Šis lēmums stājas spēkā tā pieņemšanas dienā.\n"
        " 84%  22019D1186  #1738\n"
        "  en: This Decision shall enter into force on the [-date-]{+day+} of its [-signature-]{+adoption+}.\n"
        "  lv: Šis lēmums stājas spēkā tā parakstīšanas dienā.\n")


def test_cli_query_et_to_lt_as_json(dgt_memory):
    result = run_tm("query", "Käesolev otsus jõustub selle vastuvõtmise päeval", "--src", "et", "--tgt", "lt",
                    "--memory", str(dgt_memory), "--limit", "1", "--json")
    assert json.loads(result.stdout) == {"query": "Käesolev otsus jõustub selle vastuvõtmise päeval", "matches": [
        {"score": 98, "source": "Käesolev otsus jõustub selle vastuvõtmise päeval.",
         "target": "Šis sprendimas įsigalioja jo priėmimo dieną.", "document": "22019D0391", "tuid": None,
         "repeats": 5, "partial": False, "diff": "Käesolev otsus jõustub selle vastuvõtmise päeval[-.-]",
         "id": 129, "date": None}]}


def test_cli_batch_writes_one_json_line_per_query(dgt_memory, tmp_path):
    queries = tmp_path / "queries.txt"
    queries.write_text("Agreement\nDone at Brussels, 10 July 2019.\nzzz qqq\n", encoding="utf-8")
    result = run_tm("query", "--batch", str(queries), "--tgt", "lt", "--memory", str(dgt_memory), "--limit", "1")
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["query"] for line in lines] == ["Agreement", "Done at Brussels, 10 July 2019.", "zzz qqq"]
    assert lines[0]["matches"][0]["score"] == 100 and lines[0]["matches"][0]["target"] == "VERTIMAS"
    # DGT writes "10\u00a0July": the same tokens, other spacing, so 99
    assert lines[1]["matches"][0]["score"] == 99
    assert lines[1]["matches"][0]["source"] == "Done at Brussels, 10\u00a0July 2019."
    assert lines[2]["matches"] == []


def test_index_finds_what_an_exhaustive_scan_finds(dgt_memory):
    """Every 7th English clause of the sample with one word changed: the index's best score is the true best.
    Clauses whose length alone keeps them under 70% (the edit distance is at least the difference in tokens,
    less the final punctuation, which costs little) are not scored."""
    from tm.memory.matching import TokenCoder, cat_percent, match_length, tokens

    with open_memory(dgt_memory) as store:
        matcher = Matcher(store, "en", "lv")
        memory = [(u.variants["en"]) for u in store.units(["en", "lv"]) if "lv" in u.variants]
        coder = TokenCoder()
        encoded = [tokens(text) for text in memory]
        checked = 0
        for text in memory[::7]:
            words = text.split()
            if len(words) < 4:
                continue
            query = " ".join(words[:2] + ["Parliament"] + words[3:])
            q = tokens(query)
            n = match_length(q)
            reachable = [(m, e) for m, e in zip(memory, encoded, strict=True)
                         if abs(match_length(e) - n) - 1 <= 0.3 * max(match_length(e), n)]
            best = max((100 if m == query else cat_percent(q, e, coder) for m, e in reachable), default=0)
            found = matcher.search(query, minimum=70, limit=1)
            assert (found[0].percent if found else 0) == (best if best >= 70 else 0), query
            checked += 1
    assert checked > 250


def test_a_tmx_file_serves_as_memory_directly(shared):
    tmx = shared / "data" / "dgt-tm-sample" / "tmx" / "22019D0391.tmx"
    result = run_tm("query", "This Decision shall enter into force on the day of its adoption.", "--tgt", "lt",
                    "--memory", str(tmx), "--limit", "1")
    assert result.stdout == (" 92%  22019D0391  #10\n"
                             "  en: This Decision shall enter into force on the [-date-]{+day+} of its adoption.\n"
                             "  lt: Šis sprendimas įsigalioja jo priėmimo dieną.\n")
