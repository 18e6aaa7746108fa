"""Numbers as narratives write them: Arabic or Chinese numerals, and the numbers of a text.

:func:`parse_number` reads one number (``34``, ``１２``, ``1,234``, ``1.5万``, ``三十五``);
:func:`_candidates` finds every number with a unit (件, 元, %, 条 …) in a normalised text
(:mod:`.normalise`), with what the unit makes of it (a count, money, a percentage, items).
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Final

import attrs

from ..cells import Number, Unit
from .lexicon import _BARE_NUMBER, _CN_NUMERALS, _COUNT_UNITS, _NUMBER
from .normalise import _THOUSANDS, _boundaries

__all__ = ["parse_number"]

_CN_DIGITS: Final[dict[str, int]] = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_UNITS: Final[dict[str, int]] = {"十": 10, "百": 100, "千": 1000}
_CN_BIG: Final[dict[str, int]] = {"万": 10_000, "亿": 100_000_000}


def _parse_chinese(text: str) -> int | None:
    if not text or any(
        c not in _CN_DIGITS and c not in _CN_UNITS and c not in _CN_BIG for c in text
    ):
        return None
    if not any(c in _CN_UNITS or c in _CN_BIG for c in text):
        # 二〇二四: digit by digit (a 两 never appears in this style)
        if "两" in text:
            return None if len(text) > 1 else 2
        return int("".join(str(_CN_DIGITS[c]) for c in text))
    total = 0
    section = 0
    digit: int | None = None
    for c in text:
        if c in _CN_DIGITS:
            digit = _CN_DIGITS[c]
        elif c in _CN_UNITS:
            section += (1 if digit is None else digit) * _CN_UNITS[c]
            digit = None
        else:
            section += digit or 0
            if section == 0:
                section = 1
            total = (total + section) * _CN_BIG[c]
            section = 0
            digit = None
    return total + section + (digit or 0)


def parse_number(text: str) -> Number | None:
    """Read a number as narratives write it: ``34``, ``１２``, ``1,234``, ``1.5万``, ``三十五``.

    Returns an ``int`` for whole numbers, a :class:`~decimal.Decimal` for fractions, and
    ``None`` when *text* is not a number.  ``两`` is 2, ``〇``/``零`` are 0; ``万`` and ``亿``
    multiply.
    """
    norm = unicodedata.normalize("NFKC", text).strip().replace(",", "").replace("，", "")
    if not norm:
        return None
    factor = 1
    if norm[-1] in _CN_BIG and len(norm) > 1 and (norm[-2].isdigit() or norm[-2] == "."):
        factor = _CN_BIG[norm[-1]]
        norm = norm[:-1]
    if re.fullmatch(r"\d+(?:\.\d+)?", norm):
        try:
            value = Decimal(norm) * factor
        except InvalidOperation:  # pragma: no cover - the pattern admits only digits
            return None
        return int(value) if value == value.to_integral_value() else value
    if factor != 1:
        return None
    return _parse_chinese(norm)


@attrs.define(slots=True)  # not frozen, as _Tag
class _Candidate:
    start: int
    end: int
    value: Number
    unit_text: str
    approximate: bool
    chinese: bool

    @property
    def unit_class(self) -> str:
        """What the unit makes of the number: ``count``, ``money``, ``percent`` or
        ``items`` (:data:`_UNIT_CLASSES`; a bare number after 金额/总额 is money)."""
        return _UNIT_CLASSES.get(self.unit_text, "money")

    @property
    def unit(self) -> Unit | None:
        if self.unit_text == "元":
            return Unit.YUAN
        if self.unit_text == "万元":
            return Unit.WAN_YUAN
        return None


_UNIT_CLASSES: Final[dict[str, str]] = {
    **dict.fromkeys(_COUNT_UNITS, "count"),
    "#count": "count",
    "元": "money",
    "万元": "money",
    "%": "percent",
    "‰": "percent",
    "条": "items",
}
"""The class of each unit (:attr:`_Candidate.unit_class`)."""

_BARE_WORDS: Final = ("件数", "数量", "金额", "总额")
"""What a bare number (:data:`~.lexicon._BARE_NUMBER`) follows: one of these is in every
match ("总金额" holds "金额")."""


_UNIT_STARTS: Final = "件起宗例条元%‰"
"""A character every match of :data:`~.lexicon._NUMBER` holds right after its number (its
unit begins with one, or, for 万元, ends with 元 after the number's 万); rare in a text."""
_IN_NUMBER: Final = frozenset(_CN_NUMERALS + ".\x1e余多")
"""What a match may hold before its unit, besides digits (``str.isdecimal``, as ``\\d``):
Chinese numerals (万, 亿 too), the decimal point, the thousands mark, 余, 多."""


def _numbers(norm: str) -> list[re.Match[str]]:
    """What ``_NUMBER.finditer(norm)`` finds, looked for only before the units.

    Every unit start (:data:`_UNIT_STARTS`, found with ``str.find``: a few dozen in a
    report) is walked back over the characters a number may hold (:data:`_IN_NUMBER`,
    digits), not past the end of the number before; the pattern is searched in that window
    alone (its lookbehinds see the text before it).  A match holds no unit start before its
    unit, so it lies in the window of its unit, and the pattern finds the same one there as
    in a scan of the whole text (``tests/test_narrative_numbers.py`` checks it on generated
    text)."""
    units = _boundaries(norm, _UNIT_STARTS)
    if not units:
        return []
    found: list[re.Match[str]] = []
    last = 0  # where the number before ends: the whole-text scan resumes there
    search = _NUMBER.search
    for at in units:
        k = at
        while k > last and (norm[k - 1] in _IN_NUMBER or norm[k - 1].isdecimal()):
            k -= 1
        if k == at:
            continue  # nothing a number holds before the unit
        m = search(norm, k, at + 2)  # at + 2: 件次
        if m is not None:
            found.append(m)
            last = m.end()
    return found


def _candidates(norm: str) -> list[_Candidate]:
    found: list[_Candidate] = []
    for m in _numbers(norm):
        raw = m["num"]
        unit = m["unit"]
        chinese = not raw[0].isdigit()
        if chinese:
            if m["mult"]:
                continue
            if raw.endswith("万") and unit == "元":
                raw, unit = raw[:-1], "万元"
            after = norm[m.end() : m.end() + 4]
            start = m.start()
            if start > 0 and norm[start - 1] in "第初":
                continue
            if unit == "起" and not re.match(r"行政|复议|诉讼|案件", after):
                continue  # 一起 = together
            if unit == "件" and after[:1] in ("事", "一"):
                continue  # 一件事、一件一档
            chinese_value = _parse_chinese(raw)
            if chinese_value is None:
                continue
            value: Number = chinese_value
        else:
            number = raw.replace(_THOUSANDS, "")
            if m["mult"]:
                number += m["mult"]
            # most numbers are plain ASCII digits: what parse_number makes of them is int()
            parsed = (
                int(number) if number.isascii() and number.isdecimal() else parse_number(number)
            )
            if parsed is None:  # pragma: no cover - the pattern admits only digits
                continue
            value = parsed
        if unit == "‰":
            continue
        found.append(_Candidate(m.start(), m.end(), value, unit, bool(m["approx"]), chinese))
    if not any(word in norm for word in _BARE_WORDS):  # most texts: none (one scan each)
        return found
    taken = [(c.start, c.end) for c in found]
    for m in _BARE_NUMBER.finditer(norm):
        if any(a <= m.start("num") < b for a, b in taken):
            continue
        parsed = parse_number(m["num"])
        if parsed is None:  # pragma: no cover
            continue
        unit_text = "#count" if m["what"] in ("件数", "数量") else "#money"
        found.append(_Candidate(m.start("num"), m.end("num"), parsed, unit_text, False, False))
    found.sort(key=lambda c: c.start)
    return found
