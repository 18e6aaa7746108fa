"""The numbering of a report's outline: the lines of a narrative section that open with a
top-level ordinal (``二、工作机制保障``), and where the printed section headings break the
sequence 一 … 六.

Facts only; the finding made of them (``OUTLINE-NUMBERING``) is :mod:`zfxxgk.rules.outline`'s.
"""

from __future__ import annotations

import re
from typing import Final

import attrs

from .._startup import LazyPattern

__all__ = ["ORDINALS", "NumberedLine", "ordinal_value", "top_numbered_lines"]

ORDINALS: Final = "一二三四五六七八九十"
"""The top-level ordinals, in order (十一 and above are written with two characters)."""

_TOP: Final = LazyPattern(
    r"^[ \t\u3000]*(?:#{1,6}[ \t]*)?[*_]{0,2}[ \t]*"
    r"(?P<number>[一二三四五六七八九十]{1,2})[ \t]*[、.．]"
    r"(?![ \t]*[一二三四五六七八九十][、季月])",  # 一、二季度 / 一、二、三月: a list, not a heading
    re.MULTILINE,
)
_HEADING_END: Final = LazyPattern(r"[。；;：:！？!?\n]")
_LONGEST: Final = 30
"""A heading's text is quoted up to this many characters."""


@attrs.frozen(kw_only=True, slots=True)
class NumberedLine:
    """A line of a text that opens with a top-level ordinal: the ordinal, the span of the
    heading in the text (from the ordinal to the end of its first clause or line) and that
    heading's text."""

    number: str
    span: tuple[int, int]
    excerpt: str


def ordinal_value(number: str) -> int | None:
    """一 → 1 … 十 → 10, 十一 → 11, 二十 → 20; ``None`` for anything else."""
    if len(number) == 1:
        at = ORDINALS.find(number)
        return at + 1 if at >= 0 else None
    if len(number) == 2 and number[0] == "十" and number[1] in ORDINALS[:9]:
        return 10 + ORDINALS.index(number[1]) + 1
    if len(number) == 2 and number[1] == "十" and number[0] in ORDINALS[1:9]:
        return (ORDINALS.index(number[0]) + 1) * 10
    return None


def top_numbered_lines(text: str | None) -> tuple[NumberedLine, ...]:
    """Every line of *text* that opens with a top-level ordinal (``二、``, ``三.``), in order."""
    if not text:
        return ()
    found: list[NumberedLine] = []
    for match in _TOP.finditer(text):
        start = match.start("number")
        end_match = _HEADING_END.search(text, match.end())
        end = end_match.start() if end_match is not None else len(text)
        end = min(end, start + _LONGEST)
        excerpt = text[start:end].strip()
        if len(excerpt) <= len(match["number"]) + 1:
            continue  # an ordinal and nothing after it
        found.append(NumberedLine(number=match["number"], span=(start, end), excerpt=excerpt))
    return tuple(found)
