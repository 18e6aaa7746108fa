"""Rules: the report as a text — sections, section 五, the fee statement, years, the date.

FORMAT.md §7 (completeness, timeliness, text copied from last year).  The facts are
:mod:`zfxxgk.narrative`'s (:func:`~zfxxgk.narrative.sections.section_layout`,
:func:`~zfxxgk.narrative.sections.read_problems_section`, the fee claims,
:func:`~zfxxgk.narrative.years.other_years`) and :mod:`zfxxgk.agencies`' (the Art. 49
deadline); this module is the one place their codes, severities and messages are written.
The check functions (:func:`check_sections`, :func:`check_problems_section`,
:func:`check_fee_statement`, :func:`check_years`, :func:`check_publication_date`) return
:class:`TextProblem` records; the rules run them once per check (through the check's
context, shared by the rules here) and turn each problem into a finding about the report as a
whole (``path`` is ``None``), under the same ``N…`` code:

* ``N201`` a section is missing.  Sections 一, 五 and 六 are present when the reader found their
  heading (the narrative field is not ``None``); sections 二, 三 and 四 when at least one of
  their table cells was read; any section whose heading the reader saw printed
  (``report.info.section_order``), in place or not;
* ``N204`` a table section (二, 三, 四) is printed — its heading was seen, or the reader marked
  its cells :attr:`~zfxxgk.cells.CellKind.UNREAD` — but none of its cells was read: not
  missing (N201), but not read;
* ``N202`` the sections are printed in another order than the template's, ``N203`` a section
  heading is printed more than once — from ``report.info.section_order``, the headings as
  printed (the readers record it; ``None``, as for a report built from numbers, skips both);
* ``N211`` … ``N216`` section 五 is empty, a placeholder, too short, names no problem or no
  measure, or names problems and states no measure (N216, instead of N215);
* ``N221`` section 六 does not state the information-processing fee position (an explicit
  zero counts) — for reports on 2021 onward (or of unknown year): the fee rules
  (国办函〔2020〕109号) took effect in 2021, earlier reports are not asked;
* ``N301`` … ``N303`` the statistical period, the report's own title or a sentence's opening
  year names another year;
* ``N401``, ``N402`` the publication date (``report.info.published``, when known) is after the
  Art. 49 deadline, or before the year ended.

A report without any narrative (built from tables) is only checked for its publication date
(and, when a reader recorded it, the order of its headings): it cannot tell a section "not
printed" from "not given".

:func:`check_report_text` runs the same check functions on a report as a library call: it
returns the :class:`TextProblem` records themselves (with their span and excerpt), takes the
sections from :func:`~zfxxgk.narrative.sections_found` (or the list given) and notes a missing
fee statement before 2021 as a 提示 instead of skipping it.
"""

from __future__ import annotations

import datetime as _dt
import functools
from collections.abc import Iterator, Mapping, Sequence
from typing import Final

import attrs

from ..agencies import AgencyKind, agency_kind, publication_deadline
from ..diagnostics import Severity
from ..model import Report
from ..narrative.claims import FEE_KINDS
from ..narrative.extract import extract_claims
from ..narrative.sections import (
    SECTION_NUMBERS,
    read_problems_section,
    section_layout,
    sections_found,
)
from ..narrative.years import YearPlace, other_years
from ..template import NARRATIVE_SECTIONS, SECTION_TITLES
from .analysis import Layout, scan
from .claims import has_narrative, section_claims
from .context import shared_analysis
from .engine import Rule, Violation, rule

__all__ = [
    "TEXT_CODES",
    "TEXT_RULES",
    "TextProblem",
    "check_fee_statement",
    "check_problems_section",
    "check_publication_date",
    "check_report_text",
    "check_sections",
    "check_years",
    "sections_present",
    "tables_unread",
    "text_problems",
]

_FEES_FROM: Final = 2021
"""The first report year asked to state the information-processing fees (N221)."""
_MIN_CONTENT: Final = 40
"""Section 五 with fewer Chinese characters than this is too short (N213)."""

# --------------------------------------------------------------------------------------
# The codes: one declaration each (code, severity, title, description)
# --------------------------------------------------------------------------------------

_RULES: Final[tuple[tuple[str, Severity, str, str], ...]] = (
    (
        "N201",
        Severity.WARNING,
        "年度报告缺少规定的部分",
        "年度报告应有六个部分：一、总体情况，二、主动公开政府信息情况，三、收到和处理政府信息"
        "公开申请情况，四、政府信息公开行政复议、行政诉讼情况，五、存在的主要问题及改进情况，"
        "六、其他需要报告的事项。一、五、六部分以找到标题为准，二、三、四部分以找到标题或表格为准"
        "（表格印出但未能读取的，报 N204 而不报本代码）；"
        "标题印在其他位置的部分不算缺失（见 N202）。",
    ),
    (
        "N202",
        Severity.WARNING,
        "章节顺序与规定格式不一致",
        "六个部分应按一、二、三、四、五、六的顺序排列。按读取时所见各部分标题的印刷顺序检查"
        "（report.info.section_order）；顺序未知（如由数字构造的报告）时不检查。",
    ),
    (
        "N203",
        Severity.INFO,
        "某一部分的标题出现了不止一次",
        "同一部分的标题印了两次或更多（可能是重复粘贴）。按读取时所见各部分标题的印刷顺序检查"
        "（report.info.section_order）；顺序未知时不检查。",
    ),
    (
        "N204",
        Severity.WARNING,
        "某一部分的表格未能读取",
        "二、三、四部分的表格印在报告中（读到了该部分的标题，或读取器确认表格已印出），"
        "但没有读出其中任何一个数字：该部分并非缺失，而是无法核对。与 N201（该部分确实没有）"
        "区分开。各单元格另见 CELL-UNREAD。",
    ),
    (
        "N211",
        Severity.WARNING,
        "第五部分缺失或为空",
        "“存在的主要问题及改进情况”应写明存在的问题和改进措施。",
    ),
    (
        "N212",
        Severity.WARNING,
        "第五部分只有占位或套话",
        "第五部分只有“（文字描述）”“无”“略”“同上”之类的占位文字。",
    ),
    (
        "N213",
        Severity.WARNING,
        "第五部分内容过短",
        "第五部分少于 40 个汉字，难以说明具体问题和改进措施。",
    ),
    (
        "N214",
        Severity.INFO,
        "第五部分未列出具体问题",
        "第五部分没有出现“问题”“不足”“短板”“有待”等说明问题的词语。",
    ),
    (
        "N215",
        Severity.INFO,
        "第五部分未说明改进措施",
        "第五部分没有出现“改进”“措施”“下一步”“加强”等说明改进措施的词语。",
    ),
    (
        "N216",
        Severity.WARNING,
        "第五部分只列问题，没有改进措施",
        "第五部分列出了存在的问题（“问题”“不足”“有待”等），但除了说明问题的短语"
        "（“有待加强”“仍需提升”“不够完善”）以外，没有一个说明改进的词语（“改进”“措施”"
        "“下一步”“将”“针对”“加强”“完善”等）。有此发现时不再报 N215。",
    ),
    (
        "N221",
        Severity.WARNING,
        "第六部分未说明信息处理费收取情况",
        "第六部分应写明发出收费通知的件数和总金额以及实际收取的总金额（为 0 也应写明，"
        "国办函〔2020〕109号）。只检查 2021 年度及以后（或年度不明）的报告。",
    ),
    (
        "N301",
        Severity.WARNING,
        "统计期限的年份与报告年度不符",
        "“YYYY年1月1日至12月31日”之类的统计期限写的是其他年份，可能沿用了往年文字。",
    ),
    (
        "N302",
        Severity.WARNING,
        "文中报告名称的年份与报告年度不符",
        "正文中“YYYY年政府信息公开工作年度报告”的年份不是报告年度（书名号《》内的文件名不计）。",
    ),
    (
        "N303",
        Severity.INFO,
        "句子以往年年份开头",
        "句子以早于报告年度的年份开头（如 2024 年度报告中的“2023年，我镇…”），"
        "请核实是否沿用往年文字。",
    ),
    (
        "N401",
        Severity.WARNING,
        "发布日期晚于法定期限",
        "条例第四十九条：政府部门应于次年 1 月 31 日前、人民政府应于次年 3 月 31 日前公布年度报告；"
        "不能判断机关类别时按 3 月 31 日检查。只在发布日期已知时检查。",
    ),
    (
        "N402",
        Severity.WARNING,
        "发布日期早于报告年度结束",
        "发布日期在报告年度 12 月 31 日或之前，年度报告不可能已经完成（可能是年度或日期有误）。",
    ),
)


_SEVERITY: Final[dict[str, Severity]] = {code: severity for code, severity, _, _ in _RULES}


@attrs.frozen(kw_only=True, slots=True)
class TextProblem:
    """A problem with the narrative text: a stable code, a severity, a Chinese message.

    ``span`` is the position in the text that was checked, when the problem has one;
    ``excerpt`` the text there; ``section`` the section concerned ("五", "六"), if any.
    """

    code: str
    severity: Severity
    message: str
    span: tuple[int, int] | None = None
    excerpt: str | None = None
    section: str | None = None

    def __str__(self) -> str:
        where = f" “{self.excerpt}”" if self.excerpt else ""
        return f"{self.code} {self.severity.label}: {self.message}{where}"


def make_problem(
    code: str,
    message: str,
    *,
    severity: Severity | None = None,
    span: tuple[int, int] | None = None,
    excerpt: str | None = None,
    section: str | None = None,
) -> TextProblem:
    """A problem under *code*, with the severity its rule declares (the rules of this
    module) or *severity* (a rule declared elsewhere: the outline's)."""
    return TextProblem(
        code=code,
        severity=_SEVERITY[code] if severity is None else severity,
        message=message,
        span=span,
        excerpt=excerpt,
        section=section,
    )


# --------------------------------------------------------------------------------------
# The checks
# --------------------------------------------------------------------------------------


def check_sections(found: Sequence[str | int]) -> tuple[TextProblem, ...]:
    """All six sections present, in order.

    *found* is the section numbers in the order the document prints them ("一"…"六" or
    1…6); a reader supplies it, or :func:`~zfxxgk.narrative.sections_found` derives it from
    a report.
    """
    layout = section_layout(found)
    problems = [
        make_problem("N201", f"缺少第{number}部分“{SECTION_TITLES[number]}”", section=number)
        for number in layout.missing
    ]
    if not layout.in_order:
        problems.append(
            make_problem("N202", "章节顺序与规定格式不一致：" + "、".join(layout.printed))
        )
    problems.extend(
        make_problem("N203", f"第{number}部分出现了不止一次", section=number)
        for number in layout.repeated
    )
    return tuple(problems)


def check_problems_section(text: str | None) -> tuple[TextProblem, ...]:
    """Section 五 is there, not a placeholder, and names concrete problems and measures.

    Tell-tale placeholders ("（文字描述）", "无", "略", "同上"), fewer than 40 Chinese
    characters of content, or no word of a problem / of a measure are reported.
    """
    section = read_problems_section(text)
    if section.empty:
        return (make_problem("N211", "第五部分“存在的主要问题及改进情况”缺失或为空", section="五"),)
    excerpt = section.content[:40]
    if section.placeholder:
        message = "第五部分只有占位或套话，没有实际内容"
        return (make_problem("N212", message, excerpt=excerpt, section="五"),)
    problems: list[TextProblem] = []
    if section.chinese_characters < _MIN_CONTENT:
        message = (
            f"第五部分内容过短（{section.chinese_characters}个汉字），难以说明具体问题和改进措施"
        )
        problems.append(make_problem("N213", message, excerpt=excerpt, section="五"))
    if not section.names_problems:
        problems.append(make_problem("N214", "第五部分未列出存在的具体问题", section="五"))
    if section.names_problems and not section.states_measures:
        message = "第五部分列出了存在的问题，但没有说明改进情况或措施"
        problems.append(make_problem("N216", message, excerpt=excerpt, section="五"))
    elif not section.names_measures:
        problems.append(make_problem("N215", "第五部分未说明改进措施", section="五"))
    return tuple(problems)


def check_fee_statement(text: str | None, *, year: int | None = None) -> tuple[TextProblem, ...]:
    """Section 六 states the information-processing-fee position (an explicit zero counts).

    The fee rules (国办函〔2020〕109号) apply from the 2021 reports on; for earlier years a
    missing statement is only noted (提示).
    """
    if text is not None and any(c.kind in FEE_KINDS for c in extract_claims(text)):
        return ()
    problem = make_problem(
        "N221",
        "第六部分未说明信息处理费的收取情况（发出收费通知的件数和总金额、实际收取的总金额，为0也应写明）",
        section="六",
    )
    if year is not None and year < _FEES_FROM:
        problem = attrs.evolve(problem, severity=Severity.INFO)
    return (problem,)


_YEAR_MESSAGES: Final[dict[YearPlace, tuple[str, str]]] = {
    YearPlace.PERIOD: ("N301", "统计期限写的是{named}年，报告年度为{year}年，可能沿用了往年文字"),
    YearPlace.OWN_TITLE: ("N302", "文中报告名称的年份为{named}年，报告年度为{year}年"),
    YearPlace.OPENING: (
        "N303",
        "句子以{named}年开头，报告年度为{year}年，请核实是否沿用往年文字",
    ),
}


def check_years(text: str, year: int) -> tuple[TextProblem, ...]:
    """The statistical period and the years named fit the report year.

    A period "YYYY年1月1日至YYYY年12月31日" or a title "YYYY年政府信息公开工作年度报告"
    naming another year is a warning (text copied from another report); a sentence
    opening with an earlier year ("2023年，我镇…" in a 2024 report) is noted.  Years
    inside 《…》, ranges such as "（2021-2035）" and "2023年度部门决算" are not questioned.
    """
    problems: list[TextProblem] = []
    for mention in other_years(text, year):
        code, message = _YEAR_MESSAGES[mention.place]
        problems.append(
            make_problem(
                code,
                message.format(named=mention.named, year=year),
                span=mention.span,
                excerpt=mention.excerpt,
            )
        )
    return tuple(problems)


_WHO_PUBLISHES: Final[dict[AgencyKind, str]] = {
    AgencyKind.DEPARTMENT: "政府部门应于次年1月31日前公布",
    AgencyKind.GOVERNMENT: "人民政府应于次年3月31日前公布",
    AgencyKind.UNKNOWN: "最迟应于次年3月31日前公布",
}


def check_publication_date(
    published: _dt.date | None, year: int | None, agency: str | None
) -> tuple[TextProblem, ...]:
    """The report was published in time (Art. 49), when the date is known.

    Departments publish by 31 January, people's governments by 31 March of the next year;
    when the kind of agency cannot be told, only the later deadline is applied.
    """
    if published is None or year is None:
        return ()
    kind = agency_kind(agency)
    deadline = publication_deadline(year, kind)
    if published <= _dt.date(year, 12, 31):
        message = f"发布日期{published.isoformat()}早于报告年度（{year}年）结束"
        return (make_problem("N402", message),)
    if published > deadline:
        message = (
            f"发布日期{published.isoformat()}晚于期限{deadline.isoformat()}"
            f"（条例第四十九条：{_WHO_PUBLISHES[kind]}）"
        )
        return (make_problem("N401", message),)
    return ()


# --------------------------------------------------------------------------------------
# A report: which sections it has, and every text problem
# --------------------------------------------------------------------------------------


def sections_present(report: Report) -> tuple[str, ...]:
    """The sections *report* has, in order: 一/五/六 when their narrative field is not
    ``None`` (as :func:`~zfxxgk.narrative.sections_found` says), 二/三/四 when at least one
    of their cells was read (not ``CellKind.MISSING``)."""
    cells = scan(report)
    specs = cells.layout.specs
    unread: dict[str, int] = {}
    for index in (*cells.missing, *cells.unread):
        section = specs[index].section
        unread[section] = unread.get(section, 0) + 1
    sizes: dict[str, int] = {}
    if unread:
        for spec in specs:
            sizes[spec.section] = sizes.get(spec.section, 0) + 1
    return tuple(
        number
        for number in sections_found(report)
        if number in NARRATIVE_SECTIONS or unread.get(number, 0) < sizes.get(number, 1)
    )


def _content_problems(report: Report, fees: Sequence[TextProblem]) -> list[TextProblem]:
    """Section 五, the fee statement (*fees*, decided by the caller), the years of every
    narrative section, the publication date."""
    year = report.info.year
    problems: list[TextProblem] = []
    if report.problems is not None:
        problems.extend(check_problems_section(report.problems))
    problems.extend(fees)
    if year is not None:
        for number, field in NARRATIVE_SECTIONS.items():
            text = getattr(report, field)
            if text:
                problems.extend(attrs.evolve(p, section=number) for p in check_years(text, year))
    problems.extend(check_publication_date(report.info.published, year, report.info.agency))
    return problems


def check_report_text(
    report: Report, *, found_sections: Sequence[str | int] | None = None
) -> tuple[TextProblem, ...]:
    """All the text checks on *report* — sections, 五, 六 fee statement, years, publication
    date — decided exactly as the rules ``N201``–``N402`` decide them (one runner: the
    findings of :func:`zfxxgk.check` are these problems).

    The sections a report has are its narrative fields and the tables of which a cell was
    read (:func:`sections_present`), with the headings as printed when a reader recorded them
    (``report.info.section_order``, which also decides order and repetition). Pass
    *found_sections* (the numbers in printed order) to check those instead."""
    if found_sections is None:
        return tuple(_problems(report, with_fees=True))
    return (*check_sections(found_sections), *_content_problems(report, _rule_fees(report)))


def _rule_fees(report: Report) -> tuple[TextProblem, ...]:
    """N221 as the rule asks it: section 六 is there, the year is 2021 or later (or unknown),
    and no claim read from 六 (by the narrative rules already) states a fee."""
    year = report.info.year
    if report.other_matters is None or (year is not None and year < _FEES_FROM):
        return ()
    claims = section_claims(report, "六")  # read once per check, shared with the N1xx rules
    if any(c.kind in FEE_KINDS for c in claims):
        return ()
    return check_fee_statement(None, year=year)


@functools.cache
def _section_sizes(layout: Layout) -> Mapping[str, int]:
    """How many cells each table section of a template shape has (once per shape)."""
    sizes: dict[str, int] = {}
    for spec in layout.specs:
        sizes[spec.section] = sizes.get(spec.section, 0) + 1
    return sizes


def tables_unread(report: Report) -> tuple[str, ...]:
    """The table sections (二, 三, 四) that are printed — their heading was seen
    (``report.info.section_order``) or a cell is :attr:`~zfxxgk.cells.CellKind.UNREAD`
    (printed, not read) — but of which no cell was read."""
    cells = scan(report)
    specs = cells.layout.specs
    order = set(report.info.section_order or ())
    unknown: dict[str, int] = {}
    printed = set(order)
    for index in (*cells.missing, *cells.unread):
        section = specs[index].section
        unknown[section] = unknown.get(section, 0) + 1
    printed.update(specs[index].section for index in cells.unread)
    sizes = _section_sizes(cells.layout)
    return tuple(
        number
        for number in ("二", "三", "四")
        if number in printed and unknown.get(number, 0) == sizes.get(number, -1)
    )


def _problems(report: Report, *, with_fees: bool) -> list[TextProblem]:
    """The text problems of *report*; the fee statement's (N221, which reads the claims of
    section 六) only *with_fees*: the rules give it a computation of its own, so that the
    other text rules do not extract claims (:func:`fee_problems`)."""
    order = report.info.section_order  # the headings as printed, when a reader saw them
    problems: list[TextProblem] = []
    narrative = has_narrative(report)
    if narrative:
        unread = tables_unread(report)
        present = set(sections_present(report)).union(order or (), unread)
        problems.extend(
            p
            for p in check_sections(sorted(present, key=SECTION_NUMBERS.index))
            if p.code == "N201"
        )
        problems.extend(
            make_problem(
                "N204", f"第{number}部分“{SECTION_TITLES[number]}”的表格未能读取", section=number
            )
            for number in unread
        )
    if order is not None:
        problems.extend(p for p in check_sections(order) if p.code in {"N202", "N203"})
    if narrative:
        problems.extend(_content_problems(report, _rule_fees(report) if with_fees else ()))
    else:
        info = report.info
        problems.extend(check_publication_date(info.published, info.year, info.agency))
    return problems


def _message(problem: TextProblem) -> str:
    text = problem.message
    if problem.excerpt:
        where = ""
        if problem.section in NARRATIVE_SECTIONS and problem.code.startswith("N3"):
            where = f"{problem.section}、{SECTION_TITLES[problem.section]}："
        text += f"（{where}“{problem.excerpt}”）"
    return text.replace("{", "{{").replace("}", "}}")


def _analyse(report: Report) -> Mapping[str, tuple[Violation, ...]]:
    found: dict[str, list[Violation]] = {}
    for problem in _problems(report, with_fees=False):
        found.setdefault(problem.code, []).append(Violation(None, message=_message(problem)))
    return {code: tuple(items) for code, items in found.items()}


@shared_analysis
def text_problems(report: Report) -> Mapping[str, tuple[Violation, ...]]:
    """The text problems of *report* as violations by code (once per check), but the fee
    statement's (:func:`fee_problems`)."""
    return _analyse(report)


@shared_analysis
def fee_problems(report: Report) -> tuple[Violation, ...]:
    """N221's violations (once per check): computed only when the check runs N221, since
    they read the claims of section 六 (shared with the N1xx rules when those run too)."""
    if not has_narrative(report):
        return ()
    return tuple(Violation(None, message=_message(p)) for p in _rule_fees(report))


# --------------------------------------------------------------------------------------
# One rule per code
# --------------------------------------------------------------------------------------


_EXAMPLES: Final[dict[str, str]] = {
    "N201": "缺少第五部分“存在的主要问题及改进情况”",
    "N202": "章节顺序与规定格式不一致：一、三、二、四、五、六",
    "N203": "第三部分出现了不止一次",
    "N204": "第四部分“政府信息公开行政复议、行政诉讼情况”的表格未能读取",
    "N211": "第五部分“存在的主要问题及改进情况”缺失或为空",
    "N212": "第五部分只有占位或套话，没有实际内容（“无”）",
    "N213": "第五部分内容过短（4个汉字），难以说明具体问题和改进措施（“存在问题。”）",
    "N214": "第五部分未列出存在的具体问题",
    "N215": "第五部分未说明改进措施",
    "N221": (
        "第六部分未说明信息处理费的收取情况（发出收费通知的件数和总金额、"
        "实际收取的总金额，为0也应写明）"
    ),
    "N301": (
        "统计期限写的是2023年，报告年度为2024年，可能沿用了往年文字（一、"
        "总体情况：“2023年1月1日至12月31日”）"
    ),
    "N302": (
        "文中报告名称的年份为2023年，报告年度为2024年（一、总体情况："
        "“2023年政府信息公开工作年度报告”）"
    ),
    "N303": (
        "句子以2023年开头，报告年度为2024年，请核实是否沿用往年文字（一、"
        "总体情况：“2023年，本局共收到申请60件。”）"
    ),
    "N216": (
        "第五部分列出了存在的问题，但没有说明改进情况或措施（“信息公开工作还存在一些不足:主动公开的"
        "内容不够全面,部分栏目更新不够及时,政策解”）"
    ),
    "N401": "发布日期2025-04-02晚于期限2025-01-31（条例第四十九条：政府部门应于次年1月31日前公布）",
    "N402": "发布日期2024-12-01早于报告年度（2024年）结束",
}
"""One real message per code, for the catalogue: what the rule says of a small report
(tests/test_rule_examples.py checks each against a real run)."""


_FEE_CODE: Final = "N221"


def _rule_for(code: str, severity: Severity, title: str, description: str) -> Rule:
    def violations(report: Report) -> Iterator[Violation]:
        if code == _FEE_CODE:
            yield from fee_problems(report)
        else:
            yield from text_problems(report).get(code, ())

    violations.__name__ = f"text_{code.lower()}"
    violations.__qualname__ = violations.__name__
    return rule(
        code=code,
        severity=severity,
        title=title,
        description=description,
        example=_EXAMPLES.get(code),
    )(violations)


TEXT_RULES: Final[tuple[Rule, ...]] = tuple(_rule_for(*spec) for spec in _RULES)
"""The report-level text rules: sections, section 五, the fee statement, years, the date."""

TEXT_CODES: Final[tuple[str, ...]] = tuple(r.code for r in TEXT_RULES)
