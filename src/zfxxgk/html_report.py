"""A report as HTML: a fragment, a whole page, a standalone page with its findings marked.

The three standard tables are drawn as the national template draws them, from the grids of
:mod:`zfxxgk.grids` (merged cells as ``rowspan``/``colspan``), in the outline of
:mod:`zfxxgk.outline`:

- :func:`to_html` writes ``<table>`` elements with ``rowspan``/``colspan`` (a fragment, or a
  whole page with ``<title>`` and ``<meta>`` when ``page=True``);
- :func:`to_standalone_html` is a whole page with inline CSS and the list of findings, with no
  external resource;
- :func:`html_table` draws one grid (for notebooks).

Cells print what was printed (:meth:`~zfxxgk.cells.Cell.display`); a cell whose value is
unknown — printed but not read (``unread``) or not printed (``missing``) — shows
:data:`~zfxxgk.grids.UNKNOWN_MARK` (“未读取”) with class ``zfxxgk-unknown`` and a ``title``
saying which (“原文有此格，但未能读取” / “原文未印出此格”), never 0 and never empty.  Every
page of a report read in full reads back to the same cells with :func:`zfxxgk.readers.read`.

Given ``findings`` (from :func:`zfxxgk.check`), :func:`to_html` marks every value cell with its
model path (``data-path``) and the cells that fail a rule with a class (``zfxxgk-error``,
``zfxxgk-warning``, ``zfxxgk-info``) and a ``title`` naming the rule and the expected value,
which a browser shows on hover.  Part of what was ``zfxxgk.render`` (that name still imports).
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from . import outline
from .cells import format_number
from .grids import UNKNOWN_TITLES, Grid, GridCell, table_grids
from .model import Report

if TYPE_CHECKING:
    from .rules import Finding

__all__ = ["STYLE", "html_table", "to_html", "to_standalone_html"]


def to_html(
    report: Report, *, page: bool = False, findings: Iterable[Finding] | None = None
) -> str:
    """The report as HTML: a ``<div>`` fragment, or a whole page when *page* is true.

    With *findings*, value cells carry ``data-path`` and failing cells a class and a
    ``title`` (see the module docstring); without, the markup is plain.
    """
    tables = table_grids(report)
    marks = None if findings is None else _marks(findings)
    agency, title, date = outline.front_matter(report)
    parts = [f"<p>{html.escape(line)}</p>" for line in agency]
    parts.append(f"<h1>{html.escape(title)}</h1>")
    parts.extend(f"<p>{html.escape(line)}</p>" for line in date)
    for number, heading, text in outline.sections(report):
        parts.append(f"<h2>{html.escape(heading)}</h2>")
        if number in tables:
            parts.append(_html_table(tables[number], marks, number))
        else:
            parts.extend(f"<p>{html.escape(line)}</p>" for line in outline.paragraphs(text))
    body = '<div class="zfxxgk-report">\n' + "\n".join(parts) + "\n</div>"
    if not page:
        return body + "\n"
    return _page(report, body)


def _page(report: Report, body: str, *, style: str = "") -> str:
    meta = [f"<title>{html.escape(outline.title(report))}</title>"]
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
td.zfxxgk-unknown { color: #777; font-style: italic; background: #eee; cursor: help; }
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
                attributes += _mark_attributes(cell, marks.get(cell.path, ()))
            elif cell.unknown is not None:
                attributes += _unknown_attributes(cell)
            tds.append(f"<td{attributes}>{html.escape(cell.text)}</td>")
        lines.append("<tr>" + "".join(tds) + "</tr>")
    lines.append("</table>")
    return "\n".join(lines)


def _unknown_attributes(cell: GridCell) -> str:
    """The class and title of a cell whose value is unknown (no findings asked for)."""
    assert cell.unknown is not None
    title = UNKNOWN_TITLES[cell.unknown]
    return f' class="zfxxgk-unknown" data-kind="{cell.unknown.value}" title="{title}"'


def _mark_attributes(cell: GridCell, findings: Sequence[Finding]) -> str:
    assert cell.path is not None
    classes = ["zfxxgk-value"]
    extra = ""
    tips: list[str] = []
    if cell.unknown is not None:
        classes.append("zfxxgk-unknown")
        extra += f' data-kind="{cell.unknown.value}"'
        tips.append(UNKNOWN_TITLES[cell.unknown])
    if findings:
        worst = max(findings, key=lambda f: f.severity.rank)
        classes.append(f"zfxxgk-{worst.severity.value}")
        codes = " ".join(dict.fromkeys(f.code for f in findings))
        extra += f' data-codes="{html.escape(codes)}"'
        tips.append(_tooltip(findings))
    if tips:
        extra += f' title="{html.escape(chr(10).join(tips))}"'
    return f' class="{" ".join(classes)}" data-path="{html.escape(cell.path)}"{extra}'
