"""``zfxxgk rules``: list every rule (code, severity, title)."""

from __future__ import annotations

import argparse
from typing import Any

from .base import EXIT_OK

__all__ = ["register"]


def _cmd_rules(args: argparse.Namespace) -> int:
    from ..rules import catalogue

    for info in catalogue():
        print(f"{info.code}\t{info.severity.label}\t{info.title}")
    return EXIT_OK


def register(sub: Any) -> None:
    """Add ``rules`` to *sub* (what ``add_subparsers`` returns)."""
    rules = sub.add_parser("rules", help="列出全部检查规则（代码、级别、说明）")
    rules.set_defaults(func=_cmd_rules)
