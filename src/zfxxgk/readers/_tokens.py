"""The words of a line of text with the columns they stand in.

A *token* is what a person reads as one entry of a line: text separated from the next entry
by two spaces or more (or a tab), or a printed value — a number (maybe with a unit, a measure
word or a note in brackets: ``251000元``, ``22（其中修订 16 件）``) or a placeholder (``/``,
``—``, ``无``, ``不适用``) — which one space is enough to set apart (``0 0 0``,
``行政许可 97``).  One space parts Chinese entries too (``自然人 商业 科研``); Latin words
separated by single spaces stay one token (``Annual Report``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

import attrs

from .._startup import LazyPattern
from ..cells import PLACEHOLDERS
from ._nfkc import nfkc

__all__ = ["MAX_TOKENS", "VALUE", "Token", "is_value", "tokens"]

VALUE: Final = (
    r"[-+]?(?:\d{1,3}(?:[,，]\d{3})+|\d+)(?:\.\d+)?(?:万元|元|件|个|项|条|次|起|%)?"
    r"(?:[（(][^（()）]{0,30}[）)])?"
)
"""One printed number, maybe with a unit or measure word and a bracketed note (as the
builder's cell classification admits)."""
_VALUE_RE: Final = LazyPattern(VALUE)
_GAP: Final = LazyPattern(r"(?: {2,}|\t|\u3000)+")
_SPACE: Final = LazyPattern(r" ")


def is_value(text: str) -> bool:
    """Is *text* one printed value — a number (spaces inside a bracketed note allowed) or a
    placeholder (:data:`zfxxgk.cells.PLACEHOLDERS`)?"""
    folded = nfkc(text.replace(" ", ""))
    return folded in PLACEHOLDERS or text in PLACEHOLDERS or bool(_VALUE_RE.fullmatch(folded))


@attrs.frozen(slots=True)
class Token:
    """An entry of a line: its text, its columns ``[x0, x1)`` under the line's metric, the
    index of its first character in the line, and whether it is a printed value."""

    text: str
    x0: int
    x1: int
    index: int
    value: bool

    def overlaps(self, x0: int, x1: int) -> bool:
        return self.x0 < x1 and x0 < self.x1


def _one_phrase(text: str, end: int, start: int) -> bool:
    """Are the texts ending at *end* and starting at *start* (one space between them) words
    of one phrase?  Latin words are (``Annual Report``); Chinese text puts no space inside a
    label, so a single space there parts two entries (``自然人 商业 科研``, as dense text
    from a PDF prints the cells of a row)."""
    return text[end - 1 : end].isascii() and text[start : start + 1].isascii()


MAX_TOKENS: Final = 512
"""A line of more tokens than this is no row of a report table (the widest has 15 columns):
it is not cut further."""


def tokens(text: str, where: Sequence[int]) -> list[Token]:
    """The tokens of *text*; *where* holds the column of each character and of the end
    (:func:`._textlines.positions`).  Past :data:`MAX_TOKENS` the rest of the line is one
    last token, so that a hostile line costs no more than a long one."""
    out: list[Token] = []
    start = 0
    for gap in _GAP.finditer(text):
        if gap.start() > start:
            _split(text, where, start, gap.start(), out)
        start = gap.end()
        if len(out) > MAX_TOKENS:
            break
    if start < len(text):
        if len(out) > MAX_TOKENS:
            out.append(Token(text[start:], where[start], where[len(text)], start, False))
        else:
            _split(text, where, start, len(text), out)
    return out


def _split(text: str, where: Sequence[int], start: int, end: int, out: list[Token]) -> None:
    """The tokens of ``text[start:end]`` (no run of two spaces in it): values set apart by
    single spaces, the text between them kept whole."""
    chunk = text[start:end]
    if " " not in chunk or chunk.count(" ") > MAX_TOKENS:
        out.append(Token(chunk, where[start], where[end], start, is_value(chunk)))
        return
    pieces: list[tuple[int, int]] = []  # (start, end) of each piece between single spaces
    at = start
    for space in _SPACE.finditer(chunk):
        pieces.append((at, start + space.start()))
        at = start + space.end()
    pieces.append((at, end))
    pieces = [(a, b) for a, b in pieces if b > a]  # a space at either end
    merged: list[tuple[int, int, bool]] = []
    k = 0
    while k < len(pieces):
        a, b = pieces[k]
        piece = text[a:b]
        opened = piece.count("（") + piece.count("(") - piece.count("）") - piece.count(")")
        while opened > 0 and k + 1 < len(pieces):  # a note in brackets may hold spaces
            k += 1
            b = pieces[k][1]
            more = text[pieces[k][0] : b]
            opened += more.count("（") + more.count("(") - more.count("）") - more.count(")")
        value = is_value(text[a:b])
        if merged and not value and not merged[-1][2] and _one_phrase(text, merged[-1][1], a):
            merged[-1] = (merged[-1][0], b, False)  # words of one phrase: one token
        else:
            merged.append((a, b, value))
        k += 1
    for a, b, value in merged:
        out.append(Token(text[a:b], where[a], where[b], a, value))
