"""Flat records of reports, findings and changes, and their writers: moved to
:mod:`zfxxgk.records`; this name still imports."""

from __future__ import annotations

from .records import (
    CELL_COLUMNS,
    CHANGE_COLUMNS,
    FINDING_COLUMNS,
    cell_changes,
    cell_records,
    cell_rows,
    change_records,
    finding_record,
    finding_records,
    finding_row,
    format_number,
    format_value,
    records_of,
    unreadable_row,
    write_csv,
    write_jsonl,
    write_parquet,
)
from .records import NOT_PRINTED as NOT_PRINTED

__all__ = [
    "CELL_COLUMNS",
    "CHANGE_COLUMNS",
    "FINDING_COLUMNS",
    "cell_changes",
    "cell_records",
    "cell_rows",
    "change_records",
    "finding_record",
    "finding_records",
    "finding_row",
    "format_number",
    "format_value",
    "records_of",
    "unreadable_row",
    "write_csv",
    "write_jsonl",
    "write_parquet",
]
