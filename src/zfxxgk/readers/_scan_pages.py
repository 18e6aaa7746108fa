"""Reading the pages of a scan one after another, or several at once, with a call per page.

The OCR engine takes nine tenths of a page's time (``benchmarks/bench_ocr.py``).  With
``jobs`` above 1 the pages are read by the engine in that many worker processes, each engine
on one thread (ONNX Runtime's threads for one page scale poorly: two pages in two processes
took 0.60 of the time of the same two pages one after another on all cores, ``docs/ocr.md``);
the rest of each page's reading (the geometry, second looks, the proofreading) stays in the
calling process, page by page in order, as each page's words come back.

:func:`configure` sets both for the process: the command line's ``--jobs`` for one scan, and
its progress bar per page.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from . import _ocr
    from . import _pdf_grid as grid


class _Reader(Protocol):
    """What reads one page (:class:`.scan.Scanner`)."""

    source: str | None

    def page(self, number: int, image: Any, dpi: float) -> list[grid.Item]: ...


__all__ = ["PageHook", "configure", "items"]

PageHook = Callable[[str | None, int, int], None]
"""Called after each page of a scan is read: the source, pages done, pages in all."""


class _Options:
    # a plain class, and the OCR engine's module imported where a page is read: the command
    # line sets these options before every read of one file (:func:`configure`), scan or not
    __slots__ = ("jobs", "on_page")

    def __init__(self) -> None:
        self.jobs = 1
        self.on_page: PageHook | None = None


_OPTIONS = _Options()


def configure(*, jobs: int = 1, on_page: PageHook | None = None) -> None:
    """How this process reads the pages of a scan: *jobs* pages at once (0: one per CPU; 1:
    one after another, the engine on every core) and *on_page* called after each page."""
    _OPTIONS.jobs = jobs
    _OPTIONS.on_page = on_page


def items(reader: _Reader, pages: Sequence[tuple[int, Any, float]]) -> list[grid.Item]:
    """The items of *pages* (number, grey pixels, resolution), read in order."""
    jobs = _OPTIONS.jobs if _OPTIONS.jobs > 0 else (os.cpu_count() or 1)
    jobs = min(jobs, len(pages))
    out: list[grid.Item] = []
    ahead = _read_ahead([image for _, image, _ in pages], jobs) if jobs > 1 else None
    for done, (number, image, dpi) in enumerate(pages, start=1):
        if ahead is not None:
            next(ahead)  # this page's words are kept for the engine's call in reader.page
        out.extend(reader.page(number, image, dpi))
        if _OPTIONS.on_page is not None:
            _OPTIONS.on_page(reader.source, done, len(pages))
    return out


def _read_ahead(images: list[Any], jobs: int) -> Iterator[None]:
    """Read *images* by the engine in *jobs* worker processes; yields once as each page's
    words (in order) are kept for :func:`._ocr.words`.  A page a worker failed on is left
    to the calling process (which then reports its error)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from . import _ocr

    # spawned, not forked: the calling process may hold the engine's threads already
    context = multiprocessing.get_context("spawn")
    done = 0
    try:
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
            for key, found in pool.map(_page_words, images):
                if found is not None:
                    _ocr.read_ahead(key, found)
                done += 1
                yield
    except (OSError, RuntimeError):  # no workers (a broken pool): the rest read in order
        pass
    for _ in range(done, len(images)):
        yield


def _page_words(image: Any) -> tuple[str, list[_ocr.Word] | None]:
    """In a worker: the key of the straightened page and its words (None on failure)."""
    from . import _ocr
    from . import _scan_image as pixels

    page, _ = pixels.straighten(pixels.grey(image))
    try:
        return _ocr.page_key(page), _ocr.words(page, threads=1)
    except Exception:  # the calling process reads the page again and reports the error
        return _ocr.page_key(page), None
