"""What a printed cell holds: blank, a placeholder, a number, or text.

Every stage of the builder asks this of cell texts (is this a label or a value?), so the
answers for short texts are remembered, shared by every read.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from ..._startup import LazyPattern
from ...cells import PLACEHOLDERS, Cell, ValueKind, parse_cell
from .._nfkc import nfkc
from .._remember import LONGEST, Remembered

__all__ = ["classify", "fold", "oneline", "parse_value"]

# A printed number, maybe with a unit or measure word and a bracketed note (22（其中修订16件）),
# after NFKC and with spaces removed; stricter than parse_cell, which would also read the
# leading 2 of the label 2.其他法律行政法规禁止公开 as a number.
_VALUE_TEXT = LazyPattern(
    r"^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:万元|元|件|个|项|条|次|起|%)?(?:\(.*\))?$"
)
_SPACES = LazyPattern(r"[\s\u3000\u00a0\u200b\ufeff]+")


def fold(text: str) -> str:
    """*text* after NFKC, without spaces, full-width commas as ASCII ones."""
    return _SPACES.sub("", nfkc(text)).replace("，", ",")


def _kind_of(text: str) -> str:
    """``blank``, ``placeholder``, ``value`` (a printed number) or ``text``."""
    folded = fold(text)
    if not folded:
        return "blank"
    if folded in PLACEHOLDERS:
        return "placeholder"
    if _VALUE_TEXT.match(folded):
        return "value"
    return "text"


_remembered_kind: Remembered[str] = Remembered(_kind_of, maxsize=8192)

classify: Callable[[str], str] = _remembered_kind.__getitem__
"""``blank``, ``placeholder``, ``value`` (a printed number) or ``text``: what a printed cell
holds, remembered for short texts (a dict lookup, no Python call: the builder asks this of
every cell in several stages)."""


def parse_value(text: str, kind: ValueKind) -> tuple[Cell, str | None]:
    """:func:`~zfxxgk.cells.parse_cell`, remembered for short texts: a report prints the
    same few numbers ("0", "1" …) in most of its two hundred cells, and cells are values."""
    if kind is ValueKind.COUNT:  # most cells: a dict lookup, no enum hashed
        return _counts[text]
    if len(text) > LONGEST:
        return parse_cell(text, kind)
    return _remembered_parse(text, kind)


def _count(text: str) -> tuple[Cell, str | None]:
    return parse_cell(text, ValueKind.COUNT)


_counts: Remembered[tuple[Cell, str | None]] = Remembered(_count, maxsize=4096)
_remembered_parse = functools.lru_cache(maxsize=4096)(parse_cell)


def oneline(text: str) -> str:
    """*text* on one line, runs of whitespace as one space (for messages)."""
    return " ".join(text.split())
