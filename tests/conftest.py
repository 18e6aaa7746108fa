"""Shared test configuration."""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("ZFXXGK_SHARED", REPO.parent / "shared"))

# "ci" (the default, what the README's test command and CI run) draws the same examples on
# every run: a red run is then reproducible, never a coin toss on a shared machine. New
# counterexamples are hunted with the random profiles: HYPOTHESIS_PROFILE=dev (quick) or
# HYPOTHESIS_PROFILE=long (2,000 examples a test), whose failures Hypothesis replays from its
# example database (.hypothesis/) until they are fixed.
settings.register_profile(
    "ci",
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", max_examples=30, deadline=None)
settings.register_profile("long", max_examples=2000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


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
