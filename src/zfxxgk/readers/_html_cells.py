"""The cells of an HTML table: their text, merged cells and source lines, as plain strings
and integers (the neutral document's light grid, :meth:`.document.Table.from_texts`).

The text of every cell of a table is put together by libxslt in one transform (a cell's
``<br>`` and block elements become line breaks, ``<script>`` and the like are dropped),
and its whitespace is made one space for the whole table at once, so that Python does
nearly nothing per cell.  A page whose text holds one of the private-use characters the
transform marks boundaries with is read cell by cell in Python instead (:func:`slow_rows`,
the same rules), so that no text is ever cut where the page did not cut it.
"""

from __future__ import annotations

import functools
import re
from typing import Final, cast

from lxml import etree

__all__ = ["MAX_COLSPAN", "MAX_WIDTH", "SKIP", "Layout", "fast_rows", "plain", "slow_rows"]

MAX_COLSPAN = 256
"""A ``colspan`` above this is clamped (the widest real report table spans 15 columns)."""
MAX_WIDTH = 512
"""No table grid is wider than this; cells beyond it are dropped."""

# Elements whose content is never report text.
SKIP = frozenset(
    {
        "script", "style", "noscript", "template", "head", "title", "nav", "iframe",
        "object", "embed", "svg", "math", "button", "select", "option", "textarea",
        "input", "map", "audio", "video", "canvas",
    }
)  # fmt: skip
_CELL_BREAKS = frozenset({
    "br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "center",
    "blockquote", "pre", "dd", "dt", "ul", "ol", "table", "caption", "section",
})  # fmt: skip

Row = tuple[list[str], list[tuple[str, str]] | None]
"""The texts of a table row's cells in order, and their (``colspan``, ``rowspan``) values
("" when not given) when any cell of the row gives one (``None``: none does)."""

# --------------------------------------------------------------------------------------
# the fast way: one transform per table
# --------------------------------------------------------------------------------------

_MARK = "\U0010fffd"  # a line break inside a cell
_ROW = "\U0010fffc"  # a <tr> starts
_CELL = "\U0010fffb"  # a <td>/<th> starts
_SEP = "\U0010fffa"  # between a cell's colspan, rowspan and text (only when it has one)
_MARKERS = _MARK + _ROW + _CELL + _SEP


def _stylesheet() -> str:
    skip = " | ".join(sorted(SKIP))
    breaks = " | ".join(sorted(_CELL_BREAKS - {"br"}))
    find = 'mode="find"'
    text = 'mode="text"'
    spans = (
        f'<xsl:if test="@colspan or @rowspan">{_SEP}<xsl:value-of select="@colspan"/>{_SEP}'
        f'<xsl:value-of select="@rowspan"/>{_SEP}</xsl:if>'
    )
    # mode "find" follows _table_rows, mode "text" _cell_text; no template holds a line
    # break of its own (it would be text of the output)
    templates = (
        f'<xsl:template match="/"><xsl:apply-templates select="*/*" {find}/></xsl:template>',
        f'<xsl:template match="td | th" {find}>{_CELL}{spans}'
        f"<xsl:apply-templates {text}/></xsl:template>",
        f'<xsl:template match="tr" {find}>{_ROW}<xsl:apply-templates select="*" {find}/>'
        "</xsl:template>",
        f'<xsl:template match="{skip}" {find}/>',
        f'<xsl:template match="*" {find}><xsl:apply-templates select="*" {find}/></xsl:template>',
        f'<xsl:template match="{skip}" {text}/>',
        f'<xsl:template match="{breaks}" {text}>{_MARK}<xsl:apply-templates {text}/>{_MARK}'
        "</xsl:template>",
        f'<xsl:template match="br" {text}><xsl:apply-templates {text}/>{_MARK}</xsl:template>',
        f'<xsl:template match="*" {text}><xsl:apply-templates {text}/></xsl:template>',
        f'<xsl:template match="text()" {text}><xsl:value-of select="."/></xsl:template>',
        f'<xsl:template match="comment() | processing-instruction()" {text}/>',
    )
    return "\n".join(
        (
            '<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">',
            '<xsl:output method="text" encoding="UTF-8"/>',
            *templates,
            "</xsl:stylesheet>",
        )
    )


@functools.cache
def _transform() -> etree.XSLT:
    return etree.XSLT(etree.XML(_stylesheet().encode("utf-8")))


_REFERENCE = re.compile(r"&#(?:[xX]0*10[fF][fF][fF][a-dA-D]|0*111410[6-9])")
"""A character reference to a marker character (U+10FFFA to U+10FFFD)."""


def plain(page: str) -> bool:
    """True when the text of a page (its markup, decoded) holds no marker character, not
    even as a character reference: the fast way reads its tables."""
    if any(marker in page for marker in _MARKERS):  # at once when the page is all BMP
        return False
    return "&#" not in page or _REFERENCE.search(page) is None


_SPACES = re.compile(r"\s+")


def fast_rows(table: etree._Element) -> tuple[list[Row], list[int | None]] | None:
    """The non-empty rows of a leaf *table* and the source line of each of its cells in
    order; ``None`` when the transform cannot read it (then :func:`slow_rows` does)."""
    try:
        out = str(_transform()(table))
    except etree.XSLTError:  # pragma: no cover - libxslt's own limits
        return None
    # lxml's sourceline is an int, or None when libxml2 has no line
    lines = cast("list[int | None]", [cell.sourceline for cell in table.iter("td", "th")])
    if out.count(_CELL) != len(lines):
        return None  # a cell inside a cell, or inside <select>…: read as Python reads it
    # each cell's text: runs of whitespace one space, none next to a boundary; the line
    # breaks of a cell one "\n", none at its start or end (every line stripped, empty ones
    # dropped, as _cell_lines does cell by cell)
    out = _SPACES.sub(" ", out).rstrip()
    for marker in _MARKERS:  # only single spaces are left
        out = out.replace(" " + marker, marker).replace(marker + " ", marker)
    if _MARK in out:
        out = _line_breaks(out)
    rows: list[Row] = []
    for row in out.split(_ROW):
        if not row:
            continue
        cells = row.split(_CELL)
        del cells[0]  # what comes before the first cell: nothing
        if _SEP not in row:
            rows.append((cells, None))
            continue
        texts: list[str] = []
        spans: list[tuple[str, str]] = []
        for cell in cells:
            if cell.startswith(_SEP):
                _, colspan, rowspan, text = cell.split(_SEP)
                texts.append(text)
                spans.append((colspan, rowspan))
            else:
                texts.append(cell)
                spans.append(("", ""))
        rows.append((texts, spans))
    return rows, lines


def _line_breaks(out: str) -> str:
    """*out* with the line breaks of every cell one "\\n" between its lines: none at the
    start or end of a cell, none for an empty line (no whitespace is next to a marker)."""
    double = _MARK + _MARK
    while double in out:
        out = out.replace(double, _MARK)
    for before in (_CELL, _SEP):  # where a cell's text starts
        out = out.replace(before + _MARK, before)
    for after in (_CELL, _ROW):  # where it ends
        out = out.replace(_MARK + after, after)
    return out.removesuffix(_MARK).replace(_MARK, "\n")


# --------------------------------------------------------------------------------------
# the slow way: cell by cell in Python
# --------------------------------------------------------------------------------------


def slow_rows(table: etree._Element) -> tuple[list[Row], list[int | None]]:
    """What :func:`fast_rows` finds, read cell by cell (any page, whatever its text)."""
    rows: list[Row] = []
    lines: list[int | None] = []
    for cells in _table_rows(table):
        if not cells:
            continue
        spans: list[tuple[str, str]] = []
        for cell in cells:
            lines.append(_line(cell))
            spans.append((cell.get("colspan") or "", cell.get("rowspan") or ""))
        given = any(cell.get("colspan") is not None or cell.get("rowspan") is not None
                    for cell in cells)  # fmt: skip
        rows.append(([_cell_text(cell) for cell in cells], spans if given else None))
    return rows, lines


def _line(element: etree._Element) -> int | None:
    line: object = element.sourceline
    return line if isinstance(line, int) else None


def _table_rows(table: etree._Element) -> list[list[etree._Element]]:
    """The rows of a leaf table, each the list of its cells, in document order.

    A ``<tr>`` starts a row; a ``<td>``/``<th>`` is a cell of the last row (its content is
    not searched further); elements that are never report text are passed over; any other
    element (``<tbody>``, a stray ``<span>``) is looked into.
    """
    rows: list[list[etree._Element]] = []
    stack: list[etree._Element] = []
    node: etree._Element | None = table[0] if len(table) else None
    while True:
        while node is None:
            if not stack:
                return rows
            node = stack.pop().getnext()
        tag = node.tag
        if tag == "td" or tag == "th":
            if not rows:
                rows.append([])
            rows[-1].append(node)
        elif tag == "tr":
            rows.append([])
            if len(node):
                stack.append(node)
                node = node[0]
                continue
        elif isinstance(tag, str) and tag not in SKIP and len(node):
            stack.append(node)
            node = node[0]
            continue
        node = node.getnext()


def _cell_lines(text: str) -> str:
    """The lines of a cell's text put together (:data:`_MARK` between them), each with its
    runs of whitespace made one space; empty lines are dropped."""
    if _MARK not in text:
        return " ".join(text.split())
    return "\n".join([" ".join(t.split()) for t in text.split(_MARK) if t and not t.isspace()])


def _cell_text(cell: etree._Element) -> str:
    """The text of a cell; ``<br>`` and block boundaries inside it become line breaks.

    Every line has its runs of whitespace (line breaks in the HTML source included) made one
    space; empty lines are dropped.
    """
    if not len(cell):  # no element in it: its text, a marker character or not
        return " ".join((cell.text or "").split())
    parts = [cell.text or ""]
    stack: list[etree._Element] = []
    node: etree._Element | None = cell[0] if len(cell) else None
    while True:
        while node is None:  # the last child is done: close its parent
            if not stack:
                return _cell_lines("".join(parts))
            node = stack.pop()
            if node.tag in _CELL_BREAKS:
                parts.append(_MARK)
            parts.append(node.tail or "")
            node = node.getnext()
        tag = node.tag
        if tag in _CELL_BREAKS:
            if tag != "br":
                parts.append(_MARK)
        elif tag in SKIP or not isinstance(tag, str):  # never text (a comment has no tag)
            parts.append(node.tail or "")
            node = node.getnext()
            continue
        parts.append(node.text or "")
        if len(node):
            stack.append(node)
            node = node[0]
            continue
        if tag in _CELL_BREAKS:
            parts.append(_MARK)
        parts.append(node.tail or "")
        node = node.getnext()


# --------------------------------------------------------------------------------------
# merged cells: the grid
# --------------------------------------------------------------------------------------

_SPAN = re.compile(r"\s*(\d{1,7})")


def _fill(
    line: list[str | _Copy | None], at: list[int | None], texts: list[str], lines: list[int | None]
) -> None:
    """Put *texts* (none merged) into the free positions of *line*, in order, the ones left
    after its end; none beyond :data:`MAX_WIDTH`."""
    free = [k for k, text in enumerate(line) if text is None]
    width = len(line)
    if len(free) < len(texts):
        free += range(width, min(width + len(texts) - len(free), MAX_WIDTH))
    if free and free[-1] >= width:
        line.extend([None] * (free[-1] + 1 - width))
        at.extend([None] * (free[-1] + 1 - width))
    for k, text, number in zip(free, texts, lines, strict=False):
        line[k] = text
        at[k] = number


@functools.lru_cache(maxsize=256)
def _span(value: str) -> int:
    match = _SPAN.match(value)
    return 1 if match is None else max(1, int(match.group(1)))


Origin = tuple[int, int]
"""Where a merged cell starts: its row and column, counted from 0."""
HOLE: Final = (-1, -1)
"""The origin of a position no cell covers."""


class Layout:
    """The grid of a table's rows: ``rowspan``/``colspan`` expanded, each position covered
    by a merged cell after its first a copy of it, a position no cell covers (a row shorter
    than the one above) an empty hole.  ``origins`` holds, for each row, ``None`` when every
    position is a cell of its own, else the origin of each position (``None``: its own cell;
    :data:`HOLE`: a hole)."""

    def __init__(self, rows: list[Row], lines: list[int | None]) -> None:
        self.texts: list[list[str]] = []
        self.lines: list[list[int | None]] = []
        self.origins: list[list[Origin | None] | None] = []
        self.spread = 0  # positions covered by copies so far
        self._rows = rows
        self._at = lines
        self._copied: set[int] = set()  # the rows holding copies

    def run(self, budget: int) -> bool:
        """Lay the rows out; False (and stop) as soon as the copies exceed *budget*."""
        rows, at = self._rows, self._at
        height = len(rows)
        grid: list[list[str | _Copy | None]] = [[] for _ in rows]
        where: list[list[int | None]] = [[] for _ in rows]
        k = 0
        for r, (texts, spans) in enumerate(rows):
            n = len(texts)
            lines = at[k : k + n]
            k += n
            if spans is None and not grid[r] and n <= MAX_WIDTH:  # most rows
                grid[r] = texts  # type: ignore[assignment]  # a list of str is one of str | …
                where[r] = lines
                continue
            if not self._row(r, grid, where, (texts, spans), lines, height, budget):
                return False
        origins: list[list[Origin | None] | None] = [None] * height
        for r, line in enumerate(grid):
            if r in self._copied or None in line:
                origins[r] = _origins(line)
        self.texts = grid  # type: ignore[assignment]  # only str left
        self.lines = where
        self.origins = origins
        return True

    def _row(
        self,
        r: int,
        grid: list[list[str | _Copy | None]],
        where: list[list[int | None]],
        row: Row,
        lines: list[int | None],
        height: int,
        budget: int,
    ) -> bool:
        texts, spans = row
        line, at = grid[r], where[r]
        if spans is None:  # cells of its own in the positions the rows above left free
            _fill(line, at, texts, lines)
            return True
        c = 0
        for i, text in enumerate(texts):
            width = len(line)
            while c < width and line[c] is not None:  # skip what rows above cover
                c += 1
            if c >= MAX_WIDTH:
                break
            colspan_value, rowspan_value = spans[i] if spans is not None else ("", "")
            colspan = min(_span(colspan_value), MAX_COLSPAN, MAX_WIDTH - c) if colspan_value else 1
            rowspan = min(_span(rowspan_value), height - r) if rowspan_value else 1
            if colspan == 1:  # most cells of a row with merged cells
                if c == width:
                    line.append(text)
                    at.append(lines[i])
                else:
                    line[c] = text
                    at[c] = lines[i]
                if rowspan > 1 and not self._spread(
                    grid, where, (r, c, c + 1), rowspan, text, budget
                ):
                    return False
                c += 1
                continue
            end = c + colspan
            if width < end:
                line.extend([None] * (end - width))
                at.extend([None] * (end - width))
            line[c] = text
            at[c] = lines[i]
            if not self._spread(grid, where, (r, c, end), rowspan, text, budget):
                return False
            c = end
        return True

    def _spread(
        self,
        grid: list[list[str | _Copy | None]],
        where: list[list[int | None]],
        span: tuple[int, int, int],
        rowspan: int,
        text: str,
        budget: int,
    ) -> bool:
        """Count the positions the merged cell at *span* covers (False: over *budget*), and
        copy it into them."""
        _, c, end = span
        self.spread += rowspan * (end - c)
        if self.spread > budget:
            return False
        self._copy(grid, where, span, rowspan, text)
        return True

    def _copy(
        self,
        grid: list[list[str | _Copy | None]],
        where: list[list[int | None]],
        span: tuple[int, int, int],
        rowspan: int,
        text: str,
    ) -> None:
        """Copy the merged cell at row *r*, columns *c* to *end*, into the free positions
        it covers after its own."""
        r, c, end = span
        copy = (text, (r, c))
        for dr in range(rowspan):
            target, at = grid[r + dr], where[r + dr]
            if len(target) < end:
                at.extend([None] * (end - len(target)))
                target.extend([None] * (end - len(target)))
            start = c + 1 if dr == 0 else c
            if start >= end:
                continue
            self._copied.add(r + dr)
            if target[start:end].count(None) == end - start:
                target[start:end] = [copy] * (end - start)
            else:  # overlapping spans: only the free positions
                for k in range(start, end):
                    if target[k] is None:
                        target[k] = copy


_Copy = tuple[str, Origin]
"""A position of the grid covered by a merged cell: its text and origin."""


def _origins(line: list[str | _Copy | None]) -> list[Origin | None]:
    """The origin of every position of *line*, which then holds only texts."""
    origins: list[Origin | None] = []
    for c, found in enumerate(line):
        if found is None:
            line[c] = ""
            origins.append(HOLE)
        elif isinstance(found, str):
            origins.append(None)
        else:
            line[c] = found[0]
            origins.append(found[1])
    return origins
