"""End to end: ``zfxxgk check --jobs 2`` over a folder of reports, time and peak memory.

    python benchmarks/bench_batch.py [--sizes 250 500 1000] [--jobs 2]

Writes reports drawn by :func:`zfxxgk.strategies.reports` (with narratives, see
``bench_checks.py``) into a temporary folder as rendered web pages, text and Markdown in
turn, then runs the command line on the folder as a user would — a new process, imports
included — with ``--jobs 2`` and, as the baseline, ``--jobs 1`` on the same files.  For
each size it gives the wall time of both, their ratio, and the peak memory of all the
command's processes together (sampled with psutil every 20 ms; without psutil, the largest
single process, from ``RUSAGE_CHILDREN`` of a wrapper process).  Memory should not grow
with the number of reports: results are streamed, not collected.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from zfxxgk import render

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_checks import drawn_reports

TARGET_SECONDS = 3.0
"""1,000 reports with --jobs 2, on two cores (issue 17)."""
TARGET_RATIO = 0.6
"""… as a multiple of the same with --jobs 1."""
TARGET_PEAK_MB = 150.0
"""The peak memory of all the command's processes for 1,000 reports."""
TARGET_FLAT = 1.25
"""Flat: the peak for the most reports within this multiple of the peak for the fewest."""


def write_reports(folder: Path, count: int) -> list[Path]:
    reports = drawn_reports(min(count, 400))
    paths = []
    for k in range(count):
        report = reports[k % len(reports)]
        kind = k % 3
        if kind == 0:
            path, text = folder / f"r{k:05d}.html", render.to_html(report, page=True)
        elif kind == 1:
            path, text = folder / f"r{k:05d}.txt", render.to_text(report, style="tabs")
        else:
            path, text = folder / f"r{k:05d}.md", render.to_markdown(report)
        path.write_text(text, "utf-8")
        paths.append(path)
    return paths


def _command(folder: Path, jobs: int) -> list[str]:
    return [sys.executable, "-m", "zfxxgk.cli", "check", "--jobs", str(jobs), str(folder)]


def run_check(folder: Path, jobs: int) -> tuple[float, float]:
    """(wall seconds, peak MB of the command's processes)."""
    if importlib.util.find_spec("psutil") is None:
        return _run_without_psutil(folder, jobs)
    return sampled_run(_command(folder, jobs))


def sampled_run(command: list[str]) -> tuple[float, float]:
    """Run *command* (a zfxxgk command line; exit 0 or 1 expected): (wall seconds, the peak
    MB of its processes together, sampled every 20 ms with psutil)."""
    import psutil

    start = time.perf_counter()
    proc = psutil.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    while proc.poll() is None:
        total = 0
        try:
            for p in [proc, *proc.children(recursive=True)]:
                total += p.memory_info().rss
        except psutil.Error:
            pass
        peak = max(peak, total)
        time.sleep(0.02)
    seconds = time.perf_counter() - start
    _, err = proc.communicate()
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"zfxxgk {command[3]} failed ({proc.returncode}): {err.decode()[-500:]}")
    return seconds, peak / (1024 * 1024)


def _run_without_psutil(folder: Path, jobs: int) -> tuple[float, float]:
    wrapper = (
        "import resource, subprocess, sys, time\n"
        "start = time.perf_counter()\n"
        "code = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL)\n"
        "seconds = time.perf_counter() - start\n"
        "print(seconds, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, code)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", wrapper, *_command(folder, jobs)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    if out[2] not in ("0", "1"):
        raise RuntimeError(f"zfxxgk check failed ({out[2]})")
    return float(out[0]), float(out[1])


def measure(sizes: tuple[int, ...] = (250, 500, 1000), jobs: int = 2) -> list[dict[str, float]]:
    """For each size: wall time and peak MB with *jobs* processes and with one."""
    rows = []
    with tempfile.TemporaryDirectory(prefix="zfxxgk-bench-") as tmp:
        for size in sizes:
            folder = Path(tmp) / str(size)
            folder.mkdir()
            write_reports(folder, size)
            run_check(folder, 1)  # warm the file cache and the imports' bytecode
            one, one_peak = run_check(folder, 1)
            many, many_peak = run_check(folder, jobs)
            rows.append(
                {
                    "reports": float(size),
                    "jobs": float(jobs),
                    "seconds": many,
                    "peak_mb": many_peak,
                    "baseline_seconds": one,
                    "baseline_peak_mb": one_peak,
                }
            )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[250, 500, 1000])
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    print(f"{os.cpu_count()} CPUs")
    many = f"--jobs {args.jobs} s"
    print(f"{'reports':>8} {'--jobs 1 s':>11} {many:>11} {'ratio':>6} {'peak MB':>8}")
    for row in measure(tuple(args.sizes), args.jobs):
        print(
            f"{row['reports']:8.0f} {row['baseline_seconds']:11.2f} {row['seconds']:11.2f} "
            f"{row['seconds'] / row['baseline_seconds']:6.2f} {row['peak_mb']:8.0f}"
        )


if __name__ == "__main__":
    main()
