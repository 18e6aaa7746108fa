"""Tables drawn with rulers: cells are the regions the rulers enclose.

Any ruler counts — Unicode box drawing (light, heavy, double, rounded, dashed, mixed), ASCII
``+ - = |`` (pandoc and reStructuredText grid tables, database consoles, ``+:===+``
alignment marks).  The reader does what a person does with the picture: it takes every run
of blank-or-text positions between two rulers on a line, joins the runs of neighbouring
lines that touch (a missing ruler segment joins them: a merged cell), and reads each region
as one cell.  Rows and columns come from where the regions start; a region that crosses a
row or column start is a merged cell with its ``rowspan``/``colspan``.  The text of a cell
spread over several lines is joined (pandoc's trailing ``\\`` line breaks taken off).

Positions are counted in display columns (:mod:`._textlines`): a CJK character is two
columns wide.  When a table does not come out as rectangles under that count (its renderer
drew the ambiguous-width box characters two columns wide, or counted characters, not
columns), the other counts are tried; a table that lines up under none is read line by
line between its vertical rulers, with a diagnostic.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Sequence
from typing import Final

import attrs

from .._startup import LazyPattern
from ._grid import GridCell
from ._textlines import Line, Metric, positions

__all__ = ["RuledTable", "is_ascii_ruler", "is_ruled", "read_ruled"]

_BOX_FIRST, _BOX_LAST = 0x2500, 0x2571
"""Box-drawing lines and corners, rounded ones included (the diagonals U+2571–U+2573 are
not rulers; the half lines after them are, :data:`_HALF`)."""
_HALF = frozenset(chr(c) for c in range(0x2574, 0x2580))
_ASCII_RULER: Final = LazyPattern(r"^\s*[-=+:|]*[+|][-=+:| ]*$")


def _is_box(char: str) -> bool:
    code = ord(char)
    return _BOX_FIRST <= code < _BOX_LAST or char in _HALF


_BOX = frozenset(chr(c) for c in range(_BOX_FIRST, _BOX_LAST)) | _HALF
_BOX_RE: Final = LazyPattern("[\u2500-\u2570\u2574-\u257f]")
_WALL: Final = LazyPattern("[\u2500-\u2570\u2574-\u257f|]+")
"""A run of the characters of a box-drawing ruler (:data:`_BOX`) or ``|``."""
_INK: Final = LazyPattern(r"\S+")
"""A run of characters that are not white space (``\\s`` of a str pattern is exactly
``str.isspace``)."""
_HORIZONTAL_BOX: Final = LazyPattern("[\u2500\u2501\u2504\u2505\u2508\u2509\u254c\u254d\u2550]")


def is_ascii_ruler(text: str) -> bool:
    """An ASCII ruler line: ``+----+----+``, ``|     +----+``, ``----+----`` (``=`` and
    ``:`` too); not a Markdown pipe-table separator, which has no ``+``."""
    return "+" in text and ("--" in text or "==" in text) and bool(_ASCII_RULER.match(text))


def is_ruled(text: str) -> bool:
    """Does the line hold a ruler of a drawn table (box drawing, or an ASCII ruler)?"""
    return bool(_BOX_RE.search(text)) or is_ascii_ruler(text)


_ASCII_SEGMENT: Final = LazyPattern(r"\+[-=:]+(?:\+[-=:]+)*\+")
"""A ruler segment inside a line that also holds text (``| 度办理结 +-----+``: a merged
cell's text beside the ruler under its neighbours)."""


def _walls(text: str, ascii_ruler: bool) -> list[tuple[int, int]]:
    """The runs of characters of *text* that are rulers, in order: (the index of the first,
    the index after the last); runs that touch are one."""
    # found by a pattern, not a test per character: a page of text tables has thousands
    runs = [m.span() for m in (_INK if ascii_ruler else _WALL).finditer(text)]
    if ascii_ruler or "+" not in text:
        return runs  # the pattern's runs are as long as they go: none touches another
    runs += [m.span() for m in _ASCII_SEGMENT.finditer(text)]
    runs.sort()
    joined: list[tuple[int, int]] = []
    for start, end in runs:
        if joined and start <= joined[-1][1]:
            if end > joined[-1][1]:
                joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    return joined


@attrs.frozen
class RuledTable:
    """The cells of a drawn table, and what was odd about it (``None``: nothing)."""

    cells: tuple[GridCell, ...]
    columns: int
    problem: str | None = None


@attrs.define
class _Segment:
    y: int
    x0: int
    x1: int  # inclusive
    parent: int


def read_ruled(lines: Sequence[Line], *, markdown: bool = False) -> RuledTable | None:
    """The cells of the drawn table on *lines* (None when they draw no table: a lone ruler,
    or a box with nothing in it)."""
    if sum(1 for line in lines if line.text.strip()) < 2:
        return None
    for metric in (Metric.DISPLAY, Metric.WIDE, Metric.CHARS):
        found = _regions(lines, metric, markdown)
        if found is not None:
            return found
    return _line_by_line(lines, markdown)


def _regions(lines: Sequence[Line], metric: Metric, markdown: bool) -> RuledTable | None:
    """The table as regions between rulers under *metric*; None when they are not all
    rectangles (the lines do not line up under this metric)."""
    rulers = [is_ascii_ruler(line.text) for line in lines]
    where = [positions(line.text, metric) for line in lines]
    walls = [_walls(line.text, rulers[y]) for y, line in enumerate(lines)]
    left, right = _frame(lines, where, walls)
    if right < left:
        return None
    segments: list[_Segment] = []
    by_line: list[list[int]] = []
    for y, found in enumerate(walls):
        row: list[int] = []
        start = left
        at = where[y]
        # a run of ruler characters is one wall from the column of its first to the column
        # after its last (its characters one by one would leave nothing between them)
        for x0, x1 in [*((at[a], at[b]) for a, b in found), (right + 1, right + 2)]:
            end = min(x0, right + 1)
            if end > start:
                row.append(len(segments))
                segments.append(_Segment(y, start, end - 1, len(segments)))
            start = max(start, x1)
            if start > right:
                break
        by_line.append(row)
    for y in range(1, len(lines)):
        _join(segments, by_line[y - 1], by_line[y])
    regions: dict[int, list[_Segment]] = {}
    for segment in segments:
        regions.setdefault(_root(segments, segment.parent), []).append(segment)
    boxes = []
    for members in regions.values():
        x0 = members[0].x0
        x1 = members[0].x1
        ys = [m.y for m in members]
        if any(m.x0 != x0 or m.x1 != x1 for m in members) or len(set(ys)) != len(ys):
            return None  # not a rectangle: the lines do not line up under this metric
        if max(ys) - min(ys) + 1 != len(ys):
            return None
        boxes.append((min(ys), max(ys), x0, x1))
    return _cells(lines, where, boxes, markdown)


def _frame(
    lines: Sequence[Line], where: list[list[int]], walls: list[list[tuple[int, int]]]
) -> tuple[int, int]:
    # *walls*: the runs of ruler characters of each line (:func:`_walls`)
    """The columns the table covers: from its left ruler to its right ruler when every line
    starts and ends with one; else (a table open at a side, ``a | b``) from the leftmost to
    the rightmost printed character."""
    firsts, lasts, text_firsts, text_lasts = [], [], [], []
    closed_left = closed_right = True
    for line, at, found in zip(lines, where, walls, strict=True):
        text = line.text
        stripped = text.strip()
        if not stripped:
            continue
        first = len(text) - len(text.lstrip())
        last = len(text.rstrip()) - 1
        text_firsts.append(at[first])
        text_lasts.append(at[last + 1] - 1)
        if not found:
            closed_left = closed_right = False
            continue
        first_wall, last_wall = found[0][0], found[-1][1] - 1  # ruler characters
        firsts.append(at[first_wall + 1])
        lasts.append(at[last_wall])
        closed_left = closed_left and at[first_wall] == at[first]
        closed_right = closed_right and at[last_wall] == at[last]
    if not text_firsts:
        return 0, -1
    left = min(firsts) if closed_left and firsts else min(text_firsts)
    right = max(lasts) - 1 if closed_right and lasts else max(text_lasts)
    return left, right


def _root(segments: list[_Segment], k: int) -> int:
    while segments[k].parent != k:
        segments[k].parent = segments[segments[k].parent].parent
        k = segments[k].parent
    return k


def _join(segments: list[_Segment], above: list[int], below: list[int]) -> None:
    """Join the segments of two neighbouring lines that touch."""
    i = j = 0
    while i < len(above) and j < len(below):
        a, b = segments[above[i]], segments[below[j]]
        if a.x0 <= b.x1 and b.x0 <= a.x1:
            ra, rb = _root(segments, a.parent), _root(segments, b.parent)
            if ra != rb:
                segments[max(ra, rb)].parent = min(ra, rb)
        if a.x1 < b.x1:
            i += 1
        else:
            j += 1


_BREAK = LazyPattern(r"\\$")
"""pandoc's hard line break at the end of a line of a grid-table cell."""


def _cells(
    lines: Sequence[Line],
    where: list[list[int]],
    boxes: list[tuple[int, int, int, int]],
    markdown: bool,
) -> RuledTable | None:
    if not boxes:
        return None
    col_edges = sorted({x0 for _, _, x0, _ in boxes})
    row_edges = sorted({y0 for y0, _, _, _ in boxes})
    col_of = {x: k for k, x in enumerate(col_edges)}
    row_of = {y: k for k, y in enumerate(row_edges)}
    cells: list[GridCell] = []
    for y0, y1, x0, x1 in boxes:
        parts: list[str] = []
        line_no: int | None = None
        column: int | None = None
        for y in range(y0, y1 + 1):
            text, first = _piece(lines[y].text, where[y], x0, x1)
            if markdown:
                text = _BREAK.sub("", text).rstrip()
            if text:
                if line_no is None:
                    line_no, column = lines[y].number, first + 1
                parts.append(text)
        colspan = bisect.bisect_right(col_edges, x1) - bisect.bisect_left(col_edges, x0)
        rowspan = bisect.bisect_right(row_edges, y1) - bisect.bisect_left(row_edges, y0)
        cells.append(
            GridCell(
                row=row_of[y0],
                col=col_of[x0],
                text="\n".join(parts),
                line=line_no if line_no is not None else lines[y0].number,
                column=column,
                rowspan=rowspan,
                colspan=colspan,
            )
        )
    if not any(c.text for c in cells):
        return None
    return RuledTable(cells=tuple(cells), columns=len(col_edges))


def _piece(text: str, at: list[int], x0: int, x1: int) -> tuple[str, int]:
    """The text of *text* between columns *x0* and *x1* (inclusive), stripped, and the index
    of its first character (found by bisection: a line of thousands of cells costs no more
    per cell than a short one)."""
    start = bisect.bisect_left(at, x0, 0, len(text))
    end = bisect.bisect_right(at, x1 + 1, start, len(text) + 1) - 1
    while end > start and at[end] > x1 + 1:
        end -= 1
    if end <= start:
        return "", 0
    piece = text[start:end]
    stripped = piece.strip()
    return stripped, start + (len(piece) - len(piece.lstrip()))


_VERTICAL: Final = LazyPattern("[|\u2502\u2503\u2506\u2507\u250a\u250b\u254e\u254f\u2551]")


def _line_by_line(lines: Sequence[Line], markdown: bool) -> RuledTable | None:
    """The table read band by band, when its regions are not rectangles under any metric:
    the lines between two rulers are one row, cut at their vertical rulers, and the k-th
    piece of each line is the k-th cell.  A band whose lines are cut into different numbers
    of pieces (a merged cell inside, or rulers that wander) cannot be read that way: its
    cells are unread."""
    cells: list[GridCell] = []
    band: list[tuple[Line, list[tuple[str, int]]]] = []
    row = 0

    def flush() -> None:
        nonlocal row
        if not band:
            return
        widths = {len(pieces) for _, pieces in band}
        unread = len(widths) > 1
        for col in range(max(widths)):
            parts = [(p[col], line) for line, p in band if col < len(p) and p[col][0]]
            text = "\n".join(t for (t, _), _ in parts)
            first = parts[0] if parts else None
            cells.append(
                GridCell(
                    row=row,
                    col=col,
                    text=text,
                    line=first[1].number if first else band[0][0].number,
                    column=first[0][1] + 1 if first else None,
                    unread=unread and bool(text),
                )
            )
        band.clear()
        row += 1

    for line in lines:
        text = line.text
        if is_ascii_ruler(text) or (
            _BOX_RE.search(text)
            and not _VERTICAL.search(_BOX_RE.sub("", text))
            and not _BOX_RE.sub("", text).strip().replace("|", "")
        ):
            flush()
            continue
        if not text.strip():
            continue
        band.append((line, _pieces(text)))
    flush()
    if not any(c.text for c in cells):
        return None
    return RuledTable(
        cells=tuple(cells),
        columns=max(c.col for c in cells) + 1,
        problem="表格的线条没有对齐（按任何字符宽度都不成矩形），已按横线之间的每一行、"
        "竖线之间的每一格读取",
    )


def _pieces(text: str) -> list[tuple[str, int]]:
    """The texts between the vertical rulers of a line, with the index where each starts."""
    bounds = [m.start() for m in _VERTICAL.finditer(text)]
    first = len(text) - len(text.lstrip())
    if not bounds or bounds[0] != first:
        bounds.insert(0, first - 1)
    end = len(text.rstrip())
    if bounds[-1] != end - 1:
        bounds.append(end)
    out: list[tuple[str, int]] = []
    for a, b in itertools.pairwise(bounds):
        raw = text[a + 1 : b]
        out.append((raw.strip(), a + 1 + len(raw) - len(raw.lstrip())))
    return out
