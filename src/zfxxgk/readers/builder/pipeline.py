"""The builder's stages, in the order they run: find the sections → match the rows →
place the cells → collect the diagnostics (and the report)."""

from __future__ import annotations

from .._remember import new_build
from ..document import Document
from ..labels import label_index
from ..result import ParseResult
from ..sections import find_headings, printed_headings
from .appeals import read_appeals
from .assemble import result
from .headings import heading_diagnostics, section_texts
from .items import Row
from .no_tables import without_tables
from .place import plausible
from .proactive import read_proactive
from .requests import read_requests
from .rows import analyse
from .shape import all_texts, find_template, other_single
from .state import Builder

__all__ = ["build"]


def build(document: Document) -> ParseResult:
    """Build the report from a neutral document (stage two; format-agnostic)."""
    new_build()  # long paragraphs are remembered for this build only
    builder = Builder(document)
    # find the sections: the template and its shape, the section headings
    texts = list(all_texts(builder))
    template = find_template(builder, texts)
    texts_of_paragraphs = [(p, block.text) for p, block in builder.paragraphs]
    headings = find_headings(texts_of_paragraphs)
    single = other_single(builder, template)
    # match the rows: every table row against the template's labels
    items = analyse(builder, label_index(template, other_single=single))
    rows = [i for i in items if isinstance(i, Row)]
    found = any(r.kind == "anchor" and r.spec is not None and plausible(r, r.spec) for r in rows)
    if not found:
        return without_tables(builder, template, headings)
    builder.template = template
    builder.other_single = single
    builder.headings = headings
    builder.printed = printed_headings(texts_of_paragraphs, headings)
    # place the cells: section 二 by label, 三 in template order, 四 as 15 numbers
    read_proactive(builder, rows)
    last3 = read_requests(builder, items, rows)
    read_appeals(builder, items, rows, last3)
    # collect the diagnostics about headings, the text sections, and the report
    heading_diagnostics(builder, headings)
    narrative = section_texts(builder, items, headings)
    return result(builder, narrative, headings)
