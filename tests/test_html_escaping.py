"""Every HTML the library writes is built as a tree and serialised, so nothing it shows can
break the page: an agency, a title, a narrative paragraph, a label, a finding's code, place
and message holding ``<script>``, ``&`` or quotes come out as text.

Checked on ``convert --to html`` (:func:`zfxxgk.html_report.to_standalone_html`), the plain
page and fragment, and the notebook views, parsed back with lxml: no element the text named
appears, and the text reads back exactly.
"""

from __future__ import annotations

import attrs
import lxml.html
import pytest

from zfxxgk import html_report, notebook
from zfxxgk.diagnostics import Severity
from zfxxgk.grids import GridCell
from zfxxgk.rules import Finding, Findings

from .fixtures.reports import report_2021

HOSTILE = '<script>alert("x&y")</script> A&B \'q\' "d" </td></table><b>'
"""Text that would end a cell, a table and open elements if it were pasted in unescaped."""


def _hostile_report() -> object:
    report = report_2021()
    info = attrs.evolve(report.info, agency=f"某局{HOSTILE}", title=f"报告{HOSTILE}")
    return attrs.evolve(report, info=info, overview=f"第一段{HOSTILE}\n第二段&amp;不是实体")


FINDING = Finding(
    code=f"X-{HOSTILE}",
    severity=Severity.ERROR,
    message=f"说明{HOSTILE}",
    path="requests.new.total",
    labels=("三", f"行{HOSTILE}"),
    reported=1,
    expected=2,
)


def _parse(page: str) -> lxml.html.HtmlElement:
    tree = lxml.html.fromstring(page)
    # nothing the hostile text names became an element
    assert not tree.xpath("//script") and not tree.xpath("//b")
    return tree


def _texts(tree: lxml.html.HtmlElement) -> str:
    return tree.text_content()


def test_standalone_page_escapes_everything() -> None:
    report = _hostile_report()
    page = html_report.to_standalone_html(report, findings=[FINDING])  # type: ignore[arg-type]
    assert "<script>" not in page and "&lt;script&gt;" in page
    tree = _parse(page)
    assert tree.findtext(".//title") == f"报告{HOSTILE}"
    assert tree.xpath("//meta[@name='author']/@content") == [f"某局{HOSTILE}"]
    paragraphs = [p.text_content() for p in tree.iter("p")]
    assert f"第一段{HOSTILE}" in paragraphs
    assert "第二段&amp;不是实体" in paragraphs  # an entity-looking text stays text
    item = tree.xpath("//ol[@class='zfxxgk-findings']/li")[0].text_content()
    assert f"X-{HOSTILE}" in item and f"说明{HOSTILE}" in item and f"行{HOSTILE}" in item
    cell = tree.xpath("//td[@data-path='requests.new.total']")[0]
    assert f"X-{HOSTILE}" in cell.get("data-codes")
    assert f"说明{HOSTILE}" in cell.get("title")
    # the tables are whole: 三 still has its 28 rows
    three = tree.xpath("//table[@data-section='三']")[0]
    assert len(three.findall("tr")) == 28


def test_fragment_and_plain_page_escape_everything() -> None:
    report = _hostile_report()
    for text in (
        html_report.to_html(report),  # type: ignore[arg-type]
        html_report.to_html(report, page=True),  # type: ignore[arg-type]
    ):
        tree = _parse(text)
        assert f"报告{HOSTILE}" in _texts(tree)


def test_a_table_cell_label_is_escaped() -> None:
    grid = [[GridCell(HOSTILE, colspan=2)], [GridCell("a&b"), GridCell("1", label=False)]]
    table = _parse(html_report.html_table(grid))
    assert [td.text_content() for td in table.iter("td")] == [HOSTILE, "a&b", "1"]


def test_notebook_views_escape_everything() -> None:
    report = _hostile_report()
    findings = Findings([FINDING])
    for view in (
        notebook.report_html(report, findings=findings),  # type: ignore[arg-type]
        notebook.findings_html(findings),
    ):
        tree = _parse(view)
        assert HOSTILE in _texts(tree)
    rows = _parse(notebook.findings_html(findings)).xpath("//tr")
    assert [td.text_content() for td in rows[1]][:3] == [f"X-{HOSTILE}", "错误", f"三/行{HOSTILE}"]


@pytest.mark.parametrize("char", ["\x00", "\x08", "\x1b", "\ud800"])
def test_a_control_character_does_not_stop_the_page(char: str) -> None:
    report = report_2021()
    report = attrs.evolve(report, overview=f"第一段{char}完")
    tree = _parse(html_report.to_standalone_html(report))
    assert "第一段\ufffd完" in _texts(tree)
