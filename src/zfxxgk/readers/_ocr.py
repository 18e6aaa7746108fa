"""The OCR engine behind reading scans: RapidOCR (``rapidocr-onnxruntime``), extra ``zfxxgk[ocr]``.

Imported only by :mod:`.scan` when a page has no text layer; ``import zfxxgk`` and every other
reader stay free of it.  The engine's models ship inside its wheel: nothing is downloaded at
run time.

:func:`words` finds and reads every line of text on a page (detection + recognition) and
gives each with its box in pixels and the engine's confidence; :func:`read_crop` reads one
small region without detection (a table cell the detector passed over).

Setting ``ZFXXGK_OCR_CACHE`` to a folder keeps each page's words there, keyed by the hash of
its pixels, so that reading the same scan again costs no OCR (for development and scoring).
"""

from __future__ import annotations

import functools
import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final

from ..errors import UnreadableDocumentError

__all__ = [
    "EXTRA_HINT",
    "Word",
    "available",
    "engine_seconds",
    "page_key",
    "read_ahead",
    "read_crop",
    "words",
]

EXTRA_HINT: Final = "pip install 'zfxxgk[ocr]'"
"""What installs the OCR engine (named in the refusal of a scan when it is absent)."""

MIN_SCORE: Final = 0.3
"""Lines the engine reads with less confidence than this are dropped (its default, 0.5,
drops many correctly read zeros: they come back at 0.5–0.75)."""

_SECONDS: list[float] = [0.0]


@dataclass(frozen=True, slots=True)
class Word:
    """A run of text the engine found: its box in pixels and its confidence (0–1)."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    conf: float


def available() -> bool:
    """Whether the OCR engine can be imported."""
    try:
        _module()
    except ImportError:
        return False
    return True


def _module() -> Any:
    import rapidocr_onnxruntime

    return rapidocr_onnxruntime


@functools.cache
def _engine(threads: int = 0) -> Any:
    """The engine; *threads* > 0 caps the threads ONNX Runtime uses for one page (a worker
    reading one page of several in parallel uses one); 0 leaves it every core."""
    module = _module()
    options = {"intra_op_num_threads": threads} if threads > 0 else {}
    return module.RapidOCR(text_score=MIN_SCORE, print_verbose=False, **options)


_READ: dict[str, list[Word]] = {}
"""Pages read ahead in parallel (:func:`read_ahead`), by the hash of their pixels; each is
taken out when :func:`words` asks for it."""


def engine_seconds() -> float:
    """Seconds spent inside the OCR engine by this process so far (for the benchmarks)."""
    return _SECONDS[0]


def _timed(call: Callable[[], Any]) -> Any:
    start = time.perf_counter()
    try:
        return call()
    finally:
        _SECONDS[0] += time.perf_counter() - start


def _cached(key: str) -> list[Word] | None:
    folder = os.environ.get("ZFXXGK_OCR_CACHE")
    if not folder:
        return None
    path = os.path.join(folder, key + ".json")
    try:
        with open(path, encoding="utf-8") as f:
            return [Word(*row) for row in json.load(f)]
    except (OSError, ValueError, TypeError):
        return None


def _store(key: str, found: list[Word]) -> None:
    folder = os.environ.get("ZFXXGK_OCR_CACHE")
    if not folder:
        return
    os.makedirs(folder, exist_ok=True)
    rows = [[w.text, w.x0, w.top, w.x1, w.bottom, w.conf] for w in found]
    with open(os.path.join(folder, key + ".json"), "w", encoding="utf-8") as f:
        json.dump(rows, f, ensure_ascii=False)


def _key(image: Any) -> str:
    import hashlib  # here: OpenSSL's loading is felt in the start of a process reading no scan

    return hashlib.sha256(image.tobytes() + str(image.shape).encode()).hexdigest()


def read_ahead(key: str, found: list[Word]) -> None:
    """Keep *found*, the words of the page whose pixels hash to *key* (:func:`page_key`),
    read by another process, for :func:`words` to take."""
    _READ[key] = found


def page_key(image: Any) -> str:
    """The key of a page's pixels (for :func:`read_ahead`)."""
    return _key(image)


def words(image: Any, *, source: str | None = None, threads: int = 0) -> list[Word]:
    """Every line of text the engine finds on *image* (a grey or colour ``numpy`` array);
    *threads* as for the engine (0: every core)."""
    key = _key(image)
    found = _READ.pop(key, None)
    if found is None:
        found = _cached(key)
    if found is not None:
        return found
    engine = _engine(threads)
    try:
        result, _ = _timed(lambda: engine(image, use_cls=False))
    except Exception as exc:  # the engine's own failures: a page it cannot process
        raise UnreadableDocumentError(
            f"OCR 引擎无法处理该页图像（{type(exc).__name__}）[R-OCR-FAILED]", path=source
        ) from None
    found = []
    for box, text, score in result or ():
        xs = [float(p[0]) for p in box]
        ys = [float(p[1]) for p in box]
        if str(text).strip():
            found.append(Word(str(text), min(xs), min(ys), max(xs), max(ys), float(score)))
    _store(key, found)
    return found


def read_crop(image: Any) -> tuple[str, float]:
    """The text of a small region that holds one line (no detection), with its confidence."""
    engine = _engine()
    try:
        result, _ = _timed(lambda: engine(image, use_det=False, use_cls=False))
    except Exception:  # a crop the engine cannot read is not read
        return "", 0.0
    if not result:
        return "", 0.0
    text, score = result[0][0], result[0][1]
    return str(text).strip(), float(score)
