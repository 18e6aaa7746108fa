"""Strategies for reports with unknown cells: not printed, or printed and not read.

Part of :mod:`zfxxgk.strategies` (import from there).
"""

from __future__ import annotations

from collections.abc import Iterable

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from ..cells import Cell, CellKind
from ..model import Report
from ..template import iter_cells
from ._build import _replace_many, reports

__all__ = ["with_unknown_cells"]

_UNKNOWN_KINDS = (CellKind.MISSING, CellKind.UNREAD)


def with_unknown_cells(
    base: st.SearchStrategy[Report] | None = None,
    *,
    kinds: Iterable[CellKind] = _UNKNOWN_KINDS,
) -> st.SearchStrategy[tuple[Report, frozenset[str]]]:
    """A report drawn from *base* (default :func:`reports`) with any subset of its table
    cells made unknown, and the dotted paths of those cells.

    The subset is drawn as single cells, whole rows or whole sections (the shapes readers
    leave unread), and may be empty or every cell.  Each chosen cell becomes
    :meth:`Cell.missing() <zfxxgk.cells.Cell.missing>` or :meth:`Cell.unread()
    <zfxxgk.cells.Cell.unread>`, drawn from *kinds*.
    """
    chosen = tuple(kinds)
    if not chosen or any(kind not in _UNKNOWN_KINDS for kind in chosen):
        raise InvalidArgument(f"kinds must be CellKind.MISSING and/or UNREAD, not {chosen!r}")
    return _unknown(reports() if base is None else base, chosen)


@st.composite
def _unknown(
    draw: st.DrawFn, base: st.SearchStrategy[Report], kinds: tuple[CellKind, ...]
) -> tuple[Report, frozenset[str]]:
    report = draw(base)
    specs = [spec for spec, _ in iter_cells(report)]
    how = draw(st.sampled_from(("cells", "rows", "sections")))
    if how == "cells":
        picked = draw(st.sets(st.sampled_from(specs), max_size=len(specs)))
    else:
        keys = [spec.row_path if how == "rows" else (spec.section,) for spec in specs]
        groups = sorted(set(keys))
        taken = draw(st.sets(st.sampled_from(groups), max_size=len(groups)))
        picked = {spec for spec, key in zip(specs, keys, strict=True) if key in taken}
    changes = {
        spec.path: Cell.unread()
        if draw(st.sampled_from(kinds)) is CellKind.UNREAD
        else Cell.missing()
        for spec in sorted(picked, key=specs.index)
    }
    changed: Report = _replace_many(report, changes)
    return changed, frozenset(spec.dotted for spec in picked)
