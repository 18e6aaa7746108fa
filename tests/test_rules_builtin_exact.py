"""zfxxgk.rules.builtin, pinned where mutation testing found it loose (docs/mutation.md): the
exact messages of the section-三 findings, explained by one cell or left over."""

from __future__ import annotations

import pytest

import zfxxgk
from zfxxgk.cells import Cell
from zfxxgk.model import Report
from zfxxgk.template import get_at, replace_at

from .conftest import REPO

ARITHMETIC = zfxxgk.RuleSet.default().only("S3-ROW-TOTAL", "S3-BALANCE", "S3-OUTCOME-TOTAL")


@pytest.fixture(scope="module")
def report() -> Report:
    return zfxxgk.read(REPO / "examples" / "reports" / "示例县民政局-2024.html").report


def _raised(report: Report, edits: dict[str, int]) -> Report:
    for path, by in edits.items():
        report = replace_at(report, path, Cell.of(get_at(report, path).value + by))
    return report


def test_a_wrong_total_explained_by_its_cell_says_what_it_should_be(report: Report) -> None:
    assert get_at(report, "requests.new.total").value == 50
    findings = zfxxgk.check(_raised(report, {"requests.new.total": 3}), ARITHMETIC)
    assert [(f.code, f.path, f.message) for f in findings] == [
        (
            "S3-ROW-TOTAL",
            "requests.new.total",
            "报告为53，应为50（本行总计 = 自然人 + 法人或其他组织各列之和；"
            "本列 一 + 二 = （七）总计 + 四（表注勾稽关系））",
        )
    ]


def test_identities_no_single_cell_explains_are_reported_where_they_are_carried(
    report: Report,
) -> None:
    """自然人 and 商业企业 of 一 swapped by two: the row total still holds, the two balances
    do not, and no one cell's correction mends them without breaking the row."""
    assert get_at(report, "requests.new.commercial_enterprise").value == 5
    damaged = _raised(
        report, {"requests.new.natural_person": 2, "requests.new.commercial_enterprise": -2}
    )
    left_over = "不成立：本格报告为{}，按其他各格计算应为{}；也可能是其他各格有误，请逐项核对"
    balance = "本列 一 + 二 = （七）总计 + 四（表注勾稽关系）"
    assert [(f.code, f.path, f.message) for f in zfxxgk.check(damaged, ARITHMETIC)] == [
        (
            "S3-BALANCE",
            "requests.carried_forward.natural_person",
            balance + left_over.format(2, 4),
        ),
        (
            "S3-BALANCE",
            "requests.carried_forward.commercial_enterprise",
            balance + left_over.format(1, -1),
        ),
    ]
