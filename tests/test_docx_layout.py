"""The Word output's layout, checked on the pages LibreOffice prints from it.

``zfxxgk convert --to docx`` writes tables that follow the official template's proportions
(label columns wide, number columns narrow), repeat their header rows on each page, never
split a row across pages, and keep table 四's header with its numbers.  The XML tests below
read the DOCX itself; the page tests convert the DOCX to PDF with LibreOffice (``soffice
--headless --convert-to pdf``, one run for the whole module) and measure the pages with
pdfplumber.  Without LibreOffice or a CJK font (CI installs ``libreoffice-writer-nogui`` and
``fonts-wqy-microhei``) the page tests skip and say why; with ``ZFXXGK_REQUIRE_CONVERTERS=1``
(CI) they fail instead.

Table 四 is put near the foot of a page on purpose: the report is written with 21 to 24 extra
lines in section 一, which moves 四 across the foot of page 2 (without the keep-with-next
rows, the header stays on page 2 and the numbers go to page 3 for some of them).
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import attrs
import pytest

from zfxxgk.grids import table_grids
from zfxxgk.word_report import column_widths, header_rows, write_docx

from .conftest import REPO
from .fixtures.reports import report_2021

pdfplumber = pytest.importorskip("pdfplumber")

REQUIRED = os.environ.get("ZFXXGK_REQUIRE_CONVERTERS") == "1"
EXAMPLE = REPO / "examples" / "reports" / "示例县民政局-2024.html"
SWEEP = range(21, 25)
"""Extra lines in section 一 of the variants: table 四 crosses the foot of page 2 (at 23)."""

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _variant(extra: int) -> Any:
    text = "\n".join(f"（{i}）本段是为了移动下文位置而写的一行示例文字。" for i in range(extra))
    return attrs.evolve(report_2021(), overview=text)


def _document_xml(report: Any) -> Any:
    from lxml import etree

    buffer = io.BytesIO()
    write_docx(report, buffer)
    with zipfile.ZipFile(buffer) as archive:
        return etree.fromstring(archive.read("word/document.xml"))


# --------------------------------------------------------------------------------------
# the DOCX itself
# --------------------------------------------------------------------------------------


def test_every_row_is_kept_whole_and_header_rows_repeat() -> None:
    root = _document_xml(report_2021())
    tables = root.findall(f".//{W}tbl")
    assert len(tables) == 3
    grids = table_grids(report_2021())
    for table, number in zip(tables, ("二", "三", "四"), strict=True):
        rows = table.findall(f"{W}tr")
        assert all(row.find(f"{W}trPr/{W}cantSplit") is not None for row in rows)
        repeated = [row.find(f"{W}trPr/{W}tblHeader") is not None for row in rows]
        headers = 0 if number == "二" else header_rows(grids[number])
        assert repeated == [r < headers for r in range(len(rows))], number
    # table 四's header rows stay with the row of numbers under them
    appeals = tables[2].findall(f"{W}tr")
    keeps = [tr.find(f".//{W}keepNext") is not None for tr in appeals]
    assert keeps == [True, True, True, False]


def test_headings_stay_with_what_follows() -> None:
    root = _document_xml(report_2021())
    body = root.find(f"{W}body")
    headings = [
        p for p in body.findall(f"{W}p") if re.match(r"[一二三四五六]、", "".join(p.itertext()))
    ]
    assert len(headings) == 6
    assert all(p.find(f"{W}pPr/{W}keepNext") is not None for p in headings)


def test_columns_follow_the_template_proportions() -> None:
    grids = table_grids(report_2021())
    three = column_widths(grids["三"], 170)
    assert sum(three) == pytest.approx(170)
    labels, numbers = three[:3], three[3:]
    # the leaf label column (1.属于国家秘密 …) is the widest; the number columns are equal
    # and narrower than every label column
    assert labels[2] == max(three)
    assert max(numbers) - min(numbers) < 1e-6
    assert max(numbers) < min(labels)
    # the template: labels take about half the width, each number column 5–8 %
    assert 0.45 < sum(labels) / 170 < 0.7
    assert all(0.04 < n / 170 < 0.08 for n in numbers)
    four = column_widths(grids["四"], 170)
    assert max(four) - min(four) < 1e-6  # 15 numbers, equally wide
    root = _document_xml(report_2021())
    grid_cols = root.findall(f".//{W}tbl")[1].findall(f"{W}tblGrid/{W}gridCol")
    written = [int(col.get(f"{W}w")) for col in grid_cols]
    assert written[2] > 4 * written[3]


# --------------------------------------------------------------------------------------
# the pages LibreOffice prints
# --------------------------------------------------------------------------------------


def _missing() -> str | None:
    if shutil.which("soffice") is None:
        return "LibreOffice (soffice) is not installed (CI installs libreoffice-writer-nogui)"
    fonts = subprocess.run(
        ["fc-list", ":lang=zh"], capture_output=True, text=True, check=False
    ).stdout
    if not fonts.strip():
        return "no CJK font for LibreOffice (CI installs fonts-wqy-microhei)"
    return None


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every DOCX of this module printed to PDF by one LibreOffice run."""
    reason = _missing()
    if reason is not None:
        if REQUIRED:
            pytest.fail(f"ZFXXGK_REQUIRE_CONVERTERS=1 but {reason}")
        pytest.skip(reason)
    import zfxxgk

    folder = tmp_path_factory.mktemp("docx-layout")
    sources = {"example": zfxxgk.read(EXAMPLE).report}
    sources.update({f"sweep{k}": _variant(k) for k in SWEEP})
    for name, report in sources.items():
        write_docx(report, folder / f"{name}.docx")
    profile = (folder / "profile").as_uri()
    command = [
        "soffice",
        f"-env:UserInstallation={profile}",
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        str(folder),
        *(str(folder / f"{name}.docx") for name in sources),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    out = {name: folder / f"{name}.pdf" for name in sources}
    assert all(p.is_file() for p in out.values()), done.stdout + done.stderr
    return out


_NUMBER = re.compile(r"[\d.,]+")


def test_page_count_is_bounded(pdfs: dict[str, Path]) -> None:
    with pdfplumber.open(pdfs["example"]) as pdf:
        assert 2 <= len(pdf.pages) <= 3
    for k in SWEEP:
        with pdfplumber.open(pdfs[f"sweep{k}"]) as pdf:
            assert 2 <= len(pdf.pages) <= 4, k


def _number_rows(page: Any) -> set[tuple[float, float]]:
    """(top, bottom) of every table row on *page* that holds a number: the rules right
    above and right below each number."""
    h_edges = [e for e in page.edges if e["orientation"] == "h"]
    rows = set()
    for word in page.extract_words():
        if not _NUMBER.fullmatch(word["text"]):
            continue
        x = (word["x0"] + word["x1"]) / 2
        across = [e["top"] for e in h_edges if e["x0"] <= x <= e["x1"]]
        above = [y for y in across if y <= word["top"] + 0.5]
        below = [y for y in across if y >= word["bottom"] - 0.5]
        if above and below:
            rows.add((round(max(above), 1), round(min(below), 1)))
    return rows


def test_no_row_label_is_taller_than_two_lines(pdfs: dict[str, Path]) -> None:
    """A row of numbers is as tall as its tallest cell — its row label, since numbers and
    group cells spanning rows take one line of it: no such row is taller than two lines of
    text (with equal columns the labels wrapped over 5–9 lines).  Header rows hold no number
    and are not measured."""
    for name in ("example", "sweep21"):
        with pdfplumber.open(pdfs[name]) as pdf:
            heights = [bottom - top for page in pdf.pages for top, bottom in _number_rows(page)]
        assert len(heights) >= 30, (name, len(heights))  # the rows of 二, 三 and 四
        line = min(heights)  # a row of one line
        lines = [round((h - line) / (line - 2.5)) + 1 for h in heights]  # 2.5 pt: padding
        assert max(lines) <= 2, (name, sorted(heights))
        assert 2 in lines  # the measure does see a label wrapped to two lines


def _appeals_pages(path: Path) -> list[tuple[int, bool, bool, bool]]:
    """For each page showing table 四's header: (page, the heading 四、 is above it on the
    page, a row of numbers is under it, the heading opens the page)."""
    out = []
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            lines = (page.extract_text() or "").splitlines()
            for table in page.find_tables():
                rows = table.extract()
                text = " ".join(cell or "" for row in rows for cell in row)
                if "行政复议" not in text or "行政诉讼" not in text:
                    continue
                has_numbers = all(
                    cell is not None and _NUMBER.fullmatch(cell.strip()) for cell in rows[-1]
                )
                heading = next((i for i, ln in enumerate(lines) if ln.startswith("四、")), None)
                out.append((number, heading is not None, has_numbers, heading == 0))
    return out


def test_table_four_stays_with_its_header(pdfs: dict[str, Path]) -> None:
    opened_a_page = 0
    for name in ("example", *(f"sweep{k}" for k in SWEEP)):
        found = _appeals_pages(pdfs[name])
        assert len(found) == 1, (name, found)  # one page shows it: it was not split
        _, heading, numbers, at_top = found[0]
        assert heading and numbers, (name, found)
        opened_a_page += at_top
    # the sweep did put 四 at the foot of a page, and the whole block moved on
    assert opened_a_page >= 1


def test_header_rows_repeat_on_the_next_page(pdfs: dict[str, Path]) -> None:
    """Table 三 runs over a page: every page that shows its rows shows its header too."""
    with pdfplumber.open(pdfs["example"]) as pdf:
        pages = [(page.extract_text() or "").replace(" ", "") for page in pdf.pages]
    rows = ("上年结转", "不予公开", "无法提供", "其他处理", "结转下年度继续办理")
    showing = [text for text in pages if any(row in text for row in rows)]
    assert len(showing) >= 2
    assert all("申请人情况" in text for text in showing)
