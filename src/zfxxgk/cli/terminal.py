"""The terminal: colour, display widths, the progress bar.

Colour is plain ANSI, used when standard output is a terminal and ``NO_COLOR`` is not set
(``--color always|never`` to choose).
"""

from __future__ import annotations

import argparse
import os
import sys
import unicodedata
from pathlib import Path
from typing import IO, Final

__all__ = ["Paint", "Progress", "pad", "progress_enabled", "want_colour", "width"]


def isatty(stream: IO[str]) -> bool:
    """Whether *stream* is a terminal (False for a stream that cannot say)."""
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def want_colour(choice: str, stream: IO[str]) -> bool:
    """Whether to colour what goes to *stream*, by ``--color`` *choice*."""
    if choice == "always":
        return True
    if choice == "never":
        return False
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return isatty(stream)


class Paint:
    """ANSI styles, or nothing when colour is off."""

    _CODES: Final = {
        "error": "31",
        "warning": "33",
        "info": "36",
        "ok": "32",
        "bold": "1",
        "dim": "2",
    }

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def __call__(self, style: str, text: str) -> str:
        if not self.enabled or not text:
            return text
        return f"\033[{self._CODES[style]}m{text}\033[0m"


def width(text: str) -> int:
    """Columns *text* takes in a terminal (CJK characters take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, columns: int, *, right: bool = False) -> str:
    """*text* padded with spaces to *columns* display columns (on the left when *right*)."""
    gap = " " * max(0, columns - width(text))
    return gap + text if right else text + gap


class Progress:
    """A one-line progress bar on standard error, drawn only on a terminal."""

    def __init__(self, total: int, *, enabled: bool, label: str) -> None:
        self.total = total
        self.done = 0
        self.label = label
        self.enabled = enabled and total > 1
        self.stream = sys.stderr

    def advance(self, name: str) -> None:
        self.done += 1
        self.draw(name)

    def draw(self, name: str = "") -> None:
        if not self.enabled:
            return
        bar_width = 24
        filled = bar_width * self.done // max(self.total, 1)
        bar = "█" * filled + "░" * (bar_width - filled)
        tail = Path(name).name if name else ""
        if width(tail) > 40:
            tail = "…" + tail[-38:]
        self.stream.write(f"\r\033[K{self.label} {bar} {self.done}/{self.total} {tail}")
        self.stream.flush()

    def clear(self) -> None:
        if self.enabled:
            self.stream.write("\r\033[K")
            self.stream.flush()


def progress_enabled(args: argparse.Namespace) -> bool:
    """A progress bar unless ``--no-progress``, standard error is no terminal, or TERM=dumb."""
    return not args.no_progress and isatty(sys.stderr) and os.environ.get("TERM") != "dumb"
