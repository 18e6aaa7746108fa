"""Rules: the claims the narrative states against the tables (FORMAT.md §4).

The extraction and the comparison are :mod:`zfxxgk.narrative`'s (:func:`~zfxxgk.narrative.
report_claims`, :func:`~zfxxgk.narrative.check_claims`); this module gives each claim that
no table quantity agrees with its code (:data:`MISMATCH_CODES`) and message
(:func:`compare_claims`, :class:`Mismatch`) and turns each mismatch into a finding of the
rule engine:

* a mismatch read with confidence — the claim's wording is clear and every table cell compared
  holds a number — is an **error** under its own code, ``N101`` (收到申请) … ``N141`` (收费通知);
* a mismatch read with low confidence — the wording leaves room for another reading, or a
  table cell compared is blank or a placeholder (a 总计 left blank is replaced by the sum of its
  parts) — is a **warning** under ``N100``, whose message names the specific code;
* a claim compared with a cell the reader could not read (``CellKind.MISSING``) gives nothing:
  the table's number is unknown, and ``CELL-MISSING`` already says so.

A finding's ``reported`` is the number the narrative states, ``expected`` the table quantity
(the nearest one when the claim may stand for several: "受理69件" is 一 = 63 or 一 + 二 = 64,
so 64), ``path`` the first table cell of that quantity; the message quotes the sentence.

A report without any narrative (all of ``overview``, ``problems``, ``other_matters`` are
``None``: built from tables, loaded from cells) gives nothing and costs nothing.  Otherwise
the extraction runs once per check and section, the first time a rule asks
(:func:`section_claims`), shared by every rule here and the fee-statement rule ``N221``
(through the check's context, :func:`zfxxgk.rules.context.shared_analysis`); a rule set
without these rules does not read the narrative at all.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from typing import Final

import attrs

from ..cells import UNKNOWN, Amount, Cell, Number
from ..diagnostics import Severity
from ..model import ApplicantRow, CaseOutcomes, Report
from ..narrative.claims import Claim, ClaimKind, Confidence
from ..narrative.compare import Comparison, TableQuantity, check_claims
from ..narrative.extract import section_claims as _section_claims
from ..template import NARRATIVE_SECTIONS, get_at
from .context import CheckContext, shared_analysis
from .engine import Rule, Violation, rule
from .unknown import Unchecked

__all__ = [
    "LOW_CONFIDENCE",
    "MISMATCH_CODES",
    "NARRATIVE_CODES",
    "NARRATIVE_RULES",
    "Mismatch",
    "NarrativeCheck",
    "compare_claims",
    "narrative_check",
    "narrative_claims",
    "section_claims",
]

LOW_CONFIDENCE: Final[str] = "N100"
"""The code of a mismatch read with low confidence (a warning, whatever its quantity)."""


# --------------------------------------------------------------------------------------
# Mismatches: claims that no table quantity agrees with, with their codes
# --------------------------------------------------------------------------------------


@attrs.frozen(kw_only=True, slots=True)
class Mismatch:
    """A number in the narrative that no table quantity agrees with.

    ``quantities`` lists every quantity the claim could stand for ("收到 N 件" may be 一 or
    一 + 二), each with its dotted attribute paths and value.  ``confidence`` is low when the
    reading of the claim is uncertain or a table cell involved was blank.
    """

    code: str
    claim: Claim
    quantities: tuple[TableQuantity, ...]
    confidence: Confidence
    message: str

    @property
    def paths(self) -> tuple[str, ...]:
        """The dotted attribute paths of every table cell compared."""
        return tuple(dict.fromkeys(p for q in self.quantities for p in q.paths))

    @property
    def table_values(self) -> tuple[Amount, ...]:
        return tuple(q.value for q in self.quantities)

    @property
    def quote(self) -> str:
        return self.claim.sentence

    def __str__(self) -> str:
        return f"{self.code} {self.message}（原文：“{self.claim.sentence}”）"


MISMATCH_CODES: Final[dict[ClaimKind, str]] = {
    ClaimKind.RECEIVED: "N101",
    ClaimKind.RECEIVED_NEW: "N101",
    ClaimKind.RECEIVED_TOTAL: "N101",
    ClaimKind.CARRIED_OVER: "N102",
    ClaimKind.HANDLED: "N103",
    ClaimKind.DISCLOSED: "N104",
    ClaimKind.PARTIALLY_DISCLOSED: "N105",
    ClaimKind.DISCLOSED_OR_PARTIAL: "N106",
    ClaimKind.WITHHELD: "N107",
    ClaimKind.UNAVAILABLE: "N108",
    ClaimKind.NOT_PROCESSED: "N109",
    ClaimKind.OTHER_HANDLING: "N110",
    ClaimKind.CARRIED_FORWARD: "N111",
    ClaimKind.ALL_HANDLED: "N112",
    ClaimKind.REVIEWS: "N121",
    ClaimKind.LAWSUITS: "N122",
    ClaimKind.CASES: "N123",
    ClaimKind.NORMATIVE_ISSUED: "N131",
    ClaimKind.NORMATIVE_REPEALED: "N131",
    ClaimKind.NORMATIVE_IN_FORCE: "N131",
    ClaimKind.FEE_NOTICES: "N141",
    ClaimKind.REVIEW_UPHELD: "N124",
    ClaimKind.REVIEW_CORRECTED: "N124",
    ClaimKind.REVIEW_OTHER: "N124",
    ClaimKind.REVIEW_PENDING: "N124",
    ClaimKind.REVIEW_NOT_UPHELD: "N124",
    ClaimKind.LAWSUIT_UPHELD: "N125",
    ClaimKind.LAWSUIT_CORRECTED: "N125",
    ClaimKind.LAWSUIT_OTHER: "N125",
    ClaimKind.LAWSUIT_PENDING: "N125",
    ClaimKind.LAWSUIT_NOT_UPHELD: "N125",
}
"""The stable code of a mismatch, by claim kind (N101 收到申请 … N141 收费通知)."""


def _mismatch(comparison: Comparison) -> Mismatch:
    claim = comparison.claim
    quantities = comparison.quantities
    blank = any(q.blank for q in quantities)
    confidence = Confidence.LOW if claim.confidence is Confidence.LOW or blank else Confidence.HIGH
    if claim.kind is ClaimKind.FEE_NOTICES:
        message = (
            f"正文称收费通知件数为0，但{quantities[0].describe()}：未发出收费通知，"
            "就不会有申请人逾期未按收费通知缴费"
        )
    elif claim.kind is ClaimKind.ALL_HANDLED:
        message = (
            f"正文称申请“{claim.keyword}”，但{quantities[0].describe()}："
            "仍有申请结转下年度继续办理，并未全部办结"
        )
    else:
        described = "，".join(q.describe() for q in quantities)
        message = f"正文称{claim.describe()}，与表格不符：{described}"
    if claim.doubt:
        message += f"（{claim.doubt}）"
    return Mismatch(
        code=MISMATCH_CODES[claim.kind],
        claim=claim,
        quantities=quantities,
        confidence=confidence,
        message=message,
    )


def compare_claims(
    report: Report, *, claims: Iterable[Claim] | None = None
) -> tuple[Mismatch, ...]:
    """The claims of *report*'s narrative that disagree with its tables.

    Each mismatch carries the claim (with its sentence, for quoting), the table quantities
    it was compared with (dotted paths and values) and a Chinese message.  A claim that may
    stand for several quantities ("收到 N 件": 一 or 一 + 二) is a mismatch only when it
    agrees with none of them.
    """
    return tuple(_mismatch(c) for c in check_claims(report, claims=claims) if c.is_mismatch)


# --------------------------------------------------------------------------------------
# The analysis of one report, shared by the rules
# --------------------------------------------------------------------------------------


@attrs.frozen(kw_only=True, slots=True)
class NarrativeCheck:
    """What the narrative rules found in one report: claims and violations by code.

    ``claims`` are every claim of the narrative (sections 一, 五, 六), for rules that need
    them (the section-六 fee statement); ``violations`` maps a code to its violations.
    """

    claims: tuple[Claim, ...] = ()
    violations: Mapping[str, tuple[Violation | Unchecked, ...]] = attrs.field(factory=dict)


_NOTHING: Final = NarrativeCheck()


def has_narrative(report: Report) -> bool:
    """True when the report carries any narrative section (even an empty one)."""
    return not (
        report.overview is None and report.problems is None and report.other_matters is None
    )


def _unknown_cells(report: Report, quantity: TableQuantity) -> list[str]:
    """The paths of the unknown cells *quantity* depends on (a total printed without a
    number stands for the sum of its row's cells)."""
    out: list[str] = []
    for path in quantity.paths:
        cell = get_at(report, path)
        assert isinstance(cell, Cell)
        if cell.is_unknown:
            out.append(path)
        elif cell.value is None and path.endswith(".total"):
            row = get_at(report, path.rpartition(".")[0])
            if isinstance(row, ApplicantRow | CaseOutcomes):
                for name, part in zip(_names(row), row.cells, strict=True):
                    if part.is_unknown:
                        out.append(f"{path.rpartition('.')[0]}.{name}")
    return out


def _names(row: ApplicantRow | CaseOutcomes) -> tuple[str, ...]:
    return tuple(f.name for f in attrs.fields(type(row)))


def _quantity_state(report: Report, quantity: TableQuantity) -> str:
    """``"ok"`` when every cell compared holds a number; ``"blank"`` when one is printed blank
    (or as a placeholder or text) and counted as 0; ``"missing"`` when one is unknown (not
    printed or not read)."""
    if quantity.unknown:
        return "missing"
    state = "ok"
    for path in quantity.paths:
        cell = get_at(report, path)
        assert isinstance(cell, Cell)
        if cell.value is not None:
            continue
        cells: tuple[Cell, ...] = (cell,)
        if path.endswith(".total"):  # a blank total: the comparison used the sum of the parts
            row = get_at(report, path.rpartition(".")[0])
            if isinstance(row, ApplicantRow | CaseOutcomes):
                cells = row.cells
        if any(c.is_unknown for c in cells):
            return "missing"
        state = "blank"
    return state


def _nearest(claim: Claim, quantities: tuple[TableQuantity, ...]) -> TableQuantity:
    """The quantity closest to the claim (the first of equally close ones)."""
    target = Decimal(claim.value)

    def distance(quantity: TableQuantity) -> Decimal:
        value = quantity.value
        return Decimal("Infinity") if value is UNKNOWN else abs(Decimal(value) - target)

    best = quantities[0]
    for quantity in quantities[1:]:
        if distance(quantity) < distance(best):
            best = quantity
    return best


def _violation(mismatch: Mismatch, low: bool) -> Violation:
    claim = mismatch.claim
    quantity = _nearest(claim, mismatch.quantities)
    quote = f"（原文：“{claim.sentence}”）"
    if low:
        message = f"{mismatch.code}：{mismatch.message}{quote}；把握较低，请人工核对"
    else:
        message = f"{mismatch.message}{quote}"
    value = quantity.value
    expected: Number | None = None if value is UNKNOWN else value
    return Violation(
        quantity.paths[0], reported=claim.value, expected=expected, message=_literal(message)
    )


def _unchecked(report: Report, mismatch: Mismatch) -> Unchecked:
    """The claim could not be compared: a table quantity it may stand for is unknown."""
    claim = mismatch.claim
    unknown = dict.fromkeys(p for q in mismatch.quantities for p in _unknown_cells(report, q))
    labels = "或".join(q.label for q in mismatch.quantities)
    what = f"正文所述{claim.describe()}（原文：“{claim.sentence}”）与{labels}的比较"
    return Unchecked(mismatch.quantities[0].paths[0], what, tuple(unknown))


def _literal(text: str) -> str:
    """*text* as a message template that formats to itself (quoted text may hold braces)."""
    return text.replace("{", "{{").replace("}", "}}")


def section_claims(report: Report, section: str) -> tuple[Claim, ...]:
    """The claims of one narrative section of *report* (一, 五, 六): read the first time a
    rule of the check asks for them, then shared by the rules of the check (the fee
    statement rule reads 六 alone; the rules here read all three)."""
    context = CheckContext.current()
    if context is None or not any(r is report for r in context.reports):
        return _section_claims(report, section)
    key = ("narrative-claims", id(report), section)
    return context.shared(key, lambda: _section_claims(report, section))


def narrative_claims(report: Report) -> tuple[Claim, ...]:
    """The claims of every narrative section of *report* (一, 五, 六), each section read once
    per check (:func:`section_claims`); none when it has no narrative.  For a rule that needs
    the claims but not their comparison with the tables (N142)."""
    if not has_narrative(report):
        return ()
    return tuple(c for section in NARRATIVE_SECTIONS for c in section_claims(report, section))


def _analyse(report: Report) -> NarrativeCheck:
    claims = narrative_claims(report)
    if not claims:
        return NarrativeCheck()
    found: dict[str, list[Violation | Unchecked]] = {}
    for mismatch in compare_claims(report, claims=claims):
        states = [_quantity_state(report, q) for q in mismatch.quantities]
        if "missing" in states:
            item = _unchecked(report, mismatch)
            if item not in found.get(mismatch.code, ()):  # once per comparison
                found.setdefault(mismatch.code, []).append(item)
            continue
        low = mismatch.claim.confidence is Confidence.LOW or "blank" in states
        code = LOW_CONFIDENCE if low else mismatch.code
        found.setdefault(code, []).append(_violation(mismatch, low))
    return NarrativeCheck(
        claims=claims, violations={code: tuple(items) for code, items in found.items()}
    )


@shared_analysis
def narrative_check(report: Report) -> NarrativeCheck:
    """The narrative claims of *report* and their mismatches as violations (computed
    once per check, so that the rules of this module extract the narrative once)."""
    if not has_narrative(report):
        return _NOTHING
    return _analyse(report)


# --------------------------------------------------------------------------------------
# One rule per code
# --------------------------------------------------------------------------------------

_TITLES: Final[dict[str, str]] = {
    "N101": "正文所述收到（受理）申请数与表三“一、本年新收”（或加“二、上年结转”）不符",
    "N102": "正文所述上年结转申请数与表三“二、上年结转”不符",
    "N103": "正文所述办结（答复）申请数与表三“（七）总计”不符",
    "N104": "正文所述予以公开数与表三“（一）予以公开”不符",
    "N105": "正文所述部分公开数与表三“（二）部分公开”不符",
    "N106": "正文所述予以公开及部分公开数与表三（一）加（二）不符",
    "N107": "正文所述不予公开数与表三“（三）不予公开”各项之和不符",
    "N108": "正文所述无法提供数与表三“（四）无法提供”各项之和不符",
    "N109": "正文所述不予处理数与表三“（五）不予处理”各项之和不符",
    "N110": "正文所述其他处理数与表三“（六）其他处理”不符",
    "N111": "正文所述结转下年度数与表三“四、结转下年度继续办理”不符",
    "N112": "正文称申请均已办结，而表三“四、结转下年度继续办理”不为0",
    "N121": "正文所述行政复议数与表四“行政复议”总计不符",
    "N122": "正文所述行政诉讼数与表四两项“行政诉讼”总计之和不符",
    "N123": "正文所述行政复议和行政诉讼案件合计数与表四不符",
    "N124": "正文所述行政复议结果（维持、纠正、其他、尚未审结、均获维持）与表四不符",
    "N125": "正文所述行政诉讼结果（维持、纠正、其他、尚未审结、均获维持）与表四不符",
    "N131": "正文所述行政规范性文件制发、废止或现行有效件数与表二不符",
    "N141": "正文称未发出收费通知，而表三（六）2“逾期未按收费通知要求缴纳费用”不为0",
}

_DESCRIPTION: Final = (
    "正文（一、总体情况，五、六部分）中关于该项的数字与表格不符。"
    "只比较含义明确的数字：约数、只涉及下属单位或其他年度的数字不比较；"
    "一句话可能对应表格中几个数量时（如“收到N件”可指新收或新收加上年结转），"
    "与其中任何一个相符即不报告。表格单元格均为数字、措辞明确时报为错误；"
    "否则按 N100 提示。所比较的单元格未能读取时不报告。"
    "发现的 reported 为正文的数字，expected 为表格的数量（有几个时取最接近的）。"
)


_EXAMPLES: Final[dict[str, str]] = {
    "N112": (
        "正文称申请“均已按期办结”，但表三“四、结转下年度继续办理”为15：仍有申请结转下年度继续办理，"
        "并未全部办结（原文：“本年度所有申请均已按期办结。”）"
    ),
    "N101": (
        "正文称收到申请数为60件，与表格不符：表三“一、本年新收政府信息公开申请数量”"
        "为50，表三“一、本年新收政府信息公开申请数量”加“二、上年结转政府信息公开申请数量”"
        "为53（原文：“本年度共收到政府信息公开申请60件。”）"
    ),
    "N102": (
        "正文称上年结转申请数为5件，与表格不符：表三“二、上年结转政府信息公开申请数量”"
        "为3（原文：“上年结转政府信息公开申请5件。”）"
    ),
    "N103": (
        "正文称办结申请数为40件，与表格不符：表三“（七）总计”为38（原文：“全年办结申请40件。”）"
    ),
    "N104": (
        "正文称予以公开为30件，与表格不符：表三“（一）予以公开”为22（原文："
        "“办结的申请中，予以公开30件。”）"
    ),
    "N105": (
        "正文称部分公开为9件，与表格不符：表三“（二）部分公开（区分处理的，只计这一情形，"
        "不计其他情形）”为5（原文：“办结的申请中，部分公开9件。”）"
    ),
    "N106": (
        "正文称予以公开及部分公开为39件，与表格不符：表三“（一）予以公开”加“（二）"
        "部分公开”为27（原文：“办结的申请中，予以公开及部分公开共39件。”）"
    ),
    "N107": (
        "正文称不予公开为3件，与表格不符：表三“（三）不予公开”各项之和为0（原文："
        "“办结的申请中，不予公开3件。”）"
    ),
    "N108": (
        "正文称无法提供为15件，与表格不符：表三“（四）无法提供”各项之和为11（原文："
        "“办结的申请中，无法提供15件。”）"
    ),
    "N109": (
        "正文称不予处理为2件，与表格不符：表三“（五）不予处理”各项之和为0（原文："
        "“办结的申请中，不予处理2件。”）"
    ),
    "N110": (
        "正文称其他处理为1件，与表格不符：表三“（六）其他处理”各项之和为0（原文："
        "“办结的申请中，其他处理1件。”）"
    ),
    "N111": (
        "正文称结转下年度继续办理为7件，与表格不符：表三“四、结转下年度继续办理”"
        "为15（原文：“另有7件申请结转下年度继续办理。”）"
    ),
    "N121": (
        "正文称行政复议案件数为3件，与表格不符：表四“行政复议”总计为4（原文："
        "“全年发生行政复议案件3件。”）"
    ),
    "N122": (
        "正文称行政诉讼案件数为4件，与表格不符：表四“行政诉讼”（未经复议直接起诉、"
        "复议后起诉）总计之和为1（原文：“行政诉讼案件4件。”）"
    ),
    "N123": (
        "正文称行政复议和行政诉讼案件数为9件，与表格不符：表四“行政复议”与“行政诉讼”"
        "总计之和为5（原文：“行政复议和行政诉讼案件共9件。”）"
    ),
    "N124": (
        "正文称行政复议结果维持为3件，与表格不符：表四“行政复议”结果维持为2（原文："
        "“行政复议结果维持3件。”）"
    ),
    "N125": (
        "正文称行政诉讼结果纠正为1件，与表格不符：表四“行政诉讼”（未经复议直接起诉、"
        "复议后起诉）结果纠正为0（原文：“行政诉讼结果纠正1件。”）"
    ),
    "N131": (
        "正文称本年制发行政规范性文件为5件，与表格不符：表二“行政规范性文件”本年制发件数为3（原文："
        "“本年制发行政规范性文件5件。”）"
    ),
    "N141": (
        "正文称收费通知件数为0，但表三“2.申请人逾期未按收费通知要求缴纳费用、"
        "行政机关不再处理其政府信息公开申请”为1：未发出收费通知，就不会有申请人逾期未按收费通知缴费（原文："
        "“本年度发出收费通知的件数和总金额以及实际收取的总金额均为0。”）"
    ),
    "N100": (
        "N101：正文称收到申请数为60件，与表格不符：表三“一、本年新收政府信息公开申请数量”"
        "为50（含空白格，按0计），表三“一、本年新收政府信息公开申请数量”加“二、"
        "上年结转政府信息公开申请数量”为53（含空白格，按0计）（原文：“本年度共收到政府信息公开申请60件。"
        "”）；把握较低，请人工核对"
    ),
}
"""One real message per code, for the catalogue: what the rule says of the quoted sentence on a
small report (tests/test_rule_examples.py checks each against a real run)."""


def _kinds_of(code: str) -> str:
    kinds = [k.label for k, c in MISMATCH_CODES.items() if c == code]
    return "、".join(dict.fromkeys(kinds))


def _rule_for(code: str, severity: Severity, title: str, description: str) -> Rule:
    def violations(report: Report) -> Iterator[Violation | Unchecked]:
        yield from narrative_check(report).violations.get(code, ())

    violations.__name__ = f"narrative_{code.lower()}"
    violations.__qualname__ = violations.__name__
    return rule(
        code=code,
        severity=severity,
        title=title,
        description=description,
        message="{expected}",
        example=_EXAMPLES.get(code),
    )(violations)


NARRATIVE_RULES: Final[tuple[Rule, ...]] = (
    *(
        _rule_for(
            code,
            Severity.ERROR,
            title,
            f"{_DESCRIPTION}本规则涉及：{_kinds_of(code)}。",
        )
        for code, title in _TITLES.items()
    ),
    _rule_for(
        LOW_CONFIDENCE,
        Severity.WARNING,
        "正文数字与表格不符（把握较低）",
        "正文所述数字与表格不符，但把握较低：措辞可能另有所指（如主语可能是下属单位），"
        "或所比较的表格单元格为空白、占位符（按 0 计；总计空白时按各项之和）。"
        "消息开头注明对应的具体代码（N101 至 N141）。",
    ),
)
"""The narrative-against-tables rules: ``N101`` … ``N141`` (errors) and ``N100`` (warning)."""

NARRATIVE_CODES: Final[tuple[str, ...]] = tuple(r.code for r in NARRATIVE_RULES)
