"""Flat records of a report's table cells, ready for CSV, JSON lines or pandas.

One record per table cell, addressed by the official labels (the addressing of
``shared/corpus/*/cells.csv``): ``section`` is 二/三/四, ``row`` the official row label path
joined by "/", ``column`` the official column label.  ``value`` is the number as text (empty
for a blank or placeholder cell); ``raw`` is the printed text when it says more than the
number.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Final

from .cells import Cell, CellKind
from .model import Report
from .template import iter_cells

__all__ = ["CELL_COLUMNS", "cell_records", "format_value"]

CELL_COLUMNS: Final[tuple[str, ...]] = (
    "file",
    "agency",
    "year",
    "template",
    "section",
    "row",
    "column",
    "value",
    "raw",
    "kind",
    "path",
)
"""The columns of a cell record, in order."""


def format_value(cell: Cell) -> str:
    """The cell's number as plain text ("" when it holds no number)."""
    if cell.value is None:
        return ""
    return str(cell.value)


def _raw(cell: Cell) -> str:
    if cell.kind is CellKind.MISSING:
        return ""
    return cell.display() if cell.raw is not None else ""


def cell_records(
    report: Report, *, file: str | None = None, include_missing: bool = False
) -> Iterator[dict[str, str]]:
    """One record (a dict of strings, keys :data:`CELL_COLUMNS`) per table cell of *report*.

    Cells the source does not have, or that could not be read (kind ``missing``), are left
    out unless *include_missing*: an empty ``value`` means "printed blank", never "not read".
    """
    agency = report.info.agency or ""
    year = "" if report.info.year is None else str(report.info.year)
    template = report.info.template.value
    for spec, cell in iter_cells(report):
        if cell.kind is CellKind.MISSING and not include_missing:
            continue
        yield {
            "file": file or "",
            "agency": agency,
            "year": year,
            "template": template,
            "section": spec.section,
            "row": spec.row_label,
            "column": spec.column,
            "value": format_value(cell),
            "raw": _raw(cell),
            "kind": cell.kind.value,
            "path": spec.dotted,
        }


def records_of(reports: Iterable[tuple[Report, str | None]]) -> Iterator[dict[str, str]]:
    """Cell records of many reports (each with its file name), one table for all."""
    for report, file in reports:
        yield from cell_records(report, file=file)
