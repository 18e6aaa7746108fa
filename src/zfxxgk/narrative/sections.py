"""Which sections a report has, in what order, and what its section 五 says.

Facts only: :func:`section_layout` says which of the six sections are missing, repeated or
out of order in a list of printed headings; :func:`read_problems_section` says whether
section 五 is empty, a placeholder, how long it is and whether it names problems and
measures.  The findings made of them (codes, severities, messages) are :mod:`zfxxgk.rules`'.
The section numbers and titles are the template's (:data:`zfxxgk.template.SECTION_TITLES`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Final

import attrs

from ..model import Report
from ..template import NARRATIVE_SECTIONS, SECTION_TITLES
from ._patterns import LazyPattern

__all__ = [
    "SECTION_NUMBERS",
    "ProblemsSection",
    "SectionLayout",
    "read_problems_section",
    "section_layout",
    "section_number",
    "sections_found",
]

SECTION_NUMBERS: Final[tuple[str, ...]] = tuple(SECTION_TITLES)
"""一 … 六, in the template's order."""


def section_number(value: str | int) -> str:
    """The section number ("一" … "六") *value* names: "一", "1", "一、", 1 …

    Raises :class:`ValueError` when it names none."""
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 6:
        return SECTION_NUMBERS[value - 1]
    if isinstance(value, str):
        norm = unicodedata.normalize("NFKC", value).strip().rstrip("、.")
        if norm in SECTION_NUMBERS:
            return norm
        if norm.isdigit() and 1 <= int(norm) <= 6:
            return SECTION_NUMBERS[int(norm) - 1]
    raise ValueError(f"不是年度报告的章节编号（一至六）：{value!r}")


def sections_found(report: Report) -> tuple[str, ...]:
    """The sections a :class:`~zfxxgk.model.Report` has: 二–四 always, 一/五/六 unless ``None``."""
    found = []
    for number in SECTION_NUMBERS:
        field = NARRATIVE_SECTIONS.get(number)
        if field is None or getattr(report, field) is not None:
            found.append(number)
    return tuple(found)


@attrs.frozen(kw_only=True, slots=True)
class SectionLayout:
    """The sections of a report as its headings are printed.

    ``printed`` is each section once, in the order first printed; ``missing`` and
    ``repeated`` are in the template's order."""

    printed: tuple[str, ...]
    missing: tuple[str, ...]
    repeated: tuple[str, ...]

    @property
    def in_order(self) -> bool:
        """True when the sections are printed in the template's order."""
        order = [SECTION_NUMBERS.index(n) for n in self.printed]
        return order == sorted(order)


def section_layout(found: Sequence[str | int]) -> SectionLayout:
    """The layout of the sections *found* ("一"…"六" or 1…6, in printed order)."""
    numbers = [section_number(v) for v in found]
    return SectionLayout(
        printed=tuple(dict.fromkeys(numbers)),
        missing=tuple(n for n in SECTION_NUMBERS if n not in numbers),
        repeated=tuple(
            sorted({n for n in numbers if numbers.count(n) > 1}, key=SECTION_NUMBERS.index)
        ),
    )


_PLACEHOLDERS: Final = (
    "文字描述",
    "此处填写",
    "请填写",
    "XXX",
    "xxx",
    "××",
    "＊＊",
)
_EMPTY_WORDS: Final = LazyPattern(
    r"^(?:无|暂无|略|同上|没有|无问题|无其他需要报告的事项|不涉及)[。.]?$"
)
_PROBLEM_WORDS: Final = LazyPattern(
    r"问题|不足|短板|差距|有待|不够|欠缺|薄弱|不到位|不规范|不及时|不充分|不高|不强|不深|单一|滞后|需要|仍需|尚需|亟需"
)
_MEASURE_WORDS: Final = LazyPattern(
    r"改进|措施|整改|下一步|将|加强|推进|提升|完善|强化|优化|健全|开展|做好|建立|规范|落实|丰富"
)
_PROBLEM_PHRASE: Final = LazyPattern(
    r"(?:有待|仍需|尚需|还需|亟需|亟待|仍待|尚待|还待|仍要|还要|需要|需|待|不够|不足以"
    r"|不(?=规范|到位|及时|完善|健全|充分|明确|平衡|均衡|严格|精准|深入|全面))"
    r"(?:进一步|继续|持续|不断|加大)?[\u4e00-\u9fff]{0,4}"
)
"""Where a measure word names a problem: 有待加强, 仍需进一步提升, 需持续推进, 不够完善."""
_MEASURE_MARKERS: Final = LazyPattern(
    r"改进|措施|整改|下一步|下步|今后|接下来|下阶段|下一阶段|明年|将|拟|计划|着力|力争|争取"
    r"|确保|坚持|采取|针对|继续|持续|加强|推进|提升|提高|完善|强化|优化|健全|建立|做好|落实"
    r"|开展|推动|深化|加大|规范(?!性)|丰富"
)
"""Words that state a measure (done or planned), read outside :data:`_PROBLEM_PHRASE`."""
_HEADING_5: Final = LazyPattern(
    r"^\s*(?:[#*\s]*)(?:[五5][、.．]?)?\s*(?:政府信息公开工作)?(?:存在的?)?主要问题(?:及|和|与)改进(?:情况|措施|方向)?\s*"
)


_HAN: Final = LazyPattern("[\u4e00-\u9fff]")


def _han(text: str) -> int:
    """The Chinese characters (CJK unified ideographs) of *text*, counted by the regex engine."""
    return len(_HAN.findall(text))


@attrs.frozen(kw_only=True, slots=True)
class ProblemsSection:
    """What section 五 (存在的主要问题及改进情况) says.

    ``content`` is its text NFKC-folded, without its heading and without spaces;
    ``placeholder`` is true when that is a placeholder ("（文字描述）") or a set phrase ("无",
    "略", "同上"); ``chinese_characters`` counts its Chinese characters."""

    empty: bool
    content: str = ""
    placeholder: bool = False
    chinese_characters: int = 0
    names_problems: bool = False
    """It has a word that names a problem (问题, 不足, 短板, 有待 …)."""
    names_measures: bool = False
    """It has a word that names a measure (改进, 措施, 下一步, 加强 …)."""
    states_measures: bool = False
    """It has a word that states a measure outside the phrases that name a problem: "有待加强"
    and "仍需提升" name problems, "下一步将加强" and "采取以下措施" state measures."""


def read_problems_section(text: str | None) -> ProblemsSection:
    """What section 5 *text* says (``None`` or blank: empty)."""
    if text is None or not text.strip():
        return ProblemsSection(empty=True)
    body = _HEADING_5.sub("", unicodedata.normalize("NFKC", text).strip()).strip()
    compact = re.sub(r"\s+", "", body)
    placeholder = any(p in compact for p in _PLACEHOLDERS) or bool(_EMPTY_WORDS.match(compact))
    return ProblemsSection(
        empty=False,
        content=compact,
        placeholder=placeholder,
        chinese_characters=_han(compact),
        names_problems=bool(_PROBLEM_WORDS.search(compact)),
        names_measures=bool(_MEASURE_WORDS.search(compact)),
        states_measures=bool(_MEASURE_MARKERS.search(_PROBLEM_PHRASE.sub("", compact))),
    )
