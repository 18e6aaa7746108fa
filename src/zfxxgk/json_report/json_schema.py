"""The JSON Schema (draft 2020-12) of the envelope in both key modes, built from the model; the
committed copy ships in the package."""

from __future__ import annotations

import datetime as _dt
import functools
import json
from collections.abc import Mapping
from importlib import resources
from typing import Any, Final

from ..cells import Cell, CellKind, Unit, ValueKind
from ..model import (
    ApplicantRow,
    Report,
    ReportInfo,
)
from ..template import SECTION_TITLES
from .envelope import FORMAT, KEY_MODES, VERSION
from .leaves import (
    _COUNT_KINDS,
    _DATE_SYNTAX,
    _DECIMAL_SYNTAX,
    _LARGEST,
    _SECTION_LIST,
    YEARS,
    _is_enum,
)
from .shape import (
    _PROACTIVE,
    _SINGLE_OTHER_HANDLING,
    _is_template_class,
    _is_template_union,
    _key_path,
    _Slot,
    _Tree,
    _tree,
    _union_members,
)

SCHEMA_RESOURCE: Final = "schema/report-v1.schema.json"
"""Where the JSON Schema lives inside the ``zfxxgk`` package."""

SCHEMA_ID: Final = "urn:zfxxgk:schema:report:v1"


# --------------------------------------------------------------------------------------
# JSON Schema
# --------------------------------------------------------------------------------------


def _ref(name: str) -> dict[str, Any]:
    return {"$ref": f"#/$defs/{name}"}


def _def_name(cls: type[Any], labels: bool) -> str:
    return f"{'labels' if labels else 'fields'}.{cls.__name__}"


def _leaf_schema(tp: Any) -> dict[str, Any]:
    """The schema of a plain (non-template) field type, as the strict hooks read it."""
    members = _union_members(tp)
    if members and type(None) in members:
        (inner,) = (m for m in members if m is not type(None))
        schema = _leaf_schema(inner)
        if "enum" in schema:
            return {**schema, "enum": [*schema["enum"], None]}
        return {**schema, "type": [schema["type"], "null"]}
    if tp is str:
        return {"type": "string"}
    if tp is int:
        return {"type": "integer"}
    if tp is _dt.date:
        return {"type": "string", "pattern": f"^{_DATE_SYNTAX}$"}
    if tp == _SECTION_LIST:
        return {"type": "array", "items": {"enum": list(SECTION_TITLES)}}
    if _is_enum(tp):
        return {"enum": [m.value for m in tp]}
    raise TypeError(f"no JSON Schema for {tp!r}")  # pragma: no cover - the model is closed


def _cell_object_schema(value: dict[str, Any], description: str) -> dict[str, Any]:
    number = CellKind.NUMBER.value
    return {
        "description": description,
        "type": "object",
        "properties": {
            "kind": {"enum": [k.value for k in CellKind]},
            "value": True,
            "raw": {"type": ["string", "null"]},
            "unit": {"enum": [*(u.value for u in Unit), None]},
        },
        "required": ["kind"],
        "additionalProperties": False,
        "if": {"properties": {"kind": {"const": number}}},
        "then": {"properties": {"value": value}, "required": ["value"]},
        "else": {"properties": {"value": {"type": "null"}}},
    }


class _SchemaBuilder:
    def __init__(self) -> None:
        self.defs: dict[str, Any] = {}

    def cell(self, kind: ValueKind | None) -> dict[str, Any]:
        return _ref("MoneyCell" if kind not in _COUNT_KINDS else "CountCell")

    def slot(self, slot: _Slot, labels: bool) -> dict[str, Any]:
        if slot.type is Cell:
            schema = self.cell(slot.kind)
        elif _is_template_class(slot.type):
            schema = self.model(slot.type, labels)
        elif _is_template_union(slot.type):
            schema = {"oneOf": [self.model(m, labels) for m in _union_members(slot.type)]}
        elif slot.type is ReportInfo:
            schema = self.model(ReportInfo, False)
        else:
            schema = _leaf_schema(slot.type)
            if slot.name == "year":  # the years the loader takes
                schema = {**schema, "minimum": YEARS[0], "maximum": YEARS[-1]}
        if not labels and slot.labels:
            schema = {**schema, "description": " / ".join(slot.labels)}
        return schema

    def tree(self, node: _Tree, labels: bool) -> dict[str, Any]:
        properties: dict[str, Any] = {}
        required: list[str] = []
        for key, child in node.items():
            if isinstance(child, _Slot):
                properties[key] = self.slot(child, labels)
                if not child.optional:
                    required.append(key)
            else:
                properties[key] = self.tree(child, labels)
                required.append(key)
        return {
            "type": "object",
            "properties": properties,
            "required": required,
            "additionalProperties": False,
        }

    def model(self, cls: type[Any], labels: bool) -> dict[str, Any]:
        name = "ReportInfo" if cls is ReportInfo else _def_name(cls, labels)
        if name not in self.defs:
            self.defs[name] = {}  # reserve the name (and keep the order of first use)
            schema = self.tree(_tree(cls, labels), labels)
            doc = (cls.__doc__ or "").strip().splitlines()
            self.defs[name] = {"description": doc[0], **schema} if doc else schema
            if cls is Report:
                self.defs[name]["allOf"] = self.report_conditions(labels)
        return _ref(name)

    def report_conditions(self, labels: bool) -> list[dict[str, Any]]:
        info_key = _key_path(labels, Report, "info")
        template_key = _key_path(labels, ReportInfo, "template")
        proactive = _key_path(labels, Report, "proactive")
        other = _key_path(labels, Report, "requests", "outcomes", "other_handling")
        conditions: list[dict[str, Any]] = []
        for template, cls in _PROACTIVE.items():
            when = _at_path((*info_key, *template_key), {"const": template.value})
            then = _at_path(proactive, self.model(cls, labels))
            if template in _SINGLE_OTHER_HANDLING:
                then = {"allOf": [then, _at_path(other, self.model(ApplicantRow, labels))]}
            conditions.append({"if": when, "then": then})
        return conditions


def _at_path(keys: tuple[str, ...], schema: dict[str, Any]) -> dict[str, Any]:
    for key in reversed(keys):
        schema = {"properties": {key: schema}}
    return schema


def build_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the envelope in both key modes, built from the model.

    ``scripts/generate_schema.py`` writes it to the package; :func:`schema` reads that copy.
    A JSON Schema cannot tell ``1`` from ``1.0``: the loader is stricter and refuses ``1.0``
    for a count.
    """
    builder = _SchemaBuilder()
    integer = {"type": "integer", "minimum": -_LARGEST + 1, "maximum": _LARGEST - 1}
    number = {"oneOf": [integer, _ref("Decimal")]}
    builder.defs.update(
        {
            "Decimal": {
                "description": "十进制数字字符串，精确表示金额（或计数列中的非整数）",
                "type": "string",
                "pattern": f"^{_DECIMAL_SYNTAX}$",
            },
            "CountCell": {
                "description": "计数单元格：整数，或单元格对象",
                "oneOf": [integer, _ref("CellObject")],
            },
            "MoneyCell": {
                "description": "金额单元格：整数、十进制数字字符串，或单元格对象",
                "oneOf": [integer, _ref("Decimal"), _ref("CellObject")],
            },
            "CellObject": _cell_object_schema(
                number,
                "单元格对象：kind 为 number 时必须有 value（整数或十进制数字字符串），"
                "kind 不是 number 时没有 value；raw 为印出的原文，unit 为金额单位",
            ),
        }
    )
    fields_report = builder.model(Report, False)
    labels_report = builder.model(Report, True)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "$comment": "由 scripts/generate_schema.py 根据 zfxxgk.model 生成，请勿手工修改",
        "title": "zfxxgk 政府信息公开工作年度报告（JSON 格式第 1 版）",
        "type": "object",
        "properties": {
            "format": {"const": FORMAT},
            "version": {"const": VERSION},
            "keys": {"enum": list(KEY_MODES)},
            "report": True,
        },
        "required": ["format", "version", "keys", "report"],
        "additionalProperties": False,
        "if": {"properties": {"keys": {"const": "labels"}}},
        "then": {"properties": {"report": labels_report}},
        "else": {"properties": {"report": fields_report}},
        "$defs": builder.defs,
    }


def schema_text(schema: Mapping[str, Any]) -> str:
    """The committed text of a schema: two-space indent, Chinese unescaped, a final newline."""
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


@functools.cache
def _schema_text() -> str:
    return resources.files("zfxxgk").joinpath(SCHEMA_RESOURCE).read_text(encoding="utf-8")


def schema() -> dict[str, Any]:
    """The JSON Schema shipped with the package (a fresh dict each call)."""
    data: dict[str, Any] = json.loads(_schema_text())
    return data
