"""Cutting a run of digits into the cells of a row, under the cell grammar (no leading
zeros, a sign only in 2019 本年增/减, decimals and 元/万元 only in money, placeholders such
as ``/``).

What the digits alone fix is found by reachability (:func:`loose_options`), allowing for
cells printed blank; :func:`list_cuts` lists the cuts, with ``summed`` only those in which
the last cell is the sum of the others (a row total, ``IdentityKind.ROW_TOTAL`` of
:mod:`zfxxgk.identities`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Final

import attrs

from ...cells import PLACEHOLDERS, ValueKind
from .budget import MAX_SPLITS, SPLIT_NODES, Budget, OutOfBudget
from .locate import Piece
from .text import SEP, normalise

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


_PLACEHOLDER_TEXTS: Final[frozenset[str]] = frozenset(normalise(p) for p in PLACEHOLDERS)


_LONGEST_PLACEHOLDER: Final[int] = max(map(len, _PLACEHOLDER_TEXTS))


@attrs.frozen
class Cut:
    """One way of cutting a run: the text, span and arithmetic value of every cell."""

    texts: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]
    numbers: tuple[int, ...]
    """Counts as printed, placeholders as 0 (money: 0, it takes part in no identity)."""


Options = tuple[dict[str, int], ...]
"""For each cell of a row, the texts it can have, each with the (normalised) index it starts at."""


def options_of(cuts: Iterable[Cut], width: int) -> Options:
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


class Tokens:
    """The cell texts that can start at each position of a run, for each cell of a row;
    with *blanks*, a cell may also have been left blank (an empty text)."""

    def __init__(self, piece: Piece, kinds: Sequence[ValueKind], *, blanks: bool) -> None:
        self.piece, self.kinds, self.blanks = piece, tuple(kinds), blanks
        s = piece.text
        n = len(s)
        self.next = list(range(n + 1))
        """The first position at or after each one that is not a boundary mark."""
        for pos in range(n - 1, -1, -1):
            if s[pos] == SEP:
                self.next[pos] = self.next[pos + 1]
        tables: dict[ValueKind, list[list[_Token]]] = {}
        for kind in set(kinds):
            grammar, longest = _GRAMMAR[kind], _MAX_TOKEN[kind]
            table: list[list[_Token]] = []
            for pos in range(n + 1):
                # a cell left blank prints nothing: an empty text (0 in the arithmetic)
                found: list[_Token] = [(pos, "", 0)] if blanks else []
                for end in range(pos + 1, min(n, pos + longest) + 1):
                    if s[end - 1] == SEP:
                        break
                    token = s[pos:end]
                    if token in _PLACEHOLDER_TEXTS or grammar.fullmatch(token):
                        found.append((end, token, _number(token, kind)))
                table.append(found)
            tables[kind] = table
        self.cells = [tables[kind] for kind in kinds]
        """``cells[i][pos]``: the texts cell *i* can have when it starts at *pos*."""


def finishing(tokens: Tokens) -> list[set[int]]:
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


def loose_options(tokens: Tokens) -> Options:
    """What each cell can be over every cut allowed by the cell grammar alone, arithmetic aside.

    Computed by reachability (which positions a cell can start at from the left, and finish
    from the right), so it costs the same however many cuts there are.  Every cell's options
    are empty when the run cannot be cut at all.
    """
    finish = finishing(tokens)
    options: Options = tuple({} for _ in tokens.cells)
    for j, cell in enumerate(tokens.cells):
        for p in sorted(finish[j]):
            for e, text, _ in cell[p]:
                if tokens.next[e] in finish[j + 1]:
                    options[j].setdefault(text, tokens.piece.span(p, e)[0])
    return options


def merge_options(options: Sequence[Options]) -> Options:
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


def list_cuts(
    tokens: Tokens, budget: Budget, *, summed: bool, limit: int = MAX_SPLITS
) -> tuple[list[Cut], bool]:
    """Cuts of a run into its cells — with *summed*, only those in which the last cell is the
    sum of the others.

    Returns the cuts and whether they are all of them (False when there were more than
    *limit* or the search ran out of steps).
    """
    cutter = _Cutter(tokens, summed, limit)
    with budget.share(SPLIT_NODES) as steps:
        try:
            cutter.run(steps)
        except (_TooMany, OutOfBudget):
            return cutter.results[:limit], False
    return cutter.results, True


_Partial = tuple[int, tuple[str, ...], tuple[tuple[int, int], ...], tuple[int, ...]]
"""Some cells placed: where they end, and their texts, spans and arithmetic values."""


class _Cutter:
    """The search behind :func:`list_cuts`.

    In general, cells are placed left to right, and a cell that is a group's total must be
    the sum of the group's cells placed before it.  A row whose last cell is the total of all
    the others is cut from both ends instead: the total is the end of the run, no part is
    longer than it, and the first and the second half of the parts are cut separately and
    matched by their sums (meet in the middle: about width³ work per total, not width⁶).
    """

    def __init__(self, tokens: Tokens, summed: bool, limit: int) -> None:
        self.tokens, self.summed, self.limit = tokens, summed, limit
        self.piece, self.kinds = tokens.piece, tokens.kinds
        self.least = 0 if tokens.blanks else 1
        """The fewest characters a cell takes."""
        self.finish = finishing(tokens)
        """Where each cell can start so that the rest of the run can still be cut."""
        self.results: list[Cut] = []
        self.steps = Budget(0)

    def found(self, cut: Cut) -> None:
        self.results.append(cut)
        if len(self.results) > self.limit:
            raise _TooMany

    def run(self, steps: Budget) -> None:
        self.steps = steps
        n, k = len(self.piece.text), len(self.kinds)
        if self.summed:
            assert SEP not in self.piece.text, "a row that adds up is printed in one piece"
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
                    Cut(
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
                self.found(Cut(tuple(texts), tuple(spans), tuple(numbers)))
            return
        if pos not in self.finish[i]:
            return  # the rest of the run cannot be cut into the remaining cells at all
        for end, token, number in self.tokens.cells[i][pos]:
            span = self.piece.span(pos, end)
            placed.append((token, span, number))
            self.walk(i + 1, end, placed)
            placed.pop()


def all_cuts(tables: Sequence[Tokens], budget: Budget) -> tuple[Cut, ...] | None:
    """The cuts of every alternative run of a row that add up to its last cell, together;
    None if there were too many."""
    seen: dict[tuple[tuple[int, int], ...], Cut] = {}
    for tokens in tables:
        cuts, complete = list_cuts(tokens, budget, summed=True)
        if not complete:
            return None
        for cut in cuts:
            seen.setdefault(cut.spans, cut)
    return tuple(seen.values())
