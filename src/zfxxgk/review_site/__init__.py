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
  narrative, a link to the source file;
- ``site.json`` — the same data (:func:`zfxxgk.review_site.data.site_json`).

Every style and script is inside the pages: nothing is loaded from anywhere, so the folder can
be zipped, mailed and opened offline.  A page links to its source file by a relative path,
which holds while the site folder and the reports keep their places.

Memory stays flat: each report's page is written as its item arrives and the report dropped;
only its row (findings included) is kept for the index.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Final

import attrs

from .data import PAGES_FOLDER, SITE_FORMAT, SiteReport, SiteTotals, site_json, site_report
from .pages import index_page, report_page

if TYPE_CHECKING:
    from ..batch import BatchItem

__all__ = ["INDEX", "SITE_JSON", "Site", "build_site", "is_site"]

INDEX: Final = "index.html"
SITE_JSON: Final = "site.json"


@attrs.frozen(kw_only=True)
class Site:
    """What :func:`build_site` wrote: the folder, every file's row, the totals."""

    folder: Path
    reports: tuple[SiteReport, ...]
    totals: SiteTotals


def is_site(folder: str | os.PathLike[str]) -> bool:
    """True when *folder* holds a site built before (its ``site.json`` says so)."""
    try:
        with open(Path(folder) / SITE_JSON, encoding="utf-8") as handle:
            return bool(json.load(handle).get("format") == SITE_FORMAT)
    except (OSError, ValueError, AttributeError):
        return False


def _write(path: Path, text: str) -> None:
    """*text* into *path* (UTF-8), through a temporary file renamed over it."""
    partial = path.with_name(f".{path.name}.part")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)


def _clear_pages(folder: Path) -> None:
    """Remove the report pages of a site built before in *folder* (and nothing else)."""
    pages = folder / PAGES_FOLDER
    if is_site(folder) and pages.is_dir():
        for page in pages.glob("[0-9]*.html"):
            page.unlink()


def build_site(
    items: Iterable[BatchItem],
    folder: str | os.PathLike[str],
    *,
    min_complete: Fraction = Fraction(1),
) -> Site:
    """Write the review site of *items* into *folder* (made when missing) and return what it
    holds.  Items without findings (read with ``check=False``) show no findings; an item
    needs its report (``keep_report=True``, the default) for its page to be drawn — without,
    it is listed on the index with no page.  *min_complete* is the share of printed cells a
    report read in part must reach to count as checked (``SiteTotals.short``)."""
    root = Path(folder)
    root.mkdir(parents=True, exist_ok=True)
    _clear_pages(root)
    (root / PAGES_FOLDER).mkdir(exist_ok=True)
    reports: list[SiteReport] = []
    for number, item in enumerate(items, 1):
        entry = site_report(item, number, root)
        if item.result is not None and entry.page is not None:
            _write(root / entry.page, report_page(entry, item.result.report))
        elif entry.page is not None:
            entry = attrs.evolve(entry, page=None)
        reports.append(entry)
    totals = SiteTotals.of(reports, min_complete)
    data = json.dumps(site_json(reports, totals), ensure_ascii=False, indent=1) + "\n"
    _write(root / SITE_JSON, data)
    _write(root / INDEX, index_page(reports, totals))
    return Site(folder=root, reports=tuple(reports), totals=totals)
