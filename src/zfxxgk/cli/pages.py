"""A scan given alone: its pages read at once with ``--jobs``, and a progress bar per page."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from .terminal import Progress, progress_enabled

__all__ = ["scan_pages"]


def scan_pages(args: argparse.Namespace, files: Sequence[str]) -> None:
    """When the command reads one file: ``--jobs N`` reads the pages of a scan N at once
    (several files are read N at once instead, each scan's pages one after another), and
    the progress bar counts the scan's pages as OCR reads them (several files: the files)."""
    if len(files) != 1:
        return
    # the options alone: importing the OCR reader (:mod:`..readers.scan`, its PDF geometry)
    # would cost a tenth of a check's start-up, for a file that is most often no scan
    from ..readers._scan_pages import configure

    bar: list[Progress] = []

    def on_page(source: str | None, done: int, total: int) -> None:
        if not bar:
            bar.append(Progress(total, enabled=progress_enabled(args), label="识别"))
        bar[0].advance(f"第 {done} 页")
        if done == total:
            bar.pop().clear()

    configure(jobs=getattr(args, "jobs", 1), on_page=on_page)
