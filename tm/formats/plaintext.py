"""Plain-text inputs (corpus documents, presegmented texts, lists, gold links): one reader with one clear error
for each way a file can fail to be UTF-8 text that tm may store."""

from __future__ import annotations

from pathlib import Path

from tm.errors import InputError
from tm.formats.readers import find_control, refuse_controls
from tm.fsutil import read_input_bytes


def read_text(path: str | Path) -> str:
    """A corpus file as text, or an InputError that says what is wrong with it and where (only a regular file,
    of at most tm.fsutil.READ_LIMIT bytes, is read; control characters are refused as every importer refuses
    them)."""
    path = Path(path)
    data = read_input_bytes(path)
    if not data.strip():
        raise InputError("file is empty", path)
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InputError(f"binary file (NUL byte at offset {nul}), expected UTF-8 text", path, f"byte {nul}")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})", path,
                         f"byte {exc.start}") from None
    text = text.removeprefix("\ufeff")
    index = find_control(text)
    if index is not None:  # the importers' rule (tm.formats.readers): clauses become memory units
        line = text.count("\n", 0, index) + 1
        refuse_controls(text[text.rfind("\n", 0, index) + 1:index + 1], path, str(line), column=True)
    return text
