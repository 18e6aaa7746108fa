"""Reading Word documents (``.docx``) into a neutral :class:`~zfxxgk.readers.document.Document`.

docx2python reads the text of every paragraph (runs joined, hyperlinks, symbols and
breaks resolved, image markers removed); an auto-numbered paragraph gets the number Word
prints (``一、``, ``（一）``, ``1.``, from ``word/numbering.xml``) instead of docx2python's
own ``1)`` (:mod:`._docx_numbering`).  The structure
is then walked from the ``w:body`` element those paragraphs belong to, in document order,
because docx2python flattens nested tables and does not say which grid positions are
merged:

* ``w:gridSpan`` — the extra grid columns of a cell become ``spanned`` copies of it;
* ``w:vMerge`` without ``w:val="restart"`` — a continuation of the cell above; it becomes
  a ``spanned`` copy of the text above, so a row label that spans rows is visible on every
  row while a number is never counted twice;
* ``w:hMerge`` (the older horizontal merge) continuing — a ``spanned`` copy of the cell
  to the left;
* ``w:gridBefore``/``w:gridAfter`` — grid positions a row leaves out become empty cells;
* a table nested in a cell is left out of that cell's text and emitted as its own
  :class:`Table` right after the table holding it;
* a table that directly follows another (Word's way of splitting a table at a page break)
  and opens with ``w:vMerge`` continuations gets the texts of the first table's last row
  there, as ``spanned`` copies;
* content controls (``w:sdt``) and tracked insertions are read through.

Paragraph text inside a cell is joined with ``"\\n"`` and stripped of surrounding
whitespace (``U+3000`` and ``&nbsp;`` included): a cell holding only spaces is blank.
Tables that Word shows as two (split at a page break) are **not** joined here: the
builder sees two tables in a row and decides from their labels.  Before anything is
parsed the zip is checked (:mod:`._safe_zip`): size, member count, DOCTYPE (by a parser,
in any encoding), paragraphs and cells (:data:`~.limits.MAX_PARTS`, counted streaming); and
docx2python parses with a parser that expands no entity (:mod:`._secure_xml`).
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
import zlib
from typing import TYPE_CHECKING, Any, Final

from ..diagnostics import SourceLocation
from ..errors import DocumentError, UnreadableDocumentError
from . import _docx_numbering as _numbering
from ._safe_zip import ZIP_MAGIC, open_checked
from ._secure_xml import safe_default_parser
from .document import Block, Document, Paragraph, Table, TextCell

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["read", "sniff"]

_W: Final = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TC: Final = _W + "tc"
_TR: Final = _W + "tr"
_TCPR: Final = _W + "tcPr"
_VMERGE: Final = _W + "vMerge"
_HMERGE: Final = _W + "hMerge"
_VAL: Final = _W + "val"
_TRPR: Final = _W + "trPr"
_BODY: Final = _W + "body"
_P: Final = _W + "p"
_T: Final = _W + "t"
_TBL: Final = _W + "tbl"
_GRID_SPAN: Final = _W + "gridSpan"
_WRAPPERS: Final = frozenset(
    {_W + "sdt", _W + "sdtContent", _W + "customXml", _W + "smartTag", _W + "ins", _W + "moveTo"}
)
_MAX_SPAN: Final = 64
_GRID_BEFORE: Final = _W + "gridBefore"
_GRID_AFTER: Final = _W + "gridAfter"

# what docx2python writes into text for things that are not text
_MARKUP = re.compile(
    r"----(?:media/[^-]*|footnote\d+|endnote\d+|Image alt text---->[^<]*<)----"
    r"|<a href=\"[^\"]*\">|</a>|<span style=font-family:[^>]*>(&#x[0-9A-Fa-f]+;)</span>"
    r"|<latex>|</latex>"
)
_BULLET = re.compile(r"^\t*(?:--|[0-9A-Za-z]+\))\t")

_METADATA_KEYS: Final = {
    "title": "title",
    "creator": "author",
    "created": "created",
    "modified": "modified",
    "lastModifiedBy": "last_modified_by",
    "subject": "subject",
    "description": "description",
    "keywords": "keywords",
}


def sniff(data: bytes, name: str | None) -> bool:
    """True for a zip whose table of contents names ``word/document.xml`` (or a ``.docx``)."""
    if not data.startswith(ZIP_MAGIC):
        return False
    if b"word/" in data[:65536] or b"word/" in data[-65536:]:
        return True
    return (name or "").lower().endswith((".docx", ".docm", ".dotx"))


def read(data: bytes, *, source: str | None) -> Document:
    """Read a DOCX file's bytes into a :class:`Document` (``format="docx"``)."""
    with open_checked(data, source=source) as zf:
        numbering = _numbering.parse_numbering(
            zf.read("word/numbering.xml") if "word/numbering.xml" in zf.namelist() else None
        )
    from docx2python import docx2python
    from lxml import etree

    try:
        with warnings.catch_warnings(), safe_default_parser():
            # docx2python warns about missing optional parts (core properties…)
            warnings.simplefilter("ignore")
            content = docx2python(io.BytesIO(data), duplicate_merged_cells=False)
            try:
                if not content.docx_reader.files_of_type("officeDocument"):
                    raise UnreadableDocumentError(
                        "DOCX 文件中找不到正文（word/document.xml 未被引用）[R-DOCX-XML]",
                        path=source,
                    )
                blocks = _blocks(content.body_pars, source, numbering)
                props = content.core_properties
            finally:
                content.close()
    except DocumentError:
        raise
    except (
        etree.LxmlError,
        zipfile.BadZipFile,
        zlib.error,
        NotImplementedError,  # zipfile: unsupported member version or compression
        RuntimeError,  # zipfile: an encrypted member
        EOFError,
        KeyError,
        ValueError,
        TypeError,
        AttributeError,
        IndexError,
        OSError,
        RecursionError,
    ) as exc:
        raise UnreadableDocumentError(
            f"DOCX 文件内容无法解析（{type(exc).__name__}），文件可能已损坏 [R-DOCX-XML]",
            path=source,
        ) from None
    return Document(source=source, format="docx", blocks=tuple(blocks), metadata=_metadata(props))


def _metadata(props: dict[str, str | None]) -> dict[str, str]:
    out: dict[str, str] = {}
    for key, name in _METADATA_KEYS.items():
        value = props.get(key)
        if value and value.strip():
            out[name] = value.strip()
    return out


def _clean(text: str) -> str:
    if "<" in text or "----" in text:
        text = _MARKUP.sub(lambda m: _entity(m.group(1)) if m.group(1) else "", text)
    return text


def _entity(ref: str) -> str:
    try:
        return chr(int(ref[3:-1], 16))
    except ValueError:
        return ""


def _par_text(par: Any, numbering: _numbering.Numbering) -> str:
    text = _clean("".join(par.run_strings))
    if getattr(par, "list_position", (None,))[0] is not None:
        stripped = _BULLET.sub("", text, count=1)
        if stripped != text:  # docx2python's own list marker: print Word's instead
            text = (_list_number(par, numbering) or "") + stripped.lstrip()
    return text


def _list_number(par: Any, numbering: _numbering.Numbering) -> str | None:
    """The number Word prints before an auto-numbered paragraph (``一、``), if it can tell."""
    num_id, counts = getattr(par, "list_position", (None, []))
    levels = numbering.get(num_id) if num_id is not None else None
    if not levels or par.elem is None:
        return None
    ilvl_elem = par.elem.find(f"{_W}pPr/{_W}numPr/{_W}ilvl")
    try:
        ilvl = int(ilvl_elem.get(_VAL, "0")) if ilvl_elem is not None else 0
    except ValueError:
        return None
    if len(counts) != ilvl + 1:  # a level skipped: docx2python's counters are not Word's
        return None
    return _numbering.format_number(levels, counts)


def _blocks(body: list[Any], source: str | None, numbering: _numbering.Numbering) -> list[Block]:
    """Walk ``w:body`` in document order, taking each paragraph's text from docx2python."""
    texts: dict[Any, str] = {}
    root = None
    for table in body:
        for row in table:
            for cell in row:
                for par in cell:
                    if par.elem is not None:
                        texts[par.elem] = _par_text(par, numbering)
                        if root is None:
                            root = par.elem.getroottree().getroot()
    if root is None:
        return []
    walker = _Walker(texts, source)
    body_elem = root.find(_BODY)
    if body_elem is not None:
        walker.container(body_elem)
    return walker.blocks


class _Walker:
    def __init__(self, texts: dict[Any, str], source: str | None) -> None:
        self.texts = texts
        self.source = source
        self.blocks: list[Block] = []
        self.table_count = 0

    def text_of(self, p: Any) -> str:
        text = self.texts.get(p)
        if text is None:
            text = "".join(t.text or "" for t in p.iter(_T))
        return text.strip()

    def container(self, elem: Any) -> None:
        for child in elem:
            tag = child.tag
            if tag == _P:
                text = self.text_of(child)
                if text:
                    self.blocks.append(
                        Paragraph(text=text, location=SourceLocation(file=self.source))
                    )
            elif tag == _TBL:
                self.table(child)
            elif tag in _WRAPPERS:
                self.container(child)

    def table(self, tbl: Any) -> None:
        self.table_count += 1
        index = self.table_count
        # a table that directly follows another (split at a page break) may open with the
        # continuation of a vertical merge begun in the first: copy that text down
        previous = self.blocks[-1] if self.blocks else None
        slot = len(self.blocks)
        self.blocks.append(Paragraph(text="", location=SourceLocation()))  # reserved
        nested: list[Any] = []
        rows: list[tuple[TextCell, ...]] = []
        above: list[TextCell] = (
            list(previous.rows[-1]) if isinstance(previous, Table) and previous.rows else []
        )
        for r, tr in enumerate(_children(tbl, _TR), start=1):
            cells: list[TextCell] = []
            before, after = _row_grid_skips(tr)
            for _ in range(before):
                cells.append(self.cell("", index, r, len(cells) + 1))
            for tc in _children(tr, _TC):
                span = 1
                continues = joins_left = False
                pr = tc.find(_TCPR)
                if pr is not None:
                    span = _int_val(pr.find(_GRID_SPAN), default=1) or 1
                    continues = _continues(pr.find(_VMERGE))
                    joins_left = _continues(pr.find(_HMERGE))
                col = len(cells)
                if continues:
                    text = above[col].text if col < len(above) else ""
                    cells.append(self.cell(text, index, r, col + 1, spanned=True))
                elif joins_left and cells:  # legacy horizontal merge
                    cells.append(self.cell(cells[-1].text, index, r, col + 1, spanned=True))
                else:
                    cells.append(self.cell(self.cell_text(tc, nested), index, r, col + 1))
                for _ in range(span - 1):
                    cells.append(self.cell(cells[col].text, index, r, len(cells) + 1, spanned=True))
            for _ in range(after):
                cells.append(self.cell("", index, r, len(cells) + 1))
            rows.append(tuple(cells))
            above = cells
        self.blocks[slot] = Table(
            rows=tuple(rows), location=SourceLocation(file=self.source, table=index)
        )
        for inner in nested:
            self.table(inner)

    def cell_text(self, tc: Any, nested: list[Any]) -> str:
        lines: list[str] = []
        self._collect(tc, lines, nested)
        return "\n".join(lines)

    def _collect(self, elem: Any, lines: list[str], nested: list[Any]) -> None:
        for child in elem:
            tag = child.tag
            if tag == _P:
                text = self.text_of(child)
                if text:
                    lines.append(text)
            elif tag == _TBL:
                nested.append(child)
            elif tag in _WRAPPERS:
                self._collect(child, lines, nested)

    def cell(
        self, text: str, table: int, row: int, cell: int, *, spanned: bool = False
    ) -> TextCell:
        return TextCell(
            text=text,
            location=SourceLocation(file=self.source, table=table, row=row, cell=cell),
            spanned=spanned,
        )


def _continues(merge: Any) -> bool:
    """Whether a ``w:vMerge``/``w:hMerge`` element continues a merge (not ``restart``)."""
    return merge is not None and merge.get(_VAL, "continue") != "restart"


def _children(elem: Any, tag: str) -> Iterable[Any]:
    for child in elem:
        if child.tag == tag:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _children(child, tag)


def _row_grid_skips(tr: Any) -> tuple[int, int]:
    pr = tr.find(_TRPR)
    if pr is None:
        return 0, 0
    return _int_val(pr.find(_GRID_BEFORE)), _int_val(pr.find(_GRID_AFTER))


def _int_val(elem: Any, default: int = 0) -> int:
    if elem is None:
        return default
    try:
        return max(0, min(int(elem.get(_VAL, str(default))), _MAX_SPAN))
    except ValueError:
        return default
