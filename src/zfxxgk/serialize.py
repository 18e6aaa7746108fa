"""Reports as JSON: one cattrs converter, a versioned envelope and a JSON Schema.

A report is written inside an envelope::

    {"format": "zfxxgk.report", "version": 1, "keys": "fields", "report": {...}}

``keys`` says how the report is keyed: ``"fields"`` uses the model's attribute names
(``requests.new.total``), ``"labels"`` the official Chinese labels read from the model's field
metadata and :data:`zfxxgk.template.SECTION_TITLES` (``三、收到和处理政府信息公开申请情况`` →
``一、本年新收政府信息公开申请数量`` → ``总计``).  A label path of several labels (a caption and
a row, such as ``第二十条第（一）项`` → ``规章``) becomes nested objects.  Loading reads the key
mode from the envelope.

Validation belongs to this edge: :func:`make_converter` configures a cattrs converter whose
hooks never coerce.  A count is a JSON integer (never ``1.7``, ``"3"`` or ``true``); money is a
decimal string (``"96171.6"``) or an integer, never a JSON float; a date is an ISO string; an
enum is its value.  A cell is a bare integer (or, in a money column, a bare decimal string)
when it holds a plain number and an object otherwise: ``{"kind": "blank"}``,
``{"kind": "placeholder", "raw": "/"}``,
``{"kind": "number", "value": 22, "raw": "22（其中修订16件）"}``,
so blank, ``0``, ``/`` and a missing cell stay apart.  Unknown keys are errors.  Every
problem becomes a :class:`~zfxxgk.errors.JSONLoadError` whose message says where:
``… @ $.report.requests.new.total``.

The JSON Schema of the envelope (both key modes) is generated from the model by
:func:`build_schema`; the committed copy ships in the package and :func:`schema` loads it.
"""

from __future__ import annotations

import datetime as _dt
import enum
import functools
import json
import re
import types
import typing
from collections.abc import Iterator, Mapping
from decimal import Decimal
from importlib import resources
from typing import IO, Any, Final, Literal, TypeAlias, TypeVar, Union

import attrs
import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    BaseValidationError,
    ForbiddenExtraKeysError,
    IterableValidationNote,
)

from ._fields import info_of
from .cells import Cell, CellKind, Unit, ValueKind
from .errors import JSONLoadError
from .model import (
    ApplicantRow,
    Outcomes,
    ProactiveDisclosure2019,
    ProactiveDisclosure2021,
    Report,
    ReportInfo,
    Template,
)
from .template import NARRATIVE_SECTIONS, SECTION_TITLES, TABLE_SECTIONS

__all__ = [
    "FORMAT",
    "KEY_MODES",
    "SCHEMA_RESOURCE",
    "VERSION",
    "KeyMode",
    "build_schema",
    "dump",
    "dumps",
    "error_messages",
    "from_dict",
    "load",
    "loads",
    "make_converter",
    "schema",
    "to_dict",
]

FORMAT: Final = "zfxxgk.report"
"""The ``format`` of the envelope."""

VERSION: Final = 1
"""The version of the format this module writes and reads."""

KeyMode: TypeAlias = Literal["fields", "labels"]
KEY_MODES: Final[tuple[KeyMode, ...]] = ("fields", "labels")
"""The values of the envelope's ``keys``: attribute names, or the official labels."""

SCHEMA_RESOURCE: Final = "schema/report-v1.schema.json"
"""Where the JSON Schema lives inside the ``zfxxgk`` package."""

SCHEMA_ID: Final = "urn:zfxxgk:schema:report:v1"

T = TypeVar("T")

_CELL_KEYS: Final = ("kind", "value", "raw", "unit")
_DECIMAL_SYNTAX: Final = r"-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?"
_DECIMAL = re.compile(_DECIMAL_SYNTAX)
_DATE_SYNTAX: Final = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
_DATE = re.compile(_DATE_SYNTAX)
_COUNT_KINDS: Final = frozenset({ValueKind.COUNT, ValueKind.SIGNED_COUNT})
_PROACTIVE: Final[dict[Template, type[Any]]] = {
    Template.V2021: ProactiveDisclosure2021,
    Template.V2019: ProactiveDisclosure2019,
}
"""Section 二's class for each template (the ``proactive`` union is resolved by the template)."""
_SINGLE_OTHER_HANDLING: Final = frozenset({Template.V2019})
"""Templates whose （六）其他处理 is one printed row (the model refuses three sub-rows)."""


# --------------------------------------------------------------------------------------
# Errors: Chinese messages and JSON paths
# --------------------------------------------------------------------------------------


class _Invalid(ValueError):
    """A value that does not fit; the message is Chinese and says what was expected."""


class _Skip(Exception):
    """Nothing to report here (an earlier error already explains it)."""


def _note(exc: Exception, key: str | int, type_: Any = None) -> Exception:
    """Attach the JSON key (or list index) where *exc* happened, the way cattrs does."""
    notes = list(getattr(exc, "__notes__", []))
    if isinstance(key, int):
        notes.append(IterableValidationNote(f"@ [{key}]", key, type_))
    else:
        notes.append(AttributeValidationNote(f"@ {key}", key, type_))
    setattr(exc, "__notes__", notes)  # noqa: B010 - add_note() is Python ≥ 3.11
    return exc


def _nest(exc: Exception, keys: tuple[str, ...], cls: type[Any]) -> Exception:
    """*exc* at the key path *keys*, as nested cattrs validation errors."""
    exc = _note(exc, keys[-1])
    for key in reversed(keys[:-1]):
        exc = _note(cattrs.ClassValidationError(f"@ {key}", [exc], cls), key)
    return exc


def _describe(value: Any) -> str:
    """A JSON value as a message shows it: its kind in Chinese, then the value."""
    if isinstance(value, bool):
        return f"布尔值 {'true' if value else 'false'}"
    if value is None:
        return "空值 null"
    if isinstance(value, int):
        return f"整数 {value}"
    if isinstance(value, float | Decimal):
        return f"小数 {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:40] + "…"
        return f"字符串 {json.dumps(shown, ensure_ascii=False)}"
    if isinstance(value, Mapping):
        return "对象"
    if isinstance(value, list | tuple):
        return "数组"
    return type(value).__name__


def _describe_exception(exc: BaseException) -> str:
    if isinstance(exc, _Invalid):
        return str(exc)
    if isinstance(exc, KeyError):
        return "缺少该项"
    if isinstance(exc, ForbiddenExtraKeysError):
        return f"未知的键：{'、'.join(sorted(exc.extra_fields))}"
    if isinstance(exc, cattrs.StructureHandlerNotFoundError):
        return f"无法读取类型 {exc.type_!r}"
    return f"无效的值（{type(exc).__name__}：{exc}）"


_SIMPLE_KEY = re.compile(r"[^\s.\[\]\"'$@]+")


def _render_path(root: str, path: tuple[str | int, ...]) -> str:
    out = root
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        elif _SIMPLE_KEY.fullmatch(part):
            out += f".{part}"
        else:
            out += f"[{json.dumps(part, ensure_ascii=False)}]"
    return out


def _problems(
    exc: BaseException, path: tuple[str | int, ...]
) -> Iterator[tuple[tuple[str | int, ...], str]]:
    if isinstance(exc, BaseValidationError):
        for sub in exc.exceptions:
            key: str | int | None = None
            for note in getattr(sub, "__notes__", ()):
                if isinstance(note, AttributeValidationNote):
                    key = note.name
                    break
                if isinstance(note, IterableValidationNote):
                    key = note.index
                    break
            yield from _problems(sub, path if key is None else (*path, key))
    else:
        yield path, _describe_exception(exc)


def error_messages(exc: BaseException, root: str = "$") -> list[str]:
    """Chinese messages ``… @ $.path`` for an error raised by a :func:`make_converter` converter.

    Like cattrs' ``transform_error``, but in Chinese, and keys that contain a dot or a space
    (``1.属于国家秘密``) are written ``["1.属于国家秘密"]`` so the path stays unambiguous.
    """
    return [f"{message} @ {_render_path(root, path)}" for path, message in _problems(exc, ())]


def _load_error(lines: list[str]) -> JSONLoadError:
    head = JSONLoadError.default_message
    if len(lines) == 1:
        return JSONLoadError(f"{head}：{lines[0]}", problems=lines)
    body = "\n".join(f"  - {line}" for line in lines)
    return JSONLoadError(f"{head}（{len(lines)} 处错误）：\n{body}", problems=lines)


# --------------------------------------------------------------------------------------
# Strict hooks for the leaves
# --------------------------------------------------------------------------------------


def _structure_int(value: Any, _: Any = None) -> int:
    if type(value) is int:
        return value
    raise _Invalid(f"应为整数，实为{_describe(value)}")


def _structure_str(value: Any, _: Any = None) -> str:
    if isinstance(value, str):
        return value
    raise _Invalid(f"应为字符串，实为{_describe(value)}")


def _structure_bool(value: Any, _: Any = None) -> bool:
    if isinstance(value, bool):
        return value
    raise _Invalid(f"应为 true 或 false，实为{_describe(value)}")


def _structure_decimal(value: Any, _: Any = None) -> Decimal:
    if isinstance(value, str) and _DECIMAL.fullmatch(value):
        return Decimal(value)
    if type(value) is int:
        return Decimal(value)
    if isinstance(value, float | Decimal):
        raise _Invalid(f'金额应写成字符串（如 "{value}"）以保证精确，不能用 JSON 小数 {value}')
    raise _Invalid(f'应为十进制数字字符串（如 "96171.6"），实为{_describe(value)}')


def _unstructure_decimal(value: Decimal) -> str:
    if not value.is_finite():
        raise ValueError(f"无法写出非有限的数值 {value}")
    return str(value)


def _structure_date(value: Any, _: Any = None) -> _dt.date:
    if isinstance(value, str) and _DATE.fullmatch(value):
        try:
            return _dt.date.fromisoformat(value)
        except ValueError:
            raise _Invalid(f"日期无效：{value}") from None
    raise _Invalid(f"日期应为 ISO 格式字符串 YYYY-MM-DD，实为{_describe(value)}")


def _unstructure_date(value: _dt.date) -> str:
    return value.isoformat()


_SECTION_LIST: Final = tuple[str, ...]
"""The type of :attr:`~zfxxgk.model.ReportInfo.section_order`: section numbers 一 … 六."""


def _structure_sections(value: Any, _: Any = None) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise _Invalid(f'应为部分序号的数组（如 ["一", "二"]），实为{_describe(value)}')
    errors: list[Exception] = []
    for index, item in enumerate(value):
        if not (isinstance(item, str) and item in SECTION_TITLES):
            wanted = "、".join(SECTION_TITLES)
            errors.append(
                _note(_Invalid(f"应为部分序号 {wanted} 之一，实为{_describe(item)}"), index)
            )
    if errors:
        raise cattrs.IterableValidationError("部分序号无效", errors, tuple)
    return tuple(value)


def _is_enum(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, enum.Enum)


E = TypeVar("E", bound=enum.Enum)


def _structure_enum(value: Any, cls: type[E]) -> E:
    for member in cls:
        if type(member.value) is type(value) and member.value == value:
            return member
    options = "、".join(json.dumps(m.value, ensure_ascii=False) for m in cls)
    raise _Invalid(f"应为 {options} 之一，实为{_describe(value)}")


def _unstructure_enum(value: enum.Enum) -> Any:
    return value.value


# --------------------------------------------------------------------------------------
# Cells
# --------------------------------------------------------------------------------------


def _cell_number(value: Any, kind: ValueKind | None, *, bare: bool) -> int | Decimal:
    """The number of a cell: a JSON integer (``int``) or a decimal string (``Decimal``).

    A bare cell in a count column must be an integer: ``"3"`` there is refused, not read as 3.
    A count cell that holds a Decimal (a non-whole count, which the checks report) is written
    as an explicit number object, ``{"kind": "number", "value": "0.5"}``.
    """
    if type(value) is int:
        return value
    count = kind in _COUNT_KINDS
    if not (count and bare) and isinstance(value, str) and _DECIMAL.fullmatch(value):
        return Decimal(value)
    if count and bare:
        raise _Invalid(f"应为整数，实为{_describe(value)}")
    if not count and isinstance(value, float | Decimal):
        raise _Invalid(f'金额应写成字符串（如 "{value}"）以保证精确，不能用 JSON 小数 {value}')
    raise _Invalid(f'应为整数或十进制数字字符串（如 "96171.6"），实为{_describe(value)}')


def _structure_cell(value: Any, kind: ValueKind | None = None) -> Cell:
    """A :class:`Cell` from its JSON form (a bare number, or an object).

    *kind* is the value kind of the template column: count columns take integers only,
    money columns integers or decimal strings.  ``None`` accepts both (a cell out of context).
    """
    if isinstance(value, Mapping):
        return _cell_object(value, kind)
    if value is None:
        raise _Invalid('单元格不能是 null（空白单元格写作 {"kind": "blank"}）')
    return Cell(value=_cell_number(value, kind, bare=True), kind=CellKind.NUMBER)


def _cell_object(data: Mapping[str, Any], kind: ValueKind | None) -> Cell:
    errors: list[Exception] = []
    allowed = "、".join(_CELL_KEYS)
    for key in data:
        if key not in _CELL_KEYS:
            errors.append(_note(_Invalid(f"未知的键（单元格对象可用的键：{allowed}）"), key))
    cell_kind: CellKind | None = None
    if "kind" not in data:
        errors.append(_note(KeyError("kind"), "kind"))
    else:
        try:
            cell_kind = _structure_enum(data["kind"], CellKind)
        except _Invalid as exc:
            errors.append(_note(exc, "kind"))
    number: int | Decimal | None = None
    if data.get("value") is not None:
        if cell_kind is not None and cell_kind is not CellKind.NUMBER:
            errors.append(
                _note(_Invalid(f'kind 为 "{cell_kind.value}" 的单元格不能有 value'), "value")
            )
        else:
            try:
                number = _cell_number(data["value"], kind, bare=False)
            except _Invalid as exc:
                errors.append(_note(exc, "value"))
    elif cell_kind is CellKind.NUMBER:
        missing = (
            KeyError("value") if "value" not in data else _Invalid("数字单元格的 value 不能是 null")
        )
        errors.append(_note(missing, "value"))
    raw: str | None = None
    if data.get("raw") is not None:
        try:
            raw = _structure_str(data["raw"])
        except _Invalid as exc:
            errors.append(_note(exc, "raw"))
    unit: Unit | None = None
    if data.get("unit") is not None:
        try:
            unit = _structure_enum(data["unit"], Unit)
        except _Invalid as exc:
            errors.append(_note(exc, "unit"))
    if errors or cell_kind is None:
        raise cattrs.ClassValidationError("单元格无效", errors, Cell)
    return Cell(value=number, raw=raw, unit=unit, kind=cell_kind)


def _unstructure_cell(cell: Cell, kind: ValueKind | None = None) -> Any:
    """The JSON form of a cell: a bare number when it is a plain number, else an object.

    A :class:`~decimal.Decimal` is written as a string; in a count column it is always written
    as an object (a bare string there is refused when read).
    """
    value = cell.value
    number = None if value is None else value if isinstance(value, int) else str(value)
    plain = cell.raw is None and cell.unit is None
    if (
        cell.kind is CellKind.NUMBER
        and plain
        and (isinstance(value, int) or kind not in _COUNT_KINDS)
    ):
        return number
    out: dict[str, Any] = {"kind": cell.kind.value}
    if number is not None:
        out["value"] = number
    if cell.raw is not None:
        out["raw"] = cell.raw
    if cell.unit is not None:
        out["unit"] = cell.unit.value
    return out


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


# --------------------------------------------------------------------------------------
# The envelope
# --------------------------------------------------------------------------------------


def to_dict(report: Report, *, labels: bool = False) -> dict[str, Any]:
    """The envelope of *report* as JSON-ready Python data (dicts, lists, str, int, None)."""
    if not isinstance(report, Report):
        raise TypeError(f"应为 zfxxgk.Report，实为 {type(report).__name__}")
    body = _converter(labels).unstructure(report)
    return {
        "format": FORMAT,
        "version": VERSION,
        "keys": "labels" if labels else "fields",
        "report": body,
    }


def _read_envelope(data: Any) -> bool:
    """Check the envelope; return whether the report is keyed by labels."""
    if not isinstance(data, Mapping):
        raise _load_error([f"应为 JSON 对象（zfxxgk 报告），实为{_describe(data)} @ $"])
    problems: list[tuple[tuple[str | int, ...], str]] = []
    fields = ("format", "version", "keys", "report")
    for key in data:
        if key not in fields:
            problems.append(((key,), f"未知的键（此处可用的键：{'、'.join(fields)}）"))
    for key in fields:
        if key not in data:
            problems.append(((key,), "缺少该项"))
    fmt = data.get("format", FORMAT)
    if fmt != FORMAT or not isinstance(fmt, str):
        problems.append(
            (("format",), f'不是 zfxxgk 报告：format 应为 "{FORMAT}"，实为{_describe(fmt)}')
        )
    version = data.get("version", VERSION)
    if type(version) is not int:
        problems.append((("version",), f"版本号应为整数，实为{_describe(version)}"))
    elif version != VERSION:
        problems.append((("version",), f"不支持的版本 {version}：本库读写版本 {VERSION}"))
    keys = data.get("keys", "fields")
    if not isinstance(keys, str) or keys not in KEY_MODES:
        modes = " 或 ".join(f'"{m}"' for m in KEY_MODES)
        problems.append((("keys",), f"keys 应为 {modes}，实为{_describe(keys)}"))
    if problems:
        raise _load_error([f"{message} @ {_render_path('$', path)}" for path, message in problems])
    return bool(keys == "labels")


def from_dict(data: Any) -> Report:
    """The report in an envelope read from JSON data (what :func:`json.loads` returns).

    Raises :class:`~zfxxgk.errors.JSONLoadError` with every problem and its path.
    """
    labels = _read_envelope(data)
    try:
        report = _converter(labels).structure(data["report"], Report)
    except (BaseValidationError, ValueError, TypeError, KeyError, AttributeError) as exc:
        raise _load_error(error_messages(exc, "$.report")) from exc
    return report


def dumps(report: Report, *, labels: bool = False, indent: int | str | None = None) -> str:
    """*report* as JSON text (UTF-8 friendly: Chinese is not escaped)."""
    return json.dumps(to_dict(report, labels=labels), ensure_ascii=False, indent=indent)


def dump(
    report: Report, fp: IO[str], *, labels: bool = False, indent: int | str | None = None
) -> None:
    """Write *report* as JSON to the text file *fp*."""
    fp.write(dumps(report, labels=labels, indent=indent))


def _reject_constant(name: str) -> Any:
    raise ValueError(f"JSON 不允许 {name}")


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"键“{key}”重复出现")
        out[key] = value
    return out


def loads(text: str | bytes | bytearray) -> Report:
    """The report in the JSON text *text* (an envelope in either key mode).

    Raises :class:`~zfxxgk.errors.JSONLoadError` for invalid JSON (with line and column), for
    JSON that is not a zfxxgk report of a supported version, and for every value that does
    not fit the model (with its path, ``… @ $.report.requests.new.total``).
    """
    if isinstance(text, str):
        text = text.removeprefix("\ufeff")  # a file saved "UTF-8 with BOM" and read as UTF-8
    try:
        data = json.loads(
            text,
            parse_float=Decimal,
            parse_constant=_reject_constant,
            object_pairs_hook=_no_duplicate_keys,
        )
    except json.JSONDecodeError as exc:
        raise JSONLoadError(
            f"JSON 语法错误（第 {exc.lineno} 行第 {exc.colno} 列）：{exc.msg}"
        ) from exc
    except UnicodeDecodeError as exc:
        raise JSONLoadError(f"JSON 文本不是有效的 UTF-8/16/32 编码：{exc}") from exc
    except RecursionError as exc:
        raise JSONLoadError("JSON 嵌套过深") from exc
    except ValueError as exc:
        raise JSONLoadError(f"无法读取 JSON：{exc}") from exc
    return from_dict(data)


def load(fp: IO[str] | IO[bytes]) -> Report:
    """The report in the JSON file *fp* (opened in text or binary mode)."""
    return loads(fp.read())


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
    number = {"oneOf": [{"type": "integer"}, _ref("Decimal")]}
    builder.defs.update(
        {
            "Decimal": {
                "description": "十进制数字字符串，精确表示金额（或计数列中的非整数）",
                "type": "string",
                "pattern": f"^{_DECIMAL_SYNTAX}$",
            },
            "CountCell": {
                "description": "计数单元格：整数，或单元格对象",
                "oneOf": [{"type": "integer"}, _ref("CellObject")],
            },
            "MoneyCell": {
                "description": "金额单元格：整数、十进制数字字符串，或单元格对象",
                "oneOf": [{"type": "integer"}, _ref("Decimal"), _ref("CellObject")],
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
