"""The neutral document every reader produces (stage one of two).

A reader only turns a file into a :class:`Document`: a sequence of blocks, each a
:class:`Paragraph` (one line or paragraph of text) or a :class:`Table` (a grid of
:class:`TextCell`, merged cells expanded).  Every block and cell remembers where it came from.
The shared builder (:mod:`zfxxgk.readers.builder`) then finds the sections and tables against
the template data and builds the report.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, NamedTuple

import attrs

from ..diagnostics import Diagnostic, SourceLocation
from ..limits import MAX_PARTS as MAX_PARTS
from ..limits import MAX_TEXT_BYTES as MAX_TEXT_BYTES
from ..limits import too_large as too_large
from ..limits import too_many_parts as too_many_parts

__all__ = [
    "MAX_PARTS",
    "MAX_TEXT_BYTES",
    "AnyCell",
    "Block",
    "Document",
    "LightCell",
    "OcrCell",
    "Paragraph",
    "Table",
    "TextCell",
]


@attrs.frozen(kw_only=True, slots=True)
class TextCell:
    """The text of one grid position of a table.

    ``spanned`` is True when this position is covered by a merged cell that started in
    another position (the text is then a copy of that cell's text, or empty): readers expand
    ``rowspan``/``colspan`` (HTML), ``gridSpan``/``vMerge`` (DOCX) into a full grid and mark
    the copies, so that the builder can use the copies as row labels but never count a
    copied number twice.

    ``unread`` is True when something is printed at this position but the reader cannot
    tell for certain that it belongs here (a number of a text table that lines up with two
    columns, or with none): the builder leaves the template cell unread, never blank and
    never a neighbour's value.  ``text`` is then what was printed there.
    """

    text: str
    location: SourceLocation
    spanned: bool = False
    unread: bool = False


class LightCell(NamedTuple):
    """A cell of a table as the readers of HTML and text build it: a plain tuple
    of its text, flags and the integers of its place, its :class:`SourceLocation` made only
    when asked for.  It answers ``text``, ``spanned``, ``unread`` and ``location`` as a
    :class:`TextCell` does; :attr:`Table.rows` holds the :class:`TextCell` of each."""

    text: str
    spanned: bool
    unread: bool
    file: str | None
    table: int | None
    row: int | None
    cell: int | None
    line: int | None
    column: int | None = None

    @property
    def location(self) -> SourceLocation:
        """Where the cell is (a new object each time; :func:`table_location` inlined: the
        builder asks this of every cell it reads)."""
        _, _, _, file, table, row, cell, line, column = self
        location: SourceLocation = _new(SourceLocation)
        _set_file(location, file)
        _set_page(location, None)
        _set_line(location, line)
        _set_column(location, column)
        _set_table(location, table)
        _set_row(location, row)
        _set_cell(location, cell)
        return location

    def text_cell(self) -> TextCell:
        """The same cell as a :class:`TextCell`."""
        return text_cell(self.text, self.location, self.spanned, self.unread)


AnyCell = TextCell | LightCell
"""A cell as the builder reads it (:attr:`Table.grid`)."""


@attrs.frozen(kw_only=True, slots=True)
class Table:
    """A table as a grid of rows of cells (rows may have different lengths).

    A table read from HTML holds its cells as :class:`LightCell` tuples (:meth:`of_grid`):
    its ``rows`` of :class:`TextCell` are built the first time they are read, and the
    builder reads :attr:`grid` instead, never building them."""

    rows: tuple[tuple[TextCell, ...], ...]
    location: SourceLocation
    _grid: tuple[tuple[LightCell, ...], ...] | None = attrs.field(
        default=None, init=False, eq=False, repr=False
    )

    @classmethod
    def of_grid(cls, grid: tuple[tuple[LightCell, ...], ...], location: SourceLocation) -> Table:
        """A table of light cells; its :attr:`rows` are built when first read."""
        table: Table = _new(cls)
        _set_grid(table, grid)
        _set_table_location(table, location)
        return table

    @property
    def grid(self) -> tuple[tuple[AnyCell, ...], ...]:
        """The cells as the builder reads them: the light cells of a table of HTML, else
        :attr:`rows` (the same texts, flags and places either way)."""
        grid = self._grid
        return self.rows if grid is None else grid

    @property
    def width(self) -> int:
        return max((len(r) for r in self.grid), default=0)

    if not TYPE_CHECKING:  # hidden from mypy, which would let any name through

        def __getattr__(self, name: str) -> object:
            # only an unset slot comes here: the rows of a table made by of_grid
            if name != "rows":
                raise AttributeError(name)
            rows = _text_cells(self._grid)
            object.__setattr__(self, "rows", rows)
            return rows


def _text_cells(grid: tuple[tuple[LightCell, ...], ...]) -> tuple[tuple[TextCell, ...], ...]:
    """The :class:`TextCell` of every light cell; a merged cell's copies stay one object."""
    made: dict[int, TextCell] = {}
    rows: list[tuple[TextCell, ...]] = []
    for line in grid:
        cells: list[TextCell] = []
        for cell in line:
            found = made.get(id(cell))
            if found is None:
                found = made[id(cell)] = cell.text_cell()
            cells.append(found)
        rows.append(tuple(cells))
    return tuple(rows)


@attrs.frozen(kw_only=True, slots=True)
class Paragraph:
    """One paragraph, heading or line of text outside any table."""

    text: str
    location: SourceLocation


Block = Paragraph | Table


# --------------------------------------------------------------------------------------
# Building cells fast
# --------------------------------------------------------------------------------------
# A report page has some three hundred table cells, each a TextCell with its own
# SourceLocation.  attrs' __init__ of a frozen class sets every field through
# object.__setattr__ looked up by name, which costs more than parsing the cell; a reader's
# inner loop builds them through the slots' descriptors instead.  Both classes are plain
# values (no validators, converters or hooks: tests/test_fuzz_readers.py checks that, and
# that the results are equal to the ones __init__ makes).

_new = object.__new__
_set_file, _set_page, _set_line, _set_column, _set_table, _set_row, _set_cell = (
    SourceLocation.__dict__[name].__set__
    for name in ("file", "page", "line", "column", "table", "row", "cell")
)
_set_text, _set_location, _set_spanned, _set_unread = (
    TextCell.__dict__[name].__set__ for name in ("text", "location", "spanned", "unread")
)


_set_paragraph_text, _set_paragraph_location = (
    Paragraph.__dict__[name].__set__ for name in ("text", "location")
)
_set_grid = Table.__dict__["_grid"].__set__
_set_table_location = Table.__dict__["location"].__set__


def table_location(
    file: str | None, table: int | None, row: int | None, cell: int | None, line: int | None
) -> SourceLocation:
    """``SourceLocation(file=…, table=…, row=…, cell=…, line=…)``, built faster."""
    location: SourceLocation = _new(SourceLocation)
    _set_file(location, file)
    _set_page(location, None)
    _set_line(location, line)
    _set_column(location, None)
    _set_table(location, table)
    _set_row(location, row)
    _set_cell(location, cell)
    return location


def paragraph(text: str, file: str | None, line: int | None) -> Paragraph:
    """``Paragraph(text=…, location=SourceLocation(file=…, line=…))``, built faster."""
    block: Paragraph = _new(Paragraph)
    _set_paragraph_text(block, text)
    _set_paragraph_location(block, table_location(file, None, None, None, line))
    return block


def text_cell(
    text: str, location: SourceLocation, spanned: bool = False, unread: bool = False
) -> TextCell:
    """``TextCell(text=…, location=…, spanned=…, unread=…)``, built faster."""
    cell: TextCell = _new(TextCell)
    _set_text(cell, text)
    _set_location(cell, location)
    _set_spanned(cell, spanned)
    _set_unread(cell, unread)
    return cell


@attrs.frozen(slots=True)
class OcrCell:
    """What the OCR engine read in one table cell of a scan: its text, the engine's least
    confidence over the characters (0–1; 0 for a cell it did not find: ``text`` empty), the
    page and the cell's box on it in points (x0, top, x1, bottom, from the top left)."""

    text: str
    conf: float
    page: int
    box: tuple[float, float, float, float]


@attrs.frozen(kw_only=True, slots=True)
class Document:
    """What a reader made of a file: blocks in reading order, and document metadata.

    ``format`` is the input format (``"html"``, ``"text"``, ``"markdown"``, ``"docx"``,
    ``"pdf"`` …); ``metadata`` holds what the file says about itself (``title``, ``author``,
    ``published`` …) as strings.  ``diagnostics`` are what the reader was unsure about while
    finding the tables (a table whose lines do not line up, a number between two columns);
    the builder passes them on with its own.
    """

    source: str | None
    format: str
    blocks: tuple[Block, ...]
    metadata: dict[str, str] = attrs.field(factory=dict)
    diagnostics: tuple[Diagnostic, ...] = ()
    ocr: dict[tuple[int, int, int], OcrCell] | None = attrs.field(
        default=None, eq=False, repr=False
    )
    """For a document read by OCR (a scan): what the engine read in each table cell, by
    ``(table, row, cell)`` of the cell's location (1-based); ``None`` for every other."""

    def paragraphs(self) -> Iterator[Paragraph]:
        return (b for b in self.blocks if isinstance(b, Paragraph))

    def tables(self) -> Iterator[Table]:
        return (b for b in self.blocks if isinstance(b, Table))

    def text(self) -> str:
        """All text in reading order, tables row by row (cells separated by tabs)."""
        lines: list[str] = []
        for block in self.blocks:
            if isinstance(block, Paragraph):
                lines.append(block.text)
            else:
                lines.extend("\t".join(c.text for c in row if not c.spanned) for row in block.grid)
        return "\n".join(lines)
