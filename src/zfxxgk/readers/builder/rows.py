"""Matching rows: every table row becomes a data row — its label cells matched against the
template's row labels (``readers.labels``) and the value cells after them, merged-cell copies
dropped.

A row is an ``anchor`` (its label names a template row), a ``group`` (a group heading), a row
of ``values`` without a label, an ``unknown`` label with numbers, or a ``header``.
"""

from __future__ import annotations

import functools
from typing import Final

import attrs

from ...template import RowSpec
from .._remember import Remembered
from ..document import AnyCell, Paragraph, Table
from ..labels import Group, LabelIndex, Match, Quality, key_of
from .items import Item, Para, Row
from .state import INFO, Builder
from .values import classify

__all__ = ["analyse", "analyse_row"]


def analyse(builder: Builder, index: LabelIndex) -> list[Item]:
    """The document as a stream of paragraphs and analysed rows."""
    items: list[Item] = []
    skip: dict[int, frozenset[int]] = {}
    for position, block in builder.raw:
        if isinstance(block, Paragraph):
            items.append(Para(position, block))
            continue
        table, row_index = block
        key = id(table)
        if key not in skip:
            skip[key] = _subtotal_columns(builder, table)
        row = analyse_row(position, table, row_index, index, skip[key])
        builder.rows_of.setdefault(key, []).append(row)
        if row.kind == "unknown":
            above: list[str] = []  # the lines of text right above the row
            for item in reversed(items[-2:]):
                if not isinstance(item, Para):
                    break
                above.insert(0, item.paragraph.text)
            if above:
                row = _wrapped(row, above, index)
        items.append(row)
    return items


def _subtotal_columns(builder: Builder, table: Table) -> frozenset[int]:
    """Columns headed 小计 (an extra 法人或其他组织小计 column): tolerated and skipped."""
    columns: set[int] = set()
    for row in table.grid:
        if any(classify(c.text) == "value" for c in row):
            continue
        for k, cell in enumerate(row):
            if "小计" in key_of(cell.text):
                columns.add(k)
    if columns:
        builder.diag(
            "R117",
            INFO,
            f"表格中有“小计”列（第{'、'.join(str(k + 1) for k in sorted(columns))}列），"
            "读取时已跳过",
            table.location,
        )
    return frozenset(columns)


def analyse_row(
    position: int, table: Table, row_index: int, index: LabelIndex, skip: frozenset[int]
) -> Row:
    """One table row, its label cells matched against the template (*skip*: subtotal columns)."""
    cells = table.grid[row_index]
    if skip:
        cells = tuple(c for k, c in enumerate(cells) if k not in skip)
    # an unread cell (printed, but where it stands is uncertain) is never a label
    kinds = [classify(c.text) if not c.unread else "unread" for c in cells]
    text_at = [k for k, kind in enumerate(kinds) if kind == "text"]
    if not text_at:
        values = tuple(c for c in cells if not c.spanned)
        readable = "value" in kinds or "placeholder" in kinds
        if "unread" in kinds and not readable:
            return Row(position, table, row_index, cells, "header", None, ())
        return Row(
            position, table, row_index, cells, "values" if values else "header", None, values
        )
    rows: list[tuple[int, Match]] = []
    groups: list[tuple[int, Match]] = []
    match_cell = _cell_matches(index)
    for k in reversed(text_at):
        match = match_cell[cells[k].text]
        if match is not None:
            (rows if isinstance(match.target, RowSpec) else groups).append((k, match))
    best: tuple[float, int, Match] | None = None
    for k, match in rows:  # a row label beats the group headings printed beside it
        if best is None or match.score > best[0]:
            best = (match.score, k, match)
    if best is not None and best[2].quality.loose and not _consistent(best[2], groups):
        best = None  # a loose row label that contradicts its printed group: do not trust it
    if best is None or best[2].quality.loose:
        joined = _joined_label(cells, text_at, index)
        if joined is not None and (best is None or joined[0] > best[0]):
            best = joined
    if best is None and groups:
        k, match = max(groups, key=lambda g: (g[1].score, g[0]))
        best = (match.score, k, match)
    if best is None:
        label_cells = [cells[k].text for k in text_at if not cells[k].spanned]
        if len(label_cells) > 1:
            match = index.match("".join(label_cells))
            if match is not None:
                best = (match.score, text_at[-1], match)
    if best is None:
        values = tuple(c for c in cells[text_at[-1] + 1 :] if not c.spanned)
        kind = "unknown" if "value" in kinds[text_at[-1] + 1 :] else "header"
        return Row(position, table, row_index, cells, kind, None, values)
    _, at, match = best
    values = tuple(c for c in cells[at + 1 :] if not c.spanned)
    if any(k > at for k, _ in rows + groups) and "value" not in kinds[at + 1 :]:
        # labels after the label and no number: a header row (行政复议 | 行政诉讼)
        return Row(position, table, row_index, cells, "header", match, ())
    kind = "anchor" if isinstance(match.target, RowSpec) else "group"
    return Row(position, table, row_index, cells, kind, match, values)


def _joined_label(
    cells: tuple[AnyCell, ...], text_at: list[int], index: LabelIndex
) -> tuple[float, int, Match] | None:
    """A row label printed over two or three neighbouring cells (a label cell of two
    paragraphs that a text export writes as two lines): the join of consecutive text cells
    that matches a row label exactly, as (score, index of its last cell, match)."""
    found: tuple[float, int, Match] | None = None
    for size in (2, 3):
        for start in range(len(text_at) - size + 1):
            ks = text_at[start : start + size]
            if ks[-1] - ks[0] != size - 1 or any(cells[k].spanned for k in ks):
                continue
            match = index.match("".join(cells[k].text for k in ks))
            if (
                match is not None
                and isinstance(match.target, RowSpec)
                and match.quality is Quality.EXACT
                and (found is None or ks[-1] > found[1])
            ):
                found = (match.score, ks[-1], match)
    return found


def _wrapped(row: Row, above: list[str], index: LabelIndex) -> Row:
    """A row whose label is the end (or middle) of a label wrapped over the lines above
    (``二、上年结转政府信息公开申`` / ``请数量 1 0 0 0 0 0 1``), perhaps with a fragment of a
    vertical group label between (``他处理``): joined, when that makes a row label exactly, or
    a long enough beginning of one.  A bare line of numbers is never paired with a label above
    it: text from PDFs often prints the numbers before their label."""
    label = "".join(c.text for c in row.cells if not c.spanned and classify(c.text) == "text")
    tries = [above[-1:], above[-2:], above[-2:-1]] if len(above) > 1 else [above[-1:]]
    for parts in tries:
        if any(len(p) > 60 or any(classify(t) == "value" for t in p.split()) for p in parts):
            continue  # prose, or a line of numbers
        text = "".join(parts) + label
        match = index.match(text)
        if match is None or not isinstance(match.target, RowSpec):
            continue
        if match.quality in {Quality.EXACT, Quality.NUMBERING} or (
            match.quality is Quality.PARTIAL and len(key_of(text)) >= 10
        ):
            printed = "\n".join([*parts, label])
            joined = attrs.evolve(match, quality=Quality.WRAPPED, printed=printed, score=0.9)
            return attrs.evolve(row, kind="anchor", match=joined)
    return row


_MAX_STRAY_PIECES: Final = 4
"""Stray pieces tried away in front of a label (one in every real case seen): bounds the
work on a cell of many words to a few matches, not one per word."""


@functools.cache
def _cell_matches(index: LabelIndex) -> Remembered[Match | None]:
    """:func:`_match_cell` of the label cells of every read against *index*, remembered."""
    return Remembered(functools.partial(_match_cell, index), maxsize=4096)


def _match_cell(index: LabelIndex, text: str) -> Match | None:
    """Match a label cell; in text from a PDF a label may carry stray characters of a
    vertical group label in front of it ("三 2.其他法律…", "度 4.保护…"), so the text
    without its first space-separated pieces (up to four of them) is tried too."""
    best = index.match(text)
    pieces = text.split()
    if len(pieces) > 1 and (best is None or best.quality is not Quality.EXACT):
        for k in range(1, min(len(pieces), _MAX_STRAY_PIECES + 1)):
            tail = index.match(" ".join(pieces[k:]))
            if tail is not None and (best is None or tail.score > best.score):
                best = attrs.evolve(
                    tail,
                    printed=text,
                    quality=Quality.EXTRA_TEXT if tail.quality is Quality.EXACT else tail.quality,
                    score=tail.score * 0.97,
                )
    return best


def _consistent(match: Match, groups: list[tuple[int, Match]]) -> bool:
    """A row label agrees with every group heading matched exactly in its row."""
    target = match.target
    assert isinstance(target, RowSpec)
    for _, group in groups:
        if (
            group.quality is Quality.EXACT
            and isinstance(group.target, Group)
            and group.target.section == target.section
            and group.target.label not in target.row
        ):
            return False
    return True
