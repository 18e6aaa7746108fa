"""Must show (issue 14): over the whole ``../shared/corpus``, every cell that
``score_corpus.py`` counts as *missing* (in ``cells.csv`` but not exported, or exported with
``status`` ``unread``) is unknown in the model, shows as unknown in ``export``, ``convert``,
``to_dataframe()``, ``series`` and ``compare``, and never takes part in a comparison as 0.

Each case is read once (about 10 s for the corpus); the outputs are made from the reports read.
"""

from __future__ import annotations

import csv
import functools
import io
import itertools
import json
import re
from pathlib import Path
from typing import Any

import pytest

from zfxxgk.cells import Amount, Cell, Number
from zfxxgk.cli import main
from zfxxgk.convert import convert
from zfxxgk.errors import Pre2019ReportError
from zfxxgk.grids import UNKNOWN_MARK, table_grids
from zfxxgk.model import Report, Template
from zfxxgk.readers import ParseResult, read
from zfxxgk.records import cell_records as export_records
from zfxxgk.records import change_records, write_csv
from zfxxgk.review import SERIES_COLUMNS, check_series
from zfxxgk.rules import RuleSet
from zfxxgk.template import CellSpec, iter_cells, replace_at

from .corpus_truth import CORPUS, SKIP_REASON, cases_with_cells, corpus_available

pytestmark = pytest.mark.skipif(not corpus_available(), reason=SKIP_REASON)

Key = tuple[str, str, str]
UNREAD = {"unread", "unknown", "missing"}  # score_corpus.py: a status that means "not exported"
CRAWLTEXT = [f"pingtan-{year}-crawltext" for year in range(2019, 2026)]


def _source(case: str) -> Path:
    return sorted(p for p in (CORPUS / case).glob("source.*") if p.is_file())[0]


@functools.cache
def _read(case: str) -> ParseResult | None:
    try:
        return read(_source(case))
    except Pre2019ReportError:
        return None


def _truth(case: str) -> set[Key]:
    with (CORPUS / case / "cells.csv").open(encoding="utf-8", newline="") as handle:
        return {(r["section"], r["row"], r["column"]) for r in csv.DictReader(handle)}


def _export_csv(report: Report) -> list[dict[str, str]]:
    """What ``zfxxgk export --format csv`` prints for the report, read back as score_corpus
    reads it."""
    out = io.StringIO()
    from zfxxgk.records import CELL_COLUMNS

    write_csv(export_records(report, file="x"), CELL_COLUMNS, out)
    return list(csv.DictReader(io.StringIO(out.getvalue())))


def _score_missing(case: str, rows: list[dict[str, str]]) -> set[Key]:
    """The cells score_corpus.py counts as missing for this case."""
    exported = {
        (r["section"], r["row"], r["column"])
        for r in rows
        if (r.get("status") or "").strip().lower() not in UNREAD
    }
    return _truth(case) - exported


def _specs(report: Report) -> dict[Key, tuple[CellSpec, Cell]]:
    return {(s.section, s.row_label, s.column): (s, c) for s, c in iter_cells(report)}


@functools.cache
def _missing(case: str) -> tuple[tuple[CellSpec, Cell], ...]:
    """The model's (spec, cell) of every cell score_corpus counts as missing."""
    result = _read(case)
    if result is None:
        return ()
    specs = _specs(result.report)
    keys = _score_missing(case, _export_csv(result.report))
    assert keys <= specs.keys(), sorted(keys - specs.keys())  # never a cell outside the model
    return tuple(specs[k] for k in sorted(keys))


CASES = cases_with_cells()


def test_the_corpus_has_unknown_cells_to_show() -> None:
    """The test below would be empty without them: the 平潭 crawled texts have 80."""
    assert sum(len(_missing(case)) for case in CASES) == 80


@pytest.mark.parametrize("case", CASES)
def test_every_cell_scored_missing_is_unknown_everywhere(case: str) -> None:
    result = _read(case)
    if result is None:
        pytest.skip(f"{case} is a pre-2019 report: nothing to read (E105)")
    report = result.report
    missing = _missing(case)
    paths = {spec.dotted for spec, _ in missing}
    # the model: unknown, with no value
    for spec, cell in missing:
        assert cell.is_unknown and cell.value is None, spec.dotted
    # export: present, empty value, status unread/missing (never an empty status = blank)
    rows = {r["path"]: r for r in _export_csv(report)}
    for spec, cell in missing:
        row = rows[spec.dotted]
        assert row["value"] == "" and row["status"] == cell.kind.value, row
    assert all(r["status"] == "" for p, r in rows.items() if p not in paths)
    # convert: JSON keeps the kind; every drawn table (text, Markdown, HTML, DOCX) shows 未读取
    document = json.loads(convert(report, "json").text or "")
    for spec, cell in missing:
        node: Any = document["report"]
        for name in spec.path:
            node = node[name]
        assert node == {"kind": cell.kind.value}, spec.dotted
    drawn = {
        c.path: c for grid in table_grids(report).values() for row in grid for c in row if c.path
    }
    for spec, cell in missing:
        assert drawn[spec.dotted].text == UNKNOWN_MARK and drawn[spec.dotted].unknown is cell.kind
    assert all(drawn[p].text != UNKNOWN_MARK for p in drawn if p not in paths)
    for to in ("markdown", "text"):
        assert (convert(report, to).text or "").count(UNKNOWN_MARK) == len(missing)
    page = convert(report, "html").text or ""
    for spec, cell in missing:
        td = re.search(
            rf'<td[^>]* class="([^"]*)" data-path="{re.escape(spec.dotted)}"([^>]*)>([^<]*)<', page
        )
        assert td is not None, spec.dotted
        assert "zfxxgk-unknown" in td[1].split() and td[3] == UNKNOWN_MARK
        assert f'data-kind="{cell.kind.value}"' in td[2] and "原文有此格，但未能读取" in td[2]
    # to_dataframe(): value NA (not 0) and the status
    pd = pytest.importorskip("pandas", reason="to_dataframe needs the pandas extra")
    frame = result.to_dataframe().set_index("path")
    for spec, cell in missing:
        assert pd.isna(frame.loc[spec.dotted, "value"])
        assert frame.loc[spec.dotted, "status"] == cell.kind.value
    assert frame.attrs["completeness"]["unread"] == len(missing)


# --------------------------------------------------------------------------------------
# series and compare over the 平潭 crawled texts (2019–2025), where all 80 are
# --------------------------------------------------------------------------------------

_SUMMED = {
    "new": ("requests", "new"),
    "carried_over": ("requests", "carried_over"),
    "handled": ("requests", "outcomes", "total"),
    "carried_forward": ("requests", "carried_forward"),
    "reviews": ("appeals", "review"),
    "lawsuits": ("appeals", "lawsuit_"),
    "normative_in_force": ("proactive", "normative_documents", "in_force"),
}
"""The cells each number of the series table is made of (path prefixes)."""


def _crawled() -> list[ParseResult]:
    results = [_read(case) for case in CRAWLTEXT]
    assert all(r is not None for r in results)
    return [r for r in results if r is not None]


def _unknown_paths(report: Report) -> set[str]:
    return {spec.dotted for spec, cell in iter_cells(report) if cell.is_unknown}


def test_series_shows_every_unknown_cell_as_unknown_never_0(
    capsys: pytest.CaptureFixture[str],
) -> None:
    results = _crawled()
    series = check_series(results)
    rows = {row["year"]: row for row in series.rows()}
    touched = 0
    for result in results:
        row = rows[result.report.info.year]
        unknown = _unknown_paths(result.report)
        assert row["cells_unread"] == len(unknown) and row["completeness"] < 1
        for column, prefix in _SUMMED.items():
            hit = any(p.startswith(".".join(prefix)) for p in unknown)
            touched += hit
            if hit:
                assert row[column] is None and column in row["unknown"], (column, row)
            else:
                assert column not in row["unknown"], (column, row)
    assert touched >= 9  # 行政诉讼 2021/2022/2024, 行政复议 2025, 现行有效 2021–2025
    # the command: JSON null (never 0), CSV empty with the column named, text "—"
    paths = [str(_source(case)) for case in CRAWLTEXT]
    # read in part: the run does not pass as checked (--min-complete), and says so
    assert main(["series", "--one-agency", "--format", "json", *paths]) == 1
    (data,) = json.loads(capsys.readouterr().out)
    for got in data["rows"]:
        for column in got["unknown"]:
            assert got[column] is None
        assert got["completeness"] == rows[got["year"]]["completeness"]
    assert main(["series", "--one-agency", "--format", "csv", *paths]) == 1
    for got in csv.DictReader(io.StringIO(capsys.readouterr().out)):
        for column in got["unknown"].split():
            assert got[column] == "", got
    assert main(["series", "--one-agency", *paths]) == 1
    text = capsys.readouterr().out.splitlines()
    header = text[1].split()
    lawsuits = header.index(SERIES_COLUMNS["lawsuits"])
    by_year = {line.split()[0]: line.split() for line in text[2:9]}
    assert [by_year[y][lawsuits] for y in ("2021", "2022", "2024")] == ["—"] * 3
    assert by_year["2021"][-1] == "93.5%"  # completeness, last column


def test_compare_shows_every_unknown_cell_as_unknown(capsys: pytest.CaptureFixture[str]) -> None:
    results = _crawled()
    for old, new in itertools.pairwise(results):
        records = {r["path"]: r for r in change_records(old.report, new.report)}
        for side, result in (("old", old), ("new", new)):
            for path in _unknown_paths(result.report):
                record = records[path]
                assert record[side] == "" and record[f"{side}_status"] == "unread", record
                assert record["change"] == ""
    old_path, new_path = (str(_source(c)) for c in CRAWLTEXT[2:4])
    # read in part: the run does not pass as checked (--min-complete), and says so
    assert main(["compare", "-f", "json", old_path, new_path]) == 1
    document = json.loads(capsys.readouterr().out)
    assert document["old"]["completeness"]["unread"] == 13
    assert document["new"]["completeness"]["unread"] == 13
    unread = [c for c in document["changes"] if c["new_status"] == "unread"]
    assert len(unread) == 13 and all(c["new"] == "" and c["change"] == "" for c in unread)
    assert main(["compare", old_path, new_path]) == 1
    out = capsys.readouterr().out
    assert "13 个原文有但未能读取" in out and "无法比较的单元格（13 格" in out
    lawsuit = [line for line in out.splitlines() if line.endswith("未经复议直接起诉/总计")]
    assert lawsuit and lawsuit[0].split()[:2] == [UNKNOWN_MARK, UNKNOWN_MARK]


# --------------------------------------------------------------------------------------
# never in a comparison as 0
# --------------------------------------------------------------------------------------


class _Guard:
    """What ``Cell.number_or_zero`` was called on while :func:`no_unknown_as_zero` is on, and
    how many cells the checks took through ``Cell.amount`` (which keeps unknown unknown)."""

    def __init__(self) -> None:
        self.known = 0
        self.unknown: list[str] = []
        self.amounts = 0


@pytest.fixture
def no_unknown_as_zero(monkeypatch: pytest.MonkeyPatch) -> _Guard:
    """Watch ``Cell.number_or_zero``: a call on an unknown cell is recorded (and raises, in
    case the caller would go on with the 0).  The rule engine turns a rule that raises into
    a finding of its own, so the test asserts on the record, not on the exception."""
    original = Cell.number_or_zero
    guard = _Guard()

    def guarded(self: Cell) -> Number:
        if self.is_unknown:
            guard.unknown.append(repr(self))
            raise AssertionError(f"an unknown cell ({self!r}) was used as 0")
        guard.known += 1
        return original(self)

    original_amount = Cell.amount

    def counted(self: Cell) -> Amount:
        guard.amounts += 1
        return original_amount(self)

    monkeypatch.setattr(Cell, "number_or_zero", guarded)
    monkeypatch.setattr(Cell, "amount", counted)
    return guard


def _with(report: Report, path: str, cell: Cell) -> Report:
    return replace_at(report, path, cell)


def test_no_pair_or_series_check_uses_an_unknown_cell_as_0(
    no_unknown_as_zero: _Guard,
) -> None:
    results = _crawled()
    rules = RuleSet.default()
    series = check_series(results, rules=rules)
    for old, new in itertools.pairwise(results):
        rules.check_pair(old.report, new.report)
        list(change_records(old.report, new.report, include_unchanged=True))
    assert len(series.steps) == 6
    # a check would fire if it took an unknown cell as 0: the known side of each comparison
    # is made non-zero (7) in a copy — 现行有效 (PAIR-DOCUMENT-STOCK) and a carry-over column
    for old, new in itertools.pairwise(results):
        before = old.report
        after = new.report
        if before.info.template is Template.V2021:
            for name in ("issued", "repealed", "in_force"):
                before = _with(before, f"proactive.normative_documents.{name}", Cell.of(7))
        after = _with(after, "requests.carried_over.natural_person", Cell.unread())
        before = _with(before, "requests.carried_forward.natural_person", Cell.of(7))
        unknown = _unknown_paths(after)
        if after.info.template is Template.V2021:
            assert "proactive.normative_documents.in_force" in unknown
        steps = check_series([before, after], rules=rules).steps
        (step,) = steps
        for finding in step.findings:  # only UNCHECKED ("could not be checked") names them
            assert finding.code == "UNCHECKED" or finding.path not in unknown, finding
        unchecked = {f.path for f in step.findings if f.code == "UNCHECKED"}
        assert "requests.carried_over.natural_person" in unchecked
        assert "PAIR-CARRY-OVER" not in step.codes and "PAIR-DOCUMENT-STOCK" not in step.codes
    assert no_unknown_as_zero.unknown == []
    assert no_unknown_as_zero.amounts > 0  # the guard was in place: the checks took amounts


def test_the_guard_would_catch_a_check_that_used_an_unknown_cell_as_0(
    no_unknown_as_zero: _Guard,
) -> None:
    """The guard is not vacuous: counting an unknown cell as 0 raises and is recorded."""
    with pytest.raises(AssertionError, match="used as 0"):
        Cell.unread().number_or_zero()
    assert no_unknown_as_zero.unknown == ["Cell.unread()"]


def test_export_command_writes_unknown_cells_with_a_status_and_exits_0(
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = str(_source("pingtan-2021-crawltext"))
    assert main(["export", "--format", "csv", path]) == 0  # read in part: still exported
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    unread = [r for r in rows if r["status"] == "unread"]
    assert len(unread) == 13 and all(r["value"] == "" for r in unread)
    assert main(["export", "--format", "jsonl", "--skip-unknown", path]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(rows) - 13
    assert all(json.loads(line)["status"] == "" for line in lines)
