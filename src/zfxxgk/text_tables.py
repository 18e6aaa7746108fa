"""The standard tables drawn as plain text: box drawing, ASCII grid, aligned columns, pandoc.

A plain-text or e-mail version of a report needs its tables drawn so that a person reading
them in a monospaced font sees the template's grid — merged cells included.  The styles are
the ones text readers meet in the wild, and :mod:`zfxxgk.readers.text` reads every one of
them back cell for cell (property-tested in ``tests/test_render_text_properties.py``):

- ``box`` — Unicode box drawing, as a text-mode browser draws a table with borders;
- ``ascii`` — ``+---+`` and ``|``, as pandoc's grid tables and database consoles draw it;
- ``aligned`` — no rulers: columns set apart by spaces, rows by blank lines (a borderless
  table in a text browser, an office program's fixed-width export);
- ``pandoc`` — pandoc's multiline table: dash rules give the columns, rows are set apart by
  blank lines, merged cells are written in their first column only;
- ``tabs`` — every cell on its own tab-indented line (text copied from a web page;
  :func:`zfxxgk.text_report.to_text` before this module).

Widths are display columns (a CJK character is two wide).  Label cells wrap at *wrap*
columns; numbers never wrap.  *widths* gives a least width per grid column (the property
tests draw random ones).
This module was ``zfxxgk.render_text``; that name still imports.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final, Literal, TypeAlias

import attrs

from ._width import wcwidth
from .grids import Grid, GridCell

__all__ = ["STYLES", "Style", "draw"]

Style: TypeAlias = Literal["box", "ascii", "aligned", "pandoc", "tabs"]
STYLES: Final[tuple[str, ...]] = ("box", "ascii", "aligned", "pandoc", "tabs")
"""The text styles :func:`draw` knows."""


def _width(text: str) -> int:
    return sum(max(wcwidth(c), 0) for c in text) if not text.isascii() else len(text)


def _wrap(text: str, width: int) -> list[str]:
    """*text* cut into lines of at most *width* display columns (its own line breaks kept)."""
    out: list[str] = []
    for line in text.split("\n"):
        current = ""
        for char in line:
            if current and _width(current + char) > width:
                out.append(current)
                current = ""
            current += char
        out.append(current)
    return out


@attrs.frozen
class _Placed:
    """A cell of the grid with its position, spans and lines of text."""

    cell: GridCell
    row: int
    col: int
    lines: tuple[str, ...]


@attrs.frozen
class _Layout:
    """Every cell at its grid position; the index of the cell at each position (-1 for none);
    the width in grid columns."""

    placed: list[_Placed]
    owner: list[list[int]]
    ncols: int


def _place(grid: Grid, wrap: int | None) -> _Layout:
    """The cells of *grid* at their positions, label cells wrapped at *wrap* columns."""
    height = len(grid)
    taken: list[dict[int, int]] = [{} for _ in grid]
    placed: list[_Placed] = []
    for r, row in enumerate(grid):
        c = 0
        for cell in row:
            while c in taken[r]:
                c += 1
            if cell.label and wrap is not None:
                lines = _wrap(cell.text, wrap * cell.colspan)
            else:
                lines = cell.text.split("\n")
            index = len(placed)
            placed.append(_Placed(cell, r, c, tuple(lines)))
            for dr in range(min(cell.rowspan, height - r)):
                for dc in range(cell.colspan):
                    taken[r + dr][c + dc] = index
            c += cell.colspan
    width = max((max(t) + 1 for t in taken if t), default=0)
    owner = [[t.get(c, -1) for c in range(width)] for t in taken]
    return _Layout(placed, owner, width)


def draw(
    grid: Grid,
    *,
    style: Style = "box",
    wrap: int | None = 24,
    widths: Sequence[int] | None = None,
    right_align_values: bool = False,
) -> list[str]:
    """The lines of *grid* (:func:`zfxxgk.grids.table_grids`) drawn in *style*."""
    if style == "tabs":
        return _tabs(grid)
    layout = _place(grid, wrap)
    if style == "pandoc":
        return _Pandoc(layout, widths).lines()
    if style not in ("box", "ascii", "aligned"):
        raise ValueError(f"不支持的文本表格样式“{style}”，可选：{'、'.join(STYLES)}")
    return _Ruled(layout, widths, style, right_align_values).lines()


# --------------------------------------------------------------------------------------
# ruled and aligned
# --------------------------------------------------------------------------------------

_BOX: Final[dict[tuple[bool, bool, bool, bool], str]] = {
    # (up, down, left, right)
    (False, False, True, True): "─",
    (True, True, False, False): "│",
    (False, True, False, True): "┌",
    (False, True, True, False): "┐",
    (True, False, False, True): "└",
    (True, False, True, False): "┘",
    (True, True, False, True): "├",
    (True, True, True, False): "┤",
    (False, True, True, True): "┬",
    (True, False, True, True): "┴",
    (True, True, True, True): "┼",
    (True, False, False, False): "│",
    (False, True, False, False): "│",
    (False, False, True, False): "─",
    (False, False, False, True): "─",
    (False, False, False, False): " ",
}


class _Drawing:
    """A placed grid and the width of each column, at least *widths* and *least*."""

    def __init__(self, layout: _Layout, widths: Sequence[int] | None, least: int) -> None:
        self.placed = layout.placed
        self.owner = layout.owner
        self.ncols = ncols = layout.ncols
        self.col = [
            max(least, widths[c]) if widths and c < len(widths) else least for c in range(ncols)
        ]


class _Ruled(_Drawing):
    """Box drawing, ASCII grid or aligned columns: one geometry, three ways to draw walls."""

    def __init__(
        self, layout: _Layout, widths: Sequence[int] | None, style: str, right_align_values: bool
    ) -> None:
        super().__init__(layout, widths, 1)
        placed, ncols = self.placed, self.ncols
        self.nrows = len(self.owner)
        self.style = style
        self.right = right_align_values
        # the first column that holds a value: a one-column header over values aligns as
        # they do, so that a right-aligned number stands under its header's words
        self.values_from = min((p.col for p in placed if not p.cell.label), default=ncols)
        self.row = [1] * self.nrows
        self._fit()

    def _fit(self) -> None:
        # widths: single columns first, then merged cells widen their last column
        for p in sorted(self.placed, key=lambda p: p.cell.colspan):
            need = max((_width(line) for line in p.lines), default=0) + 2
            span = range(p.col, p.col + p.cell.colspan)
            have = sum(self.col[c] + 2 for c in span) + (len(span) - 1)
            for k, c in enumerate(span):  # widen the merged columns evenly
                self.col[c] += max(0, need - have) // len(span) + (
                    1 if k < max(0, need - have) % len(span) else 0
                )
        for p in sorted(self.placed, key=lambda p: p.cell.rowspan):
            need = len(p.lines)
            span = range(p.row, min(p.row + p.cell.rowspan, self.nrows))
            have = sum(self.row[r] for r in span) + (len(span) - 1) * self._between()
            if need > have:
                self.row[span[-1]] += need - have

    def _between(self) -> int:
        """Lines between two rows: a ruler, or (aligned) a blank line when rows wrap."""
        if self.style != "aligned":
            return 1
        return 1 if any(len(p.lines) > 1 for p in self.placed) else 0

    def lines(self) -> list[str]:
        xs = [0]  # where the wall left of each column stands
        for c in range(self.ncols):
            xs.append(xs[-1] + self.col[c] + 3)
        ys: list[int] = []  # the first text line of each row
        y = 1 if self.style != "aligned" else 0
        between = self._between()
        for r in range(self.nrows):
            ys.append(y)
            y += self.row[r] + between
        height = y if self.style != "aligned" else y - between
        canvas = [[" "] * (xs[-1] + 1) for _ in range(height)]
        if self.style != "aligned":
            self._walls(canvas, xs, ys)
        for p in self.placed:
            self._text(canvas, p, xs, ys)
        return ["".join(line).rstrip() for line in canvas]

    def _cell(self, r: int, c: int) -> int:
        if 0 <= r < self.nrows and 0 <= c < self.ncols:
            return self.owner[r][c]
        return -2

    def _walls(self, canvas: list[list[str]], xs: list[int], ys: list[int]) -> None:
        rulers = [y - 1 for y in ys] + [ys[-1] + self.row[-1]] if ys else [0]
        for k, y in enumerate(rulers):  # ruler k lies above row k (below the last row)
            for c in range(self.ncols):
                if self._cell(k - 1, c) != self._cell(k, c):
                    for x in range(xs[c] + 1, xs[c + 1]):
                        canvas[y][x] = "-" if self.style == "ascii" else "─"
        for r in range(self.nrows):
            top, bottom = ys[r] - 1, ys[r] + self.row[r]
            for c in range(self.ncols + 1):
                if self._cell(r, c - 1) != self._cell(r, c):
                    for y in range(top + 1, bottom):
                        canvas[y][xs[c]] = "|" if self.style == "ascii" else "│"
        for k, y in enumerate(rulers):
            for c in range(self.ncols + 1):
                up = self._vertical(k - 1, c)
                down = self._vertical(k, c)
                left = self._horizontal(k, c - 1)
                right = self._horizontal(k, c)
                if not (up or down or left or right):
                    continue
                if self.style == "ascii":
                    char = "+" if (up or down) and (left or right) else ("|" if up or down else "-")
                else:
                    char = _BOX[(up, down, left, right)]
                canvas[y][xs[c]] = char

    def _vertical(self, r: int, c: int) -> bool:
        """Is there a wall left of column *c* in row *r*?"""
        return 0 <= r < self.nrows and self._cell(r, c - 1) != self._cell(r, c)

    def _horizontal(self, k: int, c: int) -> bool:
        """Is there a ruler above row *k* over column *c*?"""
        return 0 <= c < self.ncols and self._cell(k - 1, c) != self._cell(k, c)

    def _right(self, p: _Placed) -> bool:
        """Is the text of *p* right-aligned: a value, or the header of one value column?"""
        if not self.right:
            return False
        return not p.cell.label or (p.cell.colspan == 1 and p.col >= self.values_from)

    def _text(self, canvas: list[list[str]], p: _Placed, xs: list[int], ys: list[int]) -> None:
        x0 = xs[p.col] + 2
        x1 = xs[p.col + p.cell.colspan] - 1  # the last column the text may use
        y = ys[p.row]
        for k, line in enumerate(p.lines):
            width = _width(line)
            x = x0 if not self._right(p) else max(x0, x1 - width)
            for char in line:
                w = max(wcwidth(char), 0)
                if w == 0:
                    continue
                canvas[y + k][x] = char
                for extra in range(1, w):
                    canvas[y + k][x + extra] = ""
                x += w


# --------------------------------------------------------------------------------------
# pandoc multiline tables
# --------------------------------------------------------------------------------------


class _Pandoc(_Drawing):
    """pandoc's multiline table without a header: dash rules above and below give the
    columns, rows are set apart by blank lines; a merged cell is written in its first column
    only (pandoc's Markdown cannot merge cells)."""

    def __init__(self, layout: _Layout, widths: Sequence[int] | None) -> None:
        super().__init__(layout, widths, 2)
        for p in self.placed:  # a merged cell fits its first column by wrapping
            if p.cell.colspan == 1 or not p.cell.label:
                widest = max((_width(t) for t in p.lines), default=1)
            else:
                widest = max((_width(c) for t in p.lines for c in t), default=1)
            self.col[p.col] = max(self.col[p.col], widest)

    def lines(self) -> list[str]:
        starts = [2]
        for c in range(self.ncols - 1):
            starts.append(starts[-1] + self.col[c] + 1)
        rule = "  " + " ".join("-" * w for w in self.col)
        out = [rule]
        nrows = len(self.owner)
        for r in range(nrows):
            cells = [p for p in self.placed if p.row == r]
            texts: dict[int, list[str]] = {}
            for p in cells:
                lines: list[str] = []
                for line in p.lines:
                    lines.extend(_wrap(line, self.col[p.col]) if p.cell.label else [line])
                texts[p.col] = lines
            height = max((len(t) for t in texts.values()), default=1)
            for k in range(height):
                line = ""
                for c in range(self.ncols):
                    piece = texts.get(c, [])
                    text = piece[k] if k < len(piece) else ""
                    line = _pad(line, starts[c]) + text
                out.append(line.rstrip())
            if r + 1 < nrows:
                out.append("")
        out.append(rule)
        return out


def _pad(line: str, x: int) -> str:
    return line + " " * max(0, x - _width(line)) if _width(line) < x else line + " "


# --------------------------------------------------------------------------------------
# tabs
# --------------------------------------------------------------------------------------


def _tabs(grid: Grid) -> list[str]:
    """Every cell on its own tab-indented line, a blank line after each row, an empty tab
    line where a merged cell from a row above covers the position."""
    layout = _place(grid, None)
    placed, owner, ncols = layout.placed, layout.owner, layout.ncols
    out: list[str] = []
    for r, row in enumerate(owner):
        for c in range(ncols):
            index = row[c]
            if index < 0:
                continue
            p = placed[index]
            if p.row == r and p.col == c:
                first, *rest = p.cell.text.split("\n")
                out.append(f"\t{first}")
                out.extend(rest)
            elif p.row != r and p.col == c:
                out.append("\t")
        out.append("")
    return out
