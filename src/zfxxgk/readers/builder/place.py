"""Placing cells: the values of a data row put into the template cells of the row it was
matched to, each read with :func:`zfxxgk.cells.parse_cell` for the cell's kind.

A row with more or fewer cells than the template is placed only when it is certain which
printed cell belongs to which template cell; else the row is left missing (R110/R111): a wrong
number is worse than no number.
"""

from __future__ import annotations

import collections

import attrs

from ...cells import CellKind, Unit
from ...template import CellSpec, RowSpec
from ..document import AnyCell, Table
from ..labels import Quality
from .items import Row
from .printed import printed_label
from .state import INFO, WARNING, Builder
from .values import classify, oneline, parse_value

__all__ = ["as_filler", "blank_ends_off", "plausible", "read_row", "trim"]

_QUALITY_WORDS = {
    Quality.NUMBERING: "序号不同或缺序号",
    Quality.PARTIAL: "只印了部分文字",
    Quality.FUZZY: "文字有出入",
    Quality.EXTRA_TEXT: "前面多印了文字",
    Quality.WRAPPED: "标签分印在两行",
}


def read_row(builder: Builder, spec: RowSpec, row: Row, *, how: str = "") -> None:
    """Place the values of *row* into the cells of *spec* (*how*: why an unlabelled row is
    this one, R113)."""
    values = list(row.values)
    n = len(spec.cells)
    labels = "/".join(spec.row)
    if len(values) > n:
        trimmed = (
            trim(values, n)
            or _in_value_columns(builder, row, values, n)
            or _under_headers(builder, row, values, n)
        )
        if trimmed is None:
            builder.diag(
                "R111",
                WARNING,
                f"“{labels}”一行有{len(row.values)}个单元格，模板只有{n}个，"
                "无法确定哪些是数值，整行按缺失处理",
                row.location,
                path=spec.path,
                template=builder.template,
            )
            return
        values = trimmed
    if len(values) < n:
        names = "、".join(c.column for c in spec.cells)
        builder.diag(
            "R110",
            WARNING,
            f"“{labels}”一行只有{len(values)}个单元格，模板有{n}个（{names}），"
            "无法确定缺少的是哪一格，整行按缺失处理",
            row.location,
            path=spec.path,
            template=builder.template,
        )
        return
    if row.match is not None and row.match.quality.loose:
        builder.diag(
            "R101",
            INFO,
            f"行标签“{oneline(row.match.printed)}”与“{spec.row[-1]}”近似匹配（{_QUALITY_WORDS[row.match.quality]}）",
            row.location,
            path=spec.path,
            template=builder.template,
        )
    if how:
        builder.diag("R113", INFO, how, row.location, path=spec.path, template=builder.template)
    if row.match is not None:
        builder.labels.append(printed_label(spec, row.match))
    for cell_spec, text_cell in zip(spec.cells, values, strict=True):
        set_cell(builder, cell_spec, text_cell)


def _in_value_columns(
    builder: Builder, row: Row, values: list[AnyCell], n: int
) -> list[AnyCell] | None:
    """The *n* values of a row with surplus blank cells at both ends (a merged label cell
    a Markdown table cannot draw leaves an empty cell): the window of cells that stands in
    the columns where the other rows of its table hold their *n* values, when those rows
    agree; None when they do not."""
    columns = _value_columns(builder, row.table, n)
    if columns is None:
        return None
    windows = [
        values[k : k + n]
        for k in range(len(values) - n + 1)
        if tuple(c.location.cell for c in values[k : k + n]) == columns
    ]
    kept = {id(v) for v in windows[0]} if len(windows) == 1 else set()
    if not kept or any(classify(v.text) != "blank" for v in values if id(v) not in kept):
        return None
    return windows[0]


def _under_headers(
    builder: Builder, row: Row, values: list[AnyCell], n: int
) -> list[AnyCell] | None:
    """The *n* values of a row with surplus blank cells inside (a text rendering that
    cannot draw merged cells leaves empty ones): the cells in the columns its part of the
    table uses — the columns its header row names, or else the columns where the rows
    under that header print their numbers — when they are *n* and every other cell of the
    row is blank; None otherwise."""
    rows = builder.rows_of.get(id(row.table), [])
    above = [r for r in rows if r.index < row.index and r.kind == "header"]
    below = [r for r in rows if r.index > row.index and r.kind == "header"]
    start = above[-1].index if above else -1
    end = below[0].index if below else len(row.table.grid)
    first = values[0].location.cell or 0
    candidates: list[set[int | None]] = []
    if above:
        candidates.append(
            {
                c.location.cell
                for c in above[-1].cells
                if not c.spanned and c.text.strip() and (c.location.cell or 0) >= first
            }
        )
    candidates.append(
        {
            c.location.cell
            for r in rows
            if start < r.index < end and r.kind in {"anchor", "values"}
            for c in r.values
            if classify(c.text) in {"value", "placeholder"} and (c.location.cell or 0) >= first
        }
    )
    for columns in candidates:
        window = [v for v in values if v.location.cell in columns]
        if len(window) == n and all(
            classify(v.text) == "blank" for v in values if v.location.cell not in columns
        ):
            return window
    return None


def _value_columns(builder: Builder, table: Table, n: int) -> tuple[int | None, ...] | None:
    """The grid columns that hold the *n* values of the rows of *table* read without
    doubt (a label, then exactly *n* values, or surplus blank cells at one end only),
    when more than half of those rows agree on them."""
    key = (id(table), n)
    if key not in builder.columns_of:
        seen: collections.Counter[tuple[int | None, ...]] = collections.Counter()
        for item in builder.rows_of.get(id(table), []):
            if item.kind != "anchor" or len(item.values) < n:
                continue
            window = trim(list(item.values), n)
            if window is not None:
                seen[tuple(c.location.cell for c in window)] += 1
        best = seen.most_common(1)
        total = sum(seen.values())
        builder.columns_of[key] = best[0][0] if best and best[0][1] * 2 > total else None
    return builder.columns_of[key]


def set_cell(builder: Builder, spec: CellSpec, text_cell: AnyCell) -> None:
    """Read one printed cell into the template cell *spec*, saying what was odd about it."""
    if text_cell.unread:
        where = "/".join((*spec.row, spec.column))
        builder.diag(
            "R173",
            WARNING,
            f"“{where}”：所印的“{oneline(text_cell.text)}”无法确定是否属于这一格"
            "（与表格的列对不齐），未读取",
            text_cell.location,
            path=spec.path,
            template=builder.template,
        )
        return
    cell, why = parse_value(text_cell.text, spec.value_kind)
    if cell.kind is CellKind.NUMBER and spec.unit is None and not why:  # most cells
        builder.cells[spec.path] = cell
        builder.provenance[spec.path] = text_cell  # its location made when asked for
        return
    where = "/".join((*spec.row, spec.column))
    location = text_cell.location
    if spec.unit is not None and cell.kind is CellKind.NUMBER:
        unit = Unit(spec.unit)
        if cell.unit is None:
            cell = attrs.evolve(cell, unit=unit)
        elif cell.unit is not unit:
            builder.diag(
                "R106",
                WARNING,
                f"“{where}”印的单位是{cell.unit.value}，模板规定为{unit.value}；数值未换算",
                location,
                path=spec.path,
                template=builder.template,
            )
    if cell.kind is CellKind.BLANK:
        builder.diag(
            "R102",
            INFO,
            f"“{where}”为空白（不是 0）",
            location,
            path=spec.path,
            template=builder.template,
        )
    elif cell.kind is CellKind.PLACEHOLDER:
        builder.diag(
            "R103", INFO, f"“{where}”：{why}", location, path=spec.path, template=builder.template
        )
    elif cell.kind is CellKind.TEXT:
        builder.diag(
            "R105",
            WARNING,
            f"“{where}”：{why}",
            location,
            path=spec.path,
            template=builder.template,
        )
    elif why:
        builder.diag(
            "R104", INFO, f"“{where}”：{why}", location, path=spec.path, template=builder.template
        )
    builder.cells[spec.path] = cell
    builder.provenance[spec.path] = text_cell


def trim(values: list[AnyCell], n: int) -> list[AnyCell] | None:
    """The *n* values of a row printed with surplus blank cells at its ends (a merged value
    cell, a Markdown table wider than its rows); None when which *n* is not certain."""
    size = len(values)
    leading = next((k for k, v in enumerate(values) if classify(v.text) != "blank"), size)
    trailing = next(
        (k for k, v in enumerate(reversed(values)) if classify(v.text) != "blank"), size
    )
    # windows values[k:k + n] that leave out only blank cells
    first, last = max(0, size - n - trailing), min(leading, size - n)
    if first > last:
        return None
    if first < last and len({v.text for v in values[first : last + n]}) > 1:
        return None  # the windows read differently
    return values[first : first + n]


def as_filler(row: Row, width: int) -> Row | None:
    """An unlabelled row holding exactly one row's values (an empty label cell or other
    surplus blank cells at its ends left out), or None.  A row of nothing but blank cells
    counts only when it has exactly *width* of them (not a spacer row)."""
    values = list(row.values)
    if len(values) == width:
        return row
    if len(values) < width or all(classify(v.text) == "blank" for v in values):
        return None
    trimmed = trim(values, width)
    return None if trimmed is None else attrs.evolve(row, values=tuple(trimmed))


def blank_ends_off(row: Row, most: int) -> Row:
    """A row of more than *most* values, the surplus all blank cells at one end, without
    them (a table written one cell per line ends with the empty cells of a blank row)."""
    if len(row.values) <= most:
        return row
    trimmed = trim(list(row.values), most)
    return row if trimmed is None else attrs.evolve(row, values=tuple(trimmed))


def plausible(row: Row, spec: RowSpec) -> bool:
    """Does the row carry values for *spec*: a number or placeholder among them, or at least
    as many cells as the template (a row printed all blank)?  A header cell such as 其他
    followed by one empty cell does not."""
    if not row.values:
        return False
    if len(row.values) >= len(spec.cells):
        return True
    return any(classify(v.text) in {"value", "placeholder"} for v in row.values)
