"""Rendering reports, and reading the renderings back: HTML, Markdown and seed-style text."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import html as lxml_html

from zfxxgk import render
from zfxxgk.cells import Cell, CellKind
from zfxxgk.model import Report, Template
from zfxxgk.readers import read
from zfxxgk.template import FOOTNOTE, SECTION_TITLES, replace_at

from .fixtures.reports import OTHER, OVERVIEW, PROBLEMS, cell_values, report_2019, report_2021

try:
    from zfxxgk.strategies import reports as report_strategy
except ImportError:  # pragma: no cover - the strategies module is another engineer's
    report_strategy = None

RENDERINGS: dict[str, tuple[Callable[[Report], str], str]] = {
    "html": (render.to_html, "report.html"),
    "markdown": (render.to_markdown, "report.md"),
    "text": (render.to_text, "report.txt"),
}


def _round_trip(report: Report, rendering: str) -> Report:
    write, name = RENDERINGS[rendering]
    return read(write(report).encode("utf-8"), name=name).report


# --------------------------------------------------------------------------------------
# round trips
# --------------------------------------------------------------------------------------

_SENTENCES = (
    "全年主动公开政府信息{n}条。",
    "（一）主动公开方面。通过政府网站发布信息{n}条，政策解读{m}篇。",
    "受理政府信息公开申请{n}件，办结{m}件。",
    "一是加强组织领导；二是完善工作机制。",
    "本年度未收取信息处理费。",
    "发出收费通知{n}件，实际收取{m}元。",
)
_narratives = st.lists(
    st.builds(
        lambda s, n, m: s.format(n=n, m=m),
        st.sampled_from(_SENTENCES),
        st.integers(0, 99999),
        st.integers(0, 999),
    ),
    min_size=1,
    max_size=4,
).map("\n".join)


@pytest.mark.skipif(report_strategy is None, reason="zfxxgk.strategies.reports is not available")
@pytest.mark.parametrize("rendering", sorted(RENDERINGS))
@given(data=st.data())
def test_renderings_read_back_to_the_same_report(rendering: str, data: st.DataObject) -> None:
    assert report_strategy is not None
    report = data.draw(
        report_strategy(blanks=True, placeholders=True, large=data.draw(st.booleans()))
    )
    report = attrs.evolve(
        report,
        overview=data.draw(_narratives),
        problems=data.draw(_narratives),
        other_matters=data.draw(_narratives),
    )
    back = _round_trip(report, rendering)
    assert cell_values(back) == cell_values(report)
    assert back.info.template is report.info.template
    assert (back.info.agency, back.info.year) == (report.info.agency, report.info.year)
    assert (back.overview, back.problems, back.other_matters) == (
        report.overview,
        report.problems,
        report.other_matters,
    )


@pytest.mark.parametrize("rendering", sorted(RENDERINGS))
@pytest.mark.parametrize(
    "make",
    [report_2021, lambda: report_2021(single=True), report_2019],
    ids=["2021", "2021-single", "2019"],
)
def test_sample_reports_read_back_whole(rendering: str, make: Callable[[], Report]) -> None:
    report = make()
    back = _round_trip(report, rendering)
    assert cell_values(back) == cell_values(report)
    # the reader also records the headings as printed: the six, in order
    assert back.info == attrs.evolve(report.info, section_order=tuple(SECTION_TITLES))
    assert (back.overview, back.problems, back.other_matters) == (OVERVIEW, PROBLEMS, OTHER)


def test_the_six_row_shape_is_kept_and_never_invented() -> None:
    back = _round_trip(report_2021(single=True), "html")
    assert back.info.template is Template.V2021
    assert (
        back.requests.outcomes.other_handling
        == report_2021(single=True).requests.outcomes.other_handling
    )


@pytest.mark.parametrize("unknown", [Cell.missing(), Cell.unread()])
def test_unknown_cells_are_drawn_as_unknown_never_empty(unknown: Cell) -> None:
    report = replace_at(report_2021(), "requests.new.total", unknown)
    page = render.to_html(report)
    title = "原文有此格，但未能读取" if unknown.kind is CellKind.UNREAD else "原文未印出此格"
    kind = unknown.kind.value
    assert f'class="zfxxgk-unknown" data-kind="{kind}" title="{title}">未读取<' in page
    back = _round_trip(report, "html")
    # read back as the printed word 未读取: never a blank cell, never a number
    assert back.requests.new.total.kind is CellKind.TEXT
    assert back.requests.new.total.raw == "未读取"


def test_procurement_amount_carries_its_unit() -> None:
    text = render.to_text(report_2019(), style="tabs")
    assert "\t251000元\n" in text
    amount = _round_trip(report_2019(), "text").proactive.procurement.amount
    assert amount.value == 251000 and amount.unit is not None and amount.unit.value == "元"


# --------------------------------------------------------------------------------------
# what the renderings look like
# --------------------------------------------------------------------------------------


def test_html_page_and_tables_as_the_template_draws_them() -> None:
    page = render.to_html(report_2021(), page=True)
    root = lxml_html.document_fromstring(page)
    assert root.findtext(".//title") == "北京市大兴区西红门镇人民政府2024年政府信息公开工作年度报告"
    metas = {m.get("name"): m.get("content") for m in root.iter("meta") if m.get("name")}
    assert metas == {"author": "北京市大兴区西红门镇人民政府", "PubDate": "2025-01-20"}
    tables = root.findall(".//table")
    assert len(tables) == 3
    first = tables[1].find(".//td")
    assert first is not None
    assert (first.text, first.get("rowspan"), first.get("colspan")) == (FOOTNOTE, "3", "3")
    spans = {td.text: td.get("rowspan") for td in tables[1].iter("td") if td.get("rowspan")}
    assert spans["三、本年度办理结果"] == "22" and spans["（六）其他处理"] == "3"
    single = lxml_html.fragment_fromstring(render.to_html(report_2021(single=True)))
    spans = {td.text: td.get("rowspan") for td in single.iter("td") if td.get("rowspan")}
    assert spans["三、本年度办理结果"] == "20" and "（六）其他处理" not in spans
    top = [(td.text, td.get("colspan")) for td in tables[2].find(".//tr")]  # type: ignore[union-attr]
    assert top == [("行政复议", "5"), ("行政诉讼", "10")]


def test_text_is_laid_out_like_the_seed() -> None:
    lines = render.to_text(report_2021(), style="tabs").splitlines()
    at = lines.index("\t三、本年度办理结果")
    assert lines[at : at + 10] == [
        "\t三、本年度办理结果",
        "\t（一）予以公开",
        "\t17",
        "\t3",
        "\t1",
        "\t0",
        "\t0",
        "\t0",
        "\t21",
        "",
    ]
    # the next row starts with an empty line where 三、本年度办理结果 covers it
    assert lines[at + 10 : at + 12] == [
        "\t",
        "\t（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    ]
    assert lines[:3] == [
        "北京市大兴区西红门镇人民政府2024年政府信息公开工作年度报告",
        "（2025年1月20日）",
        "",
    ]


def test_markdown_tables_have_a_separator_after_their_first_row() -> None:
    lines = render.to_markdown(report_2021()).splitlines()
    starts = [
        i
        for i, line in enumerate(lines)
        if line.startswith("|") and not lines[i - 1].startswith("|")
    ]
    assert len(starts) == 3
    for i in starts:
        assert set(lines[i + 1]) <= {"|", "-"}
        assert lines[i].count("|") == lines[i + 1].count("|")


def test_title_is_composed_when_missing() -> None:
    report = attrs.evolve(
        report_2021(), info=attrs.evolve(report_2021().info, title=None, published=None)
    )
    text = render.to_text(report, style="tabs")
    assert text.startswith("北京市大兴区西红门镇人民政府2024年政府信息公开工作年度报告\n")
    assert read(text.encode(), name="x.txt").report.info.published is None
    assert dt.date(2025, 1, 20) == report_2021().info.published
