"""The builder's placement of cells (``zfxxgk.readers.builder.place``), exactly: every cell
of a report rendered by the library lands at its own label address, with its own source
location, over both templates, both shapes of （六）其他处理 and every rendering; each odd
printed cell (blank, placeholder, text, a note, a unit) gives its diagnostic word for word;
rows with surplus or missing cells are placed only when it is certain which cell is which.

Fast on purpose (a few seconds): ``scripts/mutation.py place`` runs it against every mutant
of the module (docs/mutation.md).  Every report here has a distinct number in every cell, so
a value read into a neighbour's cell shows.
"""

from __future__ import annotations

import typing
from collections.abc import Sequence
from decimal import Decimal

import attrs
import pytest

from zfxxgk import render
from zfxxgk.cells import Cell, CellKind, Unit
from zfxxgk.diagnostics import Severity, SourceLocation
from zfxxgk.model import Report, Template
from zfxxgk.readers import read
from zfxxgk.readers.builder import build
from zfxxgk.readers.builder.items import Row
from zfxxgk.readers.builder.place import as_filler, blank_ends_off, plausible, trim
from zfxxgk.readers.document import Document, Paragraph, Table, TextCell
from zfxxgk.readers.result import ParseResult
from zfxxgk.template import RowSpec, iter_cells, replace_at, row_specs

from .fixtures.reports import cell_values, report_2019, report_2021

# --------------------------------------------------------------------------------------
# reports with a distinct number in every cell
# --------------------------------------------------------------------------------------


def _distinct(report: Report, start: int) -> Report:
    """*report* with the k-th cell holding ``start + k`` (money: ``start + k`` + ``.5``)."""
    for k, (spec, cell) in enumerate(list(iter_cells(report))):
        if spec.unit is not None:
            value = Cell.of(Decimal(start + k) + Decimal("0.5"), unit=Unit(spec.unit))
        else:
            value = Cell.of(start + k)
        assert cell.kind is CellKind.NUMBER
        report = replace_at(report, spec.path, value)
    return report


SHAPES = {
    "2021": _distinct(report_2021(), 101),
    "2021-single": _distinct(report_2021(single=True), 401),
    "2019": _distinct(report_2019(), 701),
}


def _renderings(report: Report) -> dict[str, tuple[str, str]]:
    out = {"html": ("r.html", render.to_html(report)), "md": ("r.md", render.to_markdown(report))}
    for style in typing.get_args(render.Style):
        out[style] = ("r.txt", render.to_text(report, style=style))
    out["tabs-unwrapped"] = ("r.txt", render.to_text(report, style="tabs", wrap=None))
    return out


def _read(shape: str, rendering: str) -> ParseResult:
    name, text = _renderings(SHAPES[shape])[rendering]
    return read(text.encode("utf-8"), name=name)


def _cell_text(document: Document, location: SourceLocation) -> str:
    """The text of the document's table cell at *location*."""
    tables = [b for b in document.blocks if isinstance(b, Table)]
    table = next(t for t in tables if t.location.table == location.table)
    assert location.row is not None and location.cell is not None
    return table.rows[location.row - 1][location.cell - 1].text


RENDERINGS = ("html", "md", *render.STYLES, "tabs-unwrapped")


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("rendering", RENDERINGS)
def test_every_cell_lands_at_its_label_address(shape: str, rendering: str) -> None:
    report = SHAPES[shape]
    result = _read(shape, rendering)
    assert cell_values(result.report) == cell_values(report)
    assert result.report.template is report.template
    place_codes = {d.code for d in result.diagnostics if d.code.startswith(("R10", "R11"))}
    assert place_codes == set()
    assert result.document is not None
    # every cell read remembers the printed cell it came from
    assert set(result.provenance) == {spec.dotted for spec, _ in iter_cells(report)}
    if result.document.blocks and any(isinstance(b, Table) for b in result.document.blocks):
        for spec, cell in iter_cells(report):
            location = result.provenance[spec.dotted]
            if location.cell is None:
                continue
            printed = _cell_text(result.document, location)
            assert printed.replace(",", "").startswith(str(cell.value)), (spec.dotted, printed)


# --------------------------------------------------------------------------------------
# one printed cell changed in the neutral document of a rendering
# --------------------------------------------------------------------------------------

BASE = _read("2021", "html")
assert BASE.document is not None
DOCUMENT: Document = BASE.document
S3 = 2  # the section-三 table (table 2 of the HTML rendering); its row 4 is 一、本年新收…
NEW_ROW = 3  # the index of 一、本年新收… in that table
FEES = (1, 13)  # section 二's 行政事业性收费 row: table 1, row index 13


def _table(document: Document, number: int) -> Table:
    return next(b for b in document.blocks if isinstance(b, Table) and b.location.table == number)


def _edited(
    document: Document, number: int, index: int, row: Sequence[str | TextCell] | None
) -> Document:
    """*document* with row *index* of table *number* replaced by *row* (texts or cells; a
    text takes the location of the cell it replaces, or the next one along), or removed."""
    table = _table(document, number)
    old = table.rows[index]
    new: list[TextCell] = []
    for k, item in enumerate(row or []):
        if isinstance(item, TextCell):
            new.append(item)
            continue
        if k < len(old):
            new.append(attrs.evolve(old[k], text=item))
        else:
            location = attrs.evolve(old[-1].location, cell=k + 1)
            new.append(TextCell(text=item, location=location))
    rows = list(table.rows)
    if row is None:
        del rows[index]
    else:
        rows[index] = tuple(new)
    changed = attrs.evolve(table, rows=tuple(rows))
    blocks = tuple(changed if b is table else b for b in document.blocks)
    return attrs.evolve(document, blocks=blocks)


def _texts(number: int, index: int) -> list[str]:
    return [c.text for c in _table(DOCUMENT, number).rows[index]]


def _diagnostics(result: ParseResult, *codes: str) -> list[tuple[str, Severity, str, str | None]]:
    return [(d.code, d.severity, d.message, d.path) for d in result.diagnostics if d.code in codes]


def test_the_base_document_reads_every_cell() -> None:
    assert cell_values(build(DOCUMENT).report) == cell_values(SHAPES["2021"])


NEW = "一、本年新收政府信息公开申请数量"
WHERE = "r.html 表2 第4行"


def _new_row(result: ParseResult) -> list[tuple[str, object]]:
    return [(c.kind.value, c.value) for c in result.report.requests.new.cells]


def _at(result: ParseResult, dotted: str) -> tuple[int | None, int | None] | None:
    location = result.provenance.get(dotted)
    return None if location is None else (location.row, location.cell)


def test_odd_cells_are_read_for_what_they_are_with_their_diagnostics() -> None:
    row = _texts(S3, NEW_ROW)
    row[3:8] = ["", "—", "约百件", "22（其中修订16件）", "１２"]
    result = build(_edited(DOCUMENT, S3, NEW_ROW, row))
    new = result.report.requests.new
    assert new.natural_person == Cell.blank()
    assert new.commercial_enterprise == Cell.placeholder("—")
    assert new.research_institution.kind is CellKind.TEXT
    assert new.research_institution.raw == "约百件"
    assert new.public_interest_organization == Cell.of(22, raw="22（其中修订16件）")
    assert new.legal_service_institution == Cell.of(12, raw="１２")
    assert (new.other_organization, new.total) == (Cell.of(116), Cell.of(117))
    info, warning = Severity.INFO, Severity.WARNING
    assert _diagnostics(result, "R102", "R103", "R104", "R105") == [
        ("R102", info, f"“{NEW}/自然人”为空白（不是 0）", "requests.new.natural_person"),
        (
            "R103",
            info,
            f"“{NEW}/商业企业”：占位符“—”按空白处理",
            "requests.new.commercial_enterprise",
        ),
        (
            "R105",
            warning,
            f"“{NEW}/科研机构”：“约百件”不是数字",
            "requests.new.research_institution",
        ),
        (
            "R104",
            info,
            f"“{NEW}/社会公益组织”：“22（其中修订16件）”取开头的数字，其余作为备注",
            "requests.new.public_interest_organization",
        ),
    ]
    located = [
        str(d.location) for d in result.diagnostics if d.code in {"R102", "R103", "R104", "R105"}
    ]
    assert located == [f"{WHERE} 第{k}格 (文本第29行)" for k in (4, 5, 6, 7)]
    # every cell, odd or not, remembers where it was printed
    fields = [
        "natural_person",
        "commercial_enterprise",
        "research_institution",
        "public_interest_organization",
        "legal_service_institution",
        "total",
    ]
    assert [_at(result, f"requests.new.{f}") for f in fields] == [
        (4, 4),
        (4, 5),
        (4, 6),
        (4, 7),
        (4, 8),
        (4, 10),
    ]


def test_a_cell_the_reader_could_not_place_is_left_unread() -> None:
    old = _table(DOCUMENT, S3).rows[NEW_ROW]
    row: list[str | TextCell] = list(old)
    row[8] = attrs.evolve(old[8], unread=True, text="9\n 9")
    result = build(_edited(DOCUMENT, S3, NEW_ROW, row))
    new = result.report.requests.new
    assert new.other_organization.kind is CellKind.UNREAD
    assert new.legal_service_institution == Cell.of(115) and new.total == Cell.of(117)
    assert "requests.new.other_organization" not in result.provenance
    assert result.unread_locations["requests.new.other_organization"] == old[8].location
    assert _diagnostics(result, "R173") == [
        (
            "R173",
            Severity.WARNING,
            f"“{NEW}/其他”：所印的“9 9”无法确定是否属于这一格（与表格的列对不齐），未读取",
            "requests.new.other_organization",
        )
    ]
    assert [d.location for d in result.diagnostics if d.code == "R173"] == [old[8].location]


FEE = "第二十条第（八）项/行政事业性收费/本年收费金额（单位：万元）"


@pytest.mark.parametrize(
    ("printed", "cell", "diagnostics"),
    [
        ("12.5", Cell.of(Decimal("12.5"), unit=Unit.WAN_YUAN), []),
        ("3万元", Cell.of(Decimal(3), raw="3万元", unit=Unit.WAN_YUAN), []),
        (
            "5000元",
            Cell.of(Decimal(5000), raw="5000元", unit=Unit.YUAN),
            [("R106", Severity.WARNING, f"“{FEE}”印的单位是元，模板规定为万元；数值未换算")],
        ),
        (
            "7件",
            Cell.of(Decimal(7), raw="7件", unit=Unit.WAN_YUAN),
            [("R104", Severity.INFO, f"“{FEE}”：“7件”取开头的数字，其余作为备注")],
        ),
        ("—", Cell.placeholder("—"), [("R103", Severity.INFO, f"“{FEE}”：占位符“—”按空白处理")]),
        ("", Cell.blank(), [("R102", Severity.INFO, f"“{FEE}”为空白（不是 0）")]),
        ("约五万", None, [("R105", Severity.WARNING, f"“{FEE}”：“约五万”不是数字")]),
    ],
)
def test_money_takes_the_templates_unit_unless_it_prints_another(
    printed: str, cell: Cell | None, diagnostics: list[tuple[str, Severity, str]]
) -> None:
    row = _texts(*FEES)
    row[1] = printed
    result = build(_edited(DOCUMENT, *FEES, row))
    fees = result.report.proactive.fees.amount  # type: ignore[union-attr]
    if cell is None:
        assert (fees.kind, fees.raw, fees.unit) == (CellKind.TEXT, printed, None)
    else:
        assert fees == cell
    codes = ("R102", "R103", "R104", "R105", "R106")
    assert _diagnostics(result, *codes) == [(*d, "proactive.fees.amount") for d in diagnostics]
    assert [str(d.location) for d in result.diagnostics if d.code in codes] == [
        "r.html 表1 第14行 第2格 (文本第22行)"
    ] * len(diagnostics)
    assert _at(result, "proactive.fees.amount") == (14, 2)


def test_a_row_with_one_cell_too_many_is_left_missing() -> None:
    result = build(_edited(DOCUMENT, S3, NEW_ROW, [*_texts(S3, NEW_ROW), "999"]))
    assert _new_row(result) == [("unread", None)] * 7
    assert _diagnostics(result, "R111") == [
        (
            "R111",
            Severity.WARNING,
            f"“{NEW}”一行有8个单元格，模板只有7个，无法确定哪些是数值，整行按缺失处理",
            "requests.new",
        )
    ]
    assert [str(d.location) for d in result.diagnostics if d.code == "R111"] == [
        f"{WHERE} (文本第29行)"
    ]
    assert _at(result, "requests.new.total") is None
    # the rows around it are read as printed
    assert result.report.requests.carried_over.total == Cell.of(124)


def test_a_row_with_one_cell_too_few_is_left_missing() -> None:
    result = build(_edited(DOCUMENT, S3, NEW_ROW, _texts(S3, NEW_ROW)[:-1]))
    assert _new_row(result) == [("unread", None)] * 7
    columns = "自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他、总计"
    assert _diagnostics(result, "R110") == [
        (
            "R110",
            Severity.WARNING,
            f"“{NEW}”一行只有6个单元格，模板有7个（{columns}），无法确定缺少的是哪一格，"
            "整行按缺失处理",
            "requests.new",
        )
    ]
    assert [str(d.location) for d in result.diagnostics if d.code == "R110"] == [
        f"{WHERE} (文本第29行)"
    ]
    assert _at(result, "requests.new.natural_person") is None


def test_a_surplus_blank_cell_at_the_end_is_left_out() -> None:
    result = build(_edited(DOCUMENT, S3, NEW_ROW, [*_texts(S3, NEW_ROW), "", ""]))
    assert _new_row(result) == [("number", v) for v in range(111, 118)]
    assert _at(result, "requests.new.natural_person") == (4, 4)
    assert _at(result, "requests.new.total") == (4, 10)
    assert not _diagnostics(result, "R102", "R110", "R111")


def test_surplus_blank_cells_at_both_ends_stand_in_the_columns_of_the_other_rows() -> None:
    # a Markdown table cannot draw a merged label cell: an empty cell before the values,
    # and the row's own first and last values printed blank: the window is not certain
    # from the row alone, but the other rows of the table hold their values in cells 4–10
    row = _texts(S3, NEW_ROW)
    row[3:] = ["", "112", "113", "114", "115", "116", "", ""]
    result = build(_edited(DOCUMENT, S3, NEW_ROW, row))
    assert _new_row(result) == [
        ("blank", None),
        *(("number", v) for v in range(112, 117)),
        ("blank", None),
    ]
    assert _at(result, "requests.new.natural_person") == (4, 4)
    assert _at(result, "requests.new.total") == (4, 10)
    assert [d.path for d in result.diagnostics if d.code == "R102"] == [
        "requests.new.natural_person",
        "requests.new.total",
    ]
    assert not _diagnostics(result, "R110", "R111")


def test_surplus_cells_that_are_not_blank_outside_the_columns_are_not_guessed() -> None:
    row = _texts(S3, NEW_ROW)
    row[3:] = ["111", "112", "113", "114", "115", "116", "", "5"]
    result = build(_edited(DOCUMENT, S3, NEW_ROW, row))
    assert _new_row(result) == [("unread", None)] * 7
    assert [d.code for d in result.diagnostics if d.code.startswith("R1")] == ["R111"]


def test_a_surplus_blank_cell_inside_is_left_out_by_the_columns_of_the_rows_below() -> None:
    old = _table(DOCUMENT, S3).rows[NEW_ROW]
    stray = TextCell(text="", location=attrs.evolve(old[6].location, cell=11))
    result = build(_edited(DOCUMENT, S3, NEW_ROW, [*old[:6], stray, *old[6:]]))
    assert _new_row(result) == [("number", v) for v in range(111, 118)]
    assert _at(result, "requests.new.legal_service_institution") == (4, 8)
    assert not [d for d in result.diagnostics if d.code.startswith("R1")]


def test_a_surplus_cell_inside_that_is_not_blank_is_not_guessed() -> None:
    old = _table(DOCUMENT, S3).rows[NEW_ROW]
    stray = TextCell(text="3", location=attrs.evolve(old[6].location, cell=11))
    result = build(_edited(DOCUMENT, S3, NEW_ROW, [*old[:6], stray, *old[6:]]))
    assert _new_row(result) == [("unread", None)] * 7
    assert [d.code for d in result.diagnostics if d.code.startswith("R1")] == ["R111"]


@pytest.mark.parametrize(
    ("printed", "word"),
    [
        ("本年新收政府信息公开申请数量", "序号不同或缺序号"),
        ("一、本年新收政府信息公开申请", "只印了部分文字"),
        ("一、本年新收政府信息申请数量", "文字有出入"),
    ],
)
def test_a_loose_label_is_placed_and_said(printed: str, word: str) -> None:
    row = _texts(S3, NEW_ROW)
    row[0:3] = [printed] * 3
    result = build(_edited(DOCUMENT, S3, NEW_ROW, row))
    assert _new_row(result) == [("number", v) for v in range(111, 118)]
    assert _diagnostics(result, "R101") == [
        ("R101", Severity.INFO, f"行标签“{printed}”与“{NEW}”近似匹配（{word}）", "requests.new")
    ]
    assert [str(d.location) for d in result.diagnostics if d.code == "R101"] == [
        f"{WHERE} (文本第29行)"
    ]


def test_an_unlabelled_row_placed_by_order_says_so() -> None:
    row = _texts(S3, NEW_ROW + 1)
    row[0:3] = ["", "", ""]
    result = build(_edited(DOCUMENT, S3, NEW_ROW + 1, row))
    carried = result.report.requests.carried_over
    assert [c.value for c in carried.cells] == list(range(118, 125))
    assert _diagnostics(result, "R113") == [
        (
            "R113",
            Severity.INFO,
            f"该行没有标签，位于“{NEW}”与“（一）予以公开”之间，按顺序对应为"
            "“二、上年结转政府信息公开申请数量”",
            "requests.carried_over",
        )
    ]
    assert [str(d.location) for d in result.diagnostics if d.code == "R113"] == [
        "r.html 表2 第5行 (文本第30行)"
    ]
    assert not _diagnostics(result, "R101")


def _shifted(number: int, index: int, texts: list[str]) -> list[str | TextCell]:
    """Row *index* of table *number* with its label cells, then *texts* in cells 4, 5, …"""
    old = _table(DOCUMENT, number).rows[index]
    out: list[str | TextCell] = list(old[:3])
    for k, text in enumerate(texts):
        location = attrs.evolve(old[0].location, cell=4 + k)
        out.append(TextCell(text=text, location=location))
    return out


def test_blank_ends_stand_in_the_columns_most_rows_of_the_table_agree_on() -> None:
    # 一、本年新收…: its first and last values printed blank and two empty cells after them
    # (cells 4–11); 二、上年结转…: a stray number in cell 11 (so the columns the numbers
    # stand in are eight, and the header rows name none of them); （一）予以公开: one empty
    # cell before its values (cells 5–11, a window certain from the row alone).  The rows
    # whose window is certain agree on cells 4–10 by far: 一's values are read there.
    document = _edited(
        DOCUMENT, S3, NEW_ROW, _shifted(S3, NEW_ROW, ["", *map(str, range(112, 117)), "", ""])
    )
    document = _edited(document, S3, NEW_ROW + 1, [*_texts(S3, NEW_ROW + 1), "9"])
    disclosed = _texts(S3, NEW_ROW + 2)
    document = _edited(document, S3, NEW_ROW + 2, [*disclosed[:3], "", *disclosed[3:]])
    result = build(document)
    assert _new_row(result) == [
        ("blank", None),
        *(("number", v) for v in range(112, 117)),
        ("blank", None),
    ]
    assert _at(result, "requests.new.commercial_enterprise") == (4, 5)
    assert _at(result, "requests.new.total") == (4, 10)
    disclosed_cells = result.report.requests.outcomes.disclosed.cells
    assert [c.value for c in disclosed_cells] == list(range(125, 132))
    assert _at(result, "requests.outcomes.disclosed.natural_person") == (6, 5)
    assert all(c.kind is CellKind.UNREAD for c in result.report.requests.carried_over.cells)
    assert [d.path for d in result.diagnostics if d.code in {"R110", "R111"}] == [
        "requests.carried_over"
    ]


@pytest.mark.parametrize("unknown_row", [False, True])
def test_blank_ends_are_not_placed_when_the_rows_do_not_agree_by_more_than_half(
    unknown_row: bool,
) -> None:
    # the same, but every other row of the table is printed one cell to the right: half the
    # rows whose window is certain hold their values in cells 4–10, half in cells 5–11
    document = _edited(
        DOCUMENT, S3, NEW_ROW, _shifted(S3, NEW_ROW, ["", *map(str, range(112, 117)), "", ""])
    )
    document = _edited(document, S3, NEW_ROW + 1, [*_texts(S3, NEW_ROW + 1), "9"])
    table = _table(document, S3)
    last = len(table.rows) - 1  # 四、结转下年度继续办理: a stray number too
    document = _edited(document, S3, last, [*_texts(S3, last), "9"])
    anchors = list(range(NEW_ROW + 2, last))
    assert len(anchors) == 22
    for k in anchors[: len(anchors) // 2]:
        row = _texts(S3, k)
        document = _edited(document, S3, k, [*row[:3], "", *row[3:]])
    if unknown_row:
        # a row whose label is no row of the template, its values certain in cells 4–10:
        # it is not read, and does not count among the rows the columns are taken from
        table = _table(document, S3)
        old = _table(DOCUMENT, S3).rows[last]
        extra = tuple(
            attrs.evolve(c, text="补充统计" if k < 3 else str(k), location=c.location)
            for k, c in enumerate(old)
        )
        blocks = tuple(
            attrs.evolve(b, rows=(*b.rows, extra)) if b is table else b for b in document.blocks
        )
        document = attrs.evolve(document, blocks=blocks)
    result = build(document)
    assert _new_row(result) == [("unread", None)] * 7
    assert [d.path for d in result.diagnostics if d.code == "R111"] == [
        "requests.new",
        "requests.carried_over",
        "requests.carried_forward",
    ]
    assert len([d for d in result.diagnostics if d.code == "R115"]) == int(unknown_row)
    # the shifted rows are read from their own window
    assert [c.value for c in result.report.requests.outcomes.disclosed.cells] == list(
        range(125, 132)
    )


def test_the_columns_of_one_table_are_not_those_of_another() -> None:
    # section 二's 规章 row (three values) and section 三's 一、本年新收… (seven), each with
    # blank ends whose window is not certain from the row alone
    document = _edited(
        DOCUMENT, S3, NEW_ROW, _shifted(S3, NEW_ROW, ["", *map(str, range(112, 117)), "", ""])
    )
    document = _edited(document, S3, NEW_ROW + 1, [*_texts(S3, NEW_ROW + 1), "9"])
    rules = _table(DOCUMENT, 1).rows[2]
    more = [TextCell(text="", location=attrs.evolve(rules[0].location, cell=k)) for k in (5, 6)]
    document = _edited(
        document, 1, 2, [rules[0], attrs.evolve(rules[1], text=""), *rules[2:], *more]
    )
    result = build(document)
    cells = cell_values(result.report)
    regulations = [v[:2] for k, v in cells.items() if k.startswith("proactive.regulations.")]
    assert regulations == [(CellKind.BLANK, None), (CellKind.NUMBER, 102), (CellKind.NUMBER, 103)]
    assert _at(result, "proactive.regulations.repealed") == (3, 3)
    assert [c.value for c in result.report.requests.new.cells][1:6] == list(range(112, 117))


def _split(document: Document, at: int) -> Document:
    """*document* with the section-三 table split before row *at* into two tables, the
    second (table 9) printed with an empty cell before its values (cells 4–11 → 5–12)."""
    table = _table(document, S3)
    second = []
    for row in table.rows[at:]:
        moved = [
            attrs.evolve(c, location=attrs.evolve(c.location, table=9, cell=k + 1 + (k >= 3)))
            for k, c in enumerate(row)
        ]
        empty = TextCell(text="", location=attrs.evolve(row[0].location, table=9, cell=4))
        second.append((*moved[:3], empty, *moved[3:]))
    first = attrs.evolve(table, rows=table.rows[:at])
    rest = Table(rows=tuple(second), location=attrs.evolve(table.location, table=9))
    blocks: list[Paragraph | Table] = []
    for block in document.blocks:
        blocks.extend((first, rest) if block is table else (block,))
    return attrs.evolve(document, blocks=tuple(blocks))


def test_each_table_of_a_split_section_has_its_own_columns() -> None:
    # section 三 split over two tables (a page break), the second printed one cell to the
    # right; in each, one row with blank ends whose window only the other rows tell
    document = _edited(
        DOCUMENT, S3, NEW_ROW, _shifted(S3, NEW_ROW, ["", *map(str, range(112, 117)), "", ""])
    )
    document = _edited(document, S3, NEW_ROW + 1, [*_texts(S3, NEW_ROW + 1), "9"])
    withheld = _texts(S3, 7)  # 1.属于国家秘密: 139–145
    document = _edited(document, S3, 7, [*withheld[:3], "", *withheld[4:9], "", ""])
    document = _split(document, 6)
    result = build(document)
    secret = result.report.requests.outcomes.withheld.state_secret
    assert [(c.kind.value, c.value) for c in secret.cells] == [
        ("blank", None),
        *(("number", v) for v in range(140, 145)),
        ("blank", None),
    ]
    location = result.provenance["requests.outcomes.withheld.state_secret.commercial_enterprise"]
    assert (location.table, location.row, location.cell) == (9, 8, 6)
    assert [c.value for c in result.report.requests.new.cells][1:6] == list(range(112, 117))
    assert _at(result, "requests.new.commercial_enterprise") == (4, 5)
    expected = cell_values(SHAPES["2021"])
    assert (
        cell_values(result.report)["requests.carried_forward.total"]
        == (expected["requests.carried_forward.total"])
    )


def test_a_cell_left_unread_is_named_by_the_templates_own_labels() -> None:
    # 2019 and 2021 name the decisions column of 行政许可 differently
    result = _read("2019", "html")
    assert result.document is not None
    old = _table(result.document, 1).rows[6]
    row: list[str | TextCell] = [*old[:3], attrs.evolve(old[3], unread=True)]
    read_again = build(_edited(result.document, 1, 6, row))
    (r173,) = [d for d in read_again.diagnostics if d.code == "R173"]
    assert r173.path == "proactive.licensing.decisions"
    assert r173.labels == ("二", "第二十条第（五）项", "行政许可", "处理决定数量")
    assert r173.message == (
        "“第二十条第（五）项/行政许可/处理决定数量”：所印的“709”无法确定是否属于这一格"
        "（与表格的列对不齐），未读取"
    )


BASE_2019 = _read("2019", "html")
assert BASE_2019.document is not None
DOCUMENT_2019: Document = BASE_2019.document
LICENSING_2019 = ("二", "第二十条第（五）项", "行政许可", "处理决定数量")


@pytest.mark.parametrize(
    ("printed", "code"),
    [("", "R102"), ("—", "R103"), ("22（其中修订16件）", "R104"), ("约百件", "R105")],
)
def test_the_diagnostics_of_a_cell_name_it_by_the_templates_own_labels(
    printed: str, code: str
) -> None:
    # 2019 and 2021 name the decisions column of 行政许可 differently
    row = [c.text for c in _table(DOCUMENT_2019, 1).rows[6]]
    row[3] = printed
    result = build(_edited(DOCUMENT_2019, 1, 6, row))
    (found,) = [d for d in result.diagnostics if d.code == code]
    assert (found.path, found.labels) == ("proactive.licensing.decisions", LICENSING_2019)


NORMATIVE_2019 = ("二", "第二十条第（一）项", "规范性文件")


@pytest.mark.parametrize(
    ("cells", "code"),
    [(["规范性文件", "704", "705", "706", "9"], "R111"), (["规范性文件", "704", "705"], "R110")],
)
def test_a_row_left_missing_is_named_by_the_templates_own_labels(
    cells: list[str], code: str
) -> None:
    result = build(_edited(DOCUMENT_2019, 1, 3, cells))
    (found,) = [d for d in result.diagnostics if d.code == code]
    assert (found.path, found.labels) == ("proactive.normative_documents", NORMATIVE_2019)


def test_a_loose_label_is_named_by_the_templates_own_labels() -> None:
    result = build(_edited(DOCUMENT_2019, 1, 3, ["规范文件", "704", "705", "706"]))
    (found,) = [d for d in result.diagnostics if d.code == "R101"]
    assert (found.path, found.labels) == ("proactive.normative_documents", NORMATIVE_2019)
    assert found.message == "行标签“规范文件”与“规范性文件”近似匹配（文字有出入）"


def test_the_message_of_a_row_left_missing_names_its_labels_joined() -> None:
    disclosed = [*_texts(S3, NEW_ROW + 2), "9"]
    result = build(_edited(DOCUMENT, S3, NEW_ROW + 2, disclosed))
    (found,) = [d for d in result.diagnostics if d.code == "R111"]
    assert found.message == (
        "“三、本年度办理结果/（一）予以公开”一行有8个单元格，模板只有7个，"
        "无法确定哪些是数值，整行按缺失处理"
    )


# --------------------------------------------------------------------------------------
# a hand-made section-三 table whose header row names the value columns
# --------------------------------------------------------------------------------------

COLUMNS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]


def _grid(rows: list[list[str]]) -> Document:
    cells = tuple(
        tuple(
            TextCell(
                text=text, location=SourceLocation(file="t.txt", table=1, row=r + 1, cell=c + 1)
            )
            for c, text in enumerate(row)
        )
        for r, row in enumerate(rows)
    )
    table = Table(rows=cells, location=SourceLocation(file="t.txt", table=1))
    heading = Paragraph(
        text="三、收到和处理政府信息公开申请情况", location=SourceLocation(file="t.txt")
    )
    return Document(source="t.txt", format="text", blocks=(heading, table))


def _s3_rows(gap: bool) -> list[list[str]]:
    """The section-三 rows of the 2021 template, numbered from 1 per row; with *gap*, an
    empty cell printed after each row's first value (a column a text rendering split)."""
    specs = [s for s in row_specs(Template.V2021, other_single=False) if s.section == "三"]
    out = []
    for k, spec in enumerate(specs):
        values = [str(10 * k + c) for c in range(1, 8)]
        out.append([spec.row[-1], values[0], *([""] if gap else []), *values[1:]])
    return out


def test_surplus_blank_cells_inside_are_left_out_by_the_columns_the_header_names() -> None:
    # the header row too has an empty cell where the rows do: the named columns are 2, 4–9;
    # one row prints a number in that gap, so the columns where the rows print numbers are
    # eight and only the header tells the others' seven (its words match no row label here)
    names = [*COLUMNS[:5], "其它", "总数"]
    header = ["申请人情况", names[0], "", *names[1:]]
    rows = _s3_rows(gap=True)
    rows[1][2] = "9"
    result = build(_grid([header, *rows]))
    assert [c.value for c in result.report.requests.new.cells] == list(range(1, 8))
    assert [c.value for c in result.report.requests.outcomes.disclosed.cells] == list(range(21, 28))
    location = result.provenance["requests.new.commercial_enterprise"]
    assert (location.row, location.cell) == (2, 4)
    assert all(c.kind is CellKind.UNREAD for c in result.report.requests.carried_over.cells)
    assert [d.path for d in result.diagnostics if d.code in {"R110", "R111"}] == [
        "requests.carried_over"
    ]


def test_without_gaps_the_hand_made_table_reads_the_same() -> None:
    result = build(_grid([["", *COLUMNS], *_s3_rows(gap=False)]))
    assert [c.value for c in result.report.requests.new.cells] == list(range(1, 8))
    location = result.provenance["requests.new.commercial_enterprise"]
    assert (location.row, location.cell) == (2, 3)


def test_when_the_header_names_too_many_columns_the_numbers_below_it_decide() -> None:
    # the header names eight columns for seven values; the rows under it print their numbers
    # in columns 2, 4–9 and leave column 3 blank throughout
    header = ["", COLUMNS[0], "法人或其他组织", *COLUMNS[1:]]
    result = build(_grid([header, *_s3_rows(gap=True)]))
    assert [c.value for c in result.report.requests.new.cells] == list(range(1, 8))
    location = result.provenance["requests.new.commercial_enterprise"]
    assert (location.row, location.cell) == (2, 4)


def test_a_number_in_the_gap_of_a_row_leaves_it_missing() -> None:
    header = ["", COLUMNS[0], "", *COLUMNS[1:]]
    rows = _s3_rows(gap=True)
    rows[0][2] = "9"
    result = build(_grid([header, *rows]))
    assert all(c.kind is CellKind.UNREAD for c in result.report.requests.new.cells)
    # the number in column 3 also makes the columns under the header eight: no row of the
    # table can say which seven are its values (the header's gap is not enough alone)
    assert all(c.kind is CellKind.UNREAD for c in result.report.requests.carried_over.cells)
    assert "requests.new" in [d.path for d in result.diagnostics if d.code == "R111"]


@pytest.mark.parametrize("gap_first", [True, False])
def test_each_part_of_a_table_split_by_a_repeated_header_has_its_own_columns(
    gap_first: bool,
) -> None:
    # the table continues under a repeated header (a page break): one part prints an empty
    # cell after each row's first value, the other does not.  The header names seven
    # columns without the gap, so the gapped part's columns come from the numbers under
    # its own header only — the other part's numbers stand in column 3
    header = ["申请人情况", *COLUMNS[:5], "其它", "总数"]
    gapped, plain = _s3_rows(gap=True), _s3_rows(gap=False)
    if gap_first:
        rows = [header, *gapped[:8], header, *plain[8:]]
    else:
        rows = [header, *plain[:8], header, *gapped[8:]]
    result = build(_grid(rows))
    specs = [s for s in row_specs(Template.V2021, other_single=False) if s.section == "三"]
    cells = dict(cell_values(result.report))
    for k, spec in enumerate(specs):
        got = [cells[c.dotted][1] for c in spec.cells]
        assert got == [10 * k + c for c in range(1, 8)], spec.path
    assert not [d for d in result.diagnostics if d.code in {"R110", "R111"}]
    gapped_row = 2 if gap_first else 2 + 9  # the first row of the gapped part
    location = result.provenance[specs[0 if gap_first else 8].cells[1].dotted]
    assert (location.row, location.cell) == (gapped_row, 4)


def test_the_numbers_of_unlabelled_rows_count_among_the_columns_below_the_header() -> None:
    # the header names eight columns; an unlabelled row prints a number in the gap column:
    # which seven cells are the values of the gapped rows is not certain
    header = ["", COLUMNS[0], "法人或其他组织", *COLUMNS[1:]]
    rows = _s3_rows(gap=True)
    rows[1] = ["", "11", "9", *map(str, range(12, 18))]
    result = build(_grid([header, *rows]))
    assert all(c.kind is CellKind.UNREAD for c in result.report.requests.new.cells)


def test_placeholders_count_among_the_columns_below_the_header() -> None:
    # the 总计 column holds only placeholders: it is still one of the value columns
    header = ["", COLUMNS[0], "法人或其他组织", *COLUMNS[1:]]
    rows = [[*row[:-1], "/"] for row in _s3_rows(gap=True)]
    result = build(_grid([header, *rows]))
    new = result.report.requests.new
    assert [c.value for c in new.cells[:-1]] == list(range(1, 7))
    assert new.total == Cell.placeholder("/")


def test_cells_without_a_column_number_are_not_guessed_into_columns() -> None:
    # a reader that numbers no cell: the rows with a surplus cell are left missing, and the
    # rows of exactly seven values read
    header = ["申请人情况", COLUMNS[0], "", *COLUMNS[1:5], "其它", "总数"]
    rows = _s3_rows(gap=True)
    rows[1] = _s3_rows(gap=False)[1]
    document = _grid([header, *rows])
    table = next(b for b in document.blocks if isinstance(b, Table))
    unnumbered = tuple(
        tuple(attrs.evolve(c, location=attrs.evolve(c.location, cell=None)) for c in row)
        for row in table.rows
    )
    blocks = tuple(attrs.evolve(b, rows=unnumbered) if b is table else b for b in document.blocks)
    result = build(attrs.evolve(document, blocks=blocks))
    assert all(c.kind is CellKind.UNREAD for c in result.report.requests.new.cells)
    assert [c.value for c in result.report.requests.carried_over.cells] == list(range(11, 18))
    assert "requests.new" in [d.path for d in result.diagnostics if d.code == "R111"]


# --------------------------------------------------------------------------------------
# the helpers, one by one
# --------------------------------------------------------------------------------------


def _cells(*texts: str) -> list[TextCell]:
    return [
        TextCell(text=t, location=SourceLocation(file="t", table=1, row=1, cell=k + 1))
        for k, t in enumerate(texts)
    ]


@pytest.mark.parametrize(
    ("texts", "n", "kept"),
    [
        (("1", "2"), 2, ("1", "2")),
        (("", "1", "2"), 2, ("1", "2")),
        (("1", "2", ""), 2, ("1", "2")),
        (("", "1", "2", "", ""), 2, ("1", "2")),
        (("", "", ""), 2, ("", "")),  # all blank: any window reads the same
        (("1", "2", "3"), 2, None),  # a surplus number
        (("", "1", ""), 2, None),  # which blank belongs to the row is not certain
        (("", "1", "", ""), 3, None),
        (("1", "", "2"), 2, None),  # a blank inside
        (("1",), 2, None),  # too few
        (("", "1", "", "2", ""), 3, ("1", "", "2")),
        (("", "", "1"), 1, ("1",)),
        (("1", "", ""), 1, ("1",)),
        (("", "0", "0", ""), 3, None),  # two windows that read differently
    ],
)
def test_trim_keeps_the_one_certain_window(
    texts: tuple[str, ...], n: int, kept: tuple[str, ...] | None
) -> None:
    cells = _cells(*texts)
    trimmed = trim(cells, n)
    if kept is None:
        assert trimmed is None
    else:
        assert trimmed is not None and tuple(c.text for c in trimmed) == kept
        assert len(trimmed) == n
        # the window is the cells themselves, in order and contiguous
        first = cells.index(trimmed[0])
        assert trimmed == cells[first : first + n]


def test_trim_takes_the_first_of_windows_that_read_the_same() -> None:
    cells = _cells("", "", "", "")
    assert trim(cells, 3) == cells[0:3]
    cells = _cells("", "", "5", "", "")
    assert trim(cells, 3) is None


_TABLE = Table(rows=(), location=SourceLocation(file="t", table=1))


def _row(*texts: str, kind: str = "values") -> Row:
    cells = tuple(_cells(*texts))
    return Row(position=0, table=_TABLE, index=0, cells=cells, kind=kind, values=cells)


def _texts_of(row: Row | None) -> tuple[str, ...] | None:
    return None if row is None else tuple(c.text for c in row.values)


@pytest.mark.parametrize(
    ("texts", "width", "kept"),
    [
        (("1", "2", "3"), 3, ("1", "2", "3")),
        (("", "", ""), 3, ("", "", "")),  # a blank row of exactly the width
        (("", "", "", ""), 3, None),  # a spacer row
        (("1", "2"), 3, None),
        (("", "1", "2", "3"), 3, ("1", "2", "3")),
        (("1", "2", "3", ""), 3, ("1", "2", "3")),
        (("1", "2", "3", "4"), 3, None),
        (("", "1", ""), 2, None),
    ],
)
def test_as_filler(texts: tuple[str, ...], width: int, kept: tuple[str, ...] | None) -> None:
    row = _row(*texts)
    filler = as_filler(row, width)
    assert _texts_of(filler) == kept
    if kept is not None and len(texts) == width:
        assert filler is row


@pytest.mark.parametrize(
    ("texts", "most", "kept"),
    [
        (("1", "2"), 2, ("1", "2")),
        (("1",), 2, ("1",)),
        (("1", "2", ""), 2, ("1", "2")),
        (("", "1", "2"), 2, ("1", "2")),
        (("1", "2", "3"), 2, ("1", "2", "3")),  # not certain: left as printed
        (("", "1", ""), 2, ("", "1", "")),
    ],
)
def test_blank_ends_off(texts: tuple[str, ...], most: int, kept: tuple[str, ...]) -> None:
    row = _row(*texts)
    out = blank_ends_off(row, most)
    assert _texts_of(out) == kept
    if kept == texts:
        assert out is row


_NEW_SPEC = next(
    s for s in row_specs(Template.V2021, other_single=False) if s.path == ("requests", "new")
)


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        ((), False),
        (("",), False),  # 其他 followed by one empty cell: a header, not a row of values
        (("", "", ""), False),
        (("",) * 7, True),  # a row printed all blank
        (("",) * 8, True),
        (("", "3"), True),
        (("—",), True),
        (("见附件",), False),
        (("", "见附件", ""), False),
    ],
)
def test_plausible(texts: tuple[str, ...], expected: bool) -> None:
    assert isinstance(_NEW_SPEC, RowSpec) and len(_NEW_SPEC.cells) == 7
    assert plausible(_row(*texts), _NEW_SPEC) is expected
