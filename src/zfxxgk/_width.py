"""How many terminal columns a character takes: :func:`wcwidth`, the same numbers as the
``wcwidth`` package, without importing it for the characters reports are written in.

Importing ``wcwidth`` costs more than a third of a bare ``import lxml.html`` (it loads its
tables, line breaking, text wrapping and terminal sequences), and reading one text report
needs only the widths of Chinese characters, full-width punctuation, Latin letters and box
drawing.  For those — letters, digits, punctuation, symbols and spaces in the blocks of
:data:`_FAST` — the width is 2 for an East Asian wide or full-width character and 1 for any
other, which is what ``wcwidth`` says for every one of them (``tests/test_width.py``
compares them all); any other character (combining marks, controls, emoji, scripts with
zero-width parts) is asked of ``wcwidth`` itself.
"""

from __future__ import annotations

import bisect
import unicodedata
from typing import Final

__all__ = ["is_fast", "wcwidth"]

_FAST: Final[tuple[tuple[int, int], ...]] = (
    (0x00A0, 0x04FF),  # Latin-1, Latin extended, IPA, Greek, Cyrillic
    (0x2000, 0x25FF),  # punctuation, numbers, arrows, maths, enclosed, box drawing, shapes
    (0x2700, 0x2BFF),  # dingbats, more arrows and symbols (not 2600–26FF: emoji)
    (0x2E80, 0x3163),  # CJK radicals, symbols and punctuation, kana, bopomofo
    (0x3165, 0x4DBF),  # … CJK ideographs A (not 3164: the Hangul filler)
    (0x4E00, 0x9FFF),  # CJK unified ideographs (not 4DC0–4DFF: the hexagrams)
    (0xAC00, 0xD7A3),  # Hangul syllables
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0xFE10, 0xFE1F),  # vertical forms
    (0xFE30, 0xFE4F),  # CJK compatibility forms
    (0xFF00, 0xFF9F),  # full-width and half-width forms (not FFA0: the Hangul filler)
    (0xFFA1, 0xFFEF),
)
"""Blocks whose letters, digits, punctuation, symbols and spaces are measured here."""

_STARTS: Final = [start for start, _ in _FAST]


def is_fast(code: int) -> bool:
    """Whether the character numbered *code* is measured here when it is a letter, a digit,
    punctuation, a symbol or a space."""
    where = bisect.bisect_right(_STARTS, code) - 1
    return where >= 0 and code <= _FAST[where][1]


def wcwidth(char: str) -> int:
    """The columns *char* takes in a terminal: ``wcwidth.wcwidth(char)`` (−1 for a control
    character, 0 for a combining one)."""
    code = ord(char)
    if 0x20 <= code < 0x7F:
        return 1
    if is_fast(code):
        category = unicodedata.category(char)
        if category[0] in "LNPS" or category == "Zs":
            return 2 if unicodedata.east_asian_width(char) in "WF" else 1
    from wcwidth import wcwidth as measured

    return int(measured(char))
