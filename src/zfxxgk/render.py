"""Render a :class:`~zfxxgk.model.Report` as HTML, Markdown or plain text.

The three standard tables are drawn as the national template draws them — section 二 as one
table with a caption row per 第二十条 item, section 三 with the footnote in the top-left
cell and the merged 三、本年度办理结果 / （三）… group cells, section 四 with the two-level
行政复议 / 行政诉讼 header — from one grid description built from the template data
(:mod:`zfxxgk.template`), so no label is typed here.  Then:

- :func:`to_html` writes ``<table>`` elements with ``rowspan``/``colspan`` (a fragment, or a
  whole page with ``<title>`` and ``<meta>`` when ``page=True``);
- :func:`to_markdown` writes pipe tables (merged label cells repeated across their columns,
  merged value cells left empty, as Markdown has no spans);
- :func:`to_text` writes the layout of text copied from a web page: every cell on its own
  line indented by a tab, a blank line after each row, an empty tab line where a merged cell
  from the row above covers the position.

Cells print what was printed (:meth:`~zfxxgk.cells.Cell.display`); a money cell whose unit is
not fixed by the template (2019 采购总金额) carries its unit.  A cell the source did not have
(``missing``) is drawn empty.  Every rendering reads back to the same cells with
:func:`zfxxgk.readers.read`.

Given ``findings`` (from :func:`zfxxgk.check`), :func:`to_html` marks every value cell with its
model path (``data-path``) and the cells that fail a rule with a class (``zfxxgk-error``,
``zfxxgk-warning``, ``zfxxgk-info``) and a ``title`` naming the rule and the expected value,
which a browser shows on hover; :func:`to_standalone_html` is a whole page of that with inline
CSS and the list of findings, with no external resource.  :func:`table_grids` and
:func:`section_grid` give the grids themselves (merged cells with their spans), for writers
of other formats (:mod:`zfxxgk.docx_writer`) and for notebooks.
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, TypeAlias

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
from .template import (
    FOOTNOTE,
    SECTION_TITLES,
    CellSpec,
    RowSpec,
    get_at,
    iter_cells,
    row_specs,
)

if TYPE_CHECKING:
    from .rules import Finding

__all__ = [
    "GridCell",
    "describe",
    "front_matter",
    "html_table",
    "section_grid",
    "section_number",
    "table_grids",
    "to_html",
    "to_markdown",
    "to_standalone_html",
    "to_text",
]

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


_Cell = GridCell
Grid: TypeAlias = list[list[GridCell]]
_Grid = Grid


# --------------------------------------------------------------------------------------
# the tables as grids
# --------------------------------------------------------------------------------------


def _shape(report: Report) -> tuple[RowSpec, ...]:
    single = isinstance(report.requests.outcomes.other_handling, ApplicantRow)
    return row_specs(report.info.template, other_single=single)


def _value(cell: Cell, spec: CellSpec) -> str:
    if cell.kind is CellKind.MISSING:
        return ""
    text = cell.display()
    if cell.raw is None and cell.unit is not None and spec.unit is None:
        text += cell.unit.value
    return text


def _values(specs: Sequence[CellSpec], cells: dict[tuple[str, ...], Cell]) -> list[_Cell]:
    return [_Cell(_value(cells[s.path], s), label=False, path=s.dotted) for s in specs]


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


def _expand(grid: _Grid) -> list[list[_Slot]]:
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


# --------------------------------------------------------------------------------------
# narrative and headings
# --------------------------------------------------------------------------------------


def _title(report: Report) -> str:
    info = report.info
    if info.title:
        return info.title
    year = f"{info.year}年" if info.year is not None else ""
    return f"{info.agency or ''}{year}政府信息公开工作年度报告"


def _front(report: Report) -> list[str]:
    """Lines printed above the first section: the agency (when the title does not name
    it), the title, the date of publication."""
    info = report.info
    title = _title(report)
    lines = []
    if info.agency and info.agency not in title:
        lines.append(info.agency)
    lines.append(title)
    if info.published is not None:
        day = info.published
        lines.append(f"（{day.year}年{day.month}月{day.day}日）")
    return lines


def _sections(report: Report) -> Iterator[tuple[str, str, str | None]]:
    """(number, heading, narrative or None for a table section) in order."""
    narrative = {"一": report.overview, "五": report.problems, "六": report.other_matters}
    for number, title in SECTION_TITLES.items():
        yield number, f"{number}、{title}", narrative.get(number)


def _lines(text: str | None) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


# --------------------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------------------


def to_html(
    report: Report, *, page: bool = False, findings: Iterable[Finding] | None = None
) -> str:
    """The report as HTML: a ``<div>`` fragment, or a whole page when *page* is true.

    With *findings*, value cells carry ``data-path`` and failing cells a class and a
    ``title`` (see the module docstring); without, the markup is plain.
    """
    tables = _tables(report)
    marks = None if findings is None else _marks(findings)
    agency, title, date = _split_front(report)
    parts = [f"<p>{html.escape(line)}</p>" for line in agency]
    parts.append(f"<h1>{html.escape(title)}</h1>")
    parts.extend(f"<p>{html.escape(line)}</p>" for line in date)
    for number, heading, text in _sections(report):
        parts.append(f"<h2>{html.escape(heading)}</h2>")
        if number in tables:
            parts.append(_html_table(tables[number], marks, number))
        else:
            parts.extend(f"<p>{html.escape(line)}</p>" for line in _lines(text))
    body = '<div class="zfxxgk-report">\n' + "\n".join(parts) + "\n</div>"
    if not page:
        return body + "\n"
    return _page(report, body)


def _page(report: Report, body: str, *, style: str = "") -> str:
    meta = [f"<title>{html.escape(_title(report))}</title>"]
    if report.info.agency:
        meta.append(f'<meta name="author" content="{html.escape(report.info.agency)}">')
    if report.info.published is not None:
        meta.append(f'<meta name="PubDate" content="{report.info.published.isoformat()}">')
    if style:
        meta.append(f"<style>\n{style}</style>")
    head = '<meta charset="utf-8">\n' + "\n".join(meta)
    return (
        f'<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n{head}\n</head>\n'
        f"<body>\n{body}\n</body>\n</html>\n"
    )


STYLE = """\
body { font-family: "Songti SC", "SimSun", "Noto Serif CJK SC", serif; margin: 2em auto;
  max-width: 60em; line-height: 1.6; color: #222; }
h1 { text-align: center; font-size: 1.5em; }
h2 { font-size: 1.15em; margin-top: 1.6em; }
table { border-collapse: collapse; margin: 0.8em 0; font-size: 0.9em; }
td { border: 1px solid #555; padding: 0.2em 0.45em; text-align: center; vertical-align: middle; }
td.zfxxgk-value { font-variant-numeric: tabular-nums; }
td.zfxxgk-error { background: #fbd5d5; outline: 2px solid #c0392b; cursor: help; }
td.zfxxgk-warning { background: #fdf1c7; cursor: help; }
td.zfxxgk-info { background: #dceefb; cursor: help; }
.zfxxgk-findings li { margin: 0.2em 0; }
.zfxxgk-findings .zfxxgk-code { font-family: monospace; font-weight: bold; }
.zfxxgk-sev-error { color: #c0392b; } .zfxxgk-sev-warning { color: #9a6b00; }
.zfxxgk-sev-info { color: #1f6f9f; }
"""
"""The inline CSS of :func:`to_standalone_html`."""


def to_standalone_html(report: Report, *, findings: Iterable[Finding] | None = None) -> str:
    """The report as one standalone HTML page: inline CSS, no external resource.

    The tables are drawn as in :func:`to_html`; the cells that fail a rule of *findings* are
    highlighted, the rule and the expected value in their ``title`` (shown on hover).  The
    findings follow the report as a list (``<ol class="zfxxgk-findings">``).
    """
    found = list(findings or ())
    fragment = to_html(report, findings=found)
    items = []
    for finding in found:
        severity = finding.severity
        items.append(
            f'<li class="zfxxgk-sev-{severity.value}"><span class="zfxxgk-code">'
            f"{html.escape(finding.code)}</span> {html.escape(severity.label)} "
            f"{html.escape(finding.where)}：{html.escape(finding.message)}</li>"
        )
    if items:
        listing = (
            f'<section class="zfxxgk-check">\n<h2>检查结果（{len(items)} 条）</h2>\n'
            '<ol class="zfxxgk-findings">\n' + "\n".join(items) + "\n</ol>\n</section>"
        )
    elif findings is not None:
        listing = '<section class="zfxxgk-check">\n<p>检查结果：未发现问题。</p>\n</section>'
    else:
        listing = ""
    body = fragment.rstrip("\n") + ("\n" + listing if listing else "")
    return _page(report, body, style=STYLE)


def _marks(findings: Iterable[Finding]) -> dict[str, list[Finding]]:
    marks: dict[str, list[Finding]] = {}
    for finding in findings:
        if finding.path is not None:
            marks.setdefault(finding.path, []).append(finding)
    return marks


def _tooltip(findings: Sequence[Finding]) -> str:
    from .export import format_number

    lines = []
    for finding in findings:
        head = f"规则 {finding.code}（{finding.severity.label}）"
        if finding.expected is not None:
            head += f"：应为 {format_number(finding.expected)}"
        lines.append(f"{head}\n{finding.message}")
    return "\n".join(lines)


def html_table(grid: Grid, *, findings: Iterable[Finding] | None = None) -> str:
    """One grid (from :func:`table_grids` or :func:`section_grid`) as an HTML ``<table>``.

    With *findings*, cells are marked as in :func:`to_html`.
    """
    return _html_table(grid, None if findings is None else _marks(findings))


def describe(report: Report, *, published: bool = False) -> str:
    """One line saying whose report it is: ``某区人民政府 · 2024年度 · 2021 年版格式``."""
    info = report.info
    parts = [info.agency or "（未识别发布机关）"]
    if info.year is not None:
        parts.append(f"{info.year}年度")
    parts.append(f"{info.template.value} 年版格式")
    if published and info.published is not None:
        parts.append(f"发布于 {info.published.isoformat()}")
    return " · ".join(parts)


def front_matter(report: Report) -> tuple[list[str], str, list[str]]:
    """What is printed above the first section: (agency lines, the title, date lines)."""
    return _split_front(report)


def _split_front(report: Report) -> tuple[list[str], str, list[str]]:
    lines = _front(report)
    title = _title(report)
    at = lines.index(title)
    return lines[:at], title, lines[at + 1 :]


def _html_table(
    grid: _Grid, marks: Mapping[str, list[Finding]] | None = None, number: str | None = None
) -> str:
    if marks is None:
        lines = ['<table border="1" cellspacing="0">']
    else:
        section = f' data-section="{number}"' if number else ""
        lines = [f'<table border="1" cellspacing="0" class="zfxxgk-table"{section}>']
    for row in grid:
        tds = []
        for cell in row:
            attributes = ""
            if cell.rowspan > 1:
                attributes += f' rowspan="{cell.rowspan}"'
            if cell.colspan > 1:
                attributes += f' colspan="{cell.colspan}"'
            if marks is not None and cell.path is not None:
                attributes += _mark_attributes(cell.path, marks.get(cell.path, ()))
            tds.append(f"<td{attributes}>{html.escape(cell.text)}</td>")
        lines.append("<tr>" + "".join(tds) + "</tr>")
    lines.append("</table>")
    return "\n".join(lines)


def _mark_attributes(path: str, findings: Sequence[Finding]) -> str:
    classes = ["zfxxgk-value"]
    extra = ""
    if findings:
        worst = max(findings, key=lambda f: f.severity.rank)
        classes.append(f"zfxxgk-{worst.severity.value}")
        codes = " ".join(dict.fromkeys(f.code for f in findings))
        extra = f' data-codes="{html.escape(codes)}" title="{html.escape(_tooltip(findings))}"'
    return f' class="{" ".join(classes)}" data-path="{html.escape(path)}"{extra}'


# --------------------------------------------------------------------------------------
# Markdown
# --------------------------------------------------------------------------------------


def to_markdown(report: Report) -> str:
    """The report as Markdown with pipe tables."""
    tables = _tables(report)
    agency, title, date = _split_front(report)
    parts = [*agency, f"# {title}", *date]
    for number, heading, text in _sections(report):
        parts.append(f"## {heading}")
        if number in tables:
            parts.append(_markdown_table(tables[number]))
        else:
            parts.extend(_lines(text))
    return "\n\n".join(parts) + "\n"


def _markdown_table(grid: _Grid) -> str:
    lines: list[str] = []
    for r, row in enumerate(_expand(grid)):
        texts = [
            slot.cell.text if slot.origin or (slot.cell.label and slot.down == 0) else ""
            for slot in row
        ]
        lines.append("| " + " | ".join(_md_escape(t) for t in texts) + " |")
        if r == 0:
            lines.append("|" + "---|" * len(row))
    return "\n".join(lines)


def _md_escape(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", "<br>")


# --------------------------------------------------------------------------------------
# plain text (the seed's layout)
# --------------------------------------------------------------------------------------


def to_text(report: Report) -> str:
    """The report as plain text laid out like text copied from a web page."""
    tables = _tables(report)
    out = [*_front(report), ""]
    for number, heading, text in _sections(report):
        out.append(heading)
        if number in tables:
            out.extend(_text_table(tables[number]))
            out.append("")
        else:
            out.extend(_lines(text))
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _text_table(grid: _Grid) -> list[str]:
    out: list[str] = []
    for row in _expand(grid):
        for slot in row:
            if slot.origin:
                first, *rest = slot.cell.text.split("\n")
                out.append(f"\t{first}")
                out.extend(rest)
            elif slot.down > 0 and slot.right == 0:
                out.append("\t")
        out.append("")
    return out
