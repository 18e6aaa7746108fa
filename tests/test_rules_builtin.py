"""The built-in rules on hand-made reports: what each says, where, and when it stays silent."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs
import pytest

from zfxxgk import arithmetic
from zfxxgk.cells import Cell, CellKind, Unit
from zfxxgk.model import (
    Appeals,
    ApplicantRow,
    DisclosureRequests,
    Report,
    Template,
    proactive_2019,
    proactive_2021,
)
from zfxxgk.rules import Findings, RuleSet, check, check_pair
from zfxxgk.template import get_at, iter_cells, replace_at

ARITHMETIC = frozenset({"S3-BALANCE", "S3-ROW-TOTAL", "S3-OUTCOME-TOTAL", "S4-TOTAL"})


def _requests(*, single: bool = False) -> DisclosureRequests:
    other = {"other_handling_single": [1]} if single else {"other_handling": [[], [1], []]}
    return DisclosureRequests.from_counts(
        new=[55, 8],
        carried_over=[1],
        disclosed=[17, 3],
        partially_disclosed=[5],
        withheld=[[], [], [], [], [], [], [1]],
        unavailable=[[25, 3], [2]],
        not_processed=[[], [1, 1]],
        **other,
    )


def report_2021(*, single: bool = False, year: int = 2024) -> Report:
    return Report.build(
        agency="示例镇人民政府",
        year=year,
        proactive=proactive_2021(normative_documents=(2, 1, 3), penalties=1092, fees="0"),
        requests=_requests(single=single),
        appeals=Appeals.from_counts(review=(2,), lawsuit_direct=(0, 1)),
    )


def report_2019(*, year: int = 2020) -> Report:
    return Report.build(
        agency="示例镇人民政府",
        year=year,
        proactive=proactive_2019(
            regulations=(1, 1, 10),
            normative_documents=(4, 3, 30),
            licensing=(10, -2, 40),
            fees=(3, -1),
            procurement_projects=2,
            procurement_amount="251000",
        ),
        requests=_requests(single=True),
        appeals=Appeals.none(),
    )


def changed(report: Report, **cells: Any) -> Report:
    """*report* with the values at the given paths (``__`` for ".") replaced."""
    for path, cell in cells.items():
        report = replace_at(report, path.replace("__", "."), cell)
    return report


def only(findings: Findings, *codes: str) -> list[tuple[str, str | None]]:
    return [(f.code, f.path) for f in findings if f.code in codes]


@pytest.mark.parametrize(
    "report", [report_2021(), report_2021(single=True), report_2019()], ids=str
)
def test_valid_reports_have_no_finding(report: Report) -> None:
    assert check(report) == Findings()


# --------------------------------------------------------------------------------------
# Section 三: one wrong cell, one finding, at the cell
# --------------------------------------------------------------------------------------

S3_CASES = [
    # (cell, rule that owns it)
    ("requests.new.total", "S3-ROW-TOTAL"),
    ("requests.carried_forward.total", "S3-ROW-TOTAL"),
    ("requests.outcomes.unavailable.not_held.total", "S3-ROW-TOTAL"),
    ("requests.outcomes.unavailable.not_held.commercial_enterprise", "S3-ROW-TOTAL"),
    ("requests.outcomes.total.natural_person", "S3-OUTCOME-TOTAL"),
    ("requests.outcomes.total.total", "S3-OUTCOME-TOTAL"),
    ("requests.new.natural_person", "S3-BALANCE"),
    ("requests.carried_over.other_organization", "S3-BALANCE"),
    ("requests.carried_forward.research_institution", "S3-BALANCE"),
]


@pytest.mark.parametrize(("path", "code"), S3_CASES)
@pytest.mark.parametrize("delta", [1, 5])
def test_one_wrong_cell_of_section_3_is_one_finding(path: str, code: str, delta: int) -> None:
    report = report_2021()
    value = get_at(report, path).number_or_zero()
    findings = check(replace_at(report, path, Cell.of(value + delta)))
    assert [(f.code, f.path, f.reported, f.expected) for f in findings] == [
        (code, path, value + delta, value)
    ]


def test_blank_row_totals_are_each_one_finding_and_no_bogus_total() -> None:
    """上海 2019: every outcome row's 总计 printed blank, （七）总计 filled."""
    report = report_2021(single=True)
    outcomes = report.requests.outcomes
    blanked = {
        row: arithmetic.applicant_total(get_at(outcomes, row))
        for row in ("disclosed", "partially_disclosed", "unavailable.not_held", "other_handling")
    }
    for row in blanked:
        report = replace_at(report, f"requests.outcomes.{row}.total", Cell.blank())
    findings = check(report)
    arithmetic_findings = [f for f in findings if f.code in ARITHMETIC]
    assert {(f.path, f.reported, f.expected) for f in arithmetic_findings} == {
        (f"requests.outcomes.{row}.total", None, total) for row, total in blanked.items() if total
    }
    assert all(f.code == "S3-ROW-TOTAL" for f in arithmetic_findings)
    assert not findings.at("requests.outcomes.total.total")
    assert all("空白" in f.message for f in arithmetic_findings)


def test_outcome_total_not_matching_its_rows_with_balance_holding() -> None:
    """平潭 2020: （七）总计 says 20/…/21 while the rows add to 26 and 27."""
    report = report_2021()
    seven = report.requests.outcomes.total
    row = report.requests.outcomes.disclosed
    # the rows add to 6 more for 自然人, the printed totals and the balance stay as they were
    more = attrs.evolve(
        row,
        natural_person=Cell.of(row.natural_person.number_or_zero() + 6),
        total=Cell.of(row.total.number_or_zero() + 6),
    )
    report = replace_at(report, "requests.outcomes.disclosed", more)
    findings = check(report)
    assert [(f.code, f.path, f.reported, f.expected) for f in findings] == [
        (
            "S3-OUTCOME-TOTAL",
            "requests.outcomes.total.natural_person",
            seven.natural_person.value,
            seven.natural_person.number_or_zero() + 6,
        ),
        (
            "S3-OUTCOME-TOTAL",
            "requests.outcomes.total.total",
            seven.total.value,
            seven.total.number_or_zero() + 6,
        ),
    ]


def test_whole_blank_columns_that_add_up_are_not_arithmetic_errors() -> None:
    report = report_2021()
    blanks = {
        spec.path: Cell.blank()
        for spec, cell in iter_cells(report)
        if spec.section == "三" and spec.column_parent and cell.value == 0
    }
    for path, cell in blanks.items():
        report = replace_at(report, path, cell)
    findings = check(report)
    assert findings.codes == {"CELL-BLANK"}
    assert len(findings) == len(blanks)


def test_section_4_total_carries_the_finding() -> None:
    """洪泽 2023: 10 1 0 0 with 总计 0, and 5 0 0 0 with 总计 0."""
    report = changed(
        report_2021(),
        appeals__review=Appeals.from_counts(review=(10, 1)).review,
        appeals__lawsuit_after_review=Appeals.from_counts(review=(5,)).review,
        appeals__review__total=Cell.of(0),
        appeals__lawsuit_after_review__total=Cell.of(0),
    )
    assert [(f.code, f.path, f.reported, f.expected) for f in check(report)] == [
        ("S4-TOTAL", "appeals.review.total", 0, 11),
        ("S4-TOTAL", "appeals.lawsuit_after_review.total", 0, 5),
    ]


def test_section_4_wrong_part_is_reported_at_the_total() -> None:
    report = changed(report_2021(), appeals__lawsuit_direct__pending=Cell.of(4))
    assert only(check(report), *ARITHMETIC) == [("S4-TOTAL", "appeals.lawsuit_direct.total")]


# --------------------------------------------------------------------------------------
# Cells
# --------------------------------------------------------------------------------------


def test_negative_counts_and_money() -> None:
    report = changed(
        report_2019(),
        proactive__licensing__previous_items=Cell.of(-1),
        proactive__procurement__amount=Cell.of(Decimal("-5"), unit=Unit.YUAN),
    )
    assert only(check(report), "CELL-NEGATIVE") == [
        ("CELL-NEGATIVE", "proactive.licensing.previous_items"),
        ("CELL-NEGATIVE", "proactive.procurement.amount"),
    ]
    messages = [f.message for f in check(report)]
    assert any("件数不能为负数" in m for m in messages)
    assert any("金额不能为负数" in m for m in messages)


def test_2019_change_may_be_negative() -> None:
    report = report_2019()
    assert report.proactive.licensing.change.value == -2  # type: ignore[union-attr]
    assert "CELL-NEGATIVE" not in check(report).codes


def test_count_with_a_fraction() -> None:
    report = changed(report_2021(), proactive__licensing__decisions=Cell.of(Decimal("2.5")))
    assert only(check(report), "CELL-NOT-WHOLE") == [
        ("CELL-NOT-WHOLE", "proactive.licensing.decisions")
    ]
    whole = changed(report_2021(), proactive__licensing__decisions=Cell.of(Decimal("2")))
    assert "CELL-NOT-WHOLE" not in check(whole).codes


@pytest.mark.parametrize(
    ("cell", "code", "severity"),
    [
        (Cell(raw="见附件", kind=CellKind.TEXT), "CELL-TEXT", "error"),
        (Cell.blank("\u3000"), "CELL-BLANK", "warning"),
        (Cell.placeholder("／"), "CELL-PLACEHOLDER", "warning"),
        (Cell.missing(), "CELL-MISSING", "warning"),
        (Cell.unread(), "CELL-UNREAD", "warning"),
    ],
)
def test_cells_without_a_number(cell: Cell, code: str, severity: str) -> None:
    path = "requests.outcomes.withheld.state_secret.natural_person"  # a 0
    findings = check(changed(report_2021(), **{path.replace(".", "__"): cell}))
    expected = [(code, path, severity)]
    if cell.is_unknown:  # its row total and its column's outcome total cannot be checked
        expected += [
            ("UNCHECKED", "requests.outcomes.withheld.state_secret.total", "info"),
            ("UNCHECKED", "requests.outcomes.total.natural_person", "info"),
        ]
    assert [(f.code, f.path, f.severity.value) for f in findings] == expected
    if cell.raw and cell.raw.strip():
        assert cell.raw in findings[0].message


def test_a_text_cell_counts_as_zero_in_the_sums() -> None:
    path = "requests.new.commercial_enterprise"  # 8
    findings = check(
        changed(report_2021(), **{path.replace(".", "__"): Cell(raw="八", kind=CellKind.TEXT)})
    )
    assert only(findings, "CELL-TEXT", *ARITHMETIC) == [("CELL-TEXT", path), ("S3-BALANCE", path)]
    balance = findings.by_code()["S3-BALANCE"][0]
    assert (balance.reported, balance.expected) == (None, 8)


def test_carry_exceeds_speaks_only_when_not_already_explained() -> None:
    report = report_2021()
    received = arithmetic.received(report.requests).natural_person.number_or_zero()
    # 四 far above 一 + 二: the balance finding says it; the warning does not repeat it
    big = changed(report, requests__carried_forward__natural_person=Cell.of(received + 5))
    assert only(check(big), "S3-BALANCE", "S3-CARRY-EXCEEDS") == [
        ("S3-BALANCE", "requests.carried_forward.natural_person")
    ]
    # every identity holds, but only through a negative （七）: 四 > 一 + 二 is worth a warning
    requests = report.requests
    column = "research_institution"  # 0 everywhere

    def moved(row: ApplicantRow, by: int) -> ApplicantRow:
        return attrs.evolve(
            row,
            **{column: Cell.of(by), "total": Cell.of(row.total.number_or_zero() + by)},
        )

    odd = changed(
        report,
        requests__outcomes__disclosed=moved(requests.outcomes.disclosed, -3),
        requests__outcomes__total=moved(requests.outcomes.total, -3),
        requests__carried_forward=moved(requests.carried_forward, 3),
    )
    findings = check(odd)
    assert not findings.codes & ARITHMETIC
    assert only(findings, "S3-CARRY-EXCEEDS") == [
        ("S3-CARRY-EXCEEDS", f"requests.carried_forward.{column}")
    ]
    assert findings.codes == {"CELL-NEGATIVE", "S3-CARRY-EXCEEDS"}


def test_published_exceeds_public_total_in_2019() -> None:
    report = changed(report_2019(), proactive__regulations__published=Cell.of(11))
    assert only(check(report), "S2-PUBLISHED-EXCEEDS") == [
        ("S2-PUBLISHED-EXCEEDS", "proactive.regulations.published")
    ]
    # a blank 对外公开总数量 is reported as blank, not compared
    blank = changed(report, proactive__regulations__public_total=Cell.blank())
    assert "S2-PUBLISHED-EXCEEDS" not in check(blank).codes


def test_money_units() -> None:
    no_unit = changed(report_2019(), proactive__procurement__amount=Cell.of(Decimal(251000)))
    assert only(check(no_unit), "MONEY-UNIT") == [("MONEY-UNIT", "proactive.procurement.amount")]
    in_wan = changed(
        report_2019(), proactive__procurement__amount=Cell.of(Decimal(25), unit=Unit.WAN_YUAN)
    )
    assert "MONEY-UNIT" not in check(in_wan).codes
    wrong = changed(report_2021(), proactive__fees__amount=Cell.of(Decimal(700), unit=Unit.YUAN))
    (finding,) = check(wrong)
    assert (finding.code, finding.path) == ("MONEY-UNIT", "proactive.fees.amount")
    assert "万元" in finding.message
    bare = changed(report_2021(), proactive__fees__amount=Cell.of(Decimal("7.5")))
    assert check(bare) == Findings()


# --------------------------------------------------------------------------------------
# Pairs
# --------------------------------------------------------------------------------------


def _pair() -> tuple[Report, Report]:
    previous = report_2021(year=2023)
    forward = previous.requests.carried_forward
    current = replace_at(report_2021(year=2024), "requests.carried_over", forward)
    new = current.requests.new
    # keep the current report valid: 一 = （七） + 四 − 二 per column
    fixed = ApplicantRow.from_counts(
        *(
            int(a.number_or_zero() + b.number_or_zero() - c.number_or_zero())
            for a, b, c in zip(
                current.requests.outcomes.total.parts,
                current.requests.carried_forward.parts,
                forward.parts,
                strict=True,
            )
        )
    )
    assert new != fixed
    current = replace_at(current, "requests.new", fixed)
    stock = previous.proactive.normative_documents.in_force.number_or_zero()  # type: ignore[union-attr]
    current = replace_at(
        current,
        "proactive.normative_documents",
        proactive_2021(normative_documents=(2, 1, int(stock) + 1)).normative_documents,
    )
    current = replace_at(
        current,
        "proactive.regulations.in_force",
        previous.proactive.regulations.in_force,  # type: ignore[union-attr]
    )
    return previous, current


def test_consistent_pair_has_no_finding() -> None:
    previous, current = _pair()
    assert check(previous) == Findings() and check(current) == Findings()
    assert check_pair(previous, current) == Findings()


def test_carry_over_mismatch_is_located_in_the_current_report() -> None:
    previous, current = _pair()
    value = current.requests.carried_over.natural_person.number_or_zero()
    wrong = changed(current, requests__carried_over__natural_person=Cell.of(value + 2))
    (finding,) = check_pair(previous, wrong)
    assert (finding.code, finding.path, finding.reported, finding.expected) == (
        "PAIR-CARRY-OVER",
        "requests.carried_over.natural_person",
        value + 2,
        value,
    )
    assert finding.labels[:2] == ("三", "二、上年结转政府信息公开申请数量")
    assert "2023" in finding.message


def test_carry_over_across_the_template_change() -> None:
    previous = report_2019(year=2020)
    current = report_2021(year=2021)
    forward = previous.requests.carried_forward
    findings = check_pair(previous, current)
    expected = {
        f"requests.carried_over.{f.name}"
        for f in attrs.fields(ApplicantRow)
        if getattr(forward, f.name).number_or_zero()
        != getattr(current.requests.carried_over, f.name).number_or_zero()
    }
    assert expected
    assert {f.path for f in findings} == expected
    assert findings.codes == {"PAIR-CARRY-OVER"}
    assert previous.template is Template.V2019 and current.template is Template.V2021


def test_document_stock_warns() -> None:
    previous, current = _pair()
    stock = current.proactive.normative_documents.in_force.number_or_zero()  # type: ignore[union-attr]
    wrong = changed(current, proactive__normative_documents__in_force=Cell.of(stock + 3))
    (finding,) = check_pair(previous, wrong)
    assert (finding.code, finding.severity.value, finding.expected) == (
        "PAIR-DOCUMENT-STOCK",
        "warning",
        stock,
    )


def test_sequence_years_and_agencies() -> None:
    previous, current = _pair()
    late = attrs.evolve(current, info=attrs.evolve(current.info, year=2026))
    wrong = changed(late, requests__carried_over__natural_person=Cell.of(99))
    findings = check_pair(previous, wrong)
    # not consecutive: only the sequence warning, no year-to-year comparison
    assert [(f.code, f.path) for f in findings] == [("PAIR-SEQUENCE", None)]
    assert "2023" in findings[0].message and "2026" in findings[0].message
    other = attrs.evolve(current, info=attrs.evolve(current.info, agency="另一个县政府"))
    assert [f.code for f in check_pair(previous, other)] == ["PAIR-SEQUENCE"]
    longer = attrs.evolve(
        current, info=attrs.evolve(current.info, agency="示例镇人民政府（示例县）")
    )
    assert check_pair(previous, longer) == Findings()
    # the names agencies really use from year to year (the 洪泽 reports of the corpus)
    renamed = [
        ("洪泽区人民政府", "淮安市洪泽区人民政府"),
        ("平潭综合实验区", "平潭综合实验区管委会"),
    ]
    for old, new in renamed:
        a = attrs.evolve(previous, info=attrs.evolve(previous.info, agency=old))
        b = attrs.evolve(current, info=attrs.evolve(current.info, agency=new))
        assert check_pair(a, b) == Findings(), (old, new)
    office = attrs.evolve(current, info=attrs.evolve(current.info, agency="示例镇人民政府办公室"))
    assert [f.code for f in check_pair(previous, office)] == ["PAIR-SEQUENCE"]


def test_pair_rules_do_not_run_on_one_report() -> None:
    assert not RuleSet.default().only("PAIR-CARRY-OVER").single_rules
    assert check(report_2021(), RuleSet.default().only("PAIR-CARRY-OVER")) == Findings()
