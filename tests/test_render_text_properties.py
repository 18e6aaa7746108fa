"""The text reader reads back any text rendering of a report, cell for cell.

A report drawn by :mod:`zfxxgk.strategies` (blank cells, placeholders, large numbers) is
rendered as plain text in every style of :mod:`zfxxgk.render_text` — box drawing, ASCII grid,
aligned columns without rulers, pandoc's multiline table, tab-indented cells — with random
column widths, labels wrapped at a random width, numbers left or right aligned, and the
template's merged header and label cells; reading the text back must give the same cells:
the same values, blanks still blank, placeholders still placeholders.  This is what makes
the reader general rather than fitted to the corpus.
"""

from __future__ import annotations

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zfxxgk import render
from zfxxgk.cells import CellKind
from zfxxgk.model import Report
from zfxxgk.readers import read
from zfxxgk.render_text import STYLES
from zfxxgk.strategies import reports
from zfxxgk.template import iter_cells

from .fixtures.reports import cell_values
from .hypothesis_profiles import examples

_widths = st.dictionaries(
    st.sampled_from(["二", "三", "四"]),
    st.lists(st.integers(min_value=1, max_value=14), max_size=16),
)


@pytest.mark.parametrize("style", STYLES)
@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_every_text_style_reads_back_cell_for_cell(style: str, data: st.DataObject) -> None:
    report = data.draw(reports(blanks=True, placeholders=True, large=data.draw(st.booleans())))
    wrap = data.draw(st.none() | st.integers(min_value=4, max_value=40), label="wrap")
    widths = data.draw(_widths, label="widths")
    right = data.draw(st.booleans(), label="right_align_values")
    text = render.to_text(
        report,
        style=style,  # type: ignore[arg-type]
        wrap=wrap,
        widths=widths,
        right_align_values=right,
    )
    result = read(text.encode("utf-8"), name="report.txt")
    want, got = cell_values(report), cell_values(result.report)
    if style == "aligned":
        # Without rulers, a row printed with no number at all (every cell blank) is only its
        # label on a line — the same as a label wrapped away from its numbers: such a row
        # reads unread, never blank and never another row's numbers.
        for path in _all_blank_rows(report):
            if got[path][0] is CellKind.MISSING:
                got[path] = want[path]
    assert got == want, text
    assert result.report.info.template is report.info.template
    assert not [d for d in result.diagnostics if d.code in {"R170", "R171", "R172", "R173"}]


def _all_blank_rows(report: Report) -> set[str]:
    """The cells of the template rows of *report* whose every cell is blank."""
    rows: dict[tuple[str, ...], list[tuple[str, CellKind]]] = {}
    for spec, cell in iter_cells(report):
        rows.setdefault(spec.path[:-1], []).append((spec.dotted, cell.kind))
    return {
        path
        for cells in rows.values()
        if all(kind is CellKind.BLANK for _, kind in cells)
        for path, _ in cells
    }


@pytest.mark.parametrize("style", ["box", "ascii", "aligned", "pandoc"])
@settings(max_examples=examples(25), deadline=None)
@given(data=st.data())
def test_a_text_rendering_is_also_read_as_markdown(style: str, data: st.DataObject) -> None:
    """The same text saved as ``.md`` (where Markdown markup is taken off) reads the same."""
    report = data.draw(reports(blanks=True, placeholders=True))
    text = render.to_text(report, style=style)  # type: ignore[arg-type]
    back = read(text.encode("utf-8"), name="report.md").report
    want, got = cell_values(report), cell_values(back)
    if style == "aligned":  # the one limit of ruler-less tables, as in the test above
        for path in _all_blank_rows(report):
            if got[path][0] is CellKind.MISSING:
                got[path] = want[path]
    assert got == want


def test_the_narrative_survives_every_style() -> None:
    from .fixtures.reports import report_2021

    report = attrs.evolve(report_2021(), other_matters="本年度未收取信息处理费。")
    for style in STYLES:
        back = read(render.to_text(report, style=style).encode(), name="r.txt").report  # type: ignore[arg-type]
        assert back.other_matters == "本年度未收取信息处理费。", style
