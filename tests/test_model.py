from __future__ import annotations

from decimal import Decimal

import attrs
import pytest

from zfxxgk import arithmetic, template
from zfxxgk.cells import Cell, Unit
from zfxxgk.model import (
    Appeals,
    ApplicantRow,
    DisclosureRequests,
    Report,
    ReportInfo,
    Template,
    proactive_2019,
    proactive_2021,
)


def _requests() -> DisclosureRequests:
    return DisclosureRequests.from_counts(
        new=[55, 8],
        carried_over=[1],
        disclosed=[17, 3],
        partially_disclosed=[5],
        withheld=[[], [], [], [], [], [], [1]],
        unavailable=[[25, 3], [2]],
        not_processed=[[], [1, 1]],
    )


def test_named_constructor_computes_totals() -> None:
    requests = _requests()
    assert requests.new.total == Cell.of(63)
    assert requests.outcomes.total.total == Cell.of(58)
    assert requests.outcomes.total.natural_person == Cell.of(51)
    assert requests.carried_forward.total == Cell.of(6)
    assert all(left == right for left, right in arithmetic.balance(requests))


def test_carried_forward_cannot_go_negative() -> None:
    with pytest.raises(ValueError, match="carried_forward"):
        DisclosureRequests.from_counts(new=[1], disclosed=[2])


def test_report_is_frozen_and_stores_what_was_printed() -> None:
    report = Report.build(
        agency="示例镇人民政府", year=2024, proactive=proactive_2021(), requests=_requests()
    )
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        report.info = report.info  # type: ignore[misc]
    wrong = template.replace_at(report, "requests.new.total", Cell.of(64))
    assert wrong.requests.new.total == Cell.of(64)
    assert report.requests.new.total == Cell.of(63)
    assert template.get_at(wrong, ("requests", "new", "total")).value == 64


def test_2019_report_never_takes_2021_fields() -> None:
    with pytest.raises(TypeError, match="one row"):
        Report.build(agency=None, year=2019, proactive=proactive_2019(), requests=_requests())
    single = DisclosureRequests.from_counts(new=[3], disclosed=[2], other_handling_single=[1])
    report = Report.build(agency=None, year=2019, proactive=proactive_2019(), requests=single)
    assert report.template is Template.V2019
    assert isinstance(report.requests.outcomes.other_handling, ApplicantRow)
    with pytest.raises(TypeError):
        Report(
            info=ReportInfo(template=Template.V2019),
            proactive=proactive_2021(),
            requests=single,
            appeals=Appeals.none(),
        )


def test_money_never_float() -> None:
    with pytest.raises(TypeError, match="float"):
        proactive_2021(fees=1.5)  # type: ignore[arg-type]
    proactive = proactive_2021(fees="96171.6")
    assert proactive.fees.amount == Cell.of(Decimal("96171.6"), unit=Unit.WAN_YUAN)


def test_counts_are_checked_in_named_constructors() -> None:
    with pytest.raises(ValueError, match="≥ 0"):
        ApplicantRow.from_counts(-1)
    with pytest.raises(TypeError):
        ApplicantRow.from_counts(True)


def test_adding_reports_adds_tables() -> None:
    a = Report.build(
        agency="甲",
        year=2024,
        proactive=proactive_2021(licensing=3, fees="1.5"),
        requests=_requests(),
    )
    b = Report.build(
        agency="乙", year=2024, proactive=proactive_2021(licensing=4, fees=2), requests=_requests()
    )
    total = arithmetic.add_reports([a, b], agency="区")
    assert total.info.agency == "区" and total.info.year == 2024
    assert total.proactive.licensing.decisions == Cell.of(7)
    assert total.proactive.fees.amount.value == Decimal("3.5")
    assert total.requests.new.total == Cell.of(126)
    assert (a + b).requests == total.requests


def test_adding_mixed_other_handling_collapses_to_one_row() -> None:
    split = Report.build(agency=None, year=2024, proactive=proactive_2021(), requests=_requests())
    single_requests = DisclosureRequests.from_counts(
        new=[3], disclosed=[2], other_handling_single=[1]
    )
    single = Report.build(
        agency=None, year=2024, proactive=proactive_2021(), requests=single_requests
    )
    total = split + single
    assert isinstance(total.requests.outcomes.other_handling, ApplicantRow)
    assert total.requests.outcomes.other_handling.total == Cell.of(1)


def test_adding_blank_cells_keeps_blank() -> None:
    assert arithmetic.add_cells(Cell.blank(), Cell.placeholder()) == Cell.blank()
    assert arithmetic.add_cells(Cell.blank(), Cell.of(2)) == Cell.of(2)
    assert arithmetic.add_cells(Cell.missing(), Cell.missing()) == Cell.missing()
    mixed = arithmetic.add_cells(
        Cell.of(Decimal(1), unit=Unit.WAN_YUAN), Cell.of(Decimal(5000), unit=Unit.YUAN)
    )
    assert mixed == Cell.of(Decimal("1.5"), unit=Unit.WAN_YUAN)


def test_cannot_add_different_templates() -> None:
    a = Report.build(agency=None, year=2024, proactive=proactive_2021(), requests=_requests())
    single = DisclosureRequests.from_counts(new=[3], disclosed=[2], other_handling_single=[1])
    b = Report.build(agency=None, year=2019, proactive=proactive_2019(), requests=single)
    with pytest.raises(ValueError, match="templates"):
        arithmetic.add_reports([a, b])


@pytest.mark.parametrize("unknown", [Cell.missing(), Cell.unread()], ids=["missing", "unread"])
def test_totals_are_never_computed_from_an_unknown_count(unknown: Cell) -> None:
    # from_counts computes 总计, （七） and 四: an unknown count would enter them as 0
    row = ApplicantRow.from_counts(1, 2)
    with_unknown = ApplicantRow.from_cells(unknown, *row.parts[1:], total=row.total)
    with pytest.raises(ValueError, match="unknown"):
        DisclosureRequests.from_counts(new=with_unknown)
    with pytest.raises(ValueError, match="unknown"):
        DisclosureRequests.from_counts(new=row, carried_forward=with_unknown)
