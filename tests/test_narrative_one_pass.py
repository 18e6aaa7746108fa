"""The one-pass extraction equals the extraction it replaced, on any narrative.

:mod:`zfxxgk.narrative.extract` reads the keywords and the wordings that rule a number out
once over the whole text and gives each number those around it; the extraction before issue
17 searched the pieces around every number with the lexicon's patterns
(``tests/narrative_oracle``, kept unchanged as the definition).  Texts are built from the
words that matter — keywords, numbers with units, applicant words, wordings of zeros, titles,
punctuation — so that the cases where a keyword runs over the end of a piece, or a piece
holds a 《title》, come up often.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from zfxxgk import narrative as N
from zfxxgk import strategies as zst
from zfxxgk.arithmetic import applicant_total, case_total
from zfxxgk.model import Report
from zfxxgk.narrative.compare import _CASE_PARTS, _ROW_PARTS, _parts_sum
from zfxxgk.narrative.lexicon import _TAG_PATTERNS

from . import narrative_oracle
from .hypothesis_profiles import examples

_WORD_LIST = (
    "本年度 2024年 2023年 共 收到 受理 新收 本年新收 申请 政府信息公开 上年结转 结转下年度 "
    "结转 结转至2025年度 转下一年度 办结 答复 办理 处理 予以公开 部分公开 予以公开及部分公开 "
    "不予公开 无法提供 不予处理 其他处理 行政复议 复议 行政诉讼 诉讼 案件 维持 结果维持 纠正 "
    "结果纠正 败诉 其他结果 尚未审结 均获维持 均已审结 未发生 未收到 没有 无 未 均为0 "
    "收费通知 信息处理费 收取 金额 总金额为 件数为 规范性文件 现行有效 制发 废止 主动公开 占 "
    "占比 办结率 其中 涉及 自然人 法人或其他组织 商业企业 民政局 区政府办 代表 同比 较上年 "
    "增加 比2023 平均 约 余 左右 以上 《关于 的通知》 《条例》 》 《 的 、 ， 。 ； ： （ ） "
    "各 分别 为 有 "
)
_WORDS = (*_WORD_LIST.split(), "\n", " ")
_NUMBERS = st.builds(
    "".join,
    st.tuples(
        st.sampled_from(["1", "12", "0", "2024", "1,234", "3.5", "三", "十二", "两", "一百零二"]),
        st.sampled_from(["", "余", "万"]),
        st.sampled_from(["件", "起", "宗", "例", "条", "元", "万元", "%", "件次", ""]),
    ),
)
_KEYWORDS = [rx for _, rx in _TAG_PATTERNS if rx.isalpha()]
_word = st.sampled_from(_WORDS) | st.sampled_from(_KEYWORDS)
_clause = st.builds(
    lambda before, number, after, end: "".join([*before, number, *after, end]),
    st.lists(_word, max_size=4),
    _NUMBERS,
    st.lists(_word, max_size=2),
    st.sampled_from(["，", "、", "；", "。", "", "\n"]),
)
_LEADS = ("", "其中", "、", "涉及", "本年度", "2024年", "2023年", "民政局", "区政府办代表区政府",
          "约", "较上年", "《关于,办理的通知》", "我单位", "全年", "共")  # fmt: skip
_TOPICS = (
    "收到政府信息公开申请", "受理", "本年新收", "上年结转", "办结", "答复", "办理", "予以公开",
    "部分公开", "予以公开及部分公开", "不予公开", "无法提供", "不予处理", "其他处理", "结转下年度",
    "行政复议", "行政诉讼", "行政复议、行政诉讼案件", "结果维持", "结果纠正", "尚未审结",
    "收费通知", "收取信息处理费", "现行有效规范性文件", "制发规范性文件", "主动公开政府信息",
    "自然人", "商业企业", "法人或其他组织", "占", "办结率", "案件",
)  # fmt: skip
_FILLERS = ("", "申请", "共", "共计", "为", "分别", "各", "的")
_AFTERS = ("", "左右", "（含上年结转1件）", "，占50%", "，均获维持", "以上")
_report_clause = st.builds(
    lambda lead, topic, filler, number, after, end: f"{lead}{topic}{filler}{number}{after}{end}",
    st.sampled_from(_LEADS),
    st.sampled_from(_TOPICS),
    st.sampled_from(_FILLERS),
    _NUMBERS,
    st.sampled_from(_AFTERS),
    st.sampled_from(["，", "、", "；", "。", "", "\n"]),
)
_narratives = st.lists(_report_clause | _clause | _word, max_size=16).map("".join)


@settings(max_examples=examples(300))
@given(_narratives)
def test_one_pass_equals_the_old_extraction(text: str) -> None:
    assert N.extract_claims(text) == narrative_oracle.extract_claims(text)


@settings(max_examples=examples(100))
@given(st.text(alphabet="".join(sorted(set("".join(_WORDS)))) + "0123456789件元%", max_size=120))
def test_one_pass_equals_the_old_extraction_on_jumbled_words(text: str) -> None:
    assert N.extract_claims(text) == narrative_oracle.extract_claims(text)


def test_one_pass_equals_the_old_extraction_where_pieces_cut_keywords() -> None:
    """Keywords and wordings that run over the end of the piece around a number, and titles
    across clauses: the cases the one pass searches the piece on its own for."""
    texts = [
        "收到申请5件结转下年度3件，较上年增加2件。",
        "《关于收到,申请的通知》受理申请3件，予以公开2件。",
        "本年度受理申请12件上年结转1件，办结13件。其中予以公开5件、部分公开3件。",
        "行政复议2件、行政诉讼1件，均获维持。未发生行政复议。",
        "收到申请5件较2023年增加1件，同比增长10%。",
        "依申请公开《办理,答复》3件，处理2件。",
    ]
    for text in texts:
        assert N.extract_claims(text) == narrative_oracle.extract_claims(text), text


@given(zst.reports())
def test_the_comparison_adds_rows_up_as_the_arithmetic_does(report: Report) -> None:
    outcomes = report.requests.outcomes
    for row in (report.requests.new, report.requests.carried_over, *outcomes.leaf_rows):
        assert _parts_sum(row.cells, _ROW_PARTS) == applicant_total(row)
    for case in (report.appeals.review, report.appeals.lawsuit_direct):
        assert _parts_sum(case.cells, _CASE_PARTS) == case_total(case)
