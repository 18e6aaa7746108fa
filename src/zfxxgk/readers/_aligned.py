"""Tables without rulers, their columns found from how the text lines up.

Text-mode browser dumps without borders, office text exports, fixed-width text,
``pdftotext -layout``: no rule at all.  The lines are cut into tokens (:mod:`._tokens`); a
line of a label and numbers is a *data line*; lines of words above the data are headers; a
header line after data starts a new part of the table, with its own columns.  The columns
of numbers are found by :mod:`._columns` (numbers that line up are one column; a header word
over no number is a column blank in every row); each count of columns — display columns,
CJK two wide, or characters (``pdftotext``) — is tried and the one under which the numbers
line up is kept.  A number that fits no single column is not put anywhere: its row's
empty cells are *unread* with a diagnostic naming the line and column — never a
neighbour's value, never a blank.  What stands before a line's numbers is its label; the
lines of a label wrapped above and below its numbers are joined (a numbered label —
``2.``, ``（三）`` — never continues another).  Rows are the groups of lines between blank
lines when the table sets its rows apart so, else one line each.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Final

import attrs

from .._startup import LazyPattern
from ._grid import GridCell, Item, Problem, TextTable
from ._streamed import read_streams
from ._textlines import Line, Metric, positions, width
from ._tokens import MAX_TOKENS, Token, tokens

if TYPE_CHECKING:
    from ._columns import Column, Columns

__all__ = ["MAX_TABLE_LINES", "TableTooLong", "read_free"]


# --------------------------------------------------------------------------------------
# aligned tables
# --------------------------------------------------------------------------------------

_SENTENCE: Final = LazyPattern("[。；！？]")
MAX_TABLE_LINES: Final = 2000
"""No table of a report is printed over more lines than this: a longer one is refused."""


class TableTooLong(Exception):
    """A run of table lines longer than :data:`MAX_TABLE_LINES`, from line ``line``."""

    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line


_MAX_ROW_LINES: Final = 64
"""No row of a table is printed over more lines than this (a wrapped label takes a few)."""
_PROSE_WIDTH: Final = 60


@attrs.frozen
class _Info:
    """A line of a free chunk, measured under one metric, with what kind of line it is."""

    line: Line
    tokens: tuple[Token, ...]
    data: bool = attrs.field(init=False)
    """A line of a table's data: an optional label, then printed values only (a number with
    words after it is running text: ``新中国成立 70 周年``)."""
    header: bool = attrs.field(init=False)
    """Two or more words and no value."""

    def __attrs_post_init__(self) -> None:
        found = self.tokens
        first = next((k for k, t in enumerate(found) if t.value), None)
        data = (
            len(found) <= MAX_TOKENS
            and first is not None
            and all(t.value for t in found[first:])
            and not any(_SENTENCE.search(t.text) for t in found[:first])
        )
        object.__setattr__(self, "data", data)
        object.__setattr__(self, "header", len(found) >= 2 and first is None)

    @property
    def blank(self) -> bool:
        return not self.tokens

    @property
    def single_text(self) -> bool:
        return len(self.tokens) == 1 and not self.tokens[0].value


def _measure(lines: Sequence[Line], metric: Metric) -> list[_Info]:
    return [_Info(line, tuple(tokens(line.text, positions(line.text, metric)))) for line in lines]


def _prose(info: _Info) -> bool:
    """Running text: a sentence, a long single line, numbers among words, or more entries
    than any table row has."""
    found = info.tokens
    if len(found) > MAX_TOKENS:
        return True
    if not found or info.data:
        return False
    if any(_SENTENCE.search(t.text) for t in found):
        return True
    if len(found) == 1:
        return width(found[0].text) >= _PROSE_WIDTH
    first = next((k for k, t in enumerate(found) if t.value), None)
    return first is not None  # a number with words after it


def read_free(lines: Sequence[Line]) -> list[Item]:
    """Lines of running text and the aligned tables among them, in order."""
    infos = _measure(lines, Metric.DISPLAY)
    out: list[Item] = []
    k = 0
    for start, end in _regions(infos):
        out.extend(read_streams(lines[k:start]))
        for part in _subtables(infos, start, end):
            out.extend(_read_subtable(lines[part[0] : part[1]]))
        k = end
    out.extend(read_streams(lines[k:]))
    return out


def _regions(infos: list[_Info]) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of each run of table lines: from its first line of several tokens to
    its last data line, no prose line and no page break inside, holding a data line of two
    or more tokens."""
    k = 0
    n = len(infos)
    while k < n:
        if len(infos[k].tokens) < 2:
            k += 1
            continue
        start = k
        last_data = -1
        page = infos[k].line.page
        j = k
        while j < n and not _prose(infos[j]) and infos[j].line.page == page:
            if infos[j].data:
                last_data = j
            j += 1
        if last_data < 0:
            k = j if j > k else k + 1
            continue
        end = last_data + 1
        # lines of the last data line's group that follow it (a wrapped label)
        while end < j and not infos[end].blank and not infos[end].header:
            end += 1
        if end - start > MAX_TABLE_LINES:
            raise TableTooLong(infos[start].line.number)
        yield start, end
        k = end


def _subtables(infos: list[_Info], start: int, end: int) -> Iterator[tuple[int, int]]:
    """Split a run of table lines where a header line follows data lines: each part has
    its own columns (the four small tables of section 二 each print their own)."""
    seen_data = False
    cut = start
    edge = 1 << 30  # where the numbers of the part so far start
    for k in range(start, end):
        info = infos[k]
        if (
            info.header
            and seen_data
            and (any(t.x1 > edge for t in info.tokens) or _after_heading(infos, cut, k))
        ):
            # (words all left of the numbers, no heading above: a wrapped label)
            split = k
            while split > cut and infos[split - 1].single_text:
                split -= 1  # a caption right above the header goes with it
            if split > cut:
                yield cut, split
                cut, seen_data = split, False
            edge = 1 << 30
        if info.data:
            seen_data = True
            edge = min(edge, min(t.x0 for t in info.tokens if t.value))
    yield cut, end


_HEADING: Final = LazyPattern("^[一二三四五六七八九十]+、")


def _after_heading(infos: list[_Info], start: int, k: int) -> bool:
    """Is the line before ``infos[k]`` (blank lines aside) a heading set apart by blank
    lines (``四、政府信息公开行政复议、行政诉讼情况``)?  A new table starts under it."""
    j = k - 1
    while j > start and infos[j].blank:
        j -= 1
    return (
        start < j < k - 1
        and infos[j].single_text
        and infos[j - 1].blank
        and bool(_HEADING.match(infos[j].tokens[0].text))
    )


# the columns of one sub-table -------------------------------------------------------


@attrs.define
class _Layout:
    """The value columns of a sub-table under one metric (:mod:`._columns`)."""

    infos: list[_Info]
    found: Columns
    labels_end: int | None = None
    """Where the labels of the data lines end."""

    @property
    def columns(self) -> list[Column]:
        return self.found.columns

    @property
    def consistent(self) -> bool:
        return self.found.consistent

    def label_edge(self) -> int:
        return self.found.label_edge()


def _values_of(info: _Info) -> list[Token]:
    """The tokens of a data line from its first number on."""
    first = next(k for k, t in enumerate(info.tokens) if t.value)
    return list(info.tokens[first:])


def _layout(infos: list[_Info]) -> _Layout:
    data = [_values_of(i) for i in infos if i.data]
    headers = [list(i.tokens) for i in infos if i.header]
    labels = [t.x1 for i in infos if i.data for t in i.tokens if not t.value]
    end = max(labels, default=None)
    # the lines below the header: every line from the first data line on, and any other
    # line that is no header line
    top = next((k for k, i in enumerate(infos) if i.header), len(infos))
    first = next((k for k, i in enumerate(infos) if i.data), len(infos))
    body = [list(i.tokens) for k, i in enumerate(infos) if k > top and (k >= first or not i.header)]
    from ._columns import find_columns  # here: most texts hold no aligned table (start-up)

    return _Layout(infos, find_columns(data, headers, end, body), end)


def _place(layout: _Layout, info: _Info) -> tuple[dict[int, Token], list[Token]]:
    """The value tokens of a data line by column, and the ones that fit no single column."""
    values = _values_of(info)
    found = layout.found
    if not found.consistent:
        if len(values) == found.widest:
            return dict(enumerate(values)), []
        return {}, values
    placed: dict[int, Token] = {}
    unsure: list[Token] = []
    for token in values:
        column = found.of.get(id(token))
        if column is None or column in placed:
            unsure.append(token)
        else:
            placed[column] = token
    return placed, unsure


def _score(layout: _Layout) -> tuple[int, int, int, int]:
    """Higher is better: consistent columns, then fewest unplaced numbers, then fewest
    columns beyond the widest line's numbers that no header names, then most header words
    over one column."""
    if not layout.consistent:
        return (0, 0, 0, 0)
    unsure = sum(len(_place(layout, i)[1]) for i in layout.infos if i.data)
    headers = sum(
        1
        for i in layout.infos
        if i.header
        for t in i.tokens
        if sum(t.overlaps(c.x0, c.x1) for c in layout.columns) == 1
    )
    numbered = sum(1 for c in layout.columns if not c.from_header)
    extra = 0 if layout.found.named else numbered - layout.found.widest
    return (1, -unsure, -extra, headers)


def _read_subtable(lines: Sequence[Line]) -> list[Item]:
    metrics = [Metric.DISPLAY]
    if any(not line.text.isascii() for line in lines):
        metrics += [Metric.CHARS, Metric.WIDE]
    best: _Layout | None = None
    best_score: tuple[int, int, int, int] | None = None
    for metric in metrics:
        layout = _layout(_measure(lines, metric))
        score = _score(layout)
        if best_score is None or score > best_score:
            best, best_score = layout, score
        if score[:3] == (1, 0, 0):
            break  # every number in its one column: no other count can do better
    assert best is not None
    return _SubtableReader(best).items()


class _SubtableReader:
    """Turn the lines of one sub-table into rows of cells under its chosen layout."""

    def __init__(self, layout: _Layout) -> None:
        self.layout = layout
        self.infos = layout.infos
        self.problems: list[Problem] = []
        data = [i for i in self.infos if i.data]
        short = [i for i in data if len(_values_of(i)) < layout.found.widest]
        if not layout.consistent and layout.columns and short:
            first = short[0]
            self.problems.append(
                Problem(
                    "表格各行的数字没有对齐成列，只按顺序读取印满数字的行，"
                    "其余行（从这一行起）的数字未读取",
                    first.line.number,
                )
            )

    def items(self) -> list[Item]:
        out: list[Item] = []
        rows: list[_Row] = []

        def flush() -> None:
            if rows:
                out.append(self._table(rows))
                rows.clear()

        edge = self.layout.label_edge()
        for group in self._groups():
            if len(group) == 1 and group[0].single_text:
                flush()
                out.append(group[0].line)
                continue
            if not any(i.data for i in group):
                # a heading or caption above a header stays running text
                lead = next((k for k, i in enumerate(group) if not i.single_text), len(group))
                texts = [
                    i
                    for k, i in enumerate(group)
                    if i.single_text and (k < lead or i.tokens[0].x0 < edge)
                ]
                if texts:
                    flush()
                    out.extend(i.line for i in texts)
                group = [i for i in group if i not in texts]
                if not group:
                    continue
            data = [i for i in group if i.data]
            parts = self._split(group, data) if len(data) > 1 else [group]
            for part in parts:
                made = self._row(part, len(rows))
                if made.orphans:
                    flush()
                    out.extend(made.orphans)
                rows.append(made)
        flush()
        if self.problems and out:
            tables = [i for i in out if isinstance(i, TextTable)]
            if tables:
                first = tables[0]
                index = out.index(first)
                out[index] = attrs.evolve(first, problems=(*self.problems, *first.problems))
        return out

    def _groups(self) -> list[list[_Info]]:
        """Rows as groups of lines: blank-separated groups when the data lines are set
        apart by blank lines, else one line each."""
        infos = self.infos
        data = [k for k, i in enumerate(infos) if i.data]
        pairs = list(itertools.pairwise(data))
        apart = sum(1 for a, b in pairs if any(infos[k].blank for k in range(a, b)))
        printed = [k for k, i in enumerate(infos) if not i.blank]
        inside = printed and any(i.blank for i in infos[printed[0] : printed[-1]])
        if (pairs and apart * 2 >= len(pairs)) or (not pairs and inside):
            groups: list[list[_Info]] = []
            current: list[_Info] = []
            for info in [*infos, None]:
                if info is not None and not info.blank:
                    current.append(info)
                    continue
                if len(current) > _MAX_ROW_LINES:  # no row is that tall: a line a row
                    groups.extend([i] for i in current)
                elif current:
                    groups.extend(self._headers_apart(current))
                current = []
            return groups
        return self._wrapped_around([i for i in infos if not i.blank])

    def _headers_apart(self, group: list[_Info]) -> list[list[_Info]]:
        """A group of lines with the header lines in front of its numbers set apart: a
        line of words that reach over the columns of numbers is a header, not a label."""
        first = next((k for k, i in enumerate(group) if i.data), None)
        if first is None:
            return [group]
        edge = self.layout.label_edge()
        heads = [
            k for k in range(first) if group[k].header and any(t.x1 > edge for t in group[k].tokens)
        ]
        k = heads[-1] + 1 if heads else 0  # the header and what is above it (a caption)
        return [[i] for i in group[:k]] + [group[k:]]

    def _wrapped_around(self, lines: list[_Info]) -> list[list[_Info]]:
        """One line a row — but a line of numbers without a label takes the label printed
        around it: a label wrapped over lines above and below it (``行政事业性收`` / numbers
        / ``费``), that no other line of numbers stands inside."""
        data = [k for k, i in enumerate(lines) if i.data]
        owner: dict[int, int] = {}  # line index -> the data line it goes with
        for n, d in enumerate(data):
            if self._label_tokens(lines[d]):
                continue
            low = data[n - 1] + 1 if n else 0
            high = data[n + 1] if n + 1 < len(data) else len(lines)
            low, high = max(low, d - _MAX_ROW_LINES), min(high, d + _MAX_ROW_LINES)
            labels = [
                (t, lines[k].line)
                for k in range(low, high)
                if k != d and not lines[k].header
                for t in self._label_tokens(lines[k])
            ]
            here = lines[d].line.number
            for chain in _chains(labels, left_aligned=True):
                numbers = [line.number for _, line in chain]
                if min(numbers) < here < max(numbers):
                    for _, line in chain:
                        k = next(k for k in range(low, high) if lines[k].line is line)
                        owner.setdefault(k, d)
        groups: list[list[_Info]] = []
        taken: dict[int, list[_Info]] = {}
        for k, info in enumerate(lines):
            d = owner.get(k, k)
            if d in taken:
                taken[d].append(info)
                continue
            group = [info]
            taken[d] = group
            groups.append(group)
        return groups

    def _label_tokens(self, info: _Info) -> list[Token]:
        """The tokens of a line that stand where the labels are: before a data line's
        numbers, left of the first column of numbers on any other line."""
        if info.data:
            first = next(k for k, t in enumerate(info.tokens) if t.value)
            return list(info.tokens[:first])
        edge = self.layout.label_edge()
        return [t for t in info.tokens if t.x0 < edge or not self.layout.columns]

    def _split(self, group: list[_Info], data: list[_Info]) -> list[list[_Info]]:
        """A group of lines holding several data lines (labels wrapped above and below their
        numbers, no blank line between rows), cut into one group per data line: each label
        part goes with the data line it is printed beside, or wraps around, or — printed
        between two — the nearer one (the following one when as near)."""
        labels = [(t, i.line) for i in group for t in self._label_tokens(i)]
        where = [d.line.number for d in data]
        home: dict[int, int] = {}  # line number -> the data line it goes with
        for chain in _chains(labels, left_aligned=True):
            lines = [line.number for _, line in chain]
            low, high = min(lines), max(lines)
            inside = [d for d in where if low <= d <= high]
            target = (
                inside[0]
                if inside
                else min(where, key=lambda d: (min(abs(d - low), abs(d - high)), -d))
            )
            for number in lines:
                home.setdefault(number, target)
        parts: dict[int, list[_Info]] = {d: [] for d in where}
        for info in group:
            number = info.line.number
            goes = number if info.data else home.get(number)
            if goes is None:
                goes = min(where, key=lambda d: (abs(d - number), -d))
            parts[goes].append(info)
        return [parts[d] for d in where]

    def _row(self, group: list[_Info], row: int) -> _Row:
        """The cells of one row: label parts (stacked over the group's lines), then one
        cell per value column (blank where the row prints nothing there)."""
        layout = self.layout
        edge = layout.label_edge()
        data = next((i for i in group if i.data), None)
        placed: dict[int, Token] = {}
        unsure: list[Token] = []
        if data is not None:
            placed, unsure = _place(layout, data)
        labels: list[tuple[Token, Line]] = []
        spans: list[tuple[Token, Line]] = []
        taken = {id(t) for t in (*placed.values(), *unsure)}
        for info in group:
            for k, token in enumerate(info.tokens):
                if info is data and id(token) in taken:
                    continue
                if info is data and any(t.value for t in info.tokens[k:]):
                    labels.append((token, info.line))  # before its line's numbers: a label
                elif info.header and self._heads_column(token):
                    spans.append((token, info.line))
                elif token.x0 < edge or not layout.columns:
                    labels.append((token, info.line))  # a label may run past the edge
                else:
                    spans.append((token, info.line))
        chains, orphans = _own_labels(_chains(labels), data)
        cells = [
            GridCell(row=row, col=col, text=text, line=line.number, column=column)
            for col, ((text, column), line) in enumerate(_joined(chains))
        ]
        values: list[GridCell] = []
        if data is not None:
            line_no = data.line.number
            # a number that fits no single column could be any empty cell's: none is blank
            lost = " ".join(t.text for t in unsure)
            where = unsure[0].index + 1 if unsure else None
            for k in range(len(layout.columns)):
                value = placed.get(k)
                if value is not None:
                    values.append(
                        GridCell(
                            row=row, col=k, text=value.text, line=line_no, column=value.index + 1
                        )
                    )
                elif unsure:
                    values.append(
                        GridCell(row=row, col=k, text=lost, line=line_no, column=where, unread=True)
                    )
                else:
                    values.append(GridCell(row=row, col=k, text="", line=line_no))
            for token in unsure:
                self.problems.append(
                    Problem(
                        f"“{token.text}”与表格的列对不齐（同时对着两列，或不对着任何一列），"
                        "无法确定是哪一格，这一行未印数字的格也无法确定为空白，均未读取",
                        line_no,
                        token.index + 1,
                    )
                )
        values.extend(self._spanning(spans, row))
        return _Row(cells, values, orphans)

    def _heads_column(self, token: Token) -> bool:
        """Is a header word that starts left of the numbers the header of one column: it
        starts after every label ends and stands over one column of numbers (a header set
        left over numbers set right)?"""
        end = self.layout.labels_end
        if end is None or token.x0 < end:
            return False
        return sum(token.overlaps(c.x0, c.x1) for c in self.layout.columns) == 1

    def _spanning(self, spans: list[tuple[Token, Line]], row: int) -> list[GridCell]:
        """Cells for the words right of the labels: each over the columns it overlaps; a
        word over no column goes to the nearest column no word of its line stands over."""
        columns = self.layout.columns
        over = {
            id(t): [k for k, c in enumerate(columns) if t.overlaps(c.x0, c.x1)] for t, _ in spans
        }
        held: dict[int, set[int]] = {}
        for token, line in spans:
            held.setdefault(line.number, set()).update(over[id(token)])
        cells: list[GridCell] = []
        for token, line in spans:
            cols = over[id(token)]
            if not cols:
                free = [k for k in range(len(columns)) if k not in held[line.number]]
                near = min(
                    free or range(len(columns)),
                    key=lambda k: min(abs(columns[k].x0 - token.x0), abs(columns[k].x1 - token.x1)),
                )
                held[line.number].add(near)
                cols = [near]
            cells.append(
                GridCell(
                    row=row,
                    col=cols[0],
                    text=token.text,
                    line=line.number,
                    column=token.index + 1,
                    colspan=cols[-1] - cols[0] + 1,
                )
            )
        return cells

    def _table(self, rows: list[_Row]) -> TextTable:
        """Label cells first, then the value columns after the widest label."""
        width = max((len(r.labels) for r in rows), default=0)
        cells: list[GridCell] = []
        for r, row in enumerate(rows):
            cells.extend(_moved(c, r, c.col) for c in row.labels)
            cells.extend(_moved(c, r, width + c.col) for c in row.values)
        return TextTable(cells=tuple(_dedupe(cells)))


@attrs.frozen
class _Row:
    labels: list[GridCell]
    values: list[GridCell]
    """Cells of the value columns, ``col`` counted from the first value column."""
    orphans: list[Line] = attrs.field(factory=list)
    """Labels of other rows printed in this row's lines (rows printed without numbers)."""


def _moved(cell: GridCell, row: int, col: int) -> GridCell:
    if cell.row == row and cell.col == col:
        return cell
    return cell._replace(row=row, col=col)


def _dedupe(cells: list[GridCell]) -> list[GridCell]:
    """One cell per position: an unread cell wins over a blank or a header word there."""
    at: dict[tuple[int, int], GridCell] = {}
    for cell in cells:
        key = (cell.row, cell.col)
        kept = at.get(key)
        if kept is None or (cell.unread and not kept.unread):
            at[key] = cell
    return list(at.values())


_ENUMERATOR: Final = LazyPattern(r"^[（(]?[一二三四五六七八九十\d]{1,3}[）)、.．]")
"""The number a row label of the template starts with: ``一、``, ``（三）``, ``2.``."""


def _own_labels(
    chains: list[list[tuple[Token, Line]]], data: _Info | None
) -> tuple[list[list[tuple[Token, Line]]], list[Line]]:
    """The label chains of a row, without the labels of other rows printed in its lines:
    of several numbered labels that start in one column, only the one on (or nearest to)
    the data line is this row's; the others (rows printed without numbers) are set apart
    as running text, so that no row label can take another row's numbers."""
    if data is None:
        return chains, []
    here = data.line.number
    numbered = [c for c in chains if _ENUMERATOR.match(c[0][0].text)]
    kept: list[list[tuple[Token, Line]]] = []
    orphans: list[Line] = []
    for chain in chains:
        rivals = [c for c in numbered if abs(c[0][0].x0 - chain[0][0].x0) <= 1]
        if chain not in numbered or len(rivals) < 2:
            kept.append(chain)
            continue
        own = min(rivals, key=lambda c: min(abs(line.number - here) for _, line in c))
        if chain is own:
            kept.append(chain)
        else:
            orphans.extend(Line(line.number, t.text, line.page) for t, line in chain)
    return kept, orphans


def _joined(chains: list[list[tuple[Token, Line]]]) -> list[tuple[tuple[str, int], Line]]:
    """The label parts of a row, each a chain of tokens (a label wrapped over lines)
    joined; left to right."""
    chains.sort(key=lambda c: (min(t.x0 for t, _ in c), c[0][1].number))
    return [
        (("\n".join(t.text for t, _ in chain), chain[0][0].index + 1), chain[0][1])
        for chain in chains
    ]


def _chains(
    labels: list[tuple[Token, Line]], *, left_aligned: bool = False
) -> list[list[tuple[Token, Line]]]:
    """The tokens of consecutive lines that stand over one another and over nothing else,
    each chain in line order (with *left_aligned*, only tokens that also start where the
    chain's last token starts: the lines of one wrapped label)."""
    by_line: dict[int, list[tuple[Token, Line]]] = {}
    for token, line in labels:
        by_line.setdefault(line.number, []).append((token, line))
    chains: list[list[tuple[Token, Line]]] = []
    for number in sorted(by_line):
        here = by_line[number]
        for token, line in here:
            # the chain above whose last part this token alone stands under
            if _ENUMERATOR.match(token.text):
                chains.append([(token, line)])  # a numbered label starts, never goes on
                continue
            above = [
                c
                for c in chains
                if c[-1][0].overlaps(token.x0, token.x1)
                and (not left_aligned or c[-1][0].x0 == token.x0)
            ]
            if len(above) == 1:
                last = above[0][-1][0]
                if sum(1 for t, _ in here if t.overlaps(last.x0, last.x1)) == 1:
                    above[0].append((token, line))
                    continue
            chains.append([(token, line)])
    return chains
