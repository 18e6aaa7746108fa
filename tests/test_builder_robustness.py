"""Junk and hostile input to every entry point of the HTML and text readers and the builder:
the result is a report or one clear ZfxxgkError, never another exception, and never slow."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zfxxgk import render
from zfxxgk.errors import UnreadableDocumentError, ZfxxgkError
from zfxxgk.readers import html as html_reader
from zfxxgk.readers import read
from zfxxgk.readers import text as text_reader
from zfxxgk.template import FOOTNOTE

from .fixtures.reports import report_2021
from .hypothesis_profiles import examples

_PIECES = [
    "<table>", "</table>", "<tr>", "<td>", "</td>", '<td rowspan="3">', '<td colspan="99">',
    "<p>", "<br>", "一、总体情况", "第二十条第（一）项", "规章", "行政许可", "0", "12", " ",
    "\t", "\n", "|", "|---|", "- 4 -", FOOTNOTE, "一、本年新收政府信息公开申请数量", "结果维持",
    "总计", "/", "无", "&nbsp;", "政府信息公开",
]  # fmt: skip
_report_like = st.lists(st.sampled_from(_PIECES), max_size=80).map("".join)


def _read_or_refuse(data: bytes, name: str) -> None:
    """A report, or a ZfxxgkError with a message: nothing else."""
    _refusal_or_result(lambda: read(data, name=name).report)


def _refusal_or_result(call: Callable[[], object]) -> None:
    try:
        result = call()
    except ZfxxgkError as exc:
        refusal: ZfxxgkError | None = exc
    else:
        refusal = None
        assert result is not None
    assert refusal is None or refusal.message


@settings(max_examples=examples(60), deadline=None)
@given(st.binary(max_size=2000))
def test_random_bytes(data: bytes) -> None:
    for name in ("x.html", "x.txt", "x.md"):
        _read_or_refuse(data, name)


@settings(max_examples=examples(80), deadline=None)
@given(_report_like)
def test_report_like_fragments(text: str) -> None:
    for name in ("x.html", "x.txt"):
        _read_or_refuse(text.encode("utf-8"), name)
    data = text.encode("utf-8")
    _refusal_or_result(lambda: html_reader.read(data, source=None))
    _refusal_or_result(lambda: text_reader.read(data, source=None))


@settings(max_examples=examples(40), deadline=None)
@given(st.data())
def test_a_real_rendering_cut_anywhere(data: st.DataObject) -> None:
    page = render.to_html(report_2021())
    cut = data.draw(st.integers(0, len(page)))
    _read_or_refuse(page[:cut].encode("utf-8"), "x.html")
    text = render.to_text(report_2021(), style="tabs")
    cut = data.draw(st.integers(0, len(text)))
    _read_or_refuse(text[:cut].encode("utf-8"), "x.txt")


HOSTILE_SHAPES: dict[str, tuple[bytes, str]] = {
    "deep-divs": (b"<div>" * 20000 + b"x" + b"</div>" * 20000, "deep.html"),
    "nested-tables": (
        b"<table><tr><td>" * 3000 + b"x" + b"</td></tr></table>" * 3000,
        "nested.html",
    ),
    "long-line": (("行政许可 " + "1 " * 200000).encode(), "long.txt"),
    "wide-markdown": (("|" + " 1 |" * 5000 + "\n").encode() * 100, "wide.md"),
    "tab-cells": (b"\t1\n" * 100000, "tabs.txt"),
    "long-label": (("一" * 100000 + " 1").encode(), "label.txt"),
}
"""Inputs shaped to make a reader work hard: (bytes, file name) by name; timed in
benchmarks/bench_hostile.py."""


@pytest.mark.parametrize(("data", "name"), HOSTILE_SHAPES.values(), ids=HOSTILE_SHAPES.keys())
def test_hostile_shapes_are_read_or_refused(data: bytes, name: str, hang_guard: None) -> None:
    # how fast: benchmarks/bench_hostile.py (a ratio to reading a normal report)
    _read_or_refuse(data, name)


def test_too_many_merged_positions_are_refused() -> None:
    row = '<tr><td rowspan="5000" colspan="256">a</td><td rowspan="5000" colspan="256">b</td></tr>'
    page = "<table>" + row + "<tr><td>c</td></tr>" * 4999 + "</table>"
    with pytest.raises(UnreadableDocumentError) as info:
        html_reader.read(page.encode(), source="spans.html")
    assert "合并单元格" in info.value.message
    assert html_reader.MAX_SPANNED < 5000 * 256 * 2


def test_wide_rows_are_cut_to_the_limit() -> None:
    document = text_reader.read((("|" + " 1 |" * 5000) + "\n").encode(), source=None)
    (table,) = document.blocks
    assert max(len(row) for row in table.rows) == text_reader.MAX_CELLS  # type: ignore[union-attr]
