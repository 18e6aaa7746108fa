"""A region's report against the sum of its units': findings at the region's cells, missing
units listed, units of another year or template handled, and ``zfxxgk hierarchy``."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from zfxxgk import strategies as zst
from zfxxgk.cells import Cell, Unit
from zfxxgk.diagnostics import Severity
from zfxxgk.model import (
    Appeals,
    ApplicantRow,
    DisclosureRequests,
    Report,
    Template,
    proactive_2019,
    proactive_2021,
)
from zfxxgk.render import to_html
from zfxxgk.review import check_hierarchy
from zfxxgk.template import get_at, replace_at, specs_of

from .fixtures.review_cli import run


def unit(name: str, n: int, *, year: int = 2024, fees: str = "1.5") -> Report:
    """A small valid unit report whose numbers depend on *n*."""
    return Report.build(
        agency=name,
        year=year,
        proactive=proactive_2021(normative_documents=(n, 0, 10 * n), licensing=n, fees=fees),
        requests=DisclosureRequests.from_counts(
            new=(n, 1), carried_over=(1,), disclosed=(n,), carried_forward=(1, 1)
        ),
        appeals=Appeals.from_counts(review=(n, 0, 0, 0)),
    )


UNITS = ("某区民政局", "某区教育局", "某区卫生健康委员会")


def _cell_sum(cells: list[Cell]) -> Cell:
    """The region's cell, added by hand (an oracle independent of ``add_reports``): money in
    the first printed unit, blank when no unit printed a number."""
    printed = [c for c in cells if c.value is not None]
    if not printed:
        return Cell.blank()
    unit_of = next((c.unit for c in printed if c.unit is not None), None)
    total = Decimal(0)
    for cell in printed:
        assert cell.value is not None
        value = Decimal(cell.value)
        if unit_of is not None and cell.unit is not None:
            value = value * cell.unit.factor / unit_of.factor
        total += value
    number = int(total) if all(isinstance(c.value, int) for c in printed) else total
    return Cell.of(number, unit=unit_of)


def _unit_cell(unit: Report, path: tuple[str, ...]) -> Cell:
    """The unit's cell at *path*; a （六） printed as three rows, added up, when the region
    prints it as one."""
    single = isinstance(unit.requests.outcomes.other_handling, ApplicantRow)
    if path[:3] == ("requests", "outcomes", "other_handling") and len(path) == 4 and not single:
        rows = ("no_correction", "fee_unpaid", "other")
        return _cell_sum([get_at(unit, (*path[:3], row, path[3])) for row in rows])
    return get_at(unit, path)


def region_of(units: list[Report], name: str = "某区人民政府") -> Report:
    """The report of a region whose every cell is the sum of its units' cells (with （六） as
    one row when a unit prints it so)."""
    shape = next(
        (u for u in units if isinstance(u.requests.outcomes.other_handling, ApplicantRow)),
        units[0],
    )
    region = attrs.evolve(shape, info=attrs.evolve(shape.info, agency=name))
    for spec in specs_of(region):
        cells = [_unit_cell(u, spec.path) for u in units]
        region = replace_at(region, spec.path, _cell_sum(cells))
    return region


def test_a_region_that_is_the_sum_of_its_units_passes() -> None:
    units = [unit(name, i + 1) for i, name in enumerate(UNITS)]
    result = check_hierarchy(region_of(units), units, expected_units=UNITS)
    assert result.ok and result.findings == ()
    assert result.unit_names == UNITS
    assert "均等于各单位之和" in result.to_text()


@given(st.lists(zst.reports(template=Template.V2021), min_size=1, max_size=4))
def test_generated_units_sum_to_their_region(units: list[Report]) -> None:
    units = [
        attrs.evolve(u, info=attrs.evolve(u.info, agency=f"单位{i}", year=2024))
        for i, u in enumerate(units)
    ]
    assert check_hierarchy(region_of(units), units).findings == ()


def test_one_changed_unit_cell_fails_at_that_cell_of_the_region() -> None:
    units = [unit(name, i + 1) for i, name in enumerate(UNITS)]
    region = region_of(units)
    path = "requests.new.natural_person"
    before = get_at(units[1], path).value
    units[1] = replace_at(units[1], path, Cell.of(before + 5))
    result = check_hierarchy(region, units)
    (finding,) = result.findings
    assert finding.code == "HIERARCHY-SUM" and finding.severity is Severity.WARNING
    assert finding.path == path
    assert finding.labels == ("三", "一、本年新收政府信息公开申请数量", "自然人")
    assert finding.reported == get_at(region, path).value
    assert finding.expected == finding.reported + 5
    assert not result.ok


def test_every_cell_can_be_told_apart() -> None:
    units = [unit(name, i + 1) for i, name in enumerate(UNITS)]
    region = region_of(units)
    for spec in specs_of(region):
        cell = get_at(region, spec.path)
        changed = replace_at(region, spec.path, Cell.of(cell.number_or_zero() + 1, unit=cell.unit))
        (finding,) = check_hierarchy(changed, units).findings
        assert finding.path == spec.dotted


def test_missing_units_are_listed_and_names_match_leniently() -> None:
    units = [unit("某区民政局", 1), unit("  某区 教育局 ", 2)]
    expected = ("某区民政局", "某区教育局", "某区卫生健康委员会")
    result = check_hierarchy(region_of(units), units, expected_units=expected)
    assert result.missing_units == ("某区卫生健康委员会",)
    (missing,) = result.findings
    assert missing.code == "HIERARCHY-MISSING-UNIT" and "某区卫生健康委员会" in missing.message


def test_an_unexpected_unit_another_year_and_a_repeated_unit() -> None:
    units = [unit("某区民政局", 1), unit("某区民政局", 1), unit("某区财政局", 3, year=2023)]
    region = region_of(units[:1])
    result = check_hierarchy(region, [*units, unit("某区司法局", 0)], expected_units=UNITS[:1])
    codes = [f.code for f in result.findings]
    assert codes.count("HIERARCHY-UNIT-LEFT-OUT") == 2
    assert "HIERARCHY-UNEXPECTED-UNIT" in codes
    assert result.unit_names == ("某区民政局", "某区司法局")


def test_money_in_yuan_is_compared_in_the_regions_unit() -> None:
    units = [unit("某区民政局", 1, fees="1.5"), unit("某区教育局", 2, fees="2")]
    region = region_of(units)
    in_yuan = replace_at(units[1], "proactive.fees.amount", Cell.of(Decimal(20000), unit=Unit.YUAN))
    assert check_hierarchy(region, [units[0], in_yuan]).findings == ()


def test_units_on_another_template_are_compared_for_sections_three_and_four_only() -> None:
    new = unit("某区民政局", 1)
    old = Report.build(
        agency="某区教育局",
        year=2024,
        proactive=proactive_2019(),
        requests=DisclosureRequests.from_counts(new=(2,), disclosed=(2,), other_handling_single=()),
    )
    as_2021 = attrs.evolve(
        old, info=attrs.evolve(old.info, template=Template.V2021), proactive=proactive_2021()
    )
    region = region_of([new, as_2021])
    result = check_hierarchy(region, [new, old])
    assert result.findings.codes == {"HIERARCHY-TEMPLATE"}
    # section 二 is not compared; sections 三 and 四 are
    changed = replace_at(region, "proactive.licensing.decisions", Cell.of(999))
    assert check_hierarchy(changed, [new, old]).findings.codes == {"HIERARCHY-TEMPLATE"}
    changed = replace_at(region, "requests.new.natural_person", Cell.of(99))
    differences = check_hierarchy(changed, [new, old]).differences
    assert [f.path for f in differences] == ["requests.new.natural_person"]


# --------------------------------------------------------------------------------------
# The command
# --------------------------------------------------------------------------------------


def test_hierarchy_command(tmp_path: Path) -> None:
    units = [unit(name, i + 1) for i, name in enumerate(UNITS)]
    region = region_of(units)
    region = replace_at(region, "appeals.review.upheld", Cell.of(99))
    (tmp_path / "region.html").write_text(to_html(region, page=True), "utf-8")
    folder = tmp_path / "units"
    folder.mkdir()
    for i, item in enumerate(units[:2]):
        (folder / f"unit{i}.html").write_text(to_html(item, page=True), "utf-8")
    status, out = run("hierarchy", str(tmp_path / "region.html"), str(folder), "--expect", UNITS[2])
    assert status == 0  # warnings only
    assert f"缺少下级单位“{UNITS[2]}”的报告" in out
    assert "HIERARCHY-SUM 警告 四/行政复议/结果维持" in out
    status, out = run(
        "hierarchy",
        str(tmp_path / "region.html"),
        str(folder),
        "--format",
        "json",
        "--fail-on",
        "warning",
    )
    assert status == 1
    data = json.loads(out)
    assert data["units"] == list(UNITS[:2]) and data["findings"]


def test_hierarchy_command_unreadable_region(tmp_path: Path) -> None:
    status, _ = run("hierarchy", str(tmp_path / "nope.html"), str(tmp_path))
    assert status == 2


@pytest.mark.parametrize("fmt", ["csv"])
def test_hierarchy_csv(tmp_path: Path, fmt: str) -> None:
    units = [unit(name, i + 1) for i, name in enumerate(UNITS)]
    (tmp_path / "r.html").write_text(to_html(region_of(units[:1]), page=True), "utf-8")
    (tmp_path / "u.html").write_text(to_html(units[1], page=True), "utf-8")
    status, out = run(
        "hierarchy", str(tmp_path / "r.html"), str(tmp_path / "u.html"), "--format", fmt
    )
    assert status == 0
    assert out.splitlines()[0] == "code,severity,where,path,reported,expected,message"
    assert "HIERARCHY-SUM" in out
