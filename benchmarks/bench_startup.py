"""Start-up: the CPU time of ``zfxxgk check`` on one small text report, a new process each
time, against ``python -c "import lxml.html"``.

    python benchmarks/bench_startup.py [--runs 21] [--report FILE]

Both commands are started in turn, A B A B …, each as a new process with the package's
bytecode cached (a first run of each, not counted, writes it even where
``PYTHONDONTWRITEBYTECODE`` is set).  The CPU time of each run is what
``resource.getrusage(RUSAGE_CHILDREN)`` adds up for it (user + system); the ratio is the
median of the ratios of the pairs, so that a machine whose speed drifts during the runs moves
both sides of each pair alike.  The report is ``examples/reports/示例镇人民政府-2024.txt``
(3.5 KB): reading and checking it takes under 10 ms once the process has started, so what is
measured is the start.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPORT = HERE.parent / "examples" / "reports" / "示例镇人民政府-2024.txt"

TARGET = 2.5
"""``zfxxgk check`` of one small text report, as a multiple of ``import lxml.html``."""

BASELINE = [sys.executable, "-c", "import lxml.html"]


def command(report: Path = REPORT) -> list[str]:
    return [sys.executable, "-m", "zfxxgk", "check", "--no-progress", str(report)]


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _run(argv: list[str], env: dict[str, str] | None = None) -> float:
    """The CPU seconds of one run of *argv* (its exit code is not looked at: check exits 1
    when it finds an error)."""
    before = _cpu()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
    return _cpu() - before


def measure(runs: int = 21, report: Path = REPORT) -> dict[str, float]:
    """Median CPU seconds of ``zfxxgk check`` and of the baseline over *runs* pairs, and the
    median of the pairs' ratios with the lowest and highest (the machine's spread)."""
    writing = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    _run(command(report), writing)  # bytecode written: every counted run finds it cached
    _run(BASELINE, writing)
    mine: list[float] = []
    base: list[float] = []
    for _ in range(runs):
        mine.append(_run(command(report)))
        base.append(_run(BASELINE))
    ratios = [m / b for m, b in zip(mine, base, strict=True) if b > 0]
    return {
        "runs": float(runs),
        "check_ms": statistics.median(mine) * 1000,
        "baseline_ms": statistics.median(base) * 1000,
        "ratio": statistics.median(ratios),
        "ratio_min": min(ratios),
        "ratio_max": max(ratios),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--report", type=Path, default=REPORT)
    args = parser.parse_args()
    result = measure(args.runs, args.report)
    print(
        f"zfxxgk check {result['check_ms']:.0f} ms CPU, import lxml.html "
        f"{result['baseline_ms']:.0f} ms: {result['ratio']:.2f}× "
        f"(pairs {result['ratio_min']:.2f}–{result['ratio_max']:.2f}×; target ≤ {TARGET:g}×)"
    )


if __name__ == "__main__":
    main()
