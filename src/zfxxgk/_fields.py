"""Field wrappers that attach the official labels to the model's attrs fields.

This is the one place where an official label is typed: each model field names the label
(or label path) the national template prints for it, in the attrs field metadata under the
``"zfxxgk"`` key.  Everything else — parsers, exports, label-keyed JSON, messages — reads
the labels from here through :mod:`zfxxgk.template`.
"""

from __future__ import annotations

import enum
from typing import Any, Final

import attrs

from .cells import Cell, ValueKind

META_KEY = "zfxxgk"

SECTION_TITLES: Final[dict[str, str]] = {
    "一": "总体情况",
    "二": "主动公开政府信息情况",
    "三": "收到和处理政府信息公开申请情况",
    "四": "政府信息公开行政复议、行政诉讼情况",
    "五": "存在的主要问题及改进情况",
    "六": "其他需要报告的事项",
}
"""The six official section headings, by their number (without the "一、")."""


class Role(enum.Enum):
    COLUMN = "column"
    """A field holding one :class:`~zfxxgk.cells.Cell`: a column of its row."""
    ROW = "row"
    """A field holding a row object (a class whose fields are columns)."""
    GROUP = "group"
    """A field holding a group of rows (a class whose fields are rows or groups)."""


@attrs.frozen
class FieldInfo:
    role: Role
    labels: tuple[str, ...]
    """The label path this field adds (a caption and a row label, or one label)."""
    aliases: tuple[str, ...] = ()
    """Other wordings seen in real reports, for readers that match labels."""
    value_kind: ValueKind = ValueKind.COUNT
    parent: str | None = None
    """For a column under a spanning header (法人或其他组织), that header."""
    unit: str | None = None
    """For money columns whose unit is fixed by the template."""


def _as_path(labels: str | tuple[str, ...]) -> tuple[str, ...]:
    return (labels,) if isinstance(labels, str) else tuple(labels)


def column(
    label: str,
    *,
    kind: ValueKind = ValueKind.COUNT,
    aliases: tuple[str, ...] = (),
    parent: str | None = None,
    unit: str | None = None,
) -> Any:
    """A :class:`Cell` field printed under the column *label*."""
    info = FieldInfo(Role.COLUMN, (label,), aliases, kind, parent, unit)
    return attrs.field(metadata={META_KEY: info}, validator=attrs.validators.instance_of(Cell))


def row(labels: str | tuple[str, ...], *, aliases: tuple[str, ...] = ()) -> Any:
    """A row-object field printed with the row label path *labels*."""
    return attrs.field(metadata={META_KEY: FieldInfo(Role.ROW, _as_path(labels), aliases)})


def group(labels: str | tuple[str, ...], *, aliases: tuple[str, ...] = ()) -> Any:
    """A field holding a group of rows under the label path *labels*."""
    return attrs.field(metadata={META_KEY: FieldInfo(Role.GROUP, _as_path(labels), aliases)})


def info_of(field: attrs.Attribute[Any]) -> FieldInfo | None:
    info = field.metadata.get(META_KEY)
    return info if isinstance(info, FieldInfo) else None


def resolve_types(namespace: dict[str, Any]) -> None:
    """Give the attrs classes of the module whose globals are *namespace* their fields' types
    as objects: what ``attrs.resolve_types(cls, namespace)`` does (``Attribute.type`` becomes
    what ``typing.get_type_hints`` evaluates, a test compares them), without building a
    ``typing.ForwardRef`` for each of some two hundred annotations — each compiled alone, a
    cost every process paid at start.  An annotation is evaluated once for all the fields
    that carry it (``"Cell"``, ``"ApplicantRow"`` …)."""
    name = namespace["__name__"]
    known: dict[str, Any] = {}
    for cls in list(namespace.values()):
        if not (isinstance(cls, type) and attrs.has(cls) and cls.__module__ == name):
            continue
        for field in attrs.fields(cls):
            text = field.type
            if isinstance(text, str):
                if text not in known:
                    value = eval(text, namespace)  # the module's own annotation text
                    known[text] = type(None) if value is None else value
                object.__setattr__(field, "type", known[text])  # as attrs does (frozen)
        cls.__attrs_types_resolved__ = cls  # type: ignore[attr-defined]  # attrs' own mark
