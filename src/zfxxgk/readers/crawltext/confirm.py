"""Confirming the cuts of section 三's rows by the identities across rows.

Each row's own total (its last cell the sum of the others) chose its cuts (``cuts``);
here the rows are solved together with two families of identities from the one table of
identities (:mod:`zfxxgk.identities`): the balance, 一 + 二 = （七）总计 + 四, and the outcome
totals, （七）总计 = Σ outcome rows, one identity per column.  The located rows of section 三
are the rows of the identity table's grid, in the same (template) order.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Final

import attrs

from ...diagnostics import Severity
from ...identities import IdentityKind, section3_identities
from .codes import CODES
from .locate import Found
from .recovery import Recovery
from .rows import Row
from .solve import Solved, Term, solve_identities


def confirm(
    rec: Recovery, located: Sequence[Found], rows: Mapping[int, Row]
) -> dict[int, frozenset[int]]:
    """Rows whose cuts a cross-row identity confirms, and which of their cuts survive.

    The balance (一 + 二 = （七） + 四) and the column totals (（七） = Σ outcome rows) are two
    families of identities.  A family takes part only when all its rows have cuts that
    add up; when both cannot hold together, a family that holds on its own is used only
    if the other fails on its own too (else it is unknown which one the report breaks).
    """
    ready = _usable(rows)
    families = [f for f in section3_families(len(located)) if f.members <= ready]
    if not families:
        return {}
    total = families[0].total_row

    def solve(identities: list[list[Term]], members: set[int]) -> Solved | None:
        values = {i: [cut.numbers for cut in rows[i].strict or ()] for i in members}
        return solve_identities(values, identities, rec.budget)

    whole = solve(
        [t for f in families for t in f.terms], set().union(*(f.members for f in families))
    )
    if whole is None:
        rec.note("C214", Severity.WARNING, "第三部分按列合计和勾稽关系求解时" + CODES["C214"])
        return {}
    if whole.satisfiable:
        return dict(whole.used)
    alone = [(f.name, solve(f.terms, f.members)) for f in families]
    holding = [(name, s) for name, s in alone if s is not None and s.satisfiable]
    failing = [name for name, s in alone if s is None or not s.satisfiable]
    at = rows[total].at
    names = "”与“".join(f.name for f in families)
    if len(holding) == 1 and failing:
        name, solved = holding[0]
        rec.note(
            "C213",
            Severity.WARNING,
            f"第三部分的“{failing[0]}”在任何拆分下都不成立（原表本身不平）；"
            f"只用仍然成立的“{name}”印证拆分，其余各行只保留不依赖算术的单元格",
            at=at,
        )
        return dict(solved.used)
    if holding:
        why = f"“{names}”各自可以成立，但在任何拆分下不能同时成立，无法判断原表哪一处有误"
    else:
        why = f"“{names}”在任何拆分下都不成立"
    rec.note(
        "C213",
        Severity.WARNING,
        f"第三部分的{why}（原表本身不平）；只保留不依赖算术的单元格",
        at=at,
    )
    return {}


@attrs.frozen
class Family:
    """A family of identities of section 三 over the located rows (grid row = row index)."""

    name: str
    """How a message names it."""
    terms: list[list[Term]]
    """Each identity as (row, column, coefficient) terms: Σ coefficient × value = 0."""
    members: set[int]
    """The rows the identities are about."""
    total_row: int
    """The row of （七）总计 (where a message about the family points)."""


_FAMILIES: Final = (
    (IdentityKind.BALANCE, "一、本年新收 + 二、上年结转 = （七）总计 + 四、结转下年度继续办理"),
    (IdentityKind.OUTCOME_TOTAL, "（七）总计 = 各项办理结果之和"),
)


def section3_families(rows: int) -> list[Family]:
    """The balance and the outcome totals of section 三 printed with *rows* rows."""
    table = section3_identities(rows)
    seven = table.of_kind(IdentityKind.OUTCOME_TOTAL)[0].carrier[0]
    out: list[Family] = []
    for kind, name in _FAMILIES:
        terms = [list(identity.terms()) for identity in table.of_kind(kind)]
        members = {row for identity in terms for row, _, _ in identity}
        out.append(Family(name, terms, members, seven))
    return out


def _usable(rows: Mapping[int, Row]) -> set[int]:
    """The rows with cuts that add up (a family takes part only when all its rows are)."""
    return {i for i, r in rows.items() if r.strict}
