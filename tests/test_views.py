"""What a person sees: no control character from the memory ever reaches the terminal as such."""

from __future__ import annotations

from tm_runner import run_tm

from tm.records import TranslationUnit
from tm.views import printable

HOSTILE = "Assembly\x1b]0;owned\x07 \x1b[2J\x9b31m"


def test_control_characters_are_shown_as_control_pictures_one_for_one():
    assert printable("a\x1b]0;x\x07b\x00\x7f\x9bc\td\n") == "a\u241b]0;x\u2407b\u2400\u2421\ufffdc\td\n"
    assert len(printable(HOSTILE)) == len(HOSTILE)


def test_query_and_concordance_never_print_an_escape_sequence(tmp_path):
    """A memory that holds control characters (stored through the API, or by a tm older than the importers'
    refusal) still cannot drive the terminal."""
    from tm.memory import open_memory

    memory = tmp_path / "old.db"
    with open_memory(memory) as store:
        store.add_units([TranslationUnit({"en": f"The Baltic {HOSTILE}", "lv": f"Baltijas {HOSTILE}"})], origin="old")
    for args in (["query", "The Baltic Assembly", "--tgt", "lv", "--min", "10"],
                 ["concordance", "Baltic", "--lang", "en", "--langs", "lv"]):
        result = run_tm(*args, "--memory", str(memory))
        assert result.returncode == 0 and "Baltic" in result.stdout, result.stderr
        assert not any(ch in result.stdout for ch in "\x1b\x07\x9b")
        assert "\u241b]0;owned\u2407" in result.stdout
