"""What the text states against the tables and against itself (N112, N121/N122 from
"未发生…", N142), section 五 stating problems and no measure (N216), and section 五 repeated
from last year (PAIR-PROBLEMS-REPEATED): on drawn reports and on the real corpus."""

from __future__ import annotations

import functools
import itertools

import attrs
import pytest
from hypothesis import given

import zfxxgk
from zfxxgk import strategies as zst
from zfxxgk.cells import UNKNOWN
from zfxxgk.diagnostics import Severity
from zfxxgk.errors import ZfxxgkError
from zfxxgk.model import Appeals, DisclosureRequests, Report, proactive_2021
from zfxxgk.narrative import extract_claims
from zfxxgk.narrative.claims import ClaimKind
from zfxxgk.rules import Finding, RuleSet, check, check_pair, check_problems_section, compare_claims
from zfxxgk.rules.section5 import REPEATED_SHARE, pair_problems_repeated
from zfxxgk.similarity import compare_texts
from zfxxgk.template import get_at

from .conftest import SHARED

CORPUS = SHARED / "corpus"
NO_CORPUS = f"the shared corpus is not here ({CORPUS}); set ZFXXGK_SHARED to its parent"
NEW_CODES = frozenset({"N112", "N142", "N216", "PAIR-PROBLEMS-REPEATED"})


def _total(report: Report, path: str) -> int:
    value = get_at(report, path).amount()
    assert value is not UNKNOWN
    return int(value)


def _build(*, requests: DisclosureRequests | None = None, appeals: Appeals | None = None) -> Report:
    return Report.build(
        agency="示例县人民政府",
        year=2024,
        proactive=proactive_2021(),
        requests=requests if requests is not None else DisclosureRequests.from_counts(),
        appeals=appeals,
    )


def _with(report: Report, *, overview: str | None = None, other: str | None = None) -> Report:
    return attrs.evolve(report, overview=overview, other_matters=other)


# --------------------------------------------------------------------------------------
# N112: 所有申请均已办结 while 四、结转下年度继续办理 is not 0
# --------------------------------------------------------------------------------------


@given(zst.reports())
def test_all_handled_is_a_finding_exactly_when_something_was_carried_forward(
    report: Report,
) -> None:
    new = _total(report, "requests.new.total")
    over = _total(report, "requests.carried_over.total")
    forward = _total(report, "requests.carried_forward.total")
    sentence = f"本年度共收到政府信息公开申请{new}件，上年结转{over}件，所有申请均已按期办结。"
    findings = list(check(_with(report, overview=sentence)).by_code().get("N112", ()))
    if forward == 0:
        assert not findings
        return
    (finding,) = findings
    assert finding.severity is Severity.ERROR
    assert finding.path == "requests.carried_forward.total"
    assert finding.labels[-2:] == ("四、结转下年度继续办理", "总计")
    assert (finding.reported, finding.expected) == (0, forward)
    assert f"（原文：“{sentence}”）" in finding.message
    assert "均已按期办结" in finding.message


def test_all_handled_claim_spans_its_words() -> None:
    text = "2024年收到申请34件，均已按期办结。"
    (claim,) = [c for c in extract_claims(text) if c.kind is ClaimKind.ALL_HANDLED]
    assert text[slice(*claim.span)] == "均已按期办结"
    assert (claim.value, claim.sentence) == (0, text)


@pytest.mark.parametrize(
    "text",
    [
        "上年结转的2件申请均已办结。",  # about the carried-over ones only
        "共收到申请70件，除1件结转下年度外，其余均已办结。",
        "收到申请70件，均已办结，1件结转下年度继续办理。",  # a number stated: N111 compares it
        "收到申请10件，其中8件均已办结。",
        "确保申请均按期办结。",  # a plan
        "全年收到申请17件，均已在法定期限内予以答复。",  # answered is not closed
        "区民政局收到申请3件，均已办结。",  # a sub-unit
        "群众诉求均已办结。",  # not about applications
        "收到申请5件，均已办结或正在办理。",
        "2023年收到的申请均已办结。",  # another year: compared with nothing (skipped)
    ],
)
def test_all_handled_is_read_conservatively(text: str) -> None:
    codes = {m.code for m in compare_claims(_with(_FORWARD_NINE, overview=text))}
    assert "N112" not in codes, text


def _forward_nine() -> Report:
    requests = DisclosureRequests.from_counts(new=[10], disclosed=[1], carried_forward=[9])
    return _build(requests=requests)


_FORWARD_NINE = _forward_nine()


# --------------------------------------------------------------------------------------
# 未发生行政复议、行政诉讼 while section 四 is not 0 (N121, N122: the existing explicit zeros)
# --------------------------------------------------------------------------------------


@given(zst.reports())
def test_no_cases_is_a_finding_exactly_for_the_non_zero_totals(report: Report) -> None:
    reviews = _total(report, "appeals.review.total")
    lawsuits = _total(report, "appeals.lawsuit_direct.total") + _total(
        report, "appeals.lawsuit_after_review.total"
    )
    sentence = "本年度未发生因政府信息公开工作被申请行政复议、提起行政诉讼的情况。"
    findings = check(_with(report, overview=sentence))
    by_code = findings.by_code()
    assert ("N121" in by_code) == (reviews != 0)
    assert ("N122" in by_code) == (lawsuits != 0)
    for code in ("N121", "N122"):
        for finding in by_code.get(code, ()):
            assert finding.reported == 0 and f"（原文：“{sentence}”）" in finding.message


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("未发生政府信息公开行政复议、行政诉讼案件。", {"N121", "N122"}),
        ("本年度无政府信息公开行政复议和行政诉讼情况。", {"N121", "N122"}),
        ("行政复议、行政诉讼均为0。", {"N121", "N122"}),
        # one case type named, the other not: only that one
        ("未发生因政府信息公开引起的行政诉讼，行政复议2件。", {"N122"}),
        ("未发生因政府信息公开引起的行政复议。", {"N121"}),
        # outcomes, not cases
        ("未发生政府信息公开行政复议被纠错的情况。", {"N124"}),
        ("努力降低行政复议、行政诉讼发生率。", set()),
    ],
)
def test_no_cases_reads_its_scope(text: str, codes: set[str]) -> None:
    report = _build(appeals=Appeals.from_counts(review=(1, 1), lawsuit_direct=(1,)))
    found = {m.code for m in compare_claims(_with(report, overview=text))}
    assert found == codes


# --------------------------------------------------------------------------------------
# N142: the narrative contradicts itself about the fee
# --------------------------------------------------------------------------------------

_FEE_REPORT = _build()


def _fee_findings(overview: str, other: str) -> list[Finding]:
    report = _with(_FEE_REPORT, overview=overview, other=other)
    return list(check(report, RuleSet.default().only("N142")))


def test_no_fee_and_a_fee_are_a_contradiction() -> None:
    (finding,) = _fee_findings(
        "本年度办理政府信息公开申请未收取任何费用。", "2024年，共收取信息处理费300元。"
    )
    assert finding.code == "N142" and finding.severity is Severity.WARNING
    assert finding.path is None
    assert "第一部分称“未收取任何费用”" in finding.message
    assert "第六部分却称实际收取信息处理费为300元" in finding.message
    assert "（原文：“2024年，共收取信息处理费300元。”）" in finding.message


@pytest.mark.parametrize(
    ("overview", "other"),
    [
        ("未收取信息处理费。", "2024年，无收取信息处理费情况。"),  # both zero
        ("", "全县收取信息处理费共计380元，其中民政局1件，收取380元。"),  # one figure
        ("依申请公开不收取信息处理费。", "2024年，收取信息处理费300元。"),  # a principle
        ("为企业办理证照未收取任何费用。", "2024年，收取信息处理费300元。"),  # not disclosure
        ("2023年未收取信息处理费。", "2024年，收取信息处理费300元。"),  # another year
        ("未收取信息处理费。", "其中民政局收取信息处理费380元。"),  # a sub-unit
        ("未收取信息处理费。", "收取信息处理费约300元。"),  # approximate
    ],
)
def test_fee_statements_that_do_not_contradict(overview: str, other: str) -> None:
    assert _fee_findings(overview, other) == []


def test_fee_notices_zero_and_some() -> None:
    # two quantities contradicted by the same two sentences: one finding
    (finding,) = _fee_findings(
        "本年度发出收费通知的件数和总金额均为0。", "本年度发出收费通知2件，总金额200元。"
    )
    assert "收费通知件数" in finding.message


# --------------------------------------------------------------------------------------
# N216: section 五 names problems and states no measure
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "一是政策解读形式单一，解读质量有待提高；二是信息公开队伍建设仍需加强；"
        "三是栏目信息更新不及时，存在一定的滞后问题。",
        "我单位政府信息公开工作还存在一些不足：主动公开的深度和广度不够，"
        "依申请公开答复的规范性有待进一步提升，工作人员业务能力仍需加强。",
    ],
)
def test_problems_without_measures(text: str) -> None:
    codes = [p.code for p in check_problems_section(text)]
    assert "N216" in codes and "N215" not in codes


@pytest.mark.parametrize(
    "text",
    [
        # the shapes of the corpus: a measure part after the problems
        "一是政策解读形式单一；二是队伍建设有待加强。针对上述问题，下一步将丰富解读形式，"
        "定期组织业务培训，全面提升工作水平。",
        "（一）存在的主要问题：基层政务公开标准化水平有待进一步提升。"
        "（二）改进措施：持续推进基层政务公开标准化规范化建设。",
        "原有栏目结构无法满足机构改革后的信息发布需要。根据上述问题，市科委采取以下措施："
        "一是开设专栏，二是调整信息公开目录。",
    ],
)
def test_problems_with_measures(text: str) -> None:
    assert "N216" not in {p.code for p in check_problems_section(text)}


# --------------------------------------------------------------------------------------
# PAIR-PROBLEMS-REPEATED: section 五 is last year's
# --------------------------------------------------------------------------------------

_PROBLEMS = (
    "{y}年，我区政府信息公开工作取得一定成效，但仍存在一些不足：一是政策解读形式较为单一，"
    "图解、视频等解读方式运用不多；二是部分单位信息发布审核不够严格，栏目更新不够及时。"
    "针对上述问题，{n}年我区将采取以下措施：一是丰富政策解读形式，推出更多图解和视频解读；"
    "二是严格落实信息发布审核制度，定期检查各单位栏目更新情况并通报。"
)
_REWRITTEN = (
    "对照群众期待，本年度工作仍有差距，主要是重点领域信息公开的深度不够，"
    "政务新媒体互动回应不够及时。下一步，将围绕重点项目建设推进全流程公开，"
    "建立政务新媒体留言办理台账，做到件件有回音。"
)


@given(zst.reports())
def test_section_five_copied_with_the_year_changed_is_repeated(report: Report) -> None:
    last = attrs.evolve(
        report,
        info=attrs.evolve(report.info, year=2023),
        problems=_PROBLEMS.format(y=2023, n=2024),
    )
    this = attrs.evolve(
        report,
        info=attrs.evolve(report.info, year=2024),
        problems=_PROBLEMS.format(y=2024, n=2025),
    )
    rules = RuleSet.of(pair_problems_repeated)
    (finding,) = check_pair(last, this, rules)
    assert finding.code == "PAIR-PROBLEMS-REPEATED" and finding.path is None
    assert "见于2023年度报告的第五部分" in finding.message
    assert not check_pair(last, attrs.evolve(this, problems=_REWRITTEN), rules)
    two_years_on = attrs.evolve(this, info=attrs.evolve(this.info, year=2025))
    assert not check_pair(last, two_years_on, rules)  # not consecutive: PAIR-SEQUENCE says so
    assert not check_pair(last, attrs.evolve(this, problems="无"), rules)


# --------------------------------------------------------------------------------------
# The corpus: no new finding on a case that is consistent (what fires is written down)
# --------------------------------------------------------------------------------------


def _cases() -> list[str]:
    return sorted(p.parent.name for p in CORPUS.glob("*/source.*")) if CORPUS.is_dir() else []


@functools.cache
def _read(case: str) -> Report | None:
    source = next((CORPUS / case).glob("source.*"))
    if source.suffix == ".pdf":
        pytest.importorskip("pdfplumber", reason="reading PDF needs pdfplumber")
    try:
        return zfxxgk.read(source).report
    except ZfxxgkError:
        return None  # the pre-2019 case: not read at all


# 上海市科委 2024: "所有申请均已按要求办理完成" while 四 is 1 (see tests/test_rules_narrative.py)
_EXPECTED: dict[str, set[str]] = {"kewei-shanghai-2024-markdown": {"N112"}}


@pytest.mark.skipif(not CORPUS.is_dir(), reason=NO_CORPUS)
@pytest.mark.parametrize("case", _cases())
def test_new_checks_on_the_corpus(case: str) -> None:
    report = _read(case)
    if report is None:
        pytest.skip("not read (a pre-2019 report)")
    findings = check(report)
    got = {f.code for f in findings if f.code in NEW_CODES}
    got |= {f.message[:4] for f in findings if f.code == "N100" and f.message[:4] in NEW_CODES}
    assert got == _EXPECTED.get(case, set()), [str(f) for f in findings]


@pytest.mark.skipif(not CORPUS.is_dir(), reason=NO_CORPUS)
@pytest.mark.parametrize("kind", ["html", "crawltext"])
def test_pingtan_rewrites_section_five_every_year(kind: str) -> None:
    reports = [_read(f"pingtan-{year}-{kind}") for year in range(2019, 2026)]
    rules = RuleSet.of(pair_problems_repeated)
    for last, this in itertools.pairwise(reports):
        assert last is not None and this is not None
        assert not check_pair(last, this, rules)


@pytest.mark.skipif(not CORPUS.is_dir(), reason=NO_CORPUS)
def test_hongze_2024_repeats_measures_but_not_its_section_five() -> None:
    last, this = _read("hongze-2023-pdf"), _read("hongze-2024-pdf")
    assert last is not None and this is not None
    assert last.problems is not None and this.problems is not None
    # 一是扎实推进依申请公开工作… and 三是继续加强业务指导培训… are 2023's word for word; the
    # problems are rewritten: 42% of section 五, below the threshold
    share = compare_texts(this.problems, last.problems).coverage_a
    assert 0.35 < share < REPEATED_SHARE
    assert not check_pair(last, this, RuleSet.of(pair_problems_repeated))
