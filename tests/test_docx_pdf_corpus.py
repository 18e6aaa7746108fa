"""The DOCX and PDF cases of the shared corpus, read end to end and compared with cells.csv.

Skips with a reason when ``../shared`` is absent (set ZFXXGK_SHARED to its parent).  Every
cell listed in ``cells.csv`` must come out with the same value (blank stays blank); rows are
matched to the template by section, row label and column (``template.iter_cells``).
"""

from __future__ import annotations

import functools
from decimal import Decimal

import pytest

from zfxxgk.readers import ParseResult, read, read_document
from zfxxgk.readers.document import Document, Table
from zfxxgk.template import iter_cells

from .corpus_truth import CORPUS, SKIP_REASON, read_rows

CASES = (
    sorted(p.parent.name for p in CORPUS.glob("*-docx/source.docx"))
    + sorted(p.parent.name for p in CORPUS.glob("*-pdf/source.pdf"))
    if CORPUS.is_dir()
    else []
)

pytestmark = pytest.mark.skipif(not CASES, reason=SKIP_REASON)


def _source(case: str) -> str:
    (path,) = sorted((CORPUS / case).glob("source.*"))
    return str(path)


@functools.cache
def _document(case: str) -> Document:
    try:
        import zfxxgk.readers.builder  # noqa: F401
    except ImportError:
        return read_document(_source(case))
    document = _result(case).document  # read once for both tests
    assert document is not None
    return document


@functools.cache
def _result(case: str) -> ParseResult:
    return read(_source(case))


def _needs_pdf(case: str) -> None:
    if case.endswith("-pdf"):
        pytest.importorskip("pdfplumber", reason="the PDF cases need the extra zfxxgk[pdf]")


@pytest.mark.parametrize("case", CASES or ["(none)"])
def test_document_has_three_grids_and_no_number_twice(case: str) -> None:
    _needs_pdf(case)
    doc = _document(case)
    tables = [t for t in doc.tables() if t.width > 1]
    assert len(tables) == 3, [t.location for t in tables]
    for table in tables:
        assert isinstance(table, Table)
        width = table.width
        assert all(len(row) == width for row in table.rows), "grid rows of unequal length"
        for r, row in enumerate(table.rows):
            for c, cell in enumerate(row):
                if not cell.spanned:
                    continue
                # a spanned position copies the merged cell it belongs to: the same text
                # stands to its left or above, so a number is read once, from its owner
                left = row[c - 1].text if c else None
                above = table.rows[r - 1][c].text if r else None
                assert cell.text in (left, above), (cell.location, cell.text)


@pytest.mark.parametrize("case", CASES or ["(none)"])
def test_cells_match_the_hand_checked_truth(case: str) -> None:
    _needs_pdf(case)
    result = _result(case)
    got = {
        (spec.section, spec.row_label, spec.column): cell
        for spec, cell in iter_cells(result.report)
    }
    wrong: list[str] = []
    for row in read_rows(CORPUS / case / "cells.csv"):
        key = (row["section"], row["row"], row["column"])
        cell = got.get(key)
        want = Decimal(row["value"]) if row["value"] else None
        have = None if cell is None or cell.value is None else Decimal(cell.value)
        if cell is None or have != want:
            wrong.append(f"{key}: want {want}, got {'(missing)' if cell is None else have}")
    assert not wrong, "\n".join(wrong[:10])


@pytest.mark.parametrize("case", [c for c in CASES if c.startswith("template-")] or ["(none)"])
def test_blank_template_reads_as_all_blank_never_zero(case: str) -> None:
    result = _result(case)
    values = [cell.value for _, cell in iter_cells(result.report)]
    assert values and all(v is None for v in values)
