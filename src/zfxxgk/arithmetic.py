"""Pure functions for every derived total and identity of the templates (FORMAT.md §4).

The identities are written once, as data, in :mod:`zfxxgk.identities` (which cells add up to
which, by position in a section's grid); the functions here evaluate that table on reports.
Its names are re-exported here.  Nothing here changes a report.  Blank, placeholder and text
cells count as 0 in the sums, as the template says (:meth:`~zfxxgk.cells.Cell.amount`); the
rules say when that happened.  A cell that is not printed or not read is **unknown**, and so is
every sum over it: the functions give :data:`~zfxxgk.cells.UNKNOWN` (or, for a row of sums, an
unknown cell) and never count it as 0.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Final, TypeVar

from .cells import UNKNOWN, Amount, Cell, CellKind, add_cells, sum_amounts
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
    Outcomes,
    Template,
    add_reports,
    collapse_other_handling,
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
    "amount_cell",
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


def sum_cells(cells: Iterable[Cell]) -> Amount:
    """The sum of the cells, blanks and placeholders counted as 0; :data:`UNKNOWN` when a
    cell is not printed or not read."""
    return sum_amounts(cell.amount() for cell in cells)


def amount_cell(amount: Amount, *, unknown: CellKind = CellKind.UNREAD) -> Cell:
    """A computed amount as a cell: ``Cell.of(amount)``, or an unknown cell (of kind
    *unknown*: :attr:`~CellKind.UNREAD` or :attr:`~CellKind.MISSING`) for :data:`UNKNOWN`."""
    if amount is UNKNOWN:
        return Cell.missing() if unknown is CellKind.MISSING else Cell.unread()
    return Cell.of(amount)


def _sum_cell(cells: Sequence[Cell]) -> Cell:
    """The sum of *cells* as a cell: unknown (unread if any is unread, else missing) when
    any is unknown."""
    kinds = {cell.kind for cell in cells if cell.is_unknown}
    return amount_cell(
        sum_cells(cells),
        unknown=CellKind.UNREAD if CellKind.UNREAD in kinds else CellKind.MISSING,
    )


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


def section3_values(requests: DisclosureRequests) -> list[Amount]:
    """Every cell of section 三 as an amount (blank etc. as 0, :data:`UNKNOWN` for a cell not
    printed or not read), flat in grid order."""
    return [cell.amount() for row in section3_grid(requests) for cell in row.cells]


def section3_paths(template: Template, *, other_single: bool | None = None) -> tuple[Path, ...]:
    """The attribute path of each row of the section-三 grid, from the report (e.g.
    ``("requests", "outcomes", "total")``)."""
    return tuple(
        row.path for row in row_specs(template, other_single=other_single) if row.section == "三"
    )


def _side(cells: Sequence[Sequence[Cell]], positions: Sequence[Position]) -> Cell:
    return _sum_cell([cells[row][col] for row, col in positions])


_ROW_TOTAL: Final = section3_identities(5).of_kind(IdentityKind.ROW_TOTAL)[0]
"""The row-total identity of grid row 0 (every row's has the same columns)."""


def applicant_total(row: ApplicantRow) -> Amount:
    """S3-row-total: what 总计 should be — 自然人 plus the five 法人或其他组织 columns
    (:data:`UNKNOWN` when one of them is not printed or not read)."""
    return _side((row.cells,), _ROW_TOTAL.parts).amount()


def case_total(case: CaseOutcomes) -> Amount:
    """S4-total: what 总计 should be — 结果维持 + 结果纠正 + 其他结果 + 尚未审结
    (:data:`UNKNOWN` when one of them is not printed or not read)."""
    return _side((case.cells,), SECTION4_IDENTITIES.identities[0].parts).amount()


def sum_rows(rows: Sequence[ApplicantRow]) -> ApplicantRow:
    """Column-wise sum of section-三 rows (all seven columns, as printed); a column with an
    unknown cell gives an unknown cell."""
    return _row_of([_sum_cell([row.cells[i] for row in rows]) for i in range(7)])


def _row_of(cells: Sequence[Cell]) -> ApplicantRow:
    return ApplicantRow.from_cells(*cells[:6], total=cells[6])


def _grid_of_outcomes(outcomes: Outcomes) -> tuple[tuple[Cell, ...], ...]:
    none = (Cell.missing(),) * 7
    return (none, none, *(r.cells for r in outcomes.leaf_rows), outcomes.total.cells, none)


def outcome_totals(outcomes: Outcomes) -> ApplicantRow:
    """S3-outcome-total: what （七）总计 should be, per column.

    （一） + （二） + Σ（三）1–8 + Σ（四）1–3 + Σ（五）1–5 + Σ（六）; a column with an unknown
    cell gives an unknown cell.
    """
    grid = _grid_of_outcomes(outcomes)
    table = section3_identities(len(grid))
    return _row_of([_side(grid, i.parts) for i in table.of_kind(IdentityKind.OUTCOME_TOTAL)])


def _balance_sides(requests: DisclosureRequests) -> list[tuple[Cell, Cell]]:
    grid = tuple(row.cells for row in section3_grid(requests))
    return [
        (_side(grid, i.total), _side(grid, i.parts))
        for i in section3_identities(len(grid)).of_kind(IdentityKind.BALANCE)
    ]


def received(requests: DisclosureRequests) -> ApplicantRow:
    """一 + 二 per column: requests to be handled this year (unknown cells where unknown)."""
    return _row_of([left for left, _ in _balance_sides(requests)])


def handled(requests: DisclosureRequests) -> ApplicantRow:
    """（七）总计 + 四 per column, as printed (unknown cells where unknown)."""
    return _row_of([right for _, right in _balance_sides(requests)])


def balance(requests: DisclosureRequests) -> tuple[tuple[Amount, Amount], ...]:
    """S3-balance per column (official footnote): (一 + 二, （七） + 四) for each column; a
    side with a cell not printed or not read is :data:`UNKNOWN`."""
    return tuple((left.amount(), right.amount()) for left, right in _balance_sides(requests))
