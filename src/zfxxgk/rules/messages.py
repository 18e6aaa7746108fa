"""A rule's message template: checked when the rule is defined, filled with its example.

Every rule declares a Chinese message template and, for the catalogue, an **example**: what one
of its findings says.  The example is either

- the ``params`` of one finding (a mapping): the template filled with them is the example
  message, so it cannot drift from the template; ``reported`` and ``expected`` are given as
  numbers (written as the engine writes them: ``12``, ``12.35``) or as the engine's words
  (``"空白（按 0 计）"``), ``where`` as a label path (``"三/四、结转下年度继续办理/总计"``); or
- the message itself (a ``str``), for a rule whose findings write their message case by case
  (``Violation(message=…)``: the narrative and text rules), taken from a real finding.

:func:`check_declaration` runs when a :class:`~zfxxgk.rules.Rule` is made: a placeholder that
is neither standard nor declared, or an example that does not fill the template, raises
:exc:`ValueError`.  :func:`example_message` is what ``zfxxgk rules --format json`` and the
catalogue page (``scripts/generate_catalogue.py``) show; the page's check fails for a code
without one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Final, TypeAlias

from ..cells import format_number

try:  # what string.Formatter().parse calls: importing string compiles string.Template's
    # pattern, for every process (the rules' templates are read when the rules are made)
    from _string import formatter_parser  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - CPython and PyPy have it
    import string

    formatter_parser = string.Formatter().parse

__all__ = ["STANDARD_PARAMS", "Example", "check_declaration", "example_message", "placeholders"]

STANDARD_PARAMS: Final[frozenset[str]] = frozenset({"reported", "expected", "where"})
"""The placeholders every message template may use without declaring them."""

Example: TypeAlias = "Mapping[str, object] | str"
"""A rule's example: the params of one finding, or (for a message written case by case) the
message."""


def placeholders(code: str, message: str) -> set[str]:
    """The names of the placeholders of *message* (``ValueError`` if it is malformed)."""
    try:
        return {name for _, name, _, _ in formatter_parser(message) if name is not None}
    except ValueError as exc:
        raise ValueError(f"rule {code}: the message template {message!r} is malformed") from exc


def check_declaration(
    code: str, message: str, params: Iterable[str], example: Example | None = None
) -> None:
    """A message template may use only ``{reported}``, ``{expected}``, ``{where}`` and the
    declared *params*, and an example given as params must fill it: anything else raises
    :exc:`ValueError` when the rule is defined."""
    declared = STANDARD_PARAMS | set(params)
    unknown = sorted(placeholders(code, message) - declared)
    if unknown:
        names = ", ".join("{" + name + "}" for name in unknown)
        raise ValueError(
            f"rule {code}: the message template uses {names}, which is not a declared "
            f"parameter (declare it with params=…; always available: reported, expected, where)"
        )
    if example is None or isinstance(example, str):
        if example is not None and not example.strip():
            raise ValueError(f"rule {code}: the example message is empty")
        return
    extra = sorted(set(example) - declared)
    if extra:
        raise ValueError(f"rule {code}: the example gives {', '.join(extra)}, not parameters")
    example_message(message, example, code=code)


def _shown(name: str, value: object) -> object:
    if name in ("reported", "expected") and isinstance(value, int | Decimal):
        return format_number(value, blank="空白")
    return value


def example_message(message: str, example: Example | None, *, code: str = "") -> str:
    """The example message of a rule (``""`` without an example): *message* filled with the
    example's params, or the example itself when it is the message."""
    if example is None:
        return ""
    if isinstance(example, str):
        return example
    missing = sorted(placeholders(code, message) - set(example))
    if missing:
        names = ", ".join("{" + name + "}" for name in missing)
        raise ValueError(f"rule {code}: the example does not fill {names} of the message")
    try:
        return message.format_map({k: _shown(k, v) for k, v in example.items()})
    except (ValueError, TypeError, KeyError, IndexError) as exc:
        raise ValueError(f"rule {code}: the example does not fit the message: {exc}") from exc
