"""The codes of :mod:`zfxxgk.review` that are not rules: declared once, here.

A review (a series of years, a region and its units) also says things about the reports as a
whole — a missing year, a unit left out.  Each such code is declared here once, with its
severity, Chinese title and description; :func:`review_finding` makes a finding of it with the
declared severity.  The two pair rules of the package (``HIERARCHY-SUM``, ``COPY-SIMILAR``)
are declared here too (``HIERARCHY_SUM_RULE``, ``COPY_SIMILAR_RULE``) and made into rules by
:func:`~zfxxgk.rules.pair_rule` where they are checked.
"""

from __future__ import annotations

from typing import Final

from ..diagnostics import Severity
from ..rules import Finding, RuleDeclaration, RuleInfo, RuleKind

__all__ = [
    "AGENCY",
    "COPY_SIMILAR",
    "COPY_SIMILAR_RULE",
    "DEFAULT_THRESHOLD",
    "DUPLICATE_YEAR",
    "GAP",
    "HIERARCHY_CODES",
    "HIERARCHY_SUM",
    "HIERARCHY_SUM_RULE",
    "LEFT_OUT",
    "MISSING_UNIT",
    "NO_YEAR",
    "REVIEW_CATALOGUE",
    "REVIEW_EXAMPLES",
    "SERIES_CODES",
    "SHAPE",
    "TEMPLATE",
    "UNEXPECTED_UNIT",
    "review_finding",
]

HIERARCHY_SUM: Final = "HIERARCHY-SUM"
COPY_SIMILAR: Final = "COPY-SIMILAR"
DEFAULT_THRESHOLD: Final = 0.3
"""Scores at or above this are reported as ``COPY-SIMILAR`` (see :mod:`.copying`)."""
MISSING_UNIT: Final = "HIERARCHY-MISSING-UNIT"
UNEXPECTED_UNIT: Final = "HIERARCHY-UNEXPECTED-UNIT"
LEFT_OUT: Final = "HIERARCHY-UNIT-LEFT-OUT"
TEMPLATE: Final = "HIERARCHY-TEMPLATE"
SHAPE: Final = "HIERARCHY-SHAPE"
GAP: Final = "SERIES-GAP"
DUPLICATE_YEAR: Final = "SERIES-DUPLICATE-YEAR"
NO_YEAR: Final = "SERIES-NO-YEAR"
AGENCY: Final = "SERIES-AGENCY"


HIERARCHY_SUM_RULE: Final[RuleDeclaration] = {
    "code": HIERARCHY_SUM,
    "severity": Severity.WARNING,
    "title": "汇总报告的单元格等于各下级单位报告之和",
    "description": (
        "上级（区域）汇总报告表二、三、四的每个单元格，通常等于各下级单位报告同一单元格之和。"
        "汇总口径可能不同（如另含本级机关的数字），故只作警告。空白按 0 计；"
        "任一方未能读取的单元格不比较；金额按汇总报告的单位换算后比较。"
        "用法：RuleSet.of(hierarchy_sum).check_pair(各单位之和, 汇总报告)。"
    ),
    "message": "汇总报告为{reported}，各下级单位报告之和为{expected}",
    "example": {"reported": 118, "expected": 117},
}
"""The pair rule of :func:`~zfxxgk.review.check_hierarchy` (``hierarchy_sum``)."""

COPY_SIMILAR_RULE: Final[RuleDeclaration] = {
    "code": COPY_SIMILAR,
    "severity": Severity.WARNING,
    "title": "正文与另一份报告雷同",
    "description": (
        "本报告的正文（总体情况、五、六部分）与另一份报告（上一年度的报告或其他机关的报告）"
        f"相似度达到 {DEFAULT_THRESHOLD:.0%} 及以上。数字、模板固定文字和标准开头不计入，"
        "只更新了数字的句子仍算相同。消息给出相似度和最长的相同段落。"
        "用法：RuleSet.of(copy_similar).check_pair(对方报告, 本报告)。"
    ),
    "message": "{text}",
    "params": ("text",),
    "example": {
        "text": (
            "正文与“示例县民政局 2023 年度报告”相似度为62%（本报告正文的71%见于对方）；"
            "相同文字共 2 段：“本机关严格落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、"
            "不公开为例外”；“下一步，将进一步加强政府信息公开工作”"
        )
    },
}
"""The pair rule of :func:`~zfxxgk.review.check_copying` (``copy_similar``)."""


REVIEW_EXAMPLES: Final[dict[str, str]] = {}
"""One example message per code below (the catalogue shows it), as the review writes it."""


def _info(code: str, severity: Severity, title: str, description: str, example: str) -> RuleInfo:
    REVIEW_EXAMPLES[code] = example
    return RuleInfo(
        code=code, severity=severity, title=title, description=description, kind=RuleKind.PAIR
    )


_DECLARED: Final[tuple[RuleInfo, ...]] = (
    _info(
        MISSING_UNIT,
        Severity.WARNING,
        "缺少下级单位的报告",
        "应有的下级单位名单（expected_units）中的单位没有报告。",
        "缺少下级单位“示例县教育局”的报告",
    ),
    _info(
        UNEXPECTED_UNIT,
        Severity.INFO,
        "下级单位不在名单中",
        "提供了名单时，一份下级单位报告的机关名称与名单中的名称都对应不上。",
        "“示例县档案馆”不在应有的下级单位名单中（名单中的名称均未与之对应）",
    ),
    _info(
        LEFT_OUT,
        Severity.WARNING,
        "下级单位报告未计入汇总",
        "下级单位报告的年度与汇总报告不同，或同一单位给出了两份报告：未计入各单位之和。",
        "“示例县民政局”是2023年度的报告，汇总报告为2024年度：未计入",
    ),
    _info(
        TEMPLATE,
        Severity.INFO,
        "下级单位使用不同年版的格式",
        "有下级单位的报告与汇总报告格式不同（2019 年版与 2021 年版）："
        "表二不比较，只比较表三、表四。",
        "“示例县档案馆”使用与汇总报告（2021年版）不同的格式：表二不比较，只比较表三、表四",
    ),
    _info(
        SHAPE,
        Severity.INFO,
        "（六）其他处理的行数不同",
        "汇总报告的“（六）其他处理”分三项而有下级单位只印一行：这三项不逐格比较。",
        "汇总报告的“（六）其他处理”分三项，而有下级单位只印一行：这三项不逐格比较",
    ),
    _info(
        GAP,
        Severity.WARNING,
        "年度序列中缺少年度",
        "同一机关的报告中缺少某一年度：缺口两侧的两年不做前后年检查。",
        "缺少2022年度的报告：2021年与2023年之间的结转等前后年检查未进行",
    ),
    _info(
        DUPLICATE_YEAR,
        Severity.INFO,
        "同一年度有多份报告",
        "同一机关同一年度有多份报告（如同一报告的不同格式）：采用未能读取的单元格最少的一份。",
        "2024年度有 2 份报告，采用“示例县民政局-2024.html”（未能读取的单元格最少），"
        "未用：“示例县民政局-2024.pdf”",
    ),
    _info(
        NO_YEAR,
        Severity.WARNING,
        "报告年度不明",
        "未能读出报告年度的报告不列入年度序列。",
        "“示例县民政局-年报.pdf”未能读出报告年度，未列入年度序列",
    ),
    _info(
        AGENCY,
        Severity.INFO,
        "机关名称不同而按同一机关处理",
        "各年度报告的机关名称写法不同（或未读出），按宽松的名称匹配归为同一机关，并说明依据。",
        "2024年度报告（“淮安市洪泽区人民政府”）按同一机关处理：一方名称前多了上级地名“淮安市”",
    ),
)


def _pair_info(declared: RuleDeclaration) -> RuleInfo:
    """The entry of a pair rule (its example is made from its message, in :mod:`.catalogue`)."""
    return RuleInfo(
        code=declared["code"],
        severity=declared["severity"],
        title=declared["title"],
        description=declared["description"],
        kind=RuleKind.PAIR,
    )


HIERARCHY_CODES: Final[tuple[RuleInfo, ...]] = (
    _pair_info(HIERARCHY_SUM_RULE),
    *(i for i in _DECLARED if i.code.startswith("HIERARCHY-")),
)
"""The codes of :func:`~zfxxgk.review.check_hierarchy` (its pair rule first)."""

SERIES_CODES: Final[tuple[RuleInfo, ...]] = tuple(
    i for i in _DECLARED if i.code.startswith("SERIES-")
)
"""The whole-report codes of :func:`~zfxxgk.review.check_series`."""

REVIEW_CATALOGUE: Final[tuple[RuleInfo, ...]] = (
    *HIERARCHY_CODES,
    *SERIES_CODES,
    _pair_info(COPY_SIMILAR_RULE),
)
"""Catalogue entries of the codes of :mod:`zfxxgk.review` (none is in the default rule set:
each needs several reports)."""

_BY_CODE: Final[dict[str, RuleInfo]] = {i.code: i for i in _DECLARED}


def review_finding(code: str, message: str) -> Finding:
    """A finding about the reports as a whole, with the severity declared for *code*."""
    return Finding(code=code, severity=_BY_CODE[code].severity, message=message)
