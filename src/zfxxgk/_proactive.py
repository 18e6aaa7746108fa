"""Section 二、主动公开政府信息情况 of the model, and its named constructors.

Part of :mod:`zfxxgk.model` (which re-exports every public name here: import them from
there); split off to keep the model module readable.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any, TypeAlias

import attrs

from . import _display
from ._fields import column, resolve_types, row
from .cells import Cell, Unit, ValueKind

__all__ = [
    "DecisionRow2021",
    "DocumentRow2019",
    "DocumentRow2021",
    "FeeItemsRow2019",
    "FeeRow2021",
    "ItemChangeRow2019",
    "ProactiveDisclosure",
    "ProactiveDisclosure2019",
    "ProactiveDisclosure2021",
    "ProcurementRow2019",
    "check_count",
    "proactive_2019",
    "proactive_2021",
]


def check_count(value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"a count must be an int, not {type(value).__name__}")
    if value < 0:
        raise ValueError(f"a count must be ≥ 0, got {value}")


# --------------------------------------------------------------------------------------
# Section 二、主动公开政府信息情况
# --------------------------------------------------------------------------------------


@attrs.frozen(kw_only=True, slots=True)
class DocumentRow2021:
    """第二十条第（一）项, 2021 template: documents issued, repealed and in force."""

    issued: Cell = column("本年制发件数")
    repealed: Cell = column("本年废止件数")
    in_force: Cell = column("现行有效件数")


@attrs.frozen(kw_only=True, slots=True)
class DecisionRow2021:
    """第二十条第（五）（六）项, 2021 template: decisions made this year."""

    decisions: Cell = column("本年处理决定数量")


@attrs.frozen(kw_only=True, slots=True)
class FeeRow2021:
    """第二十条第（八）项, 2021 template: administrative fee income, in 万元."""

    amount: Cell = column("本年收费金额（单位：万元）", kind=ValueKind.MONEY, unit="万元")


@attrs.frozen(kw_only=True, slots=True)
class ProactiveDisclosure2021:
    """二、主动公开政府信息情况 in the 2021 template."""

    regulations: DocumentRow2021 = row(("第二十条第（一）项", "规章"))
    normative_documents: DocumentRow2021 = row(
        ("第二十条第（一）项", "行政规范性文件"), aliases=("规范性文件",)
    )
    licensing: DecisionRow2021 = row(("第二十条第（五）项", "行政许可"))
    penalties: DecisionRow2021 = row(("第二十条第（六）项", "行政处罚"))
    coercion: DecisionRow2021 = row(("第二十条第（六）项", "行政强制"))
    fees: FeeRow2021 = row(("第二十条第（八）项", "行政事业性收费"))

    def _repr_html_(self) -> str:
        return _display.html("section_html", self)


@attrs.frozen(kw_only=True, slots=True)
class DocumentRow2019:
    """第二十条第（一）项, 2019 template: documents made, published, and in the public stock."""

    made: Cell = column("本年新制作数量")
    published: Cell = column("本年新公开数量")
    public_total: Cell = column("对外公开总数量")


@attrs.frozen(kw_only=True, slots=True)
class ItemChangeRow2019:
    """第二十条第（五）（六）项, 2019 template: items last year, change, decisions."""

    previous_items: Cell = column("上一年项目数量")
    change: Cell = column("本年增/减", kind=ValueKind.SIGNED_COUNT)
    decisions: Cell = column("处理决定数量")


@attrs.frozen(kw_only=True, slots=True)
class FeeItemsRow2019:
    """第二十条第（八）项, 2019 template: counts of fee *items*, not money."""

    previous_items: Cell = column("上一年项目数量")
    change: Cell = column("本年增/减", kind=ValueKind.SIGNED_COUNT)


@attrs.frozen(kw_only=True, slots=True)
class ProcurementRow2019:
    """第二十条第（九）项, 2019 template: government centralised procurement."""

    projects: Cell = column("采购项目数量")
    amount: Cell = column("采购总金额", kind=ValueKind.MONEY)


@attrs.frozen(kw_only=True, slots=True)
class ProactiveDisclosure2019:
    """二、主动公开政府信息情况 in the 2019 template."""

    regulations: DocumentRow2019 = row(("第二十条第（一）项", "规章"))
    normative_documents: DocumentRow2019 = row(("第二十条第（一）项", "规范性文件"))
    licensing: ItemChangeRow2019 = row(("第二十条第（五）项", "行政许可"))
    other_services: ItemChangeRow2019 = row(("第二十条第（五）项", "其他对外管理服务事项"))
    penalties: ItemChangeRow2019 = row(("第二十条第（六）项", "行政处罚"))
    coercion: ItemChangeRow2019 = row(("第二十条第（六）项", "行政强制"))
    fees: FeeItemsRow2019 = row(("第二十条第（八）项", "行政事业性收费"))
    procurement: ProcurementRow2019 = row(("第二十条第（九）项", "政府集中采购"))

    def _repr_html_(self) -> str:
        return _display.html("section_html", self)


ProactiveDisclosure: TypeAlias = ProactiveDisclosure2021 | ProactiveDisclosure2019


def proactive_2021(
    *,
    regulations: Sequence[int] = (0, 0, 0),
    normative_documents: Sequence[int] = (0, 0, 0),
    licensing: int = 0,
    penalties: int = 0,
    coercion: int = 0,
    fees: Decimal | int | str = 0,
) -> ProactiveDisclosure2021:
    """Section 二 of the 2021 template from plain numbers.

    ``regulations`` and ``normative_documents`` are (本年制发件数, 本年废止件数, 现行有效件数);
    ``fees`` is 本年收费金额 in 万元 (a Decimal, an int or a decimal string; never a float).
    """

    def doc(values: Sequence[int]) -> DocumentRow2021:
        issued, repealed, in_force = _three(values)
        return DocumentRow2021(
            issued=Cell.of(issued), repealed=Cell.of(repealed), in_force=Cell.of(in_force)
        )

    for value in (licensing, penalties, coercion):
        check_count(value)
    return ProactiveDisclosure2021(
        regulations=doc(regulations),
        normative_documents=doc(normative_documents),
        licensing=DecisionRow2021(decisions=Cell.of(licensing)),
        penalties=DecisionRow2021(decisions=Cell.of(penalties)),
        coercion=DecisionRow2021(decisions=Cell.of(coercion)),
        fees=FeeRow2021(amount=Cell.of(_money(fees), unit=Unit.WAN_YUAN)),
    )


def proactive_2019(
    *,
    regulations: Sequence[int] = (0, 0, 0),
    normative_documents: Sequence[int] = (0, 0, 0),
    licensing: Sequence[int] = (0, 0, 0),
    other_services: Sequence[int] = (0, 0, 0),
    penalties: Sequence[int] = (0, 0, 0),
    coercion: Sequence[int] = (0, 0, 0),
    fees: Sequence[int] = (0, 0),
    procurement_projects: int = 0,
    procurement_amount: Decimal | int | str = 0,
    procurement_unit: Unit = Unit.YUAN,
) -> ProactiveDisclosure2019:
    """Section 二 of the 2019 template from plain numbers.

    Document rows are (本年新制作数量, 本年新公开数量, 对外公开总数量); item rows are
    (上一年项目数量, 本年增/减, 处理决定数量); ``fees`` is (上一年项目数量, 本年增/减).
    """

    def doc(values: Sequence[int]) -> DocumentRow2019:
        made, published, total = _three(values)
        return DocumentRow2019(
            made=Cell.of(made), published=Cell.of(published), public_total=Cell.of(total)
        )

    def items(values: Sequence[int]) -> ItemChangeRow2019:
        previous, change, decisions = [*values, 0, 0, 0][:3]
        check_count(previous)
        check_count(decisions)
        if isinstance(change, bool) or not isinstance(change, int):
            raise TypeError("本年增/减 must be an int")
        return ItemChangeRow2019(
            previous_items=Cell.of(previous), change=Cell.of(change), decisions=Cell.of(decisions)
        )

    fee_previous, fee_change = [*fees, 0, 0][:2]
    check_count(fee_previous)
    check_count(procurement_projects)
    return ProactiveDisclosure2019(
        regulations=doc(regulations),
        normative_documents=doc(normative_documents),
        licensing=items(licensing),
        other_services=items(other_services),
        penalties=items(penalties),
        coercion=items(coercion),
        fees=FeeItemsRow2019(previous_items=Cell.of(fee_previous), change=Cell.of(fee_change)),
        procurement=ProcurementRow2019(
            projects=Cell.of(procurement_projects),
            amount=Cell.of(_money(procurement_amount), unit=procurement_unit),
        ),
    )


def _three(values: Sequence[int]) -> tuple[int, int, int]:
    seq = list(values)
    if len(seq) != 3:
        raise ValueError(f"expected three counts, got {len(seq)}")
    for value in seq:
        check_count(value)
    return seq[0], seq[1], seq[2]


def _money(value: Any) -> Decimal:
    if isinstance(value, float | bool):
        raise TypeError("money must be a Decimal, an int or a decimal string, never a float")
    amount = Decimal(value)
    if not amount.is_finite() or amount < 0:
        raise ValueError(f"money must be a finite amount ≥ 0, got {value!r}")
    return amount


resolve_types(globals())  # every field's type an object, as attrs.resolve_types makes it
