"""Section 三 (收到和处理政府信息公开申请情况): the data rows aligned to the template's row
sequence.  Labels anchor (the longest run of anchors in template order); rows printed without
a label are assigned by order only when their number fits the gap between two anchors.
"""

from __future__ import annotations

import itertools

from ...model import Template
from ...template import RowSpec, row_specs
from ..labels import Group
from .appeals import appeals_marker
from .items import Item, Row
from .place import as_filler, plausible, read_row
from .state import INFO, WARNING, Builder
from .values import classify, oneline

__all__ = ["read_requests"]


_Anchor = tuple[int, int, Row]
"""A labelled row of section 三: (its position, its place in the template's sequence, it)."""


def read_requests(builder: Builder, items: list[Item], rows: list[Row]) -> int:
    """Read section 三; return the position of its last anchor (or -1)."""
    sequence = [
        s
        for s in row_specs(builder.template, other_single=builder.other_single)
        if s.section == "三"
    ]
    order = {spec.path: i for i, spec in enumerate(sequence)}
    anchors = [
        (row.position, order[row.spec.path], row)
        for row in rows
        if row.kind == "anchor"
        and row.spec is not None
        and row.spec.section == "三"
        and plausible(row, row.spec)
    ]
    _subtotal_rows(builder, rows)
    if not anchors and "三" not in builder.headings:
        return -1
    chain = _increasing(anchors)
    start, end = _table_span(builder, items, rows, chain)
    width = len(sequence[0].cells)
    fillers = [
        filler
        for row in rows
        if row.kind == "values" and start < row.position < end
        for filler in [as_filler(row, width)]
        if filler is not None
    ]
    _unknown_rows(builder, rows, start, end)
    assigned: dict[int, tuple[Row, str]] = {}
    for _, idx, row in chain:
        assigned[idx] = (row, "")
    _fill_gaps(builder, sequence, chain, fillers, (start, end), assigned)
    _out_of_order(builder, sequence, anchors, chain, assigned)
    for idx, (row, how) in sorted(assigned.items(), key=lambda kv: kv[0]):
        read_row(builder, sequence[idx], row, how=how)
    if builder.other_single and builder.template is Template.V2021:
        builder.diag(
            "R141", INFO, "（六）其他处理印成一行，没有 1.2.3. 分项（按所印读取，不补分项）"
        )
    return chain[-1][0] if chain else -1


def _subtotal_rows(builder: Builder, rows: list[Row]) -> None:
    """A group heading of section 三 printed with numbers (a subtotal row): ignored, R117."""
    for row in rows:
        if row.kind == "group" and row.values and row.has_digits and row.match is not None:
            target = row.match.target
            if isinstance(target, Group) and target.section == "三":
                builder.diag(
                    "R117",
                    INFO,
                    f"“{target.label}”一行印有数字（小计行），模板中该标题没有自己的数字，已忽略",
                    row.location,
                )


def _table_span(
    builder: Builder, items: list[Item], rows: list[Row], chain: list[_Anchor]
) -> tuple[int, int]:
    """The positions just before and just after section 三's table."""
    start = builder.headings["三"].position if "三" in builder.headings else None
    if chain and start is not None and start > chain[0][0]:
        start = None
    if start is None:
        earlier = [r.position for r in rows if r.spec is not None and r.spec.section == "二"]
        first = chain[0][0] if chain else 0
        start = max((p for p in earlier if p < first), default=-1)
    last = chain[-1][0] if chain else start
    return start, _end_of_requests(builder, items, last)


def _unknown_rows(builder: Builder, rows: list[Row], start: int, end: int) -> None:
    """Rows of section 三's table with numbers and a label that names no row: R115."""
    for row in rows:
        if row.kind == "unknown" and start < row.position < end and row.has_digits:
            label = "".join(c.text for c in row.cells if classify(c.text) == "text")
            builder.diag(
                "R115",
                INFO,
                f"第三部分表格中有一行的标签“{oneline(label)}”无法识别，该行已忽略",
                row.location,
            )


def _fill_gaps(
    builder: Builder,
    sequence: list[RowSpec],
    chain: list[_Anchor],
    fillers: list[Row],
    span: tuple[int, int],
    assigned: dict[int, tuple[Row, str]],
) -> None:
    """Assign the unlabelled rows between two anchors in order, when they are as many as
    the template rows between them (else R114)."""
    start, end = span
    bounds = [(start, -1), *((p, i) for p, i, _ in chain), (end, len(sequence))]
    for (p0, i0), (p1, i1) in itertools.pairwise(bounds):
        gap = [f for f in fillers if p0 < f.position < p1]
        expected = i1 - i0 - 1
        if not gap:
            continue
        before = sequence[i0].row[-1] if i0 >= 0 else "表头"
        after = sequence[i1].row[-1] if i1 < len(sequence) else "表尾"
        if len(gap) == expected:
            for k, filler in enumerate(gap):
                assigned[i0 + 1 + k] = (
                    filler,
                    f"该行没有标签，位于“{before}”与“{after}”之间，"
                    f"按顺序对应为“{sequence[i0 + 1 + k].row[-1]}”",
                )
        elif expected == 0:
            builder.diag(
                "R114",
                INFO,
                f"“{before}”与“{after}”之间有{len(gap)}行无标签的数字，模板中此处没有行，已忽略",
                gap[0].location,
            )
        else:
            builder.diag(
                "R114",
                WARNING,
                f"“{before}”与“{after}”之间有{len(gap)}行无标签的数字，模板此处应有{expected}行，"
                "无法确定对应关系，这些行按缺失处理",
                gap[0].location,
            )


def _out_of_order(
    builder: Builder,
    sequence: list[RowSpec],
    anchors: list[_Anchor],
    chain: list[_Anchor],
    assigned: dict[int, tuple[Row, str]],
) -> None:
    """Labelled rows outside the run in template order: read by their label (R118) unless
    their row is already taken (R116)."""
    in_chain = {id(a[2]) for a in chain}
    for _, idx, row in anchors:
        if id(row) in in_chain:
            continue
        spec = sequence[idx]
        if idx in assigned:
            builder.diag(
                "R116",
                WARNING,
                f"“{spec.row[-1]}”出现了不止一次（或顺序与模板不符），只取第一次",
                row.location,
                path=spec.path,
                template=builder.template,
            )
            continue
        builder.diag(
            "R118",
            WARNING,
            f"“{spec.row[-1]}”一行的位置与模板顺序不符，按标签读取",
            row.location,
            path=spec.path,
            template=builder.template,
        )
        assigned[idx] = (row, "")


def _end_of_requests(builder: Builder, items: list[Item], last: int) -> int:
    """Where section 三's table ends: the first section-四 marker after *last*."""
    candidates = [
        h.position
        for s, h in builder.headings.items()
        if s in {"四", "五", "六"} and h.position > last
    ]
    marker = next((i.position for i in items if i.position > last and appeals_marker(i)), None)
    if marker is not None:
        candidates.append(marker)
    return min(candidates) if candidates else len(items)


def _increasing(anchors: list[_Anchor]) -> list[_Anchor]:
    """The longest run of anchors whose template order increases with their position.

    Each anchor extends the longest run ending in a smaller template order, the earliest
    such run when several are as long; the longest run ending first wins.  The template has
    some 25 rows, so the best run ending at each of them is kept (linear in the anchors: a
    table of thousands of repeated rows costs no more than reading it).
    """
    if not anchors:
        return []
    anchors = sorted(anchors, key=lambda a: a[0])
    length = [1] * len(anchors)
    previous = [-1] * len(anchors)
    ending: dict[int, tuple[int, int]] = {}  # template order -> (longest run, its first end)
    for i, (_, order, _) in enumerate(anchors):
        best_length, best_end = 0, -1
        for other, (run, end) in ending.items():
            if other < order and (run > best_length or (run == best_length and end < best_end)):
                best_length, best_end = run, end
        if best_end >= 0:
            length[i], previous[i] = best_length + 1, best_end
        kept = ending.get(order)
        if kept is None or length[i] > kept[0]:
            ending[order] = (length[i], i)
    i = max(range(len(anchors)), key=lambda k: (length[k], -k))
    chain: list[_Anchor] = []
    while i >= 0:
        chain.append(anchors[i])
        i = previous[i]
    return chain[::-1]
