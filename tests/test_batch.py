"""The batch API: finding reports, reading many in worker processes, never stopping at a bad
file, and every piece of a result pickling (for process pools and for Dask)."""

from __future__ import annotations

import multiprocessing
import os
import pickle
from collections.abc import Iterable, Iterator
from pathlib import Path

import attrs
import pytest

from zfxxgk import batch, render
from zfxxgk.batch import BatchItem, ItemError, find_reports, read_many, read_one
from zfxxgk.cells import Cell
from zfxxgk.diagnostics import Severity
from zfxxgk.model import Report
from zfxxgk.readers import ParseResult, read
from zfxxgk.rules import Rule, RuleSet, Violation, check, rule
from zfxxgk.template import replace_at

from .fixtures.reports import cell_values, report_2019, report_2021


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "r2021.html").write_text(render.to_html(report_2021()), "utf-8")
    (tmp_path / "a" / "r2019.md").write_text(render.to_markdown(report_2019()), "utf-8")
    wrong = replace_at(report_2021(), "appeals.review.total", Cell.of(99))
    (tmp_path / "wrong.txt").write_text(render.to_text(wrong), "utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "not-a-report.html").write_text("<p>网站导航</p>", "utf-8")
    (tmp_path / "data.csv").write_text("a,b\n", "utf-8")
    return tmp_path


def test_find_reports(folder: Path) -> None:
    names = [p.relative_to(folder).as_posix() for p in find_reports([folder])]
    assert names == ["a/r2019.md", "a/r2021.html", "empty.txt", "not-a-report.html", "wrong.txt"]
    # a file twice (directly and in its folder) is read once; a missing path is kept
    again = list(find_reports([folder / "wrong.txt", folder, folder / "missing.pdf"]))
    assert again[0] == folder / "wrong.txt" and again[-1] == folder / "missing.pdf"
    assert len(again) == 6
    assert [p.name for p in find_reports([str(folder / "**" / "*.html")])] == [
        "r2021.html",
        "not-a-report.html",
    ]


def test_read_many_never_stops_at_a_bad_file(folder: Path) -> None:
    items = {Path(i.path).name: i for i in read_many([folder])}
    assert set(items) == {"r2019.md", "r2021.html", "empty.txt", "not-a-report.html", "wrong.txt"}
    assert items["empty.txt"].error == ItemError(
        code="E101", message=items["empty.txt"].error.message, kind="EmptyDocumentError"
    )
    assert items["not-a-report.html"].error is not None
    assert items["not-a-report.html"].error.code == "E104"
    assert not items["empty.txt"].ok and items["wrong.txt"].ok
    wrong = items["wrong.txt"]
    assert wrong.findings is not None and "S4-TOTAL" in wrong.findings.codes
    assert wrong.result is not None and wrong.result.document is None  # dropped by default
    assert cell_values(items["r2019.md"].result.report) == cell_values(report_2019())  # type: ignore[union-attr]


def test_options(folder: Path) -> None:
    (item,) = read_many([folder / "wrong.txt"], check=False, keep_document=True)
    assert item.findings is None and item.result is not None and item.result.document is not None
    assert item.result.provenance  # kept by default
    for jobs in (1, 2):
        light = {
            Path(i.path).name: i for i in read_many([folder], jobs=jobs, keep_provenance=False)
        }
        full = {Path(i.path).name: i for i in read_many([folder], jobs=jobs)}
        wrong = light["wrong.txt"].result
        assert wrong is not None and wrong.provenance == {} and wrong.document is None
        assert full["wrong.txt"].result is not None and full["wrong.txt"].result.provenance
        for name, item in full.items():  # the same reports and findings
            other = light[name]
            assert other.findings == item.findings and other.error == item.error
            if item.result is not None:
                assert other.result is not None and other.result.report == item.result.report
    only = RuleSet.default().only("S4-TOTAL")
    (item,) = read_many([folder / "wrong.txt"], rules=only)
    assert item.findings is not None and item.findings.codes == {"S4-TOTAL"}


def test_worker_processes_give_the_same_items(folder: Path) -> None:
    one = sorted(read_many([folder]), key=lambda i: i.path)
    two = sorted(read_many([folder], jobs=2), key=lambda i: i.path)
    assert one == two


@rule(
    code="X-WORKER-PID",
    severity=Severity.INFO,
    title="读取本报告的进程",
    message="{pid}",
    params=("pid",),
)
def worker_pid(report: Report) -> Iterator[Violation]:
    """Says which process checked the report (a module-level rule: it pickles by name)."""
    yield Violation(None, params={"pid": os.getpid()})


def _pids(items: Iterable[BatchItem], code: str) -> set[str]:
    return {f.message for i in items for f in (i.findings or ()) if f.code == code}


def test_checks_run_in_the_worker_processes(folder: Path) -> None:
    rules = RuleSet.default().with_rules(worker_pid)
    items = list(read_many([folder], jobs=2, rules=rules))
    pids = _pids(items, "X-WORKER-PID")
    assert pids and str(os.getpid()) not in pids  # checked where it was read
    one = sorted(read_many([folder], rules=rules.without("X-WORKER-PID")), key=lambda i: i.path)
    two = sorted(
        read_many([folder], jobs=2, rules=rules.without("X-WORKER-PID")), key=lambda i: i.path
    )
    assert one == two


def test_rules_that_do_not_pickle_run_in_this_process(folder: Path) -> None:
    @rule(
        code="X-LOCAL-PID", severity=Severity.INFO, title="本进程", message="{pid}", params=("pid",)
    )
    def local_pid(report: Report) -> Iterator[Violation]:
        yield Violation(None, params={"pid": os.getpid()})

    rules = RuleSet.default().with_rules(local_pid)
    with pytest.raises((pickle.PicklingError, AttributeError)):
        pickle.dumps(rules)
    items = list(read_many([folder], jobs=2, rules=rules))
    assert _pids(items, "X-LOCAL-PID") == {str(os.getpid())}
    wrong = next(i for i in items if i.path.endswith("wrong.txt"))
    assert wrong.findings is not None and "S4-TOTAL" in wrong.findings.codes


class _NoLoads:
    """``pickle`` for a worker that cannot load the rule set (as under ``spawn``, a rule of
    the parent's ``__main__``)."""

    dumps = staticmethod(pickle.dumps)

    @staticmethod
    def loads(data: bytes) -> object:
        raise AttributeError("Can't get attribute 'my_rule' on <module '__main__'>")


@pytest.mark.skipif(
    multiprocessing.get_start_method(allow_none=False) != "fork",
    reason="the failure is injected into worker processes by forking this test process",
)
def test_workers_that_cannot_load_the_rules_leave_the_checks_to_this_process(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(batch, "_pickle", lambda: _NoLoads)
    rules = RuleSet.default().with_rules(worker_pid)
    items = list(read_many([folder], jobs=2, rules=rules))
    assert _pids(items, "X-WORKER-PID") == {str(os.getpid())}
    assert all(i.findings is not None for i in items if i.result is not None)
    expected = {
        i.path: i.findings for i in read_many([folder], rules=rules.without("X-WORKER-PID"))
    }
    for item in items:
        if item.findings is not None:
            mine = [f for f in item.findings if f.code != "X-WORKER-PID"]
            assert mine == list(expected[item.path] or ())


def test_rule_sets_pickle() -> None:
    default = RuleSet.default()
    assert _round_trip(default) == default  # the very rule objects: sets compare equal
    only = default.only("S4-TOTAL", "N101")
    assert _round_trip(only) == only
    louder = default.rules[0].with_severity(Severity.INFO)
    back = _round_trip(louder)
    assert isinstance(back, Rule) and back.severity is Severity.INFO
    assert back.func is louder.func and back.code == louder.code
    mine = _round_trip(default.with_rules(worker_pid))
    assert isinstance(mine, RuleSet) and mine.rules[-1] is worker_pid
    report = replace_at(report_2021(), "appeals.review.total", Cell.of(99))
    assert mine.without("X-WORKER-PID").check(report) == default.check(report)


def test_read_one_is_the_unit_of_work(folder: Path) -> None:
    item = read_one(folder / "wrong.txt")
    assert item == next(read_many([folder / "wrong.txt"]))
    bad = read_one(folder / "missing.html")
    assert bad.error is not None and bad.error.code == "E100" and "文件不存在" in bad.error.message
    assert pickle.loads(pickle.dumps(read_one)) is read_one  # a top-level function


def test_a_reader_bug_is_an_item(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> ParseResult:
        raise RuntimeError("boom")

    monkeypatch.setattr("zfxxgk.readers.read", broken)
    item = read_one(folder / "wrong.txt")
    assert item.error is not None and item.error.code == batch.CRASHED_CODE
    assert "RuntimeError: boom" in item.error.message


_KILL_MARK = "kill-my-worker"


def _parse_or_die(path: str, keep: tuple[bool, bool, bool]) -> object:
    if _KILL_MARK in path:
        os._exit(1)  # what an out-of-memory kill or a crash in a C library looks like
    return _real_parse(path, keep)


_real_parse = batch._parse


@pytest.mark.skipif(
    multiprocessing.get_start_method(allow_none=False) != "fork",
    reason="the crash is injected into worker processes by forking this test process",
)
def test_a_dying_worker_costs_only_its_file(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (folder / f"{_KILL_MARK}.txt").write_text("x", "utf-8")
    monkeypatch.setattr(batch, "_parse", _parse_or_die)
    items = {Path(i.path).name: i for i in read_many([folder], jobs=2)}
    assert len(items) == 6
    dead = items[f"{_KILL_MARK}.txt"]
    assert dead.error is not None and dead.error.code == batch.WORKER_DIED_CODE
    assert items["wrong.txt"].ok and items["r2021.html"].ok
    assert items["empty.txt"].error is not None and items["empty.txt"].error.code == "E101"


# --------------------------------------------------------------------------------------
# pickling
# --------------------------------------------------------------------------------------


def _round_trip(value: object) -> object:
    return pickle.loads(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))


@pytest.mark.parametrize("make", [report_2021, report_2019, lambda: report_2021(single=True)])
def test_models_pickle(make: object, tmp_path: Path) -> None:
    assert callable(make)
    report = make()
    assert _round_trip(report) == report
    source = tmp_path / "r.html"
    source.write_text(render.to_html(report), "utf-8")
    result = read(source)
    back = _round_trip(result)
    assert isinstance(back, ParseResult)
    assert back == result and back.provenance == result.provenance
    assert back.document is not None  # the parsed document pickles too
    findings = check(replace_at(report, "appeals.review.total", Cell.of(99)))
    assert findings and _round_trip(findings) == findings
    assert type(_round_trip(findings)) is type(findings)
    item = BatchItem(path=str(source), result=result, findings=findings)
    assert _round_trip(item) == item
    failed = BatchItem(path="x", error=ItemError(code="E101", message="空", kind="E"))
    assert _round_trip(failed) == failed


def test_batch_items_are_frozen() -> None:
    item = BatchItem(path="x")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        item.path = "y"  # type: ignore[misc]


# --------------------------------------------------------------------------------------
# compact results and the number of workers
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("jobs", [1, 2])
def test_without_reports_an_item_keeps_its_summary_and_findings(folder: Path, jobs: int) -> None:
    full = {i.path: i for i in read_many([folder], jobs=jobs)}
    slim = {i.path: i for i in read_many([folder], jobs=jobs, keep_report=False)}
    assert set(slim) == set(full)
    for path, item in slim.items():
        whole = full[path]
        assert item.result is None and item.error == whole.error
        if whole.result is None:
            assert item.summary is None and item.completeness is None
            continue
        assert item.summary is not None
        assert item.summary.info == whole.result.report.info
        assert item.summary.diagnostics == whole.result.diagnostics
        assert item.completeness == whole.result.completeness
        assert item.findings == whole.findings  # the places found before the report went
    wrong = next(i for p, i in slim.items() if p.endswith("wrong.txt"))
    assert wrong.findings is not None and "S4-TOTAL" in wrong.findings.codes
    # what a worker sends back is a fraction of a whole result
    assert len(pickle.dumps(wrong)) * 3 < len(pickle.dumps(full[wrong.path]))


def test_many_files_in_a_pool_come_back_once_each(tmp_path: Path) -> None:
    # more files than one task a worker: they go in several files a task
    text = render.to_text(report_2021())
    names = [tmp_path / f"r{k:03d}.txt" for k in range(40)]
    for name in names:
        name.write_text(text, "utf-8")
    (tmp_path / "r999.txt").write_bytes(b"")
    items = list(batch.read_files(sorted(tmp_path.iterdir()), jobs=2, keep_report=False))
    assert sorted(i.path for i in items) == sorted(str(p) for p in tmp_path.iterdir())
    assert sum(i.ok for i in items) == 40
    alone = read_one(names[0])
    assert alone.findings is not None
    assert all(
        i.findings is not None and i.findings.codes == alone.findings.codes for i in items if i.ok
    )


def test_jobs_zero_uses_every_processor_this_process_may_use(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    count = batch.cpu_count()
    assert count >= 1
    if hasattr(os, "sched_getaffinity") and not hasattr(os, "process_cpu_count"):
        assert count == len(os.sched_getaffinity(0))
    asked: list[int] = []

    def pool(files: list[str], jobs: int, *args: object) -> Iterator[BatchItem]:
        asked.append(jobs)
        return iter([])

    monkeypatch.setattr(batch, "cpu_count", lambda: 3)
    monkeypatch.setattr(batch, "_read_in_pool", pool)
    list(read_many([folder], jobs=0))
    assert asked == [3]


@attrs.frozen
class _Stamp:
    """A *then* of :func:`zfxxgk.batch.read_files`: drops the report, says which process
    ran it and whether the item was checked by then (a module-level class: it pickles)."""

    def __call__(self, item: BatchItem) -> BatchItem:
        checked = item.findings is not None or item.result is None
        stamp = ItemError(code="X", message=str(os.getpid()), kind=str(checked))
        return attrs.evolve(item, result=None, error=item.error or stamp)


@pytest.mark.parametrize("jobs", [1, 2])
def test_then_runs_where_each_item_is_made(folder: Path, jobs: int) -> None:
    files = [str(p) for p in find_reports([folder])]
    items = list(batch.read_files(files, jobs=jobs, then=_Stamp()))
    assert sorted(i.path for i in items) == sorted(files)
    assert all(i.result is None for i in items)
    read = [i for i in items if i.error is not None and i.error.code == "X"]
    assert len(read) == 3  # the three reports; the two bad files keep their own errors
    assert all(i.error is not None and i.error.kind == "True" for i in read)  # after checks
    pids = {i.error.message for i in read if i.error is not None}
    assert (pids == {str(os.getpid())}) == (jobs == 1)


def test_then_follows_the_rules_run_in_this_process(folder: Path) -> None:
    @rule(code="X-LOCAL", severity=Severity.INFO, title="本进程", message="本进程")
    def local(report: Report) -> Iterator[Violation]:
        yield Violation(None)

    files = [str(p) for p in find_reports([folder])]
    rules = RuleSet.default().with_rules(local)
    items = list(batch.read_files(files, jobs=2, rules=rules, then=_Stamp()))
    read = [i for i in items if i.error is not None and i.error.code == "X"]
    assert len(read) == 3
    assert all(i.findings is not None and "X-LOCAL" in i.findings.codes for i in read)
    assert {i.error.message for i in read if i.error} == {str(os.getpid())}
