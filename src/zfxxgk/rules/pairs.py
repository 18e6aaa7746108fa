"""The built-in checks across two reports of one agency: year Y−1 (previous) and Y (current).

Findings are located at the current report's cells.  The year-to-year rules
(``PAIR-CARRY-OVER``, ``PAIR-DOCUMENT-STOCK``) speak only about consecutive years: when both
years are known and not consecutive, ``PAIR-SEQUENCE`` says so and they stay silent.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

import attrs

from ..agencies import match_agency
from ..diagnostics import Severity
from ..model import ApplicantRow, DocumentRow2021, ProactiveDisclosure2021, Report
from ..template import field_info
from . import paths
from .engine import Rule, Violation, pair_rule
from .unknown import UNKNOWN, Unchecked

__all__ = ["PAIR_RULES", "pair_carry_over", "pair_document_stock", "pair_sequence"]

_APPLICANT_COLUMNS: Final = tuple(f.name for f in attrs.fields(ApplicantRow))
_COLUMN_NAMES: Final = {
    name: field_info(ApplicantRow, name).labels[-1] for name in _APPLICANT_COLUMNS
}
_DOCUMENTS: Final = {"regulations": "规章", "normative_documents": "行政规范性文件"}


def _not_consecutive(previous: Report, current: Report) -> bool:
    before, after = previous.info.year, current.info.year
    return before is not None and after is not None and after != before + 1


def _year(report: Report) -> str:
    return f"{report.info.year}年度" if report.info.year is not None else "上一年度"


@pair_rule(
    code="PAIR-CARRY-OVER",
    severity=Severity.ERROR,
    title="上年结转 = 上一年度报告的结转下年度继续办理",
    description=(
        "本年度表三“二、上年结转政府信息公开申请数量”的每一列，须等于上一年度报告"
        "“四、结转下年度继续办理”的同一列（2020 年版与 2021 年版之间同样适用）。空白按 0 计；"
        "未能读取的单元格不作比较。"
    ),
    message="上年结转报告为{reported}，应等于{previous_year}报告“结转下年度继续办理”的 {expected}",
    params=("previous_year",),
    example={"reported": 3, "expected": 5, "previous_year": "2023年度"},
)
def pair_carry_over(previous: Report, current: Report) -> Iterator[Violation | Unchecked]:
    """上年结转 (Y) = 结转下年度继续办理 (Y−1), per column."""
    if _not_consecutive(previous, current):
        return
    before = previous.requests.carried_forward.cells
    now = current.requests.carried_over.cells
    at_before, at_now = paths.requests.carried_forward.cells, paths.requests.carried_over.cells
    for was, cell, at_was, at in zip(before, now, at_before, at_now, strict=True):
        expected, reported = was.amount(), cell.amount()
        if expected is UNKNOWN or reported is UNKNOWN:  # never compared as 0
            yield Unchecked(
                at,
                f"“上年结转 = {_year(previous)}报告的结转下年度继续办理”"
                f"（{_COLUMN_NAMES[at.parts[-1]]}列）",
                [at] if reported is UNKNOWN else [],
                previous=[at_was] if expected is UNKNOWN else [],
            )
        elif reported != expected:
            yield Violation(at, expected=expected, params={"previous_year": _year(previous)})


@pair_rule(
    code="PAIR-DOCUMENT-STOCK",
    severity=Severity.WARNING,
    title="现行有效件数 = 上年现行有效 + 本年制发 − 本年废止",
    description=(
        "2021 年版表二第二十条第（一）项（规章、行政规范性文件）：本年现行有效件数通常等于"
        "上年现行有效件数加本年制发件数减本年废止件数。修订、失效等会打破这一关系，故只作提示。"
        "所涉单元格都须是数字才检查。"
    ),
    message=(
        "现行有效件数报告为{reported}，按{previous_year}现行有效 {before} + 本年制发 {issued}"
        " − 本年废止 {repealed}，应为{expected}"
    ),
    params=("previous_year", "before", "issued", "repealed"),
    example={
        "reported": 27,
        "expected": 26,
        "previous_year": "2023年度",
        "before": 24,
        "issued": 3,
        "repealed": 1,
    },
)
def pair_document_stock(previous: Report, current: Report) -> Iterator[Violation | Unchecked]:
    """现行有效件数 (Y) = 现行有效件数 (Y−1) + 本年制发件数 (Y) − 本年废止件数 (Y)."""
    if _not_consecutive(previous, current):
        return
    before_s2, now_s2 = previous.proactive, current.proactive
    if not (
        isinstance(before_s2, ProactiveDisclosure2021)
        and isinstance(now_s2, ProactiveDisclosure2021)
    ):
        return
    for name in ("regulations", "normative_documents"):
        before: DocumentRow2021 = getattr(before_s2, name)
        now: DocumentRow2021 = getattr(now_s2, name)
        unknown = [n for n in ("issued", "repealed", "in_force") if getattr(now, n).is_unknown]
        if unknown or before.in_force.is_unknown:
            yield Unchecked(
                f"proactive.{name}.in_force",
                f"“现行有效件数 = 上年现行有效 + 本年制发 − 本年废止”（{_DOCUMENTS[name]}）",
                [f"proactive.{name}.{n}" for n in unknown],
                previous=[f"proactive.{name}.in_force"] if before.in_force.is_unknown else [],
            )
            continue
        stock, issued, repealed, in_force = (
            before.in_force.value,
            now.issued.value,
            now.repealed.value,
            now.in_force.value,
        )
        if stock is None or issued is None or repealed is None or in_force is None:
            continue
        expected = stock + issued - repealed
        if in_force != expected:
            yield Violation(
                f"proactive.{name}.in_force",
                expected=expected,
                params={
                    "previous_year": _year(previous),
                    "before": stock,
                    "issued": issued,
                    "repealed": repealed,
                },
            )


@pair_rule(
    code="PAIR-SEQUENCE",
    severity=Severity.WARNING,
    title="两份报告应为同一机关相邻两个年度",
    description=(
        "前后两年的检查要求两份报告来自同一发布机关、年度相邻（Y−1 与 Y）。"
        "机关名称按 zfxxgk.review.match_agency 宽松比较：去掉空格和括号内说明、"
        "去掉“人民政府”“管委会”等称谓后相同，或一方只是多了上级地名"
        "（如“淮安市洪泽区人民政府”与“洪泽区人民政府”），视为同一机关。"
    ),
    message="{problem}",
    params=("problem",),
    example={
        "problem": (
            "两份报告的年度为 2022 年与 2024 年，不是相邻的两个年度；跨年度的结转等检查未进行"
        )
    },
)
def pair_sequence(previous: Report, current: Report) -> Iterator[Violation]:
    """The two reports are of one agency and of consecutive years."""
    if _not_consecutive(previous, current):
        yield Violation(
            None,
            params={
                "problem": (
                    f"两份报告的年度为 {previous.info.year} 年与 {current.info.year} 年，"
                    "不是相邻的两个年度；跨年度的结转等检查未进行"
                )
            },
        )
    a, b = previous.info.agency, current.info.agency
    if a and b and match_agency(a, b) is None:
        yield Violation(None, params={"problem": f"两份报告的发布机关不同：“{a}”与“{b}”"})


PAIR_RULES: Final[tuple[Rule, ...]] = (pair_carry_over, pair_document_stock, pair_sequence)
"""Every built-in pair rule, in the order they run."""
