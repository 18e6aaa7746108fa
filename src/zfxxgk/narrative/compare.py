"""Comparison with the tables: the table quantities a claim may stand for, and whether one agrees.

:func:`check_claims` sets each claim against the quantities of the tables it may stand for
(:class:`TableQuantity`: one cell or a sum of cells, with dotted paths), and says which one
agrees or why the claim was not compared (:class:`Comparison`).  It states facts; which of
them is a finding, and under which code, is for :mod:`zfxxgk.rules`.
"""

from __future__ import annotations

import contextvars
import functools
import operator
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Final

import attrs

from ..agencies import same_body
from ..cells import UNKNOWN, Amount, Cell, Number, sum_amounts
from ..identities import SECTION4_IDENTITIES, IdentityKind, section3_identities
from ..model import (
    ApplicantRow,
    CaseOutcomes,
    NotProcessed,
    OtherHandling,
    Outcomes,
    ProactiveDisclosure2021,
    Report,
    Unavailable,
    Withheld,
)
from ..template import field_info, label_path
from .claims import APPLICANT_COLUMNS, Claim, ClaimKind, Confidence, _fmt
from .extract import report_claims
from .lexicon import _CASE_OUTCOME_KINDS

__all__ = ["Comparison", "TableQuantity", "check_claims"]


@attrs.frozen(kw_only=True, slots=True)
class TableQuantity:
    """A table quantity a claim is compared with: one cell, or a sum of cells.

    ``value`` uses the printed totals (a total printed without a number is replaced by the
    sum of its parts); ``computed`` is the sum of the parts when it differs from ``value``.
    ``blank`` is true when some cell involved held no number (counted as 0).  Either is
    :data:`~zfxxgk.cells.UNKNOWN` when it depends on a cell not printed or not read: an
    unknown quantity matches no claim.
    """

    label: str
    paths: tuple[str, ...]
    value: Amount
    computed: Amount | None = None
    blank: bool = False

    @property
    def unknown(self) -> bool:
        """True when ``value`` is unknown and no known ``computed`` stands in for it."""
        return self.value is UNKNOWN and (self.computed is None or self.computed is UNKNOWN)

    def matches(self, value: Number) -> bool:
        return (self.value is not UNKNOWN and value == self.value) or (
            self.computed is not None and self.computed is not UNKNOWN and value == self.computed
        )

    def describe(self) -> str:
        text = f"{self.label}为{_say(self.value)}"
        if self.computed is not None:
            text += f"（各项相加为{_say(self.computed)}）"
        if self.blank:
            text += "（含空白格，按0计）"
        return text


@attrs.frozen(kw_only=True, slots=True)
class Comparison:
    """One claim set against the table quantities it may stand for.

    ``matched`` is the quantity that agrees (``None`` for a mismatch or when not compared);
    ``skipped`` says, in Chinese, why a claim was not compared.
    """

    claim: Claim
    quantities: tuple[TableQuantity, ...]
    matched: TableQuantity | None = None
    skipped: str | None = None

    @property
    def is_mismatch(self) -> bool:
        return self.skipped is None and self.matched is None and bool(self.quantities)


def _say(amount: Amount) -> str:
    return "未读取" if amount is UNKNOWN else _fmt(amount)


@functools.cache  # a few dozen paths, all written in this module
def _row_label(path: str) -> str:
    labels = label_path(path)
    return labels[-1]


@attrs.define
class _Sum:
    """A table quantity being added up, row by row or cell by cell."""

    value: Amount = 0
    """With the printed totals (a total printed without a number: the sum of its parts)."""
    computed: Amount = 0
    """With the sums of the parts."""
    blank: bool = False
    paths: list[str] = attrs.field(factory=list)

    def add_total(self, path: str, total: Cell, parts_sum: Amount, cells: Sequence[Cell]) -> None:
        """The row (or case group) at *path*: its printed *total*, the sum of its parts."""
        printed: Amount = parts_sum if total.value is None else total.value
        if total.is_unknown:
            printed = UNKNOWN
        self.value = sum_amounts((self.value, printed))
        self.computed = sum_amounts((self.computed, parts_sum))
        self.blank = self.blank or any(c.value is None for c in cells)
        self.paths.append(f"{path}.total")

    def add_row(self, path: str, row: ApplicantRow | CaseOutcomes, parts: tuple[int, ...]) -> None:
        """The row (or case group) *row* at *path* by its 总计: :meth:`add_total` with the sum
        of its *parts*, read straight off the values when every cell holds a number (the
        common case: no blank, no unknown cell to weigh)."""
        cells = row.cells
        values = [c.value for c in cells]
        if None in values:
            self.add_total(path, row.total, _parts_sum(cells, parts), cells)
            return
        total = row.total.value
        assert total is not None
        parts_sum: Number = 0
        for column in parts:
            value = values[column]
            assert value is not None
            parts_sum += value
        self.value = sum_amounts((self.value, total))
        self.computed = sum_amounts((self.computed, parts_sum))
        self.paths.append(f"{path}.total")

    def add_cells(self, path: str, row: object, names: Sequence[str]) -> None:
        """The cells *names* of the row (or case group) *row* at *path*."""
        for name in names:
            cell = getattr(row, name)
            assert isinstance(cell, Cell)
            self.value = sum_amounts((self.value, cell.amount()))
            self.computed = sum_amounts((self.computed, cell.amount()))
            self.blank = self.blank or cell.value is None
            self.paths.append(f"{path}.{name}")

    def quantity(self, label: str) -> TableQuantity:
        return TableQuantity(
            label=label,
            paths=tuple(self.paths),
            value=self.value,
            computed=self.computed if self.computed != self.value else None,
            blank=self.blank,
        )


_MEMO: Final[contextvars.ContextVar[dict[tuple[Any, ...], TableQuantity] | None]] = (
    contextvars.ContextVar("zfxxgk_quantities", default=None)
)
"""The quantities added up so far by the :func:`check_claims` running in this thread (a
report's claims ask for the same few again and again: received, handled …)."""


def _remembered(
    report: Report, key: tuple[Any, ...], compute: Callable[[], TableQuantity]
) -> TableQuantity:
    memo = _MEMO.get()
    if memo is None:
        return compute()
    full = (id(report), *key)
    found = memo.get(full)
    if found is None:
        found = memo[full] = compute()
    return found


_ROW_PARTS: Final = tuple(
    column for _, column in section3_identities(5).of_kind(IdentityKind.ROW_TOTAL)[0].parts
)
"""The columns a section-三 row's 总计 adds up (自然人 and the five 法人或其他组织)."""
_CASE_PARTS: Final = tuple(column for _, column in SECTION4_IDENTITIES.identities[0].parts)
"""The columns a section-四 group's 总计 adds up (维持, 纠正, 其他, 尚未审结)."""


def _parts_sum(cells: Sequence[Cell], parts: tuple[int, ...]) -> Amount:
    """The sum of the *parts* of a row's *cells* (blank as 0, :data:`UNKNOWN` when one is
    unknown): :func:`zfxxgk.arithmetic.applicant_total` and ``case_total``, without making
    a cell of the sum."""
    return sum_amounts(cells[column].amount() for column in parts)


def _applicant_quantity(
    report: Report, label: str, rows: Sequence[str], scope: str | None
) -> TableQuantity:
    """The sum over section-三 *rows* of 总计 (or of the applicant columns of *scope*)."""
    return _remembered(
        report,
        ("三", label, tuple(rows), scope),
        lambda: _add_applicant_rows(report, label, rows, scope),
    )


def _add_applicant_rows(
    report: Report, label: str, rows: Sequence[str], scope: str | None
) -> TableQuantity:
    total = _Sum()
    for path in rows:
        row = _get(report, path)
        assert isinstance(row, ApplicantRow)
        if scope is None:
            total.add_row(path, row, _ROW_PARTS)
        else:
            total.add_cells(path, row, APPLICANT_COLUMNS[scope])
    return total.quantity(label if scope is None else f"{label}（{scope}）")


def _case_quantity(report: Report, label: str, groups: Sequence[str], column: str) -> TableQuantity:
    """The sum over section-四 *groups* of 总计 (``"total"``) or of the cells named by
    *column* (``"corrected+other+pending"``)."""
    return _remembered(
        report,
        ("四", label, tuple(groups), column),
        lambda: _add_case_groups(report, label, groups, column),
    )


def _add_case_groups(
    report: Report, label: str, groups: Sequence[str], column: str
) -> TableQuantity:
    total = _Sum()
    for path in groups:
        case = _get(report, path)
        assert isinstance(case, CaseOutcomes)
        if column == "total":
            total.add_row(path, case, _CASE_PARTS)
        else:
            total.add_cells(path, case, column.split("+"))
    return total.quantity(label)


def _get(report: Report, path: str) -> object:
    value: object = _getter(path)(report)
    return value


@functools.cache  # a few dozen paths, all written in this module
def _getter(path: str) -> Callable[[Report], object]:
    """``operator.attrgetter`` of the dotted *path*: the attribute read in C."""
    return operator.attrgetter(path)


def _group_rows(report: Report, group: str) -> tuple[str, ...]:
    """The row paths of a group of outcome rows (（三）–（六））."""
    obj = _get(report, f"requests.outcomes.{group}")
    if isinstance(obj, ApplicantRow):
        return (f"requests.outcomes.{group}",)
    assert isinstance(obj, Withheld | Unavailable | NotProcessed | OtherHandling)
    key = (group, type(obj))
    rows = _GROUP_ROWS.get(key)
    if rows is None:
        rows = _GROUP_ROWS[key] = tuple(
            f"requests.outcomes.{group}.{f.name}" for f in attrs.fields(type(obj))
        )
    return rows


_GROUP_ROWS: dict[tuple[str, type[Any]], tuple[str, ...]] = {}
"""The row paths of each group and class of rows (four groups, one class each)."""


@functools.cache  # the four groups
def _group_label(group: str) -> str:
    return field_info(Outcomes, group).labels[0]


_REQUEST_GROUPS: Final = (
    ("withheld", ClaimKind.WITHHELD),
    ("unavailable", ClaimKind.UNAVAILABLE),
    ("not_processed", ClaimKind.NOT_PROCESSED),
    ("other_handling", ClaimKind.OTHER_HANDLING),
)
_NEW, _OVER = "requests.new", "requests.carried_over"
_TOTAL, _FORWARD = "requests.outcomes.total", "requests.carried_forward"
_REVIEW: Final = "appeals.review"
_LAWSUITS: Final = ("appeals.lawsuit_direct", "appeals.lawsuit_after_review")


@functools.cache  # made when a claim first needs it: not at import (the labels of every template)
def _lawsuit_label() -> str:
    """表四“行政诉讼”（未经复议直接起诉、复议后起诉）, from the template's labels."""
    return "表四“{}”（{}）".format(
        label_path(_LAWSUITS[0])[-2], "、".join(label_path(p)[-1] for p in _LAWSUITS)
    )


_OUTCOME_COLUMNS: Final = {
    "upheld": "upheld",
    "corrected": "corrected",
    "case_other": "other",
    "pending": "pending",
    "not_upheld": "corrected+other+pending",
}
_NORMATIVE_FIELDS: Final = {
    ClaimKind.NORMATIVE_ISSUED: "issued",
    ClaimKind.NORMATIVE_REPEALED: "repealed",
    ClaimKind.NORMATIVE_IN_FORCE: "in_force",
}


def _quantities(claim: Claim, report: Report) -> tuple[TableQuantity, ...]:
    """The table quantities *claim* may stand for (none when no table holds its kind)."""
    for stage in (_request_quantities, _outcome_quantities, _case_quantities):
        found = stage(claim, report)
        if found is not None:
            return found
    return _other_quantities(claim, report)


def _request_quantities(claim: Claim, report: Report) -> tuple[TableQuantity, ...] | None:
    """Received, carried over, handled, carried forward (section 三, rows 一, 二, 四, 总计)."""
    kind = claim.kind
    scope = claim.scope if claim.applicant_scope else None
    new_label, over_label = _row_label(_NEW), _row_label(_OVER)
    one = f"表三“{new_label}”"
    one_two = f"表三“{new_label}”加“{over_label}”"
    if kind in (ClaimKind.RECEIVED, ClaimKind.RECEIVED_NEW, ClaimKind.RECEIVED_TOTAL):
        only_new = _applicant_quantity(report, one, [_NEW], scope)
        both = _applicant_quantity(report, one_two, [_NEW, _OVER], scope)
        if kind is ClaimKind.RECEIVED_NEW:
            return (only_new,)
        if kind is ClaimKind.RECEIVED_TOTAL:
            return (both,)
        return (only_new, both)
    if kind is ClaimKind.CARRIED_OVER:
        return (_applicant_quantity(report, f"表三“{over_label}”", [_OVER], scope),)
    if kind is ClaimKind.HANDLED:
        handled = _applicant_quantity(report, f"表三“{_row_label(_TOTAL)}”", [_TOTAL], scope)
        if claim.keyword in ("办理", "处理"):
            return (handled, _applicant_quantity(report, one_two, [_NEW, _OVER], scope))
        return (handled,)
    if kind in (ClaimKind.CARRIED_FORWARD, ClaimKind.ALL_HANDLED):
        return (_applicant_quantity(report, f"表三“{_row_label(_FORWARD)}”", [_FORWARD], scope),)
    return None


def _outcome_quantities(claim: Claim, report: Report) -> tuple[TableQuantity, ...] | None:
    """The outcomes of section 三: （一） to （六）."""
    kind = claim.kind
    scope = claim.scope if claim.applicant_scope else None
    if kind is ClaimKind.DISCLOSED:
        return (
            _applicant_quantity(
                report,
                f"表三“{_group_label('disclosed')}”",
                _group_rows(report, "disclosed"),
                scope,
            ),
        )
    if kind is ClaimKind.PARTIALLY_DISCLOSED:
        return (
            _applicant_quantity(
                report,
                f"表三“{_group_label('partially_disclosed')}”",
                _group_rows(report, "partially_disclosed"),
                scope,
            ),
        )
    if kind is ClaimKind.DISCLOSED_OR_PARTIAL:
        rows = (*_group_rows(report, "disclosed"), *_group_rows(report, "partially_disclosed"))
        label = f"表三“{_group_label('disclosed')}”加“（二）部分公开”"
        return (_applicant_quantity(report, label, rows, scope),)
    for group, group_kind in _REQUEST_GROUPS:
        if kind is group_kind:
            rows = _group_rows(report, group)
            label = f"表三“{_group_label(group)}”" + ("各项之和" if len(rows) > 1 else "")
            return (_applicant_quantity(report, label, rows, scope),)
    return None


def _case_quantities(claim: Claim, report: Report) -> tuple[TableQuantity, ...] | None:
    """Reviews and lawsuits (section 四): their totals and outcomes."""
    kind = claim.kind
    review_label = f"表四“{_row_label(_REVIEW)}”"
    if kind is ClaimKind.REVIEWS:
        return (_case_quantity(report, f"{review_label}总计", [_REVIEW], "total"),)
    if kind is ClaimKind.LAWSUITS:
        return (_case_quantity(report, f"{_lawsuit_label()}总计之和", _LAWSUITS, "total"),)
    if kind is ClaimKind.CASES:
        label = f"{review_label}与“行政诉讼”总计之和"
        return (_case_quantity(report, label, [_REVIEW, *_LAWSUITS], "total"),)
    for (case, outcome), case_kind in _CASE_OUTCOME_KINDS.items():
        if kind is case_kind:
            groups = [_REVIEW] if case == "review" else list(_LAWSUITS)
            base = review_label if case == "review" else _lawsuit_label()
            column = _OUTCOME_COLUMNS[outcome]
            names = [field_info(CaseOutcomes, c).labels[0] for c in column.split("+")]
            return (_case_quantity(report, f"{base}{'、'.join(names)}", groups, column),)
    return None


def _other_quantities(claim: Claim, report: Report) -> tuple[TableQuantity, ...]:
    """Normative documents (section 二, 2021 template) and "no fee notices" (section 三)."""
    kind = claim.kind
    if kind in _NORMATIVE_FIELDS:
        if not isinstance(report.proactive, ProactiveDisclosure2021):
            return ()
        path = f"proactive.normative_documents.{_NORMATIVE_FIELDS[kind]}"
        cell = _get(report, path)
        assert isinstance(cell, Cell)
        labels = label_path(path, report.template)
        return (
            TableQuantity(
                label=f"表二“{labels[-2]}”{labels[-1]}",
                paths=(path,),
                value=cell.amount(),
                blank=cell.value is None,
            ),
        )
    if kind is ClaimKind.FEE_NOTICES and claim.value == 0:
        other = report.requests.outcomes.other_handling
        if not isinstance(other, OtherHandling):
            return ()
        path = "requests.outcomes.other_handling.fee_unpaid"
        label = f"表三“{_row_label(path)}”"
        return (_applicant_quantity(report, label, [path], None),)
    return ()


def _skip_reason(claim: Claim, report: Report) -> str | None:
    if claim.approximate:
        return "约数，不与表格比较"
    if claim.scope is not None and not claim.applicant_scope:
        return f"仅涉及“{claim.scope}”，不与全机关的表格比较"
    year = report.info.year
    if claim.year is not None and year is not None and claim.year != year:
        allowed = (claim.kind is ClaimKind.CARRIED_FORWARD and claim.year == year + 1) or (
            claim.kind is ClaimKind.CARRIED_OVER and claim.year == year - 1
        )
        if not allowed:
            return f"所述为{claim.year}年的数字，报告年度为{year}年"
    return None


def _resolve_subject(claim: Claim, agency: str | None) -> Claim:
    if claim.subject is None or agency is None:
        return claim
    if same_body(claim.subject, agency):
        return attrs.evolve(
            claim,
            confidence=Confidence.HIGH if not claim.approximate else claim.confidence,
            doubt=None if not claim.approximate else claim.doubt,
        )
    return claim


def check_claims(
    report: Report, *, claims: Iterable[Claim] | None = None
) -> tuple[Comparison, ...]:
    """Every claim of *report*'s narrative set against the tables.

    *claims* defaults to :func:`report_claims`.  Claims that no table holds (fees collected,
    proactive disclosure counts, percentages) are left out; claims that are approximate,
    about a part, or about another year are returned with ``skipped`` set.
    """
    found = report_claims(report) if claims is None else tuple(claims)
    token = _MEMO.set({})  # the report is not changed while its claims are compared
    try:
        return tuple(c for c in (_compare(claim, report) for claim in found) if c is not None)
    finally:
        _MEMO.reset(token)


def _compare(claim: Claim, report: Report) -> Comparison | None:
    """*claim* set against the tables (``None`` when no table holds its kind)."""
    claim = _resolve_subject(claim, report.info.agency)
    quantities = _quantities(claim, report)
    if not quantities:
        return None
    reason = _skip_reason(claim, report)
    if reason is not None:
        return Comparison(claim=claim, quantities=quantities, skipped=reason)
    if claim.kind is ClaimKind.FEE_NOTICES:
        unpaid = quantities[0]
        matched = unpaid if unpaid.value == 0 else None
    else:
        matched = next((q for q in quantities if q.matches(claim.value)), None)
    return Comparison(claim=claim, quantities=quantities, matched=matched)
