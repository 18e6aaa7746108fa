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
from ._html_cells import MAX_COLSPAN, MAX_WIDTH, SKIP, Layout, fast_rows, plain, slow_rows
from ._html_page import clean, find_article, page_metadata
from .document import (
    MAX_PARTS,
    MAX_TEXT_BYTES,
    Block,
    Document,
    Paragraph,
    Table,
    too_large,
    too_many_parts,
)

__all__ = ["MAX_COLSPAN", "MAX_SPANNED", "MAX_WIDTH", "decode", "read", "read_fragment", "sniff"]

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

_SKIP = SKIP
# Elements that start a new paragraph (everything else is inline).
_BLOCK = frozenset(
    {
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
        "section", "article", "header", "footer", "main", "aside", "blockquote", "pre",
        "center", "address", "figure", "figcaption", "caption", "form", "fieldset", "hr",
        "tr", "td", "th", "tbody", "thead", "tfoot", "body", "html", "table",
    }
)  # fmt: skip


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
    declared = _META_CHARSET.search(data[:8192])
    tried: list[str] = []
    if declared is not None:
        name = declared.group(1).decode("ascii", "replace").lower()
        if name in {"gb2312", "gbk", "gb_2312-80", "x-gbk", "cp936", "gb18030"}:
            name = "gb18030"
        try:
            name = codecs.lookup(name).name
        except LookupError:
            name = ""
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


def read(data: bytes, *, source: str | None) -> Document:
    """Read an HTML page or fragment into a :class:`Document`."""
    if len(data) > MAX_TEXT_BYTES:
        raise too_large(len(data), source)
    text, encoding, strict = _decode(data)
    if strict and encoding in _NATIVE:  # libxml2 reads the bytes as they are
        root = _parse(data.removeprefix(codecs.BOM_UTF8), encoding, source)
    else:
        root = _parse(text.encode("utf-8"), "utf-8", source)
    metadata = page_metadata(root)
    body = root.find("body")
    if body is None:
        body = root
    article, leaves = find_article(body)
    walker = _Walker(source, leaves)
    walker.plain = plain(text)
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
    walker.plain = plain(markup)
    walker.walk(body)
    return walker.blocks


_NATIVE = frozenset({"utf-8", "gb18030"})
"""Encodings libxml2 reads itself: their bytes are parsed as they are, not re-encoded."""


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
        self.plain = False  # no marker character in the page: the fast way (_html_cells)
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
                    self._grid(element)
                    walk.skip_subtree()  # its "end" still comes, for the tail
                    continue
                if tag == "br" or tag in block:
                    self.flush()
                self._text(element.text, element)
                continue
            # "end"
            if element is not root:
                if tag in block and tag not in skip:
                    self.flush()
                self._text(element.tail, element)
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
                location = SourceLocation(file=self.source, line=self._line)
                self.blocks.append(Paragraph(text=text, location=location))
        self._buffer = []
        self._line = None

    def _grid(self, table: etree._Element) -> None:
        found = fast_rows(table) if self.plain else None
        rows, lines = slow_rows(table) if found is None else found
        if not rows:
            return
        self._tables += 1
        number, source, offset = self._tables + self.table_offset, self.source, self.line_offset
        self._parts -= len(lines)
        if self._parts < 0:
            raise too_many_parts(source)
        if offset:
            lines = [None if line is None else line + offset for line in lines]
        layout = Layout(rows, lines)
        if not layout.run(self._budget):
            raise UnreadableDocumentError(
                "表格的合并单元格过多或过大（超出合理范围），不予读取", path=source
            )
        self._budget -= layout.spread
        at = _line(table)
        location = SourceLocation(
            file=source, table=number, line=None if at is None else at + offset
        )
        self.blocks.append(
            Table.from_texts(
                tuple(map(tuple, layout.texts)),
                location=location,
                lines=layout.lines,
                origins=layout.origins,
            )
        )


def _line(element: etree._Element) -> int | None:
    line: object = getattr(element, "sourceline", None)
    return line if isinstance(line, int) else None
