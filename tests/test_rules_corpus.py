"""The checks on real reports: the corpus's hand-checked ``cells.csv`` files.

Every case is built with :mod:`tests.corpus_truth` straight from its truth file (no reader
involved).  Known errors of the published reports (their ``meta.json`` notes) must be found,
each once, at its cell; every other report has no arithmetic error.
"""

from __future__ import annotations

import pytest

from zfxxgk import arithmetic
from zfxxgk.cells import Cell, Number
from zfxxgk.model import ApplicantRow, Report
from zfxxgk.rules import Finding, check, check_pair
from zfxxgk.template import get_at, iter_cells, replace_at

from .corpus_truth import (
    SKIP_REASON,
    case_report,
    cases_with_cells,
    corpus_available,
    distinct_cases,
    meta,
)

pytestmark = pytest.mark.skipif(not corpus_available(), reason=SKIP_REASON)

ARITHMETIC = frozenset({"S3-BALANCE", "S3-ROW-TOTAL", "S3-OUTCOME-TOTAL", "S4-TOTAL"})
SEED = "seed-xihongmen-2024"

# The cases whose published tables break an identity (see their meta.json notes).  Two more
# cases are the same report in another representation, with identical cells.
KNOWN_ERRORS = {
    "shanghai-office-2019-html",
    "shanghai-office-2019-docx",
    "pingtan-2020-html",
    "pingtan-2020-crawltext",
    "hongze-2023-pdf",
    "kewei-shanghai-2024-markdown",
}


def arithmetic_findings(report: Report) -> list[Finding]:
    return [f for f in check(report) if f.code in ARITHMETIC]


def owner(path: tuple[str, ...]) -> tuple[str, str]:
    """The rule and the cell that must report a change of the cell at *path*."""
    if path[0] == "appeals":
        return "S4-TOTAL", ".".join((*path[:-1], "total"))
    dotted = ".".join(path)
    if path[:3] == ("requests", "outcomes", "total"):
        return "S3-OUTCOME-TOTAL", dotted
    if path[-1] == "total" or path[1] == "outcomes":
        return "S3-ROW-TOTAL", dotted
    return "S3-BALANCE", dotted


def printed_totals(report: Report) -> list[tuple[str, ...]]:
    """Every printed total: 总计 of each row of 三, all of （七）, 总计 of each group of 四."""
    return [
        spec.path
        for spec, _ in iter_cells(report)
        if (spec.section in "三四" and spec.path[-1] == "total")
        or spec.path[:3] == ("requests", "outcomes", "total")
    ]


def test_the_seed_has_no_arithmetic_finding() -> None:
    findings = check(case_report(SEED))
    assert not findings.codes & ARITHMETIC
    assert findings.ok


def test_raising_any_printed_total_of_the_seed_is_one_finding_at_that_cell() -> None:
    """The must-show: one root cause → one finding, from the matching rule, at the cell."""
    report = case_report(SEED)
    totals = printed_totals(report)
    assert len(totals) == 25 + 6 + 3  # 25 row totals of 三, six more cells of （七）, 3 in 四
    for path in totals:
        cell = Cell.of(_value(report, path) + 1)
        findings = check(replace_at(report, path, cell))
        code, where = owner(path)
        assert [(f.code, f.path) for f in findings] == [(code, where)], path
        assert findings[0].reported == _value(report, path) + 1
        assert findings[0].expected == _value(report, path)


def _value(report: Report, path: tuple[str, ...]) -> int:
    cell = get_at(report, path)
    assert isinstance(cell, Cell) and isinstance(cell.value, int)
    return cell.value


@pytest.mark.parametrize("delta", [1, -7])
def test_any_one_wrong_cell_of_a_clean_report_is_one_finding(delta: int) -> None:
    """Beyond the totals: every cell of 三 and 四 of every clean case, moved by *delta*."""
    for case in distinct_cases():
        if case in KNOWN_ERRORS:
            continue
        report = case_report(case)
        for spec, cell in iter_cells(report):
            if spec.section not in "三四":
                continue
            value = cell.number_or_zero() + delta
            if value < 0:
                continue
            found = arithmetic_findings(replace_at(report, spec.path, Cell.of(value)))
            code, where = owner(spec.path)
            assert [(f.code, f.path) for f in found] == [(code, where)], (case, spec.dotted)


@pytest.mark.parametrize("case", sorted(KNOWN_ERRORS))
def test_known_errors_of_published_reports(case: str) -> None:
    report = case_report(case)
    found = {(f.code, f.path, f.reported, f.expected) for f in arithmetic_findings(report)}
    assert found == _known(case, report)


def _known(case: str, report: Report) -> set[tuple[str, str, Number | None, Number]]:
    outcomes = report.requests.outcomes
    if case.startswith("shanghai-office-2019"):
        # 总计 printed blank in every outcome row; （七）总计 filled (and right)
        blank_rows = [
            (name, row)
            for name, row in _outcome_rows(report)
            if row.total.value is None and arithmetic.applicant_total(row)
        ]
        assert len(blank_rows) > 5
        return {
            (
                "S3-ROW-TOTAL",
                f"requests.outcomes.{name}.total",
                None,
                arithmetic.applicant_total(row),
            )
            for name, row in blank_rows
        }
    if case.startswith("pingtan-2020"):
        # （七）总计 says 20/…/21 while the rows add to 26 and 27; the balance holds
        sums = arithmetic.outcome_totals(outcomes)
        assert (outcomes.total.natural_person.value, outcomes.total.total.value) == (20, 21)
        assert (sums.natural_person.value, sums.total.value) == (26, 27)
        return {
            ("S3-OUTCOME-TOTAL", "requests.outcomes.total.natural_person", 20, 26),
            ("S3-OUTCOME-TOTAL", "requests.outcomes.total.total", 21, 27),
        }
    if case == "hongze-2023-pdf":
        # 四 printed 10 1 0 0 总计 0 and 5 0 0 0 总计 0
        return {
            ("S4-TOTAL", "appeals.review.total", 0, 11),
            ("S4-TOTAL", "appeals.lawsuit_after_review.total", 0, 5),
        }
    assert case == "kewei-shanghai-2024-markdown"
    assert "MISSING CELL" in meta(case)["notes"]
    # 四 总计 lost in extraction; the balance 34 + 2 = 35 + 四 implies 1
    return {("S3-ROW-TOTAL", "requests.carried_forward.total", None, 1)}


def _outcome_rows(report: Report) -> list[tuple[str, ApplicantRow]]:
    """The outcome rows （一）…（六） with their paths below ``requests.outcomes``."""
    rows = []
    for spec, _ in iter_cells(report):
        if spec.path[1] == "outcomes" and spec.path[2] != "total" and spec.path[-1] == "total":
            row = get_at(report, spec.path[:-1])
            assert isinstance(row, ApplicantRow)
            rows.append((".".join(spec.path[2:-1]), row))
    return rows


@pytest.mark.parametrize(
    "case", [c for c in cases_with_cells() if c not in KNOWN_ERRORS] or ["(no corpus)"]
)
def test_other_reports_have_no_arithmetic_error(case: str) -> None:
    findings = check(case_report(case))
    assert not findings.codes & ARITHMETIC, [str(f) for f in findings if f.code in ARITHMETIC]
    assert findings.ok, [str(f) for f in findings.errors]


def test_the_blank_template_is_all_blank_warnings() -> None:
    findings = check(case_report("template-2021-blank-docx"))
    assert findings.codes == {"CELL-BLANK"}
    assert len(findings) == sum(1 for _ in iter_cells(case_report("template-2021-blank-docx")))


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("hongze-2023-pdf", "hongze-2024-pdf"),
        ("pingtan-2019-html", "pingtan-2020-html"),
        ("pingtan-2020-html", "pingtan-2021-html"),  # across the template change
        ("pingtan-2021-html", "pingtan-2022-html"),
        ("pingtan-2022-html", "pingtan-2023-html"),
        ("pingtan-2023-html", "pingtan-2024-html"),
        ("pingtan-2024-crawltext", "pingtan-2025-html"),  # the agency named two ways
    ],
)
def test_consecutive_reports_of_one_agency_carry_over(before: str, after: str) -> None:
    findings = check_pair(case_report(before), case_report(after))
    assert findings.ok
    assert findings.codes <= {"PAIR-DOCUMENT-STOCK"}


def test_hongze_document_stock_is_consistent() -> None:
    """meta.json: 现行有效 行政规范性文件 5 + 3 − 0 = 8 (consistent)."""
    assert check_pair(case_report("hongze-2023-pdf"), case_report("hongze-2024-pdf")) == ()


def test_pingtan_document_stock_does_not_follow_from_last_year() -> None:
    """2023 prints 77 issued, 132 repealed, 470 in force after 2022's 698: a warning."""
    findings = check_pair(case_report("pingtan-2022-html"), case_report("pingtan-2023-html"))
    assert [(f.code, f.path, f.reported, f.expected) for f in findings] == [
        ("PAIR-DOCUMENT-STOCK", "proactive.normative_documents.in_force", 470, 698 + 77 - 132)
    ]
