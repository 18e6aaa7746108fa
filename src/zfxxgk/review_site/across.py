"""The checks across the reports of a site, run with the library's own review functions.

- **hierarchy**: each report named a region (``zfxxgk review --region FILE``) against the
  sum of the other reports of its year (:func:`zfxxgk.review.check_hierarchy`);
- **copying**: every report's narrative against last year's report of its agency and the
  peers that share most of its text (:class:`zfxxgk.similarity.SimilarityIndex`,
  :func:`zfxxgk.similarity.compare_texts`), kept as pairs of reports whose score reaches the
  threshold;
- **series**: each agency with reports of two years or more, the pair rules on every two
  consecutive years and the year table (:func:`zfxxgk.review.check_series`); agencies are
  grouped as the index groups them (:func:`zfxxgk.review_site.pages.agency_groups`).

:func:`check_across` takes the reports read (kept by :func:`zfxxgk.review_site.build_site`
for this) with their numbers on the site, and returns plain data that the pages and
``site.json`` show.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Final

import attrs

from ..agencies import match_agency
from ..readers.result import ParseResult
from ..records import finding_json
from ..review import DEFAULT_THRESHOLD, check_hierarchy, check_series, narrative_text
from ..similarity import Similarity, SimilarityIndex, compare_texts, prepare
from .data import SiteReport
from .pages import agency_groups

if TYPE_CHECKING:
    from ..model import Report
    from ..review import Hierarchy, Series
    from ..rules import RuleSet

__all__ = ["Across", "CopyPair", "SiteHierarchy", "SiteSeries", "check_across"]

PEERS: Final = 3
"""How many reports of other agencies each report is compared with (besides last year's)."""
_COMMON: Final = 50
"""A passage shared by more reports counts for 50 of them when the peers are ranked
(:meth:`zfxxgk.similarity.SimilarityIndex.candidates`): a folder where every narrative is
the same text takes a time in proportion to its reports, not to their square."""


@attrs.frozen(kw_only=True)
class SiteHierarchy:
    """A region's report (its number on the site) against the sum of its units'."""

    region: int
    units: tuple[int, ...]
    """The numbers of the units' reports given to the check (of the region's year)."""
    result: Hierarchy = attrs.field(repr=False)

    def as_json(self) -> dict[str, Any]:
        result = self.result
        return {
            "region": self.region,
            "units": list(self.units),
            "unit_names": list(result.unit_names),
            "missing_units": list(result.missing_units),
            "differences": len(result.differences),
            "findings": [finding_json(f) for f in result.findings],
        }


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


@attrs.frozen(kw_only=True)
class SiteSeries:
    """One agency's reports over the years: the series and each year's report number."""

    numbers: tuple[int, ...]
    """The number of each entry of :attr:`series` (one per year, in year order)."""
    series: Series = attrs.field(repr=False)

    @property
    def findings(self) -> int:
        return len(self.series.all_findings)

    def as_json(self) -> dict[str, Any]:
        return {**self.series.as_json(finding_json), "reports": list(self.numbers)}


@attrs.frozen(kw_only=True)
class Across:
    """What the checks across reports found."""

    hierarchies: tuple[SiteHierarchy, ...] = ()
    regions_not_read: tuple[str, ...] = ()
    """Files given as regions that are not among the reports read."""
    copies: tuple[CopyPair, ...] = ()
    series: tuple[SiteSeries, ...] = ()
    threshold: float = DEFAULT_THRESHOLD

    def as_json(self) -> dict[str, Any]:
        return {
            "hierarchy": {
                "regions": [h.as_json() for h in self.hierarchies],
                "regions_not_read": list(self.regions_not_read),
            },
            "copying": {
                "threshold": self.threshold,
                "pairs": [p.as_json() for p in self.copies],
            },
            "series": [s.as_json() for s in self.series],
        }


def _same_file(a: str, b: str) -> bool:
    return os.path.normcase(os.path.realpath(a)) == os.path.normcase(os.path.realpath(b))


def _hierarchies(
    read: Sequence[tuple[SiteReport, Report]], regions: Sequence[str]
) -> tuple[list[SiteHierarchy], list[str]]:
    """Each region given against the other reports of its year (other regions left out)."""
    region_numbers: list[int] = []
    not_read: list[str] = []
    for region in regions:
        found = [e.number for e, _ in read if _same_file(e.file, region)]
        if found:
            region_numbers.extend(n for n in found if n not in region_numbers)
        else:
            not_read.append(region)
    out = []
    by_number = {e.number: (e, r) for e, r in read}
    for number in region_numbers:
        entry, report = by_number[number]
        units = [
            (e, r)
            for e, r in read
            if e.number not in region_numbers and (e.year is None or e.year == entry.year)
        ]
        result = check_hierarchy(
            ParseResult(report=report, source=entry.agency or entry.file),
            [ParseResult(report=r, source=e.agency or e.file) for e, r in units],
        )
        out.append(
            SiteHierarchy(region=number, units=tuple(e.number for e, _ in units), result=result)
        )
    return out, not_read


def _copies(
    read: Sequence[tuple[SiteReport, Report]],
    groups: Sequence[Sequence[SiteReport]],
    threshold: float,
) -> list[CopyPair]:
    """The pairs of reports whose narratives score at least *threshold*: each report against
    last year's report of its agency (*groups*, as the index groups agencies) and against
    the :data:`PEERS` reports of other agencies that share most fingerprints with it
    (:meth:`zfxxgk.similarity.SimilarityIndex.candidates`), each pair compared once
    (:func:`zfxxgk.similarity.compare_texts`, the earlier report as text A).  Unlike
    :func:`zfxxgk.review.review_copying`, which compares 20 candidates in full to keep the
    best 3 of every report for its text output, only the pairs at the threshold are kept
    here, and only the 3 candidates are compared (a folder of 1,000 reports: 3,000
    comparisons at most, not 20,000)."""
    texts = {e.number: prepare(narrative_text(r)) for e, r in read}
    entries = {e.number: e for e, _ in read}
    group_of = {e.number: k for k, members in enumerate(groups) for e in members}
    index: SimilarityIndex[int] = SimilarityIndex()
    for number, text in texts.items():
        if text.content_length:
            index.add(number, text)
    compared: dict[tuple[int, int], tuple[str, Similarity]] = {}

    def compare(a: int, b: int, relation: str) -> None:
        key = (min(a, b), max(a, b))
        if key not in compared:
            compared[key] = (relation, compare_texts(texts[key[0]], texts[key[1]]))

    for number, entry in entries.items():
        group = groups[group_of[number]] if number in group_of else ()
        last = [e.number for e in group if e.year is not None and e.year == (entry.year or 0) - 1]
        if last:  # of two reports of last year (one report in two formats), the first
            compare(number, last[0], "上一年度")
        if texts[number].content_length:
            skip = {e.number for e in group} | {number}
            found = index.candidates(texts[number], PEERS, skip=skip, per_fingerprint=_COMMON)
            for peer, _ in found:
                compare(number, peer, "其他机关")
    pairs = [
        CopyPair(first=a, second=b, relation=relation, similarity=similarity)
        for (a, b), (relation, similarity) in compared.items()
        if similarity.score >= threshold and similarity.passages
    ]
    return sorted(pairs, key=lambda p: (-p.similarity.score, p.first, p.second))


def _series(
    read: Sequence[tuple[SiteReport, Report]],
    groups: Sequence[tuple[str, Sequence[SiteReport]]],
    rules: RuleSet | None,
) -> list[SiteSeries]:
    """Each agency with reports of two years or more (*groups*, as the index groups them)."""
    reports = {e.number: r for e, r in read}
    number = {e.file: e.number for e, _ in read}
    out = []
    for name, members in groups:
        if len({e.year for e in members if e.year is not None}) < 2:
            continue
        series = check_series(
            [ParseResult(report=reports[e.number], source=e.file) for e in members],
            rules=rules,
            agency=name,
            matched=[match_agency(e.agency or "", name) or "名称相近" for e in members],
        )
        numbers = tuple(number[entry.source or ""] for entry in series.entries)
        out.append(SiteSeries(numbers=numbers, series=series))
    return out


def check_across(
    read: Iterable[tuple[SiteReport, Report]],
    *,
    rules: RuleSet | None = None,
    regions: Sequence[str] = (),
    threshold: float = DEFAULT_THRESHOLD,
) -> Across:
    """The checks across *read* (each report read with its row on the site): the regions
    against their units, copied narratives, each agency's years."""
    kept = list(read)
    hierarchies, not_read = _hierarchies(kept, regions)
    groups = agency_groups([e for e, _ in kept])
    return Across(
        hierarchies=tuple(hierarchies),
        regions_not_read=tuple(not_read),
        copies=tuple(_copies(kept, [members for _, members in groups], threshold)),
        series=tuple(_series(kept, groups, rules)),
        threshold=threshold,
    )
