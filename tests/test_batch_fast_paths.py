"""The short cuts of the batch path give what the long ways give: a plain pipe row split
without the pattern, a text with nothing to clean cleaned inline, the completeness counted in
one call, and a report's summary without how it was printed (issue 17)."""

from __future__ import annotations

import pickle
import random
from pathlib import Path

from zfxxgk import render
from zfxxgk.batch import read_one
from zfxxgk.cells import Cell, CellKind
from zfxxgk.completeness import Completeness, completeness
from zfxxgk.readers import _markdown as md
from zfxxgk.readers import _textlines as tl
from zfxxgk.readers import read
from zfxxgk.readers.text import read as read_text
from zfxxgk.template import iter_cells, replace_at

from .fixtures.reports import report_2019, report_2021

_PIECES = [" ", "  ", "\t", "\u3000", "\u00a0", "|", "|", "a", "规章", "12", "-", ":", "\n"]


def _random_text(rng: random.Random, alphabet: list[str], longest: int) -> str:
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(0, longest)))


def test_a_plain_pipe_row_is_split_as_the_pattern_splits_it() -> None:
    rng = random.Random(17)
    tried = 0
    for _ in range(20_000):
        row = _random_text(rng, _PIECES, 16)
        if "|" not in row:
            continue
        tried += 1
        assert md._split_plain(row) == md._split_escaped(row), repr(row)
    assert tried > 10_000
    widest = "|" + "x|" * (md.MAX_CELLS + 5)
    assert md._split_plain(widest) == md._split_escaped(widest)
    assert len(md._split_plain(widest)) == md.MAX_CELLS


def test_an_escaped_pipe_or_a_break_still_takes_the_pattern() -> None:
    assert md._split_pipes(r"| a \| b | c<br>d |") == [("a | b", 2), ("c\nd", 11)]


def _cleaned_line_by_line(text: str) -> list[tl.Line]:
    """clean_lines as it was: :func:`clean` called for every line."""
    odd = tl._ZERO_WIDTH.search(text) is not None or tl._SPACES.search(text) is not None
    controls = tl._OTHER_CONTROL.search(text) is not None
    lines: list[tl.Line] = []
    page = 1
    for number, piece in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1):
        if "\f" in piece:
            page += piece.count("\f")
            piece = piece.replace("\f", "")
        cleaned = tl.clean(piece, odd=odd, controls=controls)
        if cleaned and tl.is_page_number(cleaned):
            continue
        lines.append(tl.Line(number, cleaned, page))
    return tl._without_running_lines(lines) if page > 2 else lines


def test_a_text_with_nothing_to_clean_is_cleaned_as_line_by_line() -> None:
    rng = random.Random(7)
    alphabet = [" ", "\t", "\r", "\v", "\f", "\n", "a", "1", "-", "第", "页", "/", "\u3000"]
    for _ in range(5_000):
        text = _random_text(rng, alphabet, 30)
        assert tl.clean_lines(text) == _cleaned_line_by_line(text), repr(text)
    noisy = "a\x1b[1mb\x1b[0m \n\u00a0c\u200b\n d\x08d\n"
    assert tl.clean_lines(noisy) == _cleaned_line_by_line(noisy)


def _counted_cell_by_cell(report_cells: list[tuple[str, Cell]]) -> Completeness:
    unread = [path for path, cell in report_cells if cell.kind is CellKind.UNREAD]
    missing = sum(cell.kind is CellKind.MISSING for _, cell in report_cells)
    return Completeness(
        expected=len(report_cells),
        read=len(report_cells) - len(unread) - missing,
        unread=len(unread),
        not_printed=missing,
        unread_paths=tuple(unread),
    )


def test_completeness_counts_as_cell_by_cell() -> None:
    report = replace_at(report_2021(), "appeals.review.total", Cell.unread())
    report = replace_at(report, "proactive.regulations.repealed", Cell.missing())
    for one in (report, report_2019(), report_2021()):
        cells = [(spec.dotted, cell) for spec, cell in iter_cells(one)]
        found = completeness(one)
        assert found == _counted_cell_by_cell(cells)
        assert found.unread_paths == _counted_cell_by_cell(cells).unread_paths
    assert completeness(report).unread_paths == ("appeals.review.total",)
    assert completeness(report).not_printed == 1


def test_markdown_cells_keep_their_markup_stripped() -> None:
    data = "| **规章** | `5` |\n|---|---|\n| [规范性文件]{.x} | 1 |\n".encode()
    table = read_text(data, source="t.md").blocks[0]
    assert [[c.text for c in row] for row in table.grid] == [["规章", "5"], ["规范性文件", "1"]]


def test_a_summary_leaves_out_how_the_report_was_printed(tmp_path: Path) -> None:
    path = tmp_path / "r.md"
    path.write_text(render.to_markdown(report_2021()), "utf-8")
    whole = read(path)
    assert whole.report.info.printed is not None
    item = read_one(path, keep_report=False, keep_provenance=False)
    assert item.summary is not None and item.summary.info.printed is None
    assert item.summary.info == whole.report.info
    kept = read_one(path)
    assert kept.result is not None and kept.result.report.info.printed is not None
    assert len(pickle.dumps(item.summary)) < 1000  # 5 KB and more with the printed form
