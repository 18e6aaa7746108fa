"""What is Markdown in a text file: pipe tables, raw HTML tables, inline markup.

- Pipe tables (``| a | b |``) are read by their syntax — a pipe ends a cell, wherever it
  stands — since their pipes need not line up; separator rows (``|---|:--:|``) are dropped.
- A raw HTML ``<table>`` block (pandoc's output for a table with merged cells) is handed to
  the HTML reader (:func:`.html.read_fragment`): one implementation of HTML tables.
- Inline markup is taken off the text of paragraphs and cells: pandoc's bracketed spans with
  attributes (``[规章]{style="…"}``), emphasis, code, links and images (their text kept),
  backslash escapes and hard line breaks, inline HTML tags and entities, heading marks and
  fenced-div lines.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from typing import Final

from .._startup import LazyPattern
from ._grid import GridCell
from ._textlines import Line

__all__ = [
    "is_markup_only",
    "is_pipe_row",
    "is_pipe_separator",
    "join_open_tags",
    "pipe_cells",
    "pipe_table_end",
    "strip_inline",
    "table_block_end",
]

MAX_CELLS: Final = 512
"""A row never has more cells than this (the widest report table has 15 columns)."""

_PIPE_ROW: Final = LazyPattern(r"^\s*\|.*\|\s*$")
_PIPE_SEPARATOR: Final = LazyPattern(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_PIPE: Final = LazyPattern(r"(?<!\\)\|")
_BR: Final = LazyPattern(r"<br\s*/?>", re.IGNORECASE)


def is_pipe_row(text: str) -> bool:
    return bool(_PIPE_ROW.match(text))


def is_pipe_separator(text: str) -> bool:
    return "|" in text and bool(_PIPE_SEPARATOR.match(text))


def pipe_cells(lines: Sequence[Line], *, markdown: bool) -> list[GridCell]:
    """The cells of a pipe table: separator rows dropped, and an empty header row (the
    header GitHub Markdown demands of a table that has none)."""
    cells: list[GridCell] = []
    row = 0
    header = True
    for line, text in _rows(lines, 0)[1]:
        if is_pipe_separator(text):
            continue
        found = _split_pipes(text)
        if header and all(not t for t, _ in found):
            header = False
            continue
        header = False
        for col, (piece, index) in enumerate(found):
            if markdown:
                piece = strip_inline(piece)
            cells.append(GridCell(row, col, piece, line.number, index + 1))
        row += 1
    return cells


def pipe_table_end(lines: Sequence[Line], start: int) -> int:
    """Where the pipe table starting at *start* ends."""
    return _rows(lines, start)[0]


def _rows(lines: Sequence[Line], start: int) -> tuple[int, list[tuple[Line, str]]]:
    """The end of the pipe table starting at *start*, and its rows (each with its first
    line).  A row holds as many pipes as the table's separator row: when pandoc writes a
    cell's inline HTML over several lines (blank ones among them), the row goes on until
    its pipes are all there."""
    pipes = next(
        (_pipes(line.text) for line in lines[start : start + 3] if is_pipe_separator(line.text)),
        None,
    )
    rows: list[tuple[Line, str]] = []
    open_row: tuple[Line, list[str]] | None = None
    end = start
    while end < len(lines):
        text = lines[end].text
        if open_row is not None:
            open_row[1].append(text.strip())
            joined = " ".join(open_row[1])
            if pipes is None or _pipes(joined) >= pipes or end - start > 2000:
                rows.append((open_row[0], joined))
                open_row = None
            end += 1
            continue
        if not (is_pipe_row(text) or is_pipe_separator(text)) and not (
            pipes and text.lstrip().startswith("|")
        ):
            break
        if pipes is not None and not is_pipe_row(text) and not is_pipe_separator(text):
            # a row that does not end with its pipe goes on on the next lines
            open_row = (lines[end], [text.strip()])
        else:
            rows.append((lines[end], text))
        end += 1
    if open_row is not None:
        rows.append((open_row[0], " ".join(open_row[1])))
    return end, rows


def _pipes(text: str) -> int:
    return len(_PIPE.findall(text))


def _split_pipes(line: str) -> list[tuple[str, int]]:
    """The cells of a pipe-table line with the index where each one's text starts."""
    body = line[: MAX_CELLS * 64]
    if "|" in body and "\\" not in body and "<" not in body:
        return _split_plain(body)
    return _split_escaped(body)


def _split_escaped(body: str) -> list[tuple[str, int]]:
    """:func:`_split_pipes` of any line: an escaped pipe ``\\|`` does not end a cell, and a
    ``<br>`` in a cell is a line break."""
    bounds = [m.start() for m in _PIPE.finditer(body)]
    first = len(body) - len(body.lstrip())
    if not bounds or bounds[0] != first:
        bounds.insert(0, first - 1)
    end = len(body.rstrip())
    if bounds[-1] != end - 1 or body.rstrip().endswith("\\|"):
        bounds.append(end)
    out: list[tuple[str, int]] = []
    for a, b in itertools.pairwise(bounds):
        raw = body[a + 1 : b]
        text = raw.replace("\\|", "|")
        if "<" in text:
            text = _BR.sub("\n", text)
        stripped = text.strip()
        out.append((stripped, a + 1 + len(raw) - len(raw.lstrip())))
        if len(out) >= MAX_CELLS:
            break
    return out


def _split_plain(body: str) -> list[tuple[str, int]]:
    """:func:`_split_pipes` of a line holding a pipe and no backslash or tag (most lines):
    every pipe ends a cell, and the text before the first pipe or after the last one is a
    cell when it is not blank (a row written without its outer pipes)."""
    pieces = body.split("|")
    last = len(pieces) - 1
    out: list[tuple[str, int]] = []
    start = 0
    for k, raw in enumerate(pieces):
        at = start
        start += len(raw) + 1
        stripped = raw.strip()
        if not stripped and (k == 0 or k == last):
            continue
        out.append((stripped, at + len(raw) - len(raw.lstrip())))
        if len(out) >= MAX_CELLS:
            break
    return out


# raw HTML blocks ------------------------------------------------------------------------

_TABLE_OPEN: Final = LazyPattern(r"<table\b", re.IGNORECASE)
_TABLE_CLOSE: Final = LazyPattern(r"</table\s*>", re.IGNORECASE)


def table_block_end(lines: Sequence[Line], start: int) -> int | None:
    """The index after the line that closes the ``<table>`` opened on ``lines[start]``
    (nested tables counted), or None when it is never closed."""
    depth = 0
    for k in range(start, len(lines)):
        text = lines[k].text
        depth += len(_TABLE_OPEN.findall(text)) - len(_TABLE_CLOSE.findall(text))
        if depth <= 0:
            return k + 1
    return None


def starts_table(text: str) -> bool:
    return bool(_TABLE_OPEN.match(text.lstrip()))


# inline markup --------------------------------------------------------------------------

_SPAN: Final = LazyPattern(r"\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\{[^{}]*\}", re.DOTALL)
"""pandoc's bracketed span: ``[text]{attributes}`` (attributes may run over lines)."""
_LINK: Final = LazyPattern(r"!?\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\((?:[^()]|\([^()]*\))*\)")
_ATTRIBUTES: Final = LazyPattern(r"\{[#.][^{}]*\}|\{[a-z-]+=\"[^\"]*\"[^{}]*\}", re.DOTALL)
_EMPHASIS: Final = LazyPattern(r"(\*{1,3}|_{1,3}|~~)(?=\S)(.+?)(?<=\S)\1", re.DOTALL)
_CODE: Final = LazyPattern(r"`+([^`]*)`+")
_TAG: Final = LazyPattern(r"</?[a-zA-Z][a-zA-Z0-9:-]*(?:\s[^<>]*)?/?>")
_ESCAPE: Final = LazyPattern(r"\\([\\`*_{}\[\]()#+\-.!|~<>\"'^$&=:;@/])")
_HARD_BREAK: Final = LazyPattern(r"\\$", re.MULTILINE)
_HEADING: Final = LazyPattern(r"^\s{0,3}#{1,6}\s+|\s+#+\s*$")
_FENCE: Final = LazyPattern(r"^\s*(?::{3,}|`{3,}|~{3,})")
_HORIZONTAL_RULE: Final = LazyPattern(
    r"^\s{0,3}(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,}|(?:=\s*){3,})$"
)
_ENTITY: Final = LazyPattern(r"&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);")


_MARKUP_CHAR: Final = LazyPattern(r"[\[\]{}*_`\\<&#~]")
"""A character inline markup is made of: a text without one is left as it is (most cells)."""


def strip_inline(text: str) -> str:
    """*text* without Markdown inline markup (its words kept)."""
    if _MARKUP_CHAR.search(text) is None:
        return text
    for _ in range(4):  # spans inside spans: [[x]{a}]{b}
        stripped = _SPAN.sub(r"\1", text)
        if stripped == text:
            break
        text = stripped
    text = _LINK.sub(r"\1", text)
    text = _ATTRIBUTES.sub("", text)
    text = _CODE.sub(r"\1", text)
    text = _EMPHASIS.sub(r"\2", text)
    text = _TAG.sub("", text)
    text = _HARD_BREAK.sub("", text)
    text = _ESCAPE.sub(r"\1", text)
    if "&" in text:
        import html  # its table of entities, only for a text holding one

        text = _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)
    text = text.replace("\u00a0", " ")
    return text.strip()


_OPEN_TAG: Final = LazyPattern(r"<[a-zA-Z][^<>]*$")


def join_open_tags(lines: Sequence[Line]) -> list[Line]:
    """Lines with an HTML tag left open at their end (``<span`` / ``style="…">二、…``, as
    pandoc writes inline HTML) joined with the lines that close it, under the first one's
    number."""
    out: list[Line] = []
    pending: Line | None = None
    for line in lines:
        if pending is not None:
            text = f"{pending.text} {line.text.strip()}"
            pending = Line(pending.number, text, pending.page)
            if not _OPEN_TAG.search(text) or len(text) > 4000:
                out.append(pending)
                pending = None
            continue
        if "<" in line.text and _OPEN_TAG.search(line.text):
            pending = line
        else:
            out.append(line)
    if pending is not None:
        out.append(pending)
    return out


def paragraph_text(text: str) -> str:
    """A Markdown line as running text: heading marks and inline markup off."""
    return strip_inline(_HEADING.sub("", text)).strip()


def is_markup_only(text: str) -> bool:
    """A line that is only Markdown structure: a fenced-div or code fence, a rule."""
    return bool(_FENCE.match(text) or _HORIZONTAL_RULE.match(text))
