"""The DOCX reader on fixtures written from scratch: structure, merged cells, hostile files."""

from __future__ import annotations

import io
import zipfile

import pytest

from zfxxgk.errors import DocumentError, UnreadableDocumentError, UnsupportedFormatError
from zfxxgk.readers import _safe_zip, detect_format, read_document
from zfxxgk.readers import docx as docx_reader
from zfxxgk.readers.document import Paragraph, Table

from .fixtures_office.docx_build import make_docx, p, simple_table, tbl, tc, tr
from .hypothesis_profiles import examples


def read(data: bytes, name: str = "report.docx") -> list[Paragraph | Table]:
    return list(docx_reader.read(data, source=name).blocks)


def grid(table: Table) -> list[list[tuple[str, bool]]]:
    return [[(c.text, c.spanned) for c in row] for row in table.rows]


# -- structure ------------------------------------------------------------------------------


def test_paragraphs_and_tables_in_document_order() -> None:
    body = p("一、总体情况") + p("正文") + simple_table([["a", "1"], ["b", "2"]]) + p("三、收到")
    blocks = read(make_docx(body))
    kinds = [type(b).__name__ for b in blocks]
    assert kinds == ["Paragraph", "Paragraph", "Table", "Paragraph"]
    assert [b.text for b in blocks if isinstance(b, Paragraph)] == [
        "一、总体情况",
        "正文",
        "三、收到",
    ]


def test_sniff_and_detect_format() -> None:
    data = make_docx(p("x"))
    assert docx_reader.sniff(data, None)
    assert not docx_reader.sniff(b"%PDF-1.4", None)
    assert detect_format(data, "a.docx") == "docx"
    assert read_document(data, name="a.docx").format == "docx"


def test_grid_span_marks_extra_columns_spanned() -> None:
    body = tbl(
        tr(tc("第二十条第（五）项", span=3)),
        tr(tc("信息内容"), tc("本年处理决定数量", span=2)),
        tr(tc("行政许可"), tc("12", span=2)),
        cols=3,
    )
    (table,) = read(make_docx(body))
    assert isinstance(table, Table)
    assert grid(table) == [
        [("第二十条第（五）项", False), ("第二十条第（五）项", True), ("第二十条第（五）项", True)],
        [("信息内容", False), ("本年处理决定数量", False), ("本年处理决定数量", True)],
        [("行政许可", False), ("12", False), ("12", True)],
    ]
    # the number is counted once: exactly one non-spanned cell holds it
    assert sum(1 for row in table.rows for c in row if c.text == "12" and not c.spanned) == 1


def test_vertical_merge_copies_label_down_as_spanned() -> None:
    body = tbl(
        tr(tc("三、本年度办理结果", vmerge="restart"), tc("（一）予以公开"), tc("5")),
        tr(tc(vmerge="continue"), tc("（二）部分公开"), tc("")),
        tr(tc(vmerge="continue"), tc("（七）总计"), tc("5")),
        cols=3,
    )
    (table,) = read(make_docx(body))
    assert isinstance(table, Table)
    assert [row[0].text for row in table.rows] == ["三、本年度办理结果"] * 3
    assert [row[0].spanned for row in table.rows] == [False, True, True]
    # a blank cell stays blank and is not a copy
    assert table.rows[1][2].text == "" and not table.rows[1][2].spanned


def test_vertical_merge_of_a_wide_cell() -> None:
    body = tbl(
        tr(tc("脚注", span=2, vmerge="restart"), tc("申请人情况")),
        tr(tc(span=2, vmerge="continue"), tc("自然人")),
        cols=3,
    )
    (table,) = read(make_docx(body))
    assert isinstance(table, Table)
    assert grid(table)[1] == [("脚注", True), ("脚注", True), ("自然人", False)]


def test_grid_before_keeps_columns_aligned() -> None:
    body = tbl(tr(tc("a"), tc("b"), tc("c")), tr(tc("x"), tc("y"), grid_before=1), cols=3)
    (table,) = read(make_docx(body))
    assert isinstance(table, Table)
    assert [c.text for c in table.rows[1]] == ["", "x", "y"]


def test_nested_table_is_its_own_table_after_the_outer_one() -> None:
    inner = simple_table([["内", "1"], ["层", "2"]])
    body = tbl(tr(tc("外"), tc("说明", inner=inner)), tr(tc("a"), tc("b")), cols=2) + p("后")
    blocks = read(make_docx(body))
    assert [type(b).__name__ for b in blocks] == ["Table", "Table", "Paragraph"]
    outer, nested = blocks[0], blocks[1]
    assert isinstance(outer, Table) and isinstance(nested, Table)
    assert grid(outer) == [[("外", False), ("说明", False)], [("a", False), ("b", False)]]
    assert grid(nested) == [[("内", False), ("1", False)], [("层", False), ("2", False)]]
    assert (outer.location.table, nested.location.table) == (1, 2)


def test_cell_paragraphs_and_line_breaks_join_with_newline() -> None:
    body = tbl(tr(tc("商业", "企业"), tc("结果\u3000")), cols=2)
    body = body.replace(
        '<w:p><w:r><w:t xml:space="preserve">结果', "<w:p><w:r><w:t>结果</w:t><w:br/><w:t>纠正"
    )
    (table,) = read(make_docx(body))
    assert isinstance(table, Table)
    assert table.rows[0][0].text == "商业\n企业"
    assert table.rows[0][1].text.startswith("结果\n纠正")


def test_ideographic_spaces_and_nbsp_are_blank_never_zero() -> None:
    body = tbl(tr(tc("规章"), tc("\u3000\u3000"), tc("\u3000"), tc("\xa0")), cols=4)
    (table,) = read(make_docx(body))
    assert isinstance(table, Table)
    assert [c.text for c in table.rows[0]] == ["规章", "", "", ""]


def test_locations_name_table_row_and_cell() -> None:
    body = p("x") + simple_table([["a", "b"]]) + simple_table([["c", "d"], ["e", "f"]])
    blocks = read(make_docx(body), name="r.docx")
    second = blocks[2]
    assert isinstance(second, Table)
    loc = second.rows[1][1].location
    assert (loc.file, loc.table, loc.row, loc.cell, loc.page) == ("r.docx", 2, 2, 2, None)


def test_split_tables_are_left_to_the_builder() -> None:
    # a table split by a page break is two tables with a (page-break) paragraph between
    body = (
        simple_table([["一、本年新收", "1"]])
        + p("", page_break=True)
        + simple_table([["四、结转", "0"]])
    )
    blocks = read(make_docx(body))
    assert [type(b).__name__ for b in blocks] == ["Table", "Table"]


def test_split_table_continuing_a_vertical_merge_keeps_the_label() -> None:
    first = tbl(
        tr(tc("（五）不予处理", vmerge="restart"), tc("1.信访举报投诉类申请"), tc("2")),
        tr(tc(vmerge="continue"), tc("2.重复申请"), tc("0")),
        cols=3,
    )
    second = tbl(tr(tc(vmerge="continue"), tc("3.要求提供公开出版物"), tc("1")), cols=3)
    blocks = read(make_docx(first + p("", page_break=True) + second))
    assert [type(b).__name__ for b in blocks] == ["Table", "Table"]
    continued = blocks[1]
    assert isinstance(continued, Table)
    assert grid(continued)[0] == [
        ("（五）不予处理", True),
        ("3.要求提供公开出版物", False),
        ("1", False),
    ]


def test_core_properties_become_metadata() -> None:
    data = make_docx(p("x"), title="2024年报告", creator="办公室", created="2025-01-20T08:00:00Z")
    doc = docx_reader.read(data, source=None)
    assert doc.metadata == {
        "title": "2024年报告",
        "author": "办公室",
        "created": "2025-01-20T08:00:00Z",
    }


def test_hyperlink_markup_is_reduced_to_its_text() -> None:
    rels = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.'
        'org/package/2006/relationships"><Relationship Id="rId9" Type="http://schemas.openxmlformats'
        '.org/officeDocument/2006/relationships/hyperlink" Target="http://example.org/" '
        'TargetMode="External"/></Relationships>'
    )
    body = (
        '<w:p><w:r><w:t>见</w:t></w:r><w:hyperlink r:id="rId9">'
        "<w:r><w:t>门户网站</w:t></w:r></w:hyperlink></w:p>"
    )
    data = make_docx(body, extra={"word/_rels/document.xml.rels": rels.encode()})
    (para,) = read(data)
    assert isinstance(para, Paragraph)
    assert para.text == "见门户网站"


# -- hostile files --------------------------------------------------------------------------


def _zip(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def test_zip_bomb_by_size_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_safe_zip, "MAX_UNCOMPRESSED", 1_000_000)
    data = _zip({"word/document.xml": b"<a/>", "word/media/big.bin": b"\0" * 2_000_000})
    with pytest.raises(UnreadableDocumentError, match="压缩炸弹") as info:
        docx_reader.read(data, source="bomb.docx")
    assert "bomb.docx" in str(info.value)


def test_zip_bomb_by_ratio_is_refused() -> None:
    data = _zip({"word/document.xml": b"<a/>", "word/media/x.bin": b"\0" * 3_000_000})
    with pytest.raises(UnreadableDocumentError, match="压缩炸弹"):
        docx_reader.read(data, source="ratio.docx")


def test_too_many_members_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_safe_zip, "MAX_MEMBERS", 10)
    data = _zip({"word/document.xml": b"<a/>", **{f"f{i}.txt": b"x" for i in range(20)}})
    with pytest.raises(UnreadableDocumentError, match="文件过多"):
        docx_reader.read(data, source="many.docx")


def test_oversized_xml_part_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_safe_zip, "MAX_XML_PART", 50_000)
    data = make_docx("".join(p(f"第{i}段") for i in range(3000)))
    with pytest.raises(UnreadableDocumentError, match=r"document\.xml 过大"):
        docx_reader.read(data, source="long.docx")


@pytest.mark.parametrize("cut", [0.3, 0.6, 0.95])
def test_truncated_docx_is_a_clear_error(cut: float) -> None:
    data = make_docx(p("一、总体情况") + simple_table([["a", "1"]]))
    with pytest.raises(DocumentError) as info:
        docx_reader.read(data[: int(len(data) * cut)], source="cut.docx")
    assert "cut.docx" in str(info.value)


def test_garbage_after_zip_magic_is_a_clear_error() -> None:
    with pytest.raises(UnreadableDocumentError, match="ZIP"):
        docx_reader.read(b"PK\x03\x04" + b"\x17" * 500, source="junk.docx")


def test_zip_that_is_not_word_is_refused() -> None:
    data = _zip({"content.xml": b"<office/>", "mimetype": b"application/vnd.oasis"})
    with pytest.raises(UnsupportedFormatError, match="不是 Word 文档"):
        docx_reader.read(data, source="odt.docx")


@pytest.mark.parametrize(
    "prolog",
    [
        '<!DOCTYPE w:document [<!ENTITY x "xxxxxxxx">]>',
        '<!DOCTYPE w:document SYSTEM "http://127.0.0.1:9/evil.dtd">',
        "<!doctype w:document>",
    ],
)
def test_doctype_in_document_xml_is_refused(prolog: str) -> None:
    data = make_docx(p("x"), prolog=prolog)
    with pytest.raises(UnreadableDocumentError, match="DOCTYPE"):
        docx_reader.read(data, source="xxe.docx")


def test_doctype_in_another_part_or_utf16_is_refused() -> None:
    evil = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x [<!ENTITY a "b">]><x/>'
    data = make_docx(p("x"), extra={"word/styles.xml": b"\xff\xfe" + evil.encode("utf-16-le")})
    with pytest.raises(UnreadableDocumentError, match=r"styles\.xml"):
        docx_reader.read(data, source="xxe2.docx")


def test_docx_without_main_part_reference_is_a_clear_error() -> None:
    data = _zip(
        {
            "[Content_Types].xml": b"<Types/>",
            "word/document.xml": b"<w:document><w:body><w:p>",
        }
    )
    with pytest.raises(DocumentError) as info:
        docx_reader.read(data, source="bad.docx")
    assert "bad.docx" in str(info.value)


def test_malformed_document_xml_is_a_clear_error() -> None:
    data = make_docx(p("x"))
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    parts["word/document.xml"] = parts["word/document.xml"][:-40]
    with pytest.raises(UnreadableDocumentError, match="无法解析") as info:
        docx_reader.read(_zip(parts), source="broken.docx")
    assert "broken.docx" in str(info.value)


# -- robustness sweep -----------------------------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_VALID = make_docx(p("一、总体情况") + simple_table([["规章", "1"]]))


@settings(max_examples=examples(40), deadline=None)
@given(
    junk=st.binary(max_size=400),
    cut=st.integers(min_value=0, max_value=len(_VALID)),
    flip=st.integers(min_value=0, max_value=len(_VALID) - 1),
)
def test_junk_and_damaged_docx_raise_only_document_errors(junk: bytes, cut: int, flip: int) -> None:
    damaged = bytearray(_VALID)
    damaged[flip] ^= 0x55
    for data in (b"PK\x03\x04" + junk, _VALID[:cut] + junk, bytes(damaged)):
        try:
            document = docx_reader.read(data, source="fuzz.docx")
        except DocumentError as exc:  # anything else fails the test
            refusal: DocumentError | None = exc
        else:
            refusal = None
        if refusal is not None:  # a refusal names the file and has a code
            assert "fuzz.docx" in str(refusal) and refusal.code.startswith("E"), str(refusal)
        else:  # what was read is a well-formed document of this file
            assert document.source == "fuzz.docx"
            assert all(isinstance(block, Paragraph | Table) for block in document.blocks)
            assert all(isinstance(p.text, str) for p in document.paragraphs())
            assert all(len(row) > 0 for table in document.tables() for row in table.rows)


def test_legacy_horizontal_merge_is_spanned() -> None:
    first = tc("第二十条第（五）项").replace("<w:tcPr>", '<w:tcPr><w:hMerge w:val="restart"/>')
    rest = tc().replace("<w:tcPr>", "<w:tcPr><w:hMerge/>")
    body = tbl(tr(first, rest, rest), tr(tc("行政许可"), tc("3"), tc("")), cols=3)
    (table,) = read(make_docx(body))
    assert isinstance(table, Table)
    assert grid(table)[0] == [
        ("第二十条第（五）项", False),
        ("第二十条第（五）项", True),
        ("第二十条第（五）项", True),
    ]


# -- automatic numbering --------------------------------------------------------------------

NUMBERING = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    '<w:abstractNum w:abstractNumId="0">'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
    '<w:lvlText w:val="%1、"/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
    '<w:lvlText w:val="（%2）"/></w:lvl>'
    '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
    '<w:lvlText w:val="%3."/></w:lvl>'
    "</w:abstractNum>"
    '<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/>'
    '<w:lvlText w:val="•"/></w:lvl></w:abstractNum>'
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
    '<w:num w:numId="3"><w:abstractNumId w:val="0"/>'
    '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>'
    "</w:numbering>"
)


def numbered(text: str, num_id: int, ilvl: int = 0) -> str:
    return (
        f'<w:p><w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'
        f"</w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"
    )


def test_auto_numbered_paragraphs_print_words_numbers() -> None:
    body = (
        numbered("总体情况", 1)
        + numbered("主动公开情况", 1, 1)
        + numbered("依申请公开情况", 1, 1)
        + numbered("主动公开政府信息情况", 1)
        + numbered("属于国家秘密", 1, 2)  # a level skipped: no number rather than a wrong one
        + numbered("要点", 2)
        + numbered("其他需要报告的事项", 3)
        + p("1)\t不是自动编号")
    )
    data = make_docx(body, extra={"word/numbering.xml": NUMBERING.encode()})
    assert [b.text for b in read(data) if isinstance(b, Paragraph)] == [
        "一、总体情况",
        "（一）主动公开情况",
        "（二）依申请公开情况",
        "二、主动公开政府信息情况",
        "属于国家秘密",
        "要点",
        "五、其他需要报告的事项",
        "1)\t不是自动编号",
    ]


@pytest.mark.parametrize(
    ("fmt", "n", "printed"),
    [
        ("chineseCounting", 1, "一"),
        ("chineseCounting", 10, "十"),
        ("chineseCounting", 12, "十二"),
        ("chineseCounting", 20, "二十"),
        ("chineseCounting", 35, "三十五"),
        ("ideographTraditional", 3, "丙"),
        ("decimalEnclosedCircle", 2, "②"),
        ("upperRoman", 14, "XIV"),
        ("lowerLetter", 28, "ab"),
        ("decimalFullWidth", 12, "１２"),
    ],
)
def test_number_formats(fmt: str, n: int, printed: str) -> None:
    from zfxxgk.readers._docx_numbering import Level, format_number

    assert format_number({0: Level(fmt, "%1", 1)}, [n]) == printed
