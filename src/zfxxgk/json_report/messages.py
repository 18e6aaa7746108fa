"""Errors while reading JSON: Chinese messages and the JSON path where each happened."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any

import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    BaseValidationError,
    ForbiddenExtraKeysError,
    IterableValidationNote,
)

from ..errors import JSONLoadError

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
