"""Pure functions for every derived total and identity of the templates (FORMAT.md §4).

The identities are written once, as data, in :mod:`zfxxgk.identities` (which cells add up to
which, by position in a section's grid); the functions here evaluate that table on reports.
Its names are re-exported here.  Nothing here changes a report.  Blank, placeholder, text and
missing cells count as 0 in the sums (:meth:`~zfxxgk.cells.Cell.number_or_zero`); the rules
say when that happened.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any, Final, TypeVar

import attrs

from .cells import Cell, CellKind, Number, Unit
from .identities import (
    SECTION4_IDENTITIES,
    Identity,
    IdentityKind,
    IdentityTable,
    Position,
    section3_identities,
)
from .model import (
    ApplicantRow,
    CaseOutcomes,
    DisclosureRequests,
    OtherHandling,
    Outcomes,
    Report,
    ReportInfo,
    Template,
)
from .template import row_specs

Path = tuple[str, ...]

__all__ = [
    "SECTION4_IDENTITIES",
    "Identity",
    "IdentityKind",
    "IdentityTable",
    "Position",
    "add_cells",
    "add_reports",
    "applicant_total",
    "balance",
    "case_total",
    "collapse_other_handling",
    "handled",
    "identities_of",
    "outcome_totals",
    "received",
    "section3_grid",
    "section3_identities",
    "section3_paths",
    "section3_values",
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


def section3_grid(requests: DisclosureRequests) -> tuple[ApplicantRow, ...]:
    """The rows of section 三 in the order of its identity grid (:func:`section3_identities`)."""
    outcomes = requests.outcomes
    return (
        requests.new,
        requests.carried_over,
        *outcomes.leaf_rows,
        outcomes.total,
        requests.carried_forward,
    )


def identities_of(requests: DisclosureRequests) -> IdentityTable:
    """The identities of *requests* as printed (with one or three （六） rows)."""
    return section3_identities(len(section3_grid(requests)))


def section3_values(requests: DisclosureRequests) -> list[Number]:
    """Every cell of section 三 as a number (blank etc. as 0), flat in grid order."""
    return [cell.number_or_zero() for row in section3_grid(requests) for cell in row.cells]


def section3_paths(template: Template, *, other_single: bool | None = None) -> tuple[Path, ...]:
    """The attribute path of each row of the section-三 grid, from the report (e.g.
    ``("requests", "outcomes", "total")``)."""
    return tuple(
        row.path for row in row_specs(template, other_single=other_single) if row.section == "三"
    )


def _side(cells: Sequence[Sequence[Cell]], positions: Sequence[Position]) -> Number:
    return sum_cells(cells[row][col] for row, col in positions)


_ROW_TOTAL: Final = section3_identities(5).of_kind(IdentityKind.ROW_TOTAL)[0]
"""The row-total identity of grid row 0 (every row's has the same columns)."""


def applicant_total(row: ApplicantRow) -> Number:
    """S3-row-total: what 总计 should be — 自然人 plus the five 法人或其他组织 columns."""
    return _side((row.cells,), _ROW_TOTAL.parts)


def case_total(case: CaseOutcomes) -> Number:
    """S4-total: what 总计 should be — 结果维持 + 结果纠正 + 其他结果 + 尚未审结."""
    return _side((case.cells,), SECTION4_IDENTITIES.identities[0].parts)


def sum_rows(rows: Sequence[ApplicantRow]) -> ApplicantRow:
    """Column-wise sum of section-三 rows (all seven columns, as printed)."""
    columns = [sum_cells(row.cells[i] for row in rows) for i in range(7)]
    return _row_of(columns)


def _row_of(columns: Sequence[Number]) -> ApplicantRow:
    cells = [Cell.of(v) for v in columns]
    return ApplicantRow.from_cells(*cells[:6], total=cells[6])


def _grid_of_outcomes(outcomes: Outcomes) -> tuple[tuple[Cell, ...], ...]:
    none = (Cell.missing(),) * 7
    return (none, none, *(r.cells for r in outcomes.leaf_rows), outcomes.total.cells, none)


def outcome_totals(outcomes: Outcomes) -> ApplicantRow:
    """S3-outcome-total: what （七）总计 should be, per column.

    （一） + （二） + Σ（三）1–8 + Σ（四）1–3 + Σ（五）1–5 + Σ（六）.
    """
    grid = _grid_of_outcomes(outcomes)
    table = section3_identities(len(grid))
    return _row_of([_side(grid, i.parts) for i in table.of_kind(IdentityKind.OUTCOME_TOTAL)])


def _balance_sides(requests: DisclosureRequests) -> list[tuple[Number, Number]]:
    grid = tuple(row.cells for row in section3_grid(requests))
    return [
        (_side(grid, i.total), _side(grid, i.parts))
        for i in section3_identities(len(grid)).of_kind(IdentityKind.BALANCE)
    ]


def received(requests: DisclosureRequests) -> ApplicantRow:
    """一 + 二 per column: requests to be handled this year."""
    return _row_of([left for left, _ in _balance_sides(requests)])


def handled(requests: DisclosureRequests) -> ApplicantRow:
    """（七）总计 + 四 per column, as printed."""
    return _row_of([right for _, right in _balance_sides(requests)])


def balance(requests: DisclosureRequests) -> tuple[tuple[Number, Number], ...]:
    """S3-balance per column (official footnote): (一 + 二, （七） + 四) for each column."""
    return tuple(_balance_sides(requests))


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
