"""The Hypothesis profiles every property honours, and :func:`examples`.

``ci`` (the default: the README's test command and CI) draws the same examples on every run,
so a red run is reproducible, never a coin toss on a shared machine.  New counterexamples are
hunted with the random profiles: ``HYPOTHESIS_PROFILE=dev`` (quick) or
``HYPOTHESIS_PROFILE=long`` (about 33 times the CI count for every property), whose failures
Hypothesis replays from its example database (``.hypothesis/``) until they are fixed.

A property that needs a different number of examples than the profile's default says how many
it runs **under ci**, through :func:`examples`; the other profiles scale that number, so that
``long`` reaches every property (a count pinned in ``@settings`` would not move).
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

CI_EXAMPLES = 60
"""Examples per property under the ``ci`` profile; the other profiles are multiples of it."""

settings.register_profile(
    "ci",
    max_examples=CI_EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", max_examples=CI_EXAMPLES // 2, deadline=None)
settings.register_profile("long", max_examples=2000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def examples(n: int) -> int:
    """The number of examples for a property that runs *n* under ``ci``: *n* scaled by the
    loaded profile (half under ``dev``, 33 times under ``long``), at least 1."""
    return max(1, n * settings().max_examples // CI_EXAMPLES)
