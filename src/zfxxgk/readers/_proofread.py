"""The template's arithmetic as the proofreader of a scan read by OCR.

Once the report of a scan is built, every table cell that OCR read (``Document.ocr``, found
through the result's provenance) is judged by the identities of sections 三 and 四
(:mod:`zfxxgk.identities`, evaluated on the report's cells as the rules do,
:class:`zfxxgk.rules.analysis.CellScan`):

* a cell is **confirmed** when an identity it takes part in holds with it (every cell of
  that identity known);
* a number that no identity confirms is **unconfirmed** when the engine was unsure of it
  (confidence below :data:`SURE`) or when an identity it takes part in is broken: it keeps
  the value read, and ``ParseResult.unconfirmed`` lists it, so that an export says
  ``status`` = ``unconfirmed`` (R180); so is text read where a number belongs, and a
  placeholder read with doubt (an identity cannot tell a 0 from a blank or a mark);
* when the identities determine an unconfirmed cell's value uniquely (every other cell of an
  identity confirmed, every such identity giving the same value) and it differs from what
  was read, a diagnostic names the cell, the value read, the value implied and the region of
  the page (R181) — the report keeps what was read: nothing is written silently.

A cell the engine did not find at all is unread already (:mod:`.scan`); the proofreader
leaves it so.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Final

import attrs

from ..cells import CellKind, Number
from ..diagnostics import Diagnostic, Severity, SourceLocation
from ..identities import SECTION4_IDENTITIES, IdentityTable, Position, section3_identities
from ..rules.analysis import CellScan
from ..template import label_path
from .document import OcrCell
from .result import ParseResult

__all__ = ["SURE", "proofread"]

SURE: Final = 0.95
"""A cell the engine read with at least this confidence, in no broken identity, is taken as
read even when no identity confirms it (section 二 has no identities)."""


def proofread(result: ParseResult, ocr: dict[tuple[int, int, int], OcrCell]) -> ParseResult:
    """*result* with the OCR'd cells no identity confirms listed as unconfirmed (R180), and a
    diagnostic for each whose value the identities imply otherwise (R181)."""
    read: dict[str, OcrCell] = {}
    for path, location in result.provenance.items():
        key = (location.table, location.row, location.cell)
        if None not in key:
            found = ocr.get(key)  # type: ignore[arg-type]  # no None in key
            if found is not None and found.text:
                read[path] = found
    if not read:
        return result
    data = CellScan(result.report)
    index = {path: k for k, path in enumerate(data.layout.paths)}
    confirmed, broken = _judged(data)
    doubtful = {
        path
        for path, found in read.items()
        if path in index and _doubtful(data, index[path], found, confirmed, broken)
    }
    trusted = {k for k in range(len(data.cells)) if k in confirmed or data.path(k) not in read}
    diagnostics = list(result.diagnostics)
    for path in sorted(doubtful, key=index.__getitem__):
        k = index[path]
        diagnostics.append(_unconfirmed(data, k, read[path], result.provenance.get(path)))
        implied = _implied(data, k, trusted)
        if implied is not None and implied != data.values[k]:
            diagnostics.append(_differs(data, k, read[path], implied, result.provenance.get(path)))
    return attrs.evolve(result, diagnostics=tuple(diagnostics), unconfirmed=frozenset(doubtful))


def _doubtful(
    data: CellScan, k: int, found: OcrCell, confirmed: set[int], broken: set[int]
) -> bool:
    """Whether the OCR'd cell *k* is unconfirmed.  An identity confirms numbers only: it
    cannot tell a 0 from a blank or a mark, so a placeholder read with doubt, and any text
    read where a number belongs (``p`` for a 0), stays unconfirmed whatever the sums say."""
    cell = data.cells[k]
    if cell.is_unknown:
        return False
    if cell.value is None:
        return cell.kind is CellKind.TEXT or found.conf < SURE
    return k not in confirmed and (found.conf < SURE or k in broken)


def _tables(data: CellScan) -> Iterator[tuple[IdentityTable, int]]:
    yield section3_identities(data.layout.s3_rows), data.layout.s3_start
    yield SECTION4_IDENTITIES, data.layout.s4_start


def _judged(data: CellScan) -> tuple[set[int], set[int]]:
    """The indices of the cells some identity confirms, and of those in a broken identity."""
    confirmed: set[int] = set()
    broken: set[int] = set()
    unknown = data.unknown
    for table, start in _tables(data):
        for members, (total, parts) in zip(table.members, table.flat, strict=True):
            cells = [start + k for k in members]
            if any(k in unknown for k in cells):
                continue
            left = sum((data.values[start + k] for k in total), start=0)
            right = sum((data.values[start + k] for k in parts), start=0)
            (confirmed if left == right else broken).update(cells)
    return confirmed, broken


def _implied(data: CellScan, k: int, trusted: set[int]) -> Number | None:
    """The value every identity whose other cells are all trusted gives cell *k*, when there
    is such an identity and they agree; else None."""
    found: set[Number] = set()
    for table, start in _tables(data):
        if not start <= k < start + table.rows * table.columns:
            continue
        position = divmod(k - start, table.columns)
        for identity, members in zip(table.identities, table.members, strict=True):
            if k - start not in members:
                continue
            others = [start + m for m in members if start + m != k]
            if all(m in trusted and m not in data.unknown for m in others):
                found.add(identity.solve(position, _value_of(data, table, start)))
    if len(found) != 1:
        return None
    value = found.pop()
    return value if value >= 0 else None


def _value_of(data: CellScan, table: IdentityTable, start: int) -> Callable[[Position], Number]:
    def value(position: Position) -> Number:
        return data.values[start + table.index(position)]

    return value


def _labels(data: CellScan, k: int) -> tuple[str, ...]:
    spec = data.layout.specs[k]
    try:
        return label_path(spec.path, data.layout.template)
    except KeyError:  # pragma: no cover - paths come from the template
        return ()


def _region(found: OcrCell) -> str:
    x0, top, x1, bottom = found.box
    return f"第{found.page}页 x {x0:.0f}–{x1:.0f}、y {top:.0f}–{bottom:.0f}（磅，自左上角）"


def _unconfirmed(
    data: CellScan, k: int, found: OcrCell, location: SourceLocation | None
) -> Diagnostic:
    return Diagnostic(
        code="R180",
        severity=Severity.INFO,
        message=(
            f"扫描件识别的“{found.text}”未经勾稽关系确认（识别置信度 {found.conf:.2f}），"
            f"按识别结果保留，导出时标为 unconfirmed；位置：{_region(found)}"
        ),
        location=location,
        path=data.path(k),
        labels=_labels(data, k),
    )


def _differs(
    data: CellScan, k: int, found: OcrCell, implied: Number, location: SourceLocation | None
) -> Diagnostic:
    return Diagnostic(
        code="R181",
        severity=Severity.WARNING,
        message=(
            f"扫描件识别为 {data.values[k]}（原文识别“{found.text}”），但勾稽关系推出应为 "
            f"{implied}；报告保留识别值，请核对原件：{_region(found)}"
        ),
        location=location,
        path=data.path(k),
        labels=_labels(data, k),
    )
