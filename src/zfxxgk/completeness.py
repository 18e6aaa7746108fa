"""How much of a report was read: the **completeness** figure.

A report's template and layout (2021 or 2019, one or three （六） rows) fix how many table
cells it has.  Each of them was read (a number, or printed without a number: blank,
placeholder, text), is not printed in the report (:attr:`~zfxxgk.cells.CellKind.MISSING`),
or is printed but could not be read (:attr:`~zfxxgk.cells.CellKind.UNREAD`).
:func:`completeness` counts them; :class:`Completeness` is the figure that ``ParseResult``,
``check``, ``to_dataframe()``, ``series`` and ``compare`` show.
"""

from __future__ import annotations

from fractions import Fraction

import attrs

from .cells import CellKind
from .model import Report
from .template import iter_cells

__all__ = ["Completeness", "completeness"]


@attrs.frozen(kw_only=True, slots=True)
class Completeness:
    """Cells read out of the cells a report's template and layout have.

    ``expected`` = ``read`` + ``unread`` + ``not_printed``.  ``unread`` cells are printed but
    could not be read; ``not_printed`` cells belong to rows the report does not print.  Both
    are unknown values; only ``unread`` is a failure to read.
    """

    expected: int
    read: int
    unread: int = 0
    not_printed: int = 0
    unread_paths: tuple[str, ...] = attrs.field(default=(), repr=False)
    """The dotted paths of the unread cells, in template order."""

    @property
    def ratio(self) -> float:
        """``read / expected`` (1.0 for a report without table cells)."""
        return self.read / self.expected if self.expected else 1.0

    @property
    def fraction(self) -> Fraction:
        """``read / expected`` exactly, for comparisons with a threshold."""
        return Fraction(self.read, self.expected) if self.expected else Fraction(1)

    @property
    def printed_share(self) -> Fraction:
        """The share of the cells *printed* in the report that were read: read / (read +
        unread), exactly (1 when nothing is printed).  Rows the report does not print do not
        count against it (``zfxxgk check --min-complete``)."""
        printed = self.read + self.unread
        return Fraction(self.read, printed) if printed else Fraction(1)

    @property
    def complete(self) -> bool:
        """True when every printed cell was read (no cell is unread)."""
        return self.unread == 0

    @property
    def percent(self) -> str:
        """The ratio as a percentage for people: ``"100%"``, ``"92.5%"`` (never rounded up to
        100% while a cell is unread)."""
        if self.read == self.expected:
            return "100%"
        tenths = self.read * 1000 // self.expected if self.expected else 1000
        return f"{tenths // 10}.{tenths % 10}%" if tenths % 10 else f"{tenths // 10}%"

    def describe(self) -> str:
        """In Chinese: ``已读取 180/200 个单元格（90%），20 个原文有但未能读取``."""
        text = f"已读取 {self.read}/{self.expected} 个单元格（{self.percent}）"
        if self.unread:
            text += f"，{self.unread} 个原文有但未能读取"
        if self.not_printed:
            text += f"，{self.not_printed} 个原文未印出"
        return text

    def __str__(self) -> str:
        return self.describe()

    def as_dict(self) -> dict[str, object]:
        """The figure for JSON: counts and the ratio (rounded to 4 places)."""
        return {
            "expected": self.expected,
            "read": self.read,
            "unread": self.unread,
            "not_printed": self.not_printed,
            "ratio": round(self.ratio, 4),
        }


def completeness(report: Report) -> Completeness:
    """Count the cells of *report* that were read, not read, and not printed."""
    expected = read = not_printed = 0
    unread: list[str] = []
    for spec, cell in iter_cells(report):
        expected += 1
        if cell.kind is CellKind.UNREAD:
            unread.append(spec.dotted)
        elif cell.kind is CellKind.MISSING:
            not_printed += 1
        else:
            read += 1
    return Completeness(
        expected=expected,
        read=read,
        unread=len(unread),
        not_printed=not_printed,
        unread_paths=tuple(unread),
    )
