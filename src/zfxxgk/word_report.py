"""A report as a Word document (``.docx``), for people writing one.

The three standard tables are drawn from the same grids as the HTML rendering
(:func:`zfxxgk.grids.table_grids`): section 二 with a caption row per 第二十条 item,
section 三 with the footnote in the merged top-left cell and the merged 三、本年度办理结果 and
（三）… group cells, section 四 with the two-level 行政复议 / 行政诉讼 header.  Merged cells
are real Word merges (``w:gridSpan`` across, ``w:vMerge`` down), so the file reads back through
:func:`zfxxgk.read` to the same cells.  The narrative sections are written as paragraphs under
the six official headings.  Page: A4; body 仿宋_GB2312, headings 黑体, title 方正小标宋简体
(Word falls back to an installed font where these are missing).

Needs python-docx: ``pip install 'zfxxgk[docx]'``; without it :func:`write_docx` raises
:class:`~zfxxgk.errors.MissingDependencyError`.  python-docx is imported only here.  This module
was ``zfxxgk.docx_writer``; that name still imports.
"""

from __future__ import annotations

import datetime as _dt
import importlib
import os
from typing import IO, Any, Final

from .errors import MissingDependencyError
from .grids import Grid, table_grids
from .model import Report
from .outline import front_matter, paragraphs, sections

__all__ = ["write_docx"]

BODY_FONT: Final = "仿宋_GB2312"
HEADING_FONT: Final = "黑体"
TITLE_FONT: Final = "方正小标宋简体"


def _docx() -> Any:
    try:
        return importlib.import_module("docx")
    except ImportError:
        raise MissingDependencyError(
            "写出 DOCX 需要可选依赖 python-docx，请安装：pip install 'zfxxgk[docx]'"
        ) from None


def _font(run_or_style: Any, name: str, size_pt: float | None = None) -> None:
    """Set the Latin and East Asian font of a run or a style."""
    shared = importlib.import_module("docx.shared")
    oxml_ns = importlib.import_module("docx.oxml.ns")
    font = run_or_style.font
    font.name = name
    if size_pt is not None:
        font.size = shared.Pt(size_pt)
    element = run_or_style.element
    r_pr = element.get_or_add_rPr()
    fonts = r_pr.get_or_add_rFonts()
    fonts.set(oxml_ns.qn("w:eastAsia"), name)


def _paragraph(document: Any, text: str, *, font: str, size: float, bold: bool = False) -> Any:
    paragraph = document.add_paragraph()
    run = paragraph.add_run(text)
    run.bold = bold
    _font(run, font, size)
    return paragraph


def _table(document: Any, grid: Grid) -> None:
    """Add one standard table: the grid's merged cells as Word merges."""
    enum_text = importlib.import_module("docx.enum.text")
    enum_table = importlib.import_module("docx.enum.table")
    width = sum(cell.colspan for cell in grid[0])
    table = document.add_table(rows=len(grid), cols=width)
    table.style = "Table Grid"
    table.alignment = enum_table.WD_TABLE_ALIGNMENT.CENTER
    taken: set[tuple[int, int]] = set()
    placed = []
    for r, row in enumerate(grid):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            bottom = min(r + cell.rowspan, len(grid)) - 1
            right = c + cell.colspan - 1
            for rr in range(r, bottom + 1):
                for cc in range(c, right + 1):
                    taken.add((rr, cc))
            placed.append((r, c, bottom, right, cell))
            c = right + 1
    # every position's cell once, before merging (table.cell() walks the whole table each
    # call); merged regions do not overlap, so a merge never touches another region's corners
    positions = [list(row.cells) for row in table.rows]
    for r, c, bottom, right, cell in placed:
        target = positions[r][c]
        if (bottom, right) != (r, c):
            target = target.merge(positions[bottom][right])
        paragraph = target.paragraphs[0]
        paragraph.alignment = enum_text.WD_ALIGN_PARAGRAPH.CENTER
        target.vertical_alignment = enum_table.WD_CELL_VERTICAL_ALIGNMENT.CENTER
        if cell.text:
            run = paragraph.add_run(cell.text)
            _font(run, BODY_FONT, 9)
            run.italic = cell.unknown is not None  # 未读取: unknown, not a printed word


def write_docx(report: Report, target: str | os.PathLike[str] | IO[bytes]) -> None:
    """Write *report* as a DOCX file (a path or a binary file object)."""
    docx = _docx()
    shared = importlib.import_module("docx.shared")
    enum_text = importlib.import_module("docx.enum.text")
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = shared.Mm(210), shared.Mm(297)
    section.top_margin = section.bottom_margin = shared.Mm(25)
    section.left_margin = section.right_margin = shared.Mm(20)
    _font(document.styles["Normal"], BODY_FONT, 12)

    agency_lines, title, date_lines = front_matter(report)
    properties = document.core_properties
    properties.title = title
    # python-docx's default template carries its own placeholder properties (a 2013 date,
    # "python-docx" as author and comments): replace every one of them.
    now = _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0, tzinfo=None)
    properties.author = report.info.agency or ""
    properties.last_modified_by = report.info.agency or ""
    properties.comments = ""
    properties.subject = "政府信息公开工作年度报告"
    properties.keywords = "政府信息公开"
    properties.created = properties.modified = now
    properties.last_printed = now
    properties.revision = 1
    centre = enum_text.WD_ALIGN_PARAGRAPH.CENTER
    for line in agency_lines:
        _paragraph(document, line, font=TITLE_FONT, size=16).alignment = centre
    _paragraph(document, title, font=TITLE_FONT, size=18).alignment = centre
    for line in date_lines:
        _paragraph(document, line, font=BODY_FONT, size=12).alignment = centre

    grids = table_grids(report)
    for number, heading, narrative in sections(report):
        _paragraph(document, heading, font=HEADING_FONT, size=14)
        if number in grids:
            _table(document, grids[number])
            continue
        for line in paragraphs(narrative):
            text = _paragraph(document, line, font=BODY_FONT, size=12)
            text.paragraph_format.first_line_indent = shared.Pt(24)
    document.save(target if not isinstance(target, os.PathLike) else os.fspath(target))
