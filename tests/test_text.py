"""The text and Markdown reader, on hand-written texts with the quirks of real ones:
text extracted from PDFs (labels wrapped away from their numbers, one character per line,
page numbers inside tables, section 四 as one line of 15 numbers), OCR'd Markdown (a
cascade of small tables with invented headers), encodings, junk."""

from __future__ import annotations

from pathlib import Path

import pytest

from zfxxgk.cells import CellKind
from zfxxgk.errors import EmptyDocumentError, UnsupportedFormatError
from zfxxgk.readers import detect_format, read, read_document
from zfxxgk.readers import text as text_reader
from zfxxgk.readers._textlines import positions
from zfxxgk.readers._tokens import tokens
from zfxxgk.readers.document import Paragraph, Table

from .fixtures.reports import OTHER, OVERVIEW, PROBLEMS, cell_values, report_2021

FIXTURES = Path(__file__).parent / "fixtures"
PDF_TEXT = (FIXTURES / "pdf_text_2021.txt").read_text(encoding="utf-8")
OCR_MARKDOWN = (FIXTURES / "ocr_cascade_2021.md").read_text(encoding="utf-8")


def _read(text: str, name: str = "report.txt"):  # type: ignore[no-untyped-def]
    return read(text.encode("utf-8"), name=name)


def _codes(result, code: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [d.path or "" for d in result.diagnostics if d.code == code]


# --------------------------------------------------------------------------------------
# text extracted from a PDF
# --------------------------------------------------------------------------------------


def test_pdf_text_is_read_exactly() -> None:
    result = _read(PDF_TEXT)
    report = result.report
    assert cell_values(report) == cell_values(report_2021())
    assert (report.overview, report.problems, report.other_matters) == (OVERVIEW, PROBLEMS, OTHER)
    info = report.info
    assert (info.agency, info.year, str(info.published)) == (
        "北京市大兴区西红门镇人民政府",
        2024,
        "2025-01-20",
    )
    # numbers printed before their wrapped labels are placed by order, and say so
    by_order = _codes(result, "R113")
    assert "requests.outcomes.partially_disclosed" in by_order
    assert "requests.outcomes.unavailable.not_held" in by_order
    # a stray character of the vertical group label is a label cell of its own, not glued
    # to the row label
    document = result.document
    assert document is not None
    row = next(r for t in document.tables() for r in t.rows if any("禁止公开" in c.text for c in r))
    assert [c.text for c in row[:2]] == ["三", "2.其他法律行政法规禁止公开"]


def test_page_numbers_and_vertical_labels_do_not_reach_the_tables() -> None:
    document = read_document(PDF_TEXT.encode(), name="x.txt")
    texts = [b.text for b in document.blocks if isinstance(b, Paragraph)]
    assert "- 3 -" not in texts and "- 2 -" not in texts
    assert "年" in texts and "结" in texts  # one character per line: kept as text
    flat = [tuple(c.text for c in row) for t in document.tables() for row in t.rows]
    assert ("2", "1", "3", "4", "10", "5", "0", "6", "7", "18", "8", "9", "0", "1", "18") in flat


def test_a_row_one_number_short_is_noticed_not_shifted() -> None:
    text = PDF_TEXT.replace("行政规范性文件 12 5 55", "行政规范性文件 12 55").replace(
        "3.补正后申请内容仍不明确 1 0 0 0 0 0 1", "3.补正后申请内容仍不明确 1 0 0 0 0 1"
    )
    result = _read(text)
    report = result.report
    documents = report.proactive.normative_documents
    # printed but not placed for certain: unread (R173), not "not printed"
    assert all(
        c.kind is CellKind.UNREAD
        for c in (documents.issued, documents.repealed, documents.in_force)
    )
    unclear = report.requests.outcomes.unavailable.still_unclear
    assert all(c.kind is CellKind.UNREAD for c in unclear.cells)
    assert "proactive.normative_documents.in_force" in result.unread_locations
    # the numbers of a short row stand under no column for certain: every cell of the row is
    # unread, said cell by cell (R173), with the line of the numbers (R170)
    unread = _codes(result, "R173")
    assert "proactive.normative_documents.in_force" in unread
    assert "requests.outcomes.unavailable.still_unclear.total" in unread
    assert _codes(result, "R170")
    # everything else is still read
    expected = cell_values(report_2021())
    got = cell_values(report)
    wrong = [k for k in expected if got[k] != expected[k] and got[k][0] is not CellKind.UNREAD]
    assert wrong == []


def test_an_unlabelled_short_row_stops_assignment_by_order() -> None:
    text = PDF_TEXT.replace("\n5 0 0 1 0 0 6\n", "\n5 0 0 1 0 6\n")
    result = _read(text)
    outcomes = result.report.requests.outcomes
    # the gap between （一） and （三）1 holds two rows, but only one has seven numbers:
    # neither is guessed, and neither is said to be not printed: both are unread
    assert all(c.kind is CellKind.UNREAD for c in outcomes.partially_disclosed.cells)
    assert all(c.kind is CellKind.UNREAD for c in outcomes.withheld.state_secret.cells)
    assert "R112" not in {d.code for d in result.diagnostics}
    assert "requests.outcomes.partially_disclosed.total" in result.unread_locations
    assert any(d.code == "R114" for d in result.diagnostics)
    assert outcomes.withheld.prohibited_by_law.natural_person.value == 0


def test_section_four_as_three_rows_of_five() -> None:
    text = PDF_TEXT.replace(
        "2 1 3 4 10 5 0 6 7 18 8 9 0 1 18", "2 1 3 4 10\n5 0 6 7 18\n8 9 0 1 18"
    )
    assert cell_values(_read(text).report) == cell_values(report_2021())


def test_section_four_row_one_number_short() -> None:
    text = PDF_TEXT.replace("2 1 3 4 10 5 0 6 7 18 8 9 0 1 18", "2 1 3 4 10 5 0 6 7 18 8 9 0 18")
    result = _read(text)
    appeals = result.report.appeals
    assert all(c.kind is CellKind.UNREAD for g in appeals.groups for c in g.cells)
    assert any(d.code == "R130" for d in result.diagnostics)


def test_kangxi_radicals_and_full_width_digits() -> None:
    text = PDF_TEXT.replace(
        "一、本年新收政府信息公开申请数量 55 8", "⼀、本年新收政府信息公开申请数量 ５５ ８"
    ).replace("（七）总计", "（⼋）总计".replace("⼋", "七"))
    report = _read(text).report
    assert report.requests.new.natural_person.value == 55
    assert report.requests.new.commercial_enterprise.value == 8


def _entries(line: str) -> list[tuple[str, bool]]:
    return [(t.text, t.value) for t in tokens(line, positions(line))]


def test_a_number_glued_to_its_label_is_not_a_row() -> None:
    assert _entries("行政许可97") == [("行政许可97", False)]
    assert _entries("行政许可 97") == [("行政许可", False), ("97", True)]
    assert [t for t, _ in _entries("10 1 0 0 0")] == ["10", "1", "0", "0", "0"]
    assert _entries("行政规范性文件 22（其中修订 16 件） 3 5") == [
        ("行政规范性文件", False),
        ("22（其中修订 16 件）", True),
        ("3", True),
        ("5", True),
    ]
    assert _entries("—") == [("—", True)]
    assert _entries("Annual Report 2024") == [("Annual Report", False), ("2024", True)]
    # numbers among words make no table row
    assert not list(read_document("为 2024 年 1 月 1 日至 12 月 31 日。".encode()).tables())
    assert not list(read_document("全年共受理申请，21".encode()).tables())


def test_a_note_in_a_cell_keeps_the_number_and_is_reported() -> None:
    text = PDF_TEXT.replace("行政规范性文件 12 5 55", "行政规范性文件 12（其中修订 4 件） 5 55")
    result = _read(text)
    issued = result.report.proactive.normative_documents.issued
    assert issued.value == 12 and issued.note == "其中修订4件"
    assert "proactive.normative_documents.issued" in _codes(result, "R104")


# --------------------------------------------------------------------------------------
# OCR'd Markdown: a cascade of small tables with invented headers
# --------------------------------------------------------------------------------------


def test_ocr_markdown_cascade_is_read_exactly() -> None:
    result = _read(OCR_MARKDOWN, name="report.md")
    assert result.document is not None and result.document.format == "markdown"
    assert cell_values(result.report) == cell_values(report_2021())
    assert result.report.other_matters == OTHER


def test_captions_of_small_section_four_tables_decide_their_group() -> None:
    # the fixture prints 复议后起诉 first: the captions, not the order, place the numbers
    appeals = _read(OCR_MARKDOWN, name="report.md").report.appeals
    assert [g.total.value for g in appeals.groups] == [10, 18, 18]
    assert appeals.lawsuit_after_review.corrected.value == 9


def test_markdown_pipe_tables() -> None:
    text = (
        "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n"
        "|:---|:---:|---:|---|\n"
        "| 规章 | 1 | 2 | 3 |\n"
        "| a \\| b | x<br>y | | |\n"
    )
    (table,) = read_document(text.encode(), name="t.md").tables()
    assert [[c.text for c in row] for row in table.rows] == [
        ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
        ["规章", "1", "2", "3"],
        ["a | b", "x\ny", "", ""],
    ]


# --------------------------------------------------------------------------------------
# the seed's tab-indented layout
# --------------------------------------------------------------------------------------


def test_tab_indented_cells() -> None:
    text = "标题\n\t信息内容\n\t本年制发件数\n\n\t规章\n\t1\n\t\n\n\t商业\n企业\n\t2\n\n正文\n"
    document = read_document(text.encode(), name="t.txt")
    (table,) = document.tables()
    assert [[c.text for c in row] for row in table.rows] == [
        ["信息内容", "本年制发件数"],
        ["规章", "1", ""],
        ["商业\n企业", "2"],
    ]
    assert [p.text for p in document.paragraphs()] == ["标题", "正文"]


def test_tab_indented_prose_is_not_a_table() -> None:
    text = (
        "\t一、总体情况\n\n\t今年我镇认真贯彻条例，主动公开政府信息。\n\n"
        "\t二、主动公开政府信息情况\n"
    )
    document = read_document(text.encode(), name="t.txt")
    assert not list(document.tables())
    assert next(p.text for p in document.paragraphs()) == "一、总体情况"


# --------------------------------------------------------------------------------------
# encodings and junk
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["gb18030", "utf-16", "utf-8-sig"])
def test_encodings(encoding: str) -> None:
    data = PDF_TEXT.encode(encoding)
    assert detect_format(data, "x.txt") == "text"
    assert cell_values(read(data, name="x.txt").report) == cell_values(report_2021())


@pytest.mark.parametrize("data", [b"", b"   \n\t\n", "\u3000\n".encode()])
def test_empty_files_are_refused(data: bytes) -> None:
    with pytest.raises(EmptyDocumentError):
        read(data, name="empty.txt")


@pytest.mark.parametrize(
    "data",
    [
        bytes(range(256)) * 8,
        b"\x00\x01\x02\x03" * 100,
        b"text\x00with\x00nuls",
        bytes([0x8E, 0xFF, 0x9F, 0x80]) * 50,
    ],
)
def test_binary_junk_is_refused(data: bytes) -> None:
    assert not text_reader.sniff(data, "junk.txt")
    with pytest.raises(UnsupportedFormatError):
        read(data, name="junk.txt")


def test_reader_refuses_junk_directly() -> None:
    with pytest.raises(UnsupportedFormatError):
        text_reader.read(b"\x00\x00\x00abc", source="junk.txt")


def test_blocks_keep_their_lines() -> None:
    document = read_document(PDF_TEXT.encode(), name="x.txt")
    first = document.blocks[0]
    assert isinstance(first, Paragraph) and first.location.line == 1
    table = next(b for b in document.blocks if isinstance(b, Table))
    lines = PDF_TEXT.splitlines()
    assert (
        table.rows[0][0].location.line
        == lines.index(next(x for x in lines if x.startswith("信息内容"))) + 1
    )
    cell = next(c for row in table.rows for c in row if c.text == "规章")
    assert (cell.location.line, cell.location.column) == (lines.index("规章 1 2 3") + 1, 1)


def test_a_label_wrapped_onto_the_line_of_its_numbers() -> None:
    text = PDF_TEXT.replace(
        "二、上年结转政府信息公开申请数量 7 1 0 0 0 0 8",
        "二、上年结转政府信息公开申\n请数量 7 1 0 0 0 0 8",
    ).replace("（一）予以公开 17 3 1 0 0 0 21", "（一）予以\n公开 17 3 1 0 0 0 21")
    result = _read(text)
    assert cell_values(result.report) == cell_values(report_2021())
    loose = {d.path: d.message for d in result.diagnostics if d.code == "R101"}
    assert "标签分印在两行" in loose["requests.carried_over"]


def test_numbers_are_never_paired_with_a_label_printed_above_them() -> None:
    # PDF text prints numbers before their wrapped label: "9 2 … 11" belongs to （四）1,
    # though "1.本机关不掌握相关政府信息" stands right above "4 0 … 4"
    result = _read(PDF_TEXT)
    unavailable = result.report.requests.outcomes.unavailable
    assert (unavailable.not_held.total.value, unavailable.needs_creation.total.value) == (11, 4)


def test_a_label_wrapped_over_three_lines_around_a_group_fragment() -> None:
    # 1、申请人无正当理由逾期不补 / 正、…其政府信 4 1 0 0 0 0 5 / 息公开申请, and the
    # vertical （六）其他处理 printed in pieces between the lines of the next label
    text = PDF_TEXT.replace(
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 4 1 0 0 0 0 5\n"
        "（六）其他处理 2.申请人逾期未按收费通知要求缴纳费用、行政机\n"
        "2 0 0 0 0 0 2\n"
        "关不再处理其政府信息公开申请\n",
        "1、申请人无正当理由逾期不补\n正、行政机关不再处理其政府信 4 1 0 0 0 0 5\n息公开申请\n"
        "（六）其\n2、申请人逾期未按收费通知要\n他处理\n"
        "求缴纳费用、行政机关不再处理 2 0 0 0 0 0 2\n"
        "其政府信息公开申请\n",
    )
    assert "正、行政机关不再处理其政府信 4 1 0 0 0 0 5" in text
    result = _read(text)
    assert cell_values(result.report) == cell_values(report_2021())


def test_counts_printed_with_a_measure_word() -> None:
    text = PDF_TEXT.replace("行政许可 97", "行政许可 97件")
    licensing = _read(text).report.proactive.licensing.decisions
    assert (licensing.value, licensing.raw) == (97, "97件")
