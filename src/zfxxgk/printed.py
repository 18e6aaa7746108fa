"""How a report was printed, as its reader saw it: the section headings with the numbers
printed before them, and how each table row's printed label was matched to the template.

A reader fills in :attr:`zfxxgk.model.ReportInfo.printed` (a :class:`PrintedForm`); a report
built from numbers has none (``None``).  The reviewer's rules read it: ``OUTLINE-NUMBERING``
(the numbering of the headings) and ``TEMPLATE-LABEL`` (a label altered from the template's).
It describes the printing, not the content: two reports that differ only here are equal, and
it is not written to JSON.
"""

from __future__ import annotations

import enum

import attrs

__all__ = ["LabelMatch", "PrintedForm", "PrintedHeading", "PrintedLabel"]


class LabelMatch(enum.Enum):
    """How a printed row label was matched to the template's (the reader's label index)."""

    EXACT = "exact"
    """The official wording (after folding widths, spaces, punctuation and 合计/总计)."""
    ALIAS = "alias"
    """A wording the template knows as another name of the row (规范性文件, （二）部分公开)."""
    NUMBERING = "numbering"
    """The official wording with its numbering missing or different."""
    PARTIAL = "partial"
    """Only part of the wording, or the wording with more after it."""
    FUZZY = "fuzzy"
    """Similar wording with characters left out, added or changed (a typo)."""
    EXTRA_TEXT = "extra_text"
    """The wording once stray text printed in front of it is left out (PDF text)."""
    WRAPPED = "wrapped"
    """The wording once joined with its beginning printed on the line above (PDF text)."""


@attrs.frozen(kw_only=True, slots=True)
class PrintedHeading:
    """A section heading as printed: which section the reader took it for, the top-level
    ordinal printed before it (``"一"`` … ``"十"``; ``None`` when it has none or a sub-level
    one such as ``（一）``), its text on one line, and its line (text) or page (PDF) in the
    source, when known."""

    section: str
    number: str | None
    text: str
    line: int | None = None
    page: int | None = None


@attrs.frozen(kw_only=True, slots=True)
class PrintedLabel:
    """A printed label and the template's wording it was matched to (*official*), with how.

    For a row label *path* is the dotted model path of the template row it was read into; for
    a column header, the path of its table (``proactive``, ``requests``, ``appeals``)."""

    path: str
    printed: str
    official: str
    match: LabelMatch


@attrs.frozen(kw_only=True, slots=True)
class PrintedForm:
    """The section headings in printed order, the label of every row placed, and the column
    headers that differ from a column label of the template by one character (``FUZZY``:
    本年废纸件数 for 本年废止件数; headers as printed are not otherwise matched)."""

    headings: tuple[PrintedHeading, ...] = ()
    labels: tuple[PrintedLabel, ...] = ()
    columns: tuple[PrintedLabel, ...] = ()
