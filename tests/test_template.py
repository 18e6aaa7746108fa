from __future__ import annotations

import json

import attrs
import pytest

from zfxxgk import model, template
from zfxxgk._fields import Role, info_of
from zfxxgk.model import Template

from .conftest import SHARED


def _model_classes() -> list[type]:
    return [
        obj
        for obj in vars(model).values()
        if isinstance(obj, type) and attrs.has(obj) and obj.__module__ == model.__name__
    ]


def test_every_table_field_carries_its_label() -> None:
    table_classes = [c for c in _model_classes() if c not in (model.Report, model.ReportInfo)]
    for cls in table_classes:
        for field in attrs.fields(cls):
            info = info_of(field)
            assert info is not None, f"{cls.__name__}.{field.name} has no official label"
            assert info.labels and all(info.labels)


def test_cell_counts() -> None:
    assert len(template.cell_specs(Template.V2021)) == 200
    assert len(template.cell_specs(Template.V2019)) == 198
    assert len(template.cell_specs(Template.V2021, other_single=True)) == 186
    rows = template.row_specs(Template.V2021)
    assert sum(1 for r in rows if r.section == "三") == 25
    assert sum(1 for r in template.row_specs(Template.V2019) if r.section == "三") == 23


def test_specs_are_unique_and_addressable() -> None:
    for tmpl in Template:
        specs = template.cell_specs(tmpl)
        keys = {(s.section, s.row_label, s.column) for s in specs}
        assert len(keys) == len(specs)
        paths = {s.path for s in specs}
        assert len(paths) == len(specs)


@pytest.mark.skipif(
    not (SHARED / "domain" / "templates.json").is_file(), reason="../shared is not here"
)
def test_labels_equal_the_official_template_data() -> None:
    official = json.loads((SHARED / "domain" / "templates.json").read_text(encoding="utf-8"))
    ours = template.templates_data()
    assert ours["v2021"] == official["v2021"]
    assert ours["v2019_diff"]["s2"] == official["v2019_diff"]["s2"]


def test_label_path() -> None:
    assert template.label_path("requests.new.total") == (
        "三",
        "一、本年新收政府信息公开申请数量",
        "总计",
    )
    assert template.label_path("appeals.lawsuit_direct.upheld") == (
        "四",
        "行政诉讼",
        "未经复议直接起诉",
        "结果维持",
    )
    assert template.label_path("proactive.normative_documents", Template.V2019)[-1] == "规范性文件"
    assert (
        template.label_path("proactive.normative_documents", Template.V2021)[-1] == "行政规范性文件"
    )
    with pytest.raises(KeyError):
        template.label_path("requests.nothing")


def test_label_path_without_template_is_the_first_walk_that_has_the_path() -> None:
    # every walk (template, （六） as one row or three) in turn, the first to print a path
    # naming it: what label_path answers though it makes only the walks the path needs
    first: dict[tuple[str, ...], tuple[str, ...]] = {}
    for tpl in Template:
        for single in (True, False):
            for spec in template.cell_specs(tpl, other_single=single):
                first.setdefault(spec.path, spec.labels)
            for row in template.row_specs(tpl, other_single=single):
                first.setdefault(row.path, (row.section, *row.row))
    for number, attr in template.TABLE_SECTIONS.items():
        first[(attr,)] = (number,)
    assert any("other_handling" in path for path in first)
    for path, labels in first.items():
        assert template.label_path(path) == labels, path
        assert template.label_path(".".join(path)) == labels, path


def test_cell_specs_by_default_are_the_walk_of_the_default_printing() -> None:
    for tpl in Template:
        single = tpl is Template.V2019
        assert template.cell_specs(tpl) is template.cell_specs(tpl, other_single=single)
        assert template.row_specs(tpl) is template.row_specs(tpl, other_single=single)
        assert template.cell_specs(tpl, other_single=not single) != template.cell_specs(tpl)


def test_roles_are_consistent() -> None:
    for spec in template.cell_specs(Template.V2021):
        assert spec.path[0] in template.TABLE_SECTIONS.values()
        assert template.TABLE_SECTIONS[spec.section] == spec.path[0]
    info = info_of(attrs.fields_dict(model.ApplicantRow)["total"])
    assert info is not None and info.role is Role.COLUMN
