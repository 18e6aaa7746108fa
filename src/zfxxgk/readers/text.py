"""Stage one for plain text and Markdown: lines → neutral :class:`~.document.Document`.

A text rendering of a report — a text-mode browser's dump, pandoc's Markdown or plain text,
``pdftotext -layout``, an office program's text export, a table pasted from a web page — is
read the way a person reads it: by where things stand.

1. The text is cleaned (:mod:`._textlines`): escape sequences, overstrike, odd spaces, page
   numbers and running headers at page breaks go.
2. Tables are found by what draws them, not by a list of syntaxes:

   - **ruled** tables (:mod:`._ruled`): any box drawing or ASCII ``+--+`` rulers; cells are
     the regions between rulers, a missing ruler segment a merged cell;
   - **dash** tables (:mod:`._aligned`): pandoc simple and multiline tables, reStructuredText
     simple tables — the dash runs give the columns;
   - **aligned** tables (:mod:`._aligned`): columns found from how the words and numbers of
     the lines line up, measured in display columns (a CJK character is two wide) or in
     characters, whichever the table lines up under;
   - Markdown **pipe** tables and raw HTML ``<table>`` blocks (:mod:`._markdown`, the second
     handed to the HTML reader);
   - the layout of text copied from a web page: every cell on its own line indented by a
     tab, a blank line ending a row.

3. Every other line is a :class:`~.document.Paragraph` (Markdown markup taken off).

What the reader was unsure about (a table whose lines do not line up, a number between two
columns) travels as a diagnostic with the document, and such a cell is marked ``unread``:
the builder leaves it unread, never blank and never a neighbour's value.  Which rows belong to
which template row is the builder's business, not this module's.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable, Sequence

from ..diagnostics import Diagnostic, Severity, SourceLocation
from ..errors import EmptyDocumentError, UnreadableDocumentError, UnsupportedFormatError
from . import _markdown as md
from ._aligned import MAX_TABLE_LINES, TableTooLong, read_free
from ._dashed import dash_runs, read_dash_table
from ._grid import GridCell, Item, Problem, to_table
from ._ruled import is_ruled, read_ruled
from ._textlines import Line, clean_lines
from .document import (
    MAX_PARTS,
    MAX_TEXT_BYTES,
    Block,
    Document,
    Paragraph,
    too_large,
    too_many_parts,
)

__all__ = ["MAX_CELLS", "decode", "read", "sniff"]

MAX_CELLS = md.MAX_CELLS
"""A row never has more cells than this (the widest report table has 15 columns)."""

_CONTROL = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f]")
"""A control character other than tab, line breaks, form feed and escape (counted at C
speed, not per character)."""
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
    control = len(_CONTROL.findall(sample.replace("\x08", "")))
    control += sample.count("\ufffd")
    if sample and control / len(sample) > _MAX_CONTROL_RATIO:
        return None
    return text


def sniff(data: bytes, name: str | None) -> bool:
    """True when *data* decodes as text and is not binary junk."""
    return decode(data) is not None


_PANDOC_MARKUP = re.compile(r"\]\{[#.a-z]|^:::|^\s*\|?\s*:?-{3,}:?\s*\|", re.MULTILINE)


def read(data: bytes, *, source: str | None) -> Document:
    """Read plain text or Markdown into a :class:`Document`."""
    if len(data) > MAX_TEXT_BYTES:
        raise too_large(len(data), source)
    text = decode(data)
    if text is None:
        raise UnsupportedFormatError("不是文本文件（含有二进制内容或无法识别的编码）", path=source)
    if not text.strip():
        raise EmptyDocumentError(path=source)
    markdown = (source or "").lower().endswith((".md", ".markdown")) or bool(
        _PANDOC_MARKUP.search(text[:200_000])
    )
    reader = _Reader(clean_lines(text), source, markdown)
    blocks = reader.blocks()
    return Document(
        source=source,
        format="markdown" if markdown else "text",
        blocks=blocks,
        diagnostics=tuple(reader.diagnostics),
    )


class _Reader:
    def __init__(self, lines: list[Line], source: str | None, markdown: bool) -> None:
        self.lines = lines
        self.source = source
        self.markdown = markdown
        self.out: list[Block] = []
        self.diagnostics: list[Diagnostic] = []
        self.tables = 0
        self.parts = MAX_PARTS  # paragraphs and cells still allowed

    def spend(self, parts: int) -> None:
        self.parts -= parts
        if self.parts < 0:
            raise too_many_parts(self.source)

    # the walk over the lines -----------------------------------------------------------
    def blocks(self) -> tuple[Block, ...]:
        lines = self.lines
        free: list[Line] = []  # lines not yet claimed by a table of their own kind
        i = 0
        while i < len(lines):
            text = lines[i].text
            read: Callable[[int, int], None] | None = None
            end: int | None = None
            if md.starts_table(text):
                read, end = self._html, md.table_block_end(lines, i)
            elif is_ruled(text):
                read, end = self._ruled, self._ruled_end(i)
            elif md.is_pipe_row(text) or md.is_pipe_separator(text):
                read, end = self._pipe, self._pipe_end(i)
            elif text.startswith("\t") and text.strip():
                read, end = self._tabbed, self._tabbed_end(i)
            if read is None or end is None or end <= i:
                free.append(lines[i])
                i += 1
                continue
            start = i
            if read == self._ruled:  # a table open at the top (a console's header row)
                while free and "|" in free[-1].text and start > 0:
                    free.pop()
                    start -= 1
            self._free(free)
            free = []
            read(start, end)
            i = end
        self._free(free)
        return tuple(self.out)

    def _emit_paragraph(self, line: Line) -> None:
        text = md.paragraph_text(line.text) if self.markdown else line.text.strip()
        if not text or (self.markdown and md.is_markup_only(line.text)):
            return
        self.spend(1)
        self.out.append(
            Paragraph(text=text, location=SourceLocation(file=self.source, line=line.number))
        )

    def _emit_table(self, cells: Sequence[GridCell], first_line: int) -> None:
        if not cells:
            return
        if self.markdown:
            cells = [_stripped(c) for c in cells]
        if max(c.col + c.colspan for c in cells) < 2:
            # one column: a box drawn around text, not a table
            for cell in sorted(cells, key=lambda c: c.row):
                for k, piece in enumerate(cell.text.split("\n")):
                    if piece.strip():
                        self._emit_paragraph(Line((cell.line or first_line) + k, piece))
            return
        self.spend(len(cells))
        self.tables += 1
        self.out.append(to_table(cells, source=self.source, number=self.tables, line=first_line))

    def _problem(self, code: str, problem: Problem) -> None:
        self.diagnostics.append(
            Diagnostic(
                code=code,
                severity=Severity.WARNING,
                message=problem.message,
                location=SourceLocation(
                    file=self.source, line=problem.line, column=problem.column, table=self.tables
                ),
            )
        )

    # free lines: dash tables, aligned tables, paragraphs ---------------------------------
    def _free(self, lines: list[Line]) -> None:
        if not lines:
            return
        start = 0
        k = 0
        while k < len(lines):
            if dash_runs(lines[k].text) is None:
                k += 1
                continue
            end, table = read_dash_table(lines, k, markdown=self.markdown)
            if table is None:
                k += 1
                continue
            first = k
            while first > start and lines[first - 1].text.strip():
                if dash_runs(lines[first - 1].text) is not None:
                    break
                first -= 1  # header lines above a simple table's rule belong to it
            self._aligned(lines[start:first])
            self._items([table], lines[first].number)
            start = k = end
        self._aligned(lines[start:])

    def _aligned(self, lines: Sequence[Line]) -> None:
        if self.markdown:
            lines = md.join_open_tags([line for line in lines if not md.is_markup_only(line.text)])
        if not lines:
            return
        try:
            items = read_free(lines)
        except TableTooLong as exc:
            raise UnreadableDocumentError(
                f"从第{exc.line}行起的表格超过 {MAX_TABLE_LINES} 行，"
                "不像一份年度报告 [R-TOO-LARGE]",
                path=self.source,
            ) from None
        self._items(items, lines[0].number)

    def _items(self, items: list[Item], first_line: int) -> None:
        for item in items:
            if isinstance(item, Line):
                self._emit_paragraph(item)
                continue
            line = min((c.line for c in item.cells if c.line is not None), default=first_line)
            self._emit_table(item.cells, line)
            for problem in item.problems:
                self._problem("R170" if problem.column is not None else "R171", problem)

    # ruled tables -----------------------------------------------------------------------
    def _ruled_end(self, start: int) -> int | None:
        """Where the drawn table starting at *start* ends (the lines holding a ruler or a
        vertical bar), or None when it is a single line (a separator, not a table)."""
        end = start + 1
        while end < len(self.lines) and _in_ruled(self.lines[end].text):
            end += 1
        return end if end - start >= 2 else None

    def _ruled(self, start: int, end: int) -> None:
        block = self.lines[start:end]
        table = read_ruled(block, markdown=self.markdown)
        if table is None:
            return
        self._emit_table(table.cells, block[0].number)
        if table.problem is not None:
            self._problem("R172", Problem(table.problem, block[0].number))

    # Markdown pipe tables and raw HTML ---------------------------------------------------
    def _pipe_end(self, start: int) -> int:
        return md.pipe_table_end(self.lines, start)

    def _pipe(self, start: int, end: int) -> None:
        block = self.lines[start:end]
        self._emit_table(md.pipe_cells(block, markdown=self.markdown), block[0].number)

    def _html(self, start: int, end: int) -> None:
        from .html import read_fragment

        markup = "\n".join(line.text for line in self.lines[start:end])
        first = self.lines[start].number
        blocks = read_fragment(
            markup, source=self.source, first_line=first, tables_before=self.tables
        )
        for block in blocks:
            if isinstance(block, Paragraph):
                self.spend(1)
                self.out.append(block)
            else:
                self.spend(sum(len(r) for r in block.grid))
                self.tables += 1
                self.out.append(block)

    # text copied from a web page: a cell per tab-indented line ---------------------------
    def _tabbed_end(self, start: int) -> int:
        """Where the tab-indented cells starting at *start* end: at a line of text that
        neither is a cell nor continues one."""
        i = start
        previous_was_cell = False
        while i < len(self.lines):
            text = self.lines[i].text
            if text.startswith("\t"):
                previous_was_cell = True
            elif not text.strip():
                previous_was_cell = False
            elif not previous_was_cell:
                break
            i += 1
        return i

    def _tabbed(self, start: int, end: int) -> None:
        found: list[list[tuple[list[str], Line]]] = []  # rows of (the lines of a cell, where)
        row: list[tuple[list[str], Line]] = []
        seen = 0
        for line in self.lines[start:end]:
            text = line.text
            if text.startswith("\t"):
                if len(row) < MAX_CELLS:
                    seen += 1
                    if seen > self.parts:
                        raise too_many_parts(self.source)
                    row.append(([text.strip()], line))
            elif not text.strip():
                if row:
                    found.append(row)
                    row = []
            elif row:  # a line of text right after a cell continues it (商业 / 企业)
                parts = row[-1][0]
                if parts == [""]:
                    parts[0] = text.strip()
                else:
                    parts.append(text.strip())
        if row:
            found.append(row)
        if not _looks_tabular(found):
            for row_cells in found:
                for parts, line in row_cells:
                    if any(parts):
                        self._emit_paragraph(Line(line.number, "".join(parts)))
            return
        cells = [
            GridCell(r, k, "\n".join(parts), line.number)
            for r, cells_of_row in enumerate(found)
            for k, (parts, line) in enumerate(cells_of_row)
        ]
        self._emit_table(cells, self.lines[start].number)


def _in_ruled(text: str) -> bool:
    """Does the line belong to a drawn table: a ruler, or a vertical bar?"""
    return "|" in text or is_ruled(text)


def _looks_tabular(rows: list[list[tuple[list[str], Line]]]) -> bool:
    """Tab-indented lines are a table when some row has several cells and a number or a
    blank cell among them; tab-indented prose is not."""
    from ._tokens import is_value

    for row in rows:
        if len(row) < 2:
            continue
        for parts, _ in row:
            text = "\n".join(parts)
            if not text or is_value(text):
                return True
    return False


def _stripped(cell: GridCell) -> GridCell:
    """*cell* with the Markdown inline markup taken off its text (a new cell only when the
    text changes: most cells hold none)."""
    if not cell.text:
        return cell
    text = md.strip_inline(cell.text)
    return cell if text == cell.text else cell._replace(text=text)
