"""Tables read from the geometry of text: ruled, dash, aligned, one cell per line, Markdown.

Every snippet here is written for the test (the corpus is never copied); the shapes are the
ones the converters print — text browsers, pandoc, LibreOffice, ``pdftotext -layout`` — and
the checks are the reader's promises: cells where a person sees them, merged cells as spans,
blank cells blank, and a number that does not line up with one column unread, with a
diagnostic naming its line and column.
"""

from __future__ import annotations

import contextlib

import attrs
import pytest

from zfxxgk import render
from zfxxgk.cells import Cell, CellKind
from zfxxgk.grids import expand, table_grids
from zfxxgk.readers import read, read_document
from zfxxgk.readers.document import Document, Paragraph, Table

from .fixtures.reports import cell_values, report_2019, report_2021


def _doc(text: str, name: str = "t.txt") -> Document:
    return read_document(text.encode("utf-8"), name=name)


def _tables(text: str, name: str = "t.txt") -> list[Table]:
    return list(_doc(text, name).tables())


def _grid(table: Table) -> list[list[str]]:
    return [[("~" if c.spanned else "") + c.text for c in row] for row in table.rows]


# --------------------------------------------------------------------------------------
# ruled tables
# --------------------------------------------------------------------------------------

BOX_STYLES = {
    "light": "┌─┬┐│├┼┤└┴┘",
    "heavy": "┏━┳┓┃┣╋┫┗┻┛",
    "double": "╔═╦╗║╠╬╣╚╩╝",
    "rounded": "╭─┬╮│├┼┤╰┴╯",
}


def _box(chars: str) -> str:
    tl, h, td, tr, v, lt, x, rt, bl, bu, br = chars
    return "\n".join(
        [
            f"{tl}{h * 8}{td}{h * 6}{td}{h * 6}{tr}",
            f"{v}信息内容{v}本年  {v}本年  {v}",
            f"{v}        {v}制发  {v}废止  {v}",
            f"{lt}{h * 8}{x}{h * 6}{x}{h * 6}{rt}",
            f"{v}规章    {v}1     {v}2     {v}",
            f"{bl}{h * 8}{bu}{h * 6}{bu}{h * 6}{br}",
        ]
    )


@pytest.mark.parametrize("style", sorted(BOX_STYLES))
def test_box_drawing_of_every_weight_reads_cells_and_joins_wrapped_lines(style: str) -> None:
    (table,) = _tables(_box(BOX_STYLES[style]))
    assert _grid(table) == [["信息内容", "本年\n制发", "本年\n废止"], ["规章", "1", "2"]]
    cell = table.rows[1][1]
    assert (cell.location.line, cell.location.column) == (5, 9)  # 1-based character column


def test_a_missing_ruler_segment_is_a_merged_cell() -> None:
    text = "\n".join(
        [
            "+----------+-----------------+",
            "| 行政复议 | 行政诉讼        |",
            "+----+-----+--------+--------+",
            "| 维 | 总  | 直接   | 复议后 |",
            "| 持 | 计  |        |        |",
            "+    +-----+--------+--------+",
            "|    | 3   | 4      | 5      |",
            "+----+-----+--------+--------+",
        ]
    )
    (table,) = _tables(text)
    assert _grid(table) == [
        ["行政复议", "~行政复议", "行政诉讼", "~行政诉讼"],
        ["维\n持", "总\n计", "直接", "复议后"],
        ["~维\n持", "3", "4", "5"],
    ]


def test_a_partial_ascii_ruler_beside_a_merged_cells_text() -> None:
    text = "\n".join(
        [
            "+------+--------+----+",
            "| 三、 | （一） | 1  |",
            "| 本年 +--------+----+",
            "|      | （二） | 2  |",
            "+------+--------+----+",
        ]
    )
    (table,) = _tables(text)
    assert _grid(table) == [["三、\n本年", "（一）", "1"], ["~三、\n本年", "（二）", "2"]]


def test_a_console_table_open_at_its_sides() -> None:
    text = " 行政许可 | 行政处罚\n----------+----------\n 97       | 1092\n"
    (table,) = _tables(text)
    assert _grid(table) == [["行政许可", "行政处罚"], ["97", "1092"]]


def test_pandoc_grid_table_line_breaks_are_taken_off() -> None:
    text = "+----------+-----+\n| 本年新\\  | 12  |\n| 制作     |     |\n+----------+-----+\n"
    (table,) = _tables(text, "t.md")
    assert _grid(table) == [["本年新\n制作", "12"]]


def test_a_box_around_text_is_running_text() -> None:
    document = _doc("┌────────────┐\n│二、主动公开│\n└────────────┘\n")
    assert not list(document.tables())
    assert [p.text for p in document.paragraphs()] == ["二、主动公开"]


def test_ambiguous_width_box_lines_drawn_two_columns_wide() -> None:
    # a terminal in a CJK locale draws ─ and │ two columns wide: the table lines up only
    # when they are counted so
    text = "┌────┬──┐\n│规章│１│\n├────┼──┤\n│许可│２│\n└────┴──┘\n"
    (table,) = _tables(text)
    assert _grid(table) == [["规章", "１"], ["许可", "２"]]


def test_rulers_that_line_up_under_no_count_are_read_band_by_band() -> None:
    text = "\n".join(
        [
            "+------+---+---+",
            "| 规章 | 1 | 2 |",
            "| 文件 | 3 | 4 | 9 |",
            "+------+---+---+",
            "| 许可   | 4 | 5 |",
            "+------+---+---+",
        ]
    )
    document = _doc(text)
    (table,) = document.tables()
    first, second = table.rows
    assert all(c.unread for c in first if c.text)  # lines cut into 3 and 4 pieces: unread
    assert [c.text for c in second[:3]] == ["许可", "4", "5"]
    assert not any(c.unread for c in second)
    assert [d.code for d in document.diagnostics] == ["R172"]


# --------------------------------------------------------------------------------------
# dash tables
# --------------------------------------------------------------------------------------


def test_a_simple_table_with_a_header() -> None:
    text = (
        "信息内容   本年制发件数\n---------- ------------\n规章       1\n行政许可   97\n\n后文。\n"
    )
    (table,) = _tables(text)
    assert _grid(table) == [["信息内容", "本年制发件数"], ["规章", "1"], ["行政许可", "97"]]


def test_a_headerless_multiline_table_with_blank_cells_and_a_row_of_spaces() -> None:
    text = "\n".join(
        [
            "  ------ ------ ------",
            "  规章   1      ",
            "",
            "  行政规 3      4",
            "  范性文",
            "",
            "                      ",
            "  ------ ------ ------",
        ]
    )
    (table,) = _tables(text)
    assert _grid(table) == [["规章", "1", ""], ["行政规\n范性文", "3", "4"], ["", "", ""]]


def test_pandoc_markup_open_over_lines_continues_its_row() -> None:
    text = "\n".join(
        [
            "  ------------------------ ------------------------",
            '  [规章]{style="font-famil  [1]{style="font-family:',
            '  y:宋体"}                  宋体"}',
            '  [行政许可]{style="a"}     [97]{style="b"}',
            "  ------------------------ ------------------------",
        ]
    )
    (table,) = _tables(text, "t.md")
    assert _grid(table) == [["规章", "1"], ["行政许可", "97"]]


def test_a_lone_dash_line_is_no_table() -> None:
    document = _doc("标题\n----\n正文一行。\n")
    assert not list(document.tables())


# --------------------------------------------------------------------------------------
# aligned tables
# --------------------------------------------------------------------------------------


def test_aligned_columns_keep_blank_cells_blank() -> None:
    text = "\n".join(
        [
            "信息内容        上一年项目数量   本年增/减   处理决定数量",
            "行政许可        396                          181",
            "其他对外事项    10               0           153",
        ]
    )
    (table,) = _tables(text)
    assert _grid(table)[1:] == [["行政许可", "396", "", "181"], ["其他对外事项", "10", "0", "153"]]


def test_a_label_header_wider_than_the_labels_heads_no_column() -> None:
    # 信息内容 reaches past the end of 规章 but stands left of the numbers: the labels' header
    text = "\n".join(
        [
            "信息内容         本年制发件数   本年废止件数   现行有效件数",
            "规章                            0",
        ]
    )
    (table,) = _tables(text)
    assert _grid(table)[1:] == [["规章", "", "0", ""]]


def test_right_aligned_numbers_find_their_column() -> None:
    text = "\n".join(
        [
            "项目            甲       乙       丙",
            "第一行         123        4      567",
            "第二行           8     1234        9",
            "第三行                   12         ",
        ]
    )
    (table,) = _tables(text)
    assert _grid(table)[1:] == [
        ["第一行", "123", "4", "567"],
        ["第二行", "8", "1234", "9"],
        ["第三行", "", "12", ""],
    ]


def test_a_column_blank_in_every_row_comes_from_the_header() -> None:
    text = "\n".join(
        [
            "项目        自然人   商业企业   科研机构   总计",
            "一、新收    12                             12",
            "二、结转     3                              3",
        ]
    )
    (table,) = _tables(text)
    assert _grid(table)[1:] == [["一、新收", "12", "", "", "12"], ["二、结转", "3", "", "", "3"]]


@pytest.mark.parametrize("name", ["report.txt", "report.md"])
@pytest.mark.parametrize("wrap", [None, 6])
@pytest.mark.parametrize(
    "blank",
    [("upheld",), ("upheld", "corrected"), ("upheld", "corrected", "other", "pending", "total")],
    ids=["first", "first-two", "whole-group"],
)
def test_leading_columns_blank_in_every_row_come_from_the_header_above_them(
    blank: tuple[str, ...], wrap: int | None, name: str
) -> None:
    # section 四 prints no label column: 结果维持 at the left heads no number, but 行政复议
    # spans it in a line of headers over numbers (行政诉讼), so it is a column, blank
    report = report_2021()
    review = attrs.evolve(report.appeals.review, **dict.fromkeys(blank, Cell.blank()))
    report = attrs.evolve(report, appeals=attrs.evolve(report.appeals, review=review))
    text = render.to_text(report, style="aligned", wrap=wrap)
    result = read(text.encode(), name=name)
    assert cell_values(result.report) == cell_values(report)
    assert not {"R130", "R112", "R170", "R173"} & {d.code for d in result.diagnostics}


def test_a_number_between_two_columns_is_unread_never_a_neighbours_value() -> None:
    text = "\n".join(
        [
            "项目        甲          乙",
            "第一行      1           2",
            "第二行      3           4",
            "第三行            5",
        ]
    )
    document = _doc(text)
    (table,) = document.tables()
    last = [c for c in table.rows[3] if c.text == "5"]
    assert last and all(c.unread for c in last)
    assert not any(c.text == "5" and not c.unread for row in table.rows for c in row)
    (problem,) = [d for d in document.diagnostics if d.code == "R170"]
    assert problem.location is not None
    assert (problem.location.line, problem.location.column) == (4, 16)


def test_an_unread_number_leaves_its_template_cell_unread_with_its_place() -> None:
    text = render.to_text(report_2021(), style="aligned", wrap=None)
    # 行政规范性文件 12 5 55, printed with 12 left out and 5 between two columns
    row = next(line for line in text.split("\n") if line.lstrip().startswith("行政规范性文件"))
    moved = row.replace("12 ", "   ", 1).replace("5  ", "   ", 1)
    moved = moved[: row.index("5 ") + 6] + "5" + moved[row.index("5 ") + 7 :]
    result = read(text.replace(row, moved).encode(), name="r.txt")
    documents = result.report.proactive.normative_documents
    # 5 could be any empty cell's: neither where it stands nor the empty cell is known
    assert documents.issued.kind is CellKind.UNREAD
    assert documents.repealed.kind is CellKind.UNREAD
    assert documents.in_force.value == 55
    codes = {d.code: d for d in result.diagnostics}
    assert {"R170", "R173"} <= set(codes)
    assert codes["R173"].path == "proactive.normative_documents.repealed"
    # where the unread cells were expected: the place of the number that fits no column
    assert result.unread_locations["proactive.normative_documents.repealed"] == (
        codes["R173"].location
    )


def test_pdftotext_counts_characters_not_display_columns() -> None:
    text = "\n".join(
        [
            "信息内容          本年制发件数     本年废止件数   现行有效件数",
            "",
            "规章            1          0        11",
            "",
            "行政规范性文件       8          26       66",
        ]
    )
    (table,) = _tables(text)
    assert _grid(table)[1:] == [["规章", "1", "0", "11"], ["行政规范性文件", "8", "26", "66"]]


def test_a_label_wrapped_around_its_numbers() -> None:
    text = "\n".join(
        [
            "项目              甲     乙",
            "一、本年新收政府",
            "                  1      2",
            "信息公开申请数量",
            "二、上年结转      3      4",
        ]
    )
    (table,) = _tables(text)
    assert _grid(table)[1] == ["一、本年新收政府\n信息公开申请数量", "1", "2"]


def test_numbers_among_words_are_prose() -> None:
    document = _doc("全年共受理申请 3119 件，答复 3050 件\n开展培训 4 次\n")
    assert not list(document.tables())


# --------------------------------------------------------------------------------------
# one cell per line
# --------------------------------------------------------------------------------------


def test_a_table_written_one_cell_per_line() -> None:
    text = "\n".join(
        [
            "信息内容",
            "本年制发件数",
            "规章",
            "1",
            "2",
            "3",
            "行政规范性文件",
            "4",
            "",
            "6",
            "说明文字。",
        ]
    )
    document = _doc(text)
    (table,) = document.tables()
    first, second = _grid(table)
    assert first[-4:] == ["规章", "1", "2", "3"]  # the text before it joins its label cells
    assert second[:4] == ["行政规范性文件", "4", "", "6"]  # a blank cell stays blank
    assert [p.text for p in document.paragraphs()] == ["说明文字。"]


def test_a_libreoffice_style_text_export_reads_the_report() -> None:
    grids = table_grids(report_2021())
    lines: list[str] = []
    for number in ("二", "三", "四"):  # every cell on a line, covered cells empty
        lines.append(
            f"{number}、"
            + {
                "二": "主动公开政府信息情况",
                "三": "收到和处理政府信息公开申请情况",
                "四": "政府信息公开行政复议、行政诉讼情况",
            }[number]
        )
        for row in expand(grids[number]):
            for slot in row:
                if slot.right:
                    continue
                lines.extend(slot.cell.text.split("\n") if slot.origin else [""])
    back = read("\n".join(lines).encode(), name="export.txt").report
    want = cell_values(report_2021())
    got = cell_values(back)
    assert {k: v for k, v in got.items() if k.startswith(("proactive", "requests", "appeals"))} == {
        k: v for k, v in want.items() if k.startswith(("proactive", "requests", "appeals"))
    }


# --------------------------------------------------------------------------------------
# Markdown
# --------------------------------------------------------------------------------------


def test_raw_html_tables_in_markdown_go_to_the_html_reader() -> None:
    text = (
        '## 表\n\n<table>\n<tr><td rowspan="2">三、</td><td>（一）</td><td>1</td></tr>\n'
        "<tr><td>（二）</td><td>2</td></tr>\n</table>\n\n后文\n"
    )
    document = _doc(text, "t.md")
    (table,) = document.tables()
    assert _grid(table) == [["三、", "（一）", "1"], ["~三、", "（二）", "2"]]
    assert table.rows[1][2].location.line == 5
    assert [p.text for p in document.paragraphs()] == ["表", "后文"]


def test_a_markdown_file_that_opens_with_html_is_read_as_markdown() -> None:
    text = "<div>\n<span>二、主动公开</span>\n</div>\n\n| 规章 | 1 |\n|---|---|\n| 许可 | 2 |\n"
    document = _doc(text, "t.md")
    assert document.format == "markdown"
    (table,) = document.tables()
    assert _grid(table) == [["规章", "1"], ["许可", "2"]]


def test_a_gfm_row_whose_inline_html_runs_over_lines_and_an_empty_header() -> None:
    text = "\n".join(
        [
            "|   |   |",
            "|---|---|",
            '| <span style="a;',
            '  b">行政复议</span> | <span style="c;',
            "",
            '  d">3</span> |',
            "| 行政诉讼 | 4 |",
        ]
    )
    (table,) = _tables(text, "t.md")
    assert _grid(table) == [["行政复议", "3"], ["行政诉讼", "4"]]


# --------------------------------------------------------------------------------------
# noise
# --------------------------------------------------------------------------------------


def test_terminal_noise_page_numbers_and_running_headers_go_first() -> None:
    report = report_2021()
    text = render.to_text(report, style="box")
    noisy: list[str] = []
    for k, line in enumerate(text.split("\n")):
        if k and k % 40 == 0:  # a page break with its footer and the next page's header
            noisy += ["- 3 -", "\f某某镇2024年年度报告"]
        line = line.replace("规章", "\x1b[1m规\x08规章\x1b[0m").replace("\u3000", "\u3000")
        noisy.append(line.replace("  ", " \u00a0"))
    back = read("\n".join(noisy).encode(), name="r.txt").report
    assert cell_values(back) == cell_values(report)


# --------------------------------------------------------------------------------------
# run-together text and the guard
# --------------------------------------------------------------------------------------


def test_text_with_a_drawn_table_is_never_read_as_run_together_text() -> None:
    text = render.to_text(report_2021(), style="box")
    result = read(text.encode(), name="r.txt")
    assert not any(d.code == "R160" for d in result.diagnostics)


def test_a_report_2019_reads_back_from_every_style() -> None:
    report = report_2019()
    for style in ("box", "ascii", "aligned", "pandoc", "tabs"):
        text = render.to_text(report, style=style, wrap=10)  # type: ignore[arg-type]
        assert cell_values(read(text.encode(), name="r.txt").report) == cell_values(report)


# --------------------------------------------------------------------------------------
# hostile shapes: bounded work, never a hang
# --------------------------------------------------------------------------------------


HOSTILE_TEXT_TABLES: dict[str, str] = {
    "box-grid": "┌"
    + "─┬" * 1500
    + "─┐\n"
    + ("│" + "1│" * 1500 + "\n├" + "─┼" * 1500 + "─┤\n") * 40,
    "ascii-grid": ("+" + "--+" * 1000 + "\n" + "|" + " 1|" * 1000 + "\n") * 60,
    "dash": ("  " + " ".join(["---"] * 2000) + "\n" + "  " + " ".join(["1"] * 2000) + "\n") * 30,
    "aligned-wide": ("标签  " + "  ".join(["1"] * 2000) + "\n") * 100,
    "tall-group": "行政许可  1\n" + "一些文字\n" * 50000 + "\n其他  1\n\n规章  2\n",
    "stream": "规章\n" + "1\n" * 100000,
    "many-rows": "\n".join(f"行{k}  1  2" if k % 2 else f"一二三四五{k}" for k in range(50000)),
}
"""Text tables shaped to make the text readers work hard, by name; timed in
benchmarks/bench_hostile.py."""


@pytest.mark.parametrize("text", HOSTILE_TEXT_TABLES.values(), ids=HOSTILE_TEXT_TABLES.keys())
def test_hostile_text_tables_are_read_or_refused(text: str, hang_guard: None) -> None:
    # how fast: benchmarks/bench_hostile.py (a ratio to reading a normal report)
    from zfxxgk.errors import DocumentError

    with contextlib.suppress(DocumentError):
        read_document(text.encode(), name="hostile.txt")


def test_paragraphs_remember_their_lines() -> None:
    document = _doc("第一段\n\n┌──┬──┐\n│甲│乙│\n└──┴──┘\n末段\n")
    paragraphs = [b for b in document.blocks if isinstance(b, Paragraph)]
    assert [(p.text, p.location.line) for p in paragraphs] == [("第一段", 1), ("末段", 6)]
    assert attrs.has(type(paragraphs[0]))
