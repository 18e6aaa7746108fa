"""Claims from the narrative, their comparison with the tables, and the text checks."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs
import pytest

from zfxxgk import narrative
from zfxxgk.cells import Cell, Unit
from zfxxgk.diagnostics import Severity
from zfxxgk.model import Appeals, DisclosureRequests, Report, proactive_2019, proactive_2021
from zfxxgk.narrative import (
    AgencyKind,
    ClaimKind,
    Confidence,
    agency_kind,
    check_claims,
    extract_claims,
    parse_number,
    render_summary,
)
from zfxxgk.rules import (
    check_fee_statement,
    check_problems_section,
    check_publication_date,
    check_report_text,
    check_sections,
    check_years,
    compare_claims,
)
from zfxxgk.template import replace_at


def kinds(text: str) -> list[tuple[ClaimKind, object]]:
    return [(c.kind, c.value) for c in extract_claims(text)]


def one(text: str) -> narrative.Claim:
    claims = extract_claims(text)
    assert len(claims) == 1, claims
    return claims[0]


# --------------------------------------------------------------------------------------
# numbers
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("34", 34),
        ("１２", 12),
        ("1,234", 1234),
        ("1，234", 1234),
        ("1.5万", 15000),
        ("0.5", Decimal("0.5")),
        ("三十五", 35),
        ("一百零二", 102),
        ("十", 10),
        ("十二", 12),
        ("两", 2),
        ("〇", 0),
        ("零", 0),
        ("二〇二四", 2024),
        ("一千二百三十四", 1234),
        ("三万五千", 35000),
        ("", None),
        ("件", None),
        ("1.2.3", None),
    ],
)
def test_parse_number(text: str, value: object) -> None:
    assert parse_number(text) == value


# --------------------------------------------------------------------------------------
# claims: the wordings of real reports
# --------------------------------------------------------------------------------------


def test_seed_wording() -> None:
    claim = one("（三）依申请公开情况。2024年西红门镇受理依申请公开事项69件，严格按照要求办理。")
    assert claim.kind is ClaimKind.RECEIVED
    assert claim.value == 69
    assert claim.year == 2024
    assert claim.subject == "西红门镇"
    assert claim.sentence == "2024年西红门镇受理依申请公开事项69件，严格按照要求办理。"


def test_span_points_at_the_number_in_the_original_text() -> None:
    text = "全年收到政府信息公开申请 34 件，上年结转政府信息公开\n申请 2 件。"
    claims = extract_claims(text)
    assert [text[a:b] for a, b in (c.span for c in claims)] == ["34 件", "2 件"]
    assert claims[1].sentence == "全年收到政府信息公开申请 34 件，上年结转政府信息公开申请 2 件。"


def test_outcome_list_of_a_department() -> None:
    text = (
        "全年收到政府信息公开申请 34 件，上年结转政府信息公开申请 2 件，"
        "所有申请均已按要求办理完成。"
        "所有办结的信息公开申请中同意公开答复 9 件，部分公开答复 0 件，不予公开答复 2\n件，"
        "无法提供的 10 件，不予处理 0 件，其他处理 14 件，转下一年度办理答复的有 1 件。"
    )
    assert kinds(text) == [
        (ClaimKind.RECEIVED, 34),
        (ClaimKind.CARRIED_OVER, 2),
        (ClaimKind.ALL_HANDLED, 0),
        (ClaimKind.DISCLOSED, 9),
        (ClaimKind.PARTIALLY_DISCLOSED, 0),
        (ClaimKind.WITHHELD, 2),
        (ClaimKind.UNAVAILABLE, 10),
        (ClaimKind.NOT_PROCESSED, 0),
        (ClaimKind.OTHER_HANDLING, 14),
        (ClaimKind.CARRIED_FORWARD, 1),
    ]


def test_number_before_its_noun() -> None:
    text = "本年度全区共收到70件申请，及时依法依规办结69件，1件结转下年度继续办理。"
    assert kinds(text) == [
        (ClaimKind.RECEIVED, 70),
        (ClaimKind.HANDLED, 69),
        (ClaimKind.CARRIED_FORWARD, 1),
    ]


def test_carried_forward_to_a_named_year() -> None:
    text = "2025年，全区共收到政府信息公开申请154件，共办结148件，结转至2026年6件。"
    claims = extract_claims(text)
    assert [(c.kind, c.value) for c in claims] == [
        (ClaimKind.RECEIVED, 154),
        (ClaimKind.HANDLED, 148),
        (ClaimKind.CARRIED_FORWARD, 6),
    ]
    assert claims[2].year == 2026


def test_reviews_and_lawsuits_in_qi() -> None:
    text = "全年办理因政府信息公开申请引发的行政复议36起，行政诉讼9起。"
    assert kinds(text) == [(ClaimKind.REVIEWS, 36), (ClaimKind.LAWSUITS, 9)]


def test_review_outcomes_after_qizhong() -> None:
    text = (
        "政府信息公开行政复议 351 件，其中结果维持 72 件，结果纠正 64 件，其他结果 178 件，"
        "尚未审结 37 件；政府信息公开行政诉讼 46 件，其中结果维持 25 件，结果纠正 5 件。"
    )
    assert kinds(text) == [
        (ClaimKind.REVIEWS, 351),
        (ClaimKind.REVIEW_UPHELD, 72),
        (ClaimKind.REVIEW_CORRECTED, 64),
        (ClaimKind.REVIEW_OTHER, 178),
        (ClaimKind.REVIEW_PENDING, 37),
        (ClaimKind.LAWSUITS, 46),
        (ClaimKind.LAWSUIT_UPHELD, 25),
        (ClaimKind.LAWSUIT_CORRECTED, 5),
    ]


def test_applicant_scopes() -> None:
    text = (
        "全县全年共受理政府信息公开申请 749 件，其中自然人申请 741 件，法人或其他组织申请 8 件；"
        "共办理 718 件，结转下一年 31 件。"
    )
    claims = extract_claims(text)
    assert [(c.kind, c.value, c.scope) for c in claims] == [
        (ClaimKind.RECEIVED, 749, None),
        (ClaimKind.RECEIVED, 741, "自然人"),
        (ClaimKind.RECEIVED, 8, "法人或其他组织"),
        (ClaimKind.HANDLED, 718, None),
        (ClaimKind.CARRIED_FORWARD, 31, None),
    ]
    assert claims[1].applicant_scope


def test_list_after_sheji() -> None:
    text = (
        "2022年，全区收到政府信息公开申请75件，涉及自然人72件、商业企业3件，"
        "均在法定期限内予以答复。"
    )
    claims = extract_claims(text)
    assert [(c.value, c.scope) for c in claims] == [(75, None), (72, "自然人"), (3, "商业企业")]


def test_cases_of_both_kinds() -> None:
    text = (
        "依法做好相关行政复议、行政诉讼案件的应诉工作，全县共办理相关案件 74 件。"
        "2022年共有行政诉讼案件1件、行政复议案件2件，均已结案。"
    )
    assert kinds(text) == [
        (ClaimKind.CASES, 74),
        (ClaimKind.LAWSUITS, 1),
        (ClaimKind.REVIEWS, 2),
        (ClaimKind.LAWSUIT_PENDING, 0),
        (ClaimKind.REVIEW_PENDING, 0),
    ]


def test_disclosed_or_partial_and_shares() -> None:
    text = "办结依申请公开81件，其中：予以公开及部分公开42件，占51.85%；不予公开5件，占6.17%。"
    claims = extract_claims(text)
    assert [(c.kind, c.value) for c in claims] == [
        (ClaimKind.HANDLED, 81),
        (ClaimKind.DISCLOSED_OR_PARTIAL, 42),
        (ClaimKind.PERCENT, Decimal("51.85")),
        (ClaimKind.WITHHELD, 5),
        (ClaimKind.PERCENT, Decimal("6.17")),
    ]
    assert claims[2].basis is ClaimKind.DISCLOSED_OR_PARTIAL


def test_context_carries_into_the_next_sentence() -> None:
    text = (
        "答复政府信息公开申请805件（含上年度结转申请18件，另有72件申请按照《条例》顺延到下年度答复）。"
        "予以公开及部分公开258件；因本机关不掌握等原因无法提供265件；其他处理0件。"
    )
    assert kinds(text) == [
        (ClaimKind.HANDLED, 805),
        (ClaimKind.CARRIED_OVER, 18),
        (ClaimKind.CARRIED_FORWARD, 72),
        (ClaimKind.DISCLOSED_OR_PARTIAL, 258),
        (ClaimKind.UNAVAILABLE, 265),
        (ClaimKind.OTHER_HANDLING, 0),
    ]


def test_received_including_carried_over() -> None:
    claims = extract_claims("受理政府信息公开申请20件（含上年结转2件）。")
    assert [(c.kind, c.value) for c in claims] == [
        (ClaimKind.RECEIVED_TOTAL, 20),
        (ClaimKind.CARRIED_OVER, 2),
    ]
    assert one("本年新收政府信息公开申请20件。").kind is ClaimKind.RECEIVED_NEW


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("全年收到政府信息公开申请三十五件。", 35),
        ("共收到申请一百零二件。", 102),
        ("受理申请１２件。", 12),
        ("收到申请1,234件。", 1234),
        ("收到申请1.2万件。", 12000),
        ("本年度收到申请两件。", 2),
    ],
)
def test_ways_of_writing_the_number(text: str, value: int) -> None:
    claim = one(text)
    assert (claim.kind, claim.value) == (ClaimKind.RECEIVED, value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "本年度未发生因政府信息公开工作被申请行政复议、提起行政诉讼的情况。",
            {(ClaimKind.REVIEWS, 0), (ClaimKind.LAWSUITS, 0)},
        ),
        ("未收到有关政府信息公开的行政复议申请。", {(ClaimKind.REVIEWS, 0)}),
        ("没有发生行政诉讼。", {(ClaimKind.LAWSUITS, 0)}),
        ("未发生一起行政复议。", {(ClaimKind.REVIEWS, 0)}),
        ("行政复议2件，均获维持。", {(ClaimKind.REVIEWS, 2), (ClaimKind.REVIEW_NOT_UPHELD, 0)}),
        (
            "有1件涉及政府信息公开工作的行政复议，该行政复议件未被复议审查机关纠错。",
            {(ClaimKind.REVIEWS, 1), (ClaimKind.REVIEW_CORRECTED, 0)},
        ),
        ("本年度未收到政府信息公开申请。", {(ClaimKind.RECEIVED, 0)}),
        ("2024年，无收取信息处理费情况。", {(ClaimKind.FEE_COLLECTED, 0)}),
        ("2024 年，市科委未发生政府信息公开收费事项。", {(ClaimKind.FEE_COLLECTED, 0)}),
        (
            "我镇本年度发出收费通知的件数和总金额以及实际收取的总金额均为0。",
            {
                (ClaimKind.FEE_NOTICES, 0),
                (ClaimKind.FEE_NOTICE_AMOUNT, 0),
                (ClaimKind.FEE_COLLECTED, 0),
            },
        ),
    ],
)
def test_explicit_zeros(text: str, expected: set[tuple[ClaimKind, int]]) -> None:
    assert set(kinds(text)) == expected


def test_fees_keep_their_unit() -> None:
    claims = extract_claims(
        "本年度发出收费通知3件，总金额600元，实际收取400元。另收取信息处理费1.5万元。"
    )
    assert [(c.kind, c.value, c.unit) for c in claims] == [
        (ClaimKind.FEE_NOTICES, 3, None),
        (ClaimKind.FEE_NOTICE_AMOUNT, 600, Unit.YUAN),
        (ClaimKind.FEE_COLLECTED, 400, Unit.YUAN),
        (ClaimKind.FEE_COLLECTED, Decimal("1.5"), Unit.WAN_YUAN),
    ]


def test_fee_of_a_sub_unit() -> None:
    claims = extract_claims("全县行政机关收取信息处理费共计380元，其中民政局1件，收取380元。")
    assert [(c.kind, c.value, c.scope) for c in claims] == [
        (ClaimKind.FEE_COLLECTED, 380, None),
        (ClaimKind.FEE_COLLECTED, 380, "民政局"),
    ]


def test_documents() -> None:
    text = (
        "集中公开现行有效行政规范性文件698件，动态更新本年度制发的规范性文件88件。"
        "已宣布废止规范性文件5件。印发部门规范性文件4件。政策、规范性文件类信息68条。"
    )
    assert kinds(text) == [
        (ClaimKind.NORMATIVE_IN_FORCE, 698),
        (ClaimKind.NORMATIVE_ISSUED, 88),
        (ClaimKind.NORMATIVE_REPEALED, 5),
    ]


def test_proactive_counts_are_not_applications() -> None:
    claims = extract_claims("全年主动公开我区各级单位政府信息2645条，主动公开信息7700余条。")
    assert [(c.kind, c.value, c.approximate) for c in claims] == [
        (ClaimKind.PROACTIVE_ITEMS, 2645, False),
        (ClaimKind.PROACTIVE_ITEMS, 7700, True),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "受理各类群众诉求259起。",
        "收到群众诉求348件，现场解决162件，跟进解决186件，办结率100%。",
        "受理申请后与申请人一起沟通。",
        "受理涉及征地拆迁的申请12件。",
        "收到的申请中有3件涉及征地。",
        "收到申请2 0件。",
        "统一受理平台接入53个部门2261项事项。",
        "政府网站检查合格率均为100%。",
        "申请数量较去年回落12.3%。",
        "较上年增加5件。",
        "全年公开政策文件4件，对3件主动公开政策性文件进行意见征集。",
        "新增公开市政府规章 1 件、市政府及市政府办政策性文件 11 件。",
        "编制文化发展规划（2021-2035），推进“一件事一次办”。",
        "申请人逾期未按收费通知要求缴纳费用的情况。",
        "未收到行政复议决定书。",
        "持续推进二十届二中、三中全会精神落实，开展“三审三校”。",
        "采购总金额251000元。",
    ],
)
def test_no_claim_where_the_meaning_is_unclear(text: str) -> None:
    assert extract_claims(text) == ()


@pytest.mark.parametrize(
    "text",
    [
        "行政复议2件。全年纠正不规范表述22件。",
        "行政复议2件。信息发布未出现需要纠正的情况。",
        "行政复议2件；维持网站正常运行，纠正错误信息5件。",
    ],
)
def test_outcome_words_need_their_case_type_nearby(text: str) -> None:
    assert kinds(text) == [(ClaimKind.REVIEWS, 2)]


def test_comparisons_and_approximations_are_marked() -> None:
    claims = extract_claims("收到申请约300件，较上年增加5件。")
    assert [(c.value, c.approximate, c.confidence) for c in claims] == [(300, True, Confidence.LOW)]


def test_a_possible_sub_unit_as_subject_lowers_confidence() -> None:
    claim = one("区民政局受理申请5件。")
    assert claim.subject == "区民政局"
    assert claim.confidence is Confidence.LOW
    acting = one("区政府办代表区政府受理政府信息公开申请17件。")
    assert acting.subject is None and acting.confidence is Confidence.HIGH


def test_titles_in_book_quotes_are_not_read() -> None:
    assert extract_claims("印发《关于受理申请5件的通知》。") == ()


def test_empty_and_wrong_input() -> None:
    assert extract_claims("") == ()
    assert extract_claims("  \n ") == ()
    with pytest.raises(TypeError):
        extract_claims(None)  # type: ignore[arg-type]


def test_claim_value_must_be_a_number() -> None:
    with pytest.raises(TypeError):
        narrative.Claim(kind=ClaimKind.RECEIVED, value=1.5, span=(0, 1), sentence="")  # type: ignore[arg-type]


# --------------------------------------------------------------------------------------
# comparison with the tables
# --------------------------------------------------------------------------------------


def _report(**narrative_text: str | None) -> Report:
    requests = DisclosureRequests.from_counts(
        new=[60, 3],
        carried_over=[1],
        disclosed=[20, 1],
        partially_disclosed=[5],
        withheld=[[2], [], [], [], [], [1]],
        unavailable=[[15, 2], [3]],
        not_processed=[[4]],
        other_handling=[[1], [], [2]],
    )
    # 一 63, 二 1, （七） 56, 四 8
    return Report.build(
        agency="示例市示例区人民政府",
        year=2024,
        proactive=proactive_2021(normative_documents=(3, 1, 40)),
        requests=requests,
        appeals=Appeals.from_counts(
            review=(2, 1), lawsuit_direct=(1,), lawsuit_after_review=(0, 0, 0, 1)
        ),
        **narrative_text,  # type: ignore[arg-type]
    )


def test_consistent_narrative_has_no_mismatch() -> None:
    text = (
        "2024年，我区共收到政府信息公开申请63件，上年结转1件，办结56件，其中予以公开21件，"
        "部分公开5件，不予公开3件，无法提供20件，不予处理4件，其他处理3件；结转下年度8件。"
        "被申请行政复议3件，行政诉讼2件。现行有效行政规范性文件40件，本年制发行政规范性文件3件。"
    )
    report = _report(overview=text)
    comparisons = check_claims(report)
    assert len(comparisons) == 14
    assert all(c.matched is not None for c in comparisons)
    assert compare_claims(report) == ()


def test_received_matches_new_or_new_plus_carried() -> None:
    report = _report(overview="全年受理政府信息公开申请64件。")
    (comparison,) = check_claims(report)
    assert comparison.matched is not None
    assert comparison.matched.paths == ("requests.new.total", "requests.carried_over.total")
    report = _report(overview="全年受理政府信息公开申请63件。")
    (comparison,) = check_claims(report)
    assert comparison.matched is not None and comparison.matched.paths == ("requests.new.total",)


def test_received_mismatch_lists_both_quantities() -> None:
    report = _report(overview="2024年，我区受理依申请公开事项69件，均已办结。")
    mismatch, all_handled = compare_claims(report)
    assert all_handled.code == "N112"  # 均已办结, while 四 is 8
    assert mismatch.code == "N101"
    assert mismatch.confidence is Confidence.HIGH
    assert mismatch.table_values == (63, 64)
    assert mismatch.paths == ("requests.new.total", "requests.carried_over.total")
    assert mismatch.quote == "2024年，我区受理依申请公开事项69件，均已办结。"
    assert "69" in mismatch.message and "63" in mismatch.message and "64" in mismatch.message
    assert "原文" in str(mismatch)


@pytest.mark.parametrize(
    ("text", "code", "paths"),
    [
        ("办结申请57件。", "N103", ("requests.outcomes.total.total",)),
        ("收到申请63件，予以公开20件。", "N104", ("requests.outcomes.disclosed.total",)),
        ("收到申请63件，结转下年度9件。", "N111", ("requests.carried_forward.total",)),
        ("行政复议4件。", "N121", ("appeals.review.total",)),
        (
            "行政诉讼1件。",
            "N122",
            ("appeals.lawsuit_direct.total", "appeals.lawsuit_after_review.total"),
        ),
        (
            "行政复议3件，均获维持。",
            "N124",
            ("appeals.review.corrected", "appeals.review.other", "appeals.review.pending"),
        ),
        ("本年度未发生行政复议。", "N121", ("appeals.review.total",)),
        ("现行有效行政规范性文件41件。", "N131", ("proactive.normative_documents.in_force",)),
    ],
)
def test_each_quantity(text: str, code: str, paths: tuple[str, ...]) -> None:
    (mismatch,) = compare_claims(_report(overview=text))
    assert mismatch.code == code
    assert mismatch.paths == paths


def test_handling_wording_banli_may_include_pending() -> None:
    # 办理 may mean all requests dealt with this year (一 + 二): accepted either way
    assert compare_claims(_report(overview="全年办理政府信息公开申请64件。")) == ()
    assert compare_claims(_report(overview="全年办理政府信息公开申请56件。")) == ()
    assert len(compare_claims(_report(overview="全年办结政府信息公开申请64件。"))) == 1


def test_applicant_scope_compares_columns() -> None:
    report = _report(overview="收到申请63件，其中自然人申请60件，法人或其他组织申请3件。")
    assert compare_claims(report) == ()
    report = _report(overview="收到申请63件，其中自然人申请59件。")
    (mismatch,) = compare_claims(report)
    assert mismatch.paths == ("requests.new.natural_person", "requests.carried_over.natural_person")


def test_parts_other_years_and_approximations_are_not_compared() -> None:
    text = "收到申请63件，其中民政局收到申请9件。2023年受理申请50件。收到申请约100件。"
    comparisons = check_claims(_report(overview=text))
    skipped = [c for c in comparisons if c.skipped]
    assert len(skipped) == 3
    assert compare_claims(_report(overview=text)) == ()


def test_subject_that_is_the_agency_itself() -> None:
    report = attrs.evolve(
        _report(overview="2024年示例区受理政府信息公开申请70件。"),
    )
    (mismatch,) = compare_claims(report)
    assert mismatch.confidence is Confidence.HIGH
    other = _report(overview="2024年区民政局受理政府信息公开申请70件。")
    (mismatch,) = compare_claims(other)
    assert mismatch.confidence is Confidence.LOW
    assert "下属单位" in mismatch.message


def test_blank_total_uses_the_parts() -> None:
    report = _report(overview="收到申请63件，结转下年度8件。")
    report = replace_at(report, "requests.carried_forward.total", Cell.blank())
    assert compare_claims(report) == ()
    report = _report(overview="收到申请63件，结转下年度9件。")
    report = replace_at(report, "requests.carried_forward.total", Cell.blank())
    (mismatch,) = compare_claims(report)
    assert mismatch.confidence is Confidence.LOW


def test_fee_notices_zero_against_unpaid_requests() -> None:
    requests = DisclosureRequests.from_counts(new=[3], disclosed=[1], other_handling=[[], [2]])
    report = Report.build(
        agency="示例局",
        year=2024,
        proactive=proactive_2021(),
        requests=requests,
        other_matters="本年度发出收费通知的件数和总金额以及实际收取的总金额均为0。",
    )
    (mismatch,) = compare_claims(report)
    assert mismatch.code == "N141"
    assert mismatch.paths == ("requests.outcomes.other_handling.fee_unpaid.total",)


def test_documents_are_not_compared_on_the_2019_template() -> None:
    report = Report.build(
        agency="示例区人民政府",
        year=2020,
        proactive=proactive_2019(),
        requests=DisclosureRequests.from_counts(new=[2], disclosed=[2], other_handling_single=()),
        overview="现行有效行政规范性文件41件，收到申请2件。",
    )
    assert [c.claim.kind for c in check_claims(report)] == [ClaimKind.RECEIVED]


def test_claims_know_their_section() -> None:
    report = _report(overview="收到申请63件。", other_matters="未收取信息处理费。")
    sections = [(c.section, c.kind) for c in narrative.report_claims(report)]
    assert sections == [("一", ClaimKind.RECEIVED), ("六", ClaimKind.FEE_COLLECTED)]


def test_render_summary_is_read_back_without_mismatch() -> None:
    report = _report()
    text = render_summary(report)
    assert text.startswith("2024年共收到政府信息公开申请63件")
    assert compare_claims(attrs.evolve(report, overview=text)) == ()
    assert len(extract_claims(text)) == 12


# --------------------------------------------------------------------------------------
# text checks
# --------------------------------------------------------------------------------------


def test_sections_present_and_in_order() -> None:
    assert check_sections(["一", "二", "三", "四", "五", "六"]) == ()
    assert check_sections([1, 2, 3, 4, 5, 6]) == ()
    problems = check_sections(["一", "二", "三", "四", "六"])
    assert [p.code for p in problems] == ["N201"]
    assert problems[0].section == "五"
    problems = check_sections(["一", "三", "二", "四", "五", "六"])
    assert [p.code for p in problems] == ["N202"]
    with pytest.raises(ValueError, match="章节"):
        check_sections(["七"])


def test_sections_found_from_a_report() -> None:
    report = _report(overview="x", other_matters="y")
    assert narrative.sections_found(report) == ("一", "二", "三", "四", "六")


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        (None, ["N211"]),
        ("   ", ["N211"]),
        ("（文字描述）", ["N212"]),
        ("五、存在的主要问题及改进情况\n无。", ["N212"]),
        ("存在问题：工作有待加强。下一步将改进。", ["N213"]),
        (
            "2024年，洪泽区政府信息公开工作取得一定的成效，但对照上级要求，仍存在一定差距。"
            "如依申请公开工作规范性还有待提高、政务公开队伍建设有待加强等。"
            "针对存在问题，下一步，将扎实推进依申请公开工作，全面梳理和优化工作流程、健全工作机制。",
            [],
        ),
    ],
)
def test_problems_section(text: str | None, codes: list[str]) -> None:
    assert [p.code for p in check_problems_section(text)] == codes


@pytest.mark.parametrize(
    "text",
    [
        "我镇本年度发出收费通知的件数和总金额以及实际收取的总金额均为0。",
        "2024年，无收取信息处理费情况。",
        "全年收取政府信息公开信息处理费 0 元。",
        "本年度未收取信息处理费。",
        "收取信息处理费共计380元，其中民政局1件，收取380元。",
    ],
)
def test_fee_statement_present(text: str) -> None:
    assert check_fee_statement(text, year=2024) == ()


def test_fee_statement_missing() -> None:
    (problem,) = check_fee_statement("无其他需要报告的事项。", year=2024)
    assert (problem.code, problem.severity) == ("N221", Severity.WARNING)
    (problem,) = check_fee_statement("无。", year=2019)
    assert problem.severity is Severity.INFO
    assert check_fee_statement(None)[0].code == "N221"


def test_years_wrong_period_is_copied_text() -> None:
    text = "本报告所列数据统计期限自2023年1月1日起至2023年12月31日止。"
    (problem,) = check_years(text, 2024)
    assert problem.code == "N301"
    assert problem.excerpt == "2023年1月1日起至2023年12月31日"
    assert problem.span is not None and text[problem.span[0] : problem.span[1]] == problem.excerpt


def test_years_that_are_legitimate() -> None:
    text = (
        "本年度报告中所列数据的统计周期为 2024 年 1 月 1 日至 12 月 31 日。"
        "发布2024 年度部门预算、2023 年度部门决算以及《上海市加快…行动方案（2024－2027 年）》。"
        "发布文化发展规划（2021-2035）和二〇三五年远景目标纲要。"
        "2025年，我区将采取以下措施加以改进。结转至2025年6件。"
        "根据《关于做好2023年政府信息公开工作年度报告编制工作的通知》要求编制。"
    )
    assert check_years(text, 2024) == ()


def test_years_title_and_sentence_opening() -> None:
    text = "西红门镇2023年政府信息公开工作年度报告。2023年，我镇受理申请5件。"
    assert [p.code for p in check_years(text, 2024)] == ["N302", "N303"]


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("北京市大兴区西红门镇人民政府", AgencyKind.GOVERNMENT),
        ("淮安市人民政府", AgencyKind.GOVERNMENT),
        ("上海市人民政府办公厅", AgencyKind.DEPARTMENT),
        ("上海市科学技术委员会", AgencyKind.DEPARTMENT),
        ("沭阳县民政局", AgencyKind.DEPARTMENT),
        ("平潭综合实验区（平潭综合实验区管委会，福建；区/县级）", AgencyKind.UNKNOWN),
        ("某某街道办事处", AgencyKind.UNKNOWN),
        (None, AgencyKind.UNKNOWN),
    ],
)
def test_agency_kind(name: str | None, kind: AgencyKind) -> None:
    assert agency_kind(name) is kind


def test_publication_deadlines() -> None:
    assert check_publication_date(dt.date(2025, 1, 31), 2024, "示例市民政局") == ()
    (late,) = check_publication_date(dt.date(2025, 2, 1), 2024, "示例市民政局")
    assert late.code == "N401" and "2025-01-31" in late.message
    assert check_publication_date(dt.date(2025, 3, 31), 2024, "示例镇人民政府") == ()
    (late,) = check_publication_date(dt.date(2025, 4, 1), 2024, "示例镇人民政府")
    assert "3月31日" in late.message
    (early,) = check_publication_date(dt.date(2024, 12, 1), 2024, "示例镇人民政府")
    assert early.code == "N402"
    assert check_publication_date(None, 2024, "示例镇人民政府") == ()


def test_check_report_text_collects_everything() -> None:
    report = attrs.evolve(
        _report(
            overview="统计期限自2023年1月1日至2023年12月31日。",
            problems="无",
            other_matters="无。",
        ),
        info=attrs.evolve(_report().info, published=dt.date(2025, 5, 1)),
    )
    codes = [p.code for p in check_report_text(report)]
    assert codes == ["N212", "N221", "N301", "N401"]
    assert [p.code for p in check_report_text(report, found_sections=["一", "六"])][:4] == [
        "N201",
        "N201",
        "N201",
        "N201",
    ]
