"""Typed tables: the type of each record column, numbers written exactly, and the wide form.

The flat records of :mod:`zfxxgk.records` go to formats that know types — JSON, Parquet,
pandas.  This module says what each column is and writes it so:

- **numbers** (``value``, ``reported``, ``expected``) are JSON numbers — money with its exact
  decimal text (``96171.60``), never through a float — and in Parquet and pandas a nullable
  float (``Float64``).  Every number a report can hold has at most 15 significant digits (the
  bound of the cell parser and of the JSON loader), and a float64 holds each of those exactly:
  ``Decimal(repr(x))`` gives the number back.  A number with more digits is refused
  (:class:`~zfxxgk.errors.InexactNumberError`), never rounded.  Blank, placeholder, text and
  unknown cells are ``null`` / NA, never 0.
- **counts** of the reports table and the **year** are nullable integers (``Int64``).
- **section, row, column** are ordered categoricals in template order
  (:func:`zfxxgk.template.label_order`), so ``sort_values``, ``groupby`` and ``pivot_table``
  put 二 before 三 and 一、本年新收 before 二、上年结转.
- everything else is text.

The **wide form** (:func:`wide_table`) is one row per report and one column per table cell,
the columns keyed by the official labels (section, row label path, column label): what a
regression or a cross-section wants.  :func:`write_wide_csv` writes it with three header rows,
as pandas writes a frame whose columns are a MultiIndex, so that
``pd.read_csv(path, header=[0, 1, 2], index_col=[0, 1, 2, 3])`` reads it back.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import IO, Any, Final

import attrs

from ._version import __version__
from .cells import ValueKind
from .errors import InexactNumberError, optional_module
from .model import Report
from .template import iter_cells, label_order

__all__ = [
    "COLUMN_TYPES",
    "WIDE_INDEX",
    "WIDE_LEVELS",
    "WideTable",
    "categories",
    "column_type",
    "exact_float",
    "iter_wide_records",
    "json_object",
    "wide_table",
    "write_json_array",
    "write_json_lines",
    "write_typed_parquet",
    "write_wide_csv",
]

COLUMN_TYPES: Final[dict[str, str]] = {
    "year": "int",
    "value": "number",
    "reported": "number",
    "expected": "number",
    "cells_expected": "int",
    "cells_read": "int",
    "cells_unread": "int",
    "cells_not_printed": "int",
    "completeness": "float",
    "section": "category",
    "row": "category",
    "column": "category",
}
"""The type of every record column that is not text: ``int`` (a nullable integer), ``number``
(a number of the report, exact: :func:`exact_float`), ``float`` (a ratio), ``category`` (an
official label, ordered as the template orders it)."""


def column_type(name: str) -> str:
    """``int``, ``number``, ``float``, ``category`` or ``text``: the type of column *name*."""
    return COLUMN_TYPES.get(name, "text")


def categories(name: str) -> tuple[str, ...]:
    """The categories of the label column *name* (``section``, ``row`` or ``column``) in
    template order."""
    order = label_order()
    return {"section": order.sections, "row": order.rows, "column": order.columns}[name]


def exact_float(value: object) -> float | None:
    """*value* (an ``int``, a ``Decimal``, the text of a number, or ``None``/``""`` for no
    number) as a float that gives the same number back: ``Decimal(repr(x)) == value``.

    Raises :class:`~zfxxgk.errors.InexactNumberError` for a number a float cannot hold
    exactly (more than 15 significant digits) and ``ValueError`` for text that is no number.
    """
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise TypeError("a number, not a bool")
    if isinstance(value, str):
        try:
            value = Decimal(value)
        except InvalidOperation:
            raise ValueError(f"不是数字：“{value}”") from None
    if isinstance(value, int):
        result = float(value)
        exact = int(result) == value
    elif isinstance(value, Decimal):
        result = float(value)
        exact = value.is_finite() and Decimal(repr(result)) == value
    else:
        raise TypeError(f"a number, not {type(value).__name__}")
    if not exact:
        raise InexactNumberError(
            f"数字 {value} 超过 15 位有效数字，无法在浮点数列中精确写出（请改用 JSON 或 CSV）"
        )
    return result


def _int(value: object) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise TypeError("an integer, not a bool")
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        return int(value)
    raise TypeError(f"an integer, not {type(value).__name__}")


def _float(value: object) -> float | None:
    if value is None or value == "":
        return None
    if isinstance(value, int | float | Decimal | str) and not isinstance(value, bool):
        return float(value)
    raise TypeError(f"a number, not {type(value).__name__}")


# --------------------------------------------------------------------------------------
# JSON: numbers as numbers, money with its exact decimal text
# --------------------------------------------------------------------------------------


def _json_value(value: object) -> str:
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"not a finite number: {value}")
        return format(value, "f")
    return json.dumps(value, ensure_ascii=False, allow_nan=False)


def json_object(record: Mapping[str, Any]) -> str:
    """*record* as one JSON object on one line, Chinese unescaped.  A ``Decimal`` is written
    as a JSON number with its exact decimal text (``12.50``, not ``12.5`` and not a string):
    ``json.loads(text, parse_float=Decimal)`` gives it back as it was."""
    return "{" + ", ".join(f"{_json_value(k)}: {_json_value(v)}" for k, v in record.items()) + "}"


def write_json_lines(records: Iterable[Mapping[str, Any]], out: IO[str]) -> int:
    """Write records as JSON lines (:func:`json_object`, one per line); returns the count."""
    count = 0
    for record in records:
        out.write(json_object(record) + "\n")
        count += 1
    return count


def write_json_array(records: Iterable[Mapping[str, Any]], out: IO[str]) -> int:
    """Write records as one JSON array, one object per line (:func:`json_object`), as they
    come (memory stays flat); returns the count."""
    count = 0
    for record in records:
        out.write(("[\n" if count == 0 else ",\n") + json_object(record))
        count += 1
    out.write("[]\n" if count == 0 else "\n]\n")
    return count


# --------------------------------------------------------------------------------------
# Parquet: nullable numbers and ordered categoricals, with the pandas metadata that says so
# --------------------------------------------------------------------------------------


def _pyarrow() -> tuple[Any, Any]:
    def need(name: str) -> Any:
        return optional_module(name, purpose="写入 Parquet ", package="pyarrow", extra="parquet")

    return need("pyarrow"), need("pyarrow.parquet")


_PANDAS_TYPES: Final = {
    "int": ("int64", "Int64"),
    "number": ("float64", "Float64"),
    "float": ("float64", "Float64"),
    "text": ("unicode", "object"),
}


def _pandas_metadata(columns: Sequence[str], labels: Mapping[str, list[str]]) -> bytes:
    """The ``pandas`` schema metadata (what ``DataFrame.to_parquet`` writes), so that
    ``pd.read_parquet`` gives nullable ``Int64``/``Float64`` columns and ordered
    categoricals, not ``float64`` with NaN for a count and ``object`` for a label."""
    entries = []
    for name in columns:
        kind = column_type(name)
        if kind == "category":
            meta: dict[str, Any] | None = {"num_categories": len(labels[name]), "ordered": True}
            pandas_type, numpy_type = "categorical", "int32"
        else:
            meta = None
            pandas_type, numpy_type = _PANDAS_TYPES[kind]
        entries.append(
            {
                "name": name,
                "field_name": name,
                "pandas_type": pandas_type,
                "numpy_type": numpy_type,
                "metadata": meta,
            }
        )
    document = {
        "index_columns": [],
        "column_indexes": [],
        "columns": entries,
        "creator": {"library": "zfxxgk", "version": __version__},
        "pandas_version": "2.0.0",
    }
    return json.dumps(document, ensure_ascii=False).encode("utf-8")


_CONVERT: Final = {"int": _int, "number": exact_float, "float": _float}


def _arrays(
    pa: Any, chunk: list[Mapping[str, Any]], columns: Sequence[str], labels: dict[str, list[str]]
) -> list[Any]:
    arrays = []
    for name in columns:
        kind = column_type(name)
        values = [record.get(name) for record in chunk]
        if kind == "category":
            known = labels[name]
            index = {label: i for i, label in enumerate(known)}
            for label in values:  # a label of no template (a record of your own): at the end
                if label not in (None, "") and label not in index:
                    index[str(label)] = len(known)
                    known.append(str(label))
            codes = pa.array([index.get(v) if v else None for v in values], pa.int32())
            dictionary = pa.array(known, pa.string())
            arrays.append(pa.DictionaryArray.from_arrays(codes, dictionary, ordered=True))
        elif kind == "text":
            arrays.append(pa.array([None if v is None else str(v) for v in values], pa.string()))
        else:
            convert = _CONVERT[kind]
            typ = pa.int64() if kind == "int" else pa.float64()
            arrays.append(pa.array([convert(v) for v in values], typ))
    return arrays


def write_typed_parquet(
    records: Iterable[Mapping[str, Any]],
    columns: Sequence[str],
    path: str | os.PathLike[str],
    *,
    batch_size: int = 50_000,
) -> int:
    """Write records to a Parquet file with typed columns (:data:`COLUMN_TYPES`); returns
    the count.  Values may be typed (``int``, ``Decimal``, ``None``) or the text of the string
    records (``"12"``, ``""``).  Written in row groups of *batch_size* records, so memory
    stays flat for a large batch.  Needs pyarrow (``zfxxgk[parquet]``)."""
    pa, pq = _pyarrow()
    labels = {n: list(categories(n)) for n in columns if column_type(n) == "category"}
    fields = []
    for name in columns:
        kind = column_type(name)
        if kind == "category":
            typ = pa.dictionary(pa.int32(), pa.string(), ordered=True)
        else:
            typ = {"int": pa.int64(), "text": pa.string()}.get(kind, pa.float64())
        fields.append(pa.field(name, typ))
    metadata = {b"pandas": _pandas_metadata(columns, labels)}
    schema = pa.schema(fields).with_metadata(metadata)
    count = 0
    with pq.ParquetWriter(os.fspath(path), schema) as writer:
        chunk: list[Mapping[str, Any]] = []

        def flush() -> None:
            arrays = _arrays(pa, chunk, columns, labels)
            writer.write_table(pa.Table.from_arrays(arrays, schema=schema))
            chunk.clear()

        for record in records:
            chunk.append(record)
            count += 1
            if len(chunk) >= batch_size:
                flush()
        if chunk or count == 0:
            flush()
    return count


# --------------------------------------------------------------------------------------
# the wide form: one row per report, one column per cell
# --------------------------------------------------------------------------------------

WIDE_INDEX: Final[tuple[str, ...]] = ("file", "agency", "year", "template")
"""What identifies a row of the wide form: the report."""
WIDE_LEVELS: Final[tuple[str, ...]] = ("section", "row", "column")
"""The levels of the wide form's column labels: the official labels of a cell."""


@attrs.frozen
class WideTable:
    """The wide form of many reports: ``columns`` the label triples (section, row label path,
    column) of the cells of the reports' templates in template order, ``kinds`` the
    :class:`~zfxxgk.cells.ValueKind` of each, ``index`` one :data:`WIDE_INDEX` tuple per
    report and ``rows`` its numbers (``int``, ``Decimal`` or ``None``), one per column: a
    cell printed blank, as a placeholder or as text, not read, not printed, or not in the
    report's template is ``None``."""

    columns: tuple[tuple[str, str, str], ...]
    kinds: tuple[ValueKind, ...]
    index: tuple[tuple[str, str, int | None, str], ...]
    rows: tuple[tuple[int | Decimal | None, ...], ...]


def _wide_order(key: tuple[str, str, str]) -> tuple[int, int, int]:
    order = label_order()
    return (
        order.sections.index(key[0]),
        order.rows.index(key[1]),
        order.columns.index(key[2]),
    )


def wide_table(reports: Iterable[tuple[Report, str | None]]) -> WideTable:
    """The wide form (:class:`WideTable`) of *reports*, each with its file name."""
    kinds: dict[tuple[str, str, str], ValueKind] = {}
    index: list[tuple[str, str, int | None, str]] = []
    values: list[dict[tuple[str, str, str], int | Decimal | None]] = []
    for report, file in reports:
        info = report.info
        index.append((file or "", info.agency or "", info.year, info.template.value))
        row: dict[tuple[str, str, str], int | Decimal | None] = {}
        for spec, cell in iter_cells(report):
            key = (spec.section, spec.row_label, spec.column)
            kinds.setdefault(key, spec.value_kind)
            row[key] = cell.value
        values.append(row)
    columns = tuple(sorted(kinds, key=_wide_order))
    return WideTable(
        columns=columns,
        kinds=tuple(kinds[c] for c in columns),
        index=tuple(index),
        rows=tuple(tuple(row.get(c) for c in columns) for row in values),
    )


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def write_wide_csv(table: WideTable, out: IO[str]) -> int:
    """Write the wide form as CSV: three header rows (section, row, column — the level name
    in the first cell), a row naming the index columns, then one row per report (numbers as
    plain text, exact; an empty cell for no number).  Returns the number of reports."""
    writer = csv.writer(out, lineterminator="\n")
    pad = [""] * (len(WIDE_INDEX) - 1)
    for level, name in enumerate(WIDE_LEVELS):
        writer.writerow([name, *pad, *(c[level] for c in table.columns)])
    writer.writerow([*WIDE_INDEX, *([""] * len(table.columns))])
    for ident, row in zip(table.index, table.rows, strict=True):
        writer.writerow([*(_text(v) for v in ident), *(_text(v) for v in row)])
    return len(table.rows)


def iter_wide_records(table: WideTable) -> Iterator[dict[str, Any]]:
    """The wide form as plain records: the index columns, then one key per cell, its label
    path joined by "/" (``三/一、本年新收政府信息公开申请数量/自然人``)."""
    keys = ["/".join(c) for c in table.columns]
    for ident, row in zip(table.index, table.rows, strict=True):
        yield {**dict(zip(WIDE_INDEX, ident, strict=True)), **dict(zip(keys, row, strict=True))}
