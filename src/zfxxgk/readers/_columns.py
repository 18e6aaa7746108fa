"""Where the columns of a table without rulers are: found from how its numbers line up.

The input is positioned words (:class:`._tokens.Token`): the numbers of each data line of a
table, and the words of its header lines.  It does not matter where they came from — text
lines measured in display columns, words of a PDF page, boxes an OCR engine found — so one
way of finding columns serves every reader that needs it.

1. Numbers that line up are one column: numbers that overlap, or share a left edge, a right
   edge or a centre (left-, right- or centre-aligned columns), joined transitively.
2. The columns must read as columns: no line has two numbers in one, and they stand side by
   side without overlapping.  When the groups are more than the numbers of the widest line
   (a renderer that places numbers a little unevenly, as ``pdftotext`` does), the k-th
   numbers of the lines that print the most are one column, if those stand side by side;
   else the groups are taken (every row printing some column blank).
3. A header word that stands over no column of numbers is a column of its own (a column
   blank in every row) — when the header names more columns than the numbers fill; and so
   is one left of the numbers that no line of the body stands under, when a header above
   spans it in a line of headers over columns of numbers (``行政复议`` over ``结果维持`` …
   ``总计``, beside ``行政诉讼`` over numbers: no label column is printed there).

Otherwise the columns are *inconsistent*: only the lines that print as many numbers as the
widest line are read, in order; the numbers of every other line are unread.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Final

import attrs

from ._tokens import MAX_TOKENS, Token

__all__ = ["Column", "Columns", "find_columns"]


@attrs.frozen
class Column:
    """A column of numbers: the columns ``[x0, x1)`` its numbers cover."""

    x0: int
    x1: int
    from_header: bool = False
    """Known from a header word only (no number stands in it)."""


@attrs.define
class Columns:
    """The value columns of a table, and which column each number of a data line is in."""

    columns: list[Column]
    consistent: bool
    widest: int
    """The most numbers a data line prints."""
    of: dict[int, int] = attrs.field(factory=dict)
    """``id(token)`` of each number of a data line → the index of its column."""
    named: bool = False
    """The header names every column (its words line up with them one to one)."""

    def label_edge(self) -> int:
        """Where the first column of numbers starts: labels stand left of it."""
        return self.columns[0].x0 if self.columns else 1 << 30


class _Groups:
    """Union-find over token indexes."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, k: int) -> int:
        while self.parent[k] != k:
            self.parent[k] = self.parent[self.parent[k]]
            k = self.parent[k]
        return k

    def join(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def find_columns(
    lines: Sequence[Sequence[Token]],
    headers: Sequence[Sequence[Token]],
    labels_end: int | None = None,
    body: Sequence[Sequence[Token]] = (),
) -> Columns:
    """The columns of the numbers *lines* print (each the value tokens of one data line, in
    order), with the words of the *headers* lines (top to bottom) for columns no number
    stands in (right of *labels_end*, where the data lines' labels end; default: the first
    column of numbers — or left of it, under a header over columns of numbers, where no
    token of the *body* lines, the lines below the header, stands)."""
    rows = [list(line) for line in lines if line]
    widest = max((len(row) for row in rows), default=0)
    if not widest:
        return Columns([], False, 0)
    flat = [t for row in rows for t in row]
    line_of = [n for n, row in enumerate(rows) for _ in row]
    aligned = _as_columns(flat, line_of, _aligned_groups(flat))
    found: tuple[list[Column], dict[int, int]] | None
    # more groups than the widest line's numbers are real columns when the header names
    # them (every row prints some column blank); else the k-th numbers of the widest lines
    # are one column (a renderer placing numbers unevenly), if those stand side by side —
    # never for a text that does not line up at all (``行政许可 97``, ``规章 1 2 3``)
    named = aligned is not None and _header_fits(headers, aligned[0], labels_end)
    if aligned is not None and (len(aligned[0]) == widest or named):
        found = aligned
    else:
        found = _ordinal(rows, widest)
    if found is None:
        return Columns(_hulls(rows, widest), False, widest)
    columns, of = found
    columns = _with_header_columns(headers, columns, labels_end)
    columns = _with_leading_columns(headers, columns, body)
    index = {(c.x0, c.x1): k for k, c in enumerate(columns)}
    remap = {k: index[(c.x0, c.x1)] for k, c in enumerate(found[0])}
    return Columns(
        columns,
        True,
        widest,
        {key: remap[k] for key, k in of.items()},
        named=named or _header_fits(headers, found[0], labels_end),
    )


def _overlapping(tokens: Sequence[Token]) -> _Groups:
    """Join the tokens whose columns overlap, in one sweep from left to right."""
    groups = _Groups(len(tokens))
    end, head = -1, -1
    for k in sorted(range(len(tokens)), key=lambda k: tokens[k].x0):
        if tokens[k].x0 < end:
            groups.join(head, k)
            end = max(end, tokens[k].x1)
        else:
            head, end = k, tokens[k].x1
    return groups


def _aligned_groups(flat: list[Token]) -> _Groups:
    """Join the numbers that line up: overlapping, or with a shared edge or centre."""
    groups = _overlapping(flat)
    for edge in ("x0", "x1"):
        seen: dict[int, int] = {}
        for k, token in enumerate(flat):
            first = seen.setdefault(getattr(token, edge), k)
            groups.join(first, k)
    centres: dict[int, int] = {}
    for k, token in enumerate(flat):
        centre = token.x0 + token.x1
        for near in (centre - 1, centre, centre + 1):
            if near in centres:
                groups.join(centres[near], k)
        centres.setdefault(centre, k)
    return groups


def _as_columns(
    flat: list[Token], line_of: list[int], groups: _Groups
) -> tuple[list[Column], dict[int, int]] | None:
    """The groups as columns left to right, or None when they do not read as columns (two
    numbers of one line in one group, or groups that overlap)."""
    members: dict[int, list[int]] = {}
    for k in range(len(flat)):
        members.setdefault(groups.find(k), []).append(k)
    for ks in members.values():
        if len({line_of[k] for k in ks}) != len(ks):
            return None
    hulls = sorted(
        (min(flat[k].x0 for k in ks), max(flat[k].x1 for k in ks), root)
        for root, ks in members.items()
    )
    if any(a[1] > b[0] for a, b in itertools.pairwise(hulls)):
        return None
    position = {root: n for n, (_, _, root) in enumerate(hulls)}
    of = {id(flat[k]): position[groups.find(k)] for k in range(len(flat))}
    return [Column(x0, x1) for x0, x1, _ in hulls], of


def _hulls(lines: list[list[Token]], widest: int) -> list[Column]:
    full = [line for line in lines if len(line) == widest]
    return [
        Column(min(line[k].x0 for line in full), max(line[k].x1 for line in full))
        for k in range(widest)
    ]


def _ordinal(lines: list[list[Token]], widest: int) -> tuple[list[Column], dict[int, int]] | None:
    """The columns of the lines that print the most numbers, one number per column in
    order, when they stand side by side; the numbers of the other lines then go to the one
    column they line up with."""
    hulls = _hulls(lines, widest)
    if any(a.x1 > b.x0 for a, b in itertools.pairwise(hulls)):
        return None
    of: dict[int, int] = {}
    for line in lines:
        if len(line) == widest:
            of.update((id(t), k) for k, t in enumerate(line))
            continue
        for token in line:
            fits = [k for k, c in enumerate(hulls) if _lines_up(token, c)]
            if len(fits) == 1:
                of[id(token)] = fits[0]
    return hulls, of


def _lines_up(token: Token, column: Column) -> bool:
    if token.overlaps(column.x0, column.x1):
        return True
    return (
        token.x0 == column.x0
        or token.x1 == column.x1
        or abs((token.x0 + token.x1) - (column.x0 + column.x1)) <= 1
    )


def _stacks(
    headers: Sequence[Sequence[Token]], columns: list[Column], labels_end: int | None
) -> list[list[Token]]:
    """The header words right of the labels (:func:`_edge`), stacked: words of several
    header lines that stand over one another are one stack (one column's header printed
    over lines).  A word over merged columns stacks with none: one that stands over two
    words of another line, or over two columns of numbers.  A word that starts before the
    labels end and stands left of the numbers heads the labels (``信息内容`` wider than
    ``规章``)."""
    edge = _edge(columns, labels_end)
    lines = [
        [
            t
            for t in line
            if t.x1 > edge
            and not (labels_end is not None and t.x0 < labels_end and t.x1 <= columns[0].x0)
        ]
        for line in headers
    ]
    words = [
        t
        for n, line in enumerate(lines)
        for t in line
        if sum(t.overlaps(c.x0, c.x1) for c in columns) <= 1
        and not any(
            sum(1 for u in other if u.overlaps(t.x0, t.x1)) > 1
            for m, other in enumerate(lines)
            if m != n
        )
    ]
    if not words or len(words) > 4 * MAX_TOKENS:
        return []
    groups = _overlapping(words)
    stacks: dict[int, list[Token]] = {}
    for k, word in enumerate(words):
        stacks.setdefault(groups.find(k), []).append(word)
    return list(stacks.values())


def _header_fits(
    headers: Sequence[Sequence[Token]], columns: list[Column], labels_end: int | None
) -> bool:
    """Does the header line up with the columns of numbers: every column under a stack of
    header words, no stack over two columns, at least as many stacks as columns?  (Words
    over several columns, ``法人或其他组织``, are left out.)"""
    if not columns:
        return False
    stacks = _stacks(headers, columns, labels_end)
    if len(stacks) < len(columns):
        return False
    if any(sum(any(t.overlaps(c.x0, c.x1) for t in ts) for c in columns) > 1 for ts in stacks):
        return False
    return all(any(t.overlaps(c.x0, c.x1) for ts in stacks for t in ts) for c in columns)


def _edge(columns: list[Column], labels_end: int | None) -> int:
    """Where header words of value columns may start: after the labels."""
    return min(columns[0].x0, labels_end) if labels_end is not None else columns[0].x0


def _with_header_columns(
    headers: Sequence[Sequence[Token]], columns: list[Column], labels_end: int | None
) -> list[Column]:
    """Add a column for each stack of header words right of the labels that stands over no
    column of numbers — when the header words stand in more stacks than there are columns
    of numbers (a header that only does not line up with its numbers adds nothing)."""
    if not columns:
        return columns
    stacks = _stacks(headers, columns, labels_end)
    if len(stacks) <= len(columns) or not _header_fits(headers, columns, labels_end):
        return columns
    extra = [
        Column(min(t.x0 for t in ts), max(t.x1 for t in ts), from_header=True)
        for ts in stacks
        if not any(t.overlaps(c.x0, c.x1) for t in ts for c in columns)
    ]
    merged = sorted([*columns, *extra], key=lambda c: c.x0)
    if any(a.x1 > b.x0 for a, b in itertools.pairwise(merged)):
        return columns
    return merged


_SPAN_LINES: Final = 8
"""A header over merged columns stands at most this many header lines above the words it
spans (its own lines and theirs wrapped)."""


def _with_leading_columns(
    headers: Sequence[Sequence[Token]],
    columns: list[Column],
    body: Sequence[Sequence[Token]],
) -> list[Column]:
    """Add a column for each header word left of the numbers that heads a column blank in
    every row: no token of the body stands between it and the numbers, and a header word
    above it (:data:`_SPAN_LINES`) spans it, in a line of headers over columns of numbers
    (:func:`_reaches`)."""
    if not columns or sum(len(line) for line in headers) > 4 * MAX_TOKENS:
        return columns
    edge = columns[0].x0
    free = max((t.x1 for row in body for t in row if t.x0 < edge), default=-1)
    extra: list[Column] = []
    for n, line in enumerate(headers):
        words = [w for w in line if free <= w.x0 and w.x1 <= edge]
        if not words:
            continue
        nearby = headers[max(0, n - _SPAN_LINES) : n]
        reach = [span for above in nearby for span in _reaches(above, line, columns)]
        extra.extend(
            Column(w.x0, w.x1, from_header=True)
            for w in words
            if any(x0 <= w.x0 and w.x1 <= x1 for x0, x1 in reach)
        )
    if not extra:
        return columns
    merged = sorted([*columns, *extra], key=lambda c: c.x0)
    if any(a.x1 > b.x0 for a, b in itertools.pairwise(merged)):
        return columns
    return merged


def _reaches(
    above: Sequence[Token], line: Sequence[Token], columns: list[Column]
) -> list[tuple[int, int]]:
    """Where the words of the header line *above* that span several words of *line* reach
    — when one of them (or another word of *above*) spans a column of numbers; else none.
    A header over merged columns is printed from where its first column's header starts;
    it reaches to where the next word of its line starts, which is where another column's
    header starts too (or to the end of the line), over two words of *line* or more (one is
    its own wrapped line)."""
    starts = {t.x0 for t in line}
    ends = [*(t.x0 for t in above[1:]), 1 << 30]
    reach = [
        (t.x0, end)
        for t, end in zip(above, ends, strict=True)
        if t.x0 in starts
        and (end in starts or end == 1 << 30)
        and sum(t.x0 <= u.x0 and u.x1 <= end for u in line) > 1
    ]
    if any(x0 <= c.x0 and c.x1 <= x1 for x0, x1 in reach for c in columns):
        return reach
    return []
