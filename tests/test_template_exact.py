"""zfxxgk.template's label lookups, pinned where mutation testing found them loose
(docs/mutation.md): rows and sections, the shapes of （六）, the labels that differ between the
2019 and 2021 templates, and the errors for a path no template has."""

from __future__ import annotations

import re
from collections.abc import Callable

import attrs
import pytest

from zfxxgk.model import (
    ApplicantRow,
    DisclosureRequests,
    OtherHandling,
    Outcomes,
    Report,
    Template,
)
from zfxxgk.template import (
    CellSpec,
    _child_class,
    _merge_order,
    cell_specs,
    field_info,
    get_at,
    iter_cells,
    label_order,
    label_path,
    specs_of,
)

from .fixtures.reports import report_2019, report_2021

LICENSING = ("二", "第二十条第（五）项", "行政许可")


def test_sections_rows_and_cells() -> None:
    assert label_path("requests") == ("三",)
    assert label_path(("appeals", "review")) == ("四", "行政复议")
    assert label_path("requests.new") == ("三", "一、本年新收政府信息公开申请数量")
    assert label_path("requests.new.total") == ("三", "一、本年新收政府信息公开申请数量", "总计")


def test_both_shapes_of_other_handling() -> None:
    """（六）其他处理 printed as one row (its cells) or with three sub-rows."""
    six = ("三", "三、本年度办理结果", "（六）其他处理")
    assert label_path("requests.outcomes.other_handling") == six
    assert label_path("requests.outcomes.other_handling.natural_person") == (*six, "自然人")
    assert label_path("requests.outcomes.other_handling.other.total") == (*six, "3.其他", "总计")
    for template in Template:
        assert label_path("requests.outcomes.other_handling.natural_person", template) == (
            *six,
            "自然人",
        )


@pytest.mark.parametrize(
    ("template", "cell", "row"),
    [
        (Template.V2019, "处理决定数量", "规范性文件"),
        (Template.V2021, "本年处理决定数量", "行政规范性文件"),
        (None, "本年处理决定数量", "行政规范性文件"),  # no template: the current one's
    ],
)
def test_labels_that_differ_between_the_templates(
    template: Template | None, cell: str, row: str
) -> None:
    assert label_path("proactive.licensing.decisions", template) == (*LICENSING, cell)
    assert label_path("proactive.normative_documents", template) == (
        "二",
        "第二十条第（一）项",
        row,
    )


def test_a_path_no_template_has() -> None:
    with pytest.raises(KeyError, match=re.escape("no template cell or row at 'requests.nothing'")):
        label_path("requests.nothing")
    with pytest.raises(KeyError, match=re.escape("'requests.new.nothing'")):
        label_path(("requests", "new", "nothing"), Template.V2021)
    with pytest.raises(KeyError, match="nothing"):
        field_info(DisclosureRequests, "nothing")


# --------------------------------------------------------------------------------------
# the cell specs: column parents, aliases, the shape of a report
# --------------------------------------------------------------------------------------


def _spec(template: Template, dotted: str, *, single: bool | None = None) -> CellSpec:
    (spec,) = (s for s in cell_specs(template, other_single=single) if s.dotted == dotted)
    return spec


def test_column_parents_and_aliases() -> None:
    """法人或其他组织 spans five columns of section 三; 其他 and 总计 are also printed 其他组织
    and 合计; 自然人 has neither."""
    for template in Template:
        org = _spec(template, "requests.new.other_organization")
        assert (org.column, org.column_parent, org.column_aliases) == (
            "其他",
            "法人或其他组织",
            ("其他组织",),
        )
        person = _spec(template, "requests.new.natural_person")
        assert (person.column_parent, person.column_aliases, person.row_aliases) == (None, (), ())
        total = _spec(template, "appeals.review.total")
        assert (total.column_parent, total.column_aliases) == (None, ("合计",))
    seventh = _spec(Template.V2021, "requests.outcomes.total.total")
    assert seventh.row == ("三、本年度办理结果", "（七）总计")
    assert seventh.row_aliases == ("(七)总计", "七、总计", "总计", "合计")
    assert seventh.column_aliases == ("合计",)
    parents = {s.column: s.column_parent for s in cell_specs(Template.V2021) if s.section == "三"}
    assert parents == {
        "自然人": None,
        "商业企业": "法人或其他组织",
        "科研机构": "法人或其他组织",
        "社会公益组织": "法人或其他组织",
        "法律服务机构": "法人或其他组织",
        "其他": "法人或其他组织",
        "总计": None,
    }


@pytest.mark.parametrize(
    ("make", "template", "single", "count"),
    [
        (lambda: report_2021(), Template.V2021, False, 200),
        (lambda: report_2021(single=True), Template.V2021, True, 186),
        (report_2019, Template.V2019, True, 198),
    ],
)
def test_specs_of_follows_the_template_and_the_shape_of_six(
    make: Callable[[], Report], template: Template, single: bool, count: int
) -> None:
    report = make()
    specs = specs_of(report)
    assert specs == cell_specs(template, other_single=single)
    assert len(specs) == count
    assert [spec for spec, _ in iter_cells(report)] == list(specs)
    assert all(cell is get_at(report, spec.path) for spec, cell in iter_cells(report))


# --------------------------------------------------------------------------------------
# guards against a model field without a label or without a class
# --------------------------------------------------------------------------------------

_Bare = attrs.make_class("_Bare", {"count": attrs.field(type=int)})


def test_an_unlabelled_field_is_refused() -> None:
    with pytest.raises(KeyError) as error:
        field_info(_Bare, "count")
    assert error.value.args == ("count",)


def test_a_field_whose_type_is_no_attrs_class_is_refused() -> None:
    (field,) = attrs.fields(_Bare)
    with pytest.raises(TypeError, match=re.escape("model field count has no attrs class type")):
        _child_class(field, False)
    (six,) = (f for f in attrs.fields(Outcomes) if f.name == "other_handling")
    assert _child_class(six, True) is ApplicantRow
    assert _child_class(six, False) is OtherHandling


# --------------------------------------------------------------------------------------
# the label order of the tables
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("known", "sequence", "merged"),
    [
        (["a", "c"], ["a", "b", "c", "d"], ["a", "b", "c", "d"]),  # each after its predecessor
        (["a", "c"], ["x", "a"], ["a", "c", "x"]),  # no predecessor: at the end
        (["a", "c"], ["c", "y", "z"], ["a", "c", "y", "z"]),
        (["a", "b", "c"], ["a", "x", "c"], ["a", "x", "b", "c"]),
        ([], ["p", "q"], ["p", "q"]),
        (["a", "b"], ["b", "a"], ["a", "b"]),  # nothing new: unchanged
    ],
)
def test_merge_order(known: list[str], sequence: list[str], merged: list[str]) -> None:
    _merge_order(known, iter(sequence))
    assert known == merged


def test_label_order_of_both_templates() -> None:
    order = label_order()
    assert order.sections == ("二", "三", "四")
    assert order.columns == (
        *("本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量"),
        *("本年收费金额（单位：万元）", "本年新制作数量", "本年新公开数量", "对外公开总数量"),
        *("上一年项目数量", "本年增/减", "采购项目数量", "采购总金额", "处理决定数量"),
        *("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"),
        *("结果维持", "结果纠正", "其他结果", "尚未审结"),
    )
    rows = order.rows
    assert rows[:4] == (
        "第二十条第（一）项/规章",
        "第二十条第（一）项/规范性文件",  # 2019 only: after the row before it in 2019
        "第二十条第（一）项/行政规范性文件",
        "第二十条第（五）项/行政许可",
    )
    assert rows[-3:] == ("行政复议", "行政诉讼/未经复议直接起诉", "行政诉讼/复议后起诉")
    six = "三、本年度办理结果/（六）其他处理"
    at = rows.index(six)  # the one row, then the three sub-rows of the other shape
    assert [r.removeprefix(six) for r in rows[at : at + 4]] == [
        "",
        "/1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "/2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "/3.其他",
    ]
    assert rows[at + 4] == "三、本年度办理结果/（七）总计"
    every = {
        s.row_label
        for t in Template
        for one in (True, False)
        for s in cell_specs(t, other_single=one)
    }
    assert len(rows) == len(set(rows)) == len(every) == 38
    assert set(rows) == every
