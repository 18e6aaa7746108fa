"""Reading scans through OCR: images (PNG, JPEG, TIFF) and PDF pages without a text layer.

Needs the optional extra ``zfxxgk[ocr]`` (RapidOCR with its models, OpenCV, numpy; and
``zfxxgk[pdf]`` for the table finder), imported only when a scan is read; without it a scan
is refused with E103 naming the extra.  A page is read in four steps:

1. it is straightened (its table rules made level: a sheet fed slightly askew);
2. the OCR engine (:mod:`._ocr`) finds the lines of text, each with its box and confidence;
   every line becomes positioned characters (:class:`._pdf_grid.Char`, carrying the
   confidence), the same input a PDF's text layer gives;
3. the drawn table rules are found in the pixels (:mod:`._scan_image`) and handed, with
   those characters, to the PDF reader's geometry (:func:`._pdf_blocks.tables_from_segments`,
   :func:`._pdf_grid.layout_page`): one way to find cells, merged cells, tables continued
   across pages, headings and paragraphs, whatever fed it;
4. a table cell that holds ink but where the engine found no text is read once more on its
   own (recognition of the cell alone); if that finds nothing either the cell is *unread* —
   never blank, never 0.  A cell without ink is blank.

The :class:`~.document.Document` keeps, for every table cell, what the engine read there
and how sure it was (``Document.ocr``): :mod:`._proofread` checks the numbers against the
template's identities once the report is built.
"""

from __future__ import annotations

import dataclasses
import io
import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, Final

from ..errors import UnreadableDocumentError
from ..limits import MAX_PAGES
from . import _ocr, _scan_pages
from . import _pdf_grid as grid
from .document import Document, OcrCell, Table, TextCell, text_cell

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ._scan_pages import PageHook

__all__ = ["PDF_DPI", "Scanner", "configure_pages", "read", "refusal", "scanner", "sniff"]

_SIGNATURES: Final = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")
"""PNG, JPEG, TIFF (little- and big-endian)."""
PDF_DPI: Final = 200
"""The resolution a PDF page without a text layer is rendered at for OCR."""
A4_INCHES: Final = 8.27
"""The width of a page whose image does not say its resolution (A4)."""
INSET: Final = 0.02
"""Inches of a cell's border left out when looking for ink in it (the ruling)."""


def configure_pages(*, jobs: int = 1, on_page: PageHook | None = None) -> None:
    """How this process reads the pages of a scan: *jobs* pages at once in worker processes
    (0: one per CPU; 1: one after another) and *on_page* (source, pages done, pages in all)
    called after each page (:mod:`._scan_pages`)."""
    _scan_pages.configure(jobs=jobs, on_page=on_page)


def sniff(data: bytes, name: str | None) -> bool:
    """True for a PNG, JPEG or TIFF image."""
    return data.startswith(_SIGNATURES)


def refusal(source: str | None, what: str) -> UnreadableDocumentError:
    """E103 for a scan when the OCR engine is not installed, naming the extra that reads it."""
    return UnreadableDocumentError(
        f"{what}（可能是扫描件或图片），需要 OCR 才能读取；安装可选依赖后即可读取："
        f"{_ocr.EXTRA_HINT} [R-PDF-NOTEXT]",
        path=source,
    )


def scanner(source: str | None) -> Scanner | None:
    """A :class:`Scanner`, or None when the OCR engine is not installed."""
    return Scanner(source) if _ocr.available() else None


def read(data: bytes, *, source: str | None) -> Document:
    """Read an image (PNG, JPEG, or a TIFF of one or more pages) by OCR (``format="image"``)."""
    reader = scanner(source)
    if reader is None:
        raise refusal(source, "图片文件没有文字层")
    pages = [(n, image, dpi) for n, (image, dpi) in enumerate(_images(data, source), start=1)]
    return reader.document(_scan_pages.items(reader, pages), "image", {"pages": str(len(pages))})


def _images(data: bytes, source: str | None) -> Iterator[tuple[Any, float]]:
    """Each page of the image file as grey pixels, with its resolution (dots per inch)."""
    import numpy as np
    from PIL import Image, ImageSequence

    try:
        image = Image.open(io.BytesIO(data))
        for number, frame in enumerate(ImageSequence.Iterator(image), start=1):
            if number > MAX_PAGES:
                raise UnreadableDocumentError(
                    f"图片页数过多（上限 {MAX_PAGES} 页），不像一份年度报告 [R-PDF-PAGES]",
                    path=source,
                )
            pixels = np.asarray(frame.convert("L"))
            dpi = float((frame.info.get("dpi") or (0, 0))[0] or 0)
            if not 50 <= dpi <= 1200:
                dpi = pixels.shape[1] / A4_INCHES
            yield pixels, dpi
    except UnreadableDocumentError:
        raise
    except Exception as exc:  # Pillow raises many types for a damaged or hostile image
        raise UnreadableDocumentError(
            f"图片文件已损坏或无法解码（{type(exc).__name__}）[R-IMAGE-DAMAGED]", path=source
        ) from None


class Scanner:
    """Reads scanned pages into the PDF reader's items, remembering what OCR read where."""

    def __init__(self, source: str | None) -> None:
        self.source = source
        self.unread: set[int] = set()
        """``id`` of every table cell box with ink where nothing was read."""
        self.pages: set[int] = set()

    def page(self, number: int, image: Any, dpi: float) -> list[grid.Item]:
        """The items of one page image (grey pixels at *dpi*)."""
        from . import _scan_image as pixels
        from ._pdf_blocks import tables_from_segments

        page, _ = pixels.straighten(pixels.grey(image))
        scale = 72.0 / dpi  # points per pixel
        found = _ocr.words(page, source=self.source)
        chars = [c for w in found for c in _chars(w, scale)]
        segments = [_scaled(s, scale) for s in pixels.ruling(page, dpi)]
        tables = tables_from_segments(segments)
        height, width = page.shape[0] * scale, page.shape[1] * scale
        items = grid.layout_page(number, height, chars, tables, segments, width)
        ink = pixels.dark(page, specks=True)  # a thin stroke of a digit is ink, not a speck
        for item in items:
            if isinstance(item, grid.TablePart):
                for box in item.boxes:
                    if not box.chars:
                        self._second_look(box, page, ink, scale, dpi)
                    elif _garbled(box.text):
                        self._read_again(box, page, scale, dpi)
                    _tidy_number(box)
        self.pages.add(number)
        return items

    def _second_look(self, box: grid.Box, page: Any, ink: Any, scale: float, dpi: float) -> None:
        """Read a cell the engine passed over on its own; unread if it has ink but no text."""
        from . import _scan_image as pixels

        region = (box.x0 / scale, box.top / scale, box.x1 / scale, box.bottom / scale)
        if not pixels.has_ink(ink, region, INSET * dpi):
            return  # printed blank
        word = _crop_word(box, page, scale, dpi)
        if word is None:
            self.unread.add(id(box))
            return
        box.chars = _chars(word, scale)
        box.text = grid.cell_text(box.chars, box.x1 - box.x0)

    def _read_again(self, box: grid.Box, page: Any, scale: float, dpi: float) -> None:
        """A cell read as a letter or two (``jo``, ``f``: a digit with specks of noise over
        it) read once more from its marks alone; taken when that reads a number (or a look-alike
        of one: ``D`` for ``0``), which the
        identities must then confirm (its confidence at most :data:`DOUBTFUL`)."""
        word = _crop_word(box, page, scale, dpi)
        text = "" if word is None else word.text.translate(_LOOKALIKE).strip(_STRAY)
        if word is None or not re.fullmatch(r"\d+(?:\.\d+)?", text):
            return
        word = dataclasses.replace(word, text=text, conf=min(word.conf, DOUBTFUL))
        box.chars = _chars(word, scale)
        box.text = grid.cell_text(box.chars, box.x1 - box.x0)

    def document(self, items: list[grid.Item], fmt: str, metadata: dict[str, str]) -> Document:
        """The document of the pages' *items*, with what OCR read in each table cell."""
        from ._pdf_blocks import to_blocks

        assembled = grid.assemble(items)
        blocks = to_blocks(assembled, self.source)
        parts = [item for item in assembled if isinstance(item, grid.TablePart)]
        tables = iter(range(len(parts)))
        ocr: dict[tuple[int, int, int], OcrCell] = {}
        out: list[Any] = []
        for block in blocks:
            if isinstance(block, Table):
                index = next(tables)
                block = self._marked(block, parts[index], index + 1, ocr)
            out.append(block)
        return Document(
            source=self.source, format=fmt, blocks=tuple(out), metadata=metadata, ocr=ocr
        )

    def _marked(
        self,
        table: Table,
        part: grid.TablePart,
        number: int,
        ocr: dict[tuple[int, int, int], OcrCell],
    ) -> Table:
        """*table* with its cells of ink but no text unread; what OCR read entered in *ocr*."""
        rows: list[tuple[TextCell, ...]] = []
        for r, (row, cells) in enumerate(zip(part.grid(), table.rows, strict=True), start=1):
            out: list[TextCell] = []
            for c, ((box, spanned), cell) in enumerate(zip(row, cells, strict=True), start=1):
                if box is not None and box.page in self.pages and not spanned:
                    ocr[(number, r, c)] = OcrCell(
                        text=box.text,
                        conf=min((ch.conf for ch in box.chars), default=0.0),
                        page=box.page,
                        box=(box.x0, box.top, box.x1, box.bottom),
                    )
                if box is not None and id(box) in self.unread:
                    cell = text_cell(cell.text, cell.location, cell.spanned, True)
                out.append(cell)
            rows.append(tuple(out))
        return Table(rows=tuple(rows), location=table.location)


def _crop_word(box: grid.Box, page: Any, scale: float, dpi: float) -> _ocr.Word | None:
    """What the engine reads in the cell *box* alone (its marks, specks of noise left out:
    :func:`._scan_image.inked`), or None when it reads nothing it is sure of on one line."""
    from . import _scan_image as pixels

    x0, top, x1, bottom = (round(v / scale) for v in (box.x0, box.top, box.x1, box.bottom))
    pad = round(INSET * dpi)
    crop = page[top + pad : bottom - pad, x0 + pad : x1 - pad]
    marks = pixels.inked(crop) if crop.size else None
    text, conf = _ocr.read_crop(marks) if marks is not None else ("", 0.0)
    if not text or conf < _ocr.MIN_SCORE or "\n" in text:
        return None
    return _ocr.Word(text, x0 + pad, top + pad, x1 - pad, bottom - pad, conf)


_GARBLED: Final = re.compile(r"[A-Za-z][A-Za-z.,'`|]{0,2}")
"""A cell's whole text of one to three Latin letters (with specks read as ``.``, ``'``):
what the engine makes of a digit under noise (``jo``, ``f``, ``p``)."""


def _garbled(text: str) -> bool:
    """Letters where a number was printed, not a look-alike :func:`_tidy_number` tidies."""
    return bool(_GARBLED.fullmatch(text.strip())) and not _NUMBERISH.fullmatch(text)


_NUMBERISH: Final = re.compile(r"[\dOoDQlI|.,，。·'`\s]+")
_LOOKALIKE: Final = str.maketrans(
    {"O": "0", "o": "0", "D": "0", "Q": "0", "l": "1", "I": "1", "|": "1"}
)
_ZERO_ALIKE: Final = frozenset(
    {"。", "〇", "○", "Ｏ", "°", "o", "O", "D", "Q", "0.", ".0", "o.", "O."}
)
_STRAY: Final = ".,，。·'` "
DOUBTFUL: Final = 0.5
"""The confidence a number is given when its characters had to be tidied (``0.`` → ``0``)."""


def _tidy_number(box: grid.Box) -> None:
    """A cell the engine read as a number with a stray speck or a look-alike letter
    (``0.``, ``.0``, ``O``, ``l``) holds that number, its confidence lowered to at most
    :data:`DOUBTFUL`: the identities must confirm it."""
    text = box.text
    if text.strip() in _ZERO_ALIKE:  # a lone 0 read as a full stop or a circle
        box.text = "0"
        box.chars = [dataclasses.replace(ch, conf=min(ch.conf, DOUBTFUL)) for ch in box.chars]
        return
    if not text or "\n" in text or not _NUMBERISH.fullmatch(text):
        return
    tidy = text.translate(_LOOKALIKE).strip(_STRAY)
    if not tidy or not any(ch.isdigit() for ch in text + tidy) or tidy == text:
        return
    if not re.fullmatch(r"\d+(?:\.\d+)?", tidy):
        return
    box.text = tidy
    box.chars = [dataclasses.replace(ch, conf=min(ch.conf, DOUBTFUL)) for ch in box.chars]


def _scaled(segment: grid.Segment, scale: float) -> grid.Segment:
    return grid.Segment(
        segment.orient, segment.pos * scale, segment.start * scale, segment.end * scale
    )


def _chars(word: _ocr.Word, scale: float) -> list[grid.Char]:
    """The characters of a run of text the engine read, spread over its box in proportion to
    their widths (a CJK character twice a digit's), in points."""
    text = word.text
    weights = [2.0 if grid.is_wide(ch) else 1.0 for ch in text]
    total = sum(weights) or 1.0
    span = (word.x1 - word.x0) * scale
    top, bottom = word.top * scale, word.bottom * scale
    size = (word.bottom - word.top) * scale * 0.8
    out: list[grid.Char] = []
    at = word.x0 * scale
    for ch, weight in zip(text, weights, strict=True):
        step = span * weight / total
        if not ch.isspace():
            out.append(grid.Char(ch, at, at + step, top, bottom, size, word.conf))
        at += step
    return out


def pdf_pages(data: bytes) -> Callable[[int], Any]:
    """A function giving page *n* (1-based) of a PDF rendered at :data:`PDF_DPI` as grey
    pixels (pypdfium2, which comes with pdfplumber)."""
    import pypdfium2

    document = pypdfium2.PdfDocument(data)

    def render(number: int) -> Any:
        page = document[number - 1]
        try:
            bitmap = page.render(scale=PDF_DPI / 72.0, grayscale=True)
            return bitmap.to_numpy().copy()
        finally:
            page.close()

    return render


def image_items(
    reader: Scanner, render: Callable[[int], Any], numbers: Sequence[int]
) -> list[grid.Item]:
    """The items of the PDF pages *numbers*, read by OCR (:mod:`._scan_pages`: one after
    another or several at once)."""
    return _scan_pages.items(reader, [(number, render(number), PDF_DPI) for number in numbers])
