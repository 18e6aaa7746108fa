"""The outline every rendering of a report follows: what is printed above the first section,
then the six sections in order with their official headings and narrative paragraphs.

HTML (:mod:`zfxxgk.html_report`), Markdown and text (:mod:`zfxxgk.text_report`), Word
(:mod:`zfxxgk.word_report`) and the notebook views read it, so a title, a date line or a
heading is composed once.  The tables of the table sections are drawn from
:mod:`zfxxgk.grids`.
"""

from __future__ import annotations

from collections.abc import Iterator

from .model import Report, ReportInfo
from .template import SECTION_TITLES

__all__ = ["describe", "front_lines", "front_matter", "paragraphs", "sections", "title"]


def title(report: Report) -> str:
    """The report's title as printed, else one composed from the agency and the year."""
    info = report.info
    if info.title:
        return info.title
    year = f"{info.year}年" if info.year is not None else ""
    return f"{info.agency or ''}{year}政府信息公开工作年度报告"


def front_lines(report: Report) -> list[str]:
    """Lines printed above the first section: the agency (when the title does not name
    it), the title, the date of publication."""
    info = report.info
    heading = title(report)
    lines = []
    if info.agency and info.agency not in heading:
        lines.append(info.agency)
    lines.append(heading)
    if info.published is not None:
        day = info.published
        lines.append(f"（{day.year}年{day.month}月{day.day}日）")
    return lines


def front_matter(report: Report) -> tuple[list[str], str, list[str]]:
    """What is printed above the first section: (agency lines, the title, date lines)."""
    lines = front_lines(report)
    heading = title(report)
    at = lines.index(heading)
    return lines[:at], heading, lines[at + 1 :]


def sections(report: Report) -> Iterator[tuple[str, str, str | None]]:
    """(number, heading, narrative or None for a table section) in order."""
    narrative = {"一": report.overview, "五": report.problems, "六": report.other_matters}
    for number, name in SECTION_TITLES.items():
        yield number, f"{number}、{name}", narrative.get(number)


def paragraphs(text: str | None) -> list[str]:
    """The non-empty lines of a narrative section, stripped."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def describe(report: Report | ReportInfo, *, published: bool = False) -> str:
    """One line saying whose report it is: ``某区人民政府 · 2024年度 · 2021 年版格式`` (of a
    report, or of its :class:`~zfxxgk.model.ReportInfo` alone)."""
    info = report if isinstance(report, ReportInfo) else report.info
    parts = [info.agency or "（未识别发布机关）"]
    if info.year is not None:
        parts.append(f"{info.year}年度")
    parts.append(f"{info.template.value} 年版格式")
    if published and info.published is not None:
        parts.append(f"发布于 {info.published.isoformat()}")
    return " · ".join(parts)
