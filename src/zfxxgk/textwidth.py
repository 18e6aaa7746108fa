"""How wide text is drawn: the one place that measures display width.

A terminal, a text browser or a monospaced font draws a CJK character two columns wide and
most other characters one; combining marks and zero-width characters take none.  The
widths come from ``wcwidth`` (a maintained table of the Unicode East Asian Width and
zero-width properties); this module is its only user, so the command line's alignment and
progress line (:mod:`zfxxgk.cli.terminal`), the text tables (:mod:`zfxxgk.text_tables`), the
text readers (:mod:`zfxxgk.readers._textlines`), the Word tables' column widths
(:mod:`zfxxgk.word_report`) and the joining of wrapped lines (:mod:`zfxxgk.convert`) all
count the same way.

Imports only the standard library and wcwidth (the bottom layer).
"""

from __future__ import annotations

import functools

from wcwidth import wcwidth

__all__ = ["char_width", "display_width"]


@functools.lru_cache(maxsize=8192)
def char_width(char: str) -> int:
    """Columns one character takes: 2 for CJK, 0 for a combining or control character, else 1."""
    return max(wcwidth(char), 0)


def display_width(text: str) -> int:
    """Columns *text* takes in a terminal or a monospaced font (CJK characters take two)."""
    if text.isascii():
        return len(text)  # the fast path the text readers have always taken
    return sum(char_width(c) for c in text)
