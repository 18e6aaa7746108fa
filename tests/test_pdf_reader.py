"""The PDF reader on PDFs written by hand: ruled tables, page breaks, quirks, hostile files."""

from __future__ import annotations

import sys
from collections.abc import Sequence

import pytest

from .hypothesis_profiles import examples

pytest.importorskip("pdfplumber", reason="the PDF reader needs the optional extra zfxxgk[pdf]")

from zfxxgk.errors import (
    DocumentError,
    MissingDependencyError,
    UnreadableDocumentError,
)
from zfxxgk.readers import detect_format, read_document
from zfxxgk.readers import pdf as pdf_reader
from zfxxgk.readers.document import Document, Paragraph, Table

from .fixtures_office.pdf_build import Page, make_pdf

LEFT = 72.0


def draw_table(
    page: Page,
    top: float,
    widths: Sequence[float],
    rows: Sequence[Sequence[str]],
    *,
    skip_h: set[tuple[int, int]] | None = None,
    skip_v: set[tuple[int, int]] | None = None,
    row_h: float = 20.0,
    size: float = 9.0,
) -> tuple[list[float], list[float]]:
    """Rule a grid and write each non-empty text at the top left of its cell.

    ``skip_h`` holds (line, column) pairs whose horizontal rule is not drawn (a vertical
    merge); ``skip_v`` (row, line) pairs whose vertical rule is not drawn (a horizontal
    merge).  A text containing "\\n" is written one line below the other.
    """
    xs = [LEFT]
    for w in widths:
        xs.append(xs[-1] + w)
    ys = [top + i * row_h for i in range(len(rows) + 1)]
    page.grid(xs, ys, skip_h=skip_h or set(), skip_v=skip_v or set())
    for i, row in enumerate(rows):
        for j, text in enumerate(row):
            for k, line in enumerate(text.split("\n")):
                if line:
                    page.text(xs[j] + 2, ys[i] + 3 + k * (size + 1), line, size)
    return xs, ys


def read(pages: list[Page], name: str = "report.pdf", **kwargs: object) -> Document:
    return pdf_reader.read(make_pdf(pages, **kwargs), source=name)  # type: ignore[arg-type]


def tables(doc: Document) -> list[Table]:
    return list(doc.tables())


def texts(table: Table) -> list[list[str]]:
    return [[c.text for c in row] for row in table.rows]


def spans(table: Table) -> list[list[bool]]:
    return [[c.spanned for c in row] for row in table.rows]


# -- one page -------------------------------------------------------------------------------


def test_sniff_and_detect_format() -> None:
    data = make_pdf([Page().text(LEFT, 100, "一、总体情况")])
    assert pdf_reader.sniff(data, None)
    assert not pdf_reader.sniff(b"PK\x03\x04", None)
    assert detect_format(data, "x.pdf") == "pdf"
    assert read_document(data, name="x.pdf").format == "pdf"


def test_paragraph_lines_tables_and_order() -> None:
    page = Page()
    page.text(LEFT, 60, "二、主动公开政府信息情况", 12)
    draw_table(
        page,
        100,
        [120, 100, 100, 100],
        [
            ["第二十条第（一）项", "", "", ""],
            ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
            ["规章", "0", "0", "3"],
            ["行政规范性文件", "12", "", "40"],
        ],
        skip_v={(0, 1), (0, 2), (0, 3)},
    )
    page.text(LEFT, 200, "三、收到和处理政府信息公开申请情况", 12)
    doc = read([page])
    kinds = [type(b).__name__ for b in doc.blocks]
    assert kinds == ["Paragraph", "Table", "Paragraph"]
    (table,) = tables(doc)
    assert texts(table) == [
        ["第二十条第（一）项"] * 4,
        ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
        ["规章", "0", "0", "3"],
        ["行政规范性文件", "12", "", "40"],
    ]
    assert spans(table)[0] == [False, True, True, True]
    assert not any(spans(table)[3])
    cell = table.rows[3][3].location
    assert (cell.file, cell.page, cell.table, cell.row, cell.cell) == ("report.pdf", 1, 1, 4, 4)


def test_vertical_label_one_char_per_line_and_row_merge() -> None:
    page = Page()
    draw_table(
        page,
        100,
        [30, 140, 60],
        [
            ["三\n、\n本\n年\n度", "（一）予以公开", "5"],
            ["", "（二）部分公开", "1"],
            ["", "（七）总计", "6"],
        ],
        skip_h={(1, 0), (2, 0)},
        row_h=30,
    )
    (table,) = tables(read([page]))
    assert [row[0].text for row in table.rows] == ["三\n、\n本\n年\n度"] * 3
    assert [row[0].spanned for row in table.rows] == [False, True, True]
    assert [row[2].text for row in table.rows] == ["5", "1", "6"]


def test_number_printed_as_two_is_joined_in_a_cell() -> None:
    page = Page()
    draw_table(page, 100, [100, 80], [["行政许可", ""], ["行政处罚", ""]])
    page.text(LEFT + 102, 103, "2").text(LEFT + 102 + 14, 103, "0")  # 4 pt apart: one number
    page.text(LEFT + 102, 123, "5").text(LEFT + 102 + 40, 123, "7")  # far apart: two
    (table,) = tables(read([page]))
    assert texts(table) == [["行政许可", "20"], ["行政处罚", "5 7"]]


def test_kangxi_radicals_fold_but_fullwidth_punctuation_stays() -> None:
    page = Page().text(LEFT, 100, "⼀、总体情况（⼈⺠）")
    (para,) = read([page]).paragraphs()
    assert para.text == "一、总体情况（人民）"


def test_page_numbers_are_dropped() -> None:
    page = Page().text(LEFT, 100, "正文").text(280, 800, "- 3 -").text(280, 60, "第 3 页")
    assert [p.text for p in read([page]).paragraphs()] == ["正文"]


def test_bare_number_line_in_the_body_is_kept() -> None:
    page = Page().text(LEFT, 400, "2024").text(290, 815, "7")
    assert [p.text for p in read([page]).paragraphs()] == ["2024"]


def test_row_whose_last_cell_was_not_drawn_still_reads() -> None:
    page = Page()
    xs, ys = draw_table(page, 100, [100, 60, 60], [["a", "1", "2"], ["b", "3", "4"]])
    # erase nothing, but add a third row whose last cell has no right or bottom rule
    page.line(xs[0], ys[-1] + 20, xs[2], ys[-1] + 20)
    page.line(xs[0], ys[-1], xs[0], ys[-1] + 20)
    page.line(xs[1], ys[-1], xs[1], ys[-1] + 20)
    page.line(xs[2], ys[-1], xs[2], ys[-1] + 20)
    page.text(xs[0] + 2, ys[-1] + 3, "c", 9).text(xs[1] + 2, ys[-1] + 3, "5", 9)
    page.text(xs[2] + 2, ys[-1] + 3, "6", 9)
    (table,) = tables(read([page]))
    assert texts(table)[-1] == ["c", "5", "6"]


def test_white_background_boxes_are_not_tables() -> None:
    page = Page()
    for i, line in enumerate(["本报告根据《条例》编制。", "一、总体情况", "全年主动公开信息。"]):
        top = 100 + i * 27
        page.rect(LEFT, top, 520, top + 27, stroke=False, fill=(1, 1, 1))
        page.text(LEFT, top + 8, line, 10)
    doc = read([page])
    assert not tables(doc)
    assert [p.text for p in doc.paragraphs()] == [
        "本报告根据《条例》编制。",
        "一、总体情况",
        "全年主动公开信息。",
    ]


def test_rules_drawn_as_thin_filled_bars_make_a_table() -> None:
    page = Page()
    xs, ys = [LEFT, 172.0, 232.0], [100.0, 120.0, 140.0]
    for y in ys:
        page.rect(xs[0], y - 0.25, xs[-1], y + 0.25, stroke=False, fill=(0, 0, 0))
    for x in xs:
        page.rect(x - 0.25, ys[0], x + 0.25, ys[-1], stroke=False, fill=(0, 0, 0))
    page.text(LEFT + 2, 103, "规章").text(174, 103, "1").text(LEFT + 2, 123, "行政许可").text(
        174, 123, "9"
    )
    (table,) = tables(read([page]))
    assert texts(table) == [["规章", "1"], ["行政许可", "9"]]


def test_document_info_title_becomes_metadata() -> None:
    doc = read([Page().text(LEFT, 100, "x")], title="某区2024年政府信息公开工作年度报告")
    assert doc.metadata["title"] == "某区2024年政府信息公开工作年度报告"
    assert doc.metadata["pages"] == "1"


# -- across pages ---------------------------------------------------------------------------

WIDTHS = [30.0, 70.0, 130.0, 50.0, 50.0]


def _two_pages(
    rows1: list[list[str]],
    rows2: list[list[str]],
    *,
    first: dict[str, set[tuple[int, int]]] | None = None,
    second: dict[str, set[tuple[int, int]]] | None = None,
) -> Document:
    """A table of *rows1* at the foot of page 1 (then a page number), *rows2* on top of page 2."""
    p1, p2 = Page(), Page()
    first, second = first or {}, second or {}
    draw_table(
        p1, 600, WIDTHS, rows1, row_h=30, skip_h=first.get("skip_h"), skip_v=first.get("skip_v")
    )
    p1.text(280, 800, "- 1 -")
    draw_table(
        p2, 72, WIDTHS, rows2, row_h=30, skip_h=second.get("skip_h"), skip_v=second.get("skip_v")
    )
    p2.text(LEFT, 300, "四、政府信息公开行政复议、行政诉讼情况", 12)
    return read([p1, p2])


def test_table_continued_on_next_page_is_one_table() -> None:
    doc = _two_pages(
        [["三", "（三）不予", "1.属于国家秘密", "1", "1"], ["", "", "2.其他法律", "0", "0"]],
        [["", "（四）无法", "1.本机关不掌握", "3", "3"], ["", "", "2.没有现成信息", "2", "2"]],
        first={"skip_h": {(1, 0), (1, 1)}},
        second={"skip_h": {(1, 0), (1, 1)}},
    )
    (table,) = tables(doc)
    assert len(table.rows) == 4
    # the group label of page 1 continues down: the empty cell on page 2 was its continuation
    assert [row[0].text for row in table.rows] == ["三"] * 4
    assert [row[0].spanned for row in table.rows] == [False, True, True, True]
    # a new group on page 2 starts a new cell
    assert [row[1].text for row in table.rows] == [
        "（三）不予",
        "（三）不予",
        "（四）无法",
        "（四）无法",
    ]
    assert [c.location.page for c in (table.rows[0][3], table.rows[3][3])] == [1, 2]
    assert [p.text for p in doc.paragraphs()] == ["四、政府信息公开行政复议、行政诉讼情况"]


def test_group_label_cut_by_the_page_break_is_joined() -> None:
    doc = _two_pages(
        [
            ["三", "（三）不予", "8.属于行政查询", "1", "1"],
            ["", "（四）无", "1.本机关不掌握", "0", "0"],
        ],
        [["", "法提供", "2.没有现成信息", "2", "2"], ["", "", "3.补正后", "0", "0"]],
        first={"skip_h": {(1, 0)}},
        second={"skip_h": {(1, 0), (1, 1)}},
    )
    (table,) = tables(doc)
    assert [row[1].text for row in table.rows] == [
        "（三）不予",
        "（四）无\n法提供",
        "（四）无\n法提供",
        "（四）无\n法提供",
    ]
    assert [row[1].spanned for row in table.rows] == [False, False, True, True]


def test_row_cut_by_the_page_break_is_one_row() -> None:
    doc = _two_pages(
        [["一", "", "本年新收", "3", "3"], ["二", "", "上年结转申请数", "0", "0"]],
        [["", "", "量", "", ""], ["四", "", "结转下年度", "1", "1"]],
    )
    (table,) = tables(doc)
    assert texts(table) == [
        ["一", "", "本年新收", "3", "3"],
        ["二", "", "上年结转申请数\n量", "0", "0"],
        ["四", "", "结转下年度", "1", "1"],
    ]


def test_new_enumerated_row_after_the_break_is_not_glued() -> None:
    doc = _two_pages(
        [["", "", "1.信访举报", "1", "1"], ["", "", "2.重复申请", "0", "0"]],
        [["", "", "3.要求提供", "", ""], ["", "", "4.无正当理由", "0", "0"]],
    )
    (table,) = tables(doc)
    assert [row[2].text for row in table.rows] == [
        "1.信访举报",
        "2.重复申请",
        "3.要求提供",
        "4.无正当理由",
    ]


def test_tables_separated_by_a_heading_stay_apart() -> None:
    p1, p2 = Page(), Page()
    draw_table(p1, 600, WIDTHS, [["a", "", "b", "1", "1"]])
    p2.text(LEFT, 60, "四、政府信息公开行政复议、行政诉讼情况", 12)
    draw_table(p2, 100, WIDTHS, [["c", "", "d", "2", "2"]])
    assert len(tables(read([p1, p2]))) == 2


def test_bottom_border_missing_at_the_page_break() -> None:
    p1, p2 = Page(), Page()
    xs, ys = draw_table(p1, 600, WIDTHS, [["a", "", "x", "1", "1"], ["b", "", "y", "2", "2"]])
    # a last row with its side rules but no bottom rule (as WPS draws a row cut by the break)
    for x in xs:
        p1.line(x, ys[-1], x, ys[-1] + 20)
    p1.text(xs[0] + 2, ys[-1] + 3, "c", 9).text(xs[2] + 2, ys[-1] + 3, "z", 9)
    p1.text(xs[3] + 2, ys[-1] + 3, "3", 9).text(xs[4] + 2, ys[-1] + 3, "3", 9)
    draw_table(p2, 72, WIDTHS, [["d", "", "w", "4", "4"]])
    (table,) = tables(read([p1, p2]))
    assert [row[2].text for row in table.rows] == ["x", "y", "z", "w"]
    assert [row[4].text for row in table.rows] == ["1", "2", "3", "4"]


# -- refusals -------------------------------------------------------------------------------


def test_scanned_pdf_without_text_layer_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    # without the extra zfxxgk[ocr] (tests/test_ocr.py reads scans with it)
    monkeypatch.setitem(sys.modules, "rapidocr_onnxruntime", None)
    page = Page().image(50, 50, 500, 700)
    with pytest.raises(UnreadableDocumentError, match="OCR") as info:
        read([page], name="scan.pdf")
    assert "scan.pdf" in str(info.value) and "文字层" in str(info.value)


def test_encrypted_pdf_is_refused() -> None:
    with pytest.raises(UnreadableDocumentError, match="加密") as info:
        read([Page().text(LEFT, 100, "x")], name="locked.pdf", encrypted=True)
    assert "locked.pdf" in str(info.value)


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.7\n" + bytes(range(256)) * 8,
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n",
        b"%PDF-",
    ],
)
def test_garbage_with_a_pdf_header_is_a_clear_error(data: bytes) -> None:
    with pytest.raises(DocumentError) as info:
        pdf_reader.read(data, source="junk.pdf")
    assert "junk.pdf" in str(info.value)


@pytest.mark.parametrize("cut", [0.2, 0.5, 0.8])
def test_truncated_pdf_is_a_clear_error_or_reads(cut: float) -> None:
    data = make_pdf([Page().text(LEFT, 100, "一、总体情况")] * 2)
    outcome: Document | DocumentError
    try:
        outcome = pdf_reader.read(data[: int(len(data) * cut)], source="cut.pdf")
    except DocumentError as exc:
        outcome = exc
    if isinstance(outcome, DocumentError):
        assert "cut.pdf" in str(outcome)
    else:  # pdfminer can recover some truncated files; what it reads must be real text
        assert all(p.text == "一、总体情况" for p in outcome.paragraphs())


def test_too_many_pages_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_reader, "MAX_PAGES", 3)
    with pytest.raises(UnreadableDocumentError, match="页数过多"):
        read([Page().text(LEFT, 100, "x") for _ in range(4)])


def test_missing_pdfplumber_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pdfplumber", None)
    with pytest.raises(MissingDependencyError, match=r"zfxxgk\[pdf\]"):
        pdf_reader.read(make_pdf([Page()]), source="x.pdf")


def test_paragraph_objects_carry_their_page() -> None:
    doc = read([Page().text(LEFT, 100, "第一页"), Page().text(LEFT, 100, "第二页")])
    assert [(p.text, p.location.page) for p in doc.paragraphs()] == [("第一页", 1), ("第二页", 2)]
    assert all(isinstance(b, Paragraph) for b in doc.blocks)


# -- robustness sweep -----------------------------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_VALID = make_pdf([Page().text(LEFT, 100, "一、总体情况")])


@settings(max_examples=examples(40), deadline=None)
@given(
    junk=st.binary(max_size=600),
    cut=st.integers(min_value=0, max_value=len(_VALID)),
    flip=st.integers(min_value=0, max_value=len(_VALID) - 1),
)
def test_junk_and_damaged_pdfs_raise_only_document_errors(junk: bytes, cut: int, flip: int) -> None:
    damaged = bytearray(_VALID)
    damaged[flip] ^= 0x55
    for data in (b"%PDF-1.4\n" + junk, _VALID[:cut] + junk, bytes(damaged)):
        try:
            document = pdf_reader.read(data, source="fuzz.pdf")
        except DocumentError as exc:  # anything else fails the test
            refusal: DocumentError | None = exc
        else:
            refusal = None
        if refusal is not None:  # a refusal names the file and has a code
            assert "fuzz.pdf" in str(refusal) and refusal.code.startswith("E"), str(refusal)
        else:  # what was read is a well-formed document of this file
            assert document.source == "fuzz.pdf"
            assert all(isinstance(block, Paragraph | Table) for block in document.blocks)
            assert all(isinstance(p.text, str) for p in document.paragraphs())
            assert all(len(row) > 0 for table in document.tables() for row in table.rows)


def test_running_header_does_not_split_a_table_and_is_dropped() -> None:
    p1, p2 = Page(), Page()
    for page in (p1, p2):
        page.text(200, 30, "某区2024年政府信息公开工作年度报告", 9)
    p1.text(LEFT, 100, "三、收到和处理政府信息公开申请情况", 12)
    draw_table(p1, 600, WIDTHS, [["一", "", "本年新收", "3", "3"]])
    draw_table(p2, 72, WIDTHS, [["四", "", "结转下年度", "1", "1"]])
    doc = read([p1, p2])
    assert len(tables(doc)) == 1
    assert [p.text for p in doc.paragraphs()] == [
        "某区2024年政府信息公开工作年度报告",
        "三、收到和处理政府信息公开申请情况",
    ]


def test_page_with_only_horizontal_rules_has_no_table() -> None:
    page = Page().line(LEFT, 100, 500, 100).line(LEFT, 140, 500, 140).text(LEFT, 110, "正文")
    doc = read([page])
    assert not tables(doc)
    assert [p.text for p in doc.paragraphs()] == ["正文"]


def test_header_row_and_first_data_row_across_the_break_stay_two_rows() -> None:
    doc = _two_pages(
        [["", "", "信息内容", "制发", "废止"]],
        [["", "", "规章", "0", "0"], ["", "", "行政规范性文件", "5", "1"]],
    )
    (table,) = tables(doc)
    assert [row[2].text for row in table.rows] == ["信息内容", "规章", "行政规范性文件"]
    assert [row[3].text for row in table.rows] == ["制发", "0", "5"]


def test_content_stream_bomb_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    import zlib

    monkeypatch.setattr(pdf_reader, "MAX_STREAM", 1_000_000)
    data = make_pdf([Page().text(LEFT, 100, "x")])
    bomb = zlib.compress(b"0 0 m\n" * 400_000, 9)
    start = data.index(b"BT /F1")
    head = data.rfind(b"<< /Length", 0, start)
    end = data.index(b"endstream", start)
    patched = (
        data[:head]
        + b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(bomb)
        + bomb
        + b"\n"
        + data[end:]
    )
    with pytest.raises(UnreadableDocumentError, match="压缩炸弹") as info:
        pdf_reader.read(patched, source="bomb.pdf")
    assert "bomb.pdf" in str(info.value)
