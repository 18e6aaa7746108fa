"""A region's report against its units' reports (FORMAT.md §4, "Across agencies").

A region (a district, a city) often publishes a summary whose tables are the sum of its
units' tables (its departments, towns, streets).  :func:`check_hierarchy` adds the units'
tables cell by cell (:func:`zfxxgk.arithmetic.add_reports`) and compares every cell with the
region's: a difference is a ``HIERARCHY-SUM`` finding **at the region's cell** (``reported`` the
region's number, ``expected`` the units' sum).

These findings are **warnings**, never errors: a summary may count differently — the sum of
its units *plus* the government's own office, only some kinds of unit, or just the government
itself — and a difference says where to look, not that a number is wrong.

Whole-report findings (``path`` ``None``):

* ``HIERARCHY-MISSING-UNIT`` (warning): a unit named in ``expected_units`` has no report;
* ``HIERARCHY-UNEXPECTED-UNIT`` (info): a unit's report that ``expected_units`` does not name;
* ``HIERARCHY-UNIT-LEFT-OUT`` (warning): a unit's report not added — another year than the
  region's, or the same unit twice;
* ``HIERARCHY-TEMPLATE`` (info): units on another template than the region's: they are added
  for sections 三 and 四 only, and section 二 is not compared;
* ``HIERARCHY-SHAPE`` (info): （六）其他处理 printed as three sub-rows by the region and as one row
  by some unit: those cells are not compared.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, TypeAlias

import attrs

from ..arithmetic import add_reports, collapse_other_handling
from ..cells import Cell, in_unit
from ..model import ApplicantRow, Report
from ..rules import UNCHECKED, UNKNOWN, Finding, Findings, RuleSet, Unchecked, Violation, pair_rule
from ..template import cell_specs, iter_cells, replace_at
from .agencies import match_agency, normalise_agency
from .codes import (
    HIERARCHY_SUM_RULE,
    LEFT_OUT,
    MISSING_UNIT,
    SHAPE,
    TEMPLATE,
    UNEXPECTED_UNIT,
    review_finding,
)

if TYPE_CHECKING:
    from ..readers import ParseResult

__all__ = ["Hierarchy", "check_hierarchy", "hierarchy_sum"]


HierarchyItem: TypeAlias = "Report | ParseResult"


@pair_rule(**HIERARCHY_SUM_RULE)
def hierarchy_sum(units: Report, region: Report) -> Iterator[Violation | Unchecked]:
    """Every cell of the region's report (*region*) equals the sum of its units (*units*);
    a cell unknown on either side is not compared (one ``UNCHECKED`` finding per cell)."""
    summed = {spec.dotted: cell for spec, cell in iter_cells(units)}
    for spec, cell in iter_cells(region):
        other = summed.get(spec.dotted)
        if other is None:
            continue
        reported = cell.amount()
        if reported is UNKNOWN or other.is_unknown:
            yield Unchecked(
                spec.dotted,
                "“汇总报告本格 = 下级单位报告之和”",
                [spec.dotted] if reported is UNKNOWN else [],
                previous=[spec.dotted] if other.is_unknown else [],
                previous_name="下级单位报告之和",
            )
            continue
        expected = in_unit(other, cell.unit)
        if reported != expected:
            yield Violation(spec.dotted, expected=expected)


@attrs.frozen(kw_only=True)
class Hierarchy:
    """The region's report compared with the sum of its units' reports."""

    region: Report = attrs.field(repr=False)
    units: tuple[Report, ...] = attrs.field(repr=False)
    """The units' reports that were added."""
    total: Report | None = attrs.field(repr=False)
    """The sum of :attr:`units` (``None`` when there is none)."""
    findings: Findings
    missing_units: tuple[str, ...] = ()
    """Names of ``expected_units`` without a report."""
    unit_names: tuple[str, ...] = ()
    """How each added unit is named (its agency, or its file)."""

    @property
    def differences(self) -> Findings:
        """The ``HIERARCHY-SUM`` findings: the region's cells that are not the units' sum."""
        return Findings(f for f in self.findings if f.code == "HIERARCHY-SUM")

    @property
    def ok(self) -> bool:
        """True when every compared cell is the units' sum and no expected unit is missing."""
        return not self.differences and not self.missing_units

    def to_text(self) -> str:
        out = io.StringIO()
        region = self.region.info.agency or "汇总报告"
        out.write(f"{region}：与 {len(self.units)} 个下级单位报告之和逐格比较\n")
        for name in self.unit_names:
            out.write(f"  单位：{name}\n")
        differences = self.differences
        if differences:
            more = sum(
                1
                for f in differences
                if f.reported is not None and f.expected is not None and f.reported > f.expected
            )
            out.write(f"{len(differences)} 个单元格不等于各单位之和")
            if more == len(differences):
                out.write("（汇总数均大于单位之和：汇总报告可能另含本级机关的数字）")
            out.write("\n")
        else:
            out.write("各比较的单元格均等于各单位之和。\n")
        for finding in self.findings:
            out.write(f"  {finding}\n")
        return out.getvalue()

    def __str__(self) -> str:
        return self.to_text()


def _unit_name(report: Report, source: str | None) -> str:
    return report.info.agency or source or report.info.title or "（未读出机关名称）"


def _unpack(item: HierarchyItem) -> tuple[Report, str | None]:
    if isinstance(item, Report):
        return item, None
    return item.report, item.source


def _single(report: Report) -> bool:
    return isinstance(report.requests.outcomes.other_handling, ApplicantRow)


def _unread_section(report: Report, section: str) -> Report:
    for spec in cell_specs(report.info.template, other_single=_single(report)):
        if spec.section == section:
            report = replace_at(report, spec.path, Cell.missing())
    return report


def _as_template(unit: Report, region: Report) -> Report:
    """*unit* with the region's template: section 二 the region's shape, every cell unread."""
    blank = _unread_section(region, "二").proactive
    return attrs.evolve(
        unit, info=attrs.evolve(unit.info, template=region.info.template), proactive=blank
    )


@attrs.define
class _Units:
    """The units' reports taken into the sum, and what was said about the others."""

    region: Report
    added: list[Report] = attrs.Factory(list)
    names: list[str] = attrs.Factory(list)
    whole: list[Finding] = attrs.Factory(list)
    """Findings about the reports as a whole."""
    other_template: list[str] = attrs.Factory(list)
    seen: dict[str, str] = attrs.Factory(dict)


def _take_units(region: Report, units: Iterable[HierarchyItem]) -> _Units:
    """Step 1: the units to add — not another year's, not one unit twice, each on the region's
    template."""
    taken = _Units(region)
    for item in units:
        report, source = _unpack(item)
        name = _unit_name(report, source)
        year, region_year = report.info.year, region.info.year
        if year is not None and region_year is not None and year != region_year:
            taken.whole.append(
                review_finding(
                    LEFT_OUT,
                    f"“{name}”是{year}年度的报告，汇总报告为{region_year}年度：未计入",
                )
            )
            continue
        key = normalise_agency(report.info.agency) if report.info.agency else None
        if key:
            if key in taken.seen:
                taken.whole.append(
                    review_finding(
                        LEFT_OUT,
                        f"“{name}”与“{taken.seen[key]}”是同一单位，重复的报告未计入",
                    )
                )
                continue
            taken.seen[key] = name
        if report.info.template is not region.info.template:
            taken.other_template.append(name)
            report = _as_template(report, region)
        taken.added.append(report)
        taken.names.append(name)
    if taken.other_template:
        taken.whole.append(
            review_finding(
                TEMPLATE,
                "、".join(f"“{n}”" for n in taken.other_template)
                + f"使用与汇总报告（{region.info.template.value}年版）不同的格式："
                "表二不比较，只比较表三、表四",
            )
        )
    return taken


def _match_expected(taken: _Units, expected_units: Sequence[str]) -> list[str]:
    """Step 2: the expected units without a report, and the units not expected (said so)."""
    missing: list[str] = []
    unit_agencies = [r.info.agency for r in taken.added]
    matched_units: set[int] = set()
    for expected in expected_units:
        hit = next(
            (
                i
                for i, agency in enumerate(unit_agencies)
                if agency and match_agency(expected, agency) is not None
            ),
            None,
        )
        if hit is None:
            missing.append(expected)
            taken.whole.append(review_finding(MISSING_UNIT, f"缺少下级单位“{expected}”的报告"))
        else:
            matched_units.add(hit)
    for index, name in enumerate(taken.names):
        if index not in matched_units:
            taken.whole.append(
                review_finding(
                    UNEXPECTED_UNIT,
                    f"“{name}”不在应有的下级单位名单中（名单中的名称均未与之对应）",
                )
            )
    return missing


def _sum_units(taken: _Units) -> Report:
    """Step 3: the units' sum, in the region's shape (（六） as one row if the region's is)."""
    region = taken.region
    total = add_reports(taken.added, agency="各下级单位之和", year=region.info.year)
    if taken.other_template:
        total = _unread_section(total, "二")
    region_single, total_single = _single(region), _single(total)
    if region_single and not total_single:
        total = attrs.evolve(
            total,
            requests=attrs.evolve(
                total.requests, outcomes=collapse_other_handling(total.requests.outcomes)
            ),
        )
    elif total_single and not region_single:
        taken.whole.append(
            review_finding(
                SHAPE,
                "汇总报告的“（六）其他处理”分三项，而有下级单位只印一行：这三项不逐格比较",
            )
        )
    return total


def check_hierarchy(
    region: HierarchyItem,
    units: Iterable[HierarchyItem],
    *,
    expected_units: Sequence[str] | None = None,
) -> Hierarchy:
    """Compare the region's report with the sum of its units' reports, cell by cell.

    *region* and *units* are :class:`~zfxxgk.model.Report` or
    :class:`~zfxxgk.readers.ParseResult`.  *expected_units* names the units that should
    have a report; names match leniently (:func:`~zfxxgk.review.agencies.match_agency`), and
    the ones without a report are listed in :attr:`Hierarchy.missing_units`.  Units of
    another year than the region's, and a unit given twice, are left out (and said so).
    """
    region_report, _ = _unpack(region)
    taken = _take_units(region_report, units)
    missing = _match_expected(taken, expected_units) if expected_units is not None else []
    total: Report | None = None
    cell_findings: Findings = Findings()
    if taken.added:
        total = _sum_units(taken)
        pair = RuleSet.of(hierarchy_sum).check_pair(total, region_report)
        cell_findings = _notes(pair, taken.added, bool(taken.other_template))  # step 4
    return Hierarchy(
        region=region_report,
        units=tuple(taken.added),
        total=total,
        findings=Findings((*taken.whole, *cell_findings)),
        missing_units=tuple(missing),
        unit_names=tuple(taken.names),
    )


def _notes(findings: Findings, units: Sequence[Report], other_template: bool) -> Findings:
    """Say, at a cell not compared, how many units could not be read there; leave out
    section 二 when it is not compared at all (units on another template)."""
    out: list[Finding] = []
    cells = [{spec.dotted: cell for spec, cell in iter_cells(u)} for u in units]
    for finding in findings:
        if (
            other_template
            and finding.code == UNCHECKED
            and finding.path
            and (finding.path.startswith("proactive."))
        ):
            continue  # HIERARCHY-TEMPLATE says section 二 is not compared
        unread = [
            i
            for i, by_path in enumerate(cells)
            if finding.path is not None
            and (cell := by_path.get(finding.path)) is not None
            and cell.is_unknown
        ]
        if unread:
            finding = attrs.evolve(
                finding,
                message=finding.message + f"（其中 {len(unread)} 个单位该格未读取或未印出）",
            )
        out.append(finding)
    return Findings(out)
