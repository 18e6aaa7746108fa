"""Solving a system of identities over candidate rows: which candidate value-rows take
part in some solution of every identity (a bounded depth-first search with the least and
most each identity can still reach).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import attrs

from .budget import SOLVE_NODES, Budget, OutOfBudget


class _Done(Exception):
    """Every candidate has been seen in some solution: nothing more to learn."""


Term = tuple[int, int, int]
"""(row, column, coefficient) of one term of an identity Σ coefficient × value = 0."""


@attrs.frozen
class Solved:
    used: dict[int, frozenset[int]]
    """For each row, the indexes of the cuts that occur in some solution (empty: none)."""

    @property
    def satisfiable(self) -> bool:
        return all(self.used.values()) if self.used else False


def solve_identities(
    rows: Mapping[int, Sequence[tuple[int, ...]]],
    identities: Sequence[Sequence[Term]],
    budget: Budget,
) -> Solved | None:
    """Which candidate value-rows can take part in a solution of every identity.

    ``None`` when the search went over budget.
    """
    order = sorted(rows, key=lambda r: (len(rows[r]), r))
    n_ident = len(identities)
    contrib: list[dict[int, list[int]]] = []
    for terms in identities:
        per_row: dict[int, list[int]] = {}
        for row, col, coef in terms:
            values = per_row.setdefault(row, [0] * len(rows[row]))
            for k, cand in enumerate(rows[row]):
                values[k] += coef * cand[col]
        contrib.append(per_row)
    # the least and most that rows from depth d onwards can still add to each identity
    low = [[0] * (len(order) + 1) for _ in range(n_ident)]
    high = [[0] * (len(order) + 1) for _ in range(n_ident)]
    for i in range(n_ident):
        for d in range(len(order) - 1, -1, -1):
            adds = contrib[i].get(order[d], [0])
            low[i][d] = low[i][d + 1] + min(adds)
            high[i][d] = high[i][d + 1] + max(adds)
    of_row = {r: [i for i in range(n_ident) if r in contrib[i]] for r in order}
    partial = [0] * n_ident
    choice = [0] * len(order)
    used: dict[int, set[int]] = {r: set() for r in order}

    def walk(d: int, steps: Budget) -> None:
        steps.spend()
        if d == len(order):
            for dd, r in enumerate(order):
                used[r].add(choice[dd])
            if all(len(used[r]) == len(rows[r]) for r in order):
                raise _Done
            return
        row = order[d]
        for k in range(len(rows[row])):
            ok = True
            for i in of_row[row]:
                partial[i] += contrib[i][row][k]
                if not low[i][d + 1] <= -partial[i] <= high[i][d + 1]:
                    ok = False
            if ok:
                choice[d] = k
                walk(d + 1, steps)
            for i in of_row[row]:
                partial[i] -= contrib[i][row][k]

    with budget.share(SOLVE_NODES) as steps:
        try:
            walk(0, steps)
        except _Done:
            pass
        except OutOfBudget:
            return None
    return Solved({r: frozenset(v) for r, v in used.items()})
