"""Hypothesis strategies for zfxxgk's types (work in progress)."""

from __future__ import annotations

__all__: list[str] = []


def _hypothesis_setup_hook() -> None:
    """Register zfxxgk's strategies with Hypothesis (entry point ``hypothesis``)."""
