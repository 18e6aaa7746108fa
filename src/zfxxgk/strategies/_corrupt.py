"""Strategies for reports with exactly one known error, and for two reports of one agency.
Part of :mod:`zfxxgk.strategies` (import from there).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any, Final

import attrs
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from ..cells import Cell, CellKind, Unit, ValueKind
from ..model import (
    ApplicantRow,
    ProactiveDisclosure2019,
    ProactiveDisclosure2021,
    Report,
    Template,
)
from ..template import cell_specs, iter_cells, label_path, row_specs
from ._build import (
    _APPLICANT_FIELDS,
    _SHOWN_PLACEHOLDERS,
    _TEXTS,
    AGENCIES,
    _check_flags,
    _check_template,
    _money,
    _replace_many,
    _report,
)

# --------------------------------------------------------------------------------------
# Reports with exactly one known error
# --------------------------------------------------------------------------------------


@attrs.frozen(kw_only=True, slots=True)
class Corruption:
    """What was broken in a drawn report, and what a check must say about it.

    ``code`` is the rule that must fire, exactly once, at ``path`` (a dotted model path, or
    ``None`` for the report as a whole).  ``also`` names the cell rules (``CELL-BLANK`` …)
    that also speak at the same path because the corruption emptied the cell.
    """

    code: str
    path: str | None
    description: str
    """What was done, in Chinese, with the official labels."""
    description_en: str
    """What was done, in English, with the model path."""
    also: frozenset[str] = frozenset()


CORRUPTIBLE_CODES: Final[tuple[str, ...]] = (
    "S3-ROW-TOTAL",
    "S3-OUTCOME-TOTAL",
    "S3-BALANCE",
    "S4-TOTAL",
    "CELL-NEGATIVE",
    "CELL-NOT-WHOLE",
    "CELL-TEXT",
    "CELL-BLANK",
    "CELL-PLACEHOLDER",
    "CELL-MISSING",
    "S2-PUBLISHED-EXCEEDS",
    "MONEY-UNIT",
)
"""The single-report codes :func:`corrupted_reports` can produce one clean case of.

``S3-CARRY-EXCEEDS`` is not here: in a report whose other identities hold it cannot fire
without a negative count, so it has no corruption of its own."""

PAIR_CORRUPTIBLE_CODES: Final[tuple[str, ...]] = (
    "PAIR-CARRY-OVER",
    "PAIR-DOCUMENT-STOCK",
    "PAIR-SEQUENCE",
)

_2019_ONLY: Final = frozenset({"S2-PUBLISHED-EXCEEDS"})
_2021_PAIR_ONLY: Final = frozenset({"PAIR-DOCUMENT-STOCK"})


def _codes(codes: Iterable[str] | None, known: tuple[str, ...]) -> tuple[str, ...]:
    if codes is None:
        return known
    if isinstance(codes, str):
        raise InvalidArgument(f"codes must be a collection of codes, not the string {codes!r}")
    chosen = tuple(dict.fromkeys(codes))
    unknown = [c for c in chosen if c not in known]
    if unknown or not chosen:
        raise InvalidArgument(
            f"codes must be a non-empty subset of {known}; unknown: {unknown or 'none given'}"
        )
    return chosen


def corrupted_reports(
    *,
    codes: Iterable[str] | None = None,
    template: Template | None = None,
    other_single: bool | None = None,
    large: bool = False,
) -> st.SearchStrategy[tuple[Report, Corruption]]:
    """A valid report with exactly one invariant broken, and a :class:`Corruption` naming it.

    ``codes`` chooses the rules to provoke (default: all of :data:`CORRUPTIBLE_CODES`).  The
    default rule set finds exactly one finding of ``corruption.code`` at ``corruption.path``,
    and nothing else except the ``corruption.also`` cell codes at that same path.
    """
    chosen = _codes(codes, CORRUPTIBLE_CODES)
    if template is not None:
        _check_template(template)
        if template is Template.V2021:
            chosen = tuple(c for c in chosen if c not in _2019_ONLY)
            if not chosen:
                raise InvalidArgument("S2-PUBLISHED-EXCEEDS is a check of the 2019 template only")
    if other_single is False and template is Template.V2019:
        raise InvalidArgument(
            "the 2019 template prints （六）其他处理 as one row: other_single=False"
        )
    return _corrupted(chosen, template=template, other_single=other_single, large=large)


@st.composite
def _corrupted(
    draw: st.DrawFn,
    codes: tuple[str, ...],
    *,
    template: Template | None,
    other_single: bool | None,
    large: bool,
) -> tuple[Report, Corruption]:
    code = draw(st.sampled_from(codes))
    if code in _2019_ONLY:
        template = Template.V2019
    report = draw(_report(template=template, other_single=other_single, large=large))
    return _CORRUPT[code](draw, report, code)


def _where(report: Report, path: tuple[str, ...]) -> str:
    return "/".join(label_path(path, report.info.template))


def _changed(
    report: Report,
    code: str,
    path: tuple[str, ...],
    new: Cell,
    *,
    at: tuple[str, ...] | None = None,
    also: frozenset[str] = frozenset(),
) -> tuple[Report, Corruption]:
    old = _get(report, path)
    where = _where(report, path)
    return (
        _replace_many(report, {path: new}),
        Corruption(
            code=code,
            path=".".join(at if at is not None else path),
            description=f"把{where}由“{old.display()}”改为“{new.display()}”",
            description_en=f"{'.'.join(path)}: {old!r} -> {new!r}",
            also=also,
        ),
    )


def _get(obj: Any, path: tuple[str, ...]) -> Any:
    for name in path:
        obj = getattr(obj, name)
    return obj


def _shift(draw: st.DrawFn, cell: Cell) -> Cell:
    """The cell's number moved by 1–9, up or (when it stays ≥ 0) down."""
    value = int(cell.number_or_zero())
    step = draw(st.integers(1, 9))
    if value >= step and draw(st.booleans()):
        step = -step
    return Cell.of(value + step)


def _s3_rows(report: Report) -> list[tuple[str, ...]]:
    """The row paths of section 三: 一, 二, the outcome rows, （七）, 四."""
    single = isinstance(report.requests.outcomes.other_handling, ApplicantRow)
    return [
        row.path
        for row in row_specs(report.info.template, other_single=single)
        if row.section == "三"
    ]


def _row_total(draw: st.DrawFn, report: Report, code: str) -> tuple[Report, Corruption]:
    rows = _s3_rows(report)
    not_seven = rows[:-2] + rows[-1:]
    variant = draw(st.sampled_from(("total", "leaf", "blank-total")))
    if variant == "blank-total":
        printed = [r for r in not_seven if _get(report, (*r, "total")).value]
        if printed:
            path = (*draw(st.sampled_from(printed)), "total")
            return _changed(report, code, path, Cell.blank(), also=frozenset({"CELL-BLANK"}))
        variant = "total"
    if variant == "total":
        path = (*draw(st.sampled_from(not_seven)), "total")
    else:
        path = (*draw(st.sampled_from(rows[2:-2])), draw(st.sampled_from(_APPLICANT_FIELDS)))
    return _changed(report, code, path, _shift(draw, _get(report, path)))


def _outcome_total(draw: st.DrawFn, report: Report, code: str) -> tuple[Report, Corruption]:
    seven = _s3_rows(report)[-2]
    path = (*seven, draw(st.sampled_from((*_APPLICANT_FIELDS, "total"))))
    return _changed(report, code, path, _shift(draw, _get(report, path)))


def _balance(draw: st.DrawFn, report: Report, code: str) -> tuple[Report, Corruption]:
    rows = _s3_rows(report)
    row = draw(st.sampled_from((rows[0], rows[1], rows[-1])))
    path = (*row, draw(st.sampled_from(_APPLICANT_FIELDS)))
    return _changed(report, code, path, _shift(draw, _get(report, path)))


def _s4_total(draw: st.DrawFn, report: Report, code: str) -> tuple[Report, Corruption]:
    group = draw(st.sampled_from(("review", "lawsuit_direct", "lawsuit_after_review")))
    column = draw(st.sampled_from(("total", "upheld", "corrected", "other", "pending")))
    path = ("appeals", group, column)
    return _changed(
        report, code, path, _shift(draw, _get(report, path)), at=("appeals", group, "total")
    )


def _free_section2(report: Report, *, money: bool = True, signed: bool = True) -> list[Any]:
    """Section-二 cells in no single-report invariant (2019: not the 新公开/总数量 pair)."""
    single = isinstance(report.requests.outcomes.other_handling, ApplicantRow)
    out = []
    for spec in cell_specs(report.info.template, other_single=single):
        if spec.section != "二" or spec.path[-1] in ("published", "public_total"):
            continue
        if not money and spec.value_kind is ValueKind.MONEY:
            continue
        if not signed and spec.value_kind is ValueKind.SIGNED_COUNT:
            continue
        out.append(spec)
    return out


def _negative(draw: st.DrawFn, report: Report, code: str) -> tuple[Report, Corruption]:
    spec = draw(st.sampled_from(_free_section2(report, signed=False)))
    cell = _get(report, spec.path)
    if spec.value_kind is ValueKind.MONEY:
        amount = -draw(_money().map(lambda m: m + Decimal("0.01")))
        new = Cell.of(amount, unit=cell.unit)
    else:
        new = Cell.of(-draw(st.integers(1, 9)))
    return _changed(report, code, spec.path, new)


def _not_whole(draw: st.DrawFn, report: Report, code: str) -> tuple[Report, Corruption]:
    spec = draw(st.sampled_from(_free_section2(report, money=False)))
    value = _get(report, spec.path).number_or_zero()
    fraction = draw(st.sampled_from((Decimal("0.5"), Decimal("0.25"), Decimal("0.1"))))
    return _changed(report, code, spec.path, Cell.of(Decimal(value) + fraction))


def _emptied_cell(draw: st.DrawFn, report: Report, code: str) -> tuple[Report, Corruption]:
    candidates = {spec.path for spec in _free_section2(report)}
    if code != "CELL-MISSING":  # an unknown cell in an identity makes it UNCHECKED as well
        candidates.update(spec.path for spec, cell in iter_cells(report) if cell.value == 0)
    path = draw(st.sampled_from(sorted(candidates)))
    new: Cell
    if code == "CELL-BLANK":
        new = Cell.blank(draw(st.sampled_from(("", " ", "\u3000"))))
    elif code == "CELL-PLACEHOLDER":
        new = Cell.placeholder(draw(st.sampled_from(_SHOWN_PLACEHOLDERS)))
    elif code == "CELL-MISSING":
        new = Cell.missing()
    else:
        new = Cell(raw=draw(st.sampled_from(_TEXTS)), kind=CellKind.TEXT)
    return _changed(report, code, path, new)


def _published_exceeds(draw: st.DrawFn, report: Report, code: str) -> tuple[Report, Corruption]:
    row = draw(st.sampled_from(("regulations", "normative_documents")))
    total = _get(report, ("proactive", row, "public_total")).number_or_zero()
    new = Cell.of(int(total) + draw(st.integers(1, 9)))
    return _changed(report, code, ("proactive", row, "published"), new)


def _money_unit(draw: st.DrawFn, report: Report, code: str) -> tuple[Report, Corruption]:
    if isinstance(report.proactive, ProactiveDisclosure2019):
        path: tuple[str, ...] = ("proactive", "procurement", "amount")
        unit = None
    else:
        path, unit = ("proactive", "fees", "amount"), Unit.YUAN
    value = _get(report, path).number_or_zero()
    return _changed(report, code, path, Cell.of(value, unit=unit))


_Corrupt = Callable[[st.DrawFn, Report, str], tuple[Report, Corruption]]

_CORRUPT: Final[dict[str, _Corrupt]] = {
    "S3-ROW-TOTAL": _row_total,
    "S3-OUTCOME-TOTAL": _outcome_total,
    "S3-BALANCE": _balance,
    "S4-TOTAL": _s4_total,
    "CELL-NEGATIVE": _negative,
    "CELL-NOT-WHOLE": _not_whole,
    "CELL-TEXT": _emptied_cell,
    "CELL-BLANK": _emptied_cell,
    "CELL-PLACEHOLDER": _emptied_cell,
    "CELL-MISSING": _emptied_cell,
    "S2-PUBLISHED-EXCEEDS": _published_exceeds,
    "MONEY-UNIT": _money_unit,
}


# --------------------------------------------------------------------------------------
# Two reports of one agency
# --------------------------------------------------------------------------------------


def _template_of(year: int) -> Template:
    return Template.V2019 if year <= 2020 else Template.V2021


@st.composite
def _pair(draw: st.DrawFn, *, large: bool, year: int | None = None) -> tuple[Report, Report]:
    current_year = draw(st.one_of(st.just(2021), st.integers(2020, 2030))) if year is None else year
    agency = draw(st.sampled_from(AGENCIES))
    before = draw(
        _report(
            template=_template_of(current_year - 1),
            other_single=None,
            large=large,
            year=current_year - 1,
            agency=agency,
        )
    )
    forward = [int(c.number_or_zero()) for c in before.requests.carried_forward.parts]
    stock = None
    if isinstance(before.proactive, ProactiveDisclosure2021):
        stock = [
            int(before.proactive.regulations.in_force.number_or_zero()),
            int(before.proactive.normative_documents.in_force.number_or_zero()),
        ]
    after = draw(
        _report(
            template=_template_of(current_year),
            other_single=None,
            large=large,
            year=current_year,
            agency=agency,
            carried_over=forward,
            stock=stock,
        )
    )
    return before, after


def report_pairs(*, large: bool = False) -> st.SearchStrategy[tuple[Report, Report]]:
    """Two valid reports of one agency, years Y−1 and Y, consistent with each other.

    上年结转 (Y) equals 结转下年度 (Y−1) per column, and, when both follow the 2021 template,
    现行有效件数 (Y) = 现行有效件数 (Y−1) + 本年制发 − 本年废止.  Y is often 2021, so that the
    pair spans the 2020→2021 template change.
    """
    _check_flags(large=large)
    return _pair(large=large)


def corrupted_report_pairs(
    *, codes: Iterable[str] | None = None, large: bool = False
) -> st.SearchStrategy[tuple[Report, Report, Corruption]]:
    """Two reports of one agency with exactly one pair invariant broken (in the current one).

    ``codes`` chooses among :data:`PAIR_CORRUPTIBLE_CODES`.  Only the pair rules are meant
    to run on these (``check_pair``); the single reports stay valid except where the
    corruption changed a cell of section 三 (``PAIR-CARRY-OVER``).
    """
    chosen = _codes(codes, PAIR_CORRUPTIBLE_CODES)
    _check_flags(large=large)
    return _corrupted_pair(chosen, large=large)


@st.composite
def _corrupted_pair(
    draw: st.DrawFn, codes: tuple[str, ...], *, large: bool
) -> tuple[Report, Report, Corruption]:
    code = draw(st.sampled_from(codes))
    year = draw(st.integers(2022, 2030)) if code in _2021_PAIR_ONLY else None
    before, after = draw(_pair(large=large, year=year))
    if code == "PAIR-CARRY-OVER":
        path = ("requests", "carried_over", draw(st.sampled_from((*_APPLICANT_FIELDS, "total"))))
        after, corruption = _changed(after, code, path, _shift(draw, _get(after, path)))
    elif code == "PAIR-DOCUMENT-STOCK":
        path = (
            "proactive",
            draw(st.sampled_from(("regulations", "normative_documents"))),
            "in_force",
        )
        after, corruption = _changed(after, code, path, _shift(draw, _get(after, path)))
    else:
        after, corruption = _out_of_sequence(draw, before, after, code)
    return before, after, corruption


def _out_of_sequence(
    draw: st.DrawFn, before: Report, after: Report, code: str
) -> tuple[Report, Corruption]:
    assert before.info.year is not None and after.info.year is not None
    if draw(st.booleans()):
        year = before.info.year + draw(st.sampled_from((0, 2, 3, -1)))
        info = attrs.evolve(after.info, year=year)
        zh = f"把本年度报告的年度由 {after.info.year} 改为 {year}"
        en = f"info.year: {after.info.year} -> {year}"
    else:
        others = [a for a in AGENCIES if a != after.info.agency]
        agency = draw(st.sampled_from(others))
        info = attrs.evolve(after.info, agency=agency)
        zh = f"把本年度报告的发布机关由“{after.info.agency}”改为“{agency}”"
        en = f"info.agency: {after.info.agency!r} -> {agency!r}"
    return attrs.evolve(after, info=info), Corruption(
        code=code, path=None, description=zh, description_en=en
    )
