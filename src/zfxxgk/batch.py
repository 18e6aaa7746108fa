"""Reading and checking many reports: files, folders, globs, zips of reports, web addresses
and standard input, in one process or several.

:func:`read_many` yields one :class:`BatchItem` per file *as each finishes* and never stops at
the first bad file: a file that cannot be read becomes an item with an :class:`ItemError`
(the library's error code and Chinese message), the others go on.  With ``jobs > 1`` the files
are read and checked in worker processes; a rule set that does not pickle (rules made of
lambdas or local functions) is run in the calling process instead, on each result as it comes.
Memory stays flat: results are yielded, not collected, and the parsed document is dropped
unless ``keep_document=True``.

:func:`read_one` is the same work for one file as a plain top-level function, so that other
schedulers can run it: ``dask.bag.from_sequence(paths).map(read_one)`` (see
``docs/notebooks.md``).  Every piece of a :class:`BatchItem` pickles.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, Final

import attrs

from . import _display, _startup
from .errors import ZfxxgkError
from .limits import STDIN
from .readers import ParseResult
from .readers.sources import NOT_REPORT_NAMES, REPORT_SUFFIXES, find_files, find_sources

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

    from .completeness import Completeness
    from .diagnostics import Diagnostic
    from .model import ReportInfo
    from .rules import Finding, Findings, RuleSet

__all__ = [
    "NOT_REPORT_NAMES",
    "REPORT_SUFFIXES",
    "BatchItem",
    "ItemError",
    "ReportSummary",
    "cpu_count",
    "find_reports",
    "find_sources",
    "findings_dataframe",
    "read_files",
    "read_many",
    "read_one",
    "to_dataframe",
]

CRASHED_CODE: Final[str] = "E999"
"""The :class:`ItemError` code of a reader that raised an unexpected exception (a bug)."""
WORKER_DIED_CODE: Final[str] = "E998"
"""The :class:`ItemError` code of a file whose worker process died while reading it."""


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
class ReportSummary:
    """What a batch tells of every report it read, also when it does not keep the report
    (``keep_report=False``): whose report it is, how much of its tables was read, and what
    the reader was unsure about.  A few hundred bytes, where a whole result is several
    kilobytes: the command line's ``check`` needs no more."""

    # info leaves out how the report was printed (ReportInfo.printed: some kilobytes, for the
    # rules only; the item's report keeps it), see _plain_info

    info: ReportInfo
    completeness: Completeness
    diagnostics: tuple[Diagnostic, ...] = ()


@attrs.frozen(kw_only=True)
class BatchItem:
    """One file of a batch: its parse result and findings, or the error that stopped it.

    ``summary`` is set for every file that was read; ``result`` (the whole report) only
    when the batch keeps reports (the default)."""

    path: str
    result: ParseResult | None = None
    findings: Findings | None = None
    error: ItemError | None = None
    summary: ReportSummary | None = None

    @property
    def ok(self) -> bool:
        """True when the file was read (whatever the findings)."""
        return self.error is None

    @property
    def completeness(self) -> Completeness | None:
        """How many of the report's table cells were read (:mod:`zfxxgk.completeness`);
        None for a file that could not be read.  A file read in part is ``ok``: this says
        how much of it."""
        if self.summary is not None:
            return self.summary.completeness
        return None if self.result is None else self.result.completeness

    def _repr_html_(self) -> str:
        return _display.html("batch_item_html", self)


def find_reports(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path]:
    """Expand files, folders (searched recursively) and glob patterns into report files on
    disk (:func:`zfxxgk.readers.sources.find_files`).

    Files named explicitly are always taken.  In a folder, a file is taken when its suffix is
    one of :data:`REPORT_SUFFIXES`, unless it is hidden, lies in a hidden folder, or is named
    like a project note (:data:`NOT_REPORT_NAMES`).  Each file is yielded once, in a stable
    order.  A path that matches nothing is yielded as is, so that reading it reports the
    missing file.  :func:`read_many` also opens zips of reports, ``-`` and web addresses
    (:func:`zfxxgk.readers.sources.find_sources`).
    """
    return find_files(paths)


_Keep = tuple[bool, bool, bool]
"""What a result keeps after it is checked: its document, its provenance, its report."""
_KEEP_ALL: Final[_Keep] = (True, True, True)
_Parsed = tuple[str, ParseResult | None, ItemError | None, _Keep]
Then = Callable[["BatchItem"], "BatchItem"]
"""What :func:`read_files` does to each item where it was made (see its *then*)."""


def _parse(path: str, keep: _Keep) -> _Parsed:
    """Read *path*; the result is whole until :func:`_finish` has checked it (the findings
    take their places from its provenance) and drops what is not to be kept."""
    from .readers import read

    try:
        result = read(path)
    except ZfxxgkError as exc:
        error = ItemError(code=exc.code, message=exc.message, kind=type(exc).__name__)
        return path, None, error, keep
    except Exception as exc:  # a bug in a reader must not stop a batch
        return (
            path,
            None,
            ItemError(
                code=CRASHED_CODE,
                message=f"{path}: 读取时发生内部错误（{type(exc).__name__}: {exc}），请报告此问题",
                kind=type(exc).__name__,
            ),
            keep,
        )
    return path, result, None, keep


def _slim(result: ParseResult, keep: _Keep) -> ParseResult | None:
    """*result* without its document and provenance unless *keep* says so (the locations
    of the unread cells stay: they are few); None when the report is not kept."""
    keep_document, keep_provenance, keep_report = keep
    if not keep_report:
        return None
    if keep_document and keep_provenance:
        return result
    return attrs.evolve(
        result,
        document=result.document if keep_document else None,
        provenance=result.provenance if keep_provenance else {},
    )


def _located(findings: Findings, result: ParseResult) -> Findings:
    """*findings* with the place in the source of the cell each is about (where it was read,
    or where it was expected when it could not be read), when known."""
    from .rules import Findings

    def locate(finding: Finding) -> Finding:
        if finding.path is None or finding.location is not None:
            return finding
        location = result.location(finding.path)
        return finding if location is None else attrs.evolve(finding, location=location)

    return Findings(locate(f) for f in findings)


def _finish(parsed: _Parsed, check: bool, rules: RuleSet | None) -> BatchItem:
    path, result, error, keep = parsed
    if result is None:
        return BatchItem(path=path, error=error)
    findings = None
    if check:
        from .rules import RuleSet

        findings = _located((rules or RuleSet.default()).check(result.report), result)
    summary = ReportSummary(
        info=_plain_info(result.report.info),
        completeness=result.completeness,
        diagnostics=result.diagnostics,
    )
    return BatchItem(path=path, result=_slim(result, keep), findings=findings, summary=summary)


def _plain_info(info: ReportInfo) -> ReportInfo:
    """*info* without how its report was printed (``printed``: some kilobytes, most of what
    a summary would weigh, and what only the rules read)."""
    return info if info.printed is None else attrs.evolve(info, printed=None)


def read_one(
    path: str | os.PathLike[str],
    *,
    check: bool = True,
    rules: RuleSet | None = None,
    keep_document: bool = False,
    keep_provenance: bool = True,
    keep_report: bool = True,
) -> BatchItem:
    """Read (and by default check) one report; never raises for a bad file.

    The unit of work of :func:`read_many`, as a top-level function that pickles: hand it to
    any scheduler (``multiprocessing``, ``dask.bag``, a job queue).
    """
    keep = (keep_document, keep_provenance, keep_report)
    return _finish(_parse(os.fspath(path), keep), check, rules)


def _died(path: str) -> BatchItem:
    return BatchItem(
        path=path,
        error=ItemError(
            code=WORKER_DIED_CODE,
            message=f"{path}: 读取该文件的工作进程意外退出（可能是内存不足或解析库崩溃）",
            kind="BrokenProcessPool",
        ),
    )


_WORKER_RULES: RuleSet | None = None
"""In a worker process: the rule set of its batch (``None``: the default rules)."""
_WORKER_CAN_CHECK = True
"""In a worker process: whether the rule set arrived (see :func:`_start_worker`)."""


def _start_worker(rules: bytes | None) -> None:
    global _WORKER_RULES, _WORKER_CAN_CHECK
    import signal  # a worker's only

    # Ctrl-C is the calling process's to handle: it stops the workers (:func:`_stop`)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        _WORKER_RULES = None if rules is None else _pickle().loads(rules)  # our own bytes
    except Exception:
        # e.g. a rule of the parent's __main__ under the spawn start method: this worker only
        # reads, and the calling process checks what it sends back (findings None)
        _WORKER_CAN_CHECK = False


def _work(paths: list[str], keep: _Keep, check: bool, then: Then | None) -> list[BatchItem]:
    """The work of a few files in a worker process: read each, and check it when it can
    (then *then*).  A result not checked here goes back whole: the calling process checks
    it (and applies *then*)."""
    can_check = check and _WORKER_CAN_CHECK
    keep = keep if can_check or not check else _KEEP_ALL
    items = [_finish(_parse(path, keep), can_check, _WORKER_RULES) for path in paths]
    if then is None:
        return items
    # a report to check goes back as it is: *then* runs where it is checked
    return [
        item if check and not can_check and item.result is not None else then(item)
        for item in items
    ]


def _pickle() -> ModuleType:
    """:mod:`pickle`, imported here: a batch read in one process pickles nothing."""
    import pickle

    return pickle


def _pickled(rules: RuleSet | None) -> tuple[bool, bytes | None]:
    """Whether the worker processes can run *rules*, and the rules as they receive them."""
    if rules is None:
        return True, None
    try:
        return True, _pickle().dumps(rules)
    except Exception:  # a rule of lambdas or local functions: checked in this process
        return False, None


def cpu_count() -> int:
    """The processors this process may run on (its affinity, or under Python 3.13+
    ``os.process_cpu_count``), at least 1: what ``jobs=0`` uses."""
    counter = getattr(os, "process_cpu_count", None)
    if counter is not None:
        found: int | None = counter()
        return max(1, found or 1)
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover - macOS, Windows
        return max(1, os.cpu_count() or 1)


def read_many(
    paths: Iterable[str | os.PathLike[str]],
    *,
    jobs: int = 1,
    check: bool = True,
    rules: RuleSet | None = None,
    keep_document: bool = False,
    keep_provenance: bool = True,
    keep_report: bool = True,
) -> Iterator[BatchItem]:
    """Read (and by default check) every report under *paths*, yielding items as they finish.

    ``jobs`` is the number of worker processes (1 reads in this process; 0 or less means one
    per processor this process may use, :func:`cpu_count`).  Items come in completion order
    when ``jobs > 1``; each carries its path.  A worker process that dies (out of memory, a
    crash in a parsing library) costs only the file it was reading: the files it shared the
    pool with are read again, one at a time.

    ``keep_document=False`` (the default) drops each result's parsed document;
    ``keep_provenance=False`` also empties its ``provenance`` (where each cell was found: a
    :class:`~zfxxgk.diagnostics.SourceLocation` per cell, most of what a worker sends back) —
    for a batch that only needs the reports and findings.  The findings get their cells'
    places (``Finding.location``) before it is dropped, and ``unread_locations`` (where each
    unread cell was expected) is always kept.  ``keep_report=False`` keeps no result at all,
    only each item's :class:`ReportSummary` and findings: what ``zfxxgk check`` prints, and
    all a worker process then sends back.
    """
    files = list(find_sources(paths))
    yield from read_files(
        files,
        jobs=jobs,
        check=check,
        rules=rules,
        keep_document=keep_document,
        keep_provenance=keep_provenance,
        keep_report=keep_report,
    )


def read_files(
    files: Iterable[str | os.PathLike[str]],
    *,
    jobs: int = 1,
    check: bool = True,
    rules: RuleSet | None = None,
    keep_document: bool = False,
    keep_provenance: bool = True,
    keep_report: bool = True,
    then: Then | None = None,
) -> Iterator[BatchItem]:
    """:func:`read_many` for files already found (by :func:`find_sources`, say): each is
    read as it is named, no folder searched and no pattern expanded.

    *then*, when given, is applied to each item where it was made — in the worker process
    with ``jobs > 1`` — and what it returns is yielded instead: work on the whole report
    that the calling process need not see (the review site draws each report's page there
    and sends back only what its checks across reports need).  It must pickle (a top-level
    function, or an instance of a top-level class)."""
    names = [os.fspath(f) for f in files]
    keep = (keep_document, keep_provenance, keep_report)
    if jobs <= 0:
        jobs = cpu_count()
    if jobs <= 1 or len(names) <= 1 or STDIN in names:
        # standard input is this process's: a batch that reads it is read here
        return _read_here(names, check, rules, keep, then)
    return _read_in_pool(names, jobs, check, rules, keep, then)


def _read_here(
    names: list[str], check: bool, rules: RuleSet | None, keep: _Keep, then: Then | None
) -> Iterator[BatchItem]:
    for name in names:
        item = _finish(_parse(name, keep), check, rules)
        yield item if then is None else then(item)
        # the readers and rules are loaded now: the collector that the command line held
        # off while they loaded is on again for the rest of the batch (zfxxgk._startup)
        _startup.resume_collector()


def _read_in_pool(
    files: list[str],
    jobs: int,
    check: bool,
    rules: RuleSet | None,
    keep: _Keep,
    then: Then | None,
) -> Iterator[BatchItem]:
    in_workers, blob = _pickled(rules) if check else (True, None)
    # rules that do not pickle are run here, and *then* after them
    work = _Work(
        keep=keep, check=check and in_workers, rules=blob, then=then if in_workers else None
    )

    def finished(item: BatchItem) -> BatchItem:
        if check and item.result is not None and item.findings is None:  # not checked there
            item = _finish((item.path, item.result, item.error, keep), check, rules)
        elif work.then is not None:  # done there
            return item
        return item if then is None else then(item)

    _warm_up(check)
    _startup.resume_collector()  # loaded: the workers start with the collector on
    suspects: list[str] = []
    # a few files a task: fewer messages between the processes, and the parent (which also
    # prints) spends less of the CPUs the workers need; still many tasks for each worker
    chunk = max(1, min(_CHUNK, len(files) // (jobs * 8)))
    for item in _pooled(files, jobs, work, suspects, chunk):
        yield finished(item)
    for name in suspects:  # in flight when a worker died: alone now, so a crash is its own
        for item in _pooled([name], 1, work, [], 1):
            yield finished(item)


_CHUNK: Final = 16
"""At most this many files a task sent to a worker process."""


def _warm_up(check: bool) -> None:
    """Import the readers (and the rules) here, once, before worker processes start: forked
    workers then share them instead of each importing and compiling its own."""
    import multiprocessing

    if multiprocessing.get_start_method() != "fork":
        return  # spawned or forkserver workers import for themselves
    import importlib

    from .readers import FORMATS

    for module in (*dict.fromkeys(FORMATS.values()), "zfxxgk.readers.builder"):
        importlib.import_module(module)
    if check:
        from .rules import RuleSet

        RuleSet.default()


@attrs.frozen(kw_only=True)
class _Work:
    keep: _Keep
    check: bool
    rules: bytes | None
    then: Then | None = None


def _pooled(
    files: list[str], jobs: int, work: _Work, suspects: list[str], chunk: int
) -> Iterator[BatchItem]:
    """Read (and check) *files* in a pool of *jobs* processes, *chunk* files a task,
    yielding as each task finishes.

    When the pool breaks, the files in flight go to *suspects* (a file read alone is
    reported as the one that killed its worker) and the rest go on in a new pool.
    """
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool

    alone = len(files) == 1
    tasks = iter([files[k : k + chunk] for k in range(0, len(files), chunk)])
    window = jobs * 2
    while True:
        pool = ProcessPoolExecutor(
            max_workers=jobs, initializer=_start_worker, initargs=(work.rules,)
        )
        pending: dict[Future[list[BatchItem]], list[str]] = {}
        broken = stopped = False
        try:
            _submit(pool, tasks, pending, work, window)
            while pending:
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    names = pending.pop(future)
                    try:
                        items = future.result()
                    except BrokenProcessPool:
                        broken = True
                        if alone:
                            yield _died(names[0])
                        else:
                            suspects.extend(names)
                        continue
                    yield from items
                if broken:
                    suspects.extend(name for names in pending.values() for name in names)
                    pending.clear()
                    break
                _submit(pool, tasks, pending, work, window)
        except BaseException:  # Ctrl-C, or the caller stopped reading (GeneratorExit)
            stopped = True
            _stop(pool)
            raise
        finally:
            if not stopped:
                pool.shutdown(wait=not broken, cancel_futures=True)
        if not broken:
            return


def _submit(
    pool: ProcessPoolExecutor,
    tasks: Iterator[list[str]],
    pending: dict[Future[list[BatchItem]], list[str]],
    work: _Work,
    window: int,
) -> None:
    """Submit tasks until *window* are in flight (or none is left)."""
    while len(pending) < window:
        names = next(tasks, None)
        if names is None:
            return
        pending[pool.submit(_work, names, work.keep, work.check, work.then)] = names


def _stop(pool: ProcessPoolExecutor) -> None:
    """End *pool* now: cancel the files not started and terminate the workers busy with
    the others, rather than wait for them (a file can take half a minute)."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.terminate()
    for process in processes:
        process.join(timeout=1)
    for process in processes:  # still there after a second (a loaded machine): no waiting
        if process.is_alive():
            process.kill()
            process.join(timeout=1)


# --------------------------------------------------------------------------------------
# tables of a batch
# --------------------------------------------------------------------------------------


def to_dataframe(items: Iterable[BatchItem], *, include_missing: bool = True) -> Any:
    """One tidy pandas table of every cell of every report read (needs ``zfxxgk[pandas]``).

    The columns are :data:`zfxxgk.records.CELL_COLUMNS`; ``file`` is the item's path.  Items
    that could not be read are left out (see :func:`findings_dataframe` for them).
    """
    return _display.frame("batch_cells_dataframe", items, include_missing=include_missing)


def findings_dataframe(items: Iterable[BatchItem]) -> Any:
    """One pandas table of every finding of the batch (needs ``zfxxgk[pandas]``).

    The columns are :data:`zfxxgk.records.FINDING_COLUMNS`; a file that could not be read is
    one row with its error code (``E1…``) and message.
    """
    return _display.frame("batch_findings_dataframe", items)
