"""The shape of each model class in JSON: which key path holds which field, in both key modes
(attribute names, or the official labels)."""

from __future__ import annotations

import types
import typing
from typing import Any, Final, TypeAlias, Union

import attrs

from .._fields import info_of
from ..cells import Cell, ValueKind
from ..model import (
    ProactiveDisclosure2019,
    ProactiveDisclosure2021,
    Report,
    Template,
)
from ..template import NARRATIVE_SECTIONS, SECTION_TITLES, TABLE_SECTIONS

_PROACTIVE: Final[dict[Template, type[Any]]] = {
    Template.V2021: ProactiveDisclosure2021,
    Template.V2019: ProactiveDisclosure2019,
}
"""Section 二's class for each template (the ``proactive`` union is resolved by the template)."""
_SINGLE_OTHER_HANDLING: Final = frozenset({Template.V2019})
"""Templates whose （六）其他处理 is one printed row (the model refuses three sub-rows)."""


# --------------------------------------------------------------------------------------
# The shape of each model class in JSON: which key path holds which field
# --------------------------------------------------------------------------------------


@attrs.frozen
class _Slot:
    """One model field and the JSON key path that holds it."""

    name: str
    keys: tuple[str, ...]
    type: Any
    label: str
    """How a message names the field: its official label, else its attribute name."""
    labels: tuple[str, ...]
    """The official label path of the field (empty for fields without one)."""
    kind: ValueKind | None
    """The value kind, for a :class:`Cell` field."""
    optional: bool
    """The field has a default, so its key may be absent."""


_Tree: TypeAlias = dict[str, Union["_Slot", "_Tree"]]

_SECTION_OF_ATTR: Final = {
    attr: no for no, attr in (*TABLE_SECTIONS.items(), *NARRATIVE_SECTIONS.items())
}
_SECTION_ORDER: Final = {no: i for i, no in enumerate(SECTION_TITLES)}


def _heading(number: str) -> str:
    """The official section heading with its number: ``二、主动公开政府信息情况``."""
    return f"{number}、{SECTION_TITLES[number]}"


def _is_template_class(tp: Any) -> bool:
    """A class of the template's tables: an attrs class whose every field carries labels."""
    if not (isinstance(tp, type) and attrs.has(tp)):
        return False
    fields = attrs.fields(tp)
    return bool(fields) and all(info_of(f) is not None for f in fields)


def _union_members(tp: Any) -> tuple[Any, ...]:
    if typing.get_origin(tp) in (Union, types.UnionType):
        return typing.get_args(tp)
    return ()


def _is_template_union(tp: Any) -> bool:
    members = _union_members(tp)
    return bool(members) and all(_is_template_class(m) for m in members)


_SLOTS: dict[tuple[type, bool], tuple[_Slot, ...]] = {}
_TREES: dict[tuple[type, bool], _Tree] = {}


def _slots(cls: type, labels: bool) -> tuple[_Slot, ...]:
    """The fields of *cls* with their JSON key paths, in the order they are written."""
    if (cls, labels) not in _SLOTS:
        _SLOTS[cls, labels] = _make_slots(cls, labels)
    return _SLOTS[cls, labels]


def _tree(cls: type, labels: bool) -> _Tree:
    """The nested key layout of *cls* (a label path of several labels nests objects)."""
    if (cls, labels) not in _TREES:
        _TREES[cls, labels] = _make_tree(cls, labels)
    return _TREES[cls, labels]


def _make_slots(cls: type, labels: bool) -> tuple[_Slot, ...]:
    slots: list[_Slot] = []
    for field in attrs.fields(cls):
        if field.metadata.get("json", True) is False:
            continue  # what the reader saw (ReportInfo.printed): not part of the report's data
        info = info_of(field)
        keys: tuple[str, ...] = (field.name,)
        if labels and info is not None:
            keys = info.labels
        elif labels and cls is Report and field.name in _SECTION_OF_ATTR:
            keys = (_heading(_SECTION_OF_ATTR[field.name]),)
        is_cell = field.type is Cell
        slots.append(
            _Slot(
                name=field.name,
                keys=keys,
                type=field.type,
                label=info.labels[-1] if info is not None else field.name,
                labels=info.labels if info is not None else (),
                kind=info.value_kind if info is not None and is_cell else None,
                optional=field.default is not attrs.NOTHING,
            )
        )
    if labels and cls is Report:
        slots.sort(key=lambda s: _SECTION_ORDER.get(_SECTION_OF_ATTR.get(s.name, ""), -1))
    return tuple(slots)


def _make_tree(cls: type, labels: bool) -> _Tree:
    tree: _Tree = {}
    for slot in _slots(cls, labels):
        node = tree
        for key in slot.keys[:-1]:
            child = node.setdefault(key, {})
            if not isinstance(child, dict):  # pragma: no cover - a template data bug
                raise RuntimeError(f"{cls.__name__}: key {key!r} is both a field and a group")
            node = child
        if slot.keys[-1] in node:  # pragma: no cover - a template data bug
            raise RuntimeError(f"{cls.__name__}: two fields under the key path {slot.keys!r}")
        node[slot.keys[-1]] = slot
    return tree


def _key_path(labels: bool, cls: type[Any], *names: str) -> tuple[str, ...]:
    """The JSON key path of an attribute path starting at *cls*."""
    keys: tuple[str, ...] = ()
    for name in names:
        slot = next(s for s in _slots(cls, labels) if s.name == name)
        keys += slot.keys
        cls = slot.type
    return keys
