"""Label normalisation and matching against the template's official labels.

Printed labels differ from the official wording in ways that do not change their meaning:
full-width or Kangxi-radical characters, spaces and line breaks inside a label, curly or
straight quotes, ``（一）`` / ``(一)`` / ``一、`` numbering, ``1.`` / ``1、``, 合计 for 总计,
其他组织 for 其他, 结转下一年度 for 结转下年度 (FORMAT.md §6).  :func:`label_key` folds all of
these into one comparison key; :class:`LabelIndex` matches a printed label against every row
label of a template: exactly after normalisation first, then without the numbering, then by
prefix or containment, then fuzzily — and says which, so that the builder can report a loose
match.  The labels themselves come from :mod:`zfxxgk.template`; none is typed here.
"""

from __future__ import annotations

import difflib
import enum
import functools
import re
from collections.abc import Callable, Iterable
from typing import Final

import attrs

from ..model import Template
from ..template import RowSpec, row_specs
from ._nfkc import nfkc
from ._remember import LONGEST, RECENT, Remembered

__all__ = [
    "Group",
    "LabelIndex",
    "Match",
    "Quality",
    "label_index",
    "label_key",
    "strip_numbering",
]

# Words that mean the same in a label, applied after punctuation and spaces are removed.
_SYNONYMS: tuple[tuple[str, str], ...] = (
    ("合计", "总计"),
    ("其他组织", "其他"),
    ("结转下一年度", "结转下年度"),
    ("直接诉讼", "直接起诉"),
    ("复议后诉讼", "复议后起诉"),
)


_REMEMBERED: Final = LONGEST
"""Texts longer than this are never kept in a cache: labels are short, and a cache shared
by every read must not hold a hostile file's megabyte cells."""


def label_key(text: str) -> str:
    """The comparison key of a printed label.

    NFKC (full-width forms, Kangxi radicals ⼀⼆⼈, compatibility ideographs), then every
    character that is not a letter or a digit is dropped (spaces of every kind, line breaks,
    brackets, quotes, 、 . ， …), then synonyms are unified.
    """
    return _remembered_label_key[text]


_ALNUM: Final = re.compile(r"[^\W_]+")
"""Runs of letters and digits (``\\w`` of a str pattern is exactly ``str.isalnum`` or the
underscore): a key is them joined, which costs a third less than removing the rest from
Chinese text."""


def _label_key(text: str) -> str:
    key = "".join(_ALNUM.findall(nfkc(text)))
    for old, new in _SYNONYMS:
        if old in key:
            key = key.replace(old, new)
    return key


_remembered_label_key: Remembered[str] = Remembered(_label_key, maxsize=4096, recent=RECENT)

key_of: Callable[[str], str] = _remembered_label_key.__getitem__
""":func:`label_key` as a dict lookup, for the builder's loops over every cell."""

_NUMBERING = re.compile(
    r"^(?:第?[一二三四五六七八九十]{1,3}(?=[^一二三四五六七八九十])|\d{1,2}(?=\D))"
)


def strip_numbering(key: str) -> str:
    """A label key without its leading enumerator (``一``, ``七``, ``1`` …)."""
    return _NUMBERING.sub("", key, count=1)


@attrs.frozen
class Group:
    """A group heading of a table (no numbers of its own): 三、本年度办理结果, （三）不予公开,
    a section-二 caption such as 第二十条第（一）项, or 行政诉讼."""

    section: str
    labels: tuple[str, ...]

    @property
    def label(self) -> str:
        return self.labels[-1]


Target = RowSpec | Group


class Quality(enum.Enum):
    EXACT = "exact"
    """Equal after normalisation (or equal to a known alias)."""
    NUMBERING = "numbering"
    """Equal once the numbering is left out (missing or different numbering)."""
    PARTIAL = "partial"
    """One is the beginning of, or contained in, the other."""
    FUZZY = "fuzzy"
    """Similar enough, and clearly more similar than any other label."""
    EXTRA_TEXT = "extra_text"
    """Matched once stray text printed in front of it was left out (PDF text)."""
    WRAPPED = "wrapped"
    """Matched once joined with its beginning, printed on the line above (PDF text)."""

    @property
    def loose(self) -> bool:
        return self is not Quality.EXACT


@attrs.frozen
class Match:
    target: Target
    quality: Quality
    score: float
    """1.0 for an exact match, lower for looser ones (for choosing among candidates)."""
    printed: str
    """The printed text that matched."""


_QUALITY_SCORE = {Quality.EXACT: 1.0, Quality.NUMBERING: 0.95, Quality.PARTIAL: 0.9}
_FUZZY_MIN = 0.8
_FUZZY_MARGIN = 0.05
_PARTIAL_MIN = 4
_CACHE_LIMIT = 20000
"""Matches remembered per printed text (the index is shared by every read)."""


class LabelIndex:
    """Every row and group label of one template shape, ready for matching."""

    def __init__(self, targets: Iterable[tuple[Target, Iterable[str]]]) -> None:
        self._exact: dict[str, list[Target]] = {}
        self._stripped: dict[str, list[Target]] = {}
        for target, labels in targets:
            for label in labels:
                key = label_key(label)
                if not key:
                    continue
                _add(self._exact, key, target)
                _add(self._stripped, strip_numbering(key), target)
        self._stripped_keys = tuple(self._stripped)
        groups = [(k, t) for k, ts in self._exact.items() for t in ts if isinstance(t, Group)]
        self._group_keys = tuple(sorted(groups, key=lambda g: -len(g[0])))
        self._cache: dict[str, Match | None] = {}
        self._by_text: dict[str, Match | None] = {}

    def match(self, text: str) -> Match | None:
        """The best match for a printed label, or None."""
        if text in self._by_text:
            return self._by_text[text]
        key = label_key(text)
        if key in self._cache:
            found = self._cache[key]
        else:
            found = self._match_key(key)
            if len(self._cache) < _CACHE_LIMIT and len(key) <= _REMEMBERED:
                self._cache[key] = found
        if found is not None:
            found = attrs.evolve(found, printed=text)
        if len(self._by_text) < _CACHE_LIMIT and len(text) <= _REMEMBERED:
            self._by_text[text] = found
        return found

    def _match_key(self, key: str) -> Match | None:
        if not key:
            return None
        exact = _unique(self._exact.get(key, ()))
        if exact is not None:
            return Match(exact, Quality.EXACT, 1.0, key)
        grouped = self._after_group(key)
        if grouped is not None:
            return grouped
        stripped = strip_numbering(key)
        if not stripped:
            return None
        numbering = _unique(self._stripped.get(stripped, ()))
        if numbering is not None:
            return Match(numbering, Quality.NUMBERING, _QUALITY_SCORE[Quality.NUMBERING], key)
        if len(stripped) < _PARTIAL_MIN:
            return None
        partial = [
            cand
            for cand in self._stripped_keys
            if len(cand) >= _PARTIAL_MIN
            and (cand.startswith(stripped) or stripped.startswith(cand))
        ]
        if partial:
            # the longest shared beginning wins; ties are ambiguous
            best = max(partial, key=lambda c: min(len(c), len(stripped)))
            rivals = [
                c for c in partial if min(len(c), len(stripped)) == min(len(best), len(stripped))
            ]
            targets = {id(t): t for c in rivals for t in self._stripped[c]}
            if len(targets) == 1:
                target = next(iter(targets.values()))
                return Match(target, Quality.PARTIAL, _QUALITY_SCORE[Quality.PARTIAL], key)
            return None
        return self._fuzzy(stripped, key)

    def _after_group(self, key: str) -> Match | None:
        """A group heading and a row label of that group printed as one label
        (``（三）不予公开1.属于国家秘密``): the official label path, so an exact match."""
        for group_key, group in self._group_keys:
            if len(key) > len(group_key) and key.startswith(group_key):
                tail = key[len(group_key) :]
                rest = _unique(self._exact.get(tail, ()))
                if rest is None:  # nested: 三、本年度办理结果（三）不予公开1.属于国家秘密
                    inner = self._after_group(tail)
                    rest = inner.target if inner is not None else None
                if isinstance(rest, RowSpec) and group.label in rest.row:
                    return Match(rest, Quality.EXACT, 0.99, key)
        return None

    def _fuzzy(self, stripped: str, key: str) -> Match | None:
        matcher = difflib.SequenceMatcher(autojunk=False)
        matcher.set_seq2(stripped)
        scored: list[tuple[float, str]] = []
        for cand in self._stripped_keys:
            if abs(len(cand) - len(stripped)) > max(len(cand), len(stripped)) // 2:
                continue
            matcher.set_seq1(cand)
            if matcher.real_quick_ratio() < _FUZZY_MIN or matcher.quick_ratio() < _FUZZY_MIN:
                continue
            scored.append((matcher.ratio(), cand))
        if not scored:
            return None
        scored.sort(reverse=True)
        ratio, best = scored[0]
        if ratio < _FUZZY_MIN:
            return None
        target = _unique(self._stripped[best])
        if target is None:
            return None
        for other_ratio, cand in scored[1:]:
            if other_ratio <= ratio - _FUZZY_MARGIN:
                break
            if any(other != target for other in self._stripped[cand]):
                return None  # two different labels are about as similar: do not guess
        return Match(target, Quality.FUZZY, ratio * 0.9, key)


def _add(table: dict[str, list[Target]], key: str, target: Target) -> None:
    bucket = table.setdefault(key, [])
    if target not in bucket:
        bucket.append(target)


def _unique(targets: Iterable[Target]) -> Target | None:
    found = list(targets)
    return found[0] if len(found) == 1 else None


@functools.cache
def label_index(template: Template, *, other_single: bool) -> LabelIndex:
    """The label index of a template shape: every table row, and every group heading."""
    targets: list[tuple[Target, tuple[str, ...]]] = []
    groups: dict[tuple[str, tuple[str, ...]], Group] = {}
    for spec in row_specs(template, other_single=other_single):
        targets.append((spec, (spec.row[-1], *spec.aliases)))
        for depth in range(1, len(spec.row)):
            labels = spec.row[:depth]
            groups.setdefault((spec.section, labels), Group(spec.section, labels))
    for group in groups.values():
        targets.append((group, (group.label,)))
    return LabelIndex(targets)
