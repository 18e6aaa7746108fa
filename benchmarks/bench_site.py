"""The review site against ``zfxxgk check`` on the same folder: wall time, a new process each.

    python benchmarks/bench_site.py [--reports 1000] [--jobs 2] [--repeat 3]
    python benchmarks/bench_site.py --memory [--sizes 250 1000]

Writes the reports of ``bench_batch.py`` (drawn by :func:`zfxxgk.strategies.reports`, with
narratives; rendered as web pages, text and Markdown in turn) into a temporary folder, then
runs, in turn, ``zfxxgk check --jobs N FOLDER`` and ``zfxxgk review --jobs N FOLDER -o SITE``
(the index, a page per report, the pages of the checks across reports, ``site.json``) as a
user would.  After one run of each to warm the file cache, each pair is timed *repeat* times;
the ratio is taken pair by pair and the median given, so that a machine whose speed drifts
moves both sides alike.  Target: the site at most 1.5 × ``check`` (issue 21).

The drawn reports are a hard case for the copying check: they cycle through 400 drawings,
so most narratives are the same text and every report has peers to compare in full.

With ``--memory``, the peak memory of all the processes of ``review`` and of ``check`` (as
``bench_batch.py`` samples it, with psutil) for each size: the site keeps a few kilobytes of
each report, not the report, so its peak should not grow with the folder (target: the peak
for the most reports within 1.25 × the peak for the fewest, as ``check``).
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
from bench_batch import TARGET_FLAT, sampled_run, write_reports

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


def _peak_mb(command: list[str]) -> float:
    """The peak memory of *command*'s processes together (:func:`bench_batch.sampled_run`)."""
    return sampled_run(command)[1]


def memory(sizes: tuple[int, ...] = (250, 1000), jobs: int = 2) -> list[dict[str, float]]:
    """For each size: the peak MB of ``review`` and of ``check`` (all their processes)."""
    rows = []
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix="zfxxgk-bench-site-") as tmp:
            folder = Path(tmp) / "reports"
            folder.mkdir()
            write_reports(folder, size)
            base = [sys.executable, "-m", "zfxxgk.cli"]
            check = [*base, "check", "--jobs", str(jobs), "--no-progress", str(folder)]
            review = [*base, "review", "--jobs", str(jobs), "--no-progress", str(folder)]
            review += ["-o", str(Path(tmp) / "site")]
            rows.append(
                {"reports": float(size), "review_mb": _peak_mb(review), "check_mb": _peak_mb(check)}
            )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--memory", action="store_true", help="peak memory, not time")
    parser.add_argument("--sizes", type=int, nargs="+", default=[250, 1000])
    args = parser.parse_args()
    if args.memory:
        rows = memory(tuple(args.sizes), args.jobs)
        for row in rows:
            print(
                f"{row['reports']:,.0f} reports, --jobs {args.jobs}: peak review "
                f"{row['review_mb']:.0f} MB, check {row['check_mb']:.0f} MB"
            )
        growth = rows[-1]["review_mb"] / rows[0]["review_mb"]
        print(f"review peak growth {growth:.2f} × (target ≤ {TARGET_FLAT:g})")
        return
    row = measure(args.reports, args.jobs, args.repeat)
    print(
        f"{row['reports']:,.0f} reports, --jobs {args.jobs}: check {row['check_seconds']:.2f} s, "
        f"review {row['review_seconds']:.2f} s, review ÷ check {row['ratio']:.2f} "
        f"(pairs {row['ratio_min']:.2f}–{row['ratio_max']:.2f}; target ≤ {TARGET_RATIO:g})"
    )


if __name__ == "__main__":
    main()
