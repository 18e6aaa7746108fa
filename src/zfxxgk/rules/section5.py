"""A pair rule: section 五 repeated from the agency's previous report.

五、存在的主要问题及改进情况 is meant to be written anew each year: this year's problems, and
what was done or will be done about them.  ``PAIR-PROBLEMS-REPEATED`` (warning) compares
section 五 of year Y with section 五 of year Y−1 by :func:`zfxxgk.similarity.compare_texts`
(numbers, years and template wording do not count, so "2023年…" copied as "2024年…" is still
the same text) and fires when at least :data:`REPEATED_SHARE` of this year's section is found
in last year's.  Like the other year-to-year rules it is silent when both years are known and
not consecutive (``PAIR-SEQUENCE`` says so), and when either section is missing, a
placeholder or shorter than 40 Chinese characters (``N211``–``N213`` say so).

What it gives on real reports: 平潭 2019–2025 rewrites section 五 every year (0% shared);
洪泽区 2024 repeats two of its three measures from 2023 word for word but rewrites its problems
(42% of its section 五 found in 2023's): below the threshold, a partial repeat that
``COPY-SIMILAR`` reports over the whole narrative.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from ..diagnostics import Severity
from ..model import Report
from ..narrative.sections import read_problems_section
from .engine import Rule, Violation, pair_rule

__all__ = ["REPEATED_SHARE", "SECTION5_PAIR_RULES", "pair_problems_repeated"]

REPEATED_SHARE: Final = 0.6
"""The share of this year's section 五 found in last year's from which it is reported."""

_MIN_CHINESE: Final = 40
_QUOTE_LENGTH: Final = 60


def _usable(text: str | None) -> str | None:
    """*text* when it is a section 五 worth comparing (present, not a placeholder, long)."""
    section = read_problems_section(text)
    if section.empty or section.placeholder or section.chinese_characters < _MIN_CHINESE:
        return None
    return text


def _quote(text: str) -> str:
    flat = "".join(text.split())
    return flat if len(flat) <= _QUOTE_LENGTH else flat[:_QUOTE_LENGTH] + "…"


@pair_rule(
    code="PAIR-PROBLEMS-REPEATED",
    severity=Severity.WARNING,
    title="第五部分与上一年度报告基本相同",
    description=(
        "本年度报告第五部分“存在的主要问题及改进情况”的大部分文字"
        f"（不少于 {REPEATED_SHARE:.0%}）见于同一机关上一年度报告的第五部分：问题和改进情况"
        "应每年据实填写。数字、年份和模板固定文字不计入，只改了年份或数字的句子仍算相同。"
        "两份报告年度不连续时不比较；任一份第五部分缺失、只有占位或少于 40 个汉字时不比较。"
    ),
    message="{text}",
    params=("text",),
    example={
        "text": (
            "第五部分“存在的主要问题及改进情况”的100%见于2023年度报告的第五部分，相同文字共 1 段，"
            "最长一段：“我局政府信息公开工作仍存在一些不足：一是主动公开的深度和广度不够，二是政策"
            "解读形式较为单一。下一步，我局将进一步完善工作…”"
        )
    },
)
def pair_problems_repeated(previous: Report, current: Report) -> Iterator[Violation]:
    """Most of this year's section 五 is last year's."""
    before, after = previous.info.year, current.info.year
    if before is not None and after is not None and after != before + 1:
        return
    this, last = _usable(current.problems), _usable(previous.problems)
    if this is None or last is None:
        return
    from ..similarity import compare_texts  # only a pair of reports needs it: a check does not

    similarity = compare_texts(this, last)
    if similarity.coverage_a < REPEATED_SHARE or not similarity.passages:
        return
    year = f"{before}年度" if before is not None else "上一年度"
    longest = max(similarity.passages, key=lambda p: p.length)
    text = (
        f"第五部分“存在的主要问题及改进情况”的{similarity.coverage_a:.0%}见于{year}报告的"
        f"第五部分，相同文字共 {len(similarity.passages)} 段，最长一段："
        f"“{_quote(longest.text_a)}”"
    )
    yield Violation(None, params={"text": text})


SECTION5_PAIR_RULES: Final[tuple[Rule, ...]] = (pair_problems_repeated,)
"""The pair rules of this module, in the default set after the other pair rules."""
