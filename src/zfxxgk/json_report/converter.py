"""The cattrs converter of reports: strict hooks for the leaves, and for each model class a
walk over its key layout that reports every problem with its path."""

from __future__ import annotations

import datetime as _dt
import functools
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, TypeVar

import cattrs

from ..cells import Cell
from ..model import (
    ApplicantRow,
    Outcomes,
    Report,
    ReportInfo,
)
from .leaves import (
    _SECTION_LIST,
    _is_enum,
    _structure_bool,
    _structure_cell,
    _structure_date,
    _structure_decimal,
    _structure_enum,
    _structure_int,
    _structure_sections,
    _structure_str,
    _structure_year,
    _unstructure_cell,
    _unstructure_date,
    _unstructure_decimal,
    _unstructure_enum,
)
from .messages import _describe, _Invalid, _nest, _note, _Skip
from .shape import (
    _PROACTIVE,
    _SINGLE_OTHER_HANDLING,
    _is_template_class,
    _is_template_union,
    _key_path,
    _Slot,
    _slots,
    _Tree,
    _tree,
    _union_members,
)

T = TypeVar("T")


# --------------------------------------------------------------------------------------
# The converter
# --------------------------------------------------------------------------------------


class _Hooks:
    """The structure and unstructure hooks of the model classes, for one key mode."""

    def __init__(self, converter: cattrs.Converter, labels: bool) -> None:
        self.converter = converter
        self.labels = labels

    # -- structure ------------------------------------------------------------------------
    def structure_object(self, data: Any, cls: type[T]) -> T:
        values = self._read(cls, data)
        return self._build(cls, values)

    def structure_report(self, data: Any, _: Any = None) -> Report:
        values = self._read(Report, data)
        info = values["info"]
        other = values["requests"].outcomes.other_handling
        if info.template in _SINGLE_OTHER_HANDLING and not isinstance(other, ApplicantRow):
            keys = _key_path(self.labels, Report, "requests", "outcomes", "other_handling")
            label = next(s.label for s in _slots(Outcomes, False) if s.name == "other_handling")
            message = f"{info.template.value} 年版模板的“{label}”只有一行，不能分成子行"
            raise cattrs.ClassValidationError(
                "报告无效", [_nest(_Invalid(message), keys, Report)], Report
            )
        return self._build(Report, values)

    def _build(self, cls: type[T], values: dict[str, Any]) -> T:
        try:
            return cls(**values)
        except (TypeError, ValueError) as exc:
            raise _Invalid(f"无法构造 {cls.__name__}：{exc}") from exc

    def _read(self, cls: type[Any], data: Any) -> dict[str, Any]:
        if not isinstance(data, Mapping):
            raise _Invalid(f"应为 JSON 对象，实为{_describe(data)}")
        values: dict[str, Any] = {}
        errors = self._walk(cls, _tree(cls, self.labels), data, values)
        if errors:
            raise cattrs.ClassValidationError(f"{cls.__name__} 无效", errors, cls)
        return values

    def _walk(
        self, cls: type[Any], node: _Tree, data: Mapping[str, Any], values: dict[str, Any]
    ) -> list[Exception]:
        errors: list[Exception] = []
        for key, child in node.items():
            if key not in data:
                if not (isinstance(child, _Slot) and child.optional):
                    errors.append(_note(KeyError(key), key))
                continue
            value = data[key]
            if isinstance(child, _Slot):
                try:
                    values[child.name] = self._read_slot(cls, child, value, values)
                except _Skip:
                    pass
                except Exception as exc:  # every problem is reported with its path
                    errors.append(_note(exc, key, child.type))
            elif not isinstance(value, Mapping):
                errors.append(_note(_Invalid(f"应为 JSON 对象，实为{_describe(value)}"), key))
            else:
                sub = self._walk(cls, child, value, values)
                if sub:
                    errors.append(_note(cattrs.ClassValidationError(f"@ {key}", sub, cls), key))
        for key in data:
            if key not in node:
                allowed = "、".join(node)
                errors.append(_note(_Invalid(f"未知的键（此处可用的键：{allowed}）"), key))
        return errors

    def _read_slot(self, cls: type[Any], slot: _Slot, value: Any, values: dict[str, Any]) -> Any:
        if slot.type is Cell:
            return _structure_cell(value, slot.kind)
        if cls is Report and slot.name == "proactive":
            return self._read_proactive(value, values.get("info"))
        if cls is ReportInfo and slot.name == "year":
            return _structure_year(value)
        if _is_template_union(slot.type):
            return self._read_union(slot, value)
        return self.converter.structure(value, slot.type)

    def _read_proactive(self, value: Any, info: Any) -> Any:
        """Section 二, read as the class of the report's template."""
        if not isinstance(info, ReportInfo):
            raise _Skip  # the template is unknown: the error in ``info`` says why
        target = _PROACTIVE[info.template]
        if isinstance(value, Mapping):
            keys = set(value)
            for template, other in _PROACTIVE.items():
                if other is not target and keys == set(_tree(other, self.labels)):
                    raise _Invalid(
                        f"内容与 info.template（{info.template.value} 年版模板）不符："
                        f"看起来是 {template.value} 年版模板的表格"
                    )
        return self.converter.structure(value, target)

    def _read_union(self, slot: _Slot, value: Any) -> Any:
        """A field that holds one of several template classes, chosen by the keys present."""
        if not isinstance(value, Mapping):
            raise _Invalid(f"应为 JSON 对象，实为{_describe(value)}")
        members = _union_members(slot.type)
        matches = [m for m in members if set(value) & set(_tree(m, self.labels))]
        if len(matches) != 1:
            forms = "；或 ".join("{" + "、".join(_tree(m, self.labels)) + "}" for m in members)
            raise _Invalid(f"无法判断“{slot.label}”的形式，应为以下之一：{forms}")
        return self.converter.structure(value, matches[0])

    # -- unstructure ----------------------------------------------------------------------
    def unstructure_object(self, obj: Any) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for slot in _slots(type(obj), self.labels):
            node = out
            for key in slot.keys[:-1]:
                node = node.setdefault(key, {})
            value = getattr(obj, slot.name)
            if slot.type is Cell:
                node[slot.keys[-1]] = _unstructure_cell(value, slot.kind)
            else:
                node[slot.keys[-1]] = self.converter.unstructure(value)
        return out


def make_converter(*, labels: bool = False) -> cattrs.Converter:
    """A cattrs converter for reports, keyed by attribute names or by the official labels.

    The converter structures and unstructures a :class:`~zfxxgk.model.Report` body (without
    the envelope) and every part of it.  Its hooks are strict: ``int`` accepts only JSON
    integers (not ``1.7``, ``"3"`` or ``true``), ``str`` only strings, ``Decimal`` decimal
    strings or integers, ``date`` ISO strings, enums their values, ``info.section_order`` an
    array of section numbers 一 … 六 (not a string).  Errors are cattrs validation errors;
    :func:`error_messages` turns them into Chinese ``… @ $.path`` lines.

    Each call returns a new converter: register hooks for your own classes on it freely.
    """
    converter = cattrs.Converter()
    hooks = _Hooks(converter, labels)
    converter.register_structure_hook(int, _structure_int)
    converter.register_structure_hook(str, _structure_str)
    converter.register_structure_hook(bool, _structure_bool)
    converter.register_structure_hook(Decimal, _structure_decimal)
    converter.register_unstructure_hook(Decimal, _unstructure_decimal)
    converter.register_structure_hook(_dt.date, _structure_date)
    converter.register_unstructure_hook(_dt.date, _unstructure_date)
    converter.register_structure_hook_func(lambda t: t == _SECTION_LIST, _structure_sections)
    converter.register_structure_hook_func(_is_enum, _structure_enum)
    converter.register_unstructure_hook_func(_is_enum, _unstructure_enum)
    converter.register_structure_hook(Cell, lambda value, _: _structure_cell(value))
    converter.register_unstructure_hook(Cell, _unstructure_cell)
    converter.register_structure_hook_func(_is_template_class, hooks.structure_object)
    converter.register_unstructure_hook_func(_is_template_class, hooks.unstructure_object)
    converter.register_structure_hook(ReportInfo, hooks.structure_object)
    converter.register_unstructure_hook(ReportInfo, hooks.unstructure_object)
    converter.register_structure_hook(Report, hooks.structure_report)
    converter.register_unstructure_hook(Report, hooks.unstructure_object)
    return converter


@functools.cache
def _converter(labels: bool) -> cattrs.Converter:
    return make_converter(labels=labels)
