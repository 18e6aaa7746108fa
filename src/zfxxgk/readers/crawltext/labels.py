"""Row labels and header words, all taken from the template data: the printed forms of a
label (with or without its numbering), and the words a table's header may print between
a row's values and the next label.
"""

from __future__ import annotations

import re
from typing import Final

import attrs

from ...model import Template
from ...template import FOOTNOTE, SECTION_TITLES, RowSpec, cell_specs
from .text import normalise

_NUMBERED = re.compile(
    r"^(?:\((?P<a>[一二三四五六七八九十\d]+)\)|(?P<b>[一二三四五六七八九十\d]+)[、.])"
)


def variants(label: str) -> list[tuple[str, str | None]]:
    """Printed forms of a label: (text, the digit numbering it carries or None).

    ``1.属于国家秘密`` may be printed ``1、…`` or ``(1)…`` or without its number; ``（一）予以公开``
    as ``一、予以公开`` or ``予以公开``.
    """
    text = normalise(label)
    match = _NUMBERED.match(text)
    if match is None or match.end() == len(text):
        return [(text, None)]
    number = match["a"] or match["b"]
    body = text[match.end() :]
    forms = [f"({number}){body}", f"{number}、{body}", f"{number}.{body}"]
    out: list[tuple[str, str | None]] = [(form, None) for form in forms]
    out.append((body, number if number.isdigit() else None))
    return out


_EXTRA_HEADER_WORDS: Final[tuple[str, ...]] = (
    "信息内容",
    "申请人情况",
    "本年收费金额",
    "(单位:万元)",
    "单位:万元",
    "(单位:元)",
    "单位:元",
    "(单位:件)",
    "单位:件",
)
"""Header cells printed in the tables that are not cell labels of the template data."""


@attrs.frozen
class Label:
    forms: tuple[tuple[str, str | None], ...]


def row_label(row: RowSpec) -> Label:
    forms: list[tuple[str, str | None]] = []
    for label in (row.row[-1], *row.aliases):
        for form in variants(label):
            if form not in forms:
                forms.append(form)
    return Label(tuple(forms))


def _header_words() -> frozenset[str]:
    words: set[str] = set()
    for template in Template:
        for single in (True, False):
            for spec in cell_specs(template, other_single=single):
                for word in (spec.column, *spec.column_aliases, spec.column_parent):
                    if word:
                        words.add(normalise(word))
                groups = spec.row if spec.section == "四" else spec.row[:-1]
                aliases = spec.row_aliases if spec.section == "四" else ()
                for label in (*groups, *aliases):
                    words.update(form for form, _ in variants(label))
    words.update(normalise(w) for w in _EXTRA_HEADER_WORDS)
    words.add(normalise(FOOTNOTE))
    return frozenset(w for w in words if w)


_HEADER_WORDS: Final[frozenset[str]] = _header_words()


HEADERS_BY_FIRST: Final[dict[str, tuple[str, ...]]] = {}


for _word in sorted(_HEADER_WORDS, key=len, reverse=True):
    HEADERS_BY_FIRST[_word[0]] = (*HEADERS_BY_FIRST.get(_word[0], ()), _word)


del _word


_TITLE_WORDS: Final[tuple[str, ...]] = tuple(
    normalise(title) for title in (*SECTION_TITLES.values(), "存在的主要问题", "其他需要报告")
)


_HEADING = re.compile(
    r"[一二三四五六七八九十]{1,2}[、.]|\([一二三四五六七八九十]{1,2}\)|第[一二三四五六七八九十]{1,2}部分"
)


def only_headers(norm: str, start: int, end: int) -> bool:
    """True when norm[start:end] is nothing but header words (or empty)."""
    reached = {start}
    frontier = [start]
    while frontier:
        pos = frontier.pop()
        if pos == end:
            return True
        for word in HEADERS_BY_FIRST.get(norm[pos], ()):
            nxt = pos + len(word)
            if nxt <= end and nxt not in reached and norm.startswith(word, pos):
                reached.add(nxt)
                frontier.append(nxt)
    return False


def at_section_end(norm: str, pos: int) -> bool:
    """True when a section heading, title or header word starts at *pos* (or the text ends)."""
    if pos >= len(norm) or _HEADING.match(norm, pos):
        return True
    if any(norm.startswith(word, pos) for word in _TITLE_WORDS):
        return True
    return any(norm.startswith(word, pos) for word in HEADERS_BY_FIRST.get(norm[pos], ()))
