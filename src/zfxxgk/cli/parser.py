"""The ``zfxxgk`` argument parser: argparse in Chinese, and every subcommand registered.

Each ``commands_*`` module adds its subcommands with ``register(sub)``; :func:`build_parser`
calls them in the order ``zfxxgk --help`` lists them.  Given the command line, it imports and
registers only the module of the command named (``zfxxgk check …`` does not build ``export``'s
options): a command's start-up pays for no other.
"""

from __future__ import annotations

import argparse
import functools
import importlib
import re
import sys
from collections.abc import Iterable, Sequence
from typing import Any, Final, NoReturn

from .._startup import LazyPattern
from .._version import __version__
from .base import EXIT_UNREADABLE, terminal_columns

__all__ = ["build_parser", "wrap"]


_NO_LINE_START: Final = frozenset("，。、；：）」』》〉”’！？…％,.;:)!?%")
"""Punctuation that never starts a line: it stays with what it follows."""
_NO_LINE_END: Final = frozenset("（「『《〈“‘(")
"""Brackets that never end a line: they stay with what follows them."""
_TOKENS: Final = LazyPattern(r" |[\x21-\x7e]+|[^\x21-\x7e ]")
"""A space, a run of ASCII (a word, an option, a path: never broken), or one other character."""


def wrap(text: str, columns: int) -> list[str]:
    """*text* (its white space collapsed) in lines of at most *columns* display columns (CJK
    characters take two, :func:`wcwidth.wcswidth`): lines break at spaces and between CJK
    characters, never inside a run of ASCII (``status``, ``zfxxgk[parquet]``), never before a
    closing or after an opening bracket.  A run wider than *columns* gets a line of its own."""
    glued: list[str] = []
    for token in _TOKENS.findall(" ".join(text.split())):
        joins = glued and token != " " and glued[-1] != " "
        if joins and (token[0] in _NO_LINE_START or glued[-1][-1] in _NO_LINE_END):
            glued[-1] += token
        else:
            glued.append(token)
    lines: list[str] = []
    line = ""
    for token in glued:
        if token == " ":
            line += " " if line and not line.endswith(" ") else ""
        elif line and _width(line + token) > columns:
            lines.append(line.rstrip())
            line = token
        else:
            line += token
    if line.strip():
        lines.append(line.rstrip())
    return lines


def _width(text: str) -> int:
    from ..textwidth import display_width

    return display_width(text)


class _Formatter(argparse.HelpFormatter):
    """argparse's help layout with a Chinese ``用法：`` line, its text wrapped by display
    width (:func:`wrap`): argparse's own wrapping counts a CJK character as one column and
    breaks English words apart."""

    def __init__(
        self,
        prog: str,
        indent_increment: int = 2,
        max_help_position: int = 24,
        width: int | None = None,
    ) -> None:
        if width is None:  # argparse's own default, without its import of shutil
            width = terminal_columns() - 2
        super().__init__(prog, indent_increment, max_help_position, width)

    def _split_lines(self, text: str, width: int) -> list[str]:
        return wrap(text, width)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        return "\n".join(indent + line for line in wrap(text, width - len(indent)))

    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[Any],
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


_USAGE_ERRORS: Final[tuple[tuple[str, str], ...]] = (
    (r"^the following arguments are required: (.+)$", r"缺少必需的参数：\1"),
    (r"^unrecognized arguments: (.+)$", r"无法识别的参数：\1"),
    (
        r"^argument (.+?): invalid choice: (.+?) \(choose from (.+)\)$",
        r"参数 \1 的值 \2 无效（可选：\3）",
    ),
    (r"^argument (.+?): expected one argument$", r"参数 \1 需要一个值"),
    (r"^argument (.+?): expected at least one argument$", r"参数 \1 至少需要一个值"),
    (r"^argument (.+?): invalid (\w+) value: (.+)$", r"参数 \1 的值 \3 无效"),
    (r"^argument (.+?): not allowed with argument (.+)$", r"参数 \1 不能与 \2 同时使用"),
    (r"^ambiguous option: (.+?) could match (.+)$", r"选项 \1 有歧义，可能是 \2"),
    # a value our own type function refused (its message is Chinese already)
    (r"^argument (.+?): ([^a-zA-Z]+.*)$", r"参数 \1 的值无效：\2"),
)


@functools.cache
def _usage_patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    """:data:`_USAGE_ERRORS` compiled, the first time a usage error is printed."""
    return tuple((re.compile(pattern), replacement) for pattern, replacement in _USAGE_ERRORS)


def _usage_error(message: str) -> str:
    """argparse's English usage error in Chinese (the known forms; others as they are)."""
    for pattern, replacement in _usage_patterns():
        if pattern.match(message):
            return pattern.sub(replacement, message)
    return message


class _Parser(argparse.ArgumentParser):
    """An argparse parser whose own words (usage, section titles, help, errors) are Chinese;
    the sub-command parsers are of this class too."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        add_help = kwargs.get("add_help", True)
        kwargs["add_help"] = False  # our own -h, with a Chinese help text
        super().__init__(*args, **kwargs)
        self._positionals.title = "位置参数"
        self._optionals.title = "选项"
        if add_help:
            self.add_argument("-h", "--help", action="help", help="显示此帮助并退出")

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_UNREADABLE, f"{self.prog}：用法错误：{_usage_error(message)}\n")


COMMANDS: Final[dict[str, str]] = {
    # command -> the module that registers it, in the order ``zfxxgk --help`` lists them
    "check": "commands_check",
    "export": "commands_export",
    "convert": "commands_export",
    "compare": "commands_compare",
    "rules": "commands_rules",
    "series": "commands_review",
    "hierarchy": "commands_review",
    "similar": "commands_review",
    "review": "commands_site",
}
"""Every subcommand and the ``commands_*`` module whose ``register(sub)`` adds it."""


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser of ``zfxxgk`` with all its subcommands; when *argv* (the arguments after
    ``zfxxgk``) starts with a command's name, with that command's alone."""
    named = COMMANDS.get(argv[0]) if argv else None
    modules = [named] if named is not None else list(dict.fromkeys(COMMANDS.values()))
    parser = _Parser(
        prog="zfxxgk",
        description="读取、建模并检查政府信息公开工作年度报告（2019 与 2021 年版格式）。",
        epilog="退出码：0 正常；1 有 --fail-on 级别的检查结果（check：或有报告的表格未能完整读取，"
        "见 --min-complete）；2 有文件无法读取或用法错误（同时出现时为 2）。",
    )
    parser.add_argument(
        "--version", action="version", version=f"zfxxgk {__version__}", help="显示版本号并退出"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in modules:
        importlib.import_module(f"{__package__}.{module}").register(sub)
    return parser
