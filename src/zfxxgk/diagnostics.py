"""Diagnostics: what a reader was unsure about, and where in the source it was.

A diagnostic is about *reading* (a label matched loosely, a blank cell, a row one cell
short); a finding (:mod:`zfxxgk.rules`) is about the *report* (numbers that do not add up).
Both are data, with stable codes and Chinese messages.
"""

from __future__ import annotations

import enum
from typing import Any, Final

import attrs

__all__ = ["Diagnostic", "Severity", "SourceLocation"]


class Severity(enum.Enum):
    """How serious a finding or diagnostic is."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """2 for error, 1 for warning, 0 for info (for sorting and ``--fail-on``)."""
        return {"error": 2, "warning": 1, "info": 0}[self.value]

    @property
    def label(self) -> str:
        """The Chinese name: 错误 / 警告 / 提示."""
        return {"error": "错误", "warning": "警告", "info": "提示"}[self.value]


@attrs.frozen(kw_only=True, slots=True)
class SourceLocation:
    """Where something is in a source file. Every part is optional.

    ``line`` and ``column`` are 1-based positions in a text file; ``page`` is a 1-based PDF
    page; ``table``, ``row`` and ``cell`` are 1-based positions of a table in the document,
    of a row in the table and of a cell in the row (after merged cells are expanded).
    """

    file: str | None = None
    page: int | None = None
    line: int | None = None
    column: int | None = None
    table: int | None = None
    row: int | None = None
    cell: int | None = None

    def describe(self) -> str:
        """A short Chinese description, e.g. ``report.html 表2 第5行 第3格``."""
        parts: list[str] = []
        if self.file:
            parts.append(self.file)
        if self.page is not None:
            parts.append(f"第{self.page}页")
        if self.table is not None:
            parts.append(f"表{self.table}")
        if self.row is not None:
            parts.append(f"第{self.row}行")
        if self.cell is not None:
            parts.append(f"第{self.cell}格")
        if self.line is not None:
            parts.append(f"第{self.line}行" if self.table is None else f"(文本第{self.line}行)")
        if self.column is not None and self.line is not None:
            parts.append(f"第{self.column}列")
        return " ".join(parts) if parts else "(位置未知)"

    def __str__(self) -> str:
        return self.describe()

    def __reduce__(self) -> tuple[Any, ...]:
        # a report read from a file has a location per cell: pickle them as plain tuples
        # (batches send every result from worker processes), several times faster than
        # attrs' state dictionaries
        return (
            _location,
            (self.file, self.page, self.line, self.column, self.table, self.row, self.cell),
        )


def _location(*values: object) -> SourceLocation:
    """Unpickle a :class:`SourceLocation`: the slots set directly (the values were checked
    when it was made), a few times faster than ``__init__`` for the hundreds a report has."""
    location = object.__new__(SourceLocation)
    for slot, value in zip(_LOCATION_SLOTS, values, strict=True):
        slot.__set__(location, value)
    return location


_LOCATION_SLOTS: Final = tuple(
    SourceLocation.__dict__[f.name] for f in attrs.fields(SourceLocation)
)


@attrs.frozen(kw_only=True, slots=True)
class Diagnostic:
    """Something a reader was unsure about.

    ``code`` is stable (``R…`` codes, listed in the docs); ``message`` is Chinese; ``path``
    is the model attribute path of the cell or row concerned, when there is one.
    """

    code: str
    severity: Severity
    message: str
    location: SourceLocation | None = None
    path: str | None = None
    labels: tuple[str, ...] = ()
    """The official label path of the cell or row concerned, when there is one."""

    def __str__(self) -> str:
        where = f" [{self.location.describe()}]" if self.location is not None else ""
        label = f" {'/'.join(self.labels)}" if self.labels else ""
        return f"{self.code} {self.severity.label}{label}: {self.message}{where}"
