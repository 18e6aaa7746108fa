"""``zfxxgk convert`` and :mod:`zfxxgk.convert`: JSON, standalone HTML (read in headless
Chromium), Markdown, text and DOCX, each read back to the same numbers."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from lxml import html as lxml_html

from zfxxgk import render, serialize
from zfxxgk.cells import Cell, CellKind
from zfxxgk.cli import main
from zfxxgk.convert import TOTAL_CODES, compute_totals, convert, format_for, read_input
from zfxxgk.errors import MissingDependencyError
from zfxxgk.model import Report
from zfxxgk.readers import read
from zfxxgk.rules import check
from zfxxgk.template import get_at, iter_cells, replace_at

from .browser import CHROMIUM, dump_dom
from .fixtures.reports import cell_values, report_2019, report_2021


def wrong_2021() -> Report:
    """Two printed totals that do not add up, and a blank and a placeholder cell."""
    report = report_2021()
    report = replace_at(report, "appeals.review.total", Cell.of(11))  # 2 + 1 + 3 + 4 = 10
    report = replace_at(report, "requests.outcomes.disclosed.total", Cell.of(20))
    report = replace_at(report, "appeals.lawsuit_direct.corrected", Cell.blank())
    return replace_at(report, "proactive.regulations.repealed", Cell.placeholder("/"))


REPORTS = {
    "2021": report_2021,
    "2021-one-row-other": lambda: report_2021(single=True),
    "2019": report_2019,
    "2021-wrong": wrong_2021,
}


def numbers(report: Report) -> dict[str, tuple[CellKind, object]]:
    return {spec.dotted: (cell.kind, cell.value) for spec, cell in iter_cells(report)}


# --------------------------------------------------------------------------------------
# formats
# --------------------------------------------------------------------------------------


def test_format_from_suffix() -> None:
    assert format_for("a/b.HTML") == "html"
    assert format_for("r.md") == "markdown"
    assert format_for("r.docx") == "docx"
    with pytest.raises(ValueError, match="--to"):
        format_for("r.pdf")


@pytest.mark.parametrize("labels", [False, True])
def test_json_round_trip(tmp_path: Path, labels: bool) -> None:
    report = wrong_2021()
    target = tmp_path / "r.json"
    convert(report, "json", target, labels=labels)
    assert serialize.loads(target.read_text("utf-8")) == report
    assert read_input(target).report == report  # JSON is an input too


@pytest.mark.parametrize("name", sorted(REPORTS))
@pytest.mark.parametrize("to", ["html", "markdown", "text"])
def test_text_formats_read_back(tmp_path: Path, name: str, to: str) -> None:
    report = REPORTS[name]()
    suffix = {"html": ".html", "markdown": ".md", "text": ".txt"}[to]
    target = tmp_path / f"r{suffix}"
    done = convert(report, to, target)
    assert done.path == str(target)
    assert cell_values(read(target).report) == cell_values(report)


def test_markdown_and_text_are_the_renderings(tmp_path: Path) -> None:
    report = report_2019()
    assert convert(report, "markdown").text == render.to_markdown(report)
    assert convert(report, "text").text == render.to_text(report)


def test_html_is_standalone_with_failing_cells_marked() -> None:
    page = convert(wrong_2021(), "html").text
    assert page is not None
    tree = lxml_html.fromstring(page)
    assert tree.xpath("//style") and not tree.xpath("//script | //link | //img | //iframe")
    assert not any(
        value.startswith(("http:", "https:", "//"))
        for value in tree.xpath("//@src | //@href")  # no external resource at all
    )
    (review,) = tree.xpath('//td[@data-path="appeals.review.total"]')
    assert "zfxxgk-error" in review.get("class")
    assert review.get("data-codes") == "S4-TOTAL"
    assert review.get("title").startswith("规则 S4-TOTAL（错误）：应为 10")
    (blank,) = tree.xpath('//td[@data-path="appeals.lawsuit_direct.corrected"]')
    assert "zfxxgk-warning" in blank.get("class") and "CELL-BLANK" in blank.get("title")
    (fine,) = tree.xpath('//td[@data-path="requests.new.natural_person"]')
    assert fine.get("class") == "zfxxgk-value" and fine.get("title") is None
    listed = tree.xpath('//ol[@class="zfxxgk-findings"]/li')
    assert len(listed) == len(check(wrong_2021()))


def test_html_without_checks(tmp_path: Path) -> None:
    page = convert(wrong_2021(), "html", check=False).text
    assert page is not None and 'zfxxgk-error"' not in page and "检查结果" not in page


def test_render_keeps_its_plain_html_without_findings() -> None:
    report = report_2021()
    assert "data-path" not in render.to_html(report)
    assert "data-path" in render.to_html(report, findings=[])


# --------------------------------------------------------------------------------------
# totals
# --------------------------------------------------------------------------------------


def test_compute_totals_fixes_the_totals_only() -> None:
    wrong = wrong_2021()
    assert TOTAL_CODES & check(wrong).codes
    fixed = compute_totals(wrong)
    assert not TOTAL_CODES & check(fixed).codes
    assert fixed.appeals.review.total == Cell.of(10)
    assert fixed.requests.outcomes.disclosed.total == Cell.of(21)
    changed = {
        spec.dotted
        for (spec, a), (_, b) in zip(iter_cells(wrong), iter_cells(fixed), strict=True)
        if a != b
    }
    assert changed == {"appeals.review.total", "requests.outcomes.disclosed.total"}


@pytest.mark.parametrize("name", ["2021", "2021-one-row-other", "2019"])
def test_compute_totals_leaves_a_consistent_report_alone(name: str) -> None:
    report = REPORTS[name]()
    assert compute_totals(report) == report


def test_compute_totals_from_parts_only() -> None:
    """A report written with its parts and every total blank gets all of them."""
    report = report_2021()
    for spec, _ in iter_cells(report):
        if spec.column == "总计":
            report = replace_at(report, spec.path, Cell.blank())
    filled = compute_totals(report)
    assert numbers(filled) == numbers(report_2021())


# --------------------------------------------------------------------------------------
# DOCX
# --------------------------------------------------------------------------------------

docx = pytest.importorskip("docx", reason="python-docx is the docx extra")


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_docx_reads_back_to_the_same_numbers(tmp_path: Path, name: str) -> None:
    report = REPORTS[name]()
    target = tmp_path / "r.docx"
    convert(report, "docx", target)
    back = read(target).report
    assert back.info.template is report.info.template
    assert (back.info.agency, back.info.year) == (report.info.agency, report.info.year)
    assert cell_values(back) == cell_values(report)


def test_docx_tables_are_merged_as_the_template_draws_them(tmp_path: Path) -> None:
    target = tmp_path / "r.docx"
    convert(report_2021(), "docx", target)
    document = docx.Document(str(target))
    assert len(document.tables) == 3
    requests = document.tables[1]
    xml = requests._tbl.xml
    assert 'w:gridSpan w:val="7"' in xml  # 申请人情况 over the seven columns
    assert "w:vMerge" in xml  # 三、本年度办理结果 down its rows
    assert requests.cell(0, 0).text.startswith("（本列数据的勾稽关系为")
    assert requests.cell(3, 0).text == "一、本年新收政府信息公开申请数量"
    assert requests.cell(5, 0).text == requests.cell(20, 0).text == "三、本年度办理结果"
    assert document.core_properties.author == report_2021().info.agency


def test_docx_with_totals_filled_from_a_json_draft(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Writing a report: the parts in JSON, totals blank or wrong; Word file with totals."""
    draft = wrong_2021()
    draft = replace_at(draft, "requests.new.total", Cell.blank())
    source = tmp_path / "draft.json"
    source.write_text(serialize.dumps(draft), "utf-8")
    plain = tmp_path / "as-printed.docx"
    filled = tmp_path / "filled.docx"
    assert main(["convert", str(source), "-o", str(plain)]) == 0
    assert "--fill-totals" in capsys.readouterr().err  # the hint about the totals
    assert main(["convert", str(source), "-o", str(filled), "--fill-totals"]) == 0
    assert capsys.readouterr().err == ""
    back = read(filled).report
    assert not TOTAL_CODES & check(back).codes
    assert back.requests.new.total == Cell.of(73)
    assert back.appeals.review.total == Cell.of(10)
    assert numbers(back) == numbers(compute_totals(draft))
    assert get_at(read(plain).report, "appeals.review.total") == Cell.of(11)


def test_docx_needs_python_docx(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "docx", None)
    with pytest.raises(MissingDependencyError, match=r"pip install 'zfxxgk\[docx\]'"):
        convert(report_2021(), "docx", tmp_path / "r.docx")


# --------------------------------------------------------------------------------------
# the command
# --------------------------------------------------------------------------------------


def test_convert_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "r.md"
    source.write_text(render.to_markdown(report_2019()), "utf-8")
    assert main(["convert", str(source), "-o", str(tmp_path / "r.json")]) == 0
    assert serialize.loads((tmp_path / "r.json").read_text("utf-8")) == read(source).report
    assert main(["convert", str(source), "-o", "-", "--to", "text"]) == 0
    assert capsys.readouterr().out == render.to_text(read(source).report)
    assert main(["convert", str(source), "-o", str(tmp_path / "r.out"), "--to", "html"]) == 0
    assert (tmp_path / "r.out").read_text("utf-8").startswith("<!DOCTYPE html>")


def test_convert_command_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "r.md"
    source.write_text(render.to_markdown(report_2021()), "utf-8")
    assert main(["convert", str(source), "-o", str(tmp_path / "r.xyz")]) == 2
    assert "--to" in capsys.readouterr().err
    assert main(["convert", str(source), "-o", "-", "--to", "docx"]) == 2
    assert "DOCX" in capsys.readouterr().err
    assert main(["convert", str(tmp_path / "none.md"), "-o", str(tmp_path / "x.html")]) == 2
    assert "文件不存在" in capsys.readouterr().err
    assert main(["convert", str(source)]) == 2  # -o is required


# --------------------------------------------------------------------------------------
# the HTML page in a real browser
# --------------------------------------------------------------------------------------


@pytest.mark.skipif(
    CHROMIUM is None,
    reason="no Chromium on this machine (Debian: apt-get install chromium); "
    "the page's markup is still checked by test_html_is_standalone_with_failing_cells_marked",
)
@pytest.mark.parametrize("name", ["2021-wrong", "2019"])
def test_html_in_headless_chromium_shows_the_three_tables(tmp_path: Path, name: str) -> None:
    assert CHROMIUM is not None
    report = REPORTS[name]()
    page = tmp_path / "report.html"
    convert(report, "html", page)
    dom = lxml_html.fromstring(dump_dom(page.resolve().as_uri(), tmp_path))
    tables = dom.xpath('//table[@class="zfxxgk-table"]')
    assert [t.get("data-section") for t in tables] == ["二", "三", "四"]
    shown = {td.get("data-path"): td.text_content() for td in dom.xpath("//td[@data-path]")}
    expected = {}
    for spec, cell in iter_cells(report):
        text = cell.display()
        if cell.raw is None and cell.unit is not None and spec.unit is None:
            text += cell.unit.value
        expected[spec.dotted] = text
    assert shown == expected
    headers = {td.text_content() for td in tables[1].xpath(".//td[not(@data-path)]")}
    assert {
        "自然人",
        "商业企业",
        "法人或其他组织",
        "（七）总计",
        "四、结转下年度继续办理",
    } <= headers
    failing = {
        td.get("data-path"): td.get("title")
        for td in dom.xpath('//td[contains(@class, "zfxxgk-error")]')
    }
    errors_at_cells = {f.path for f in check(report) if f.severity.value == "error"} & set(expected)
    assert set(failing) == errors_at_cells
    if name == "2021-wrong":
        assert failing["appeals.review.total"].startswith("规则 S4-TOTAL（错误）：应为 10")
