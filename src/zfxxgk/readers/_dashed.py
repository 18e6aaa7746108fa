"""Dash tables: pandoc's simple and multiline tables, reStructuredText simple tables.

A line of dash runs (``-----  ------``, or ``=====``) gives the columns; every character of
a row belongs to the column whose run it stands under (a cell that overflows its run stays
in it).  Rows are the lines between the rules, or the groups of lines between empty lines
when the table sets its rows apart so (a line of spaces is then a row of empty cells); a
line that leaves Markdown markup open (pandoc's ``[text]{style="…`` spread over lines)
continues its row.  A table with a header has its header lines right above its first rule.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import Final

from .._startup import LazyPattern
from ._grid import GridCell, Item, TextTable
from ._textlines import Line, Metric, positions

__all__ = ["dash_runs", "read_dash_table"]

_DASH_LINE: Final = LazyPattern(r"^\s*(?:-{3,}|={3,})(?:\s+(?:-{3,}|={3,}))*\s*$")
_RUN: Final = LazyPattern(r"-{3,}|={3,}")


def dash_runs(text: str) -> list[tuple[int, int]] | None:
    """The column extents ``[(start, end)]`` of a dash rule line, or None if it is not one."""
    if not _DASH_LINE.match(text):
        return None
    return [(m.start(), m.end()) for m in _RUN.finditer(text)]


def read_dash_table(
    lines: Sequence[Line], start: int, *, markdown: bool
) -> tuple[int, Item | None]:
    """Read the dash table whose rule is ``lines[start]``; return the index after the table
    and the table (None, with ``start + 1``, when the rule belongs to no table)."""
    runs = dash_runs(lines[start].text)
    assert runs is not None
    header: list[int] = []
    body_start = start + 1
    if len(runs) == 1:
        # a multiline table's top border: header lines, then the column rule
        for j in range(start + 1, min(len(lines), start + 16)):
            found = dash_runs(lines[j].text)
            if found is not None:
                if len(found) < 2:
                    return start + 1, None
                header = [k for k in range(start + 1, j) if lines[k].text.strip()]
                runs, body_start = found, j + 1
                break
            if not lines[j].text.strip():
                return start + 1, None
        else:
            return start + 1, None
        end = _closing_rule(lines, body_start, stop_at_blank=False)
    else:
        above = start - 1
        while above >= 0 and lines[above].text.strip() and dash_runs(lines[above].text) is None:
            header.insert(0, above)
            above -= 1
        end = _closing_rule(lines, body_start, stop_at_blank=bool(header))
    if end is None:
        return start + 1, None
    body = list(range(body_start, end))
    after = end + 1 if end < len(lines) and dash_runs(lines[end].text) is not None else end
    table = _dash_cells(lines, runs, header, body, markdown)
    return after, table


def _closing_rule(lines: Sequence[Line], start: int, *, stop_at_blank: bool) -> int | None:
    """Where a dash table's body ends: its closing rule (or, for a simple table with a
    header, the first blank line); None when it never closes."""
    for k in range(start, len(lines)):
        text = lines[k].text
        if dash_runs(text) is not None:
            return k
        if not text.strip() and stop_at_blank:
            return k
    return len(lines) if stop_at_blank else None


def _dash_cells(
    lines: Sequence[Line],
    runs: list[tuple[int, int]],
    header: list[int],
    body: list[int],
    markdown: bool,
) -> TextTable | None:
    groups: list[list[int]] = []
    if header:
        groups.append(header)
    sliced: dict[int, list[tuple[str, int]]] = {}  # each line is sliced once

    def slices(k: int) -> list[tuple[str, int]]:
        found = sliced.get(k)
        if found is None:
            found = sliced[k] = _run_slices(lines[k].text, runs)
        return found

    # rows set apart by empty lines (a line of spaces is a row of empty cells)
    separated = any(not lines[k].text for k in body)
    current: list[int] = []
    balance = [0] * (2 * len(runs))  # per column: "[" less "]", "{" less "}" of the open row
    for k in body:
        text = lines[k].text
        if not text.strip():
            if current:
                groups.append(current)
                current = []
                balance = [0] * (2 * len(runs))
            if text and len(text) > runs[0][1]:
                groups.append([k])  # a line of spaces across the table: a row of empty cells
            continue
        current.append(k)
        if separated:
            continue
        if markdown:  # markup left open in a column continues the row on the next line
            for col, (piece, _) in enumerate(slices(k)):
                balance[2 * col] += piece.count("[") - piece.count("]")
                balance[2 * col + 1] += piece.count("{") - piece.count("}")
            if any(open_ > 0 for open_ in balance):
                continue
        groups.append(current)
        current = []
        balance = [0] * (2 * len(runs))
    if current:
        groups.append(current)
    cells: list[GridCell] = []
    for row, group in enumerate(groups):
        for col in range(len(runs)):
            parts: list[str] = []
            first: tuple[int, int] | None = None
            for k in group:
                piece, index = slices(k)[col]
                if piece:
                    parts.append(piece)
                    if first is None:
                        first = (lines[k].number, index + 1)
            text = "\n".join(parts)
            line, column = first if first is not None else (lines[group[0]].number, None)
            cells.append(GridCell(row=row, col=col, text=text, line=line, column=column))
    if not cells:
        return None
    return TextTable(cells=tuple(cells))


def _run_slices(text: str, runs: list[tuple[int, int]]) -> list[tuple[str, int]]:
    """The text of each column of a dash table on one line, with the index of its first
    character: a column runs from where its dash run starts to where the next one starts (a
    cell that overflows its run stays in it); the first column from the line's start, the
    last to its end."""
    where = positions(text, Metric.DISPLAY)
    starts = [0] + [start for start, _ in runs[1:]]
    out: list[tuple[str, int]] = []
    for col, start in enumerate(starts):
        end = starts[col + 1] if col + 1 < len(starts) else 1 << 30
        first = bisect.bisect_left(where, start, 0, len(text))
        last = bisect.bisect_left(where, end, first, len(text))
        piece = text[first:last]
        stripped = piece.strip()
        out.append((stripped, first + len(piece) - len(piece.lstrip()) if stripped else 0))
    return out
