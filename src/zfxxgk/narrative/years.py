"""The years a narrative names where it should name the report year.

:func:`other_years` finds, in this order, a statistical period ("YYYY年1月1日至12月31日"), the
report's own title ("YYYY年政府信息公开工作年度报告") and a sentence opening ("2023年，我镇…")
that name another year than the report's (an opening only an earlier one).  Years inside
《…》, ranges such as "（2021-2035）" and "2023年度部门决算" are not looked at.  What a
finding makes of them is :mod:`zfxxgk.rules`'.
"""

from __future__ import annotations

import enum
from typing import Final

import attrs

from ._patterns import LazyPattern
from .lexicon import _SENTENCE_END, _without_titles
from .normalise import _boundaries, _prepare, _Text

__all__ = ["YearMention", "YearPlace", "other_years"]


class YearPlace(enum.Enum):
    """Where a year is named."""

    PERIOD = "period"
    """The statistical period: YYYY年1月1日至YYYY年12月31日."""
    OWN_TITLE = "own_title"
    """The report's own title: YYYY年政府信息公开工作年度报告."""
    OPENING = "opening"
    """The opening of a sentence: YYYY年，…"""


@attrs.frozen(kw_only=True, slots=True)
class YearMention:
    """A year named in *place*: ``named`` (the first year of a period), its ``span`` in the
    text checked and the ``excerpt`` there (a sentence opening: at most 40 characters)."""

    place: YearPlace
    named: int
    span: tuple[int, int]
    excerpt: str


_PERIOD: Final = LazyPattern(
    r"(?P<y1>(?:19|20)\d{2})年1月1日(?:起)?(?:至|到|—|-|~|～)(?:(?P<y2>(?:19|20)\d{2})年)?12月31日"
)
_OWN_TITLE: Final = LazyPattern(
    r"(?P<y>(?:19|20)\d{2})年度?(?:政府信息公开|政务公开)(?:工作)?年度报告"
)
_OPENING_YEAR: Final = LazyPattern(r"(?P<y>(?:19|20)\d{2})年(?:,|以来|我|全)")


def other_years(text: str, year: int) -> tuple[YearMention, ...]:
    """The periods, own titles and sentence openings of *text* that name another year than
    *year* (see the module docstring)."""
    t = _prepare(text)
    masked = _without_titles(t.norm)
    found: list[YearMention] = []
    for m in _PERIOD.finditer(masked):
        years = {int(m["y1"])} | ({int(m["y2"])} if m["y2"] else set())
        if years != {year}:
            found.append(_mention(t, YearPlace.PERIOD, int(m["y1"]), m.start(), m.end()))
    for m in _OWN_TITLE.finditer(masked):
        if int(m["y"]) != year:
            found.append(_mention(t, YearPlace.OWN_TITLE, int(m["y"]), m.start(), m.end()))
    sentence_starts: set[int] | None = None  # found when a year earlier than *year* opens
    for m in _OPENING_YEAR.finditer(masked):
        y = int(m["y"])
        if y >= year:
            continue
        if sentence_starts is None:
            sentence_starts = {0} | {i + 1 for i in _boundaries(masked, _SENTENCE_END)}
        if m.start() not in sentence_starts:
            continue
        end = masked.find("。", m.start())
        end = len(masked) if end < 0 else end + 1
        found.append(_mention(t, YearPlace.OPENING, y, m.start(), end, min(end, m.start() + 40)))
    return tuple(found)


def _mention(
    t: _Text, place: YearPlace, named: int, start: int, end: int, quote_end: int | None = None
) -> YearMention:
    """The mention of *named* at ``norm[start:end]``, quoted up to *quote_end* (or *end*)."""
    return YearMention(
        place=place,
        named=named,
        span=t.span(start, end),
        excerpt=t.quote(start, end if quote_end is None else quote_end),
    )
