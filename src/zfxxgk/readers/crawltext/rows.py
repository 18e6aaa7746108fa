"""A located row, read: what its cells can be with and without its own arithmetic."""

from __future__ import annotations

import attrs

from .budget import Budget
from .cuts import (
    Cut,
    Options,
    Tokens,
    all_cuts,
    list_cuts,
    loose_options,
    merge_options,
    options_of,
)
from .locate import Found
from .text import SEP


@attrs.frozen
class Row:
    """A located row, read: what its cells can be with and without its own arithmetic."""

    found: Found
    strict: tuple[Cut, ...] | None
    """The cuts, no cell blank, in which the row's total is the sum of its other cells; None
    when the row has no total or there were too many cuts to list."""
    loose: Options
    """What each cell can be when the arithmetic is not used and any cell may be blank."""
    forced: bool
    """The digits allow one cut only, no cell blank: no arithmetic was needed to find it."""

    @classmethod
    def read(cls, found: Found, budget: Budget, *, summed: bool) -> Row:
        kinds = [c.value_kind for c in found.row.cells]
        solid = [Tokens(run, kinds, blanks=False) for run in found.runs]
        loose = merge_options(
            [loose_options(Tokens(run, kinds, blanks=True)) for run in found.runs]
        )
        exact = merge_options([loose_options(tokens) for tokens in solid])
        forced = all(exact) and all(len(cell) == 1 for cell in exact)
        strict: tuple[Cut, ...] | None = None
        if summed and all(loose):
            strict = all_cuts(solid, budget)
        return cls(found, strict, loose, forced)

    def adding_up(self, budget: Budget) -> Options:
        """What each cell can be over the cuts that add up, any cell possibly blank."""
        kinds = [c.value_kind for c in self.found.row.cells]
        tables = [Tokens(run, kinds, blanks=True) for run in self.found.runs]
        cuts = all_cuts(tables, budget)
        return self.loose if cuts is None else options_of(cuts, len(kinds))

    @property
    def readable(self) -> bool:
        return all(self.loose)

    @property
    def text(self) -> str:
        """The run as printed (normalised), pieces separated by spaces."""
        return self.found.runs[0].text.replace(SEP, " ")

    @property
    def at(self) -> int:
        return self.found.runs[0].index[0]

    def examples(self, budget: Budget) -> list[Cut]:
        """A few readings of the row for messages: without blank cells first, then with."""
        kinds = [c.value_kind for c in self.found.row.cells]
        out: list[Cut] = []
        for blanks in (False, True):
            tokens = Tokens(self.found.runs[0], kinds, blanks=blanks)
            for cut in list_cuts(tokens, budget, summed=False, limit=3)[0]:
                if len(out) < 3 and cut.texts not in {c.texts for c in out}:
                    out.append(cut)
            if len(out) > 1:
                break
        return out
