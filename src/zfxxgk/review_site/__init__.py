"""A review site for a folder of reports: static pages that open from the file system.

:func:`build_site` takes the items of a batch (:func:`zfxxgk.batch.read_many` with
``check=True``) and writes into a folder:

- ``index.html`` — the totals of the folder (files, reports checked, with errors, unreadable,
  not checked, read in part) and one row per file: agency, year, template, completeness,
  errors / warnings / infos, the status in words, a link to its page and to its source file;
  sortable by clicking a header and filterable, by a small inline script; when an agency has
  reports of several years, a table of agencies by year;
- ``reports/0001.html`` … — one page per report read: the three tables drawn as the template
  draws them (:func:`zfxxgk.html_report.report_element`), each cell with a finding marked and
  numbered, the findings listed under their table, unknown cells shown as unknown, the
  narrative with the claims that disagree with the tables marked
  (:mod:`zfxxgk.review_site.marks`), a link to the source file;
- ``hierarchy.html``, ``copying.html``, ``series.html`` — the checks across reports
  (:mod:`zfxxgk.review_site.across`): the regions given against the sum of their units,
  pairs of reports whose narratives are too similar, each agency's years with the
  carry-over checks;
- ``site.json`` — the same data (:func:`zfxxgk.review_site.data.site_json` and
  :meth:`zfxxgk.review_site.across.Across.as_json`).

Every style and script is inside the pages: nothing is loaded from anywhere, so the folder can
be zipped, mailed and opened offline.  A page links to its source file by a relative path,
which holds while the site folder and the reports keep their places.

Each report's page is written as its item arrives — by the worker process that read it,
when the batch was read with ``then=site_pages(files, folder)``
(:mod:`zfxxgk.review_site.worker`) — and the report is then dropped: what the checks across
reports need of it is kept in a few kilobytes (:class:`~zfxxgk.review_site.worker.ReportFacts`).
``copying.html`` shows the :data:`~zfxxgk.review_site.across_pages.COPIES_SHOWN` most similar
pairs and says how many more there are; ``site.json`` has every pair.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Sequence
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Final

import attrs

from .across import Across, check_across
from .across_pages import ACROSS_PAGES, across_links, copying_page, hierarchy_page, series_page
from .data import PAGES_FOLDER, SITE_FORMAT, SiteReport, SiteTotals, site_json, site_report
from .pages import index_page
from .worker import ReportFacts, SiteItem, site_item, site_pages, write_file

if TYPE_CHECKING:
    from ..batch import BatchItem
    from ..rules import RuleSet

__all__ = ["INDEX", "SITE_JSON", "Site", "build_site", "is_site", "site_pages"]

INDEX: Final = "index.html"
SITE_JSON: Final = "site.json"


@attrs.frozen(kw_only=True)
class Site:
    """What :func:`build_site` wrote: the folder, every file's row, the totals."""

    folder: Path
    reports: tuple[SiteReport, ...]
    totals: SiteTotals
    across: Across
    """What the checks across reports found (the pages ``hierarchy.html``, ``copying.html``,
    ``series.html``)."""


def is_site(folder: str | os.PathLike[str]) -> bool:
    """True when *folder* holds a site built before (its ``site.json`` says so)."""
    try:
        with open(Path(folder) / SITE_JSON, encoding="utf-8") as handle:
            # the format comes first in the files written here: no need to read thousands
            # of reports for it (another layout is read in full)
            if _FORMAT_FIRST.match(handle.read(200)):
                return True
            handle.seek(0)
            return bool(json.load(handle).get("format") == SITE_FORMAT)
    except (OSError, ValueError, AttributeError):
        return False


_FORMAT_FIRST: Final = re.compile(r'\{\s*"format"\s*:\s*"' + re.escape(SITE_FORMAT) + '"')


def _clear_pages(folder: Path, keep: set[str]) -> None:
    """Remove the report pages of a site built before in *folder* (and nothing else): the
    pages not in *keep* (``reports/0001.html`` …)."""
    pages = folder / PAGES_FOLDER
    if is_site(folder) and pages.is_dir():
        for page in pages.glob("[0-9]*.html"):
            if f"{PAGES_FOLDER}/{page.name}" not in keep:
                page.unlink()


def _entry(item: BatchItem, number: int, root: Path) -> tuple[SiteReport, ReportFacts | None]:
    """The row of *item* on the index, and the facts of its report for the checks across
    reports; its page is written here unless a worker process wrote it
    (:class:`~zfxxgk.review_site.worker.SiteItem`)."""
    if not isinstance(item, SiteItem):
        item = site_item(item, site_report(item, number, root), root)
    elif item.number != number:
        raise ValueError(
            f"{item.path}: item {number} of the batch has page number {item.number}: "
            "the items must come in the order of the files given to site_pages"
        )
    entry = site_report(item, number, root)
    if entry.page != item.page:
        entry = attrs.evolve(entry, page=item.page)
    return entry, item.facts


def build_site(
    items: Iterable[BatchItem],
    folder: str | os.PathLike[str],
    *,
    min_complete: Fraction = Fraction(1),
    rules: RuleSet | None = None,
    regions: Sequence[str] = (),
) -> Site:
    """Write the review site of *items* into *folder* (made when missing) and return what it
    holds.  Items without findings (read with ``check=False``) show no findings; an item
    needs its report (``keep_report=True``, the default) for its page to be drawn and to
    take part in the checks across reports — without, it is listed on the index with no
    page.  Items read with ``then=site_pages(files, folder)`` (in the order of *files*)
    come with their pages written.  *min_complete* is the share of printed cells a report
    read in part must reach to count as checked (``SiteTotals.short``).  *rules* are the
    pair rules of the years' checks (default: the default set); *regions* name the files
    of the regions' reports (as the batch names them), each compared with the sum of the
    other reports of its year."""
    root = Path(folder)
    root.mkdir(parents=True, exist_ok=True)
    (root / PAGES_FOLDER).mkdir(exist_ok=True)
    reports: list[SiteReport] = []
    read: list[tuple[SiteReport, ReportFacts]] = []
    for number, item in enumerate(items, 1):
        entry, facts = _entry(item, number, root)
        if facts is not None:
            read.append((entry, facts))
        reports.append(entry)
    _clear_pages(root, {r.page for r in reports if r.page is not None})
    totals = SiteTotals.of(reports, min_complete)
    across = check_across(read, rules=rules, regions=regions)
    del read
    by_number = {r.number: r for r in reports}
    for key, draw in (
        ("hierarchy", hierarchy_page),
        ("copying", copying_page),
        ("series", series_page),
    ):
        write_file(root / ACROSS_PAGES[key][0], draw(across, by_number))
    document = {**site_json(reports, totals), **across.as_json()}
    # not indented: the encoder written in C, a fifth of the time for thousands of pairs
    write_file(root / SITE_JSON, json.dumps(document, ensure_ascii=False) + "\n")
    write_file(root / INDEX, index_page(reports, totals, across_links(across)))
    return Site(folder=root, reports=tuple(reports), totals=totals, across=across)
