"""The envelope ``{"format": "zfxxgk.report", "version": 1, "keys": …, "report": …}``: writing
and reading a whole report as JSON text or data."""

from __future__ import annotations

import json
from collections.abc import Mapping
from decimal import Decimal
from typing import IO, Any, Final, Literal, TypeAlias

from cattrs.errors import (
    BaseValidationError,
)

from ..errors import JSONLoadError
from ..limits import MAX_JSON_BYTES
from ..model import (
    Report,
)
from .converter import _converter
from .messages import _describe, _load_error, _render_path, error_messages

FORMAT: Final = "zfxxgk.report"
"""The ``format`` of the envelope."""

VERSION: Final = 1
"""The version of the format this module writes and reads."""

KeyMode: TypeAlias = Literal["fields", "labels"]
KEY_MODES: Final[tuple[KeyMode, ...]] = ("fields", "labels")
"""The values of the envelope's ``keys``: attribute names, or the official labels."""


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
    not fit the model (with its path, ``… @ $.report.requests.new.total``), a year outside
    1990–2100 or a number of more digits than a cell may hold included.  Bytes may be UTF-8,
    UTF-16 or UTF-32, with or without a byte-order mark.  Text over
    :data:`~zfxxgk.limits.MAX_JSON_BYTES` (64 MB, the readers' limit) is refused
    before it is parsed.
    """
    if len(text) > MAX_JSON_BYTES:
        raise _too_large()
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


def _too_large() -> JSONLoadError:
    return JSONLoadError(
        f"JSON 文件过大（上限 {MAX_JSON_BYTES // (1024 * 1024)} MB），拒绝读取 [J-TOO-LARGE]"
    )


def load(fp: IO[str] | IO[bytes]) -> Report:
    """The report in the JSON file *fp* (opened in text or binary mode); no more than
    :data:`~zfxxgk.limits.MAX_JSON_BYTES` + 1 bytes (or characters) are read."""
    text = fp.read(MAX_JSON_BYTES + 1)
    if len(text) > MAX_JSON_BYTES:
        raise _too_large()
    return loads(text)
