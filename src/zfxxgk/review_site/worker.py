"""The review site's work on each report where the report was read and checked.

:func:`site_pages` gives the *then* of :func:`zfxxgk.batch.read_files`: in the worker
process that read and checked a report, it draws the report's page, writes it into the
site folder, and sends back instead of the report a :class:`SiteItem` — the item's summary
and findings, and the few facts the checks across reports need (:class:`ReportFacts`):
the report pickled (for the hierarchy and the years of an agency), the narrative, and a
sketch of the narrative (for finding copied texts).  The
calling process then holds some kilobytes a report, not the report, and draws no report
page: its memory and its share of the work do not grow with the size of the reports.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Final

import attrs

from ..batch import BatchItem
from ..review import narrative_text
from ..similarity import prepare
from .data import PAGES_FOLDER, SiteReport, site_report
from .pages import report_page

if TYPE_CHECKING:
    from ..model import Report

__all__ = ["ReportFacts", "SiteItem", "SitePages", "site_pages", "write_file"]

SKETCH: Final = 64
"""How many values of each narrative's sketch (:meth:`zfxxgk.similarity.PreparedText.sketch`)
are kept to find the reports worth comparing."""


def write_file(path: Path, text: str) -> None:
    """*text* into *path* (UTF-8), through a temporary file renamed over it."""
    partial = path.with_name(f".{path.name}.{os.getpid()}.part")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)


@attrs.frozen(kw_only=True)
class ReportFacts:
    """What the checks across reports need of one report, in a few kilobytes."""

    packed: bytes = attrs.field(repr=False)
    """The report (without provenance), pickled: a third of the memory of the report, and
    what a worker process would send of it anyway."""
    narrative: str = attrs.field(repr=False)
    """The narrative (:func:`zfxxgk.review.narrative_text`)."""
    content_key: bytes
    """:attr:`zfxxgk.similarity.PreparedText.content_key` of the narrative."""
    content_length: int
    """How many of the narrative's normalised characters are not boilerplate."""
    sketch: tuple[int, ...] = attrs.field(repr=False)
    """:meth:`zfxxgk.similarity.PreparedText.sketch` of the narrative."""

    @classmethod
    def of(cls, report: Report) -> ReportFacts:
        text = narrative_text(report)
        prepared = prepare(text)
        return cls(
            packed=pickle.dumps(report, pickle.HIGHEST_PROTOCOL),
            narrative=text,
            content_key=prepared.content_key,
            content_length=prepared.content_length,
            sketch=prepared.sketch(SKETCH) if prepared.content_length else (),
        )

    def report(self) -> Report:
        """The report, unpacked (a new object each call)."""
        report: Report = pickle.loads(self.packed)  # our own bytes
        return report


@attrs.frozen(kw_only=True)
class SiteItem(BatchItem):
    """An item of a batch whose report's page :class:`SitePages` wrote: no report, its
    number on the site, its page, the facts for the checks across reports."""

    number: int
    page: str | None = None
    """The page written (``reports/0001.html``), relative to the site folder."""
    facts: ReportFacts | None = None


@attrs.frozen
class SitePages:
    """For :func:`zfxxgk.batch.read_files` (``then=``): write each report's page into
    *folder* and return a :class:`SiteItem` in place of the item (see the module)."""

    folder: str
    numbers: Mapping[str, int]
    """Each file (as the batch names it) → its number on the site (from 1)."""

    def __call__(self, item: BatchItem) -> BatchItem:
        number = self.numbers.get(item.path)
        if number is None or isinstance(item, SiteItem):
            return item
        entry = site_report(item, number, self.folder)
        return site_item(item, entry, Path(self.folder))


def site_item(item: BatchItem, entry: SiteReport, folder: Path) -> SiteItem:
    """*item* as a :class:`SiteItem`: the page of *entry* written into *folder* when the
    item has its report, the report replaced by its facts."""
    page: str | None = None
    facts: ReportFacts | None = None
    if item.result is not None and entry.page is not None:
        report = item.result.report
        write_file(folder / entry.page, report_page(entry, report))
        page, facts = entry.page, ReportFacts.of(report)
    return SiteItem(
        path=item.path,
        findings=item.findings,
        error=item.error,
        summary=item.summary,
        number=entry.number,
        page=page,
        facts=facts,
    )


def site_pages(
    files: Sequence[str | os.PathLike[str]], folder: str | os.PathLike[str]
) -> SitePages:
    """The *then* that writes the pages of *files* (numbered 1… in their order) into the
    site *folder*, which it makes ready (the folder of the pages made)."""
    root = Path(folder).absolute()
    (root / PAGES_FOLDER).mkdir(parents=True, exist_ok=True)
    numbers = {os.fspath(name): number for number, name in enumerate(files, 1)}
    return SitePages(str(root), numbers)
