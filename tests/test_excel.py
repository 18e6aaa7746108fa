"""Excel output (issue 18): the standard tables laid out like the template, the flat cells and
the findings, read back with openpyxl."""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

import pytest

from zfxxgk import cli, render
from zfxxgk.cells import Cell, CellKind
from zfxxgk.errors import MissingDependencyError
from zfxxgk.excel_report import CELLS_SHEET, FINDINGS_SHEET, TABLE_SHEETS, write_xlsx
from zfxxgk.model import Report
from zfxxgk.records import CELL_COLUMNS, FINDING_COLUMNS
from zfxxgk.rules import check
from zfxxgk.template import iter_cells, replace_at

from .fixtures.reports import report_2019, report_2021

openpyxl = pytest.importorskip("openpyxl", reason="openpyxl is the xlsx extra")

SHEETS = [*TABLE_SHEETS.values(), CELLS_SHEET, FINDINGS_SHEET]


def reviewed() -> Report:
    """A 2021 report with a wrong total, a blank cell, an unread cell and a formula-like text."""
    report = replace_at(report_2021(), "appeals.review.total", Cell.of(11))  # should be 10
    report = replace_at(report, "appeals.lawsuit_direct.corrected", Cell.blank())
    report = replace_at(report, "requests.new.commercial_enterprise", Cell.unread())
    return replace_at(report, "proactive.licensing.decisions", Cell(raw="=1+1", kind=CellKind.TEXT))


def _written(tmp_path: Path, report: Report, name: str = "r.xlsx") -> object:
    path = tmp_path / name
    write_xlsx(report, path, file="r.html")
    return openpyxl.load_workbook(path)


def _merges(sheet: object) -> set[str]:
    return {str(r) for r in sheet.merged_cells.ranges}  # type: ignore[attr-defined]


def test_sheets_merges_and_values_of_table_three(tmp_path: Path) -> None:
    report = reviewed()
    book = _written(tmp_path, report)
    assert book.sheetnames == SHEETS  # type: ignore[attr-defined]
    sheet = book[TABLE_SHEETS["三"]]  # type: ignore[index]
    assert sheet["A1"].value.startswith("r.html · 北京市大兴区西红门镇人民政府 · 2024年度")
    merges = _merges(sheet)
    # the title line; the footnote over three label columns and three header rows; 申请人情况
    # over the seven applicant columns; 法人或其他组织 over its five; 自然人 and 总计 two rows
    assert {"A1:J1", "A2:C4", "D2:J2", "E3:I3", "D3:D4", "J3:J4"} <= merges
    assert sheet["A2"].value.startswith("（本列数据的勾稽关系为")
    assert (sheet["D3"].value, sheet["E3"].value, sheet["J3"].value) == (
        "自然人",
        "法人或其他组织",
        "总计",
    )
    # 一、本年新收 spans the three label columns; its numbers are numbers
    assert sheet["A5"].value == "一、本年新收政府信息公开申请数量" and "A5:C5" in merges
    assert sheet["D5"].value == report.requests.new.natural_person.value
    assert isinstance(sheet["D5"].value, int)
    assert sheet["E5"].value == "未读取" and sheet["E5"].font.i  # unread: marked, never 0
    assert "未能读取" in sheet["E5"].comment.text
    # 三、本年度办理结果 spans its rows down the first label column
    assert any(m.startswith("A7:A") for m in merges)
    # label columns wide, number columns narrow; a row as high as its longest label needs
    assert sheet.column_dimensions["C"].width > sheet.column_dimensions["D"].width
    assert (
        str(sheet["B8"].value).startswith("（二）部分公开") and sheet.row_dimensions[8].height >= 30
    )
    assert sheet.row_dimensions[5].height is None  # one line: Excel's own height


def test_tables_two_and_four(tmp_path: Path) -> None:
    book = _written(tmp_path, reviewed())
    two = book[TABLE_SHEETS["二"]]  # type: ignore[index]
    assert two["A2"].value == "第二十条第（一）项" and "A2:D2" in _merges(two)
    fee = next(r for r in two.iter_rows(values_only=False) if r[0].value == "行政事业性收费")[1]
    assert fee.value == Decimal("96171.6") or fee.value == 96171.6
    assert fee.number_format == "0.0"  # the decimals it was printed with
    licensing = next(r for r in two.iter_rows() if r[0].value == "行政许可")[1]
    assert licensing.value == "=1+1" and licensing.data_type == "s"  # text, never a formula
    four = book[TABLE_SHEETS["四"]]  # type: ignore[index]
    assert four["A2"].value == "行政复议" and "A2:E2" in _merges(four)
    assert four["F2"].value == "行政诉讼" and "F2:O2" in _merges(four)
    values = [c.value for c in four[5]]
    assert values[4] == 11  # the wrong total as printed
    assert four.cell(row=5, column=5).fill.fgColor.rgb.endswith("FBD5D5")  # marked an error
    assert values[6] is None  # blank stays empty


def test_the_flat_sheets_are_the_export_records_and_the_findings(tmp_path: Path) -> None:
    report = reviewed()
    book = _written(tmp_path, report)
    cells = list(book[CELLS_SHEET].iter_rows(values_only=True))  # type: ignore[index]
    assert list(cells[0]) == list(CELL_COLUMNS)
    assert len(cells) - 1 == len(list(iter_cells(report)))
    column = {name: i for i, name in enumerate(CELL_COLUMNS)}
    by_path = {row[column["path"]]: row for row in cells[1:]}
    assert by_path["appeals.review.total"][column["value"]] == 11
    assert by_path["requests.new.commercial_enterprise"][column["status"]] == "unread"
    assert by_path["requests.new.commercial_enterprise"][column["value"]] is None
    assert by_path["appeals.review.total"][column["year"]] == 2024
    findings = list(book[FINDINGS_SHEET].iter_rows(values_only=True))  # type: ignore[index]
    assert list(findings[0]) == list(FINDING_COLUMNS)
    assert len(findings) - 1 == len(check(report))
    codes = {row[FINDING_COLUMNS.index("code")] for row in findings[1:]}
    assert "S4-TOTAL" in codes


def test_a_2019_report(tmp_path: Path) -> None:
    book = _written(tmp_path, report_2019())
    two = book[TABLE_SHEETS["二"]]  # type: ignore[index]
    labels = [r[0] for r in two.iter_rows(values_only=True)]
    assert "政府集中采购" in labels and "规范性文件" in labels


def test_export_and_convert_write_xlsx(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    for i, report in enumerate((report_2021(), report_2019())):
        (tmp_path / f"r{i}.html").write_text(render.to_html(report, page=True), "utf-8")
    out = tmp_path / "all.xlsx"
    assert cli.main(["export", "--no-progress", "-o", str(out), str(tmp_path)]) == 0
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == SHEETS
    three = book[TABLE_SHEETS["三"]]
    titles = [c.value for c in three["A"] if c.value and " · " in str(c.value)]
    assert len(titles) == 2  # both reports, one under the other
    cells = book[CELLS_SHEET]
    assert cells.max_row - 1 == sum(
        len(list(iter_cells(r))) for r in (report_2021(), report_2019())
    )
    converted = tmp_path / "one.xlsx"
    assert cli.main(["convert", str(tmp_path / "r0.html"), "-o", str(converted)]) == 0
    assert openpyxl.load_workbook(converted).sheetnames == SHEETS
    assert cli.main(["convert", str(tmp_path / "r0.html"), "--to", "xlsx", "-o", "-"]) == 2
    assert cli.main(["export", "--format", "xlsx", str(tmp_path)]) == 2  # needs -o
    assert "-o" in capsys.readouterr().err


def test_without_openpyxl_a_chinese_error_names_the_extra(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # import openpyxl now fails
    with pytest.raises(MissingDependencyError) as info:
        write_xlsx(report_2021(), tmp_path / "x.xlsx")
    assert info.value.code == "E200" and "pip install 'zfxxgk[xlsx]'" in info.value.message
    (tmp_path / "r.html").write_text(render.to_html(report_2021(), page=True), "utf-8")
    target = tmp_path / "out.xlsx"
    assert cli.main(["export", "--no-progress", "-o", str(target), str(tmp_path / "r.html")]) == 2
    err = capsys.readouterr().err
    assert "[E200]" in err and "zfxxgk[xlsx]" in err
    assert not target.exists()


def test_table_sheets_print_landscape_one_page_wide(tmp_path: Path) -> None:
    """A reviewer printing table 三 gets it whole across the page, not split over pages
    column by column (as LibreOffice printed it before)."""
    book = _written(tmp_path, reviewed())
    for name in TABLE_SHEETS.values():
        sheet = book[name]  # type: ignore[index]
        assert sheet.page_setup.orientation == "landscape"
        assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
        assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
