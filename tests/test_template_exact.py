"""zfxxgk.template's label lookups, pinned where mutation testing found them loose
(docs/mutation.md): rows and sections, the shapes of （六）, the labels that differ between the
2019 and 2021 templates, and the errors for a path no template has."""

from __future__ import annotations

import re

import pytest

from zfxxgk.model import DisclosureRequests, Template
from zfxxgk.template import field_info, label_path

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
