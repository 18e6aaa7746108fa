"""Shared analyses of one report, computed once per report and used by several rules.

:func:`scan` reads every table cell of a report once (C-level attribute getters prepared
per template shape) and sorts the unusual ones: blank, placeholder, missing, text, negative, not
whole.  :func:`section3` explains the residuals of section 三's identities by cell
corrections, so that one wrong cell gives one finding (see ``docs/rules.md``).  Both are pure
functions of the report; during a check the scan is computed once and shared by the rules
(:class:`zfxxgk.rules.context.CheckContext`).
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal
from typing import Any, Final

import attrs

from ..cells import Cell, CellKind, Number, ValueKind
from ..identities import (
    S3_COLUMNS,
    S3_TOTAL_COLUMN,
    SECTION4_IDENTITIES,
    IdentityKind,
    IdentityTable,
    section3_identities,
)
from ..model import ApplicantRow, Report, Template
from ..template import CellSpec, cell_specs, row_specs
from .context import shared_analysis

__all__ = [
    "CellScan",
    "Layout",
    "S3Problem",
    "Undecided",
    "layout_of",
    "scan",
    "section3_identities",
    "section4",
    "undecided",
]

ROW_TOTAL: Final = "S3-ROW-TOTAL"
OUTCOME_TOTAL: Final = "S3-OUTCOME-TOTAL"
BALANCE: Final = "S3-BALANCE"

_TOTAL_COLUMN: Final = S3_TOTAL_COLUMN
"""Index of the 总计 column in a section-三 row (after the six applicant columns)."""


# --------------------------------------------------------------------------------------
# Layout of a template shape
# --------------------------------------------------------------------------------------


@attrs.frozen(eq=False)
class Layout:
    """Where everything is in the flat cell tuple of one template shape."""

    template: Template
    other_single: bool
    specs: tuple[CellSpec, ...]
    paths: tuple[str, ...]
    """The dotted path of every cell, as ``specs``."""
    row_getter: Callable[[Any], tuple[Any, ...]]
    """Every printed row object of a report, in template order."""
    cell_getters: tuple[Callable[[Any], tuple[Cell, ...]], ...]
    """Per row: the row's cells, in template order."""
    signed: frozenset[int]
    """Indices of cells that may be negative (2019 本年增/减)."""
    counts: frozenset[int]
    """Indices of count cells (signed or not): they hold whole numbers."""
    count_values: Callable[[Sequence[Any]], tuple[Any, ...]]
    """The values of the count cells, from the values of all cells."""
    money: tuple[int, ...]
    s3_start: int
    s3_rows: int
    """Number of printed rows of section 三 (25 with three （六） sub-rows, 23 with one)."""
    s4_start: int

    def cells_of(self, report: Report) -> tuple[Cell, ...]:
        """Every table cell of *report*, in template order (as ``specs``)."""
        cells: list[Cell] = []
        extend = cells.extend
        for row, get in zip(self.row_getter(report), self.cell_getters, strict=True):
            extend(get(row))
        return tuple(cells)


def _cells_getter(names: tuple[str, ...]) -> Callable[[Any], tuple[Cell, ...]]:
    if len(names) == 1:
        name = names[0]
        return lambda row: (getattr(row, name),)
    getter: Callable[[Any], tuple[Cell, ...]] = operator.attrgetter(*names)
    return getter


@functools.cache
def _layout(template: Template, other_single: bool) -> Layout:
    specs = cell_specs(template, other_single=other_single)
    rows = row_specs(template, other_single=other_single)
    s3 = [i for i, s in enumerate(specs) if s.section == "三"]
    s4 = [i for i, s in enumerate(specs) if s.section == "四"]
    _check_order(specs, rows, s3, s4)
    return Layout(
        template=template,
        other_single=other_single,
        specs=specs,
        paths=tuple(spec.dotted for spec in specs),
        row_getter=operator.attrgetter(*(".".join(row.path) for row in rows)),
        cell_getters=tuple(_cells_getter(tuple(c.path[-1] for c in row.cells)) for row in rows),
        signed=frozenset(i for i, s in enumerate(specs) if s.value_kind is ValueKind.SIGNED_COUNT),
        counts=frozenset(i for i, s in enumerate(specs) if s.value_kind is not ValueKind.MONEY),
        count_values=operator.itemgetter(
            *(i for i, s in enumerate(specs) if s.value_kind is not ValueKind.MONEY)
        ),
        money=tuple(i for i, s in enumerate(specs) if s.value_kind is ValueKind.MONEY),
        s3_start=s3[0],
        s3_rows=len(s3) // 7,
        s4_start=s4[0],
    )


def _check_order(
    specs: tuple[CellSpec, ...], rows: Sequence[Any], s3: list[int], s4: list[int]
) -> None:
    """The index arithmetic below relies on the model's order; say so if it ever changes."""
    n = len(s3) // S3_COLUMNS
    expected = {
        0: ("requests", "new"),
        1: ("requests", "carried_over"),
        n - 2: ("requests", "outcomes", "total"),
        n - 1: ("requests", "carried_forward"),
    }
    ok = (
        [c for row in rows for c in row.cells] == list(specs)
        and s3 == list(range(s3[0], s3[0] + S3_COLUMNS * n))
        and all(specs[s3[0] + S3_COLUMNS * r].path[:-1] == path for r, path in expected.items())
        and all(specs[s3[0] + S3_COLUMNS * r + _TOTAL_COLUMN].path[-1] == "total" for r in range(n))
        and s4 == list(range(s4[0], s4[0] + 15))
        and all(specs[s4[0] + 5 * g + 4].path[-1] == "total" for g in range(3))
    )
    if not ok:  # pragma: no cover - guards against a change of the model's field order
        raise RuntimeError("zfxxgk.rules.analysis: the model's cell order is not the expected one")


def layout_of(report: Report) -> Layout:
    """The layout of *report*'s template shape (template and （六） rows)."""
    single = isinstance(report.requests.outcomes.other_handling, ApplicantRow)
    return _layout(report.info.template, single)


# --------------------------------------------------------------------------------------
# One pass over the cells
# --------------------------------------------------------------------------------------


class CellScan:
    """Every table cell of one report, read once, with the unusual ones sorted out.

    ``cells`` and ``values`` follow ``layout.specs``; ``values`` counts blank, placeholder,
    text, missing and unread cells as 0 (the rules test :attr:`Cell.is_unknown` before they
    compute with a value).  The other attributes are tuples of indices.
    """

    __slots__ = (
        "_s3",
        "_undecided",
        "blank",
        "cells",
        "layout",
        "missing",
        "negative",
        "not_whole",
        "placeholder",
        "text",
        "unknown",
        "unread",
        "values",
    )

    def __init__(self, report: Report) -> None:
        layout = layout_of(report)
        cells = layout.cells_of(report)
        values: list[Any] = [cell.value for cell in cells]
        blank: list[int] = []
        placeholder: list[int] = []
        missing: list[int] = []
        unread: list[int] = []
        text: list[int] = []
        negative: list[int] = []
        not_whole: list[int] = []
        if None in values:
            for index, value in enumerate(values):
                if value is None:
                    kind = cells[index].kind
                    if kind is CellKind.BLANK:
                        blank.append(index)
                    elif kind is CellKind.PLACEHOLDER:
                        placeholder.append(index)
                    elif kind is CellKind.MISSING:
                        missing.append(index)
                    elif kind is CellKind.UNREAD:
                        unread.append(index)
                    else:
                        text.append(index)
            values = [0 if value is None else value for value in values]
        # the usual report holds only ints ≥ 0 in its count cells: two C-level passes tell
        if min(values) < 0 or set(map(type, layout.count_values(values))) != {int}:
            signed, counts = layout.signed, layout.counts
            for index, value in enumerate(values):
                if value < 0 and index not in signed:
                    negative.append(index)
                if (
                    isinstance(value, Decimal)
                    and index in counts
                    and value != value.to_integral_value()
                ):
                    not_whole.append(index)
        self.layout = layout
        self.cells = cells
        self.values: list[Number] = values
        self.blank = tuple(blank)
        self.placeholder = tuple(placeholder)
        self.missing = tuple(missing)
        self.unread = tuple(unread)
        self.text = tuple(text)
        self.negative = tuple(negative)
        self.not_whole = tuple(not_whole)
        self.unknown: frozenset[int] = frozenset(missing).union(unread)
        """The indices of the cells nothing is known about (missing or unread)."""
        self._s3: tuple[S3Problem, ...] | None = None
        self._undecided: tuple[Undecided, ...] | None = None

    def path(self, index: int) -> str:
        return self.layout.paths[index]


@shared_analysis
def scan(report: Report) -> CellScan:
    """The cell scan of *report* (computed once per check: see
    :func:`zfxxgk.rules.context.shared_analysis`)."""
    return CellScan(report)


# --------------------------------------------------------------------------------------
# Section 三: explain the residuals of the identities by cell corrections
# --------------------------------------------------------------------------------------


@attrs.frozen(kw_only=True, slots=True)
class S3Problem:
    """One finding's worth of section 三 arithmetic.

    ``explained`` is True when one cell's correction (to ``expected``) makes every identity it
    takes part in hold; False for an identity left over that no single cell explains, reported
    at its natural cell (``expected`` is then what that cell would have to be).
    """

    code: str
    path: str
    reported: Number | None
    expected: Number
    because: tuple[str, ...]
    """Chinese statements of the identities concerned."""
    explained: bool
    balance_columns: frozenset[int]
    """Columns (0–6) whose balance (一 + 二 = （七） + 四) this problem is about."""


_IDENTITY_TEXT: Final = (
    "本行总计 = 自然人 + 法人或其他组织各列之和",
    "本列（七）总计 = （一）至（六）各项之和",
    "本列 一 + 二 = （七）总计 + 四（表注勾稽关系）",
)


_KIND_NUMBER: Final = {
    IdentityKind.ROW_TOTAL: 0,
    IdentityKind.OUTCOME_TOTAL: 1,
    IdentityKind.BALANCE: 2,
}
"""An identity's kind as an index into ``_IDENTITY_TEXT`` and the three codes."""


def _kind(table: IdentityTable, identity: int) -> int:
    """0 row total, 1 outcome total, 2 balance."""
    return _KIND_NUMBER[table.identities[identity].kind]


def _column(table: IdentityTable, identity: int) -> int:
    """The column an identity of one column (outcome total, balance) is about."""
    return table.identities[identity].carrier[1]


def _role(rows: int, k: int) -> str:
    """The rule that owns a wrong cell, by the cell's role in the table."""
    r, c = divmod(k, S3_COLUMNS)
    if r == rows - 2:
        return OUTCOME_TOTAL
    if c == _TOTAL_COLUMN:
        return ROW_TOTAL
    if r in (0, 1, rows - 1):
        return BALANCE
    return ROW_TOTAL  # a leaf outcome cell: its own row total catches it first


def section3(report: Report) -> tuple[S3Problem, ...]:
    """The arithmetic problems of section 三, one per root cause (cached per report).

    Residuals of every identity (row totals R, outcome totals O, balances B) are computed
    with blank cells as 0.  Then, greedily, the single cell whose correction removes the most
    residual (sum of absolute values) is taken as wrong — on ties a cell with no number first
    (blank, placeholder, missing, text), then a total; never correcting to a negative number —
    until no correction helps.  Identities still unbalanced
    are reported at their natural cell: R at the row's 总计, O at （七）, B at 四.  An identity
    through a missing cell (one the source does not have) is not decided at all.
    """
    return section3_of(scan(report))


def section3_of(data: CellScan) -> tuple[S3Problem, ...]:
    """:func:`section3` from a cell scan (computed once per scan)."""
    if data._s3 is None:
        data._s3 = _explain(data)
    return data._s3


def _explain(data: CellScan) -> tuple[S3Problem, ...]:
    layout = data.layout
    rows = layout.s3_rows
    start = layout.s3_start
    values = data.values[start : start + S3_COLUMNS * rows]
    table = section3_identities(rows)
    res: list[Any] = table.residuals(values)
    if not any(res):
        return ()
    # An identity through a cell the source does not have (missing: never printed, or not
    # read) cannot be decided: counting the cell as 0 would accuse correctly printed cells.
    # CELL-MISSING reports the cell itself; here its identities are left out.
    undecided = {
        i
        for k in sorted(data.unknown)
        if start <= k < start + S3_COLUMNS * rows
        for i, _ in table.membership[k - start]
    }
    for i in undecided:
        res[i] = 0
    if not any(res):
        return ()
    explainer = _Explainer(data, table, values, res, undecided)
    explainer.correct()
    return (*explainer.explained(), *explainer.left_over())


class _Explainer:
    """The greedy explanation of section 三's residuals by single-cell corrections."""

    def __init__(
        self,
        data: CellScan,
        table: IdentityTable,
        values: Sequence[Number],
        res: list[Any],
        undecided: set[int],
    ) -> None:
        self.data, self.table, self.values = data, table, values
        self.start = data.layout.s3_start
        self.res, self.undecided = res, undecided
        cells = data.cells[self.start : self.start + len(values)]
        self.blank = [cell.value is None for cell in cells]
        self.current = list(values)
        self.corrections: dict[int, Number] = {}
        self.because: dict[int, set[int]] = {}

    def best_for(self, k: int) -> tuple[Any, ...] | None:
        """The best correction of cell *k*: (gain, blank, total, zeroed, -k, d), or None."""
        res, undecided = self.res, self.undecided
        pairs = self.table.membership[k]
        r, c = divmod(k, S3_COLUMNS)
        is_total = c == _TOTAL_COLUMN or r == self.table.rows - 2
        found: tuple[Any, ...] | None = None
        for i0, a0 in pairs:
            if not res[i0]:
                continue
            d = -a0 * res[i0]
            if self.current[k] + d < 0:
                continue
            gain: Number = 0
            zeroed = 0
            for i, a in pairs:
                if i in undecided:
                    continue
                after = res[i] + a * d
                gain += abs(res[i]) - abs(after)
                zeroed += after == 0
            if gain > 0:
                key = (gain, self.blank[k], is_total, zeroed, -k, d)
                if found is None or key[:5] > found[:5]:
                    found = key
        return found

    def correct(self) -> None:
        """Take the best single-cell correction until none helps."""
        res, membership, members = self.res, self.table.membership, self.table.members
        # Each cell's best correction only changes when an identity it is in changes: keep them.
        known: dict[int, tuple[Any, ...] | None] = {}
        for _ in range(4 * len(res)):
            best: tuple[Any, ...] | None = None
            for k in {k for i, r in enumerate(res) if r for k in members[i]}:
                if k not in known:
                    known[k] = self.best_for(k)
                option = known[k]
                if option is not None and (best is None or option[:5] > best[:5]):
                    best = option
            if best is None:
                break
            k, d = -best[4], best[5]
            self.because.setdefault(k, set()).update(i for i, _ in membership[k] if res[i])
            for i, a in membership[k]:
                if i in self.undecided:
                    continue
                res[i] += a * d
                for other in members[i]:
                    known.pop(other, None)
            self.current[k] += d
            self.corrections[k] = self.corrections.get(k, 0) + d

    def explained(self) -> Iterator[S3Problem]:
        """One problem per corrected cell."""
        table, at = self.table, self.start
        for k, d in self.corrections.items():
            if not d:
                continue
            involved = sorted(self.because[k])
            yield S3Problem(
                code=_role(table.rows, k),
                path=self.data.layout.paths[at + k],
                reported=self.data.cells[at + k].value,
                expected=self.values[k] + d,
                because=tuple(_IDENTITY_TEXT[_kind(table, i)] for i in involved),
                explained=True,
                balance_columns=frozenset(
                    _column(table, i) for i in involved if _kind(table, i) == 2
                ),
            )

    def left_over(self) -> Iterator[S3Problem]:
        """One problem per identity still broken, at the cell that carries it."""
        table, at = self.table, self.start
        for i, left in enumerate(self.res):
            if not left:
                continue
            identity = table.identities[i]
            k, a = table.index(identity.carrier), identity.coefficient(identity.carrier)
            kind = _kind(table, i)
            yield S3Problem(
                code=(ROW_TOTAL, OUTCOME_TOTAL, BALANCE)[kind],
                path=self.data.layout.paths[at + k],
                reported=self.data.cells[at + k].value,
                expected=self.current[k] - a * left,
                because=(_IDENTITY_TEXT[kind],),
                explained=False,
                balance_columns=frozenset({_column(table, i)}) if kind == 2 else frozenset(),
            )


# --------------------------------------------------------------------------------------
# Identities that cannot be checked: they touch an unknown cell
# --------------------------------------------------------------------------------------


@attrs.frozen(kw_only=True, slots=True)
class Undecided:
    """An identity of sections 三 or 四 that touches an unknown cell: not checked.

    ``code`` is the rule it belongs to, ``path`` the cell that carries it, ``what`` its
    Chinese statement, ``cells`` the dotted paths of its unknown cells."""

    code: str
    path: str
    what: str
    cells: tuple[str, ...]


_UNDECIDED_TEXT: Final = (
    "行合计“总计 = 自然人 + 法人或其他组织各列”（“{}”行）",
    "办理结果合计“（七）总计 = （一）至（六）各项之和”（{}列）",
    "勾稽关系“一 + 二 = （七）总计 + 四”（{}列）",
    "合计“总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结”（{}）",
)


def undecided(data: CellScan) -> tuple[Undecided, ...]:
    """Every identity of sections 三 and 四 that touches an unknown cell, in table order
    (none when every cell is known; computed once per scan)."""
    if data._undecided is None:
        data._undecided = _undecided_of(data) if data.unknown else ()
    return data._undecided


def _undecided_of(data: CellScan) -> tuple[Undecided, ...]:
    unknown_cells = data.unknown
    layout = data.layout
    out: list[Undecided] = []
    tables = (
        (section3_identities(layout.s3_rows), layout.s3_start),
        (SECTION4_IDENTITIES, layout.s4_start),
    )
    for table, start in tables:
        for identity, members in zip(table.identities, table.members, strict=True):
            unknown = [start + k for k in members if start + k in unknown_cells]
            if not unknown:
                continue
            carrier = start + table.index(identity.carrier)
            out.append(_undecided(data, identity.kind, carrier, unknown))
    return tuple(out)


def _undecided(data: CellScan, kind: IdentityKind, carrier: int, unknown: list[int]) -> Undecided:
    labels = data.layout.specs[carrier].labels
    if kind is IdentityKind.CASE_TOTAL:
        code, text, name = "S4-TOTAL", _UNDECIDED_TEXT[3], "/".join(labels[1:-1])
    else:
        number = _KIND_NUMBER[kind]
        code, text = (ROW_TOTAL, OUTCOME_TOTAL, BALANCE)[number], _UNDECIDED_TEXT[number]
        row = labels[2:-1] if len(labels) >= 4 else labels[1:-1]
        name = "/".join(row) if number == 0 else labels[-1]
    return Undecided(
        code=code,
        path=data.path(carrier),
        what=text.format(name),
        cells=tuple(data.path(k) for k in unknown),
    )


# --------------------------------------------------------------------------------------
# Section 四
# --------------------------------------------------------------------------------------


def section4(report: Report) -> tuple[tuple[str, Number | None, Number], ...]:
    """(path of 总计, printed 总计, sum of the four parts) for each group that does not add up.

    A group with a cell the source does not have (missing) is not decided.
    """
    return section4_of(scan(report))


def section4_of(data: CellScan) -> tuple[tuple[str, Number | None, Number], ...]:
    """:func:`section4` from a cell scan."""
    start = data.layout.s4_start
    table = SECTION4_IDENTITIES
    values = data.values[start : start + table.rows * table.columns]
    cells, unknown = data.cells, data.unknown
    out: list[tuple[str, Number | None, Number]] = []
    for identity, (total, parts) in zip(table.identities, table.flat, strict=True):
        if unknown and any(start + k in unknown for k in (*parts, *total)):
            continue  # undecidable: CELL-MISSING reports the cell the source does not have
        expected = sum(values[k] for k in parts)
        at = start + table.index(identity.carrier)
        if data.values[at] != expected:
            out.append((data.path(at), cells[at].value, expected))
    return tuple(out)
