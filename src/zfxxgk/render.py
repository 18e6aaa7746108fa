"""Render a report as HTML, Markdown or plain text: moved, and this name still imports.

HTML is :mod:`zfxxgk.html_report`, Markdown and plain text :mod:`zfxxgk.text_report`, the
title, front matter and headings :mod:`zfxxgk.outline`, the grids of the standard tables
:mod:`zfxxgk.grids`.
"""

from __future__ import annotations

from .grids import Grid, GridCell, section_grid, section_number, table_grids
from .html_report import STYLE as STYLE
from .html_report import html_table, to_html, to_standalone_html
from .outline import describe, front_matter
from .text_report import to_markdown, to_text
from .text_tables import STYLES
from .text_tables import Style as Style

__all__ = [
    "STYLES",
    "Grid",
    "GridCell",
    "describe",
    "front_matter",
    "html_table",
    "section_grid",
    "section_number",
    "table_grids",
    "to_html",
    "to_markdown",
    "to_standalone_html",
    "to_text",
]
