"""The pages of the checks across reports: ``hierarchy.html``, ``copying.html``,
``series.html`` (:mod:`zfxxgk.review_site.across` gives what they show).

Each names the reports by agency and year with a link to its page; each carries its own
style and no script, like a report's page.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Final

from lxml import etree

from ..cells import format_number
from ..html_report import element
from ..review import SERIES_COLUMNS
from .across import Across, CopyPair, SiteHierarchy, SiteSeries
from .assets import ACROSS_STYLE
from .data import SiteReport, href
from .pages import finding_item, page

__all__ = [
    "ACROSS_PAGES",
    "COPIES_SHOWN",
    "across_links",
    "copying_page",
    "hierarchy_page",
    "series_page",
]

ACROSS_PAGES: Final = {
    "hierarchy": ("hierarchy.html", "层级汇总"),
    "copying": ("copying.html", "正文雷同"),
    "series": ("series.html", "年度变化"),
}
"""Each page of the checks across reports: its file in the site folder and its title."""

COPIES_SHOWN: Final = 100
"""How many pairs ``copying.html`` shows, the most similar first; the page says how many
more there are, and ``site.json`` has them all.  A folder where many units filled in the
same text has thousands of pairs: a page of them all would be megabytes no one reads."""

_PASSAGES: Final = 8
"""How many shared passages a pair shows side by side (the longest)."""

_SERIES_SHOWN: Final = tuple(
    c
    for c in SERIES_COLUMNS
    if c not in {"template", "cells_expected", "cells_read", "cells_unread", "unknown", "source"}
)


def _name(entry: SiteReport) -> str:
    name = entry.agency or entry.file
    return name if entry.year is None else f"{name} {entry.year}年"


def _link(parent: etree._Element, entry: SiteReport, text: str | None = None) -> None:
    """The report's name, a link to its page."""
    shown = text if text is not None else _name(entry)
    if entry.page is None:
        element("span", shown, parent=parent)
    else:
        element("a", shown, {"href": href(entry.page), "title": entry.file}, parent=parent)


def _frame(key: str, intro: str, body: Sequence[etree._Element]) -> str:
    title = ACROSS_PAGES[key][1]
    nav = element("nav")
    element("a", "← 返回总览", {"href": "index.html"}, parent=nav)
    heading = element("h1", f"跨报告检查：{title}")
    return page(title, [nav, heading, element("p", intro, {"class": "note"}), *body], ACROSS_STYLE)


def across_links(across: Across) -> list[tuple[str, str, str]]:
    """For the index: (file, title, what was found) of each page."""
    regions = len(across.hierarchies)
    differences = sum(len(h.result.differences) for h in across.hierarchies)
    return [
        (
            ACROSS_PAGES["hierarchy"][0],
            ACROSS_PAGES["hierarchy"][1],
            f"汇总报告 {regions} 份，不等于下级之和的单元格 {differences} 个"
            if regions
            else "未指定汇总报告（--region）",
        ),
        (
            ACROSS_PAGES["copying"][0],
            ACROSS_PAGES["copying"][1],
            f"相似度达到 {across.threshold:.0%} 的报告 {len(across.copies)} 对",
        ),
        (
            ACROSS_PAGES["series"][0],
            ACROSS_PAGES["series"][1],
            f"有多个年度的机关 {len(across.series)} 个，"
            f"前后年检查结果 {sum(s.findings for s in across.series)} 条",
        ),
    ]


# --------------------------------------------------------------------------------------
# hierarchy
# --------------------------------------------------------------------------------------


def _region(item: SiteHierarchy, reports: Mapping[int, SiteReport]) -> etree._Element:
    result = item.result
    section = element("section", attrib={"class": "region", "id": f"region-{item.region}"})
    heading = element("h2", parent=section)
    _link(heading, reports[item.region])
    heading[-1].tail = f"：与 {len(result.units)} 个下级单位报告之和逐格比较"
    units = element("details", parent=section)
    if len(item.units) <= 12:
        units.set("open", "open")
    element("summary", f"计入的下级单位（{len(item.units)} 份报告）", parent=units)
    listing = element("ul", attrib={"class": "units"}, parent=units)
    for number in item.units:
        _link(element("li", parent=listing), reports[number])
    differences = result.differences
    if differences:
        text = f"{len(differences)} 个单元格不等于各单位之和"
        if all(f.reported is not None and f.expected is not None for f in differences) and all(
            f.reported > f.expected  # type: ignore[operator]
            for f in differences
        ):
            text += "（汇总数均大于单位之和：汇总报告可能另含本级机关的数字）"
        element("p", text, {"class": "status-warning"}, parent=section)
        table = element("table", attrib={"class": "differences"})
        head = element("tr", parent=element("thead", parent=table))
        for name in ("单元格", "汇总报告", "各单位之和", "差额"):
            element("th", name, parent=head)
        body = element("tbody", parent=table)
        for finding in differences:
            row = element("tr", attrib={"data-path": finding.path or ""}, parent=body)
            element("td", finding.where, parent=row)
            for value in (finding.reported, finding.expected):
                element("td", format_number(value, blank="空白"), {"class": "num"}, parent=row)
            gap = (
                format_number(finding.reported - finding.expected)
                if finding.reported is not None and finding.expected is not None
                else "—"
            )
            element("td", gap, {"class": "num"}, parent=row)
        element("div", attrib={"class": "scroll"}, parent=section).append(table)
    else:
        element("p", "各比较的单元格均等于各单位之和。", {"class": "status-ok"}, parent=section)
    others = [f for f in result.findings if f.code != "HIERARCHY-SUM"]
    if others:
        element("h3", f"其他检查结果（{len(others)} 条）", parent=section)
        notes = element("ol", attrib={"class": "findings"}, parent=section)
        notes.extend(finding_item(f) for f in others)
    return section


def hierarchy_page(across: Across, reports: Mapping[int, SiteReport]) -> str:
    """Each region given against the sum of the other reports of its year."""
    intro = (
        "把同一年度各下级单位报告的表二、三、四逐格相加，与汇总报告比较。不等的单元格为警告"
        "（HIERARCHY-SUM），不一定是错误：汇总报告可能另含本级机关，或只汇总部分单位。"
    )
    body: list[etree._Element] = [_region(item, reports) for item in across.hierarchies]
    for path in across.regions_not_read:
        body.append(element("p", f"指定的汇总报告未能读取：{path}", {"class": "status-error"}))
    if not across.hierarchies:
        body.append(
            element(
                "p",
                "没有指定汇总报告：用 zfxxgk review 的 --region FILE 指出哪份报告是上级（汇总）"
                "报告，其余同年度的报告即作为下级单位与之比较。",
                {"class": "empty"},
            )
        )
    return _frame("hierarchy", intro, body)


# --------------------------------------------------------------------------------------
# copying
# --------------------------------------------------------------------------------------


def _pair(number: int, pair: CopyPair, reports: Mapping[int, SiteReport]) -> etree._Element:
    s = pair.similarity
    first, second = reports[pair.first], reports[pair.second]
    section = element("section", attrib={"class": "pair", "id": f"pair-{number}"})
    heading = element("h2", parent=section)
    _link(heading, first)
    heading[-1].tail = " ↔ "
    _link(heading, second)
    heading[-1].tail = f"：相似度 {s.score:.0%}"
    element(
        "p",
        f"{pair.relation}；前者正文的 {s.coverage_a:.0%} 见于后者，后者的 {s.coverage_b:.0%}"
        f" 见于前者；相同文字 {len(s.passages)} 段（数字与模板固定文字不计）。",
        parent=section,
    )
    table = element("table", attrib={"class": "passages"})
    head = element("tr", parent=element("thead", parent=table))
    element("th", _name(first), parent=head)
    element("th", _name(second), parent=head)
    body = element("tbody", parent=table)
    longest = sorted(s.passages, key=lambda p: -p.length)[:_PASSAGES]
    for passage in sorted(longest, key=lambda p: p.a):
        row = element("tr", parent=body)
        element("td", passage.text_a, parent=row)
        element("td", passage.text_b, parent=row)
    section.append(table)
    if len(s.passages) > _PASSAGES:
        element("p", f"另有 {len(s.passages) - _PASSAGES} 段较短的相同文字未列出。", parent=section)
    return section


def copying_page(across: Across, reports: Mapping[int, SiteReport]) -> str:
    """The pairs of reports whose narratives are too similar, the shared passages side by
    side."""
    intro = (
        f"每份报告的正文（一、五、六部分）与本机关上一年度报告及最相似的其他机关报告比较；"
        f"相似度达到 {across.threshold:.0%} 的列在下面（COPY-SIMILAR），相同的段落左右对照。"
    )
    shown = across.copies[:COPIES_SHOWN]
    body = [_pair(k, pair, reports) for k, pair in enumerate(shown, 1)]
    if not body:
        body.append(element("p", "没有相似度达到阈值的报告。", {"class": "empty status-ok"}))
    more = len(across.copies) - len(shown)
    if more:
        lowest = f"{shown[-1].similarity.score:.0%}"
        note = (
            f"共 {len(across.copies)} 对，以上为相似度最高的 {len(shown)} 对；另有 {more} 对"
            f"（相似度不高于 {lowest}）未列出，全部见 site.json 的 copying.pairs。"
        )
        body.append(element("p", note, {"class": "more", "id": "more-pairs"}))
    return _frame("copying", intro, body)


# --------------------------------------------------------------------------------------
# series
# --------------------------------------------------------------------------------------


def _show(column: str, value: object) -> tuple[str, str]:
    """A value of the year table as shown, and its class."""
    if value is None:
        return "—", "unknown"
    if value is True:
        return "一致", "status-ok"
    if value is False:
        return "不一致", "status-error"
    if column == "completeness" and isinstance(value, float):
        return f"{value:.0%}", "num"
    return str(value), "num"


def _agency(item: SiteSeries, reports: Mapping[int, SiteReport]) -> etree._Element:
    series = item.series
    section = element("section", attrib={"class": "series"})
    years = series.years
    span = f"{years[0]}–{years[-1]}年" if years else ""
    element("h2", f"{series.agency or '（未读出机关名称）'} {span}", parent=section)
    table = element("table", attrib={"class": "years"})
    head = element("tr", parent=element("thead", parent=table))
    for column in _SERIES_SHOWN:
        element("th", SERIES_COLUMNS[column], parent=head)
    body = element("tbody", parent=table)
    for number, row in zip(item.numbers, series.rows(), strict=True):
        line = element("tr", parent=body)
        for column in _SERIES_SHOWN:
            if column == "year":
                _link(element("td", parent=line), reports[number], f"{row['year']}年")
                continue
            text, cls = _show(column, row[column])
            element("td", text, {"class": cls}, parent=line)
    element("div", attrib={"class": "scroll"}, parent=section).append(table)
    findings = element("ol", attrib={"class": "findings"})
    for step in series.steps:
        for finding in step.findings:
            note = finding_item(finding)
            note.insert(0, element("b", f"{step.previous.year}→{step.current.year}", tail=" "))
            findings.append(note)
    findings.extend(finding_item(f) for f in series.findings)
    if len(findings):
        element("h3", f"前后年检查结果（{len(findings)} 条）", parent=section)
        section.append(findings)
    else:
        element("p", "前后年检查均通过。", {"class": "status-ok"}, parent=section)
    return section


def series_page(across: Across, reports: Mapping[int, SiteReport]) -> str:
    """Each agency with reports of several years: the year table and the carry-over checks."""
    intro = (
        "同一机关（名称宽松匹配）的各年度报告按年排列，相邻两年运行前后年检查：上年结转"
        "（PAIR-CARRY-OVER）、规范性文件存量（PAIR-DOCUMENT-STOCK）等。“—”为未能读取，不按 0 计。"
    )
    body = [_agency(item, reports) for item in across.series]
    if not body:
        body.append(element("p", "没有同一机关多个年度的报告。", {"class": "empty"}))
    return _frame("series", intro, body)
