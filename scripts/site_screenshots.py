"""Screenshots of the review site for the documentation (docs/site.md).

    python scripts/site_screenshots.py [--out docs/images]

Builds the site of ``examples/reports`` with ``zfxxgk review`` into a temporary folder, opens
it in headless Chromium (the DevTools driver of ``tests/browser.py``) and writes:

- ``site-index.png``: the top of ``index.html``;
- ``site-report.png``: the page of 示例镇人民政府 2024 at its first marked cell, the finding
  under its table.

Both are reduced to a palette of 64 colours when Pillow is installed (a few dozen KB each).
Needs Chromium (``chromium`` on the PATH).
"""

from __future__ import annotations

import argparse
import base64
import io
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.browser import CHROMIUM, NO_CHROMIUM, Browser, browser  # noqa: E402

from zfxxgk.cli import main  # noqa: E402

WIDTH, HEIGHT = 1000, 620
"""The window, in CSS pixels (the pages at one scale: small files, readable text)."""

REPORT = "示例镇人民政府"
"""The example whose page is shown: it has an error on a cell of table 三."""


def _shot(chromium: Browser, url: str, scroll: str | None) -> bytes:
    chromium.open(url)
    if scroll is not None:
        chromium.evaluate(
            f"(function () {{ var e = document.querySelector({scroll!r});"
            " window.scrollTo(0, e.getBoundingClientRect().top + window.scrollY - 190); }())"
        )
    data = chromium.call("Page.captureScreenshot", format="png")["data"]
    return base64.b64decode(data)


def _small(png: bytes) -> bytes:
    """*png* with a palette of 64 colours (Pillow), or as it is without Pillow."""
    try:
        from PIL import Image
    except ImportError:  # pragma: no cover - Pillow comes with pdfplumber
        return png
    image = Image.open(io.BytesIO(png)).convert("RGB")
    out = io.BytesIO()
    image.quantize(colors=64, dither=Image.Dither.NONE).save(out, format="PNG", optimize=True)
    return out.getvalue()


def run(out: Path) -> list[Path]:
    """Build the example site and write the two screenshots into *out*."""
    if CHROMIUM is None:
        raise SystemExit(NO_CHROMIUM)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        main(["review", str(REPO / "examples" / "reports"), "-o", str(site), "--no-progress"])
        (page,) = [p for p in (site / "reports").glob("*.html") if REPORT in p.read_text("utf-8")]
        shots = {
            "site-index.png": ((site / "index.html").as_uri(), None),
            "site-report.png": (page.as_uri(), "td a.mark"),
        }
        written = []
        with browser(Path(tmp) / "chromium") as chromium:
            chromium.call(
                "Emulation.setDeviceMetricsOverride",
                width=WIDTH,
                height=HEIGHT,
                deviceScaleFactor=1,
                mobile=False,
            )
            chromium.call("Emulation.setScrollbarsHidden", hidden=True)
            for name, (url, scroll) in shots.items():
                target = out / name
                target.write_bytes(_small(_shot(chromium, url, scroll)))
                written.append(target)
    return written


def cli() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "images")
    for path in run(parser.parse_args().out):
        print(
            f"{path.relative_to(REPO) if path.is_relative_to(REPO) else path}: "
            f"{path.stat().st_size // 1024} KB"
        )


if __name__ == "__main__":
    cli()
