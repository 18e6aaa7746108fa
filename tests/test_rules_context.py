"""The check context: what the engine hands a rule (the report and a per-check cache)."""

from __future__ import annotations

import pickle
import threading
from collections.abc import Iterator

import pytest

from zfxxgk.cells import Cell
from zfxxgk.diagnostics import Severity
from zfxxgk.model import Appeals, DisclosureRequests, Report, proactive_2021
from zfxxgk.rules import RuleSet, Violation, builtin, check, rule
from zfxxgk.rules.analysis import CellScan, scan
from zfxxgk.rules.context import CheckContext, shared_analysis
from zfxxgk.template import replace_at

CALLS: list[int] = []


def _count_blank(report: Report) -> int:
    CALLS.append(1)
    return len(scan(report).blank)


@rule(code="X-CTX-A", severity=Severity.INFO, title="甲", uses_context=True)
def ctx_a(report: Report, *, context: CheckContext) -> Iterator[Violation]:
    assert context.report is report
    if context.cached(_count_blank):
        yield Violation(None, message="空白")


@rule(code="X-CTX-B", severity=Severity.INFO, title="乙", uses_context=True)
def ctx_b(report: Report, *, context: CheckContext) -> Iterator[Violation]:
    blanks = context.shared("blanks", lambda: context.cached(_count_blank))
    if blanks:
        yield Violation(None, message=f"空白 {blanks} 格")


@rule(code="X-PLAIN", severity=Severity.INFO, title="丙")
def plain(report: Report) -> Iterator[Violation]:
    yield Violation(None, message="旧式规则")


def _report(blank: bool = False) -> Report:
    report = Report.build(
        agency="示例县民政局",
        year=2024,
        proactive=proactive_2021(),
        requests=DisclosureRequests.from_counts(new=[3], disclosed=[3]),
        appeals=Appeals.none(),
    )
    if blank:
        report = replace_at(report, "requests.new.commercial_enterprise", Cell.blank())
    return report


def test_rules_of_one_check_share_its_cache_and_checks_do_not() -> None:
    CALLS.clear()
    rules = RuleSet.of(ctx_a, ctx_b, plain)
    first = check(_report(blank=True), rules)
    assert [f.message for f in first] == ["空白", "空白 1 格", "旧式规则"]
    assert len(CALLS) == 1
    assert [f.message for f in check(_report(), rules)] == ["旧式规则"]
    assert len(CALLS) == 2


def test_a_context_rule_called_directly_gets_a_fresh_context() -> None:
    assert [v.message for v in ctx_a(_report(blank=True))] == ["空白"]
    context = CheckContext(_report(blank=True))
    assert [v.message for v in ctx_b(context.report, context=context)] == ["空白 1 格"]
    with pytest.raises(ValueError, match="at least one report"):
        CheckContext()


def test_shared_analysis_is_per_check_and_plain_outside() -> None:
    seen: list[int] = []

    @shared_analysis
    def analysis(report: Report) -> int:
        seen.append(1)
        return 1

    report = _report()
    analysis(report)
    analysis(report)
    assert len(seen) == 2  # no check running: nothing is kept
    context = CheckContext(report)
    with context.active():
        assert CheckContext.current() is context
        analysis(report)
        analysis(report)
    assert CheckContext.current() is None
    assert len(seen) == 3
    assert isinstance(context.cached(scan), CellScan)


def test_builtin_rules_use_the_context_and_stay_picklable() -> None:
    assert builtin.cell_blank.uses_context
    assert pickle.loads(pickle.dumps(builtin.cell_blank)) is builtin.cell_blank
    assert pickle.loads(pickle.dumps(ctx_a)).uses_context


def test_checks_in_threads_do_not_share_analysis() -> None:
    reports = [_report(blank=bool(i % 2)) for i in range(8)]
    expected = [check(r).codes for r in reports]
    results: dict[int, frozenset[str]] = {}

    def run(i: int) -> None:
        for _ in range(5):
            results[i] = check(reports[i]).codes

    threads = [threading.Thread(target=run, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [results[i] for i in range(8)] == expected
