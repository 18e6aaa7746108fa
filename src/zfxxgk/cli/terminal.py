"""The terminal: colour, display widths, the progress bar.

Colour is plain ANSI, used when standard output is a terminal and ``NO_COLOR`` is not set
(``--color always|never`` to choose).  Widths are :func:`zfxxgk.textwidth.display_width`
(CJK characters take two columns).  The progress bar is drawn on standard error, only on a
terminal, by rich when it is installed (``pip install 'zfxxgk[terminal]'``) and by a plain
one-line bar otherwise; both show the file being read as a path relative to the folder the
inputs share, the count, the rate and the time left.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import time
from collections.abc import Sequence
from typing import IO, Any, Final, Literal

from ..textwidth import display_width
from .base import terminal_columns

__all__ = [
    "Paint",
    "Progress",
    "common_folder",
    "pad",
    "progress_enabled",
    "want_colour",
    "width",
]


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
    return display_width(text)


def pad(text: str, columns: int, *, right: bool = False) -> str:
    """*text* padded with spaces to *columns* display columns (on the left when *right*)."""
    gap = " " * max(0, columns - width(text))
    return gap + text if right else text + gap


def _local(name: str) -> bool:
    """Whether *name* is a file's path — not ``-`` (standard input) nor a web address."""
    return name != "-" and "://" not in name


def common_folder(paths: Sequence[str]) -> str | None:
    """The folder every one of *paths* that is a file is in (``None`` when they share none,
    as on two Windows drives; standard input and web addresses are left out)."""
    folders = [os.path.dirname(os.path.abspath(p)) for p in paths if _local(p)]
    try:
        return os.path.commonpath(folders) if folders else None
    except ValueError:
        return None


_FIXED_COLUMNS: Final = 50
"""What the progress line takes besides the label, the count and the file's name: the bar,
the rate, the time left and the spaces between."""


def _shown(name: str, root: str | None, columns: int) -> str:
    """*name* relative to *root*, its start cut to fit in *columns*."""
    if root is not None and name and _local(name):
        relative = os.path.relpath(os.path.abspath(name), root)
        name = name if relative.startswith("..") else relative
    if width(name) <= columns:
        return name
    while name and width(name) > columns - 1:
        name = name[1:]
    return "…" + name


def _clock(seconds: float) -> str:
    minutes, secs = divmod(round(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class _Plain:
    """A one-line bar drawn with ``\\r`` and an erase-line escape."""

    def __init__(self, stream: IO[str], label: str, total: int) -> None:
        self.stream, self.label, self.total = stream, label, total
        self.started = time.monotonic()

    def columns(self) -> int:
        return terminal_columns()

    def draw(self, done: int, name: str) -> None:
        bar_width = 24
        filled = bar_width * done // max(self.total, 1)
        bar = "█" * filled + "░" * (bar_width - filled)
        elapsed = time.monotonic() - self.started
        if done and elapsed > 0:
            rate = done / elapsed
            pace = f"{rate:.1f} 份/秒 剩余 {_clock((self.total - done) / rate)}"
        else:
            pace = "– 份/秒 剩余 –:––"
        line = f"{self.label} {bar} {done}/{self.total} {pace} {name}".rstrip()
        self.stream.write(f"\r\033[K{line}")
        self.stream.flush()

    def clear(self) -> None:
        self.stream.write("\r\033[K")
        self.stream.flush()


class _Rich:
    """The bar drawn by rich (a transient live display, redrawn at each file)."""

    def __init__(self, stream: IO[str], label: str, total: int) -> None:
        console = importlib.import_module("rich.console")
        progress = importlib.import_module("rich.progress")
        text = importlib.import_module("rich.text")

        column: Any = progress.ProgressColumn

        class Rate(column):  # type: ignore[misc]
            def render(self, task: Any) -> Any:
                speed = task.finished_speed or task.speed
                shown = "–" if speed is None else f"{speed:.1f}"
                return text.Text(f"{shown} 份/秒")

        self.progress = progress.Progress(
            progress.TextColumn("{task.description}", markup=False),
            progress.BarColumn(bar_width=24),
            progress.MofNCompleteColumn(),
            Rate(),
            progress.TextColumn("剩余"),
            progress.TimeRemainingColumn(),
            progress.TextColumn("{task.fields[name]}", markup=False),
            console=console.Console(file=stream, highlight=False),
            transient=True,
            auto_refresh=False,
        )
        self.task = self.progress.add_task(label, total=total, name="")
        self.live = False

    def columns(self) -> int:
        return int(self.progress.console.width)

    def draw(self, done: int, name: str) -> None:
        if not self.live:
            self.progress.start()
            self.live = True
        self.progress.update(self.task, completed=done, name=name)
        self.progress.refresh()

    def clear(self) -> None:
        if self.live:
            self.progress.stop()
            self.live = False


Backend = Literal["auto", "rich", "plain"]


def _backend(choice: Backend, stream: IO[str], label: str, total: int) -> _Plain | _Rich:
    if choice != "plain":
        try:
            return _Rich(stream, label, total)
        except ImportError:
            if choice == "rich":
                raise
    return _Plain(stream, label, total)


class Progress:
    """A progress bar on standard error, drawn only on a terminal and for more than one
    file: the label, the bar, files done of all, files a second, the time left, and the
    file just read relative to *root* (the folder the inputs share, :func:`common_folder`)
    — in a corpus of one folder per report every file may be called ``source.pdf``."""

    def __init__(
        self,
        total: int,
        *,
        enabled: bool,
        label: str,
        root: str | None = None,
        backend: Backend = "auto",
    ) -> None:
        self.total = total
        self.done = 0
        self.label = label
        self.root = root
        self.enabled = enabled and total > 1
        self.stream = sys.stderr
        self._choice: Backend = backend
        self._bar: _Plain | _Rich | None = None

    def advance(self, name: str) -> None:
        self.done += 1
        self.draw(name)

    def draw(self, name: str = "") -> None:
        if not self.enabled:
            return
        if self._bar is None:
            self._bar = _backend(self._choice, self.stream, self.label, self.total)
        taken = width(self.label) + 2 * len(str(self.total)) + 1 + _FIXED_COLUMNS
        room = max(self._bar.columns() - taken, 12)
        self._bar.draw(self.done, _shown(name, self.root, room))

    def clear(self) -> None:
        if self.enabled and self._bar is not None:
            self._bar.clear()


def progress_enabled(args: argparse.Namespace) -> bool:
    """A progress bar unless ``--no-progress``, standard error is no terminal, or TERM=dumb."""
    return not args.no_progress and isatty(sys.stderr) and os.environ.get("TERM") != "dumb"
