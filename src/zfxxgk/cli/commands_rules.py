"""``zfxxgk rules``: list every code a run would use — built-in, plugin, review, engine."""

from __future__ import annotations

import argparse
import json
from typing import Any, TextIO

from .base import EXIT_OK, add_format
from .reading import add_rules_option, plugins

__all__ = ["register"]


def _cmd_rules(args: argparse.Namespace, out: TextIO) -> int:
    from ..review import full_catalogue

    entries = full_catalogue(plugins(args))
    if args.format == "json":
        document = {
            "format": "zfxxgk.rules",
            "version": 1,
            "rules": [e.as_dict() for e in entries],
        }
        json.dump(document, out, ensure_ascii=False, indent=1)
        out.write("\n")
        return EXIT_OK
    for e in entries:
        print(f"{e.code}\t{e.severity.label}\t{e.title}\t{e.origin_label}", file=out)
    return EXIT_OK


def register(sub: Any) -> None:
    """Add ``rules`` to *sub* (what ``add_subparsers`` returns)."""
    rules = sub.add_parser(
        "rules",
        help="列出全部检查代码（代码、级别、说明、来源）",
        description="列出一次运行会用到的全部代码：内置规则、已安装插件和 --rules 给出的插件的"
        "规则、审查命令（series、hierarchy、similar）的代码，以及引擎自身的代码。"
        "每行：代码、级别、标题、来源（内置、插件及其名称、审查、引擎），以制表符分隔。",
    )
    add_format(rules, ("text", "json"), "text", "输出格式：text（默认，每个代码一行）或 json")
    rules.add_argument("-o", "--output", metavar="OUT", help="写入文件（默认标准输出）")
    add_rules_option(rules)
    rules.set_defaults(func=_cmd_rules)
