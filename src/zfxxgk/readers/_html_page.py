"""The page around a report read from HTML: its metadata (``<head>``), and the element that
holds the report itself among a CMS page's navigation, footers and layout tables."""

from __future__ import annotations

import re

from lxml import etree

__all__ = ["clean", "find_article", "page_metadata"]

_SPACES = re.compile(r"[ \t\r\n\f\v\u00a0\u200b\ufeff]+")
_TABLE_HINTS = (
    "第二十条",
    "信息内容",
    "自然人",
    "本年新收",
    "结果维持",
    "行政复议",
    "规章",
    "行政许可",
)
_HEADING_HINTS = ("总体情况", "主动公开", "依申请", "复议", "其他需要报告", "存在的主要问题")


def clean(text: str) -> str:
    """*text* with runs of whitespace as one space, stripped."""
    return _SPACES.sub(" ", text).strip()


_META_NAMES = {
    "articletitle": "title",
    "title": "title",
    "og:title": "title",
    "author": "author",
    "contentsource": "source",
    "description": "description",
    "desctiption": "description",
    "pubdate": "published",
    "publishdate": "published",
    "firstpublishedtime": "published",
    "article:published_time": "published",
    "dc.date": "published",
}


def page_metadata(root: etree._Element) -> dict[str, str]:
    """The page's title, author, source, description and publication date (``<head>``)."""
    meta: dict[str, str] = {}
    head = root.find("head")
    if head is None:
        return meta
    for element in head:
        tag = element.tag
        if tag == "title":
            title = clean(element.text or "")
            if title:
                meta.setdefault("page_title", title)
        elif tag == "meta":
            name = (element.get("name") or element.get("property") or "").strip().lower()
            key = _META_NAMES.get(name)
            content = clean(element.get("content") or "")
            if key and content and key not in meta:
                meta[key] = content
    if "title" not in meta and "page_title" in meta:
        meta["title"] = meta["page_title"]
    return meta


def find_article(body: etree._Element) -> tuple[etree._Element, set[etree._Element]]:
    """The element holding the report, and the innermost tables (the others are layout).

    The article is the lowest common ancestor of the report's tables, widened until it also
    holds the section headings (whole CMS pages carry navigation, footers and scripts
    around it)."""
    tables = list(body.iter("table"))
    leaves = {t for t in tables if _no_nested(t)}
    # lxml's own iterators, in C: ElementPath's ``find(".//td")`` walks in Python
    with_cells = [
        t for t in tables if t in leaves and next(t.iterdescendants("td"), None) is not None
    ]
    if not with_cells:
        return body, leaves
    # the report's own tables (not a footer's link table) say where the article is
    chosen = [t for t in with_cells if _looks_like_report_table(t)] or with_cells
    chain = [_common_ancestor(chosen)]  # it and its ancestors, up to the body
    while chain[-1] is not body:
        parent = chain[-1].getparent()
        if parent is None:
            break
        chain.append(parent)
    # the lowest non-table that holds the headings; an element holds the text of the one
    # below it, so the lowest holding them is found by bisection (a page nested 250 deep
    # around megabytes of text is read a few times, not once per level) — after a gallop
    # up from the tables, where it nearly always is: the elements read there are the
    # smallest, and a page's outer elements are not read at all
    low, high = 0, len(chain) - 1
    probe, step = 0, 1
    while probe < high:
        if _has_headings(chain[probe]):
            high = probe
            break
        low = probe + 1
        probe += step
        step *= 2
    while low < high:
        middle = (low + high) // 2
        if _has_headings(chain[middle]):
            high = middle
        else:
            low = middle + 1
    node = next((n for n in chain[low:-1] if n.tag != "table"), chain[-1])
    return node, leaves


def _text_of(element: etree._Element) -> str:
    return etree.tostring(element, method="text", encoding="unicode", with_tail=False)


def _looks_like_report_table(table: etree._Element) -> bool:
    text = _text_of(table)
    return any(word in text for word in _TABLE_HINTS)


def _no_nested(table: etree._Element) -> bool:
    return next(table.iterdescendants("table"), None) is None


def _common_ancestor(elements: list[etree._Element]) -> etree._Element:
    """The lowest element that is or holds every one of *elements*: the end of the longest
    path from the root that they share."""
    path = [*reversed(list(elements[0].iterancestors())), elements[0]]
    shared = len(path)
    for element in elements[1:]:
        other = [*reversed(list(element.iterancestors())), element]
        k, limit = 0, min(shared, len(other))
        while k < limit and other[k] is path[k]:
            k += 1
        shared = k
    return path[max(shared, 1) - 1]


def _has_headings(element: etree._Element) -> bool:
    text = _text_of(element)
    return sum(hint in text for hint in _HEADING_HINTS) >= 2
