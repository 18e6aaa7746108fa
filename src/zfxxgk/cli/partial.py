"""``--min-complete`` for the commands that check across reports (compare, series, hierarchy).

A report whose tables were read only in part has cells that are unknown: the checks across
reports say nothing of them, so a run over such a report has not checked everything it was
given.  As with ``zfxxgk check``, such a run exits 1 when a report falls below
``--min-complete`` (default: every printed cell read), and says which report on standard
error; ``--min-complete 0`` never fails for it.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from fractions import Fraction
from typing import TYPE_CHECKING

from .base import err
from .commands_check import min_complete, threshold_text

if TYPE_CHECKING:
    from ..model import Report

__all__ = ["add_min_complete", "below_min_complete"]


def add_min_complete(parser: argparse.ArgumentParser, what: str) -> None:
    """Add ``--min-complete SHARE`` to *parser*; *what* names the reports it applies to."""
    parser.add_argument(
        "--min-complete",
        type=min_complete,
        default=Fraction(1),
        metavar="SHARE",
        help=f"{what}原文印出的单元格至少读取这一比例，否则退出码为 1"
        "（与 check 相同，默认 100%%；0 表示不因此失败）",
    )


def below_min_complete(reports: Iterable[tuple[str, Report]], threshold: Fraction) -> int:
    """How many of *reports* (name, report) were read in part below *threshold*; each of
    them, and each read in part but not below it, is said on standard error."""
    from ..completeness import completeness

    short = 0
    for name, report in reports:
        figure = completeness(report)
        if figure.complete:
            continue
        below = figure.printed_share < threshold
        short += below
        verdict = (
            f"低于 --min-complete {threshold_text(threshold)}"
            if below
            else f"不低于 --min-complete {threshold_text(threshold)}"
        )
        err(f"{name}：表格未能完整读取，未读取的单元格未经检查；{figure.describe()}，{verdict}")
    return short
