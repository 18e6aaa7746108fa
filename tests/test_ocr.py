"""Scans read by OCR (docs/ocr.md): the refusal without the extra, the proofreader, and one
corpus report scanned and scored end to end.

The proofreader's tests need no OCR engine: they give a report read from text an OCR record
of its own cells (as :mod:`zfxxgk.readers.scan` makes for a scan) and check what
:func:`zfxxgk.readers._proofread.proofread` concludes.  The end-to-end test rasterises a
corpus PDF with ``pdftoppm``, wraps the pages into an image-only PDF and scores
``zfxxgk export --format csv`` on it with ``score_corpus.py``; it skips, saying why, when the
extra ``zfxxgk[ocr]``, the corpus or ``pdftoppm`` is absent.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from pathlib import Path

import attrs
import pytest

from zfxxgk.cells import Cell
from zfxxgk.errors import UnreadableDocumentError
from zfxxgk.readers import read, read_document
from zfxxgk.readers._proofread import SURE, proofread
from zfxxgk.readers.document import OcrCell
from zfxxgk.readers.result import ParseResult
from zfxxgk.records import cell_records

from .conftest import SHARED

FIXTURE = Path(__file__).parent / "fixtures" / "pdf_text_2021.txt"
SCORE = SHARED / "tools" / "score_corpus.py"
CASE = SHARED / "corpus" / "hongze-2023-pdf"


def _no_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    """As if ``zfxxgk[ocr]`` were not installed: importing the engine fails."""
    monkeypatch.setitem(sys.modules, "rapidocr_onnxruntime", None)


def _png(width: int = 200, height: int = 100) -> bytes:
    image = pytest.importorskip("PIL.Image")
    out = io.BytesIO()
    image.new("L", (width, height), 255).save(out, format="PNG")
    return out.getvalue()


# -- without the extra -----------------------------------------------------------------------


def test_image_only_pdf_without_the_extra_names_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("pdfplumber")
    from .fixtures_office.pdf_build import Page, make_pdf

    _no_engine(monkeypatch)
    path = tmp_path / "scan.pdf"
    path.write_bytes(make_pdf([Page().image(50, 50, 500, 700)]))
    with pytest.raises(UnreadableDocumentError) as info:
        read(path)
    assert info.value.code == "E103"
    assert "pip install 'zfxxgk[ocr]'" in info.value.message
    assert "[R-PDF-NOTEXT]" in info.value.message


def test_image_without_the_extra_names_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _no_engine(monkeypatch)
    path = tmp_path / "page.png"
    path.write_bytes(_png())
    with pytest.raises(UnreadableDocumentError) as info:
        read(path)
    assert info.value.code == "E103"
    assert "pip install 'zfxxgk[ocr]'" in info.value.message


def test_importing_zfxxgk_and_other_readers_does_not_import_the_engine() -> None:
    code = (
        "import sys, zfxxgk, zfxxgk.readers.pdf, zfxxgk.readers.scan, zfxxgk.readers.text;"
        "bad = [m for m in ('rapidocr_onnxruntime', 'cv2', 'onnxruntime') if m in sys.modules];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


# -- the proofreader ---------------------------------------------------------------------------


def _as_scanned(result: ParseResult, conf: dict[str, float]) -> dict[tuple[int, int, int], OcrCell]:
    """An OCR record of every cell of *result* as read (confidence 1, or *conf*'s)."""
    out: dict[tuple[int, int, int], OcrCell] = {}
    for path, where in result.provenance.items():
        assert where.table is not None and where.row is not None and where.cell is not None
        box = (10.0 * where.cell, 20.0 * where.row, 10.0 * where.cell + 9, 20.0 * where.row + 19)
        out[(where.table, where.row, where.cell)] = OcrCell(
            text="x", conf=conf.get(path, 1.0), page=3, box=box
        )
    return out


def _with_cell(result: ParseResult, path: str, cell: Cell) -> ParseResult:
    """*result* with the cell at *path* replaced (a misread)."""

    def put(obj: object, names: list[str]) -> object:
        if len(names) == 1:
            return attrs.evolve(obj, **{names[0]: cell})  # type: ignore[misc]
        inner = put(getattr(obj, names[0]), names[1:])
        return attrs.evolve(obj, **{names[0]: inner})  # type: ignore[misc]

    return attrs.evolve(result, report=put(result.report, path.split(".")))


def test_low_confidence_numbers_an_identity_confirms_are_confirmed() -> None:
    result = read(FIXTURE)
    low = {path: 0.6 for path in result.provenance if path.startswith(("requests", "appeals"))}
    proofed = proofread(result, _as_scanned(result, low))
    assert proofed.unconfirmed == frozenset()
    assert not [d for d in proofed.diagnostics if d.code in ("R180", "R181")]


def test_a_low_confidence_number_in_no_identity_is_unconfirmed_and_exported_so() -> None:
    result = read(FIXTURE)
    path = "proactive.regulations.issued"
    proofed = proofread(result, _as_scanned(result, {path: SURE - 0.1}))
    assert proofed.unconfirmed == {path}
    (diagnostic,) = [d for d in proofed.diagnostics if d.code == "R180"]
    assert diagnostic.path == path and "第3页" in diagnostic.message
    rows = {
        r["path"]: r
        for r in cell_records(proofed.report, unconfirmed=proofed.unconfirmed)
        if r["path"] in (path, "proactive.regulations.repealed")
    }
    assert rows[path]["status"] == "unconfirmed"
    assert rows[path]["value"] == str(result.report.proactive.regulations.issued.value)
    assert rows["proactive.regulations.repealed"]["status"] == ""
    sure = proofread(result, _as_scanned(result, {path: SURE}))
    assert sure.unconfirmed == frozenset()


def test_a_misread_number_is_kept_flagged_and_its_implied_value_named() -> None:
    result = read(FIXTURE)
    path = "requests.new.natural_person"
    printed = result.report.requests.new.natural_person.value
    assert printed == 55
    misread = _with_cell(result, path, Cell.of(56))
    proofed = proofread(misread, _as_scanned(misread, {path: 0.7}))
    assert path in proofed.unconfirmed
    assert proofed.report.requests.new.natural_person == Cell.of(56)  # never silently written
    (named,) = [d for d in proofed.diagnostics if d.code == "R181"]
    assert named.path == path
    assert "56" in named.message and "55" in named.message and "第3页" in named.message


def test_a_sure_misread_in_a_broken_identity_is_unconfirmed_too() -> None:
    result = read(FIXTURE)
    path = "requests.new.natural_person"
    misread = _with_cell(result, path, Cell.of(56))
    proofed = proofread(misread, _as_scanned(misread, {}))
    # read with confidence 1, but the row total and the column's balance break with it
    assert proofed.unconfirmed == {path}
    # the row's 总计 is in the broken row total too, but the balance of the 总计 column holds
    (named,) = [d for d in proofed.diagnostics if d.code == "R181"]
    assert named.path == path and "应为 55" in named.message


def test_an_unread_cell_stays_unread() -> None:
    result = read(FIXTURE)
    path = "requests.new.natural_person"
    unread = _with_cell(result, path, Cell.unread())
    proofed = proofread(unread, _as_scanned(unread, {path: 0.0}))
    assert path not in proofed.unconfirmed
    assert proofed.report.requests.new.natural_person == Cell.unread()
    status = {r["path"]: r["status"] for r in cell_records(proofed.report)}
    assert status[path] == "unread"


# -- a scan end to end ---------------------------------------------------------------------------


def _engine_or_skip() -> None:
    pytest.importorskip(
        "rapidocr_onnxruntime", reason="the OCR engine is the extra zfxxgk[ocr]: not installed"
    )
    pytest.importorskip("pdfplumber", reason="the table finder is the extra zfxxgk[pdf]")


def _scan_of(pdf: Path, tmp_path: Path, dpi: int) -> Path:
    from PIL import Image

    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed: no page images to scan")
    prefix = tmp_path / "page"
    subprocess.run(["pdftoppm", "-gray", "-r", str(dpi), "-png", str(pdf), str(prefix)], check=True)
    pages = [Image.open(p).convert("L") for p in sorted(tmp_path.glob("page*.png"))]
    pages[1] = pages[1].rotate(0.6, fillcolor=255)  # a sheet fed slightly askew
    scan = tmp_path / "case" / "source.pdf"
    scan.parent.mkdir()
    pages[0].save(scan, save_all=True, append_images=pages[1:], resolution=float(dpi))
    return scan


def test_a_scanned_corpus_report_scores_no_wrong_cell(tmp_path: Path) -> None:
    _engine_or_skip()
    if not (CASE / "cells.csv").is_file() or not SCORE.is_file():
        pytest.skip(f"the shared corpus and its scorer are not here ({SHARED})")
    scan = _scan_of(CASE / "source.pdf", tmp_path, 150)
    shutil.copy(CASE / "cells.csv", scan.parent / "cells.csv")
    command = f"{sys.executable} -m zfxxgk export --format csv"
    done = subprocess.run(
        [sys.executable, str(SCORE), "--cmd", command, "--timeout", "1200", "-v", str(scan.parent)],
        capture_output=True,
        text=True,
    )
    total = done.stdout.strip().splitlines()[-1]
    assert "wrong 0;" in total and "refused 0" in total, done.stdout + done.stderr
    right, cells = (int(n) for n in total.split()[2].split("/"))
    assert right >= 0.98 * cells, total


def test_an_image_given_directly_is_read(tmp_path: Path) -> None:
    _engine_or_skip()
    if not (CASE / "source.pdf").is_file():
        pytest.skip(f"the shared corpus is not here ({SHARED})")
    scan = _scan_of(CASE / "source.pdf", tmp_path, 150)
    del scan
    page = tmp_path / "page-3.png"
    document = read_document(page)
    assert document.format == "image" and document.ocr
    text = document.text()
    assert "行政处罚\t4119" in text and "行政强制\t195" in text
    found = {(c.text, round(c.conf, 2) > 0) for c in document.ocr.values() if c.text == "4119"}
    assert found == {("4119", True)}


def test_pages_read_at_once_are_read_as_one_after_another(tmp_path: Path) -> None:
    """``jobs=2``: the engine reads the pages in two worker processes; the document is the
    same as read in order, and the hook is called after each page, in order."""
    _engine_or_skip()
    if not (CASE / "source.pdf").is_file():
        pytest.skip(f"the shared corpus is not here ({SHARED})")
    from PIL import Image

    from zfxxgk.readers.scan import configure_pages

    _scan_of(CASE / "source.pdf", tmp_path, 150)
    pages = [Image.open(tmp_path / f"page-{n}.png") for n in (3, 4)]
    tiff = tmp_path / "two-pages.tiff"
    pages[0].save(tiff, save_all=True, append_images=pages[1:], dpi=(150, 150))
    seen: list[tuple[str | None, int, int]] = []
    configure_pages(jobs=2, on_page=lambda source, done, total: seen.append((source, done, total)))
    try:
        document = read_document(tiff)
    finally:
        configure_pages()
    assert seen == [(str(tiff), 1, 2), (str(tiff), 2, 2)]
    text = document.text()
    assert "行政处罚\t4119" in text and "行政强制\t195" in text
    assert document.ocr and {c.page for c in document.ocr.values()} == {1, 2}


def test_a_folder_search_takes_images_when_the_engine_is_installed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from zfxxgk.readers import sources

    (tmp_path / "报告.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "扫描件.PNG").write_bytes(_png())
    (tmp_path / "第2页.tiff").write_bytes(_png())
    (tmp_path / "说明.gif").write_bytes(b"GIF89a")
    monkeypatch.setattr(sources, "_ocr_installed", lambda: False)
    assert [p.name for p in sources.find_files([tmp_path])] == ["报告.pdf"]
    monkeypatch.setattr(sources, "_ocr_installed", lambda: True)
    names = [p.name for p in sources.find_files([tmp_path])]
    assert sorted(names) == sorted(["报告.pdf", "扫描件.PNG", "第2页.tiff"])


def test_an_image_that_is_no_report_is_refused_on_its_own(tmp_path: Path) -> None:
    """A logo in a folder of reports: refused (E104), the report beside it read."""
    _engine_or_skip()
    from zfxxgk.batch import read_many

    (tmp_path / "logo.png").write_bytes(_png())
    shutil.copy(FIXTURE, tmp_path / "报告.txt")
    items = {Path(item.path).name: item for item in read_many([tmp_path])}
    assert set(items) == {"logo.png", "报告.txt"}
    logo = items["logo.png"].error
    assert logo is not None and logo.code == "E104", logo
    assert items["报告.txt"].ok
