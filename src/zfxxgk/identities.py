"""The identities of the templates as data: which cells add up to which (FORMAT.md §4).

This is the one place where an identity is written.  An identity is a row of the table below:
the cells of its ``total`` side add up to the cells of its ``parts`` side.  Cells are
addressed by their position ``(row, column)`` in the grid of their section:

* section 三 — one grid row per printed row, in template order: ``0`` 一、本年新收,
  ``1`` 二、上年结转, ``2 … n − 3`` the outcome rows （一）…（六）, ``n − 2`` （七）总计,
  ``n − 1`` 四、结转下年度; columns ``0 … 5`` the six applicant columns, ``6`` 总计.  ``n``
  is 25 when （六）其他处理 is printed with its three sub-rows, 23 when printed as one row.
* section 四 — one grid row per group (行政复议, 未经复议直接起诉, 复议后起诉); columns
  结果维持, 结果纠正, 其他结果, 尚未审结, 总计.

The module knows numbers and positions only (no model classes, no codes, no messages): the
model's named constructors, :mod:`zfxxgk.arithmetic` (which evaluates it on reports), the
rules and the readers all read the same table.
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Callable, Iterator, Sequence
from typing import Final, TypeAlias

import attrs

from .cells import Number

__all__ = [
    "S3_COLUMNS",
    "S3_TOTAL_COLUMN",
    "S4_COLUMNS",
    "S4_GROUPS",
    "SECTION4_IDENTITIES",
    "Identity",
    "IdentityKind",
    "IdentityTable",
    "Position",
    "section3_identities",
]

Position: TypeAlias = tuple[int, int]
"""``(row, column)`` in the grid of a section."""

S3_COLUMNS: Final = 7
"""Columns of a section-三 row: the six applicant columns and 总计."""
S3_TOTAL_COLUMN: Final = 6
S4_COLUMNS: Final = 5
"""Columns of a section-四 group: 结果维持, 结果纠正, 其他结果, 尚未审结, 总计."""
S4_GROUPS: Final = 3


class IdentityKind(enum.Enum):
    """What an identity says (FORMAT.md §4)."""

    ROW_TOTAL = "row_total"
    """Section 三, per row: 总计 = 自然人 + the five 法人或其他组织 columns."""
    OUTCOME_TOTAL = "outcome_total"
    """Section 三, per column: （七）总计 = the outcome rows （一）…（六）."""
    BALANCE = "balance"
    """Section 三, per column (official footnote): 一 + 二 = （七）总计 + 四."""
    CASE_TOTAL = "case_total"
    """Section 四, per group: 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结."""


@attrs.frozen
class Identity:
    """Σ ``total`` = Σ ``parts``, over cells of one section's grid."""

    kind: IdentityKind
    total: tuple[Position, ...]
    parts: tuple[Position, ...]
    carrier: Position
    """The cell that carries the identity when it is broken and no single cell explains it
    (a row's 总计, （七）总计, 四)."""

    @property
    def cells(self) -> tuple[Position, ...]:
        """Every cell the identity is about: the total side, then the parts."""
        return (*self.total, *self.parts)

    def terms(self) -> Iterator[tuple[int, int, int]]:
        """``(row, column, coefficient)``: Σ coefficient × value = 0 when the identity holds
        (+1 on the total side, −1 on the parts side)."""
        for row, col in self.total:
            yield row, col, 1
        for row, col in self.parts:
            yield row, col, -1

    def coefficient(self, position: Position) -> int:
        """+1 for a cell on the total side, −1 on the parts side, 0 for any other cell."""
        return 1 if position in self.total else (-1 if position in self.parts else 0)

    def residual(self, value: Callable[[Position], Number]) -> Number:
        """Σ total − Σ parts, with *value* giving each cell's number."""
        left: Number = 0
        for position in self.total:
            left += value(position)
        right: Number = 0
        for position in self.parts:
            right += value(position)
        return left - right

    def solve(self, position: Position, value: Callable[[Position], Number]) -> Number:
        """The number *position* must hold for the identity to hold, the other cells as given."""
        sign = self.coefficient(position)
        if not sign:
            raise ValueError(f"cell {position} is not in this identity")
        rest = self.residual(lambda p: 0 if p == position else value(p))
        return -rest * sign


@attrs.frozen(eq=False)
class IdentityTable:
    """The identities of one section's grid, with the grid's shape."""

    rows: int
    columns: int
    identities: tuple[Identity, ...]

    def index(self, position: Position) -> int:
        """The position in a flat, row-major sequence of the grid's values."""
        row, col = position
        return row * self.columns + col

    def of_kind(self, kind: IdentityKind) -> tuple[Identity, ...]:
        return tuple(i for i in self.identities if i.kind is kind)

    @functools.cached_property
    def flat(self) -> tuple[tuple[tuple[int, ...], tuple[int, ...]], ...]:
        """Per identity: the flat indices of its total side and of its parts side."""
        return tuple(
            (tuple(map(self.index, i.total)), tuple(map(self.index, i.parts)))
            for i in self.identities
        )

    @functools.cached_property
    def membership(self) -> tuple[tuple[tuple[int, int], ...], ...]:
        """Per flat cell index: ``(identity number, coefficient)`` of every identity it is in."""
        out: list[list[tuple[int, int]]] = [[] for _ in range(self.rows * self.columns)]
        for number, (total, parts) in enumerate(self.flat):
            for k in total:
                out[k].append((number, 1))
            for k in parts:
                out[k].append((number, -1))
        return tuple(tuple(pairs) for pairs in out)

    @functools.cached_property
    def members(self) -> tuple[tuple[int, ...], ...]:
        """Per identity: the flat indices of its cells, in grid order."""
        return tuple(tuple(sorted((*total, *parts))) for total, parts in self.flat)

    def residuals(self, values: Sequence[Number]) -> list[Number]:
        """Σ total − Σ parts of every identity, *values* flat and row-major (0 when it holds)."""
        get = values.__getitem__
        return [sum(map(get, total)) - sum(map(get, parts)) for total, parts in self.flat]

    def complete(self, values: Sequence[Number | None]) -> list[Number | None]:
        """*values* (flat, row-major) with every ``None`` an identity determines filled in.

        An identity with exactly one unknown cell gives that cell; this repeats until no
        identity does.  Cells no identity determines stay ``None``.
        """
        out = list(values)
        changed = True
        while changed:
            changed = False
            for identity, (total, parts) in zip(self.identities, self.flat, strict=True):
                unknown = [k for k in (*total, *parts) if out[k] is None]
                if len(unknown) != 1:
                    continue
                k = unknown[0]
                row, col = divmod(k, self.columns)
                out[k] = identity.solve((row, col), lambda p: out[self.index(p)] or 0)
                changed = True
        return out


@functools.cache
def section3_identities(rows: int) -> IdentityTable:
    """The identities of section 三 printed with *rows* rows (25, or 23 with one （六） row).

    In this order: the row total of each row, the outcome total of each column, the balance of
    each column.
    """
    if rows < 5:
        raise ValueError(f"section 三 has at least 5 rows, not {rows}")
    seven, forward = rows - 2, rows - 1
    total_col = S3_TOTAL_COLUMN
    identities = [
        Identity(
            IdentityKind.ROW_TOTAL,
            total=((r, total_col),),
            parts=tuple((r, c) for c in range(total_col)),
            carrier=(r, total_col),
        )
        for r in range(rows)
    ]
    identities += [
        Identity(
            IdentityKind.OUTCOME_TOTAL,
            total=((seven, c),),
            parts=tuple((r, c) for r in range(2, seven)),
            carrier=(seven, c),
        )
        for c in range(S3_COLUMNS)
    ]
    identities += [
        Identity(
            IdentityKind.BALANCE,
            total=((0, c), (1, c)),
            parts=((seven, c), (forward, c)),
            carrier=(forward, c),
        )
        for c in range(S3_COLUMNS)
    ]
    return IdentityTable(rows=rows, columns=S3_COLUMNS, identities=tuple(identities))


SECTION4_IDENTITIES: Final = IdentityTable(
    rows=S4_GROUPS,
    columns=S4_COLUMNS,
    identities=tuple(
        Identity(
            IdentityKind.CASE_TOTAL,
            total=((g, S4_COLUMNS - 1),),
            parts=tuple((g, c) for c in range(S4_COLUMNS - 1)),
            carrier=(g, S4_COLUMNS - 1),
        )
        for g in range(S4_GROUPS)
    ),
)
"""The identities of section 四: the 总计 of each group."""
