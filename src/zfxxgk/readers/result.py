"""What reading a file gives: :class:`ParseResult`, the report with everything the reader
was unsure about.

Owned here so that the builder (:mod:`zfxxgk.readers.builder`) can make one without importing
the :mod:`zfxxgk.readers` package, which imports the builder; ``zfxxgk.readers`` re-exports it.
"""

from __future__ import annotations

from typing import Any

import attrs

from .. import _display
from ..completeness import Completeness, completeness
from ..diagnostics import Diagnostic, Severity, SourceLocation
from ..model import Report
from .document import Document

__all__ = ["ParseResult"]


@attrs.frozen(kw_only=True)
class ParseResult:
    """A report read from a file, with everything the reader was unsure about.

    ``provenance`` maps the dotted attribute path of every table cell that was read (for
    example ``"requests.new.total"``) to where it was found in the source.
    ``unread_locations`` maps the path of every *unread* cell (printed, but not read:
    :attr:`~zfxxgk.cells.CellKind.UNREAD`) to where it was expected: the place of the
    diagnostic that explains its row (a short row, an ambiguous digit string …) or the
    heading of its section (``R119``); a cell whose place is unknown has no entry.  It is
    small and kept when a batch drops the provenance (``keep_provenance=False``).
    ``unconfirmed`` holds the path of every cell of a scan read by OCR that no identity of
    the template confirmed and that the engine was unsure of (or that is in an identity that
    does not hold): its value is what was read, and an export marks it ``unconfirmed``
    (:mod:`zfxxgk.readers._proofread`).
    :attr:`completeness` says how many of the template's cells were read.
    """

    report: Report
    diagnostics: tuple[Diagnostic, ...] = ()
    provenance: dict[str, SourceLocation] = attrs.field(factory=dict)
    unread_locations: dict[str, SourceLocation] = attrs.field(factory=dict)
    unconfirmed: frozenset[str] = frozenset()
    document: Document | None = attrs.field(default=None, eq=False, repr=False)
    source: str | None = None

    @property
    def completeness(self) -> Completeness:
        """How many of the report's table cells were read (see :mod:`zfxxgk.completeness`)."""
        return completeness(self.report)

    def location(self, path: str) -> SourceLocation | None:
        """Where the cell at the dotted *path* was read, or where it was expected when it
        could not be read; None when not known."""
        return self.provenance.get(path) or self.unread_locations.get(path)

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.severity is Severity.ERROR)

    def _repr_html_(self) -> str:
        return _display.html("parse_result_html", self)

    def to_dataframe(self, *, include_missing: bool = True) -> Any:
        """One row per table cell of the report, ``file`` = the source (needs pandas); unknown
        cells have ``value`` NA and a ``status`` (see :meth:`Report.to_dataframe`)."""
        return _display.frame(
            "cells_dataframe", self.report, file=self.source, include_missing=include_missing
        )
