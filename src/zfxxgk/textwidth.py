"""How wide text is drawn: the one place that measures display width.

A terminal, a text browser or a monospaced font draws a CJK character two columns wide and
most other characters one; combining marks and zero-width characters take none.  The
widths are ``wcwidth``'s (a maintained table of the Unicode East Asian Width and zero-width
properties); this module is its only user, so the command line's alignment and progress line
(:mod:`zfxxgk.cli.terminal`), the text tables (:mod:`zfxxgk.text_tables`), the text readers
(:mod:`zfxxgk.readers._textlines`), the Word tables' column widths (:mod:`zfxxgk.word_report`)
and the joining of wrapped lines (:mod:`zfxxgk.convert`) all count the same way.

wcwidth takes a noticeable time to import, and most of a report is ASCII, CJK ideographs and
CJK punctuation: those come from :data:`KNOWN` — ranges whose every character has the width
wcwidth gives it (``tests/test_textwidth.py`` compares them character by character) — and
wcwidth is imported the first time another character is measured.

Imports only the standard library, and wcwidth when first needed (the bottom layer).
"""

from __future__ import annotations

import functools
import importlib
from typing import Final

__all__ = ["KNOWN", "char_width", "display_width"]

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


@functools.lru_cache(maxsize=8192)
def char_width(char: str) -> int:
    """Columns one character takes: 2 for CJK, 0 for a combining or control character, else 1
    (``max(wcwidth(char), 0)``)."""
    point = ord(char)
    for first, last, width in KNOWN:
        if first <= point <= last:
            return width
    wcwidth = importlib.import_module("wcwidth").wcwidth
    return max(int(wcwidth(char)), 0)


def display_width(text: str) -> int:
    """Columns *text* takes in a terminal or a monospaced font (CJK characters take two)."""
    if text.isascii():
        return len(text)  # the fast path the text readers have always taken
    return sum(char_width(c) for c in text)
