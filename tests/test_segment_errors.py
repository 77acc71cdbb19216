"""Bad input to `tm segment`: one line on stderr naming the file (and the byte, where there is one), exit 2."""

from __future__ import annotations

import subprocess

import pytest
from tm_runner import run_tm


def assert_one_line_error(result: subprocess.CompletedProcess, expected: str) -> None:
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == f"tm: error: {expected}\n"


def test_unknown_language_code(corpora):
    path = corpora / "en" / "ba-trafficking-in-human-beings.md"
    assert_one_line_error(run_tm("segment", str(path), "--lang", "fi"),
                          f"{path}: unknown language code 'fi' (segmentation rules exist for en, et, lv, lt)")


def test_missing_file(tmp_path):
    assert_one_line_error(run_tm("segment", str(tmp_path / "nope.md"), "--lang", "en"),
                          f"{tmp_path / 'nope.md'}: no such file")


def test_empty_file(tmp_path):
    path = tmp_path / "empty.md"
    path.write_text("  \n\n")
    assert_one_line_error(run_tm("segment", str(path), "--lang", "lv"), f"{path}: file is empty")


def test_directory(tmp_path):
    assert_one_line_error(run_tm("segment", str(tmp_path), "--lang", "et"), f"{tmp_path}: is a directory, not a file")


def test_latin1_bytes_name_the_byte_offset(tmp_path):
    path = tmp_path / "latin1.md"
    path.write_bytes("Rezolūcija: ".encode() + "façade".encode("latin-1"))
    assert_one_line_error(run_tm("segment", str(path), "--lang", "lv"),
                          f"{path}:byte 15: not valid UTF-8 (byte 0xe7 at offset 15)")


@pytest.mark.parametrize("blob", [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", b"%PDF-1.7\n\x00binary"])
def test_binary_file(tmp_path, blob):
    path = tmp_path / "scan.md"
    path.write_bytes(blob)
    offset = blob.index(b"\x00")
    assert_one_line_error(run_tm("segment", str(path), "--lang", "lt"),
                          f"{path}:byte {offset}: binary file (NUL byte at offset {offset}), expected UTF-8 text")


def test_missing_language_option_is_a_usage_error(corpora):
    result = run_tm("segment", str(corpora / "en" / "ba-trafficking-in-human-beings.md"))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
