"""Hypothesis strategies for zfxxgk's types: valid reports built from their parts, and
reports with exactly one known error::

    from hypothesis import given
    from zfxxgk import strategies as zst

    @given(zst.reports())
    def test_my_rule_is_silent_on_valid_reports(report): ...

    @given(zst.corrupted_reports(codes=["S4-TOTAL"]))
    def test_my_rule_finds_the_error(case):
        report, corruption = case
        ...

Valid reports are valid **by construction**: the leaves are drawn and every total is computed
by the model's named constructors (:meth:`~zfxxgk.model.DisclosureRequests.from_counts`,
:meth:`~zfxxgk.model.CaseOutcomes.from_counts`, :func:`~zfxxgk.model.proactive_2021`,
:func:`~zfxxgk.model.proactive_2019`); nothing is filtered, and everything shrinks towards an
all-zero report.  All arguments are keyword-only.

Importing this module needs Hypothesis (``pip install zfxxgk[strategies]``); ``import zfxxgk``
does not.  Hypothesis runs :func:`_hypothesis_setup_hook` through its entry point, so
``st.from_type(Report)`` works in any test once zfxxgk is installed.  See ``docs/strategies.md``.
"""

from __future__ import annotations


def _hypothesis_setup_hook() -> None:
    """Register zfxxgk's strategies for its types with Hypothesis (``st.from_type``).

    Defined before this module imports Hypothesis: Hypothesis calls it from its own import
    when this module is imported first, so it only registers deferred strategies.
    """
    from hypothesis import strategies as st

    from .cells import Cell
    from .model import (
        Appeals,
        ApplicantRow,
        CaseOutcomes,
        DisclosureRequests,
        Outcomes,
        ProactiveDisclosure2019,
        ProactiveDisclosure2021,
        Report,
        Template,
    )

    later = st.deferred
    st.register_type_strategy(Report, later(lambda: reports()))
    st.register_type_strategy(DisclosureRequests, later(lambda: disclosure_requests()))
    st.register_type_strategy(Outcomes, later(lambda: disclosure_requests().map(_outcomes)))
    st.register_type_strategy(ApplicantRow, later(lambda: applicant_rows()))
    st.register_type_strategy(Appeals, later(lambda: appeals()))
    st.register_type_strategy(CaseOutcomes, later(lambda: case_outcomes()))
    st.register_type_strategy(Cell, later(lambda: cells()))
    st.register_type_strategy(
        ProactiveDisclosure2021, later(lambda: proactive(template=Template.V2021))
    )
    st.register_type_strategy(
        ProactiveDisclosure2019, later(lambda: proactive(template=Template.V2019))
    )


# The hook above must exist before Hypothesis is imported, hence the imports below it.
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence  # noqa: E402
from decimal import Decimal  # noqa: E402
from typing import Any, Final  # noqa: E402

import attrs  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from hypothesis.errors import InvalidArgument  # noqa: E402

from .cells import PLACEHOLDERS, Cell, CellKind, Unit, ValueKind  # noqa: E402
from .model import (  # noqa: E402
    Appeals,
    ApplicantRow,
    CaseOutcomes,
    DisclosureRequests,
    Outcomes,
    ProactiveDisclosure,
    ProactiveDisclosure2019,
    ProactiveDisclosure2021,
    Report,
    Template,
    proactive_2019,
    proactive_2021,
)
from .template import cell_specs, iter_cells, label_path, row_specs  # noqa: E402

__all__ = [
    "AGENCIES",
    "CORRUPTIBLE_CODES",
    "PAIR_CORRUPTIBLE_CODES",
    "Corruption",
    "appeals",
    "applicant_rows",
    "case_outcomes",
    "cells",
    "corrupted_report_pairs",
    "corrupted_reports",
    "counts",
    "disclosure_requests",
    "proactive",
    "report_pairs",
    "reports",
]

AGENCIES: Final[tuple[str, ...]] = (
    "示例县民政局",
    "示例市人民政府办公室",
    "示例区人民政府",
    "示例镇人民政府",
    "示例省生态环境厅",
)
"""Fictional agencies the strategies name reports after."""

_TEXTS: Final = ("见附件", "详见说明", "未统计", "若干", "暂缺")
"""Printed texts that are neither numbers nor placeholders (CellKind.TEXT)."""

_SHOWN_PLACEHOLDERS: Final = ("/", "／", "—", "-", "无", "不适用")

_SMALL, _LARGE = 30, 10_000_000


# --------------------------------------------------------------------------------------
# Numbers and cells
# --------------------------------------------------------------------------------------


def counts(*, large: bool = False) -> st.SearchStrategy[int]:
    """A count (whole number ≥ 0): up to 30, or up to ten million with ``large``."""
    return st.integers(min_value=0, max_value=_LARGE if large else _SMALL)


def _money(*, large: bool = False) -> st.SearchStrategy[Decimal]:
    top = Decimal(10**9 if large else 10**4)
    return st.decimals(
        min_value=Decimal(0), max_value=top, places=2, allow_nan=False, allow_infinity=False
    )


def cells(
    *,
    value_kind: ValueKind = ValueKind.COUNT,
    kinds: Collection[CellKind] | None = None,
    large: bool = False,
) -> st.SearchStrategy[Cell]:
    """Any cell a template cell of *value_kind* may hold.

    ``kinds`` limits what is printed (default: every :class:`~zfxxgk.cells.CellKind`: a
    number, blank, a placeholder, text that is not a number, a missing cell).  Numbers are
    counts ≥ 0, signed counts, or money (a Decimal with a unit or none) by *value_kind*.
    """
    if not isinstance(value_kind, ValueKind):
        raise InvalidArgument(f"value_kind must be a ValueKind, not {value_kind!r}")
    chosen = tuple(CellKind) if kinds is None else tuple(kinds)
    if not chosen or not all(isinstance(k, CellKind) for k in chosen):
        raise InvalidArgument(f"kinds must be a non-empty collection of CellKind, not {kinds!r}")
    top = _LARGE if large else _SMALL
    number: st.SearchStrategy[Cell]
    if value_kind is ValueKind.COUNT:
        number = counts(large=large).map(Cell.of)
    elif value_kind is ValueKind.SIGNED_COUNT:
        number = st.integers(min_value=-top, max_value=top).map(Cell.of)
    else:
        number = st.builds(
            Cell.of, _money(large=large), unit=st.sampled_from((Unit.WAN_YUAN, Unit.YUAN, None))
        )
    options: dict[CellKind, st.SearchStrategy[Cell]] = {
        CellKind.NUMBER: number,
        CellKind.BLANK: st.sampled_from(("", " ", "\u3000", "\xa0")).map(Cell.blank),
        CellKind.PLACEHOLDER: st.sampled_from(sorted(PLACEHOLDERS)).map(Cell.placeholder),
        CellKind.TEXT: st.sampled_from(_TEXTS).map(lambda t: Cell(raw=t, kind=CellKind.TEXT)),
        CellKind.MISSING: st.just(Cell.missing()),
    }
    return st.one_of([options[k] for k in CellKind if k in chosen])


# --------------------------------------------------------------------------------------
# Valid sections, built from their parts
# --------------------------------------------------------------------------------------


def applicant_rows(*, large: bool = False) -> st.SearchStrategy[ApplicantRow]:
    """A section-三 row: six applicant counts, 总计 computed."""
    return st.lists(counts(large=large), min_size=6, max_size=6).map(
        lambda six: ApplicantRow.from_counts(*six)
    )


def case_outcomes(*, large: bool = False) -> st.SearchStrategy[CaseOutcomes]:
    """One group of section 四: four counts, 总计 computed."""
    return st.lists(counts(large=large), min_size=4, max_size=4).map(
        lambda four: CaseOutcomes.from_counts(*four)
    )


def appeals(
    *, large: bool = False, blanks: bool = False, placeholders: bool = False
) -> st.SearchStrategy[Appeals]:
    """Section 四 (three groups, totals computed); zero cells may be printed empty."""
    base = st.builds(
        Appeals,
        review=case_outcomes(large=large),
        lawsuit_direct=case_outcomes(large=large),
        lawsuit_after_review=case_outcomes(large=large),
    )
    return _maybe_empty(base, blanks=blanks, placeholders=placeholders)


@st.composite
def _requests(
    draw: st.DrawFn,
    *,
    other_single: bool | None,
    large: bool,
    carried_over: Sequence[int] | None = None,
) -> DisclosureRequests:
    single = draw(st.booleans()) if other_single is None else other_single
    # Which applicant columns and which outcome rows have any request at all: most reports
    # use a few of each, and many have no request from 法人或其他组织.  All of this shrinks
    # to none, and only the counts in use are drawn.
    active = [draw(st.booleans())]
    organisations = draw(st.booleans())
    active += [organisations and draw(st.booleans()) for _ in range(5)]
    count = counts(large=large)

    def row() -> list[int]:
        return [draw(count) if on else 0 for on in active]

    n_leaves = 19 if single else 21
    used = draw(st.sets(st.integers(0, n_leaves - 1)))
    leaves = [row() if r in used else [0] * 6 for r in range(n_leaves)]
    if carried_over is not None:
        # last year's open requests were decided this year (予以公开), so 一 stays ≥ 0
        leaves[0] = [a + b for a, b in zip(leaves[0], carried_over, strict=True)]
    forward = row()
    handled = [sum(column) for column in zip(*leaves, strict=True)]
    if carried_over is None:
        carried = [
            draw(st.integers(0, h + f)) if on else 0
            for on, h, f in zip(active, handled, forward, strict=True)
        ]
    else:
        carried = list(carried_over)
    new = [h + f - c for h, f, c in zip(handled, forward, carried, strict=True)]
    other: dict[str, Any] = (
        {"other_handling_single": leaves[18]} if single else {"other_handling": leaves[18:21]}
    )
    return DisclosureRequests.from_counts(
        new=new,
        carried_over=carried,
        disclosed=leaves[0],
        partially_disclosed=leaves[1],
        withheld=leaves[2:10],
        unavailable=leaves[10:13],
        not_processed=leaves[13:18],
        carried_forward=forward,
        **other,
    )


def disclosure_requests(
    *,
    other_single: bool | None = None,
    large: bool = False,
    blanks: bool = False,
    placeholders: bool = False,
) -> st.SearchStrategy[DisclosureRequests]:
    """Section 三 that adds up: every row total, every outcome total and the balance hold.

    The outcome rows, 四 and 二 are drawn and 一 is computed (一 = （七） + 四 − 二 ≥ 0).
    ``other_single`` chooses （六）其他处理 as one row (True) or three sub-rows (False);
    ``None`` draws either.  With ``blanks``/``placeholders``, zero cells (e.g. a whole unused
    applicant column) may be printed blank or as "/" — still arithmetic-valid.
    """
    _check_flags(large=large, blanks=blanks, placeholders=placeholders)
    base = _requests(other_single=other_single, large=large)
    return _maybe_empty(base, blanks=blanks, placeholders=placeholders)


@st.composite
def _proactive(
    draw: st.DrawFn, *, template: Template, large: bool, stock: Sequence[int] | None = None
) -> ProactiveDisclosure:
    count = counts(large=large)
    if template is Template.V2021:

        def documents(before: int | None) -> tuple[int, int, int]:
            issued = draw(count)
            if before is None:
                return issued, draw(count), draw(count)
            repealed = draw(st.integers(0, before + issued))
            return issued, repealed, before + issued - repealed

        regulations = documents(None if stock is None else stock[0])
        normative = documents(None if stock is None else stock[1])
        return proactive_2021(
            regulations=regulations,
            normative_documents=normative,
            licensing=draw(count),
            penalties=draw(count),
            coercion=draw(count),
            fees=draw(_money(large=large)),
        )
    top = _LARGE if large else _SMALL

    def documents_2019() -> tuple[int, int, int]:
        published = draw(count)
        return draw(count), published, published + draw(count)

    def items() -> tuple[int, int, int]:
        previous = draw(count)
        return previous, draw(st.integers(-previous, top)), draw(count)

    fee_previous = draw(count)
    return proactive_2019(
        regulations=documents_2019(),
        normative_documents=documents_2019(),
        licensing=items(),
        other_services=items(),
        penalties=items(),
        coercion=items(),
        fees=(fee_previous, draw(st.integers(-fee_previous, top))),
        procurement_projects=draw(count),
        procurement_amount=draw(_money(large=large)),
        procurement_unit=Unit.YUAN,
    )


def proactive(
    *, template: Template = Template.V2021, large: bool = False
) -> st.SearchStrategy[ProactiveDisclosure]:
    """Section 二 of *template*; in 2019, 本年新公开数量 ≤ 对外公开总数量."""
    _check_template(template)
    return _proactive(template=template, large=large)


# --------------------------------------------------------------------------------------
# Reports
# --------------------------------------------------------------------------------------


def _years(template: Template) -> st.SearchStrategy[int]:
    if template is Template.V2019:
        return st.sampled_from((2019, 2020))
    return st.integers(2021, 2030)


@st.composite
def _report(
    draw: st.DrawFn,
    *,
    template: Template | None,
    other_single: bool | None,
    large: bool,
    year: int | None = None,
    agency: str | None = None,
    carried_over: Sequence[int] | None = None,
    stock: Sequence[int] | None = None,
) -> Report:
    chosen = draw(st.sampled_from(tuple(Template))) if template is None else template
    single = True if chosen is Template.V2019 else other_single
    return Report.build(
        agency=draw(st.sampled_from(AGENCIES)) if agency is None else agency,
        year=draw(_years(chosen)) if year is None else year,
        proactive=draw(_proactive(template=chosen, large=large, stock=stock)),
        requests=draw(_requests(other_single=single, large=large, carried_over=carried_over)),
        appeals=draw(appeals(large=large)),
    )


def reports(
    *,
    template: Template | None = None,
    other_single: bool | None = None,
    large: bool = False,
    blanks: bool = False,
    placeholders: bool = False,
) -> st.SearchStrategy[Report]:
    """A report of either template whose every invariant holds; no default rule fires.

    ``template``: :class:`~zfxxgk.model.Template` or ``None`` for either.  ``other_single``:
    （六）其他处理 as one row (the 2019 shape, always so in the 2019 template) or three
    sub-rows; ``None`` draws either.  ``large``: counts up to ten million.  ``blanks`` /
    ``placeholders``: cells whose value is 0 — single cells or whole unused applicant
    columns — may be printed empty or as a placeholder; the report then stays arithmetic-valid
    and only ``CELL-BLANK`` / ``CELL-PLACEHOLDER`` speak.
    """
    if template is not None:
        _check_template(template)
    if other_single is False and template is Template.V2019:
        raise InvalidArgument(
            "the 2019 template prints （六）其他处理 as one row: other_single=False"
        )
    _check_flags(large=large, blanks=blanks, placeholders=placeholders)
    base = _report(template=template, other_single=other_single, large=large)
    return _maybe_empty(base, blanks=blanks, placeholders=placeholders)


def _outcomes(requests: DisclosureRequests) -> Outcomes:
    return requests.outcomes


# --------------------------------------------------------------------------------------
# Empty cells where the value is 0
# --------------------------------------------------------------------------------------


def _cell_paths(obj: Any) -> list[tuple[tuple[str, ...], Cell]]:
    """Every cell of a report or a section object, with its path relative to *obj*."""
    if isinstance(obj, Report):
        return [(spec.path, cell) for spec, cell in iter_cells(obj)]
    out: list[tuple[tuple[str, ...], Cell]] = []
    for field in attrs.fields(type(obj)):
        value = getattr(obj, field.name)
        if isinstance(value, Cell):
            out.append(((field.name,), value))
        else:
            out.extend(((field.name, *p), c) for p, c in _cell_paths(value))
    return out


def _replace_many(obj: Any, changes: Mapping[tuple[str, ...], Any]) -> Any:
    """A copy of *obj* with the values at several paths replaced, each object rebuilt once."""
    if () in changes:
        return changes[()]
    grouped: dict[str, dict[tuple[str, ...], Any]] = {}
    for path, value in changes.items():
        grouped.setdefault(path[0], {})[path[1:]] = value
    return attrs.evolve(
        obj, **{name: _replace_many(getattr(obj, name), sub) for name, sub in grouped.items()}
    )


def _maybe_empty(
    base: st.SearchStrategy[Any], *, blanks: bool, placeholders: bool
) -> st.SearchStrategy[Any]:
    if not (blanks or placeholders):
        return base
    kinds = tuple(
        k for k, on in ((CellKind.BLANK, blanks), (CellKind.PLACEHOLDER, placeholders)) if on
    )
    return base.flatmap(lambda obj: _emptied(obj, kinds))


@st.composite
def _emptied(draw: st.DrawFn, obj: Any, kinds: tuple[CellKind, ...]) -> Any:
    cells_here = _cell_paths(obj)
    zero = [path for path, cell in cells_here if cell.value == 0]
    if not zero:
        return obj
    chosen: set[tuple[str, ...]] = set()
    if draw(st.booleans()):
        chosen.update(_unused_columns(cells_here))
    chosen.update(draw(st.sets(st.sampled_from(zero))))
    changes: dict[tuple[str, ...], Cell] = {}
    for path in (p for p in zero if p in chosen):
        if draw(st.sampled_from(kinds)) is CellKind.BLANK:
            changes[path] = Cell.blank()
        else:
            changes[path] = Cell.placeholder(draw(st.sampled_from(_SHOWN_PLACEHOLDERS)))
    return _replace_many(obj, changes) if changes else obj


_APPLICANT_FIELDS: Final = tuple(f.name for f in attrs.fields(ApplicantRow))[:6]


def _unused_columns(cells_here: Iterable[tuple[tuple[str, ...], Cell]]) -> set[tuple[str, ...]]:
    """The paths of section-三 applicant columns that are 0 in every row (print them empty)."""
    by_column: dict[str, list[tuple[tuple[str, ...], Cell]]] = {}
    for path, cell in cells_here:
        if path[-1] in _APPLICANT_FIELDS:
            by_column.setdefault(path[-1], []).append((path, cell))
    unused: set[tuple[str, ...]] = set()
    for items in by_column.values():
        if all(cell.value == 0 for _, cell in items):
            unused.update(path for path, _ in items)
    return unused


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


# --------------------------------------------------------------------------------------
# Argument checks
# --------------------------------------------------------------------------------------


def _check_template(template: object) -> None:
    if not isinstance(template, Template):
        raise InvalidArgument(f"template must be a zfxxgk.model.Template, not {template!r}")


def _check_flags(**flags: object) -> None:
    for name, value in flags.items():
        if not isinstance(value, bool):
            raise InvalidArgument(f"{name} must be True or False, not {value!r}")
