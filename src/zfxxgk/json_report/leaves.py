"""Strict cattrs hooks for the leaves of a report — numbers, strings, dates, enums — and for
cells (a bare number, or an object that keeps blank, ``0``, ``/`` and missing apart)."""

from __future__ import annotations

import datetime as _dt
import enum
import json
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, Final, TypeVar

import cattrs

from ..cells import Cell, CellKind, Unit, ValueKind
from ..limits import MAX_NUMBER_DIGITS
from ..template import SECTION_TITLES
from .messages import _describe, _Invalid, _note

_CELL_KEYS: Final = ("kind", "value", "raw", "unit")
_DECIMAL_SYNTAX: Final = r"-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?"
_DECIMAL = re.compile(_DECIMAL_SYNTAX)
_DATE_SYNTAX: Final = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
_DATE = re.compile(_DATE_SYNTAX)
_COUNT_KINDS: Final = frozenset({ValueKind.COUNT, ValueKind.SIGNED_COUNT})
_LARGEST: Final = 10**MAX_NUMBER_DIGITS
YEARS: Final = range(1990, 2101)
"""The years a report may cover, as loaded from JSON (the law dates from 2008)."""


# --------------------------------------------------------------------------------------
# Strict hooks for the leaves
# --------------------------------------------------------------------------------------


def _structure_int(value: Any, _: Any = None) -> int:
    if type(value) is int:
        return value
    raise _Invalid(f"应为整数，实为{_describe(value)}")


def _structure_str(value: Any, _: Any = None) -> str:
    if isinstance(value, str):
        return value
    raise _Invalid(f"应为字符串，实为{_describe(value)}")


def _structure_bool(value: Any, _: Any = None) -> bool:
    if isinstance(value, bool):
        return value
    raise _Invalid(f"应为 true 或 false，实为{_describe(value)}")


def _structure_decimal(value: Any, _: Any = None) -> Decimal:
    if isinstance(value, str) and _DECIMAL.fullmatch(value):
        return Decimal(value)
    if type(value) is int:
        return Decimal(value)
    if isinstance(value, float | Decimal):
        raise _Invalid(f'金额应写成字符串（如 "{value}"）以保证精确，不能用 JSON 小数 {value}')
    raise _Invalid(f'应为十进制数字字符串（如 "96171.6"），实为{_describe(value)}')


def _unstructure_decimal(value: Decimal) -> str:
    if not value.is_finite():
        raise ValueError(f"无法写出非有限的数值 {value}")
    return str(value)


def _structure_date(value: Any, _: Any = None) -> _dt.date:
    if isinstance(value, str) and _DATE.fullmatch(value):
        try:
            return _dt.date.fromisoformat(value)
        except ValueError:
            raise _Invalid(f"日期无效：{value}") from None
    raise _Invalid(f"日期应为 ISO 格式字符串 YYYY-MM-DD，实为{_describe(value)}")


def _unstructure_date(value: _dt.date) -> str:
    return value.isoformat()


_SECTION_LIST: Final = tuple[str, ...]
"""The type of :attr:`~zfxxgk.model.ReportInfo.section_order`: section numbers 一 … 六."""


def _structure_sections(value: Any, _: Any = None) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise _Invalid(f'应为部分序号的数组（如 ["一", "二"]），实为{_describe(value)}')
    errors: list[Exception] = []
    for index, item in enumerate(value):
        if not (isinstance(item, str) and item in SECTION_TITLES):
            wanted = "、".join(SECTION_TITLES)
            errors.append(
                _note(_Invalid(f"应为部分序号 {wanted} 之一，实为{_describe(item)}"), index)
            )
    if errors:
        raise cattrs.IterableValidationError("部分序号无效", errors, tuple)
    return tuple(value)


def _is_enum(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, enum.Enum)


E = TypeVar("E", bound=enum.Enum)


def _structure_enum(value: Any, cls: type[E]) -> E:
    for member in cls:
        if type(member.value) is type(value) and member.value == value:
            return member
    options = "、".join(json.dumps(m.value, ensure_ascii=False) for m in cls)
    raise _Invalid(f"应为 {options} 之一，实为{_describe(value)}")


def _unstructure_enum(value: enum.Enum) -> Any:
    return value.value


# --------------------------------------------------------------------------------------
# Cells
# --------------------------------------------------------------------------------------


def _structure_year(value: Any) -> int | None:
    """A report's year: ``null`` or an integer in :data:`YEARS`."""
    if value is None:
        return None
    year = _structure_int(value)
    if year not in YEARS:
        raise _Invalid(f"年度应在 {YEARS[0]}–{YEARS[-1]} 之间，实为 {year} [J-RANGE]")
    return year


def _digits(number: int | Decimal) -> int:
    """How many digits *number* has written out plainly, whole and fractional part together
    (``1E+3`` has four, ``0.05`` two)."""
    if isinstance(number, int):
        return len(str(abs(number))) if number else 1
    sign_digits_exponent = number.as_tuple()
    count, exponent = len(sign_digits_exponent.digits), sign_digits_exponent.exponent
    if not isinstance(exponent, int):  # NaN or infinity: the syntax never gives one
        return MAX_NUMBER_DIGITS + 1
    return count + exponent if exponent >= 0 else max(count, -exponent)


def _bounded(number: int | Decimal) -> int | Decimal:
    """*number* when it has at most MAX_NUMBER_DIGITS digits, as the cell parser's numbers
    do; a negative number stays (a report may print one)."""
    if isinstance(number, int) and -_LARGEST < number < _LARGEST:
        return number  # the common case, without counting
    if isinstance(number, int) or _digits(number) > MAX_NUMBER_DIGITS:
        raise _Invalid(
            f"数值超出范围：最多 {MAX_NUMBER_DIGITS} 位数字（整数部分与小数部分一起计）[J-RANGE]"
        )
    return number


def _cell_number(value: Any, kind: ValueKind | None, *, bare: bool) -> int | Decimal:
    """The number of a cell: a JSON integer (``int``) or a decimal string (``Decimal``), of
    at most MAX_NUMBER_DIGITS digits.

    A bare cell in a count column must be an integer: ``"3"`` there is refused, not read as 3.
    A count cell that holds a Decimal (a non-whole count, which the checks report) is written
    as an explicit number object, ``{"kind": "number", "value": "0.5"}``.
    """
    return _bounded(_cell_value(value, kind, bare=bare))


def _cell_value(value: Any, kind: ValueKind | None, *, bare: bool) -> int | Decimal:
    if type(value) is int:
        return value
    count = kind in _COUNT_KINDS
    if not (count and bare) and isinstance(value, str) and _DECIMAL.fullmatch(value):
        return Decimal(value)
    if count and bare:
        raise _Invalid(f"应为整数，实为{_describe(value)}")
    if not count and isinstance(value, float | Decimal):
        raise _Invalid(f'金额应写成字符串（如 "{value}"）以保证精确，不能用 JSON 小数 {value}')
    raise _Invalid(f'应为整数或十进制数字字符串（如 "96171.6"），实为{_describe(value)}')


def _structure_cell(value: Any, kind: ValueKind | None = None) -> Cell:
    """A :class:`Cell` from its JSON form (a bare number, or an object).

    *kind* is the value kind of the template column: count columns take integers only,
    money columns integers or decimal strings.  ``None`` accepts both (a cell out of context).
    """
    if isinstance(value, Mapping):
        return _cell_object(value, kind)
    if value is None:
        raise _Invalid('单元格不能是 null（空白单元格写作 {"kind": "blank"}）')
    return Cell(value=_cell_number(value, kind, bare=True), kind=CellKind.NUMBER)


def _cell_object(data: Mapping[str, Any], kind: ValueKind | None) -> Cell:
    errors: list[Exception] = []
    allowed = "、".join(_CELL_KEYS)
    for key in data:
        if key not in _CELL_KEYS:
            errors.append(_note(_Invalid(f"未知的键（单元格对象可用的键：{allowed}）"), key))
    cell_kind: CellKind | None = None
    if "kind" not in data:
        errors.append(_note(KeyError("kind"), "kind"))
    else:
        try:
            cell_kind = _structure_enum(data["kind"], CellKind)
        except _Invalid as exc:
            errors.append(_note(exc, "kind"))
    number: int | Decimal | None = None
    if data.get("value") is not None:
        if cell_kind is not None and cell_kind is not CellKind.NUMBER:
            errors.append(
                _note(_Invalid(f'kind 为 "{cell_kind.value}" 的单元格不能有 value'), "value")
            )
        else:
            try:
                number = _cell_number(data["value"], kind, bare=False)
            except _Invalid as exc:
                errors.append(_note(exc, "value"))
    elif cell_kind is CellKind.NUMBER:
        missing = (
            KeyError("value") if "value" not in data else _Invalid("数字单元格的 value 不能是 null")
        )
        errors.append(_note(missing, "value"))
    raw: str | None = None
    if data.get("raw") is not None:
        try:
            raw = _structure_str(data["raw"])
        except _Invalid as exc:
            errors.append(_note(exc, "raw"))
    unit: Unit | None = None
    if data.get("unit") is not None:
        try:
            unit = _structure_enum(data["unit"], Unit)
        except _Invalid as exc:
            errors.append(_note(exc, "unit"))
    if errors or cell_kind is None:
        raise cattrs.ClassValidationError("单元格无效", errors, Cell)
    return Cell(value=number, raw=raw, unit=unit, kind=cell_kind)


def _unstructure_cell(cell: Cell, kind: ValueKind | None = None) -> Any:
    """The JSON form of a cell: a bare number when it is a plain number, else an object.

    A :class:`~decimal.Decimal` is written as a string; in a count column it is always written
    as an object (a bare string there is refused when read).
    """
    value = cell.value
    number = None if value is None else value if isinstance(value, int) else str(value)
    plain = cell.raw is None and cell.unit is None
    if (
        cell.kind is CellKind.NUMBER
        and plain
        and (isinstance(value, int) or kind not in _COUNT_KINDS)
    ):
        return number
    out: dict[str, Any] = {"kind": cell.kind.value}
    if number is not None:
        out["value"] = number
    if cell.raw is not None:
        out["raw"] = cell.raw
    if cell.unit is not None:
        out["unit"] = cell.unit.value
    return out
