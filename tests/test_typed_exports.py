"""Typed exports (issue 18): numbers as numbers through JSON, JSON lines, Parquet, pandas and
the wide form, and back — on drawn reports (always) and on the shared corpus (when present)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zfxxgk import cli
from zfxxgk.cells import Cell, ValueKind
from zfxxgk.errors import InexactNumberError
from zfxxgk.model import Report
from zfxxgk.records import (
    CELL_COLUMNS,
    cell_records,
    cell_rows,
    wide_dataframe,
    wide_records,
    write_json,
    write_jsonl,
    write_parquet,
)
from zfxxgk.strategies import reports, with_unknown_cells
from zfxxgk.tabular import exact_float, json_object, write_wide_csv
from zfxxgk.template import iter_cells, label_order, replace_at

from .corpus_truth import CORPUS, SKIP_REASON, corpus_available
from .fixtures.reports import report_2019, report_2021
from .hypothesis_profiles import examples

pd = pytest.importorskip("pandas", reason="pandas is the pandas extra")
pq = pytest.importorskip("pyarrow.parquet", reason="pyarrow is the parquet extra")

# drawn reports: large numbers, money with and without a unit, blanks, placeholders, text,
# and cells not read or not printed
_REPORTS = with_unknown_cells(reports(large=True, blanks=True, placeholders=True)).map(
    lambda pair: pair[0]
)


def _same(exported: object, cell: Cell) -> bool:
    """An exported number is the cell's number exactly; no number is ``None``/NA."""
    if cell.value is None:
        return exported is None or bool(pd.isna(exported))
    if isinstance(exported, float):  # numpy's too
        return Decimal(repr(float(exported))) == cell.value
    return type(exported) is type(cell.value) and exported == cell.value


def _cells(report: Report) -> dict[str, Cell]:
    return {spec.dotted: cell for spec, cell in iter_cells(report)}


# --------------------------------------------------------------------------------------
# JSON
# --------------------------------------------------------------------------------------


@settings(max_examples=examples(15))
@given(_REPORTS)
def test_json_lines_carry_exact_numbers_and_null(report: Report) -> None:
    out = io.StringIO()
    write_jsonl(cell_rows(report, file="r.html"), out)
    lines = out.getvalue().splitlines()
    cells = _cells(report)
    assert len(lines) == len(cells)
    for line in lines:
        record = json.loads(line, parse_float=Decimal)
        cell = cells[record["path"]]
        assert _same(record["value"], cell), (line, cell)
        assert record["year"] == report.info.year  # a number, not text
        assert record["status"] == (cell.kind.value if cell.is_unknown else "")
        if isinstance(cell.value, Decimal):  # money: its exact decimal text, not a float's
            assert f'"value": {format(cell.value, "f")},' in line


def test_money_keeps_its_printed_decimals_in_json() -> None:
    assert json_object({"value": Decimal("96171.60"), "year": 2024, "raw": None}) == (
        '{"value": 96171.60, "year": 2024, "raw": null}'
    )
    assert json.loads(json_object({"v": Decimal("0.10")}), parse_float=Decimal) == {
        "v": Decimal("0.10")
    }


@settings(max_examples=examples(6))
@given(st.lists(_REPORTS, min_size=1, max_size=2))
def test_the_json_array_is_the_json_lines_and_loads_into_pandas_as_numbers(
    drawn: list[Report],
) -> None:
    rows = [row for i, r in enumerate(drawn) for row in cell_rows(r, file=f"{i}.html")]
    lines, array = io.StringIO(), io.StringIO()
    write_jsonl(rows, lines)
    write_json(rows, array)
    records = json.loads(array.getvalue())
    assert records == [json.loads(line) for line in lines.getvalue().splitlines()]
    frame = pd.DataFrame(records)
    assert pd.api.types.is_numeric_dtype(frame["value"])
    assert frame["value"].isna().sum() == sum(r["value"] is None for r in rows)
    if all(r.info.year is not None for r in drawn):
        assert pd.api.types.is_integer_dtype(frame["year"])


def test_an_empty_json_export_is_an_empty_array() -> None:
    out = io.StringIO()
    assert write_json([], out) == 0
    assert json.loads(out.getvalue()) == []


# --------------------------------------------------------------------------------------
# Parquet and to_dataframe()
# --------------------------------------------------------------------------------------


def _no_object_columns(frame: Any) -> None:
    assert not [n for n, t in frame.dtypes.items() if pd.api.types.is_object_dtype(t)], frame.dtypes


@settings(max_examples=examples(6))
@given(st.lists(_REPORTS, min_size=1, max_size=2))
def test_parquet_round_trip_gives_the_same_numbers_typed(
    tmp_path_factory: Any, drawn: list[Report]
) -> None:
    path = tmp_path_factory.mktemp("pq") / "cells.parquet"
    rows = [row for i, r in enumerate(drawn) for row in cell_rows(r, file=f"{i}.html")]
    assert write_parquet(rows, CELL_COLUMNS, path, batch_size=50) == len(rows)
    frame = pd.read_parquet(path)
    _no_object_columns(frame)
    assert str(frame["value"].dtype) == "Float64" and str(frame["year"].dtype) == "Int64"
    for name in ("section", "row", "column"):
        assert frame[name].cat.ordered
    cells = [c for r in drawn for c in _cells(r).values()]
    assert [_same(v, c) for v, c in zip(frame["value"], cells, strict=True)] == [True] * len(cells)
    # pyarrow reads the same
    table = pq.read_table(path).to_pylist()
    assert [_same(r["value"], c) for r, c in zip(table, cells, strict=True)] == [True] * len(cells)


@settings(max_examples=examples(6))
@given(_REPORTS)
def test_to_dataframe_is_typed_and_exact(report: Report) -> None:
    frame = report.to_dataframe()
    _no_object_columns(frame)
    cells = _cells(report)
    for path, value in zip(frame["path"], frame["value"], strict=True):
        assert _same(value, cells[path])


def test_string_records_make_the_same_typed_parquet(tmp_path: Path) -> None:
    report = report_2019()
    typed, text = tmp_path / "typed.parquet", tmp_path / "text.parquet"
    write_parquet(cell_rows(report), CELL_COLUMNS, typed)
    write_parquet(cell_records(report), CELL_COLUMNS, text)
    assert pq.read_table(typed).equals(pq.read_table(text))


def test_a_number_a_float_cannot_hold_is_refused_not_rounded(tmp_path: Path) -> None:
    assert exact_float(Decimal("96171.60")) == 96171.6
    assert exact_float(10**15 - 1) == 999_999_999_999_999.0
    with pytest.raises(InexactNumberError) as info:
        exact_float(Decimal("0.12345678901234567"))
    assert info.value.code == "E400"
    # not a number any reader produces (15 digits at most)
    report = replace_at(report_2021(), "appeals.review.upheld", Cell.of(2**60 + 1))
    with pytest.raises(InexactNumberError):
        write_parquet(cell_rows(report), CELL_COLUMNS, tmp_path / "x.parquet")


def _blank_total() -> Report:
    report = replace_at(report_2021(), "requests.new.total", Cell.blank())
    return replace_at(report, "requests.carried_over.total", Cell.unread())


def test_pivot_and_groupby_follow_the_template_and_keep_na() -> None:
    frame = _blank_total().to_dataframe()
    pivot = frame.pivot_table(index=["section", "row"], columns="column", values="value")
    sections = list(dict.fromkeys(pivot.index.get_level_values("section")))
    assert sections == ["二", "三", "四"]  # 二 before 三, not the alphabet's order
    rows = list(pivot.loc["三"].index)
    assert rows[0].startswith("一、") and rows[1].startswith("二、")
    columns = list(pivot.columns)  # 二's columns, then 三's applicants in template order
    assert columns.index("本年制发件数") < columns.index("自然人") < columns.index("总计")
    # a blank or unknown total stays NA, not 0
    assert pd.isna(pivot.loc[("三", "一、本年新收政府信息公开申请数量"), "总计"])
    assert pd.isna(pivot.loc[("三", "二、上年结转政府信息公开申请数量"), "总计"])
    first = frame.groupby(["section", "row", "column"], observed=True)["value"].first()
    assert list(dict.fromkeys(first.index.get_level_values("section"))) == ["二", "三", "四"]
    three = frame[frame["section"] == "三"]
    applicants = list(dict.fromkeys(three.sort_values("column")["column"]))
    assert applicants[0] == "自然人" and applicants[-1] == "总计"


def test_the_label_order_is_the_template_order() -> None:
    order = label_order()
    assert order.sections == ("二", "三", "四")
    for report in (report_2021(), report_2021(single=True), report_2019()):
        rows = [spec.row_label for spec, _ in iter_cells(report)]
        positions = [order.rows.index(r) for r in dict.fromkeys(rows)]
        assert positions == sorted(positions)


# --------------------------------------------------------------------------------------
# the wide form
# --------------------------------------------------------------------------------------


@settings(max_examples=examples(6))
@given(st.lists(_REPORTS, min_size=1, max_size=2))
def test_the_wide_form_has_one_row_per_report_and_the_same_numbers(
    tmp_path_factory: Any, drawn: list[Report]
) -> None:
    pairs = [(r, f"{i}.html") for i, r in enumerate(drawn)]
    frame = wide_dataframe(pairs)
    assert frame.shape[0] == len(drawn)
    assert list(frame.columns.names) == ["section", "row", "column"]
    assert list(frame.index.names) == ["file", "agency", "year", "template"]
    _no_object_columns(frame)
    for (report, _), (_, values) in zip(pairs, frame.iterrows(), strict=True):
        for spec, cell in iter_cells(report):
            assert _same(values[(spec.section, spec.row_label, spec.column)], cell)
    kinds = {
        (s.section, s.row_label, s.column): s.value_kind for r in drawn for s, _ in iter_cells(r)
    }
    for key, dtype in frame.dtypes.items():
        assert str(dtype) == ("Float64" if kinds[key] is ValueKind.MONEY else "Int64")
    # the CSV reads back into the same table
    out = io.StringIO()
    write_wide_csv(wide_records(pairs), out)
    back = pd.read_csv(io.StringIO(out.getvalue()), header=[0, 1, 2], index_col=[0, 1, 2, 3])
    assert back.shape == frame.shape
    assert [tuple(c) for c in back.columns] == list(frame.columns)
    for key in frame.columns:
        for mine, theirs in zip(frame[key], back[key], strict=True):
            assert (pd.isna(mine) and pd.isna(theirs)) or Decimal(repr(float(theirs))) == Decimal(
                repr(float(mine))
            )


def test_the_wide_form_of_two_templates_has_both_their_cells_in_template_order() -> None:
    old, new = report_2019(), report_2021()
    frame = wide_dataframe([old, new])
    sections = list(dict.fromkeys(frame.columns.get_level_values("section")))
    assert sections == ["二", "三", "四"]
    fees = ("二", "第二十条第（八）项/行政事业性收费", "本年收费金额（单位：万元）")
    assert pd.isna(frame[fees].iloc[0]) and not pd.isna(frame[fees].iloc[1])


# --------------------------------------------------------------------------------------
# the command line
# --------------------------------------------------------------------------------------


def _export(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert cli.main(["export", "--no-progress", *args]) == 0
    return capsys.readouterr().out


@pytest.fixture
def two_reports(tmp_path: Path) -> list[str]:
    from zfxxgk import render

    paths = []
    for i, report in enumerate((report_2019(), report_2021())):
        path = tmp_path / f"r{i}.html"
        path.write_text(render.to_html(report, page=True), "utf-8")
        paths.append(str(path))
    return paths


def test_export_json_and_wide_csv_agree_with_the_csv(
    capsys: pytest.CaptureFixture[str], two_reports: list[str]
) -> None:
    text_rows = list(csv.DictReader(io.StringIO(_export(capsys, "-f", "csv", *two_reports))))
    typed = json.loads(_export(capsys, "-f", "json", *two_reports), parse_float=Decimal)
    assert len(typed) == len(text_rows)
    for mine, theirs in zip(typed, text_rows, strict=True):
        assert ("" if mine["value"] is None else str(mine["value"])) == theirs["value"]
        assert str(mine["year"]) == theirs["year"] and isinstance(mine["year"], int)
    wide = pd.read_csv(
        io.StringIO(_export(capsys, "--wide", *two_reports)),
        header=[0, 1, 2],
        index_col=[0, 1, 2, 3],
    )
    assert wide.shape[0] == 2
    for row in typed:
        if row["value"] is not None:
            ident = (row["file"], row["agency"], row["year"], int(row["template"]))
            got = wide.loc[ident, (row["section"], row["row"], row["column"])]
            assert Decimal(repr(float(got))) == row["value"]


def test_wide_is_for_csv_only(capsys: pytest.CaptureFixture[str], two_reports: list[str]) -> None:
    assert cli.main(["export", "--wide", "-f", "json", *two_reports]) == 2
    assert "--wide" in capsys.readouterr().err


# --------------------------------------------------------------------------------------
# the corpus
# --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus_exports(tmp_path_factory: Any) -> Mapping[str, Path]:
    if not corpus_available():
        pytest.skip(SKIP_REASON)
    folder = tmp_path_factory.mktemp("corpus")
    out = {}
    for name in ("cells.csv", "cells.json", "cells.parquet"):
        out[name] = folder / name
        assert cli.main(["export", "--no-progress", "-o", str(out[name]), str(CORPUS)]) == 0
    return out


def test_the_json_export_of_the_corpus_loads_into_pandas_with_numeric_dtypes(
    corpus_exports: Mapping[str, Path],
) -> None:
    records = json.loads(corpus_exports["cells.json"].read_text("utf-8"), parse_float=Decimal)
    frame = pd.DataFrame(json.loads(corpus_exports["cells.json"].read_text("utf-8")))
    assert pd.api.types.is_numeric_dtype(frame["value"])
    assert pd.api.types.is_numeric_dtype(frame["year"])
    with corpus_exports["cells.csv"].open(encoding="utf-8", newline="") as handle:
        text_rows = list(csv.DictReader(handle))
    assert len(records) == len(text_rows) > 5000
    money = 0
    for mine, theirs in zip(records, text_rows, strict=True):
        assert ("" if mine["value"] is None else str(mine["value"])) == theirs["value"]
        money += isinstance(mine["value"], Decimal)
    assert money > 0  # the corpus's 收费金额 / 采购总金额 came through as exact decimals


def test_read_parquet_of_the_corpus_export_has_no_object_column(
    corpus_exports: Mapping[str, Path],
) -> None:
    frame = pd.read_parquet(corpus_exports["cells.parquet"])
    _no_object_columns(frame)
    assert str(frame["value"].dtype) == "Float64"
    with corpus_exports["cells.csv"].open(encoding="utf-8", newline="") as handle:
        text_rows = list(csv.DictReader(handle))
    assert len(frame) == len(text_rows)
    for value, theirs in zip(frame["value"], text_rows, strict=True):
        if theirs["value"] == "":
            assert pd.isna(value)
        else:
            assert Decimal(repr(float(value))) == Decimal(theirs["value"])
