"""Narrative claims against the tables of the real reports in ``../shared/corpus``.

The tables come from each case's ``cells.csv`` (hand-checked truth), the narrative from its
``source.*`` by a crude cut: the text before the first table is 一、总体情况, the text from the
problems heading after the tables is 五 and 六.  Skips with a reason when the corpus (or an
optional dependency for one format) is absent.
"""

from __future__ import annotations

import csv
import functools
import json
import re
from pathlib import Path

import attrs
import pytest

from zfxxgk import template
from zfxxgk.cells import Cell, parse_cell
from zfxxgk.model import DisclosureRequests, Report, Template, proactive_2019, proactive_2021
from zfxxgk.narrative import (
    ClaimKind,
    check_claims,
    extract_claims,
)
from zfxxgk.rules import check_fee_statement, check_problems_section, check_years, compare_claims

from .conftest import SHARED

CORPUS = SHARED / "corpus"
NO_CORPUS = f"the shared corpus is not here ({CORPUS}); set ZFXXGK_SHARED to its parent"

CASES = (
    sorted(p.name for p in CORPUS.iterdir() if (p / "cells.csv").exists())
    if CORPUS.is_dir()
    else []
)

EXPECTED: dict[str, set[tuple[str, int]]] = {
    # meta.json: 总体情况 says 受理依申请公开事项69件, table 三 has 63 new + 1 carried over
    "seed-xihongmen-2024": {("N101", 69)},
    # meta.json: '区政府办代表区政府受理政府信息公开申请17件', table 一 = 95
    "hongze-2024-pdf": {("N101", 17)},
    # meta.json: narrative says 现行有效行政规范性文件393件, the table says 470
    "pingtan-2023-crawltext": {("N131", 393)},
    "pingtan-2023-html": {("N131", 393)},
    "pingtan-2023-w3mtext": {("N131", 393)},  # the same report, dumped by w3m
    # Not in meta.json (its notes are about the HTML), checked by hand against cells.csv:
    # "予以公开及部分公开258件" — 258 is only the 自然人 cell of （一）; （一）+（二） = 272 + 3;
    # "无法提供265件" — （四） adds up to 337; "行政复议7件，诉讼9件，均获维持" — 尚未审结 is 2
    # for reviews and 1 for lawsuits.
    "shanghai-office-2019-html": {("N106", 258), ("N108", 265), ("N124", 0), ("N125", 0)},
    "shanghai-office-2019-docx": {("N106", 258), ("N108", 265), ("N124", 0), ("N125", 0)},
    # Verified against the source (not in meta.json): "所有申请均已按要求办理完成" while 四 is 1
    # (自然人; the text itself goes on: "转下一年度办理答复的有 1 件").
    "kewei-shanghai-2024-markdown": {("N112", 0)},
}


def _source_text(case: Path) -> str:
    source = next(case.glob("source.*"))
    if source.suffix in (".txt", ".md"):
        return source.read_text(encoding="utf-8")
    if source.suffix == ".html":
        import lxml.html

        markup = re.sub(r"(?is)<(script|style)\b.*?</\1\s*>", "", source.read_text("utf-8"))
        return "".join(str(t) for t in lxml.html.document_fromstring(markup).itertext())
    if source.suffix == ".pdf":
        pdfplumber = pytest.importorskip("pdfplumber", reason="PDF text needs pdfplumber")
        with pdfplumber.open(source) as pdf:
            return "\n".join(page.extract_text() or "" for page in pdf.pages)
    if source.suffix == ".docx":
        docx2python = pytest.importorskip("docx2python", reason="DOCX text needs docx2python")
        with docx2python.docx2python(source) as document:
            return str(document.text)
    pytest.skip(f"no text extraction for {source.suffix} in this test")


def _without_trailing_heading(text: str) -> str:
    """``…工作。\n二、`` → ``…工作。``: drop the number of the heading that was cut off."""
    text = text.rstrip().rstrip("#").rstrip()
    if len(text) >= 2 and text[-1] in "、.．" and text[-2] in "一二三四五六":
        text = text[:-2]
    return text.rstrip().rstrip("#").rstrip()


def _sections(text: str) -> tuple[str, str | None, str | None]:
    """A crude cut of (一 总体情况, 五, 六) from a report's whole text."""
    tables = text.find("第二十条")
    if tables < 0:
        return text, None, None
    start2 = text.rfind("主动公开政府信息", 0, tables)
    overview = _without_trailing_heading(text[: start2 if start2 > 0 else tables])
    five = re.compile(r"存在的主要问题|（一）主要问题").search(text, tables)
    six = text.rfind("其他需要报告的事项")
    problems = text[five.start() : six] if five is not None and six > five.start() else None
    other = text[six + len("其他需要报告的事项") :] if six > tables else None
    return overview, problems, other


@functools.cache
def _report(case: Path) -> Report:
    """The case's report: tables from cells.csv, narrative cut from the source (cached)."""
    meta = json.loads((case / "meta.json").read_text(encoding="utf-8"))
    tpl = Template.V2021 if meta["template"] == "2021" else Template.V2019
    with (case / "cells.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    single = tpl is Template.V2019 or any(
        r["row"] == "三、本年度办理结果/（六）其他处理" for r in rows
    )
    printed = {(r["section"], r["row"], r["column"]): r for r in rows}
    report = Report.build(
        agency=meta["agency"],
        year=meta["year"],
        proactive=proactive_2021() if tpl is Template.V2021 else proactive_2019(),
        requests=DisclosureRequests.from_counts(other_handling_single=() if single else None),
    )
    for spec in template.cell_specs(tpl, other_single=single):
        row = printed.get((spec.section, spec.row_label, spec.column))
        if row is None:
            cell = Cell.missing()
        else:
            cell, _ = parse_cell(row["raw"] or row["value"] or "", spec.value_kind)
        report = template.replace_at(report, spec.path, cell)
    overview, problems, other = _sections(_source_text(case))
    return attrs.evolve(report, overview=overview, problems=problems, other_matters=other)


@pytest.mark.skipif(not CORPUS.is_dir(), reason=NO_CORPUS)
@pytest.mark.parametrize("name", CASES)
def test_mismatches_are_the_known_ones(name: str) -> None:
    report = _report(CORPUS / name)
    found = {(m.code, int(m.claim.value)) for m in compare_claims(report)}
    assert found == EXPECTED.get(name, set())


@pytest.mark.skipif(not CORPUS.is_dir(), reason=NO_CORPUS)
def test_seed_mismatch_quotes_the_sentence() -> None:
    report = _report(CORPUS / "seed-xihongmen-2024")
    (mismatch,) = compare_claims(report)
    assert mismatch.claim.kind is ClaimKind.RECEIVED
    assert (
        mismatch.quote
        == "2024年西红门镇受理依申请公开事项69件，严格按照依申请公开办理要求及时办理和回复。"
    )
    assert mismatch.table_values == (63, 64)
    assert mismatch.paths == ("requests.new.total", "requests.carried_over.total")
    assert report.overview is not None
    start, end = mismatch.claim.span
    assert report.overview[start:end] == "69件"


@pytest.mark.skipif(not CORPUS.is_dir(), reason=NO_CORPUS)
def test_a_department_report_states_every_outcome() -> None:
    comparisons = check_claims(_report(CORPUS / "kewei-shanghai-2024-markdown"))
    assert [c.claim.kind for c in comparisons] == [
        ClaimKind.REVIEWS,
        ClaimKind.REVIEW_CORRECTED,
        ClaimKind.LAWSUITS,
        ClaimKind.RECEIVED,
        ClaimKind.CARRIED_OVER,
        ClaimKind.ALL_HANDLED,  # 所有申请均已按要求办理完成: 四 is 1, a mismatch (N112)
        ClaimKind.DISCLOSED,
        ClaimKind.PARTIALLY_DISCLOSED,
        ClaimKind.WITHHELD,
        ClaimKind.UNAVAILABLE,
        ClaimKind.NOT_PROCESSED,
        ClaimKind.OTHER_HANDLING,
        ClaimKind.CARRIED_FORWARD,
    ]
    # 四 总计 is lost in the extracted text: the claim matches the sum of the columns
    forward = comparisons[-1]
    assert forward.matched is not None and forward.matched.blank


@pytest.mark.skipif(not CORPUS.is_dir(), reason=NO_CORPUS)
def test_county_counts_scopes_and_cases() -> None:
    comparisons = check_claims(_report(CORPUS / "shuyang-county-2025-ocrtext"))
    assert [(c.claim.kind, c.claim.value, c.claim.scope) for c in comparisons] == [
        (ClaimKind.RECEIVED, 749, None),
        (ClaimKind.RECEIVED, 741, "自然人"),
        (ClaimKind.RECEIVED, 8, "法人或其他组织"),
        (ClaimKind.HANDLED, 718, None),
        (ClaimKind.CARRIED_FORWARD, 31, None),
        (ClaimKind.CASES, 74, None),
    ]
    assert all(c.matched is not None for c in comparisons)


@pytest.mark.skipif(not CORPUS.is_dir(), reason=NO_CORPUS)
def test_city_report_with_case_outcomes() -> None:
    comparisons = check_claims(_report(CORPUS / "huaian-2024-pdf"))
    assert len(comparisons) == 14
    assert all(c.matched is not None for c in comparisons)


@pytest.mark.skipif(not CORPUS.is_dir(), reason=NO_CORPUS)
@pytest.mark.parametrize("name", CASES)
def test_text_checks_find_no_false_year_problem(name: str) -> None:
    report = _report(CORPUS / name)
    if report.info.year is None:
        return
    for text in (report.overview, report.problems, report.other_matters):
        if text:
            assert check_years(text, report.info.year) == ()


@pytest.mark.skipif(not CORPUS.is_dir(), reason=NO_CORPUS)
@pytest.mark.parametrize("name", CASES)
def test_problems_and_fee_statement(name: str) -> None:
    report = _report(CORPUS / name)
    if name.startswith("template-"):
        assert [p.code for p in check_problems_section(report.problems)] == ["N212"]
        return
    assert check_problems_section(report.problems) == ()
    fee = check_fee_statement(report.other_matters, year=report.info.year)
    # the 2019/2020 reports (old fee rules) and the Shanghai office say only "无"
    assert bool(fee) == (report.info.year is not None and report.info.year < 2021)


@pytest.mark.skipif(not CORPUS.is_dir(), reason=NO_CORPUS)
def test_pre_2019_report_is_read_without_error() -> None:
    case = CORPUS / "pingtan-2018-pre2019-crawltext"
    text = (case / "source.txt").read_text(encoding="utf-8")
    claims = extract_claims(text)
    assert {c.kind for c in claims} <= set(ClaimKind)
    for claim in claims:
        assert 0 <= claim.span[0] <= claim.span[1] <= len(text)
