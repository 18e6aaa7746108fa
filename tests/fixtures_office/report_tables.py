"""A whole 2021-template report laid out as the official template lays it out, rendered as
DOCX (``w:gridSpan``/``w:vMerge``) or as a PDF (ruled grid, merged areas left unruled,
section 三 cut by a page break), with values chosen by the test.

The labels come from :mod:`zfxxgk.template` (never typed here); the layout — which cell
spans which rows and columns — is the official template's.  ``values`` maps a cell spec's
dotted path to the printed text; cells not in it print as ``blank`` (default ``U+3000``, as
in the official blank template).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from zfxxgk.model import Template
from zfxxgk.template import FOOTNOTE, SECTION_TITLES, CellSpec, row_specs

from .docx_build import make_docx, p, tbl, tc, tr
from .pdf_build import Page, make_pdf


@dataclass(frozen=True)
class Span:
    """One drawn cell: top-left grid position, extent, text."""

    row: int
    col: int
    text: str
    rows: int = 1
    cols: int = 1


@dataclass(frozen=True)
class Layout:
    n_cols: int
    cells: tuple[Span, ...]

    @property
    def n_rows(self) -> int:
        return max(c.row + c.rows for c in self.cells)


def _value(spec: CellSpec, values: Mapping[str, str], blank: str) -> str:
    return values.get(spec.dotted, blank)


def section_2(values: Mapping[str, str], blank: str) -> Layout:
    cells: list[Span] = []
    r = 0
    caption = None
    for row in row_specs(Template.V2021):
        if row.section != "二":
            continue
        if row.row[0] != caption:
            caption = row.row[0]
            cells.append(Span(r, 0, caption, cols=4))
            columns = [c.column for c in row.cells]
            cells.append(Span(r + 1, 0, "信息内容"))
            if len(columns) == 3:
                cells.extend(Span(r + 1, 1 + k, col) for k, col in enumerate(columns))
            else:
                cells.append(Span(r + 1, 1, columns[0], cols=3))
            r += 2
        cells.append(Span(r, 0, row.row[1]))
        if len(row.cells) == 3:
            cells.extend(Span(r, 1 + k, _value(s, values, blank)) for k, s in enumerate(row.cells))
        else:
            cells.append(Span(r, 1, _value(row.cells[0], values, blank), cols=3))
        r += 1
    return Layout(4, tuple(cells))


def section_3(values: Mapping[str, str], blank: str) -> Layout:
    rows = [row for row in row_specs(Template.V2021) if row.section == "三"]
    columns = rows[0].cells
    parent = next(c.column_parent for c in columns if c.column_parent)
    cells = [
        Span(0, 0, FOOTNOTE, rows=3, cols=3),
        Span(0, 3, "申请人情况", cols=7),
        Span(1, 3, columns[0].column, rows=2),
        Span(1, 4, str(parent), cols=5),
        Span(1, 9, columns[-1].column, rows=2),
    ]
    cells.extend(Span(2, 4 + k, c.column) for k, c in enumerate(columns[1:6]))
    r0 = 3
    groups: dict[tuple[str, ...], list[int]] = {}
    for k, row in enumerate(rows):
        r = r0 + k
        for depth in range(1, len(row.row)):
            groups.setdefault(row.row[:depth], []).append(r)
        label_col = len(row.row) - 1
        cells.append(Span(r, label_col, row.row[-1], cols=3 - label_col))
        cells.extend(Span(r, 3 + j, _value(s, values, blank)) for j, s in enumerate(row.cells))
    for path, members in groups.items():
        cells.append(Span(members[0], len(path) - 1, path[-1], rows=len(members)))
    return Layout(10, tuple(cells))


def section_4(values: Mapping[str, str], blank: str) -> Layout:
    rows = [row for row in row_specs(Template.V2021) if row.section == "四"]
    outcome_labels = [c.column for c in rows[0].cells]
    cells = [Span(0, 0, rows[0].row[0], cols=5), Span(0, 5, rows[1].row[0], cols=10)]
    cells.extend(Span(1, k, label, rows=2) for k, label in enumerate(outcome_labels))
    for g, row in enumerate(rows[1:]):
        cells.append(Span(1, 5 + 5 * g, row.row[-1], cols=5))
        cells.extend(Span(2, 5 + 5 * g + k, label) for k, label in enumerate(outcome_labels))
    col = 0
    for row in rows:
        for spec in row.cells:
            cells.append(Span(3, col, _value(spec, values, blank)))
            col += 1
    return Layout(15, tuple(cells))


def _title(n: str) -> str:
    return f"{n}、{SECTION_TITLES[n]}"


def layouts(values: Mapping[str, str], blank: str) -> dict[str, Layout]:
    return {
        "二": section_2(values, blank),
        "三": section_3(values, blank),
        "四": section_4(values, blank),
    }


# -- DOCX -----------------------------------------------------------------------------------


def _docx_table(layout: Layout) -> str:
    starts = {(c.row, c.col): c for c in layout.cells}
    covering: dict[tuple[int, int], Span] = {}
    for c in layout.cells:
        for r in range(c.row, c.row + c.rows):
            covering[(r, c.col)] = c
    rows = []
    for r in range(layout.n_rows):
        tcs = []
        col = 0
        while col < layout.n_cols:
            cell = starts.get((r, col))
            if cell is not None:
                tcs.append(
                    tc(cell.text, span=cell.cols, vmerge="restart" if cell.rows > 1 else None)
                )
                col += cell.cols
                continue
            above = covering[(r, col)]
            tcs.append(tc(span=above.cols, vmerge="continue"))
            col += above.cols
        rows.append(tr(*tcs))
    return tbl(*rows, cols=layout.n_cols)


def report_docx(values: Mapping[str, str], *, blank: str = "\u3000", title: str = "") -> bytes:
    tables = layouts(values, blank)
    body = p(title or "某县2024年政府信息公开工作年度报告") + p(_title("一")) + p("（文字描述）")
    for n in ("二", "三", "四"):
        body += p(_title(n)) + _docx_table(tables[n])
    for n in ("五", "六"):
        body += p(_title(n)) + p("（文字描述）")
    return make_docx(body, title=title)


# -- PDF ------------------------------------------------------------------------------------

SIZE = 5.0
LEFT = 60.0


def _wrap(text: str, width: float) -> list[str]:
    per_line = max(1, int((width - 3) // SIZE))
    return [text[i : i + per_line] for i in range(0, len(text), per_line)] or [""]


def _draw(page: Page, layout: Layout, widths: list[float], top: float, rows: range) -> float:
    """Draw rows *rows* of *layout* from *top*; a cell cut by the range is drawn cut, its
    text only in its first part (as WPS and Word print a merged cell across a page break).
    Returns the bottom."""
    xs = [LEFT]
    for w in widths:
        xs.append(xs[-1] + w)
    heights: dict[int, float] = dict.fromkeys(rows, SIZE + 6)
    for c in layout.cells:
        if c.row in heights and c.rows == 1:
            lines = _wrap(c.text, xs[c.col + c.cols] - xs[c.col])
            heights[c.row] = max(heights[c.row], len(lines) * (SIZE + 1) + 6)
    ys = {rows.start: top}
    for r in rows:
        ys[r + 1] = ys[r] + heights[r]
    for c in layout.cells:
        r0, r1 = max(c.row, rows.start), min(c.row + c.rows, rows.stop)
        if r0 >= r1:
            continue
        x0, x1, y0, y1 = xs[c.col], xs[c.col + c.cols], ys[r0], ys[r1]
        page.line(x0, y0, x1, y0).line(x0, y1, x1, y1).line(x0, y0, x0, y1).line(x1, y0, x1, y1)
        if r0 == c.row:
            for k, line in enumerate(_wrap(c.text, x1 - x0)):
                if line.strip():
                    page.text(x0 + 1.5, y0 + 2 + k * (SIZE + 1), line, SIZE)
    return ys[rows.stop]


WIDTHS = {
    "二": [110.0, 100.0, 100.0, 100.0],
    "三": [25.0, 45.0, 150.0, *([40.0] * 7)],
    "四": [30.0] * 15,
}


def report_pdf(
    values: Mapping[str, str],
    *,
    blank: str = "",
    break_at: int = 12,
    overview: Sequence[str] = ("（文字描述）",),
) -> bytes:
    """A report PDF; section 三's table breaks to page 3 before its row *break_at*.
    *overview* is section 一, one printed line each (as a PDF breaks a paragraph)."""
    tables = layouts(values, blank)
    p1, p2, p3 = Page(), Page(), Page()
    p1.text(LEFT, 60, "某县2024年政府信息公开工作年度报告", 12)
    p1.text(LEFT, 100, _title("一"), 10)
    for i, line in enumerate(overview):
        p1.text(LEFT, 120 + 16 * i, line, 10)
    below = 120 + 16 * len(overview)
    p1.text(LEFT, below + 4, _title("二"), 10)
    _draw(p1, tables["二"], WIDTHS["二"], below + 24, range(tables["二"].n_rows))
    p1.text(280, 800, "- 1 -", 9)
    p2.text(LEFT, 60, _title("三"), 10)
    three = tables["三"]
    _draw(p2, three, WIDTHS["三"], 80, range(break_at))
    p2.text(280, 800, "- 2 -", 9)
    bottom = _draw(p3, three, WIDTHS["三"], 72, range(break_at, three.n_rows))
    p3.text(LEFT, bottom + 20, _title("四"), 10)
    bottom = _draw(p3, tables["四"], WIDTHS["四"], bottom + 40, range(tables["四"].n_rows))
    p3.text(LEFT, bottom + 20, _title("五"), 10).text(LEFT, bottom + 40, "（文字描述）", 10)
    p3.text(LEFT, bottom + 60, _title("六"), 10).text(LEFT, bottom + 80, "（文字描述）", 10)
    p3.text(280, 800, "- 3 -", 9)
    return make_pdf([p1, p2, p3], title="某县2024年政府信息公开工作年度报告")
