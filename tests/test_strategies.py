"""The public Hypothesis strategies: options, argument checks, shrinking, registration."""

from __future__ import annotations

import importlib.metadata
import subprocess
import sys
from collections.abc import Callable
from decimal import Decimal
from typing import TypeVar

import pytest
from hypothesis import Phase, find, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from zfxxgk import strategies as zst
from zfxxgk.cells import Cell, CellKind, Unit, ValueKind
from zfxxgk.model import (
    Appeals,
    ApplicantRow,
    CaseOutcomes,
    DisclosureRequests,
    OtherHandling,
    Outcomes,
    ProactiveDisclosure2019,
    ProactiveDisclosure2021,
    Report,
    Template,
)
from zfxxgk.template import get_at, iter_cells

from .hypothesis_profiles import examples

T = TypeVar("T")

ORG_COLUMNS = (
    "commercial_enterprise",
    "research_institution",
    "public_interest_organization",
    "legal_service_institution",
    "other_organization",
)


def exists(strategy: st.SearchStrategy[T], condition: Callable[[T], bool]) -> T:
    """An example satisfying *condition* (no shrinking: this only shows the strategy reaches it)."""
    return find(
        strategy,
        condition,
        settings=settings(phases=[Phase.generate], max_examples=examples(500), database=None),
    )


def all_cells(report: Report) -> list[Cell]:
    return [cell for _, cell in iter_cells(report)]


# --------------------------------------------------------------------------------------
# Options
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("template", "other_single", "shape"),
    [
        (Template.V2021, False, OtherHandling),
        (Template.V2021, True, ApplicantRow),
        (Template.V2019, None, ApplicantRow),
    ],
)
def test_template_and_shape_options(
    template: Template, other_single: bool | None, shape: type
) -> None:
    @settings(max_examples=examples(10))
    @given(zst.reports(template=template, other_single=other_single))
    def run(report: Report) -> None:
        assert report.template is template
        assert isinstance(report.requests.outcomes.other_handling, shape)
        year = report.info.year
        assert year is not None
        assert (year <= 2020) == (template is Template.V2019)
        assert report.info.agency in zst.AGENCIES

    run()


def test_reports_draw_both_templates_and_both_shapes() -> None:
    exists(zst.reports(), lambda r: r.template is Template.V2019)
    exists(zst.reports(), lambda r: isinstance(r.requests.outcomes.other_handling, ApplicantRow))
    exists(zst.reports(), lambda r: isinstance(r.requests.outcomes.other_handling, OtherHandling))


def test_small_and_large_numbers() -> None:
    @settings(max_examples=examples(20))
    @given(zst.reports())
    def small(report: Report) -> None:
        # drawn counts stay small; totals add them up
        assert all(c.value is not None and c.value <= 30 for c in report.appeals.review.parts)

    small()
    big = exists(
        zst.reports(large=True),
        lambda r: any((c.value or 0) > 1000 for c in r.appeals.review.parts),
    )
    assert big.appeals.review.total.value is not None


def test_no_blank_cells_unless_asked() -> None:
    @settings(max_examples=examples(20))
    @given(zst.reports())
    def run(report: Report) -> None:
        assert all(cell.kind is CellKind.NUMBER for cell in all_cells(report))

    run()


def test_blanks_and_placeholders_stand_only_for_zero() -> None:
    @settings(max_examples=examples(20))
    @given(zst.reports(blanks=True, placeholders=True))
    def run(report: Report) -> None:
        for cell in all_cells(report):
            assert cell.kind in (CellKind.NUMBER, CellKind.BLANK, CellKind.PLACEHOLDER)

    run()
    only_blank = exists(
        zst.reports(blanks=True), lambda r: any(c.kind is CellKind.BLANK for c in all_cells(r))
    )
    assert all(c.kind is not CellKind.PLACEHOLDER for c in all_cells(only_blank))


def test_whole_unused_columns_can_be_printed_blank() -> None:
    """The shape of real reports: all five 法人或其他组织 columns left empty."""

    def org_columns_blank(report: Report) -> bool:
        return all(
            cell.kind is CellKind.BLANK
            for spec, cell in iter_cells(report)
            if spec.section == "三" and spec.path[-1] in ORG_COLUMNS
        )

    report = exists(zst.reports(blanks=True), org_columns_blank)
    new = report.requests.new
    assert new.total.number_or_zero() == new.natural_person.number_or_zero()


@pytest.mark.parametrize("kind", list(ValueKind))
def test_cells_of_each_value_kind(kind: ValueKind) -> None:
    @settings(max_examples=examples(30))
    @given(zst.cells(value_kind=kind, kinds=[CellKind.NUMBER]))
    def run(cell: Cell) -> None:
        assert cell.is_number
        if kind is ValueKind.MONEY:
            assert isinstance(cell.value, Decimal) and cell.value >= 0
        else:
            assert isinstance(cell.value, int)
            assert kind is ValueKind.SIGNED_COUNT or cell.value >= 0

    run()
    if kind is ValueKind.SIGNED_COUNT:
        exists(zst.cells(value_kind=kind, kinds=[CellKind.NUMBER]), lambda c: (c.value or 0) < 0)
    if kind is ValueKind.MONEY:
        exists(zst.cells(value_kind=kind), lambda c: c.unit is Unit.WAN_YUAN)


@pytest.mark.parametrize("kind", list(CellKind))
def test_cells_of_each_printed_kind(kind: CellKind) -> None:
    @settings(max_examples=examples(10))
    @given(zst.cells(kinds=[kind]))
    def run(cell: Cell) -> None:
        assert cell.kind is kind
        assert (cell.value is None) == (kind is not CellKind.NUMBER)

    run()
    exists(zst.cells(), lambda c: c.kind is kind)


def test_proactive_2019_keeps_published_within_the_stock() -> None:
    @settings(max_examples=examples(20))
    @given(zst.proactive(template=Template.V2019))
    def run(section: object) -> None:
        assert isinstance(section, ProactiveDisclosure2019)
        for row in (section.regulations, section.normative_documents):
            assert row.published.number_or_zero() <= row.public_total.number_or_zero()
        assert section.procurement.amount.unit is Unit.YUAN

    run()


def test_corrupted_reports_draw_only_the_codes_asked_for() -> None:
    @settings(max_examples=examples(20))
    @given(zst.corrupted_reports(codes=["S4-TOTAL", "CELL-BLANK"]))
    def run(case: tuple[Report, zst.Corruption]) -> None:
        report, corruption = case
        assert corruption.code in ("S4-TOTAL", "CELL-BLANK")
        assert corruption.path is not None
        get_at(report, corruption.path)  # the path is a real cell of the report
        assert corruption.description and corruption.description_en

    run()


def test_a_2019_only_code_forces_the_2019_template() -> None:
    @settings(max_examples=examples(10))
    @given(zst.corrupted_reports(codes=["S2-PUBLISHED-EXCEEDS"]))
    def run(case: tuple[Report, zst.Corruption]) -> None:
        assert case[0].template is Template.V2019

    run()

    @settings(max_examples=examples(10))
    @given(zst.corrupted_reports(template=Template.V2021))
    def never(case: tuple[Report, zst.Corruption]) -> None:
        assert case[1].code != "S2-PUBLISHED-EXCEEDS"
        assert case[0].template is Template.V2021

    never()


@pytest.mark.filterwarnings("ignore:Generating overly large repr")
def test_report_pairs_are_consecutive_years_of_one_agency() -> None:
    @settings(max_examples=examples(15))
    @given(zst.report_pairs())
    def run(pair: tuple[Report, Report]) -> None:
        before, after = pair
        assert before.info.year is not None and after.info.year == before.info.year + 1
        assert before.info.agency == after.info.agency
        assert [c.value for c in after.requests.carried_over.cells] == [
            c.value for c in before.requests.carried_forward.cells
        ]

    run()
    exists(zst.report_pairs(), lambda p: p[0].template is not p[1].template)


# --------------------------------------------------------------------------------------
# Arguments are checked the Hypothesis way
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "make",
    [
        lambda: zst.reports(template="2021"),  # type: ignore[arg-type]
        lambda: zst.reports(template=Template.V2019, other_single=False),
        lambda: zst.reports(blanks="yes"),  # type: ignore[arg-type]
        lambda: zst.corrupted_reports(codes=["NOPE"]),
        lambda: zst.corrupted_reports(codes="S4-TOTAL"),
        lambda: zst.corrupted_reports(codes=[]),
        lambda: zst.corrupted_reports(codes=["S2-PUBLISHED-EXCEEDS"], template=Template.V2021),
        lambda: zst.corrupted_report_pairs(codes=["S4-TOTAL"]),
        lambda: zst.cells(kinds=[]),
        lambda: zst.cells(value_kind="count"),  # type: ignore[arg-type]
        lambda: zst.proactive(template=None),  # type: ignore[arg-type]
    ],
)
def test_invalid_arguments(make: object) -> None:
    assert callable(make)
    with pytest.raises(InvalidArgument):
        make()


# --------------------------------------------------------------------------------------
# Shrinking
# --------------------------------------------------------------------------------------


def test_sections_shrink_to_the_boundary_of_a_condition() -> None:
    smallest = find(
        zst.disclosure_requests(),
        lambda r: (r.new.total.value or 0) >= 5,
        settings=settings(database=None),
    )
    assert smallest.new.total.value == 5
    # one applicant column, one outcome row (or 四), nothing else
    assert sum(1 for row in _rows(smallest) for c in row.parts if c.value) <= 3
    assert smallest.carried_over.total.value == 0


def _rows(requests: DisclosureRequests) -> list[ApplicantRow]:
    return [
        requests.new,
        requests.carried_over,
        *requests.outcomes.leaf_rows,
        requests.outcomes.total,
        requests.carried_forward,
    ]


# --------------------------------------------------------------------------------------
# Registration for st.from_type
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "cls",
    [
        Report,
        DisclosureRequests,
        Outcomes,
        ApplicantRow,
        Appeals,
        CaseOutcomes,
        Cell,
        ProactiveDisclosure2021,
        ProactiveDisclosure2019,
    ],
)
def test_from_type_works_for_the_registered_types(cls: type) -> None:
    @settings(max_examples=examples(5))
    @given(st.from_type(cls))
    def run(value: object) -> None:
        assert isinstance(value, cls)

    run()


def test_the_entry_point_is_declared() -> None:
    points = importlib.metadata.entry_points(group="hypothesis")
    assert any(p.value == "zfxxgk.strategies:_hypothesis_setup_hook" for p in points)


def _python(code: str) -> str:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()


def test_importing_zfxxgk_does_not_import_hypothesis() -> None:
    assert _python("import sys, zfxxgk; print('hypothesis' in sys.modules)") == "False"


def test_importing_the_strategies_first_registers_the_types() -> None:
    """zfxxgk.strategies imported before Hypothesis: the entry point runs mid-import."""
    code = (
        "import zfxxgk.strategies\n"
        "from hypothesis import given, settings, strategies as st\n"
        "from zfxxgk.model import Report\n"
        "seen = []\n"
        "@settings(max_examples=3, database=None)\n"
        "@given(st.from_type(Report))\n"
        "def run(r): seen.append(type(r).__name__)\n"
        "run(); print(set(seen))"
    )
    assert _python(code) == "{'Report'}"
