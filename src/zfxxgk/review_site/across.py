"""The checks across the reports of a site, run with the library's own review functions.

- **hierarchy**: each report named a region (``zfxxgk review --region FILE``) against the
  sum of the other reports of its year (:func:`zfxxgk.review.check_hierarchy`);
- **copying**: every report's narrative against last year's report of its agency and the
  peers that share most of its text (:func:`zfxxgk.review_site.copies.find_copies`), kept
  as pairs of reports whose score reaches the threshold;
- **series**: each agency with reports of two years or more, the pair rules on every two
  consecutive years and the year table (:func:`zfxxgk.review.check_series`); agencies are
  grouped as the index groups them (:func:`zfxxgk.review_site.pages.agency_groups`).

:func:`check_across` takes the reports read (kept by :func:`zfxxgk.review_site.build_site`
for this) with their numbers on the site, and returns plain data that the pages and
``site.json`` show.  It holds each report as the few kilobytes of its
:class:`~zfxxgk.review_site.worker.ReportFacts`, and unpacks a report only for the
hierarchy (the regions' years) and, of the agencies with several years, the report used
for each year (chosen by its completeness, as :func:`zfxxgk.review.check_series` chooses).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from ..agencies import match_agency
from ..readers.result import ParseResult
from ..records import finding_json
from ..review import DEFAULT_THRESHOLD, check_hierarchy, check_series
from ..review.series import duplicate_year
from ..rules import Finding, Findings
from .copies import CopyPair, find_copies
from .data import SiteReport
from .pages import agency_groups

if TYPE_CHECKING:
    from ..review import Hierarchy, Series
    from ..rules import RuleSet
    from .worker import ReportFacts

__all__ = ["Across", "CopyPair", "SiteHierarchy", "SiteSeries", "check_across"]


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
class SiteSeries:
    """One agency's reports over the years: the series and each year's report number."""

    numbers: tuple[int, ...]
    """The number of each entry of :attr:`series` (one per year, in year order)."""
    series: Series = attrs.field(repr=False)
    """The series of the reports used: of several reports of a year, only the one used is
    unpacked and given to :func:`zfxxgk.review.check_series` (the others are named in its
    ``SERIES-DUPLICATE-YEAR`` finding and in :attr:`set_aside`, not in ``series.set_aside``,
    which holds the reports without a year)."""
    set_aside: tuple[int, ...] = ()
    """The numbers of the reports of a year not used (another report of that year was)."""

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
    read: Sequence[tuple[SiteReport, ReportFacts]], regions: Sequence[str]
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
        entry, facts = by_number[number]
        units = [
            (e, r)
            for e, r in read
            if e.number not in region_numbers and (e.year is None or e.year == entry.year)
        ]
        result = check_hierarchy(
            ParseResult(report=facts.report(), source=entry.agency or entry.file),
            [ParseResult(report=r.report(), source=e.agency or e.file) for e, r in units],
        )
        out.append(
            SiteHierarchy(region=number, units=tuple(e.number for e, _ in units), result=result)
        )
    return out, not_read


def _series(
    read: Sequence[tuple[SiteReport, ReportFacts]],
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
        used, duplicates, set_aside = _one_per_year(members)
        series = check_series(
            [ParseResult(report=reports[e.number].report(), source=e.file) for e in used],
            rules=rules,
            agency=name,
            matched=[match_agency(e.agency or "", name) or "名称相近" for e in used],
        )
        if duplicates:  # after the reports without a year, as check_series orders them
            undated = sum(e.year is None for e in used)
            found = list(series.findings)
            series = attrs.evolve(
                series, findings=Findings([*found[:undated], *duplicates, *found[undated:]])
            )
        numbers = tuple(number[entry.source or ""] for entry in series.entries)
        out.append(SiteSeries(numbers=numbers, series=series, set_aside=set_aside))
    return out


def _one_per_year(
    members: Sequence[SiteReport],
) -> tuple[list[SiteReport], list[Finding], tuple[int, ...]]:
    """Of each year's reports, the one :func:`zfxxgk.review.check_series` would keep — the
    first of those with fewest unknown cells (unread or not printed), told by each report's
    completeness, so that the reports not kept are never unpacked — with the reports without
    a year, in the order of *members*; the ``SERIES-DUPLICATE-YEAR`` findings; the numbers
    of the reports not kept."""
    by_year: dict[int, list[SiteReport]] = {}
    for entry in members:
        if entry.year is not None:
            by_year.setdefault(entry.year, []).append(entry)
    best = {year: min(same, key=_unknown) for year, same in by_year.items()}
    duplicates = []
    for year in sorted(by_year):
        others = [e.file for e in by_year[year] if e is not best[year]]
        if others:
            duplicates.append(duplicate_year(year, best[year].file, others))
    used = [e for e in members if e.year is None or e is best[e.year]]
    kept = {id(e) for e in used}
    return used, duplicates, tuple(e.number for e in members if id(e) not in kept)


def _unknown(entry: SiteReport) -> int:
    figure = entry.completeness
    assert figure is not None  # a report read
    return figure.expected - figure.read


def check_across(
    read: Iterable[tuple[SiteReport, ReportFacts]],
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
        copies=tuple(find_copies(kept, [members for _, members in groups], threshold)),
        series=tuple(_series(kept, groups, rules)),
        threshold=threshold,
    )
