"""Cells the source does not have: the arithmetic does not count them as 0 against the rest.

A reader leaves a cell *missing* when it cannot tell what the report printed there.  Counting it
as 0 would make the balance or a total fail and blame a correctly printed cell — a wrong
finding about a real agency.  The identities through a missing cell are left undecided (one
UNCHECKED finding each), and CELL-MISSING reports the cell itself.
"""

from __future__ import annotations

import attrs
from hypothesis import given
from hypothesis import strategies as st

import zfxxgk
from zfxxgk.cells import Cell
from zfxxgk.model import ApplicantRow, Report
from zfxxgk.strategies import reports
from zfxxgk.template import get_at, iter_cells, replace_at

from .conftest import REPO

ARITHMETIC = frozenset(
    {"S3-BALANCE", "S3-ROW-TOTAL", "S3-OUTCOME-TOTAL", "S4-TOTAL", "S3-CARRY-EXCEEDS"}
)


def _without_row(report: Report, path: str) -> Report:
    row = get_at(report, path)
    assert isinstance(row, ApplicantRow)
    missing = {f.name: Cell.missing() for f in attrs.fields(ApplicantRow)}
    return replace_at(report, path, ApplicantRow(**missing))


@given(report=reports(), data=st.data())
def test_a_missing_row_is_not_counted_against_the_rest(report: Report, data: st.DataObject) -> None:
    rows = sorted({spec.row_path for spec, _ in iter_cells(report) if spec.section == "三"})
    path = ".".join(data.draw(st.sampled_from(rows)))
    damaged = _without_row(report, path)
    findings = zfxxgk.check(damaged, zfxxgk.RuleSet.default().only(*ARITHMETIC, "CELL-MISSING"))
    assert not (findings.codes & ARITHMETIC), [str(f) for f in findings]
    assert {f.path for f in findings if f.code == "CELL-MISSING"} == {
        f"{path}.{f.name}" for f in attrs.fields(ApplicantRow)
    }


@given(report=reports(), data=st.data())
def test_a_missing_cell_leaves_the_other_identities_checked(
    report: Report, data: st.DataObject
) -> None:
    """A missing cell in one row does not silence a wrong total elsewhere in section 四."""
    cells = [spec for spec, _ in iter_cells(report) if spec.section == "三"]
    spec = data.draw(st.sampled_from(cells))
    damaged = replace_at(report, spec.dotted, Cell.missing())
    total = damaged.appeals.review.total
    assert total.value is not None
    wrong = replace_at(damaged, "appeals.review.total", Cell.of(total.value + 1))
    findings = zfxxgk.check(wrong, zfxxgk.RuleSet.default().only(*ARITHMETIC))
    checked = [(f.code, f.path) for f in findings if f.code != "UNCHECKED"]
    assert checked == [("S4-TOTAL", "appeals.review.total")]
    assert all(f.path and f.path.startswith("requests.") for f in findings.infos)


def test_section_four_group_with_a_missing_cell_is_undecided() -> None:
    report = zfxxgk.read(REPO / "examples" / "reports" / "示例县民政局-2024.html").report
    damaged = replace_at(report, "appeals.review.upheld", Cell.missing())
    findings = zfxxgk.check(damaged, zfxxgk.RuleSet.default().only(*ARITHMETIC, "CELL-MISSING"))
    assert [(f.code, f.path) for f in findings] == [
        ("CELL-MISSING", "appeals.review.upheld"),
        ("UNCHECKED", "appeals.review.total"),
    ]
    assert findings[1].message == (
        "合计“总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结”（行政复议）无法核对："
        "涉及原文未印出的单元格 行政复议/结果维持"
    )
