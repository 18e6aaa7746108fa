"""Series of one agency: pair rules along the years, gaps, duplicates, agency matching, the
year table, and the ``zfxxgk series`` command (the 平潭 series 2019–2025 of the corpus)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import attrs
import pytest
from hypothesis import given

import zfxxgk
from zfxxgk import strategies as zst
from zfxxgk.cells import Cell
from zfxxgk.diagnostics import Severity
from zfxxgk.model import Report
from zfxxgk.render import to_html
from zfxxgk.review import (
    SERIES_COLUMNS,
    check_series,
    group_by_agency,
    match_agency,
    series_by_agency,
)
from zfxxgk.template import replace_at

from .conftest import SHARED
from .fixtures.review_cli import run

CORPUS = SHARED / "corpus"
PINGTAN = [CORPUS / f"pingtan-{year}-html" / "source.html" for year in range(2019, 2026)]
NO_PINGTAN = f"the 平潭 HTML cases of the shared corpus are not here ({CORPUS})"
needs_pingtan = pytest.mark.skipif(not all(p.is_file() for p in PINGTAN), reason=NO_PINGTAN)


# --------------------------------------------------------------------------------------
# Agency names
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("平潭综合实验区", "平潭综合实验区", True),
        ("平潭综合实验区", "平潭综合实验区管委会", True),
        ("平潭综合实验区（平潭综合实验区管委会，福建；区/县级）", "平潭综合实验区", True),
        ("洪泽区人民政府", "淮安市洪泽区人民政府", True),
        ("上海市 科委", "上海市科委", True),
        ("上海市人民政府", "上海市人民政府办公厅", False),  # the government and its office
        ("西红门镇人民政府", "旧宫镇人民政府", False),
        ("洪泽区民政局", "淮安市洪泽区人民政府", False),
    ],
)
def test_agency_names_match_leniently_and_say_how(a: str, b: str, same: bool) -> None:
    how = match_agency(a, b)
    assert (how is not None) is same
    if how is not None:
        assert match_agency(b, a) is not None
        assert any("\u4e00" <= ch <= "\u9fff" for ch in how)


_BASE = Report.build(
    agency="甲",
    year=2021,
    proactive=zfxxgk.proactive_2021(),
    requests=zfxxgk.DisclosureRequests.from_counts(new=(3, 1), disclosed=(3, 1)),
)


def _report(agency: str | None, year: int, overview: str | None = None) -> Report:
    info = attrs.evolve(_BASE.info, agency=agency, year=year)
    return attrs.evolve(_BASE, info=info, overview=overview)


def test_a_report_without_agency_joins_the_group_its_text_names() -> None:
    items = [
        _report("平潭综合实验区", 2023),
        _report("福州市鼓楼区人民政府", 2023),
        _report(None, 2024, overview="2024年，平潭综合实验区坚持……平潭综合实验区"),
        _report(None, 2024, overview="本机关坚持……"),
    ]
    groups = group_by_agency(items)
    assert [len(g.items) for g in groups] == [2, 1, 1]
    assert groups[0].name == "平潭综合实验区"
    assert "平潭综合实验区" in groups[0].matched[1]
    assert groups[2].name is None


# --------------------------------------------------------------------------------------
# Series from generated reports
# --------------------------------------------------------------------------------------


@given(zst.report_pairs())
def test_a_consistent_pair_is_a_clean_series(pair: tuple[Report, Report]) -> None:
    before, after = pair
    series = check_series([after, before])  # any order
    assert [e.year for e in series.entries] == [before.info.year, after.info.year]
    (step,) = series.steps
    assert step.findings == ()
    assert series.ok and series.findings == ()
    (_, row) = series.rows()
    assert row["carry_over_ok"] is True


def test_gaps_duplicates_and_unknown_years_are_reported() -> None:
    reports = [
        _report("甲", 2021),
        _report("甲", 2023),
        _report("甲", 2024),
        replace_at(_report("甲", 2024), "requests.new.total", Cell.missing()),
        attrs.evolve(_report("甲", 2024), info=attrs.evolve(_BASE.info, year=None)),
    ]
    series = check_series(reports)
    assert series.years == (2021, 2023, 2024)
    assert series.findings.codes == {"SERIES-GAP", "SERIES-DUPLICATE-YEAR", "SERIES-NO-YEAR"}
    (gap,) = series.findings.by_code()["SERIES-GAP"]
    assert "2022" in gap.message and gap.severity is Severity.WARNING
    assert [(s.previous.year, s.current.year) for s in series.steps] == [(2023, 2024)]
    assert len(series.set_aside) == 2
    # of the two 2024 reports the one with no unread cell is kept
    assert series.entries[-1].report.requests.new.total.value is not None
    rows = series.rows()
    assert [r["carry_over_ok"] for r in rows] == [None, None, True]
    assert set(rows[0]) == set(SERIES_COLUMNS)


def test_text_rendering_and_dataframe() -> None:
    series = check_series([_report("甲", 2023), _report("甲", 2024)])
    text = series.to_text()
    assert "一、本年新收" in text and "结转衔接" in text and "一致" in text
    pd = pytest.importorskip("pandas", reason="to_dataframe needs pandas")
    frame = series.to_dataframe()
    assert list(frame.index) == [2023, 2024] and isinstance(frame, pd.DataFrame)
    assert bool(frame.loc[2024, "carry_over_ok"])


@given(zst.report_pairs())
def test_an_unread_cell_is_unknown_in_the_series_never_0(pair: tuple[Report, Report]) -> None:
    before, after = pair
    # a carry-over column and its total not read in the later report, a lawsuit cell not read in the
    # earlier one: neither takes part in a comparison as 0, and neither total is printed as 0
    later = replace_at(after, "requests.carried_over.natural_person", Cell.missing())
    later = replace_at(later, "requests.carried_over.total", Cell.missing())
    earlier = replace_at(before, "appeals.lawsuit_direct.total", Cell.missing())
    series = check_series([earlier, later])
    (step,) = series.steps
    assert "PAIR-CARRY-OVER" not in step.codes
    first, second = series.rows()
    assert first["lawsuits"] is None and second["carried_over"] is None
    assert second["carry_over_ok"] is True
    # the same cells printed blank count as 0, as the template says, and are compared
    blank = replace_at(after, "requests.carried_over.natural_person", Cell.blank())
    expected = before.requests.carried_forward.natural_person.number_or_zero()
    blank_step = check_series([before, blank]).steps[0]
    assert ("PAIR-CARRY-OVER" in blank_step.codes) == (expected != 0)
    text = series.to_text().splitlines()
    assert [line.split()[8] for line in text[2:4]] == ["—", str(second["lawsuits"])]


# --------------------------------------------------------------------------------------
# The 平潭 series of the corpus (must show)
# --------------------------------------------------------------------------------------


@needs_pingtan
def test_pingtan_2019_to_2025_is_one_series_whose_carry_over_holds() -> None:
    (series,) = series_by_agency([zfxxgk.read(p) for p in PINGTAN])
    assert series.years == tuple(range(2019, 2026))
    assert series.agency == "平潭综合实验区"
    assert len(series.steps) == 6
    for step in series.steps:
        assert "PAIR-CARRY-OVER" not in step.codes, step.findings
    assert series.ok
    assert [r["carry_over_ok"] for r in series.rows()] == [None, *[True] * 6]
    # the 2025 page does not name its agency: it joined by its text, and the series says so
    (how,) = series.findings.by_code()["SERIES-AGENCY"]
    assert "2025" in how.message and "平潭综合实验区" in how.message


@needs_pingtan
def test_pingtan_series_through_the_command_line(tmp_path: Path) -> None:
    status, out = run("series", *map(str, PINGTAN))
    assert status == 0
    assert out.startswith("平潭综合实验区 2019–2025年，共 7 份报告")
    assert "PAIR-CARRY-OVER" not in out and "不一致" in out  # document stock (warning) only
    status, out = run("series", *map(str, PINGTAN), "--format", "csv")
    lines = out.splitlines()
    assert lines[0].split(",")[:3] == ["agency", "year", "template"] and len(lines) == 8
    status, out = run("series", *map(str, PINGTAN), "--format", "json")
    (data,) = json.loads(out)
    assert data["years"] == list(range(2019, 2026)) and len(data["steps"]) == 6


@needs_pingtan
def test_a_copy_with_one_carry_over_number_changed_fails_at_that_column(tmp_path: Path) -> None:
    for path in PINGTAN:
        if "2022" not in str(path):
            shutil.copy(path, tmp_path / f"{path.parent.name}.html")
    report = zfxxgk.read(PINGTAN[3]).report
    assert report.info.year == 2022
    value = report.requests.carried_over.natural_person.value
    assert isinstance(value, int)
    changed = replace_at(report, "requests.carried_over.natural_person", Cell.of(value + 1))
    (tmp_path / "pingtan-2022-changed.html").write_text(to_html(changed, page=True), "utf-8")

    status, out = run("series", str(tmp_path))
    assert status == 1
    assert "2021→2022 PAIR-CARRY-OVER 错误 三/二、上年结转政府信息公开申请数量/自然人" in out

    (series,) = series_by_agency([zfxxgk.read(p) for p in sorted(tmp_path.iterdir())])
    step = series.step_to(2022)
    assert step is not None
    (finding,) = step.findings.by_code()["PAIR-CARRY-OVER"]
    assert finding.path == "requests.carried_over.natural_person"
    assert (finding.reported, finding.expected) == (value + 1, value)
    assert [r["carry_over_ok"] for r in series.rows()] == [
        None,
        True,
        True,
        False,
        True,
        True,
        True,
    ]
    assert all("PAIR-CARRY-OVER" not in s.codes for s in series.steps if s is not step)


@needs_pingtan
def test_the_series_command_is_reachable_from_zfxxgk_main(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from zfxxgk import cli

    status = cli.main(["series", *map(str, PINGTAN), "--format", "csv"])
    assert status == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 8 and lines[-1].startswith("平潭综合实验区,2025,2021,154,0,148,6,True")
