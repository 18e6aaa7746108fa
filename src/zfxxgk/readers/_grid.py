"""A table recovered from the geometry of text, before merged cells are expanded.

The text table readers (:mod:`._ruled`, :mod:`._aligned`, :mod:`._streamed`) find cells
with their row, column and spans — as a reader of the picture sees them — and
:func:`to_table` turns them into the neutral :class:`~.document.Table` every reader
produces: a full grid, the positions a merged cell covers holding ``spanned`` copies.
"""

from __future__ import annotations

from collections.abc import Sequence
from operator import itemgetter
from typing import Final, NamedTuple

import attrs

from ..diagnostics import SourceLocation
from ._textlines import Line
from .document import LightCell, Table

__all__ = ["GridCell", "Item", "Problem", "TextTable", "to_table"]


class GridCell(NamedTuple):
    """One cell of a text table: its top-left grid position, its spans, its text, and the
    1-based line and character column of the file where its text starts.  A plain tuple
    (a text table has hundreds of them; ``_replace`` makes a changed copy)."""

    row: int
    col: int
    text: str
    line: int | None
    column: int | None = None
    rowspan: int = 1
    colspan: int = 1
    unread: bool = False


_POSITION: Final = itemgetter(0, 1)
"""A :class:`GridCell`'s row and column."""


def to_table(
    cells: Sequence[GridCell], *, source: str | None, number: int, line: int | None
) -> Table:
    """The grid of *cells*; positions no cell covers are empty ``spanned`` holes (none at
    the end of a row: rows may differ in length).  The cells are light
    (:class:`~.document.LightCell`): their locations are made when asked for."""
    height = max((c.row + c.rowspan for c in cells), default=0)
    width = max((c.col + c.colspan for c in cells), default=0)
    grid: list[list[LightCell | None]] = [[None] * width for _ in range(height)]
    make = tuple.__new__
    for top, left, text, at, column, rowspan, colspan, unread in sorted(cells, key=_POSITION):
        made = make(LightCell, (text, False, unread, source, number, top + 1, left + 1, at, column))
        if rowspan == 1 and colspan == 1:  # most cells: one place, no copies
            target = grid[top]
            if target[left] is None:
                target[left] = made
            continue
        copy = make(LightCell, (text, True, unread, source, number, top + 1, left + 1, at, column))
        for r in range(top, top + rowspan):
            target = grid[r]
            for c in range(left, left + colspan):
                if target[c] is None:
                    target[c] = made if (r, c) == (top, left) else copy
    rows: list[tuple[LightCell, ...]] = []
    for r, found in enumerate(grid):
        while found and found[-1] is None:
            found.pop()  # a row shorter than the widest (rows may differ in length)
        hole = LightCell("", True, False, source, number, r + 1, None, None)
        rows.append(tuple(hole if c is None else c for c in found))
    return Table.of_grid(tuple(rows), SourceLocation(file=source, line=line, table=number))


@attrs.frozen
class Problem:
    """Something the reader was unsure about, at a 1-based line and character column."""

    message: str
    line: int
    column: int | None = None


@attrs.frozen
class TextTable:
    """The cells of a table read from text, and what was uncertain in it."""

    cells: tuple[GridCell, ...]
    problems: tuple[Problem, ...] = ()


Item = Line | TextTable
"""What a text table reader makes of lines: a line of running text, or a table."""
