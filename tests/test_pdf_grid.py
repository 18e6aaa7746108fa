"""The PDF reader's geometry on hand-made coordinates (no PDF, no pdfplumber)."""

from __future__ import annotations

import pytest

from zfxxgk.readers import _pdf_grid as g


def chars(text: str, x: float, top: float, size: float = 10.0, gap: float = 0.0) -> list[g.Char]:
    out = []
    for i, ch in enumerate(text):
        x0 = x + i * (size + gap)
        out.append(g.Char(text=ch, x0=x0, x1=x0 + size, top=top, bottom=top + size, size=size))
    return out


def test_fold_kangxi_and_supplement_but_not_fullwidth() -> None:
    assert g.fold("⼀⼆⼈⺠⻓（１）") == "一二人民长（１）"


def test_lines_group_by_centre_even_with_mixed_sizes() -> None:
    line = chars("合计", 10, 100, size=9) + chars("12", 40, 98, size=14)
    assert g.cell_text(line) == "合计 12"


def test_cell_text_stacks_vertical_labels() -> None:
    stacked = [c for i, ch in enumerate("三、本年") for c in chars(ch, 10, 100 + i * 12)]
    assert g.cell_text(stacked) == "三\n、\n本\n年"


@pytest.mark.parametrize(
    ("pieces", "gap", "expected"),
    [
        (["2", "0"], 3.0, "20"),  # a number printed in two: a narrow gap
        (["1", "2", "3"], 5.0, "123"),
        (["7730", ".28"], 2.0, "7730.28"),
        (["5", "7"], 20.0, "5 7"),  # two numbers: the builder must see two
        (["结", "果"], 3.0, "结 果"),  # only numbers are joined
    ],
)
def test_split_numbers_join_only_when_tight(pieces: list[str], gap: float, expected: str) -> None:
    line: list[g.Char] = []
    x = 10.0
    for k, piece in enumerate(pieces):
        if k:
            line.append(g.Char(text=" ", x0=x, x1=x + gap, top=100, bottom=110, size=10))
            x += gap
        line.extend(chars(piece, x, 100))
        x += 10 * len(piece)
    assert g.cell_text(line) == expected


def test_number_wrapped_in_a_narrow_cell_is_one_number() -> None:
    assert g.cell_text(chars("4472", 10, 100) + chars("28", 10, 112)) == "447228"


def test_line_text_spaces_only_between_non_cjk_gaps() -> None:
    line = (
        chars("ab", 10, 100)
        + chars("cd", 60, 100)
        + chars("中文", 100, 100)
        + chars("字", 140, 100)
    )
    assert g.line_text(line) == "ab cd 中文字"


@pytest.mark.parametrize(
    ("text", "in_margin", "expected"),
    [
        ("- 4 -", False, True),
        ("—12—", False, True),
        ("第 3 页", False, True),
        ("3/6", False, True),
        ("4", True, True),
        ("4", False, False),
        ("2024年", True, False),
    ],
)
def test_page_numbers(text: str, in_margin: bool, expected: bool) -> None:
    assert g.is_page_number(g.Line(text=text, page=1, top=0, in_margin=in_margin)) is expected


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12", True),
        ("0.00", True),
        ("251000元", True),
        ("/", True),
        ("—", True),
        ("无", True),
        ("1.属于国家秘密", False),
        ("（四）无法提供", False),
        ("一、本年新收", False),
        ("", False),
        ("1、其他", False),
        ("1.5", True),
    ],
)
def test_value_or_label(text: str, value: bool) -> None:
    assert g._is_value(text) is value


def test_missing_cells_become_boxes_joined_where_no_rule_divides() -> None:
    # a 2x3 grid whose bottom-left cell spans two rows with no drawn cell at all
    cells = [
        (0, 0, 100, 20),
        (100, 0, 150, 20),
        (150, 0, 200, 20),
        (100, 20, 150, 40),
        (150, 20, 200, 40),
        (100, 40, 150, 60),
        (150, 40, 200, 60),
    ]
    segments = [
        g.Segment("h", 20, 100, 200),
        g.Segment("h", 40, 100, 200),
        g.Segment("v", 100, 0, 60),
        g.Segment("v", 150, 0, 60),
    ]
    text = chars("组", 40, 35)
    part, rest = g._table_part(1, cells, text, segments)
    assert part is not None and rest == []
    grid = part.grid()
    owners = [row[0][0] for row in grid[1:]]
    assert owners[0] is owners[1] and owners[0] is not None and owners[0].text == "组"
    assert [row[0][1] for row in grid] == [False, False, True]


def test_one_column_frame_is_not_a_table() -> None:
    part, rest = g._table_part(1, [(0, 0, 300, 20), (0, 20, 300, 40)], chars("正文", 5, 5), ())
    assert part is None and len(rest) == 2


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("D:20240226144123+06'41'", "2024-02-26T14:41:23+06:41"),
        ("D:20240226145645", "2024-02-26T14:56:45"),
        ("D:20261127024917Z'", "2026-11-27T02:49:17Z"),
        ("D:202401", "2024-01"),
        ("不是日期", "不是日期"),
    ],
)
def test_pdf_dates_become_iso(raw: str, iso: str) -> None:
    from zfxxgk.readers.pdf import _iso_date

    assert _iso_date(raw) == iso


def test_page_number_printed_inside_a_cell_is_dropped() -> None:
    assert g.cell_text(chars("12", 10, 100) + chars("- 4 -", 10, 140)) == "12"
    assert g.cell_text(chars("-", 10, 100)) == "-"


def test_stacked_numbers_join_only_when_the_first_line_fills_the_cell() -> None:
    wrapped = chars("4472", 10, 100) + chars("28", 10, 112)
    assert g.cell_text(wrapped, width=44) == "447228"  # 4472 fills a 44 pt cell
    stacked = chars("5", 10, 100) + chars("7", 10, 112)
    assert g.cell_text(stacked, width=44) == "5\n7"  # two values, one missing rule
