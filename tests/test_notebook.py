"""Notebook views: ``_repr_html_`` on reports, their tables, findings, parse results and
batch items; ``to_dataframe()`` for one report, for findings and for a whole batch."""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import html as lxml_html

from zfxxgk import batch, render
from zfxxgk.batch import read_many
from zfxxgk.cells import Cell, CellKind
from zfxxgk.errors import MissingDependencyError
from zfxxgk.export import CELL_COLUMNS, FINDING_COLUMNS
from zfxxgk.model import Report
from zfxxgk.readers import read
from zfxxgk.rules import check
from zfxxgk.template import iter_cells, replace_at

from .fixtures.reports import report_2019, report_2021


def wrong() -> Report:
    report = replace_at(report_2021(), "appeals.review.total", Cell.of(11))
    return replace_at(report, "appeals.lawsuit_direct.corrected", Cell.blank())  # was 0


def tree(markup: str) -> lxml_html.HtmlElement:
    return lxml_html.fromstring(markup)


# --------------------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------------------


def test_report_html_is_compact_with_three_tables_and_marks() -> None:
    report = wrong()
    page = tree(report._repr_html_())
    assert page.xpath("//h3")[0].text_content() == report.info.title
    text = page.text_content()
    assert "2024年度 · 2021 年版格式" in text and "发布于 2025-01-20" in text
    assert [h.text_content() for h in page.xpath("//h4")] == [
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
    ]
    assert len(page.xpath("//table")) == 3
    assert report.overview is not None and report.overview.splitlines()[0] not in text
    (cell,) = page.xpath('//td[@data-path="appeals.review.total"]')
    assert "zfxxgk-error" in cell.get("class") and "应为 10" in cell.get("title")
    (blank,) = page.xpath('//td[@data-path="appeals.lawsuit_direct.corrected"]')
    assert "zfxxgk-warning" in blank.get("class")
    assert len(page.xpath("//td[@data-path]")) == len(list(iter_cells(report)))


def test_section_html_on_each_table_object() -> None:
    for report in (report_2021(), report_2019(), report_2021(single=True)):
        for section, number in (
            (report.proactive, "二"),
            (report.requests, "三"),
            (report.appeals, "四"),
        ):
            page = tree(section._repr_html_())
            assert page.xpath("//h4")[0].text_content().startswith(f"{number}、")
            (table,) = page.xpath("//table")
            full = tree(render.to_html(report)).xpath("//table")
            index = "二三四".index(number)
            assert [td.text_content() for td in table.xpath(".//td")] == [
                td.text_content() for td in full[index].xpath(".//td")
            ]


def test_section_html_refuses_other_objects() -> None:
    with pytest.raises(TypeError, match="not a table section"):
        render.section_grid(report_2021().requests.new)  # type: ignore[arg-type]


def test_findings_html_table() -> None:
    findings = check(wrong())
    page = tree(findings._repr_html_())
    rows = page.xpath("//tr")[1:]
    assert len(rows) == len(findings)
    s4 = next(r for r in rows if "S4-TOTAL" in r.text_content())
    cells = [td.text_content() for td in s4.xpath("td")]
    assert cells[:5] == ["S4-TOTAL", "错误", "四/行政复议/总计", "11", "10"]
    assert "未发现问题" in check(report_2021(single=False)).__class__(())._repr_html_()


def test_parse_result_and_batch_item_html(tmp_path: Path) -> None:
    source = tmp_path / "r.html"
    source.write_text(render.to_html(wrong()), "utf-8")
    result = read(source)
    markup = result._repr_html_()
    assert str(source) in markup and "读取诊断" in markup and "<table" in markup
    (item,) = read_many([source])
    assert str(source) in item._repr_html_() and "zfxxgk-error" in item._repr_html_()
    (bad,) = read_many([tmp_path / "missing.pdf"])
    assert "无法读取" in bad._repr_html_() and "E100" in bad._repr_html_()


# --------------------------------------------------------------------------------------
# pandas
# --------------------------------------------------------------------------------------

pd = pytest.importorskip("pandas", reason="pandas is the pandas extra")


def test_report_to_dataframe() -> None:
    report = wrong()
    frame = report.to_dataframe()
    assert list(frame.columns) == list(CELL_COLUMNS)
    assert len(frame) == len(list(iter_cells(report)))
    row = frame.set_index("path").loc["requests.outcomes.total.total"]
    assert (row["section"], row["row"], row["column"]) == (
        "三",
        "三、本年度办理结果/（七）总计",
        "总计",
    )
    assert row["value"] == report.requests.outcomes.total.total.value
    # a nullable numeric column (issue 18), each number exact: money gives its Decimal back
    assert str(frame["value"].dtype) == "Float64"
    fee = frame.set_index("path").loc["proactive.fees.amount", "value"]
    assert Decimal(repr(float(fee))) == Decimal("96171.6")
    blank = frame.set_index("path").loc["appeals.lawsuit_direct.corrected"]
    assert pd.isna(blank["value"]) and blank["kind"] == "blank"  # NA, not 0
    assert str(frame["year"].dtype) == "Int64"
    for name in ("section", "row", "column"):
        assert frame[name].dtype == "category" and frame[name].cat.ordered


def test_unknown_cells_are_na_with_a_status_and_left_out_only_when_asked() -> None:
    report = replace_at(report_2021(), "appeals.review.upheld", Cell.missing())
    report = replace_at(report, "appeals.review.total", Cell.unread())
    full = report.to_dataframe()
    assert len(full) == len(list(iter_cells(report)))
    rows = full.set_index("path")
    assert rows.loc["appeals.review.upheld", "kind"] == CellKind.MISSING.value
    assert rows.loc["appeals.review.upheld", "status"] == "missing"
    assert rows.loc["appeals.review.total", "status"] == "unread"
    assert pd.isna(rows.loc["appeals.review.total", "value"])  # NA, never 0
    assert (rows["status"] == "").sum() == len(full) - 2  # a read cell has no status
    assert full.attrs["completeness"] == {
        "expected": len(full),
        "read": len(full) - 2,
        "unread": 1,
        "not_printed": 1,
        "ratio": round((len(full) - 2) / len(full), 4),
    }
    known = report.to_dataframe(include_missing=False)
    assert len(known) == len(full) - 2 and set(known["status"]) == {""}


def test_reports_dataframe_has_the_completeness_of_each_file(tmp_path: Path) -> None:
    from zfxxgk.batch import read_many
    from zfxxgk.records import REPORT_COLUMNS, reports_dataframe

    (tmp_path / "a.md").write_text(render.to_markdown(report_2019()), "utf-8")
    (tmp_path / "b.pdf").write_bytes(b"not a pdf")
    frame = reports_dataframe(read_many([tmp_path], check=False))
    assert list(frame.columns) == list(REPORT_COLUMNS)
    rows = frame.set_index("file")
    read_row = rows.loc[str(tmp_path / "a.md")]
    assert read_row["cells_read"] == read_row["cells_expected"] > 0
    assert read_row["cells_unread"] == 0 and read_row["completeness"] == 1.0
    bad = rows.loc[str(tmp_path / "b.pdf")]
    assert pd.isna(bad["cells_read"]) and pd.isna(bad["completeness"]) and bad["error"]


def test_parse_result_to_dataframe(tmp_path: Path) -> None:
    source = tmp_path / "r.md"
    source.write_text(render.to_markdown(report_2019()), "utf-8")
    frame = read(source).to_dataframe()
    assert set(frame["file"]) == {str(source)} and set(frame["template"]) == {"2019"}


def test_findings_to_dataframe() -> None:
    findings = check(wrong())
    frame = findings.to_dataframe()
    assert list(frame.columns) == list(FINDING_COLUMNS)
    assert len(frame) == len(findings)
    s4 = frame[frame["code"] == "S4-TOTAL"].iloc[0]
    assert (s4["labels"], s4["reported"], s4["expected"]) == ("四/行政复议/总计", 11, 10)
    # nullable numbers (issue 18): NA where a finding has none, never an object column
    assert str(frame["reported"].dtype) == str(frame["expected"].dtype) == "Float64"
    assert frame["expected"].isna().sum() == sum(f.expected is None for f in findings)


def test_batch_to_dataframe(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text(render.to_html(report_2021()), "utf-8")
    (tmp_path / "b.md").write_text(render.to_markdown(wrong()), "utf-8")
    (tmp_path / "c.txt").write_text("不是报告\n", "utf-8")
    items = list(read_many([tmp_path]))
    cells = batch.to_dataframe(items)
    assert list(cells.columns) == list(CELL_COLUMNS)
    assert {Path(f).name for f in cells["file"]} == {"a.html", "b.md"}
    assert len(cells) == 2 * len(list(iter_cells(report_2021())))
    tidy = cells.pivot_table(index="path", columns="file", values="kind", aggfunc="first")
    assert tidy.shape == (len(list(iter_cells(report_2021()))), 2)
    found = batch.findings_dataframe(items)
    assert list(found.columns) == list(FINDING_COLUMNS)
    unreadable = found[found["code"] == "E104"]
    assert len(unreadable) == 1 and unreadable.iloc[0]["file"].endswith("c.txt")
    assert "S4-TOTAL" in set(found[found["file"].str.endswith("b.md")]["code"])


def test_pandas_is_optional(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(MissingDependencyError, match=r"pip install 'zfxxgk\[pandas\]'"):
        report_2021().to_dataframe()
    assert "<table" in report_2021()._repr_html_()  # HTML needs no pandas
