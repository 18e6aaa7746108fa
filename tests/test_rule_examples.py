"""The example message of each code (the catalogue shows it) is what the rule really says.

A rule declares its example with ``example=`` (:mod:`zfxxgk.rules.messages`): the params of one
finding, filled into the rule's template, or — for a rule that writes its messages case by case
— one message.  Here each example is checked against a real check of a small report made for
it, so that an example cannot drift from what the rule says.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from decimal import Decimal

import attrs
import pytest

import zfxxgk
from zfxxgk.cells import Cell, CellKind, Unit
from zfxxgk.diagnostics import Severity
from zfxxgk.model import Appeals, DisclosureRequests, Report, Template, proactive_2021
from zfxxgk.rules import Rule, RuleSet, Violation, claims, paths, rule, wording
from zfxxgk.rules.entries import engine_entries
from zfxxgk.rules.messages import example_message
from zfxxgk.template import cell_specs, replace_at

from .corpus_truth import CORPUS, SKIP_REASON, corpus_available

FIVE = (
    "下一步，我局将进一步加强政府信息公开工作，完善工作机制，提升公开质量，"
    "更好地满足群众的信息需求。"
)
SIX = "本年度发出收费通知的件数和总金额以及实际收取的总金额均为0。"


def _report(*, fee_unpaid: bool = False, **narrative: object) -> Report:
    requests = DisclosureRequests.from_counts(
        new=[42, 5, 0, 1, 2],
        carried_over=[3],
        disclosed=[20, 2],
        partially_disclosed=[4, 1],
        unavailable=[[9, 1, 0, 0, 1]],
        other_handling=[[], [1]] if fee_unpaid else None,
    )
    return Report.build(
        agency="示例县民政局",
        year=2024,
        proactive=proactive_2021(normative_documents=(3, 1, 27), licensing=412, fees="12.35"),
        requests=requests,
        appeals=Appeals.from_counts(review=(2, 1, 0, 1), lawsuit_direct=(1, 0, 0, 0)),
        **narrative,  # type: ignore[arg-type]
    )


def _messages(report: Report, code: str) -> list[str]:
    return [f.message for f in RuleSet.default().only(code).check(report)]


@pytest.mark.parametrize("item", claims.NARRATIVE_RULES, ids=lambda r: r.code)
def test_a_narrative_rule_says_its_example_of_the_sentence_it_quotes(item: Rule) -> None:
    rule_ = RuleSet.default()[item.code]
    assert isinstance(rule_.example, str)
    found = re.search(r"（原文：“(.*)”）", rule_.example)
    assert found is not None, rule_.example
    field = "other_matters" if rule_.code == "N141" else "overview"
    report = _report(fee_unpaid=rule_.code == "N141", **{field: found.group(1)})
    if rule_.code == "N100":  # low confidence: the compared total is printed blank
        report = replace_at(report, paths.requests.new.total, Cell.blank())
    assert _messages(report, rule_.code) == [rule_.example]


def _with_order(*order: str) -> Report:
    report = _report(overview="概述。", problems=FIVE, other_matters=SIX)
    return attrs.evolve(report, info=attrs.evolve(report.info, section_order=order))


def _appeals_unread() -> Report:
    report = _report(overview="概述。", problems=FIVE, other_matters=SIX)
    for spec in cell_specs(Template.V2021):
        if spec.dotted.startswith(paths.appeals):
            report = replace_at(report, spec.dotted, Cell.unread())
    return report


TEXT_REPORTS: dict[str, Callable[[], Report]] = {
    "N201": lambda: _report(overview="概述。", other_matters=SIX),
    "N202": lambda: _with_order("一", "三", "二", "四", "五", "六"),
    "N203": lambda: _with_order("一", "二", "三", "三", "四", "五", "六"),
    "N204": _appeals_unread,
    "N211": lambda: _report(overview="概述。", problems="", other_matters=SIX),
    "N212": lambda: _report(overview="概述。", problems="无", other_matters=SIX),
    "N213": lambda: _report(overview="概述。", problems="存在问题。", other_matters=SIX),
    "N214": lambda: _report(overview="概述。", problems=FIVE, other_matters=SIX),
    "N215": lambda: _report(  # names neither problems nor measures (problems only: N216)
        overview="概述。",
        problems="本年度我局政府信息公开工作总体运行平稳，公开内容及时准确，群众满意度较高，"
        "各类信息均在规定时限内发布，社会反响良好。",
        other_matters=SIX,
    ),
    "N216": lambda: _report(
        overview="概述。",
        problems="信息公开工作还存在一些不足：主动公开的内容不够全面，部分栏目更新不够及时，"
        "政策解读的形式较为单一，公开质量有待加强。",
        other_matters=SIX,
    ),
    "N221": lambda: _report(overview="概述。", problems=FIVE, other_matters="无"),
    "N301": lambda: _report(overview="统计期限为2023年1月1日至12月31日。", problems=FIVE),
    "N302": lambda: _report(overview="示例县民政局2023年政府信息公开工作年度报告。"),
    "N303": lambda: _report(overview="2023年，本局共收到申请60件。"),
    "N401": lambda: _report(published=dt.date(2025, 4, 2)),
    "N402": lambda: _report(published=dt.date(2024, 12, 1)),
}


@pytest.mark.parametrize("code", wording.TEXT_CODES)
def test_a_text_rule_says_its_example_of_a_small_report(code: str) -> None:
    example = RuleSet.default()[code].example
    assert isinstance(example, str)
    if code not in TEXT_REPORTS:
        pytest.fail(f"{code}: add to TEXT_REPORTS a small report on which it says its example")
    assert example in _messages(TEXT_REPORTS[code](), code)


TABLE_REPORTS: dict[str, tuple[str, Cell]] = {
    "CELL-NEGATIVE": (paths.requests.new.natural_person, Cell.of(-1)),
    "CELL-NOT-WHOLE": (paths.requests.new.natural_person, Cell.of(Decimal("1.5"))),
    "CELL-TEXT": (
        paths.requests.outcomes.disclosed.research_institution,
        Cell(raw="见附件", kind=CellKind.TEXT),
    ),
    "CELL-BLANK": (paths.requests.outcomes.disclosed.research_institution, Cell.blank()),
    "CELL-PLACEHOLDER": (paths.requests.outcomes.disclosed.natural_person, Cell.placeholder()),
    "CELL-MISSING": (paths.requests.outcomes.disclosed.research_institution, Cell.missing()),
    "CELL-UNREAD": (paths.requests.outcomes.disclosed.research_institution, Cell.unread()),
    "S3-ROW-TOTAL": (paths.requests.new.total, Cell.of(51)),
    "S3-OUTCOME-TOTAL": (paths.requests.outcomes.total.natural_person, Cell.of(35)),
    "S3-BALANCE": (paths.requests.carried_forward.natural_person, Cell.of(14)),
    "S4-TOTAL": (paths.appeals.review.total, Cell.of(5)),
    "MONEY-UNIT": (
        paths.proactive.v2021.fees.amount,
        Cell.of(Decimal("1235"), unit=Unit.YUAN, raw="1235元"),
    ),
}


@pytest.mark.parametrize("code", sorted(TABLE_REPORTS))
def test_a_table_rule_says_its_example_of_one_wrong_cell(code: str) -> None:
    item = RuleSet.default()[code]
    path, cell = TABLE_REPORTS[code]
    report = replace_at(_report(), path, cell)
    assert _messages(report, code) == [example_message(item.message, item.example)]


def test_the_engine_s_own_examples_come_from_a_real_check() -> None:
    examples = {e.code: e.example for e in engine_entries()}
    assert examples["RULE-CRASHED"].startswith("规则 X-SHARE（上年结转的申请占比）检查示例县民政局")
    assert examples["RULE-CRASHED"].endswith("ZeroDivisionError: division by zero")
    assert "“appeals.reviw.total”" in examples["RULE-PATH"]
    assert examples["UNCHECKED"].endswith("涉及未读取的单元格 四、结转下年度继续办理/自然人")


def test_an_example_that_does_not_fit_the_message_fails_when_the_rule_is_defined() -> None:
    def define(example: object) -> None:
        @rule(
            code="X-LIMIT",
            severity=Severity.WARNING,
            title="超过限额",
            message="报告为{reported}，超过 {limit}",
            params=("limit",),
            example=example,  # type: ignore[arg-type]
        )
        def limit(report: Report) -> Iterator[Violation]:
            yield from ()

    define({"reported": 12, "limit": 10})
    define("报告为12，超过 10")  # a message written case by case
    with pytest.raises(ValueError, match=r"X-LIMIT: the example does not fill \{limit\}"):
        define({"reported": 12})
    with pytest.raises(ValueError, match="X-LIMIT: the example gives nope, not parameters"):
        define({"reported": 12, "limit": 10, "nope": 1})
    with pytest.raises(ValueError, match="X-LIMIT: the example message is empty"):
        define(" ")


def test_an_example_number_is_written_as_the_engine_writes_it() -> None:
    message = "报告为{reported}，应为{expected}"
    assert example_message(message, {"reported": Decimal("12.50"), "expected": 3}) == (
        "报告为12.50，应为3"
    )
    assert example_message(message, None) == ""


def test_the_fee_contradiction_says_its_example() -> None:
    item = RuleSet.default()["N142"]
    report = _report(overview="本年度共收取信息处理费120元。", problems=FIVE, other_matters=SIX)
    assert _messages(report, "N142") == [example_message(item.message, item.example)]


def test_the_repeated_problems_pair_rule_says_its_example() -> None:
    item = RuleSet.default()["PAIR-PROBLEMS-REPEATED"]
    problems = (
        "我局政府信息公开工作仍存在一些不足：一是主动公开的深度和广度不够，二是政策解读形式较为单一。"
        "下一步，我局将进一步完善工作机制，丰富解读形式，加强业务培训，提升公开质量。"
    )
    current = _report(overview="概述。", problems=problems, other_matters=SIX)
    previous = attrs.evolve(current, info=attrs.evolve(current.info, year=2023))
    found = RuleSet.default().only("PAIR-PROBLEMS-REPEATED").check_pair(previous, current)
    assert [f.message for f in found] == [example_message(item.message, item.example)]


@pytest.mark.skipif(not corpus_available(), reason=SKIP_REASON)
@pytest.mark.parametrize(
    ("code", "source"),
    [
        ("OUTLINE-NUMBERING", "kewei-shanghai-2024-markdown/source.md"),
        ("TEMPLATE-ROWS", "hongze-2023-pdf/source.pdf"),
        ("TEMPLATE-LABEL", "hongze-2023-pdf/source.pdf"),
    ],
)
def test_a_reviewer_check_says_its_example_of_a_real_report(code: str, source: str) -> None:
    item = RuleSet.default()[code]
    report = zfxxgk.read(CORPUS / source).report
    assert example_message(item.message, item.example) in _messages(report, code)
