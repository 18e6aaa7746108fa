"""Section 四 (行政复议、行政诉讼情况): 15 numbers in template order — labelled rows by their
label; unlabelled ones (one flat row, three rows, or three small tables) by a caption printed
above them, or else in template order.
"""

from __future__ import annotations

import attrs

from ...template import RowSpec, row_specs
from ..labels import key_of
from .items import Item, Para, Row
from .place import blank_ends_off, plausible, read_row
from .state import INFO, WARNING, Builder
from .values import classify

__all__ = ["appeals_marker", "read_appeals"]

_APPEALS_HEADERS = ("结果维持", "尚未审结", "结果纠正")


def read_appeals(builder: Builder, items: list[Item], rows: list[Row], last3: int) -> None:
    """Read section 四 (*last3*: the last position of section 三's table, or -1)."""
    specs = [
        s
        for s in row_specs(builder.template, other_single=builder.other_single)
        if s.section == "四"
    ]
    labelled: dict[tuple[str, ...], Row] = {}
    for row in rows:
        spec = row.spec
        if (
            row.kind == "anchor"
            and spec is not None
            and spec.section == "四"
            and plausible(row, spec)
        ):
            if spec.path in labelled:
                builder.diag(
                    "R116",
                    WARNING,
                    f"“{'/'.join(spec.row)}”出现了不止一次，只取第一次",
                    row.location,
                )
                continue
            labelled[spec.path] = row
    start, end = _appeals_span(builder, items, last3)
    unlabelled: list[tuple[Row, RowSpec | None]] = []
    if start is not None:
        caption: RowSpec | None = None
        heading_positions = {h.position for h in builder.headings.values()}
        for item in items:
            if not start <= item.position < end or item.position in heading_positions:
                continue
            if isinstance(item, Para):
                caption = _caption(item.paragraph.text, specs) or caption
                continue
            if item.kind == "values" or (item.kind == "unknown" and len(item.values) in {5, 15}):
                if item.kind == "unknown":
                    builder.diag(
                        "R115",
                        INFO,
                        "第四部分中有一行的标签无法识别，按数字读取",
                        item.location,
                    )
                unlabelled.append((item, caption))
                caption = None
    for spec in specs:
        if spec.path in labelled:
            read_row(builder, spec, labelled[spec.path])
    todo = [s for s in specs if s.path not in labelled]
    if not todo:
        return
    unlabelled = _drop_empty_rows(builder, unlabelled, 5 * len(todo))
    unlabelled = [(blank_ends_off(r, 5 * len(todo)), c) for r, c in unlabelled]
    captions = [c for _, c in unlabelled]
    if (
        len(unlabelled) == len(todo)
        and all(len(r.values) == 5 for r, _ in unlabelled)
        and all(c is not None for c in captions)
        and {c.path for c in captions if c is not None} == {s.path for s in todo}
    ):
        for row, caption in unlabelled:
            assert caption is not None
            read_row(builder, caption, row)
        return
    _appeals_by_order(builder, todo, [r for r, _ in unlabelled])


def _appeals_span(builder: Builder, items: list[Item], last3: int) -> tuple[int | None, int]:
    heading = builder.headings.get("四")
    start: int | None = (
        heading.position if heading is not None and heading.position > last3 else None
    )
    if start is None:
        for item in items:
            if item.position > last3 and appeals_marker(item):
                start = item.position
                break
    if start is None:
        return _appeals_before(builder, items, last3)
    later = [
        h.position for s, h in builder.headings.items() if s in {"五", "六"} and h.position > start
    ]
    return start, min(later) if later else len(items)


def _appeals_before(builder: Builder, items: list[Item], last3: int) -> tuple[int | None, int]:
    """Section 四 printed before section 三's table: from its heading — the official one,
    printed once — to the next heading of any section (nothing else is between them)."""
    printed = builder.printed or ()
    own = [h for h in printed if h.section == "四"]
    if len(own) != 1 or own[0].position > last3 or not own[0].exact:
        return None, len(items)
    start = own[0].position
    later = [h.position for h in printed if h.position > start]
    return start, min(later) if later else len(items)


def _drop_empty_rows(
    builder: Builder, rows: list[tuple[Row, RowSpec | None]], expected: int
) -> list[tuple[Row, RowSpec | None]]:
    total = sum(len(r.values) for r, _ in rows)
    if total <= expected:
        return rows
    kept = [(r, c) for r, c in rows if any(classify(v.text) != "blank" for v in r.values)]
    if len(kept) < len(rows) and sum(len(r.values) for r, _ in kept) == expected:
        for r, _ in rows:
            if all(classify(v.text) == "blank" for v in r.values):
                builder.diag("R131", INFO, "第四部分表格末尾有一行空白单元格，已忽略", r.location)
        return kept
    return rows


def _appeals_by_order(builder: Builder, todo: list[RowSpec], rows: list[Row]) -> None:
    """Assign unlabelled section-四 rows to the groups still to fill, in template order."""
    if not rows:
        return
    cursor = 0
    for row in rows:
        if cursor >= len(todo):
            builder.diag(
                "R130",
                WARNING,
                f"第四部分多出一行（{len(row.values)}个数字），已忽略",
                row.location,
            )
            continue
        width = len(row.values)
        if width % 5 == 0 and cursor + width // 5 <= len(todo):
            for k in range(width // 5):
                spec = todo[cursor + k]
                part = attrs.evolve(row, values=row.values[5 * k : 5 * k + 5])
                read_row(builder, spec, part)
            cursor += width // 5
            continue
        groups = min(len(todo) - cursor, max(1, -(-width // 5)))
        names = "、".join("/".join(s.row) for s in todo[cursor : cursor + groups])
        builder.diag(
            "R130",
            WARNING,
            f"第四部分一行有{width}个数字，不是5的倍数，无法确定缺少哪一格；{names}按缺失处理",
            row.location,
            path=todo[cursor].path,
            template=builder.template,
        )
        cursor += groups


def appeals_marker(item: Item) -> bool:
    """Does *item* mark section 四's table (its column headers 结果维持/尚未审结/结果纠正)?"""
    if isinstance(item, Para):
        texts = [item.paragraph.text]
    else:
        if item.kind not in {"header", "group", "anchor"}:
            return False
        if item.kind == "anchor" and item.spec is not None and item.spec.section != "四":
            return False
        texts = [c.text for c in item.cells]
    for text in texts:
        key = key_of(text)
        if len(key) > 40:
            continue
        if any(h in key for h in _APPEALS_HEADERS) or ("行政复议" in key and "行政诉讼" in key):
            return True
    return False


def _caption(text: str, specs: list[RowSpec]) -> RowSpec | None:
    """The section-四 group a short caption names (行政复议 / …直接起诉 / 复议后起诉)."""
    key = key_of(text)
    if not key or len(key) > 24:
        return None
    found = [
        spec
        for spec in specs
        if any(key_of(label) in key for label in (spec.row[-1], *spec.aliases))
    ]
    return found[0] if len(found) == 1 else None
