"""The old name of :mod:`zfxxgk.rules.wording` (the report as a text: sections, years, dates).

Kept so that ``from zfxxgk.rules.text import TEXT_RULES`` goes on working; new code imports
from :mod:`zfxxgk.rules.wording` (or :mod:`zfxxgk.rules`).
"""

from __future__ import annotations

from .wording import TEXT_CODES, TEXT_RULES, sections_present, text_problems

__all__ = ["TEXT_CODES", "TEXT_RULES", "sections_present", "text_problems"]
