"""Reading PDF files with a text layer into a neutral :class:`~zfxxgk.readers.document.Document`.

Needs the optional extra ``zfxxgk[pdf]`` (pdfplumber), imported only here.  One pass per
page takes the characters and the *visible* ruling (stroked lines and rectangles, thin
filled bars — never the white background boxes that WPS draws behind every line of text);
pdfplumber's table finder turns the ruling into cells, and this module does the rest:

* every ruled table becomes a grid (:mod:`._pdf_grid`): a merged cell's extra positions
  are ``spanned`` copies, and a grid position that no drawn cell covers (a row's last cell
  missing, a header cell whose border was not drawn, a last row whose bottom border WPS
  left out at a page break) is read as a cell of its own;
* a cell's text is its characters line by line (``"\\n"`` between lines, so vertical labels
  read ``三\\n、\\n本…``); a number printed in pieces that stand close together is one
  number (``"2 0"`` → ``"20"``), pieces far apart stay apart (``"5 7"``);
* a table that runs across a page break is joined with its continuation, including a row
  that the break cut in two and a merged row label continued on the next page;
* text outside tables becomes one :class:`Paragraph` per line; page numbers
  (``- 4 -``, ``第 4 页``) and running headers or footers are dropped, and so are
  characters printed outside the page;
* Kangxi radicals and CJK compatibility ideographs (``⼀⼆⼈``) are folded to the
  ordinary characters (NFKC, for those blocks only: full-width punctuation is kept).

A PDF with no text layer (a scan), an encrypted or damaged PDF, or one with more than
:data:`MAX_PAGES` pages raises a :class:`~zfxxgk.errors.DocumentError` subclass.
"""

from __future__ import annotations

import contextlib
import io
import itertools
import re
import zlib
from typing import Any, Final

from ..errors import DocumentError, MissingDependencyError, UnreadableDocumentError
from ..limits import MAX_CHARS_PER_PAGE, MAX_PAGES, MAX_STREAM
from . import _pdf_grid as grid
from ._pdf_blocks import tables_from_segments, to_blocks
from ._pdf_grid import Char, Segment
from .document import Document

__all__ = ["MAX_PAGES", "read", "sniff"]


_METADATA_KEYS: Final = {
    "Title": "title",
    "Author": "author",
    "Subject": "subject",
    "CreationDate": "created",
    "ModDate": "modified",
    "Creator": "creator_tool",
    "Producer": "producer",
}


def sniff(data: bytes, name: str | None) -> bool:
    """True when the file starts with the ``%PDF-`` signature (within its first 1 KB)."""
    return b"%PDF-" in data[:1024]


def _pdfplumber() -> Any:
    try:
        import pdfplumber
    except ImportError:
        raise MissingDependencyError(
            "读取 PDF 需要可选依赖 pdfplumber，请安装：pip install 'zfxxgk[pdf]'"
        ) from None
    return pdfplumber


def read(data: bytes, *, source: str | None) -> Document:
    """Read a PDF file's bytes into a :class:`Document` (``format="pdf"``)."""
    pdfplumber = _pdfplumber()
    pdf = _open(pdfplumber, data, source)
    try:
        metadata = _metadata(pdf)
        pages = _pages(pdf, source)
        metadata["pages"] = str(len(pages))
        items: list[grid.Item] = []
        text_chars = 0
        no_text: list[int] = []
        for number, page in enumerate(pages, start=1):
            chars, segments, tables = _page_objects(page, number, source)
            visible = sum(1 for c in chars if not c.text.isspace())
            text_chars += visible
            if not visible:
                no_text.append(number)
            items.extend(
                grid.layout_page(
                    number, float(page.height), chars, tables, segments, float(page.width)
                )
            )
    finally:
        _close(pdf)
    if no_text:
        return _with_scanned_pages(data, source, metadata, items, no_text, text_chars)
    blocks = to_blocks(grid.assemble(items), source)
    return Document(source=source, format="pdf", blocks=tuple(blocks), metadata=metadata)


def _with_scanned_pages(
    data: bytes,
    source: str | None,
    metadata: dict[str, str],
    items: list[grid.Item],
    no_text: list[int],
    text_chars: int,
) -> Document:
    """The document of a PDF some of whose pages (*no_text*) have no text layer: those pages
    read by OCR (:mod:`.scan`); without the OCR engine, a PDF with no text at all is refused
    (E103, naming the extra that reads it) and one with some text is read without them."""
    from . import scan

    reader = scan.scanner(source)
    if reader is None:
        if text_chars == 0:
            raise scan.refusal(source, "PDF 没有文字层")
        return Document(
            source=source,
            format="pdf",
            blocks=tuple(to_blocks(grid.assemble(items), source)),
            metadata=metadata,
        )
    try:
        render = scan.pdf_pages(data)
    except Exception as exc:  # pdfium's own failures on a file pdfminer could read
        raise _open_error(exc, source) from None
    items = items + scan.image_items(reader, render, no_text)
    items.sort(key=lambda it: it.page)  # stable: each page's items stay in reading order
    return reader.document(items, "pdf", metadata)


def _open(pdfplumber: Any, data: bytes, source: str | None) -> Any:
    try:
        return pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # pdfminer raises many unrelated types for damaged files
        raise _open_error(exc, source) from None


def _close(pdf: Any) -> None:
    # pdfplumber's close() walks the page tree again, which fails on a damaged file
    with contextlib.suppress(Exception):
        pdf.close()


def _open_error(exc: BaseException, source: str | None) -> DocumentError:
    inner = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else exc
    kind = type(inner).__name__
    if "Password" in kind or "Encrypt" in kind:
        return UnreadableDocumentError(
            "PDF 文件已加密（需要密码或使用了不支持的加密方式），无法读取；"
            "请先解除密码保护再试 [R-PDF-ENCRYPTED]",
            path=source,
        )
    return UnreadableDocumentError(
        f"PDF 文件已损坏或不完整，无法读取（{kind}）[R-PDF-DAMAGED]", path=source
    )


def _pages(pdf: Any, source: str | None) -> list[Any]:
    try:
        from pdfminer.pdftypes import resolve1

        declared = resolve1(resolve1(pdf.doc.catalog.get("Pages")).get("Count"))
    except Exception:
        declared = None
    if isinstance(declared, int) and declared > MAX_PAGES:  # refuse before building pages
        raise UnreadableDocumentError(
            f"PDF 页数过多（{declared} 页，上限 {MAX_PAGES} 页），不像一份年度报告 [R-PDF-PAGES]",
            path=source,
        )
    try:
        pages = list(pdf.pages)
    except Exception as exc:
        raise _open_error(exc, source) from None
    if not pages:
        raise UnreadableDocumentError("PDF 文件没有任何页面 [R-PDF-DAMAGED]", path=source)
    if len(pages) > MAX_PAGES:
        raise UnreadableDocumentError(
            f"PDF 页数过多（{len(pages)} 页，上限 {MAX_PAGES} 页），不像一份年度报告 [R-PDF-PAGES]",
            path=source,
        )
    return pages


def _page_objects(
    page: Any, number: int, source: str | None
) -> tuple[list[Char], list[Segment], list[list[tuple[float, float, float, float]]]]:
    """The characters, visible ruling and table cells of one page (one pdfminer pass)."""
    try:
        for stream in _page_streams(page.page_obj):
            if _inflated_size(stream) > MAX_STREAM:
                raise UnreadableDocumentError(
                    f"PDF 第{number}页的数据流解压后过大，疑为压缩炸弹，拒绝读取 [R-PDF-BOMB]",
                    path=source,
                )
        if _may_show(page.page_obj) > MAX_CHARS_PER_PAGE and (
            _count_chars(page, MAX_CHARS_PER_PAGE) > MAX_CHARS_PER_PAGE
        ):
            raise _too_many_chars(number, source)
        raw_chars = page.chars
        if len(raw_chars) > MAX_CHARS_PER_PAGE:
            raise _too_many_chars(number, source)
        segments = [
            s for o in (*page.lines, *page.rects, *page.curves) if _visible(o) for s in _segments(o)
        ]
        tables = tables_from_segments(segments)
        chars = [
            Char(
                text=c["text"],
                x0=float(c["x0"]),
                x1=float(c["x1"]),
                top=float(c["top"]),
                bottom=float(c["bottom"]),
                size=float(c.get("size") or 0.0),
            )
            for c in raw_chars
            if c.get("text")
        ]
    except DocumentError:
        raise
    except Exception as exc:
        raise UnreadableDocumentError(
            f"PDF 第{number}页无法解析（{type(exc).__name__}），文件可能已损坏 [R-PDF-DAMAGED]",
            path=source,
        ) from None
    finally:
        page.close()
    return chars, segments, tables


def _too_many_chars(number: int, source: str | None) -> UnreadableDocumentError:
    return UnreadableDocumentError(
        f"PDF 第{number}页字符过多（超过 {MAX_CHARS_PER_PAGE} 个），拒绝读取 [R-PDF-PAGES]",
        path=source,
    )


def _may_show(page_obj: Any) -> float:
    """At least as many characters as the page can show: the bytes of its content streams
    (every character shown takes a byte of a string there), or infinity when it draws forms
    (a form drawn again and again shows its characters again)."""
    from pdfminer.pdftypes import resolve1

    try:
        resources = resolve1(page_obj.resources) or {}
        xobjects = resolve1(resources.get("XObject")) if isinstance(resources, dict) else None
        if isinstance(xobjects, dict) and any(
            getattr(resolve1(resolve1(x).get("Subtype")), "name", "Form") != "Image"
            for x in xobjects.values()
        ):
            return float("inf")
        return float(sum(len(resolve1(s).get_data()) for s in page_obj.contents or []))
    except Exception:  # cannot tell: count
        return float("inf")


def _count_chars(page: Any, limit: int) -> int:
    """The characters *page* shows, counted no further than *limit* + 1: a pass of pdfminer's
    interpreter that builds nothing (pdfplumber's own pass lays out every character, which
    for 200,000 characters takes seconds and hundreds of megabytes)."""
    from pdfminer.pdfdevice import PDFDevice
    from pdfminer.pdfinterp import PDFPageInterpreter

    class Enough(Exception):
        pass

    class Counter(PDFDevice):
        count = 0

        def render_string(self, textstate: Any, seq: Any, ncs: Any, graphicstate: Any) -> None:
            font = textstate.font
            for item in seq:
                if isinstance(item, bytes):
                    self.count += len(item) if font is None else len(font.decode(item))
            if self.count > limit:
                raise Enough

    counter = Counter(page.pdf.rsrcmgr)
    try:
        PDFPageInterpreter(page.pdf.rsrcmgr, counter).process_page(page.page_obj)
    except Enough:
        pass
    except Exception:  # not ours to judge: pdfplumber's own pass reports a damaged page
        return 0
    return counter.count


def _page_streams(page_obj: Any) -> list[Any]:
    """The streams pdfminer will inflate to read a page: its contents, its form XObjects,
    its fonts' ToUnicode maps and embedded font files (one level deep)."""
    from pdfminer.pdftypes import PDFStream, resolve1

    streams: list[Any] = list(page_obj.contents or [])
    resources = resolve1(page_obj.resources) or {}
    if not isinstance(resources, dict):
        return streams
    pending: list[Any] = []
    for group in ("XObject", "Font"):
        entries = resolve1(resources.get(group)) or {}
        if isinstance(entries, dict):
            pending.extend(resolve1(v) for v in entries.values())
    while pending:
        item = pending.pop()
        if isinstance(item, PDFStream):
            if getattr(resolve1(item.get("Subtype")), "name", None) != "Image":
                streams.append(item)
        elif isinstance(item, dict):
            for key in ("ToUnicode", "FontFile", "FontFile2", "FontFile3"):
                value = resolve1(item.get(key))
                if isinstance(value, PDFStream):
                    streams.append(value)
            descriptor = resolve1(item.get("FontDescriptor"))
            if isinstance(descriptor, dict) and descriptor is not item:
                pending.append(descriptor)
            descendants = resolve1(item.get("DescendantFonts"))
            if isinstance(descendants, list):
                pending.extend(resolve1(d) for d in descendants[:4] if resolve1(d) is not item)
    return streams


def _inflated_size(stream: Any) -> int:
    """How large a Flate-encoded stream inflates, counted no further than MAX_STREAM + 1
    (0 when it is not Flate-encoded, already decoded, or cannot be checked)."""
    from pdfminer.pdftypes import LITERALS_FLATE_DECODE

    try:
        if stream.data is not None or stream.rawdata is None:
            return 0
        filters = stream.get_filters()
        if not filters or filters[0][0] not in LITERALS_FLATE_DECODE:
            return 0
        data = stream.rawdata
        if stream.decipher:
            data = stream.decipher(stream.objid, stream.genno, data, stream.attrs)
        inflater = zlib.decompressobj()
        return len(inflater.decompress(data, MAX_STREAM + 1))
    except Exception:  # not ours to judge: pdfminer will report a damaged stream
        return 0


_THIN: Final = 3.0
"""A filled rectangle at most this thick is a ruling line."""


def _segments(obj: dict[str, Any]) -> list[Segment]:
    """The axis-parallel ruling segments a visible graphic object draws."""
    x0, x1 = float(obj["x0"]), float(obj["x1"])
    top, bottom = float(obj["top"]), float(obj["bottom"])
    kind = obj.get("object_type")
    if kind == "rect" and not obj.get("stroke"):  # a filled bar
        if x1 - x0 <= _THIN:
            return [Segment("v", (x0 + x1) / 2, top, bottom)]
        return [Segment("h", (top + bottom) / 2, x0, x1)]
    if kind == "rect":
        return [
            Segment("h", top, x0, x1),
            Segment("h", bottom, x0, x1),
            Segment("v", x0, top, bottom),
            Segment("v", x1, top, bottom),
        ]
    points = obj.get("pts") or [(x0, top), (x1, bottom)]
    out: list[Segment] = []
    for (ax, ay), (bx, by) in itertools.pairwise(points):
        if abs(ax - bx) <= 1.0 and abs(ay - by) > 1.0:
            out.append(Segment("v", (ax + bx) / 2, min(ay, by), max(ay, by)))
        elif abs(ay - by) <= 1.0 and abs(ax - bx) > 1.0:
            out.append(Segment("h", (ay + by) / 2, min(ax, bx), max(ax, bx)))
    return out


def _is_white(color: Any) -> bool:
    if isinstance(color, int | float):
        return float(color) >= 0.95
    if isinstance(color, tuple | list) and color and all(isinstance(v, int | float) for v in color):
        values = [float(v) for v in color]
        if len(values) == 4:  # CMYK
            return all(v <= 0.05 for v in values)
        return all(v >= 0.95 for v in values)
    return False


def _visible(obj: dict[str, Any]) -> bool:
    """Whether a graphic object draws visible ruling (and so may bound table cells)."""
    kind = obj.get("object_type")
    if kind == "rect":
        if obj.get("stroke") and not _is_white(obj.get("stroking_color")):
            return True
        width = float(obj["x1"]) - float(obj["x0"])
        height = float(obj["bottom"]) - float(obj["top"])
        return (
            bool(obj.get("fill"))
            and min(width, height) <= _THIN
            and not _is_white(obj.get("non_stroking_color"))
        )
    if kind == "line":
        return not _is_white(obj.get("stroking_color"))
    return bool(obj.get("stroke")) and not _is_white(obj.get("stroking_color"))


def _decode_info(value: Any) -> str:
    if isinstance(value, bytes):
        for bom, codec in ((b"\xfe\xff", "utf-16-be"), (b"\xff\xfe", "utf-16-le")):
            if value.startswith(bom):
                return value[2:].decode(codec, "replace")
        return value.decode("utf-8", "replace")
    name = getattr(value, "name", None)  # a PDF name object
    return str(name if name is not None else value)


def _metadata(pdf: Any) -> dict[str, str]:
    out: dict[str, str] = {}
    try:
        from pdfminer.pdftypes import resolve1

        info: dict[str, Any] = {}
        for entry in pdf.doc.info:
            for key, value in dict(resolve1(entry)).items():
                info[str(key)] = resolve1(value)
    except Exception:
        return out
    for key, name in _METADATA_KEYS.items():
        if key in info and info[key] not in (None, ""):
            text = _decode_info(info[key]).replace("\x00", "").strip()
            if name in ("created", "modified"):
                text = _iso_date(text)
            if text:
                out[name] = text
    return out


_PDF_DATE = re.compile(
    r"(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:([Zz])|([+\-])(\d{2})'?(\d{2})?'?)?"
)


def _iso_date(text: str) -> str:
    """A PDF date (``D:20240226144123+06'41'``) as ISO 8601 (``2024-02-26T14:41:23+06:41``),
    as far as it is given; anything else unchanged."""
    m = _PDF_DATE.match(text)
    if m is None:
        return text
    year, month, day, hour, minute, second, zulu, sign, tz_h, tz_m = m.groups()
    out = year + (f"-{month}" if month else "") + (f"-{day}" if month and day else "")
    if day and hour:
        out += f"T{hour}:{minute or '00'}:{second or '00'}"
        if zulu:
            out += "Z"
        elif sign:
            out += f"{sign}{tz_h}:{tz_m or '00'}"
    return out
