"""The standard tables of a report as grids: the template's drawing, written down once.

Section 二 is one table with a caption row per 第二十条 item, section 三 has the footnote in
its top-left cell and the merged 三、本年度办理结果 / （三）… group cells, section 四 the
two-level 行政复议 / 行政诉讼 header — all built from the template data
(:mod:`zfxxgk.template`), so no label is typed here.  A grid is a list of rows of
:class:`GridCell`; a merged cell appears once, at its top-left position, with its spans.
Every writer of tables reads these grids: HTML (:mod:`zfxxgk.html_report`), Markdown and plain
text (:mod:`zfxxgk.text_report`, :mod:`zfxxgk.text_tables`), Word (:mod:`zfxxgk.word_report`),
notebooks (:mod:`zfxxgk.notebook`).
"""

from __future__ import annotations

import functools
import itertools
import operator
from collections.abc import Callable, Iterator, Sequence
from typing import Final, TypeAlias

import attrs

from .cells import Cell, CellKind
from .model import (
    Appeals,
    ApplicantRow,
    DisclosureRequests,
    ProactiveDisclosure2019,
    ProactiveDisclosure2021,
    Report,
    Template,
)
from .template import FOOTNOTE, CellSpec, RowSpec, get_at, iter_cells, row_specs

__all__ = [
    "UNKNOWN_MARK",
    "UNKNOWN_TITLES",
    "Grid",
    "GridCell",
    "Section",
    "expand",
    "grid_shape",
    "section_grid",
    "section_number",
    "table_grids",
    "value_cells",
    "value_texts",
]

UNKNOWN_MARK: Final[str] = "未读取"
"""What a drawn table shows in a cell whose value is unknown — printed but not read
(:attr:`~zfxxgk.cells.CellKind.UNREAD`) or not printed (:attr:`~zfxxgk.cells.CellKind.MISSING`)
— never 0 and never empty, so that it cannot be taken for a blank cell."""

UNKNOWN_TITLES: Final[dict[CellKind, str]] = {
    CellKind.UNREAD: "原文有此格，但未能读取",
    CellKind.MISSING: "原文未印出此格",
}
"""The longer explanation of :data:`UNKNOWN_MARK` (a tooltip in HTML), by kind of cell."""

_CONTENT = "信息内容"
"""The header of the label column of the section-二 tables."""
_APPLICANTS = "申请人情况"
"""The header spanning the seven applicant columns of section 三."""


@attrs.frozen
class GridCell:
    """One drawn cell of a standard table: its text, its spans, and for a value cell the
    dotted model path of the template cell it shows (``requests.new.total``)."""

    text: str
    rowspan: int = 1
    colspan: int = 1
    label: bool = True
    """True for a header or row-label cell, False for a value cell."""
    path: str | None = None
    unknown: CellKind | None = None
    """For a value cell whose value is unknown: :attr:`~zfxxgk.cells.CellKind.UNREAD` or
    :attr:`~zfxxgk.cells.CellKind.MISSING` (its ``text`` is :data:`UNKNOWN_MARK`)."""


_Cell = GridCell
Grid: TypeAlias = list[list[GridCell]]
_Grid = Grid


# --------------------------------------------------------------------------------------
# the tables as grids
# --------------------------------------------------------------------------------------


def _shape(report: Report) -> tuple[RowSpec, ...]:
    single = isinstance(report.requests.outcomes.other_handling, ApplicantRow)
    return row_specs(report.info.template, other_single=single)


def _value(cell: Cell, spec: CellSpec) -> _Cell:
    return _value_at(cell, spec.dotted, spec.unit is None)


def _value_at(cell: Cell, dotted: str, unit_shown: bool) -> _Cell:
    text, path, unknown = _text_at(cell, dotted, unit_shown)
    return _Cell(text, label=False, path=path, unknown=unknown)


def _text_at(cell: Cell, dotted: str, unit_shown: bool) -> ValueText:
    """The value cell of *cell* at *dotted* as (text, path, unknown kind); *unit_shown*: the
    template's label gives no unit, so a unit read with a number is shown after it."""
    if cell.is_unknown:
        return UNKNOWN_MARK, dotted, cell.kind
    text = cell.display()
    if cell.raw is None and cell.unit is not None and unit_shown:
        text += cell.unit.value
    return text, dotted, None


def _values(specs: Sequence[CellSpec], cells: dict[tuple[str, ...], Cell]) -> list[_Cell]:
    return [_value(cells[s.path], s) for s in specs]


def _spread(cells: list[_Cell], width: int) -> list[_Cell]:
    """Stretch the last cell so that the row fills *width* columns."""
    if cells and len(cells) < width:
        cells[-1] = attrs.evolve(cells[-1], colspan=width - len(cells) + 1)
    return cells


def _proactive(rows: Sequence[RowSpec], cells: dict[tuple[str, ...], Cell]) -> _Grid:
    width = max(len(r.cells) for r in rows)
    grid: _Grid = []
    for caption, group in itertools.groupby(rows, key=lambda r: r.row[0]):
        members = list(group)
        grid.append([_Cell(caption, colspan=width + 1)])
        header = [_Cell(c.column) for c in members[0].cells]
        grid.append([_Cell(_CONTENT), *_spread(header, width)])
        for row in members:
            grid.append([_Cell(row.row[-1]), *_spread(_values(row.cells, cells), width)])
    return grid


def _label_cells(rows: Sequence[RowSpec], depth: int) -> Iterator[list[_Cell]]:
    """The label part of each row: group cells spanning the rows under them, then the row
    label spanning the label columns that are left."""
    for i, row in enumerate(rows):
        out: list[_Cell] = []
        for level in range(len(row.row) - 1):
            prefix = row.row[: level + 1]
            if i > 0 and rows[i - 1].row[: level + 1] == prefix:
                continue  # covered by the group cell of an earlier row
            span = sum(1 for r in rows[i:] if r.row[: level + 1] == prefix)
            out.append(_Cell(row.row[level], rowspan=span))
        out.append(_Cell(row.row[-1], colspan=depth - len(row.row) + 1))
        yield out


def _requests(rows: Sequence[RowSpec], cells: dict[tuple[str, ...], Cell]) -> _Grid:
    depth = max(len(r.row) for r in rows)
    columns = rows[0].cells
    top = [_Cell(FOOTNOTE, rowspan=3, colspan=depth), _Cell(_APPLICANTS, colspan=len(columns))]
    middle: list[_Cell] = []
    bottom: list[_Cell] = []
    for parent, group in itertools.groupby(columns, key=lambda c: c.column_parent):
        members = list(group)
        if parent is None:
            middle.extend(_Cell(c.column, rowspan=2) for c in members)
        else:
            middle.append(_Cell(parent, colspan=len(members)))
            bottom.extend(_Cell(c.column) for c in members)
    grid: _Grid = [top, middle, bottom]
    for labels, row in zip(_label_cells(rows, depth), rows, strict=True):
        grid.append([*labels, *_values(row.cells, cells)])
    return grid


def _appeals(rows: Sequence[RowSpec], cells: dict[tuple[str, ...], Cell]) -> _Grid:
    top: list[_Cell] = []
    middle: list[_Cell] = []
    bottom: list[_Cell] = []
    for parent, group in itertools.groupby(
        rows, key=lambda r: r.row[0] if len(r.row) > 1 else None
    ):
        members = list(group)
        if parent is None:
            for row in members:
                top.append(_Cell(row.row[0], colspan=len(row.cells)))
                middle.extend(_Cell(c.column, rowspan=2) for c in row.cells)
        else:
            top.append(_Cell(parent, colspan=sum(len(r.cells) for r in members)))
            for row in members:
                middle.append(_Cell(row.row[-1], colspan=len(row.cells)))
                bottom.extend(_Cell(c.column) for c in row.cells)
    values = [v for row in rows for v in _values(row.cells, cells)]
    return [top, middle, bottom, values]


_DRAW = {"二": _proactive, "三": _requests, "四": _appeals}


def _tables(report: Report) -> dict[str, _Grid]:
    cells = {spec.path: cell for spec, cell in iter_cells(report)}
    rows = _shape(report)
    return {
        number: draw([r for r in rows if r.section == number], cells)
        for number, draw in _DRAW.items()
    }


def value_cells(report: Report) -> dict[str, list[GridCell]]:
    """The value cells of *report*'s three tables, keyed 二, 三, 四, each table's in the
    order :func:`table_grids` draws them (row by row, left to right), without their spans:
    the cells that change from one report of a template to the next."""
    return {
        number: [_Cell(text, label=False, path=path, unknown=kind) for text, path, kind in cells]
        for number, cells in value_texts(report).items()
    }


ValueText: TypeAlias = tuple[str, str, "CellKind | None"]
"""A value cell as :func:`value_texts` gives it: its text, its dotted path, and for a value
that is unknown its kind (:attr:`GridCell.unknown`)."""


def value_texts(report: Report) -> dict[str, list[ValueText]]:
    """:func:`value_cells` as plain tuples (text, path, unknown kind), what a page filling a
    table drawn before needs (:func:`zfxxgk.html_report.to_html`)."""
    plan = _value_plan(*grid_shape(report))
    return {
        number: [_text_at(get(report), dotted, shown) for dotted, get, shown in cells]
        for number, cells in plan.items()
    }


_Plan: TypeAlias = dict[str, tuple[tuple[str, Callable[[Report], Cell], bool], ...]]


@functools.cache
def _value_plan(template: Template, single: bool) -> _Plan:
    """For a shape of report, each table's value cells in drawing order: the dotted path,
    how to get the cell from a report, whether a unit read with the number is shown."""
    out: dict[str, list[tuple[str, Callable[[Report], Cell], bool]]] = {n: [] for n in _DRAW}
    for row in row_specs(template, other_single=single):
        out[row.section].extend(
            (s.dotted, operator.attrgetter(s.dotted), s.unit is None) for s in row.cells
        )
    return {number: tuple(cells) for number, cells in out.items()}


def grid_shape(report: Report) -> tuple[Template, bool]:
    """What the drawing of *report*'s tables depends on besides its values: its template,
    and whether its 其他处理 is one row (:func:`zfxxgk.template.row_specs`)."""
    single = isinstance(report.requests.outcomes.other_handling, ApplicantRow)
    return report.info.template, single


def table_grids(report: Report) -> dict[str, Grid]:
    """The three standard tables of *report* as grids of :class:`GridCell`, keyed 二, 三, 四.

    Each grid is a list of rows; a merged cell appears once, at its top-left position, with
    its ``rowspan`` and ``colspan`` (as in HTML).
    """
    return _tables(report)


Section: TypeAlias = (
    ProactiveDisclosure2021 | ProactiveDisclosure2019 | DisclosureRequests | Appeals
)


def _section_shape(section: Section) -> tuple[str, tuple[RowSpec, ...]]:
    """The section number and the printed rows of one table section object."""
    if isinstance(section, ProactiveDisclosure2021 | ProactiveDisclosure2019):
        template = (
            Template.V2021 if isinstance(section, ProactiveDisclosure2021) else Template.V2019
        )
        number = "二"
        rows = row_specs(template)
    elif isinstance(section, DisclosureRequests):
        number = "三"
        single = isinstance(section.outcomes.other_handling, ApplicantRow)
        rows = row_specs(Template.V2021, other_single=single)
    elif isinstance(section, Appeals):
        number = "四"
        rows = row_specs(Template.V2021)
    else:
        raise TypeError(f"not a table section of a report: {type(section).__name__}")
    return number, tuple(r for r in rows if r.section == number)


def section_grid(section: Section) -> Grid:
    """One table section object (section 二, 三 or 四 of a report) as a grid, on its own."""
    number, rows = _section_shape(section)
    cells = {spec.path: get_at(section, spec.path[1:]) for row in rows for spec in row.cells}
    return _DRAW[number](rows, cells)


def section_number(section: Section) -> str:
    """二, 三 or 四: which table a section object is."""
    return _section_shape(section)[0]


@attrs.frozen
class _Slot:
    """One grid position after spans are expanded: *down* rows and *right* columns away
    from the top-left position of its (merged) cell."""

    cell: _Cell
    down: int
    right: int

    @property
    def origin(self) -> bool:
        return self.down == 0 and self.right == 0


def expand(grid: Grid) -> list[list[_Slot]]:
    """Every grid position with the (merged) cell that covers it."""
    height = len(grid)
    out: list[dict[int, _Slot]] = [{} for _ in grid]
    for r, row in enumerate(grid):
        c = 0
        for cell in row:
            while c in out[r]:
                c += 1
            for dr in range(min(cell.rowspan, height - r)):
                for dc in range(cell.colspan):
                    out[r + dr][c + dc] = _Slot(cell, dr, dc)
            c += cell.colspan
    return [[row[k] for k in sorted(row)] for row in out]
