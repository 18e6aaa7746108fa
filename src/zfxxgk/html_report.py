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

Every page is built as a tree with lxml (:func:`element`) and serialised once
(:func:`serialize`): text and attribute values are escaped by the serialiser, never by hand,
so a label, an agency name or a finding holding ``<``, ``&`` or quotes cannot break the page.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Final

import lxml.html
from lxml import etree

from . import outline
from .cells import format_number
from .grids import (
    UNKNOWN_TITLES,
    Grid,
    GridCell,
    ValueText,
    grid_shape,
    table_grids,
    value_texts,
)
from .model import Report

if TYPE_CHECKING:
    from .rules import Finding

__all__ = [
    "STYLE",
    "element",
    "html_table",
    "report_element",
    "serialize",
    "to_html",
    "to_standalone_html",
]

_NOT_XML: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""Characters no HTML document may hold (control characters, lone surrogates)."""


def _clean(text: object) -> str:
    """*text* as a string a page may hold: a control character becomes U+FFFD, as an HTML
    parser would read it."""
    text = str(text)
    return _NOT_XML.sub("\ufffd", text) if _NOT_XML.search(text) else text


def element(
    tag: str,
    text: object = None,
    attrib: Mapping[str, object] | None = None,
    *,
    parent: etree._Element | None = None,
    tail: str | None = None,
) -> etree._Element:
    """An HTML element with its text and attributes (escaped when serialised), appended to
    *parent* when given."""
    values = {name: _clean(value) for name, value in attrib.items()} if attrib else None
    made = etree.Element(tag, values) if parent is None else etree.SubElement(parent, tag, values)
    if text is not None:
        made.text = _clean(text)
    if tail is not None:  # a new element has none
        made.tail = _clean(tail)
    return made


def serialize(node: etree._Element) -> str:
    """*node* and what it holds as HTML text."""
    return str(lxml.html.tostring(node, encoding="unicode"))


def _lines_in(parent: etree._Element) -> None:
    """Each child of *parent* on a line of its own, as the pages have always been written."""
    parent.text = "\n"
    for child in parent:
        child.tail = "\n"


def to_html(
    report: Report, *, page: bool = False, findings: Iterable[Finding] | None = None
) -> str:
    """The report as HTML: a ``<div>`` fragment, or a whole page when *page* is true.

    With *findings*, value cells carry ``data-path`` and failing cells a class and a
    ``title`` (see the module docstring); without, the markup is plain.
    """
    body = _report_div(report, None if findings is None else _marks(findings))
    if not page:
        return serialize(body) + "\n"
    return _page(report, [body])


def report_element(report: Report, *, findings: Iterable[Finding] | None = None) -> etree._Element:
    """The ``<div class="zfxxgk-report">`` of :func:`to_html` as an element (front matter,
    narrative paragraphs, the three tables marked with *findings*), to build into a larger
    page (the review site, :mod:`zfxxgk.review_site`)."""
    return _report_div(report, None if findings is None else _marks(findings))


def _report_div(report: Report, marks: Mapping[str, list[Finding]] | None) -> etree._Element:
    tables = value_texts(report)
    agency, title, date = outline.front_matter(report)
    div = element("div", attrib={"class": "zfxxgk-report"})
    for line in agency:
        element("p", line, parent=div)
    element("h1", title, parent=div)
    for line in date:
        element("p", line, parent=div)
    for number, heading, text in outline.sections(report):
        element("h2", heading, parent=div)
        if number in tables:
            div.append(_drawn_table(report, tables, number, marks))
        else:
            for line in outline.paragraphs(text):
                element("p", line, parent=div)
    _lines_in(div)
    return div


def _page(report: Report, body: Sequence[etree._Element], *, style: str = "") -> str:
    root = element("html", attrib={"lang": "zh-CN"})
    head = element("head", parent=root)
    element("meta", attrib={"charset": "utf-8"}, parent=head)
    element("title", outline.title(report), parent=head)
    if report.info.agency:
        element("meta", attrib={"name": "author", "content": report.info.agency}, parent=head)
    if report.info.published is not None:
        published = report.info.published.isoformat()
        element("meta", attrib={"name": "PubDate", "content": published}, parent=head)
    if style:
        element("style", "\n" + style, parent=head)
    page = element("body", parent=root)
    page.extend(body)
    for part in (root, head, page):
        _lines_in(part)
    return "<!DOCTYPE html>\n" + serialize(root) + "\n"


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
    body = [_report_div(report, _marks(found))]
    if found or findings is not None:
        section = element("section", attrib={"class": "zfxxgk-check"})
        if found:
            element("h2", f"检查结果（{len(found)} 条）", parent=section)
            listing = element("ol", attrib={"class": "zfxxgk-findings"}, parent=section)
            for finding in found:
                severity = finding.severity
                item = element("li", attrib={"class": f"zfxxgk-sev-{severity.value}"})
                element("span", finding.code, {"class": "zfxxgk-code"}, parent=item)
                item[-1].tail = _clean(f" {severity.label} {finding.where}：{finding.message}")
                listing.append(item)
            _lines_in(listing)
        else:
            element("p", "检查结果：未发现问题。", parent=section)
        _lines_in(section)
        body.append(section)
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
    return serialize(table_element(grid, findings=findings))


def table_element(grid: Grid, *, findings: Iterable[Finding] | None = None) -> etree._Element:
    """:func:`html_table` as an element, to build into a larger page."""
    return _table_element(grid, None if findings is None else _marks(findings))


def _table_element(
    grid: Grid, marks: Mapping[str, list[Finding]] | None = None, number: str | None = None
) -> etree._Element:
    table = element("table", attrib={"border": "1", "cellspacing": "0"})
    if marks is not None:
        table.set("class", "zfxxgk-table")
        if number:
            table.set("data-section", number)
    for row in grid:
        tr = element("tr", parent=table)
        for cell in row:
            attributes: dict[str, object] = {}
            if cell.rowspan > 1:
                attributes["rowspan"] = cell.rowspan
            if cell.colspan > 1:
                attributes["colspan"] = cell.colspan
            if marks is not None and cell.path is not None:
                attributes.update(_mark_attributes(cell, marks.get(cell.path, ())))
            elif cell.unknown is not None:
                attributes.update(_unknown_attributes(cell))
            element("td", cell.text, attributes, parent=tr)
    _lines_in(table)
    table.text = "\n"
    return table


_DRAWN: dict[Hashable, tuple[etree._Element, tuple[int, ...], tuple[str | None, ...]]] = {}
"""Each table as drawn for a shape of report (:func:`zfxxgk.grids.grid_shape`), with or
without marks, its value cells bare (their spans only; with marks, also the class and
``data-path`` that every value cell has), where they are among its ``<td>``, and the paths
so given: the labels, spans and paths of a table are the same for every report of a shape,
so a report's table is a copy of it with the value cells filled in (:func:`_drawn_table`)."""


def _drawn_table(
    report: Report,
    values: Mapping[str, Sequence[ValueText]],
    number: str,
    marks: Mapping[str, list[Finding]] | None,
) -> etree._Element:
    """The table *number* of *report* as :func:`_table_element` draws it from its grid."""
    key = (grid_shape(report), number, marks is not None)
    drawn = _DRAWN.get(key)
    if drawn is None:
        drawn = _DRAWN[key] = _bare_table(report, values[number], number, marks is not None)
    table = copy.deepcopy(drawn[0])
    cells = list(table.iter("td"))
    filled: list[tuple[etree._Element, Mapping[str, str], str]] = []
    for place, given, (text, path, unknown) in zip(drawn[1], drawn[2], values[number], strict=True):
        attributes: Mapping[str, str] = _NO_ATTRIBUTES
        if marks is not None:
            found = marks.get(path, ())
            if found or unknown is not None or path != given:  # class and data-path anew
                cell = GridCell(text, label=False, path=path, unknown=unknown)
                attributes = _mark_attributes(cell, found)
        elif unknown is not None:
            attributes = _unknown_attributes(GridCell(text, label=False, unknown=unknown))
        if given is not None and path != given:  # pragma: no cover - same shape
            for name in ("class", "data-path"):
                del cells[place].attrib[name]
        filled.append((cells[place], attributes, text))
    # one search for characters no page may hold, not one a string: there are hundreds
    strings = [text for _, _, text in filled]
    strings += [value for _, attributes, _ in filled for value in attributes.values()]
    clean = _clean if _NOT_XML.search("".join(strings)) else str
    for td, attributes, text in filled:
        for name, value in attributes.items():
            td.set(name, clean(value))
        td.text = clean(text)
    return table


def _bare_table(
    report: Report, values: Sequence[ValueText], number: str, marked: bool
) -> tuple[etree._Element, tuple[int, ...], tuple[str | None, ...]]:
    """The table *number* of *report*'s shape with its value cells bare (see :data:`_DRAWN`):
    the table, the places of its value cells, the path each was given (``None``: none)."""
    grid = table_grids(report)[number]
    places = tuple(k for k, c in enumerate(c for row in grid for c in row) if not c.label)
    table = _table_element(grid, {} if marked else None, number)
    cells = list(table.iter("td"))
    paths: list[str | None] = []
    for place, (_, given, _) in zip(places, values, strict=True):
        td = cells[place]
        spans = [(n, v) for n, v in td.items() if n in ("rowspan", "colspan")]
        td.attrib.clear()
        for name, value in spans:
            td.set(name, value)
        path = given if marked else None
        if path is not None:  # as _mark_attributes gives a cell without findings
            td.set("class", "zfxxgk-value")
            td.set("data-path", _clean(path))
        paths.append(path)
    return table, places, tuple(paths)


_NO_ATTRIBUTES: Final[Mapping[str, str]] = {}


def _unknown_attributes(cell: GridCell) -> dict[str, str]:
    """The class and title of a cell whose value is unknown (no findings asked for)."""
    assert cell.unknown is not None
    title = UNKNOWN_TITLES[cell.unknown]
    return {"class": "zfxxgk-unknown", "data-kind": cell.unknown.value, "title": title}


def _mark_attributes(cell: GridCell, findings: Sequence[Finding]) -> dict[str, str]:
    assert cell.path is not None
    if cell.unknown is None and not findings:  # most cells
        return {"class": "zfxxgk-value", "data-path": cell.path}
    classes = ["zfxxgk-value"]
    extra: dict[str, str] = {}
    tips: list[str] = []
    if cell.unknown is not None:
        classes.append("zfxxgk-unknown")
        extra["data-kind"] = cell.unknown.value
        tips.append(UNKNOWN_TITLES[cell.unknown])
    if findings:
        worst = max(findings, key=lambda f: f.severity.rank)
        classes.append(f"zfxxgk-{worst.severity.value}")
        extra["data-codes"] = " ".join(dict.fromkeys(f.code for f in findings))
        tips.append(_tooltip(findings))
    if tips:
        extra["title"] = "\n".join(tips)
    return {"class": " ".join(classes), "data-path": cell.path, **extra}
