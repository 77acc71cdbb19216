"""Issue 14, the readers' and writers' part: every bad input or failed write is one line naming the file and
the place, exit 2, never a traceback, and an import that fails leaves the memory exactly as it was.

Most cases run the command line in this process (tm.cli.main, as the console script does) to keep the file
fast; those that could hang (a FIFO) or need another user run it as a subprocess with a timeout.
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import socket
import subprocess
import threading
from pathlib import Path

import polib
import pytest
from memory_fixtures import units_of
from tm_runner import run_tm, run_tm_process

from tm.errors import InputError
from tm.formats.spreadsheet import from_spreadsheet, spreadsheet_safe, spreadsheet_safe_row
from tm.fsutil import READ_LIMIT, STREAM_LIMIT, atomic_write, describe_limit, read_input_bytes
from tm.memory import open_memory
from tm.records import TranslationUnit

CONTROL_RULE = "(refused: only tab and line breaks may be in a text)"


@pytest.fixture
def tm():
    """`tm ARGS` in this process, as (exit code, stdout, stderr)."""
    def run(*args) -> tuple[int, str, str]:
        result = run_tm(*map(str, args))
        return result.returncode, result.stdout, result.stderr

    return run


def refused(result, message: str) -> None:
    assert result == (2, "", f"tm: error: {message}\n")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def memory(tmp_path) -> Path:
    path = tmp_path / "memory.db"
    with open_memory(path) as store:
        store.add_units([TranslationUnit({"en": "Agreement", "lv": "Nolīgums"}, tuid="t1", document="d")], "seed")
    return path


def assert_import_refused(tm, memory: Path, path: Path, message: str) -> None:
    before, rows = digest(memory), units_of(memory)
    refused(tm("import", path, "--memory", memory), f"{path}:{message}")
    assert digest(memory) == before and units_of(memory) == rows


def write(path: Path, data: bytes | str) -> Path:
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def tmx(body: str, prolog: str = "") -> str:
    return (prolog + '<tmx version="1.4"><header srclang="en"/><body>\n'
            '<tu><tuv xml:lang="en"><seg>Agreement</seg></tuv><tuv xml:lang="lv"><seg>Nolīgums</seg></tuv></tu>\n'
            + body + "</body></tmx>")


def xliff(body: str) -> str:
    return ('<xliff version="1.2"><file source-language="en" target-language="lv" original="d"><body>\n'
            + body + "</body></file></xliff>")


PO_HEADER = 'msgid ""\nmsgstr ""\n"Language: lv\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


def mo_bytes(tmp_path: Path, msgstr: str = "Nolīgums") -> bytes:
    catalogue = polib.POFile()
    catalogue.metadata = {"Language": "lv", "Content-Type": "text/plain; charset=UTF-8"}
    catalogue.append(polib.POEntry(msgid="Agreement", msgstr=msgstr))
    catalogue.save_as_mofile(str(tmp_path / "made.mo"))
    return (tmp_path / "made.mo").read_bytes()


# 1. Control characters: refused, with the file, the line and the code point, by every import path.

def test_nul_in_csv_is_refused_with_line_and_code_point(tm, memory, tmp_path):
    path = write(tmp_path / "n.csv", b"en,lv\nzz\x00zz,x\n")
    assert_import_refused(tm, memory, path, f"2: control character U+0000 at column 3 {CONTROL_RULE}")


CONTROL_CASES = {
    "tsv escape sequence": ("e.tsv", "en\tlv\nok\tfine\nred \x1b[31m\tx\n",
                            f"3: control character U+001B at column 5 {CONTROL_RULE}"),
    "csv lone carriage return": ("r.csv", "en,lv\nsafe\rEVIL,x\n",
                                 f"2: control character U+000D at column 5 {CONTROL_RULE}"),
    "tmx C1 CSI": ("c1.tmx", tmx("<tu><tuv xml:lang='en'><seg>a \u009b31m b</seg></tuv></tu>\n"),
                   f"3: control character U+009B in <seg> {CONTROL_RULE}"),
    "tmx lone CR by reference": ("cr.tmx", tmx("<tu><tuv xml:lang='en'><seg>a&#13;b</seg></tuv></tu>\n"),
                                 f"3: control character U+000D in <seg> {CONTROL_RULE}"),
    "tmx DEL in a property": ("del.tmx", tmx("<tu><prop type='x-document'>d\u007f</prop>"
                                             "<tuv xml:lang='en'><seg>a</seg></tuv></tu>\n"),
                              f"3: control character U+007F in <prop> {CONTROL_RULE}"),
    "xliff NEL in a target": ("n.xlf", xliff('<trans-unit id="1"><source>a</source>\n<target>b\u0085</target>'
                                             "</trans-unit>"),
                              f"3: control character U+0085 in <target> {CONTROL_RULE}"),
    "xliff C1 in the file's original": (
        "o.xlf", '<xliff version="1.2">\n<file source-language="en" target-language="lv" original="d\u0090">'
        '<body><trans-unit id="1"><source>a</source><target>b</target></trans-unit></body></file></xliff>',
        f"2: control character U+0090 in the attribute original {CONTROL_RULE}"),
    "po literal BEL": ("b.po", PO_HEADER + 'msgid "Agreement"\nmsgstr "Nol\x07gums"\n',
                       f"7: control character U+0007 at column 12 {CONTROL_RULE}"),
    "po escaped backspace": ("bs.po", PO_HEADER + 'msgid "Agreement"\nmsgstr "Nol\\bgums"\n',
                             f"7: control character U+0008 (escaped) {CONTROL_RULE}"),
}


@pytest.mark.parametrize("case", sorted(CONTROL_CASES))
def test_control_characters_are_refused_on_every_import_path(case, tm, memory, tmp_path):
    name, data, message = CONTROL_CASES[case]
    assert_import_refused(tm, memory, write(tmp_path / name, data), message)


def test_control_character_in_an_mo_file(tm, memory, tmp_path):
    path = write(tmp_path / "lv.mo", mo_bytes(tmp_path, "Nol\x1b]0;owned\x07gums"))
    assert_import_refused(tm, memory, path, f"message 1: control character U+001B in msgstr {CONTROL_RULE}")


@pytest.mark.parametrize("name,data,message", [
    ("g.csv", "en,lv\nterm\x1b,x\n", f"2: control character U+001B at column 5 {CONTROL_RULE}"),
    ("g.tbx", '<tbx type="TBX-Basic"><text><body><conceptEntry id="c1"><langSec xml:lang="en">\n'
              "<termSec><term>a\u009bb</term></termSec></langSec></conceptEntry></body></text></tbx>",
     f"2: control character U+009B in <term> {CONTROL_RULE}"),
])
def test_control_characters_in_glossaries(name, data, message, tm, tmp_path):
    target = tmp_path / "glossary.tbx"
    path = write(tmp_path / name, data)
    refused(tm("glossary", "import", path, "-g", target), f"{path}:{message}")
    assert not target.exists()


def test_tab_and_crlf_line_breaks_are_text(tm, memory, tmp_path):
    path = write(tmp_path / "crlf.csv", b'en,lv\r\n"two\r\nlines",a\tb\r\n')
    assert tm("import", path, "--memory", memory)[0] == 0
    assert ("", "", [("en", "two\r\nlines"), ("lv", "a\tb")]) in [row[:3] for row in units_of(memory)]


def test_documents_for_segmenting_refuse_control_characters(tm, tmp_path):
    path = write(tmp_path / "esc.md", "Hello world.\nThis is \x1b[31mred.\n")
    refused(tm("segment", path, "--lang", "en"), f"{path}:2: control character U+001B at column 9 {CONTROL_RULE}")


def test_xliff_and_po_exports_refuse_a_stored_unit_with_a_control_character(tm, tmp_path):
    memory = tmp_path / "old.db"  # stored directly, as before the importers refused such characters
    with open_memory(memory) as store:
        store.add_units([TranslationUnit({"en": "ok", "lv": "labi"}, tuid="t0"),
                         TranslationUnit({"en": "red", "lv": "sarkans\x1b[31m"}, tuid="t1")], "old")
    for fmt, name in (("xliff", "out.xlf"), ("po", "out.po")):
        out = tmp_path / name
        refused(tm("export", out, "--format", fmt, "--langs", "en,lv", "--memory", memory),
                f"{out}: control character U+001B in the lv text of the unit 't1' {CONTROL_RULE}")
        assert not out.exists() and not list(tmp_path.glob(f".{name}.*"))


# 3. Unbounded reads: only regular files, of bounded size.

@pytest.fixture
def zero_link(tmp_path) -> Path:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    link = tmp_path / "zero.md"
    link.symlink_to("/dev/zero")
    return link


def test_devices_are_refused(tm, zero_link, memory, tmp_path):
    refused(tm("segment", "/dev/zero", "--lang", "en"),
            "/dev/zero: not a regular file (a character device): tm reads only files")
    refused(tm("segment", zero_link, "--lang", "en"),
            f"{zero_link}: not a regular file (a character device): tm reads only files")
    refused(tm("align", zero_link, zero_link, "--src-lang", "en", "--tgt-lang", "lv", "--presegmented"),
            f"{zero_link}: not a regular file (a character device): tm reads only files")
    for name in ("zero.tmx", "zero.csv", "zero.po"):
        (tmp_path / name).symlink_to("/dev/zero")
        before = digest(memory)
        refused(tm("import", tmp_path / name, "--memory", memory),
                f"{tmp_path / name}: not a regular file (a character device): tm reads only files")
        assert digest(memory) == before
    refused(tm("glossary", "list", "-g", tmp_path / "zero.csv"),
            f"{tmp_path / 'zero.csv'}: not a regular file (a character device): tm reads only files")


def test_a_fifo_is_refused_at_once(tmp_path):
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    listing = write(tmp_path / "list.tsv", f"{fifo}\t{fifo}\t{tmp_path / 'out.txt'}\n")
    for args in (["segment", fifo, "--lang", "en"], ["align", listing, "--batch", "--src-lang", "en",
                                                      "--tgt-lang", "lv", "--presegmented"]):
        result = run_tm_process(*args, timeout=30)
        assert (result.returncode, result.stderr) == (2, f"tm: error: {fifo}: not a regular file (a FIFO): "
                                                         "tm reads only files\n")
    (tmp_path / "pipe.tbx").symlink_to(fifo)
    result = run_tm_process("glossary", "list", "-g", tmp_path / "pipe.tbx", timeout=30)
    assert (result.returncode, result.stderr) == (
        2, f"tm: error: {tmp_path / 'pipe.tbx'}: not a regular file (a FIFO): tm reads only files\n")


def test_sizes_are_bounded_and_the_limit_is_said(tmp_path):
    assert (describe_limit(READ_LIMIT), describe_limit(STREAM_LIMIT)) == ("256 MiB", "16 GiB")
    path = write(tmp_path / "big.md", b"x" * 11)
    with pytest.raises(InputError) as caught:
        read_input_bytes(path, limit=10)
    assert str(caught.value) == f"{path}: file is larger than tm's limit of 10 bytes for this kind of input"
    assert read_input_bytes(path, limit=11) == b"x" * 11
    with pytest.raises(InputError, match="larger than tm's limit of 64 bytes"):  # st_size 0, yet it holds more
        read_input_bytes("/proc/self/maps", limit=64)


# 6. What the readers accept they read exactly; the rest is refused with its place.

def test_unterminated_po_string_is_refused(tm, memory, tmp_path):
    path = write(tmp_path / "u.po", PO_HEADER + 'msgid "Agreement"\nmsgstr "Nolīgums\n')
    assert_import_refused(tm, memory, path, "7: malformed PO: unterminated string")


@pytest.mark.parametrize("line,message", [
    ('msgstr "Nolīgums\\"', "unterminated string"),
    ('msgstr "Nol" gums"', "text after the closing quote"),
    ('msgstr "Nol\\aigums"', "unsupported escape \\a"),
    ('msgstr Nolīgums', "unknown line 'msgstr Nolīgums'"),
])
def test_po_syntax_errors_are_refused_with_their_line(line, message, tm, memory, tmp_path):
    path = write(tmp_path / "s.po", PO_HEADER + f'msgid "Agreement"\n{line}\n')
    assert_import_refused(tm, memory, path, f"7: malformed PO: {message}")


def test_truncated_mo_files(tm, memory, tmp_path):
    data = mo_bytes(tmp_path)
    path = write(tmp_path / "lv.mo", data[:10])
    before = digest(memory)
    refused(tm("import", path, "--memory", memory), f"{path}: truncated MO file (10 bytes, the header alone has 28)")
    write(path, data[:28])
    refused(tm("import", path, "--memory", memory),
            f"{path}: truncated MO file (its tables of 2 messages end past byte 28)")
    write(path, data[:-3])
    refused(tm("import", path, "--memory", memory),
            f"{path}:message 2: truncated MO file (string 2 ends past byte {len(data) - 3})")
    assert digest(memory) == before


@pytest.mark.parametrize("attribute,message", [
    ('usagecount="²"', "bad usagecount '²' (expected a whole number from 0 to 9223372036854775807)"),
    ('usagecount="99999999999999999999"',
     "bad usagecount '99999999999999999999' (expected a whole number from 0 to 9223372036854775807)"),
    ('creationdate="10101T000000Z"', "bad TMX date '10101T000000Z' (expected YYYYMMDDThhmmssZ)"),
    ('creationdate="2023111T000000Z"', "bad TMX date '2023111T000000Z' (expected YYYYMMDDThhmmssZ)"),
    ('changedate="20231301T000000Z"', "bad TMX date '20231301T000000Z' (expected YYYYMMDDThhmmssZ)"),
])
def test_tmx_attributes_are_read_exactly_or_refused(attribute, message, tm, memory, tmp_path):
    path = write(tmp_path / "a.tmx", tmx(f"<tu {attribute}><tuv xml:lang='en'><seg>a</seg></tuv></tu>\n"))
    assert_import_refused(tm, memory, path, f"3: {message}")


@pytest.mark.parametrize("score", ["1_0", "nan", "1e999", "\u0661"])
def test_tmx_scores_that_cannot_be_written_back_are_refused(score, tm, memory, tmp_path):
    path = write(tmp_path / "s.tmx", tmx(f"<tu><prop type='x-score'>{score}</prop>"
                                         "<tuv xml:lang='en'><seg>a</seg></tuv></tu>\n"))
    assert_import_refused(tm, memory, path, f"3: bad x-score {score!r} (expected a finite number)")


def test_year_one_is_read_as_year_one(tmp_path):
    from datetime import UTC, datetime

    from tm.formats.tmx_reader import read_tmx

    path = write(tmp_path / "y.tmx", tmx('<tu creationdate="00010101T000000Z"><tuv xml:lang="en"><seg>a</seg>'
                                         "</tuv></tu>\n"))
    assert list(read_tmx(path))[1].created == datetime(1, 1, 1, tzinfo=UTC)


# Tracebacks that became one line.

def test_xliff_unit_outside_a_file(tm, memory, tmp_path):
    path = write(tmp_path / "x.xlf", '<xliff version="1.2">\n<trans-unit id="1"><source>a</source>'
                                     "<target>b</target></trans-unit></xliff>")
    assert_import_refused(tm, memory, path, "2: <trans-unit> outside a <file>")


def test_undeclared_entity_reports_its_real_place(tm, memory, tmp_path):
    path = write(tmp_path / "e.tmx", tmx("<tu><tuv xml:lang='en'><seg>a &foo; b</seg></tuv></tu>\n"))
    assert_import_refused(tm, memory, path, "3:36: malformed XML: Entity 'foo' not defined")
    tbx = write(tmp_path / "e.tbx", '<tbx type="TBX-Basic"><text><body><conceptEntry id="c1">\n'
                                    '<langSec xml:lang="en"><termSec><term>a &foo;</term></termSec></langSec>'
                                    "</conceptEntry></body></text></tbx>")
    refused(tm("glossary", "list", "-g", tbx), f"{tbx}:2:46: malformed XML (Entity 'foo' not defined)")


def test_a_libxml2_message_stays_on_one_line(tm, tmp_path):
    tbx = write(tmp_path / "l.tbx", b'<?xml version="1.0" encoding="UTF-8"?>\n<tbx type="TBX-Basic"><text><body>'
                                    b'<conceptEntry id="c1"><langSec xml:lang="en"><termSec><term>K\xe4se</term>'
                                    b"</termSec></langSec></conceptEntry></body></text></tbx>")
    code, out, err = tm("glossary", "list", "-g", tbx)
    assert (code, out, err.count("\n")) == (2, "", 1)
    assert err.startswith(f"tm: error: {tbx}:2:") and "malformed XML" in err


def test_tbx_refuses_language_codes_the_memory_refuses(tm, tmp_path):
    tbx = write(tmp_path / "q.tbx", '<tbx type="TBX-Basic"><text><body><conceptEntry id="c1">\n'
                                    '<langSec xml:lang="qq-01"><termSec><term>a</term></termSec></langSec>'
                                    "</conceptEntry></body></text></tbx>")
    refused(tm("glossary", "list", "-g", tbx), f"{tbx}:2: unknown language code 'qq-01'")


# XML safety: what was missing from tests/test_memory_errors.py.

@pytest.fixture
def listener():
    """A TCP listener on localhost that records every connection; the parsers must make none."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.settimeout(0.2)
    connections: list = []
    stop = threading.Event()

    def accept():
        while not stop.is_set():
            try:
                connections.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}", connections
    stop.set()
    thread.join()
    server.close()


def test_nothing_is_fetched_over_http_or_from_files(tm, memory, tmp_path, listener):
    url, connections = listener
    secret = write(tmp_path / "secret.txt", "SECRET")
    refusals = {
        "ext.tmx": tmx("<tu><tuv xml:lang='en'><seg>&x;</seg></tuv></tu>",
                       f'<!DOCTYPE tmx [<!ENTITY x SYSTEM "{url}/x">]>\n'),
        "param.xlf": f'<!DOCTYPE xliff [<!ENTITY % p SYSTEM "{url}/p.dtd"> %p;]>\n' + xliff(""),
        "file.xlf": f'<!DOCTYPE xliff [<!ENTITY x SYSTEM "file://{secret}">]>\n'
                    + xliff("<trans-unit id='1'><source>&x;</source><target>b</target></trans-unit>"),
    }
    for name, data in refusals.items():
        path = write(tmp_path / name, data)
        before = digest(memory)
        refused(tm("import", path, "--memory", memory), f"{path}: refused: the document declares XML entities")
        assert digest(memory) == before
    external_dtd = write(tmp_path / "dtd.tmx", tmx("", f'<!DOCTYPE tmx SYSTEM "{url}/tmx14.dtd">\n'))
    assert tm("import", external_dtd, "--memory", memory)[0] == 0  # a DTD named is never loaded
    xinclude = write(tmp_path / "xi.tbx", f'<!DOCTYPE tbx SYSTEM "{url}/tbx.dtd">\n'
                     '<tbx type="TBX-Basic" xmlns:xi="http://www.w3.org/2001/XInclude"><text><body>'
                     f'<conceptEntry id="c1"><xi:include href="{url}/more.xml"/><langSec xml:lang="en"><termSec>'
                     "<term>a</term></termSec></langSec></conceptEntry></body></text></tbx>")
    code, out, _ = tm("glossary", "list", "-g", xinclude)
    assert code == 0 and "SECRET" not in out
    assert connections == []


@pytest.mark.parametrize("case,data,message", [
    ("depth", tmx("<tu><tuv xml:lang='en'><seg>" + "<hi>" * 300 + "a" + "</hi>" * 300 + "</seg></tuv></tu>"),
     "3:1036: malformed XML: Excessive depth in document: 256, use XML_PARSE_HUGE option"),
    ("truncated", tmx("<tu><tuv xml:lang='en'><seg>abc</seg></tuv></tu>")[:-20],
     "3:42: malformed XML: expected '>'"),
    ("utf-16 declared, utf-8 given", tmx("", '<?xml version="1.0" encoding="UTF-16"?>\n'),
     "1:38: malformed XML: Blank needed here"),
], ids=lambda value: value if isinstance(value, str) and len(value) < 40 else "")
def test_xml_limits_and_damage(case, data, message, tm, memory, tmp_path):
    assert_import_refused(tm, memory, write(tmp_path / "d.tmx", data), message)


def test_a_huge_segment_is_refused(tm, memory, tmp_path):
    path = write(tmp_path / "h.tmx", tmx("<tu><tuv xml:lang='en'><seg>" + "a" * (10 * 1024 * 1024 + 1)
                                         + "</seg></tuv></tu>"))
    code, out, err = tm("import", path, "--memory", memory)
    assert (code, out) == (2, "") and err.startswith(f"tm: error: {path}:3:") and err.count("\n") == 1
    assert "Text node too long" in err


# Writes: an existing folder or file in the way, no permission, a full or read-only disk.

@pytest.fixture
def exportable(tmp_path) -> Path:
    path = tmp_path / "export.db"
    with open_memory(path) as store:
        store.add_units([TranslationUnit({"en": f"Agreement {n}", "et": f"Kokkulepe {n}", "lv": f"Nolīgums {n}"},
                                         tuid=f"t{n}", document="d") for n in range(400)], "seed")
    return path


def test_an_output_that_is_a_folder_or_under_a_file(tm, exportable, tmp_path, corpora):
    folder = tmp_path / "adir"
    folder.mkdir()
    glossary = corpora / "glossary.tbx"
    refused(tm("export", folder, "--memory", exportable), f"{folder}: cannot write (is a directory)")
    refused(tm("check", "--memory", exportable, "-g", glossary, "-o", folder),
            f"{folder}: cannot write (is a directory)")
    refused(tm("glossary", "export", folder, "--format", "csv", "-g", glossary),
            f"{folder}: cannot write (is a directory)")
    afile = write(tmp_path / "afile", "old")
    refused(tm("export", afile, "--format", "po", "--langs", "en,et,lv", "--memory", exportable),
            f"{afile / 'et.po'}: cannot write ({afile} is a file, not a folder)")
    refused(tm("export", afile / "x.csv", "--format", "csv", "--memory", exportable),
            f"{afile / 'x.csv'}: cannot write ({afile} is a file, not a folder)")
    assert afile.read_text() == "old"


def test_permission_denied_becomes_one_line(tmp_path, monkeypatch):
    out = write(tmp_path / "kept.txt", "old")

    def denied(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", str(tmp_path / ".kept.txt.x.tmp"))

    monkeypatch.setattr("tempfile.mkstemp", denied)
    with pytest.raises(InputError) as caught:
        with atomic_write(out) as handle:
            handle.write("new")
    assert str(caught.value) == f"{out}: cannot write (permission denied)"
    assert out.read_text() == "old"


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into any folder")
def test_a_folder_without_write_permission(tm, exportable, tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        refused(tm("export", folder / "m.tmx", "--memory", exportable),
                f"{folder / 'm.tmx'}: cannot write (permission denied)")
    finally:
        folder.chmod(0o755)


@pytest.fixture
def small_disk(tmp_path):
    """A 64 KiB tmpfs (mounting needs root; skipped otherwise)."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(disk)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode(errors='replace').strip()}")
    try:
        yield disk
    finally:
        subprocess.run(["umount", str(disk)], check=False)


def test_a_full_disk_and_a_read_only_one(tm, exportable, small_disk, corpora):
    old = write(small_disk / "memory.csv", "old\n")
    outputs = {"export": ["export", old, "--format", "csv", "--memory", exportable],
               "check": ["check", "--memory", exportable, "-g", corpora / "glossary.tbx", "--format", "json",
                         "-o", old],
               "srx": ["segment", "--export-srx", old]}
    write(small_disk / "filler", b"\0" * (60 * 1024))
    for args in outputs.values():
        refused(tm(*args), f"{old}: cannot write (the disk is full)")
    code, out, err = tm("build", corpora, "-o", small_disk / "out")  # the first output that does not fit
    assert (code, out, err.count("\n")) == (2, "", 1), err
    assert err.startswith(f"tm: error: {small_disk / 'out'}/") and err.endswith(": cannot write (the disk is full)\n")
    refused(tm("glossary", "export", small_disk / "glossary.tsv", "-g", corpora / "glossary.tbx"),
            f"{small_disk / 'glossary.tsv'}: cannot write (the disk is full)")
    shutil.rmtree(small_disk / "out", ignore_errors=True)
    (small_disk / "filler").unlink()
    glossary = small_disk / "glossary.csv"
    big = write(small_disk.parent / "big.csv", "en,lv\n" + "".join(f"term {n},termins {n}\n" for n in range(3000)))
    refused(tm("glossary", "import", big, "-g", glossary), f"{glossary}: cannot write (the disk is full)")
    assert old.read_text() == "old\n" and sorted(p.name for p in small_disk.iterdir()) == ["memory.csv"]
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    refused(tm("export", old, "--format", "csv", "--memory", exportable),
            f"{old}: cannot write (read-only file system)")
    assert old.read_text() == "old\n"


# Spreadsheet formulas in CSV.

TRICKY = ["=HYPERLINK(\"http://evil.example\";\"x\")", "+1", "-5 %", "@SUM(A1)", "\tx", "\rx", "'=x", "''+y",
          "'plain", "plain", "", "a=b"]


def test_spreadsheet_guard_follows_owasp_and_reads_back_exactly():
    assert spreadsheet_safe("=HYPERLINK(\"http://evil.example\")") == "'=HYPERLINK(\"http://evil.example\")"
    assert [spreadsheet_safe(c) for c in ("+1", "-1", "@x", "\tx", "\rx", "a=b", "'x")] == \
        ["'+1", "'-1", "'@x", "'\tx", "'\rx", "a=b", "'x"]
    assert spreadsheet_safe_row(["=x", "y"], raw=True) == ["=x", "y"]
    assert [from_spreadsheet(spreadsheet_safe(cell)) for cell in TRICKY] == TRICKY


def test_glossary_csv_export_guards_formulas_and_imports_them_back(tm, tmp_path):
    source = write(tmp_path / "in.csv", 'concept,lang,term,status,note,domain\nc1,en,"=HYPERLINK(""http://x"")",'
                                        "preferred,-- note,\n")
    glossary = tmp_path / "g.tbx"
    assert tm("glossary", "import", source, "-g", glossary)[0] == 0
    out = tmp_path / "out.csv"
    assert tm("glossary", "export", out, "-g", glossary)[0] == 0
    assert out.read_text().splitlines()[1] == "c1,en,\"'=HYPERLINK(\"\"http://x\"\")\",preferred,'-- note,"
    again = tmp_path / "again.tbx"
    assert tm("glossary", "import", out, "-g", again)[0] == 0
    assert again.read_bytes() == glossary.read_bytes()
