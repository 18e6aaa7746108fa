"""Pure functions for every derived total and identity of the templates (FORMAT.md §4).

Nothing here changes a report.  Blank, placeholder, text and missing cells count as 0 in the
sums (:meth:`~zfxxgk.cells.Cell.number_or_zero`); the rules say when that happened.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any, TypeVar

import attrs

from .cells import Cell, CellKind, Number, Unit
from .model import (
    ApplicantRow,
    CaseOutcomes,
    DisclosureRequests,
    OtherHandling,
    Outcomes,
    Report,
    ReportInfo,
)

__all__ = [
    "add_cells",
    "add_reports",
    "applicant_total",
    "balance",
    "case_total",
    "collapse_other_handling",
    "handled",
    "outcome_totals",
    "received",
    "sum_cells",
    "sum_rows",
]

T = TypeVar("T")


def sum_cells(cells: Iterable[Cell]) -> Number:
    """The sum of the cells, blanks and placeholders counted as 0."""
    total: Number = 0
    for cell in cells:
        total += cell.number_or_zero()
    return total


def applicant_total(row: ApplicantRow) -> Number:
    """S3-row-total: what 总计 should be — 自然人 plus the five 法人或其他组织 columns."""
    return sum_cells(row.parts)


def case_total(case: CaseOutcomes) -> Number:
    """S4-total: what 总计 should be — 结果维持 + 结果纠正 + 其他结果 + 尚未审结."""
    return sum_cells(case.parts)


def sum_rows(rows: Sequence[ApplicantRow]) -> ApplicantRow:
    """Column-wise sum of section-三 rows (all seven columns, as printed)."""
    columns = [sum_cells(row.cells[i] for row in rows) for i in range(7)]
    cells = [Cell.of(v) for v in columns]
    return ApplicantRow.from_cells(*cells[:6], total=cells[6])


def outcome_totals(outcomes: Outcomes) -> ApplicantRow:
    """S3-outcome-total: what （七）总计 should be, per column.

    （一） + （二） + Σ（三）1–8 + Σ（四）1–3 + Σ（五）1–5 + Σ（六）.
    """
    return sum_rows(outcomes.leaf_rows)


def received(requests: DisclosureRequests) -> ApplicantRow:
    """一 + 二 per column: requests to be handled this year."""
    return sum_rows((requests.new, requests.carried_over))


def handled(requests: DisclosureRequests) -> ApplicantRow:
    """（七）总计 + 四 per column, as printed."""
    return sum_rows((requests.outcomes.total, requests.carried_forward))


def balance(requests: DisclosureRequests) -> tuple[tuple[Number, Number], ...]:
    """S3-balance per column (official footnote): (一 + 二, （七） + 四) for each column."""
    left = received(requests).cells
    right = handled(requests).cells
    return tuple((a.number_or_zero(), b.number_or_zero()) for a, b in zip(left, right, strict=True))


def add_cells(a: Cell, b: Cell) -> Cell:
    """The sum of two cells, as a region's summary adds its units' cells.

    Numbers add (blank and placeholder count as 0); two cells without a number give a blank
    cell.  Money in different units is converted to the first one's unit.
    """
    if a.value is None and b.value is None:
        if a.kind is CellKind.MISSING and b.kind is CellKind.MISSING:
            return Cell.missing()
        return Cell.blank()
    unit = a.unit if a.value is not None and a.unit is not None else b.unit
    return Cell.of(_in_unit(a, unit) + _in_unit(b, unit), unit=unit)


def _in_unit(cell: Cell, unit: Unit | None) -> Number:
    value = cell.number_or_zero()
    if cell.value is None or unit is None or cell.unit is None or cell.unit is unit:
        return value
    return Decimal(value) * cell.unit.factor / unit.factor


def collapse_other_handling(outcomes: Outcomes) -> Outcomes:
    """The same outcomes with （六）其他处理 as one row (the sum of its sub-rows)."""
    other = outcomes.other_handling
    if isinstance(other, ApplicantRow):
        return outcomes
    return attrs.evolve(
        outcomes, other_handling=_add_rows(other.no_correction, other.fee_unpaid, other.other)
    )


def _add_rows(*rows: ApplicantRow) -> ApplicantRow:
    result = rows[0]
    for row in rows[1:]:
        result = _add_tree(result, row)
    return result


def _add_tree(a: Any, b: Any) -> Any:
    if isinstance(a, Cell) and isinstance(b, Cell):
        return add_cells(a, b)
    if (
        isinstance(a, Outcomes)
        and isinstance(b, Outcomes)
        and isinstance(a.other_handling, OtherHandling)
        != isinstance(b.other_handling, OtherHandling)
    ):
        a, b = collapse_other_handling(a), collapse_other_handling(b)
    if type(a) is not type(b) or not attrs.has(type(a)):
        raise TypeError(f"cannot add {type(a).__name__} and {type(b).__name__}")
    return attrs.evolve(
        a,
        **{
            f.name: _add_tree(getattr(a, f.name), getattr(b, f.name)) for f in attrs.fields(type(a))
        },
    )


def add_reports(
    reports: Iterable[Report], *, agency: str | None = None, year: int | None = None
) -> Report:
    """A summary report whose tables are the cell-wise sums of *reports*' tables.

    All reports must follow the same template.  The year defaults to the reports' common
    year; the narrative sections are left empty (``None``).  A unit that printed （六）其他处理
    as one row makes the summary print it as one row too.
    """
    items = list(reports)
    if not items:
        raise ValueError("add_reports needs at least one report")
    template = items[0].info.template
    if any(r.info.template is not template for r in items):
        raise ValueError("cannot add reports of different templates (2019 and 2021)")
    proactive, requests, appeals = items[0].proactive, items[0].requests, items[0].appeals
    for other in items[1:]:
        proactive = _add_tree(proactive, other.proactive)
        requests = _add_tree(requests, other.requests)
        appeals = _add_tree(appeals, other.appeals)
    years = {r.info.year for r in items}
    if year is None and len(years) == 1:
        year = years.pop()
    return Report(
        info=ReportInfo(template=template, agency=agency, year=year),
        proactive=proactive,
        requests=requests,
        appeals=appeals,
    )
