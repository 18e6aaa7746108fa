"""Issue 15, findings 1 and 4: a cell holds one number or says why not.

A printed number followed by a footnote marker (``440①``, ``440¹``, ``440*``, ``440注1``,
``440[1]``, ``440（注1）``) is the number, with the marker kept in the printed text and a
note naming it; two numbers in one cell (``440 1``, ``217 218``) are never glued into one:
the cell is text and the checks say so (``CELL-TEXT``).  A number of absurd size is text
(``数字位数过多``), never Python's own ``ValueError`` out of :func:`zfxxgk.read`.

The reports are the library's own renderings of a sample report with one cell changed; no
corpus file is copied.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zfxxgk import cli, read, render
from zfxxgk.cells import MAX_DIGITS, Cell, CellKind, ValueKind, parse_cell
from zfxxgk.template import iter_cells

from .fixtures.reports import report_2021

FOOTNOTED = ["440①", "440¹", "440₁", "440⑴", "440*", "440※", "440注1", "440[1]", "440（注1）"]
"""A number and a footnote marker: the number is 440."""
TWO_NUMBERS = ["440 1", "217 218", "1 234", "0 0", "440\u30001", "12元3角"]
"""Two numbers (or a number split by a space) in one cell: not a number."""
WRAPPED = {"2\n648": 2648, "8\n2\n1": 821, "75394\n432.52元": Decimal("75394432.52"), "1\r\n 3": 13}
"""A number a narrow column wrapped (PDF, pandoc): one number, with a note."""

PENALTIES = "proactive.penalties.decisions"
"""The cell the reports below change (二, 第二十条第（六）项, 行政处罚), 1092 in the sample."""


# --------------------------------------------------------------------------------------
# the parser
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", FOOTNOTED)
@pytest.mark.parametrize("kind", [ValueKind.COUNT, ValueKind.MONEY])
def test_a_footnote_marker_is_not_a_digit(text: str, kind: ValueKind) -> None:
    cell, why = parse_cell(text, kind)
    assert cell.kind is CellKind.NUMBER
    assert cell.value == 440
    assert cell.raw == text  # the printed text is kept
    assert why is not None and "注释标记" in why
    marker = text.removeprefix("440")
    assert marker in why or marker.replace("（", "(").replace("）", ")") in why


@pytest.mark.parametrize("text", TWO_NUMBERS)
def test_two_numbers_are_not_one(text: str) -> None:
    cell, why = parse_cell(text)
    assert cell.kind is CellKind.TEXT
    assert cell.value is None
    assert cell.raw == text.strip()
    assert why is not None and "不作为数字读取" in why


@pytest.mark.parametrize("text", WRAPPED)
def test_a_line_break_inside_a_number_is_a_wrap(text: str) -> None:
    cell, why = parse_cell(text, ValueKind.MONEY)
    assert cell.value == WRAPPED[text]
    assert cell.raw == text.strip()
    assert why is not None and "跨行印出" in why and "\n" not in why


def test_a_space_in_groups_of_three_names_both_readings() -> None:
    _, why = parse_cell("1 234")
    assert why is not None and "千位分隔的1234" in why and "两个数" in why


@pytest.mark.parametrize(
    ("text", "value"),
    [("22（其中修订16件）", 22), ("12 元", 12), ("１２", 12), ("1,234", 1234), ("- 5", -5)],
)
def test_what_is_still_one_number(text: str, value: int) -> None:
    cell, _ = parse_cell(text, ValueKind.SIGNED_COUNT)
    assert cell.value == value


def test_a_marker_before_the_number_is_not_read_as_digits() -> None:
    cell, why = parse_cell("①440")
    assert cell.value is None and why is not None


def test_the_digit_bound() -> None:
    assert parse_cell("9" * MAX_DIGITS)[0].value == int("9" * MAX_DIGITS)
    assert parse_cell("9" * (MAX_DIGITS - 2) + ".5", ValueKind.MONEY)[0].value == Decimal(
        "9" * (MAX_DIGITS - 2) + ".5"
    )
    for text in ("9" * (MAX_DIGITS + 1), "1" * 5000, "１" * 5000, "0." + "1" * 5000):
        for kind in ValueKind:
            cell, why = parse_cell(text, kind)
            assert cell.kind is CellKind.TEXT
            assert why is not None and "数字位数过多" in why
            assert len(why) < 100  # the message shows the start of the text, not all of it


# Decorations that can follow a printed number.  Not among them: a digit of any width, a
# decimal point or a comma right after the number, which are part of it.
_PIECES = [
    *"①②⑩⑳㉑¹²³⁰₁₂⑴⑵⒈⒉㈠❶*＊※#†‡△▲☆★a注",
    "注1",
    "注12",
    "[1]",
    "［2］",
    "【3】",
    "(1)",
    "（注1）",
    "（其中修订16件）",
    "元",
    "万元",
    "件",
    " ",
    "\u3000",
    "\xa0",
    "\n",
    " 1",
    " 218",
    " 234",
    "/",
    "-",
    "-1",
    "%",
]
_decoration = st.lists(st.sampled_from(_PIECES), min_size=1, max_size=4).map("".join)


def _printed(n: int, style: str) -> str:
    if style == "commas":
        return f"{n:,}"
    if style == "wide":
        return "".join(chr(ord(c) + 0xFEE0) for c in str(n))
    return str(n)


@given(
    n=st.integers(0, 10**MAX_DIGITS - 1),
    style=st.sampled_from(["plain", "commas", "wide"]),
    decoration=_decoration,
    kind=st.sampled_from(list(ValueKind)),
)
def test_a_number_and_a_decoration_never_read_as_another_number(
    n: int, style: str, decoration: str, kind: ValueKind
) -> None:
    """No number followed by a decoration reads as a different number (with or without a
    note: digits on one line are never glued; a line break inside a number is a wrap, said
    in the note); a number read from a decorated cell comes with a note unless the
    decoration is only spaces or the unit."""
    text = _printed(n, style) + decoration
    cell, why = parse_cell(text, kind)
    if "\n" in decoration and cell.value not in (None, n):
        assert why is not None and "跨行印出" in why, text
    else:
        assert cell.value is None or cell.value == n, (text, cell)
    if cell.value is not None and decoration.strip() not in ("", "元", "万元"):
        assert why is not None, text
    if cell.value is None:
        assert why is not None, text


@given(
    n=st.integers(0, 10**MAX_DIGITS - 1),
    decoration=_decoration.filter(lambda d: d.strip(" \u3000\xa0\n") != ""),
)
def test_a_decoration_before_a_number_never_reads_silently(n: int, decoration: str) -> None:
    cell, why = parse_cell(decoration + str(n))
    assert cell.value is None or cell.value == n or why is not None, (decoration, cell)


@given(st.text(max_size=60), st.sampled_from(list(ValueKind)))
def test_any_text_reads_without_raising(text: str, kind: ValueKind) -> None:
    cell, why = parse_cell(text, kind)
    if cell.kind is CellKind.TEXT:
        assert why is not None


# --------------------------------------------------------------------------------------
# through zfxxgk.read: an HTML page and a text report
# --------------------------------------------------------------------------------------


def _report_with(tmp_path: Path, printed: str, suffix: str) -> Path:
    """The sample report rendered as HTML or text, with the 行政处罚 cell (1092) printed as
    *printed*."""
    path = tmp_path / f"report{suffix}"
    if suffix == ".html":
        page = render.to_html(report_2021(), page=True)
        old = '<td colspan="3">1092</td>'
        assert page.count(old) == 1
        path.write_text(page.replace(old, f'<td colspan="3">{printed}</td>'), encoding="utf-8")
    else:
        text = render.to_text(report_2021())
        assert text.count(" 1092 ") == 1
        one_line = printed.replace("\n", " ")
        width = len(" 1092 ") + 1  # keep the column's width: padding eats the difference
        path.write_text(text.replace(" 1092 ", f" {one_line} ".ljust(width - 1)), encoding="utf-8")
    return path


def _penalties(path: Path) -> tuple[Cell, list[str]]:
    result = read(path)
    cells = {spec.dotted: cell for spec, cell in iter_cells(result.report)}
    messages = [
        f"{d.code} {d.message}"
        for d in result.diagnostics
        if d.path == PENALTIES and d.location is not None  # where it was printed
    ]
    return cells[PENALTIES], messages


@pytest.mark.parametrize("suffix", [".html", ".txt"])
@pytest.mark.parametrize("printed", FOOTNOTED)
def test_a_footnoted_cell_reads_as_its_number_with_a_diagnostic(
    tmp_path: Path, printed: str, suffix: str
) -> None:
    cell, messages = _penalties(_report_with(tmp_path, printed, suffix))
    assert cell.kind is CellKind.NUMBER and cell.value == 440
    assert any(m.startswith("R104") and "注释标记" in m for m in messages), messages


@pytest.mark.parametrize("suffix", [".html", ".txt"])
@pytest.mark.parametrize("printed", ["440 1", "217 218", "1 234"])
def test_two_numbers_in_a_cell_read_as_text_with_a_diagnostic(
    tmp_path: Path, printed: str, suffix: str
) -> None:
    cell, messages = _penalties(_report_with(tmp_path, printed, suffix))
    assert cell.kind is CellKind.TEXT
    assert any(m.startswith("R105") and printed in m for m in messages), messages


@pytest.mark.parametrize("suffix", [".html", ".txt"])
def test_a_cell_of_5000_digits_reads(tmp_path: Path, suffix: str) -> None:
    cell, messages = _penalties(_report_with(tmp_path, "4" * 5000, suffix))
    assert cell.kind is CellKind.TEXT
    assert any("数字位数过多" in m for m in messages), messages


@pytest.mark.parametrize("style", ["aligned", "pandoc", "tabs", "ascii", "markdown"])
@pytest.mark.parametrize("printed", ["440①", "440注1", "440 1", "217 218"])
def test_every_text_style(tmp_path: Path, printed: str, style: str) -> None:
    """Text drawn every way the library draws it (and Markdown): a footnoted cell is 440; two
    numbers are text, or, where one space parts the columns of a row (``aligned``), a row of
    one value too many, which is not read (R111) — never one glued number."""
    report = report_2021()
    if style == "markdown":
        text, path = render.to_markdown(report), tmp_path / "report.md"
    else:
        text, path = render.to_text(report, style=style), tmp_path / "report.txt"  # type: ignore[arg-type]
    assert text.count("1092") == 1
    path.write_text(text.replace("1092", printed), encoding="utf-8")
    result = read(path)
    cell = {spec.dotted: cell for spec, cell in iter_cells(result.report)}[PENALTIES]
    codes = {d.code for d in result.diagnostics if d.path == PENALTIES}
    if printed.startswith("440") and " " not in printed:
        assert (cell.value, codes) == (440, {"R104"})
    elif style == "aligned":
        assert cell.is_unknown and any(d.code == "R111" for d in result.diagnostics)
    else:
        assert (cell.kind, codes) == (CellKind.TEXT, {"R105"})


# --------------------------------------------------------------------------------------
# zfxxgk check --fail-on info
# --------------------------------------------------------------------------------------


def _check_json(capsys: pytest.CaptureFixture[str], path: Path, *more: str) -> tuple[int, Any]:
    code = cli.main(["check", "--fail-on", "info", "-f", "json", *more, str(path)])
    return code, json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("printed", ["440 1", "217 218", "4" * 5000])
def test_check_fails_on_two_numbers_in_a_cell(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], printed: str
) -> None:
    code, document = _check_json(capsys, _report_with(tmp_path, printed, ".html"))
    assert code == cli.EXIT_FINDINGS
    (report,) = document["reports"]
    assert any(f["code"] == "CELL-TEXT" and f["path"] == PENALTIES for f in report["findings"]), (
        report["findings"]
    )


def test_check_names_a_footnote_marker(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The value is right (440, so no check fails), and the reading says what it left
    out: a diagnostic in the JSON document and in ``check -v``."""
    path = _report_with(tmp_path, "440①", ".html")
    code, document = _check_json(capsys, path)
    (report,) = document["reports"]
    assert report["diagnostics"] >= 1
    assert cli.main(["check", "--fail-on", "info", "-v", "--color", "never", str(path)]) == code
    out = capsys.readouterr().out
    assert "R104" in out and "“440①”中数字440后的“①”是注释标记" in out
    assert cli.main(["export", "--format", "json", str(path)]) == 0
    (exported,) = [r for r in json.loads(capsys.readouterr().out) if r["path"] == PENALTIES]
    assert exported["value"] == 440 and exported["raw"] == "440①"  # a JSON number
