"""Flat records of reports, findings and changes, ready for CSV, JSON lines, Parquet or pandas.

Cells: one record per table cell, addressed by the official labels (the addressing of
``shared/corpus/*/cells.csv``): ``section`` is 二/三/四, ``row`` the official row label path
joined by "/", ``column`` the official column label.  ``value`` is the number as text (empty
for a blank or placeholder cell); ``raw`` is the printed text when it says more than the
number; ``status`` is ``unread`` or ``missing`` for a cell whose value is unknown (its
``value`` empty, never 0) and empty for a cell that was read.

Reports: one record per report (:data:`REPORT_COLUMNS`) with its completeness figure — cells
expected, read, unread, not printed — for a whole batch (:func:`report_rows`,
:func:`reports_dataframe`).

Findings: one record per finding (:data:`FINDING_COLUMNS`), with the official label path of
the cell, the number reported and the number expected.

Changes: one record per table cell whose value differs between two reports of one agency
(:data:`CHANGE_COLUMNS`), for ``zfxxgk compare``.

Typed: :func:`cell_rows` and :func:`finding_row` keep numbers as numbers (``int``, ``Decimal``
for money, ``None`` for none); :func:`write_json` and :func:`write_jsonl` write them as JSON
numbers (money with its exact decimal text) and ``null``; :func:`write_parquet` writes nullable
numbers and ordered categoricals in template order (:mod:`zfxxgk.tabular`).

Wide: :func:`wide_records` and :func:`wide_dataframe` — one row per report, one column per
cell, keyed by the official labels.

Writers: :func:`write_csv`, :func:`write_json`, :func:`write_jsonl` and :func:`write_parquet`
(the last needs pyarrow: ``pip install 'zfxxgk[parquet]'``).

This module was ``zfxxgk.export``; that name still imports.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import IO, TYPE_CHECKING, Any, Final, Protocol

import attrs

from . import _display
from .cells import Cell, CellKind, format_number, json_number
from .completeness import completeness
from .errors import Pre2019ReportError
from .model import Report, ReportInfo
from .template import CellSpec, iter_cells

if TYPE_CHECKING:
    from .diagnostics import SourceLocation
    from .rules import Finding
    from .tabular import WideTable

# the writers (:mod:`.tabular`, csv, json) are imported where a file is written: ``check``
# imports this module for the columns and the rows of its findings (start-up, issue 17)

__all__ = [
    "CELL_COLUMNS",
    "CHANGE_COLUMNS",
    "FINDING_COLUMNS",
    "REPORT_COLUMNS",
    "STATUS_MISSING",
    "STATUS_UNREAD",
    "cell_changes",
    "cell_records",
    "cell_rows",
    "cell_status",
    "change_records",
    "finding_json",
    "finding_record",
    "finding_records",
    "finding_row",
    "format_number",
    "format_value",
    "location_json",
    "location_text",
    "records_of",
    "report_row",
    "report_rows",
    "reports_dataframe",
    "unreadable_row",
    "wide_dataframe",
    "wide_records",
    "write_csv",
    "write_json",
    "write_jsonl",
    "write_parquet",
]

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
    "status",
)
"""The columns of a cell record, in order.  ``status`` is empty for a cell that was read
(a number, or printed blank, as a placeholder or as text), ``unread`` for a cell printed but
not read and ``missing`` for a cell the report does not print: both unknown, with an empty
``value`` that does **not** mean blank (:func:`cell_status`)."""

FINDING_COLUMNS: Final[tuple[str, ...]] = (
    "file",
    "agency",
    "year",
    "code",
    "severity",
    "message",
    "labels",
    "path",
    "reported",
    "expected",
)
"""The columns of a finding record, in order.  ``labels`` is the official label path joined by
"/" (``三/三、本年度办理结果/（七）总计/自然人``), empty for a finding about the whole report;
``severity`` is ``error``/``warning``/``info``; ``reported`` and ``expected`` are numbers as
text, empty when there is none."""

CHANGE_COLUMNS: Final[tuple[str, ...]] = (
    "section",
    "row",
    "column",
    "old",
    "new",
    "change",
    "path",
    "old_status",
    "new_status",
)
"""The columns of a change record: the official labels of the cell, its printed value in the
old and the new report, and new − old when both are numbers.  ``old_status`` / ``new_status``
are ``unread`` or ``missing`` (:func:`cell_status`) when that side's value is unknown — its
``old`` / ``new`` is then empty and ``change`` is empty — and empty otherwise."""


STATUS_UNREAD: Final[str] = CellKind.UNREAD.value
"""The ``status`` of a cell printed in the report but not read (:attr:`CellKind.UNREAD`)."""
STATUS_MISSING: Final[str] = CellKind.MISSING.value
"""The ``status`` of a cell the report does not print (:attr:`CellKind.MISSING`)."""


STATUS_UNCONFIRMED: Final[str] = "unconfirmed"
"""The ``status`` of a cell of a scan read by OCR that no identity of the template confirmed
and that the engine was unsure of (:attr:`ParseResult.unconfirmed`): its value is what was
read, and may be wrong."""


def cell_status(cell: Cell, *, unconfirmed: bool = False) -> str:
    """The ``status`` column of a cell record: ``""`` for a cell that was read, ``unread``
    (printed, not read) or ``missing`` (not printed) for an unknown one, ``unconfirmed`` for
    one read by OCR that nothing confirmed (*unconfirmed*)."""
    if cell.is_unknown:
        return cell.kind.value
    return STATUS_UNCONFIRMED if unconfirmed else ""


def format_value(cell: Cell) -> str:
    """The cell's number as plain text ("" when it holds no number)."""
    if cell.value is None:
        return ""
    return str(cell.value)


def _raw(cell: Cell) -> str:
    if cell.is_unknown:
        return ""
    return cell.display() if cell.raw is not None else ""


def cell_rows(
    report: Report,
    *,
    file: str | None = None,
    include_missing: bool = True,
    unconfirmed: frozenset[str] = frozenset(),
) -> Iterator[dict[str, Any]]:
    """Like :func:`cell_records`, with ``value`` the number itself (``int``, ``Decimal`` or
    ``None`` — for an unknown cell too, never 0) and ``year`` an ``int`` or ``None``: the
    rows of a typed table (pandas)."""
    agency = report.info.agency or ""
    template = report.info.template.value
    for spec, cell in iter_cells(report):
        if cell.is_unknown and not include_missing:
            continue
        yield {
            "file": file or "",
            "agency": agency,
            "year": report.info.year,
            "template": template,
            "section": spec.section,
            "row": spec.row_label,
            "column": spec.column,
            "value": cell.value,
            "raw": _raw(cell),
            "kind": cell.kind.value,
            "path": spec.dotted,
            "status": cell_status(cell, unconfirmed=spec.dotted in unconfirmed),
        }


def cell_records(
    report: Report,
    *,
    file: str | None = None,
    include_missing: bool = True,
    unconfirmed: frozenset[str] = frozenset(),
) -> Iterator[dict[str, str]]:
    """One record (a dict of strings, keys :data:`CELL_COLUMNS`) per table cell of *report*.

    Unknown cells — not read (``status`` ``unread``) or not printed (``missing``) — have an
    empty ``value``; their ``status`` says they are unknown, so an empty ``value`` with an
    empty ``status`` always means "printed blank".  With ``include_missing=False`` they are
    left out.  A cell whose dotted path is in *unconfirmed* (a scan's cell read by OCR that
    nothing confirmed: ``ParseResult.unconfirmed``) has ``status`` ``unconfirmed``.
    """
    year = "" if report.info.year is None else str(report.info.year)
    rows = cell_rows(report, file=file, include_missing=include_missing, unconfirmed=unconfirmed)
    for row in rows:
        value = row["value"]
        row["value"] = "" if value is None else str(value)
        row["year"] = year
        yield row


def records_of(reports: Iterable[tuple[Report, str | None]]) -> Iterator[dict[str, str]]:
    """Cell records of many reports (each with its file name), one table for all."""
    for report, file in reports:
        yield from cell_records(report, file=file)


# --------------------------------------------------------------------------------------
# reports: one row per report, with its completeness
# --------------------------------------------------------------------------------------

REPORT_COLUMNS: Final[tuple[str, ...]] = (
    "file",
    "agency",
    "year",
    "template",
    "cells_expected",
    "cells_read",
    "cells_unread",
    "cells_not_printed",
    "completeness",
    "error",
)
"""The columns of a report record: who and which year, then the **completeness** figure
(:mod:`zfxxgk.completeness`): the cells its template and layout have, how many were read,
printed but not read, not printed, and ``completeness`` = read / expected (a float, 1.0 when
everything was read).  ``error`` is the code and message of a file that could not be read
(its other columns empty)."""


def report_row(report: Report, *, file: str | None = None) -> dict[str, Any]:
    """One report as a record (keys :data:`REPORT_COLUMNS`), counts as ``int``, ``year`` an
    ``int`` or ``None``."""
    figure = completeness(report)
    return {
        "file": file or "",
        "agency": report.info.agency or "",
        "year": report.info.year,
        "template": report.info.template.value,
        "cells_expected": figure.expected,
        "cells_read": figure.read,
        "cells_unread": figure.unread,
        "cells_not_printed": figure.not_printed,
        "completeness": figure.ratio,
        "error": "",
    }


class _Read(Protocol):
    @property
    def report(self) -> Report: ...


class _Item(Protocol):
    @property
    def path(self) -> str: ...

    @property
    def result(self) -> _Read | None: ...

    @property
    def error(self) -> _Error | None: ...


def report_rows(items: Iterable[_Item]) -> Iterator[dict[str, Any]]:
    """One record per file of a batch (:class:`~zfxxgk.batch.BatchItem`): its report's
    completeness, or (a file that could not be read) its error and no numbers (``None``)."""
    for item in items:
        if item.result is not None:
            yield report_row(item.result.report, file=item.path)
            continue
        row: dict[str, Any] = dict.fromkeys(REPORT_COLUMNS)
        error = item.error
        row.update(file=item.path, agency="", template="")
        row["error"] = str(error) if error is not None else "无法读取"
        yield row


def reports_dataframe(items: Iterable[_Item]) -> Any:
    """One pandas row per file of a batch (columns :data:`REPORT_COLUMNS`): how much of each
    report was read.  Needs ``zfxxgk[pandas]``."""
    return _display.frame("batch_reports_dataframe", items)


# --------------------------------------------------------------------------------------
# findings
# --------------------------------------------------------------------------------------


def finding_row(
    finding: Finding, *, file: str | None = None, report: Report | ReportInfo | None = None
) -> dict[str, Any]:
    """Like :func:`finding_record`, with ``year``, ``reported`` and ``expected`` as numbers
    (``int``, ``Decimal`` or ``None``): the rows of a typed table (pandas).  *report* may be
    the report's :class:`~zfxxgk.model.ReportInfo` alone."""
    info = report if isinstance(report, ReportInfo) or report is None else report.info
    return {
        "file": file or "",
        "agency": (info.agency or "") if info is not None else "",
        "year": info.year if info is not None else None,
        "code": finding.code,
        "severity": finding.severity.value,
        "message": finding.message,
        "labels": "/".join(finding.labels),
        "path": finding.path or "",
        "reported": finding.reported,
        "expected": finding.expected,
    }


def finding_record(
    finding: Finding, *, file: str | None = None, report: Report | ReportInfo | None = None
) -> dict[str, str]:
    """One finding as a record of strings (keys :data:`FINDING_COLUMNS`)."""
    row = finding_row(finding, file=file, report=report)
    year = row["year"]
    return {
        **row,
        "year": "" if year is None else str(year),
        "reported": format_number(finding.reported),
        "expected": format_number(finding.expected),
    }


def finding_records(
    findings: Iterable[Finding],
    *,
    file: str | None = None,
    report: Report | ReportInfo | None = None,
) -> Iterator[dict[str, str]]:
    """Records of *findings* (keys :data:`FINDING_COLUMNS`), all about one report."""
    for finding in findings:
        yield finding_record(finding, file=file, report=report)


def finding_json(finding: Finding) -> dict[str, Any]:
    """One finding as a JSON object (``check --format json``, the review site's
    ``site.json``): numbers as JSON numbers, its place in the source as an object."""
    return {
        "code": finding.code,
        "severity": finding.severity.value,
        "message": finding.message,
        "labels": list(finding.labels),
        "label_path": "/".join(finding.labels),
        "path": finding.path,
        "reported": json_number(finding.reported),
        "expected": json_number(finding.expected),
        "location": location_json(finding.location),
    }


def location_text(location: SourceLocation | None) -> str:
    """Where a cell is in its file, without the file's name: ``表2 第5行 第3格``,
    ``第1行 第2119列``; empty when not known."""
    if location is None:
        return ""
    return attrs.evolve(location, file=None).describe()


def location_json(location: SourceLocation | None) -> dict[str, Any] | None:
    """A location as a JSON object: its known parts (``file``, ``page``, ``line``,
    ``column``, ``table``, ``row``, ``cell``) and ``text``, the Chinese description."""
    if location is None:
        return None
    parts = {k: v for k, v in attrs.asdict(location).items() if v is not None}
    return {**parts, "text": location_text(location)}


class _Error(Protocol):
    @property
    def code(self) -> str: ...

    @property
    def message(self) -> str: ...


def unreadable_row(file: str, error: _Error | None) -> dict[str, Any]:
    """The finding row of a file that could not be read: the error's code (``E1…``) and
    message (a :class:`~zfxxgk.batch.ItemError` or a :class:`~zfxxgk.errors.ZfxxgkError`),
    severity ``error`` (``warning`` for a pre-2019 report, ``E105``), no labels and no numbers
    (``None``, written as empty text)."""
    row: dict[str, Any] = dict.fromkeys(FINDING_COLUMNS, "")
    row.update(
        file=file,
        year=None,
        code=error.code if error is not None else "E100",
        # a pre-2019 report was read, it only has no standard tables: a warning
        severity="warning"
        if error is not None and error.code == Pre2019ReportError.code
        else "error",
        message=error.message if error is not None else "无法读取",
        reported=None,
        expected=None,
    )
    return row


# --------------------------------------------------------------------------------------
# changes between two reports
# --------------------------------------------------------------------------------------


def cell_changes(
    old: Report, new: Report, *, include_unchanged: bool = False
) -> Iterator[tuple[CellSpec, Cell | None, Cell | None]]:
    """The table cells of two reports matched by their official labels, where they differ.

    Yields ``(spec, old_cell, new_cell)`` in the new report's printed order, then the cells
    only the old report's template has.  A cell one report's template does not have (the
    template changed between 2020 and 2021, or （六）其他处理 is printed as one row in one of
    them) is ``None`` on that side.  Cells differ when their values differ, or when one is a
    number and the other is not (blank ≠ 0).  A cell whose value is unknown on either side
    (not read, or not printed) cannot be said to be unchanged: it is always yielded.
    """

    def cells(report: Report) -> dict[tuple[str, ...], tuple[CellSpec, Cell]]:
        return {spec.labels: (spec, cell) for spec, cell in iter_cells(report)}

    before = cells(old)
    after = cells(new)
    for key, (spec, cell) in after.items():
        previous = before.get(key)
        old_cell = previous[1] if previous is not None else None
        if include_unchanged or old_cell is None or _differs(old_cell, cell):
            yield spec, old_cell, cell
    for key, (spec, cell) in before.items():
        if key not in after:
            yield spec, cell, None


def _differs(a: Cell, b: Cell) -> bool:
    if a.is_unknown or b.is_unknown:
        return True  # not known to be the same
    return a.value != b.value or a.is_number != b.is_number


def change_records(
    old: Report, new: Report, *, include_unchanged: bool = False
) -> Iterator[dict[str, str]]:
    """Records (keys :data:`CHANGE_COLUMNS`) of :func:`cell_changes`.

    ``old``/``new`` print the cell as printed (``""`` when blank, ``/`` for a placeholder,
    ``（无此格）`` when the report's template does not have the cell, ``""`` with
    ``old_status``/``new_status`` ``unread`` or ``missing`` when its value is unknown);
    ``change`` is new − old when both are numbers, never computed with an unknown value.
    """
    for spec, before, after in cell_changes(old, new, include_unchanged=include_unchanged):
        change = ""
        old_value = before.value if before is not None else None
        new_value = after.value if after is not None else None
        if old_value is not None and new_value is not None:
            delta = new_value - old_value
            change = ("+" if delta > 0 else "") + format_number(delta)
        yield {
            "section": spec.section,
            "row": spec.row_label,
            "column": spec.column,
            "old": _shown(before),
            "new": _shown(after),
            "change": change,
            "path": spec.dotted,
            "old_status": "" if before is None else cell_status(before),
            "new_status": "" if after is None else cell_status(after),
        }


NOT_PRINTED: Final[str] = "（无此格）"
"""How a change record shows a cell that one of the two reports does not have."""


def _shown(cell: Cell | None) -> str:
    if cell is None:
        return NOT_PRINTED
    return "" if cell.is_unknown else cell.display()


# --------------------------------------------------------------------------------------
# writers
# --------------------------------------------------------------------------------------


def write_csv(records: Iterable[Mapping[str, Any]], columns: Sequence[str], out: IO[str]) -> int:
    """Write records as CSV (a header row, then one line per record); returns the count."""
    import csv

    writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    count = 0
    for record in records:
        writer.writerow(record)
        count += 1
    return count


def write_jsonl(records: Iterable[Mapping[str, Any]], out: IO[str]) -> int:
    """Write records as JSON lines (one object per line, Chinese unescaped); returns the count.

    Typed records (:func:`cell_rows`, :func:`finding_row`) keep their types: an ``int`` is a
    JSON number, a ``Decimal`` (money) a JSON number with its exact decimal text (``12.50``),
    ``None`` is ``null`` (:func:`zfxxgk.tabular.json_object`)."""
    from .tabular import write_json_lines

    return write_json_lines(records, out)


def write_json(records: Iterable[Mapping[str, Any]], out: IO[str]) -> int:
    """Write records as one JSON array, one object per line, typed as :func:`write_jsonl`
    writes them; returns the count."""
    from .tabular import write_json_array

    return write_json_array(records, out)


def write_parquet(
    records: Iterable[Mapping[str, Any]],
    columns: Sequence[str],
    path: str | os.PathLike[str],
    *,
    batch_size: int = 50_000,
) -> int:
    """Write records to a Parquet file with typed columns; returns the count.

    ``value``, ``reported`` and ``expected`` are nullable floats that hold every number of a
    report exactly (:func:`zfxxgk.tabular.exact_float`; blank and unknown are null, never 0),
    ``year`` and the counts nullable integers, ``section``/``row``/``column`` ordered
    dictionaries in template order, the rest text; the ``pandas`` metadata makes
    ``pd.read_parquet`` give ``Float64``, ``Int64`` and ordered categoricals.  Records may be
    typed (:func:`cell_rows`) or strings (:func:`cell_records`).

    Needs pyarrow (``pip install 'zfxxgk[parquet]'``), else raises
    :class:`~zfxxgk.errors.MissingDependencyError`.  Records are written in row groups of
    *batch_size*, so memory stays flat for a large batch.
    """
    from .tabular import write_typed_parquet

    return write_typed_parquet(records, columns, path, batch_size=batch_size)


# --------------------------------------------------------------------------------------
# the wide form: one row per report, one column per cell
# --------------------------------------------------------------------------------------


def wide_records(reports: Iterable[tuple[Report, str | None]]) -> WideTable:
    """The wide form of *reports* (each with its file name): one row per report, one column
    per table cell keyed by its official labels (:class:`~zfxxgk.tabular.WideTable`)."""
    from .tabular import wide_table

    return wide_table(reports)


def wide_dataframe(reports: Iterable[tuple[Report, str | None]] | Iterable[Report]) -> Any:
    """The wide form as a pandas table: one row per report (index ``file, agency, year,
    template``), one column per table cell, the columns a MultiIndex of the official labels
    (``section``, ``row``, ``column``) in template order; counts ``Int64``, money ``Float64``
    (exact to 15 significant digits), NA for a cell with no number — blank, placeholder,
    unknown, or not in the report's template.  Takes reports, or ``(report, file)`` pairs.
    Needs ``zfxxgk[pandas]``."""
    from .tabular import wide_table

    pairs = [r if isinstance(r, tuple) else (r, None) for r in reports]
    return _display.frame("wide_dataframe", wide_table(pairs))
