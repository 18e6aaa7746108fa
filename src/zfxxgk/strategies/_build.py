"""Strategies for valid values: numbers and cells, sections built from their parts, reports,
and cells emptied where the value is 0.  Part of :mod:`zfxxgk.strategies` (import from there).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any, Final

import attrs
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from ..cells import PLACEHOLDERS, Cell, CellKind, Unit, ValueKind
from ..model import (
    Appeals,
    ApplicantRow,
    CaseOutcomes,
    DisclosureRequests,
    Outcomes,
    ProactiveDisclosure,
    Report,
    Template,
    proactive_2019,
    proactive_2021,
)
from ..template import iter_cells

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
        CellKind.UNREAD: st.just(Cell.unread()),
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
# Argument checks
# --------------------------------------------------------------------------------------


def _check_template(template: object) -> None:
    if not isinstance(template, Template):
        raise InvalidArgument(f"template must be a zfxxgk.model.Template, not {template!r}")


def _check_flags(**flags: object) -> None:
    for name, value in flags.items():
        if not isinstance(value, bool):
            raise InvalidArgument(f"{name} must be True or False, not {value!r}")
