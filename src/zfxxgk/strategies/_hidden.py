"""Strategies for reports where one cell's non-zero value is not printed as a number.

Part of :mod:`zfxxgk.strategies` (import from there).  The audit of issue 16 found that no
strategy drew "a non-zero value printed blank, missing, unread, as a placeholder or as text":
``corrupted_reports`` only empties cells that are already 0.  :func:`with_hidden_value` does,
at any cell of any section, so that every rule touching a cell can be tested on it.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs
from hypothesis import reject
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from ..cells import Cell, CellKind, Number
from ..model import Report
from ..template import iter_cells, replace_at
from ._build import _SHOWN_PLACEHOLDERS, _TEXTS, reports

__all__ = ["HIDDEN_KINDS", "HiddenValue", "hidden_cells", "with_hidden_value"]

HIDDEN_KINDS: tuple[CellKind, ...] = (
    CellKind.BLANK,
    CellKind.PLACEHOLDER,
    CellKind.TEXT,
    CellKind.MISSING,
    CellKind.UNREAD,
)
"""Every way a cell can hold no number."""


@attrs.frozen(kw_only=True)
class HiddenValue:
    """The cell of :func:`with_hidden_value`: at ``path`` (dotted), the report printed
    ``cell`` (no number) where the value consistent with every other cell is ``value`` (≠ 0)."""

    path: str
    value: Number
    cell: Cell

    @property
    def counts_as_zero(self) -> bool:
        """The template counts this cell as 0 (blank, placeholder, text); else it is unknown."""
        return not self.cell.is_unknown


def hidden_cells(kinds: Iterable[CellKind] = HIDDEN_KINDS) -> st.SearchStrategy[Cell]:
    """A cell of one of *kinds* (each of :data:`HIDDEN_KINDS`): no number in it."""
    chosen = _kinds(kinds)
    return st.sampled_from(chosen).flatmap(_cell_of)


def _cell_of(kind: CellKind) -> st.SearchStrategy[Cell]:
    if kind is CellKind.BLANK:
        return st.sampled_from(("", " ", "\u3000")).map(Cell.blank)
    if kind is CellKind.PLACEHOLDER:
        return st.sampled_from(_SHOWN_PLACEHOLDERS).map(Cell.placeholder)
    if kind is CellKind.TEXT:
        return st.sampled_from(_TEXTS).map(lambda raw: Cell(raw=raw, kind=CellKind.TEXT))
    return st.just(Cell.missing() if kind is CellKind.MISSING else Cell.unread())


def _kinds(kinds: Iterable[CellKind]) -> tuple[CellKind, ...]:
    chosen = tuple(kinds)
    if not chosen or any(kind not in HIDDEN_KINDS for kind in chosen):
        raise InvalidArgument(f"kinds must be among {HIDDEN_KINDS!r}, not {chosen!r}")
    return chosen


def with_hidden_value(
    base: st.SearchStrategy[Report] | None = None,
    *,
    kinds: Iterable[CellKind] = HIDDEN_KINDS,
    paths: Iterable[str] | None = None,
) -> st.SearchStrategy[tuple[Report, HiddenValue]]:
    """A report drawn from *base* (default :func:`reports`) where one table cell whose value
    is not 0 is printed without a number: blank, a placeholder, text, not printed (missing) or
    not read, drawn from *kinds*; and a :class:`HiddenValue` saying where and what it was.

    The cell is any cell of any section, or one of *paths* (dotted) when given.  A drawn report
    with no non-zero cell among them is rejected (Hypothesis draws another), so *base* must
    give such cells often.
    """
    chosen = _kinds(kinds)
    wanted = None if paths is None else frozenset(paths)
    if wanted is not None and not wanted:
        raise InvalidArgument("paths must name at least one cell")
    return _hidden(reports() if base is None else base, chosen, wanted)


@st.composite
def _hidden(
    draw: st.DrawFn,
    base: st.SearchStrategy[Report],
    kinds: tuple[CellKind, ...],
    wanted: frozenset[str] | None,
) -> tuple[Report, HiddenValue]:
    report = draw(base)
    candidates = [
        (spec, cell.value)
        for spec, cell in iter_cells(report)
        if cell.value and (wanted is None or spec.dotted in wanted)
    ]
    if not candidates:
        reject()
    spec, value = draw(st.sampled_from(candidates))
    assert value is not None  # a non-zero number (filtered above)
    cell = draw(hidden_cells(kinds))
    hidden = HiddenValue(path=spec.dotted, value=value, cell=cell)
    changed: Report = replace_at(report, spec.path, cell)
    return changed, hidden
