"""Recovering the table numbers of a report whose cells a crawler ran together.

Some crawlers turned report pages into one line of text with every table cell glued to the
next: ``行政规范性文件5845546`` is 58 / 45 / 546, ``…00000002.其他法律…`` is a row of zeros
running into the next row's label.  The digits of a row can be split into the row's cells in
many ways; this module recovers a number **only where the template's arithmetic leaves exactly
one answer**, and says how in a diagnostic.  Everything else is left out (the builder marks
those cells missing): a wrong number is worse than no number.

How (docs/crawltext.md has the full reasoning):

1. The text is normalised (NFKC, no whitespace, one kind of quote) with a map back to the
   original offsets.  Stray spaces are ignored: they are &nbsp; leftovers, not separators.
2. Each row label of the template is found in template order; the text between a label and the
   next is the row's *run* of values followed only by known header words (captions, column
   labels, group labels).  Unknown text there makes the row unreadable.  A run before a
   section's end must be followed by a heading, so that a year in the next paragraph is never
   read as a cell.
3. A run is cut into the row's cells under the cell grammar (no leading zeros, a sign only in
   2019 本年增/减, decimals and 元/万元 only in money, placeholders such as ``/``).  What the
   digits alone fix is found by reachability, allowing for cells printed blank.
4. Section 三: each row's own total selects its cuts, and the rows are solved together with
   the column totals (（七） = the outcome rows) and the balance (一 + 二 = （七） + 四).  A cut
   that needed arithmetic is used only when a cross-row identity confirms it; a table that
   does not add up is never "repaired".
5. Section 四: a group is fixed by the *other* groups' totals and the digits — a cell is kept
   only if no single misprinted group total, and no blank cell, could change it.
6. A cell is recovered when it has the same text in every reading that survives.

Work is bounded (run lengths, search nodes): a hostile input gets a refusal, never a hang.
"""

from __future__ import annotations

import bisect
import contextlib
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Final

import attrs

from ..cells import PLACEHOLDERS, Cell, CellKind, Unit, ValueKind, parse_cell
from ..diagnostics import Diagnostic, Severity, SourceLocation
from ..errors import UnreadableDocumentError
from ..model import Template
from ..template import FOOTNOTE, SECTION_TITLES, RowSpec, cell_specs, row_specs

__all__ = ["CODES", "Recovered", "looks_run_together", "recover"]

CODES: Final[dict[str, str]] = {
    "C200": "连写文本的恢复结果汇总",
    "C201": "该行数字串只有一种满足本行合计的拆分，并经列合计或勾稽关系印证",
    "C202": "该行数字串有多种满足本行合计的拆分，由列合计和勾稽关系唯一确定",
    "C203": "第四部分数字串由各组总计拆分（只保留即使其中一组总计印错也不变的单元格）",
    "C210": "数字串有多种拆分，部分单元格无法唯一确定，留空",
    "C211": "数字串无法按本行单元格拆分（缺少数字、格式不符或过长）",
    "C212": "本行（或第四部分）在任何拆分下合计都不等于各项之和（原表本身不平）",
    "C213": "第三部分的列合计或勾稽关系在任何拆分下都不成立（原表本身不平）",
    "C214": "可能的拆分过多，超出处理上限，放弃恢复",
    "C215": "本行的拆分只由本行合计确定，未得到列合计或勾稽关系印证，不予采用",
    "C220": "未找到行标签",
    "C221": "数字与下一行标签之间有无法识别的文字",
    "C222": "数字串之后不是下一部分的标题，无法确定数字串在哪里结束",
    "C223": "未找到该部分的表格",
    "C230": "文本的表头与给定的模板不符",
    "C231": "2021 年版报告的（六）其他处理按一行印出（无 1.–3. 子项）",
}
"""Every diagnostic code this module emits, with what it means."""

# ---------------------------------------------------------------------------------------------
# Limits: a hostile input is refused, never allowed to run for long.
# ---------------------------------------------------------------------------------------------

_MAX_TEXT = 1_000_000
"""Characters of text accepted at all (reports are well under 100 000)."""
_LABEL_WINDOW = 400
"""How far after one row label the next one is looked for (normalised characters)."""
_MAX_RUN = {"二": 60, "三": 60, "四": 90}
"""Longest run of value characters accepted for a row of each section."""
_MAX_SPLITS = 2000
"""More cuts of one run than this and the run is refused as too ambiguous."""
_SPLIT_NODES = 60_000
_SOLVE_NODES = 100_000
_TOTAL_NODES = 600_000
"""Search steps for one run, one system of identities, and one whole text."""

_SEP = "\ue000"
"""Marks a boundary between two pieces of a run that no cell may cross."""


class _OutOfBudget(Exception):
    pass


class _Done(Exception):
    """Every candidate has been seen in some solution: nothing more to learn."""


class _Budget:
    """Search steps left; a search takes a share and is charged for what it used."""

    def __init__(self, limit: int) -> None:
        self.left = limit

    def spend(self) -> None:
        self.left -= 1
        if self.left < 0:
            raise _OutOfBudget

    @contextlib.contextmanager
    def share(self, limit: int) -> Iterator[_Budget]:
        part = _Budget(max(0, min(limit, self.left)))
        given = part.left
        try:
            yield part
        finally:
            self.left -= given - max(part.left, 0)


# ---------------------------------------------------------------------------------------------
# Normalisation with a map back to the original offsets
# ---------------------------------------------------------------------------------------------

_UNIFY = str.maketrans(
    {
        "“": '"', "”": '"', "‘": '"', "’": '"', "'": '"', "「": '"', "」": '"',
        "『": '"', "』": '"', "〔": "(", "〕": ")", "【": "(", "】": ")",
    }
)  # fmt: skip
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad" + _SEP)


def _fold(text: str) -> tuple[str, list[int]]:
    chars: list[str] = []
    origin: list[int] = []
    for offset, ch in enumerate(text):
        for c in unicodedata.normalize("NFKC", ch):
            if c.isspace() or c in _INVISIBLE:
                continue
            chars.append(c.translate(_UNIFY))
            origin.append(offset)
    return "".join(chars), origin


def _norm(text: str) -> str:
    return _fold(text)[0]


@attrs.frozen
class _Text:
    original: str
    norm: str
    origin: tuple[int, ...]
    line_starts: tuple[int, ...]
    source: str | None

    @classmethod
    def of(cls, text: str, source: str | None) -> _Text:
        norm, origin = _fold(text)
        starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
        return cls(text, norm, tuple(origin), tuple(starts), source)

    def location(self, index: int) -> SourceLocation:
        """Where normalised character *index* is in the original (1-based line and column)."""
        offset = self.origin[index] if index < len(self.origin) else len(self.original)
        line = bisect.bisect_right(self.line_starts, offset)
        return SourceLocation(
            file=self.source, line=line, column=offset - self.line_starts[line - 1] + 1
        )

    def printed(self, start: int, end: int) -> str:
        """The original text of normalised characters [start, end), without whitespace."""
        first, last = self.origin[start], self.origin[end - 1] + 1
        return "".join(ch for ch in self.original[first:last] if not ch.isspace())


# ---------------------------------------------------------------------------------------------
# Labels and header words, all taken from the template data
# ---------------------------------------------------------------------------------------------

_NUMBERED = re.compile(
    r"^(?:\((?P<a>[一二三四五六七八九十\d]+)\)|(?P<b>[一二三四五六七八九十\d]+)[、.])"
)


def _variants(label: str) -> list[tuple[str, str | None]]:
    """Printed forms of a label: (text, the digit numbering it carries or None).

    ``1.属于国家秘密`` may be printed ``1、…`` or ``(1)…`` or without its number; ``（一）予以公开``
    as ``一、予以公开`` or ``予以公开``.
    """
    text = _norm(label)
    match = _NUMBERED.match(text)
    if match is None or match.end() == len(text):
        return [(text, None)]
    number = match["a"] or match["b"]
    body = text[match.end() :]
    forms = [f"({number}){body}", f"{number}、{body}", f"{number}.{body}"]
    out: list[tuple[str, str | None]] = [(form, None) for form in forms]
    out.append((body, number if number.isdigit() else None))
    return out


_EXTRA_HEADER_WORDS: Final[tuple[str, ...]] = (
    "信息内容",
    "申请人情况",
    "本年收费金额",
    "(单位:万元)",
    "单位:万元",
    "(单位:元)",
    "单位:元",
    "(单位:件)",
    "单位:件",
)
"""Header cells printed in the tables that are not cell labels of the template data."""


@attrs.frozen
class _Label:
    forms: tuple[tuple[str, str | None], ...]


def _row_label(row: RowSpec) -> _Label:
    forms: list[tuple[str, str | None]] = []
    for label in (row.row[-1], *row.aliases):
        for form in _variants(label):
            if form not in forms:
                forms.append(form)
    return _Label(tuple(forms))


def _header_words() -> frozenset[str]:
    words: set[str] = set()
    for template in Template:
        for single in (True, False):
            for spec in cell_specs(template, other_single=single):
                for word in (spec.column, *spec.column_aliases, spec.column_parent):
                    if word:
                        words.add(_norm(word))
                groups = spec.row if spec.section == "四" else spec.row[:-1]
                aliases = spec.row_aliases if spec.section == "四" else ()
                for label in (*groups, *aliases):
                    words.update(form for form, _ in _variants(label))
    words.update(_norm(w) for w in _EXTRA_HEADER_WORDS)
    words.add(_norm(FOOTNOTE))
    return frozenset(w for w in words if w)


_HEADER_WORDS: Final[frozenset[str]] = _header_words()
_HEADERS_BY_FIRST: Final[dict[str, tuple[str, ...]]] = {}
for _word in sorted(_HEADER_WORDS, key=len, reverse=True):
    _HEADERS_BY_FIRST[_word[0]] = (*_HEADERS_BY_FIRST.get(_word[0], ()), _word)
del _word

_TITLE_WORDS: Final[tuple[str, ...]] = tuple(
    _norm(title) for title in (*SECTION_TITLES.values(), "存在的主要问题", "其他需要报告")
)
_HEADING = re.compile(
    r"[一二三四五六七八九十]{1,2}[、.]|\([一二三四五六七八九十]{1,2}\)|第[一二三四五六七八九十]{1,2}部分"
)
_VALUE_RUN = re.compile(r"(?:[0-9.,+\-/*×—–―─]|万元|元|不适用|不涉及|无|空)*")
_WORD_PLACEHOLDER = re.compile(r"不适用|不涉及|无|空")


def _only_headers(norm: str, start: int, end: int) -> bool:
    """True when norm[start:end] is nothing but header words (or empty)."""
    reached = {start}
    frontier = [start]
    while frontier:
        pos = frontier.pop()
        if pos == end:
            return True
        for word in _HEADERS_BY_FIRST.get(norm[pos], ()):
            nxt = pos + len(word)
            if nxt <= end and nxt not in reached and norm.startswith(word, pos):
                reached.add(nxt)
                frontier.append(nxt)
    return False


def _at_section_end(norm: str, pos: int) -> bool:
    """True when a section heading, title or header word starts at *pos* (or the text ends)."""
    if pos >= len(norm) or _HEADING.match(norm, pos):
        return True
    if any(norm.startswith(word, pos) for word in _TITLE_WORDS):
        return True
    return any(norm.startswith(word, pos) for word in _HEADERS_BY_FIRST.get(norm[pos], ()))


# ---------------------------------------------------------------------------------------------
# Locating rows and their runs
# ---------------------------------------------------------------------------------------------


@attrs.frozen
class _Piece:
    """A run of value characters, with the normalised index of each (−1 for a boundary)."""

    text: str
    index: tuple[int, ...]

    @classmethod
    def at(cls, norm: str, start: int, end: int) -> _Piece:
        return cls(norm[start:end], tuple(range(start, end)))

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The normalised text indexes of the cell at [start, end) of this run (a blank cell,
        start == end, is placed where it would be)."""
        if start == end:
            at = self.index[start] if start < len(self.index) else self.index[-1] + 1
            return at, at
        return self.index[start], self.index[end - 1] + 1

    @classmethod
    def join(cls, pieces: Sequence[_Piece]) -> _Piece:
        text = _SEP.join(p.text for p in pieces)
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
class _Found:
    """A located row: its label, and the alternative readings of its run (empty: unreadable)."""

    row: RowSpec
    label: _Match | None
    runs: tuple[_Piece, ...] = ()
    problem: tuple[str, str] | None = None


_LABEL_NOTE = re.compile(r"\([^()\d一二三四五六七八九十][^()\d]{0,39}\)")
"""A parenthesised note printed after a row label, such as （区分处理的，只计这一情形…）."""


def _find(norm: str, label: _Label, start: int, end: int | None = None) -> _Match | None:
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


def _value_ends(norm: str, start: int, stop: int | None = None) -> list[int]:
    """Where a run of value characters starting at *start* (and ending by *stop*) may end,
    longest first."""
    match = _VALUE_RUN.match(norm, start, len(norm) if stop is None else stop)
    end = match.end() if match else start
    ends = [end]
    for word in _WORD_PLACEHOLDER.finditer(norm, start, end):
        ends.append(word.start())
    return sorted(set(ends), reverse=True)


def _locate_rows(
    text: _Text, rows: Sequence[RowSpec], first: _Match, section: str
) -> tuple[list[_Found], int]:
    """Find every row label after *first* (the first row's label) and cut out the runs."""
    norm = text.norm
    labels = [_row_label(r) for r in rows]
    matches: list[_Match | None] = [first]
    pos = first.end
    for label in labels[1:]:
        found = _find(norm, label, pos, pos + _LABEL_WINDOW)
        matches.append(found)
        if found is not None:
            pos = found.end
    out: list[_Found] = []
    for i, (row, match) in enumerate(zip(rows, matches, strict=True)):
        if match is None:
            out.append(_Found(row, None, problem=("C220", f"未找到行标签“{row.row[-1]}”")))
            continue
        following = next((m for m in matches[i + 1 :] if m is not None), None)
        out.append(_cut_run(text, row, match, following, section))
    return out, pos


def _cut_run(
    text: _Text, row: RowSpec, label: _Match, following: _Match | None, section: str
) -> _Found:
    norm = text.norm
    runs: list[_Piece] = []
    for end in _value_ends(norm, label.end, following.start if following else None):
        if following is None:
            closes = _at_section_end(norm, end)
        else:
            closes = _only_headers(norm, end, following.start)
        if not closes:
            continue
        if end - label.end > _MAX_RUN[section]:
            return _Found(row, label, problem=("C211", f"数字串过长（{end - label.end} 个字符）"))
        runs.append(_Piece.at(norm, label.end, end))
        if (
            following is not None
            and following.number
            and end == following.start
            and norm.endswith(following.number, label.end, end)
        ):
            # "…00000002其他法律…": the 2 may be the next label's numbering
            runs.append(_Piece.at(norm, label.end, end - len(following.number)))
    if runs:
        runs = [r for r in runs if r.text]
        if not runs:
            return _Found(row, label, problem=("C211", "行标签之后没有数字"))
        return _Found(row, label, tuple(runs))
    stop = _value_ends(norm, label.end)[0]
    if following is None:
        snippet = norm[stop : stop + 12]
        return _Found(row, label, problem=("C222", f"数字串之后是“{snippet}…”，不是下一部分的标题"))
    snippet = norm[stop : min(following.start, stop + 16)]
    return _Found(row, label, problem=("C221", f"数字之后有无法识别的文字“{snippet}”"))


def _start_of_section_two(text: _Text, rows: Sequence[RowSpec]) -> _Match | None:
    norm = text.norm
    caption = _Label(tuple(_variants(rows[0].row[0])))
    first = _row_label(rows[0])
    pos = 0
    for _ in range(50):
        at = _find(norm, caption, pos)
        if at is None:
            return None
        label = _find(norm, first, at.end, at.end + _LABEL_WINDOW)
        if label is not None and _only_headers(norm, at.end, label.start):
            return label
        pos = at.end
    return None


def _start_of_rows(text: _Text, row: RowSpec, start: int) -> _Match | None:
    """The first occurrence of *row*'s label after *start* that is followed by values."""
    norm = text.norm
    label = _row_label(row)
    pos = start
    for _ in range(50):
        at = _find(norm, label, pos)
        if at is None:
            return None
        if _value_ends(norm, at.end)[0] > at.end:
            return at
        pos = at.end
    return None


def _locate_appeals(text: _Text, rows: Sequence[RowSpec], start: int) -> _Found | None:
    """Section 四: header words, then up to three pieces of values (15 cells in all)."""
    norm = text.norm
    header = _Label(tuple(_variants(rows[0].cells[0].column)))
    at = _find(norm, header, start)
    if at is None:
        return None
    pos = at.start
    pieces: list[_Piece] = []
    end = pos
    while True:
        nxt = pos
        while nxt < len(norm):
            word = next(
                (w for w in _HEADERS_BY_FIRST.get(norm[nxt], ()) if norm.startswith(w, nxt)), None
            )
            if word is None:
                break
            nxt += len(word)
        stop = _value_ends(norm, nxt)[0]
        if stop == nxt:
            break
        pieces.append(_Piece.at(norm, nxt, stop))
        pos = end = stop
    flat = _flat_row(rows)
    if not pieces:
        return _Found(flat, at, problem=("C211", "表头之后没有数字"))
    if not _at_section_end(norm, end):
        snippet = norm[end : end + 12]
        return _Found(flat, at, problem=("C222", f"数字串之后是“{snippet}…”，不是下一部分的标题"))
    joined = _Piece.join(pieces)
    if len(joined.text) > _MAX_RUN["四"]:
        return _Found(flat, at, problem=("C211", f"数字串过长（{len(joined.text)} 个字符）"))
    return _Found(flat, at, (joined,))


# ---------------------------------------------------------------------------------------------
# Cutting a run into cells
# ---------------------------------------------------------------------------------------------

_MAX_TOKEN: Final[dict[ValueKind, int]] = {
    ValueKind.COUNT: 12,
    ValueKind.SIGNED_COUNT: 13,
    ValueKind.MONEY: 24,
}
"""Longest printed text of one cell (a count of a trillion is not a report's number)."""
_GRAMMAR: Final[dict[ValueKind, re.Pattern[str]]] = {
    ValueKind.COUNT: re.compile(r"0|[1-9]\d{0,2}(?:,\d{3})+|[1-9]\d*"),
    ValueKind.SIGNED_COUNT: re.compile(r"0|[+-]?(?:[1-9]\d{0,2}(?:,\d{3})+|[1-9]\d*)"),
    ValueKind.MONEY: re.compile(r"(?:0|[1-9]\d{0,2}(?:,\d{3})+|[1-9]\d*)(?:\.\d+)?(?:万元|元)?"),
}
_PLACEHOLDER_TEXTS: Final[frozenset[str]] = frozenset(_norm(p) for p in PLACEHOLDERS)
_LONGEST_PLACEHOLDER: Final[int] = max(map(len, _PLACEHOLDER_TEXTS))


@attrs.frozen
class _Cut:
    """One way of cutting a run: the text, span and arithmetic value of every cell."""

    texts: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]
    numbers: tuple[int, ...]
    """Counts as printed, placeholders as 0 (money: 0, it takes part in no identity)."""


Options = tuple[dict[str, int], ...]
"""For each cell of a row, the texts it can have, each with the (normalised) index it starts at."""


def _options_of(cuts: Iterable[_Cut], width: int) -> Options:
    options: Options = tuple({} for _ in range(width))
    for cut in cuts:
        for cell, text, (start, _) in zip(options, cut.texts, cut.spans, strict=True):
            cell.setdefault(text, start)
    return options


def _number(token: str, kind: ValueKind) -> int:
    if token in _PLACEHOLDER_TEXTS or kind is ValueKind.MONEY:
        return 0
    return int(token.replace(",", ""))


_Token = tuple[int, str, int]
"""A cell text in a run: where it ends, the text, and its arithmetic value."""


class _Tokens:
    """The cell texts that can start at each position of a run, for each cell of a row;
    with *blanks*, a cell may also have been left blank (an empty text)."""

    def __init__(self, piece: _Piece, kinds: Sequence[ValueKind], *, blanks: bool) -> None:
        self.piece, self.kinds, self.blanks = piece, tuple(kinds), blanks
        s = piece.text
        n = len(s)
        self.next = list(range(n + 1))
        """The first position at or after each one that is not a boundary mark."""
        for pos in range(n - 1, -1, -1):
            if s[pos] == _SEP:
                self.next[pos] = self.next[pos + 1]
        tables: dict[ValueKind, list[list[_Token]]] = {}
        for kind in set(kinds):
            grammar, longest = _GRAMMAR[kind], _MAX_TOKEN[kind]
            table: list[list[_Token]] = []
            for pos in range(n + 1):
                # a cell left blank prints nothing: an empty text (0 in the arithmetic)
                found: list[_Token] = [(pos, "", 0)] if blanks else []
                for end in range(pos + 1, min(n, pos + longest) + 1):
                    if s[end - 1] == _SEP:
                        break
                    token = s[pos:end]
                    if token in _PLACEHOLDER_TEXTS or grammar.fullmatch(token):
                        found.append((end, token, _number(token, kind)))
                table.append(found)
            tables[kind] = table
        self.cells = [tables[kind] for kind in kinds]
        """``cells[i][pos]``: the texts cell *i* can have when it starts at *pos*."""


def _finishing(tokens: _Tokens) -> list[set[int]]:
    """For each cell j, the positions from which cells j, j+1, … can still cut the rest of the
    run, the cell grammar alone considered (reachable from the start, too)."""
    nxt, n, k = tokens.next, len(tokens.piece.text), len(tokens.cells)
    reach: list[set[int]] = [{nxt[0]}]
    for j in range(k):
        reach.append({nxt[e] for p in reach[-1] for e, _, _ in tokens.cells[j][p]})
    finish: list[set[int]] = [set() for _ in range(k)] + [{n} & reach[k]]
    for j in range(k - 1, -1, -1):
        finish[j] = {
            p for p in reach[j] if any(nxt[e] in finish[j + 1] for e, _, _ in tokens.cells[j][p])
        }
    return finish


def _loose(tokens: _Tokens) -> Options:
    """What each cell can be over every cut allowed by the cell grammar alone, arithmetic aside.

    Computed by reachability (which positions a cell can start at from the left, and finish
    from the right), so it costs the same however many cuts there are.  Every cell's options
    are empty when the run cannot be cut at all.
    """
    finish = _finishing(tokens)
    options: Options = tuple({} for _ in tokens.cells)
    for j, cell in enumerate(tokens.cells):
        for p in sorted(finish[j]):
            for e, text, _ in cell[p]:
                if tokens.next[e] in finish[j + 1]:
                    options[j].setdefault(text, tokens.piece.span(p, e)[0])
    return options


def _merge(options: Sequence[Options]) -> Options:
    """The options of several alternative runs of one row, together."""
    merged: Options = tuple({} for _ in range(len(options[0])))
    for alternative in options:
        if any(not cell for cell in alternative):
            continue  # this run cannot be cut at all
        for into, cell in zip(merged, alternative, strict=True):
            for text, start in cell.items():
                into.setdefault(text, start)
    return merged


class _TooMany(Exception):
    pass


def _cuts(
    tokens: _Tokens, budget: _Budget, *, summed: bool, limit: int = _MAX_SPLITS
) -> tuple[list[_Cut], bool]:
    """Cuts of a run into its cells — with *summed*, only those in which the last cell is the
    sum of the others.

    Returns the cuts and whether they are all of them (False when there were more than
    *limit* or the search ran out of steps).
    """
    cutter = _Cutter(tokens, summed, limit)
    with budget.share(_SPLIT_NODES) as steps:
        try:
            cutter.run(steps)
        except (_TooMany, _OutOfBudget):
            return cutter.results[:limit], False
    return cutter.results, True


_Partial = tuple[int, tuple[str, ...], tuple[tuple[int, int], ...], tuple[int, ...]]
"""Some cells placed: where they end, and their texts, spans and arithmetic values."""


class _Cutter:
    """The search behind :func:`_cuts`.

    In general, cells are placed left to right, and a cell that is a group's total must be
    the sum of the group's cells placed before it.  A row whose last cell is the total of all
    the others is cut from both ends instead: the total is the end of the run, no part is
    longer than it, and the first and the second half of the parts are cut separately and
    matched by their sums (meet in the middle: about width³ work per total, not width⁶).
    """

    def __init__(self, tokens: _Tokens, summed: bool, limit: int) -> None:
        self.tokens, self.summed, self.limit = tokens, summed, limit
        self.piece, self.kinds = tokens.piece, tokens.kinds
        self.least = 0 if tokens.blanks else 1
        """The fewest characters a cell takes."""
        self.finish = _finishing(tokens)
        """Where each cell can start so that the rest of the run can still be cut."""
        self.results: list[_Cut] = []
        self.steps = _Budget(0)

    def found(self, cut: _Cut) -> None:
        self.results.append(cut)
        if len(self.results) > self.limit:
            raise _TooMany

    def run(self, steps: _Budget) -> None:
        self.steps = steps
        n, k = len(self.piece.text), len(self.kinds)
        if self.summed:
            assert _SEP not in self.piece.text, "a row that adds up is printed in one piece"
            # casting out nines: however the digits before the total are cut, the parts add
            # up to the sum of those digits, modulo 9
            nines = [0]
            for ch in self.piece.text:
                nines.append((nines[-1] + int(ch)) % 9 if ch.isdigit() else nines[-1])
            # the total is the end of the run (possibly blank), after at least k − 1 parts
            for start in range(n, (k - 1) * self.least - 1, -1):
                for end, token, number in self.tokens.cells[-1][start]:
                    if end == n and number % 9 == nines[start]:
                        self.sum_row(start, token, number)
        else:
            self.walk(0, 0, [])

    def sum_row(self, start: int, token: str, total: int) -> None:
        """Every cut of the run before *start* into k − 1 parts that add up to *total*."""
        k = len(self.kinds)
        # no part is longer than the total (as printed here: with separators, or a placeholder)
        width = len(str(total))
        if "," in self.piece.text:
            width += (width - 1) // 3
        if not self.piece.text.replace(",", "").isdigit():
            width = max(width, _LONGEST_PLACEHOLDER)
        span = self.piece.span(start, len(self.piece.text))
        half = (k - 1) // 2
        tails: dict[int, dict[int, list[_Partial]]] = {}
        for head in self.parts(0, 0, half, None, total, width):
            at, texts, spans, numbers = head
            if at not in tails:
                by_sum: dict[int, list[_Partial]] = {}
                for tail in self.parts(at, half, k - 1 - half, start, total, width):
                    by_sum.setdefault(sum(tail[3]), []).append(tail)
                tails[at] = by_sum
            for _, more_texts, more_spans, more_numbers in tails[at].get(total - sum(numbers), ()):
                self.found(
                    _Cut(
                        (*texts, *more_texts, token),
                        (*spans, *more_spans, span),
                        (*numbers, *more_numbers, total),
                    )
                )

    def parts(
        self, pos: int, first: int, count: int, stop: int | None, ceiling: int, width: int
    ) -> list[_Partial]:
        """Cells first … first+count−1 from *pos*, none longer than *width* characters,
        adding up to at most *ceiling*, and ending exactly at *stop* when it is given."""
        out: list[_Partial] = []
        texts: list[str] = []
        spans: list[tuple[int, int]] = []
        numbers: list[int] = []

        def place(j: int, at: int) -> None:
            self.steps.spend()
            if j == count:
                if stop is None or at == stop:
                    out.append((at, tuple(texts), tuple(spans), tuple(numbers)))
                return
            if (
                stop is not None
                and not (count - j) * self.least <= stop - at <= (count - j) * width
            ):
                return
            kind = self.kinds[first + j]
            for end, token, number in self.tokens.cells[first + j][at]:
                if end - at > width or (stop is not None and end > stop):
                    break
                if sum(numbers) + number > ceiling:
                    if kind is ValueKind.COUNT:
                        break  # a longer count at the same place is larger still
                    continue
                texts.append(token)
                spans.append(self.piece.span(at, end))
                numbers.append(number)
                place(j + 1, end)
                texts.pop()
                spans.pop()
                numbers.pop()

        place(0, pos)
        return out

    def walk(self, i: int, pos: int, placed: list[tuple[str, tuple[int, int], int]]) -> None:
        """Place cells i, i+1, … from *pos* to the end of the run, and record the cuts."""
        self.steps.spend()
        pos = self.tokens.next[pos]
        k, n = len(self.kinds), len(self.piece.text)
        if i == k:
            if pos == n:
                texts, spans, numbers = zip(*placed, strict=True) if placed else ((), (), ())
                self.found(_Cut(tuple(texts), tuple(spans), tuple(numbers)))
            return
        if pos not in self.finish[i]:
            return  # the rest of the run cannot be cut into the remaining cells at all
        for end, token, number in self.tokens.cells[i][pos]:
            span = self.piece.span(pos, end)
            placed.append((token, span, number))
            self.walk(i + 1, end, placed)
            placed.pop()


@attrs.frozen
class _Row:
    """A located row, read: what its cells can be with and without its own arithmetic."""

    found: _Found
    strict: tuple[_Cut, ...] | None
    """The cuts, no cell blank, in which the row's total is the sum of its other cells; None
    when the row has no total or there were too many cuts to list."""
    loose: Options
    """What each cell can be when the arithmetic is not used and any cell may be blank."""
    forced: bool
    """The digits allow one cut only, no cell blank: no arithmetic was needed to find it."""

    @classmethod
    def read(cls, found: _Found, budget: _Budget, *, summed: bool) -> _Row:
        kinds = [c.value_kind for c in found.row.cells]
        solid = [_Tokens(run, kinds, blanks=False) for run in found.runs]
        loose = _merge([_loose(_Tokens(run, kinds, blanks=True)) for run in found.runs])
        exact = _merge([_loose(tokens) for tokens in solid])
        forced = all(exact) and all(len(cell) == 1 for cell in exact)
        strict: tuple[_Cut, ...] | None = None
        if summed and all(loose):
            strict = _all_cuts(solid, budget)
        return cls(found, strict, loose, forced)

    def adding_up(self, budget: _Budget) -> Options:
        """What each cell can be over the cuts that add up, any cell possibly blank."""
        kinds = [c.value_kind for c in self.found.row.cells]
        tables = [_Tokens(run, kinds, blanks=True) for run in self.found.runs]
        cuts = _all_cuts(tables, budget)
        return self.loose if cuts is None else _options_of(cuts, len(kinds))

    @property
    def readable(self) -> bool:
        return all(self.loose)

    @property
    def text(self) -> str:
        """The run as printed (normalised), pieces separated by spaces."""
        return self.found.runs[0].text.replace(_SEP, " ")

    @property
    def at(self) -> int:
        return self.found.runs[0].index[0]

    def examples(self, budget: _Budget) -> list[_Cut]:
        """A few readings of the row for messages: without blank cells first, then with."""
        kinds = [c.value_kind for c in self.found.row.cells]
        out: list[_Cut] = []
        for blanks in (False, True):
            tokens = _Tokens(self.found.runs[0], kinds, blanks=blanks)
            for cut in _cuts(tokens, budget, summed=False, limit=3)[0]:
                if len(out) < 3 and cut.texts not in {c.texts for c in out}:
                    out.append(cut)
            if len(out) > 1:
                break
        return out


def _all_cuts(tables: Sequence[_Tokens], budget: _Budget) -> tuple[_Cut, ...] | None:
    """The cuts of every alternative run of a row that add up to its last cell, together;
    None if there were too many."""
    seen: dict[tuple[tuple[int, int], ...], _Cut] = {}
    for tokens in tables:
        cuts, complete = _cuts(tokens, budget, summed=True)
        if not complete:
            return None
        for cut in cuts:
            seen.setdefault(cut.spans, cut)
    return tuple(seen.values())


@attrs.frozen
class _Grouped:
    """What the cells of a run in groups can be (see :func:`_grouped`)."""

    options: Options
    examples: tuple[_Cut, ...]
    exact: bool
    """Some reading has every group adding up."""


_State = tuple[int, int, int, int]
"""(cell, position, groups broken so far, running sum of the current group or _FREE)."""
_FREE = -1
"""The running sum of a group read as broken: it need not add up."""


def _grouped(tokens: _Tokens, size: int, broken: int, budget: _Budget) -> _Grouped | None:
    """Cells in groups of *size*, the last cell of each the sum of the others — except in up
    to *broken* groups: what each cell can be over every such reading of the run.

    Dynamic programming over the cells, the state being where the cell starts, how many
    groups were broken so far and the running sum of the current group: the work grows with
    the number of states, not with the number of readings.  None when out of steps.
    """
    piece, nxt = tokens.piece, tokens.next
    n, k = len(piece.text), len(tokens.cells)
    finish = _finishing(tokens)
    memo: dict[_State, bool] = {}

    def moves(state: _State, steps: _Budget) -> list[tuple[str, int, _State]]:
        """(text, start, next state) of every cell that can be read in *state*."""
        steps.spend()
        cell, pos, used, running = state
        if cell % size == 0:  # a new group: read it as adding up, or (if allowed) as broken
            ways = [(used, 0)] + ([(used + 1, _FREE)] if used < broken else [])
        else:
            ways = [(used, running)]
        last = cell % size == size - 1
        out: list[tuple[str, int, _State]] = []
        for spent, before in ways:
            for end, text, number in tokens.cells[cell][pos]:
                at = nxt[end]
                if at not in finish[cell + 1]:
                    continue
                if before != _FREE and last and number != before:
                    continue
                after = 0 if last else _FREE if before == _FREE else before + number
                out.append((text, piece.span(pos, end)[0], (cell + 1, at, spent, after)))
        return out

    def finishes(state: _State, steps: _Budget) -> bool:
        if state[0] == k:
            return state[1] == n
        if state not in memo:
            memo[state] = any(finishes(s, steps) for _, _, s in moves(state, steps))
        return memo[state]

    options: Options = tuple({} for _ in range(k))
    examples: list[_Cut] = []
    exact = False
    with budget.share(_SPLIT_NODES) as steps:
        try:
            states = {(0, nxt[0], 0, 0)}
            states = {s for s in states if finishes(s, steps)}
            for cell in range(k):
                following: set[_State] = set()
                for state in states:
                    for text, at, after in moves(state, steps):
                        if finishes(after, steps):
                            options[cell].setdefault(text, at)
                            following.add(after)
                states = following
            exact = any(used == 0 for _, _, used, _ in states)

            def walk(state: _State, texts: tuple[str, ...]) -> None:
                if len(examples) >= 3:
                    return
                if state[0] == k:
                    examples.append(_Cut(texts, (), ()))
                    return
                for text, _, after in moves(state, steps):
                    if finishes(after, steps):
                        walk(after, (*texts, text))

            if states:
                walk((0, nxt[0], 0, 0), ())
        except _OutOfBudget:
            return None
    return _Grouped(options, tuple(examples), exact)


# ---------------------------------------------------------------------------------------------
# Solving section 三 with its cross-row identities
# ---------------------------------------------------------------------------------------------

_Term = tuple[int, int, int]
"""(row, column, coefficient) of one term of an identity Σ coefficient × value = 0."""


@attrs.frozen
class _Solved:
    used: dict[int, frozenset[int]]
    """For each row, the indexes of the cuts that occur in some solution (empty: none)."""

    @property
    def satisfiable(self) -> bool:
        return all(self.used.values()) if self.used else False


def _solve(
    rows: Mapping[int, Sequence[tuple[int, ...]]],
    identities: Sequence[Sequence[_Term]],
    budget: _Budget,
) -> _Solved | None:
    """Which candidate value-rows can take part in a solution of every identity.

    ``None`` when the search went over budget.
    """
    order = sorted(rows, key=lambda r: (len(rows[r]), r))
    n_ident = len(identities)
    contrib: list[dict[int, list[int]]] = []
    for terms in identities:
        per_row: dict[int, list[int]] = {}
        for row, col, coef in terms:
            values = per_row.setdefault(row, [0] * len(rows[row]))
            for k, cand in enumerate(rows[row]):
                values[k] += coef * cand[col]
        contrib.append(per_row)
    # the least and most that rows from depth d onwards can still add to each identity
    low = [[0] * (len(order) + 1) for _ in range(n_ident)]
    high = [[0] * (len(order) + 1) for _ in range(n_ident)]
    for i in range(n_ident):
        for d in range(len(order) - 1, -1, -1):
            adds = contrib[i].get(order[d], [0])
            low[i][d] = low[i][d + 1] + min(adds)
            high[i][d] = high[i][d + 1] + max(adds)
    of_row = {r: [i for i in range(n_ident) if r in contrib[i]] for r in order}
    partial = [0] * n_ident
    choice = [0] * len(order)
    used: dict[int, set[int]] = {r: set() for r in order}

    def walk(d: int, steps: _Budget) -> None:
        steps.spend()
        if d == len(order):
            for dd, r in enumerate(order):
                used[r].add(choice[dd])
            if all(len(used[r]) == len(rows[r]) for r in order):
                raise _Done
            return
        row = order[d]
        for k in range(len(rows[row])):
            ok = True
            for i in of_row[row]:
                partial[i] += contrib[i][row][k]
                if not low[i][d + 1] <= -partial[i] <= high[i][d + 1]:
                    ok = False
            if ok:
                choice[d] = k
                walk(d + 1, steps)
            for i in of_row[row]:
                partial[i] -= contrib[i][row][k]

    with budget.share(_SOLVE_NODES) as steps:
        try:
            walk(0, steps)
        except _Done:
            pass
        except _OutOfBudget:
            return None
    return _Solved({r: frozenset(v) for r, v in used.items()})


# ---------------------------------------------------------------------------------------------
# The result
# ---------------------------------------------------------------------------------------------


@attrs.frozen
class Recovered:
    """What could be recovered from a run-together text, with certainty.

    ``cells`` holds only cells whose number the template's arithmetic fixes (keyed by
    :attr:`~zfxxgk.template.CellSpec.path` of ``cell_specs(template, other_single=…)``);
    every other cell of the template is to be treated as missing, and ``diagnostics`` says why.
    """

    template: Template
    other_single: bool
    """（六）其他处理 printed as one row (the 2019 shape) rather than three sub-rows."""
    cells: dict[tuple[str, ...], Cell]
    diagnostics: tuple[Diagnostic, ...]
    locations: dict[tuple[str, ...], SourceLocation]


# ---------------------------------------------------------------------------------------------
# Public functions
# ---------------------------------------------------------------------------------------------


def _glued_labels() -> tuple[str, ...]:
    bodies: set[str] = set()
    for template in Template:
        for row in row_specs(template, other_single=False):
            if row.section == "三":
                bodies.add(_variants(row.row[-1])[-1][0])
    return tuple(sorted(bodies, key=len, reverse=True))


_GLUE: Final[re.Pattern[str]] = re.compile(
    "(?:"
    + "|".join(r"\s*".join(map(re.escape, body)) for body in _glued_labels())
    + r")[ \t\u00a0\u3000]*\d{5,}"
)


def looks_run_together(text: str) -> bool:
    """Heuristic: row labels of section 三 glued to long digit runs, on few lines.

    True for text in which a crawler ran the table cells together (``1.属于国家秘密0000000``);
    False for text whose cells are separated by tabs, line breaks or spaces.
    """
    folded = unicodedata.normalize("NFKC", text[:_MAX_TEXT]).translate(_UNIFY)
    hits = list(_GLUE.finditer(folded))
    if len(hits) < 3:
        return False
    breaks = folded.count("\n", hits[0].start(), hits[-1].end())
    return breaks <= len(hits) // 2


def recover(text: str, *, template: Template, source: str | None = None) -> Recovered:
    """Recover the table cells of a run-together report text where the arithmetic allows.

    Raises :class:`~zfxxgk.errors.UnreadableDocumentError` when no table can be recovered at
    all (no row label found, or no cell fixed).  Cells that stay ambiguous are left out of
    :attr:`Recovered.cells`, each with a diagnostic.
    """
    if len(text) > _MAX_TEXT:
        raise UnreadableDocumentError(
            f"文本过长（{len(text)} 个字符），不尝试从连写文本中恢复表格", path=source
        )
    return _Recovery(_Text.of(text, source), template).run()


class _Recovery:
    """One call of :func:`recover`: locates the tables, reads the runs, keeps what is certain."""

    def __init__(self, text: _Text, template: Template) -> None:
        self.text = text
        self.template = template
        self.budget = _Budget(_TOTAL_NODES)
        self.diagnostics: list[Diagnostic] = []
        self.cells: dict[tuple[str, ...], Cell] = {}
        self.locations: dict[tuple[str, ...], SourceLocation] = {}

    def note(
        self,
        code: str,
        severity: Severity,
        message: str,
        *,
        row: RowSpec | None = None,
        at: int | None = None,
    ) -> None:
        self.diagnostics.append(
            Diagnostic(
                code=code,
                severity=severity,
                message=message,
                location=self.text.location(at) if at is not None else None,
                path=".".join(row.path) if row is not None else None,
                labels=(row.section, *row.row) if row is not None else (),
            )
        )

    # -- the whole recovery ---------------------------------------------------------------
    def run(self) -> Recovered:
        self.check_template()
        found_any = False
        two = [r for r in row_specs(self.template) if r.section == "二"]
        start = _start_of_section_two(self.text, two)
        end = 0
        if start is None:
            self.note("C223", Severity.WARNING, "未找到第二部分（主动公开政府信息情况）的表格")
        else:
            found_any = True
            located, end = _locate_rows(self.text, two, start, "二")
            self.resolve_plain(located)

        single = self.template is Template.V2019
        rows = row_specs(self.template, other_single=single)
        three = [r for r in rows if r.section == "三"]
        start = _start_of_rows(self.text, three[0], end)
        if start is None:
            self.note(
                "C223", Severity.WARNING, "未找到第三部分（收到和处理政府信息公开申请情况）的表格"
            )
        else:
            found_any = True
            if not single and self.printed_as_one_row(start.end):
                single = True
                rows = row_specs(self.template, other_single=True)
                three = [r for r in rows if r.section == "三"]
            located, end = _locate_rows(self.text, three, start, "三")
            self.resolve_requests(located)

        appeals = _locate_appeals(self.text, [r for r in rows if r.section == "四"], end)
        if appeals is None:
            self.note("C223", Severity.WARNING, "未找到第四部分（行政复议、行政诉讼情况）的表格")
        else:
            found_any = True
            self.resolve_appeals(appeals)

        if not found_any:
            raise UnreadableDocumentError(
                f"连写文本中找不到{self.template.value}年版年度报告格式的统计表（第二十条第（一）项、"
                "一、本年新收政府信息公开申请数量、结果维持等标签都没有），无法分离数字；"
                "可能是 2019 年以前的旧格式报告",
                path=self.text.source,
            )
        if not self.cells:
            problems = "；".join(
                d.message for d in self.diagnostics if d.severity is Severity.WARNING
            )
            raise UnreadableDocumentError(
                f"连写文本中的表格数字无法唯一分离，没有一个单元格可以确定：{problems[:300]}",
                path=self.text.source,
            )
        total = len(cell_specs(self.template, other_single=single))
        summary = Diagnostic(
            code="C200",
            severity=Severity.INFO,
            message=(
                "表格单元格连在一起、没有分隔：按模板的算术关系唯一确定了 "
                f"{len(self.cells)} 个单元格（共 {total} 个），其余 "
                f"{total - len(self.cells)} 个无法唯一确定，留空"
            ),
            location=SourceLocation(file=self.text.source) if self.text.source else None,
        )
        return Recovered(
            template=self.template,
            other_single=single,
            cells=self.cells,
            diagnostics=(summary, *self.diagnostics),
            locations=self.locations,
        )

    def check_template(self) -> None:
        columns = {
            t: {_norm(s.column) for s in cell_specs(t) if s.section == "二"} for t in Template
        }
        other = Template.V2019 if self.template is Template.V2021 else Template.V2021
        mine = columns[self.template] - columns[other]
        theirs = columns[other] - columns[self.template]
        norm = self.text.norm
        if not any(w in norm for w in mine) and any(w in norm for w in theirs):
            self.note(
                "C230",
                Severity.WARNING,
                f"文本第二部分的表头像{other.value}年版格式，而不是给定的{self.template.value}年版",
            )

    def printed_as_one_row(self, start: int) -> bool:
        """Whether a 2021-template report prints （六）其他处理 as one row of numbers."""
        norm = self.text.norm
        rows = row_specs(self.template, other_single=False)
        first_sub = next(r for r in rows if r.path[-2:] == ("other_handling", "no_correction"))
        group = _Label(tuple(_variants(first_sub.row[-2])))
        at = _find(norm, group, start)
        sub_label = _row_label(first_sub)
        if at is None or any(norm.startswith(form, at.end) for form, _ in sub_label.forms):
            return False
        if _value_ends(norm, at.end)[0] == at.end:
            return False
        self.note("C231", Severity.INFO, CODES["C231"], at=at.start)
        return True

    # -- recording cells ------------------------------------------------------------------
    def keep(self, row: RowSpec, options: Options) -> list[int]:
        """Record every cell of *row* that has one possible text; return the others' indexes."""
        unsure: list[int] = []
        for j, spec in enumerate(row.cells):
            if len(options[j]) != 1 or "" in options[j]:
                unsure.append(j)  # several readings, or the cell may have been left blank
                continue
            ((token, start),) = options[j].items()
            printed = self.text.printed(start, start + len(token))
            cell, _ = parse_cell(printed if _norm(printed) == token else token, spec.value_kind)
            if cell.kind is CellKind.TEXT:  # pragma: no cover - the grammar admits numbers only
                unsure.append(j)
                continue
            if spec.unit is not None and cell.unit is None and cell.value is not None:
                cell = attrs.evolve(cell, unit=Unit(spec.unit))
            self.cells[spec.path] = cell
            self.locations[spec.path] = self.text.location(start)
        return unsure

    def ambiguous(self, row: _Row, unsure: list[int], cuts: Sequence[_Cut]) -> None:
        names = "、".join(row.found.row.cells[j].column for j in unsure)
        shown = " 或 ".join(_reading(c) for c in cuts[:3])
        self.note(
            "C210",
            Severity.WARNING,
            f"数字串“{row.text}”可拆分为 {shown} 等，{names} 无法唯一确定，留空",
            row=row.found.row,
            at=row.at,
        )

    def refused(self, found: _Found, problem: tuple[str, str] | None = None) -> None:
        code, message = problem or found.problem or ("C211", _no_cut(found))
        at = found.label.start if found.label is not None else None
        self.note(code, Severity.WARNING, f"{message}；本行数字留空", row=found.row, at=at)

    # -- section 二: no arithmetic, only what the digits force -----------------------------
    def resolve_plain(self, located: Iterable[_Found]) -> None:
        for found in located:
            if not found.runs:
                self.refused(found)
                continue
            row = _Row.read(found, self.budget, summed=False)
            if not row.readable:
                self.refused(found)
                continue
            unsure = self.keep(found.row, row.loose)
            if unsure:
                self.ambiguous(row, unsure, row.examples(self.budget))

    # -- section 四: the three group totals -----------------------------------------------
    def resolve_appeals(self, found: _Found) -> None:
        """Section 四: the fifteen numbers, cut so that the three groups add up.

        A report may misprint one group's total (a real one does), and the digits of a
        misprinted group can add up another way (``1/86/97/0/94`` printed, ``18/69/7/0/94``
        read); a cell may also have been left blank.  So a cell is kept only if it is the same
        in every reading in which at most one group fails to add up, and in every reading with
        blank cells in which all groups add up: a group's cells are fixed by the *other*
        groups' totals and the digits, never by its own total alone.
        """
        if not found.runs:
            self.refused(found)
            return
        row = _Row.read(found, self.budget, summed=False)
        if not row.readable:
            self.refused(found)
            return
        kinds = [c.value_kind for c in found.row.cells]
        solid, blank = [], []
        for run in found.runs:
            solid.append(_grouped(_Tokens(run, kinds, blanks=False), 5, 1, self.budget))
            blank.append(_grouped(_Tokens(run, kinds, blanks=True), 5, 0, self.budget))
        readings = [r for r in (*solid, *blank) if r is not None]
        options = row.loose
        if len(readings) < len(solid) + len(blank):
            self.note(
                "C214",
                Severity.WARNING,
                f"第四部分数字串“{row.text}”{CODES['C214']}；只保留不依赖算术的单元格",
                row=found.row,
                at=row.at,
            )
        elif not any(all(r.options) for r in readings):
            self.note(
                "C212",
                Severity.WARNING,
                f"第四部分数字串“{row.text}”在任何拆分下都有两组以上的总计不等于各项之和"
                "（原表本身不平）；只保留不依赖算术的单元格",
                row=found.row,
                at=row.at,
            )
        else:
            options = _merge([r.options for r in readings])
            if not any(r.exact for r in solid if r is not None):
                self.note(
                    "C212",
                    Severity.WARNING,
                    f"第四部分数字串“{row.text}”在任何拆分下三组总计都不能同时成立"
                    "（原表本身不平）；只保留其余两组总计所确定的单元格",
                    row=found.row,
                    at=row.at,
                )
            elif not row.forced:
                self.note(
                    "C203",
                    Severity.INFO,
                    f"第四部分数字串“{row.text}”按各组总计拆分；"
                    "只保留即使其中一组总计印错、或有单元格留空也不变的单元格",
                    row=found.row,
                    at=row.at,
                )
        unsure = self.keep(found.row, options)
        if unsure:
            examples = [c for r in readings for c in r.examples]
            self.ambiguous(row, unsure, examples or row.examples(self.budget))

    # -- section 三: row totals, then column totals and the balance ------------------------
    def resolve_requests(self, located: Sequence[_Found]) -> None:
        rows: dict[int, _Row] = {}
        for i, found in enumerate(located):
            if not found.runs:
                self.refused(found)
                continue
            row = _Row.read(found, self.budget, summed=True)
            if not row.readable:
                self.refused(found)
                continue
            rows[i] = row
            if row.strict is None:
                self.note(
                    "C214",
                    Severity.WARNING,
                    f"数字串“{row.text}”{CODES['C214']}；只保留不依赖算术的单元格",
                    row=found.row,
                    at=row.at,
                )
            elif not row.strict:
                self.note(
                    "C212",
                    Severity.WARNING,
                    f"数字串“{row.text}”在任何拆分下总计都不等于各项之和"
                    "（原表本身不平）；只保留不依赖算术的单元格",
                    row=found.row,
                    at=row.at,
                )
        confirmed = self.confirm(located, rows)
        for i, row in rows.items():
            if i in confirmed:
                cuts = [(row.strict or ())[k] for k in sorted(confirmed[i])]
                unsure = self.keep(row.found.row, _options_of(cuts, 7))
                if unsure:
                    self.ambiguous(row, unsure, cuts)
                elif not row.forced:
                    code = "C201" if len(row.strict or ()) == 1 else "C202"
                    self.note(
                        code, Severity.INFO, _explain(row, cuts[0]), row=row.found.row, at=row.at
                    )
                continue
            # no identity confirms this row: keep what its digits fix even if a cell was left
            # blank — and, when they force one reading that adds up, what every reading that
            # adds up (blank cells included) agrees on
            options = row.loose
            if row.forced and row.strict:
                options = row.adding_up(self.budget)
            unsure = self.keep(row.found.row, options)
            if not unsure:
                continue
            if row.strict is not None and len(row.strict) == 1:
                only = row.strict[0]
                self.note(
                    "C215",
                    Severity.WARNING,
                    f"数字串“{row.text}”只按本行总计可拆为 {_reading(only)}，"
                    "但没有列合计或勾稽关系印证，不予采用；"
                    f"{'、'.join(row.found.row.cells[j].column for j in unsure)} 留空",
                    row=row.found.row,
                    at=row.at,
                )
            else:
                self.ambiguous(row, unsure, row.strict or row.examples(self.budget))

    def confirm(
        self, located: Sequence[_Found], rows: Mapping[int, _Row]
    ) -> dict[int, frozenset[int]]:
        """Rows whose cuts a cross-row identity confirms, and which of their cuts survive.

        The balance (一 + 二 = （七） + 四) and the column totals (（七） = Σ outcome rows) are two
        families of identities.  A family takes part only when all its rows have cuts that
        add up; when both cannot hold together, a family that holds on its own is used only
        if the other fails on its own too (else it is unknown which one the report breaks).
        """
        where = {f.row.path: i for i, f in enumerate(located)}
        new = where[("requests", "new")]
        carried = where[("requests", "carried_over")]
        total = where[("requests", "outcomes", "total")]
        forward = where[("requests", "carried_forward")]
        leaves = [
            i for path, i in where.items() if path[:2] == ("requests", "outcomes") and i != total
        ]
        families: list[tuple[str, list[list[_Term]], set[int]]] = [
            (
                "一、本年新收 + 二、上年结转 = （七）总计 + 四、结转下年度继续办理",
                [
                    [(new, c, 1), (carried, c, 1), (total, c, -1), (forward, c, -1)]
                    for c in range(7)
                ],
                {new, carried, total, forward},
            ),
            (
                "（七）总计 = 各项办理结果之和",
                [[*((r, c, 1) for r in leaves), (total, c, -1)] for c in range(7)],
                {*leaves, total},
            ),
        ]
        usable = {i for i, r in rows.items() if r.strict}
        families = [f for f in families if f[2] <= usable]
        if not families:
            return {}

        def solve(identities: list[list[_Term]], members: set[int]) -> _Solved | None:
            values = {i: [cut.numbers for cut in rows[i].strict or ()] for i in members}
            return _solve(values, identities, self.budget)

        whole = solve([t for f in families for t in f[1]], set().union(*(f[2] for f in families)))
        if whole is None:
            self.note("C214", Severity.WARNING, "第三部分按列合计和勾稽关系求解时" + CODES["C214"])
            return {}
        if whole.satisfiable:
            return dict(whole.used)
        alone = [(name, solve(ids, members)) for name, ids, members in families]
        holding = [(name, s) for name, s in alone if s is not None and s.satisfiable]
        failing = [name for name, s in alone if s is None or not s.satisfiable]
        at = rows[total].at
        names = "”与“".join(name for name, _, _ in families)
        if len(holding) == 1 and failing:
            name, solved = holding[0]
            self.note(
                "C213",
                Severity.WARNING,
                f"第三部分的“{failing[0]}”在任何拆分下都不成立（原表本身不平）；"
                f"只用仍然成立的“{name}”印证拆分，其余各行只保留不依赖算术的单元格",
                at=at,
            )
            return dict(solved.used)
        if holding:
            why = f"“{names}”各自可以成立，但在任何拆分下不能同时成立，无法判断原表哪一处有误"
        else:
            why = f"“{names}”在任何拆分下都不成立"
        self.note(
            "C213",
            Severity.WARNING,
            f"第三部分的{why}（原表本身不平）；只保留不依赖算术的单元格",
            at=at,
        )
        return {}


def _flat_row(rows: Sequence[RowSpec]) -> RowSpec:
    """Section 四 as one printed row of 15 cells (it is usually printed so)."""
    cells = tuple(c for r in rows for c in r.cells)
    return RowSpec(path=("appeals",), section="四", row=(), aliases=(), cells=cells)


def _no_cut(found: _Found) -> str:
    text = found.runs[0].text.replace(_SEP, " ") if found.runs else ""
    return f"数字串“{text}”无法按 {len(found.row.cells)} 个单元格拆分"


def _explain(row: _Row, cut: _Cut) -> str:
    adding_up = len(row.strict or ())
    how = (
        "只有这一种拆分使本行总计等于各项之和，并经列合计或勾稽关系印证"
        if adding_up == 1
        else f"有 {adding_up} 种拆分使本行总计等于各项之和，由列合计和勾稽关系确定为这一种"
    )
    return f"数字串“{row.text}”拆分为 {_reading(cut)}：{how}"


def _reading(cut: _Cut) -> str:
    return "/".join(text or "（空）" for text in cut.texts)
