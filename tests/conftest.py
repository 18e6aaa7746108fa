"""Shared test configuration."""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

# the Hypothesis profiles (ci, dev, long) and examples(n): tests/hypothesis_profiles.py
from . import hypothesis_profiles  # noqa: F401

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("ZFXXGK_SHARED", REPO.parent / "shared"))


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
