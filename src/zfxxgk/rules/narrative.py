"""The old name of :mod:`zfxxgk.rules.claims` (the narrative's claims against the tables).

Kept so that ``from zfxxgk.rules.narrative import NARRATIVE_RULES`` goes on working; new code
imports from :mod:`zfxxgk.rules.claims` (or :mod:`zfxxgk.rules`).
"""

from __future__ import annotations

from .claims import (
    LOW_CONFIDENCE,
    NARRATIVE_CODES,
    NARRATIVE_RULES,
    NarrativeCheck,
    has_narrative,
    narrative_check,
)

__all__ = [
    "LOW_CONFIDENCE",
    "NARRATIVE_CODES",
    "NARRATIVE_RULES",
    "NarrativeCheck",
    "has_narrative",
    "narrative_check",
]
