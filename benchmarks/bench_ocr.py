"""Benchmark reading scans by OCR: seconds per page, and the share spent in the OCR engine.

    python benchmarks/bench_ocr.py [SCAN.pdf|IMAGE ...] [--dpi 150]

Without arguments it makes a scan of ``../shared/corpus/hongze-2023-pdf`` (``pdftoppm -gray``
at ``--dpi``, pages wrapped into an image-only PDF, in a temporary folder) and reads that.
Each file is read once through :func:`zfxxgk.readers.read` (stage one and the builder, the
proofreader included) in a fresh process state for the engine's clock; the OCR cache
(``ZFXXGK_OCR_CACHE``) is switched off.  Prints, per file: pages, seconds, seconds per page,
seconds inside the engine (detection and recognition, :func:`zfxxgk.readers._ocr.engine_seconds`)
and the library's share (rendering, straightening, ruling, geometry, building, proofreading).
The engine is loaded (its models read) once before timing.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CASE = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "hongze-2023-pdf"


def make_scan(pdf: Path, dpi: int, folder: Path) -> Path:
    from PIL import Image

    subprocess.run(
        ["pdftoppm", "-gray", "-r", str(dpi), "-png", str(pdf), str(folder / "page")], check=True
    )
    pages = [Image.open(p).convert("L") for p in sorted(folder.glob("page*.png"))]
    out = folder / "scan.pdf"
    pages[0].save(out, save_all=True, append_images=pages[1:], resolution=float(dpi))
    return out


def bench(path: Path) -> None:
    from zfxxgk.readers import _ocr, read

    before = _ocr.engine_seconds()
    start = time.perf_counter()
    result = read(path)
    total = time.perf_counter() - start
    engine = _ocr.engine_seconds() - before
    assert result.document is not None
    pages = int(result.document.metadata.get("pages", "0")) or 1
    print(
        f"{path.name}: {pages} pages, {total:.1f} s, {total / pages:.1f} s/page; "
        f"OCR engine {engine:.1f} s ({engine / total:.0%}), library {total - engine:.1f} s "
        f"({(total - engine) / total:.0%})",
        flush=True,
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--dpi", type=int, default=150)
    args = ap.parse_args()
    os.environ.pop("ZFXXGK_OCR_CACHE", None)
    from zfxxgk.readers import _ocr

    if not _ocr.available():
        print("the OCR engine is not installed: pip install 'zfxxgk[ocr]'")
        return 1
    _ocr._engine()  # load the models before timing
    with tempfile.TemporaryDirectory() as tmp:
        files = args.files or [make_scan(CASE / "source.pdf", args.dpi, Path(tmp))]
        for path in files:
            bench(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
