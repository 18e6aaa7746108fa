"""The six sections as printed: the readers record their order, the text rules check it.

Fixtures are the sample reports rendered by :mod:`zfxxgk.render` (HTML, Markdown, text) with
their section blocks cut apart and put back in another order, twice, or not at all.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import attrs
import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zfxxgk import check, render, serialize
from zfxxgk.errors import JSONLoadError
from zfxxgk.model import Report
from zfxxgk.readers import ParseResult, read
from zfxxgk.rules.text import sections_present
from zfxxgk.template import SECTION_TITLES

from .conftest import SHARED
from .fixtures.reports import OTHER, OVERVIEW, PROBLEMS, cell_values, report_2019, report_2021
from .hypothesis_profiles import examples

SIX = tuple(SECTION_TITLES)
ORDER_CODES = ("N201", "N202", "N203")

# format: (write, file name, how a heading starts, where the sections end)
FORMATS: dict[str, tuple[Callable[[Report], str], str, str, str | None]] = {
    "html": (render.to_html, "report.html", "<h2>", "</div>"),
    "markdown": (render.to_markdown, "report.md", "## ", None),
    "text": (render.to_text, "report.txt", "\n", None),
}


def _rearranged(report: Report, form: str, order: Sequence[str]) -> str:
    """*report* rendered as *form*, its section blocks printed in *order* (repeats allowed,
    sections left out not printed)."""
    write, _, mark, closing = FORMATS[form]
    text = write(report)
    starts = [text.index(f"{mark}{n}、{title}") for n, title in SECTION_TITLES.items()]
    end = text.rindex(closing) if closing else len(text)
    bounds = [*starts, end]
    blocks = {n: text[bounds[k] : bounds[k + 1]].rstrip("\n") + "\n" for k, n in enumerate(SIX)}
    if form == "text":  # the heading's line break belongs to the block before
        blocks = {n: "\n" + b for n, b in blocks.items()}
    return text[: starts[0]] + "".join(blocks[n] for n in order) + text[end:]


def _read(report: Report, form: str, order: Sequence[str]) -> ParseResult:
    name = FORMATS[form][1]
    return read(_rearranged(report, form, order).encode("utf-8"), name=name)


def _order_findings(report: Report) -> list[tuple[str, str]]:
    return [(f.code, f.message) for f in check(report) if f.code in ORDER_CODES]


@pytest.fixture(params=sorted(FORMATS))
def form(request: pytest.FixtureRequest) -> str:
    return str(request.param)


# --------------------------------------------------------------------------------------
# Reading: the order as printed, the sections and tables still read
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("make", [report_2021, report_2019], ids=["2021", "2019"])
def test_in_order_is_recorded_and_silent(form: str, make: Callable[[], Report]) -> None:
    result = _read(make(), form, SIX)
    assert result.report.info.section_order == SIX
    assert _order_findings(result.report) == []
    assert "R122" not in {d.code for d in result.diagnostics}


def test_five_and_six_swapped(form: str) -> None:
    report = report_2021()
    result = _read(report, form, "一二三四六五")
    back = result.report
    assert back.info.section_order == ("一", "二", "三", "四", "六", "五")
    assert _order_findings(back) == [("N202", "章节顺序与规定格式不一致：一、二、三、四、六、五")]
    # section 五 is read from where it is printed, and section 六 stops before it
    assert (back.overview, back.problems, back.other_matters) == (OVERVIEW, PROBLEMS, OTHER)
    assert cell_values(back) == cell_values(report)
    (diagnostic,) = [d for d in result.diagnostics if d.code == "R122"]
    assert "五、存在的主要问题及改进情况" in diagnostic.message and diagnostic.location is not None
    assert "R100" not in {d.code for d in result.diagnostics}


@pytest.mark.parametrize(
    ("order", "message"),
    [
        ("一三二四五六", "章节顺序与规定格式不一致：一、三、二、四、五、六"),  # two table sections
        ("一二四三五六", "章节顺序与规定格式不一致：一、二、四、三、五、六"),  # 四 before 三
        ("一二三五四六", "章节顺序与规定格式不一致：一、二、三、五、四、六"),
        ("五一二三四六", "章节顺序与规定格式不一致：五、一、二、三、四、六"),
        ("六五四三二一", "章节顺序与规定格式不一致：六、五、四、三、二、一"),
    ],
)
def test_other_orders(form: str, order: str, message: str) -> None:
    report = report_2021()
    back = _read(report, form, order).report
    assert back.info.section_order == tuple(order)
    assert _order_findings(back) == [("N202", message)]
    assert (back.overview, back.problems, back.other_matters) == (OVERVIEW, PROBLEMS, OTHER)
    assert cell_values(back) == cell_values(report)


def test_a_section_printed_twice(form: str) -> None:
    report = report_2021()
    result = _read(report, form, "一二三四五五六")
    back = result.report
    assert back.info.section_order == ("一", "二", "三", "四", "五", "五", "六")
    assert _order_findings(back) == [("N203", "第五部分出现了不止一次")]
    # both printings stay in section 五's text, in the order printed
    assert back.problems is not None and back.problems.count("申请内容不明确") == 2
    assert back.other_matters == OTHER
    assert cell_values(back) == cell_values(report)
    assert [d.code for d in result.diagnostics] == ["R122"]


def test_a_table_section_printed_twice_keeps_its_numbers(form: str) -> None:
    report = report_2021()
    back = _read(report, form, "一二三四四五六").report
    assert _order_findings(back) == [("N203", "第四部分出现了不止一次")]
    assert cell_values(back) == cell_values(report)


def test_out_of_order_and_twice(form: str) -> None:
    back = _read(report_2021(), form, "一二三四六五六").report
    assert back.info.section_order == ("一", "二", "三", "四", "六", "五", "六")
    assert _order_findings(back) == [
        ("N202", "章节顺序与规定格式不一致：一、二、三、四、六、五"),
        ("N203", "第六部分出现了不止一次"),
    ]
    assert back.problems == PROBLEMS


def test_a_missing_section_is_missing(form: str) -> None:
    report = report_2021()
    result = _read(report, form, "一二三四六")
    back = result.report
    assert back.info.section_order == ("一", "二", "三", "四", "六")
    assert _order_findings(back) == [("N201", "缺少第五部分“存在的主要问题及改进情况”")]
    assert back.problems is None and back.other_matters == OTHER
    assert cell_values(back) == cell_values(report)
    assert "R100" in {d.code for d in result.diagnostics}


def test_a_section_printed_twice_out_of_place_is_not_guessed(form: str) -> None:
    # 五 only after 六, twice: which printing is section 五 is not known, so neither is read
    back = _read(report_2021(), form, "一二三四六五五").report
    assert back.info.section_order == ("一", "二", "三", "四", "六", "五", "五")
    assert back.problems is None
    assert back.other_matters == OTHER
    assert [code for code, _ in _order_findings(back)] == ["N202", "N203"]  # not N201


@pytest.mark.parametrize(
    ("after", "line"),
    [
        ("二、主动公开政府信息情况", "主动公开政府信息情况"),  # a caption repeating the title
        ("一、总体情况", "四、政府信息公开申请情况"),  # a sub-heading of 总体情况 (FORMAT.md §6)
        ("一、总体情况", "（五）存在的主要问题及改进情况"),  # sub-level numbering
        ("一、总体情况", "七、其他需要报告的事项"),  # another section's number
    ],
)
def test_what_is_not_a_second_heading(form: str, after: str, line: str) -> None:
    report = report_2021()
    write, name, _, _ = FORMATS[form]
    printed = write(report)
    cut = printed.index(after) + len(after)
    cut = printed.index("\n", cut) + 1
    if form == "html":
        line = f"<p>{line}</p>"
    result = read((printed[:cut] + line + "\n\n" + printed[cut:]).encode("utf-8"), name=name)
    assert result.report.info.section_order == SIX
    assert _order_findings(result.report) == []
    assert cell_values(result.report) == cell_values(report)


@settings(max_examples=examples(40), deadline=None)
@given(order=st.permutations(SIX), form=st.sampled_from(sorted(FORMATS)))
def test_any_order_reads_back(order: list[str], form: str) -> None:
    """Any order of the six sections: recorded as printed, every section and cell read,
    N202 exactly when the order is not the template's."""
    report = report_2021()
    back = _read(report, form, order).report
    assert back.info.section_order == tuple(order)
    assert cell_values(back) == cell_values(report)
    assert (back.overview, back.problems, back.other_matters) == (OVERVIEW, PROBLEMS, OTHER)
    expected = [] if tuple(order) == SIX else ["N202"]
    assert [code for code, _ in _order_findings(back)] == expected


CORPUS = SHARED / "corpus"


def _corpus_cases() -> list[str]:
    if not CORPUS.is_dir():
        return []
    return sorted(p.name for p in CORPUS.iterdir() if (p / "cells.csv").is_file())


@pytest.mark.parametrize("case", _corpus_cases() or ["(no corpus)"])
def test_the_corpus_prints_its_sections_in_order(case: str) -> None:
    """Every published report of the corpus prints its six sections in order: recorded so
    (run-together text: not known), and no N201/N202/N203."""
    if not CORPUS.is_dir():
        pytest.skip(f"the shared corpus is not here ({CORPUS})")
    source = next((CORPUS / case).glob("source.*"))
    if source.suffix == ".pdf":
        pytest.importorskip("pdfplumber", reason="reading PDF needs pdfplumber")
    result = read(source)
    order = result.report.info.section_order
    assert order == (None if "crawltext" in case else SIX)
    assert _order_findings(result.report) == []
    assert "R122" not in {d.code for d in result.diagnostics}


# --------------------------------------------------------------------------------------
# The rule on the recorded order (no reader involved)
# --------------------------------------------------------------------------------------


def _with_order(report: Report, order: tuple[str, ...] | None) -> Report:
    return attrs.evolve(report, info=attrs.evolve(report.info, section_order=order))


def test_without_a_recorded_order_only_n201_speaks() -> None:
    report = report_2021()
    assert report.info.section_order is None
    assert _order_findings(report) == []
    assert _order_findings(attrs.evolve(report, problems=None)) == [
        ("N201", "缺少第五部分“存在的主要问题及改进情况”")
    ]


def test_a_heading_printed_counts_as_present() -> None:
    # 五's heading was seen (twice, out of place) but its text not read: not "missing"
    report = _with_order(attrs.evolve(report_2021(), problems=None), (*SIX[:4], "六", "五", "五"))
    assert "五" not in sections_present(report)
    assert [code for code, _ in _order_findings(report)] == ["N202", "N203"]


@given(
    order=st.lists(st.sampled_from(SIX), min_size=1, max_size=9),
)
def test_order_findings_follow_the_recorded_order(order: list[str]) -> None:
    report = _with_order(report_2021(), tuple(order))
    codes = [code for code, _ in _order_findings(report)]
    first = list(dict.fromkeys(order))
    repeated = {n for n in order if order.count(n) > 1}
    assert codes.count("N201") == 0  # all six are present in the report's fields and tables
    assert codes.count("N202") == (first != sorted(first, key=SIX.index))
    assert codes.count("N203") == len(repeated)


def test_sums_and_built_reports_have_no_order() -> None:
    report = _with_order(report_2021(), ("一", "二", "三", "四", "六", "五"))
    assert (report + report).info.section_order is None


def test_the_order_is_part_of_the_value() -> None:
    report = report_2021()
    assert _with_order(report, SIX) != report
    assert _with_order(report, SIX) == _with_order(report, SIX)
    assert hash(_with_order(report, SIX)) == hash(_with_order(report, SIX))


@pytest.mark.parametrize(
    ("value", "error"),
    [(["一"], TypeError), ("一二三", TypeError), (("七",), ValueError), ((1,), ValueError)],
)
def test_the_order_holds_section_numbers_only(value: object, error: type[Exception]) -> None:
    with pytest.raises(error):
        attrs.evolve(report_2021().info, section_order=value)


# --------------------------------------------------------------------------------------
# JSON
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("labels", [False, True], ids=["fields", "labels"])
@pytest.mark.parametrize("order", [None, SIX, ("一", "二", "三", "四", "六", "五", "五"), ()])
def test_the_order_round_trips_through_json(labels: bool, order: tuple[str, ...] | None) -> None:
    report = _with_order(report_2021(), order)
    data = serialize.to_dict(report, labels=labels)
    assert data["report"]["info"]["section_order"] == (None if order is None else list(order))
    jsonschema.Draft202012Validator(serialize.schema()).validate(data)
    back = serialize.loads(serialize.dumps(report, labels=labels))
    assert back == report and back.info.section_order == order


def test_a_report_read_from_a_file_round_trips() -> None:
    report = _read(report_2021(), "html", "一二三四六五").report
    back = serialize.loads(serialize.dumps(report))
    assert back == report
    assert _order_findings(back) == _order_findings(report)


@pytest.mark.parametrize(
    ("value", "where"),
    [
        ("一二三", "$.report.info.section_order"),
        (["一", "七"], "$.report.info.section_order[1]"),
        ([1], "$.report.info.section_order[0]"),
    ],
)
def test_a_wrong_order_in_json_is_refused_with_its_path(value: object, where: str) -> None:
    data = serialize.to_dict(report_2021())
    data["report"]["info"]["section_order"] = value
    with pytest.raises(JSONLoadError) as caught:
        serialize.from_dict(data)
    assert any(line.endswith(f"@ {where}") for line in caught.value.problems), caught.value
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(serialize.schema()).validate(data)
