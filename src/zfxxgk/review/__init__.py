"""Checks across reports: one agency over the years, a region and its units, copied text.

Reviewers catch most errors by comparing (FORMAT.md §4, §7):

* :func:`check_series` / :func:`series_by_agency` — the pair rules along the years of one
  agency, with a table over the years (:mod:`.series`);
* :func:`check_hierarchy` — a region's tables against the sum of its units' (:mod:`.hierarchy`);
* :func:`check_copying` / :func:`review_copying` — how much of a report's narrative is another
  report's (:mod:`.copying`);
* :func:`match_agency` / :func:`group_by_agency` — which reports are of the same agency
  (:mod:`.agencies`).

The narrative-against-tables and text checks of a single report are rules of the default set
(:mod:`zfxxgk.rules.narrative`, :mod:`zfxxgk.rules.text`).  See ``docs/review.md``.
"""

from __future__ import annotations

from typing import Final

from ..diagnostics import Severity
from ..rules import RuleInfo, RuleKind
from .agencies import AgencyGroup, agency_core, group_by_agency, match_agency, normalise_agency
from .copying import (
    COPY_SIMILAR,
    DEFAULT_THRESHOLD,
    Copying,
    CopyMatch,
    check_copying,
    copy_similar,
    narrative_text,
    review_copying,
)
from .hierarchy import Hierarchy, check_hierarchy, hierarchy_sum
from .series import SERIES_COLUMNS, Series, SeriesEntry, SeriesStep, check_series, series_by_agency

__all__ = [
    "COPY_SIMILAR",
    "DEFAULT_THRESHOLD",
    "REVIEW_CATALOGUE",
    "SERIES_COLUMNS",
    "AgencyGroup",
    "CopyMatch",
    "Copying",
    "Hierarchy",
    "Series",
    "SeriesEntry",
    "SeriesStep",
    "agency_core",
    "check_copying",
    "check_hierarchy",
    "check_series",
    "copy_similar",
    "group_by_agency",
    "hierarchy_sum",
    "match_agency",
    "narrative_text",
    "normalise_agency",
    "review_copying",
    "series_by_agency",
]


def _info(code: str, severity: Severity, title: str, description: str) -> RuleInfo:
    return RuleInfo(
        code=code, severity=severity, title=title, description=description, kind=RuleKind.PAIR
    )


REVIEW_CATALOGUE: Final[tuple[RuleInfo, ...]] = (
    hierarchy_sum.info,
    _info(
        "HIERARCHY-MISSING-UNIT",
        Severity.WARNING,
        "缺少下级单位的报告",
        "应有的下级单位名单（expected_units）中的单位没有报告。",
    ),
    _info(
        "HIERARCHY-UNEXPECTED-UNIT",
        Severity.INFO,
        "下级单位不在名单中",
        "提供了名单时，一份下级单位报告的机关名称与名单中的名称都对应不上。",
    ),
    _info(
        "HIERARCHY-UNIT-LEFT-OUT",
        Severity.WARNING,
        "下级单位报告未计入汇总",
        "下级单位报告的年度与汇总报告不同，或同一单位给出了两份报告：未计入各单位之和。",
    ),
    _info(
        "HIERARCHY-TEMPLATE",
        Severity.INFO,
        "下级单位使用不同年版的格式",
        "有下级单位的报告与汇总报告格式不同（2019 年版与 2021 年版）："
        "表二不比较，只比较表三、表四。",
    ),
    _info(
        "HIERARCHY-SHAPE",
        Severity.INFO,
        "（六）其他处理的行数不同",
        "汇总报告的“（六）其他处理”分三项而有下级单位只印一行：这三项不逐格比较。",
    ),
    _info(
        "SERIES-GAP",
        Severity.WARNING,
        "年度序列中缺少年度",
        "同一机关的报告中缺少某一年度：缺口两侧的两年不做前后年检查。",
    ),
    _info(
        "SERIES-DUPLICATE-YEAR",
        Severity.INFO,
        "同一年度有多份报告",
        "同一机关同一年度有多份报告（如同一报告的不同格式）：采用未能读取的单元格最少的一份。",
    ),
    _info(
        "SERIES-NO-YEAR",
        Severity.WARNING,
        "报告年度不明",
        "未能读出报告年度的报告不列入年度序列。",
    ),
    _info(
        "SERIES-AGENCY",
        Severity.INFO,
        "机关名称不同而按同一机关处理",
        "各年度报告的机关名称写法不同（或未读出），按宽松的名称匹配归为同一机关，并说明依据。",
    ),
    copy_similar.info,
)
"""Catalogue entries of the codes of :mod:`zfxxgk.review` (none is in the default rule set:
each needs several reports)."""
