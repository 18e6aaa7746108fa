"""Rule ``OUTLINE-NUMBERING``: the numbering of the report's outline, as a reviewer reads it.

The template numbers its six sections 一 … 六, and the tables of sections 二, 三 and 四 number
their own rows 一、二、三、四.  A reader of the report can tell which "二" is meant only when
the sections keep their numbers.  Three things break that (the 上海市科委 2024 report does all
three):

* a narrative section's sub-topics numbered with the top-level ordinals (``二、工作机制保障``
  … ``六、政府信息公开平台建设`` inside 一、总体情况) — from the section's text
  (:func:`~zfxxgk.narrative.outline.top_numbered_lines`), one finding per section;
* a section heading whose number restarts or goes back (``一、主动公开政府信息情况`` after
  ``一、总体情况``), or skips numbers that no heading in between accounts for — one finding
  per heading;
* the other headings printed with another number than their section's (``二、收到和处理政府
  信息公开申请情况`` for section 三) — one finding listing them.

The headings and their printed numbers are the reader's (``report.info.printed``, see
:mod:`zfxxgk.printed`); a report built from numbers has none and is checked on its text only.
A heading printed with its own section's number is never questioned here: a section out of
order or printed twice is ``N202`` / ``N203``.  :func:`check_outline` returns the problems
with their span in the section's text (sub-topics) or the heading's place in the source.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from ..diagnostics import Severity
from ..model import Report
from ..narrative.outline import ordinal_value, top_numbered_lines
from ..printed import PrintedHeading
from ..template import NARRATIVE_SECTIONS, SECTION_TITLES
from .engine import Rule, Violation, rule
from .wording import TextProblem, make_problem

__all__ = ["OUTLINE_CODE", "OUTLINE_RULES", "check_outline", "outline_numbering"]

OUTLINE_CODE: Final = "OUTLINE-NUMBERING"
_SEVERITY: Final = Severity.WARNING
_QUOTED: Final = 6
"""Sub-topic headings quoted in one message at most."""
_SECTION_VALUE: Final = {number: i + 1 for i, number in enumerate(SECTION_TITLES)}


def _problem(
    message: str,
    *,
    span: tuple[int, int] | None = None,
    excerpt: str | None = None,
    section: str | None = None,
) -> TextProblem:
    return make_problem(
        OUTLINE_CODE, message, severity=_SEVERITY, span=span, excerpt=excerpt, section=section
    )


def _sub_topics(report: Report) -> Iterator[TextProblem]:
    for section, field in NARRATIVE_SECTIONS.items():
        lines = [
            line
            for line in top_numbered_lines(getattr(report, field))
            if not (line.number == section and line.span[0] <= 2)  # its own heading, kept
        ]
        if not lines:
            continue
        quoted = "".join(f"“{line.excerpt}”" for line in lines[:_QUOTED])
        more = f"等{len(lines)}处" if len(lines) > _QUOTED else ""
        message = (
            f"第{section}部分“{SECTION_TITLES[section]}”中的小标题用了各部分标题的一级序号"
            f"（{quoted}{more}），与第二至六部分的标题序号相混，表格中的“二、三、四”指哪一部分"
            "不清楚；小标题应使用（一）（二）（三）"
        )
        span = (lines[0].span[0], lines[-1].span[1])
        yield _problem(message, span=span, excerpt=lines[0].excerpt, section=section)


def _place(heading: PrintedHeading) -> str:
    if heading.line is not None:
        return f"（第{heading.line}行）"
    if heading.page is not None:
        return f"（第{heading.page}页）"
    return ""


def _headings(report: Report) -> Iterator[TextProblem]:
    printed = report.info.printed
    if printed is None:
        return
    previous: tuple[int, int, PrintedHeading] | None = None  # (index, value, heading)
    others: list[PrintedHeading] = []
    for index, heading in enumerate(printed.headings):
        value = ordinal_value(heading.number) if heading.number is not None else None
        if value is None:
            continue
        here = f"“{heading.text}”{_place(heading)}"
        if value != _SECTION_VALUE[heading.section] and previous is not None:
            at, before, prior = previous
            if value <= before:
                yield _problem(
                    f"标题{here}的序号“{heading.number}”没有接续前一标题“{prior.text}”，"
                    f"序号重新开始或倒退（按内容是第{heading.section}部分）",
                    section=heading.section,
                    excerpt=heading.text,
                )
            elif value > before + (index - at):
                yield _problem(
                    f"标题{here}的序号从前一标题“{prior.text}”的“{prior.number}”跳到"
                    f"“{heading.number}”（按内容是第{heading.section}部分）",
                    section=heading.section,
                    excerpt=heading.text,
                )
            else:
                others.append(heading)
        elif value != _SECTION_VALUE[heading.section]:
            others.append(heading)
        previous = (index, value, heading)
    if others:
        listed = "；".join(
            f"“{h.text}”{_place(h)}是第{h.section}部分“{SECTION_TITLES[h.section]}”" for h in others
        )
        yield _problem(f"部分标题的序号与规定格式不同：{listed}", excerpt=others[0].text)


def check_outline(report: Report) -> tuple[TextProblem, ...]:
    """The problems of *report*'s outline numbering (code ``OUTLINE-NUMBERING``), sub-topics
    of the narrative sections first, then the section headings in printed order."""
    return (*_sub_topics(report), *_headings(report))


@rule(
    code=OUTLINE_CODE,
    severity=_SEVERITY,
    title="标题序号混乱",
    message="{problem}",
    params=("problem",),
    example={
        "problem": (
            "标题“一、主动公开政府信息情况”（第73行）的序号“一”没有接续前一标题“一、总体情况”，"
            "序号重新开始或倒退（按内容是第二部分）"
        )
    },
    description=(
        "各部分标题应按一至六编号，各部分内的小标题用（一）（二）（三）。三种情况报告：第"
        "一、五、六部分中的小标题用了一、二、三等一级序号（与第二至四部分的标题及表格中的"
        "“二、三、四”相混）；某一部分的标题序号重新开始、倒退或跳号；其余标题印的序号与"
        "所在部分不同（列在一条中）。标题及其序号以读取时所见为准"
        "（report.info.printed），由数字构造的报告只检查文字；"
        "序号正确而顺序不对或重复的部分见 N202、N203。"
    ),
)
def outline_numbering(report: Report) -> Iterator[Violation]:
    """The numbering of the outline: sub-topics, restarted or skipped heading numbers."""
    for problem in check_outline(report):
        yield Violation(None, params={"problem": problem.message})


OUTLINE_RULES: Final[tuple[Rule, ...]] = (outline_numbering,)
"""The outline rule, in the default rule set."""
