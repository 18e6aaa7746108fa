"""The narrative is read only when a rule needs it, once per check and section.

The claims of a section are extracted the first time a rule of the check asks
(:func:`zfxxgk.rules.claims.section_claims`): the table rules never read the narrative, the
fee-statement rule (N221) reads section 六 alone, and the N1xx rules with it read each
section once.
"""

from __future__ import annotations

from collections import Counter

import pytest

from zfxxgk.model import Appeals, DisclosureRequests, Report, proactive_2021
from zfxxgk.narrative import extract
from zfxxgk.narrative.claims import ClaimKind
from zfxxgk.rules import RuleSet, builtin, claims, contradictions, wording

OVERVIEW = "本年度共收到政府信息公开申请12件，办结12件，其中予以公开5件。"
PROBLEMS = (
    "一是政府信息公开的及时性有待提高，部分栏目更新不够及时；二是政策解读形式较为单一。"
    "下一步，我们将加强栏目日常维护，完善信息发布审核机制，丰富图解、视频等解读形式。"
)
OTHER = "本年度未发出收费通知，未收取信息处理费。"


def _report() -> Report:
    return Report.build(
        agency="某市某区人民政府",
        year=2024,
        proactive=proactive_2021(),
        requests=DisclosureRequests.from_counts(),
        appeals=Appeals.none(),
        overview=OVERVIEW,
        problems=PROBLEMS,
        other_matters=OTHER,
    )


@pytest.fixture
def sections_read(monkeypatch: pytest.MonkeyPatch) -> Counter[str | None]:
    """Counts the sections the extraction reads."""
    read: Counter[str | None] = Counter()
    original = extract._extract

    def counting(text: str, section: str | None) -> tuple[object, ...]:
        read[section] += 1
        return original(text, section)

    monkeypatch.setattr(extract, "_extract", counting)
    return read


def test_the_table_rules_do_not_read_the_narrative(sections_read: Counter[str | None]) -> None:
    RuleSet.of(*builtin.BUILTIN_RULES).check(_report())
    assert sections_read == Counter()


def test_the_fee_statement_rule_reads_section_six_alone(
    sections_read: Counter[str | None],
) -> None:
    findings = RuleSet.of(*wording.TEXT_RULES).check(_report())
    assert sections_read == Counter({"六": 1})
    assert "N221" not in findings.codes  # 六 states the fees: 未收取信息处理费


def test_the_other_text_rules_do_not_read_the_narrative(
    sections_read: Counter[str | None],
) -> None:
    """N201–N402 but N221 need no claim: the fee statement is a computation of its own."""
    report = Report.build(
        agency="某市某区人民政府",
        year=2024,
        proactive=proactive_2021(),
        requests=DisclosureRequests.from_counts(),
        appeals=Appeals.none(),
        overview=OVERVIEW,
        problems=PROBLEMS,
        other_matters="本年度无其他需要报告的事项。",  # no fee statement: N221 when it runs
    )
    others = [r for r in wording.TEXT_RULES if r.code != "N221"]
    assert len(others) == len(wording.TEXT_RULES) - 1
    assert "N221" not in RuleSet.of(*others).check(report).codes
    assert sections_read == Counter()
    assert "N221" in RuleSet.of(*wording.TEXT_RULES).check(report).codes
    assert sections_read == Counter({"六": 1})


def test_the_fee_contradiction_rule_reads_the_claims_without_comparing_them(
    sections_read: Counter[str | None], monkeypatch: pytest.MonkeyPatch
) -> None:
    compared: list[object] = []
    original = claims.compare_claims

    def counting(report: Report, **kwargs: object) -> object:
        compared.append(report)
        return original(report, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(claims, "compare_claims", counting)
    RuleSet.of(*contradictions.CONTRADICTION_RULES).check(_report())
    assert sections_read == Counter({"一": 1, "五": 1, "六": 1})
    assert compared == []
    RuleSet.default().check(_report())  # the N1xx rules compare them
    assert len(compared) == 1


def test_every_default_rule_shares_one_reading_of_each_section(
    sections_read: Counter[str | None],
) -> None:
    report = _report()
    RuleSet.default().check(report)
    assert sections_read == Counter({"一": 1, "五": 1, "六": 1})
    RuleSet.default().check(report)  # a new check reads again: nothing kept between checks
    assert sections_read == Counter({"一": 2, "五": 2, "六": 2})


def test_section_claims_outside_a_check_reads_the_section() -> None:
    six = claims.section_claims(_report(), "六")
    assert [c.kind for c in six] == [ClaimKind.FEE_COLLECTED]  # 未收取信息处理费
    assert all(c.section == "六" for c in six)
    assert extract.report_claims(_report())[-len(six) :] == six
