"""Text as a person sees it: clean lines, and where each character stands.

The first step of reading any text rendering (:mod:`.text`): noise that a terminal or a
converter leaves in the text is taken out before anything looks at it —

- ANSI escape sequences (colours, cursor moves) and terminal overstrike (``X\\bX`` bold,
  ``_\\bX`` underline, as ``man`` and old ``w3m`` write them);
- zero-width characters, non-breaking spaces and other space characters (made plain spaces
  of the same width, so the columns stay where they were);
- form feeds, which end a page: the page number printed at its foot or head (``- 4 -``,
  ``第4页``, ``4/12``) and a running header or footer repeated on every page are dropped.

Every :class:`Line` keeps its 1-based line number in the file, so whatever is read from it
can say where it came from.

Then the *metric*: where a character stands on the line.  A terminal or a text browser draws
a CJK character two columns wide (:data:`Metric.DISPLAY`, measured by
:func:`zfxxgk.textwidth.char_width`, i.e. ``wcwidth``); some
draw the East Asian "ambiguous" characters (box-drawing lines, curly quotes) two wide as well
(:data:`Metric.WIDE`); ``pdftotext -layout`` places every character, CJK or not, in one
column (:data:`Metric.CHARS`).  The table readers try the metrics and keep the one under
which the table lines up.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from itertools import accumulate
from typing import Final, NamedTuple

from .._startup import LazyPattern
from ..textwidth import char_width

__all__ = ["Line", "Metric", "clean_lines", "positions", "width"]


class Metric(enum.Enum):
    """How the columns of a line are counted."""

    DISPLAY = "display"
    """As a terminal draws it: CJK two columns, East Asian ambiguous characters one."""
    WIDE = "wide"
    """As a terminal in a CJK locale may draw it: ambiguous characters two columns too."""
    CHARS = "chars"
    """One column per character (``pdftotext -layout``)."""


class Line(NamedTuple):
    """One line of the text, cleaned; ``number`` is its 1-based line number in the file.
    A plain tuple: a text has hundreds of lines."""

    number: int
    text: str
    page: int = 1
    """The 1-based page (form feeds end pages)."""


# --------------------------------------------------------------------------------------
# noise
# --------------------------------------------------------------------------------------

_ANSI = LazyPattern(
    r"\x1b(?:\[[0-?]*[ -/]*[@-~]"  # CSI: colours, cursor moves
    r"|\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC: titles, hyperlinks
    r"|[PX^_][^\x1b]*\x1b\\"  # DCS, SOS, PM, APC strings
    r"|[@-Z\\-_])"  # two-character sequences
    r"|\x9b[0-?]*[ -/]*[@-~]"  # an 8-bit CSI
)
_UNDERLINED = LazyPattern(r"(.)\x08_")
"""``X\\b_``: underline written after the character."""
_OVERSTRUCK = LazyPattern(r".\x08")
"""``X\\bX`` (bold) and ``_\\bX`` (underline): the character after the backspace stays."""
_ZERO_WIDTH = LazyPattern("[\u200b-\u200d\u2060\ufeff\u00ad]")
_SPACES = LazyPattern("[\u00a0\u2000-\u200a\u202f\u205f\u1680]")
"""Space characters drawn one column wide: made plain spaces."""
_OTHER_CONTROL = LazyPattern("[\x00-\x08\x0b\x0e-\x1f\x7f]")

_PAGE_NUMBER: Final = LazyPattern(
    r"^\s*(?:[-—–－]\s*\d{1,4}\s*[-—–－]|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}|page\s*\d{1,4}(?:\s*of\s*\d{1,4})?)\s*$",
    re.IGNORECASE,
)
"""A line holding nothing but a page number."""


def clean(text: str, *, odd: bool = True, controls: bool = True) -> str:
    """One line without escape sequences, overstrike, zero-width and odd space characters.

    *odd* and *controls* False: the caller knows the line holds no zero-width or odd space
    character, or no control character (:func:`clean_lines` looks once for the whole text).
    """
    if "\x1b" in text or "\x9b" in text:
        text = _ANSI.sub("", text)
    if "\x08" in text:
        text = _OVERSTRUCK.sub("", _UNDERLINED.sub(r"\1", text)).replace("\x08", "")
    if odd:
        text = _ZERO_WIDTH.sub("", text)
        text = _SPACES.sub(" ", text)
    if text.isspace() and "\t" not in text:
        return " " * len(text)  # a row of empty cells in some tables (pandoc's)
    text = text.rstrip(" \r\n\v") if "\t" in text else text.rstrip()
    return _OTHER_CONTROL.sub("", text) if controls else text


def is_page_number(text: str) -> bool:
    """Does the line hold nothing but a page number (``- 4 -``, ``第4页``, ``4/12``)?"""
    return bool(_PAGE_NUMBER.match(text))


def clean_lines(text: str) -> list[Line]:
    """The lines of *text*, cleaned; page numbers and running headers or footers dropped."""
    raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    # what the text does not hold at all is not looked for line by line (escape sequences
    # and overstrike come first in a line's cleaning, and are few: looked for in each line)
    odd = _ZERO_WIDTH.search(text) is not None or _SPACES.search(text) is not None
    controls = _OTHER_CONTROL.search(text) is not None
    # nothing to take out but trailing space (most texts): :func:`clean`'s last steps inline
    plain = not (odd or controls or "\x1b" in text or "\x9b" in text or "\x08" in text)
    lines: list[Line] = []
    page = 1
    for number, piece in enumerate(raw, 1):
        if "\f" in piece:
            page += piece.count("\f")
            piece = piece.replace("\f", "")
        if not plain:
            cleaned = clean(piece, odd=odd, controls=controls)
        elif "\t" in piece:
            cleaned = piece.rstrip(" \r\n\v")
        else:
            cleaned = " " * len(piece) if piece.isspace() else piece.rstrip()
        if cleaned and is_page_number(cleaned):
            continue
        lines.append(Line(number, cleaned, page))
    if page > 2:
        lines = _without_running_lines(lines)
    return lines


_DIGITS = LazyPattern(r"\d+")


def _without_running_lines(lines: list[Line]) -> list[Line]:
    """Drop a header or footer printed on most pages: the first or last non-blank line of a
    page that recurs (digits aside) at the same place on at least half of the pages."""
    pages: dict[int, list[Line]] = {}
    for line in lines:
        if line.text.strip():
            pages.setdefault(line.page, []).append(line)
    if len(pages) < 3:
        return lines
    running: set[int] = set()
    for pick in (0, -1):
        keys = {p: _DIGITS.sub("#", found[pick].text.strip()) for p, found in pages.items()}
        common = Counter(keys.values())
        for page, found in pages.items():
            key = keys[page]
            if common[key] * 2 >= len(pages) and common[key] >= 2 and len(key) <= 60:
                running.add(found[pick].number)
    if not running:
        return lines
    return [line for line in lines if line.number not in running]


# --------------------------------------------------------------------------------------
# metrics
# --------------------------------------------------------------------------------------

_WIDTHS: dict[Metric, dict[str, int]] = {metric: {} for metric in Metric}
"""The width of every character met so far, by metric (looked up by the character alone:
a line is measured by one ``map`` over its characters)."""


def _char_width(char: str, metric: Metric) -> int:
    known = _WIDTHS[metric]
    found = known.get(char)
    if found is not None:
        return found
    if metric is Metric.CHARS:
        result = 1
    else:
        result = char_width(char)
        if result == 1 and metric is Metric.WIDE and unicodedata.east_asian_width(char) == "A":
            result = 2
    if len(known) < 65536:
        known[char] = result
    return result


def _widths(text: str, metric: Metric) -> list[int]:
    """The width of every character of *text* under *metric*."""
    widths: list[int | None] = list(map(_WIDTHS[metric].get, text))
    if None in widths:
        return [
            _char_width(c, metric) if w is None else w for c, w in zip(text, widths, strict=True)
        ]
    return widths  # type: ignore[return-value]  # no None in it


def width(text: str, metric: Metric = Metric.DISPLAY) -> int:
    """How many columns *text* takes under *metric*."""
    if metric is Metric.CHARS or text.isascii():
        return len(text)
    return sum(_widths(text, metric))


def positions(text: str, metric: Metric = Metric.DISPLAY) -> list[int]:
    """The column where each character of *text* starts, and one more: where the line ends
    (``len(result) == len(text) + 1``).  A tab moves to the next multiple of eight."""
    if "\t" not in text:
        if text.isascii():
            return list(range(len(text) + 1))
        out = [0]
        out += accumulate(_widths(text, metric))
        return out
    out = []
    x = 0
    for char in text:
        out.append(x)
        if char == "\t":
            x = (x // 8 + 1) * 8
        else:
            x += _char_width(char, metric)
    out.append(x)
    return out


def slice_columns(text: str, where: Sequence[int], start: int, end: int) -> str:
    """The characters of *text* whose columns (from :func:`positions`) lie in
    ``[start, end)``; a wide character half inside counts as inside."""
    out = [c for c, x0, x1 in zip(text, where, where[1:], strict=False) if x1 > start and x0 < end]
    return "".join(out)
