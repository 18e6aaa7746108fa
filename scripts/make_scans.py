"""Make scans of the corpus's PDF and DOCX cases, and score reading them by OCR.

Each case's report is rasterised page by page (a DOCX is first converted to PDF by
LibreOffice: ``soffice --headless --convert-to pdf``; then ``pdftoppm -gray`` at each
resolution), some pages slightly turned or speckled with noise (seeded: the same scans every
time), and the images wrapped into an image-only PDF.  Each scan is written as a case folder
of its own (``source.pdf`` and the original's ``cells.csv``) under ``--out``, outside the
repository; ``--score`` then runs ``score_corpus.py --cmd`` on them::

    python scripts/make_scans.py --out /tmp/scans --score
    python scripts/make_scans.py --out /tmp/scans --cases hongze-2023-pdf --dpi 150

Needs LibreOffice (DOCX only), poppler-utils (``pdftoppm``) and Pillow.  Nothing here is
committed: the scans are made anew from the corpus.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
SCORE = Path(__file__).resolve().parents[2] / "shared" / "tools" / "score_corpus.py"


def _shared(path: Path) -> Path:
    """*path*, or the same under /work/shared when the repository is not beside shared/."""
    return path if path.exists() else Path("/work/shared") / path.relative_to(path.parents[2])


def source_pdf(case: Path, work: Path) -> Path | None:
    """The case's report as a PDF (a DOCX converted by LibreOffice), or None."""
    pdf = case / "source.pdf"
    if pdf.is_file():
        return pdf
    docx = case / "source.docx"
    if not docx.is_file():
        return None
    out = work / case.name
    out.mkdir(parents=True, exist_ok=True)
    wide = out / "source.docx"
    widened(docx, wide)
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(out), str(wide)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return out / "source.pdf"


def widened(docx: Path, out: Path) -> None:
    """*docx* copied to *out*, its pages made wide enough for its widest table.

    A table wider than the page's text area runs off the page when LibreOffice prints it (上海
    2019: tables of 16224 twips on an A4 page whose text area is 10205), and a scan of that
    print would not hold the cells; an agency printing its report for the scanner fits them
    on the sheet.  The sheet is widened (``w:pgSz``) so that the widest table fits between the
    margins; a document whose tables fit is copied unchanged.
    """
    with zipfile.ZipFile(docx) as src:
        xml = src.read("word/document.xml").decode("utf-8")
        widest = max(
            (
                sum(int(w) for w in re.findall(r'<w:gridCol\b[^>]*w:w="(\d+)"', grid))
                for grid in re.findall(r"<w:tblGrid>(.*?)</w:tblGrid>", xml, re.S)
            ),
            default=0,
        )

        def page(match: re.Match[str]) -> str:
            size, margins = match.group(1), match.group(2)
            width = int(re.search(r'w:w="(\d+)"', size).group(1))  # type: ignore[union-attr]
            sides = sum(int(v) for v in re.findall(r'w:(?:left|right)="(\d+)"', margins))
            if widest + sides <= width:
                return match.group(0)
            wider = size.replace(f'w:w="{width}"', f'w:w="{widest + sides + 360}"')
            return match.group(0).replace(size, wider)

        xml = re.sub(r"(<w:pgSz\b[^>]*>).*?(<w:pgMar\b[^>]*>)", page, xml, flags=re.S)
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            for item in src.infolist():
                data = xml.encode("utf-8") if item.filename == "word/document.xml" else None
                dst.writestr(item, data if data is not None else src.read(item.filename))


def rasterise(pdf: Path, dpi: int, work: Path) -> list[Path]:
    """The pages of *pdf* as grey PNG images at *dpi*."""
    prefix = work / f"page-{dpi}"
    subprocess.run(
        ["pdftoppm", "-gray", "-r", str(dpi), "-png", str(pdf), str(prefix)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return sorted(work.glob(f"page-{dpi}*.png"))


def spoil(image: object, page: int, rng: random.Random) -> object:
    """Every third page turned by up to a degree; every third (another) speckled with noise."""
    from PIL import Image

    assert isinstance(image, Image.Image)
    if page % 3 == 1:
        angle = rng.uniform(0.3, 1.0) * rng.choice((-1, 1))
        image = image.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255, expand=False)
    elif page % 3 == 2:
        pixels = image.load()
        assert pixels is not None
        width, height = image.size
        for _ in range(width * height // 500):  # 0.2 % of the pixels: dark or light specks
            x, y = rng.randrange(width), rng.randrange(height)
            pixels[x, y] = rng.choice((0, 90, 255))
    return image


def make_scan(case: Path, dpi: int, out: Path, work: Path) -> Path | None:
    """The scan of *case* at *dpi* as a case folder under *out*, or None (no PDF or DOCX)."""
    from PIL import Image

    pdf = source_pdf(case, work)
    if pdf is None:
        return None
    pages_dir = work / f"{case.name}-{dpi}"
    pages_dir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(f"{case.name}-{dpi}")
    images = [
        spoil(Image.open(p).convert("L"), k, rng)
        for k, p in enumerate(rasterise(pdf, dpi, pages_dir))
    ]
    target = out / f"{case.name}-scan{dpi}"
    target.mkdir(parents=True, exist_ok=True)
    first, *rest = images
    assert isinstance(first, Image.Image)
    first.save(target / "source.pdf", save_all=True, append_images=rest, resolution=float(dpi))
    shutil.copy(case / "cells.csv", target / "cells.csv")
    return target


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "zfxxgk-scans")
    ap.add_argument("--corpus", type=Path, default=_shared(CORPUS))
    ap.add_argument("--cases", nargs="*", help="case names (default: every PDF and DOCX case)")
    ap.add_argument("--dpi", type=int, nargs="*", default=[150, 200])
    ap.add_argument("--score", action="store_true", help="score the scans with score_corpus.py")
    ap.add_argument("--cmd", default=f"{sys.executable} -m zfxxgk export --format csv")
    args = ap.parse_args()
    names = args.cases or sorted(
        p.parent.name for p in args.corpus.glob("*/source.*") if p.suffix in (".pdf", ".docx")
    )
    made: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            for dpi in args.dpi:
                scan = make_scan(args.corpus / name, dpi, args.out, Path(tmp))
                if scan is not None:
                    made.append(scan)
                    print(f"made {scan}", flush=True)
    if not args.score:
        return 0
    score = _shared(SCORE)
    command = [sys.executable, str(score), "--cmd", args.cmd, "--timeout", "1800", "-v"]
    return subprocess.run([*command, *map(str, made)], check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
