"""The reports of one agency over several years (FORMAT.md §4, "Across reports of one agency").

:func:`check_series` orders the reports by year, runs the pair rules of the default rule set
(``PAIR-CARRY-OVER``, ``PAIR-DOCUMENT-STOCK``, ``PAIR-SEQUENCE``) on every two consecutive
years, and returns a :class:`Series`: the findings per pair of years, the findings about the
series itself, and a table over the years (:meth:`Series.rows`, :meth:`Series.to_dataframe`,
:meth:`Series.to_text`).  :func:`series_by_agency` first sorts reports of many agencies into
one series per agency (:func:`~zfxxgk.review.agencies.group_by_agency`).

Findings about the series (``path`` is ``None``; codes in ``docs/review.md``):

* ``SERIES-GAP`` (warning): a year is missing between two reports; the pair across the gap is
  not checked (a carry-over cannot be compared over two years);
* ``SERIES-DUPLICATE-YEAR`` (info): two reports of one year (the same report in two formats):
  the one with fewer unread cells is kept;
* ``SERIES-NO-YEAR`` (warning): a report whose year was not found is left out;
* ``SERIES-AGENCY`` (info): how reports whose agency is named differently (or not at all)
  were taken as one agency.
"""

from __future__ import annotations

import io
import itertools
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, Final, TypeAlias

import attrs

from ..cells import UNKNOWN, Cell, Number, json_number, sum_amounts
from ..completeness import Completeness, completeness
from ..errors import MissingDependencyError
from ..model import ApplicantRow, CaseOutcomes, ProactiveDisclosure2021, Report
from ..rules import Finding, Findings, RuleSet
from ..template import iter_cells
from .agencies import group_by_agency
from .codes import AGENCY, DUPLICATE_YEAR, GAP, NO_YEAR, review_finding

if TYPE_CHECKING:
    from ..readers import ParseResult

__all__ = [
    "SERIES_COLUMNS",
    "Series",
    "SeriesEntry",
    "SeriesStep",
    "check_series",
    "duplicate_year",
    "series_by_agency",
]


SeriesItem: TypeAlias = "Report | ParseResult"
"""What a series is made of: reports, or the results of reading them (which know their file)."""

SERIES_COLUMNS: Final[dict[str, str]] = {
    "year": "年度",
    "template": "格式",
    "new": "一、本年新收",
    "carried_over": "二、上年结转",
    "handled": "（七）总计",
    "carried_forward": "四、结转下年度",
    "carry_over_ok": "结转衔接",
    "reviews": "行政复议",
    "lawsuits": "行政诉讼",
    "normative_in_force": "现行有效规范性文件",
    "document_stock_ok": "文件存量衔接",
    "errors": "前后年错误",
    "warnings": "前后年警告",
    "completeness": "已读取",
    "cells_expected": "应有单元格",
    "cells_read": "已读取单元格",
    "cells_unread": "未能读取单元格",
    "unknown": "未知",
    "source": "文件",
}
"""The columns of the year table (:meth:`Series.rows`) and their Chinese headings.

``completeness`` is the report's cells read / cells expected (a float; the text shows a
percentage), ``cells_*`` the counts behind it (:mod:`zfxxgk.completeness`); ``unknown`` lists
the columns whose value is unknown because a cell they are made of was not read (or not
printed): such a value is ``None``, shown as "—", never 0."""

_TEXT_HIDDEN: Final = frozenset(
    {"cells_expected", "cells_read", "cells_unread", "unknown", "source"}
)
"""Columns of :data:`SERIES_COLUMNS` the text table leaves out (the percentage says it)."""

_UNKNOWN_NOTE: Final = "未能读取（或原文未印出），不按 0 计，表中为“—”："


@attrs.frozen(kw_only=True)
class SeriesEntry:
    """One report of a series: its year, the report, its file and how its agency matched."""

    year: int | None
    report: Report = attrs.field(repr=False)
    source: str | None = None
    matched: str = "名称相同"


@attrs.frozen(kw_only=True)
class SeriesStep:
    """Two consecutive years of a series and the pair rules' findings (in the later report)."""

    previous: SeriesEntry
    current: SeriesEntry
    findings: Findings

    @property
    def codes(self) -> frozenset[str]:
        return self.findings.codes


def _total(row: ApplicantRow) -> Number | None:
    """总计 as printed; printed blank, the sum of the parts; ``None`` (unknown, never 0)
    when it or a part it would be summed from was not read."""
    return _printed_or_sum(row.total, row.parts)


def _case(case: CaseOutcomes) -> Number | None:
    return _printed_or_sum(case.total, case.parts)


def _printed_or_sum(total: Cell, parts: Sequence[Cell]) -> Number | None:
    if total.value is not None:
        return total.value
    if total.is_unknown:
        return None
    summed = sum_amounts(cell.amount() for cell in parts)  # blank counts 0, unknown stays so
    return None if summed is UNKNOWN else summed


def _plus(a: Number | None, b: Number | None) -> Number | None:
    return None if a is None or b is None else a + b


def _in_force(report: Report) -> tuple[Number | None, bool]:
    """现行有效规范性文件 (2021 template): the number (blank counts 0), or ``None`` — with
    True when that is because the cell is unknown, False when the template has no such cell."""
    if not isinstance(report.proactive, ProactiveDisclosure2021):
        return None, False
    amount = report.proactive.normative_documents.in_force.amount()
    return (None, True) if amount is UNKNOWN else (amount, False)


def _figures(report: Report) -> dict[str, Any]:
    """The numbers of one report's row, with ``unknown``: the columns left ``None`` because a
    cell was not read."""
    requests, appeals = report.requests, report.appeals
    in_force, in_force_unknown = _in_force(report)
    values: dict[str, Any] = {
        "new": _total(requests.new),
        "carried_over": _total(requests.carried_over),
        "handled": _total(requests.outcomes.total),
        "carried_forward": _total(requests.carried_forward),
        "reviews": _case(appeals.review),
        "lawsuits": _plus(_case(appeals.lawsuit_direct), _case(appeals.lawsuit_after_review)),
    }
    unknown = [name for name, value in values.items() if value is None]
    if in_force_unknown:
        unknown.append("normative_in_force")
    figure = completeness(report)
    return {
        **values,
        "normative_in_force": in_force,
        "completeness": round(figure.ratio, 4),
        "cells_expected": figure.expected,
        "cells_read": figure.read,
        "cells_unread": figure.unread,
        "unknown": [name for name in SERIES_COLUMNS if name in unknown],
    }


@attrs.frozen(kw_only=True)
class Series:
    """The reports of one agency in year order, the checks between them, a table over years."""

    agency: str | None
    entries: tuple[SeriesEntry, ...]
    """One report per year, in year order."""
    steps: tuple[SeriesStep, ...]
    """Every two consecutive years (none across a gap)."""
    findings: Findings
    """Findings about the series itself: gaps, duplicate years, reports without a year."""
    set_aside: tuple[SeriesEntry, ...] = ()
    """Reports left out: a second report of a year, a report without a year."""

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(e.year for e in self.entries if e.year is not None)

    @property
    def all_findings(self) -> Findings:
        """The series' own findings, then every step's, in year order."""
        return Findings((*self.findings, *(f for s in self.steps for f in s.findings)))

    @property
    def ok(self) -> bool:
        """True when no finding is an error."""
        return self.all_findings.ok

    def step_to(self, year: int) -> SeriesStep | None:
        """The step from year − 1 to *year*, if both are in the series."""
        return next((s for s in self.steps if s.current.year == year), None)

    def as_json(self, finding: Callable[[Finding], dict[str, Any]]) -> dict[str, Any]:
        """The series as JSON (``zfxxgk series --format json``, the review site's
        ``site.json``): the year table with numbers as JSON numbers, each step's findings and
        the series' own, every finding written by *finding*."""
        return {
            "agency": self.agency,
            "years": list(self.years),
            "rows": [{k: json_number(v) for k, v in row.items()} for row in self.rows()],
            "steps": [
                {
                    "previous": step.previous.year,
                    "current": step.current.year,
                    "findings": [finding(f) for f in step.findings],
                }
                for step in self.steps
            ],
            "findings": [finding(f) for f in self.findings],
        }

    def rows(self) -> list[dict[str, Any]]:
        """The year table: one dict per year, keys :data:`SERIES_COLUMNS`.

        Totals printed blank are the sum of their parts; a total that was not read, or whose
        parts were not all read, is ``None`` (unknown — shown as "—", never as 0) and named
        in ``unknown``.  ``completeness`` and ``cells_*``: how much of the report was read.
        ``carry_over_ok`` and
        ``document_stock_ok`` say whether the step from the year before passed
        ``PAIR-CARRY-OVER`` / ``PAIR-DOCUMENT-STOCK`` (``None``: no year before, or a gap;
        for the stock also when the rule does not apply: the 2019 template, or a cell
        without a number).
        """
        out: list[dict[str, Any]] = []
        for entry in self.entries:
            report = entry.report
            step = self.step_to(entry.year) if entry.year is not None else None
            carry: bool | None = None
            stock: bool | None = None
            if step is not None:
                carry = "PAIR-CARRY-OVER" not in step.codes
                if _stock_applies(step.previous.report, report):
                    stock = "PAIR-DOCUMENT-STOCK" not in step.codes
            figures = _figures(report)
            row = {
                "year": entry.year,
                "template": report.info.template.value,
                **figures,
                "carry_over_ok": carry,
                "document_stock_ok": stock,
                "errors": len(step.findings.errors) if step is not None else 0,
                "warnings": len(step.findings.warnings) if step is not None else 0,
                "source": entry.source,
            }
            out.append({name: row[name] for name in SERIES_COLUMNS})
        return out

    def to_dataframe(self) -> Any:
        """The year table as a pandas ``DataFrame`` indexed by year (needs ``zfxxgk[pandas]``)."""
        try:
            import pandas as pd
        except ImportError:
            raise MissingDependencyError(
                "需要 pandas 才能生成 DataFrame：pip install 'zfxxgk[pandas]'"
            ) from None
        return pd.DataFrame(self.rows(), columns=list(SERIES_COLUMNS)).set_index("year")

    def to_text(self, *, findings: bool = True) -> str:
        """The year table as aligned text with Chinese headings, then the findings."""
        out = io.StringIO()
        name = self.agency or "（未读出机关名称）"
        years = self.years
        if not years:
            span = "年度不明"
        elif len(years) == 1:
            span = f"{years[0]}年"
        else:
            span = f"{years[0]}–{years[-1]}年"
        out.write(f"{name} {span}，共 {len(self.entries)} 份报告\n")
        columns = [c for c in SERIES_COLUMNS if c not in _TEXT_HIDDEN]
        table = [[SERIES_COLUMNS[c] for c in columns]]
        rows = self.rows()
        table.extend([_show(row[c], c, row) for c in columns] for row in rows)
        widths = [max(_width(r[i]) for r in table) for i in range(len(columns))]
        for row in table:
            cells = [_pad(text, width) for text, width in zip(row, widths, strict=True)]
            out.write("  ".join(cells).rstrip() + "\n")
        unknown = [
            f"{row['year']}年 " + "、".join(SERIES_COLUMNS[c] for c in row["unknown"])
            for row in rows
            if row["unknown"]
        ]
        if unknown:
            out.write(_UNKNOWN_NOTE + "；".join(unknown) + "\n")
        if findings:
            all_findings = self.all_findings
            if all_findings:
                out.write(f"检查结果 {len(all_findings)} 条：\n")
                for step in self.steps:
                    for finding in step.findings:
                        out.write(f"  {step.previous.year}→{step.current.year} {finding}\n")
                for finding in self.findings:
                    out.write(f"  {finding}\n")
            else:
                out.write("前后年检查均通过。\n")
        return out.getvalue()

    def __str__(self) -> str:
        return self.to_text()


def _stock_applies(previous: Report, current: Report) -> bool:
    a, b = previous.proactive, current.proactive
    if not (isinstance(a, ProactiveDisclosure2021) and isinstance(b, ProactiveDisclosure2021)):
        return False
    return all(
        cell.value is not None
        for cell in (
            a.normative_documents.in_force,
            b.normative_documents.in_force,
            b.normative_documents.issued,
            b.normative_documents.repealed,
        )
    )


def _show(value: object, column: str = "", row: dict[str, Any] | None = None) -> str:
    if column == "completeness" and row is not None:
        read, expected = row["cells_read"], row["cells_expected"]
        return Completeness(expected=expected, read=read).percent
    if value is None:
        return "—"
    if value is True:
        return "一致"
    if value is False:
        return "不一致"
    return str(value)


def _width(text: str) -> int:
    from ..textwidth import display_width

    return display_width(text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def _unread(report: Report) -> int:
    return sum(1 for _, cell in iter_cells(report) if cell.is_unknown)


def _as_entry(item: SeriesItem, matched: str = "名称相同") -> SeriesEntry:
    if isinstance(item, Report):
        return SeriesEntry(year=item.info.year, report=item, matched=matched)
    return SeriesEntry(
        year=item.report.info.year, report=item.report, source=item.source, matched=matched
    )


def _name(entry: SeriesEntry) -> str:
    return entry.source or entry.report.info.title or f"{entry.year}年度报告"


def check_series(
    reports: Iterable[SeriesItem],
    *,
    rules: RuleSet | None = None,
    agency: str | None = None,
    matched: Sequence[str] | None = None,
) -> Series:
    """Check the reports of one agency along the years.

    *reports* are :class:`~zfxxgk.model.Report` or :class:`~zfxxgk.readers.ParseResult`
    (whose ``source`` names the file in the table and messages), in any order.  The pair
    rules of *rules* (default: :meth:`RuleSet.default`) run on every two consecutive years;
    a missing year is a ``SERIES-GAP`` finding and its neighbours are not paired.  *agency*
    names the series (default: the name the reports use most); *matched* says, per report,
    how it was taken as this agency (from :func:`series_by_agency`).
    """
    items = list(reports)
    notes = list(matched) if matched is not None else ["名称相同"] * len(items)
    if len(notes) != len(items):
        raise ValueError("matched= needs one note per report")
    entries = [_as_entry(item, note) for item, note in zip(items, notes, strict=True)]
    rule_set = rules if rules is not None else RuleSet.default()
    findings: list[Finding] = []
    set_aside: list[SeriesEntry] = []
    kept = _one_per_year(_dated(entries, findings, set_aside), findings, set_aside)
    steps = _steps(kept, rule_set, findings)
    findings.extend(_agency_notes(kept))
    if agency is None:
        names = [e.report.info.agency for e in kept if e.report.info.agency]
        agency = max(set(names), key=lambda n: (names.count(n), len(n))) if names else None
    return Series(
        agency=agency,
        entries=tuple(kept),
        steps=tuple(steps),
        findings=Findings(findings),
        set_aside=tuple(set_aside),
    )


def _dated(
    entries: Sequence[SeriesEntry], findings: list[Finding], set_aside: list[SeriesEntry]
) -> list[SeriesEntry]:
    """Step 1: the entries whose year is known (the others set aside, and said so)."""
    dated = []
    for entry in entries:
        if entry.year is None:
            set_aside.append(entry)
            findings.append(
                review_finding(NO_YEAR, f"“{_name(entry)}”未能读出报告年度，未列入年度序列")
            )
        else:
            dated.append(entry)
    return dated


def _one_per_year(
    dated: Sequence[SeriesEntry], findings: list[Finding], set_aside: list[SeriesEntry]
) -> list[SeriesEntry]:
    """Step 2: one entry per year, in year order — of two, the one with fewest unread cells."""
    by_year: dict[int, list[SeriesEntry]] = {}
    for entry in dated:
        assert entry.year is not None
        by_year.setdefault(entry.year, []).append(entry)
    kept: list[SeriesEntry] = []
    for year in sorted(by_year):
        candidates = by_year[year]
        best = min(candidates, key=lambda e: _unread(e.report))  # first of the fewest unread
        kept.append(best)
        others = [e for e in candidates if e is not best]
        if others:
            set_aside.extend(others)
            findings.append(duplicate_year(year, _name(best), [_name(e) for e in others]))
    return kept


def duplicate_year(year: int, kept: str, others: Sequence[str]) -> Finding:
    """The ``SERIES-DUPLICATE-YEAR`` finding: of the reports of *year*, the one named *kept*
    (fewest unread cells) is used, those named *others* are not."""
    return review_finding(
        DUPLICATE_YEAR,
        f"{year}年度有 {len(others) + 1} 份报告，采用“{kept}”（未能读取的单元格最少），未用："
        + "、".join(f"“{name}”" for name in others),
    )


def _steps(
    kept: Sequence[SeriesEntry], rule_set: RuleSet, findings: list[Finding]
) -> list[SeriesStep]:
    """Step 3: the pair rules on every two consecutive years (a gap is said, not paired)."""
    steps: list[SeriesStep] = []
    for previous, current in itertools.pairwise(kept):
        assert previous.year is not None and current.year is not None
        if current.year - previous.year != 1:
            missing = "、".join(str(y) for y in range(previous.year + 1, current.year))
            findings.append(
                review_finding(
                    GAP,
                    f"缺少{missing}年度的报告：{previous.year}年与{current.year}年之间的结转等"
                    "前后年检查未进行",
                )
            )
            continue
        steps.append(
            SeriesStep(
                previous=previous,
                current=current,
                findings=rule_set.check_pair(previous.report, current.report),
            )
        )
    return steps


def _agency_notes(kept: Sequence[SeriesEntry]) -> list[Finding]:
    """Step 4: how each report whose agency is named otherwise was taken as this agency."""
    return [
        review_finding(
            AGENCY, f"{entry.year}年度报告（“{_name(entry)}”）按同一机关处理：{entry.matched}"
        )
        for entry in kept
        if entry.matched != "名称相同"
    ]


def series_by_agency(
    reports: Iterable[SeriesItem], *, rules: RuleSet | None = None
) -> tuple[Series, ...]:
    """One :class:`Series` per agency among *reports* (names matched leniently, see
    :mod:`zfxxgk.review.agencies`), in order of first appearance."""
    items = list(reports)
    groups = group_by_agency(items, _report_of)
    return tuple(
        check_series(group.items, rules=rules, agency=group.name, matched=group.matched)
        for group in groups
    )


def _report_of(item: SeriesItem) -> Report:
    return item if isinstance(item, Report) else item.report
