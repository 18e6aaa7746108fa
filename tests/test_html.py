"""The HTML reader on small hand-written pages reproducing real-world quirks (FORMAT.md §6)."""

from __future__ import annotations

import codecs
import random
import re

import pytest

from zfxxgk import render
from zfxxgk.cells import Cell, CellKind
from zfxxgk.errors import NoStandardTablesError
from zfxxgk.readers import detect_format, read, read_document
from zfxxgk.readers import html as html_reader
from zfxxgk.readers.document import Paragraph, Table
from zfxxgk.template import replace_at

from .fixtures.reports import OTHER, cell_values, report_2019, report_2021


def _read(text: str | bytes, name: str = "report.html"):  # type: ignore[no-untyped-def]
    data = text.encode("utf-8") if isinstance(text, str) else text
    return read(data, name=name)


def _same_cells(html_text: str | bytes, report=None) -> None:  # type: ignore[no-untyped-def]
    report = report or report_2021()
    result = _read(html_text)
    assert cell_values(result.report) == cell_values(report)


# --------------------------------------------------------------------------------------
# encodings
# --------------------------------------------------------------------------------------


def test_gbk_without_declaration_is_detected() -> None:
    page = render.to_html(report_2021())
    data = page.encode("gb18030")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    _same_cells(data)
    text, encoding = html_reader.decode(data)
    assert encoding == "gb18030" and "第二十条第（一）项" in text


_UTF8_PIECES = (
    b"a", b"<p>", "中".encode(), "；".encode(), "\U0001f600".encode(), b"\xc2\xa0",
    b"\x80", b"\xbf", b"\xc0", b"\xe4\xb8", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xff",
)  # fmt: skip


@pytest.mark.parametrize("chunk", [4, 5, 7, 16, 65_536])
def test_utf8_is_checked_as_a_strict_decode_would(
    chunk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the page's bytes are checked a chunk at a time (cut at characters), never decoded
    # whole: the answer must be the strict decode's for every mixture of whole characters,
    # stray continuation bytes, cut characters, surrogates and code points beyond U+10FFFF
    monkeypatch.setattr(html_reader, "_CHUNK", chunk)
    rng = random.Random(chunk)
    for _ in range(3000):
        data = b"".join(rng.choice(_UTF8_PIECES) for _ in range(rng.randint(0, 40)))
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            valid = False
        else:
            valid = True
        assert html_reader._valid_utf8(data) is valid, data


def test_bytes_go_to_the_parser_as_when_decoded_whole() -> None:
    # which encoding the parser is told, and whether the bytes are re-encoded first, is
    # what a whole decode (html_reader.decode) chooses, for every way a page names it
    page = render.to_html(report_2021()).encode()
    for data in (
        page,
        codecs.BOM_UTF8 + page,
        codecs.BOM_UTF8 + b"\xff" + page,
        page + b"\xe4\xb8",
        b'<meta charset="utf8"><p>\xff',
        b'<meta charset="no-such-charset"><p>' + "中".encode(),
        b'<meta charset="gbk"><p>' + "中沭".encode("gb18030"),
        b'<meta charset="gbk"><p>' + "中".encode(),
        b"<p>" + "中".encode("gb18030"),
        codecs.BOM_UTF16_LE + "<p>中".encode("utf-16-le"),
    ):
        text, encoding = html_reader.decode(data)
        native = encoding in {"utf-8", "gb18030"} and "\ufffd" not in text
        expected = (
            (data.removeprefix(codecs.BOM_UTF8), encoding)
            if native
            else (text.encode("utf-8"), "utf-8")
        )
        assert html_reader._for_parser(data) == expected, data[:40]


def test_declared_gb2312_is_read_as_gb18030() -> None:
    page = render.to_html(report_2021(), page=True).replace(
        '<meta charset="utf-8">',
        '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">',
    )
    # a character outside GB2312 (沭) still decodes: GB18030 is the superset
    page = page.replace("北京市大兴区西红门镇人民政府2024年", "沭阳县人民政府2024年")
    result = _read(page.encode("gb18030"))
    assert result.report.info.title is not None and result.report.info.title.startswith("沭阳县")
    assert cell_values(result.report) == cell_values(report_2021())


@pytest.mark.parametrize("bom", ["utf-8-sig", "utf-16"])
def test_byte_order_marks(bom: str) -> None:
    page = render.to_html(report_2021(), page=True)
    data = page.encode(bom)
    assert detect_format(data, "x.html") == "html"
    _same_cells(data)


# --------------------------------------------------------------------------------------
# Word-exported markup
# --------------------------------------------------------------------------------------

_WORD_HEAD = (
    '<html xmlns:o="urn:schemas-microsoft-com:office:office" '
    'xmlns:w="urn:schemas-microsoft-com:office:word">'
    '<head><meta http-equiv=Content-Type content="text/html; charset=gbk">'
    '<style><!-- p.MsoNormal {mso-style-parent:""; margin:0cm;} --></style></head>'
    "<body lang=ZH-CN><div class=WordSection1>"
)


def _wordify(fragment: str) -> str:
    """Dress a rendered fragment like Word's HTML export."""

    def cell(match: re.Match[str]) -> str:
        attrs, text = match.group(1), match.group(2)
        inner = text or "&nbsp;"
        return (
            f"<td{attrs} valign=top style='border:solid windowtext 1.0pt;"
            "mso-border-alt:solid windowtext .5pt'>"
            f"<p class=MsoNormal align=center><span lang=EN-US style='font-family:仿宋_GB2312;"
            'mso-bidi-font-family:"Times New Roman"\'>'
            f"<font face=仿宋>{inner}</font><o:p></o:p></span></p></td>"
        )

    body = re.sub(r"<td([^>]*)>([^<]*)</td>", cell, fragment)
    body = re.sub(
        r"<(h1|h2|p)>([^<]*)</\1>",
        r"<p class=MsoNormal><span style='mso-spacerun:yes'>\2</span><o:p>&nbsp;</o:p></p>",
        body,
    )
    return _WORD_HEAD + body + "</div></body></html>"


def test_word_export_markup() -> None:
    page = _wordify(render.to_html(report_2021()))
    assert "<o:p>" in page and "<font" in page
    result = _read(page.encode("gbk"))
    assert cell_values(result.report) == cell_values(report_2021())
    assert result.report.other_matters == OTHER


def test_nested_layout_table() -> None:
    fragment = render.to_html(report_2021())
    page = (
        f"<table width=100%><tr><td><table><tr><td>{fragment}</td></tr></table></td></tr></table>"
    )
    document = read_document(page.encode(), name="x.html")
    tables = list(document.tables())
    assert len(tables) == 3  # the layout tables are read as running text
    assert any(p.text == "一、总体情况" for p in document.paragraphs())
    _same_cells(page)


def test_labels_split_across_paragraphs_spans_and_breaks() -> None:
    fragment = render.to_html(report_2021())
    fragment = fragment.replace(
        "<td>社会公益组织</td>", "<td><p>社会</p><p>公益&nbsp;&nbsp;&nbsp;</p><p>组织</p></td>"
    )
    fragment = fragment.replace(
        "<td>2.没有现成信息需要另行制作</td>",
        "<td><span>2.没有现成信</span><span style='x'>息需要另行制作</span></td>",
    )
    fragment = fragment.replace("<td>结果维持</td>", "<td>结果<br/>维持</td>")
    fragment = fragment.replace(
        "三、本年度办理结果</td>", "<p>三、本</p><p>年度办</p><p>理结果</p></td>"
    )
    result = _read(fragment)
    assert cell_values(result.report) == cell_values(report_2021())
    table = list(result.document.tables())[1]
    assert "社会\n公益\n组织" in [c.text for c in table.rows[2]]


def test_numbers_split_across_spans() -> None:
    fragment = render.to_html(report_2021()).replace(
        "<td>1092</td>", "<td><span>10</span>\n<span>9</span><span>2</span></td>"
    )
    assert _read(fragment).report.proactive.penalties.decisions.value == 1092


# --------------------------------------------------------------------------------------
# grids
# --------------------------------------------------------------------------------------


def test_rowspan_and_colspan_expand_into_a_grid() -> None:
    page = (
        "<table><tr><td rowspan=2 colspan=2>A</td><td>B</td></tr>"
        "<tr><td>C</td></tr><tr><td>D</td><td colspan=2>E</td></tr></table>"
    )
    (table,) = read_document(page.encode(), name="x.html").tables()
    grid = [[(c.text, c.spanned) for c in row] for row in table.rows]
    assert grid == [
        [("A", False), ("A", True), ("B", False)],
        [("A", True), ("A", True), ("C", False)],
        [("D", False), ("E", False), ("E", True)],
    ]
    copy = table.rows[1][1]
    assert (copy.location.row, copy.location.cell) == (1, 1)  # a copy points at its origin


def test_absurd_spans_are_clamped() -> None:
    page = (
        '<table><tr><td rowspan="100000" colspan="100000">x</td><td>1</td></tr>'
        '<tr><td colspan="99999999999">2</td></tr></table>'
    )
    (table,) = read_document(page.encode(), name="x.html").tables()
    assert len(table.rows) == 2
    assert table.width <= html_reader.MAX_WIDTH


def test_a_spanned_copy_is_never_a_value() -> None:
    fragment = render.to_html(report_2021())
    # 行政许可's value spans three columns; the copies must not be read as more values
    assert '<td colspan="3">97</td>' in fragment
    assert _read(fragment).report.proactive.licensing.decisions == Cell.of(97)


def test_blank_nbsp_cells_and_placeholders_stay_apart_from_zero() -> None:
    report = report_2021()
    report = replace_at(report, "requests.new.research_institution", Cell.blank())
    report = replace_at(report, "appeals.review.corrected", Cell.placeholder("/"))
    fragment = render.to_html(report).replace("<td></td>", "<td>&nbsp;</td>", 1)
    assert "<td>&nbsp;</td>" in fragment
    result = _read(fragment)
    new = result.report.requests.new.research_institution
    assert new.kind is CellKind.BLANK and new.value is None
    corrected = result.report.appeals.review.corrected
    assert corrected.kind is CellKind.PLACEHOLDER and corrected.raw == "/"
    codes = {(d.code, d.path) for d in result.diagnostics}
    assert ("R102", "requests.new.research_institution") in codes
    assert ("R103", "appeals.review.corrected") in codes


def test_trailing_empty_row_of_section_four_is_ignored() -> None:
    fragment = render.to_html(report_2021())
    empty = "<tr>" + "<td>&nbsp;</td>" * 15 + "</tr></table>"
    head, tail = fragment.rsplit("</table>", 1)
    result = _read(head + empty + tail)
    assert cell_values(result.report) == cell_values(report_2021())
    assert any(d.code == "R131" for d in result.diagnostics)


# --------------------------------------------------------------------------------------
# whole pages
# --------------------------------------------------------------------------------------


def test_article_is_found_in_a_page_with_navigation_scripts_and_footer() -> None:
    fragment = render.to_html(report_2019())
    page = (
        "<!DOCTYPE html><html><head><meta charset=utf-8>"
        "<title>上海市人民政府办公厅2019年政府信息公开工作年度报告_年报_上海市人民政府</title>"
        "<meta name=Author content=上海市人民政府办公厅>"
        "<meta name=PubDate content='2020-03-30 10:00'>"
        "<script>var s = '一、总体情况 六、其他需要报告的事项';</script>"
        "<style>p{}</style></head><body>"
        "<div class=nav><a href=/>首页</a> &gt; <a>政务公开</a> &gt; <a>政府信息公开年报</a></div>"
        "<div class=main><div class=article>" + fragment + "</div></div>"
        "<div class=footer><p>版权所有：上海市人民政府</p><p>网站标识码3100000001</p>"
        "<table><tr><td><a>关于我们</a></td><td><a>网站地图</a></td></tr></table></div>"
        "<script>document.write('扫一扫在手机打开当前页')</script></body></html>"
    )
    result = _read(page)
    report = result.report
    assert cell_values(report) == cell_values(report_2019())
    assert report.other_matters == OTHER
    assert "版权所有" not in (report.other_matters or "")
    assert not any("首页" in p.text for p in result.document.paragraphs())
    assert result.document.metadata["author"] == "上海市人民政府办公厅"
    assert report.info.published is not None and report.info.published.isoformat() == "2020-03-30"


def test_html_without_a_table_is_refused_clearly() -> None:
    page = (
        "<html><body><h1>某县2024年政府信息公开工作年度报告</h1>"
        "<p>一、总体情况</p><p>略。</p><img src=t.png></body></html>"
    )
    with pytest.raises(NoStandardTablesError) as info:
        _read(page, name="no-table.html")
    assert "no-table.html" in str(info.value) and "没有任何表格" in info.value.message


def test_a_page_that_is_not_a_report_is_refused() -> None:
    with pytest.raises(NoStandardTablesError) as info:
        _read("<html><body><table><tr><td>天气</td><td>晴</td></tr></table></body></html>")
    assert "不是政府信息公开工作年度报告" in info.value.message


def test_entity_declarations_are_not_expanded() -> None:
    bomb = (
        '<!DOCTYPE html [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><html><body><p>&c;&c;&c;</p></body></html>'
    )
    document = read_document(bomb.encode(), name="x.html")
    text = " ".join(p.text for p in document.paragraphs())
    assert "aaaaaaaaaa" not in text


def test_sniff() -> None:
    assert html_reader.sniff(b"<table><tr><td>1</td></tr></table>", None)
    assert html_reader.sniff("\ufeff<!DOCTYPE html><p>x</p>".encode(), "a.txt")
    assert not html_reader.sniff("一、总体情况\n规章 0 0 0\n".encode(), "a.html")
    assert not html_reader.sniff(b"\x00\x01<html>", None)


def test_paragraph_blocks_keep_headings_outside_tables() -> None:
    document = read_document(render.to_html(report_2021()).encode(), name="x.html")
    kinds = [type(b) for b in document.blocks]
    assert kinds.count(Table) == 3
    headings = [b.text for b in document.blocks if isinstance(b, Paragraph) and "、" in b.text[:2]]
    assert headings == [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ]
