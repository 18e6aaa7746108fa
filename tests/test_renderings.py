"""The corpus's HTML, DOCX and PDF reports, rendered to text by real converters, read back.

``scripts/render_corpus.py`` makes the renderings a crawler, a researcher or a colleague
hands over — pandoc (Markdown, GitHub Markdown, plain text, RST), ``w3m -dump``,
LibreOffice's text export, ``pdftotext -layout`` — and scores each one against the case's
hand-checked cells: no wrong cell anywhere, and every rendering that keeps the numbers reads
at least 99% of its cells.  Without the converters (or the corpus) the test skips and says
why; CI installs them and sets ``ZFXXGK_REQUIRE_CONVERTERS=1``, so there a missing converter
fails instead.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import SHARED

REPO = Path(__file__).resolve().parents[1]
CORPUS = SHARED / "corpus"
REQUIRED = os.environ.get("ZFXXGK_REQUIRE_CONVERTERS") == "1"
PROGRAMS = ("pandoc", "w3m", "soffice", "pdftotext")


def test_every_rendering_of_the_corpus_reads_with_no_wrong_cell(tmp_path: Path) -> None:
    if not CORPUS.is_dir():
        pytest.skip(f"the shared corpus is not here ({CORPUS})")
    missing = [p for p in PROGRAMS if shutil.which(p) is None]
    if missing and not REQUIRED:
        pytest.skip(f"converters not installed: {', '.join(missing)} (CI installs them)")
    command = [
        sys.executable,
        str(REPO / "scripts" / "render_corpus.py"),
        "--corpus",
        str(CORPUS),
        "--out",
        str(tmp_path),
        "--require",
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=1500, check=False)
    report = done.stdout + done.stderr
    assert done.returncode == 0, report
    last = done.stdout.strip().splitlines()[-1]
    assert last.startswith("renderings ") and "failed 0" in last and "wrong 0" in last, report
