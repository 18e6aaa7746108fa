"""The copying check of the review site: pairs of reports whose narratives are too similar.

Each report is compared with last year's report of its agency and with the :data:`PEERS`
reports of other agencies whose narratives share most of its sketch (the smallest hashes
of its shingles, :meth:`zfxxgk.similarity.PreparedText.sketch`, made where the report was
read: :class:`zfxxgk.review_site.worker.ReportFacts`).  Narratives that are the same once
numbers, punctuation and spaces are set aside (the same
:attr:`~zfxxgk.similarity.PreparedText.content_key`) are compared once
(:func:`zfxxgk.similarity.match_texts`), and the match is mapped onto each pair's own texts
(:meth:`zfxxgk.similarity.Match.similarity`): a folder where many units filled in the same
text costs one comparison of that text, not one a pair.  Only the narratives of the pairs
compared are prepared, a few at a time, so memory does not grow with the folder.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Final

import attrs

from ..similarity import Match, PreparedText, Similarity, match_texts, prepare

if TYPE_CHECKING:
    from .data import SiteReport
    from .worker import ReportFacts

__all__ = ["PEERS", "CopyPair", "find_copies"]

PEERS: Final = 3
"""How many reports of other agencies each report is compared with (besides last year's)."""
_COMMON: Final = 50
"""A sketch value shared by more narratives counts for the first 50 of them only when the
peers are ranked: a folder of many different narratives that share a common passage takes
a time in proportion to its reports, not to their square."""
_PREPARED: Final = 512
"""How many prepared narratives are kept at a time for the comparisons."""


@attrs.frozen(kw_only=True)
class CopyPair:
    """Two reports (their numbers, *first* < *second*) whose narratives are too similar."""

    first: int
    second: int
    relation: str
    """``上一年度`` (last year's report of the same agency) or ``其他机关``."""
    similarity: Similarity = attrs.field(repr=False)
    """As :func:`zfxxgk.similarity.compare_texts` gives it, *first* being text A."""

    def as_json(self) -> dict[str, Any]:
        s = self.similarity
        return {
            "first": self.first,
            "second": self.second,
            "relation": self.relation,
            "score": round(s.score, 4),
            "coverage_first": round(s.coverage_a, 4),
            "coverage_second": round(s.coverage_b, 4),
            "passages": [
                {"first": p.text_a, "second": p.text_b, "length": p.length, "exact": p.exact}
                for p in s.passages
            ],
        }


class _Classes:
    """The narratives grouped by content key, each group's sketch indexed."""

    def __init__(self, facts: dict[int, ReportFacts]) -> None:
        self.of: dict[int, int] = {}
        """A report's number → its class (reports with an empty narrative have none)."""
        self.members: list[list[int]] = []
        keys: dict[bytes, int] = {}
        for number, fact in sorted(facts.items()):
            if not fact.content_length:
                continue
            found = keys.setdefault(fact.content_key, len(keys))
            if found == len(self.members):
                self.members.append([])
            self.members[found].append(number)
            self.of[number] = found
        self.sketches = [facts[numbers[0]].sketch for numbers in self.members]
        self._postings: dict[int, list[int]] = {}
        for group, sketch in enumerate(self.sketches):
            for value in sketch:
                self._postings.setdefault(value, []).append(group)

    @functools.cache  # noqa: B019 - one instance a site, dropped with it
    def ranked(self, group: int) -> list[int]:
        """The classes that share values of *group*'s sketch, most first (*group* itself
        first; of equal counts, the first met)."""
        counts: dict[int, int] = {group: len(self.sketches[group])}
        for value in self.sketches[group]:
            taken = 0
            for other in self._postings.get(value, ()):
                if other == group:
                    continue
                counts[other] = counts.get(other, 0) + 1
                taken += 1
                if taken == _COMMON:
                    break
        return sorted(counts, key=lambda g: (-counts[g], g))

    def peers(self, number: int, skip: set[int]) -> list[int]:
        """The :data:`PEERS` reports whose narratives share most with *number*'s, those in
        *skip* left out."""
        found: list[int] = []
        for group in self.ranked(self.of[number]):
            for other in self.members[group]:
                if other not in skip:
                    found.append(other)
                    if len(found) == PEERS:
                        return found
        return found


def find_copies(
    read: Sequence[tuple[SiteReport, ReportFacts]],
    groups: Sequence[Sequence[SiteReport]],
    threshold: float,
) -> list[CopyPair]:
    """The pairs of reports whose narratives score at least *threshold*: each report
    against last year's report of its agency (*groups*, as the index groups agencies) and
    against the :data:`PEERS` reports of other agencies whose sketches share most values
    with its own, each pair compared once, the earlier report as text A; best first."""
    facts = {e.number: f for e, f in read}
    entries = {e.number: e for e, _ in read}
    group_of = {e.number: k for k, members in enumerate(groups) for e in members}
    classes = _Classes(facts)
    pairs: dict[tuple[int, int], str] = {}
    for number, entry in entries.items():
        group = groups[group_of[number]] if number in group_of else ()
        year = (entry.year or 0) - 1
        last = [e.number for e in group if e.year is not None and e.year == year]
        if last:  # of two reports of last year (one report in two formats), the first
            pairs.setdefault((min(number, last[0]), max(number, last[0])), "上一年度")
        if number in classes.of:
            for peer in classes.peers(number, {e.number for e in group} | {number}):
                pairs.setdefault((min(number, peer), max(number, peer)), "其他机关")
    prepared = functools.lru_cache(maxsize=_PREPARED)(_prepared)
    matches: dict[tuple[bytes, bytes], Match] = {}
    out = []
    for (a, b), relation in sorted(pairs.items()):
        fa, fb = facts[a], facts[b]
        key = (fa.content_key, fb.content_key)
        match = matches.get(key)
        if match is None:
            match = matches[key] = match_texts(prepared(fa.narrative), prepared(fb.narrative))
        if match.runs and match.score >= threshold:
            similarity = match.similarity(prepared(fa.narrative), prepared(fb.narrative))
            out.append(CopyPair(first=a, second=b, relation=relation, similarity=similarity))
    return sorted(out, key=lambda p: (-p.similarity.score, p.first, p.second))


def _prepared(text: str) -> PreparedText:
    return prepare(text)
