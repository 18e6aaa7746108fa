"""The document as one stream of items: paragraphs, and table rows analysed against the
template (a row's label, if any, and its value cells).

Every item has a *position* in the stream (one per paragraph and one per table row, in
document order): the stages compare positions to tell which section an item is in.
"""

from __future__ import annotations

import attrs

from ...diagnostics import SourceLocation
from ...template import RowSpec
from ..document import AnyCell, Document, Paragraph, Table
from ..labels import Match
from .values import classify

__all__ = ["Item", "Para", "RawItem", "Row", "item_text", "raw_items"]


@attrs.frozen
class Row:
    """One table row, analysed: its label (if any) and its value cells."""

    position: int
    table: Table
    index: int
    cells: tuple[AnyCell, ...]
    kind: str
    """``anchor`` (label matched a template row), ``group`` (label matched a group heading),
    ``values`` (no label, only values), ``unknown`` (unrecognised label with numbers),
    ``header`` (text, no numbers)."""
    match: Match | None = None
    values: tuple[AnyCell, ...] = ()

    @property
    def location(self) -> SourceLocation:
        first = self.cells[0].location if self.cells else self.table.location
        return SourceLocation(
            file=first.file,
            page=first.page,
            line=first.line,
            table=self.table.location.table,
            row=self.index + 1,
        )

    @property
    def has_digits(self) -> bool:
        return any(classify(c.text) == "value" for c in self.values)

    @property
    def spec(self) -> RowSpec | None:
        if self.match is not None and isinstance(self.match.target, RowSpec):
            return self.match.target
        return None


@attrs.frozen
class Para:
    """A paragraph of the document, at its position in the stream."""

    position: int
    paragraph: Paragraph


Item = Row | Para

RawItem = tuple[int, Paragraph | tuple[Table, int]]
"""A position and what is there: a paragraph, or (a table, the index of one of its rows)."""


def raw_items(document: Document) -> list[RawItem]:
    """The paragraphs and table rows of *document*, in order, numbered by position."""
    out: list[RawItem] = []
    for block in document.blocks:
        if isinstance(block, Paragraph):
            out.append((len(out), block))
        else:
            for index in range(len(block.grid)):
                out.append((len(out), (block, index)))
    return out


def item_text(item: Item) -> str:
    """The text of an item as a line of a section's text."""
    if isinstance(item, Para):
        return item.paragraph.text
    return " ".join(c.text.replace("\n", "") for c in item.cells if not c.spanned)
