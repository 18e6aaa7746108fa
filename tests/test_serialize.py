"""zfxxgk.serialize: the JSON envelope, both key modes, strict loading, the JSON Schema."""

from __future__ import annotations

import ast
import copy
import datetime as dt
import io
import json
import re
import subprocess
import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import cattrs
import jsonschema
import pytest

from zfxxgk import serialize, template
from zfxxgk.cells import Cell, CellKind, Unit
from zfxxgk.errors import JSONLoadError, ZfxxgkError
from zfxxgk.model import (
    Appeals,
    ApplicantRow,
    DisclosureRequests,
    OtherHandling,
    ProactiveDisclosure2019,
    ProactiveDisclosure2021,
    Report,
    Template,
    proactive_2019,
    proactive_2021,
)

REPO = Path(__file__).resolve().parent.parent

# --------------------------------------------------------------------------------------
# Hand-built reports: both templates, both shapes of （六）, every kind of cell
# --------------------------------------------------------------------------------------


def _requests(single: bool) -> DisclosureRequests:
    other: dict[str, Any] = (
        {"other_handling_single": [2, 1]} if single else {"other_handling": [[1], [], [1, 1]]}
    )
    return DisclosureRequests.from_counts(
        new=[55, 8],
        carried_over=[1],
        disclosed=[17, 3],
        partially_disclosed=[5],
        withheld=[[], [], [], [], [], [], [1]],
        unavailable=[[25, 3], [2]],
        not_processed=[[], [1, 1]],
        **other,
    )


def _with_cells(report: Report, cells: dict[str, Cell]) -> Report:
    for path, cell in cells.items():
        report = template.replace_at(report, path, cell)
    return report


def report_2021_split() -> Report:
    report = Report.build(
        agency="示例县民政局",
        year=2024,
        title="示例县民政局2024年政府信息公开工作年度报告",
        published=dt.date(2025, 1, 20),
        proactive=proactive_2021(
            regulations=(1, 0, 5), normative_documents=(3, 1, 22), fees="96171.60"
        ),
        requests=_requests(single=False),
        appeals=Appeals.from_counts(review=(2, 1), lawsuit_direct=(0, 0, 1)),
        overview="（一）主动公开情况……\n本年度共受理申请63件。",
        problems="",
        other_matters=None,
    )
    return _with_cells(
        report,
        {
            "requests.new.research_institution": Cell.blank(),
            "requests.new.legal_service_institution": Cell.blank("\u00a0"),
            "requests.carried_over.commercial_enterprise": Cell.placeholder("/"),
            "requests.carried_over.research_institution": Cell.placeholder("无"),
            "requests.carried_over.other_organization": Cell(raw="见附表", kind=CellKind.TEXT),
            "requests.carried_forward.legal_service_institution": Cell.missing(),
            "proactive.regulations.issued": Cell.of(22, raw="22（其中修订16件）"),
            "proactive.normative_documents.in_force": Cell.of(12, raw="１２"),
            "appeals.review.other": Cell.of(0),
            "appeals.review.pending": Cell.of(-1),
        },
    )


def report_2021_single() -> Report:
    report = Report.build(
        agency="示例市司法局",
        year=2022,
        proactive=proactive_2021(fees=Decimal("0.00")),
        requests=_requests(single=True),
    )
    return _with_cells(
        report,
        {
            "requests.outcomes.other_handling.total": Cell.blank(),
            "proactive.fees.amount": Cell.placeholder("—"),
        },
    )


def report_2019() -> Report:
    report = Report.build(
        agency="示例区人民政府",
        year=2020,
        published=dt.date(2021, 3, 31),
        proactive=proactive_2019(
            licensing=(10, -3, 120),
            fees=(4, -1),
            procurement_projects=7,
            procurement_amount="251000",
        ),
        requests=_requests(single=True),
        overview="总体情况",
        problems="存在的问题",
        other_matters="本年度未收取信息处理费。",
    )
    return _with_cells(
        report,
        {
            "proactive.procurement.amount": Cell.of(
                Decimal("251000"), raw="251000元", unit=Unit.YUAN
            ),
            "proactive.other_services.change": Cell.of(0, raw="0"),
            "proactive.fees.change": Cell.blank(),
            "requests.new.total": Cell.of(63, unit=Unit.YUAN),
        },
    )


REPORTS: dict[str, Callable[[], Report]] = {
    "2021-split": report_2021_split,
    "2021-single": report_2021_single,
    "2019": report_2019,
}


def _cell_facts(cell: Cell) -> tuple[object, ...]:
    value = cell.value
    return (type(value), None if value is None else str(value), cell.raw, cell.unit, cell.kind)


def assert_exact(a: Report, b: Report) -> None:
    """Equal, and equal in what == does not see: int vs Decimal, 1.0 vs 1.00, blank vs 0."""
    assert a == b
    assert type(a.proactive) is type(b.proactive)
    assert type(a.requests.outcomes.other_handling) is type(b.requests.outcomes.other_handling)
    left = [(spec.path, _cell_facts(cell)) for spec, cell in template.iter_cells(a)]
    right = [(spec.path, _cell_facts(cell)) for spec, cell in template.iter_cells(b)]
    assert left == right
    assert attrs.astuple(a.info, recurse=False) == attrs.astuple(b.info, recurse=False)
    assert type(a.info.published) is type(b.info.published)


@pytest.fixture(params=sorted(REPORTS))
def report(request: pytest.FixtureRequest) -> Report:
    return REPORTS[request.param]()


@pytest.fixture(params=[False, True], ids=["fields", "labels"])
def labels(request: pytest.FixtureRequest) -> bool:
    return bool(request.param)


# --------------------------------------------------------------------------------------
# Round trips
# --------------------------------------------------------------------------------------


def test_round_trip_is_exact(report: Report, labels: bool) -> None:
    text = serialize.dumps(report, labels=labels)
    again = serialize.loads(text)
    assert_exact(again, report)
    assert serialize.dumps(again, labels=labels) == text


def test_round_trip_through_files(report: Report, labels: bool) -> None:
    out = io.StringIO()
    serialize.dump(report, out, labels=labels, indent=2)
    assert out.getvalue() == serialize.dumps(report, labels=labels, indent=2)
    assert_exact(serialize.load(io.StringIO(out.getvalue())), report)
    assert_exact(serialize.load(io.BytesIO(out.getvalue().encode("utf-8"))), report)


def test_dict_round_trip(report: Report, labels: bool) -> None:
    data = serialize.to_dict(report, labels=labels)
    assert json.loads(json.dumps(data)) == data  # plain JSON data only
    assert_exact(serialize.from_dict(data), report)


def test_envelope(report: Report) -> None:
    data = serialize.to_dict(report)
    assert list(data) == ["format", "version", "keys", "report"]
    assert (data["format"], data["version"], data["keys"]) == ("zfxxgk.report", 1, "fields")
    assert serialize.to_dict(report, labels=True)["keys"] == "labels"


def test_chinese_is_not_escaped() -> None:
    text = serialize.dumps(report_2021_split())
    assert "示例县民政局" in text
    assert "\\u" not in text.replace("\\u00a0", "")


# --------------------------------------------------------------------------------------
# Cells: compact and exact
# --------------------------------------------------------------------------------------


def test_cell_encoding_keeps_every_kind_apart() -> None:
    body = serialize.to_dict(report_2021_split())["report"]
    new = body["requests"]["new"]
    carried = body["requests"]["carried_over"]
    assert new["natural_person"] == 55  # a plain number is a bare integer
    assert carried["natural_person"] == 1
    assert body["appeals"]["review"]["other"] == 0
    assert new["research_institution"] == {"kind": "blank"}
    assert new["legal_service_institution"] == {"kind": "blank", "raw": "\u00a0"}
    assert carried["commercial_enterprise"] == {"kind": "placeholder", "raw": "/"}
    assert carried["research_institution"] == {"kind": "placeholder", "raw": "无"}
    assert carried["other_organization"] == {"kind": "text", "raw": "见附表"}
    assert body["requests"]["carried_forward"]["legal_service_institution"] == {"kind": "missing"}
    assert body["proactive"]["regulations"]["issued"] == {
        "kind": "number",
        "value": 22,
        "raw": "22（其中修订16件）",
    }
    assert body["appeals"]["review"]["pending"] == -1  # what was printed, not checked here


def test_money_is_a_decimal_string_with_its_precision_and_unit() -> None:
    body = serialize.to_dict(report_2021_split())["report"]
    assert body["proactive"]["fees"]["amount"] == {
        "kind": "number",
        "value": "96171.60",
        "unit": "万元",
    }
    loaded = serialize.loads(serialize.dumps(report_2021_split()))
    assert isinstance(loaded.proactive, ProactiveDisclosure2021)
    amount = loaded.proactive.fees.amount
    assert isinstance(amount.value, Decimal)
    assert str(amount.value) == "96171.60"
    assert amount.unit is Unit.WAN_YUAN


def test_bare_decimal_string_in_a_money_column() -> None:
    report = _with_cells(
        report_2019(), {"proactive.procurement.amount": Cell.of(Decimal("1.5E+3"))}
    )
    body = serialize.to_dict(report)["report"]
    assert body["proactive"]["procurement"]["amount"] == "1.5E+3"
    assert_exact(serialize.from_dict(serialize.to_dict(report)), report)


def test_int_in_a_money_column_stays_int() -> None:
    report = _with_cells(report_2019(), {"proactive.procurement.amount": Cell.of(251000)})
    data = serialize.to_dict(report)
    assert data["report"]["proactive"]["procurement"]["amount"] == 251000
    proactive = serialize.from_dict(data).proactive
    assert isinstance(proactive, ProactiveDisclosure2019)
    assert type(proactive.procurement.amount.value) is int


def test_decimal_in_a_count_column_is_an_explicit_number_object() -> None:
    """A non-whole count (the checks report it) survives, but never as a bare string."""
    for value in ("63.5", "63"):
        report = _with_cells(report_2021_split(), {"requests.new.total": Cell.of(Decimal(value))})
        data = serialize.to_dict(report)
        assert data["report"]["requests"]["new"]["total"] == {"kind": "number", "value": value}
        assert_exact(serialize.from_dict(data), report)
    data["report"]["requests"]["new"]["total"] = "63"
    with pytest.raises(JSONLoadError, match='应为整数，实为字符串 "63" @ '):
        serialize.from_dict(data)


def test_cell_object_accepts_null_for_absent_attributes() -> None:
    data = serialize.to_dict(report_2021_split())
    new = data["report"]["requests"]["new"]
    new["research_institution"] = {"kind": "blank", "value": None, "raw": None, "unit": None}
    new["natural_person"] = {"kind": "number", "value": 55}
    assert_exact(serialize.from_dict(data), report_2021_split())


# --------------------------------------------------------------------------------------
# Label-keyed JSON
# --------------------------------------------------------------------------------------


def test_label_keys_come_from_the_template(report: Report) -> None:
    fields = serialize.to_dict(report)["report"]
    labelled = serialize.to_dict(report, labels=True)["report"]
    headings = [f"{no}、{title}" for no, title in template.SECTION_TITLES.items()]
    assert list(labelled) == ["info", *headings]
    for no, attr in {**template.TABLE_SECTIONS, **template.NARRATIVE_SECTIONS}.items():
        heading = f"{no}、{template.SECTION_TITLES[no]}"
        if attr in template.NARRATIVE_SECTIONS.values():
            assert labelled[heading] == fields[attr]
    count = 0
    for spec, _cell in template.iter_cells(report):
        node: Any = labelled[f"{spec.section}、{template.SECTION_TITLES[spec.section]}"]
        for key in (*spec.row, spec.column):
            node = node[key]
        by_name: Any = fields
        for key in spec.path:
            by_name = by_name[key]
        assert node == by_name, spec.labels
        count += 1
    assert count == len(template.specs_of(report))


def test_label_keys_examples() -> None:
    labelled = serialize.to_dict(report_2021_split(), labels=True)["report"]
    s2 = labelled["二、主动公开政府信息情况"]
    assert s2["第二十条第（一）项"]["规章"]["本年制发件数"]["value"] == 22
    s3 = labelled["三、收到和处理政府信息公开申请情况"]
    assert s3["三、本年度办理结果"]["（一）予以公开"]["自然人"] == 17
    assert set(s3["三、本年度办理结果"]["（六）其他处理"]) == {
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "3.其他",
    }
    s4 = labelled["四、政府信息公开行政复议、行政诉讼情况"]
    assert s4["行政诉讼"]["未经复议直接起诉"]["其他结果"] == 1
    single = serialize.to_dict(report_2019(), labels=True)["report"]
    other = single["三、收到和处理政府信息公开申请情况"]["三、本年度办理结果"]["（六）其他处理"]
    assert next(iter(other)) == "自然人"


def _code_strings(source: str) -> list[str]:
    """The string constants of a module's code (docstrings left out: they may quote labels)."""
    tree = ast.parse(source)
    docstrings = {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
    }
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


def test_serialize_types_no_label() -> None:
    """Every label is read from the model metadata; the JSON code (the ``json_report`` package,
    once ``serialize.py``) types none of them."""
    package = REPO / "src" / "zfxxgk" / "json_report"
    strings = [
        s for path in sorted(package.glob("*.py")) for s in _code_strings(path.read_text("utf-8"))
    ]
    assert any("未知的键" in s for s in strings)  # the scan sees the messages
    labels: set[str] = set(template.SECTION_TITLES.values())
    for tpl in Template:
        for single in (True, False):
            for spec in template.cell_specs(tpl, other_single=single):
                labels.update((*spec.row, spec.column, *spec.row_aliases, *spec.column_aliases))
    typed = sorted(label for label in labels for s in strings if label in s)
    assert typed == []


# --------------------------------------------------------------------------------------
# None and absent
# --------------------------------------------------------------------------------------


def test_none_is_written_as_null() -> None:
    report = Report.build(
        agency=None, year=None, proactive=proactive_2021(), requests=_requests(False)
    )
    body = serialize.to_dict(report)["report"]
    assert body["info"] == {
        "template": "2021",
        "agency": None,
        "year": None,
        "title": None,
        "published": None,
        "section_order": None,
    }
    assert body["overview"] is None
    assert body["problems"] is None


@pytest.mark.parametrize("labels", [False, True], ids=["fields", "labels"])
def test_optional_keys_may_be_absent(labels: bool) -> None:
    report = Report.build(
        agency=None, year=None, proactive=proactive_2021(), requests=_requests(False)
    )
    data = serialize.to_dict(report, labels=labels)
    body = data["report"]
    for key in ("agency", "year", "title", "published"):
        del body["info"][key]
    for key in list(body):
        if body[key] is None:
            del body[key]
    assert len(body) == 4  # info and the three table sections
    assert_exact(serialize.from_dict(data), report)


def test_empty_narrative_is_not_none() -> None:
    loaded = serialize.loads(serialize.dumps(report_2021_split()))
    assert loaded.problems == ""
    assert loaded.other_matters is None


# --------------------------------------------------------------------------------------
# Errors: what, and where
# --------------------------------------------------------------------------------------

Mutation = Callable[[dict[str, Any]], None]


def _set(path: str, value: Any) -> Mutation:
    def mutate(data: dict[str, Any]) -> None:
        *head, last = path.split(".")
        node: Any = data
        for key in head:
            node = node[key]
        node[last] = value

    return mutate


def _delete(path: str) -> Mutation:
    def mutate(data: dict[str, Any]) -> None:
        *head, last = path.split(".")
        node: Any = data
        for key in head:
            node = node[key]
        del node[last]

    return mutate


FIELD_ERRORS: list[tuple[str, Mutation, str, str]] = [
    (
        "a year out of range (issue 15)",
        _set("report.info.year", -5),
        "年度应在 1990–2100 之间，实为 -5 [J-RANGE]",
        "$.report.info.year",
    ),
    (
        "a count beyond the parser's bound (issue 15)",
        _set("report.requests.new.total", 10**30),
        "数值超出范围：最多 15 位数字（整数部分与小数部分一起计）[J-RANGE]",
        "$.report.requests.new.total",
    ),
    (
        "float for a count",
        _set("report.requests.new.total", 1.7),
        "应为整数，实为小数 1.7",
        "$.report.requests.new.total",
    ),
    (
        "true for a count",
        _set("report.requests.new.total", True),
        "应为整数，实为布尔值 true",
        "$.report.requests.new.total",
    ),
    (
        '"3" for a count',
        _set("report.requests.new.total", "3"),
        '应为整数，实为字符串 "3"',
        "$.report.requests.new.total",
    ),
    (
        "1.0 for a count",
        _set("report.appeals.review.total", 1.0),
        "应为整数",
        "$.report.appeals.review.total",
    ),
    (
        "null cell",
        _set("report.requests.new.total", None),
        "单元格不能是 null",
        "$.report.requests.new.total",
    ),
    (
        "float in a cell object",
        _set("report.requests.new.total", {"kind": "number", "value": 2.5}),
        '应为整数或十进制数字字符串（如 "96171.6"），实为小数 2.5',
        "$.report.requests.new.total.value",
    ),
    (
        "float money",
        _set("report.proactive.fees.amount.value", 96171.6),
        "金额应写成字符串",
        "$.report.proactive.fees.amount.value",
    ),
    (
        "bare float money",
        _set("report.proactive.fees.amount", 96171.6),
        "不能用 JSON 小数",
        "$.report.proactive.fees.amount",
    ),
    (
        "bad decimal string",
        _set("report.proactive.fees.amount", "9万"),
        "十进制数字字符串",
        "$.report.proactive.fees.amount",
    ),
    (
        "full-width decimal",
        _set("report.proactive.fees.amount", "１２"),
        "十进制数字字符串",
        "$.report.proactive.fees.amount",
    ),
    (
        "true for money",
        _set("report.proactive.fees.amount", True),
        "布尔值",
        "$.report.proactive.fees.amount",
    ),
    (
        "missing cell",
        _delete("report.requests.new.total"),
        "缺少该项",
        "$.report.requests.new.total",
    ),
    (
        "missing row",
        _delete("report.requests.carried_over"),
        "缺少该项",
        "$.report.requests.carried_over",
    ),
    ("missing section", _delete("report.appeals"), "缺少该项", "$.report.appeals"),
    ("missing template", _delete("report.info.template"), "缺少该项", "$.report.info.template"),
    (
        "unknown cell key",
        _set("report.requests.new.totl", 3),
        "未知的键",
        "$.report.requests.new.totl",
    ),
    ("unknown report key", _set("report.summary", "x"), "未知的键", "$.report.summary"),
    (
        "unknown cell object key",
        _set("report.requests.new.total", {"kind": "blank", "note": "x"}),
        "未知的键",
        "$.report.requests.new.total.note",
    ),
    (
        "row is not an object",
        _set("report.requests.new", [1, 2]),
        "应为 JSON 对象，实为数组",
        "$.report.requests.new",
    ),
    (
        "bad cell kind",
        _set("report.requests.new.total", {"kind": "zero"}),
        '实为字符串 "zero"',
        "$.report.requests.new.total.kind",
    ),
    (
        "cell kind missing",
        _set("report.requests.new.total", {"value": 3}),
        "缺少该项",
        "$.report.requests.new.total.kind",
    ),
    (
        "value on a blank",
        _set("report.requests.new.total", {"kind": "blank", "value": 0}),
        '"blank" 的单元格不能有 value',
        "$.report.requests.new.total.value",
    ),
    (
        "number without value",
        _set("report.requests.new.total", {"kind": "number"}),
        "缺少该项",
        "$.report.requests.new.total.value",
    ),
    (
        "bad unit",
        _set("report.requests.new.total", {"kind": "number", "value": 1, "unit": "美元"}),
        '"元"、"万元"',
        "$.report.requests.new.total.unit",
    ),
    (
        "raw not a string",
        _set("report.requests.new.total", {"kind": "text", "raw": 5}),
        "应为字符串",
        "$.report.requests.new.total.raw",
    ),
    ("year as string", _set("report.info.year", "2024"), "应为整数", "$.report.info.year"),
    ("year as bool", _set("report.info.year", False), "布尔值 false", "$.report.info.year"),
    (
        "template as int",
        _set("report.info.template", 2021),
        '"2021"、"2019"',
        "$.report.info.template",
    ),
    (
        "unknown template",
        _set("report.info.template", "2008"),
        '实为字符串 "2008"',
        "$.report.info.template",
    ),
    (
        "compact date",
        _set("report.info.published", "20250120"),
        "YYYY-MM-DD",
        "$.report.info.published",
    ),
    (
        "impossible date",
        _set("report.info.published", "2025-02-30"),
        "日期无效",
        "$.report.info.published",
    ),
    ("narrative not a string", _set("report.overview", 5), "应为字符串", "$.report.overview"),
    (
        "agency not a string",
        _set("report.info.agency", ["a"]),
        "应为字符串，实为数组",
        "$.report.info.agency",
    ),
    (
        "other_handling neither shape",
        _set("report.requests.outcomes.other_handling", {"x": 1}),
        "无法判断“（六）其他处理”的形式",
        "$.report.requests.outcomes.other_handling",
    ),
    (
        "other_handling both shapes",
        _set("report.requests.outcomes.other_handling.natural_person", 1),
        "无法判断",
        "$.report.requests.outcomes.other_handling",
    ),
    (
        "other_handling not an object",
        _set("report.requests.outcomes.other_handling", 3),
        "应为 JSON 对象",
        "$.report.requests.outcomes.other_handling",
    ),
    (
        "2019 proactive under 2021",
        _set("report.info.template", "2019"),
        "看起来是 2021 年版模板的表格",
        "$.report.proactive",
    ),
    ("version 2", _set("version", 2), "不支持的版本 2", "$.version"),
    ("version as string", _set("version", "1"), "版本号应为整数", "$.version"),
    ("version as bool", _set("version", True), "版本号应为整数", "$.version"),
    ("other format", _set("format", "zfxxgk.findings"), "不是 zfxxgk 报告", "$.format"),
    ("unknown key mode", _set("keys", "xml"), 'keys 应为 "fields" 或 "labels"', "$.keys"),
    ("missing keys", _delete("keys"), "缺少该项", "$.keys"),
    ("missing report", _delete("report"), "缺少该项", "$.report"),
    ("unknown envelope key", _set("extra", 1), "未知的键", "$.extra"),
    ("report not an object", _set("report", "x"), "应为 JSON 对象", "$.report"),
]


@pytest.mark.parametrize(
    ("mutate", "message", "where"),
    [case[1:] for case in FIELD_ERRORS],
    ids=[case[0] for case in FIELD_ERRORS],
)
def test_load_errors_say_what_and_where(mutate: Mutation, message: str, where: str) -> None:
    data = serialize.to_dict(report_2021_split())
    mutate(data)
    text = json.dumps(data, ensure_ascii=False)
    with pytest.raises(JSONLoadError) as info:
        serialize.loads(text)
    assert message in str(info.value)
    assert message in _line_at(str(info.value), where)
    with pytest.raises(JSONLoadError):
        serialize.from_dict(json.loads(text))


def _line_at(message: str, where: str) -> str:
    """The message line that ends at exactly this path."""
    for line in message.splitlines():
        if line.endswith(f"@ {where}"):
            return line
    raise AssertionError(f"no error at {where} in {message!r}")


def test_2019_report_with_three_sub_rows() -> None:
    data = serialize.to_dict(report_2019())
    split = serialize.to_dict(report_2021_split())
    other = split["report"]["requests"]["outcomes"]["other_handling"]
    data["report"]["requests"]["outcomes"]["other_handling"] = other
    with pytest.raises(JSONLoadError) as info:
        serialize.from_dict(data)
    line = _line_at(str(info.value), "$.report.requests.outcomes.other_handling")
    assert "2019 年版模板的“（六）其他处理”只有一行" in line


def test_2021_report_with_2019_section_two_in_labels_mode() -> None:
    data = serialize.to_dict(report_2019(), labels=True)
    data["report"]["info"]["template"] = "2021"
    with pytest.raises(JSONLoadError) as info:
        serialize.from_dict(data)
    assert "看起来是 2019 年版模板的表格 @ $.report.二、主动公开政府信息情况" in str(info.value)


def test_label_mode_paths_quote_keys_with_dots() -> None:
    data = serialize.to_dict(report_2021_split(), labels=True)
    s3 = data["report"]["三、收到和处理政府信息公开申请情况"]
    s3["三、本年度办理结果"]["（三）不予公开"]["1.属于国家秘密"]["自然人"] = 1.5
    with pytest.raises(JSONLoadError) as info:
        serialize.from_dict(data)
    assert str(info.value).endswith(
        "应为整数，实为小数 1.5 @ $.report.三、收到和处理政府信息公开申请情况.三、本年度办理结果"
        '.（三）不予公开["1.属于国家秘密"].自然人'
    )


def test_label_mode_rejects_field_names() -> None:
    data = serialize.to_dict(report_2021_split())
    data["keys"] = "labels"
    with pytest.raises(JSONLoadError) as info:
        serialize.from_dict(data)
    assert "未知的键（此处可用的键：info、一、总体情况、" in str(info.value)
    assert "缺少该项 @ $.report.二、主动公开政府信息情况" in str(info.value)


def test_every_error_is_reported() -> None:
    data = serialize.to_dict(report_2021_split())
    data["report"]["requests"]["new"]["total"] = "63"
    data["report"]["appeals"]["review"]["upheld"] = 0.5
    data["report"]["info"]["year"] = None  # fine
    del data["report"]["proactive"]["coercion"]
    with pytest.raises(JSONLoadError) as info:
        serialize.from_dict(data)
    message = str(info.value)
    assert message.startswith("JSON 内容不是有效的 zfxxgk 报告（3 处错误）：")
    for where in (
        "$.report.proactive.coercion",
        "$.report.requests.new.total",
        "$.report.appeals.review.upheld",
    ):
        _line_at(message, where)
    problems = info.value.problems  # the same, one by one, for programs
    assert len(problems) == 3
    assert sorted(p.rsplit(" @ ", 1)[1] for p in problems) == [
        "$.report.appeals.review.upheld",
        "$.report.proactive.coercion",
        "$.report.requests.new.total",
    ]
    assert all(p in message for p in problems)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"format": "zfxxgk.report",\n  "version": 1,,\n}', "JSON 语法错误（第 2 行第 16 列）"),
        ("", "JSON 语法错误（第 1 行第 1 列）"),
        ('{"format": "zfxxgk.report"', "JSON 语法错误（第 1 行第 27 列）"),
        ('{"a": NaN}', "JSON 不允许 NaN"),
        ('{"a": -Infinity}', "JSON 不允许 -Infinity"),
        ('{"format": 1, "format": 2}', "键“format”重复出现"),
        ("[]", "应为 JSON 对象（zfxxgk 报告），实为数组 @ $"),
        ("null", "应为 JSON 对象（zfxxgk 报告），实为空值 null @ $"),
    ],
)
def test_bad_json_text(text: str, message: str) -> None:
    with pytest.raises(JSONLoadError) as info:
        serialize.loads(text)
    assert message in str(info.value)


def test_byte_order_mark_is_ignored() -> None:
    text = serialize.dumps(report_2019())
    assert_exact(serialize.loads("\ufeff" + text), report_2019())
    assert_exact(serialize.loads(("\ufeff" + text).encode("utf-8")), report_2019())
    assert_exact(serialize.loads(text.encode("utf-16")), report_2019())


def test_bad_bytes() -> None:
    with pytest.raises(JSONLoadError, match="编码"):
        serialize.loads(b'{"a": "\xff"}')


def test_json_load_error_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="zfxxgk") as info:
        serialize.loads("{}")
    assert isinstance(info.value, ZfxxgkError)
    assert info.value.code == "E300"


def test_to_dict_refuses_a_non_report() -> None:
    with pytest.raises(TypeError, match=r"应为 zfxxgk\.Report"):
        serialize.to_dict({"report": 1})  # type: ignore[arg-type]


# --------------------------------------------------------------------------------------
# The converter, reusable by other modules
# --------------------------------------------------------------------------------------


@attrs.frozen
class _Sample:
    count: int
    amount: Decimal
    on: dt.date | None
    kind: CellKind
    cell: Cell
    flag: bool = False


def test_make_converter_is_strict_for_other_classes() -> None:
    converter = serialize.make_converter()
    data = {
        "count": 3,
        "amount": "1.10",
        "on": "2025-01-31",
        "kind": "blank",
        "cell": {"kind": "blank"},
    }
    sample = converter.structure(data, _Sample)
    assert sample == _Sample(
        count=3,
        amount=Decimal("1.10"),
        on=dt.date(2025, 1, 31),
        kind=CellKind.BLANK,
        cell=Cell.blank(),
    )
    assert str(sample.amount) == "1.10"
    assert converter.unstructure(sample) == {**data, "flag": False}
    for bad in (
        {**data, "count": 1.7},
        {**data, "count": True},
        {**data, "count": "3"},
        {**data, "amount": 1.1},
        {**data, "flag": 1},
    ):
        with pytest.raises(cattrs.ClassValidationError) as info:
            converter.structure(bad, _Sample)
        (line,) = serialize.error_messages(info.value)
        assert line.endswith(("@ $.count", "@ $.amount", "@ $.flag"))


def test_make_converter_returns_a_new_converter() -> None:
    a = serialize.make_converter()
    b = serialize.make_converter()
    assert a is not b
    a.register_structure_hook(int, lambda value, _: 0)
    assert b.structure(5, int) == 5


def test_converter_on_the_report_body(labels: bool) -> None:
    converter = serialize.make_converter(labels=labels)
    report = report_2021_split()
    body = converter.unstructure(report)
    assert body == serialize.to_dict(report, labels=labels)["report"]
    assert_exact(converter.structure(body, Report), report)
    row = converter.structure(
        body["requests"]["new"] if not labels else converter.unstructure(report.requests.new),
        ApplicantRow,
    )
    assert row == report.requests.new


def test_cattrs_transform_error_also_works() -> None:
    converter = serialize.make_converter()
    body = converter.unstructure(report_2021_split())
    body["requests"]["new"]["total"] = 1.7
    with pytest.raises(cattrs.ClassValidationError) as info:
        converter.structure(body, Report)
    assert cattrs.transform_error(info.value) == [
        "invalid value for type, expected Cell @ $.requests.new.total"
    ]
    assert serialize.error_messages(info.value) == ["应为整数，实为小数 1.7 @ $.requests.new.total"]


def test_other_handling_shapes_are_chosen_by_keys() -> None:
    converter = serialize.make_converter()
    split = report_2021_split().requests.outcomes.other_handling
    single = report_2021_single().requests.outcomes.other_handling
    assert isinstance(split, OtherHandling)
    assert isinstance(single, ApplicantRow)
    outcomes = report_2021_split().requests.outcomes
    for other in (split, single):
        value = attrs.evolve(outcomes, other_handling=other)
        assert converter.structure(converter.unstructure(value), type(value)) == value


def test_proactive_follows_the_template() -> None:
    loaded = serialize.loads(serialize.dumps(report_2019()))
    assert isinstance(loaded.proactive, ProactiveDisclosure2019)
    assert loaded.template is Template.V2019


# --------------------------------------------------------------------------------------
# JSON Schema
# --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = serialize.schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_committed_schema_is_generated() -> None:
    assert serialize.schema() == serialize.build_schema()
    shipped = REPO / "src" / "zfxxgk" / serialize.SCHEMA_RESOURCE
    assert shipped.read_text(encoding="utf-8") == serialize.schema_text(serialize.build_schema())


def test_generate_schema_script_check() -> None:
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "generate_schema.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_schema_is_a_fresh_copy() -> None:
    first = serialize.schema()
    first["title"] = "changed"
    assert serialize.schema()["title"] != "changed"


def test_dumps_validate_against_the_schema(
    validator: jsonschema.Draft202012Validator, report: Report, labels: bool
) -> None:
    errors = list(validator.iter_errors(json.loads(serialize.dumps(report, labels=labels))))
    assert errors == []


SCHEMA_REJECTS: list[tuple[str, Mutation]] = [
    ("float count", _set("report.requests.new.total", 1.7)),
    ("string count", _set("report.requests.new.total", "3")),
    ("bool count", _set("report.requests.new.total", True)),
    ("float money", _set("report.proactive.fees.amount.value", 96171.6)),
    ("bad decimal", _set("report.proactive.fees.amount.value", "9万")),
    ("missing cell", _delete("report.requests.new.total")),
    ("unknown key", _set("report.requests.new.totl", 3)),
    ("unknown cell key", _set("report.requests.new.total", {"kind": "blank", "note": 1})),
    ("value on blank", _set("report.requests.new.total", {"kind": "blank", "value": 0})),
    ("number without value", _set("report.requests.new.total", {"kind": "number"})),
    ("other_handling neither", _set("report.requests.outcomes.other_handling", {"x": 1})),
    ("wrong template", _set("report.info.template", "2019")),
    ("bad date", _set("report.info.published", "20250120")),
    ("version 2", _set("version", 2)),
    ("keys", _set("keys", "labels")),
    ("format", _set("format", "x")),
]


@pytest.mark.parametrize(
    "mutate", [m for _, m in SCHEMA_REJECTS], ids=[n for n, _ in SCHEMA_REJECTS]
)
def test_schema_rejects_what_the_loader_rejects(
    validator: jsonschema.Draft202012Validator, mutate: Mutation
) -> None:
    data = json.loads(serialize.dumps(report_2021_split()))
    mutate(data)
    assert not validator.is_valid(data)
    with pytest.raises(JSONLoadError):
        serialize.from_dict(data)


def test_schema_rejects_three_sub_rows_in_2019(validator: jsonschema.Draft202012Validator) -> None:
    data = serialize.to_dict(report_2019())
    split = serialize.to_dict(report_2021_split())["report"]["requests"]["outcomes"][
        "other_handling"
    ]
    assert validator.is_valid(data)
    data["report"]["requests"]["outcomes"]["other_handling"] = copy.deepcopy(split)
    assert not validator.is_valid(data)


def test_schema_describes_fields_with_their_labels() -> None:
    defs = serialize.schema()["$defs"]
    row = defs["fields.ApplicantRow"]["properties"]
    assert row["natural_person"]["description"] == "自然人"
    assert row["natural_person"]["$ref"] == "#/$defs/CountCell"
    assert "总计" in defs["labels.ApplicantRow"]["properties"]
    fees = defs["fields.FeeRow2021"]["properties"]["amount"]
    assert fees["$ref"] == "#/$defs/MoneyCell"


# --------------------------------------------------------------------------------------
# The documentation
# --------------------------------------------------------------------------------------


def test_docs_json_examples_run() -> None:
    """The Python blocks of docs/json.md run, in order, in one namespace."""
    text = (REPO / "docs" / "json.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, flags=re.DOTALL)
    assert len(blocks) >= 3
    namespace: dict[str, Any] = {}
    for block in blocks:
        exec(compile(block, "docs/json.md", "exec", dont_inherit=True), namespace)


def test_docs_json_messages_are_real() -> None:
    """The messages quoted in the table of docs/json.md are what the loader says."""
    text = (REPO / "docs" / "json.md").read_text(encoding="utf-8")
    prose = re.sub(r"```.*?```", "", text, flags=re.DOTALL)
    quoted = [
        m
        for m in re.findall(r"`([^`\n]* @ \$[^`\n]*)`", prose)
        if "…" not in m and "Expecting" not in m
    ]
    assert len(quoted) >= 5
    produced: list[str] = []
    for _name, mutate, _message, _where in FIELD_ERRORS:
        data = serialize.to_dict(report_2021_split())
        mutate(data)
        try:
            serialize.from_dict(data)
        except JSONLoadError as exc:
            produced.extend(line.removeprefix("  - ") for line in str(exc).splitlines())
            produced.append(str(exc).split("：", 1)[1])
    labelled = serialize.to_dict(report_2021_split(), labels=True)
    s3 = labelled["report"]["三、收到和处理政府信息公开申请情况"]["三、本年度办理结果"]
    s3["（三）不予公开"]["1.属于国家秘密"]["自然人"] = Decimal("1.5")
    with pytest.raises(JSONLoadError) as info:
        serialize.from_dict(labelled)
    produced.append(str(info.value).split("：", 1)[1])
    for message in quoted:
        assert message in produced, message
