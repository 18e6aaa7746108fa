"""Stage one for plain text and Markdown: lines → neutral :class:`~.document.Document`.

Every line outside a table is a :class:`~.document.Paragraph`.  Three kinds of table are
recognised:

- Markdown pipe tables (``| a | b |``; separator rows ``|---|`` are dropped);
- the tab-indented layout of text copied from a web page: every cell on its own line
  indented by a tab, a blank line ending a row, an empty tab line a blank cell, and a line
  without a tab right after a cell line continuing that cell (``商业`` / ``企业``);
- lines holding an optional label followed by numbers, as text extracted from a PDF prints
  table rows: ``行政许可 97``, ``一、本年新收政府信息公开申请数量 21 0 0 0 0 0 21``,
  ``10 1 0 0 0 0 0 0 0 0 5 0 0 0 0``.

Page numbers (``- 4 -``, ``第4页``) are dropped, Markdown heading marks are taken off.
Which rows belong to which template row is the builder's business, not this module's.
"""

from __future__ import annotations

import codecs
import re

from ..diagnostics import SourceLocation
from ..errors import EmptyDocumentError, UnsupportedFormatError
from .document import (
    MAX_PARTS,
    MAX_TEXT_BYTES,
    Block,
    Document,
    Paragraph,
    Table,
    TextCell,
    table_location,
    text_cell,
    too_large,
    too_many_parts,
)

__all__ = ["MAX_CELLS", "decode", "read", "sniff"]

MAX_CELLS = 512
"""A row never has more cells than this (the widest report table has 15 columns)."""
_CONTROL_OK = frozenset("\t\n\r\f\v\x1b")
_CONTROL = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f]")
"""A control character not in :data:`_CONTROL_OK` (counted at C speed, not per character)."""
_MAX_CONTROL_RATIO = 0.02


def decode(data: bytes) -> str | None:
    """The text of *data* (UTF-8, UTF-16 with a BOM, or GB18030), or None if it is not text."""
    text: str | None = None
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                          (codecs.BOM_UTF16_BE, "utf-16-be")):  # fmt: skip
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding)
            except UnicodeDecodeError:
                return None
            break
    if text is None:
        if b"\x00" in data:
            return None
        for encoding in ("utf-8", "gb18030"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
    if text is None:
        return None
    sample = text[:65536]
    if "\x00" in sample:
        return None
    control = len(_CONTROL.findall(sample))
    control += sample.count("\ufffd")
    if sample and control / len(sample) > _MAX_CONTROL_RATIO:
        return None
    return text


def sniff(data: bytes, name: str | None) -> bool:
    """True when *data* decodes as text and is not binary junk."""
    return decode(data) is not None


def read(data: bytes, *, source: str | None) -> Document:
    """Read plain text or Markdown into a :class:`Document`."""
    if len(data) > MAX_TEXT_BYTES:
        raise too_large(len(data), source)
    text = decode(data)
    if text is None:
        raise UnsupportedFormatError("不是文本文件（含有二进制内容或无法识别的编码）", path=source)
    if not text.strip():
        raise EmptyDocumentError(path=source)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").split("\n")
    markdown = (source or "").lower().endswith((".md", ".markdown")) or any(
        "|" in line and _MD_SEPARATOR.match(line) for line in lines
    )
    blocks = _Lines(lines, source).blocks()
    return Document(source=source, format="markdown" if markdown else "text", blocks=blocks)


# --------------------------------------------------------------------------------------
# line patterns
# --------------------------------------------------------------------------------------

_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-—–－]\s*\d{1,4}\s*[-—–－]|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4})\s*$"
)
_MD_ROW = re.compile(r"^\s*\|.*\|\s*$")
_MD_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_SPACE = r"[ \t\u3000\u00a0]"
# One printed value: a number (maybe with a unit or measure word and a bracketed note, as the
# builder's cell classification admits), or a placeholder.
_VALUE = (
    r"(?:[-+]?(?:\d{1,3}(?:[,，]\d{3})+|\d+)(?:\.\d+)?(?:万元|元|件|个|项|条|次|起|%)?"
    r"(?:[（(][^（()）]{0,30}[）)])?|/|／|—{1,2}|-{1,2}|－|无)"
)
_VALUE_RE = re.compile(_VALUE)
_SPACE_RUN = re.compile(rf"{_SPACE}+")
_VALUE_ENDS = frozenset("0123456789０１２３４５６７８９）)元件个项条次起%/／—-－无")
_LETTER = re.compile(r"[^\W\d_]")
_MAX_LABEL = 80
_SENTENCE_END = ("。", "；", ";", "：", ":", "，", ",", "、", "！", "？")


def _value_row(line: str) -> list[str] | None:
    """``label v1 v2 …`` → [label, v1, v2, …] (no label: just the values); else None.

    Values are separated by spaces; a value glued to its label (``行政许可97``) does not
    make a row: that is run-together text, which the builder handles apart.  Linear in the
    length of the line.
    """
    text = line.strip()
    if not text or text[-1] not in _VALUE_ENDS:
        return None  # most prose ends with 。 or a character that no value ends with
    tokens: list[str] = []
    note: list[str] = []  # the pieces of a token whose bracket is still open
    depth = 0  # brackets opened and not closed in it
    for piece in _SPACE_RUN.split(text):
        opened = _opened(piece)
        if note:  # a note in brackets may hold spaces: 22（其中修订 16 件）
            note.append(piece)
            depth += opened
            if depth <= 0:
                tokens.append(" ".join(note))
                note = []
        elif opened > 0:
            note, depth = [piece], opened
        else:
            tokens.append(piece)
        if len(tokens) > MAX_CELLS:
            return None  # not a row of a report table
    if note:
        tokens.append(" ".join(note))
    if len(tokens) > MAX_CELLS:
        return None
    k = len(tokens)
    while k > 0 and _VALUE_RE.fullmatch(tokens[k - 1]):
        k -= 1
    values = tokens[k:]
    if not values:
        return None
    label = " ".join(tokens[:k])
    if not label:
        if len(values) == 1 and not values[0][:1].isdigit() and values[0][:1] not in "+-":
            return None  # a lone "—" or "无" line is text, not a table row
        return values
    if len(label) > _MAX_LABEL or label.endswith(_SENTENCE_END) or not _LETTER.search(label):
        return None
    return [label, *values]


def _opened(piece: str) -> int:
    """Brackets *piece* opens and does not close (negative when it closes more)."""
    return piece.count("（") + piece.count("(") - piece.count("）") - piece.count(")")


class _Lines:
    def __init__(self, lines: list[str], source: str | None) -> None:
        self.lines = lines
        self.source = source
        self.out: list[Block] = []
        self.tables = 0
        self.parts = MAX_PARTS  # paragraphs and cells still allowed

    def spend(self, parts: int) -> None:
        self.parts -= parts
        if self.parts < 0:
            raise too_many_parts(self.source)

    def loc(self, index: int, **extra: int) -> SourceLocation:
        return SourceLocation(file=self.source, line=index + 1, **extra)

    def cells(self, texts: list[str], index: int, row: int) -> tuple[TextCell, ...]:
        """The cells of row *row* (1-based) of the current table, on line *index*."""
        source, table, line = self.source, self.tables, index + 1
        return tuple(
            text_cell(text, table_location(source, table, row, k, line))
            for k, text in enumerate(texts, 1)
        )

    def blocks(self) -> tuple[Block, ...]:
        lines = self.lines
        i = 0
        while i < len(lines):
            line = lines[i]
            if not line.strip() or _PAGE_NUMBER.match(line):
                i += 1
            elif _MD_ROW.match(line):
                i = self._markdown(i)
            elif line.startswith("\t"):
                i = self._tabbed(i)
            elif _value_row(line) is not None:
                i = self._value_rows(i)
            else:
                text = _MD_HEADING.sub("", line).strip()
                if text:
                    self.spend(1)
                    self.out.append(Paragraph(text=text, location=self.loc(i)))
                i += 1
        return tuple(self.out)

    def _table(self, rows: list[tuple[TextCell, ...]], first: int) -> None:
        self.out.append(
            Table(
                rows=tuple(rows),
                location=SourceLocation(file=self.source, line=first + 1, table=self.tables),
            )
        )

    # Markdown pipe tables --------------------------------------------------------------
    def _markdown(self, start: int) -> int:
        self.tables += 1
        rows: list[tuple[TextCell, ...]] = []
        i = start
        while i < len(self.lines) and (
            _MD_ROW.match(self.lines[i]) or _PAGE_NUMBER.match(self.lines[i])
        ):
            line = self.lines[i]
            if not _MD_SEPARATOR.match(line) and not _PAGE_NUMBER.match(line):
                cells = _split_pipes(line)
                self.spend(len(cells))
                rows.append(self.cells(cells, i, len(rows) + 1))
            i += 1
        if rows:
            self._table(rows, start)
        else:
            self.tables -= 1
        return i

    # tab-indented cells (text copied from a web page) ----------------------------------
    def _tabbed(self, start: int) -> int:
        found: list[list[tuple[list[str], int]]] = []  # rows of (the lines of a cell, where)
        row: list[tuple[list[str], int]] = []
        i = start
        previous_was_cell = False
        while i < len(self.lines):
            line = self.lines[i]
            if line.startswith("\t"):
                if len(row) < MAX_CELLS:
                    self.spend(1)
                    row.append(([line.strip()], i))
                previous_was_cell = True
            elif not line.strip():
                if row:
                    found.append(row)
                    row = []
                previous_was_cell = False
            elif _PAGE_NUMBER.match(line):
                pass
            elif previous_was_cell and row:
                lines = row[-1][0]
                if lines == [""]:
                    lines[0] = line.strip()
                else:
                    lines.append(line.strip())
            else:
                break
            i += 1
        if row:
            found.append(row)
        rows = [[("\n".join(lines), at) for lines, at in r] for r in found]
        if not _looks_tabular(rows):
            for r in rows:
                for text, at in r:
                    if text:
                        self.out.append(
                            Paragraph(text=text.replace("\n", ""), location=self.loc(at))
                        )
            return i
        self.tables += 1
        source, table = self.source, self.tables
        self._table(
            [
                tuple(
                    text_cell(text, table_location(source, table, n, k, at + 1))
                    for k, (text, at) in enumerate(r, 1)
                )
                for n, r in enumerate(rows, 1)
            ],
            start,
        )
        return i

    # label + numbers lines (text extracted from PDF) -----------------------------------
    def _value_rows(self, start: int) -> int:
        self.tables += 1
        rows: list[tuple[TextCell, ...]] = []
        i = start
        while i < len(self.lines):
            line = self.lines[i]
            if _PAGE_NUMBER.match(line):
                i += 1
                continue
            cells = _value_row(line)
            if cells is None:
                break
            self.spend(len(cells))
            rows.append(self.cells(cells, i, len(rows) + 1))
            i += 1
        self._table(rows, start)
        return i


def _split_pipes(line: str) -> list[str]:
    body = line.strip()[: MAX_CELLS * 64]
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|") and not body.endswith("\\|"):
        body = body[:-1]
    cells = _PIPE.split(body)[:MAX_CELLS]
    return [
        (_BR.sub("\n", c.replace("\\|", "|")) if "<" in c else c.replace("\\|", "|")).strip()
        for c in cells
    ]


_PIPE = re.compile(r"(?<!\\)\|")
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)


def _looks_tabular(rows: list[list[tuple[str, int]]]) -> bool:
    """Tab-indented lines are a table when some row has several cells and a number or a
    blank cell among them; tab-indented prose is not."""
    for row in rows:
        if len(row) < 2:
            continue
        for text, _ in row:
            if not text or _VALUE_RE.fullmatch(text.replace(" ", "")):
                return True
    return False
