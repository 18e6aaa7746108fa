"""Finding the six section headings of a report (FORMAT.md §3, §6).

Headings are found by their wording, not their numbers: the numbers are often missing
(the seed prints 主动公开政府信息情况 with no 二、), wrong (二–六 numbered 一–五), and the wording
varies (一、总体工作情况, 五、政府信息公开工作存在的主要问题及改进情况, 存在问题与改进方向 …).
Narrative sub-headings inside 总体情况 sometimes carry top-level numbers and words close to a
section's (三、主动公开工作情况), so every paragraph that could be a heading becomes a
candidate with a score, and the headings are chosen together: in document order, one per
section at most, with the highest total score.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence

import attrs

from .._startup import LazyPattern
from ..template import SECTION_TITLES
from ._nfkc import nfkc
from ._remember import RECENT, Remembered
from .labels import key_of

__all__ = [
    "Heading",
    "find_headings",
    "heading_candidates",
    "heading_words",
    "numbering_of",
    "printed_headings",
]

SECTIONS = tuple(SECTION_TITLES)
"""The section numbers in order: 一 … 六."""

# Other wordings seen in real reports (keys as made by labels.label_key, without numbering).
_ALIASES: dict[str, tuple[str, ...]] = {
    "一": ("总体工作情况", "总体概况", "基本情况", "工作概况", "概述"),
    "二": (
        "行政机关主动公开政府信息情况",
        "主动公开政府信息",
        "主动公开政府信息公开情况",
        "主动公开情况",
    ),
    "三": (
        "收到和处理政府信息公开申请",
        "依申请公开政府信息情况",
        "政府信息公开申请情况",
        "依申请公开情况",
        "收到和处理政府信息公开申请的情况",
    ),
    "四": (
        "因政府信息公开工作被申请行政复议提起行政诉讼情况",
        "因政府信息公开被申请行政复议提起行政诉讼情况",
        "政府信息公开行政复议和行政诉讼情况",
        "政府信息公开行政复议行政诉讼情况",
        "行政复议行政诉讼情况",
    ),
    "五": (
        "政府信息公开工作存在的主要问题及改进情况",
        "存在的主要问题和改进情况",
        "存在问题与改进方向",
        "存在的问题及改进情况",
        "主要问题及改进情况",
        "存在的主要问题及改进措施",
        "存在的不足及改进措施",
    ),
    "六": ("其他需要报告的事项", "其他事项", "其他需要报告事项"),
}

_EXACT = {number: key_of(title) for number, title in SECTION_TITLES.items()}
_ALIAS_KEYS = {number: tuple(key_of(a) for a in aliases) for number, aliases in _ALIASES.items()}

_PREFIX = LazyPattern(
    r"^\s*(?:#{1,6}\s*)?[*_]{0,2}\s*"
    r"(?:(?P<top>第?[一二三四五六七八九十]{1,2})(?:部分)?\s*[、.．，,:：]"
    r"|[（(](?P<paren>[一二三四五六七八九十]{1,2})[)）]"
    r"|(?P<arabic>\d{1,2})\s*[、.．])?"
)
_MAX_HEADING = 34
"""Longest heading key (without numbering) taken as a whole-paragraph heading."""


@attrs.frozen
class Heading:
    """A section heading found in the document."""

    section: str
    """The official section number, 一 … 六."""
    position: int
    """Index of the paragraph in the sequence given to :func:`find_headings`."""
    score: float
    printed_number: str | None
    """The number printed before the heading (一 … 十), if any."""
    rest: str
    """Text after the heading in the same paragraph (usually empty)."""
    exact: bool
    """True when the wording is the official one."""


def heading_words(section: str) -> tuple[str, ...]:
    """The official heading of *section* and the variants seen in real reports (keys)."""
    return (_EXACT[section], *_ALIAS_KEYS[section])


def numbering_of(text: str) -> tuple[str | None, str, int]:
    """(number printed at the top level, kind of numbering, length of the prefix)."""
    return _numbering(nfkc(text))


def _numbering(folded: str) -> tuple[str | None, str, int]:
    """:func:`numbering_of` a text already in NFKC."""
    match = _PREFIX.match(folded)
    if match is None or not match.group(0).strip(" #*_"):
        return None, "", 0
    if match["top"]:
        return match["top"].lstrip("第"), "top", match.end()
    if match["paren"]:
        return match["paren"], "paren", match.end()
    if match["arabic"]:
        return None, "arabic", match.end()
    return None, "", 0  # pragma: no cover - one of the groups matched


def heading_candidates(position: int, text: str) -> list[Heading]:
    """Every section this paragraph could be the heading of, with a score."""
    return [
        Heading(section, position, score, number, rest, exact)
        for section, score, number, rest, exact in _candidates[text]
    ]


_Candidate = tuple[str, float, str | None, str, bool]
"""A heading the text could be, without its position: section, score, printed number,
rest, exact."""


def _candidates_of(text: str) -> tuple[_Candidate, ...]:
    """:func:`heading_candidates` of a paragraph, wherever it stands."""
    folded = nfkc(text)
    number, kind, prefix = _numbering(folded)
    body = folded[prefix:]
    # a label key is taken after NFKC, which gives the same text again: the key of an
    # unnumbered paragraph is its own, already known (the template's fingerprints asked)
    key = key_of(body) if prefix else key_of(text)
    if not key:
        return ()
    found: list[_Candidate] = []
    for section in SECTIONS:
        score, exact, rest = _score(section, key, body, numbered=kind == "top")
        if score <= 0:
            continue
        if kind == "top":
            score += 0.5 if number == section else 0.0
        elif kind in {"paren", "arabic"}:
            score -= 0.5  # （一） and 1. are sub-level numbering
        if score > 0:
            found.append((section, score, number, rest, exact))
    return tuple(found)


_candidates: Remembered[tuple[_Candidate, ...]] = Remembered(
    _candidates_of, maxsize=4096, recent=RECENT
)
"""The candidates of short paragraphs, remembered: every read asks of each of its
paragraphs twice (:func:`find_headings`, :func:`printed_headings`), and most paragraphs of
most reports are the same few headings."""


def _score(section: str, key: str, body: str, *, numbered: bool) -> tuple[float, bool, str]:
    exact = _EXACT[section]
    if key == exact:
        return 3.0, True, ""
    if key in _ALIAS_KEYS[section]:
        return 2.5, False, ""
    if len(key) <= _MAX_HEADING:
        if exact in key:
            return 2.0, False, ""
        if any(alias in key for alias in _ALIAS_KEYS[section]):
            return 1.5, False, ""
        if _weak(section, key):
            return 1.0, False, ""
        return 0.0, False, ""
    # a long paragraph that starts with the numbered official heading ("一、总体情况。2024年…")
    if numbered and key.startswith(exact):
        return 2.0, True, _after(body, exact)
    return 0.0, False, ""


def _weak(section: str, key: str) -> bool:
    if section == "一":
        return "总体" in key and "情况" in key
    if section == "二":
        return "主动公开" in key and len(key) <= 16
    if section == "三":
        return ("依申请" in key or "公开申请" in key) and len(key) <= 20
    if section == "四":
        return "复议" in key and "诉讼" in key
    if section == "五":
        return "问题" in key and len(key) <= 20
    return "其他" in key and "报告" in key


def _after(body: str, exact_key: str) -> str:
    """The text of *body* after the characters that make up the heading key."""
    taken = 0
    for i, ch in enumerate(body):
        if key_of(ch):
            taken += 1
        if taken == len(exact_key):
            return body[i + 1 :].lstrip(" 。.:：，,、\u3000")
    return ""


def find_headings(paragraphs: Sequence[tuple[int, str]]) -> dict[str, Heading]:
    """Choose at most one heading per section, in order, with the highest total score.

    *paragraphs* are (position, text) pairs in document order.
    """
    candidates: dict[str, list[Heading]] = {s: [] for s in SECTIONS}
    for position, text in paragraphs:
        if len(text) > 400:
            continue
        for heading in heading_candidates(position, text):
            candidates[heading.section].append(heading)
    # dynamic programme over sections in order; state: best (score, choice) ending before a position
    best: list[tuple[float, tuple[Heading, ...]]] = [(0.0, ())]
    for section in SECTIONS:
        extended = list(best)
        # a heading extends the best state ending before it (the first in `best` of equally
        # good ones): the states in order of their last position, with running maxima,
        # answer that for each heading by bisection
        order = sorted(range(len(best)), key=lambda k: _last(best[k]))
        lasts = [_last(best[k]) for k in order]
        leader: list[int] = []
        for k in order:
            if not leader or _better(best, k, leader[-1]):
                leader.append(k)
            else:
                leader.append(leader[-1])
        for heading in candidates[section]:
            usable = bisect.bisect_left(lasts, heading.position)
            if not usable:
                continue
            score, chosen = best[leader[usable - 1]]
            extended.append((score + heading.score, (*chosen, heading)))
        best = _prune(extended)
    _, chosen = max(best, key=lambda b: (b[0], -b[1][-1].position if b[1] else 0))
    return {h.section: h for h in chosen}


def _last(state: tuple[float, tuple[Heading, ...]]) -> int:
    return state[1][-1].position if state[1] else -1


def _better(best: list[tuple[float, tuple[Heading, ...]]], k: int, than: int) -> bool:
    """State *k* beats state *than*: a higher score, then fewer headings, then first."""
    (score, chosen), (other_score, other) = best[k], best[than]
    key, other_key = (score, -len(chosen)), (other_score, -len(other))
    return key > other_key or (key == other_key and k < than)


def _prune(
    states: list[tuple[float, tuple[Heading, ...]]],
) -> list[tuple[float, tuple[Heading, ...]]]:
    """Keep, for every last position, only the best-scoring state (the DP's frontier)."""
    by_last: dict[int, tuple[float, tuple[Heading, ...]]] = {}
    for score, chosen in states:
        last = chosen[-1].position if chosen else -1
        kept = by_last.get(last)
        if kept is None or score > kept[0]:
            by_last[last] = (score, chosen)
    return list(by_last.values())


def printed_headings(
    paragraphs: Sequence[tuple[int, str]], chosen: Mapping[str, Heading]
) -> tuple[Heading, ...]:
    """Every section heading as printed, in document order: the *chosen* ones (from
    :func:`find_headings`) and those printed out of place or a second time.

    A heading not chosen counts only when its paragraph is the official heading word for
    word, numbered with its own number or not numbered (``（五）…`` and ``5.…`` are
    sub-level).  Printed again without a number, the official wording of a section that has
    its official heading is not counted: that is a table caption or a sub-heading of 总体情况
    more often than a section printed twice.  A chosen heading worded otherwise
    (``（一）主动公开方面``, taken for 二 because the real heading is printed after 三) gives
    way to its section's official heading printed elsewhere: it was a guess, and is left out.
    """
    taken = {h.position for h in chosen.values()}
    extra: list[Heading] = []
    for position, text in paragraphs:
        if position in taken or len(text) > 400:
            continue
        heading = _official_heading(position, text)
        if heading is None:
            continue
        own = chosen.get(heading.section)
        if heading.printed_number is None and own is not None and own.exact:
            continue
        extra.append(heading)
    official = {h.section for h in extra}
    kept = [h for h in chosen.values() if h.exact or h.section not in official]
    return tuple(sorted((*kept, *extra), key=lambda h: h.position))


def _official_heading(position: int, text: str) -> Heading | None:
    """The heading *text* is, when it is an official heading printed as a top-level one."""
    number, kind, _ = numbering_of(text)
    if kind not in {"top", ""}:
        return None
    for heading in heading_candidates(position, text):
        if heading.exact and number in {None, heading.section}:
            return heading
    return None
