"""TEMPLATE-ROWS and TEMPLATE-LABEL: tables altered from the official template — on the 洪泽
reports (one （六） row, a label typo), the 上海市科委 2024 report (规范性文件), drawn reports
rendered, altered and read back; and where the reviewer's new codes fire over the corpus."""

from __future__ import annotations

import collections

import pytest
from hypothesis import given, settings

import zfxxgk
import zfxxgk.strategies as zst
from zfxxgk.model import Report, Template
from zfxxgk.printed import LabelMatch
from zfxxgk.rules import Finding, RuleSet, check
from zfxxgk.rules.altered import TEMPLATE_RULES
from zfxxgk.rules.outline import OUTLINE_RULES
from zfxxgk.text_report import to_markdown, to_text

from .corpus_truth import CORPUS, SKIP_REASON, corpus_available
from .fixtures.reports import report_2021
from .hypothesis_profiles import examples

corpus = pytest.mark.skipif(not corpus_available(), reason=SKIP_REASON)
ONLY = RuleSet(TEMPLATE_RULES)
REVIEWER = RuleSet((*OUTLINE_RULES, *TEMPLATE_RULES))
OTHER = "requests.outcomes.other_handling"
WITHHELD_BY_LAW = "requests.outcomes.withheld.prohibited_by_law"


def _findings(report: Report) -> list[Finding]:
    return list(check(report, ONLY))


def _read(text: str, fmt: str) -> Report:
    return zfxxgk.read(text.encode("utf-8"), format=fmt).report


# --------------------------------------------------------------------------------------
# The real cases
# --------------------------------------------------------------------------------------


@corpus
@pytest.mark.parametrize("case", ["hongze-2023-pdf", "hongze-2024-pdf"])
def test_hongze_one_other_handling_row_and_a_label_typo(case: str) -> None:
    # meta.json: "a 2021-format report … whose '（六）其他处理' is ONE row printed '0 0 0 0 0 0 0'
    # with no 1./2./3. sub-rows"; "row-label typo '2.其他法律行政止公开' ('法规禁' missing)"
    report = zfxxgk.read(CORPUS / case / "source.pdf").report
    assert report.template is Template.V2021
    found = _findings(report)
    assert [(f.code, f.path) for f in found] == [
        ("TEMPLATE-LABEL", WITHHELD_BY_LAW),
        ("TEMPLATE-ROWS", OTHER),
    ]
    label, rows = found
    assert "“2.其他法律行政止公开”" in label.message
    assert "“2.其他法律行政法规禁止公开”" in label.message
    assert label.labels[-1] == "2.其他法律行政法规禁止公开"
    assert "（六）其他处理" in rows.message and "只印了一行" in rows.message
    assert rows.labels == ("三", "三、本年度办理结果", "（六）其他处理")


@corpus
def test_kewei_2024_prints_the_old_name_of_a_row() -> None:
    # verified against the source: '| 规范性文件 | 13 | 0 | 55 |' (meta.json: "QUIRKS:
    # '规范性文件' instead of '行政规范性文件'"); its header fragments ('| 业 | 构 | 益组织 |
    # 务机构 |') are the PDF→markdown tool's and are not reported
    report = zfxxgk.read(CORPUS / "kewei-shanghai-2024-markdown" / "source.md").report
    found = _findings(report)
    assert [(f.code, f.path) for f in found] == [
        ("TEMPLATE-LABEL", "proactive.normative_documents")
    ]
    assert "“规范性文件”" in found[0].message and "别称或旧称" in found[0].message


# Every case of the corpus whose findings the reviewer's new codes change, with what they add;
# each verified against the source (the meta.json notes quoted in the tests above and in
# tests/test_rules_outline.py).  Every other case — all those whose meta says the report is
# consistent among them — gets none of these codes.
NEW_FINDINGS = {
    "hongze-2023-pdf": {"TEMPLATE-LABEL": 1, "TEMPLATE-ROWS": 1},
    "hongze-2024-pdf": {"TEMPLATE-LABEL": 1, "TEMPLATE-ROWS": 1},
    "kewei-shanghai-2024-markdown": {"OUTLINE-NUMBERING": 3, "TEMPLATE-LABEL": 1},
}


@corpus
def test_the_new_codes_fire_only_where_verified() -> None:
    seen: dict[str, dict[str, int]] = {}
    for source in sorted(CORPUS.glob("*/source.*")):
        try:
            report = zfxxgk.read(source).report
        except zfxxgk.errors.Pre2019ReportError:
            continue  # refused, as its meta expects: nothing is checked
        codes = collections.Counter(f.code for f in check(report, REVIEWER))
        if codes:
            seen[source.parent.name] = dict(codes)
    assert seen == NEW_FINDINGS


# --------------------------------------------------------------------------------------
# Drawn reports
# --------------------------------------------------------------------------------------


@settings(max_examples=examples(8))
@given(zst.reports(template=Template.V2021, other_single=False))
def test_a_2021_report_rendered_and_read_back_is_not_altered(report: Report) -> None:
    for text, fmt in ((to_markdown(report), "markdown"), (to_text(report), "text")):
        back = _read(text, fmt)
        assert back.info.printed is not None
        assert {label.match for label in back.info.printed.labels} == {LabelMatch.EXACT}
        assert back.info.printed.columns == ()
        assert _findings(back) == []


@settings(max_examples=examples(6))
@given(zst.reports(template=Template.V2019))
def test_a_2019_report_prints_one_other_handling_row_as_its_template_does(
    report: Report,
) -> None:
    assert _findings(_read(to_markdown(report), "markdown")) == []


@settings(max_examples=examples(6))
@given(zst.reports(template=Template.V2021, other_single=True))
def test_a_2021_report_with_one_other_handling_row(report: Report) -> None:
    assert _findings(report) == []  # built from numbers: the builder chose the shape
    back = _read(to_markdown(report), "markdown")
    assert [(f.code, f.path) for f in _findings(back)] == [("TEMPLATE-ROWS", OTHER)]
    assert back.requests == report.requests  # read as printed, numbers unchanged


@settings(max_examples=examples(6))
@given(zst.reports(template=Template.V2021, other_single=False))
def test_typos_in_labels_and_headers_are_reported_and_read_through(report: Report) -> None:
    text = (
        to_markdown(report)
        .replace("1.本机关不掌握相关政府信息", "1.本机关不掌握相关证府信息")
        .replace("本年废止件数", "本年废纸件数")
        .replace("结果纠正", "结果纠错")
    )
    back = _read(text, "markdown")
    assert back.requests == report.requests and back.appeals == report.appeals
    found = [(f.path, f.message) for f in _findings(back)]
    assert found == [
        (
            "proactive",
            "列标题印为“本年废纸件数”，模板为“本年废止件数”：文字有出入，可能是错别字或改动了模板",
        ),
        (
            "requests.outcomes.unavailable.not_held",
            "行标签印为“1.本机关不掌握相关证府信息”，模板为“1.本机关不掌握相关政府信息”："
            "文字有出入，可能是错别字或改动了模板",
        ),
        ("appeals", "列标题印为“结果纠错”，模板为“结果纠正”：文字有出入，可能是错别字或改动了模板"),
    ]


def test_a_dropped_row_is_reported_once() -> None:
    text = to_markdown(report_2021())
    lines = [line for line in text.splitlines() if "3.危及“三安全一稳定”" not in line]
    back = _read("\n".join(lines), "markdown")
    found = [(f.code, f.path) for f in _findings(back)]
    assert found == [("TEMPLATE-ROWS", "requests.outcomes.withheld.three_safeties_one_stability")]
    assert "原文未印出" in _findings(back)[0].message
    # the report as built has every row: nothing to say
    assert _findings(report_2021()) == []
