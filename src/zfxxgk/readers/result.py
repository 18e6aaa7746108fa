"""What reading a file gives: :class:`ParseResult`, the report with everything the reader
was unsure about.

Owned here so that the builder (:mod:`zfxxgk.readers.builder`) can make one without importing
the :mod:`zfxxgk.readers` package, which imports the builder; ``zfxxgk.readers`` re-exports it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import attrs

from .. import _display
from ..completeness import Completeness, completeness
from ..diagnostics import Diagnostic, Severity, SourceLocation
from ..model import Report
from .document import AnyCell, Document

__all__ = ["ParseResult", "Place", "Provenance"]

Place = SourceLocation | AnyCell
"""Where the builder found a cell: its place, or the table cell it was read from (whose
place is made when asked for)."""


class Provenance(Mapping[str, SourceLocation]):
    """``ParseResult.provenance``: a read-only mapping of the dotted path of every table
    cell read to where it was found, its :class:`SourceLocation` made the first time it is
    asked for (a read places some three hundred cells; most reads never look at where).

    It holds what the builder placed — the attribute path of each cell and the table cell
    it was read from — and answers as the ``dict`` it stands for: the same keys in the same
    order (reversed too), equal values (the same object each time a key is asked), equal to
    a ``dict`` of them, the same ``repr``; it pickles as the locations themselves.
    """

    __slots__ = ("_made", "_places")

    def __init__(self, places: dict[tuple[str, ...], Place] | None = None) -> None:
        self._places: dict[tuple[str, ...], Place] = {} if places is None else places
        self._made: dict[str, SourceLocation] = {}

    def __getitem__(self, key: str) -> SourceLocation:
        made = self._made.get(key)
        if made is not None:
            return made
        try:
            place = self._places[tuple(key.split("."))]
        except (KeyError, AttributeError, TypeError):  # not a path read (or not a string)
            raise KeyError(key) from None
        made = place if isinstance(place, SourceLocation) else place.location
        self._made[key] = made
        return made

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and tuple(key.split(".")) in self._places

    def __iter__(self) -> Iterator[str]:
        return (".".join(path) for path in self._places)

    def __reversed__(self) -> Iterator[str]:  # as a dict's (a Mapping has none)
        return (".".join(path) for path in reversed(self._places))

    def __len__(self) -> int:
        return len(self._places)

    def __repr__(self) -> str:
        return repr(dict(self))

    def __reduce__(self) -> tuple[Any, ...]:
        # pickled as the locations: the table cells (and their texts) stay behind
        return Provenance, ({path: self[".".join(path)] for path in self._places},)


@attrs.frozen(kw_only=True)
class ParseResult:
    """A report read from a file, with everything the reader was unsure about.

    ``provenance`` maps the dotted attribute path of every table cell that was read (for
    example ``"requests.new.total"``) to where it was found in the source: a read-only
    mapping (:class:`Provenance`, each place made when first asked for) in a result a reader
    made.
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
    provenance: Mapping[str, SourceLocation] = attrs.field(factory=dict)
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
