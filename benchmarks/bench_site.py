"""The review site against ``zfxxgk check`` on the same folder: wall time, a new process each.

    python benchmarks/bench_site.py [--reports 1000] [--jobs 2] [--repeat 3]

Writes the reports of ``bench_batch.py`` (drawn by :func:`zfxxgk.strategies.reports`, with
narratives; rendered as web pages, text and Markdown in turn) into a temporary folder, then
runs, in turn, ``zfxxgk check --jobs N FOLDER`` and ``zfxxgk review --jobs N FOLDER -o SITE``
(the index, a page per report, the pages of the checks across reports, ``site.json``) as a
user would.  After one run of each to warm the file cache, each pair is timed *repeat* times;
the ratio is taken pair by pair and the median given, so that a machine whose speed drifts
moves both sides alike.  Target: the site at most 1.5 × ``check`` (issue 21).

The drawn reports are a hard case for the copying check: they cycle through 400 drawings,
so most narratives are the same text and every report has peers to compare in full.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_batch import write_reports

TARGET_RATIO = 1.5
"""``zfxxgk review`` of a folder against ``zfxxgk check`` of it (issue 21)."""


def _seconds(command: list[str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise RuntimeError(f"{command[3]} failed ({done.returncode}): {done.stderr[-500:]!r}")
    return seconds


def measure(reports: int = 1000, jobs: int = 2, repeat: int = 3) -> dict[str, float]:
    """The medians of ``check`` and ``review`` over *repeat* pairs, and of their ratios."""
    with tempfile.TemporaryDirectory(prefix="zfxxgk-bench-site-") as tmp:
        folder = Path(tmp) / "reports"
        folder.mkdir()
        write_reports(folder, reports)
        site = Path(tmp) / "site"
        base = [sys.executable, "-m", "zfxxgk.cli"]
        check = [*base, "check", "--jobs", str(jobs), "--no-progress", str(folder)]
        review = [*base, "review", "--jobs", str(jobs), "--no-progress", str(folder)]
        review += ["-o", str(site)]
        _seconds(check)  # warm the file cache and the imports' bytecode
        _seconds(review)
        checks, reviews = [], []
        for _ in range(repeat):
            checks.append(_seconds(check))
            shutil.rmtree(site)
            reviews.append(_seconds(review))
    ratios = [r / c for r, c in zip(reviews, checks, strict=True)]
    return {
        "reports": float(reports),
        "check_seconds": statistics.median(checks),
        "review_seconds": statistics.median(reviews),
        "ratio": statistics.median(ratios),
        "ratio_min": min(ratios),
        "ratio_max": max(ratios),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    row = measure(args.reports, args.jobs, args.repeat)
    print(
        f"{row['reports']:,.0f} reports, --jobs {args.jobs}: check {row['check_seconds']:.2f} s, "
        f"review {row['review_seconds']:.2f} s, review ÷ check {row['ratio']:.2f} "
        f"(pairs {row['ratio_min']:.2f}–{row['ratio_max']:.2f}; target ≤ {TARGET_RATIO:g})"
    )


if __name__ == "__main__":
    main()
