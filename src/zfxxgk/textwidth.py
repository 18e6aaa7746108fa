"""How wide text is drawn: the one place that measures display width.

A terminal, a text browser or a monospaced font draws a CJK character two columns wide and
most other characters one; combining marks and zero-width characters take none.  The
widths are ``wcwidth``'s (a maintained table of the Unicode East Asian Width and zero-width
properties); this module is its only user, so the command line's alignment and progress line
(:mod:`zfxxgk.cli.terminal`), the text tables (:mod:`zfxxgk.text_tables`), the text readers
(:mod:`zfxxgk.readers._textlines`), the Word tables' column widths (:mod:`zfxxgk.word_report`)
and the joining of wrapped lines (:mod:`zfxxgk.convert`) all count the same way.

wcwidth takes a noticeable time to import (more than a third of a bare ``import lxml.html``),
and a report is written in ASCII, CJK ideographs, full-width punctuation, Latin letters and box
drawing. Those are measured here without it: the ranges of :data:`KNOWN`, and the letters,
digits, punctuation, symbols and spaces of the blocks of :data:`FAST_BLOCKS` (2 columns for an
East Asian wide or full-width character, else 1) — what wcwidth says for every one of them
(``tests/test_textwidth.py`` compares them character by character). wcwidth is imported the
first time another character (a combining mark, a control, an emoji …) is measured.

Imports only the standard library, and wcwidth when first needed (the bottom layer).
"""

from __future__ import annotations

import bisect
import functools
import importlib
import unicodedata
from typing import Final

__all__ = ["FAST_BLOCKS", "KNOWN", "char_width", "display_width", "in_fast_block"]

KNOWN: Final[tuple[tuple[int, int, int], ...]] = (
    (0x0020, 0x007E, 1),  # printable ASCII
    (0x2013, 0x2014, 1),  # – —
    (0x2018, 0x2019, 1),  # ‘ ’
    (0x201C, 0x201D, 1),  # “ ”
    (0x2026, 0x2026, 1),  # …
    (0x3000, 0x3029, 2),  # ideographic space, 、。〃 and the CJK brackets 〈〉《》「」『』【】
    (0x3030, 0x303E, 2),
    (0x3400, 0x4DBF, 2),  # CJK Unified Ideographs Extension A
    (0x4E00, 0x9FFF, 2),  # CJK Unified Ideographs
    (0xFF01, 0xFF60, 2),  # full-width forms: ，：；（）！？ and full-width digits
    (0xFFE0, 0xFFE6, 2),
)
"""(first, last, width): code point ranges whose width is known without asking wcwidth —
the same as wcwidth's, checked for every character by the tests."""


FAST_BLOCKS: Final[tuple[tuple[int, int], ...]] = (
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
"""(first, last): blocks whose letters, digits, punctuation, symbols and spaces are measured
by their East Asian width, without wcwidth."""

_STARTS: Final = [first for first, _ in FAST_BLOCKS]


def in_fast_block(point: int) -> bool:
    """Whether the code point *point* lies in one of :data:`FAST_BLOCKS`."""
    where = bisect.bisect_right(_STARTS, point) - 1
    return where >= 0 and point <= FAST_BLOCKS[where][1]


@functools.lru_cache(maxsize=8192)
def char_width(char: str) -> int:
    """Columns one character takes: 2 for CJK, 0 for a combining or control character, else 1
    (``max(wcwidth(char), 0)``)."""
    point = ord(char)
    for first, last, width in KNOWN:
        if first <= point <= last:
            return width
    if in_fast_block(point):
        category = unicodedata.category(char)
        if category[0] in "LNPS" or category == "Zs":
            return 2 if unicodedata.east_asian_width(char) in "WF" else 1
    wcwidth = importlib.import_module("wcwidth").wcwidth
    return max(int(wcwidth(char)), 0)


def display_width(text: str) -> int:
    """Columns *text* takes in a terminal or a monospaced font (CJK characters take two)."""
    if text.isascii():
        return len(text)  # the fast path the text readers have always taken
    return sum(char_width(c) for c in text)
