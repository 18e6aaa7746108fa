"""The state of one build: the document, what was read so far, and the diagnostics.

Every stage of :mod:`zfxxgk.readers.builder` is a function of a :class:`Builder`: it reads
what the stages before it found and adds cells, provenance and diagnostics.
"""

from __future__ import annotations

import functools

from ...cells import Cell
from ...diagnostics import Diagnostic, Severity, SourceLocation
from ...model import Template
from ...printed import PrintedLabel
from ...template import label_path
from ..document import Document, Paragraph
from ..result import Place
from ..sections import Heading
from .items import RawItem, Row, raw_items

__all__ = ["INFO", "WARNING", "Builder"]

INFO, WARNING = Severity.INFO, Severity.WARNING


class Builder:
    """One document being built into a report."""

    template: Template
    """The template the tables are read against (set once it is known)."""
    other_single: bool
    """（六）其他处理 printed as one row (set with the template)."""
    headings: dict[str, Heading]
    """The heading chosen for each section found (set once the tables are found)."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.source = document.source
        self.diagnostics: list[Diagnostic] = list(document.diagnostics)
        self.cells: dict[tuple[str, ...], Cell] = {}
        self.provenance: dict[tuple[str, ...], Place] = {}
        """Where each cell placed was read, by its path: the table cell (its location made
        only when asked for, :class:`~zfxxgk.readers.result.Provenance`) or its place."""
        self.raw: list[RawItem] = raw_items(document)
        self.paragraphs = [(p, b) for p, b in self.raw if isinstance(b, Paragraph)]
        self.printed: tuple[Heading, ...] | None = None
        """Every section heading as printed, in order (None: not known)."""
        self.rows_of: dict[int, list[Row]] = {}
        """The analysed rows of each table (by the table's id)."""
        self.columns_of: dict[tuple[int, int], tuple[int | None, ...] | None] = {}
        """The value columns of a table for rows of n values (see ``place.value_columns``)."""
        self.labels: list[PrintedLabel] = []
        """The printed label of every row placed, and how it was matched (``place.read_row``)."""

    def diag(
        self,
        code: str,
        severity: Severity,
        message: str,
        location: SourceLocation | None = None,
        *,
        path: tuple[str, ...] | None = None,
        template: Template | None = None,
    ) -> None:
        """Record a diagnostic; *path* names the template cell or row it is about."""
        labels = _labels_of(path, template) if path is not None else ()
        self.diagnostics.append(
            Diagnostic(
                code=code,
                severity=severity,
                message=message,
                location=location,
                path=".".join(path) if path is not None else None,
                labels=labels,
            )
        )

    def paragraph_at(self, position: int) -> Paragraph:
        """The paragraph at *position* of the stream (a heading is one)."""
        block = self.raw[position][1]
        assert isinstance(block, Paragraph)
        return block


@functools.lru_cache(maxsize=1024)
def _labels_of(path: tuple[str, ...], template: Template | None) -> tuple[str, ...]:
    try:
        return label_path(path, template)
    except KeyError:  # pragma: no cover - paths come from the template
        return ()
