"""A report as Markdown (pipe tables) or plain text (tables drawn for a monospaced font).

The outline is :mod:`zfxxgk.outline`'s, the tables the grids of :mod:`zfxxgk.grids`:

- :func:`to_markdown` writes pipe tables (merged label cells repeated across their columns,
  merged value cells left empty, as Markdown has no spans);
- :func:`to_text` draws the tables in one of the styles of :mod:`zfxxgk.text_tables` — box
  drawing (the default), ASCII grid, aligned columns, pandoc's multiline table, or the layout
  of text copied from a web page (every cell on its own line indented by a tab).

Every rendering reads back to the same cells with :func:`zfxxgk.readers.read`.  Part of what
was ``zfxxgk.render`` (that name still imports).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from . import outline
from .grids import Grid, expand, table_grids
from .model import Report
from .text_tables import Style, draw

__all__ = ["to_markdown", "to_text"]


def to_markdown(report: Report) -> str:
    """The report as Markdown with pipe tables."""
    tables = table_grids(report)
    agency, title, date = outline.front_matter(report)
    parts = [*agency, f"# {title}", *date]
    for number, heading, text in outline.sections(report):
        parts.append(f"## {heading}")
        if number in tables:
            parts.append(_markdown_table(tables[number]))
        else:
            parts.extend(outline.paragraphs(text))
    return "\n\n".join(parts) + "\n"


def _markdown_table(grid: Grid) -> str:
    lines: list[str] = []
    for r, row in enumerate(expand(grid)):
        texts = [
            slot.cell.text if slot.origin or (slot.cell.label and slot.down == 0) else ""
            for slot in row
        ]
        lines.append("| " + " | ".join(_md_escape(t) for t in texts) + " |")
        if r == 0:
            lines.append("|" + "---|" * len(row))
    return "\n".join(lines)


def _md_escape(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", "<br>")


# --------------------------------------------------------------------------------------
# plain text (the seed's layout)
# --------------------------------------------------------------------------------------


def to_text(
    report: Report,
    *,
    style: Style = "box",
    wrap: int | None = 24,
    widths: Mapping[str, Sequence[int]] | None = None,
    right_align_values: bool = False,
) -> str:
    """The report as plain text, its tables drawn in *style* (:mod:`zfxxgk.text_tables`):
    ``box`` (default), ``ascii``, ``aligned``, ``pandoc`` or ``tabs`` (text copied from a
    web page: a cell per tab-indented line).  Label cells wrap at *wrap* display columns;
    *widths* maps 二, 三, 四 to least widths of the grid columns."""
    tables = table_grids(report)
    out = [*outline.front_lines(report), ""]
    for number, heading, text in outline.sections(report):
        out.append(heading)
        if number in tables:
            out.append("")  # a blank line around a table, as pandoc and text browsers print
            out.extend(
                draw(
                    tables[number],
                    style=style,
                    wrap=wrap,
                    widths=(widths or {}).get(number),
                    right_align_values=right_align_values,
                )
            )
            out.append("")
        else:
            out.extend(outline.paragraphs(text))
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
