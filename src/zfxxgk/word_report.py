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
import math
import os
import re
from typing import IO, Any, Final

from .errors import optional_module
from .grids import Grid, GridCell, expand, table_grids
from .model import Report
from .outline import front_matter, paragraphs, sections
from .textwidth import display_width

__all__ = ["column_widths", "header_rows", "write_docx"]

BODY_FONT: Final = "仿宋_GB2312"
HEADING_FONT: Final = "黑体"
TITLE_FONT: Final = "方正小标宋简体"


def _docx() -> Any:
    return optional_module("docx", purpose="写出 DOCX ", package="python-docx", extra="docx")


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


# --------------------------------------------------------------------------------------
# column widths: the template's proportions, from the labels and numbers of the grid
# --------------------------------------------------------------------------------------

_SIDE_MARGIN_MM: Final = 20.0
_TEXT_WIDTH_MM: Final = 210.0 - 2 * _SIDE_MARGIN_MM
"""A4 less the left and right margins: the width the tables fill."""
TABLE_FONT_PT: Final = 9.0
"""The size of the text in the tables."""
_CELL_MARGIN_MM: Final = 1.0
"""The left and right inner margin of a table cell."""
_PT_MM: Final = 25.4 / 72


_NUMBER: Final = re.compile(r"[-+]?[\d.,]+")


def _ems(text: str) -> float:
    """How many CJK characters wide *text* is (a Latin letter or digit is half of one)."""
    return display_width(text) / 2


def _value_columns(slots: list[list[Any]], first_body: int) -> set[int]:
    """The columns that hold numbers: a value cell stands in them below the header rows."""
    return {c for row in slots[first_body:] for c, slot in enumerate(row) if not slot.cell.label}


def header_rows(grid: Grid) -> int:
    """How many rows at the top of *grid* hold only labels (its header)."""
    for r, row in enumerate(grid):
        if any(not cell.label for cell in row):
            return r
    return len(grid)


def _need(cell: GridCell, over_numbers: bool, tier: int) -> float:
    """The width in CJK characters *cell* asks of the columns it spans, at layout *tier*."""
    ems = _ems(cell.text)
    if not cell.label:
        # a number on one line; printed text (未读取, 22（其中修订16件）) may wrap to two
        wide = ems if _NUMBER.fullmatch(cell.text) else math.ceil(ems / 2)
        return min(max(wide, 2.0), 4.0)
    if over_numbers:
        return float(math.ceil(ems / (3 - min(tier, 1))))  # a header over numbers
    if cell.rowspan > 1:
        return float(min(math.ceil(ems / 2), 5))  # a group label, as tall as its rows
    # two lines, and one character to spare: a line may not begin with 、 or ）, so a line
    # break moves a character down when it would
    return ems if tier == 2 else float(math.ceil(ems / 2)) + 1


def _tiers(grid: Grid) -> list[list[float]]:
    """Column widths in CJK characters, from the tightest layout to the roomiest.

    Tier 0: number columns as wide as their numbers (at least two characters; a header over
    them may wrap to three lines), row labels fit in two lines.  Tier 1: headers over the
    numbers in two lines.  Tier 2: every row label on one line.  A cell spanning several
    columns widens the last of them when they are too narrow for it together; the number
    columns of a table are equally wide, as in the template.
    """
    slots = expand(grid)
    columns = len(slots[0])
    numbers = _value_columns(slots, header_rows(grid))
    tiers: list[list[float]] = []
    for tier in range(3):
        widths = [2.0] * columns if not tiers else list(tiers[-1])
        spans: list[tuple[int, int, float]] = []
        for row in slots:
            for c, slot in enumerate(row):
                cell = slot.cell
                if slot.origin and cell.text:
                    over = any(k in numbers for k in range(c, c + cell.colspan))
                    spans.append((c, cell.colspan, _need(cell, over, tier)))
        for c, span, need in sorted(spans, key=lambda s: s[1]):
            short = need - sum(widths[c : c + span])
            if short > 0:
                widths[c + span - 1] += short
        widest = max((widths[c] for c in numbers), default=0.0)
        tiers.append([widest if c in numbers else w for c, w in enumerate(widths)])
    return tiers


def column_widths(grid: Grid, available_mm: float, font_pt: float = TABLE_FONT_PT) -> list[float]:
    """The width in millimetres of each column of *grid*, filling *available_mm*.

    The roomiest layout of :func:`_tiers` that fits is taken, widened towards the next one
    as far as the page allows; what is left after every label fits on one line is shared
    equally (section 二 then comes out with equal columns, as the template prints it).  When
    even the tightest layout is too wide, it is scaled down.
    """
    char_mm = font_pt * _PT_MM
    pad = 2 * _CELL_MARGIN_MM + 0.4

    def total(widths: list[float]) -> float:
        return sum(w * char_mm + pad for w in widths)

    tiers = _tiers(grid)
    if total(tiers[0]) >= available_mm:
        scale = available_mm / total(tiers[0])
        return [(w * char_mm + pad) * scale for w in tiers[0]]
    fitting = [t for t in tiers if total(t) <= available_mm]
    low = fitting[-1]
    if len(fitting) < len(tiers):
        high = tiers[len(fitting)]
        share = (available_mm - total(low)) / (total(high) - total(low))
        return [(lo + share * (hi - lo)) * char_mm + pad for lo, hi in zip(low, high, strict=True)]
    spare = (available_mm - total(low)) / len(low)
    return [w * char_mm + pad + spare for w in low]


# --------------------------------------------------------------------------------------
# tables
# --------------------------------------------------------------------------------------


def _placed(grid: Grid) -> list[tuple[int, int, int, int, GridCell]]:
    """Each cell of *grid* with its top row, left column, bottom row and right column."""
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
    return placed


def _row_properties(table: Any, headers: int, keep: int) -> None:
    """Every row: never split across pages (``w:cantSplit``); the first *headers* rows are
    repeated on each page (``w:tblHeader``); the first *keep* rows stay on the page of the
    row after them (keep-with-next on their paragraphs)."""
    oxml = importlib.import_module("docx.oxml")
    qn = importlib.import_module("docx.oxml.ns").qn
    for r, row in enumerate(table.rows):
        tr_pr = row._tr.get_or_add_trPr()
        tr_pr.append(oxml.OxmlElement("w:cantSplit"))
        if r < headers:
            tr_pr.append(oxml.OxmlElement("w:tblHeader"))
        if r < keep:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    paragraph.paragraph_format.keep_with_next = True
    margins = oxml.OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margin = oxml.OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(round(_CELL_MARGIN_MM / 25.4 * 1440)))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    table._tbl.tblPr.append(margins)


def _table(document: Any, grid: Grid, available_mm: float, *, repeat_header: bool) -> None:
    """Add one standard table: the grid's merged cells as Word merges, the columns as wide
    as :func:`column_widths` says, its header rows kept with what follows them."""
    enum_text = importlib.import_module("docx.enum.text")
    enum_table = importlib.import_module("docx.enum.table")
    shared = importlib.import_module("docx.shared")
    width = sum(cell.colspan for cell in grid[0])
    table = document.add_table(rows=len(grid), cols=width)
    table.style = "Table Grid"
    table.alignment = enum_table.WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    widths = [shared.Mm(w) for w in column_widths(grid, available_mm)]
    for column, column_width in zip(table.columns, widths, strict=True):
        column.width = column_width
    # every position's cell once, before merging (table.cell() walks the whole table each
    # call); merged regions do not overlap, so a merge never touches another region's corners
    positions = [list(row.cells) for row in table.rows]
    for row in positions:
        for cell, cell_width in zip(row, widths, strict=True):
            cell.width = cell_width  # a merge adds up the widths it swallows
    for r, c, bottom, right, cell in _placed(grid):
        target = positions[r][c]
        if (bottom, right) != (r, c):
            target = target.merge(positions[bottom][right])
        paragraph = target.paragraphs[0]
        paragraph.alignment = enum_text.WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_before = paragraph.paragraph_format.space_after = 0
        target.vertical_alignment = enum_table.WD_CELL_VERTICAL_ALIGNMENT.CENTER
        if cell.text:
            run = paragraph.add_run(cell.text)
            _font(run, BODY_FONT, TABLE_FONT_PT)
            run.italic = cell.unknown is not None  # 未读取: unknown, not a printed word
    headers = header_rows(grid)
    _row_properties(table, headers if repeat_header else 0, headers)


def write_docx(report: Report, target: str | os.PathLike[str] | IO[bytes]) -> None:
    """Write *report* as a DOCX file (a path or a binary file object)."""
    docx = _docx()
    shared = importlib.import_module("docx.shared")
    enum_text = importlib.import_module("docx.enum.text")
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = shared.Mm(210), shared.Mm(297)
    section.top_margin = section.bottom_margin = shared.Mm(25)
    section.left_margin = section.right_margin = shared.Mm(_SIDE_MARGIN_MM)
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
        # a heading never ends a page: it stays with its first paragraph or table row
        heading_paragraph = _paragraph(document, heading, font=HEADING_FONT, size=14)
        heading_paragraph.paragraph_format.keep_with_next = True
        heading_paragraph.paragraph_format.space_before = shared.Pt(12)
        if number in grids:
            # section 二's header rows name the first 第二十条 item only: not repeated
            _table(document, grids[number], _TEXT_WIDTH_MM, repeat_header=number != "二")
            continue
        for line in paragraphs(narrative):
            text = _paragraph(document, line, font=BODY_FONT, size=12)
            text.paragraph_format.first_line_indent = shared.Pt(24)
    document.save(target if not isinstance(target, os.PathLike) else os.fspath(target))
