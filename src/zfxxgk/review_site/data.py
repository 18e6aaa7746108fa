"""What the review site shows of each file of a batch, and the folder's totals: plain data.

A :class:`SiteReport` is one file of the batch as a row of the index: whose report it is,
how much of its tables was read, its findings, its status in words, where its page and its
source file are.  :class:`SiteTotals` are the figures at the top of the index.  Both are
written to ``site.json`` (:func:`site_json`), so that other tools can read what the pages
show without parsing HTML.
"""

from __future__ import annotations

import functools
import os
import urllib.parse
from collections import Counter
from collections.abc import Iterable, Sequence
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import attrs

from .._version import __version__
from ..diagnostics import Severity
from ..errors import Pre2019ReportError
from ..limits import STDIN
from ..readers.sources import is_url, split_member
from ..records import finding_json

if TYPE_CHECKING:
    from ..batch import BatchItem, ItemError
    from ..completeness import Completeness
    from ..rules import Finding

__all__ = [
    "PAGES_FOLDER",
    "SITE_FORMAT",
    "STATUS_LABELS",
    "SiteReport",
    "SiteTotals",
    "site_json",
    "site_report",
    "source_link",
]

SITE_FORMAT: Final = "zfxxgk.site"
"""The ``format`` of ``site.json``."""
PAGES_FOLDER: Final = "reports"
"""The sub-folder of the site that holds one page per report."""

STATUS_LABELS: Final[dict[str, str]] = {
    "ok": "未发现问题",
    "info": "仅有提示",
    "warning": "有警告",
    "not-checked": "未检查",
    "incomplete": "检查不完整",
    "error": "有错误",
    "unreadable": "无法读取",
}
"""Every status of a report, from best to worst, with its name on the index (the choices of
its status filter)."""
_RANK: Final = {key: rank for rank, key in enumerate(STATUS_LABELS)}


@attrs.frozen(kw_only=True)
class SiteReport:
    """One file of the batch, as the index lists it and ``site.json`` holds it."""

    number: int
    """1-based, in the order of the files (the order ``zfxxgk check`` prints them)."""
    file: str
    """The file's name as the batch gave it (``a.zip!r.html`` for a member of a zip)."""
    page: str | None
    """The report's page, relative to the site folder (``reports/0001.html``); ``None`` for
    a file that could not be read or was not checked."""
    source: str | None
    """The file on disk relative to the site folder (a zip member: its zip), ``/``-separated;
    ``None`` for standard input and web addresses, which have no file to link to."""
    agency: str | None = None
    year: int | None = None
    template: str | None = None
    completeness: Completeness | None = None
    findings: tuple[Finding, ...] = ()
    error: ItemError | None = None

    @property
    def read(self) -> bool:
        """True when the report was read and checked (in full or in part)."""
        return self.completeness is not None

    @property
    def pre_2019(self) -> bool:
        """Read, but in the pre-2019 format: no standard tables, not checked (``E105``)."""
        return self.error is not None and self.error.code == Pre2019ReportError.code

    @functools.cached_property
    def counts(self) -> dict[str, int]:
        """How many findings of each severity (every severity named, 0 included)."""
        counter = Counter(f.severity.value for f in self.findings)
        return {s.value: counter.get(s.value, 0) for s in Severity}

    @functools.cached_property
    def flags(self) -> tuple[str, ...]:
        """Every status that applies (keys of :data:`STATUS_LABELS`), worst first: a report
        may have errors and be read in part."""
        if not self.read:
            return ("not-checked",) if self.pre_2019 else ("unreadable",)
        counts = self.counts
        flags = [key for key in ("error", "warning", "info") if counts[key]]
        if self.completeness is not None and not self.completeness.complete:
            flags.append("incomplete")
        return tuple(sorted(flags, key=lambda k: -_RANK[k])) or ("ok",)

    @property
    def status(self) -> str:
        """The worst status that applies (a key of :data:`STATUS_LABELS`)."""
        return self.flags[0]

    @property
    def rank(self) -> int:
        """The status as a number for sorting: 0 (未发现问题) to 6 (无法读取)."""
        return _RANK[self.status]

    @property
    def status_text(self) -> str:
        """The status in words: ``有错误 2 条，检查不完整（3 个单元格未读取）``."""
        if self.error is not None:
            if self.pre_2019:
                return "未检查：2019 年以前格式，没有标准统计表格"
            return f"无法读取：[{self.error.code}] {self.error.message}"
        counts = self.counts
        parts = [f"{s.label} {counts[s.value]} 条" for s in Severity if counts[s.value]]
        if self.completeness is not None and not self.completeness.complete:
            parts.append(f"检查不完整（{self.completeness.unread} 个单元格未读取）")
        return "，".join(parts) or STATUS_LABELS["ok"]

    def as_json(self) -> dict[str, Any]:
        """The report as an object of ``site.json``."""
        figure = self.completeness
        return {
            "number": self.number,
            "file": self.file,
            "page": self.page,
            "source": self.source,
            "read": self.read,
            "agency": self.agency,
            "year": self.year,
            "template": self.template,
            "completeness": None
            if figure is None
            else {**figure.as_dict(), "complete": figure.complete},
            "counts": self.counts,
            "status": self.status,
            "flags": list(self.flags),
            "status_text": self.status_text,
            "error": None
            if self.error is None
            else {"code": self.error.code, "message": self.error.message},
            "findings": [finding_json(f) for f in self.findings],
        }


def source_link(file: str, folder: str | os.PathLike[str]) -> str | None:
    """Where *file* (as the batch names it) is, relative to *folder*, ``/``-separated: what a
    page in *folder* links to.  A zip member links to its zip; standard input and web
    addresses have no file (``None``).  A file on another drive than *folder* (Windows) is
    given as an absolute path."""
    if file == STDIN or is_url(file):
        return None
    member = split_member(file)
    on_disk = os.path.abspath(member[0] if member else file)
    try:
        relative = os.path.relpath(on_disk, os.path.abspath(folder))
    except ValueError:  # pragma: no cover - another drive (Windows)
        return Path(on_disk).as_posix()
    return relative.replace(os.sep, "/")


def href(path: str, *, up: int = 0) -> str:
    """*path* (``/``-separated, relative) as the ``href`` of a page *up* folders below the
    site folder, each character that must be escaped in an address escaped."""
    if path.startswith("/") or (len(path) > 1 and path[1] == ":"):
        return Path(path).as_uri()
    return "../" * up + urllib.parse.quote(path)


def site_report(item: BatchItem, number: int, folder: str | os.PathLike[str]) -> SiteReport:
    """The row of the index for one item of a batch (its page is
    ``reports/<number>.html`` when it was read)."""
    source = source_link(item.path, folder)
    if item.summary is None:
        return SiteReport(number=number, file=item.path, page=None, source=source, error=item.error)
    info = item.summary.info
    return SiteReport(
        number=number,
        file=item.path,
        page=f"{PAGES_FOLDER}/{number:04d}.html",
        source=source,
        agency=info.agency,
        year=info.year,
        template=info.template.value,
        completeness=item.summary.completeness,
        findings=tuple(item.findings or ()),
    )


@attrs.frozen(kw_only=True)
class SiteTotals:
    """The figures at the top of the index: files, reports checked, with errors,
    unreadable, not checked (pre-2019), read in part (below ``min_complete``)."""

    files: int
    checked: int
    with_errors: int
    unreadable: int
    not_checked: int
    incomplete: int
    short: int
    """Of the reports read in part, those below ``min_complete``."""
    worst: int | None
    """The highest severity rank found (a pre-2019 report counts as a warning), as
    ``zfxxgk check`` computes its exit code; ``None`` when nothing was found."""

    @classmethod
    def of(cls, reports: Sequence[SiteReport], min_complete: Fraction = Fraction(1)) -> SiteTotals:
        """The totals of *reports*; a report read in part is *short* when the share of its
        printed cells that was read is below *min_complete* (as ``check --min-complete``)."""
        ranks = [f.severity.rank for r in reports for f in r.findings]
        ranks += [Severity.WARNING.rank for r in reports if r.pre_2019]
        incomplete = [r.completeness for r in reports if "incomplete" in r.flags]
        return cls(
            files=len(reports),
            checked=sum(r.read for r in reports),
            with_errors=sum("error" in r.flags for r in reports),
            unreadable=sum(r.status == "unreadable" for r in reports),
            not_checked=sum(r.pre_2019 for r in reports),
            incomplete=len(incomplete),
            short=sum(c.printed_share < min_complete for c in incomplete if c is not None),
            worst=max(ranks, default=None),
        )

    def as_json(self) -> dict[str, Any]:
        return attrs.asdict(self)


def site_json(reports: Iterable[SiteReport], totals: SiteTotals) -> dict[str, Any]:
    """The document ``site.json``: the totals and every report with its findings."""
    return {
        "format": SITE_FORMAT,
        "version": 1,
        "generator": f"zfxxgk {__version__}",
        "totals": totals.as_json(),
        "reports": [r.as_json() for r in reports],
    }
