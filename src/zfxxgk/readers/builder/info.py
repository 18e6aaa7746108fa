"""What the report says about itself (:class:`~zfxxgk.model.ReportInfo`): its title, the
agency that published it, the year it reports on and the date it was published — from the
paragraphs above section 一 and the file's metadata.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable

from ..._startup import LazyPattern
from ...agencies import looks_like_agency
from ...model import ReportInfo
from ..labels import key_of
from ..sections import Heading
from .printed import printed_form
from .state import INFO, Builder
from .values import fold

__all__ = ["report_info", "year"]


def report_info(builder: Builder, headings: dict[str, Heading]) -> ReportInfo:
    """Title, agency, year and publication date (R150/R151 when not found)."""
    first = headings["一"].position if "一" in headings else None
    texts = [block.text for p, block in builder.paragraphs if first is None or p < first]
    title, before = _title(texts[:12])
    if title is None and first is not None and len(texts) > 12:
        # a page saved with its site's chrome (a text browser's dump): the title is the
        # last one printed above section 一, after the navigation
        title, before = _title(texts[-12:])
    meta_title = _meta_title(builder.document.metadata.get("title", ""))
    if title is None and meta_title:
        title = meta_title
    found = year(title) if title else None
    if found is None:
        found = _period_year(block.text for _, block in builder.paragraphs[:200])
    if found is None and meta_title:
        found = year(meta_title)
    if found is None:
        builder.diag("R150", INFO, "未能从标题或统计期限中找到报告年度")
    agency = _agency(title, before) if title else None
    if agency is None:
        for key in ("author", "source"):
            value = builder.document.metadata.get(key, "").strip()
            if value and looks_like_agency(value):  # not a person's name (DOCX)
                agency = value
                break
    if agency is None:
        builder.diag("R151", INFO, "未能从标题中找到发布机关")
    published = _published(
        builder.document.metadata.get("published", ""),
        [block.text for _, block in builder.paragraphs],
    )
    order = None if builder.printed is None else tuple(h.section for h in builder.printed)
    return ReportInfo(
        template=builder.template,
        agency=agency,
        year=found,
        title=title,
        published=published,
        section_order=order,
        printed=printed_form(builder),
    )


_CN_DIGITS = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {
    "零": "0",
    "○": "0",
    "O": "0",
}
_YEAR = LazyPattern(r"((?:19|20)\d{2})\s*年")
_CN_YEAR = LazyPattern(r"([〇零○O一二三四五六七八九]{4})\s*年")
_PERIOD = LazyPattern(r"((?:19|20)\d{2})\s*年\s*0?1\s*月\s*0?1\s*日")
_DATE = LazyPattern(r"((?:19|20)\d{2})\s*[-/年.．]\s*(\d{1,2})\s*[-/月.．]\s*(\d{1,2})")
_SENTENCE_END = ("。", "；", ";", "：", ":", "，", ",", "！", "？")
_TITLE_ENDS = ("报告", "年报", "报告全文", "报告正文")
_LEADING_TITLE = LazyPattern(r"^\s*([^。，,；;《〈\s]{2,40}?政府信息公开(?:工作)?(?:年度)?报告)")


def _clean_title(text: str) -> str:
    text = re.sub(r"^[#*\s]+|[*\s]+$", "", text)
    return "".join(text.split())


def _title(texts: list[str]) -> tuple[str | None, str | None]:
    """(title, the paragraph printed just before it) from the first paragraphs."""
    for i, text in enumerate(texts):
        key = key_of(text)
        if "政府信息公开" not in key:
            continue
        if len(key) > 60:
            leading = _LEADING_TITLE.match(text)  # run-together text starting with its title
            if leading is not None and i == 0:
                return _clean_title(leading.group(1)), None
            continue
        if "《" in text or "〈" in text:
            continue  # a title cites nothing: 本报告根据《…条例》… is a sentence
        if key.endswith(_TITLE_ENDS):
            before = texts[i - 1] if i else None
            if (
                before is not None
                and year(text) is None
                and year(before) is not None
                and len(before) <= 40
                and not before.rstrip().endswith(_SENTENCE_END)
            ):
                # a title printed on two lines: 平潭综合实验区2020年 / 政府信息公开工作年度报告
                return _clean_title(before + text), texts[i - 2] if i > 1 else None
            return _clean_title(text), before
        nxt = key_of(texts[i + 1]) if i + 1 < len(texts) else ""
        if nxt.endswith("报告") and len(nxt) <= 10:
            return _clean_title(text + texts[i + 1]), texts[i - 1] if i else None
    return None, None


def _meta_title(text: str) -> str | None:
    if not text:
        return None
    for part in re.split(r"\s*[_|｜]\s*|\s+[-—–]\s+", text):
        if "报告" in part or "年报" in part:
            return _clean_title(part)
    return None


def year(text: str) -> int | None:
    """The year a text names (2019年, 二〇一九年), or None."""
    match = _YEAR.search(text)
    if match is not None:
        return int(match.group(1))
    match = _CN_YEAR.search(text)
    if match is not None:
        return int("".join(_CN_DIGITS[c] for c in match.group(1)))
    return None


def _period_year(texts: Iterable[str]) -> int | None:
    for text in texts:
        match = _PERIOD.search(text)
        if match is not None:
            return int(match.group(1))
    return None


def _agency(title: str, before: str | None) -> str | None:
    match = _YEAR.search(title) or _CN_YEAR.search(title)
    if match is not None:
        head = title[: match.start()].strip(" （(【[")
        if head.startswith("关于"):
            head = head[2:]
        if len(head) >= 2:
            return head
        tail = title[match.end() :].lstrip("度")
        cut = tail.find("政府信息公开")
        if cut > 1:
            return tail[:cut]
    if before is not None:
        candidate = "".join(before.split()).strip("#* ")
        if 2 <= len(candidate) <= 30 and "报告" not in candidate and looks_like_agency(candidate):
            return candidate
    return None


def _published(meta: str, texts: list[str]) -> _dt.date | None:
    candidates = [meta] if meta else []
    short = [t for t in texts[:6] + texts[-4:] if len(t) <= 20]
    candidates.extend(t.strip("（）() ") for t in short)
    for text in candidates:
        match = _DATE.search(text)
        if match is None:
            continue
        if text is not meta and match.end() - match.start() < len(fold(text)) - 3:
            continue
        try:
            return _dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        except ValueError:
            continue
    return None
