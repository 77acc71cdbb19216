"""CSV written for spreadsheets never carries a live formula; re-imported, it gives back the text exactly."""

from __future__ import annotations

import csv

from memory_fixtures import units_of
from tm_runner import run_tm

from tm.memory import open_memory
from tm.records import TranslationUnit

FORMULA = '=HYPERLINK("http://example.org/x","Click")'


def test_memory_csv_export_guards_formulas_and_reimports_them_exactly(tmp_path):
    memory = tmp_path / "m.db"
    with open_memory(memory) as store:
        store.add_units([TranslationUnit({"en": FORMULA, "lv": "-1 ir mazāk nekā nulle"}, document="d")],
                        origin="test")
    assert run_tm("export", str(tmp_path / "out.csv"), "--format", "csv", "--memory", str(memory)).returncode == 0
    with (tmp_path / "out.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows == [["document", "tuid", "en", "lv"], ["d", "", "'" + FORMULA, "'-1 ir mazāk nekā nulle"]]
    assert run_tm("import", str(tmp_path / "out.csv"), "--memory", str(tmp_path / "back.db")).returncode == 0
    assert [row[2] for row in units_of(tmp_path / "back.db")] == [[("en", FORMULA), ("lv", "-1 ir mazāk nekā nulle")]]

    raw = run_tm("export", str(tmp_path / "raw.csv"), "--format", "csv", "--raw-csv", "--memory", str(memory))
    assert raw.returncode == 0
    assert (tmp_path / "raw.csv").read_text(encoding="utf-8").splitlines()[1] == \
        'd,,"=HYPERLINK(""http://example.org/x"",""Click"")",-1 ir mazāk nekā nulle'


def test_check_csv_report_guards_formulas(tmp_path):
    memory = tmp_path / "m.tmx"
    from tm.formats.tmx_writer import write_tmx

    write_tmx(memory, [TranslationUnit({"en": "the Baltic Assembly", "lv": "=SUM(A1:A9) nekas"}, tuid="t1")],
              langs=("en", "lv"))
    glossary = tmp_path / "g.tsv"
    glossary.write_text("en\tlv\nBaltic Assembly\tBaltijas Asambleja\n", encoding="utf-8")
    result = run_tm("check", "--memory", str(memory), "-g", str(glossary), "--langs", "lv", "--format", "csv")
    cells = [row for row in csv.reader(result.stdout.splitlines())][1:]
    assert cells and all(not cell.startswith(("=", "+", "-", "@")) for row in cells for cell in row)
    assert "'=SUM(A1:A9) nekas" in result.stdout
