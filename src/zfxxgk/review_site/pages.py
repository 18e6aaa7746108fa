"""The pages of the review site, built as lxml trees (:func:`zfxxgk.html_report.element`):
every text and attribute is escaped by the serialiser, never by hand.

- :func:`index_page`: the folder's totals, one row per file (sortable, filterable), and —
  when the folder holds several years of one agency — a table of agencies by year;
- :func:`report_page`: one report drawn as its template draws it
  (:func:`zfxxgk.html_report.report_element`), each cell with a finding marked and numbered,
  the findings of each table listed under it, the others after the report.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from lxml import etree

from .._version import __version__
from ..agencies import PLACE_ENDS, agency_core
from ..cells import Number, format_number
from ..html_report import element, report_element, serialize
from .assets import INDEX_SCRIPT, INDEX_STYLE, REPORT_PAGE_STYLE
from .data import STATUS_LABELS, SiteReport, SiteTotals, href
from .marks import mark_claims

if TYPE_CHECKING:
    from ..model import Report
    from ..rules import Finding

__all__ = ["agency_groups", "finding_item", "index_page", "page", "report_page"]

INDEX_TITLE = "政府信息公开工作年度报告检查总览"


def page(title: str, body: Sequence[etree._Element], style: str, script: str = "") -> str:
    """A whole page: UTF-8, a viewport for phones, the title, inline CSS (and script)."""
    root = element("html", attrib={"lang": "zh-CN"})
    head = element("head", parent=root)
    element("meta", attrib={"charset": "utf-8"}, parent=head)
    viewport = {"name": "viewport", "content": "width=device-width, initial-scale=1"}
    element("meta", attrib=viewport, parent=head)
    element("meta", attrib={"name": "generator", "content": f"zfxxgk {__version__}"}, parent=head)
    element("title", title, parent=head)
    element("style", "\n" + style, parent=head)
    holder = element("body", parent=root)
    holder.extend(body)
    if script:
        element("script", script, parent=holder)
    for part in (root, head, holder):
        part.text = "\n"
        for child in part:
            child.tail = "\n"
    return "<!DOCTYPE html>\n" + serialize(root) + "\n"


def _number(value: Number | None) -> str:
    return format_number(value, blank="空白")


def _finding_text(finding: Finding) -> str:
    """Where and what, with the number reported and the number expected when the message
    does not say them."""
    text = f"{finding.where}：{finding.message}"
    if finding.expected is not None and _number(finding.expected) not in finding.message:
        text += f"（报告 {_number(finding.reported)}，应为 {_number(finding.expected)}）"
    return text


def finding_item(finding: Finding, number: int | None = None) -> etree._Element:
    """One finding as a list item: code, severity, where, message."""
    attrib: dict[str, object] = {"class": f"zfxxgk-sev-{finding.severity.value}"}
    if number is not None:
        attrib.update({"id": f"note-{number}", "value": number})
    if finding.path:
        attrib["data-path"] = finding.path
    item = element("li", attrib=attrib)
    element("span", finding.code, {"class": "code"}, parent=item, tail=" ")
    element("b", finding.severity.label, parent=item, tail=" " + _finding_text(finding))
    return item


# --------------------------------------------------------------------------------------
# a report's page
# --------------------------------------------------------------------------------------


def _mark_tables(
    div: etree._Element, findings: Sequence[Finding]
) -> tuple[list[Finding], list[Finding]]:
    """Number the findings on the cells of *div*'s tables: a link ``[n]`` in the cell, the
    finding as item *n* of a list under its table; each table in a scrolling box (phones).
    Returns the findings placed on a cell (finding *n* at index *n* - 1) and the others."""
    on_cell: dict[str, list[Finding]] = {}
    for finding in findings:
        if finding.path is not None:
            on_cell.setdefault(finding.path, []).append(finding)
    placed: list[Finding] = []
    # the cells with a finding, in the order of the page, found by lxml (not by walking
    # every cell in Python); the paths are given as variables, never spliced into the query
    paths = {f"p{k}": path for k, path in enumerate(on_cell)}
    test = " or ".join(f"@data-path = ${name}" for name in paths)
    find = etree.XPath(f".//td[{test}]") if paths else None
    for table in list(div.iter("table")):
        notes = element("ol", attrib={"class": "notes"})
        marked = _found(find, table, paths) if find is not None else []
        for cell in marked:
            for finding in on_cell.get(cell.get("data-path") or "", ()):
                placed.append(finding)
                number = len(placed)
                cell.set("id", cell.get("id") or f"cell-{number}")
                mark = {"class": "mark", "href": f"#note-{number}", "title": finding.code}
                element("a", f"[{number}]", mark, parent=cell)
                notes.append(finding_item(finding, number))
        box = element("div", attrib={"class": "scroll"})
        table.addprevious(box)
        box.tail, table.tail = table.tail, None
        box.append(table)
        if len(notes):
            box.addnext(notes)
            notes.tail = "\n"
    done = {id(f) for f in placed}
    return placed, [f for f in findings if id(f) not in done]


def _found(
    query: etree.XPath, node: etree._Element, variables: dict[str, str]
) -> list[etree._Element]:
    """The elements *query* finds under *node*, its ``$name`` variables given *variables*."""
    found = query(node, **variables)
    assert isinstance(found, list)
    return [e for e in found if isinstance(e, etree._Element)]


def _overview(placed: Sequence[Finding]) -> etree._Element:
    """Links to the cells with a finding: ``[1] S4-TOTAL 四/行政复议/总计``."""
    item = element("dd", attrib={"class": "jump"})
    for number, finding in enumerate(placed, 1):
        attrib = {"href": f"#note-{number}", "class": f"zfxxgk-sev-{finding.severity.value}"}
        element("a", f"[{number}] {finding.code} {finding.where}", attrib, parent=item, tail=" ")
    return item


def _facts(entry: SiteReport) -> etree._Element:
    """The report's particulars: agency, year, template, status, completeness, source."""
    facts = element("dl", attrib={"class": "facts"})
    rows: list[tuple[str, str]] = [
        ("发布机关", entry.agency or "（未识别）"),
        ("年度", "" if entry.year is None else f"{entry.year}年"),
        ("格式", f"{entry.template} 年版" if entry.template else ""),
        ("读取完整度", entry.completeness.describe() if entry.completeness else ""),
    ]
    for term, text in rows:
        element("dt", term, parent=facts)
        element("dd", text, parent=facts)
    element("dt", "检查结果", parent=facts)
    status = {"class": f"status-{entry.status}", "data-status": entry.status}
    element("dd", entry.status_text, status, parent=facts)
    element("dt", "源文件", parent=facts)
    source = element("dd", parent=facts)
    if entry.source is not None:
        element(
            "a", entry.file, {"href": href(entry.source, up=1), "class": "source"}, parent=source
        )
    else:
        source.text = entry.file
    return facts


def report_page(entry: SiteReport, report: Report) -> str:
    """The page of one report: its particulars, the report drawn with its findings marked
    on their cells and listed under their tables, then the findings on no cell."""
    nav = element("nav")
    element("a", "← 返回总览", {"href": "../index.html"}, parent=nav)
    heading = element("h1", f"检查结果：{entry.agency or entry.file}")
    if entry.year is not None:
        heading.text = f"{heading.text} {entry.year}年"
    div = report_element(report, findings=entry.findings)
    placed, others = _mark_tables(div, entry.findings)
    notes = {id(f): number for number, f in enumerate(placed, 1)}
    claims = mark_claims(div, report, entry.findings, notes)
    facts = _facts(entry)
    if claims:
        element("dt", "正文与表格不符", parent=facts)
        text = f"{claims} 处，在正文中标出（黄色底）"
        element("dd", text, {"class": "claims"}, parent=facts)
    if placed:
        element("dt", "单元格上的问题", parent=facts)
        facts.append(_overview(placed))
    body = [nav, heading, facts]
    if others:
        section = element("section", attrib={"class": "other-findings"})
        element("h2", f"其他检查结果（不在表格单元格上，{len(others)} 条）", parent=section)
        listing = element("ol", attrib={"class": "findings"}, parent=section)
        listing.extend(finding_item(f) for f in others)
        body.append(section)
    elif not entry.findings:
        body.append(element("p", "检查结果：未发现问题。", {"class": "status-ok"}))
    body.append(element("hr"))
    body.append(div)
    title = f"{entry.agency or entry.file} {entry.year or ''} 检查结果".replace("  ", " ")
    return page(title, body, REPORT_PAGE_STYLE)


# --------------------------------------------------------------------------------------
# the index
# --------------------------------------------------------------------------------------

_COLUMNS: tuple[tuple[str, bool], ...] = (
    ("序号", True),
    ("发布机关", False),
    ("年度", True),
    ("格式", False),
    ("读取完整度", True),
    ("错误", True),
    ("警告", True),
    ("提示", True),
    ("状态", True),
    ("源文件", False),
)
"""The index's columns: header, and whether it sorts as numbers."""


def _totals(totals: SiteTotals) -> etree._Element:
    listing = element("ul", attrib={"class": "totals"})
    figures = (
        ("files", "文件", totals.files, "个"),
        ("checked", "已检查报告", totals.checked, "份"),
        ("with_errors", "有错误", totals.with_errors, "份"),
        ("unreadable", "无法读取", totals.unreadable, "个"),
        ("not_checked", "未检查（2019 年以前格式）", totals.not_checked, "份"),
        ("incomplete", "检查不完整", totals.incomplete, "份"),
    )
    for key, label, count, unit in figures:
        item = element("li", label + " ", {"data-key": key}, parent=listing)
        element("b", count, parent=item, tail=f" {unit}")
    return listing


def _cell(row: etree._Element, text: object, sort: object = None, **attrib: object) -> None:
    if sort is not None:
        attrib["data-v"] = sort
    cls = attrib.pop("cls", None)
    if cls:
        attrib["class"] = cls
    element("td", text, attrib, parent=row)


def display_names(reports: Sequence[SiteReport]) -> dict[int, str]:
    """Each file's name as the index shows it: relative to the folder all the files on disk
    are in (``2024/a.pdf``, ``a.zip!r.html``); standard input and web addresses as given."""
    local = [r for r in reports if r.source is not None]
    folders = [os.path.dirname(os.path.abspath(r.file)) for r in local]
    try:
        common = os.path.commonpath(folders) if folders else None
    except ValueError:  # pragma: no cover - two drives (Windows)
        common = None
    names = {r.number: r.file for r in reports}
    if common is not None:
        for entry in local:
            relative = os.path.relpath(os.path.abspath(entry.file), common)
            names[entry.number] = relative.replace(os.sep, "/")
    return names


def _row(entry: SiteReport, name: str) -> etree._Element:
    row = element("tr", attrib={"data-n": entry.number, "data-flags": " ".join(entry.flags)})
    _cell(row, entry.number, cls="num")
    agency = element("td", parent=row)
    shown = entry.agency or ("（未识别）" if entry.read else "—")
    if entry.page is not None:
        element("a", shown, {"href": href(entry.page)}, parent=agency)
    else:
        agency.text = shown
    _cell(row, "" if entry.year is None else entry.year, "" if entry.year is None else entry.year)
    _cell(row, f"{entry.template} 年版" if entry.template else "—", cls="nowrap")
    figure = entry.completeness
    _cell(row, figure.percent if figure else "—", figure.ratio if figure else -1, cls="num")
    counts = entry.counts
    for severity in ("error", "warning", "info"):
        count = counts[severity] if entry.read else None
        _cell(row, "—" if count is None else count, -1 if count is None else count, cls="num")
    _cell(row, entry.status_text, entry.rank, cls=f"status-{entry.status}")
    source = element("td", attrib={"class": "file", "title": entry.file}, parent=row)
    if entry.source is not None:
        element("a", name, {"href": href(entry.source)}, parent=source)
    else:
        source.text = name
    return row


def _controls(total: int) -> etree._Element:
    controls = element("div", attrib={"class": "controls"})
    label = element("label", "筛选 ", parent=controls)
    element(
        "input",
        attrib={"type": "search", "id": "filter", "placeholder": "机关、年度、文件名…"},
        parent=label,
    )
    label = element("label", "状态 ", parent=controls)
    select = element("select", attrib={"id": "status-filter"}, parent=label)
    element("option", "全部", {"value": ""}, parent=select)
    for key, name in reversed(STATUS_LABELS.items()):
        element("option", name, {"value": key}, parent=select)
    shown = element("span", "显示 ", parent=controls)
    element("span", total, {"id": "shown"}, parent=shown, tail=f" / {total} 个")
    return controls


def _table(reports: Sequence[SiteReport]) -> etree._Element:
    table = element("table", attrib={"id": "reports"})
    head = element("tr", parent=element("thead", parent=table))
    for name, numeric in _COLUMNS:
        th = element("th", parent=head, attrib={"data-type": "num" if numeric else "text"})
        element("button", name, {"type": "button"}, parent=th)
    body = element("tbody", parent=table)
    names = display_names(reports)
    body.extend(_row(entry, names[entry.number]) for entry in reports)
    box = element("div", attrib={"class": "scroll"})
    box.append(table)
    return box


def agency_groups(reports: Iterable[SiteReport]) -> list[tuple[str, list[SiteReport]]]:
    """The reports read, one group per agency, in order of first appearance; a report
    without an agency's name is left out.  Names match as :func:`zfxxgk.agencies.match_agency`
    matches them — the same core name (without 人民政府, 管委会 …), or one with a place name
    before it (淮安市洪泽区 and 洪泽区) — looked up in indexes of the names seen, so that a
    folder of 1,000 agencies takes 1,000 look-ups, not a million comparisons."""
    groups: list[tuple[list[str], list[SiteReport]]] = []
    cores: dict[str, int] = {}
    """Every core name seen → its group."""
    tails: dict[str, int] = {}
    """Every part of a core name seen that follows a place name (洪泽区 of 淮安市洪泽区) → group."""
    for entry in reports:
        core = agency_core(entry.agency) if entry.read and entry.agency else ""
        if not core:
            continue
        parts = _tails(core)
        found = [cores.get(core), tails.get(core), *(cores.get(part) for part in parts)]
        group = min((g for g in found if g is not None), default=len(groups))
        if group == len(groups):
            groups.append(([], []))
        assert entry.agency is not None
        groups[group][0].append(entry.agency)
        groups[group][1].append(entry)
        cores.setdefault(core, group)
        for part in parts:
            tails.setdefault(part, group)
    return [
        (max(names, key=lambda n: (names.count(n), len(n))), members) for names, members in groups
    ]


def _tails(core: str) -> list[str]:
    """The parts of *core* of two characters or more that follow a place name's last
    character (省市县区州盟旗): ``淮安市洪泽区`` → ``洪泽区``."""
    return [core[i:] for i in range(1, len(core) - 1) if core[i - 1] in PLACE_ENDS]


def _by_agency(groups: Sequence[tuple[str, list[SiteReport]]]) -> etree._Element:
    """Agencies by year: each report a link to its page, saying its status."""
    years = sorted({e.year for _, members in groups for e in members if e.year is not None})
    section = element("section", attrib={"class": "by-agency"})
    element("h2", "按机关与年度", parent=section)
    table = element("table", attrib={"id": "by-agency"})
    head = element("tr", parent=element("thead", parent=table))
    element("th", "发布机关", parent=head)
    for year in years:
        element("th", f"{year}年", parent=head)
    body = element("tbody", parent=table)
    for name, members in sorted(groups, key=lambda g: g[0]):
        row = element("tr", parent=body)
        element("td", name, parent=row)
        for year in years:
            cell = element("td", parent=row)
            for entry in (e for e in members if e.year == year):
                assert entry.page is not None
                text = STATUS_LABELS[entry.status]
                if entry.counts["error"]:
                    text = f"错误 {entry.counts['error']}"
                attrib = {"href": href(entry.page), "class": f"status-{entry.status}"}
                element("a", text, {**attrib, "title": entry.file}, parent=cell)
    box = element("div", attrib={"class": "scroll"}, parent=section)
    box.append(table)
    return section


def _checks(checks: Sequence[tuple[str, str, str]]) -> etree._Element:
    """Links to the pages of the checks across reports, each saying what it found."""
    section = element("section", attrib={"class": "across"})
    element("h2", "跨报告检查", parent=section)
    listing = element("ul", attrib={"class": "across"}, parent=section)
    for target, title, summary in checks:
        item = element("li", parent=listing)
        element("a", title, {"href": href(target)}, parent=item, tail=f"：{summary}")
    return section


def index_page(
    reports: Sequence[SiteReport],
    totals: SiteTotals,
    checks: Sequence[tuple[str, str, str]] = (),
) -> str:
    """The index: the totals, links to the *checks* across reports ((file, title, what was
    found) each), agencies by year (when an agency has several years), the table of every
    file, sortable and filterable."""
    body = [element("h1", INDEX_TITLE), _totals(totals)]
    if checks:
        body.append(_checks(checks))
    groups = agency_groups(reports)
    if any(len({e.year for e in members}) > 1 for _, members in groups):
        body.append(_by_agency(groups))
    body.append(element("h2", "全部文件"))
    body.append(_controls(len(reports)))
    body.append(_table(reports))
    note = "点击表头排序（再点一次反向）；“读取完整度”为模板单元格中已读取的比例。"
    body.append(element("p", note, {"class": "note"}))
    return page(INDEX_TITLE, body, INDEX_STYLE, INDEX_SCRIPT)
