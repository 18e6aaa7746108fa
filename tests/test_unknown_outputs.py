"""Unknown cells (not read, or not printed) in every output: export records, compare, series,
the drawn tables — never 0, never a blank cell (issue 14).  The corpus-wide must-show is in
``test_unknown_corpus.py``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from zfxxgk import json_report
from zfxxgk.cells import Cell
from zfxxgk.cli import main
from zfxxgk.grids import UNKNOWN_MARK, table_grids
from zfxxgk.model import Report
from zfxxgk.records import CHANGE_COLUMNS, cell_records, change_records, report_row
from zfxxgk.review import SERIES_COLUMNS, check_series
from zfxxgk.template import replace_at

from .fixtures.reports import report_2021
from .test_cli_compare import pair

UNREAD_PATH = "appeals.lawsuit_direct.total"
MISSING_PATH = "requests.new.natural_person"


def _unknown(report: Report) -> Report:
    report = replace_at(report, UNREAD_PATH, Cell.unread())
    return replace_at(report, MISSING_PATH, Cell.missing())


def test_cell_records_say_which_cells_are_unknown() -> None:
    report = replace_at(_unknown(report_2021()), "appeals.review.other", Cell.blank())
    records = {r["path"]: r for r in cell_records(report)}
    assert (records[UNREAD_PATH]["value"], records[UNREAD_PATH]["status"]) == ("", "unread")
    assert (records[MISSING_PATH]["value"], records[MISSING_PATH]["status"]) == ("", "missing")
    blank = records["appeals.review.other"]
    assert (blank["value"], blank["status"], blank["kind"]) == ("", "", "blank")
    assert {r["status"] for p, r in records.items() if p not in (UNREAD_PATH, MISSING_PATH)} == {""}
    known = {r["path"] for r in cell_records(report, include_missing=False)}
    assert known == set(records) - {UNREAD_PATH, MISSING_PATH}


def test_report_row_has_the_completeness_figure() -> None:
    row = report_row(_unknown(report_2021()), file="a.html")
    assert (row["cells_unread"], row["cells_not_printed"]) == (1, 1)
    assert row["cells_read"] == row["cells_expected"] - 2
    assert row["completeness"] == row["cells_read"] / row["cells_expected"]


def test_drawn_tables_show_unknown_cells_as_unknown_and_blank_as_blank() -> None:
    report = replace_at(_unknown(report_2021()), "appeals.review.other", Cell.blank())
    cells = {
        c.path: c for grid in table_grids(report).values() for row in grid for c in row if c.path
    }
    assert cells[UNREAD_PATH].text == UNKNOWN_MARK and cells[MISSING_PATH].text == UNKNOWN_MARK
    blank = cells["appeals.review.other"]
    assert blank.text == "" and blank.unknown is None


def test_change_records_never_compute_with_an_unknown_cell() -> None:
    old, new = pair()
    new = _unknown(new)
    records = {r["path"]: r for r in change_records(old, new)}
    assert list(next(iter(records.values()))) == list(CHANGE_COLUMNS)
    unread = records[UNREAD_PATH]
    assert (unread["new"], unread["new_status"], unread["change"]) == ("", "unread", "")
    assert unread["old"] == str(old.appeals.lawsuit_direct.total.value)
    assert records[MISSING_PATH]["new_status"] == "missing"
    # an unknown cell is listed even when the other year printed the same 0 or nothing
    both = change_records(_unknown(old), new)
    assert {r["path"] for r in both if r["old_status"] and r["new_status"]} == {
        UNREAD_PATH,
        MISSING_PATH,
    }


def test_compare_command_shows_unknown_cells_and_completeness(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    old, new = pair()
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    a.write_text(json_report.dumps(old), "utf-8")
    b.write_text(json_report.dumps(_unknown(new)), "utf-8")
    # read in part: the run does not pass as checked (--min-complete), and says so
    assert main(["compare", str(a), str(b)]) == 1
    out = capsys.readouterr().out
    assert "1 个原文有但未能读取，1 个原文未印出" in out
    assert "无法比较的单元格（2 格" in out
    assert "未发现问题，但有未能读取的单元格" in out
    line = next(x for x in out.splitlines() if x.endswith("未经复议直接起诉/总计"))
    assert line.split()[1] == UNKNOWN_MARK and "0" not in line.split()[1:3]
    assert main(["compare", "-f", "json", str(a), str(b)]) == 1
    document = json.loads(capsys.readouterr().out)
    assert document["exit_code"] == 1
    assert document["new"]["completeness"]["unread"] == 1
    assert document["old"]["completeness"]["ratio"] == 1.0
    assert main(["compare", "-f", "csv", str(a), str(b)]) == 1
    captured = capsys.readouterr()
    assert "old_status,new_status" in captured.out.splitlines()[0]
    assert "新：已读取" in captured.err


def test_series_rows_name_unknown_columns_and_the_completeness() -> None:
    old, new = pair()
    series = check_series([old, _unknown(new)])
    first, second = series.rows()
    assert list(second) == list(SERIES_COLUMNS)
    assert first["unknown"] == [] and first["completeness"] == 1.0
    # 总计 printed: shown as printed though a part was not; 行政诉讼's 总计 not read: unknown
    assert second["new"] == new.requests.new.total.value and second["lawsuits"] is None
    assert second["unknown"] == ["lawsuits"]
    assert second["cells_unread"] == 1 and second["completeness"] < 1
    text = series.to_text()
    assert "未能读取（或原文未印出），不按 0 计" in text and "2024年 行政诉讼" in text
    assert "已读取" in text.splitlines()[1]


def test_notebook_views_say_unknown_not_blank() -> None:
    import zfxxgk
    from zfxxgk.notebook import findings_html, report_html

    report = _unknown(report_2021())
    page = report_html(report)
    assert "已读取 198/200 个单元格（99%），1 个原文有但未能读取，1 个原文未印出" in page
    assert 'data-path="appeals.lawsuit_direct.total"' in page and ">未读取</td>" in page
    assert "zfxxgk-unknown" in page and "原文有此格，但未能读取" in page
    rows = [r for r in findings_html(zfxxgk.check(report)).split("<tr>") if "CELL-UNREAD" in r]
    assert rows and "<td>未读取</td>" in rows[0] and "空白" not in rows[0]
    assert "已读取" not in report_html(report_2021())  # said only when something is unknown


def test_docx_shows_unknown_cells_as_unknown_in_italics(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx", reason="DOCX needs the docx extra")
    from zfxxgk.word_report import write_docx

    target = tmp_path / "r.docx"
    write_docx(_unknown(report_2021()), target)
    document = docx.Document(str(target))
    runs = [
        run
        for table in document.tables
        for row in table.rows
        for cell in row.cells
        for paragraph in cell.paragraphs
        for run in paragraph.runs
        if run.text == UNKNOWN_MARK
    ]
    # merged cells repeat in python-docx's view; the unknown ones are in italics
    assert runs and all(run.italic for run in runs)
    assert document.element.xml.count(f">{UNKNOWN_MARK}<") == 2
