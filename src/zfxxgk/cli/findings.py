"""Findings and reports as the commands print them: text lines, counts, JSON objects."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from typing import TYPE_CHECKING

from ..cells import format_number
from ..diagnostics import Severity
from ..records import finding_json as finding_json
from ..records import location_json as location_json
from ..records import location_text
from .terminal import Paint, pad

if TYPE_CHECKING:
    from ..model import Report, ReportInfo
    from ..rules import Finding, Findings

__all__ = [
    "counts",
    "describe_report",
    "finding_json",
    "finding_lines",
    "location_json",
    "location_text",
    "number",
]


def number(value: int | Decimal | None) -> str:
    """A number as the commands print it (``空白`` for none)."""
    return format_number(value, blank="空白")


def describe_report(report: Report | ReportInfo) -> str:
    """One line saying whose report it is (:func:`zfxxgk.outline.describe`)."""
    from ..outline import describe

    return describe(report)


def counts(findings: Findings) -> dict[str, int]:
    """How many findings of each severity (every severity named, 0 included)."""
    counter = Counter(f.severity.value for f in findings)
    return {s.value: counter.get(s.value, 0) for s in Severity}


def finding_lines(finding: Finding, paint: Paint) -> list[str]:
    """The two lines of one finding: severity, code and place; the message."""
    severity = finding.severity
    head = f"{paint(severity.value, pad(severity.label, 4))} {paint('bold', finding.code)}"
    place = f"  [{location_text(finding.location)}]" if finding.location is not None else ""
    lines = [f"  {head}  {finding.where}{paint('dim', place)}"]
    message = finding.message
    if finding.expected is not None and number(finding.expected) not in message:
        message += f"（报告 {number(finding.reported)}，应为 {number(finding.expected)}）"
    lines.append(f"        {message}")
    return lines
