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
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

from .cells import format_number
from .grids import Grid, GridCell, expand, section_grid, section_number, table_grids
from .model import Report
from .render_text import STYLES, Style, draw
from .template import SECTION_TITLES

if TYPE_CHECKING:
    from .rules import Finding

__all__ = [
    "STYLES",
    "Grid",
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
    tables = table_grids(report)
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
    grid: Grid, marks: Mapping[str, list[Finding]] | None = None, number: str | None = None
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
    tables = table_grids(report)
    agency, title, date = _split_front(report)
    parts = [*agency, f"# {title}", *date]
    for number, heading, text in _sections(report):
        parts.append(f"## {heading}")
        if number in tables:
            parts.append(_markdown_table(tables[number]))
        else:
            parts.extend(_lines(text))
    return "\n\n".join(parts) + "\n"


def _markdown_table(grid: Grid) -> str:
    lines: list[str] = []
    for r, row in enumerate(expand(grid)):
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


def to_text(
    report: Report,
    *,
    style: Style = "box",
    wrap: int | None = 24,
    widths: Mapping[str, Sequence[int]] | None = None,
    right_align_values: bool = False,
) -> str:
    """The report as plain text, its tables drawn in *style* (:mod:`zfxxgk.render_text`):
    ``box`` (default), ``ascii``, ``aligned``, ``pandoc`` or ``tabs`` (text copied from a
    web page: a cell per tab-indented line).  Label cells wrap at *wrap* display columns;
    *widths* maps 二, 三, 四 to least widths of the grid columns."""
    tables = table_grids(report)
    out = [*_front(report), ""]
    for number, heading, text in _sections(report):
        out.append(heading)
        if number in tables:
            out.append("")  # a blank line around a table, as pandoc and text browsers print
            out.extend(
                draw(
                    tables[number],
                    style=style,
                    wrap=wrap,
                    widths=(widths or {}).get(number),
                    right_align_values=right_align_values,
                )
            )
            out.append("")
        else:
            out.extend(_lines(text))
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
