"""Tables of light cells (``readers.document.LightCell``): what the HTML reader builds, read by
the builder without a :class:`TextCell` or a :class:`SourceLocation` per cell, and the same
table as before for everyone who reads ``Table.rows``."""

from __future__ import annotations

import pickle

import attrs

from zfxxgk import render
from zfxxgk.diagnostics import SourceLocation
from zfxxgk.readers import read, read_document
from zfxxgk.readers.document import LightCell, Table, TextCell

from .fixtures.reports import report_2021

_MERGED = (
    "<table><tr><td rowspan=2>一、本年新收</td><td colspan=2>12</td></tr>"
    "<tr><td>3</td></tr><tr><td>4</td></tr></table>"
)


def _tables(data: bytes, name: str = "r.html") -> list[Table]:
    document = read_document(data, name=name)
    return [b for b in document.blocks if isinstance(b, Table)]


def _built(table: Table) -> bool:
    """Whether the table's ``rows`` of TextCells exist (an unset slot: not yet)."""
    try:
        object.__getattribute__(table, "rows")
    except AttributeError:
        return False
    return True


def test_a_whole_read_builds_no_text_cell() -> None:
    result = read(render.to_html(report_2021()).encode(), name="r.html")
    assert result.document is not None
    tables = list(result.document.tables())
    assert tables
    assert not any(_built(t) for t in tables)
    assert result.provenance  # the places of the cells read are made all the same
    assert all(isinstance(p, SourceLocation) for p in result.provenance.values())


def test_rows_hold_the_text_cells_of_the_grid() -> None:
    (table,) = _tables(_MERGED.encode())
    grid = table.grid
    assert all(isinstance(c, LightCell) for row in grid for c in row)
    rows = table.rows
    assert _built(table)
    assert table.rows is rows  # built once
    assert [[c.text for c in r] for r in rows] == [
        ["一、本年新收", "12", "12"],
        ["一、本年新收", "3"],
        ["4"],
    ]
    for light_row, row in zip(grid, rows, strict=True):
        for light, cell in zip(light_row, row, strict=True):
            assert isinstance(cell, TextCell)
            assert cell == TextCell(
                text=light.text,
                location=light.location,
                spanned=light.spanned,
                unread=light.unread,
            )
    assert rows[0][2].spanned and not rows[0][1].spanned
    assert rows[1][0].spanned and rows[1][0].location == rows[0][0].location
    assert rows[0][1].location == SourceLocation(file="r.html", table=1, row=1, cell=2, line=1)


def test_a_light_table_compares_pickles_and_evolves_as_a_table_of_text_cells() -> None:
    (light,) = _tables(_MERGED.encode())
    (other,) = _tables(_MERGED.encode())
    plain = Table(rows=other.rows, location=other.location)
    assert light == plain and hash(light) == hash(plain)
    assert repr(light) == repr(plain)
    assert light.width == plain.width == 3
    assert pickle.loads(pickle.dumps(light)) == plain
    moved = attrs.evolve(light, location=SourceLocation(file="x"))
    assert moved.rows == plain.rows and moved.grid == plain.rows


def test_a_table_of_text_cells_is_its_own_grid() -> None:
    cell = TextCell(text="1", location=SourceLocation(file="t", table=1, row=1, cell=1))
    table = Table(rows=((cell,),), location=SourceLocation(file="t", table=1))
    assert table.grid is table.rows


def test_the_copies_of_a_merged_cell_stay_one_object() -> None:
    (table,) = _tables(
        b"<table><tr><td rowspan=2 colspan=2>x</td><td>1</td></tr><tr><td>2</td></tr></table>"
    )
    rows = table.rows
    assert [[c.text for c in r] for r in rows] == [["x", "x", "1"], ["x", "x", "2"]]
    assert rows[0][1] is rows[1][0] is rows[1][1] is not rows[0][0]
    assert table.grid[0][1] is table.grid[1][1]


def test_every_light_cell_has_every_field() -> None:
    """The readers build LightCells with ``tuple.__new__``, which knows no defaults."""
    report = report_2021()
    sources = [
        (render.to_html(report), "r.html"),
        (render.to_text(report, style="box"), "r.txt"),
        (render.to_markdown(report), "r.md"),
    ]
    for text, name in sources:
        tables = _tables(text.encode(), name)
        assert tables, name
        for table in tables:
            cells = [c for row in table.grid for c in row]
            assert all(isinstance(c, LightCell) for c in cells), name
            assert all(len(c) == len(LightCell._fields) for c in cells), name
            assert all(isinstance(c.location, SourceLocation) for c in cells), name


def test_a_text_table_cell_knows_its_character_column() -> None:
    (table, *_) = _tables(render.to_text(report_2021(), style="box").encode(), "r.txt")
    placed = [c for row in table.grid for c in row if c.text and not c.spanned]
    assert placed and all(c.column is not None for c in placed)
    for light, cell in zip(table.grid[0], table.rows[0], strict=True):
        assert cell.location.column == light.column
        assert cell.location.line == light.line
