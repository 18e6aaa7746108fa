"""From the PDF reader's geometry to the neutral document, shared by :mod:`.pdf` and :mod:`.scan`.

:func:`tables_from_segments` finds the cells that ruling segments close — drawn in a PDF, or
found in a scan's pixels — with pdfplumber's table finder; :func:`to_blocks` turns the items
of :func:`._pdf_grid.assemble` into paragraphs and tables (merged cells expanded into
``spanned`` copies).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

from ..diagnostics import SourceLocation
from . import _pdf_grid as grid
from ._pdf_grid import Segment
from .document import Block, Paragraph, Table, TextCell

__all__ = ["tables_from_segments", "to_blocks"]


_EDGE_MIN_LENGTH: Final = 3
_CROSSING: Final = 3
"""pdfplumber's defaults for ``edge_min_length`` and ``intersection_tolerance``."""


def tables_from_segments(
    segments: Sequence[Segment],
) -> list[list[tuple[float, float, float, float]]]:
    """The cells of the tables that the ruling *segments* close, grouped by table: pdfplumber's
    table finder on explicit edges (as ``page.find_tables`` with the ``explicit`` strategy,
    without a page: a scan's ruling is found in its pixels, :mod:`.scan`)."""
    from pdfplumber import table as finder
    from pdfplumber.utils.geometry import filter_edges

    edges = [_edge(s) for s in segments]
    if sum(e["orientation"] == "v" for e in edges) < 2 or (
        sum(e["orientation"] == "h" for e in edges) < 2
    ):
        return []  # no cell can be closed
    snap, join = finder.DEFAULT_SNAP_TOLERANCE, finder.DEFAULT_JOIN_TOLERANCE
    merged = finder.merge_edges(edges, snap, snap, join, join)
    merged = filter_edges(merged, min_length=_EDGE_MIN_LENGTH)
    crossings = finder.edges_to_intersections(merged, _CROSSING, _CROSSING)
    cells = finder.intersections_to_cells(crossings)
    return [[tuple(map(float, c)) for c in group] for group in finder.cells_to_tables(cells)]  # type: ignore[misc]


def _edge(segment: Segment) -> dict[str, Any]:
    """A pdfplumber edge for *segment* (``explicit`` table strategy)."""
    if segment.orient == "h":
        x0, x1, top, bottom = segment.start, segment.end, segment.pos, segment.pos
    else:
        x0, x1, top, bottom = segment.pos, segment.pos, segment.start, segment.end
    return {
        "object_type": "explicit_edge",
        "orientation": segment.orient,
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "doctop": top,
        "width": x1 - x0,
        "height": bottom - top,
    }


def to_blocks(items: list[grid.Item], source: str | None) -> list[Block]:
    blocks: list[Block] = []
    table_count = 0
    for item in items:
        if isinstance(item, grid.Line):
            if grid.is_furniture(item):
                continue
            blocks.append(
                Paragraph(text=item.text, location=SourceLocation(file=source, page=item.page))
            )
            continue
        table_count += 1
        blocks.append(_table(item, table_count, source))
    return blocks


def _table(part: grid.TablePart, index: int, source: str | None) -> Table:
    rows: list[tuple[TextCell, ...]] = []
    for r, row in enumerate(part.grid(), start=1):
        cells: list[TextCell] = []
        for c, (box, spanned) in enumerate(row, start=1):
            cells.append(
                TextCell(
                    text=box.text if box is not None else "",
                    location=SourceLocation(
                        file=source,
                        page=box.page if box is not None else part.page,
                        table=index,
                        row=r,
                        cell=c,
                    ),
                    spanned=spanned,
                )
            )
        rows.append(tuple(cells))
    return Table(
        rows=tuple(rows), location=SourceLocation(file=source, page=part.page, table=index)
    )
