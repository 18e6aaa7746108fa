"""Section 四's fifteen cells in groups of five, the last cell of each group the sum of the
others (:data:`zfxxgk.identities.SECTION4_IDENTITIES`) — except in up to a given number of
groups (a misprinted total): what each cell can be over every such reading.
"""

from __future__ import annotations

import attrs

from .budget import SPLIT_NODES, Budget, OutOfBudget
from .cuts import Cut, Options, Tokens, finishing


@attrs.frozen
class _Grouped:
    """What the cells of a run in groups can be (see :func:`read_grouped`)."""

    options: Options
    examples: tuple[Cut, ...]
    exact: bool
    """Some reading has every group adding up."""


_State = tuple[int, int, int, int]
"""(cell, position, groups broken so far, running sum of the current group or _FREE)."""


_FREE = -1
"""The running sum of a group read as broken: it need not add up."""


def read_grouped(tokens: Tokens, size: int, broken: int, budget: Budget) -> _Grouped | None:
    """Cells in groups of *size*, the last cell of each the sum of the others — except in up
    to *broken* groups: what each cell can be over every such reading of the run.

    Dynamic programming over the cells, the state being where the cell starts, how many
    groups were broken so far and the running sum of the current group: the work grows with
    the number of states, not with the number of readings.  None when out of steps.
    """
    piece, nxt = tokens.piece, tokens.next
    n, k = len(piece.text), len(tokens.cells)
    finish = finishing(tokens)
    memo: dict[_State, bool] = {}

    def moves(state: _State, steps: Budget) -> list[tuple[str, int, _State]]:
        """(text, start, next state) of every cell that can be read in *state*."""
        steps.spend()
        cell, pos, used, running = state
        if cell % size == 0:  # a new group: read it as adding up, or (if allowed) as broken
            ways = [(used, 0)] + ([(used + 1, _FREE)] if used < broken else [])
        else:
            ways = [(used, running)]
        last = cell % size == size - 1
        out: list[tuple[str, int, _State]] = []
        for spent, before in ways:
            for end, text, number in tokens.cells[cell][pos]:
                at = nxt[end]
                if at not in finish[cell + 1]:
                    continue
                if before != _FREE and last and number != before:
                    continue
                after = 0 if last else _FREE if before == _FREE else before + number
                out.append((text, piece.span(pos, end)[0], (cell + 1, at, spent, after)))
        return out

    def finishes(state: _State, steps: Budget) -> bool:
        if state[0] == k:
            return state[1] == n
        if state not in memo:
            memo[state] = any(finishes(s, steps) for _, _, s in moves(state, steps))
        return memo[state]

    options: Options = tuple({} for _ in range(k))
    examples: list[Cut] = []
    exact = False
    with budget.share(SPLIT_NODES) as steps:
        try:
            states = {(0, nxt[0], 0, 0)}
            states = {s for s in states if finishes(s, steps)}
            for cell in range(k):
                following: set[_State] = set()
                for state in states:
                    for text, at, after in moves(state, steps):
                        if finishes(after, steps):
                            options[cell].setdefault(text, at)
                            following.add(after)
                states = following
            exact = any(used == 0 for _, _, used, _ in states)

            def walk(state: _State, texts: tuple[str, ...]) -> None:
                if len(examples) >= 3:
                    return
                if state[0] == k:
                    examples.append(Cut(texts, (), ()))
                    return
                for text, _, after in moves(state, steps):
                    if finishes(after, steps):
                        walk(after, (*texts, text))

            if states:
                walk((0, nxt[0], 0, 0), ())
        except OutOfBudget:
            return None
    return _Grouped(options, tuple(examples), exact)
