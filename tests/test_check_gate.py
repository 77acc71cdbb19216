"""`tm check` as a pre-publication gate: a draft folder checked in one command (aligned on the fly), and never a
pass for what was not checked: an unknown document or language, an empty memory, no glossary, each one line
and exit 2; a language checked without its optional morphology backend is named on stderr and in the report."""

from __future__ import annotations

import json
import shutil

import pytest
from tm_runner import run_tm

from tm.formats.tmx_writer import write_tmx
from tm.records import TranslationUnit

UNITS = [TranslationUnit({"en": "On the Fight against Trafficking in Human Beings",
                          "lv": "Par cīņu pret tirdzniecību ar cilvēkiem"}, tuid="u-1", document="draft"),
         TranslationUnit({"en": "Trafficking in human beings is a crime.",
                          "lv": "Cilvēku tirdzniecība ir noziegums."}, tuid="u-2", document="draft")]


@pytest.fixture
def memory(tmp_path, corpora):
    write_tmx(tmp_path / "m.tmx", UNITS, langs=("en", "lv"))
    shutil.copy(corpora / "glossary.tbx", tmp_path / "g.tbx")
    return tmp_path


def no_glossary_env():
    return {"TM_GLOSSARY": None}


def test_a_draft_folder_is_checked_in_one_command(corpora, tmp_path):
    result = run_tm("check", str(corpora / "drafts"), "-g", str(corpora / "glossary.tbx"), "--format", "md")
    assert result.returncode == 1, result.stderr  # the draft's slips: the gate closes
    assert result.stdout.splitlines()[4:7] == ["| et | 2 | 0 | 2 | 4 | 30 |", "| lv | 1 | 1 | 1 | 3 | 31 |",
                                               "| lt | 1 | 1 | 0 | 3 | 31 |"]
    assert not (tmp_path / "build").exists()


def test_a_folder_uses_its_own_glossary_and_without_one_fails_closed(corpora, tmp_path):
    folder = tmp_path / "draft"
    shutil.copytree(corpora / "drafts", folder)
    shutil.copy(corpora / "glossary.tbx", folder / "glossary.tbx")
    result = run_tm("check", str(folder), "--langs", "lv", env=no_glossary_env())
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert list(report["summary"]) == ["lv"] and report["summary"]["lv"]["error"] == 1
    error = next(f for f in report["findings"] if f["severity"] == "error")
    assert error["message"].endswith("; approved: 'cilvēku tirdzniecība'")  # error lines name the approved term
    (folder / "glossary.tbx").unlink()
    result = run_tm("check", str(folder), env=no_glossary_env())
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (f"tm: error: {folder}: no glossary in the folder (glossary.tbx or glossary/*.tsv): "
                             "give --glossary FILE or set $TM_GLOSSARY\n")


@pytest.mark.parametrize("args,message", [
    (["--document", "ba-2099"], "--document: 'ba-2099': no such document in {where} "
                                "(it has: ba-trafficking-in-human-beings)"),
    (["--langs", "lv,fi"], "--langs: fi: not a target language of {where} (it has: et, lv, lt)"),
])
def test_a_folder_without_the_document_or_language_asked_for_fails_closed(corpora, args, message):
    where = corpora / "drafts"
    result = run_tm("check", str(where), "-g", str(corpora / "glossary.tbx"), *args)
    assert (result.returncode, result.stdout, result.stderr) == (2, "", f"tm: error: {message.format(where=where)}\n")


@pytest.mark.parametrize("args,message", [
    (["--document", "other"], "--document: 'other': no such document in the memory (it has: draft)"),
    (["--langs", "lv,et"], "--langs: et: not a target language of the memory (it has: lv)"),
    (["--langs", "en"], "--langs: en: not a target language of the memory (it has: lv)"),
    (["-m", "empty.tmx"], "the memory is empty: nothing to check"),
    (["-g", "none.tbx"], "none.tbx: no such glossary file"),
])
def test_the_memory_without_what_was_asked_for_fails_closed(memory, args, message):
    write_tmx(memory / "empty.tmx", [], langs=("en", "lv"))
    result = run_tm("check", "-m", "m.tmx", "-g", "g.tbx", *args, cwd=memory)
    assert (result.returncode, result.stdout, result.stderr) == (2, "", f"tm: error: {message}\n")


def test_the_memory_check_defaults_to_the_languages_it_has(memory):
    result = run_tm("check", "-m", "m.tmx", "-g", "g.tbx", cwd=memory)
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert report["langs"] == ["lv"]
    [error] = [f for f in report["findings"] if f["severity"] == "error"]
    assert error["message"] == ("'Trafficking in Human Beings': deprecated variant 'tirdzniecību ar cilvēkiem' "
                                "(tirdzniecība ar cilvēkiem); approved: 'cilvēku tirdzniecība'")


def test_a_missing_morphology_backend_is_named_on_stderr_and_in_the_report(memory, monkeypatch):
    import tm.lang.wordkeys as wordkeys

    monkeypatch.setattr(wordkeys, "hunspell_for", lambda lang: None)
    monkeypatch.setattr(wordkeys, "load_vabamorf", lambda: None)
    note = ("morphology backend not installed: Hunspell for lv (pip install 'tm[hunspell]' and Debian's "
            "hunspell-lv/hunspell-lt): some inflected terms in lv may be reported missing")
    result = run_tm("check", "-m", "m.tmx", "-g", "g.tbx", cwd=memory)
    assert result.stderr == f"tm: note: {note}\n"
    report = json.loads(result.stdout)
    assert (report["degraded"], report["note"]) == ({"lv": "Hunspell"}, note)
    md = run_tm("check", "-m", "m.tmx", "-g", "g.tbx", "--format", "md", cwd=memory).stdout
    assert f"\nNote: {note}.\n" in md
    html = run_tm("check", "-m", "m.tmx", "-g", "g.tbx", "--format", "html", cwd=memory).stdout
    assert 'id="degraded"' in html and "Hunspell for lv" in html


def test_every_missing_backend_is_named_with_its_languages(monkeypatch, corpora):
    import tm.lang.wordkeys as wordkeys
    from tm.terms.check import Checker
    from tm.terms.io import read_glossary

    monkeypatch.setattr(wordkeys, "hunspell_for", lambda lang: None)
    monkeypatch.setattr(wordkeys, "load_vabamorf", lambda: None)
    result = Checker(read_glossary(corpora / "glossary.tbx"), ["et", "lv", "lt"]).check(UNITS)
    assert result.degraded == {"et": "Vabamorf", "lv": "Hunspell", "lt": "Hunspell"}
    assert result.note.startswith("morphology backend not installed: Vabamorf for et (pip install 'tm[estonian]'); "
                                  "Hunspell for lv, lt (")


def test_with_the_backend_installed_nothing_is_noted(memory):
    from tm.lang.wordkeys import hunspell_for

    if hunspell_for("lv") is None:
        pytest.skip("Hunspell for lv not installed (pip install 'tm[hunspell]', Debian's hunspell-lv)")
    result = run_tm("check", "-m", "m.tmx", "-g", "g.tbx", cwd=memory)
    assert result.stderr == "" and json.loads(result.stdout)["degraded"] == {}
