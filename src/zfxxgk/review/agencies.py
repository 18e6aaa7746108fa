"""Which reports are of the same agency: lenient name matching that says how it matched.

Agencies name themselves differently from year to year, and a reader may not find the name at
all.  :func:`match_agency` (from :mod:`zfxxgk.agencies`, the one home of agency names, and
re-exported here) compares two names and returns, in Chinese, *how* they matched (or ``None``);
:func:`group_by_agency` sorts many reports into one group per agency by those rules, a report
without a name joining the one group whose name the text before its tables mentions.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from typing import Final, Generic, TypeVar

import attrs

from ..agencies import agency_core, match_agency, normalise_agency
from ..model import Report

__all__ = [
    "AgencyGroup",
    "agency_core",
    "group_by_agency",
    "match_agency",
    "normalise_agency",
]

T = TypeVar("T")

_MIN_MENTION: Final = 3
"""A name shorter than this is not looked for in a text (too likely to occur by chance)."""


@attrs.frozen(kw_only=True)
class AgencyGroup(Generic[T]):
    """Items of one agency, with how each one's name matched the group."""

    name: str | None
    """The name most items use (the longest among the most used); ``None`` when no item of
    the group names its agency."""
    items: tuple[T, ...]
    matched: tuple[str, ...]
    """For each item, in Chinese, how it was put in this group."""


@attrs.define
class _Group(Generic[T]):
    names: list[str]
    items: list[T]
    matched: list[str]

    def match(self, name: str) -> str | None:
        for known in self.names:
            how = match_agency(name, known)
            if how is not None:
                return how if how.startswith("名称相同") else f"与“{known}”：{how}"
        return None

    def display(self) -> str | None:
        if not self.names:
            return None
        counts: dict[str, int] = {}
        for name in self.names:
            counts[name] = counts.get(name, 0) + 1
        return max(counts, key=lambda n: (counts[n], len(n)))


def _text_of(report: Report) -> str:
    parts = (report.info.title, report.overview)
    return unicodedata.normalize("NFKC", "".join(p for p in parts if p))


def _itself(item: object) -> Report:
    if not isinstance(item, Report):
        raise TypeError(
            f"group_by_agency needs reports, or report_of= to get one from {type(item).__name__}"
        )
    return item


def group_by_agency(
    items: Sequence[T], report_of: Callable[[T], Report] | None = None
) -> tuple[AgencyGroup[T], ...]:
    """Sort *items* into one group per agency (in order of first appearance).

    *report_of* gets the :class:`~zfxxgk.model.Report` of an item (the item itself by
    default; pass ``lambda r: r.report`` for :class:`~zfxxgk.readers.ParseResult`).  A named
    item joins the first group one of whose names matches (:func:`match_agency`).  An item
    without a name joins the group whose name (or core) its title and 总体情况 mention most
    often — when exactly one group is mentioned most; otherwise it makes a group of its own.
    """
    if report_of is None:
        report_of = _itself
    groups: list[_Group[T]] = []
    nameless: list[T] = []
    for item in items:
        name = report_of(item).info.agency
        if not name or not normalise_agency(name):
            nameless.append(item)
            continue
        for group in groups:
            how = group.match(name)
            if how is not None:
                group.names.append(name)
                group.items.append(item)
                group.matched.append(how)
                break
        else:
            groups.append(_Group(names=[name], items=[item], matched=["名称相同"]))
    alone: list[_Group[T]] = []
    for item in nameless:
        text = _text_of(report_of(item))
        best: list[tuple[int, _Group[T], str]] = []
        for group in groups:
            words = {agency_core(n) for n in group.names} | {
                normalise_agency(n) for n in group.names
            }
            words = {w for w in words if len(w) >= _MIN_MENTION}
            if not words:
                continue
            word = max(words, key=lambda w: (text.count(w), len(w)))
            count = text.count(word)
            if count:
                best.append((count, group, word))
        best.sort(key=lambda b: -b[0])
        if best and (len(best) == 1 or best[0][0] > best[1][0]):
            _, group, word = best[0]
            group.items.append(item)
            group.matched.append(f"未读出发布机关；标题或总体情况提到“{word}”")
        else:
            alone.append(
                _Group(names=[], items=[item], matched=["未读出发布机关，无法归入其他机关"])
            )
    return tuple(
        AgencyGroup(name=g.display(), items=tuple(g.items), matched=tuple(g.matched))
        for g in (*groups, *alone)
    )
