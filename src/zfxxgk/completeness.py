"""How much of a report was read: the **completeness** figure.

A report's template and layout (2021 or 2019, one or three （六） rows) fix how many table
cells it has.  Each of them was read (a number, or printed without a number: blank,
placeholder, text), is not printed in the report (:attr:`~zfxxgk.cells.CellKind.MISSING`),
or is printed but could not be read (:attr:`~zfxxgk.cells.CellKind.UNREAD`).
:func:`completeness` counts them; :class:`Completeness` is the figure that ``ParseResult``,
``check``, ``to_dataframe()``, ``series`` and ``compare`` show.
"""

from __future__ import annotations

import functools
import operator
from collections import Counter
from collections.abc import Callable
from fractions import Fraction

import attrs

from .cells import CellKind
from .model import ApplicantRow, Report, Template
from .template import CellSpec, cell_specs, iter_cells

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
    single = isinstance(report.requests.outcomes.other_handling, ApplicantRow)
    specs, kinds_of = _kinds(report.info.template, single)
    kinds = kinds_of(report)
    counts = Counter(kinds)
    unread = (
        tuple(
            spec.dotted for spec, kind in zip(specs, kinds, strict=True) if kind is CellKind.UNREAD
        )
        if counts[CellKind.UNREAD]
        else ()
    )
    not_printed = counts[CellKind.MISSING]
    return Completeness(
        expected=len(kinds),
        read=len(kinds) - len(unread) - not_printed,
        unread=len(unread),
        not_printed=not_printed,
        unread_paths=unread,
    )


@functools.cache
def _kinds(
    template: Template, other_single: bool
) -> tuple[tuple[CellSpec, ...], Callable[[Report], tuple[CellKind, ...]]]:
    """The cell specs of a report of *template* (and its （六） rows), and a function giving
    the kind of each of its cells, in the same order, in one call (:func:`.template.iter_cells`
    one cell at a time is most of the cost of a count)."""
    specs = cell_specs(template, other_single=other_single)
    if len(specs) < 2:  # attrgetter of one path gives no tuple, of none is an error
        return specs, lambda report: tuple(cell.kind for _, cell in iter_cells(report))
    return specs, operator.attrgetter(*(f"{spec.dotted}.kind" for spec in specs))
