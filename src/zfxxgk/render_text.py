"""The standard tables drawn as plain text: moved to :mod:`zfxxgk.text_tables`; this name
still imports."""

from __future__ import annotations

from .text_tables import STYLES, Style, draw

__all__ = ["STYLES", "Style", "draw"]
