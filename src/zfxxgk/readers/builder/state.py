"""The state of one build: the document, what was read so far, and the diagnostics.

Every stage of :mod:`zfxxgk.readers.builder` is a function of a :class:`Builder`: it reads
what the stages before it found and adds cells, provenance and diagnostics.
"""

from __future__ import annotations

from ...cells import Cell
from ...diagnostics import Diagnostic, Severity, SourceLocation
from ...model import Template
from ...printed import PrintedLabel
from ...template import label_path
from ..document import Document, Paragraph
from ..result import Place
from ..sections import Heading
from .items import RawItem, Row, raw_items

__all__ = ["INFO", "WARNING", "Builder", "diagnostic"]

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
        if path is None:
            labels: tuple[str, ...] = ()
            dotted = None
        else:
            labels, dotted = _labels_of(path, template)
        self.diagnostics.append(diagnostic(code, severity, message, location, dotted, labels))

    def paragraph_at(self, position: int) -> Paragraph:
        """The paragraph at *position* of the stream (a heading is one)."""
        block = self.raw[position][1]
        assert isinstance(block, Paragraph)
        return block


_LABELS: dict[tuple[tuple[str, ...], str | None], tuple[tuple[str, ...], str]] = {}
"""The labels and dotted form of every path a diagnostic named, by the path and the
template's value (a dict of plain keys: an lru_cache keyed by the template hashes the enum
in Python, which costs more than the lookup; a page may have a hundred diagnostics)."""


def _labels_of(path: tuple[str, ...], template: Template | None) -> tuple[tuple[str, ...], str]:
    """The official labels of *path* (in *template*) and the path joined by dots."""
    key = (path, None if template is None else template.value)
    found = _LABELS.get(key)
    if found is None:
        try:
            labels = label_path(path, template)
        except KeyError:  # pragma: no cover - paths come from the template
            labels = ()
        if len(_LABELS) >= 4096:  # bounded: the paths come from the templates
            _LABELS.clear()
        found = _LABELS[key] = (labels, ".".join(path))
    return found


# A Diagnostic made through its slots' descriptors: attrs' __init__ of a frozen class sets
# each field by name through object.__setattr__, which costs more than the rest of a
# diagnostic (tests/test_fuzz_readers.py checks that the class is a plain value and that
# both ways give equal diagnostics).
_new = object.__new__
_set_code, _set_severity, _set_message, _set_location, _set_path, _set_labels = (
    Diagnostic.__dict__[name].__set__
    for name in ("code", "severity", "message", "location", "path", "labels")
)


def diagnostic(
    code: str,
    severity: Severity,
    message: str,
    location: SourceLocation | None = None,
    path: str | None = None,
    labels: tuple[str, ...] = (),
) -> Diagnostic:
    """``Diagnostic(code=…, severity=…, message=…, location=…, path=…, labels=…)``, built
    faster."""
    made: Diagnostic = _new(Diagnostic)
    _set_code(made, code)
    _set_severity(made, severity)
    _set_message(made, message)
    _set_location(made, location)
    _set_path(made, path)
    _set_labels(made, labels)
    return made
