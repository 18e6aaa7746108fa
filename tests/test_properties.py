"""Properties of the checks over drawn reports (zfxxgk.strategies).

* every default rule is silent on valid reports, of both templates and both （六） shapes;
* every corruption is caught by exactly the rule it names, once, at its cell, and nothing
  else speaks (except the cell rules the corruption names in ``also``);
* the same for pairs of reports;
* sums of valid reports are valid; ``replace_at``/``get_at`` round-trip.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zfxxgk import strategies as zst
from zfxxgk.arithmetic import add_reports, collapse_other_handling
from zfxxgk.cells import Cell
from zfxxgk.model import ApplicantRow, OtherHandling, Report, Template
from zfxxgk.rules import Findings, RuleSet, check, check_pair
from zfxxgk.template import get_at, iter_cells, replace_at

from .hypothesis_profiles import examples

SHAPES = [
    pytest.param(Template.V2021, False, id="2021-three-sub-rows"),
    pytest.param(Template.V2021, True, id="2021-one-row"),
    pytest.param(Template.V2019, True, id="2019"),
]
EMPTY_CELL_CODES = frozenset({"CELL-BLANK", "CELL-PLACEHOLDER"})


def _same_template_pair(**options: bool) -> st.SearchStrategy[tuple[Report, Report]]:
    return st.sampled_from(list(Template)).flatmap(
        lambda t: st.tuples(*[zst.reports(template=t, **options)] * 2)
    )


@pytest.mark.parametrize(("template", "single"), SHAPES)
def test_default_rules_are_silent_on_valid_reports(template: Template, single: bool) -> None:
    @settings(max_examples=examples(25))
    @given(zst.reports(template=template, other_single=single))
    def run(report: Report) -> None:
        assert check(report) == Findings(), [str(f) for f in check(report)]

    run()


@settings(max_examples=examples(15))
@given(zst.reports(large=True))
def test_silent_on_valid_reports_with_large_numbers(report: Report) -> None:
    assert check(report) == Findings()


@settings(max_examples=examples(30))
@given(zst.reports(blanks=True, placeholders=True))
def test_zero_cells_printed_empty_only_say_so(report: Report) -> None:
    findings = check(report)
    assert findings.codes <= EMPTY_CELL_CODES
    empty = {spec.dotted for spec, cell in iter_cells(report) if cell.value is None}
    assert {f.path for f in findings} == empty
    assert len(findings) == len(empty)


@pytest.mark.parametrize("code", zst.CORRUPTIBLE_CODES)
def test_each_corruption_is_caught_by_exactly_its_rule(code: str) -> None:
    @settings(max_examples=examples(15))
    @given(zst.corrupted_reports(codes=[code]))
    def run(case: tuple[Report, zst.Corruption]) -> None:
        report, corruption = case
        findings = check(report)
        caught = [f for f in findings if f.code == corruption.code]
        assert [f.path for f in caught] == [corruption.path], (
            corruption,
            [str(f) for f in findings],
        )
        others = [f for f in findings if f.code != corruption.code]
        assert all(f.code in corruption.also and f.path == corruption.path for f in others), (
            corruption,
            [str(f) for f in others],
        )

    run()


@settings(max_examples=examples(40))
@given(zst.corrupted_reports())
def test_corruption_is_caught_by_its_rule_alone(case: tuple[Report, zst.Corruption]) -> None:
    """Only the named rule: running it alone gives the same single finding."""
    report, corruption = case
    (finding,) = check(report, RuleSet.default().only(corruption.code))
    assert finding.path == corruption.path
    assert finding.labels, "the engine stamps the official labels"


@settings(max_examples=examples(20))
@given(zst.report_pairs())
def test_pair_rules_are_silent_on_consistent_pairs(pair: tuple[Report, Report]) -> None:
    previous, current = pair
    assert check_pair(previous, current) == Findings()
    assert check(previous) == Findings() and check(current) == Findings()


@pytest.mark.parametrize("code", zst.PAIR_CORRUPTIBLE_CODES)
def test_each_pair_corruption_is_caught_by_exactly_its_rule(code: str) -> None:
    @settings(max_examples=examples(15))
    @given(zst.corrupted_report_pairs(codes=[code]))
    def run(case: tuple[Report, Report, zst.Corruption]) -> None:
        previous, current, corruption = case
        findings = check_pair(previous, current)
        assert [(f.code, f.path) for f in findings] == [(corruption.code, corruption.path)], (
            corruption,
            [str(f) for f in findings],
        )

    run()


@settings(max_examples=examples(25))
@given(_same_template_pair())
def test_the_sum_of_two_valid_reports_is_valid(pair: tuple[Report, Report]) -> None:
    first, second = pair
    total = first + second
    assert total == add_reports([first, second])
    assert check(total) == Findings(), [str(f) for f in check(total)]
    assert total.template is first.template


@settings(max_examples=examples(25))
@given(_same_template_pair(blanks=True, placeholders=True))
def test_sums_with_empty_cells_stay_arithmetic_valid(pair: tuple[Report, Report]) -> None:
    findings = check(pair[0] + pair[1])
    assert findings.codes <= EMPTY_CELL_CODES


@settings(max_examples=examples(30))
@given(zst.reports(), st.data())
def test_replace_at_and_get_at_round_trip(report: Report, data: st.DataObject) -> None:
    specs = [spec for spec, _ in iter_cells(report)]
    spec = data.draw(st.sampled_from(specs))
    cell = data.draw(zst.cells(value_kind=spec.value_kind))
    changed = replace_at(report, spec.path, cell)
    assert get_at(changed, spec.path) == cell
    assert get_at(changed, spec.dotted) == cell
    assert get_at(report, spec.path) == next(c for s, c in iter_cells(report) if s == spec)
    for other, before in iter_cells(report):
        if other != spec:
            assert get_at(changed, other.path) == before
    assert replace_at(changed, spec.path, get_at(report, spec.path)) == report


@settings(max_examples=examples(20))
@given(zst.reports(template=Template.V2021, other_single=False))
def test_collapsing_other_handling_keeps_the_report_valid(report: Report) -> None:
    outcomes = report.requests.outcomes
    assert isinstance(outcomes.other_handling, OtherHandling)
    collapsed = collapse_other_handling(outcomes)
    assert isinstance(collapsed.other_handling, ApplicantRow)
    one_row = replace_at(report, "requests.outcomes", collapsed)
    assert check(one_row) == Findings()


@settings(max_examples=examples(30))
@given(zst.reports(), st.integers(1, 9))
def test_any_printed_total_raised_is_one_finding_at_it(report: Report, by: int) -> None:
    """The must-show, on drawn reports: each printed total moved → its rule, once, there."""
    for spec, cell in iter_cells(report):
        in_seven = spec.path[:3] == ("requests", "outcomes", "total")
        if spec.section not in "三四" or not (spec.path[-1] == "total" or in_seven):
            continue
        assert isinstance(cell.value, int)
        findings = check(replace_at(report, spec.path, Cell.of(cell.value + by)))
        code = (
            "S4-TOTAL"
            if spec.section == "四"
            else ("S3-OUTCOME-TOTAL" if in_seven else "S3-ROW-TOTAL")
        )
        assert [(f.code, f.path, f.expected) for f in findings] == [(code, spec.dotted, cell.value)]


@settings(max_examples=examples(40))
@given(zst.reports(), st.data())
def test_robustness_any_cells_anywhere(report: Report, data: st.DataObject) -> None:
    """Junk in any cells never crashes a rule, and every finding is located and labelled."""
    specs = [spec for spec, _ in iter_cells(report)]
    chosen = data.draw(st.lists(st.sampled_from(specs), max_size=40, unique=True))
    for spec in chosen:
        cell = data.draw(zst.cells(value_kind=spec.value_kind, large=data.draw(st.booleans())))
        report = replace_at(report, spec.path, cell)
    findings = check(report)
    assert "RULE-CRASHED" not in findings.codes, [str(f) for f in findings]
    order = {spec.dotted: i for i, spec in enumerate(specs)}
    positions = [order[f.path] for f in findings if f.path is not None]
    assert positions == sorted(positions)
    for finding in findings:
        assert finding.path is None or finding.labels
        assert str(finding).startswith(finding.code)
    # problems stay where they are: an untouched section has no arithmetic finding
    touched = {spec.section for spec in chosen}
    if "三" not in touched:
        assert not findings.codes & {"S3-BALANCE", "S3-ROW-TOTAL", "S3-OUTCOME-TOTAL"}
    if "四" not in touched:
        assert "S4-TOTAL" not in findings.codes
    changed = {spec.dotted for spec in chosen}
    assert all(f.path in changed for f in findings if f.code.startswith("CELL-"))
