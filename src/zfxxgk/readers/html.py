"""Stage one for HTML: a web page or fragment → neutral :class:`~.document.Document`.

Handles what published report pages look like (FORMAT.md §6): whole CMS pages with
navigation and scripts (the article is found as the element holding the report's tables),
bare fragments, Word-exported HTML (``<o:p>``, ``<font>``, mso styles, layout tables whose
cells hold the real tables), undeclared GBK/GB18030, ``&nbsp;`` cells, labels split across
``<p>``/``<span>``/``<br>``, and ``rowspan``/``colspan`` — expanded into a full grid whose
copies are marked ``spanned``.  Spans are clamped, so a hostile ``rowspan=100000`` costs
nothing.  The parser never touches the network and expands no entity declarations.

The tree is walked once; no XPath per cell.
"""

from __future__ import annotations

import codecs
import re
from typing import Any

from lxml import etree

from ..diagnostics import SourceLocation
from ..errors import EmptyDocumentError, UnreadableDocumentError
from ._html_page import clean, find_article, page_metadata
from .document import (
    MAX_PARTS,
    MAX_TEXT_BYTES,
    Block,
    Document,
    LightCell,
    Table,
    paragraph,
    too_large,
    too_many_parts,
)

__all__ = ["MAX_COLSPAN", "MAX_SPANNED", "MAX_WIDTH", "decode", "read", "read_fragment", "sniff"]

MAX_COLSPAN = 256
"""A ``colspan`` above this is clamped (the widest real report table spans 15 columns)."""
MAX_WIDTH = 512
"""No table grid is wider than this; cells beyond it are dropped."""
MAX_SPANNED = 2_000_000
"""Grid positions that merged cells of one document may cover, all together (a real report
covers a few hundred); beyond it the document is refused."""

_STARTS_WITH_TAG = re.compile(
    rb"<(?:!doctype\s+html|!--|\?xml|html|head|body|meta|title|table|tr|td|p|div|span|font|"
    rb"h[1-6]|section|article|center|style|script|link|base)\b",
    re.IGNORECASE,
)
_DOCUMENT_TAG = re.compile(rb"<(?:!doctype\s+html|html|body)\b", re.IGNORECASE)
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.IGNORECASE
)

# Elements whose content is never report text.
_SKIP = frozenset(
    {
        "script", "style", "noscript", "template", "head", "title", "nav", "iframe",
        "object", "embed", "svg", "math", "button", "select", "option", "textarea",
        "input", "map", "audio", "video", "canvas",
    }
)  # fmt: skip
# Elements that start a new paragraph (everything else is inline).
_BLOCK = frozenset(
    {
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
        "section", "article", "header", "footer", "main", "aside", "blockquote", "pre",
        "center", "address", "figure", "figcaption", "caption", "form", "fieldset", "hr",
        "tr", "td", "th", "tbody", "thead", "tfoot", "body", "html", "table",
    }
)  # fmt: skip
_SPAN = re.compile(r"\s*(\d{1,7})")


def sniff(data: bytes, name: str | None) -> bool:
    """True when *data* looks like HTML, whatever the file name."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            head = head.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError:
            return False
    if b"\x00" in head:
        return False
    # a file that starts with a tag, or holds a document-level tag; not text that happens
    # to contain a <br> (Markdown may hold inline HTML)
    return _STARTS_WITH_TAG.match(head) is not None or _DOCUMENT_TAG.search(head) is not None


def decode(data: bytes) -> tuple[str, str]:
    """Decode HTML bytes: BOM, then a declared charset, then UTF-8 strictly, then GB18030.

    Returns the text and the encoding used.  GB2312 and GBK declarations are read as
    GB18030 (their superset), so characters outside the declared set still decode.
    """
    text, encoding, _ = _decode(data)
    return text, encoding


def _decode(data: bytes) -> tuple[str, str, bool]:
    """(text, encoding, whether the bytes decoded without a single replacement)."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                          (codecs.BOM_UTF16_BE, "utf-16-be")):  # fmt: skip
        if data.startswith(bom):
            body = data[len(bom) :]
            try:
                return body.decode(encoding), encoding, True
            except UnicodeDecodeError:
                return body.decode(encoding, errors="replace"), encoding, False
    name = _declared(data)
    tried: list[str] = []
    if name:
        tried.append(name)
        try:
            return data.decode(name), name, True
        except UnicodeDecodeError:
            pass
    for encoding in ("utf-8", "gb18030"):
        if encoding in tried:
            continue
        try:
            return data.decode(encoding), encoding, True
        except UnicodeDecodeError:
            continue
    return data.decode("gb18030", errors="replace"), "gb18030", False


def _declared(data: bytes) -> str | None:
    """The codec of the charset the page's ``<meta>`` declares (GB2312 and GBK as GB18030),
    ``""`` for a name Python does not know, ``None`` when none is declared."""
    declared = _META_CHARSET.search(data[:8192])
    if declared is None:
        return None
    name = declared.group(1).decode("ascii", "replace").lower()
    if name in {"gb2312", "gbk", "gb_2312-80", "x-gbk", "cp936", "gb18030"}:
        name = "gb18030"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return ""


_CHUNK = 65_536


def _valid_utf8(data: bytes) -> bool:
    """Whether *data* decodes as UTF-8 strictly (``data.decode("utf-8")`` succeeds), told
    without making the string: the bytes are checked a chunk at a time, each cut at the
    start of a character, and a chunk of ASCII (most of a page's markup) is not decoded at
    all.  Valid chunks make valid UTF-8 together, and a chunk of valid UTF-8 cut at
    characters is valid: the answer is the whole decode's.  (Decoding a 300 KB page into one
    string costs about a fifth of parsing it.)"""
    size, start = len(data), 0
    while start < size:
        end = start + _CHUNK
        if end < size:
            back = end
            while data[back] & 0xC0 == 0x80:  # a continuation byte: not a character's start
                back -= 1
                if end - back > 3:
                    return False  # four continuation bytes in a row: never UTF-8
            end = back
        chunk = data[start:end]
        if not chunk.isascii():
            try:
                chunk.decode("utf-8")
            except UnicodeDecodeError:
                return False
        start = end
    return True


def read(data: bytes, *, source: str | None) -> Document:
    """Read an HTML page or fragment into a :class:`Document`."""
    if len(data) > MAX_TEXT_BYTES:
        raise too_large(len(data), source)
    root = _parse(*_for_parser(data), source)
    metadata = page_metadata(root)
    body = root.find("body")
    if body is None:
        body = root
    article, leaves = find_article(body)
    walker = _Walker(source, leaves)
    walker.walk(article)
    return Document(source=source, format="html", blocks=tuple(walker.blocks), metadata=metadata)


def read_fragment(
    markup: str, *, source: str | None, first_line: int = 1, tables_before: int = 0
) -> list[Block]:
    """The paragraphs and tables of a piece of HTML inside another document (a raw
    ``<table>`` in Markdown): read as a page is read, its lines counted from *first_line*
    of the file and its tables numbered after *tables_before*."""
    root = _parse(markup.encode("utf-8"), "utf-8", source)
    found = root.find("body")
    body = root if found is None else found
    _, leaves = find_article(body)
    walker = _Walker(source, leaves)
    walker.line_offset = first_line - 1
    walker.table_offset = tables_before
    walker.walk(body)
    return walker.blocks


_NATIVE = frozenset({"utf-8", "gb18030"})
"""Encodings libxml2 reads itself: their bytes are parsed as they are, not re-encoded."""


def _for_parser(data: bytes) -> tuple[bytes, str]:
    """The bytes to parse and their encoding (the bytes are decoded once, to choose it; UTF-8
    only checked, when :func:`_decode` would try it first)."""
    if data.startswith(codecs.BOM_UTF8):
        body, first = data[len(codecs.BOM_UTF8) :], "utf-8"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        body, first = data, "utf-16"
    else:  # the declared charset first, else UTF-8
        body, first = data, _declared(data) or "utf-8"
    if first == "utf-8" and _valid_utf8(body):
        return body, "utf-8"
    text, encoding, strict = _decode(data)
    if strict and encoding in _NATIVE:
        return data.removeprefix(codecs.BOM_UTF8), encoding
    return text.encode("utf-8"), "utf-8"


def _parse(data: bytes, encoding: str, source: str | None) -> etree._Element:
    options: dict[str, Any] = {
        "encoding": encoding,
        "remove_comments": True,
        "remove_pis": True,
        "no_network": True,  # never fetch anything
        "huge_tree": False,  # keep libxml2's limits on depth and text size
        "recover": True,
        "default_doctype": False,
        "collect_ids": False,
    }
    parser = etree.HTMLParser(**options)
    try:
        root = etree.fromstring(data, parser)
    except (etree.XMLSyntaxError, ValueError) as exc:  # pragma: no cover - lxml recovers
        raise UnreadableDocumentError(f"无法解析 HTML（{exc}）", path=source) from None
    if any(_beyond_limits(error) for error in parser.error_log):
        # libxml2 stopped where its limits are (no huge_tree): the rest of the page is
        # missing, and reading what came before it would report a report without its tables
        raise UnreadableDocumentError(
            "网页超出了解析器的限制（元素嵌套超过 256 层，或一段文字超过 10 MB），"
            "内容不完整，不予读取 [R-HTML-LIMIT]",
            path=source,
        )
    if root is None:
        raise EmptyDocumentError("HTML 中没有任何内容", path=source)
    return root


def _beyond_limits(error: etree._LogEntry) -> bool:
    return error.type_name == "ERR_RESOURCE_LIMIT" or "XML_PARSE_HUGE" in error.message


# --------------------------------------------------------------------------------------
# the walk: paragraphs and tables in reading order
# --------------------------------------------------------------------------------------


class _Walker:
    """One pass over the article (lxml's ``iterwalk``): running text becomes paragraphs,
    the innermost tables become grids; layout tables are running text."""

    def __init__(self, source: str | None, leaves: set[etree._Element]) -> None:
        self.source = source
        self.leaves = leaves
        self.blocks: list[Block] = []
        self._buffer: list[str] = []
        self._line: int | None = None
        self._tables = 0
        self._budget = MAX_SPANNED
        self._parts = MAX_PARTS  # paragraphs and cells still allowed
        self.line_offset = 0  # lines of the file before the markup (a fragment)
        self.table_offset = 0  # tables of the file before it

    def walk(self, root: etree._Element) -> None:
        # the hot loop: handlers inlined, names bound locally; a leaf table is read apart
        # (:func:`_table_rows`), so its rows and cells cost no events here
        skip, block, leaves = _SKIP, _BLOCK, self.leaves
        walk = etree.iterwalk(root, events=("start", "end"))
        for event, element in walk:
            tag = element.tag
            if not isinstance(tag, str):
                continue
            if event == "start":
                if tag in skip and element is not root:
                    walk.skip_subtree()  # its "end" still comes, for the tail
                    continue
                if tag == "table" and element in leaves:
                    self.flush()
                    self._grid(element, _table_rows(element))
                    walk.skip_subtree()  # its "end" still comes, for the tail
                    continue
                if (tag == "br" or tag in block) and self._buffer:  # else nothing to flush
                    self.flush()
                text = element.text
                if text:
                    self._text(text, element)
                continue
            # "end"
            if element is not root:
                if tag in block and tag not in skip and self._buffer:
                    self.flush()
                text = element.tail
                if text:
                    self._text(text, element)
            elif tag == "table" and element in leaves:
                self._text(element.tail, element)
        self.flush()

    def _text(self, text: str | None, element: etree._Element) -> None:
        if not text:
            return
        if self._line is None and not text.isspace():
            line = _line(element)
            self._line = None if line is None else line + self.line_offset
        self._buffer.append(text)

    def flush(self) -> None:
        if self._buffer:
            text = clean("".join(self._buffer))
            if text:
                self._parts -= 1
                if self._parts < 0:
                    raise too_many_parts(self.source)
                self.blocks.append(paragraph(text, self.source, self._line))
        self._buffer = []
        self._line = None

    def _grid(self, table: etree._Element, found: list[list[etree._Element]]) -> None:
        rows = [row for row in found if row]
        if not rows:
            return
        self._tables += 1
        number, source, height = self._tables + self.table_offset, self.source, len(rows)
        offset = self.line_offset
        self._parts -= sum(len(row) for row in rows)
        if self._parts < 0:
            raise too_many_parts(source)
        grid: list[list[LightCell | None]] = [[] for _ in rows]
        filled = [0] * height  # positions of each line that hold a cell (the rest are None)
        # the cells are plain tuples (readers/document.py: LightCell), their locations made
        # only when asked for: this loop runs once per cell of every page
        make, light, cell_text = tuple.__new__, LightCell, _cell_text
        for r, cells in enumerate(rows):
            line = grid[r]
            c = placed = 0
            row_number = r + 1
            for cell in cells:
                width = len(line)
                while c < width and line[c] is not None:  # skip what rows above cover
                    c += 1
                if c >= MAX_WIDTH:
                    break
                line_number: object = cell.sourceline
                at = line_number + offset if isinstance(line_number, int) else None
                text = cell_text(cell)
                # every field of LightCell, in order (tuple.__new__ knows no defaults)
                made = make(
                    light, (text, False, False, source, number, row_number, c + 1, at, None)
                )
                placed += 1
                names = cell.keys()  # one call, where two get() cost more
                if not names or ("colspan" not in names and "rowspan" not in names):  # most
                    if c == width:
                        line.append(made)
                    else:
                        line[c] = made
                    c += 1
                    continue
                colspan_value = cell.get("colspan")
                rowspan_value = cell.get("rowspan")
                colspan = (
                    min(_span(colspan_value), MAX_COLSPAN, MAX_WIDTH - c) if colspan_value else 1
                )
                rowspan = min(_span(rowspan_value), height - r) if rowspan_value else 1
                end = c + colspan
                if width < end:
                    line.extend([None] * (end - width))
                line[c] = made
                if rowspan > 1 or colspan > 1:
                    copy = make(
                        light, (text, True, False, source, number, row_number, c + 1, at, None)
                    )
                    self._spread(copy, grid, filled, (r, c, end), rowspan)
                c = end
            filled[r] += placed
        self.blocks.append(_finished(grid, filled, table, number, source, offset))

    def _spread(
        self,
        copy: LightCell,
        grid: list[list[LightCell | None]],
        filled: list[int],
        where: tuple[int, int, int],
        rowspan: int,
    ) -> None:
        """Copy a merged cell (row *r*, columns *c* to *end*, *rowspan* rows) into the
        positions it covers after its own, counting them in *filled*."""
        r, c, end = where
        self._budget -= rowspan * (end - c)
        if self._budget < 0:
            raise UnreadableDocumentError(
                "表格的合并单元格过多或过大（超出合理范围），不予读取", path=self.source
            )
        for dr in range(rowspan):
            target = grid[r + dr]
            start = c + 1 if dr == 0 else c
            width = len(target)
            if width <= start:  # nothing there yet (most copies): no position to test
                target.extend([None] * (start - width))
                target.extend([copy] * (end - start))
                filled[r + dr] += end - start
                continue
            if width < end:
                target.extend([None] * (end - width))
            free = [k for k in range(start, end) if target[k] is None]
            if len(free) == end - start:
                target[start:end] = [copy] * (end - start)
            else:  # overlapping spans: fill only the free positions
                for k in free:
                    target[k] = copy
            filled[r + dr] += len(free)


def _finished(
    grid: list[list[LightCell | None]],
    filled: list[int],
    table: etree._Element,
    number: int,
    source: str | None,
    offset: int,
) -> Table:
    """The table of a grid; a position no cell covers (a row shorter than the one above)
    holds an empty spanned cell."""
    hole = LightCell("", True, False, source, number, None, None, None)
    at = _line(table)
    return Table.of_grid(
        tuple(
            tuple(line)  # type: ignore[arg-type]  # no hole in it
            if filled[r] == len(line)
            else tuple(hole if cell is None else cell for cell in line)
            for r, line in enumerate(grid)
        ),
        SourceLocation(file=source, table=number, line=None if at is None else at + offset),
    )


def _table_rows(table: etree._Element) -> list[list[etree._Element]]:
    """The rows of a leaf table, each the list of its cells, in document order.

    A ``<tr>`` starts a row; a ``<td>``/``<th>`` is a cell of the last row (its content is
    not searched further); elements that are never report text are passed over; any other
    element (``<tbody>``, a stray ``<span>``) is looked into.  Walked by sibling links, which
    cost less than lxml's iterators.
    """
    rows: list[list[etree._Element]] = []
    skip = _SKIP
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
        elif isinstance(tag, str) and tag not in skip and len(node):
            stack.append(node)
            node = node[0]
            continue
        node = node.getnext()


def _line(element: etree._Element) -> int | None:
    line: object = getattr(element, "sourceline", None)
    return line if isinstance(line, int) else None


def _span(value: str | None) -> int:
    if not value:
        return 1
    match = _SPAN.match(value)
    if match is None:
        return 1
    return max(1, int(match.group(1)))


_MARK = "\U0010fffd"
"""Marks a line break inside a cell while its text is put together (a private-use
character of the last plane, not found in report text)."""
_CELL_BREAKS = frozenset({
    "br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "center",
    "blockquote", "pre", "dd", "dt", "ul", "ol", "table", "caption", "section",
})  # fmt: skip


def _cell_lines(text: str) -> str:
    """The lines of a cell's text put together (:data:`_MARK` between them), each with its
    runs of whitespace made one space; empty lines are dropped."""
    if _MARK not in text:
        return " ".join(text.split())
    return "\n".join([" ".join(t.split()) for t in text.split(_MARK) if t and not t.isspace()])


def _chain_text(cell: etree._Element, child: etree._Element) -> str | None:
    """The text of a *cell* whose only *child* holds nothing but elements of text, none of
    them a break, each holding at most one element — except on one level, which may hold
    several (``<p><span>…``, ``<p><span/><span><o:p/></span>``: the shapes of nearly every
    cell of a Word-exported page), as :func:`_cell_text` reads it; ``None`` for any other
    shape (and :func:`_cell_text` walks it)."""
    skip, breaks = _SKIP, _CELL_BREAKS
    first_tag = child.tag
    if first_tag.__class__ is not str or first_tag in skip:
        return None
    texts = [child.text or ""]
    tails: list[str] = []
    node = child
    below = len(node)
    while below:
        if below != 1:  # several elements, each a chain: <span>1</span><span><o:p/></span>
            for element in node:
                down: list[str] = []
                while True:
                    tag = element.tag
                    if tag.__class__ is not str or tag in skip or tag in breaks:
                        return None
                    texts.append(element.text or "")
                    down.append(element.tail or "")
                    inner = len(element)
                    if not inner:
                        break
                    if inner != 1:
                        return None
                    element = element[0]
                down.reverse()
                texts += down
            break
        node = node[0]
        tag = node.tag
        if tag.__class__ is not str or tag in skip or tag in breaks:
            return None
        texts.append(node.text or "")
        tails.append(node.tail or "")
        below = len(node)
    if tails:
        tails.reverse()
        texts += tails
    inside = texts[0] if len(texts) == 1 else "".join(texts)
    before, after = cell.text or "", child.tail or ""
    if first_tag not in breaks:
        return _cell_lines(before + inside + after)
    if first_tag == "br":
        return None
    if (not before or before.isspace()) and (not after or after.isspace()) and _MARK not in inside:
        return " ".join(inside.split())  # one line: the usual <td><p>…</p></td>
    return _cell_lines(f"{before}{_MARK}{inside}{_MARK}{after}")


def _cell_text(cell: etree._Element) -> str:
    """The text of a cell; ``<br>`` and block boundaries inside it become line breaks.

    Every line has its runs of whitespace (line breaks in the HTML source included) made one
    space; empty lines are dropped.  The cell's elements are visited by sibling links, in
    document order, without changing the tree: a report page has hundreds of cells of
    nested ``<p>``/``<span>``, and lxml's iterators and serialiser cost more per cell than
    the few attribute reads this needs.
    """
    count = len(cell)
    if not count:
        return " ".join((cell.text or "").split())
    breaks, skip, mark = _CELL_BREAKS, _SKIP, _MARK
    if count == 1:  # most cells: <p>, <span>, <p><span>… holding only text, read at once
        text = _chain_text(cell, cell[0])
        if text is not None:
            return text
    text = cell.text
    parts = [text] if text else []
    stack: list[etree._Element] = []  # the open elements above the current one
    node: etree._Element | None = cell[0]
    while True:
        while node is None:  # the last child is done: close its parent
            if not stack:
                return _cell_lines("".join(parts))
            node = stack.pop()
            if node.tag in breaks:
                parts.append(mark)
            tail = node.tail
            if tail:
                parts.append(tail)
            node = node.getnext()
        tag = node.tag
        if tag in breaks:
            if tag != "br":
                parts.append(mark)
        elif tag in skip or not isinstance(tag, str):  # never text (a comment has no tag)
            tail = node.tail
            if tail:
                parts.append(tail)
            node = node.getnext()
            continue
        text = node.text
        if text:
            parts.append(text)
        if len(node):
            stack.append(node)
            node = node[0]
            continue
        if tag in breaks:
            parts.append(mark)
        tail = node.tail
        if tail:
            parts.append(tail)
        node = node.getnext()
