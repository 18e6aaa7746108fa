"""The neutral document every reader produces (stage one of two).

A reader only turns a file into a :class:`Document`: a sequence of blocks, each a
:class:`Paragraph` (one line or paragraph of text) or a :class:`Table` (a grid of
:class:`TextCell`, merged cells expanded).  Every block and cell remembers where it came from.
The shared builder (:mod:`zfxxgk.readers.builder`) then finds the sections and tables against
the template data and builds the report.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import attrs

from ..diagnostics import Diagnostic, SourceLocation
from ..limits import MAX_PARTS as MAX_PARTS
from ..limits import MAX_TEXT_BYTES as MAX_TEXT_BYTES
from ..limits import too_large as too_large
from ..limits import too_many_parts as too_many_parts

__all__ = [
    "MAX_PARTS",
    "MAX_TEXT_BYTES",
    "Block",
    "Document",
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


class Table:
    """A table as a grid of rows of cells (rows may have different lengths).

    ``rows`` is the grid of :class:`TextCell` (``Table(rows=…, location=…)`` as always).  A
    reader may instead give the grid light (:meth:`from_texts`): the text of every position
    as plain strings, the source line of every cell as integers and, row by row, where the
    copies of merged cells come from; ``texts`` is then read without building a cell, and
    ``rows`` builds the cells and their locations the first time it is asked for.  Either way
    a table is a plain value: equal, hashed and pickled by its ``rows`` and ``location``.
    """

    __slots__ = ("_lines", "_origins", "_rows", "_texts", "location")

    location: SourceLocation
    _rows: tuple[tuple[TextCell, ...], ...] | None
    _texts: tuple[tuple[str, ...], ...] | None
    _lines: Sequence[Sequence[int | None]] | None
    _origins: Sequence[Sequence[tuple[int, int] | None] | None] | None

    def __init__(self, *, rows: tuple[tuple[TextCell, ...], ...], location: SourceLocation) -> None:
        _setattr(self, "_rows", rows)
        _setattr(self, "_texts", None)
        _setattr(self, "_lines", None)
        _setattr(self, "_origins", None)
        _setattr(self, "location", location)

    @classmethod
    def from_texts(
        cls,
        texts: tuple[tuple[str, ...], ...],
        *,
        location: SourceLocation,
        lines: Sequence[Sequence[int | None]],
        origins: Sequence[Sequence[tuple[int, int] | None] | None],
    ) -> Table:
        """A table given light: *texts* row by row; *lines* the source line of the cell at
        each position (row and cell numbers are the position's, counted from 1); *origins*
        for each row ``None`` when every position is a cell of its own, else for each
        position ``None`` (its own cell), the position (row, column, from 0) of the merged
        cell that covers it (a copy: its origin's text and location, ``spanned``), or
        ``(-1, -1)``: no cell covers it (an empty ``spanned`` hole)."""
        table: Table = object.__new__(cls)
        _setattr(table, "_rows", None)
        _setattr(table, "_texts", texts)
        _setattr(table, "_lines", lines)
        _setattr(table, "_origins", origins)
        _setattr(table, "location", location)
        return table

    @property
    def rows(self) -> tuple[tuple[TextCell, ...], ...]:
        rows = self._rows
        if rows is None:
            rows = self._cells()
            _setattr(self, "_rows", rows)
        return rows

    @property
    def texts(self) -> tuple[tuple[str, ...], ...]:
        """The text of every position, row by row (a copy holds its origin's text)."""
        texts = self._texts
        if texts is None:
            texts = tuple(tuple(c.text for c in row) for row in self.rows)
            _setattr(self, "_texts", texts)
        return texts

    @property
    def width(self) -> int:
        return max((len(r) for r in self.texts), default=0)

    def _cells(self) -> tuple[tuple[TextCell, ...], ...]:
        texts, lines, origins = self._texts, self._lines, self._origins
        assert texts is not None and lines is not None and origins is not None
        file, number = self.location.file, self.location.table
        new, cell_class, location_class = _new, TextCell, SourceLocation
        set_text, set_location, set_spanned, set_unread = (
            _set_text, _set_location, _set_spanned, _set_unread
        )  # fmt: skip
        set_file, set_page, set_line, set_column = _set_file, _set_page, _set_line, _set_column
        set_table, set_row, set_cell = _set_table, _set_row, _set_cell
        rows: list[tuple[TextCell, ...]] = []
        made: dict[tuple[int, int], TextCell] = {}  # the copy of each merged cell
        for r, row in enumerate(texts):
            at, of = lines[r], origins[r]
            cells: list[TextCell] = []
            for c, text in enumerate(row):
                covered = None if of is None else of[c]
                if covered is not None:
                    cells.append(_copy(self, made, covered))
                    continue
                origin = new(location_class)
                set_file(origin, file)
                set_page(origin, None)
                set_line(origin, at[c])
                set_column(origin, None)
                set_table(origin, number)
                set_row(origin, r + 1)
                set_cell(origin, c + 1)
                cell = new(cell_class)
                set_text(cell, text)
                set_location(cell, origin)
                set_spanned(cell, False)
                set_unread(cell, False)
                cells.append(cell)
            rows.append(tuple(cells))
        return tuple(rows)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Table)
        return (self.rows, self.location) == (other.rows, other.location)

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    def __hash__(self) -> int:
        return hash((self.rows, self.location))

    def __repr__(self) -> str:
        return f"Table(rows={self.rows!r}, location={self.location!r})"

    def __setattr__(self, name: str, value: object) -> None:
        raise attrs.exceptions.FrozenInstanceError

    def __delattr__(self, name: str) -> None:
        raise attrs.exceptions.FrozenInstanceError

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        return _table, (self.rows, self.location)


def _table(rows: tuple[tuple[TextCell, ...], ...], location: SourceLocation) -> Table:
    return Table(rows=rows, location=location)


def _copy(table: Table, made: dict[tuple[int, int], TextCell], origin: tuple[int, int]) -> TextCell:
    """The ``spanned`` cell of a position covered by the merged cell at *origin* (one cell
    for all its copies), or an empty hole (a negative *origin*)."""
    copy = made.get(origin)
    if copy is not None:
        return copy
    location = table.location
    r, c = origin
    if r < 0:
        at = SourceLocation(file=location.file, table=location.table)
        copy = made[origin] = TextCell(text="", location=at, spanned=True)
        return copy
    lines, texts = table._lines, table._texts
    assert lines is not None and texts is not None
    at = table_location(location.file, location.table, r + 1, c + 1, lines[r][c])
    copy = made[origin] = text_cell(texts[r][c], at, True)
    return copy


_setattr = object.__setattr__


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
                lines.extend("\t".join(c.text for c in row if not c.spanned) for row in block.rows)
        return "\n".join(lines)
