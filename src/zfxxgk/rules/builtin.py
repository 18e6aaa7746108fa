"""The built-in checks of one report (FORMAT.md §4).

Each rule's docstring cites the invariant it checks.  The three section-三 rules share one
analysis (:func:`zfxxgk.rules.analysis.section3`) so that one wrong cell gives one finding,
at that cell, from the rule that owns the cell's role:

* a 总计 cell of any row but （七） → ``S3-ROW-TOTAL``;
* any cell of the （七）总计 row → ``S3-OUTCOME-TOTAL``;
* an applicant cell of 一, 二 or 四 → ``S3-BALANCE``;
* an applicant cell of an outcome row （一）…（六） → ``S3-ROW-TOTAL`` (its row total is the
  nearest identity it breaks).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Final

from ..cells import Unit
from ..diagnostics import Severity
from ..identities import IdentityKind, section3_identities
from ..model import ProactiveDisclosure2019, Report
from . import paths
from .analysis import (
    BALANCE,
    OUTCOME_TOTAL,
    ROW_TOTAL,
    CellScan,
    S3Problem,
    scan,
    section3_of,
    section4_of,
    undecided,
)
from .context import CheckContext
from .engine import Rule, RuleDeclaration, Violation, rule
from .unknown import Unchecked

__all__ = [
    "BUILTIN_RULES",
    "cell_blank",
    "cell_missing",
    "cell_negative",
    "cell_not_whole",
    "cell_placeholder",
    "cell_text",
    "cell_unread",
    "money_unit",
    "s2_published_exceeds",
    "s3_balance",
    "s3_carry_exceeds",
    "s3_outcome_total",
    "s3_row_total",
    "s4_total",
]

_EXPLAINED: Final = "报告为{reported}，应为{expected}（{because}）"
_LEFT_OVER: Final = (
    "{because}不成立：本格报告为{reported}，按其他各格计算应为{expected}；"
    "也可能是其他各格有误，请逐项核对"
)


_BECAUSE_BALANCE: Final = (
    "本行总计 = 自然人 + 法人或其他组织各列之和；本列 一 + 二 = （七）总计 + 四（表注勾稽关系）"
)
_BECAUSE_OUTCOME: Final = (
    "本行总计 = 自然人 + 法人或其他组织各列之和；本列（七）总计 = （一）至（六）各项之和；"
    "本列 一 + 二 = （七）总计 + 四（表注勾稽关系）"
)
"""The ``because`` of two real findings (the analysis writes it), for the examples below."""

_DECLARED: Final[dict[str, RuleDeclaration]] = {
    "CELL-NEGATIVE": {
        "code": "CELL-NEGATIVE",
        "severity": Severity.ERROR,
        "title": "数值为负",
        "description": "件数与金额不能为负数（2019 年版“本年增/减”除外）。",
        "message": "{what}不能为负数，报告为{reported}",
        "params": ("what",),
        "example": {"what": "件数", "reported": -1},
    },
    "CELL-NOT-WHOLE": {
        "code": "CELL-NOT-WHOLE",
        "severity": Severity.ERROR,
        "title": "件数不是整数",
        "description": "件数单元格须为整数。",
        "message": "件数应为整数，报告为{reported}",
        "example": {"reported": "1.5"},
    },
    "CELL-TEXT": {
        "code": "CELL-TEXT",
        "severity": Severity.ERROR,
        "title": "单元格不是数字",
        "description": "单元格填写了既不是数字、也不是常见占位符的文字；计算时按 0 计。",
        "message": "单元格填写的“{raw}”不是数字，计算时按 0 计",
        "params": ("raw",),
        "example": {"raw": "见附件"},
    },
    "CELL-BLANK": {
        "code": "CELL-BLANK",
        "severity": Severity.WARNING,
        "title": "单元格空白",
        "description": "单元格为空白；计算时按 0 计。没有发生的事项应填 0。",
        "message": "单元格为空白，计算时按 0 计；没有发生的事项应填 0",
        "example": {},
    },
    "CELL-PLACEHOLDER": {
        "code": "CELL-PLACEHOLDER",
        "severity": Severity.WARNING,
        "title": "单元格为占位符",
        "description": "单元格填写了“/”“—”“无”等占位符；计算时按 0 计。",
        "message": "单元格填写了占位符“{raw}”，计算时按 0 计；没有发生的事项应填 0",
        "params": ("raw",),
        "example": {"raw": "/"},
    },
    "CELL-MISSING": {
        "code": "CELL-MISSING",
        "severity": Severity.WARNING,
        "title": "单元格缺失（原文未印出）",
        "description": (
            "原文没有印出模板中的这一行（或这一格）；数值未知，涉及它的勾稽关系无法核对。"
        ),
        "message": "原文未印出此单元格，数值未知，涉及它的核对无法进行",
        "example": {},
    },
    "CELL-UNREAD": {
        "code": "CELL-UNREAD",
        "severity": Severity.WARNING,
        "title": "单元格未能读取",
        "description": (
            "原文印有此单元格（所在的行、表格或文字在原文中），但未能读出其数字；数值未知，"
            "涉及它的勾稽关系无法核对。读取诊断给出它在原文中的位置。"
        ),
        "message": "原文有此单元格，但未能读取，数值未知，涉及它的核对无法进行",
        "example": {},
    },
    BALANCE: {
        "code": BALANCE,
        "severity": Severity.ERROR,
        "title": "申请情况表勾稽关系：一 + 二 = （七）总计 + 四",
        "description": (
            "表三每一列（自然人、法人或其他组织各列、总计）须满足表注的勾稽关系："
            "第一项加第二项之和，等于第三项加第四项之和。"
            "一格有误时，错误定位在该格（一、二、四行的申请人单元格）。"
        ),
        "message": _EXPLAINED,
        "params": ("because",),
        "example": {"reported": 14, "expected": 12, "because": _BECAUSE_BALANCE},
    },
    ROW_TOTAL: {
        "code": ROW_TOTAL,
        "severity": Severity.ERROR,
        "title": "申请情况表行合计：总计 = 自然人 + 法人或其他组织",
        "description": (
            "表三每一行的总计须等于自然人与法人或其他组织五列（商业企业、科研机构、社会公益组织、"
            "法律服务机构、其他）之和。空白按 0 计。"
        ),
        "message": _EXPLAINED,
        "params": ("because",),
        "example": {"reported": 51, "expected": 50, "because": _BECAUSE_BALANCE},
    },
    OUTCOME_TOTAL: {
        "code": OUTCOME_TOTAL,
        "severity": Severity.ERROR,
        "title": "办理结果合计：（七）总计 = （一）至（六）之和",
        "description": (
            "表三每一列的（七）总计须等于（一）予以公开、（二）部分公开、（三）不予公开各项、"
            "（四）无法提供各项、（五）不予处理各项与（六）其他处理之和。"
        ),
        "message": _EXPLAINED,
        "params": ("because",),
        "example": {"reported": 35, "expected": 33, "because": _BECAUSE_OUTCOME},
    },
    "S4-TOTAL": {
        "code": "S4-TOTAL",
        "severity": Severity.ERROR,
        "title": "行政复议、行政诉讼合计：总计 = 维持 + 纠正 + 其他 + 尚未审结",
        "description": (
            "表四的行政复议、未经复议直接起诉、复议后起诉三组，每组总计须等于结果维持、结果纠正、"
            "其他结果、尚未审结之和。"
        ),
        "message": (
            "总计报告为{reported}，应为{expected}（结果维持 + 结果纠正 + 其他结果 + 尚未审结）"
        ),
        "example": {"reported": 5, "expected": 4},
    },
    "S3-CARRY-EXCEEDS": {
        "code": "S3-CARRY-EXCEEDS",
        "severity": Severity.WARNING,
        "title": "结转下年度多于本年收到与上年结转之和",
        "description": (
            "表三某一列的“四、结转下年度继续办理”大于“一、本年新收”与“二、上年结转”之和。"
            "若该列的勾稽关系已报错误，不再重复提示。"
        ),
        "message": "结转下年度报告为{reported}，多于本年新收与上年结转之和 {received}",
        "params": ("received",),
        "example": {"reported": 9, "received": 7},
    },
    "S2-PUBLISHED-EXCEEDS": {
        "code": "S2-PUBLISHED-EXCEEDS",
        "severity": Severity.WARNING,
        "title": "本年新公开数量多于对外公开总数量（2019 年版）",
        "description": (
            "2019 年版表二第二十条第（一）项：本年新公开数量不应多于对外公开总数量。"
            "两格都须是数字才检查。"
        ),
        "message": "本年新公开数量报告为{reported}，多于对外公开总数量 {total}",
        "params": ("total",),
        "example": {"reported": 12, "total": 10},
    },
    "MONEY-UNIT": {
        "code": "MONEY-UNIT",
        "severity": Severity.WARNING,
        "title": "金额单位不明或与表格不符",
        "description": (
            "金额须有确定的单位：2019 年版政府集中采购总金额须注明单位（元或万元）；"
            "表头已规定单位的（2021 年版行政事业性收费，万元），单元格内不应写另一种单位。"
        ),
        "message": "{problem}",
        "params": ("problem",),
        "example": {"problem": "本栏单位为万元，单元格却写作元（“1235元”）"},
    },
}
"""Every code of this module, declared once (the rules below are made from it)."""


def _s3(context: CheckContext, code: str) -> Iterator[Violation | Unchecked]:
    data = context.cached(scan)
    for problem in section3_of(data):
        if problem.code == code:
            yield _s3_violation(problem)
    yield from _unchecked(data, code)


def _unchecked(data: CellScan, code: str) -> Iterator[Unchecked]:
    """One :class:`Unchecked` per identity of *code* that touches an unknown cell."""
    for item in undecided(data):
        if item.code == code:
            yield Unchecked(item.path, item.what, item.cells)


def _s3_violation(problem: S3Problem) -> Violation:
    return Violation(
        problem.path,
        reported=problem.reported,
        expected=problem.expected,
        message=None if problem.explained else _LEFT_OVER,
        params={"because": "；".join(problem.because)},
    )


@rule(**_DECLARED[BALANCE], uses_context=True)
def s3_balance(report: Report, *, context: CheckContext) -> Iterator[Violation | Unchecked]:
    """S3-balance, per column: 一 + 二 = （七）总计 + 四 (the official footnote)."""
    return _s3(context, BALANCE)


@rule(**_DECLARED[ROW_TOTAL], uses_context=True)
def s3_row_total(report: Report, *, context: CheckContext) -> Iterator[Violation | Unchecked]:
    """S3-row-total, per row: 总计 = 自然人 + the five 法人或其他组织 columns."""
    return _s3(context, ROW_TOTAL)


@rule(**_DECLARED[OUTCOME_TOTAL], uses_context=True)
def s3_outcome_total(report: Report, *, context: CheckContext) -> Iterator[Violation | Unchecked]:
    """S3-outcome-total, per column: （七） = （一）+（二）+Σ（三）+Σ（四）+Σ（五）+Σ（六）."""
    return _s3(context, OUTCOME_TOTAL)


@rule(**_DECLARED["S4-TOTAL"], uses_context=True)
def s4_total(report: Report, *, context: CheckContext) -> Iterator[Violation | Unchecked]:
    """S4-total, per group: 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结."""
    data = context.cached(scan)
    for path, reported, expected in section4_of(data):
        yield Violation(path, reported=reported, expected=expected)
    yield from _unchecked(data, "S4-TOTAL")


@rule(**_DECLARED["CELL-NEGATIVE"], uses_context=True)
def cell_negative(report: Report, *, context: CheckContext) -> Iterator[Violation]:
    """Counts are ≥ 0 except 2019 本年增/减; money is ≥ 0."""
    data = context.cached(scan)
    for index in data.negative:
        what = "件数" if index in data.layout.counts else "金额"
        yield Violation(data.path(index), params={"what": what})


@rule(**_DECLARED["CELL-NOT-WHOLE"], uses_context=True)
def cell_not_whole(report: Report, *, context: CheckContext) -> Iterator[Violation]:
    """A count cell holding a number with a fraction."""
    data = context.cached(scan)
    for index in data.not_whole:
        yield Violation(data.path(index))


def _cells(context: CheckContext, attribute: str, *, raw: bool) -> Iterator[Violation]:
    """One violation per cell of one kind the scan sorted out (``attribute`` of
    :class:`~zfxxgk.rules.analysis.CellScan`), with the printed text as ``{raw}`` if *raw*."""
    data = context.cached(scan)
    for index in getattr(data, attribute):
        if raw:
            yield Violation(data.path(index), params={"raw": data.cells[index].raw})
        else:
            yield Violation(data.path(index))


@rule(**_DECLARED["CELL-TEXT"], uses_context=True)
def cell_text(report: Report, *, context: CheckContext) -> Iterator[Violation]:
    """Printed text that is neither a number nor a known placeholder."""
    return _cells(context, "text", raw=True)


@rule(**_DECLARED["CELL-BLANK"], uses_context=True)
def cell_blank(report: Report, *, context: CheckContext) -> Iterator[Violation]:
    """A blank cell (counted as 0)."""
    return _cells(context, "blank", raw=False)


@rule(**_DECLARED["CELL-PLACEHOLDER"], uses_context=True)
def cell_placeholder(report: Report, *, context: CheckContext) -> Iterator[Violation]:
    """A placeholder such as "/", "—" or "无" instead of a number (counted as 0)."""
    return _cells(context, "placeholder", raw=True)


@rule(**_DECLARED["CELL-MISSING"], uses_context=True)
def cell_missing(report: Report, *, context: CheckContext) -> Iterator[Violation]:
    """The source does not print this cell (its row is not in the report)."""
    return _cells(context, "missing", raw=False)


@rule(**_DECLARED["CELL-UNREAD"], uses_context=True)
def cell_unread(report: Report, *, context: CheckContext) -> Iterator[Violation]:
    """The source prints this cell but it could not be read."""
    return _cells(context, "unread", raw=False)


@rule(**_DECLARED["S3-CARRY-EXCEEDS"], uses_context=True)
def s3_carry_exceeds(report: Report, *, context: CheckContext) -> Iterator[Violation | Unchecked]:
    """Soft: 四 ≤ 一 + 二 per column.

    When a column's balance holds and its counts are ≥ 0 this follows; so the rule stays
    silent in a column whose balance is already part of a section-三 finding (one root cause,
    one finding) and speaks where the balance holds only through a negative （七）.
    """
    data = context.cached(scan)
    start = data.layout.s3_start
    values = data.values
    explained = frozenset().union(*(p.balance_columns for p in section3_of(data)))
    unknown_cells = data.unknown
    for column, one, two, forward in _balance_cells(data.layout.s3_rows):
        one, two, forward = start + one, start + two, start + forward
        if column in explained:
            continue
        unknown = [data.path(i) for i in (one, two, forward) if i in unknown_cells]
        if unknown:  # never compared with an unknown cell counted as 0
            what = f"“四 ≤ 一 + 二”（{data.layout.specs[forward].labels[-1]}列）"
            yield Unchecked(data.path(forward), what, unknown)
            continue
        received = values[one] + values[two]
        if values[forward] > received:
            yield Violation(data.path(forward), params={"received": received})


@functools.cache
def _balance_cells(rows: int) -> tuple[tuple[int, int, int, int], ...]:
    """Per column: the column and the flat indices of 一, 二 and 四 (from the balance)."""
    table = section3_identities(rows)
    out = []
    for identity in table.of_kind(IdentityKind.BALANCE):
        one, two = (table.index(position) for position in identity.total)
        out.append((identity.carrier[1], one, two, table.index(identity.carrier)))
    return tuple(out)


@rule(**_DECLARED["S2-PUBLISHED-EXCEEDS"])
def s2_published_exceeds(report: Report) -> Iterator[Violation | Unchecked]:
    """Soft, 2019 template: 本年新公开数量 ≤ 对外公开总数量."""
    proactive = report.proactive
    if not isinstance(proactive, ProactiveDisclosure2019):
        return
    at = paths.proactive.v2019
    for row, where, name in (
        (proactive.regulations, at.regulations, "规章"),
        (proactive.normative_documents, at.normative_documents, "规范性文件"),
    ):
        cells = ((row.published, where.published), (row.public_total, where.public_total))
        unknown = [path for cell, path in cells if cell.is_unknown]
        if unknown:
            what = f"“本年新公开数量 ≤ 对外公开总数量”（{name}）"
            yield Unchecked(where.published, what, unknown)
            continue
        published, total = row.published.value, row.public_total.value
        if published is not None and total is not None and published > total:
            yield Violation(where.published, params={"total": total})


@rule(**_DECLARED["MONEY-UNIT"], uses_context=True)
def money_unit(report: Report, *, context: CheckContext) -> Iterator[Violation]:
    """Money has one known unit: the template's, or the one printed in the cell."""
    data = context.cached(scan)
    for index in data.layout.money:
        cell = data.cells[index]
        if cell.value is None:
            continue
        fixed = data.layout.specs[index].unit
        if fixed is None and cell.unit is None:
            problem = f"金额 {cell.value} 未注明单位（{Unit.YUAN.value}或{Unit.WAN_YUAN.value}）"
        elif fixed is not None and cell.unit is not None and cell.unit.value != fixed:
            problem = f"本栏单位为{fixed}，单元格却写作{cell.unit.value}（“{cell.display()}”）"
        else:
            continue
        yield Violation(data.path(index), params={"problem": problem})


BUILTIN_RULES: Final[tuple[Rule, ...]] = (
    cell_negative,
    cell_not_whole,
    cell_text,
    cell_blank,
    cell_placeholder,
    cell_missing,
    cell_unread,
    s3_balance,
    s3_row_total,
    s3_outcome_total,
    s4_total,
    s3_carry_exceeds,
    s2_published_exceeds,
    money_unit,
)
"""Every built-in single-report rule, in the order they run (and their findings at one cell
are listed): what a cell holds first, then the arithmetic, then the soft checks."""
