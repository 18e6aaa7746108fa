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
from collections.abc import Iterator
from typing import Any

from lxml import etree

from ..diagnostics import SourceLocation
from ..errors import UnreadableDocumentError
from .document import Block, Document, Paragraph, Table, TextCell

__all__ = ["decode", "read", "sniff"]

MAX_COLSPAN = 256
"""A ``colspan`` above this is clamped (the widest real report table spans 15 columns)."""
MAX_WIDTH = 512
"""No table grid is wider than this; cells beyond it are dropped."""

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
_SPACES = re.compile(r"[ \t\r\n\f\v\u00a0\u200b\ufeff]+")
_TABLE_HINTS = (
    "第二十条",
    "信息内容",
    "自然人",
    "本年新收",
    "结果维持",
    "行政复议",
    "规章",
    "行政许可",
)
_HEADING_HINTS = ("总体情况", "主动公开", "依申请", "复议", "其他需要报告", "存在的主要问题")


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
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                          (codecs.BOM_UTF16_BE, "utf-16-be")):  # fmt: skip
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace"), encoding
    declared = _META_CHARSET.search(data[:8192])
    tried: list[str] = []
    if declared is not None:
        name = declared.group(1).decode("ascii", "replace").lower()
        if name in {"gb2312", "gbk", "gb_2312-80", "x-gbk", "cp936", "gb18030"}:
            name = "gb18030"
        try:
            codecs.lookup(name)
        except LookupError:
            name = ""
        if name:
            tried.append(name)
            try:
                return data.decode(name), name
            except UnicodeDecodeError:
                pass
    for encoding in ("utf-8", "gb18030"):
        if encoding in tried:
            continue
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return data.decode("gb18030", errors="replace"), "gb18030"


def read(data: bytes, *, source: str | None) -> Document:
    """Read an HTML page or fragment into a :class:`Document`."""
    text, _encoding = decode(data)
    root = _parse(text, source)
    metadata = _metadata(root)
    body = root.find("body")
    if body is None:
        body = root
    article = _article(body)
    walker = _Walker(source)
    walker.flow(article)
    walker.flush()
    return Document(source=source, format="html", blocks=tuple(walker.blocks), metadata=metadata)


def _parse(text: str, source: str | None) -> etree._Element:
    options: dict[str, Any] = {
        "encoding": "utf-8",
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
        root = etree.fromstring(text.encode("utf-8", errors="replace"), parser)
    except (etree.XMLSyntaxError, ValueError) as exc:  # pragma: no cover - lxml recovers
        raise UnreadableDocumentError(f"无法解析 HTML（{exc}）", path=source) from None
    if root is None:
        raise UnreadableDocumentError("HTML 中没有任何内容", path=source)
    return root


# --------------------------------------------------------------------------------------
# metadata and the article
# --------------------------------------------------------------------------------------

_META_NAMES = {
    "articletitle": "title",
    "title": "title",
    "og:title": "title",
    "author": "author",
    "contentsource": "source",
    "description": "description",
    "desctiption": "description",
    "pubdate": "published",
    "publishdate": "published",
    "firstpublishedtime": "published",
    "article:published_time": "published",
    "dc.date": "published",
}


def _metadata(root: etree._Element) -> dict[str, str]:
    meta: dict[str, str] = {}
    head = root.find("head")
    if head is None:
        return meta
    for element in head:
        tag = element.tag
        if tag == "title":
            title = _clean(element.text or "")
            if title:
                meta.setdefault("page_title", title)
        elif tag == "meta":
            name = (element.get("name") or element.get("property") or "").strip().lower()
            key = _META_NAMES.get(name)
            content = _clean(element.get("content") or "")
            if key and content and key not in meta:
                meta[key] = content
    if "title" not in meta and "page_title" in meta:
        meta["title"] = meta["page_title"]
    return meta


def _is_tag(element: object) -> bool:
    return isinstance(element, etree._Element) and isinstance(element.tag, str)


def _article(body: etree._Element) -> etree._Element:
    """The element holding the report: the lowest common ancestor of the page's tables,
    widened until it also holds the section headings (whole CMS pages carry navigation,
    footers and scripts around it)."""
    tables = [t for t in body.iter("table") if t.find(".//td") is not None]
    if not tables:
        return body
    # the innermost tables carry the data; layout tables only wrap them; and of those, the
    # report's own tables (not a footer's link table) say where the article is
    leaves = [t for t in tables if _no_nested(t)] or tables
    chosen = [t for t in leaves if _looks_like_report_table(t)] or leaves
    common = _common_ancestor(chosen)
    node = common
    while node is not body and (node.tag == "table" or not _has_headings(node)):
        parent = node.getparent()
        if parent is None:
            break
        node = parent
    return node


def _looks_like_report_table(table: etree._Element) -> bool:
    text = "".join(t for t in table.itertext() if isinstance(t, str))
    return any(word in text for word in _TABLE_HINTS)


def _no_nested(table: etree._Element) -> bool:
    return all(t is table for t in table.iter("table"))


def _common_ancestor(elements: list[etree._Element]) -> etree._Element:
    first = [elements[0], *elements[0].iterancestors()]
    for element in first:
        if all(element is e or any(a is element for a in e.iterancestors()) for e in elements):
            return element
    return first[-1]  # pragma: no cover - the root is always common


def _has_headings(element: etree._Element) -> bool:
    text = "".join(t for t in element.itertext() if isinstance(t, str))
    return sum(hint in text for hint in _HEADING_HINTS) >= 2


# --------------------------------------------------------------------------------------
# the walk: paragraphs and tables in reading order
# --------------------------------------------------------------------------------------


def _clean(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


class _Walker:
    def __init__(self, source: str | None) -> None:
        self.source = source
        self.blocks: list[Block] = []
        self._buffer: list[str] = []
        self._line: int | None = None
        self._tables = 0

    # paragraphs ------------------------------------------------------------------------
    def text(self, text: str | None, line: int | None) -> None:
        if text:
            if self._line is None and text.strip():
                self._line = line
            self._buffer.append(text)

    def flush(self) -> None:
        if self._buffer:
            text = _clean("".join(self._buffer))
            if text:
                self.blocks.append(
                    Paragraph(text=text, location=SourceLocation(file=self.source, line=self._line))
                )
        self._buffer = []
        self._line = None

    # flow ------------------------------------------------------------------------------
    def flow(self, element: etree._Element) -> None:
        """Walk an element's content as running text, tables as tables."""
        self.text(element.text, _line(element))
        for child in element:
            self._child(child)
            self.text(child.tail, _line(child))

    def _child(self, child: etree._Element) -> None:
        if not _is_tag(child):
            return
        tag = _local(child.tag)
        if tag in _SKIP:
            return
        if tag == "br":
            self.flush()
            return
        if tag == "table":
            self.flush()
            if _no_nested(child):
                self._table(child)
            else:
                self._layout(child)
            return
        block = tag in _BLOCK
        if block:
            self.flush()
        self.flow(child)
        if block:
            self.flush()

    def _layout(self, table: etree._Element) -> None:
        """A table that holds tables is layout: read its cells as running text."""
        for row in _rows(table):
            for cell in row:
                self.flow(cell)
                self.flush()

    # tables ----------------------------------------------------------------------------
    def _table(self, table: etree._Element) -> None:
        rows = _rows(table)
        if not rows:
            return
        self._tables += 1
        number = self._tables
        grid: list[list[TextCell | None]] = [[] for _ in rows]
        for r, cells in enumerate(rows):
            line = grid[r]
            c = 0
            for cell in cells:
                while c < len(line) and line[c] is not None:
                    c += 1
                if c >= MAX_WIDTH:
                    break
                colspan = min(_span(cell.get("colspan")), MAX_COLSPAN, MAX_WIDTH - c)
                rowspan = min(_span(cell.get("rowspan")), len(rows) - r)
                text = _cell_text(cell)
                origin = SourceLocation(
                    file=self.source, table=number, row=r + 1, cell=c + 1, line=_line(cell)
                )
                for dr in range(rowspan):
                    target = grid[r + dr]
                    if len(target) < c + colspan:
                        target.extend([None] * (c + colspan - len(target)))
                    for dc in range(colspan):
                        if target[c + dc] is None:
                            target[c + dc] = TextCell(
                                text=text, location=origin, spanned=dr > 0 or dc > 0
                            )
                c += colspan
        out: list[tuple[TextCell, ...]] = []
        for r, line in enumerate(grid):
            filled = [
                cell
                if cell is not None
                else TextCell(
                    text="",
                    location=SourceLocation(file=self.source, table=number, row=r + 1, cell=c + 1),
                    spanned=True,
                )
                for c, cell in enumerate(line)
            ]
            out.append(tuple(filled))
        first_line = _line(table)
        self.blocks.append(
            Table(
                rows=tuple(out),
                location=SourceLocation(file=self.source, table=number, line=first_line),
            )
        )


def _line(element: etree._Element) -> int | None:
    line: object = getattr(element, "sourceline", None)
    return line if isinstance(line, int) else None


def _local(tag: str) -> str:
    """The tag without a namespace URI, in lower case (Word's ``o:p`` stays ``o:p``: inline)."""
    if "}" in tag:
        tag = tag.rsplit("}", 1)[1]
    return tag.lower()


def _rows(table: etree._Element) -> list[list[etree._Element]]:
    """The rows of *table* (not of tables nested in it), each a list of its cells."""
    rows: list[list[etree._Element]] = []
    for row in _own_rows(table):
        rows.append([c for c in row if _is_tag(c) and _local(c.tag) in {"td", "th"}])
    return rows


def _own_rows(table: etree._Element) -> Iterator[etree._Element]:
    for child in table:
        if not _is_tag(child):
            continue
        tag = _local(child.tag)
        if tag == "tr":
            yield child
        elif tag in {"tbody", "thead", "tfoot"}:
            for row in child:
                if _is_tag(row) and _local(row.tag) == "tr":
                    yield row


def _span(value: str | None) -> int:
    if not value:
        return 1
    match = re.match(r"\s*(\d{1,7})", value)
    if match is None:
        return 1
    return max(1, int(match.group(1)))


def _cell_text(cell: etree._Element) -> str:
    """The text of a cell; ``<br>`` and block boundaries inside it become line breaks."""
    parts: list[str] = []
    _collect(cell, parts)
    lines = [_clean(line) for line in "".join(parts).split("\n")]
    return "\n".join(line for line in lines if line)


def _collect(element: etree._Element, parts: list[str]) -> None:
    if element.text:
        parts.append(element.text.replace("\n", " "))
    for child in element:
        if _is_tag(child):
            tag = _local(child.tag)
            if tag == "br":
                parts.append("\n")
            elif tag not in _SKIP:
                block = tag in _BLOCK
                if block:
                    parts.append("\n")
                _collect(child, parts)
                if block:
                    parts.append("\n")
        if child.tail:
            parts.append(child.tail.replace("\n", " "))
