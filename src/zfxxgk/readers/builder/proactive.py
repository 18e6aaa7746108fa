"""Section 二 (主动公开政府信息情况): every row read by its label."""

from __future__ import annotations

from ...template import SECTION_TITLES
from ..sections import SECTIONS
from .items import Row
from .place import plausible, read_row
from .state import INFO, WARNING, Builder

__all__ = ["read_proactive"]


def read_proactive(builder: Builder, rows: list[Row]) -> None:
    """Read section 二: every plausible row by its label, the first of repeated rows (R116)."""
    seen: dict[tuple[str, ...], Row] = {}
    for row in rows:
        spec = row.spec
        if row.kind != "anchor" or spec is None or spec.section != "二":
            continue
        if not plausible(row, spec):
            continue
        if spec.path in seen:
            builder.diag(
                "R116",
                WARNING,
                f"“{'/'.join(spec.row)}”出现了不止一次，只取第一次（{seen[spec.path].location.describe()}）",
                row.location,
                path=spec.path,
                template=builder.template,
            )
            continue
        seen[spec.path] = row
        _out_of_place(builder, row, "二")
        read_row(builder, spec, row)


def _out_of_place(builder: Builder, row: Row, section: str) -> None:
    start, end = _section_span(builder, section)
    if (start is not None and row.position < start) or (end is not None and row.position > end):
        builder.diag(
            "R120",
            INFO,
            f"“{'/'.join(row.spec.row) if row.spec else ''}”所在的表格不在“{section}、"
            f"{SECTION_TITLES[section]}”部分内",
            row.location,
        )


def _section_span(builder: Builder, section: str) -> tuple[int | None, int | None]:
    heading = builder.headings.get(section)
    if heading is None:
        return None, None
    later = [
        h.position
        for s, h in builder.headings.items()
        if SECTIONS.index(s) > SECTIONS.index(section)
    ]
    return heading.position, min(later) if later else None
