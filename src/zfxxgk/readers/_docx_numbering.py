"""The printed number of an auto-numbered Word paragraph (``一、``, ``（一）``, ``1.``).

docx2python counts list items but prints them its own way (``1)``, ``--``); Word prints what
``word/numbering.xml`` says: a level's ``w:lvlText`` (``%1、``, ``（%1）``, ``%1.%2``) with each
``%n`` replaced by that level's counter in the level's ``w:numFmt`` (``chineseCounting`` →
一, 二 …).  This module reads those two things and formats the counters docx2python kept.
Bullets print nothing.  Anything unknown falls back to no number at all, never a wrong one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Final

__all__ = ["Level", "Numbering", "format_number", "parse_numbering"]

_W: Final = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DIGITS: Final = "〇一二三四五六七八九"
_HEAVENLY_STEMS: Final = "甲乙丙丁戊己庚辛壬癸"
_CIRCLED: Final = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def _chinese(n: int) -> str:
    """一 … 九十九 (and plain digits beyond), as Word's chineseCounting prints them."""
    if n <= 0 or n >= 100:
        return str(n)
    tens, units = divmod(n, 10)
    if tens == 0:
        return _DIGITS[units]
    head = "" if tens == 1 else _DIGITS[tens]
    return head + "十" + (_DIGITS[units] if units else "")


def _letters(n: int) -> str:
    out = ""
    while n > 0:
        n, rem = divmod(n - 1, 26)
        out = chr(ord("a") + rem) + out
    return out


def _roman(n: int) -> str:
    if n <= 0 or n >= 4000:
        return str(n)
    out = ""
    for value, numeral in (
        (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
        (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
    ):  # fmt: skip
        while n >= value:
            out += numeral
            n -= value
    return out


_FORMATS: Final[dict[str, Callable[[int], str]]] = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "decimalFullWidth": lambda n: str(n).translate(
        str.maketrans("0123456789", "０１２３４５６７８９")
    ),
    "decimalHalfWidth": str,
    "chineseCounting": _chinese,
    "chineseCountingThousand": _chinese,
    "chineseLegalSimplified": _chinese,
    "japaneseCounting": _chinese,
    "taiwaneseCounting": _chinese,
    "ideographDigital": lambda n: "".join(_DIGITS[int(d)] for d in str(n)),
    "ideographTraditional": lambda n: _HEAVENLY_STEMS[n - 1] if 0 < n <= 10 else str(n),
    "decimalEnclosedCircle": lambda n: _CIRCLED[n - 1] if 0 < n <= 20 else str(n),
    "decimalEnclosedCircleChinese": lambda n: _CIRCLED[n - 1] if 0 < n <= 20 else str(n),
    "lowerLetter": _letters,
    "upperLetter": lambda n: _letters(n).upper(),
    "lowerRoman": _roman,
    "upperRoman": lambda n: _roman(n).upper(),
}


class Level:
    """One level of a list: its number format, its text pattern, and where it starts."""

    __slots__ = ("fmt", "start", "text")

    def __init__(self, fmt: str, text: str, start: int) -> None:
        self.fmt = fmt
        self.text = text
        self.start = start


Numbering = Mapping[str, Mapping[int, Level]]
"""numId → level index → :class:`Level`."""


def format_number(levels: Mapping[int, Level], counts: Sequence[int]) -> str | None:
    """The printed number of an item at level ``len(counts) - 1`` whose counters (1-based,
    one per level down to its own) are *counts*; None when it cannot be told."""
    if not counts:
        return None
    level = levels.get(len(counts) - 1)
    if level is None or level.fmt in ("bullet", "none"):
        return None if level is None else ""

    def number(match: re.Match[str]) -> str:
        k = int(match.group(1)) - 1
        if k >= len(counts) or k not in levels:
            raise LookupError(k)
        ref = levels[k]
        formatter = _FORMATS.get(ref.fmt)
        if formatter is None:
            raise LookupError(ref.fmt)
        return formatter(counts[k] + ref.start - 1)

    try:
        return re.sub(r"%([1-9])", number, level.text)
    except LookupError:
        return None


def parse_numbering(xml: bytes | None) -> Numbering:
    """Levels of every list in ``word/numbering.xml`` (already checked: no DOCTYPE)."""
    if not xml:
        return {}
    from lxml import etree

    from ._secure_xml import parser

    try:
        root = etree.fromstring(xml, parser())
    except etree.LxmlError:
        return {}
    abstract: dict[str, dict[int, Level]] = {}
    for node in root.iter(_W + "abstractNum"):
        abstract[node.get(_W + "abstractNumId", "")] = _levels(node)
    out: dict[str, dict[int, Level]] = {}
    for num in root.iter(_W + "num"):
        ref = num.find(_W + "abstractNumId")
        base = abstract.get("" if ref is None else ref.get(_W + "val", ""), {})
        levels = dict(base)
        for override in num.iter(_W + "lvlOverride"):
            ilvl = _int(override.get(_W + "ilvl"))
            if ilvl is None:
                continue
            replaced = _levels(override).get(ilvl)
            start = override.find(_W + "startOverride")
            if replaced is not None:
                levels[ilvl] = replaced
            elif start is not None and ilvl in levels:
                old = levels[ilvl]
                levels[ilvl] = Level(old.fmt, old.text, _int(start.get(_W + "val")) or 1)
        out[num.get(_W + "numId", "")] = levels
    return out


def _levels(node: Any) -> dict[int, Level]:
    levels: dict[int, Level] = {}
    for lvl in node.iter(_W + "lvl"):
        ilvl = _int(lvl.get(_W + "ilvl"))
        if ilvl is None:
            continue
        fmt = lvl.find(_W + "numFmt")
        text = lvl.find(_W + "lvlText")
        start = lvl.find(_W + "start")
        levels[ilvl] = Level(
            fmt="decimal" if fmt is None else fmt.get(_W + "val", "decimal"),
            text="" if text is None else text.get(_W + "val", ""),
            start=1 if start is None else (_int(start.get(_W + "val")) or 0),
        )
    return levels


def _int(value: str | None) -> int | None:
    try:
        return None if value is None else int(value)
    except ValueError:
        return None
