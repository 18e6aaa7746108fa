"""Notebook views: ``_repr_html_`` and ``to_dataframe()`` for the objects people look at.

The model classes carry thin hooks that call into this module, so Jupyter shows

- a :class:`~zfxxgk.model.Report` as its title, agency, year and template, and its three
  standard tables drawn as the template draws them, the cells that fail a check highlighted
  (the rule and the expected value on hover);
- a table section (``report.proactive``, ``report.requests``, ``report.appeals``) as its table;
- :class:`~zfxxgk.rules.Findings` as a table of code, severity, official label path, reported,
  expected and message;
- a :class:`~zfxxgk.readers.ParseResult` and a :class:`~zfxxgk.batch.BatchItem` as their
  report (or the error that stopped it).

``to_dataframe()`` gives pandas tables (``pip install 'zfxxgk[pandas]'``): one row per table
cell of a report (the columns of :data:`zfxxgk.records.CELL_COLUMNS`), one row per finding
(:data:`zfxxgk.records.FINDING_COLUMNS`), one tidy table for a whole batch, and the wide form
(one row per report).  The columns are typed (:mod:`zfxxgk.tabular`): ``value``,
``reported`` and ``expected`` nullable ``Float64`` holding each number exactly (NA for a blank,
placeholder or unknown cell, never 0), ``year`` ``Int64``, ``section``/``row``/``column``
ordered categoricals in template order.  pandas is imported only inside these functions.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Final

from .cells import ValueKind, format_number
from .completeness import completeness
from .errors import optional_module
from .grids import UNKNOWN_MARK, Section, section_grid, section_number, table_grids
from .html_report import element, serialize, table_element
from .model import Report
from .outline import describe, front_matter
from .records import (
    CELL_COLUMNS,
    FINDING_COLUMNS,
    REPORT_COLUMNS,
    cell_rows,
    finding_row,
    report_rows,
    unreadable_row,
)
from .tabular import WIDE_INDEX, WIDE_LEVELS, WideTable, categories, column_type, exact_float
from .template import SECTION_TITLES

if TYPE_CHECKING:
    from lxml import etree

    from .batch import BatchItem
    from .readers import ParseResult
    from .rules import Finding, Findings

__all__ = [
    "batch_cells_dataframe",
    "batch_findings_dataframe",
    "batch_item_html",
    "batch_reports_dataframe",
    "cells_dataframe",
    "findings_dataframe",
    "findings_html",
    "parse_result_html",
    "report_html",
    "section_html",
    "wide_dataframe",
]

_STYLE: Final = (
    ".zfxxgk-nb table{border-collapse:collapse;margin:.4em 0 .8em;font-size:.85em}"
    ".zfxxgk-nb td,.zfxxgk-nb th{border:1px solid #999;padding:.15em .4em;text-align:center}"
    ".zfxxgk-nb td.zfxxgk-error{background:#fbd5d5;outline:2px solid #c0392b}"
    ".zfxxgk-nb td.zfxxgk-warning{background:#fdf1c7}"
    ".zfxxgk-nb td.zfxxgk-info{background:#dceefb}"
    ".zfxxgk-nb td.zfxxgk-unknown{color:#777;font-style:italic;background:#eee}"
    ".zfxxgk-nb .zfxxgk-sev-error{color:#c0392b}.zfxxgk-nb .zfxxgk-sev-warning{color:#9a6b00}"
)


def _wrap(*body: etree._Element) -> str:
    """The notebook view: *body* in a ``<div class="zfxxgk-nb">`` with its style."""
    div = element("div", attrib={"class": "zfxxgk-nb"})
    element("style", _STYLE, parent=div)
    div.extend(body)
    return serialize(div)


# --------------------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------------------


def _counts_line(findings: Findings) -> etree._Element:
    line = element("p")
    if not findings:
        line.text = "检查：未发现问题"
        return line
    counts = [
        (len(findings.errors), "错误", "error"),
        (len(findings.warnings), "警告", "warning"),
        (len(findings.infos), "提示", "info"),
    ]
    line.text = "检查："
    shown = [(n, label, cls) for n, label, cls in counts if n]
    for i, (n, label, cls) in enumerate(shown):
        tail = "，" if i < len(shown) - 1 else "（悬停在标色单元格上查看规则与应为值）"
        element("span", f"{label} {n}", {"class": f"zfxxgk-sev-{cls}"}, parent=line, tail=tail)
    return line


def _heading(number: str) -> etree._Element:
    return element("h4", f"{number}、{SECTION_TITLES[number]}")


def _tables(report: Report, findings: Findings | None) -> list[etree._Element]:
    parts: list[etree._Element] = []
    for number, grid in table_grids(report).items():
        parts.extend((_heading(number), table_element(grid, findings=findings)))
    return parts


def _report_parts(report: Report, findings: Findings | None, check: bool) -> list[etree._Element]:
    if findings is None and check:
        from .rules import check as run_checks

        findings = run_checks(report)
    _, title, _ = front_matter(report)
    body = [element("h3", title), element("p", describe(report, published=True))]
    figure = completeness(report)
    if figure.read < figure.expected:  # say how much was read; the cells show 未读取
        body.append(element("p", figure.describe(), {"class": "zfxxgk-completeness"}))
    if findings is not None:
        body.append(_counts_line(findings))
    return body + _tables(report, findings)


def report_html(report: Report, *, findings: Findings | None = None, check: bool = True) -> str:
    """A compact HTML view of *report*: title, who and when, template, the three tables.

    The report is checked (unless *check* is false or *findings* are given) and failing cells
    are highlighted.
    """
    return _wrap(*_report_parts(report, findings, check))


def section_html(section: Section) -> str:
    """One table section (二, 三 or 四) as its table, under its official heading."""
    return _wrap(_heading(section_number(section)), table_element(section_grid(section)))


_UNKNOWN_CODES: Final = frozenset({"CELL-UNREAD", "CELL-MISSING"})
"""The codes of the findings about a cell whose value is unknown."""

_LEFT: Final = {"style": "text-align:left"}


def _finding_row(f: Finding, table: etree._Element) -> None:
    # a finding about a cell that was not read (or not printed) has no reported value:
    # that is unknown, not a blank cell
    blank = UNKNOWN_MARK if f.code in _UNKNOWN_CODES else "空白"
    tr = element("tr", parent=table)
    element("code", f.code, parent=element("td", parent=tr))
    element("td", f.severity.label, {"class": f"zfxxgk-sev-{f.severity.value}"}, parent=tr)
    element("td", f.where, _LEFT, parent=tr)
    element("td", format_number(f.reported, blank=blank) if f.path else "", parent=tr)
    element("td", format_number(f.expected), parent=tr)
    element("td", f.message, _LEFT, parent=tr)


def findings_html(findings: Iterable[Finding]) -> str:
    """Findings as a table: 代码, 级别, 位置 (official labels), 报告, 应为, 说明."""
    items = list(findings)
    if not items:
        return _wrap(element("p", "检查结果：未发现问题"))
    table = element("table")
    head = element("tr", parent=table)
    for name in ("代码", "级别", "位置", "报告", "应为", "说明"):
        element("th", name, parent=head)
    for finding in items:
        _finding_row(finding, table)
    return _wrap(element("p", f"检查结果 {len(items)} 条"), table)


def parse_result_html(result: ParseResult) -> str:
    """A parse result: where it came from, how many diagnostics, then its report."""
    parts = [element("p", f"来源：{result.source}")] if result.source else []
    parts.append(element("p", f"读取诊断 {len(result.diagnostics)} 条（.diagnostics）"))
    return "".join(serialize(p) for p in parts) + report_html(result.report)


def batch_item_html(item: BatchItem) -> str:
    """One file of a batch: its report with its findings, or why it could not be read."""
    if item.result is None:
        line = element("p")
        element("b", item.path, parent=line, tail=f"：无法读取 {item.error}")
        return _wrap(line)
    line = element("p")
    element("b", item.path, parent=line)
    return serialize(line) + report_html(
        item.result.report, findings=item.findings, check=item.findings is None
    )


# --------------------------------------------------------------------------------------
# pandas
# --------------------------------------------------------------------------------------


def _pandas() -> Any:
    return optional_module("pandas", purpose="生成 DataFrame ", package="pandas", extra="pandas")


def _column(pd: Any, name: str, values: list[Any]) -> Any:
    """One typed column (:mod:`zfxxgk.tabular`): numbers ``Float64`` (exact, NA for none),
    counts and the year ``Int64``, labels ordered categoricals in template order."""
    kind = column_type(name)
    if kind == "number":
        return pd.array([exact_float(v) for v in values], dtype="Float64")
    if kind == "int":
        return pd.array(values, dtype="Int64")
    if kind == "float":
        return pd.array(values, dtype="Float64")
    if kind == "category":
        known = list(categories(name))
        known.extend(dict.fromkeys(v for v in values if v and v not in set(known)))
        return pd.Categorical(values, categories=known, ordered=True)
    return values


def _frame(rows: Iterable[dict[str, Any]], columns: tuple[str, ...]) -> Any:
    pd = _pandas()
    records = list(rows)
    data = {name: _column(pd, name, [r.get(name) for r in records]) for name in columns}
    return pd.DataFrame(data, columns=list(columns))


def wide_dataframe(table: WideTable) -> Any:
    """The wide form (:func:`zfxxgk.records.wide_dataframe`) as a pandas table."""
    pd = _pandas()
    index = pd.MultiIndex.from_tuples(list(table.index), names=list(WIDE_INDEX))
    if not table.index:
        index = pd.MultiIndex.from_arrays([[] for _ in WIDE_INDEX], names=list(WIDE_INDEX))
    data = {}
    for i, (key, kind) in enumerate(zip(table.columns, table.kinds, strict=True)):
        values = [row[i] for row in table.rows]
        if kind is ValueKind.MONEY:
            data[key] = pd.array([exact_float(v) for v in values], dtype="Float64")
        else:
            data[key] = pd.array(values, dtype="Int64")
    frame = pd.DataFrame(data, index=index)
    frame.columns = pd.MultiIndex.from_tuples(list(table.columns), names=list(WIDE_LEVELS))
    return frame


def cells_dataframe(
    report: Report, *, file: str | None = None, include_missing: bool = True
) -> Any:
    """One row per table cell of *report* (columns :data:`~zfxxgk.records.CELL_COLUMNS`).

    A cell not read or not printed has ``value`` NA (``None``, never 0) and ``status``
    ``unread`` / ``missing``.  ``frame.attrs["completeness"]`` holds the report's
    completeness figure (:meth:`~zfxxgk.completeness.Completeness.as_dict`).
    """
    frame = _frame(cell_rows(report, file=file, include_missing=include_missing), CELL_COLUMNS)
    frame.attrs["completeness"] = completeness(report).as_dict()
    return frame


def findings_dataframe(
    findings: Iterable[Finding], *, file: str | None = None, report: Report | None = None
) -> Any:
    """One row per finding (columns :data:`~zfxxgk.records.FINDING_COLUMNS`), numbers exact."""
    return _frame((finding_row(f, file=file, report=report) for f in findings), FINDING_COLUMNS)


def batch_cells_dataframe(items: Iterable[BatchItem], *, include_missing: bool = True) -> Any:
    """Every cell of every report read in a batch, one tidy table (``file`` = the path)."""

    def rows() -> Iterable[dict[str, Any]]:
        for item in items:
            if item.result is not None:
                yield from cell_rows(
                    item.result.report, file=item.path, include_missing=include_missing
                )

    return _frame(rows(), CELL_COLUMNS)


def batch_reports_dataframe(items: Iterable[BatchItem]) -> Any:
    """One row per file of a batch (:data:`~zfxxgk.records.REPORT_COLUMNS`): its completeness
    (cells expected, read, unread, not printed, and the ratio), or why it could not be read."""
    return _frame(report_rows(items), REPORT_COLUMNS)


def batch_findings_dataframe(items: Iterable[BatchItem]) -> Any:
    """Every finding of a batch; a file that could not be read is one row with its error."""

    def rows() -> Iterable[dict[str, Any]]:
        for item in items:
            if item.result is None:
                yield unreadable_row(item.path, item.error)
                continue
            for finding in item.findings or ():
                yield finding_row(finding, file=item.path, report=item.result.report)

    return _frame(rows(), FINDING_COLUMNS)
