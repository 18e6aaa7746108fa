"""Rules: the report as a text — sections, section 五, the fee statement, years, the date.

FORMAT.md §7 (completeness, timeliness, text copied from last year).  The checks themselves
are :mod:`zfxxgk.narrative`'s pure functions; this module runs them once per report (cached for
the last report, shared by the rules here) and turns each :class:`~zfxxgk.narrative.
TextProblem` into a finding about the report as a whole (``path`` is ``None``), under the same
``N…`` code:

* ``N201`` a section is missing.  Sections 一, 五 and 六 are present when the reader found their
  heading (the narrative field is not ``None``); sections 二, 三 and 四 when at least one of
  their table cells was read; any section whose heading the reader saw printed
  (``report.info.section_order``), in place or not;
* ``N202`` the sections are printed in another order than the template's, ``N203`` a section
  heading is printed more than once — from ``report.info.section_order``, the headings as
  printed (the readers record it; ``None``, as for a report built from numbers, skips both);
* ``N211`` … ``N215`` section 五 is empty, a placeholder, too short, names no problem or no
  measure;
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
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Final

from ..diagnostics import Severity
from ..model import Report
from ..narrative import (
    ClaimKind,
    TextProblem,
    check_fee_statement,
    check_problems_section,
    check_publication_date,
    check_sections,
    check_years,
)
from ..template import NARRATIVE_SECTIONS, SECTION_TITLES
from .analysis import scan
from .context import shared_analysis
from .engine import Rule, Violation, rule
from .narrative import has_narrative, narrative_check

__all__ = ["TEXT_CODES", "TEXT_RULES", "sections_present", "text_problems"]

_FEE_KINDS: Final = frozenset(
    {ClaimKind.FEE_NOTICES, ClaimKind.FEE_NOTICE_AMOUNT, ClaimKind.FEE_COLLECTED}
)
_SECTIONS: Final = tuple(SECTION_TITLES)
_FEES_FROM: Final = 2021
"""The first report year asked to state the information-processing fees (N221)."""


def sections_present(report: Report) -> tuple[str, ...]:
    """The sections *report* has, in order: 一/五/六 when their narrative field is not
    ``None``, 二/三/四 when at least one of their cells was read (not ``CellKind.MISSING``)."""
    cells = scan(report)
    specs = cells.layout.specs
    unread: dict[str, int] = {}
    for index in cells.missing:
        section = specs[index].section
        unread[section] = unread.get(section, 0) + 1
    sizes: dict[str, int] = {}
    if unread:
        for spec in specs:
            sizes[spec.section] = sizes.get(spec.section, 0) + 1
    found: list[str] = []
    for number in SECTION_TITLES:
        field = NARRATIVE_SECTIONS.get(number)
        if field is not None:
            if getattr(report, field) is not None:
                found.append(number)
        elif unread.get(number, 0) < sizes.get(number, 1):
            found.append(number)
    return tuple(found)


def _problems(report: Report) -> list[TextProblem]:
    year = report.info.year
    problems: list[TextProblem] = []
    order = report.info.section_order  # the headings as printed, when a reader saw them
    narrative = has_narrative(report)
    if narrative:
        present = set(sections_present(report)).union(order or ())
        problems.extend(
            p for p in check_sections(sorted(present, key=_SECTIONS.index)) if p.code == "N201"
        )
    if order is not None:
        problems.extend(p for p in check_sections(order) if p.code in {"N202", "N203"})
    if narrative:
        if report.problems is not None:
            problems.extend(check_problems_section(report.problems))
        if report.other_matters is not None and (year is None or year >= _FEES_FROM):
            claims = narrative_check(report).claims  # the narrative rules read 六 already
            if not any(c.section == "六" and c.kind in _FEE_KINDS for c in claims):
                problems.extend(check_fee_statement(None, year=year))
        if year is not None:
            for number, field in NARRATIVE_SECTIONS.items():
                text = getattr(report, field)
                if text:
                    problems.extend(
                        TextProblem(
                            code=p.code,
                            severity=p.severity,
                            message=p.message,
                            span=p.span,
                            excerpt=p.excerpt,
                            section=number,
                        )
                        for p in check_years(text, year)
                    )
    problems.extend(check_publication_date(report.info.published, year, report.info.agency))
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
    for problem in _problems(report):
        found.setdefault(problem.code, []).append(Violation(None, message=_message(problem)))
    return {code: tuple(items) for code, items in found.items()}


@shared_analysis
def text_problems(report: Report) -> Mapping[str, tuple[Violation, ...]]:
    """The text problems of *report* as violations by code (once per check)."""
    return _analyse(report)


# --------------------------------------------------------------------------------------
# One rule per code
# --------------------------------------------------------------------------------------

_RULES: Final[tuple[tuple[str, Severity, str, str], ...]] = (
    (
        "N201",
        Severity.WARNING,
        "年度报告缺少规定的部分",
        "年度报告应有六个部分：一、总体情况，二、主动公开政府信息情况，三、收到和处理政府信息"
        "公开申请情况，四、政府信息公开行政复议、行政诉讼情况，五、存在的主要问题及改进情况，"
        "六、其他需要报告的事项。一、五、六部分以找到标题为准，二、三、四部分以读到表格数字为准；"
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


def _rule_for(code: str, severity: Severity, title: str, description: str) -> Rule:
    def violations(report: Report) -> Iterator[Violation]:
        yield from text_problems(report).get(code, ())

    violations.__name__ = f"text_{code.lower()}"
    violations.__qualname__ = violations.__name__
    return rule(code=code, severity=severity, title=title, description=description)(violations)


TEXT_RULES: Final[tuple[Rule, ...]] = tuple(_rule_for(*spec) for spec in _RULES)
"""The report-level text rules: sections, section 五, the fee statement, years, the date."""

TEXT_CODES: Final[tuple[str, ...]] = tuple(r.code for r in TEXT_RULES)
