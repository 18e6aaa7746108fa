"""OUTLINE-NUMBERING: the numbering of the headings, on the 上海市科委 2024 report, on drawn
reports rendered and read back, and on headings given by hand (``ReportInfo.printed``)."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given, settings

import zfxxgk
import zfxxgk.strategies as zst
from zfxxgk.model import Report, Template
from zfxxgk.narrative.outline import ordinal_value, top_numbered_lines
from zfxxgk.printed import PrintedForm, PrintedHeading
from zfxxgk.rules import RuleSet, check
from zfxxgk.rules.outline import OUTLINE_CODE, check_outline, outline_numbering
from zfxxgk.text_report import to_markdown

from .corpus_truth import CORPUS, SKIP_REASON, corpus_available
from .fixtures.reports import report_2021
from .hypothesis_profiles import examples

KEWEI = CORPUS / "kewei-shanghai-2024-markdown" / "source.md"
ONLY = RuleSet((outline_numbering,))

NARRATIVE = {
    "overview": "本机关认真落实政府信息公开条例，全年工作有序推进。",
    "problems": "存在的问题：公开不够及时。改进措施：下一步加强培训，完善审核机制，提高公开质量。",
    "other_matters": "本年度未收取信息处理费。",
}


def _read_markdown(text: str) -> Report:
    return zfxxgk.read(text.encode("utf-8"), format="markdown").report


def _with_text(report: Report) -> Report:
    return attrs.evolve(
        report,
        overview=NARRATIVE["overview"],
        problems=NARRATIVE["problems"],
        other_matters=NARRATIVE["other_matters"],
    )


def _outline(report: Report) -> list[str]:
    return [f.message for f in check(report, ONLY)]


# --------------------------------------------------------------------------------------
# The real case
# --------------------------------------------------------------------------------------


@pytest.mark.skipif(not corpus_available(), reason=SKIP_REASON)
def test_kewei_2024_sub_topics_restart_and_numbers_differ() -> None:
    # meta.json: "heading numbering restarts (narrative 一…六, then tables 一、主动公开… 二、收到
    # 和处理… 三、…复议…, then （一）主要问题/（二）改进情况 with no 四 heading, then 五、其他…)"
    report = zfxxgk.read(KEWEI).report
    problems = check_outline(report)
    assert [p.code for p in problems] == [OUTLINE_CODE] * 3
    sub, restart, others = problems
    # sub-topics of 一、总体情况 numbered 二 … 六, with their span in the section's text
    assert sub.section == "一"
    assert report.overview is not None and sub.span is not None
    start, end = sub.span
    assert report.overview[start:].startswith("二、工作机制保障")
    assert report.overview[:end].endswith("六、政府信息公开平台建设")
    for heading in ("二、工作机制保障", "四、政府信息公开申请情况", "六、政府信息公开平台建设"):
        assert f"“{heading}”" in sub.message
    # the table sections restart at 一 (line 73 of the source)
    assert restart.section == "二"
    assert "“一、主动公开政府信息情况”（第73行）" in restart.message
    assert "重新开始" in restart.message
    # and the other headings keep the shifted numbers
    assert "“二、收到和处理政府信息公开申请情况”（第91行）是第三部分" in others.message
    assert "“三、政府信息公开行政复议、行政诉讼情况”（第180行）是第四部分" in others.message
    assert "“五、其他需要报告的事项”（第205行）是第六部分" in others.message
    findings = zfxxgk.check(report).by_code()[OUTLINE_CODE]
    assert [f.message for f in findings] == [p.message for p in problems]
    assert all(f.path is None for f in findings)


# --------------------------------------------------------------------------------------
# Drawn reports: the renderings keep the official numbering; renumbered ones do not
# --------------------------------------------------------------------------------------


@settings(max_examples=examples(8))
@given(zst.reports())
def test_a_rendered_report_read_back_has_no_outline_finding(report: Report) -> None:
    back = _read_markdown(to_markdown(_with_text(report)))
    assert back.info.printed is not None
    assert [h.number for h in back.info.printed.headings] == list("一二三四五六")
    assert _outline(back) == []


@settings(max_examples=examples(6))
@given(zst.reports(template=Template.V2021, other_single=False))
def test_renumbered_headings_and_sub_topics_are_reported(report: Report) -> None:
    text = to_markdown(_with_text(report))
    restarted = _outline(_read_markdown(text.replace("## 二、主动公开", "## 一、主动公开")))
    assert len(restarted) == 1
    assert "“一、主动公开政府信息情况”" in restarted[0] and "重新开始" in restarted[0]
    skipped = _outline(_read_markdown(text.replace("## 四、政府", "## 六、政府")))
    assert len(skipped) == 1 and "跳到“六”" in skipped[0]
    sub = text.replace(NARRATIVE["overview"], "总体平稳。\n\n二、工作机制保障\n\n三、平台建设")
    found = _outline(_read_markdown(sub))
    assert len(found) == 1
    assert "“二、工作机制保障”“三、平台建设”" in found[0]


def test_a_report_built_from_numbers_is_checked_on_its_text_only() -> None:
    report = report_2021()
    assert report.info.printed is None
    assert _outline(report) == []
    numbered = attrs.evolve(report, overview="总体平稳。\n一、组织领导\n二、平台建设")
    assert len(_outline(numbered)) == 1


# --------------------------------------------------------------------------------------
# Headings given by hand
# --------------------------------------------------------------------------------------


def _headings(*numbers: tuple[str, str | None]) -> Report:
    report = report_2021()
    printed = PrintedForm(
        headings=tuple(
            PrintedHeading(section=s, number=n, text=f"{n or ''}、标题{s}", line=i + 1)
            for i, (s, n) in enumerate(numbers)
        )
    )
    return attrs.evolve(report, info=attrs.evolve(report.info, printed=printed))


def test_headings_with_their_own_numbers_are_never_questioned() -> None:
    # out of order (N202) and printed twice (N203) are the text rules' business
    assert _outline(_headings(*((s, s) for s in "一二三四六五"))) == []
    assert _outline(_headings(*((s, s) for s in "一二三四五五六"))) == []
    # unnumbered headings (the seed prints 主动公开… with no 二、) leave room for their number
    assert _outline(_headings(("一", "一"), ("二", None), ("三", None), ("四", "四"))) == []


def test_a_heading_numbered_back_ahead_or_otherwise() -> None:
    back = _outline(_headings(("一", "一"), ("二", "一"), ("三", "三")))
    assert len(back) == 1 and "（第2行）的序号“一”没有接续" in back[0]
    ahead = _outline(_headings(("一", "一"), ("二", "二"), ("三", "五")))
    assert len(ahead) == 1 and "跳到“五”" in ahead[0]
    shifted = _outline(_headings(("二", "一"), ("三", "二"), ("四", "三")))
    assert len(shifted) == 1
    assert shifted[0].startswith("部分标题的序号与规定格式不同：“一、标题二”（第1行）是第二部分")


def test_printed_form_is_not_part_of_equality() -> None:
    report = report_2021()
    form = PrintedForm(headings=(PrintedHeading(section="一", number="一", text="一、总体情况"),))
    other = attrs.evolve(report, info=attrs.evolve(report.info, printed=form))
    assert other == report and hash(other) == hash(report)
    assert "printed" not in repr(other.info)


def test_top_numbered_lines() -> None:
    text = (
        "概述\n二、工作机制保障\n  三. 平台建设。今年…\n一、二季度共办理\n（一）小标题\n十一、其他"
    )
    lines = top_numbered_lines(text)
    assert [(line.number, line.excerpt) for line in lines] == [
        ("二", "二、工作机制保障"),
        ("三", "三. 平台建设"),
        ("十一", "十一、其他"),
    ]
    assert all(text[s:e] == line.excerpt for line in lines for s, e in [line.span])
    assert [ordinal_value(n) for n in ("一", "十", "十一", "二十", "十十")] == [1, 10, 11, 20, None]
