"""Recovering the table numbers of a report whose cells a crawler ran together.

Some crawlers turned report pages into one line of text with every table cell glued to the
next: ``行政规范性文件5845546`` is 58 / 45 / 546, ``…00000002.其他法律…`` is a row of zeros
running into the next row's label.  The digits of a row can be split into the row's cells in
many ways; this module recovers a number **only where the template's arithmetic leaves exactly
one answer**, and says how in a diagnostic.  Everything else is left out (the builder marks
those cells missing): a wrong number is worse than no number.

How (docs/crawltext.md has the full reasoning):

1. The text is normalised (NFKC, no whitespace, one kind of quote) with a map back to the
   original offsets.  Stray spaces are ignored: they are &nbsp; leftovers, not separators.
2. Each row label of the template is found in template order; the text between a label and the
   next is the row's *run* of values followed only by known header words (captions, column
   labels, group labels).  Unknown text there makes the row unreadable.  A run before a
   section's end must be followed by a heading, so that a year in the next paragraph is never
   read as a cell.
3. A run is cut into the row's cells under the cell grammar (no leading zeros, a sign only in
   2019 本年增/减, decimals and 元/万元 only in money, placeholders such as ``/``).  What the
   digits alone fix is found by reachability, allowing for cells printed blank.
4. Section 三: each row's own total selects its cuts, and the rows are solved together with
   the column totals (（七） = the outcome rows) and the balance (一 + 二 = （七） + 四).  A cut
   that needed arithmetic is used only when a cross-row identity confirms it; a table that
   does not add up is never "repaired".
5. Section 四: a group is fixed by the *other* groups' totals and the digits — a cell is kept
   only if no single misprinted group total, and no blank cell, could change it.
6. A cell is recovered when it has the same text in every reading that survives.

Work is bounded (run lengths, search nodes): a hostile input gets a refusal, never a hang.

One module per step: ``text`` (1), ``labels`` and ``locate`` (2), ``cuts``,
``rows`` and ``groups`` (3), ``confirm`` and ``solve`` (4, the identities
read from :mod:`zfxxgk.identities`), ``resolve`` (4–6, per section); ``pipeline``
runs them, ``recovery`` holds what was recovered, ``budget`` the limits and
``codes`` the diagnostic codes; ``detect`` tells run-together text at all.  No module
here imports this package's ``__init__``.
"""

from __future__ import annotations

from .codes import CODES
from .detect import looks_run_together
from .pipeline import recover
from .recovery import Recovered

__all__ = ["CODES", "Recovered", "looks_run_together", "recover"]
