"""Exact values and notes of :mod:`zfxxgk.cells`: what each printed text reads as, and the
Chinese note that says why (issue 16: the survivors of ``scripts/mutation.py cells``, see
docs/mutation.md).  Each expectation is the template's rule (FORMAT.md §5), written out."""

from __future__ import annotations

from decimal import Decimal

import pytest

from zfxxgk import cells
from zfxxgk.cells import (
    UNKNOWN,
    Cell,
    CellKind,
    Unit,
    ValueKind,
    add_cells,
    format_number,
    in_unit,
    json_number,
    known,
    parse_cell,
    sum_amounts,
)

TEXT = CellKind.TEXT


@pytest.mark.parametrize(
    ("printed", "cell", "why"),
    [
        ("1,234", Cell.of(1234, raw="1,234"), None),
        ("１，２３４", Cell.of(1234, raw="１，２３４"), None),  # a full-width comma is a comma
        (" 3 ", Cell.of(3), None),
        ("+5", Cell.of(5, raw="+5"), None),
        ("3 元", Cell.of(3, raw="3 元", unit=Unit.YUAN), None),
        ("", Cell.blank(), None),
        ("\u3000 ", Cell.blank(), None),
        ("\u200b", Cell.blank("\u200b"), None),  # a zero-width space is kept as printed
        ("/", Cell.placeholder("/"), "占位符“/”按空白处理"),
        (" / ", Cell.placeholder("/"), "占位符“/”按空白处理"),
        ("- -", Cell.placeholder("- -"), "占位符“- -”按空白处理"),
        ("abc", Cell(raw="abc", kind=TEXT), "“abc”不是数字"),
        ("-3", Cell.of(-3), "件数“-3”为负数"),
        ("3.0", Cell.of(3, raw="3.0"), "“3.0”按整数3读取"),
        ("0.0", Cell.of(0, raw="0.0"), "“0.0”按整数0读取"),
        ("-2.00", Cell.of(-2, raw="-2.00"), "“-2.00”按整数-2读取"),
        ("5,000.00", Cell.of(5000, raw="5,000.00"), "“5,000.00”按整数5000读取"),
        (".5", Cell(raw=".5", kind=TEXT), "“.5”不是整数"),
        ("12.5", Cell(raw="12.5", kind=TEXT), "“12.5”不是整数"),
        ("12.", Cell.of(12, raw="12."), "“12.”取开头的数字，其余作为备注"),
        ("1.2.3", Cell(raw="1.2.3", kind=TEXT), "“1.2.3”印有不止一个数字，不作为数字读取"),
        (
            "1 234",
            Cell(raw="1 234", kind=TEXT),
            "“1 234”的数字之间有空格：可能是千位分隔的1234，也可能是两个数，不作为数字读取",
        ),
        (
            "217 218",
            Cell(raw="217 218", kind=TEXT),
            "“217 218”的数字之间有空格：可能是千位分隔的217218，也可能是两个数，不作为数字读取",
        ),
        # four digits before the space: not a thousands group
        ("1234 567", Cell(raw="1234 567", kind=TEXT), "“1234 567”印有不止一个数字，不作为数字读取"),
        ("12\n34", Cell.of(1234, raw="12\n34"), "“12↵34”中的数字跨行印出，按一个数1234读取"),
        (
            "3.\n0",
            Cell.of(3, raw="3.\n0"),
            "“3.\n0”按整数3读取；“3.↵0”中的数字跨行印出，按一个数3读取",
        ),
        ("440①", Cell.of(440, raw="440①"), "“440①”中数字440后的“①”是注释标记，取440"),
        ("440 注1", Cell.of(440, raw="440 注1"), "“440 注1”中数字440后的“注1”是注释标记，取440"),
        (
            "22（其中修订16件）",
            Cell.of(22, raw="22（其中修订16件）"),
            "“22（其中修订16件）”取开头的数字，其余作为备注",
        ),
        ("①", Cell(raw="①", kind=TEXT), "“①”不是数字"),
        (
            "1" * 16,
            Cell(raw="1" * 16, kind=TEXT),
            f"“{'1' * 16}”数字位数过多（超过15位），不作为数字读取",
        ),
        ("1" * 15, Cell.of(int("1" * 15)), None),
        ("1" * 14 + ".5", Cell(raw="1" * 14 + ".5", kind=TEXT), f"“{'1' * 14}.5”不是整数"),
        (
            "x" * 41,
            Cell(raw="x" * 41, kind=TEXT),
            f"“{'x' * 40}…（共41字）”不是数字",
        ),
        ("x" * 40, Cell(raw="x" * 40, kind=TEXT), f"“{'x' * 40}”不是数字"),
    ],
)
def test_parse_cell_reads_and_says_why(printed: str, cell: Cell, why: str | None) -> None:
    got, note = parse_cell(printed)
    assert (got, got.kind, got.raw, note) == (cell, cell.kind, cell.raw, why)


def test_parse_cell_money() -> None:
    assert parse_cell("12.50元", ValueKind.MONEY) == (
        Cell.of(Decimal("12.50"), raw="12.50元", unit=Unit.YUAN),
        None,
    )
    assert parse_cell("3 万元", ValueKind.MONEY)[0].unit is Unit.WAN_YUAN
    assert parse_cell(None) == (Cell.missing(), None)


def test_unknown_and_sums() -> None:
    assert repr(UNKNOWN) == "UNKNOWN" and str(UNKNOWN) == "未读取"
    with pytest.raises(TypeError, match=r"^UNKNOWN has no truth value: test it with `is UNKNOWN`$"):
        bool(UNKNOWN)
    assert known([1, 2, Decimal(3)]) == [1, 2, Decimal(3)]
    assert known([1, UNKNOWN, 2]) is UNKNOWN
    assert known([]) == []
    assert sum_amounts([2, 3, 4]) == 9
    assert sum_amounts([]) == 0
    assert sum_amounts([2, UNKNOWN]) is UNKNOWN


def test_formatting() -> None:
    assert format_number(None) == "" and format_number(None, blank="-") == "-"
    assert format_number(7) == "7"
    assert format_number(Decimal("1E+3")) == "1000"
    assert format_number(Decimal("12.00")) == "12.00"
    assert format_number(Decimal("12.00"), trim=True) == "12"
    assert format_number(Decimal("12.50"), trim=True) == "12.50"
    assert format_number(Decimal("1E+3"), trim=True) == "1000"
    assert json_number(Decimal("1E+2")) == "100"
    assert json_number(Decimal("0.10")) == "0.10"
    assert json_number(3) == 3 and json_number(None) is None


def test_cells_show_what_was_printed() -> None:
    placeholder = Cell.placeholder()
    assert (placeholder.raw, placeholder.kind) == ("/", CellKind.PLACEHOLDER)
    assert Cell.placeholder("无").raw == "无"
    assert Cell.blank().display() == "" and Cell.missing().display() == ""
    assert Cell.of(3).display() == "3" and str(Cell.of(3, raw="３")) == "３"
    assert repr(Cell.of(3, raw="３", unit=Unit.YUAN)) == "Cell.of(3, raw='３', unit='元')"
    assert repr(Cell.missing()) == "Cell.missing()"
    assert repr(Cell.unread()) == "Cell.unread()"
    assert repr(Cell.blank()) == "Cell(kind=BLANK)"
    assert repr(Cell(raw="x", kind=TEXT)) == "Cell(kind=TEXT, raw='x')"
    assert Cell.unread().amount() is UNKNOWN and Cell.blank().amount() == 0
    assert Cell.placeholder().amount() == 0 and Cell.of(5).amount() == 5


def test_units_and_region_sums() -> None:
    wan = Cell.of(Decimal("1.5"), unit=Unit.WAN_YUAN)
    assert in_unit(wan, Unit.YUAN) == Decimal("15000")
    assert in_unit(Cell.of(Decimal(15000), unit=Unit.YUAN), Unit.WAN_YUAN) == Decimal("1.5")
    assert in_unit(wan, None) == Decimal("1.5") and in_unit(Cell.blank(), Unit.YUAN) == 0
    assert add_cells(Cell.of(2), Cell.blank()) == Cell.of(2)
    assert add_cells(Cell.blank(), Cell.placeholder()) == Cell.blank()
    assert add_cells(Cell.missing(), Cell.of(1)) == Cell.missing()
    assert add_cells(Cell.of(1), Cell.unread()) == Cell.unread()
    assert add_cells(Cell.missing(), Cell.unread()) == Cell.unread()
    assert add_cells(wan, Cell.of(Decimal(5000), unit=Unit.YUAN)) == Cell.of(
        Decimal("2.0"), unit=Unit.WAN_YUAN
    )
    assert add_cells(Cell.blank(), wan) == Cell.of(Decimal("1.5"), unit=Unit.WAN_YUAN)


def test_footnote_markers_that_fold_to_digits() -> None:
    """``⁰``, ``⁹``, ``₉`` and ``⒐`` fold (NFKC) to digits but are markers: 44 and a marker,
    never 440 or 449.  The folding of one character is cached: clear it, so that this test
    exercises it rather than an earlier test's result."""
    cells._fold_char.cache_clear()
    for marker in ("⁰", "⁹", "₉", "⒐"):
        assert parse_cell(f"44{marker}") == (
            Cell.of(44, raw=f"44{marker}"),
            f"“44{marker}”中数字44后的“{marker}”是注释标记，取44",
        )
    assert parse_cell("４４") == (Cell.of(44, raw="４４"), None)  # full-width digits are digits
    assert parse_cell(".0") == (Cell.of(0, raw=".0"), "“.0”按整数0读取")


def test_the_kind_of_a_cell_without_a_number() -> None:
    assert Cell().kind is CellKind.BLANK and Cell(raw=" \u3000").kind is CellKind.BLANK
    assert Cell(raw="- -").kind is CellKind.PLACEHOLDER  # spaces inside do not count
    assert Cell(raw="见附件").kind is TEXT
    assert Cell.placeholder("n/a").kind is CellKind.PLACEHOLDER  # as the reader decided
    assert Cell.of(22, raw="22 （其中修订16件）").note == "其中修订16件"
    assert Cell.of(22, raw="22 件").note is None


def test_money_in_its_own_unit_is_as_printed() -> None:
    three = in_unit(Cell.of(3, unit=Unit.YUAN), Unit.YUAN)
    assert three == 3 and isinstance(three, int)
    # a first cell without a unit takes the second one's
    assert add_cells(Cell.of(Decimal(2)), Cell.of(Decimal(1), unit=Unit.YUAN)) == Cell.of(
        Decimal(3), unit=Unit.YUAN
    )


def test_full_width_letters_are_a_note_not_a_marker() -> None:
    """``ＡＢ`` folds to letters, not digits: a note after the number, not a footnote marker."""
    cells._fold_char.cache_clear()
    assert parse_cell("12ＡＢ") == (Cell.of(12, raw="12ＡＢ"), "“12ＡＢ”取开头的数字，其余作为备注")


@pytest.mark.parametrize(("value", "name"), [("3", "str"), (True, "bool"), (3.0, "float")])
def test_a_cell_holds_only_numbers(value: object, name: str) -> None:
    message = f"^Cell.value must be int, Decimal or None, not {name}$"
    with pytest.raises(TypeError, match=message):
        Cell(value=value)  # type: ignore[arg-type]
