"""Checks across reports: one agency over the years, a region and its units, copied text.

Reviewers catch most errors by comparing (FORMAT.md §4, §7):

* :func:`check_series` / :func:`series_by_agency` — the pair rules along the years of one
  agency, with a table over the years (:mod:`.series`);
* :func:`check_hierarchy` — a region's tables against the sum of its units' (:mod:`.hierarchy`);
* :func:`check_copying` / :func:`review_copying` — how much of a report's narrative is another
  report's (:mod:`.copying`);
* :func:`match_agency` / :func:`group_by_agency` — which reports are of the same agency
  (:mod:`.agencies`).

The narrative-against-tables and text checks of a single report are rules of the default set
(:mod:`zfxxgk.rules.narrative`, :mod:`zfxxgk.rules.text`).  See ``docs/review.md``.
"""

from __future__ import annotations

from .agencies import AgencyGroup, agency_core, group_by_agency, match_agency, normalise_agency
from .catalogue import full_catalogue
from .codes import REVIEW_CATALOGUE
from .copying import (
    COPY_SIMILAR,
    DEFAULT_THRESHOLD,
    Copying,
    CopyMatch,
    check_copying,
    copy_similar,
    narrative_text,
    review_copying,
)
from .hierarchy import Hierarchy, check_hierarchy, hierarchy_sum
from .series import SERIES_COLUMNS, Series, SeriesEntry, SeriesStep, check_series, series_by_agency

__all__ = [
    "COPY_SIMILAR",
    "DEFAULT_THRESHOLD",
    "REVIEW_CATALOGUE",
    "SERIES_COLUMNS",
    "AgencyGroup",
    "CopyMatch",
    "Copying",
    "Hierarchy",
    "Series",
    "SeriesEntry",
    "SeriesStep",
    "agency_core",
    "check_copying",
    "check_hierarchy",
    "check_series",
    "copy_similar",
    "full_catalogue",
    "group_by_agency",
    "hierarchy_sum",
    "match_agency",
    "narrative_text",
    "normalise_agency",
    "review_copying",
    "series_by_agency",
]
