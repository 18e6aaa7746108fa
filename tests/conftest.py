"""Shared test configuration."""

from __future__ import annotations

import os
from pathlib import Path

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
