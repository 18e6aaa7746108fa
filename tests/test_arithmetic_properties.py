"""The totals identities of zfxxgk.arithmetic (FORMAT.md §4) on drawn valid reports."""

from __future__ import annotations

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from zfxxgk import arithmetic
from zfxxgk import strategies as zst
from zfxxgk.cells import UNKNOWN, Cell, CellKind, Number
from zfxxgk.model import Appeals, ApplicantRow, DisclosureRequests, OtherHandling, Report, Template
from zfxxgk.template import get_at, iter_cells

from .hypothesis_profiles import examples


def _rows(requests: DisclosureRequests) -> list[ApplicantRow]:
    return [
        requests.new,
        requests.carried_over,
        *requests.outcomes.leaf_rows,
        requests.outcomes.total,
        requests.carried_forward,
    ]


def _values(row: ApplicantRow) -> list[Number]:
    return [cell.number_or_zero() for cell in row.cells]


@settings(max_examples=examples(40))
@given(zst.disclosure_requests(blanks=True, placeholders=True))
def test_row_totals(requests: DisclosureRequests) -> None:
    for row in _rows(requests):
        assert arithmetic.applicant_total(row) == row.total.number_or_zero()
        assert arithmetic.applicant_total(row) == sum(c.number_or_zero() for c in row.parts)


@settings(max_examples=examples(40))
@given(zst.disclosure_requests(blanks=True))
def test_outcome_totals(requests: DisclosureRequests) -> None:
    outcomes = requests.outcomes
    computed = arithmetic.outcome_totals(outcomes)
    assert _values(computed) == _values(outcomes.total)
    assert len(outcomes.leaf_rows) == (
        19 if isinstance(outcomes.other_handling, ApplicantRow) else 21
    )
    assert _values(computed) == _values(arithmetic.sum_rows(outcomes.leaf_rows))


@settings(max_examples=examples(40))
@given(zst.disclosure_requests(blanks=True, placeholders=True))
def test_the_official_balance(requests: DisclosureRequests) -> None:
    pairs = arithmetic.balance(requests)
    assert len(pairs) == 7
    assert all(left == right for left, right in pairs)
    assert _values(arithmetic.received(requests)) == _values(arithmetic.handled(requests))
    # the soft consequence: nothing carried forward beyond what was there to handle
    for left, forward in zip(
        arithmetic.received(requests).cells, requests.carried_forward.cells, strict=True
    ):
        assert forward.number_or_zero() <= left.number_or_zero()


@settings(max_examples=examples(40))
@given(zst.appeals(blanks=True))
def test_case_totals(appeals: Appeals) -> None:
    for group in appeals.groups:
        assert arithmetic.case_total(group) == group.total.number_or_zero()


@settings(max_examples=examples(30))
@given(zst.disclosure_requests(other_single=False))
def test_collapsing_other_handling_keeps_the_totals(requests: DisclosureRequests) -> None:
    outcomes = requests.outcomes
    assert isinstance(outcomes.other_handling, OtherHandling)
    collapsed = arithmetic.collapse_other_handling(outcomes)
    three = outcomes.other_handling
    assert isinstance(collapsed.other_handling, ApplicantRow)
    assert _values(collapsed.other_handling) == _values(
        arithmetic.sum_rows((three.no_correction, three.fee_unpaid, three.other))
    )
    assert _values(arithmetic.outcome_totals(collapsed)) == _values(outcomes.total)
    assert arithmetic.collapse_other_handling(collapsed) is collapsed


@settings(max_examples=examples(60))
@given(zst.cells(), zst.cells())
def test_adding_cells(a: Cell, b: Cell) -> None:
    total = arithmetic.add_cells(a, b)
    if a.is_unknown or b.is_unknown:  # a sum over an unknown cell is unknown
        either_unread = CellKind.UNREAD in (a.kind, b.kind)
        assert total.kind is (CellKind.UNREAD if either_unread else CellKind.MISSING)
    elif a.value is None and b.value is None:
        assert total.kind is CellKind.BLANK
    elif a.unit is None or b.unit is None or a.unit is b.unit or a.value is None or b.value is None:
        assert total.value == a.number_or_zero() + b.number_or_zero()
    else:  # different units: the second is converted to the first's
        assert total.unit is a.unit
        assert b.unit is not None and a.unit is not None
        assert (
            total.value == a.number_or_zero() + b.number_or_zero() * b.unit.factor / a.unit.factor
        )


@settings(max_examples=examples(25))
@given(
    st.sampled_from(list(Template)).flatmap(
        lambda t: st.tuples(zst.reports(template=t, blanks=True), zst.reports(template=t))
    )
)
def test_report_sums_are_cellwise(pair: tuple[Report, Report]) -> None:
    first, second = pair
    total = arithmetic.add_reports([first, second], agency="合计")
    assert total.info.agency == "合计"
    same_shape = type(first.requests.outcomes.other_handling) is type(
        second.requests.outcomes.other_handling
    )
    for spec, cell in iter_cells(total):
        if not same_shape and spec.path[2:3] == ("other_handling",):
            continue  # （六） was collapsed to one row; checked below
        expected = (
            get_at(first, spec.path).number_or_zero() + get_at(second, spec.path).number_or_zero()
        )
        assert cell.number_or_zero() == expected, spec.dotted
    assert _values(total.requests.outcomes.total) == [
        a + b
        for a, b in zip(
            _values(first.requests.outcomes.total),
            _values(second.requests.outcomes.total),
            strict=True,
        )
    ]


def test_section3_grid_paths_and_values() -> None:
    """The grid of section 三 written out: rows, their paths, the values flat (issue 16: these
    had no test that a mutant of them would fail)."""
    single = arithmetic.section3_paths(Template.V2019)
    assert len(single) == 23
    assert single[:2] == (("requests", "new"), ("requests", "carried_over"))
    assert single[2] == ("requests", "outcomes", "disclosed")
    assert single[-2:] == (("requests", "outcomes", "total"), ("requests", "carried_forward"))
    three = arithmetic.section3_paths(Template.V2021, other_single=False)
    assert len(three) == 25 and three[-3][:3] == ("requests", "outcomes", "other_handling")
    assert arithmetic.section3_paths(Template.V2021, other_single=True) == single
    requests = DisclosureRequests.from_counts(new=(3,), disclosed=(2,))
    table = arithmetic.identities_of(requests)
    assert table.rows == len(arithmetic.section3_grid(requests))
    values = arithmetic.section3_values(requests)
    assert len(values) == 7 * table.rows
    assert values[:7] == [3, 0, 0, 0, 0, 0, 3]
    assert values[-7:] == [1, 0, 0, 0, 0, 0, 1]
    unread = requests
    unread = attrs.evolve(unread, new=attrs.evolve(unread.new, total=Cell.unread()))
    assert arithmetic.section3_values(unread)[6] is UNKNOWN


def test_a_sum_keeps_which_kind_of_unknown() -> None:
    """A sum through a cell not printed is missing; through a cell not read, unread (that
    one wins: the reader has a diagnostic for it)."""
    assert arithmetic.amount_cell(UNKNOWN, unknown=CellKind.MISSING) == Cell.missing()
    assert arithmetic.amount_cell(UNKNOWN) == Cell.unread()
    row = ApplicantRow.from_counts(1, 2)
    missing = attrs.evolve(row, natural_person=Cell.missing())
    unread = attrs.evolve(row, commercial_enterprise=Cell.unread())
    both = attrs.evolve(missing, commercial_enterprise=Cell.unread())
    assert arithmetic.sum_rows([row, missing]).natural_person == Cell.missing()
    assert arithmetic.sum_rows([row, unread]).commercial_enterprise == Cell.unread()
    assert arithmetic.sum_rows([both, missing]).natural_person == Cell.missing()
    assert arithmetic.sum_rows([row, row]).natural_person == Cell.of(2)
    assert arithmetic.sum_rows([both]).commercial_enterprise == Cell.unread()
