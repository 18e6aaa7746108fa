"""Telling run-together text from text whose cells are separated
(:func:`looks_run_together`).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

from ...model import Template
from ...template import row_specs
from .budget import MAX_TEXT
from .labels import variants
from .text import UNIFY


def _glued_labels() -> tuple[str, ...]:
    bodies: set[str] = set()
    for template in Template:
        for row in row_specs(template, other_single=False):
            if row.section == "三":
                bodies.add(variants(row.row[-1])[-1][0])
    return tuple(sorted(bodies, key=len, reverse=True))


_GLUE: Final[re.Pattern[str]] = re.compile(
    "(?:"
    + "|".join(r"\s*".join(map(re.escape, body)) for body in _glued_labels())
    + r")[ \t\u00a0\u3000]*\d{5,}"
)


def looks_run_together(text: str) -> bool:
    """Heuristic: row labels of section 三 glued to long digit runs, on few lines.

    True for text in which a crawler ran the table cells together (``1.属于国家秘密0000000``);
    False for text whose cells are separated by tabs, line breaks or spaces.
    """
    folded = unicodedata.normalize("NFKC", text[:MAX_TEXT]).translate(UNIFY)
    hits = list(_GLUE.finditer(folded))
    if len(hits) < 3:
        return False
    breaks = folded.count("\n", hits[0].start(), hits[-1].end())
    return breaks <= len(hits) // 2
