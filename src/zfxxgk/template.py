"""The national templates as data.

The official labels are written once, in the metadata of the model's fields
(:mod:`zfxxgk.model`).  This module reads them back as data: every table cell of a template
as a :class:`CellSpec` (its attribute path in the model, its section, its official row label
path and column label, what kind of value it holds), the section headings, and the
``templates.json`` shape of the templates.  Parsers, exports, label-keyed JSON and messages
all take their labels from here.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable, Iterator
from typing import Any, Final

import attrs

from ._fields import SECTION_TITLES, FieldInfo, Role, info_of
from .cells import Cell, ValueKind
from .model import (
    ApplicantRow,
    OtherHandling,
    ProactiveDisclosure2019,
    ProactiveDisclosure2021,
    Report,
    Template,
)

__all__ = [
    "FOOTNOTE",
    "NARRATIVE_SECTIONS",
    "SECTION_TITLES",
    "TABLE_SECTIONS",
    "CellSpec",
    "LabelOrder",
    "RowSpec",
    "cell_specs",
    "get_at",
    "iter_cells",
    "label_order",
    "label_path",
    "replace_at",
    "row_specs",
    "specs_of",
    "templates_data",
]

TABLE_SECTIONS: Final[dict[str, str]] = {"二": "proactive", "三": "requests", "四": "appeals"}
"""The table sections: official number → attribute of :class:`~zfxxgk.model.Report`."""

NARRATIVE_SECTIONS: Final[dict[str, str]] = {
    "一": "overview",
    "五": "problems",
    "六": "other_matters",
}
"""The narrative sections: official number → attribute of :class:`~zfxxgk.model.Report`."""

FOOTNOTE: Final[str] = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
"""The official footnote in the top-left cell of section 三's table."""

_SECTION_OF_ATTR = {attr: number for number, attr in TABLE_SECTIONS.items()}


@attrs.frozen
class CellSpec:
    """One cell of a template: where it lives in the model and what the template calls it."""

    path: tuple[str, ...]
    """Attribute path from the report, e.g. ``("requests", "new", "natural_person")``."""
    section: str
    """``"二"``, ``"三"`` or ``"四"``."""
    row: tuple[str, ...]
    """The official row label path, e.g. ``("三、本年度办理结果", "（一）予以公开")``."""
    column: str
    """The official column label, e.g. ``"自然人"``."""
    column_parent: str | None
    """The spanning header above the column, e.g. ``"法人或其他组织"``."""
    value_kind: ValueKind
    unit: str | None
    row_aliases: tuple[str, ...] = ()
    """Other wordings of the last row label seen in real reports."""
    column_aliases: tuple[str, ...] = ()

    @property
    def dotted(self) -> str:
        """The attribute path joined by dots: ``requests.new.natural_person``."""
        return ".".join(self.path)

    @property
    def row_label(self) -> str:
        """The row label path joined by "/", the addressing of exports and ``cells.csv``."""
        return "/".join(self.row)

    @property
    def labels(self) -> tuple[str, ...]:
        """The full official label path: section, row labels, column."""
        return (self.section, *self.row, self.column)

    @property
    def row_path(self) -> tuple[str, ...]:
        """The attribute path of the row object holding this cell."""
        return self.path[:-1]


@attrs.frozen
class RowSpec:
    """One printed row of a template table, with its cells in template order."""

    path: tuple[str, ...]
    section: str
    row: tuple[str, ...]
    aliases: tuple[str, ...]
    cells: tuple[CellSpec, ...]

    @property
    def row_label(self) -> str:
        return "/".join(self.row)


_Fields = tuple[tuple[str, FieldInfo, type[Any] | None], ...]
_FIELDS: dict[tuple[type[Any], bool], _Fields] = {}


def _fields_of(cls: type[Any], other_single: bool) -> _Fields:
    """The labelled fields of a model class: name, labels, and the class of the row or group
    it holds (None for a column) — looked up once per class, not at each place it is used."""
    known = _FIELDS.get((cls, other_single))
    if known is not None:
        return known
    found: list[tuple[str, FieldInfo, type[Any] | None]] = []
    for field in attrs.fields(cls):
        info = info_of(field)
        if info is None:  # pragma: no cover - every model field is labelled (meta-tested)
            continue
        child = None if info.role is Role.COLUMN else _child_class(field, other_single)
        found.append((field.name, info, child))
    _FIELDS[cls, other_single] = fields = tuple(found)
    return fields


def _walk(
    cls: type[Any],
    path: tuple[str, ...],
    labels: tuple[str, ...],
    aliases: tuple[str, ...],
    other_single: bool,
    out: list[CellSpec],
) -> None:
    """Add the cells under *cls* (at *path*, under the row labels *labels*) to *out*."""
    section = _SECTION_OF_ATTR[path[0]]
    for name, info, child in _fields_of(cls, other_single):
        here = (*path, name)
        if child is None:
            out.append(
                CellSpec(
                    path=here,
                    section=section,
                    row=labels,
                    column=info.labels[0],
                    column_parent=info.parent,
                    value_kind=info.value_kind,
                    unit=info.unit,
                    row_aliases=aliases,
                    column_aliases=info.aliases,
                )
            )
        else:
            _walk(child, here, (*labels, *info.labels), info.aliases, other_single, out)


def _child_class(field: attrs.Attribute[Any], other_single: bool) -> type[Any]:
    if field.name == "other_handling":
        return ApplicantRow if other_single else OtherHandling
    typ = field.type
    if not (isinstance(typ, type) and attrs.has(typ)):  # pragma: no cover - meta-tested
        raise TypeError(f"model field {field.name} has no attrs class type")
    return typ


def cell_specs(template: Template, *, other_single: bool | None = None) -> tuple[CellSpec, ...]:
    """Every table cell of *template*, in printed order (section 二, 三, 四).

    ``other_single`` chooses how （六）其他处理 is printed: as one row (always so in the 2019
    template) or as three sub-rows (the 2021 default).
    """
    if other_single is None:
        other_single = template is Template.V2019
    return _cell_specs(template, other_single)  # one walk for None and the default it means


@functools.cache
def _cell_specs(template: Template, other_single: bool) -> tuple[CellSpec, ...]:
    proactive = ProactiveDisclosure2021 if template is Template.V2021 else ProactiveDisclosure2019
    from .model import Appeals, DisclosureRequests

    specs: list[CellSpec] = []
    for attr, cls in (
        ("proactive", proactive),
        ("requests", DisclosureRequests),
        ("appeals", Appeals),
    ):
        _walk(cls, (attr,), (), (), other_single, specs)
    return tuple(specs)


def row_specs(template: Template, *, other_single: bool | None = None) -> tuple[RowSpec, ...]:
    """Every printed row of *template*'s tables, in order, each with its cells."""
    if other_single is None:
        other_single = template is Template.V2019
    return _row_specs(template, other_single)


@functools.cache
def _row_specs(template: Template, other_single: bool) -> tuple[RowSpec, ...]:
    rows: dict[tuple[str, ...], list[CellSpec]] = {}
    for spec in _cell_specs(template, other_single):
        rows.setdefault(spec.row_path, []).append(spec)
    return tuple(
        RowSpec(
            path=path,
            section=cells[0].section,
            row=cells[0].row,
            aliases=cells[0].row_aliases,
            cells=tuple(cells),
        )
        for path, cells in rows.items()
    )


def specs_of(report: Report) -> tuple[CellSpec, ...]:
    """The cell specs matching the shape of *report* (its template and its （六） rows)."""
    single = isinstance(report.requests.outcomes.other_handling, ApplicantRow)
    return cell_specs(report.info.template, other_single=single)


@functools.cache
def _getters(template: Template, other_single: bool) -> tuple[Callable[[Any], Cell], ...]:
    return tuple(
        operator.attrgetter(spec.dotted) for spec in cell_specs(template, other_single=other_single)
    )


def iter_cells(report: Report) -> Iterator[tuple[CellSpec, Cell]]:
    """Every table cell of *report* with its spec, in printed order."""
    single = isinstance(report.requests.outcomes.other_handling, ApplicantRow)
    specs = cell_specs(report.info.template, other_single=single)
    getters = _getters(report.info.template, single)
    for spec, get in zip(specs, getters, strict=True):
        yield spec, get(report)


@attrs.frozen
class LabelOrder:
    """The official labels of every template, each list in template order: what the ordered
    categoricals of a table of cells (``section``, ``row``, ``column``) are made of, so that
    sorting, ``groupby`` and ``pivot_table`` follow the template (二 before 三, 一、本年新收
    before 二、上年结转, 自然人 before 总计) rather than the alphabet."""

    sections: tuple[str, ...]
    rows: tuple[str, ...]
    """Row label paths joined by "/" (:attr:`CellSpec.row_label`)."""
    columns: tuple[str, ...]


def _merge_order(known: list[str], sequence: Iterator[str]) -> None:
    """Add the items of *sequence* missing from *known*, each right after the item before it
    in *sequence* (so the rows only the 2019 template has sit among its other rows), or at
    the end when there is none."""
    previous: str | None = None
    for item in sequence:
        if item not in known:
            at = len(known) if previous is None else known.index(previous) + 1
            known.insert(at, item)
        previous = item


@functools.cache
def label_order() -> LabelOrder:
    """The labels of both templates (2021 first, then what only 2019 has; （六）其他处理 both
    as one row and as three) in template order."""
    rows: list[str] = []
    columns: dict[str, list[str]] = {number: [] for number in TABLE_SECTIONS}
    for template in (Template.V2021, Template.V2019):
        for single in (False, True):
            specs = cell_specs(template, other_single=single)
            _merge_order(rows, (s.row_label for s in specs))
            for number, known in columns.items():
                _merge_order(known, (s.column for s in specs if s.section == number))
    # a label two tables share (总计) keeps its place in the first
    merged = dict.fromkeys(label for known in columns.values() for label in known)
    return LabelOrder(sections=tuple(TABLE_SECTIONS), rows=tuple(rows), columns=tuple(merged))


def get_at(obj: Any, path: tuple[str, ...] | str) -> Any:
    """The value at an attribute path (a tuple or a dotted string)."""
    parts = path.split(".") if isinstance(path, str) else path
    for name in parts:
        obj = getattr(obj, name)
    return obj


def replace_at(obj: Any, path: tuple[str, ...] | str, value: Any) -> Any:
    """A copy of *obj* with the value at *path* replaced (frozen classes are rebuilt)."""
    parts = tuple(path.split(".")) if isinstance(path, str) else tuple(path)
    if not parts:
        return value
    head, rest = parts[0], parts[1:]
    return attrs.evolve(obj, **{head: replace_at(getattr(obj, head), rest, value)})


@functools.cache
def _labels_in(template: Template, single: bool) -> dict[tuple[str, ...], tuple[str, ...]]:
    """The label path of every cell and row of *template* printed so (（六） as one row or not)."""
    table: dict[tuple[str, ...], tuple[str, ...]] = {}
    for spec in _cell_specs(template, single):
        table.setdefault(spec.path, spec.labels)
    for row in _row_specs(template, single):
        table.setdefault(row.path, (row.section, *row.row))
    return table


_SECTION_LABELS: Final = {(attr,): (number,) for number, attr in TABLE_SECTIONS.items()}


def _any_labels(parts: tuple[str, ...]) -> tuple[str, ...] | None:
    """The labels of *parts* in the first template (and way of printing （六）) that has it:
    2021, then 2019, （六） as one row first.  A path that does not pass through
    ``other_handling`` is walked alike either way (:func:`_walk` tells the two apart there
    only), so for it the way each template is read by default answers, and the walks of the
    other way, which a check does not otherwise need, are not made."""
    if parts in _SECTION_LABELS:
        return _SECTION_LABELS[parts]
    through = "other_handling" in parts
    for template in Template:
        for single in (True, False) if through else (template is Template.V2019,):
            found = _labels_in(template, single).get(parts)
            if found is not None:
                return found
    return None


def label_path(path: tuple[str, ...] | str, template: Template | None = None) -> tuple[str, ...]:
    """The official label path of an attribute path (a cell, a row or a section).

    ``label_path("requests.new.total")`` is ``("三", "一、本年新收政府信息公开申请数量", "总计")``.
    Paths that differ between templates are looked up in *template* when given.
    """
    parts = tuple(path.split(".")) if isinstance(path, str) else tuple(path)
    if template is not None:
        for single in (True, False):
            for spec in cell_specs(template, other_single=single):
                if spec.path == parts:
                    return spec.labels
            for row in row_specs(template, other_single=single):
                if row.path == parts:
                    return (row.section, *row.row)
    found = _any_labels(parts)
    if found is None:
        raise KeyError(f"no template cell or row at {'.'.join(parts)!r}")
    return found


def field_info(cls: type[Any], name: str) -> FieldInfo:
    """The label metadata of one model field."""
    info = info_of(attrs.fields_dict(cls)[name])
    if info is None:  # pragma: no cover
        raise KeyError(name)
    return info


def templates_data() -> dict[str, Any]:
    """The templates in the shape of ``shared/domain/templates.json``, built from the model."""
    from .model import Appeals, DisclosureRequests

    def s2(cls: type[Any]) -> list[dict[str, Any]]:
        captions: dict[str, dict[str, Any]] = {}
        for field in attrs.fields(cls):
            info = info_of(field)
            assert info is not None
            caption, label = info.labels
            row_cls = _child_class(field, False)
            cols = [field_info(row_cls, f.name).labels[0] for f in attrs.fields(row_cls)]
            entry = captions.setdefault(caption, {"caption": caption, "cols": cols, "rows": []})
            entry["rows"].append(label)
        return list(captions.values())

    def s3_rows(cls: type[Any], other_single: bool) -> list[Any]:
        out: list[Any] = []
        for field in attrs.fields(cls):
            info = info_of(field)
            assert info is not None
            label = info.labels[0]
            if info.role is Role.ROW:
                out.append(label)
            else:
                out.append({label: s3_rows(_child_class(field, other_single), other_single)})
        return out

    applicant_cols: list[Any] = []
    for field in attrs.fields(ApplicantRow):
        info = info_of(field)
        assert info is not None
        if info.parent is None:
            applicant_cols.append(info.labels[0])
        elif applicant_cols and isinstance(applicant_cols[-1], dict):
            applicant_cols[-1][info.parent].append(info.labels[0])
        else:
            applicant_cols.append({info.parent: [info.labels[0]]})

    def case_cols() -> list[str]:
        from .model import CaseOutcomes

        return [field_info(CaseOutcomes, f.name).labels[0] for f in attrs.fields(CaseOutcomes)]

    s4: dict[str, Any] = {}
    for field in attrs.fields(Appeals):
        labels = field_info(Appeals, field.name).labels
        node = s4
        for label in labels[:-1]:
            node = node.setdefault(label, {})
        node[labels[-1]] = case_cols()

    return {
        "v2021": {
            "s2": s2(ProactiveDisclosure2021),
            "s3": {
                "footnote": FOOTNOTE,
                "cols": applicant_cols,
                "rows": s3_rows(DisclosureRequests, False),
            },
            "s4": s4,
        },
        "v2019_diff": {"s2": s2(ProactiveDisclosure2019)},
    }
