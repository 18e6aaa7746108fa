"""Headings and the text sections: diagnostics about the six section headings as printed
(``readers.sections`` finds them), and the text of sections 一, 五 and 六.
"""

from __future__ import annotations

import functools
import re

from ...template import SECTION_TITLES
from ..sections import SECTIONS, Heading, heading_words
from .items import Item, Row, item_text
from .state import INFO, WARNING, Builder
from .values import oneline

__all__ = ["heading_diagnostics", "inline_section_texts", "section_texts"]


def heading_diagnostics(builder: Builder, headings: dict[str, Heading]) -> None:
    """A section without a heading (R100), a heading worded or numbered otherwise than the
    official format (R121), printed out of place or twice (R122)."""
    printed = tuple(headings.values()) if builder.printed is None else builder.printed
    for section in SECTIONS:
        heading = headings.get(section)
        title = f"{section}、{SECTION_TITLES[section]}"
        if heading is None:
            if any(h.section == section for h in printed):
                continue  # printed out of place: R122 below
            builder.diag(
                "R100",
                WARNING if section in {"一", "五", "六"} else INFO,
                f"未找到“{title}”的标题",
            )
            continue
        if heading not in printed:
            continue  # a guess given way to the official heading printed elsewhere: R122
        location = builder.paragraph_at(heading.position).location
        text = oneline(builder.paragraph_at(heading.position).text)
        if not heading.exact:
            builder.diag(
                "R121", INFO, f"“{text}”按“{title}”的标题读取（措辞与官方格式不同）", location
            )
        elif heading.printed_number is not None and heading.printed_number != section:
            builder.diag("R121", INFO, f"“{text}”的序号与官方格式不同，按“{title}”读取", location)
        elif heading.printed_number is None:
            builder.diag("R121", INFO, f"“{text}”没有序号，按“{title}”读取", location)
    for heading in printed:
        chosen = headings.get(heading.section)
        if chosen is not None and chosen.position == heading.position:
            continue
        paragraph = builder.paragraph_at(heading.position)
        text = oneline(paragraph.text)
        if chosen not in printed:
            message = f"“{text}”不在规定的位置（各部分顺序见官方格式），按所印位置读取"
        else:
            message = f"“{text}”重复出现，该部分以另一处符合官方格式顺序的标题为准"
        builder.diag("R122", INFO, message, paragraph.location)


def section_texts(
    builder: Builder, items: list[Item], headings: dict[str, Heading]
) -> dict[str, str | None]:
    """The text of sections 一, 五 and 六 (None: no heading found)."""
    # a heading printed out of place (its section has no heading in order) ends the
    # section before it, and is read as its section when it is printed only once
    printed = tuple(headings.values()) if builder.printed is None else builder.printed
    headings = {s: h for s, h in headings.items() if h in printed}
    elsewhere = [h for h in printed if h.section not in headings]
    positions = sorted(h.position for h in (*headings.values(), *elsewhere))
    first_table = next(
        (i.position for i in items if isinstance(i, Row) and i.kind in {"anchor", "group"}),
        len(items),
    )
    out: dict[str, str | None] = {}
    for section in ("一", "五", "六"):
        heading = headings.get(section)
        if heading is None:
            found = [h for h in elsewhere if h.section == section]
            heading = found[0] if len(found) == 1 else None
        if heading is None:
            out[section] = None
            continue
        later = [p for p in positions if p > heading.position]
        end = min(later) if later else len(items)
        if section == "一" and "二" not in headings:
            end = min(end, first_table) if first_table > heading.position else end
        lines = [heading.rest] if heading.rest else []
        lines.extend(item_text(item) for item in items[heading.position + 1 : end])
        out[section] = "\n".join(line for line in lines if line) or ""
    return out


def inline_section_texts(text: str) -> dict[str, str | None]:
    """Narrative sections of a text whose headings run on within one line."""
    found: dict[str, tuple[int, int]] = {}
    cursor = 0
    for section in SECTIONS:
        pattern = _inline_heading(section)
        match = pattern.search(text, cursor)
        if match is None:
            continue
        found[section] = (match.start(), match.end())
        cursor = match.end()
    out: dict[str, str | None] = {}
    starts = sorted(s for s, _ in found.values())
    for section in ("一", "五", "六"):
        if section not in found:
            out[section] = None
            continue
        begin = found[section][1]
        later = [s for s in starts if s > begin]
        end = min(later) if later else len(text)
        if section == "一":
            table = text.find("第二十条", begin)
            if table != -1:
                end = min(end, table)
        out[section] = text[begin:end].strip()
    return out


@functools.cache
def _inline_heading(section: str) -> re.Pattern[str]:
    """A numbered heading of *section* inside running text (spaces and punctuation allowed
    between its characters), built from the official title and the known variants."""
    gap = r"[\s、，,]*"
    words = "|".join(
        gap.join(re.escape(ch) for ch in word)
        for word in sorted(heading_words(section), key=len, reverse=True)
    )
    return re.compile(rf"[一二三四五六七八九十]\s*[、.．]\s*(?:{words})")
