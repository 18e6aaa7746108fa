"""Locating the rows of each table in the normalised text: each row label of the template
in template order, and between a label and the next the row's *run* of value characters,
followed only by known header words.  Unknown text there makes the row unreadable; a run
before a section's end must be followed by a heading, so that a year in the next paragraph
is never read as a cell.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import attrs

from ...template import RowSpec
from .budget import LABEL_WINDOW, MAX_RUN
from .labels import HEADERS_BY_FIRST, Label, at_section_end, only_headers, row_label, variants
from .text import SEP, Text

_VALUE_RUN = re.compile(r"(?:[0-9.,+\-/*×—–―─]|万元|元|不适用|不涉及|无|空)*")


_WORD_PLACEHOLDER = re.compile(r"不适用|不涉及|无|空")


@attrs.frozen
class Piece:
    """A run of value characters, with the normalised index of each (−1 for a boundary)."""

    text: str
    index: tuple[int, ...]

    @classmethod
    def at(cls, norm: str, start: int, end: int) -> Piece:
        return cls(norm[start:end], tuple(range(start, end)))

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The normalised text indexes of the cell at [start, end) of this run (a blank cell,
        start == end, is placed where it would be)."""
        if start == end:
            at = self.index[start] if start < len(self.index) else self.index[-1] + 1
            return at, at
        return self.index[start], self.index[end - 1] + 1

    @classmethod
    def join(cls, pieces: Sequence[Piece]) -> Piece:
        text = SEP.join(p.text for p in pieces)
        index: list[int] = []
        for n, piece in enumerate(pieces):
            if n:
                index.append(-1)
            index.extend(piece.index)
        return cls(text, tuple(index))


@attrs.frozen
class _Match:
    start: int
    end: int
    number: str | None
    """The digit numbering of the label when it was matched without it (``2`` of ``2.其他…``)."""


@attrs.frozen
class Found:
    """A located row: its label, and the alternative readings of its run (empty: unreadable)."""

    row: RowSpec
    label: _Match | None
    runs: tuple[Piece, ...] = ()
    problem: tuple[str, str] | None = None


_LABEL_NOTE = re.compile(r"\([^()\d一二三四五六七八九十][^()\d]{0,39}\)")
"""A parenthesised note printed after a row label, such as （区分处理的，只计这一情形…）."""


def find_label(norm: str, label: Label, start: int, end: int | None = None) -> _Match | None:
    """The earliest (then longest) printed form of *label* in norm[start:end], with any
    parenthesised note after it."""
    best: _Match | None = None
    for form, number in label.forms:
        pos = norm.find(form, start, end)
        if pos < 0:
            continue
        match = _Match(pos, pos + len(form), number)
        if best is None or (match.start, -match.end) < (best.start, -best.end):
            best = match
    if best is None:
        return None
    note = _LABEL_NOTE.match(norm, best.end)
    return attrs.evolve(best, end=note.end()) if note else best


def value_ends(norm: str, start: int, stop: int | None = None) -> list[int]:
    """Where a run of value characters starting at *start* (and ending by *stop*) may end,
    longest first."""
    match = _VALUE_RUN.match(norm, start, len(norm) if stop is None else stop)
    end = match.end() if match else start
    ends = [end]
    for word in _WORD_PLACEHOLDER.finditer(norm, start, end):
        ends.append(word.start())
    return sorted(set(ends), reverse=True)


def locate_rows(
    text: Text, rows: Sequence[RowSpec], first: _Match, section: str
) -> tuple[list[Found], int]:
    """Find every row label after *first* (the first row's label) and cut out the runs."""
    norm = text.norm
    labels = [row_label(r) for r in rows]
    matches: list[_Match | None] = [first]
    pos = first.end
    for label in labels[1:]:
        found = find_label(norm, label, pos, pos + LABEL_WINDOW)
        matches.append(found)
        if found is not None:
            pos = found.end
    out: list[Found] = []
    for i, (row, match) in enumerate(zip(rows, matches, strict=True)):
        if match is None:
            out.append(Found(row, None, problem=("C220", f"未找到行标签“{row.row[-1]}”")))
            continue
        following = next((m for m in matches[i + 1 :] if m is not None), None)
        out.append(_cut_run(text, row, match, following, section))
    return out, pos


def _cut_run(
    text: Text, row: RowSpec, label: _Match, following: _Match | None, section: str
) -> Found:
    norm = text.norm
    runs: list[Piece] = []
    for end in value_ends(norm, label.end, following.start if following else None):
        if following is None:
            closes = at_section_end(norm, end)
        else:
            closes = only_headers(norm, end, following.start)
        if not closes:
            continue
        if end - label.end > MAX_RUN[section]:
            return Found(row, label, problem=("C211", f"数字串过长（{end - label.end} 个字符）"))
        runs.append(Piece.at(norm, label.end, end))
        if (
            following is not None
            and following.number
            and end == following.start
            and norm.endswith(following.number, label.end, end)
        ):
            # "…00000002其他法律…": the 2 may be the next label's numbering
            runs.append(Piece.at(norm, label.end, end - len(following.number)))
    if runs:
        runs = [r for r in runs if r.text]
        if not runs:
            return Found(row, label, problem=("C211", "行标签之后没有数字"))
        return Found(row, label, tuple(runs))
    stop = value_ends(norm, label.end)[0]
    if following is None:
        snippet = norm[stop : stop + 12]
        return Found(row, label, problem=("C222", f"数字串之后是“{snippet}…”，不是下一部分的标题"))
    snippet = norm[stop : min(following.start, stop + 16)]
    return Found(row, label, problem=("C221", f"数字之后有无法识别的文字“{snippet}”"))


def start_of_section_two(text: Text, rows: Sequence[RowSpec]) -> _Match | None:
    norm = text.norm
    caption = Label(tuple(variants(rows[0].row[0])))
    first = row_label(rows[0])
    pos = 0
    for _ in range(50):
        at = find_label(norm, caption, pos)
        if at is None:
            return None
        label = find_label(norm, first, at.end, at.end + LABEL_WINDOW)
        if label is not None and only_headers(norm, at.end, label.start):
            return label
        pos = at.end
    return None


def start_of_rows(text: Text, row: RowSpec, start: int) -> _Match | None:
    """The first occurrence of *row*'s label after *start* that is followed by values."""
    norm = text.norm
    label = row_label(row)
    pos = start
    for _ in range(50):
        at = find_label(norm, label, pos)
        if at is None:
            return None
        if value_ends(norm, at.end)[0] > at.end:
            return at
        pos = at.end
    return None


def locate_appeals(text: Text, rows: Sequence[RowSpec], start: int) -> Found | None:
    """Section 四: header words, then up to three pieces of values (15 cells in all)."""
    norm = text.norm
    header = Label(tuple(variants(rows[0].cells[0].column)))
    at = find_label(norm, header, start)
    if at is None:
        return None
    pos = at.start
    pieces: list[Piece] = []
    end = pos
    while True:
        nxt = pos
        while nxt < len(norm):
            word = next(
                (w for w in HEADERS_BY_FIRST.get(norm[nxt], ()) if norm.startswith(w, nxt)), None
            )
            if word is None:
                break
            nxt += len(word)
        stop = value_ends(norm, nxt)[0]
        if stop == nxt:
            break
        pieces.append(Piece.at(norm, nxt, stop))
        pos = end = stop
    flat = _flat_row(rows)
    if not pieces:
        return Found(flat, at, problem=("C211", "表头之后没有数字"))
    if not at_section_end(norm, end):
        snippet = norm[end : end + 12]
        return Found(flat, at, problem=("C222", f"数字串之后是“{snippet}…”，不是下一部分的标题"))
    joined = Piece.join(pieces)
    if len(joined.text) > MAX_RUN["四"]:
        return Found(flat, at, problem=("C211", f"数字串过长（{len(joined.text)} 个字符）"))
    return Found(flat, at, (joined,))


def _flat_row(rows: Sequence[RowSpec]) -> RowSpec:
    """Section 四 as one printed row of 15 cells (it is usually printed so)."""
    cells = tuple(c for r in rows for c in r.cells)
    return RowSpec(path=("appeals",), section="四", row=(), aliases=(), cells=cells)
