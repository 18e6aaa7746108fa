"""The text being read for claims, and the state of one number and one sentence.

:class:`_Reading` holds the prepared text and the lookups every stage of the extraction
uses (which sentence, segment or clause a position is in, the year named before it, the case
types a piece of text names) and makes the claims (:meth:`_Reading.make`).
"""

from __future__ import annotations

import bisect
import re
from typing import Final

import attrs

from ..cells import Number, Unit
from ._patterns import LazyPattern
from .claims import Claim, ClaimKind, Confidence
from .lexicon import (
    _CLAUSE_END,
    _SENTENCE_END,
    _TAGS,
    _TITLE,
    _Tag,
    _tag_name,
    _tags,
    _without_titles,
)
from .normalise import _around, _boundaries, _prepare, _Text
from .numbers import _Candidate, _candidates

__all__: list[str] = []


def _within(spans: list[tuple[int, int]], ends: list[int], at: int) -> bool:
    """True when *at* is inside one of *spans* (sorted, not overlapping; *ends* theirs)."""
    k = bisect.bisect_right(ends, at)
    return k < len(spans) and spans[k][0] <= at


_CASE_LIST_GAP: Final = LazyPattern(
    r"(?:案件|件|数)?(?:为)?(?:\d+(?:件|起|宗|例))?(?:、|和|及|与|或|,)"
)
"""What stands between two case types named together (``行政复议、行政诉讼``)."""

_SEGMENT_END: Final = _SENTENCE_END | {";"}
"""What ends a segment: a sentence end or ；.  Every one of them ends a clause too, so the
sentences and segments are read off the clauses (one scan of the text)."""

_MAX_SENTENCE: Final = 1_000
"""A "sentence" longer than this (the longest seen in real reports has some 300 characters)
is text run together — a table or a dump — and no claim is read from it."""
_MAX_ZERO_MATCHES: Final = 16
"""Matches of one zero wording read per sentence (a real sentence has one or two); with the
limits above, this keeps the work on hostile text in proportion to its length."""


def _years(text: str) -> list[tuple[int, int]]:
    """Where each year before 年 starts in *text*, and the year: what :data:`~.lexicon._YEAR`
    finds, read off the 年 of the text (a few dozen) instead of a regular expression's scan
    of every character."""
    found: list[tuple[int, int]] = []
    at = text.find("年", 4)
    while at >= 0:
        year = text[at - 4 : at]
        if (
            year[:2] in _CENTURIES
            and year[2:].isdecimal()
            and not (at >= 5 and text[at - 5].isdecimal())
        ):
            found.append((at - 4, int(year)))
        at = text.find("年", at + 1)
    return found


_CENTURIES: Final = ("19", "20")


def _around_in(bounds: list[int], start: int, end: int, s: int, e: int) -> tuple[int, int]:
    """:func:`~.normalise._around` of ``norm[start:end]`` among *bounds*, the ends inside the
    sentence ``norm[s:e]`` (whose own ends bound every piece of it)."""
    k = bisect.bisect_right(bounds, start - 1)
    left = bounds[k - 1] + 1 if k > 0 else s
    k = bisect.bisect_left(bounds, end, k)
    return left, bounds[k] if k < len(bounds) else e


_CLAUSE_STOP: Final = LazyPattern("[" + re.escape("".join(sorted(_CLAUSE_END))) + "]")
"""A clause end (:data:`~.lexicon._CLAUSE_END`)."""


class _Quote:
    """The sentence ``norm[start:end]`` as printed, for quoting: made when a claim of the
    sentence first asks (most sentences read give none)."""

    __slots__ = ("_end", "_start", "_t", "_text")

    def __init__(self, t: _Text, start: int, end: int) -> None:
        self._t, self._start, self._end = t, start, end
        self._text: str | None = None

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = self._t.quote(self._start, self._end)
        return self._text


@attrs.define(kw_only=True, slots=True)  # not frozen, as _Tag
class _Number:
    """One number and what surrounds it, while it is being read."""

    cand: _Candidate
    sentence: tuple[int, int]
    clause_start: int
    segment_start: int
    prefix: str
    """From the clause start (or the previous number) to the number."""
    suffix: str
    """From the number to the clause end (or the next number)."""
    ptags: list[_Tag]
    stags: list[_Tag]
    year: int | None
    approximate: bool
    unit_scope: str | None
    previous: Claim | None
    quote: _Quote

    @property
    def names(self) -> set[str]:
        return {t.name for t in self.ptags} | {t.name for t in self.stags}


@attrs.define
class _SentenceState:
    claims: list[Claim] = attrs.field(factory=list)
    unit_scope: str | None = None
    unit_scope_segment: int = -1


class _Reading:
    """A text prepared for reading claims: normalised (:func:`~.normalise._prepare`), cut into
    sentences, segments (；) and clauses, with the years it names and the numbers it holds
    (outside 《titles》); and the claims read so far.  :class:`~.extract._Extractor` reads
    the numbers, :class:`~.zeros._Zeros` the explicit zeros."""

    def __init__(self, text: str, section: str | None = None) -> None:
        self.section = section
        self.t = _prepare(text)
        norm = self.t.norm
        self.norm = norm
        self.masked = _without_titles(norm)
        self.years = _years(self.masked)
        self.year_ends = [at + 4 for at, _ in self.years]  # the 年 after a year is at its end
        self.sentences = _boundaries(norm, _SENTENCE_END)
        self._pieces: dict[tuple[int, int], tuple[list[int], list[int]]] = {}
        """The clause ends and the segment ends (；) inside a sentence (by its start and
        end), found the first time a number or a wording there asks (see _pieces_of)."""
        titles = [m.span() for m in _TITLE.finditer(norm)]
        title_ends = [b for _, b in titles]
        self.candidates = [c for c in _candidates(norm) if not _within(titles, title_ends, c.start)]
        self.claims: list[Claim] = []
        self.previous_case_types: tuple[str, ...] = ()
        self.previous_about_applications = False
        self.has_titles = bool(titles)
        self._tags_of: dict[int, tuple[list[_Tag], list[int], list[int]]] = {}
        """The keywords of a sentence (by its start), with their starts and ends: found in
        one pass over the sentence the first time a piece of it asks (see tags_in)."""

    # -- helpers ------------------------------------------------------------------------
    def sentence_of(self, start: int, end: int) -> tuple[int, int]:
        return _around(self.sentences, start, end, len(self.norm))

    def segment_of(self, start: int, end: int) -> tuple[int, int]:
        s, e = self.sentence_of(start, end)
        return _around_in(self._pieces_of(s, e)[1], start, end, s, e)

    def clause_of(self, start: int, end: int) -> tuple[int, int]:
        s, e = self.sentence_of(start, end)
        return _around_in(self._pieces_of(s, e)[0], start, end, s, e)

    def _pieces_of(self, s: int, e: int) -> tuple[list[int], list[int]]:
        """The clause ends and the segment ends in ``norm[s:e]``: looked for only in the
        sentences that hold a number or a wording of a zero (a few of a report's dozens).
        The sentence's own ends (the characters before *s* and at *e*) end both."""
        found = self._pieces.get((s, e))
        if found is None:
            norm = self.norm
            clauses = [m.start() for m in _CLAUSE_STOP.finditer(norm, s, e)]
            segments = [k for k in clauses if norm[k] in _SEGMENT_END]
            found = self._pieces[(s, e)] = (clauses, segments)
        return found

    def year_before(self, start: int, sentence_start: int) -> int | None:
        """The last year named (``2024年``) from *sentence_start* up to *start*.

        The years of the whole text are found once: looking them up per number made a long
        sentence full of numbers cost its length squared."""
        k = bisect.bisect_left(self.year_ends, start) - 1  # the last one that ends before
        if k >= 0 and self.years[k][0] >= sentence_start:
            return self.years[k][1]
        return None

    def tags_in(self, start: int, end: int, sentence: tuple[int, int] | None = None) -> list[_Tag]:
        """The keywords of ``norm[start:end]`` (titles masked): exactly what searching that
        piece on its own finds (``_tags(_without_titles(piece), start)``), taken from the
        keywords of its sentence, which are found once.

        They are the same unless a keyword of the sentence runs over an end of the piece
        (searched alone, the piece might hold a shorter one there) or the piece holds a
        《title》 (masked in the piece): then the piece is searched on its own.  *sentence* is
        the (start, end) of the sentence holding *start*, when the caller knows it."""
        if start >= end:
            return []
        norm = self.norm
        if self.has_titles and norm.find("《", start, end) >= 0:
            return _tags(_without_titles(norm[start:end]), start)
        s, e = sentence if sentence is not None else self.sentence_of(start, start)
        found = self._tags_of.get(s)
        if found is None:
            tags = [
                _Tag(_tag_name(m.group()), m.start(), m.end(), m.group())
                for m in _TAGS.finditer(norm, s, e)
            ]
            found = self._tags_of[s] = (tags, [t.start for t in tags], [t.end for t in tags])
        tags, starts, ends = found
        i = bisect.bisect_right(ends, start)  # the first keyword ending after start
        j = bisect.bisect_left(starts, end, i)  # the first starting at or after end
        if (
            end > e
            or (i < len(tags) and tags[i].start < start)
            or (j > i and tags[j - 1].end > end)
        ):
            return _tags(_without_titles(norm[start:end]), start)
        return tags[i:j]

    def case_types(self, start: int, end: int) -> tuple[str, ...]:
        """The case types ``norm[start:end]`` names, in order of first mention."""
        types: list[str] = []
        for tag in self.tags_in(start, end):
            if tag.name in ("review", "lawsuit") and tag.name not in types:
                types.append(tag.name)
        return tuple(types)

    def last_case_type(self, start: int, end: int) -> tuple[str, ...]:
        """The case types of the last mention in ``norm[start:end]`` (both when joined by
        、/和)."""
        tags = [t for t in self.tags_in(start, end) if t.name in ("review", "lawsuit")]
        if not tags:
            return ()
        last = tags[-1]
        types = [last.name]
        if len(tags) > 1:
            tag = tags[-2]
            gap = self.norm[tag.end : last.start]
            if tag.name != last.name and _CASE_LIST_GAP.fullmatch(gap):
                types.insert(0, tag.name)
        return tuple(types)

    def claim(
        self,
        n: _Number,
        kind: ClaimKind,
        keyword: str,
        *,
        scope: str | None = None,
        subject: str | None = None,
        basis: ClaimKind | None = None,
    ) -> Claim:
        """A claim about the number *n*."""
        unit = n.cand.unit if n.cand.unit_class == "money" else None
        return self.make(
            kind,
            n.cand.value,
            n.cand.start,
            n.cand.end,
            n.quote,
            keyword=keyword,
            year=n.year,
            unit=unit,
            scope=scope,
            subject=subject,
            approximate=n.approximate,
            basis=basis,
        )

    def make(
        self,
        kind: ClaimKind,
        value: Number,
        start: int,
        end: int,
        quote: _Quote,
        *,
        keyword: str,
        year: int | None = None,
        unit: Unit | None = None,
        scope: str | None = None,
        subject: str | None = None,
        approximate: bool = False,
        basis: ClaimKind | None = None,
    ) -> Claim:
        doubt = None
        confidence = Confidence.HIGH
        if subject is not None:
            confidence = Confidence.LOW
            doubt = f"主语“{subject}”可能是下属单位，而非报告机关本身"
        if approximate:
            confidence = Confidence.LOW
            doubt = "约数"
        return Claim(
            kind=kind,
            value=value,
            span=self.t.span(start, end),
            sentence=quote.text,
            unit=unit,
            scope=scope,
            subject=subject,
            keyword=keyword,
            year=year,
            approximate=approximate,
            confidence=confidence,
            doubt=doubt,
            basis=basis,
            section=self.section,
        )
