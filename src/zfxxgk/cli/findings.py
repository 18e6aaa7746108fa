"""Findings and reports as the commands print them: text lines, counts, JSON objects."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from ..cells import format_number, json_number
from ..diagnostics import Severity, SourceLocation
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


def finding_json(finding: Finding) -> dict[str, Any]:
    """One finding as an object of ``--format json``."""
    return {
        "code": finding.code,
        "severity": finding.severity.value,
        "message": finding.message,
        "labels": list(finding.labels),
        "label_path": "/".join(finding.labels),
        "path": finding.path,
        "reported": json_number(finding.reported),
        "expected": json_number(finding.expected),
        "location": location_json(finding.location),
    }


def location_text(location: SourceLocation | None) -> str:
    """Where a cell is in its file, without the file's name (the report's head line has it):
    ``表2 第5行 第3格``, ``第1行 第2119列``; empty when not known."""
    if location is None:
        return ""
    return attrs.evolve(location, file=None).describe()


def location_json(location: SourceLocation | None) -> dict[str, Any] | None:
    """A location as a JSON object: its known parts (``file``, ``page``, ``line``,
    ``column``, ``table``, ``row``, ``cell``) and ``text``, the Chinese description."""
    if location is None:
        return None
    parts = {k: v for k, v in attrs.asdict(location).items() if v is not None}
    return {**parts, "text": location_text(location)}
