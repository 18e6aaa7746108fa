"""What a scanned page shows besides its text: its tilt, its ruling, where there is ink.

Pure image geometry over ``numpy`` arrays with OpenCV (both come with ``zfxxgk[ocr]``);
imported only by :mod:`.scan`.  Coordinates are pixels of the (straightened) page image; the
caller turns them into points.
"""

from __future__ import annotations

import math
from typing import Any, Final

import cv2
import numpy as np

from ._pdf_grid import Segment

__all__ = ["dark", "grey", "has_ink", "inked", "ruling", "straighten"]

DARK: Final = 160
"""A grey level below this (0–255) is ink."""
MIN_INK: Final = 15
"""A cell with fewer dark pixels than this is blank (a scanner's specks are a few pixels; the
thinnest digit at 150 dpi some forty)."""
MAX_TILT: Final = 5.0
"""A page tilted by more than this many degrees is not straightened (not a slip of the scanner)."""


def grey(image: Any) -> Any:
    """*image* as one channel of grey levels (uint8)."""
    array = np.asarray(image)
    if array.ndim == 3:
        code = cv2.COLOR_RGBA2GRAY if array.shape[2] == 4 else cv2.COLOR_RGB2GRAY
        array = cv2.cvtColor(array, code)
    if array.dtype != np.uint8:
        array = array.astype(np.uint8)
    return array


def dark(page: Any, *, specks: bool = False) -> Any:
    """The ink of a grey page (255 where dark); *specks* False: specks of noise removed
    (and with them lines one pixel thin: the ruling is looked for with specks kept)."""
    ink = np.where(page < DARK, 255, 0).astype(np.uint8)
    return ink if specks else cv2.medianBlur(ink, 3)


def _lines_of(ink: Any, orient: str, length: int) -> Any:
    """The pixels of *ink* on straight runs at least *length* long (``"h"`` or ``"v"``)."""
    size = (length, 1) if orient == "h" else (1, length)
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, size)
    opened = cv2.morphologyEx(ink, cv2.MORPH_OPEN, kernel)
    bridge = (9, 1) if orient == "h" else (1, 9)  # close small breaks in a drawn line
    return cv2.morphologyEx(
        opened, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, bridge)
    )


def straighten(page: Any) -> tuple[Any, float]:
    """*page* turned so that its long horizontal lines (table rules) are level, and the
    angle it was turned by (degrees; 0 when it has no such lines or looks level)."""
    ink = dark(page, specks=True)
    width = page.shape[1]
    found = cv2.HoughLinesP(
        _lines_of(ink, "h", max(20, width // 40)),
        1,
        math.pi / 1800,
        threshold=max(50, width // 8),
        minLineLength=width // 6,
        maxLineGap=8,
    )
    angles = []
    for x1, y1, x2, y2 in found.reshape(-1, 4) if found is not None else ():
        if x2 != x1:
            angle = math.degrees(math.atan2(y2 - y1, x2 - x1))
            if abs(angle) <= MAX_TILT:
                angles.append(angle)
    if not angles:
        return page, 0.0
    angle = float(np.median(angles))
    if abs(angle) < 0.05:
        return page, 0.0
    height = page.shape[0]
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    turned = cv2.warpAffine(
        page, matrix, (width, height), flags=cv2.INTER_LINEAR, borderValue=(255,)
    )
    return turned, angle


def ruling(page: Any, dpi: float) -> list[Segment]:
    """The drawn table rules of a grey *page* as segments in pixels: straight runs of ink at
    least a fifth of an inch long (longer than a stroke of a character at body size), each
    mended where a speck of noise cut it off short of a rule across it (:func:`_mended`)."""
    ink = dark(page, specks=True)
    found: list[tuple[Segment, Any]] = []
    for orient, length in (("h", round(dpi * 0.35)), ("v", round(dpi * 0.2))):
        lines = _lines_of(ink, orient, max(length, 10))
        count, _, stats, _ = cv2.connectedComponentsWithStats(lines, connectivity=8)
        for k in range(1, count):
            x, y, w, h = (int(v) for v in stats[k][:4])
            if orient == "h" and w >= length and h <= max(8, dpi // 20):
                band = ink[y : y + h].any(axis=0)
                found.append((Segment("h", y + h / 2, float(x), float(x + w)), band))
            elif orient == "v" and h >= length and w <= max(8, dpi // 20):
                band = ink[:, x : x + w].any(axis=1)
                found.append((Segment("v", x + w / 2, float(y), float(y + h)), band))
    segments = [segment for segment, _ in found]
    return [_mended(segment, band, segments) for segment, band in found]


def _mended(segment: Segment, band: Any, segments: list[Segment]) -> Segment:
    """*segment* lengthened to the furthest rule across it that its ink reaches
    (:func:`_grown`): a light speck on a thin rule cuts it, the piece beyond is too short to
    be taken for a rule, and the cell it closed is lost (two rows of a label column read as
    one).  Only as far as a rule across: a rule whose ink runs on into text is not lengthened
    into it."""
    start, length = _grown(band, round(segment.start), round(segment.end))
    end = start + length
    across = [
        other.pos
        for other in segments
        if other.orient != segment.orient and other.start - GAP <= segment.pos <= other.end + GAP
    ]
    first = min((p for p in across if start - GAP <= p < segment.start), default=segment.start)
    last = max((p for p in across if segment.end < p <= end + GAP), default=segment.end)
    return Segment(segment.orient, segment.pos, min(first, segment.start), max(last, segment.end))


GAP: Final = 3
"""Pixels of a rule a speck of noise or a faint print may leave white (:func:`_grown`)."""


def _grown(inked: Any, start: int, end: int) -> tuple[int, int]:
    """The run ``start:end`` of a rule found by :func:`_lines_of`, grown at both ends along
    *inked* (the ink of its band of pixels) over breaks of at most :data:`GAP` pixels.

    A light speck on a thin rule cuts it; a piece shorter than the run looked for is lost, and
    a cell of the table with it (two rows of the label column read as one).  Only a rule
    found is grown, so text never becomes a rule.  Returns the start and the length."""
    last = len(inked)
    while True:
        ahead = inked[max(start - GAP - 1, 0) : start]
        if not ahead.any():
            break
        start = max(start - GAP - 1, 0) + int(np.argmax(ahead))
    while end < last:
        ahead = inked[end : end + GAP + 1]
        if not ahead.any():
            break
        end += int(len(ahead) - np.argmax(ahead[::-1]))
    return start, end - start


def has_ink(ink: Any, box: tuple[float, float, float, float], inset: float) -> bool:
    """Whether the region *box* (x0, top, x1, bottom in pixels) of the page's *ink*, less
    *inset* pixels on every side (its ruling), holds a mark the size of a small digit: specks
    of noise (blobs of fewer than :data:`SPECK` pixels) do not count, however many."""
    x0, top, x1, bottom = (round(v) for v in box)
    pad = round(inset)
    region = ink[max(top + pad, 0) : max(bottom - pad, 0), max(x0 + pad, 0) : max(x1 - pad, 0)]
    if region.size == 0 or int(np.count_nonzero(region)) < MIN_INK:
        return False
    count, _, stats, _ = cv2.connectedComponentsWithStats(region, connectivity=8)
    return sum(int(stats[k][4]) for k in range(1, count) if stats[k][4] >= SPECK) >= MIN_INK


SPECK: Final = 8
"""A blob of fewer dark pixels than this is a speck of noise, not part of a character."""


def inked(crop: Any) -> Any:
    """The part of a grey *crop* that holds its marks (blobs of :data:`SPECK` pixels or more),
    with a white margin around them — what the recogniser reads best — or None when it has
    none.  A lone digit in a wide cell is read from this, not from the whole cell."""
    ink = np.where(crop < DARK, 255, 0).astype(np.uint8)
    count, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    blobs = [stats[k] for k in range(1, count) if stats[k][4] >= SPECK]
    if not blobs:
        return None
    x0 = min(int(b[0]) for b in blobs)
    top = min(int(b[1]) for b in blobs)
    x1 = max(int(b[0] + b[2]) for b in blobs)
    bottom = max(int(b[1] + b[3]) for b in blobs)
    pad = max(4, (bottom - top) // 4)
    return cv2.copyMakeBorder(
        crop[top:bottom, x0:x1], pad, pad, 2 * pad, 2 * pad, cv2.BORDER_CONSTANT, value=(255,)
    )
