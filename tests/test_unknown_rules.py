"""Unknown values in the checks: the typed API for rule authors, UNCHECKED, N204 against N201.

An unknown cell (not printed, or printed and not read) never enters a comparison as 0: an
identity through it is reported once as ``UNCHECKED`` (severity info), never as a mismatch.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

import zfxxgk
from zfxxgk import arithmetic
from zfxxgk.cells import Cell
from zfxxgk.diagnostics import Severity
from zfxxgk.model import ApplicantRow, Report
from zfxxgk.rules import (
    UNCHECKED,
    UNKNOWN,
    Checked,
    NotCheckable,
    RuleSet,
    Unchecked,
    Violation,
    amount_at,
    check_pair,
    evaluate,
    rule,
)
from zfxxgk.template import cell_specs, replace_at

from .conftest import REPO, a_year_before

EXAMPLE = REPO / "examples" / "reports" / "示例镇人民政府-2024.txt"


@pytest.fixture(scope="module")
def report() -> Report:
    return zfxxgk.read(EXAMPLE).report


def _with(report: Report, **cells: Cell) -> Report:
    for path, cell in cells.items():
        report = replace_at(report, path.replace("__", "."), cell)
    return report


# --------------------------------------------------------------------------------------
# The API
# --------------------------------------------------------------------------------------


def test_amount_at_and_evaluate(report: Report) -> None:
    assert amount_at(report, "requests.new.total") == report.requests.new.total.value
    parts = [f"requests.new.{f.name}" for f in attrs.fields(ApplicantRow)][:6]
    result = evaluate(report, total=["requests.new.total"], parts=parts)
    assert isinstance(result, Checked) and result.holds and result.difference == 0
    damaged = _with(report, requests__new__commercial_enterprise=Cell.unread())
    assert amount_at(damaged, "requests.new.commercial_enterprise") is UNKNOWN
    result = evaluate(damaged, total=["requests.new.total"], parts=parts)
    assert result == NotCheckable(("requests.new.commercial_enterprise",))
    with pytest.raises(TypeError):
        amount_at(report, "requests.new")  # a row, not a cell


@rule(code="MY-NEW-TOTAL", severity=Severity.ERROR, title="本年新收总计")
def my_new_total(report: Report) -> Iterator[Violation | Unchecked]:
    parts = [f"requests.new.{f.name}" for f in attrs.fields(ApplicantRow)][:6]
    result = evaluate(report, total=["requests.new.total"], parts=parts)
    if isinstance(result, NotCheckable):
        yield result.unchecked("requests.new.total", "本行总计 = 各列之和")
    elif not result.holds:
        yield Violation("requests.new.total", expected=result.parts)


def test_a_custom_rule_says_unchecked_once(report: Report) -> None:
    damaged = _with(
        report,
        requests__new__natural_person=Cell.unread(),
        requests__new__research_institution=Cell.missing(),
        requests__new__total=Cell.of(999),
    )
    findings = zfxxgk.check(damaged, RuleSet.of(my_new_total))
    assert [(f.code, f.severity, f.path) for f in findings] == [
        (UNCHECKED, Severity.INFO, "requests.new.total")
    ]
    assert findings[0].reported is None and findings[0].expected is None
    assert findings[0].message == (
        "本行总计 = 各列之和无法核对：涉及未读取的单元格 "
        "一、本年新收政府信息公开申请数量/自然人；"
        "涉及原文未印出的单元格 一、本年新收政府信息公开申请数量/科研机构"
    )
    wrong = _with(report, requests__new__total=Cell.of(999))
    assert [f.code for f in zfxxgk.check(wrong, RuleSet.of(my_new_total))] == ["MY-NEW-TOTAL"]


def test_builtin_identities_through_an_unread_cell(report: Report) -> None:
    path = "requests.carried_forward.natural_person"
    findings = zfxxgk.check(_with(report, **{path.replace(".", "__"): Cell.unread()}))
    unchecked = [(f.path, f.message) for f in findings if f.code == UNCHECKED]
    assert unchecked == [
        (
            "requests.carried_forward.natural_person",
            "勾稽关系“一 + 二 = （七）总计 + 四”（自然人列）无法核对："
            "涉及未读取的单元格 四、结转下年度继续办理/自然人",
        ),
        (
            "requests.carried_forward.natural_person",
            "“四 ≤ 一 + 二”（自然人列）无法核对：涉及未读取的单元格 四、结转下年度继续办理/自然人",
        ),
        (
            "requests.carried_forward.total",
            "行合计“总计 = 自然人 + 法人或其他组织各列”（“四、结转下年度继续办理”行）无法核对："
            "涉及未读取的单元格 四、结转下年度继续办理/自然人",
        ),
    ]
    assert all(f.severity is Severity.INFO for f in findings if f.code == UNCHECKED)


def test_pair_carry_over_never_compares_an_unread_cell_as_0(report: Report) -> None:
    previous = a_year_before(report)
    # the current year carries over exactly what the previous one carried forward ...
    current = replace_at(report, "requests.carried_over", previous.requests.carried_forward)
    assert not check_pair(previous, current).codes & {"PAIR-CARRY-OVER", UNCHECKED}
    # ... but where a cell of either year is unread, that column is not compared
    unread_then = replace_at(previous, "requests.carried_forward.total", Cell.unread())
    unread_now = replace_at(current, "requests.carried_over.natural_person", Cell.unread())
    findings = check_pair(unread_then, unread_now)
    assert "PAIR-CARRY-OVER" not in findings.codes
    assert [(f.code, f.path) for f in findings] == [
        (UNCHECKED, "requests.carried_over.natural_person"),
        (UNCHECKED, "requests.carried_over.total"),
    ]
    assert "上一年度报告四、结转下年度继续办理/总计" in findings[1].message


# --------------------------------------------------------------------------------------
# Totals of zfxxgk.arithmetic over unknown cells
# --------------------------------------------------------------------------------------


def test_totals_over_an_unknown_cell_are_unknown(report: Report) -> None:
    damaged = _with(report, requests__outcomes__disclosed__natural_person=Cell.unread())
    row = damaged.requests.outcomes.disclosed
    assert arithmetic.applicant_total(row) is UNKNOWN
    assert arithmetic.sum_cells(row.cells) is UNKNOWN
    sums = arithmetic.outcome_totals(damaged.requests.outcomes)
    assert sums.natural_person.is_unknown and not sums.commercial_enterprise.is_unknown
    seven = _with(report, requests__outcomes__total__natural_person=Cell.unread()).requests
    assert arithmetic.balance(seven)[0][1] is UNKNOWN
    assert arithmetic.balance(seven)[1] == arithmetic.balance(report.requests)[1]
    assert arithmetic.handled(seven).natural_person == Cell.unread()
    assert arithmetic.received(seven) == arithmetic.received(report.requests)
    group = replace_at(report, "appeals.review.pending", Cell.missing()).appeals.review
    assert arithmetic.case_total(group) is UNKNOWN
    assert arithmetic.amount_cell(UNKNOWN) == Cell.unread()
    assert arithmetic.amount_cell(3) == Cell.of(3)


# --------------------------------------------------------------------------------------
# N204 (the table printed, not read) against N201 (the section not there)
# --------------------------------------------------------------------------------------


def _section(report: Report, number: str, cell: Cell) -> Report:
    for spec in cell_specs(report.info.template):
        if spec.section == number:
            report = replace_at(report, spec.path, cell)
    return report


def test_a_printed_table_not_read_is_not_a_missing_section(report: Report) -> None:
    unread = zfxxgk.check(_section(report, "二", Cell.unread()))
    assert "N201" not in unread.codes
    assert [f.message for f in unread if f.code == "N204"] == [
        "第二部分“主动公开政府信息情况”的表格未能读取"
    ]
    # the heading was seen, the cells are "not printed": the table was not found under it
    no_table = zfxxgk.check(_section(report, "二", Cell.missing()))
    assert "N201" not in no_table.codes and "N204" in no_table.codes
    # neither heading nor table: the section is missing
    order = tuple(n for n in report.info.section_order or () if n != "二")
    gone = _section(report, "二", Cell.missing())
    gone = attrs.evolve(gone, info=attrs.evolve(gone.info, section_order=order))
    findings = zfxxgk.check(gone)
    assert "N204" not in findings.codes
    assert any(f.code == "N201" and "缺少第二部分" in f.message for f in findings)
    assert "N204" not in zfxxgk.check(report).codes


# --------------------------------------------------------------------------------------
# mypy makes a rule author handle UNKNOWN
# --------------------------------------------------------------------------------------

_FORGETS = """
from zfxxgk.model import Report
from zfxxgk.rules import amount_at


def more_new_than_forward(report: Report) -> bool:
    new = amount_at(report, "requests.new.total")
    forward = amount_at(report, "requests.carried_forward.total")
    return new + 1 > forward
"""

_HANDLES = """
from zfxxgk.model import Report
from zfxxgk.rules import UNKNOWN, amount_at


def more_new_than_forward(report: Report) -> bool | None:
    new = amount_at(report, "requests.new.total")
    forward = amount_at(report, "requests.carried_forward.total")
    if new is UNKNOWN or forward is UNKNOWN:
        return None  # not checkable
    return new + 1 > forward
"""


def test_mypy_makes_the_unknown_case_explicit(tmp_path: Path) -> None:
    pytest.importorskip("mypy", reason="mypy is in the test extra")
    (tmp_path / "forgets.py").write_text(_FORGETS, "utf-8")
    (tmp_path / "handles.py").write_text(_HANDLES, "utf-8")
    src = Path(zfxxgk.__file__).parent.parent  # the zfxxgk under test
    run = subprocess.run(
        [
            sys.executable,
            *("-m", "mypy", "--strict", "--follow-imports=silent"),
            *("--cache-dir", str(tmp_path / "cache")),
            *(str(tmp_path / "forgets.py"), str(tmp_path / "handles.py")),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "MYPYPATH": str(src)},
    )
    out = run.stdout
    errors = [line for line in out.splitlines() if ": error:" in line]
    assert errors and all("forgets.py" in line for line in errors), out
    assert any("Unknown" in line for line in errors), out
    assert run.returncode == 1, out
