"""Paragraphs a PDF broke into lines are joined again in HTML, Markdown and Word output.

A PDF report's narrative reads as one line per printed line; :func:`zfxxgk.convert.convert`
joins the lines that are wraps of one paragraph (:func:`~zfxxgk.convert.join_wrapped_lines`)
when it writes HTML, Markdown or DOCX.  Checked on rules, on a PDF written by the tests'
own PDF builder, and on the corpus's PDF reports against the HTML of the same report.
"""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest

import zfxxgk
from zfxxgk.convert import convert, join_wrapped_lines

from .conftest import SHARED
from .fixtures_office.report_tables import report_pdf

CORPUS = SHARED / "corpus"

# --------------------------------------------------------------------------------------
# the rules
# --------------------------------------------------------------------------------------

WIDE = "这是一行印到右边距的文字内容没有句末标点"  # 20 characters, no sentence end


def test_wrapped_cjk_lines_join_without_a_space() -> None:
    text = "\n".join([WIDE, WIDE, "最后一行。", WIDE, "结束了。"])
    assert join_wrapped_lines([text]) == [f"{WIDE}{WIDE}最后一行。\n{WIDE}结束了。"]


@pytest.mark.parametrize("mark", ["。", "；", "：", "！", "？", "。”", "！）"])
def test_a_sentence_end_ends_the_paragraph(mark: str) -> None:
    full = WIDE[: -len(mark)] + mark
    text = "\n".join([WIDE, WIDE, full, WIDE, "完。"])
    assert join_wrapped_lines([text])[0] == f"{WIDE}{WIDE}{full}\n{WIDE}完。"


@pytest.mark.parametrize("marker", ["一、", "（二）", "(3)", "4.", "5．", "6、"])
def test_a_heading_or_list_marker_opens_a_paragraph(marker: str) -> None:
    item = marker + WIDE[len(marker) :]
    text = "\n".join([WIDE, WIDE, item, WIDE, "完。"])
    assert join_wrapped_lines([text])[0] == f"{WIDE}{WIDE}\n{item}{WIDE}完。"


def test_a_number_starting_a_line_is_not_a_list_marker() -> None:
    text = "\n".join([WIDE, WIDE, "1.5万条信息已经公开发布到网站上的专栏之中", "完。"])
    assert join_wrapped_lines([text])[0].count("\n") == 0


def test_a_short_line_ends_the_paragraph() -> None:
    text = "\n".join([WIDE, WIDE, "短行", WIDE, "完。"])
    assert join_wrapped_lines([text])[0] == f"{WIDE}{WIDE}短行\n{WIDE}完。"


def test_latin_words_keep_a_space_digits_do_not() -> None:
    left = WIDE[:-4] + "open"
    text = "\n".join([left, "data 平台上线了。", WIDE[:-2] + "12", "34件。"])
    joined = join_wrapped_lines([text])[0]
    assert joined == f"{left} data 平台上线了。\n{WIDE[:-2]}1234件。"


def test_one_line_paragraphs_are_left_as_they_are() -> None:
    """HTML and Word give one line per paragraph, of any length: nothing is joined, even a
    long paragraph that does not end a sentence."""
    paragraphs = ["（一）主动公开情况", WIDE * 3, "全年公开信息386条。", WIDE * 2 + "没有句号"]
    text = "\n".join(paragraphs)
    assert join_wrapped_lines([text, None, ""]) == [text, None, ""]


def test_the_widest_line_of_all_sections_sets_the_margin() -> None:
    """Section 六 with one short wrapped line is measured against the other sections."""
    overview = "\n".join([WIDE, WIDE, "完。"])
    other = "\n".join(["全年未收费", "完。"])
    assert join_wrapped_lines([overview, other]) == [f"{WIDE}{WIDE}完。", other]


# --------------------------------------------------------------------------------------
# a PDF written by the tests
# --------------------------------------------------------------------------------------

PARAGRAPHS = (
    "2024年，某县坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实政府信息公开条例，"
    "持续推进政务公开标准化规范化建设，不断提升政府工作透明度。",
    "（一）主动公开情况。全年通过政府网站主动公开政府信息2488条，其中政策文件56件，"
    "政策解读21篇，回应社会关切12次。",
    "（二）依申请公开情况。全年受理政府信息公开申请64件，均在法定期限内予以答复。",
)


def _printed_lines(paragraph: str, width: int = 30) -> list[str]:
    return [paragraph[i : i + width] for i in range(0, len(paragraph), width)]


@pytest.fixture(scope="module")
def pdf_report(tmp_path_factory: pytest.TempPathFactory) -> zfxxgk.Report:
    pytest.importorskip("pdfplumber")
    lines = [line for paragraph in PARAGRAPHS for line in _printed_lines(paragraph)]
    path = tmp_path_factory.mktemp("reflow") / "report.pdf"
    path.write_bytes(report_pdf({}, overview=lines))
    report = zfxxgk.read(path).report
    assert report.overview is not None
    assert report.overview.count("\n") + 1 == len(lines) > len(PARAGRAPHS)  # as printed
    return report


def _html_paragraphs(page: str, heading: str) -> list[str]:
    tree = lxml.html.fromstring(page)
    out = []
    for h2 in tree.iter("h2"):
        if h2.text_content().startswith(heading):
            sibling = h2.getnext()
            while sibling is not None and sibling.tag == "p":
                out.append(sibling.text_content())
                sibling = sibling.getnext()
    return out


def test_html_of_a_pdf_has_whole_paragraphs(pdf_report: zfxxgk.Report) -> None:
    page = convert(pdf_report, "html").text
    assert page is not None
    assert _html_paragraphs(page, "一、") == list(PARAGRAPHS)


def test_markdown_of_a_pdf_has_whole_paragraphs(pdf_report: zfxxgk.Report) -> None:
    text = convert(pdf_report, "markdown").text
    assert text is not None
    for paragraph in PARAGRAPHS:
        assert f"\n{paragraph}\n" in text


def test_docx_of_a_pdf_has_whole_paragraphs(pdf_report: zfxxgk.Report, tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    convert(pdf_report, "docx", tmp_path / "r.docx")
    written = [p.text for p in docx.Document(str(tmp_path / "r.docx")).paragraphs]
    start = written.index("一、总体情况") + 1
    assert written[start : start + len(PARAGRAPHS)] == list(PARAGRAPHS)


def test_json_and_text_keep_the_lines_as_read(pdf_report: zfxxgk.Report) -> None:
    text = convert(pdf_report, "text").text
    assert text is not None
    assert PARAGRAPHS[0] not in text
    assert _printed_lines(PARAGRAPHS[0])[0] in text


# --------------------------------------------------------------------------------------
# the corpus
# --------------------------------------------------------------------------------------


def _corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"the shared corpus is not here ({CORPUS})")
    return CORPUS


def _narrative_paragraphs(report: zfxxgk.Report) -> list[str]:
    page = convert(report, "html").text
    assert page is not None
    return [p for h in ("一、", "五、", "六、") for p in _html_paragraphs(page, h)]


@pytest.mark.parametrize("case", ["hongze-2023-pdf", "hongze-2024-pdf", "huaian-2024-pdf"])
def test_corpus_pdf_paragraphs_end_sentences(case: str) -> None:
    """Joined, every narrative paragraph of these PDF reports ends a sentence (read as
    printed, most lines stopped mid-sentence at the margin)."""
    source = _corpus() / case / "source.pdf"
    pytest.importorskip("pdfplumber")
    report = zfxxgk.read(source).report
    lines = sum((t or "").count("\n") + 1 for t in (report.overview, report.problems))
    paragraphs = _narrative_paragraphs(report)
    assert 5 <= len(paragraphs) < lines / 3
    assert all(p.endswith("。") for p in paragraphs), paragraphs


def test_corpus_pdf_reads_into_the_paragraphs_of_its_html() -> None:
    """pingtan-2025 is published as a web page and as a PDF: the PDF's paragraphs, joined,
    are the web page's paragraphs (up to spaces)."""
    corpus = _corpus()
    pytest.importorskip("pdfplumber")
    from_pdf = _narrative_paragraphs(zfxxgk.read(corpus / "pingtan-2025-pdf/source.pdf").report)
    from_html = _narrative_paragraphs(zfxxgk.read(corpus / "pingtan-2025-html/source.html").report)

    def squeeze(texts: list[str]) -> list[str]:
        return ["".join(t.split()) for t in texts]

    assert squeeze(from_pdf) == squeeze(from_html)
