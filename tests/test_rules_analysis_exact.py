"""zfxxgk.rules.analysis, pinned where mutation testing found it loose (docs/mutation.md): the
exact wording of every kind of identity left unchecked, the public ``section3`` / ``section4``
entry points, and the guard on the model's cell order."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs
import pytest

import zfxxgk
from zfxxgk.cells import Cell
from zfxxgk.model import Report, Template
from zfxxgk.rules import analysis
from zfxxgk.rules.analysis import S3Problem, Undecided
from zfxxgk.template import CellSpec, RowSpec, cell_specs, get_at, replace_at, row_specs

from .conftest import REPO

ROW_TEXT = "行合计“总计 = 自然人 + 法人或其他组织各列”（“{}”行）"
OUTCOME_TEXT = "办理结果合计“（七）总计 = （一）至（六）各项之和”（{}列）"
BALANCE_TEXT = "勾稽关系“一 + 二 = （七）总计 + 四”（{}列）"
CASE_TEXT = "合计“总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结”（{}）"


@pytest.fixture(scope="module")
def report() -> Report:
    return zfxxgk.read(REPO / "examples" / "reports" / "示例县民政局-2024.html").report


def _undecided(report: Report, path: str) -> tuple[Undecided, ...]:
    return analysis.undecided(analysis.CellScan(replace_at(report, path, Cell.missing())))


def test_a_missing_cell_of_row_one_leaves_its_row_and_its_balance_unchecked(
    report: Report,
) -> None:
    cell = "requests.new.natural_person"
    assert _undecided(report, cell) == (
        Undecided(
            code="S3-ROW-TOTAL",
            path="requests.new.total",
            what=ROW_TEXT.format("一、本年新收政府信息公开申请数量"),
            cells=(cell,),
        ),
        Undecided(
            code="S3-BALANCE",
            path="requests.carried_forward.natural_person",
            what=BALANCE_TEXT.format("自然人"),
            cells=(cell,),
        ),
    )


def test_a_sub_row_is_named_by_its_group_and_its_own_label(report: Report) -> None:
    """A row under a group （三）不予公开 has four labels or more: the row is named by the
    group and the sub-row, not by the section's heading."""
    cell = "requests.outcomes.withheld.state_secret.total"
    assert _undecided(report, cell) == (
        Undecided(
            code="S3-ROW-TOTAL",
            path=cell,
            what=ROW_TEXT.format("（三）不予公开/1.属于国家秘密"),
            cells=(cell,),
        ),
        Undecided(
            code="S3-OUTCOME-TOTAL",
            path="requests.outcomes.total.total",
            what=OUTCOME_TEXT.format("总计"),
            cells=(cell,),
        ),
    )


def test_a_missing_cell_of_row_seven_leaves_three_identities_unchecked(report: Report) -> None:
    cell = "requests.outcomes.total.commercial_enterprise"
    assert _undecided(report, cell) == (
        Undecided(
            code="S3-ROW-TOTAL",
            path="requests.outcomes.total.total",
            what=ROW_TEXT.format("（七）总计"),
            cells=(cell,),
        ),
        Undecided(
            code="S3-OUTCOME-TOTAL",
            path=cell,
            what=OUTCOME_TEXT.format("商业企业"),
            cells=(cell,),
        ),
        Undecided(
            code="S3-BALANCE",
            path="requests.carried_forward.commercial_enterprise",
            what=BALANCE_TEXT.format("商业企业"),
            cells=(cell,),
        ),
    )


def test_a_section_four_group_is_named_by_its_labels(report: Report) -> None:
    cell = "appeals.lawsuit_after_review.pending"
    assert _undecided(report, cell) == (
        Undecided(
            code="S4-TOTAL",
            path="appeals.lawsuit_after_review.total",
            what=CASE_TEXT.format("行政诉讼/复议后起诉"),
            cells=(cell,),
        ),
    )


def test_an_unread_cell_is_as_undecided_as_a_missing_one(report: Report) -> None:
    cell = "appeals.review.upheld"
    damaged = replace_at(report, cell, Cell.unread())
    assert analysis.undecided(analysis.CellScan(damaged)) == (
        Undecided(
            code="S4-TOTAL",
            path="appeals.review.total",
            what=CASE_TEXT.format("行政复议"),
            cells=(cell,),
        ),
    )
    assert analysis.undecided(analysis.CellScan(report)) == ()


def test_section3_and_section4_of_a_report(report: Report) -> None:
    assert analysis.section3(report) == ()
    assert analysis.section4(report) == ()
    new_total = get_at(report, "requests.new.total").value
    direct_total = get_at(report, "appeals.lawsuit_direct.total").value
    wrong = replace_at(report, "requests.new.total", Cell.of(new_total + 3))
    wrong = replace_at(wrong, "appeals.lawsuit_direct.total", Cell.of(direct_total + 2))
    assert analysis.section3(wrong) == (
        S3Problem(
            code="S3-ROW-TOTAL",
            path="requests.new.total",
            reported=new_total + 3,
            expected=new_total,
            because=(
                "本行总计 = 自然人 + 法人或其他组织各列之和",
                "本列 一 + 二 = （七）总计 + 四（表注勾稽关系）",
            ),
            explained=True,
            balance_columns=frozenset({6}),
        ),
    )
    assert analysis.section4(wrong) == (
        ("appeals.lawsuit_direct.total", direct_total + 2, direct_total),
    )


# --------------------------------------------------------------------------------------
# The guard on the model's order: each way the order can change is refused on its own
# --------------------------------------------------------------------------------------


def _order() -> tuple[list[CellSpec], list[RowSpec], list[int], list[int]]:
    specs = list(cell_specs(Template.V2021, other_single=False))
    rows = list(row_specs(Template.V2021, other_single=False))
    s3 = [i for i, s in enumerate(specs) if s.section == "三"]
    s4 = [i for i, s in enumerate(specs) if s.section == "四"]
    return specs, rows, s3, s4


def _check(specs: Sequence[CellSpec], rows: Sequence[Any], s3: list[int], s4: list[int]) -> None:
    analysis._check_order(tuple(specs), rows, s3, s4)


def _with_rows(rows: list[RowSpec]) -> tuple[list[CellSpec], list[RowSpec]]:
    return [c for row in rows for c in row.cells], rows


def test_the_model_order_is_the_expected_one() -> None:
    _check(*_order())


def test_rows_that_do_not_hold_the_cells_in_order_are_refused() -> None:
    specs, rows, s3, s4 = _order()
    with pytest.raises(RuntimeError, match="cell order"):
        _check(specs, rows[::-1], s3, s4)


def test_a_gap_in_section_three_is_refused() -> None:
    specs, rows, s3, s4 = _order()
    with pytest.raises(RuntimeError, match="cell order"):
        _check(specs, rows, [*s3[:-1], s3[-1] + 1], s4)


def test_section_three_rows_in_another_order_are_refused() -> None:
    _, rows, s3, s4 = _order()
    first = next(i for i, row in enumerate(rows) if row.section == "三")
    swapped = [*rows[:first], rows[first + 1], rows[first], *rows[first + 2 :]]
    with pytest.raises(RuntimeError, match="cell order"):
        _check(*_with_rows(swapped), s3, s4)


def _reversed_cells(rows: list[RowSpec], index: int) -> list[RowSpec]:
    row = rows[index]
    return [*rows[:index], attrs.evolve(row, cells=row.cells[::-1]), *rows[index + 1 :]]


def test_a_section_three_total_in_another_column_is_refused() -> None:
    _, rows, s3, s4 = _order()
    first = next(i for i, row in enumerate(rows) if row.section == "三")
    with pytest.raises(RuntimeError, match="cell order"):
        _check(*_with_rows(_reversed_cells(rows, first)), s3, s4)


def test_a_gap_in_section_four_is_refused() -> None:
    specs, rows, s3, s4 = _order()
    with pytest.raises(RuntimeError, match="cell order"):
        _check(specs, rows, s3, [*s4[:-1], s4[-1] + 1])


def test_a_section_four_total_in_another_column_is_refused() -> None:
    _, rows, s3, s4 = _order()
    last = max(i for i, row in enumerate(rows) if row.section == "四")
    with pytest.raises(RuntimeError, match="cell order"):
        _check(*_with_rows(_reversed_cells(rows, last)), s3, s4)


# --------------------------------------------------------------------------------------
# The greedy explanation's ties (section3's docstring): a cell with no number first, then a
# total, then the cell first in the table.  Inputs found by running the mutants of
# _Explainer against randomly damaged copies of the example report (docs/mutation.md).
# --------------------------------------------------------------------------------------


def _damaged(report: Report, edits: dict[str, int | None]) -> Report:
    """*report* with each cell raised by the given amount, or printed blank (None)."""
    for path, raise_by in edits.items():
        value = get_at(report, path).value
        cell = Cell.blank() if raise_by is None else Cell.of(value + raise_by)
        report = replace_at(report, path, cell)
    return report


def _found(report: Report) -> list[tuple[str, str, object, object, bool]]:
    return [
        (p.code, p.path, p.reported, p.expected, p.explained) for p in analysis.section3(report)
    ]


def test_a_cell_printed_blank_is_the_one_corrected_on_a_tie(report: Report) -> None:
    """The 总计 of 4.危及“三安全一稳定” printed blank (its value 1) next to two wrong cells:
    the blank cell is corrected to 1, not a neighbour of the wrong cells."""
    outcomes = "requests.outcomes.withheld"
    damaged = _damaged(
        report,
        {
            f"{outcomes}.three_safeties_one_stability.total": None,
            f"{outcomes}.process_information.commercial_enterprise": 2,
            f"{outcomes}.third_party_rights.legal_service_institution": 1,
        },
    )
    assert get_at(report, f"{outcomes}.three_safeties_one_stability.total").value == 1
    assert _found(damaged) == [
        ("S3-ROW-TOTAL", f"{outcomes}.process_information.commercial_enterprise", 2, 0, True),
        ("S3-ROW-TOTAL", f"{outcomes}.three_safeties_one_stability.total", None, 1, True),
        ("S3-ROW-TOTAL", f"{outcomes}.third_party_rights.legal_service_institution", 1, 0, True),
    ]


def test_of_two_equal_corrections_the_total_comes_first(report: Report) -> None:
    leaf = "requests.outcomes.other_handling.fee_unpaid.public_interest_organization"
    total = "requests.outcomes.withheld.internal_affairs.total"
    assert get_at(report, leaf).value == 0 and get_at(report, total).value == 0
    assert _found(_damaged(report, {leaf: 1, total: 1})) == [
        ("S3-ROW-TOTAL", total, 1, 0, True),
        ("S3-ROW-TOTAL", leaf, 1, 0, True),
    ]
    # and with a blank elsewhere in the table, whose value (0) explains nothing
    leaf = "requests.outcomes.unavailable.not_held.research_institution"
    total = "requests.outcomes.other_handling.no_correction.total"
    blank = "requests.outcomes.unavailable.needs_creation.other_organization"
    assert (get_at(report, leaf).value, get_at(report, total).value) == (0, 1)
    assert _found(_damaged(report, {leaf: 3, total: 3, blank: None})) == [
        ("S3-ROW-TOTAL", total, 4, 1, True),
        ("S3-ROW-TOTAL", leaf, 3, 0, True),
    ]


def test_of_two_equal_leaf_corrections_the_first_in_the_table_comes_first(
    report: Report,
) -> None:
    """（一）予以公开 before （六）其他处理/3.其他: neither is a total (only （七） and the 总计
    column are)."""
    first = "requests.outcomes.disclosed.public_interest_organization"
    last = "requests.outcomes.other_handling.other.other_organization"
    blank = "requests.outcomes.unavailable.still_unclear.other_organization"
    assert _found(_damaged(report, {first: 3, last: 3, blank: None})) == [
        ("S3-ROW-TOTAL", first, 3, 0, True),
        ("S3-ROW-TOTAL", last, 3, 0, True),
    ]


def test_a_cell_of_seven_ranks_as_a_total_on_a_tie(report: Report) -> None:
    """（七）'s 自然人 and 总计 both raised by 1: each correction mends two identities and
    breaks （七）'s row total, and both cells are totals (a cell of （七） is one, like the 总计
    column), so the first in the table is corrected first."""
    seven = "requests.outcomes.total"
    assert (
        get_at(report, f"{seven}.natural_person").value,
        get_at(report, f"{seven}.total").value,
    ) == (43, 49)
    damaged = _damaged(report, {f"{seven}.natural_person": 1, f"{seven}.total": 1})
    assert _found(damaged) == [
        ("S3-OUTCOME-TOTAL", f"{seven}.natural_person", 44, 43, True),
        ("S3-OUTCOME-TOTAL", f"{seven}.total", 50, 49, True),
    ]


# Damaged copies of the example report on which the mutants of _Explainer that the tests
# above leave alive give another answer (found as above).  Per case: the cells changed (by
# how much; None: printed blank) and section3's answer, in order.  Where every finding is
# explained, the answer is also checked against the truth: each cell it corrects gets its
# value in the undamaged report back, and every damaged cell that holds a wrong number is
# found.  Two answers are not that good (the greedy explanation takes a cell that mends
# most at once, which is not always the damaged one); they are pinned as what it does.
EXPLANATIONS: list[tuple[dict[str, int | None], list[tuple[str, str, object, object, bool]]]] = [
    (
        {"outcomes.partially_disclosed.public_interest_organization": 3},
        [
            (
                "S3-ROW-TOTAL",
                "outcomes.partially_disclosed.public_interest_organization",
                3,
                0,
                True,
            ),
        ],
    ),
    (
        {
            "outcomes.unavailable.not_held.legal_service_institution": None,
            "outcomes.withheld.internal_affairs.natural_person": 1,
        },
        [
            (
                "S3-ROW-TOTAL",
                "outcomes.unavailable.not_held.legal_service_institution",
                None,
                1,
                True,
            ),
            ("S3-ROW-TOTAL", "outcomes.withheld.internal_affairs.natural_person", 1, 0, True),
        ],
    ),
    (
        {
            "outcomes.disclosed.commercial_enterprise": -2,
            "outcomes.withheld.third_party_rights.other_organization": 1,
            "outcomes.disclosed.legal_service_institution": 1,
        },
        [
            ("S3-ROW-TOTAL", "outcomes.withheld.third_party_rights.other_organization", 1, 0, True),
            ("S3-ROW-TOTAL", "outcomes.disclosed.commercial_enterprise", 0, 1, True),
            ("S3-OUTCOME-TOTAL", "outcomes.total.commercial_enterprise", 4, 3, False),
            ("S3-OUTCOME-TOTAL", "outcomes.total.legal_service_institution", 1, 2, False),
        ],
    ),
    (
        {
            "outcomes.withheld.process_information.total": None,
            "outcomes.withheld.internal_affairs.public_interest_organization": None,
            "outcomes.unavailable.still_unclear.legal_service_institution": None,
            "outcomes.withheld.process_information.public_interest_organization": 2,
        },
        [
            (
                "S3-ROW-TOTAL",
                "outcomes.withheld.process_information.public_interest_organization",
                2,
                0,
                True,
            ),
            ("S3-ROW-TOTAL", "outcomes.withheld.process_information.total", None, 1, True),
        ],
    ),
    (
        {
            "outcomes.withheld.third_party_rights.other_organization": 5,
            "outcomes.withheld.internal_affairs.other_organization": None,
            "outcomes.other_handling.other.commercial_enterprise": 5,
        },
        [
            ("S3-ROW-TOTAL", "outcomes.withheld.third_party_rights.other_organization", 5, 0, True),
            ("S3-ROW-TOTAL", "outcomes.other_handling.other.commercial_enterprise", 5, 0, True),
        ],
    ),
    (
        {
            "outcomes.withheld.process_information.total": 9,
            "outcomes.not_processed.publications.research_institution": 9,
            "outcomes.unavailable.still_unclear.research_institution": None,
            "outcomes.withheld.internal_affairs.natural_person": 9,
        },
        [
            ("S3-ROW-TOTAL", "outcomes.withheld.process_information.total", 10, 1, True),
            ("S3-ROW-TOTAL", "outcomes.withheld.internal_affairs.natural_person", 9, 0, True),
            (
                "S3-ROW-TOTAL",
                "outcomes.not_processed.publications.research_institution",
                9,
                0,
                True,
            ),
        ],
    ),
    (
        {"carried_forward.natural_person": None, "carried_forward.other_organization": 5},
        [
            ("S3-BALANCE", "carried_forward.other_organization", 5, 2, True),
            ("S3-BALANCE", "carried_forward.natural_person", None, 2, False),
            ("S3-BALANCE", "carried_forward.other_organization", 5, 0, False),
        ],
    ),
    (
        {
            "outcomes.withheld.three_safeties_one_stability.natural_person": 3,
            "outcomes.total.commercial_enterprise": -2,
            "outcomes.total.natural_person": None,
        },
        [
            ("S3-OUTCOME-TOTAL", "outcomes.total.natural_person", None, 43, True),
            ("S3-OUTCOME-TOTAL", "outcomes.total.commercial_enterprise", 2, 4, True),
            (
                "S3-ROW-TOTAL",
                "outcomes.withheld.three_safeties_one_stability.natural_person",
                4,
                1,
                True,
            ),
        ],
    ),
    (
        {
            "outcomes.total.legal_service_institution": None,
            "outcomes.total.total": None,
            "outcomes.unavailable.needs_creation.total": None,
            "outcomes.disclosed.other_organization": 1,
        },
        [
            ("S3-OUTCOME-TOTAL", "outcomes.total.total", None, 49, True),
            ("S3-ROW-TOTAL", "outcomes.disclosed.other_organization", 1, 0, True),
            ("S3-OUTCOME-TOTAL", "outcomes.total.legal_service_institution", None, 1, True),
            ("S3-ROW-TOTAL", "outcomes.unavailable.needs_creation.total", None, 1, True),
        ],
    ),
    (  # the greedy corrects （七）'s 商业企业 first, and later takes that correction back
        {
            "outcomes.total.research_institution": -1,
            "carried_over.commercial_enterprise": 1,
            "outcomes.total.legal_service_institution": None,
            "outcomes.withheld.query_matters.commercial_enterprise": 2,
        },
        [
            ("S3-OUTCOME-TOTAL", "outcomes.total.legal_service_institution", None, 1, True),
            ("S3-ROW-TOTAL", "outcomes.withheld.query_matters.commercial_enterprise", 2, 0, True),
            ("S3-OUTCOME-TOTAL", "outcomes.total.research_institution", -1, 0, True),
            ("S3-BALANCE", "carried_over.commercial_enterprise", 1, 0, True),
        ],
    ),
]


@pytest.mark.parametrize(("edits", "expected"), EXPLANATIONS)
def test_explanations_of_damaged_copies(
    report: Report,
    edits: dict[str, int | None],
    expected: list[tuple[str, str, object, object, bool]],
) -> None:
    damaged = _damaged(report, {f"requests.{path}": by for path, by in edits.items()})
    assert _found(damaged) == [(c, f"requests.{p}", r, e, x) for c, p, r, e, x in expected]
    if all(explained for *_, explained in expected):
        truth = {f"requests.{path}": get_at(report, f"requests.{path}").value for path in edits}
        wrong = {p: v for p, v in truth.items() if (get_at(damaged, p).value or 0) != v}
        assert {p.path: p.expected for p in analysis.section3(damaged)} == wrong


def test_a_left_over_identity_names_its_balance_column_only_if_it_is_a_balance(
    report: Report,
) -> None:
    """S3-CARRY-EXCEEDS keeps silent in the columns of a balance finding (balance_columns):
    a left-over balance names its column, a left-over row or outcome total names none."""
    swapped = _damaged(
        report, {"requests.new.natural_person": 2, "requests.new.commercial_enterprise": -2}
    )
    assert [(p.code, p.explained, p.balance_columns) for p in analysis.section3(swapped)] == [
        ("S3-BALANCE", False, frozenset({0})),
        ("S3-BALANCE", False, frozenset({1})),
    ]
    edits, _ = EXPLANATIONS[2]
    damaged = _damaged(report, {f"requests.{path}": by for path, by in edits.items()})
    assert [(p.code, p.explained, p.balance_columns) for p in analysis.section3(damaged)] == [
        ("S3-ROW-TOTAL", True, frozenset()),
        ("S3-ROW-TOTAL", True, frozenset()),
        ("S3-OUTCOME-TOTAL", False, frozenset()),
        ("S3-OUTCOME-TOTAL", False, frozenset()),
    ]


def test_a_wrong_cell_beside_a_missing_one_is_found_through_its_column_alone(
    report: Report,
) -> None:
    """The row of （五）…/确认 has a missing cell: its row total is undecided, so the cell
    raised by 9 in that row is found by its column's outcome total only, and the undecided
    row total is neither counted in the correction nor cited."""
    row = "requests.outcomes.not_processed.confirmation"
    damaged = replace_at(
        _damaged(report, {f"{row}.commercial_enterprise": 9}),
        f"{row}.legal_service_institution",
        Cell.missing(),
    )
    assert analysis.section3(damaged) == (
        S3Problem(
            code="S3-ROW-TOTAL",
            path=f"{row}.commercial_enterprise",
            reported=9,
            expected=0,
            because=("本列（七）总计 = （一）至（六）各项之和",),
            explained=True,
            balance_columns=frozenset(),
        ),
    )
