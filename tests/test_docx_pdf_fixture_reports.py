"""Whole reports in the official 2021 layout, written as DOCX and as PDF, read end to end.

Independent of the shared corpus: the fixtures are generated from the template data, with
the official merged cells, section 三 cut by a page break in the PDF, and the blank template
(every cell ``U+3000``) that must read as all blank — never 0.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from zfxxgk.model import Template
from zfxxgk.readers import read
from zfxxgk.template import cell_specs, iter_cells

from .fixtures_office.report_tables import report_docx, report_pdf

SPECS = cell_specs(Template.V2021)


def _values() -> dict[str, str]:
    """A distinct printed value for every cell (money as a decimal), a few left blank."""
    out: dict[str, str] = {}
    for k, spec in enumerate(SPECS):
        if k % 17 == 5:
            continue  # printed blank
        out[spec.dotted] = f"{k}.25" if spec.value_kind.value == "money" else str(k + 1)
    return out


def _read_values(data: bytes, name: str) -> dict[str, Decimal | None]:
    result = read(data, name=name)
    return {
        spec.dotted: None if cell.value is None else Decimal(cell.value)
        for spec, cell in iter_cells(result.report)
    }


def _expected(values: dict[str, str]) -> dict[str, Decimal | None]:
    return {s.dotted: Decimal(values[s.dotted]) if s.dotted in values else None for s in SPECS}


def test_filled_docx_reads_every_cell() -> None:
    values = _values()
    assert _read_values(report_docx(values, blank=""), "report.docx") == _expected(values)


def test_blank_template_docx_reads_all_blank_never_zero() -> None:
    got = _read_values(report_docx({}), "template.docx")
    assert got and all(v is None for v in got.values())


@pytest.mark.parametrize("break_at", [4, 9, 12, 20, 27])
def test_filled_pdf_reads_every_cell_across_the_page_break(break_at: int) -> None:
    pytest.importorskip("pdfplumber", reason="the PDF reader needs the extra zfxxgk[pdf]")
    values = _values()
    got = _read_values(report_pdf(values, break_at=break_at), "report.pdf")
    assert got == _expected(values)


def test_blank_template_pdf_reads_all_blank() -> None:
    pytest.importorskip("pdfplumber", reason="the PDF reader needs the extra zfxxgk[pdf]")
    got = _read_values(report_pdf({}), "template.pdf")
    assert got and all(v is None for v in got.values())
