"""Reports as an Excel workbook (``.xlsx``), for reviewers who work in Excel.

One sheet per standard table, named by its official heading (二、主动公开政府信息情况,
三、收到和处理政府信息公开申请情况, 四、政府信息公开行政复议、行政诉讼情况), drawn
from the same grids as HTML and Word (:func:`zfxxgk.grids.table_grids`): the template's
merged header cells as Excel merges, label columns wide and number columns narrow.  Each
report's table sits under a line naming the file, agency and year, so a batch is one
workbook.  Numbers are numbers (money a decimal with the decimals it was printed with), a
blank cell is empty, a placeholder or text is the printed text, a cell whose value is
unknown reads **未读取** (grey italics, a comment saying why) — never 0 and never empty.  A
number printed with a note or a unit has the printed text as a comment; a cell that fails a
check is filled red (error) or yellow (warning), the finding as its comment.

Then two flat sheets: 单元格 — one row per table cell, the records of ``zfxxgk export``
(:data:`zfxxgk.records.CELL_COLUMNS`, numbers as numbers) — and 检查结果, one row per finding
(:data:`zfxxgk.records.FINDING_COLUMNS`).

Needs openpyxl: ``pip install 'zfxxgk[xlsx]'``; without it :func:`write_xlsx` and
:func:`write_workbook` raise :class:`~zfxxgk.errors.MissingDependencyError` (``E200``).
openpyxl is imported only here.
"""

from __future__ import annotations

import importlib
import os
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

from .cells import Cell
from .diagnostics import Severity
from .errors import optional_module
from .grids import UNKNOWN_MARK, UNKNOWN_TITLES, Grid, GridCell, expand, table_grids
from .model import Report
from .outline import describe
from .records import CELL_COLUMNS, FINDING_COLUMNS, cell_rows, finding_row
from .template import SECTION_TITLES, iter_cells
from .textwidth import display_width

if TYPE_CHECKING:
    from .rules import Finding

__all__ = [
    "CELLS_SHEET",
    "FINDINGS_SHEET",
    "TABLE_SHEETS",
    "write_workbook",
    "write_xlsx",
]

TABLE_SHEETS: Final[dict[str, str]] = {
    number: f"{number}、{SECTION_TITLES[number]}" for number in ("二", "三", "四")
}
"""The sheet of each standard table, named by its official heading."""
CELLS_SHEET: Final = "单元格"
"""The flat sheet of every table cell (the records of ``zfxxgk export``)."""
FINDINGS_SHEET: Final = "检查结果"
"""The flat sheet of the findings."""

LABEL_WIDTH: Final = (8, 36)
"""The narrowest and widest a label column is made (Excel's character widths)."""
NUMBER_WIDTH: Final = 10
"""The width of a number column: narrow, its header wraps."""
LINE_HEIGHT: Final = 15
"""The height of one line of text in a row (points)."""

_FILLS: Final = {Severity.ERROR: "FBD5D5", Severity.WARNING: "FDF1C7"}
_GREY: Final = "777777"
_ILLEGAL: Final = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
"""The characters an .xlsx cannot hold (openpyxl's ``ILLEGAL_CHARACTERS_RE``)."""


def _openpyxl() -> Any:
    return optional_module(
        "openpyxl", purpose="写出 Excel（.xlsx）", package="openpyxl", extra="xlsx"
    )


class _Styles:
    """The few styles of a workbook, made once."""

    def __init__(self) -> None:
        styles = importlib.import_module("openpyxl.styles")
        side = styles.Side(style="thin", color="999999")
        self.border = styles.Border(left=side, right=side, top=side, bottom=side)
        self.centre = styles.Alignment(horizontal="center", vertical="center", wrap_text=True)
        self.bold = styles.Font(bold=True)
        self.unknown = styles.Font(italic=True, color=_GREY)
        self.header_fill = styles.PatternFill("solid", fgColor="EEEEEE")
        self.fills = {sev: styles.PatternFill("solid", fgColor=c) for sev, c in _FILLS.items()}
        self.comment = importlib.import_module("openpyxl.comments").Comment


def _put(target: Any, value: object) -> None:
    """Set a sheet cell to *value*; text stays text: a leading "=" is no formula, and the
    control characters a workbook cannot hold become U+FFFD."""
    if isinstance(value, str):
        value = _ILLEGAL.sub("\ufffd", value)
    target.value = value
    if isinstance(value, str) and value.startswith("="):
        target.data_type = "s"


def _decimals_format(value: Decimal) -> str:
    exponent = value.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return "0." + "0" * places if places else "0"


def _worst(findings: Iterable[Finding]) -> dict[str, Finding]:
    """The most serious finding of each cell (by model path)."""
    worst: dict[str, Finding] = {}
    for finding in findings:
        if finding.path is None:
            continue
        known = worst.get(finding.path)
        if known is None or finding.severity.rank > known.severity.rank:
            worst[finding.path] = finding
    return worst


class _TableSheet:
    """One standard table's sheet: reports' tables one under another."""

    def __init__(self, sheet: Any, styles: _Styles) -> None:
        self.sheet = sheet
        self.styles = styles
        self.next_row = 1
        self.widths: dict[int, int] = {}
        self.number_columns: set[int] = set()
        self.texts: list[tuple[int, int, int, str]] = []
        """(row, first column, columns spanned, text) of every one-row cell, for the heights."""

    def add(
        self, title: str, grid: Grid, cells: dict[str, Cell], worst: dict[str, Finding]
    ) -> None:
        slots = expand(grid)
        width = max(len(row) for row in slots)
        top = self.next_row
        heading = self.sheet.cell(row=top, column=1)
        _put(heading, title)
        heading.font = self.styles.bold
        self.sheet.merge_cells(start_row=top, start_column=1, end_row=top, end_column=width)
        for r, row in enumerate(slots):
            for c, slot in enumerate(row):
                target = self.sheet.cell(row=top + 1 + r, column=1 + c)
                target.border = self.styles.border
                if slot.cell.label:
                    target.fill = self.styles.header_fill
                else:
                    self.number_columns.add(1 + c)
                if not slot.origin:
                    continue
                self._place(target, slot.cell, cells, worst)
                end_row = top + 1 + r + min(slot.cell.rowspan, len(slots) - r) - 1
                end_column = 1 + c + slot.cell.colspan - 1
                if (end_row, end_column) != (top + 1 + r, 1 + c):
                    self.sheet.merge_cells(
                        start_row=top + 1 + r,
                        start_column=1 + c,
                        end_row=end_row,
                        end_column=end_column,
                    )
                if slot.cell.rowspan == 1 and slot.cell.text:
                    self.texts.append((top + 1 + r, 1 + c, slot.cell.colspan, slot.cell.text))
                if slot.cell.label and slot.cell.colspan == 1:
                    shown = display_width(slot.cell.text)
                    self.widths[1 + c] = max(self.widths.get(1 + c, 0), shown + 2)
        self.next_row = top + 1 + len(slots) + 1  # a blank line before the next report

    def _place(
        self, target: Any, drawn: GridCell, cells: dict[str, Cell], worst: dict[str, Finding]
    ) -> None:
        target.alignment = self.styles.centre
        if drawn.label or drawn.path is None:
            _put(target, drawn.text)
            return
        cell = cells[drawn.path]
        if cell.is_unknown:
            target.value = UNKNOWN_MARK
            target.font = self.styles.unknown
            target.comment = self.styles.comment(UNKNOWN_TITLES[cell.kind], "zfxxgk")
            return
        if cell.value is not None:
            target.value = cell.value
            if isinstance(cell.value, Decimal):
                target.number_format = _decimals_format(cell.value)
            if cell.raw is not None:
                target.comment = self.styles.comment(f"原文：{cell.raw}", "zfxxgk")
        else:
            _put(target, cell.display() or None)  # blank: empty; a placeholder as printed
        finding = worst.get(drawn.path)
        if finding is not None and finding.severity in self.styles.fills:
            target.fill = self.styles.fills[finding.severity]
            note = f"{finding.code}（{finding.severity.label}）：{finding.message}"
            target.comment = self.styles.comment(note, "zfxxgk")

    def finish(self) -> None:
        """Set the column widths: label columns as wide as their labels (within
        :data:`LABEL_WIDTH`), number columns :data:`NUMBER_WIDTH`."""
        letter = importlib.import_module("openpyxl.utils").get_column_letter
        low, high = LABEL_WIDTH
        for column in set(self.widths) | self.number_columns:
            if column in self.number_columns:
                width = NUMBER_WIDTH
            else:
                width = min(max(self.widths[column], low), high)
            self.sheet.column_dimensions[letter(column)].width = width
        self._heights()
        # printed as a reviewer prints a table: landscape, one page wide, header rows on
        # every page
        self.sheet.page_setup.orientation = "landscape"
        self.sheet.page_setup.fitToWidth = 1
        self.sheet.page_setup.fitToHeight = 0
        self.sheet.sheet_properties.pageSetUpPr.fitToPage = True

    def _heights(self) -> None:
        """Make a row as high as its longest wrapped text needs (Excel does not do it for
        merged cells): one line per column-width of text."""
        letter = importlib.import_module("openpyxl.utils").get_column_letter
        lines: dict[int, int] = {}
        for row, first, span, text in self.texts:
            room = sum(
                self.sheet.column_dimensions[letter(c)].width or NUMBER_WIDTH
                for c in range(first, first + span)
            )
            needed = -(-display_width(text) // max(int(room) - 1, 1))  # ceiling
            lines[row] = max(lines.get(row, 1), needed)
        for row, count in lines.items():
            if count > 1:
                self.sheet.row_dimensions[row].height = LINE_HEIGHT * count


class _Flat:
    """A flat sheet: a bold header row, then records appended one per row."""

    def __init__(self, sheet: Any, columns: Sequence[str], styles: _Styles) -> None:
        self.sheet = sheet
        self.columns = columns
        for i, name in enumerate(columns, start=1):
            sheet.cell(row=1, column=i, value=name).font = styles.bold
        sheet.freeze_panes = "A2"
        self.rows = 1

    def append(self, record: dict[str, Any]) -> None:
        self.rows += 1
        for i, name in enumerate(self.columns, start=1):
            _put(self.sheet.cell(row=self.rows, column=i), record[name])

    def finish(self) -> None:
        self.sheet.auto_filter.ref = self.sheet.dimensions


def _title(report: Report, file: str | None) -> str:
    who = describe(report, published=False)
    return f"{file} · {who}" if file else who


def write_workbook(
    entries: Iterable[tuple[Report, str | None, Sequence[Finding] | None]],
    target: str | os.PathLike[str],
) -> int:
    """Write reports as one workbook: ``entries`` are ``(report, file, findings)`` (findings
    ``None``: the report is checked with the default rules).  Returns the number of reports."""
    openpyxl = _openpyxl()
    from .rules import check

    styles = _Styles()
    book = openpyxl.Workbook()
    book.remove(book.active)
    tables = {n: _TableSheet(book.create_sheet(name), styles) for n, name in TABLE_SHEETS.items()}
    cells_sheet = _Flat(book.create_sheet(CELLS_SHEET), CELL_COLUMNS, styles)
    findings_sheet = _Flat(book.create_sheet(FINDINGS_SHEET), FINDING_COLUMNS, styles)
    count = 0
    for report, file, found in entries:
        findings = list(check(report) if found is None else found)
        by_path = {spec.dotted: cell for spec, cell in iter_cells(report)}
        worst = _worst(findings)
        title = _title(report, file)
        for number, grid in table_grids(report).items():
            tables[number].add(title, grid, by_path, worst)
        for row in cell_rows(report, file=file):
            cells_sheet.append(row)
        for finding in findings:
            findings_sheet.append(finding_row(finding, file=file, report=report))
        count += 1
    for table in tables.values():
        table.finish()
    cells_sheet.finish()
    findings_sheet.finish()
    book.save(os.fspath(target))
    return count


def write_xlsx(
    report: Report,
    target: str | os.PathLike[str],
    *,
    findings: Sequence[Finding] | None = None,
    file: str | None = None,
) -> None:
    """Write one report as a workbook (:func:`write_workbook`)."""
    write_workbook([(report, file, findings)], target)
