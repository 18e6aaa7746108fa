"""Resolving the located rows into cells: section 二 by what the digits alone force,
section 四 by the three group totals, section 三 by each row's total and then the cross-row
identities (``confirm``).  A cell is kept only when every surviving reading agrees."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ...diagnostics import Severity
from ...identities import S3_COLUMNS, S4_COLUMNS
from .codes import CODES
from .confirm import confirm
from .cuts import Cut, Tokens, merge_options, options_of
from .groups import read_grouped
from .locate import Found
from .recovery import Recovery, reading_of
from .rows import Row


def resolve_plain(rec: Recovery, located: Iterable[Found]) -> None:
    """Section 二: no arithmetic, only what the digits force."""
    for found in located:
        if not found.runs:
            rec.refused(found)
            continue
        row = Row.read(found, rec.budget, summed=False)
        if not row.readable:
            rec.refused(found)
            continue
        unsure = rec.keep(found.row, row.loose)
        if unsure:
            rec.ambiguous(row, unsure, row.examples(rec.budget))


def resolve_appeals(rec: Recovery, found: Found) -> None:
    """Section 四: the fifteen numbers, cut so that the three groups add up.

    A report may misprint one group's total (a real one does), and the digits of a
    misprinted group can add up another way (``1/86/97/0/94`` printed, ``18/69/7/0/94``
    read); a cell may also have been left blank.  So a cell is kept only if it is the same
    in every reading in which at most one group fails to add up, and in every reading with
    blank cells in which all groups add up: a group's cells are fixed by the *other*
    groups' totals and the digits, never by its own total alone.
    """
    if not found.runs:
        rec.refused(found)
        return
    row = Row.read(found, rec.budget, summed=False)
    if not row.readable:
        rec.refused(found)
        return
    kinds = [c.value_kind for c in found.row.cells]
    solid, blank = [], []
    for run in found.runs:
        solid.append(read_grouped(Tokens(run, kinds, blanks=False), S4_COLUMNS, 1, rec.budget))
        blank.append(read_grouped(Tokens(run, kinds, blanks=True), S4_COLUMNS, 0, rec.budget))
    readings = [r for r in (*solid, *blank) if r is not None]
    options = row.loose
    if len(readings) < len(solid) + len(blank):
        rec.note(
            "C214",
            Severity.WARNING,
            f"第四部分数字串“{row.text}”{CODES['C214']}；只保留不依赖算术的单元格",
            row=found.row,
            at=row.at,
        )
    elif not any(all(r.options) for r in readings):
        rec.note(
            "C212",
            Severity.WARNING,
            f"第四部分数字串“{row.text}”在任何拆分下都有两组以上的总计不等于各项之和"
            "（原表本身不平）；只保留不依赖算术的单元格",
            row=found.row,
            at=row.at,
        )
    else:
        options = merge_options([r.options for r in readings])
        if not any(r.exact for r in solid if r is not None):
            rec.note(
                "C212",
                Severity.WARNING,
                f"第四部分数字串“{row.text}”在任何拆分下三组总计都不能同时成立"
                "（原表本身不平）；只保留其余两组总计所确定的单元格",
                row=found.row,
                at=row.at,
            )
        elif not row.forced:
            rec.note(
                "C203",
                Severity.INFO,
                f"第四部分数字串“{row.text}”按各组总计拆分；"
                "只保留即使其中一组总计印错、或有单元格留空也不变的单元格",
                row=found.row,
                at=row.at,
            )
    unsure = rec.keep(found.row, options)
    if unsure:
        examples = [c for r in readings for c in r.examples]
        rec.ambiguous(row, unsure, examples or row.examples(rec.budget))


def resolve_requests(rec: Recovery, located: Sequence[Found]) -> None:
    """Section 三: each row's total selects its cuts, the cross-row identities confirm
    them (``confirm.confirm``); a row no identity confirms keeps what its digits fix."""
    rows: dict[int, Row] = {}
    for i, found in enumerate(located):
        if not found.runs:
            rec.refused(found)
            continue
        row = Row.read(found, rec.budget, summed=True)
        if not row.readable:
            rec.refused(found)
            continue
        rows[i] = row
        if row.strict is None:
            rec.note(
                "C214",
                Severity.WARNING,
                f"数字串“{row.text}”{CODES['C214']}；只保留不依赖算术的单元格",
                row=found.row,
                at=row.at,
            )
        elif not row.strict:
            rec.note(
                "C212",
                Severity.WARNING,
                f"数字串“{row.text}”在任何拆分下总计都不等于各项之和"
                "（原表本身不平）；只保留不依赖算术的单元格",
                row=found.row,
                at=row.at,
            )
    confirmed = confirm(rec, located, rows)
    for i, row in rows.items():
        if i in confirmed:
            cuts = [(row.strict or ())[k] for k in sorted(confirmed[i])]
            unsure = rec.keep(row.found.row, options_of(cuts, S3_COLUMNS))
            if unsure:
                rec.ambiguous(row, unsure, cuts)
            elif not row.forced:
                code = "C201" if len(row.strict or ()) == 1 else "C202"
                rec.note(code, Severity.INFO, _explain(row, cuts[0]), row=row.found.row, at=row.at)
            continue
        # no identity confirms this row: keep what its digits fix even if a cell was left
        # blank — and, when they force one reading that adds up, what every reading that
        # adds up (blank cells included) agrees on
        options = row.loose
        if row.forced and row.strict:
            options = row.adding_up(rec.budget)
        unsure = rec.keep(row.found.row, options)
        if not unsure:
            continue
        if row.strict is not None and len(row.strict) == 1:
            only = row.strict[0]
            rec.note(
                "C215",
                Severity.WARNING,
                f"数字串“{row.text}”只按本行总计可拆为 {reading_of(only)}，"
                "但没有列合计或勾稽关系印证，不予采用；"
                f"{'、'.join(row.found.row.cells[j].column for j in unsure)} 留空",
                row=row.found.row,
                at=row.at,
            )
        else:
            rec.ambiguous(row, unsure, row.strict or row.examples(rec.budget))


def _explain(row: Row, cut: Cut) -> str:
    adding_up = len(row.strict or ())
    how = (
        "只有这一种拆分使本行总计等于各项之和，并经列合计或勾稽关系印证"
        if adding_up == 1
        else f"有 {adding_up} 种拆分使本行总计等于各项之和，由列合计和勾稽关系确定为这一种"
    )
    return f"数字串“{row.text}”拆分为 {reading_of(cut)}：{how}"
