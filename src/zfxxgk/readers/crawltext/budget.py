"""Limits on the work of one recovery: a hostile input is refused, never allowed to run
for long.  A search takes a share of the whole :class:`Budget` and is charged for what it used.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

MAX_TEXT = 1_000_000
"""Characters of text accepted at all (reports are well under 100 000)."""


LABEL_WINDOW = 400
"""How far after one row label the next one is looked for (normalised characters)."""


MAX_RUN = {"二": 60, "三": 60, "四": 90}
"""Longest run of value characters accepted for a row of each section."""


MAX_SPLITS = 2000
"""More cuts of one run than this and the run is refused as too ambiguous."""


SPLIT_NODES = 60_000


SOLVE_NODES = 100_000


TOTAL_NODES = 600_000
"""Search steps for one run, one system of identities, and one whole text."""


class OutOfBudget(Exception):
    pass


class Budget:
    """Search steps left; a search takes a share and is charged for what it used."""

    def __init__(self, limit: int) -> None:
        self.left = limit

    def spend(self) -> None:
        self.left -= 1
        if self.left < 0:
            raise OutOfBudget

    @contextlib.contextmanager
    def share(self, limit: int) -> Iterator[Budget]:
        part = Budget(max(0, min(limit, self.left)))
        given = part.left
        try:
            yield part
        finally:
            self.left -= given - max(part.left, 0)
