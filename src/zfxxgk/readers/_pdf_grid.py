"""Geometry for the PDF reader: characters → lines, cell boxes → grids, page breaks undone.

Pure Python over plain values (no pdfplumber here), so every rule can be tested on
hand-made coordinates.  Units are PDF points, ``top``/``bottom`` measured downwards from
the top of the page as pdfplumber does.
"""

from __future__ import annotations

import bisect
import itertools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Final

from ..cells import PLACEHOLDERS

__all__ = [
    "Box",
    "Char",
    "Item",
    "Line",
    "Segment",
    "TablePart",
    "assemble",
    "cell_text",
    "fold",
    "is_furniture",
    "is_page_number",
    "is_wide",
    "layout_page",
    "line_text",
]

TOLERANCE: Final = 3.5
"""Two boundaries closer than this (points) are the same boundary."""
EXTENT_TOLERANCE: Final = 6.0
"""Two table parts whose left and right edges differ by less than this are one table."""
MARGIN: Final = 0.1
"""A line in the top or bottom tenth of a page is in the margin (page numbers)."""


_SUPPLEMENT_RADICALS: Final = {
    # CJK Radicals Supplement forms that are whole ordinary characters but have no NFKC
    # mapping; PDF text layers use them the way they use Kangxi radicals
    "CIVILIAN": "民",
    "WEST TWO": "西",
    "C-SIMPLIFIED LONG": "长",
    "C-SIMPLIFIED GATE": "门",
    "C-SIMPLIFIED SEE": "见",
    "C-SIMPLIFIED CART": "车",
    "C-SIMPLIFIED HORSE": "马",
    "C-SIMPLIFIED FLY": "飞",
    "C-SIMPLIFIED WIND": "风",
    "C-SIMPLIFIED BIRD": "鸟",
    "C-SIMPLIFIED FISH": "鱼",
    "C-SIMPLIFIED DRAGON": "龙",
    "C-SIMPLIFIED TOOTH": "齿",
    "C-SIMPLIFIED SHELL": "贝",
    "BONE": "骨",
    "GHOST": "鬼",
}


def _fold_table() -> dict[int, str]:
    table: dict[int, str] = {
        ord(unicodedata.lookup(f"CJK RADICAL {name}")): char
        for name, char in _SUPPLEMENT_RADICALS.items()
    }
    for start, end in ((0x2E80, 0x2FDF), (0xF900, 0xFAFF), (0x2F800, 0x2FA1F)):
        for cp in range(start, end + 1):
            folded = unicodedata.normalize("NFKC", chr(cp))
            if folded != chr(cp):
                table[cp] = folded
    return table


_FOLD: Final = _fold_table()


def fold(text: str) -> str:
    """Kangxi radicals and CJK compatibility ideographs → ordinary ideographs (NFKC), and
    the few CJK Radicals Supplement forms that stand for whole characters (⺠ → 民)."""
    return text.translate(_FOLD)


@dataclass(frozen=True, slots=True)
class Char:
    """One character of the text layer."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float = 0.0
    conf: float = 1.0
    """How sure the OCR engine was of this character (0–1); 1 for a text layer's."""

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def height(self) -> float:
        return self.size or (self.bottom - self.top) or 10.0


@dataclass(frozen=True, slots=True)
class Segment:
    """A visible ruling line: ``"h"`` (horizontal, y = *pos*) or ``"v"`` (vertical, x = *pos*)."""

    orient: str
    pos: float
    start: float
    end: float


def _crosses(segments: Sequence[Segment], orient: str, pos: float, at: float) -> bool:
    """Whether some *orient* segment lies at *pos* and covers the point *at* along it."""
    return any(
        s.orient == orient
        and abs(s.pos - pos) <= TOLERANCE
        and s.start - TOLERANCE <= at <= s.end + TOLERANCE
        for s in segments
    )


def _is_cjk(ch: str) -> bool:
    return ch >= "\u2e80" and not ("\uff01" <= ch <= "\uff5e" and ch.isalnum())


def is_wide(ch: str) -> bool:
    """Whether *ch* is printed as wide as a CJK character (twice a digit)."""
    return _is_cjk(ch)


def _lines(chars: Iterable[Char]) -> list[list[Char]]:
    """Group characters into lines (by vertical centre), each sorted left to right."""
    ordered = sorted(chars, key=lambda c: (c.cy, c.x0))
    lines: list[list[Char]] = []
    centre = 0.0
    for ch in ordered:
        if lines and abs(ch.cy - centre) <= max(2.0, 0.4 * min(ch.height, lines[-1][0].height)):
            lines[-1].append(ch)
            continue
        lines.append([ch])
        centre = ch.cy
    for line in lines:
        line.sort(key=lambda c: c.x0)
    return lines


def line_text(line: Sequence[Char], *, gap: float = 0.3) -> str:
    """The text of one line: a gap wider than *gap* font sizes between two characters that
    are not both CJK is a space (runs of spaces collapse to one)."""
    out: list[str] = []
    prev: Char | None = None
    for ch in line:
        if (
            prev is not None
            and ch.x0 - prev.x1 > gap * max(prev.height, ch.height)
            and not (_is_cjk(prev.text) and _is_cjk(ch.text))
        ):
            out.append(" ")
        out.append(ch.text)
        prev = ch
    return " ".join(fold("".join(out)).split())


_DASHED_PAGE_NUMBER = re.compile(r"[-－—–―]\s*\d{1,4}\s*[-－—–―]")
"""``- 4 -``: a page number printed over a table that reaches into the footer."""
_SPACED_NUMBER = re.compile(r"[+\-－]?\d[\d\s,，.．]*")


SPLIT_NUMBER_GAP: Final = 0.6
"""Digits closer than this many font sizes are one number printed apart (``2 0``)."""


def cell_text(chars: Iterable[Char], width: float | None = None) -> str:
    """The text of one table cell (*width* points wide): its lines joined by ``"\\n"``.

    A cell holding only digits (and separators) whose pieces stand closer than
    :data:`SPLIT_NUMBER_GAP` font sizes — a number the PDF printed in two (``2 0``) — is one
    number; so is a number wrapped in a narrow column, each line but the last filling the
    cell (``4472`` over ``28``).  Anything else stays apart (``5   7``, or ``5`` over ``7``:
    two numbers in a cell whose dividing rule was not drawn — the builder must see that).
    """
    lines = [line for line in _lines(chars) if not _DASHED_PAGE_NUMBER.fullmatch(line_text(line))]
    texts = [line_text(line, gap=SPLIT_NUMBER_GAP) for line in lines]
    text = "\n".join(t for t in texts if t)
    if (
        text
        and _SPACED_NUMBER.fullmatch(text)
        and any(ch.isspace() for ch in text)
        and all(_tight(line) for line in lines)
        and all(_fills(line, width) for line in lines[:-1])
    ):
        text = "".join(text.split())
    return text


WRAP_FILL: Final = 0.6
"""A line of a wrapped number spans at least this share of its cell's width."""


def _fills(line: Sequence[Char], width: float | None) -> bool:
    """Whether a line of digits fills its cell, as the first lines of a wrapped number do."""
    if width is None:
        return True
    ink = [c for c in line if not c.text.isspace()]
    return bool(ink) and (ink[-1].x1 - ink[0].x0) >= WRAP_FILL * (width - 4.0)


def _tight(line: Sequence[Char]) -> bool:
    """Whether the visible characters of a line stand close together (no wide gap)."""
    ink = [c for c in line if not c.text.isspace()]
    return all(
        b.x0 - a.x1 <= SPLIT_NUMBER_GAP * max(a.height, b.height)
        for a, b in itertools.pairwise(ink)
    )


@dataclass(slots=True)
class Box:
    """A drawn table cell: its rectangle, the page it is on, and its characters."""

    x0: float
    x1: float
    top: float
    bottom: float
    page: int
    chars: list[Char] = field(default_factory=list)
    text: str = ""


@dataclass(slots=True)
class Line:
    """A line of text outside any table."""

    text: str
    page: int
    top: float
    in_margin: bool = False
    running: bool = False
    """A running header or footer: margin text already seen on an earlier page."""


@dataclass(slots=True)
class TablePart:
    """A ruled table, or the part of one on a page; later parts are appended by :func:`assemble`."""

    boxes: list[Box]
    page: int
    last_page: int
    x0: float
    x1: float
    top: float
    bottom: float

    def grid(self) -> list[list[tuple[Box | None, bool]]]:
        """Rows of ``(owner box, spanned)``: every grid position, merged cells expanded."""
        xs = _cluster(v for b in self.boxes for v in (b.x0, b.x1))
        ys = _cluster(v for b in self.boxes for v in (b.top, b.bottom))
        n_rows, n_cols = len(ys) - 1, len(xs) - 1
        slots: list[list[tuple[Box | None, bool]]] = [
            [(None, False)] * n_cols for _ in range(max(n_rows, 0))
        ]
        for box in sorted(self.boxes, key=lambda b: (b.top, b.x0)):
            r0, r1 = _nearest(ys, box.top), _nearest(ys, box.bottom)
            c0, c1 = _nearest(xs, box.x0), _nearest(xs, box.x1)
            for r in range(r0, max(r1, r0 + 1)):
                for c in range(c0, max(c1, c0 + 1)):
                    if r < n_rows and c < n_cols and slots[r][c][0] is None:
                        slots[r][c] = (box, (r, c) != (r0, c0))
        return slots


Item = Line | TablePart


def _cluster(values: Iterable[float]) -> list[float]:
    """Sorted boundary positions, values within :data:`TOLERANCE` taken as one."""
    out: list[float] = []
    members: list[list[float]] = []
    for v in sorted(values):
        if members and v - members[-1][-1] <= TOLERANCE:
            members[-1].append(v)
        else:
            members.append([v])
    for group in members:
        out.append(sum(group) / len(group))
    return out


def _nearest(bounds: list[float], value: float) -> int:
    i = bisect.bisect_left(bounds, value)
    if i == 0:
        return 0
    if i == len(bounds):
        return len(bounds) - 1
    return i if bounds[i] - value < value - bounds[i - 1] else i - 1


def _table_part(
    page: int,
    cells: Sequence[tuple[float, float, float, float]],
    chars: list[Char],
    segments: Sequence[Segment] = (),
) -> tuple[TablePart | None, list[Char]]:
    """A table part from pdfplumber's cell boxes; returns the characters it did not take.

    Where the drawn cells leave grid positions uncovered (a border not drawn, the bottom
    border missing at a page break, a row's last cell missing) those positions are read
    as cells of their own, joined where no visible ruling separates them.
    """
    boxes = [Box(x0=c[0], top=c[1], x1=c[2], bottom=c[3], page=page) for c in cells]
    if not boxes:
        return None, chars
    xs = _cluster(v for b in boxes for v in (b.x0, b.x1))
    ys = _cluster(v for b in boxes for v in (b.top, b.bottom))
    if len(xs) < 3 or len(ys) < 2:
        return None, chars  # one column: a frame around text, not a table
    _extend_by_verticals(xs, ys, segments)
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    owner: list[list[Box | None]] = [[None] * n_cols for _ in range(n_rows)]
    for box in boxes:
        r0, r1 = _nearest(ys, box.top), _nearest(ys, box.bottom)
        c0, c1 = _nearest(xs, box.x0), _nearest(xs, box.x1)
        for r in range(r0, max(r1, r0 + 1)):
            for c in range(c0, max(c1, c0 + 1)):
                if r < n_rows and c < n_cols and owner[r][c] is None:
                    owner[r][c] = box
    boxes.extend(_fill_uncovered(owner, xs, ys, segments, page))
    left: list[Char] = []
    for ch in chars:
        cx, cy = ch.cx, ch.cy
        if not (xs[0] <= cx <= xs[-1] and ys[0] <= cy <= ys[-1]):
            left.append(ch)
            continue
        c = min(max(bisect.bisect_right(xs, cx) - 1, 0), n_cols - 1)
        r = min(max(bisect.bisect_right(ys, cy) - 1, 0), n_rows - 1)
        cell = owner[r][c]
        assert cell is not None
        cell.chars.append(ch)
    for box in boxes:
        box.text = cell_text(box.chars, box.x1 - box.x0)
    part = TablePart(
        boxes=boxes, page=page, last_page=page, x0=xs[0], x1=xs[-1], top=ys[0], bottom=ys[-1]
    )
    return part, left


def _extend_by_verticals(xs: list[float], ys: list[float], segments: Sequence[Segment]) -> None:
    """Add a first or last row whose top or bottom border was not drawn (at a page break)."""
    verticals = [
        s
        for s in segments
        if s.orient == "v"
        and xs[0] - TOLERANCE <= s.pos <= xs[-1] + TOLERANCE
        and s.end >= ys[0] - TOLERANCE
        and s.start <= ys[-1] + TOLERANCE
    ]
    if not verticals:
        return
    low = max(s.end for s in verticals)
    if low > ys[-1] + 2 * TOLERANCE:
        ys.append(low)
    high = min(s.start for s in verticals)
    if high < ys[0] - 2 * TOLERANCE:
        ys.insert(0, high)


def _fill_uncovered(
    owner: list[list[Box | None]],
    xs: list[float],
    ys: list[float],
    segments: Sequence[Segment],
    page: int,
) -> list[Box]:
    """Boxes for the grid positions no drawn cell covers, joined where no ruling divides them."""
    n_rows, n_cols = len(owner), len(owner[0]) if owner else 0
    made: list[Box] = []
    for r in range(n_rows):
        c = 0
        while c < n_cols:
            if owner[r][c] is not None:
                c += 1
                continue
            end = c + 1
            mid_y = (ys[r] + ys[r + 1]) / 2
            while (
                end < n_cols
                and owner[r][end] is None
                and not _crosses(segments, "v", xs[end], mid_y)
            ):
                end += 1
            mid_x = (xs[c] + xs[end]) / 2
            above = owner[r - 1][c] if r > 0 else None
            if (
                above is not None
                and above in made
                and abs(above.x0 - xs[c]) <= TOLERANCE
                and abs(above.x1 - xs[end]) <= TOLERANCE
                and not _crosses(segments, "h", ys[r], mid_x)
            ):
                box = above
                box.bottom = ys[r + 1]
            else:
                box = Box(x0=xs[c], x1=xs[end], top=ys[r], bottom=ys[r + 1], page=page)
                made.append(box)
            for k in range(c, end):
                owner[r][k] = box
            c = end
    return made


def layout_page(
    page: int,
    height: float,
    chars: list[Char],
    tables: Sequence[Sequence[tuple[float, float, float, float]]],
    segments: Sequence[Segment] = (),
    width: float | None = None,
) -> list[Item]:
    """The items of one page in reading order: ruled tables and lines of text, top to bottom."""
    items: list[Item] = []
    # characters outside the page are not printed (a table running off the page edge):
    # no reader sees them, and they have no cell to go to
    rest = [c for c in chars if width is None or (0 <= c.cx <= width and 0 <= c.cy <= height)]
    for cells in tables:
        part, rest = _table_part(page, cells, rest, segments)
        if part is not None:
            items.append(part)
    for line in _lines(ch for ch in rest):
        text = line_text(line)
        if not text:
            continue
        top = min(c.top for c in line)
        bottom = max(c.bottom for c in line)
        in_margin = bottom <= height * MARGIN or top >= height * (1 - MARGIN)
        items.append(Line(text=text, page=page, top=top, in_margin=in_margin))
    items.sort(key=lambda it: it.top)
    return items


# -- joining a table with its continuation on the next page ------------------------------

_ENUMERATOR = re.compile(
    r"\s*(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+[、.．]|\d{1,2}[.、．)）](?!\d))"
)
_NUMBER = re.compile(r"\s*[+\-－]?[\d０-９]")


def _is_value(text: str) -> bool:
    """A number, or a placeholder standing for one (not a label)."""
    stripped = text.strip()
    if not stripped:
        return False
    if stripped in PLACEHOLDERS:
        return True
    return bool(_NUMBER.match(stripped)) and not _ENUMERATOR.match(stripped)


def _same_extent(a: Box, b: Box) -> bool:
    return abs(a.x0 - b.x0) <= TOLERANCE and abs(a.x1 - b.x1) <= TOLERANCE


def _continues(prev: TablePart, part: TablePart, items_between: bool) -> bool:
    return (
        not items_between
        and part.page == prev.last_page + 1
        and abs(prev.x0 - part.x0) <= EXTENT_TOLERANCE
        and abs(prev.x1 - part.x1) <= EXTENT_TOLERANCE
    )


def _join(prev: TablePart, part: TablePart) -> None:
    """Append *part* (the continuation on the next page) to *prev*, in place."""
    shift = prev.bottom - part.top
    for box in part.boxes:
        box.top += shift
        box.bottom += shift
    edge = prev.bottom
    last = sorted((b for b in prev.boxes if abs(b.bottom - edge) <= TOLERANCE), key=lambda b: b.x0)
    first = sorted((b for b in part.boxes if abs(b.top - edge) <= TOLERANCE), key=lambda b: b.x0)
    absorbed: set[int] = set()
    if _row_fragment(last, first):
        for above, below in zip(last, first, strict=True):
            _absorb(above, below)
            absorbed.add(id(below))
    else:
        leaf = max(
            (b for b in first if b.text and not _is_value(b.text)), key=lambda b: b.x0, default=None
        )
        for below in first:
            if leaf is None or below.x1 > leaf.x0 + TOLERANCE:
                break
            upper = next((a for a in last if _same_extent(a, below)), None)
            if upper is None or not upper.text or _is_value(upper.text):
                continue
            if below.text and (_is_value(below.text) or _ENUMERATOR.match(below.text)):
                continue
            _absorb(upper, below)
            absorbed.add(id(below))
    prev.boxes.extend(b for b in part.boxes if id(b) not in absorbed)
    prev.bottom = part.bottom + shift
    prev.last_page = part.last_page
    prev.x0 = min(prev.x0, part.x0)
    prev.x1 = max(prev.x1, part.x1)


def _row_fragment(last: list[Box], first: list[Box]) -> bool:
    """Whether *first* (top row on the new page) is the rest of the row *last*, cut by the break."""
    if not last or len(last) != len(first):
        return False
    if not all(_same_extent(a, b) for a, b in zip(last, first, strict=True)):
        return False
    for a, b in zip(last, first, strict=True):
        # text continues text; a number may sit on either side, facing an empty cell
        if a.text and b.text and (_is_value(a.text) or _is_value(b.text)):
            return False
    if all(not b.text for b in first):
        return True
    if any(b.text and _ENUMERATOR.match(b.text) for b in first):
        return False
    return any(_is_value(b.text) for b in (*last, *first))


def _absorb(above: Box, below: Box) -> None:
    if below.text:
        above.text = f"{above.text}\n{below.text}" if above.text else below.text
    above.bottom = below.bottom


def assemble(items: list[Item]) -> list[Item]:
    """Join tables continued across page breaks; page numbers and running headers or footers
    (margin text repeated from an earlier page, marked ``running``) do not separate them."""
    seen: dict[str, int] = {}
    for item in items:
        if isinstance(item, Line) and item.in_margin:
            first = seen.setdefault(item.text, item.page)
            item.running = first != item.page
    out: list[Item] = []
    for item in items:
        if isinstance(item, TablePart):
            prev_index = len(out) - 1
            while prev_index >= 0 and is_furniture(out[prev_index]):
                prev_index -= 1
            if prev_index >= 0:
                prev = out[prev_index]
                if isinstance(prev, TablePart) and _continues(prev, item, False):
                    _join(prev, item)
                    continue
        out.append(item)
    return out


_PAGE_NUMBER = re.compile(
    r"[-－—–―~·\s]*(?:第\s*)?\d{1,4}(?:\s*页)?(?:\s*[/／]\s*(?:共\s*)?\d{1,4}\s*页?)?[-－—–―~·\s]*"
)


def is_page_number(line: Line) -> bool:
    """``- 4 -``, ``第 4 页``, ``4/6`` anywhere; a bare ``4`` only in the top or bottom margin."""
    if not _PAGE_NUMBER.fullmatch(line.text):
        return False
    return line.in_margin or any(ch in line.text for ch in "-－—–―~·页/／")


def is_furniture(item: Item) -> bool:
    """Page numbers and running headers or footers: not part of the report's text."""
    return isinstance(item, Line) and (item.running or is_page_number(item))
