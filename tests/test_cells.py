from __future__ import annotations

from decimal import Decimal

import pytest

from zfxxgk.cells import Cell, CellKind, Unit, ValueKind, parse_cell


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        ("12", 12, CellKind.NUMBER),
        ("１２", 12, CellKind.NUMBER),
        ("1,234", 1234, CellKind.NUMBER),
        ("1，234", 1234, CellKind.NUMBER),
        (" 0 ", 0, CellKind.NUMBER),
        ("", None, CellKind.BLANK),
        ("\u3000\u3000", None, CellKind.BLANK),
        ("\xa0", None, CellKind.BLANK),
        ("/", None, CellKind.PLACEHOLDER),
        ("／", None, CellKind.PLACEHOLDER),
        ("—", None, CellKind.PLACEHOLDER),
        ("--", None, CellKind.PLACEHOLDER),
        ("无", None, CellKind.PLACEHOLDER),
        ("不适用", None, CellKind.PLACEHOLDER),
        ("不涉及", None, CellKind.PLACEHOLDER),
        ("见附件", None, CellKind.TEXT),
        ("22（其中修订16件）", 22, CellKind.NUMBER),
        ("55（含自然失效29件）", 55, CellKind.NUMBER),
    ],
)
def test_parse_count(text: str, value: int | None, kind: CellKind) -> None:
    cell, _ = parse_cell(text)
    assert cell.kind is kind
    assert cell.value == value
    if value is not None:
        assert isinstance(cell.value, int)


def test_blank_placeholder_and_zero_stay_apart() -> None:
    zero, _ = parse_cell("0")
    blank, _ = parse_cell("")
    slash, _ = parse_cell("/")
    assert len({zero, blank, slash}) == 3
    assert zero.number_or_zero() == blank.number_or_zero() == slash.number_or_zero() == 0
    assert blank.is_empty and slash.is_empty and not zero.is_empty


def test_missing_is_not_blank() -> None:
    assert Cell.missing() != Cell.blank()
    assert parse_cell(None)[0].kind is CellKind.MISSING


def test_money_is_decimal_with_unit() -> None:
    cell, why = parse_cell("251000元", ValueKind.MONEY)
    assert cell.value == Decimal("251000") and isinstance(cell.value, Decimal)
    assert cell.unit is Unit.YUAN
    assert cell.raw == "251000元"
    assert why is None
    fee, _ = parse_cell("96171.6", ValueKind.MONEY)
    assert fee.value == Decimal("96171.6")
    assert parse_cell("0.00", ValueKind.MONEY)[0].value == Decimal("0.00")


def test_count_that_is_not_whole_is_text_not_a_rounded_number() -> None:
    cell, why = parse_cell("2.5")
    assert cell.kind is CellKind.TEXT
    assert cell.value is None
    assert why is not None and "整数" in why


def test_note_is_kept() -> None:
    cell, why = parse_cell("22（其中修订16件）")
    assert cell.note == "其中修订16件"
    assert why is not None
    assert parse_cell("251000元", ValueKind.MONEY)[0].note is None


def test_negative_signed_count() -> None:
    cell, why = parse_cell("-18", ValueKind.SIGNED_COUNT)
    assert cell.value == -18
    assert why is None
    _, why_count = parse_cell("-18", ValueKind.COUNT)
    assert why_count is not None


def test_cell_rejects_bad_values() -> None:
    with pytest.raises(TypeError):
        Cell.of(True)
    with pytest.raises(TypeError):
        Cell.of(1.5)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="cannot hold"):
        Cell(value=1, kind=CellKind.BLANK)
    with pytest.raises(ValueError, match="finite"):
        Cell.of(Decimal("NaN"))


def test_kangxi_and_full_width_fold() -> None:
    assert parse_cell("１２３")[0].value == 123
    assert parse_cell("１２３")[0].raw == "１２３"
