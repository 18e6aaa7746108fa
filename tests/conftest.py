"""Shared test configuration."""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

from zfxxgk.model import Report

# the Hypothesis profiles (ci, dev, long) and examples(n): tests/hypothesis_profiles.py
from . import hypothesis_profiles  # noqa: F401

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("ZFXXGK_SHARED", REPO.parent / "shared"))


LAST_YEAR_PROBLEMS = (
    "一是部分栏目信息发布不够及时，二是依申请公开答复文书格式不够统一。下一步，我局将建立栏目"
    "更新台账，逐月核查；制定答复文书范本，组织经办人员专题学习。"
)
"""Section 五 of a "previous year" made from a report: written anew, as a real one would be
(the same text in both years is ``PAIR-PROBLEMS-REPEATED``)."""


def a_year_before(report: Report) -> Report:
    """*report* as the same agency's report of the year before, its section 五 its own."""
    year = report.info.year
    assert year is not None
    return attrs.evolve(
        report, info=attrs.evolve(report.info, year=year - 1), problems=LAST_YEAR_PROBLEMS
    )


HANG_SECONDS = 120
"""How long a test guarded by ``hang_guard`` may run before it fails as hung."""


@pytest.fixture
def hang_guard() -> Iterator[None]:
    """Fail a test that runs for more than :data:`HANG_SECONDS`.

    A guard against a hang (an endless loop, a read that never ends), not a speed test: the
    limit is far above any normal run on a slow shared machine, so it never decides a green
    or red run by timing.  How fast hostile input is refused is measured in
    ``benchmarks/bench_hostile.py``, as a ratio to reading a normal report.
    """
    if not hasattr(signal, "SIGALRM") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def hung(signum: int, frame: object) -> None:
        raise AssertionError(f"the test ran for more than {HANG_SECONDS} s: it hangs")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(HANG_SECONDS)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
