"""Reading and checking many reports: files, folders and globs, in one process or several.

:func:`read_many` yields one :class:`BatchItem` per file *as each finishes* and never stops at
the first bad file: a file that cannot be read becomes an item with an :class:`ItemError`
(the library's error code and Chinese message), the others go on.  With ``jobs > 1`` the files
are parsed in worker processes; the checks run in the calling process (they are fast, and a
rule set built from your own functions need not be picklable).  Memory stays flat: results are
yielded, not collected, and the parsed document is dropped unless ``keep_document=True``.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from pathlib import Path
from typing import TYPE_CHECKING, Final

import attrs

from .errors import ZfxxgkError
from .readers import ParseResult

if TYPE_CHECKING:
    from .rules import Findings, RuleSet

__all__ = ["REPORT_SUFFIXES", "BatchItem", "ItemError", "find_reports", "read_many"]

REPORT_SUFFIXES: Final[frozenset[str]] = frozenset(
    {
        ".html",
        ".htm",
        ".xhtml",
        ".shtml",
        ".txt",
        ".text",
        ".md",
        ".markdown",
        ".docx",
        ".pdf",
        ".doc",
        ".wps",
    }
)
"""File suffixes taken when a folder is searched for reports."""


@attrs.frozen(kw_only=True)
class ItemError:
    """Why a file could not be read: the library's error code and its Chinese message."""

    code: str
    message: str
    kind: str
    """The exception class name, e.g. ``UnreadableDocumentError``."""

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"


@attrs.frozen(kw_only=True)
class BatchItem:
    """One file of a batch: its parse result and findings, or the error that stopped it."""

    path: str
    result: ParseResult | None = None
    findings: Findings | None = None
    error: ItemError | None = None

    @property
    def ok(self) -> bool:
        """True when the file was read (whatever the findings)."""
        return self.error is None


def find_reports(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path]:
    """Expand files, folders (searched recursively) and glob patterns into report files.

    Files named explicitly are always taken; files found in folders only when their suffix is
    one of :data:`REPORT_SUFFIXES`.  Each file is yielded once, in a stable order.  A path that
    matches nothing is yielded as is, so that reading it reports the missing file.
    """
    seen: set[Path] = set()

    def emit(path: Path) -> Iterator[Path]:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            yield path

    for raw in paths:
        text = os.fspath(raw)
        path = Path(text)
        if path.is_dir():
            for found in sorted(path.rglob("*")):
                if found.is_file() and found.suffix.lower() in REPORT_SUFFIXES:
                    yield from emit(found)
        elif path.exists():
            yield from emit(path)
        elif glob.has_magic(text):
            for match in sorted(glob.glob(text, recursive=True)):
                match_path = Path(match)
                if match_path.is_file():
                    yield from emit(match_path)
        else:
            yield from emit(path)


def _parse(path: str, keep_document: bool) -> tuple[str, ParseResult | None, ItemError | None]:
    from .readers import read

    try:
        result = read(path)
    except ZfxxgkError as exc:
        return path, None, ItemError(code=exc.code, message=exc.message, kind=type(exc).__name__)
    except Exception as exc:  # a bug in a reader must not stop a batch
        return (
            path,
            None,
            ItemError(
                code="E999",
                message=f"{path}: 读取时发生内部错误（{type(exc).__name__}: {exc}），请报告此问题",
                kind=type(exc).__name__,
            ),
        )
    if not keep_document:
        result = attrs.evolve(result, document=None)
    return path, result, None


def read_many(
    paths: Iterable[str | os.PathLike[str]],
    *,
    jobs: int = 1,
    check: bool = True,
    rules: RuleSet | None = None,
    keep_document: bool = False,
) -> Iterator[BatchItem]:
    """Read (and by default check) every report under *paths*, yielding items as they finish.

    ``jobs`` is the number of worker processes (1 reads in this process).  Items come in
    completion order when ``jobs > 1``; each carries its path.
    """
    files = [os.fspath(p) for p in find_reports(paths)]

    def finish(path: str, result: ParseResult | None, error: ItemError | None) -> BatchItem:
        findings = None
        if result is not None and check:
            from .rules import RuleSet

            findings = (rules or RuleSet.default()).check(result.report)
        return BatchItem(path=path, result=result, findings=findings, error=error)

    if jobs <= 1 or len(files) <= 1:
        for name in files:
            yield finish(*_parse(name, keep_document))
        return

    window = jobs * 4
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        pending: set[Future[tuple[str, ParseResult | None, ItemError | None]]] = set()
        queue = iter(files)
        for name in queue:
            pending.add(pool.submit(_parse, name, keep_document))
            if len(pending) >= window:
                break
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                yield finish(*future.result())
            for name in queue:
                pending.add(pool.submit(_parse, name, keep_document))
                if len(pending) >= window:
                    break
