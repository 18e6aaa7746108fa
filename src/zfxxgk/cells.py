"""What one table cell holds (FORMAT.md §5).

A :class:`Cell` keeps what was printed apart from what it means: a number, a cell left
blank, a placeholder such as ``/`` or ``无``, printed text that is not a number, a cell that
the source does not print at all (its row is not in the report), or a cell that is printed
but could not be read.  Three states matter to arithmetic:

* a number;
* printed but not a number (blank, placeholder, text): it counts as 0, as the template says
  (FORMAT.md §5), and the difference is remembered;
* **unknown** (:attr:`CellKind.MISSING`, :attr:`CellKind.UNREAD`): nothing is known about the
  value.  :meth:`Cell.amount` gives :data:`UNKNOWN` for it, a value of type :class:`Unknown`
  that has no arithmetic, so that a type checker makes every caller say what an unknown
  value means in its computation.  :func:`sum_amounts` adds amounts: unknown when any is.
"""

from __future__ import annotations

import enum
import functools
import re
import unicodedata
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Any, Final

import attrs

from ._startup import LazyPattern

__all__ = [
    "MAX_DIGITS",
    "PLACEHOLDERS",
    "UNKNOWN",
    "Amount",
    "Cell",
    "CellKind",
    "Number",
    "Unit",
    "Unknown",
    "ValueKind",
    "add_cells",
    "format_number",
    "in_unit",
    "json_number",
    "known",
    "parse_cell",
    "sum_amounts",
]

Number = int | Decimal


class Unknown(enum.Enum):
    """The type of :data:`UNKNOWN`: a quantity that depends on a cell that was not read (or
    not printed).  It is not a number and supports no arithmetic, so code that computes with
    :meth:`Cell.amount` must handle it before it adds or compares::

        amount = cell.amount()
        if amount is UNKNOWN:
            ...  # say the check could not be made
        else:
            total += amount  # a Number here (mypy narrows the type)
    """

    UNKNOWN = "unknown"

    def __repr__(self) -> str:
        return "UNKNOWN"

    def __str__(self) -> str:
        return "未读取"

    def __bool__(self) -> bool:
        raise TypeError("UNKNOWN has no truth value: test it with `is UNKNOWN`")


UNKNOWN: Final = Unknown.UNKNOWN
"""The value of a cell (or a sum over cells) that is not known: see :class:`Unknown`."""

Amount = Number | Unknown
"""What :meth:`Cell.amount` gives: a number, or :data:`UNKNOWN`."""


def known(amounts: Iterable[Amount]) -> list[Number] | Unknown:
    """The amounts as numbers, or :data:`UNKNOWN` when any of them is unknown."""
    out: list[Number] = []
    for amount in amounts:
        if amount is UNKNOWN:
            return UNKNOWN
        out.append(amount)
    return out


def sum_amounts(amounts: Iterable[Amount]) -> Amount:
    """The sum of the amounts; :data:`UNKNOWN` when any of them is unknown."""
    total: Number = 0
    for amount in amounts:
        if amount is UNKNOWN:
            return UNKNOWN
        total += amount
    return total


def format_number(value: Number | None, *, blank: str = "", trim: bool = False) -> str:
    """A number as plain text, never in exponent form: the one way numbers are written in
    exports, messages and tables.  *blank* stands for ``None``; with *trim*, a whole amount of
    money loses its decimals (``12.00`` → ``12``), as the narrative's claims print it."""
    if value is None:
        return blank
    if isinstance(value, Decimal):
        if trim:
            return format(value.normalize(), "f") if value == value.to_integral() else str(value)
        return format(value, "f")
    return str(value)


def json_number(value: object) -> object:
    """A value for JSON: counts stay numbers, money (a Decimal) becomes a string so that no
    digit is lost; anything else as it is."""
    if isinstance(value, Decimal):
        return format(value, "f")
    return value


class CellKind(enum.Enum):
    """What a cell holds."""

    NUMBER = "number"
    """A number was printed (possibly with a unit or a note)."""
    BLANK = "blank"
    """The cell is there but empty (``&nbsp;``, spaces)."""
    PLACEHOLDER = "placeholder"
    """A placeholder was printed instead of a number: ``/``, ``—``, ``无``, ``不适用`` …"""
    TEXT = "text"
    """Something was printed that is neither a number nor a known placeholder."""
    MISSING = "missing"
    """The source does not print this cell: its row is not in the report (some agencies
    leave rows out).  The value is unknown."""
    UNREAD = "unread"
    """The source prints this cell (its row, line or table is there) but it could not be
    read.  The value is unknown."""


class ValueKind(enum.Enum):
    """What a template cell is meant to hold."""

    COUNT = "count"
    """A whole number ≥ 0."""
    SIGNED_COUNT = "signed_count"
    """A whole number that may be negative (2019 本年增/减)."""
    MONEY = "money"
    """An amount of money, a :class:`~decimal.Decimal` ≥ 0 with its unit."""


class Unit(enum.Enum):
    """Units of money that occur in reports. Never mix them (FORMAT.md §1)."""

    YUAN = "元"
    WAN_YUAN = "万元"

    @property
    def factor(self) -> Decimal:
        """How many yuan one of this unit is."""
        return Decimal(1) if self is Unit.YUAN else Decimal(10000)


PLACEHOLDERS: Final[frozenset[str]] = frozenset(
    {
        "/",
        "／",
        "-",
        "－",
        "—",
        "——",
        "--",
        "–",
        "―",
        "─",
        "无",
        "不适用",
        "不涉及",
        "空",
        "×",
        "*",
        "＊",
    }
)
"""Printed texts that stand in for a number (FORMAT.md §5)."""


def _check_value(instance: Cell, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise TypeError(f"Cell.value must be int, Decimal or None, not {type(value).__name__}")
    if isinstance(value, Decimal) and not value.is_finite():
        raise ValueError(f"Cell.value must be a finite number, not {value}")


def _default_kind(instance: Cell) -> CellKind:
    if instance.value is not None:
        return CellKind.NUMBER
    if instance.raw is None or instance.raw.strip() == "":
        return CellKind.BLANK
    return CellKind.PLACEHOLDER if _normal(instance.raw) in PLACEHOLDERS else CellKind.TEXT


@attrs.frozen(kw_only=True, slots=True, repr=False)
class Cell:
    """One printed table cell.

    ``value`` is the number (``int`` for counts, :class:`~decimal.Decimal` for money) or
    ``None``; ``raw`` is the printed text whenever it says more than the bare number
    (``"251000元"``, ``"22（其中修订16件）"``, ``"/"``, ``"１２"``) and ``None`` otherwise.
    """

    value: int | Decimal | None = attrs.field(default=None, validator=_check_value)
    raw: str | None = attrs.field(default=None)
    unit: Unit | None = attrs.field(default=None)
    kind: CellKind = attrs.field(
        default=attrs.Factory(_default_kind, takes_self=True),
    )

    @kind.validator
    def _check_kind(self, attribute: attrs.Attribute[CellKind], kind: CellKind) -> None:
        if (kind is CellKind.NUMBER) != (self.value is not None):
            raise ValueError(f"a cell of kind {kind.value!r} cannot hold the value {self.value!r}")

    # -- named constructors -------------------------------------------------------------
    @classmethod
    def of(cls, value: Number, *, raw: str | None = None, unit: Unit | None = None) -> Cell:
        """A cell holding the number *value*."""
        return cls(value=value, raw=raw, unit=unit)

    @classmethod
    def blank(cls, raw: str = "") -> Cell:
        """A cell that was printed empty."""
        return cls(raw=raw or None, kind=CellKind.BLANK)

    @classmethod
    def placeholder(cls, raw: str = "/") -> Cell:
        """A cell holding a placeholder such as ``/`` or ``无``."""
        return cls(raw=raw, kind=CellKind.PLACEHOLDER)

    @classmethod
    def missing(cls) -> Cell:
        """A cell the source does not print (its row is not in the report)."""
        return cls(kind=CellKind.MISSING)

    @classmethod
    def unread(cls) -> Cell:
        """A cell the source prints but that could not be read."""
        return cls(kind=CellKind.UNREAD)

    # -- reading ------------------------------------------------------------------------
    @property
    def is_number(self) -> bool:
        return self.kind is CellKind.NUMBER

    @property
    def is_empty(self) -> bool:
        """True for blank, placeholder, text, missing and unread cells: no number to use."""
        return self.value is None

    @property
    def is_unknown(self) -> bool:
        """True when nothing is known about the value: the cell is not printed
        (:attr:`CellKind.MISSING`) or was not read (:attr:`CellKind.UNREAD`)."""
        return self.kind is CellKind.MISSING or self.kind is CellKind.UNREAD

    def amount(self) -> Amount:
        """The cell's value for arithmetic: the number; 0 for a blank, a placeholder or text
        (the template counts a cell printed without a number as 0, FORMAT.md §5);
        :data:`UNKNOWN` for a cell not printed or not read.  Use this in checks."""
        if self.value is not None:
            return self.value
        return UNKNOWN if self.is_unknown else 0

    def number_or_zero(self) -> Number:
        """The value, with every other cell counted as 0 — **unknown cells too**.  Only
        for a figure that is shown as "as printed"; a check uses :meth:`amount`."""
        return 0 if self.value is None else self.value

    @property
    def note(self) -> str | None:
        """Printed text after the number, e.g. ``其中修订16件`` in ``22（其中修订16件）``."""
        if self.value is None or not self.raw:
            return None
        match = _LEADING_NUMBER.match(_normal(self.raw))
        if match is None:
            return None
        rest = _normal(self.raw)[match.end() :].strip(" （）()，,、;；")
        if not rest or rest in _UNIT_WORDS:
            return None
        return rest

    def display(self) -> str:
        """The text to show for this cell: what was printed, or the number."""
        if self.raw is not None:
            return self.raw
        if self.value is None:
            return ""
        return str(self.value)

    def __str__(self) -> str:
        return self.display()

    def __repr__(self) -> str:
        extra = ""
        if self.raw is not None:
            extra += f", raw={self.raw!r}"
        if self.unit is not None:
            extra += f", unit={self.unit.value!r}"
        if self.kind is CellKind.NUMBER:
            return f"Cell.of({self.value!r}{extra})"
        if self.kind is CellKind.MISSING:
            return "Cell.missing()"
        if self.kind is CellKind.UNREAD:
            return "Cell.unread()"
        return f"Cell(kind={self.kind.name}{extra})"


_LEADING_NUMBER = LazyPattern(r"[-+]?\d[\d,]*(?:\.\d+)?|[-+]?\.\d+")
_UNIT_WORDS = frozenset({"元", "万元", "件", "个", "项", "条", "次", "起", "人"})
_SPACES = LazyPattern(r"[\s\u3000\u00a0\u200b\ufeff]+")

MAX_DIGITS: Final = 15
"""The most digits a printed number may have, its whole and fractional part together.  The
largest figure a report prints (an amount of money in 元) has ten; a cell of more digits is
read as text (``数字位数过多``), never as a number, so that no absurd size reaches arithmetic
or Python's own limit on converting digits.  The JSON loader obeys the same bound."""


@functools.lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    """One character after NFKC, except a footnote marker that NFKC would turn into digits
    (``①``, ``¹``, ``₁``, ``⑴``, ``⒈``, ``㏠``): it stays as printed, so that ``440①`` is 440
    and a marker, never 4401.  Digits of other widths (``１２``, ``𝟏𝟐``) are digits."""
    folded = unicodedata.normalize("NFKC", char)
    if folded != char and unicodedata.category(char) != "Nd" and _has_digit(folded):
        return char
    return folded


def _has_digit(text: str) -> bool:
    return any("0" <= c <= "9" for c in text)


def _fold(text: str) -> str:
    """*text* after NFKC, footnote markers kept (:func:`_fold_char`)."""
    if text.isascii() or unicodedata.is_normalized("NFKC", text):
        return text
    return "".join(map(_fold_char, text))


def _normal(text: str) -> str:
    """NFKC (full-width digits, Kangxi radicals; footnote markers kept), no spaces of any
    kind."""
    return _SPACES.sub("", _fold(text))


_NUMBER_WITH_REST = LazyPattern(
    r"^(?P<sign>[-+]?) ?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)(?P<rest>.*)$",
    re.ASCII | re.DOTALL,
)
_UNIT_SUFFIX = LazyPattern(r"^ ?(?P<unit>万元|元)")
_LINE_BREAKS = LazyPattern(r"[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]+")
_WRAPPED = LazyPattern(
    r"(?<=[0-9.,])[ \t\u3000\u00a0]*" + _LINE_BREAKS.pattern + r"[ \t\u3000\u00a0]*(?=[0-9.,])"
)
"""A line break inside a number: a narrow column wraps it (``75394`` / ``432.52元`` in a PDF
or a pandoc table, one digit a line in the narrowest)."""
_ANOTHER_NUMBER = LazyPattern(r"^[ ,.]*[-+]?\d", re.ASCII)
"""The text after a number starts with another one: ``217 218``, ``440 1``."""
_THOUSANDS = LazyPattern(r"^(?: \d{3})+(?:\.\d+)?$", re.ASCII)
"""… in groups of three, as a thousands separator would print them: ``1 234``."""
_FOOTNOTE = LazyPattern(
    r"^ ?(?:[*※†‡#△▲☆★]+|注\d{0,3}|[\[【(]注?\d{0,3}[\]】)]|\d{1,3}[)\]】])$", re.ASCII
)
"""A footnote reference after a number: ``*``, ``注1``, ``[1]``, ``（注1）``, ``1)``."""


def _shown(raw: str) -> str:
    """*raw* for a message: at most 40 characters."""
    return raw if len(raw) <= 40 else raw[:40] + f"…（共{len(raw)}字）"


def _not_a_number(raw: str, why: str) -> tuple[Cell, str]:
    return Cell(raw=raw, kind=CellKind.TEXT), f"“{_shown(raw)}”{why}"


def _is_footnote(rest: str) -> bool:
    """Is *rest* (what follows a number) a footnote marker or reference?"""
    return any(_fold_char(c) == c != unicodedata.normalize("NFKC", c) for c in rest) or bool(
        _FOOTNOTE.match(rest)
    )


def _two_numbers(raw: str, number: str, rest: str) -> tuple[Cell, str]:
    """The cell *raw* prints *number* and then another number (*rest*): not a number."""
    if len(number) <= 3 and _THOUSANDS.match(rest):
        glued = number + rest.replace(" ", "")
        return _not_a_number(
            raw,
            f"的数字之间有空格：可能是千位分隔的{glued}，也可能是两个数，不作为数字读取",
        )
    return _not_a_number(raw, "印有不止一个数字，不作为数字读取")


def parse_cell(text: str | None, kind: ValueKind = ValueKind.COUNT) -> tuple[Cell, str | None]:
    """Read the printed text of one cell as a template cell of the given kind.

    Returns the cell and, when the reading is not plain, a short Chinese note saying why
    (for a diagnostic): a placeholder, a number followed by a note or a footnote marker
    (``440①``, ``440¹``, ``440注1``: the number, the marker kept in ``raw``), a count that is
    not a whole number.  A cell that prints two numbers (``217 218``, ``440 1``) or a number
    of more than :data:`MAX_DIGITS` digits is text, with the note saying so: digits on one
    line are never glued together.  A line break inside a number is where a narrow column
    wrapped it (``75394`` / ``432.52元``): one number, with a note saying so.  The note is
    ``None`` for an ordinary number or an empty cell.
    """
    if text is None:
        return Cell.missing(), None
    raw = text.strip()
    folded, wraps = _WRAPPED.subn("", _fold(text))
    spaced = _SPACES.sub(" ", folded).strip().replace("，", ",")
    if spaced == "":
        return Cell.blank(raw), None
    if spaced.replace(" ", "") in PLACEHOLDERS:
        return Cell.placeholder(raw), f"占位符“{raw}”按空白处理"
    match = _NUMBER_WITH_REST.match(spaced)
    if match is None:
        return _not_a_number(raw, "不是数字")
    number, sign, rest = match["num"], match["sign"], match["rest"]
    digits = number.replace(",", "")
    if len(digits) - ("." in digits) > MAX_DIGITS:
        return _not_a_number(raw, f"数字位数过多（超过{MAX_DIGITS}位），不作为数字读取")
    unit: Unit | None = None
    unit_match = _UNIT_SUFFIX.match(rest)
    if unit_match is not None:
        unit = Unit(unit_match["unit"])
        rest = rest[unit_match.end() :]
    if _ANOTHER_NUMBER.match(rest):
        return _two_numbers(raw, number, rest)
    cell, why = _number(raw, sign, digits, rest.strip(), unit, kind)
    if wraps and cell.value is not None:
        shown = _shown(_LINE_BREAKS.sub("↵", raw))
        wrapped = f"“{shown}”中的数字跨行印出，按一个数{cell.value}读取"
        why = wrapped if why is None else f"{why}；{wrapped}"
    return cell, why


def _number(
    raw: str, sign: str, digits: str, rest: str, unit: Unit | None, kind: ValueKind
) -> tuple[Cell, str | None]:
    """The cell of a number printed as *sign* and *digits*, maybe followed by *rest*."""
    why: str | None = None
    value: Number
    if kind is ValueKind.MONEY:
        try:
            value = Decimal(sign + digits)
        except InvalidOperation:  # pragma: no cover - the regex admits only valid digits
            return _not_a_number(raw, "不是数字")
    else:
        if "." in digits:
            whole, _, frac = digits.partition(".")
            if frac.strip("0"):
                return _not_a_number(raw, "不是整数")
            digits = whole or "0"
            why = f"“{raw}”按整数{int(sign + digits)}读取"
        value = int(sign + digits)
        if sign == "-" and kind is ValueKind.COUNT:
            why = why or f"件数“{raw}”为负数"
    if rest and _is_footnote(rest):
        why = f"“{_shown(raw)}”中数字{value}后的“{rest}”是注释标记，取{value}"
    elif rest:
        why = f"“{_shown(raw)}”取开头的数字，其余作为备注"
    canonical = str(value)
    keep_raw = raw if raw != canonical else None
    return Cell(value=value, raw=keep_raw, unit=unit), why


def in_unit(cell: Cell, unit: Unit | None) -> Number:
    """The number of *cell* in *unit* (money printed in 元 compared with 万元); blank,
    placeholder, text, missing and unread cells count as 0 (test :attr:`Cell.is_unknown`
    first where that matters), and a cell or *unit* without a unit is
    taken as it is."""
    value = cell.number_or_zero()
    if cell.value is None or unit is None or cell.unit is None or cell.unit is unit:
        return value
    return Decimal(value) * cell.unit.factor / unit.factor


def add_cells(a: Cell, b: Cell) -> Cell:
    """The sum of two cells, as a region's summary adds its units' cells.

    Numbers add (blank and placeholder count as 0); two cells without a number give a blank
    cell.  A sum with an unknown cell is unknown: unread when either was not read, else
    missing.  Money in different units is converted to the first one's unit.
    """
    if a.is_unknown or b.is_unknown:
        if a.kind is CellKind.UNREAD or b.kind is CellKind.UNREAD:
            return Cell.unread()
        return Cell.missing()
    if a.value is None and b.value is None:
        return Cell.blank()
    unit = a.unit if a.value is not None and a.unit is not None else b.unit
    return Cell.of(in_unit(a, unit) + in_unit(b, unit), unit=unit)
