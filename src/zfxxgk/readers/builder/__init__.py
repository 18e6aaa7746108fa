"""Stage two: a neutral :class:`~zfxxgk.readers.document.Document` →
:class:`~zfxxgk.model.Report`.

The builder does not care which format the document came from.  Its stages, one module
each, in the order ``pipeline`` runs them:

1. **find the sections** — ``shape`` tells the template by its fingerprints (FORMAT.md
   §2), never by the year, and whether （六）其他处理 was printed as three sub-rows or as one
   row; :mod:`zfxxgk.readers.sections` finds the six section headings by their wording;
2. **match the rows** — ``rows`` turns every table row into a *data row*: the label
   cells (matched against the template's row labels, :mod:`zfxxgk.readers.labels`) and the
   value cells after them, merged-cell copies dropped (``items``);
3. **place the cells** — ``proactive`` reads section 二 by label, ``requests``
   section 三 as a sequence of data rows aligned to the template's row sequence (labels
   anchor; rows printed without a label are assigned by order only when their number fits
   the gap between two anchors), ``appeals`` section 四 as 15 numbers in template order
   (one flat row, three rows, or three small tables); ``place`` reads every value with
   :func:`zfxxgk.cells.parse_cell` for the template cell's kind;
4. **collect the diagnostics** — ``headings`` (headings as printed, the text of
   sections 一/五/六), ``info`` (title, agency, year), ``assemble`` (rows left
   missing, the report and the :class:`~zfxxgk.readers.result.ParseResult`).

Anything uncertain becomes a :class:`~zfxxgk.diagnostics.Diagnostic` (codes ``R1xx``,
``codes``, listed in ``docs/reading.md``).  When it is not certain which number belongs
to which cell, the cells are left missing: a wrong number is worse than no number.

A document in which no table row matches (``no_tables``): text whose tables ran
together into one line (a crawler's dump) is handed to :mod:`zfxxgk.readers.crawltext`; a
report without the 2019/2021 tables (pre-2019) is refused with
:class:`~zfxxgk.errors.NoStandardTablesError`.

Every stage is a function of the ``state.Builder`` (what was read so far); no module
here imports the :mod:`zfxxgk.readers` package itself.
"""

from __future__ import annotations

from .codes import CODES
from .pipeline import build
from .values import _remembered_kind  # noqa: F401  # the shared cache of cell kinds (tests look)

__all__ = ["CODES", "build"]
