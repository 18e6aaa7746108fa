"""The shared builder (stage two): labels, headings, template and shape, row alignment,
section 四, values, metadata, refusals — on hand-built documents and small snippets."""

from __future__ import annotations

import sys
import types
from decimal import Decimal

import attrs
import pytest

from zfxxgk import render
from zfxxgk.cells import Cell, CellKind, Unit
from zfxxgk.errors import NoStandardTablesError, Pre2019ReportError, UnreadableDocumentError
from zfxxgk.model import ApplicantRow, Template
from zfxxgk.readers import read
from zfxxgk.readers.builder import CODES, build
from zfxxgk.readers.document import Document, Paragraph, Table, TextCell
from zfxxgk.readers.labels import Quality, label_index, label_key, strip_numbering
from zfxxgk.readers.sections import find_headings
from zfxxgk.template import FOOTNOTE, RowSpec, cell_specs

from .fixtures.reports import cell_values, report_2019, report_2021

# --------------------------------------------------------------------------------------
# helpers: documents by hand
# --------------------------------------------------------------------------------------


def _doc(*blocks: str | list[list[str]], fmt: str = "docx") -> Document:
    out: list[Paragraph | Table] = []
    tables = 0
    for block in blocks:
        if isinstance(block, str):
            out.append(Paragraph(text=block, location=_loc()))
        else:
            tables += 1
            rows = tuple(
                tuple(
                    TextCell(
                        text=text.lstrip("~"),
                        location=_loc(tables, r, c),
                        spanned=text.startswith("~"),
                    )
                    for c, text in enumerate(row)
                )
                for r, row in enumerate(block)
            )
            out.append(Table(rows=rows, location=_loc(tables)))
    return Document(source="doc.docx", format=fmt, blocks=tuple(out))


def _loc(table: int | None = None, row: int | None = None, cell: int | None = None):  # type: ignore[no-untyped-def]
    from zfxxgk.diagnostics import SourceLocation

    return SourceLocation(
        file="doc.docx",
        table=table,
        row=None if row is None else row + 1,
        cell=None if cell is None else cell + 1,
    )


def _codes(result) -> set[str]:  # type: ignore[no-untyped-def]
    return {d.code for d in result.diagnostics}


def _text_report(text: str, name: str = "r.txt"):  # type: ignore[no-untyped-def]
    return read(text.encode("utf-8"), name=name)


SEED_TEXT = render.to_text(report_2021(), style="tabs")


# --------------------------------------------------------------------------------------
# labels
# --------------------------------------------------------------------------------------


def test_label_key_folds_what_does_not_change_meaning() -> None:
    assert label_key("⼀、本年新收政府信息公开申请数量") == label_key(
        "一、本年新收政府信息公开申请数量"
    )
    assert label_key('3.危及"三安全一稳定"') == label_key("3、危及“三安全一稳定”")
    assert label_key("（七）总计") == label_key("(七)总计") == label_key("七、总计")
    assert label_key("合 计") == label_key("总计")
    assert label_key("其他组织") == label_key("其他")
    assert label_key("四、结转下一年度继续办理") == label_key("四、结转下年度继续办理")
    assert label_key("结果\n维持") == "结果维持"
    assert label_key("\u3000规章\xa0") == "规章"
    assert label_key("１２") == "12"
    assert strip_numbering(label_key("（一）予以公开")) == "予以公开"
    assert strip_numbering(label_key("1.属于国家秘密")) == "属于国家秘密"


@pytest.mark.parametrize(
    ("printed", "row", "quality"),
    [
        ("2.其他法律行政法规禁止公开", "2.其他法律行政法规禁止公开", Quality.EXACT),
        ("规范性文件", "行政规范性文件", Quality.EXACT),  # a known alias
        ("本年新收政府信息公开申请数量", "一、本年新收政府信息公开申请数量", Quality.NUMBERING),
        (
            "（二）部分公开（区分处理的，只计这一情 形，不",
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
            Quality.PARTIAL,
        ),
        ("2.其他法律行政止公开", "2.其他法律行政法规禁止公开", Quality.FUZZY),
    ],
)
def test_label_matching_says_how_it_matched(printed: str, row: str, quality: Quality) -> None:
    match = label_index(Template.V2021, other_single=False).match(printed)
    assert match is not None
    assert match.target.row[-1] == row  # type: ignore[union-attr]
    assert match.quality is quality
    assert match.printed == printed


def test_unknown_and_too_short_labels_do_not_match() -> None:
    index = label_index(Template.V2021, other_single=False)
    for text in ("信息内容", "申请人情况", "数据1", "三、", "（四）无", "法提供", ""):
        assert index.match(text) is None, text


def test_label_caches_are_bounded() -> None:
    index = label_index(Template.V2021, other_single=False)
    for k in range(100):
        index.match(f"无关文字{k}")
    assert len(index._by_text) <= 20000


# --------------------------------------------------------------------------------------
# headings
# --------------------------------------------------------------------------------------


def test_headings_by_wording_not_numbers() -> None:
    paragraphs = [
        "一、总体工作情况",
        "三、主动公开工作情况",  # a sub-heading of 总体情况 with a top-level number
        "四、政府信息公开申请情况",
        "一、主动公开政府信息情况",  # the real 二, numbered wrongly
        "收到和处理政府信息公开申请情况",  # no number (the seed)
        "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况",
        "（一）主要问题",
        "七、其他需要报告的事项",
    ]
    found = find_headings(list(enumerate(paragraphs)))
    assert {s: h.position for s, h in found.items()} == {
        "一": 0,
        "二": 3,
        "三": 4,
        "四": 5,
        "五": 6,
        "六": 7,
    }
    assert found["二"].printed_number == "一" and found["二"].exact


def test_a_heading_running_into_its_text() -> None:
    found = find_headings(
        [
            (
                0,
                "一、总体情况。2024年，我镇认真贯彻条例，主动公开政府信息，取得较好成效，群众满意度高。",
            )
        ]
    )
    assert found["一"].rest.startswith("2024年")


# --------------------------------------------------------------------------------------
# template and （六）
# --------------------------------------------------------------------------------------


def test_template_is_told_by_fingerprint_not_year() -> None:
    # a 2019-template report made in 2021 (some agencies used the old template)
    report = attrs.evolve(
        report_2019(), info=attrs.evolve(report_2019().info, year=2021, title=None)
    )
    result = _text_report(render.to_text(report, style="tabs"))
    assert result.report.info.template is Template.V2019
    assert result.report.info.year == 2021


def test_mixed_fingerprints_are_reported() -> None:
    text = SEED_TEXT.replace("\t本年废止件数", "\t本年新公开数量")
    result = _text_report(text)
    assert result.report.info.template is Template.V2021
    assert "R140" in _codes(result)


def test_one_row_other_handling_is_kept_as_printed() -> None:
    result = _text_report(render.to_text(report_2021(single=True), style="tabs"))
    other = result.report.requests.outcomes.other_handling
    assert isinstance(other, ApplicantRow)
    assert other == report_2021(single=True).requests.outcomes.other_handling
    assert "R141" in _codes(result)
    assert len(list(cell_specs(Template.V2021, other_single=True))) == len(
        cell_values(result.report)
    )


# --------------------------------------------------------------------------------------
# rows
# --------------------------------------------------------------------------------------

_HEAD = [
    FOOTNOTE,
    *(c.column for c in cell_specs(Template.V2021) if c.row_path == ("requests", "new")),
]


def _requests_table(rows: list[list[str]]) -> list[list[str]]:
    return [_HEAD, *rows]


def _row(label: str, *values: int | str) -> list[str]:
    return [label, *(str(v) for v in values)]


ROWS = [(spec.row[-1], spec) for spec in cell_specs(Template.V2021) if spec.section == "三"]


def _seq(values_of: dict[str, list[int]]) -> list[list[str]]:
    labels = []
    for spec in cell_specs(Template.V2021):
        if spec.section == "三" and spec.row[-1] not in labels:
            labels.append(spec.row[-1])
    return [_row(label, *values_of.get(label, [0] * 7)) for label in labels]


def test_rows_without_labels_are_placed_by_order_when_the_count_fits() -> None:
    rows = _seq(
        {
            "（一）予以公开": [1, 0, 0, 0, 0, 0, 1],
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）": [2, 0, 0, 0, 0, 0, 2],
        }
    )
    rows[3][0] = ""  # （二） printed without its label
    rows[4] = rows[4][1:]  # and 1.属于国家秘密 without even an empty label cell
    document = _doc(
        "三、收到和处理政府信息公开申请情况",
        _requests_table(rows),
        "四、政府信息公开行政复议、行政诉讼情况",
    )
    result = build(document)
    outcomes = result.report.requests.outcomes
    assert outcomes.partially_disclosed.natural_person.value == 2
    assert outcomes.withheld.state_secret.natural_person.value == 0
    placed = {d.path for d in result.diagnostics if d.code == "R113"}
    assert placed == {
        "requests.outcomes.partially_disclosed",
        "requests.outcomes.withheld.state_secret",
    }


def test_a_row_with_an_unrecognised_label_is_reported_and_not_placed() -> None:
    rows = _seq({})
    rows[3][0] = "（二）见附件"
    result = build(_doc("三、收到和处理政府信息公开申请情况", _requests_table(rows)))
    assert result.report.requests.outcomes.partially_disclosed.total.kind is CellKind.MISSING
    assert "R115" in _codes(result)


def test_rows_without_labels_are_not_guessed_when_the_count_does_not_fit() -> None:
    rows = _seq({})
    rows[3][0] = ""
    del rows[4]  # a row lost: one unlabelled row for a gap of two
    result = build(_doc("三、收到和处理政府信息公开申请情况", _requests_table(rows)))
    outcomes = result.report.requests.outcomes
    # one of the two is printed, unlabelled: neither is guessed, and neither is said to be
    # not printed — both are unread, expected where the unlabelled row stands
    assert outcomes.partially_disclosed.total.kind is CellKind.UNREAD
    assert outcomes.withheld.state_secret.total.kind is CellKind.UNREAD
    assert "R114" in _codes(result)
    assert not [d for d in result.diagnostics if d.code == "R112" and "requests" in str(d.path)]
    (r114,) = [d for d in result.diagnostics if d.code == "R114"]
    assert result.unread_locations["requests.outcomes.withheld.state_secret.total"] == (
        r114.location
    )


def test_a_row_with_more_numbers_than_columns_is_not_guessed() -> None:
    rows = _seq({})
    rows[2] = _row("（一）予以公开", 1, 2, 0, 0, 0, 0, 0, 3)  # eight numbers for seven cells
    result = build(_doc(_requests_table(rows)))
    assert all(c.kind is CellKind.UNREAD for c in result.report.requests.outcomes.disclosed.cells)
    assert "R111" in _codes(result)


def test_merged_label_copies_without_the_spanned_flag() -> None:
    # some readers repeat a merged cell's text in every position it covers
    rows = [_row(label, *([0] * 7)) for label, _ in {r[0]: r for r in ROWS}.items()]
    doubled = [[row[0], row[0], *row[1:]] for row in rows]
    result = build(_doc(_requests_table(doubled)))
    assert all(c.value == 0 for c in result.report.requests.new.cells)


def test_subtotal_rows_and_columns_are_tolerated() -> None:
    head = [*_HEAD[:6], "小计", *_HEAD[6:]]
    rows = []
    for row in _seq({"一、本年新收政府信息公开申请数量": [5, 1, 0, 0, 0, 0, 6]}):
        subtotal = sum(int(v) for v in row[2:7])
        rows.append([*row[:6], str(subtotal), *row[6:]])
    rows.insert(4, ["（三）不予公开", *["0"] * 8])  # a subtotal row for a group heading
    result = build(_doc([head, *rows]))
    new = result.report.requests.new
    assert (new.natural_person.value, new.commercial_enterprise.value, new.total.value) == (5, 1, 6)
    assert new.other_organization.value == 0
    assert "R117" in _codes(result)


def test_duplicate_rows_keep_the_first() -> None:
    text = SEED_TEXT.replace("\t行政许可\n\t97\n", "\t行政许可\n\t97\n\n\t行政许可\n\t98\n")
    result = _text_report(text)
    assert result.report.proactive.licensing.decisions.value == 97
    assert "R116" in _codes(result)


# --------------------------------------------------------------------------------------
# values
# --------------------------------------------------------------------------------------


def test_money_gets_its_unit_from_the_template() -> None:
    fees = read(render.to_html(report_2021()).encode(), name="x.html").report.proactive.fees.amount
    assert fees.value == Decimal("96171.6") and fees.unit is Unit.WAN_YUAN


def test_a_unit_that_contradicts_the_template_is_reported_not_converted() -> None:
    text = SEED_TEXT.replace("\t96171.6\n", "\t5000元\n")
    result = _text_report(text)
    fees = result.report.proactive.fees.amount
    assert fees.value == 5000 and fees.unit is Unit.YUAN
    assert "R106" in _codes(result)


def test_text_in_a_value_cell_is_not_a_number() -> None:
    text = SEED_TEXT.replace("\t行政许可\n\t97\n", "\t行政许可\n\t约百件\n")
    result = _text_report(text)
    licensing = result.report.proactive.licensing.decisions
    assert licensing.kind is CellKind.TEXT and licensing.value is None
    assert "R105" in _codes(result)


# --------------------------------------------------------------------------------------
# section 四
# --------------------------------------------------------------------------------------


def test_section_four_labelled_rows_in_any_order() -> None:
    table = [
        ["", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计"],
        ["复议后起诉", "8", "9", "0", "1", "18"],
        ["行政复议", "2", "1", "3", "4", "10"],
        ["未经复议直接起诉", "5", "0", "6", "7", "18"],
    ]
    document = _doc(*_basic_blocks(), "四、政府信息公开行政复议、行政诉讼情况", table)
    appeals = build(document).report.appeals
    assert appeals == report_2021().appeals


def _basic_blocks() -> list[str | list[list[str]]]:
    return ["三、收到和处理政府信息公开申请情况", _requests_table(_seq({}))]


# --------------------------------------------------------------------------------------
# metadata
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "agency", "year"),
    [
        (["某某市某某区人民政府", "2024年政府信息公开工作年度报告"], "某某市某某区人民政府", 2024),
        (["某某县2023年度政府信息公开工作年度报告"], "某某县", 2023),
        (["某某县二〇二二年政府信息公开工作年度报告"], "某某县", 2022),
        (["2024 年上海市某某委政府信息公开工作", "年度报告"], "上海市某某委", 2024),
        (["某某区2020年", "政府信息公开工作年度报告"], "某某区", 2020),
    ],
)
def test_agency_and_year_from_the_title(lines: list[str], agency: str, year: int) -> None:
    report = attrs.evolve(
        report_2021(),
        info=attrs.evolve(report_2021().info, title=None, agency=None, year=None, published=None),
    )
    text = render.to_text(report, style="tabs").split("\n", 1)[1]  # without the composed title line
    result = _text_report("\n".join(lines) + "\n" + text)
    assert (result.report.info.agency, result.report.info.year) == (agency, year)


def test_year_from_the_statistical_period_when_the_title_has_none() -> None:
    report = attrs.evolve(
        report_2021(),
        info=attrs.evolve(report_2021().info, title=None, agency=None, year=None, published=None),
    )
    text = render.to_text(report, style="tabs").split("\n", 1)[1]
    result = _text_report("本报告所列数据的统计期限自2023年1月1日起至2023年12月31日止。\n" + text)
    assert result.report.info.year == 2023
    assert result.report.info.agency is None and "R151" in _codes(result)


# --------------------------------------------------------------------------------------
# refusals and delegation
# --------------------------------------------------------------------------------------


def test_pre_2019_report_is_refused_with_its_text() -> None:
    text = (
        "某县2017年政府信息公开工作年度报告\n一、概述\n今年我县认真贯彻条例。\n"
        "六、政府信息公开情况统计表\n指标名称 计量单位 2017年度 历年累计\n"
        "主动公开文件数 条 120 900\n"
    )
    with pytest.raises(Pre2019ReportError) as info:
        _text_report(text, "old.txt")
    assert info.value.code == "E105" and isinstance(info.value, NoStandardTablesError)
    assert "2019 年以前" in info.value.message and "old.txt" in str(info.value)
    assert info.value.narrative is not None and "今年我县认真贯彻条例" in info.value.narrative


_RUN_TOGETHER = (
    "某县2024年政府信息公开工作年度报告一、总体情况今年我县主动公开信息。二、主动公开政府信息情况"
    "第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章000行政规范性文件6233440"
    "第二十条第（五）项信息内容本年处理决定数量行政许可4529三、收到和处理政府信息公开申请情况"
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）一、本年新收政府信息公开申请数量21710000218"
    "五、存在的主要问题及改进情况仍有不足。六、其他需要报告的事项无。"
)


def test_run_together_text_is_refused_clearly_without_the_recovery_module(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "zfxxgk.readers.crawltext", None)
    with pytest.raises(UnreadableDocumentError) as info:
        _text_report(_RUN_TOGETHER, "crawl.txt")
    assert "连在一起" in info.value.message


def test_run_together_text_is_delegated_to_the_recovery_module(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: dict[str, object] = {}

    @attrs.frozen
    class Recovered:
        template: Template
        other_single: bool
        cells: dict[tuple[str, ...], Cell]
        diagnostics: tuple[object, ...]
        locations: dict[tuple[str, ...], object]

    def recover(text: str, *, template: Template, source: str | None) -> Recovered:
        seen.update(text=text, template=template, source=source)
        return Recovered(
            template, False, {("proactive", "licensing", "decisions"): Cell.of(4529)}, (), {}
        )

    fake = types.ModuleType("zfxxgk.readers.crawltext")
    fake.recover = recover  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "zfxxgk.readers.crawltext", fake)
    result = _text_report(_RUN_TOGETHER, "crawl.txt")
    assert seen["template"] is Template.V2021 and seen["source"] == "crawl.txt"
    assert result.report.proactive.licensing.decisions.value == 4529
    assert result.report.requests.new.total.kind is CellKind.MISSING
    assert result.report.overview == "今年我县主动公开信息。"
    assert result.report.other_matters == "无。"
    assert "R160" in _codes(result)


# --------------------------------------------------------------------------------------
# the result
# --------------------------------------------------------------------------------------


def test_diagnostics_have_stable_codes_chinese_messages_and_places() -> None:
    text = SEED_TEXT.replace("\t行政许可\n\t97\n", "\t行政许可\n\t/\n")
    result = _text_report(text)
    for diagnostic in result.diagnostics:
        assert diagnostic.code in CODES
        assert any("\u4e00" <= ch <= "\u9fff" for ch in diagnostic.message)
    placeholder = next(d for d in result.diagnostics if d.code == "R103")
    assert placeholder.path == "proactive.licensing.decisions"
    assert placeholder.labels == ("二", "第二十条第（五）项", "行政许可", "本年处理决定数量")
    assert placeholder.location is not None and placeholder.location.line is not None


def test_provenance_covers_every_cell_read() -> None:
    result = read(render.to_html(report_2021()).encode(), name="x.html")
    assert set(result.provenance) == set(cell_values(report_2021()))
    assert result.provenance["requests.new.total"].table == 2


def test_build_is_format_agnostic() -> None:
    text_doc = read(SEED_TEXT.encode(), name="x.txt").document
    assert text_doc is not None
    as_docx = attrs.evolve(text_doc, format="docx", source="x.docx")
    assert cell_values(build(as_docx).report) == cell_values(report_2021())


def test_every_diagnostic_code_is_documented() -> None:
    from pathlib import Path

    page = (Path(__file__).parent.parent / "docs" / "reading.md").read_text(encoding="utf-8")
    for code in CODES:
        assert f"| {code} |" in page, code


def test_a_sentence_citing_the_regulations_is_not_the_title() -> None:
    report = attrs.evolve(
        report_2021(),
        info=attrs.evolve(report_2021().info, title=None, agency=None, year=None, published=None),
    )
    body = render.to_text(report, style="tabs").split("\n", 1)[1]
    text = "本报告根据《中华人民共和国政府信息公开条例》编制年度报告\n" + body
    assert _text_report(text).report.info.title is None


@pytest.mark.parametrize(
    ("author", "agency"), [("张三", None), ("某某区人民政府办公室", "某某区人民政府办公室")]
)
def test_metadata_author_is_the_agency_only_when_it_names_one(
    author: str, agency: str | None
) -> None:
    document = read(SEED_TEXT.encode(), name="x.txt").document
    assert document is not None
    blocks = tuple(
        b for b in document.blocks if not (isinstance(b, Paragraph) and "年度报告" in b.text)
    )
    bare = attrs.evolve(document, blocks=blocks, metadata={"author": author})
    assert build(bare).report.info.agency == agency


def test_a_group_heading_and_a_row_label_printed_as_one() -> None:
    index = label_index(Template.V2021, other_single=False)
    for printed in (
        "（三）不予公开1.属于国家秘密",
        "三、本年度办理结果（三）不予公开1.属于国家秘密",
    ):
        match = index.match(printed)
        assert match is not None and match.quality is Quality.EXACT
        assert match.target.row[-1] == "1.属于国家秘密"  # type: ignore[union-attr]
    # a row label under the wrong group is not taken for that row
    wrong = index.match("（四）无法提供1.属于国家秘密")
    assert wrong is None or not isinstance(wrong.target, RowSpec)
