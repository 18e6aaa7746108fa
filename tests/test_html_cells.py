"""The HTML reader's two ways to a table's cells agree, and the light table is the table.

The cells of a page are read by one XSLT transform per table (``_html_cells.fast_rows``) and,
when the page's text holds one of the transform's marker characters, cell by cell in Python
(``slow_rows``).  Both must give the same texts, merged cells and lines on any markup; a
:class:`Table` given light (plain strings and integers) must equal the one built of
:class:`TextCell` objects.
"""

from __future__ import annotations

import pickle

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from zfxxgk.diagnostics import SourceLocation
from zfxxgk.readers import _html_cells as cells
from zfxxgk.readers import html as html_reader
from zfxxgk.readers.document import Table, TextCell

from .hypothesis_profiles import examples

_TAGS = ["p", "span", "br", "div", "b", "font", "script", "style", "o:p", "li", "td", "tr",
         "select", "h1", "center", "pre", "table", "caption"]  # fmt: skip
_PIECES = [" ", "\n", "\t", "\xa0", "\u3000", "&nbsp;", "\u200b", "&#10;", "\r\n", "12", "合计",
           "本年新收", "0", "-", "3 4", "a&amp;b", "x"]  # fmt: skip
_MARKERS = ["\U0010fffd", "\U0010fffb", "&#x10FFFD;", "&#1114106;", "&#0001114108"]


def _text() -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(_PIECES), max_size=3).map("".join)


def _inner(depth: int = 0) -> st.SearchStrategy[str]:
    if depth >= 3:
        return _text()
    child = st.tuples(
        st.sampled_from(_TAGS), st.deferred(lambda: _inner(depth + 1)), st.booleans(), _text()
    ).map(lambda t: f"<{t[0]}>{t[1]}{f'</{t[0]}>' if t[2] else ''}{t[3]}")
    return st.tuples(_text(), st.lists(child, max_size=3)).map(lambda t: t[0] + "".join(t[1]))


_SPAN_VALUES = st.sampled_from(["", "2", "3", " 2", "x", "0", "1000"])
_CELL = st.tuples(
    st.sampled_from(["td", "th"]),
    st.one_of(st.none(), _SPAN_VALUES),
    st.one_of(st.none(), _SPAN_VALUES),
    _inner(),
).map(
    lambda t: (
        f"<{t[0]}"
        + ("" if t[1] is None else f' colspan="{t[1]}"')
        + ("" if t[2] is None else f' rowspan="{t[2]}"')
        + f">{t[3]}"
    )
)
_ROW = st.tuples(st.booleans(), st.lists(_CELL, max_size=5), _text()).map(
    lambda t: ("<tr>" if t[0] else "") + "".join(t[1]) + t[2]
)
_TABLE = st.tuples(st.sampled_from(["", "<tbody>", "<span>"]), st.lists(_ROW, max_size=6)).map(
    lambda t: f"<table>{t[0]}{''.join(t[1])}</table>"
)


def _leaf_tables(markup: str) -> list[etree._Element]:
    root = etree.fromstring(markup.encode("utf-8"), etree.HTMLParser(encoding="utf-8"))
    if root is None:
        return []
    return [t for t in root.iter("table") if all(n is t for n in t.iter("table"))]


def _comparable(found: tuple[list[cells.Row], list[int | None]]) -> object:
    """The rows with their span values as the grid reads them (" 2" is 2)."""
    rows, lines = found
    spans = [
        None
        if given is None
        else [(cells._span(c or "1"), cells._span(r or "1")) for c, r in given]
        for _, given in rows
    ]
    return [texts for texts, _ in rows], spans, lines


@settings(max_examples=examples(150))
@given(tables=st.lists(_TABLE, min_size=1, max_size=3))
def test_the_transform_reads_cells_as_python_does(tables: list[str]) -> None:
    markup = "<html><body>" + "".join(tables) + "</body></html>"
    assert cells.plain(markup)
    for table in _leaf_tables(markup):
        fast = cells.fast_rows(table)
        if fast is not None:  # None: a cell inside a cell, read the slow way
            assert _comparable(fast) == _comparable(cells.slow_rows(table))


@settings(max_examples=examples(60))
@given(table=_TABLE, marker=st.sampled_from(_MARKERS))
def test_a_page_holding_a_marker_is_read_the_slow_way(table: str, marker: str) -> None:
    markup = f"<html><body><p>{marker}</p>{table}</body></html>"
    assert not cells.plain(markup)
    document = html_reader.read(markup.encode("utf-8"), source=None)
    for read in document.tables():  # read cell by cell: the marker is text like any other
        assert all(isinstance(text, str) for row in read.texts for text in row)


def test_a_marker_in_a_cell_keeps_the_cell_whole() -> None:
    page = "<table><tr><td>本年新收&#x10fffb;12</td><td>3</td></tr></table>".encode()
    table = next(html_reader.read(page, source=None).tables())
    assert [c.text for c in table.rows[0]] == ["本年新收\U0010fffb12", "3"]


def test_a_light_table_is_the_table_of_its_cells() -> None:
    location = SourceLocation(file="a.html", table=2, line=5)
    light = Table.from_texts(
        (("合计", "1", "1"), ("a", "2", "")),
        location=location,
        lines=((6, 6, None), (7, 8, None)),
        origins=((None, None, (0, 1)), (None, None, (-1, -1))),
    )

    def own(text: str, row: int, cell: int, line: int, spanned: bool = False) -> TextCell:
        at = SourceLocation(file="a.html", table=2, row=row, cell=cell, line=line)
        return TextCell(text=text, location=at, spanned=spanned)

    hole = TextCell(text="", location=SourceLocation(file="a.html", table=2), spanned=True)
    rows = (
        (own("合计", 1, 1, 6), own("1", 1, 2, 6), own("1", 1, 2, 6, spanned=True)),
        (own("a", 2, 1, 7), own("2", 2, 2, 8), hole),
    )
    made = Table(rows=rows, location=location)
    assert light.texts == made.texts == (("合计", "1", "1"), ("a", "2", ""))
    assert light == made and hash(light) == hash(made) and light.width == 3
    assert light.rows == rows
    assert pickle.loads(pickle.dumps(light)) == made
    assert repr(light) == repr(made)
