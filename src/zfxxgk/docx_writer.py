"""A report as a Word document: moved to :mod:`zfxxgk.word_report`; this name still imports."""

from __future__ import annotations

from .word_report import BODY_FONT as BODY_FONT
from .word_report import HEADING_FONT as HEADING_FONT
from .word_report import TITLE_FONT as TITLE_FONT
from .word_report import write_docx

__all__ = ["write_docx"]
