"""Unknown values in checks: the typed API a rule uses to compute with cells.

A cell holds a number, something printed that is not a number (blank, placeholder, text —
counted as 0, as the template says), or nothing known at all: a cell the report does not
print (:attr:`~zfxxgk.cells.CellKind.MISSING`) or prints but could not be read
(:attr:`~zfxxgk.cells.CellKind.UNREAD`).  :meth:`Cell.amount() <zfxxgk.cells.Cell.amount>`
and :func:`amount_at` give a number or :data:`UNKNOWN`, whose type :class:`Unknown` has no
arithmetic: ``mypy --strict`` rejects ``amount + 1`` until the rule has tested
``amount is UNKNOWN``.

A check whose computation touches an unknown cell does not fire as a mismatch.  It yields
:class:`Unchecked` instead — once per identity it could not check — and the engine makes an
``UNCHECKED`` finding (severity info) that says what could not be checked and which cells were
not read or not printed.  :func:`evaluate` does both halves for an identity "Σ total = Σ
parts" given by dotted paths::

    result = evaluate(report, total=["requests.new.total"], parts=[...])
    if isinstance(result, NotCheckable):
        yield result.unchecked("requests.new.total", "本行总计 = 各列之和")
    elif not result.holds:
        yield Violation("requests.new.total", expected=result.parts)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Final

import attrs

from ..cells import (
    UNKNOWN,
    Amount,
    Cell,
    CellKind,
    Number,
    Unknown,
    format_number,
    known,
    sum_amounts,
)
from ..model import Report
from ..template import get_at

__all__ = [
    "UNCHECKED",
    "UNKNOWN",
    "Amount",
    "Checked",
    "NotCheckable",
    "Unchecked",
    "Unknown",
    "amount_at",
    "cell_at",
    "cell_name",
    "describe_cell",
    "evaluate",
    "known",
    "sum_amounts",
]

UNCHECKED: Final[str] = "UNCHECKED"
"""The code of the finding that says a check could not be made: it touches an unknown cell."""

_SHOWN: Final = 6
"""How many unknown cells an ``UNCHECKED`` message names before it says "等 N 格"."""


def cell_at(report: Report, path: str | Sequence[str]) -> Cell:
    """The cell of *report* at the dotted model *path* (``"requests.new.total"``)."""
    found = get_at(report, path if isinstance(path, str) else tuple(path))
    if not isinstance(found, Cell):
        raise TypeError(f"{path!r} is not a cell of the report but a {type(found).__name__}")
    return found


def amount_at(report: Report, path: str | Sequence[str]) -> Amount:
    """The amount of the cell at *path*: its number, 0 for a cell printed without a number
    (blank, placeholder, text), :data:`UNKNOWN` for a cell not printed or not read."""
    return cell_at(report, path).amount()


def _paths(paths: Iterable[str]) -> tuple[str, ...]:
    return tuple(paths)


@attrs.frozen(slots=True)
class Unchecked:
    """What a rule yields, instead of a :class:`~zfxxgk.rules.Violation`, for a check it could
    not make because the computation touches unknown cells.

    ``path`` is where the finding is shown (the cell that would carry a mismatch, or ``None``
    for the report as a whole); ``what`` names the check in Chinese, e.g.
    ``勾稽关系“一 + 二 = （七）总计 + 四”（自然人列）``; ``cells`` are the dotted paths of the
    unknown cells in the report the finding is about, ``previous`` those in the previous
    year's report (pair rules: the first report checked), named in the message as
    *previous_name*.  Yield one per identity: the engine makes one ``UNCHECKED`` finding of
    each.
    """

    path: str | Sequence[str] | None
    what: str
    cells: tuple[str, ...] = attrs.field(default=(), converter=_paths)
    previous: tuple[str, ...] = attrs.field(default=(), converter=_paths, kw_only=True)
    previous_name: str = attrs.field(default="上一年度报告", kw_only=True)


@attrs.frozen(slots=True)
class Checked:
    """An identity evaluated on known amounts: Σ ``total`` against Σ ``parts``."""

    total: Number
    parts: Number

    @property
    def holds(self) -> bool:
        return self.total == self.parts

    @property
    def difference(self) -> Number:
        """Σ total − Σ parts (0 when the identity holds)."""
        return self.total - self.parts


@attrs.frozen(slots=True)
class NotCheckable:
    """An identity that cannot be checked: ``unknown`` are the paths of its unknown cells."""

    unknown: tuple[str, ...]

    def unchecked(self, path: str | Sequence[str] | None, what: str) -> Unchecked:
        """The :class:`Unchecked` to yield for this identity, shown at *path*."""
        return Unchecked(path, what, self.unknown)


def evaluate(
    report: Report, *, total: Iterable[str], parts: Iterable[str]
) -> Checked | NotCheckable:
    """The identity Σ *total* = Σ *parts* (dotted cell paths) on *report*: a :class:`Checked`
    with both sums, or :class:`NotCheckable` naming the unknown cells (never a sum with an
    unknown cell counted as 0)."""
    total, parts = tuple(total), tuple(parts)
    amounts = {path: amount_at(report, path) for path in (*total, *parts)}
    unknown = tuple(path for path, amount in amounts.items() if amount is UNKNOWN)
    left = sum_amounts(amounts[p] for p in total)
    right = sum_amounts(amounts[p] for p in parts)
    if unknown or left is UNKNOWN or right is UNKNOWN:
        return NotCheckable(unknown)
    return Checked(left, right)


# --------------------------------------------------------------------------------------
# Messages (used by the engine)
# --------------------------------------------------------------------------------------


def _number(value: Number | None) -> str:
    return format_number(value, blank="空白")


def describe_cell(cell: Cell) -> str:
    """How a cell was printed, in Chinese, for messages: ``12``, ``空白（按 0 计）`` …"""
    if cell.value is not None:
        text = _number(cell.value)
        return f"{text}（原文“{cell.raw}”）" if cell.raw and cell.raw != text else text
    if cell.kind is CellKind.BLANK:
        return "空白（按 0 计）"
    if cell.kind is CellKind.PLACEHOLDER:
        return f"占位符“{cell.raw}”（按 0 计）"
    if cell.kind is CellKind.MISSING:
        return "缺失（原文未印出此格）"
    if cell.kind is CellKind.UNREAD:
        return "未读取（原文有此格，未能读取）"
    return f"非数字文字“{cell.raw}”（按 0 计）"


def cell_name(labels: Sequence[str], path: str) -> str:
    """A short Chinese name of a cell for messages: its label path without the section (and
    without the heading of an outcome group row), e.g. ``（七）总计/自然人``; *path* when the
    cell has no labels."""
    if not labels:
        return path
    return "/".join(labels[2:] if len(labels) >= 4 else labels[1:])


def _names(names: Sequence[str]) -> str:
    shown = "、".join(names[:_SHOWN])
    return shown + (f"等 {len(names)} 格" if len(names) > _SHOWN else "")


def unchecked_message(item: Unchecked, cells: Sequence[tuple[str, CellKind | None]]) -> str:
    """The Chinese message of an ``UNCHECKED`` finding: *cells* are the unknown cells as
    (name to show, kind) — the engine names them by their official labels."""
    unread = [name for name, kind in cells if kind is not CellKind.MISSING]
    missing = [name for name, kind in cells if kind is CellKind.MISSING]
    parts = []
    if unread:
        parts.append(f"涉及未读取的单元格 {_names(unread)}")
    if missing:
        parts.append(f"涉及原文未印出的单元格 {_names(missing)}")
    why = "；".join(parts) if parts else "涉及数值未知的单元格"
    return f"{item.what}无法核对：{why}"


def kind_at(report: Report, path: str) -> CellKind | None:
    """The kind of the cell at *path* of *report* (``None`` when there is no cell there)."""
    try:
        found = get_at(report, path)
    except (AttributeError, KeyError, TypeError):
        return None
    return found.kind if isinstance(found, Cell) else None
