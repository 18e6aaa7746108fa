"""Tables written one cell per line, with nothing between the rows.

LibreOffice's text export and some copy-and-paste put every cell of a table on a line of its
own, row after row, with no mark where a row ends; a cell that a merged cell above covers
comes out as an empty line, a blank cell too.  What a person reads there is still plain:
a row is its label — one to three lines of text — followed by its numbers, and the next row
starts where text follows the numbers again.

So a *stream* — a run of lines holding one entry each (a number, a placeholder, an empty
line, a short piece of text), with numbers on consecutive lines — is cut into rows where a
number (or an empty line after one) is followed by text.  The text lines in front of a row's
numbers are its label when they are at most three after the last empty line and none of
them repeats earlier text of the run (``结果维持 … 总计`` printed for each group are column
headers, not a row label); the text before them (headers, a section heading) stays running
text.  Empty lines right after a row's numbers are kept with that row as blank cells: the
builder drops surplus blank cells only where that leaves one reading.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Sequence
from typing import Final

from ._grid import GridCell, Item, TextTable
from ._textlines import Line, width
from ._tokens import MAX_TOKENS, is_value

__all__ = ["read_streams"]

_MAX_TEXT: Final = 60
"""A line of text wider than this (display columns) is running text, not a cell."""
_MAX_LABEL_LINES: Final = 3


def _kind(line: Line) -> str:
    """``empty``, ``value``, ``text`` (a short piece) or ``other``."""
    text = line.text.strip()
    if not text:
        return "empty"
    if "  " in text or "\t" in text:
        return "other"
    if is_value(text):
        return "value"
    if width(text) > _MAX_TEXT or text.endswith(("。", "；", "：")):
        return "other"
    return "text"


def read_streams(lines: Sequence[Line]) -> list[Item]:
    """The lines, with each stream of one-cell lines among them read as a table."""
    kinds = [_kind(line) for line in lines]
    out: list[Item] = []
    k = 0
    while k < len(lines):
        if kinds[k] == "other":
            out.append(lines[k])
            k += 1
            continue
        end = k
        while end < len(lines) and kinds[end] != "other":
            end += 1
        out.extend(_stream(lines[k:end], kinds[k:end]))
        k = end
    return [item for item in out if not (isinstance(item, Line) and not item.text.strip())]


def _stream(lines: Sequence[Line], kinds: Sequence[str]) -> list[Item]:
    """A run of one-entry lines: rows where numbers follow text, the rest running text."""
    if not any(a == b == "value" for a, b in itertools.pairwise(kinds)):
        return list(lines)
    out: list[Item] = []
    rows: list[list[GridCell]] = []
    run: list[int] = []  # indexes of the text and empty lines before the next numbers
    width = 0  # how many cells the rows so far hold
    k = 0
    while k < len(lines):
        if kinds[k] != "value":
            run.append(k)
            k += 1
            empties = 0
            while (
                width
                and kinds[k - 1] == "text"
                and k + empties < len(lines)
                and (kinds[k + empties] == "empty")
            ):
                empties += 1
            if not (width and empties >= width):
                continue
            # text followed by a row's worth of empty lines: a row printed all blank
            values = list(range(k, k + empties))
            k += empties
        else:
            values = []
        while k < len(lines) and kinds[k] in ("value", "empty"):
            values.append(k)
            k += 1
        if len(values) > MAX_TOKENS:  # no row of a report has that many cells: text
            return list(lines)
        labels, before = _label(lines, run)
        if before:
            if rows:
                out.append(_table(rows))
                rows = []
            out.extend(lines[i] for i in before)
        row = len(rows)
        cells = [
            GridCell(row=row, col=c, text=lines[i].text.strip(), line=lines[i].number)
            for c, i in enumerate(labels)
        ]
        cells.extend(_cells(lines, values, row, len(cells)))
        rows.append(cells)
        width = max(width, sum(1 for i in values if kinds[i] == "value"))
        run = []
    if rows:
        out.append(_table(rows))
    out.extend(lines[i] for i in run)
    return out


def _label(lines: Sequence[Line], run: list[int]) -> tuple[list[int], list[int]]:
    """Split the lines before a row's numbers into its label and what comes before."""
    texts = [i for i in run if lines[i].text.strip()]
    empties = [p for p, i in enumerate(run) if not lines[i].text.strip()]
    tail = run[empties[-1] + 1 :] if empties else list(run)
    seen = Counter(lines[i].text.strip() for i in texts)

    def repeats(i: int) -> bool:
        return seen[lines[i].text.strip()] > 1

    if tail and len(tail) <= _MAX_LABEL_LINES and not any(repeats(i) for i in tail):
        labels = tail
    elif tail and not repeats(tail[-1]):
        labels = tail[-1:]
    else:
        labels = []
    before = [i for i in texts if i not in labels]
    return labels, before


def _cells(lines: Sequence[Line], values: list[int], row: int, first_col: int) -> list[GridCell]:
    # empty lines after the last number stay with the row as blank cells (the builder
    # keeps only a reading that leaves them out unambiguously)
    return [
        GridCell(row=row, col=first_col + c, text=lines[i].text.strip(), line=lines[i].number)
        for c, i in enumerate(values)
    ]


def _table(rows: list[list[GridCell]]) -> TextTable:
    return TextTable(cells=tuple(c for row in rows for c in row))
