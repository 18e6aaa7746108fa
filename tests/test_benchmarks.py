"""The benchmark script runs and writes its table (timings are not tested: too noisy)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_run_all_quick_writes_the_table(tmp_path: Path) -> None:
    out = tmp_path / "benchmarks.md"
    done = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "run_all.py"), "--quick", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    text = out.read_text("utf-8")
    assert text.startswith("# Benchmarks")
    assert "| measure | zfxxgk | baseline | ratio / rate | target | met |" in text
    for measure in ("HTML page", "DOCX", "default checks", "end to end", "peak memory"):
        assert measure in text and measure in done.stdout, measure
    assert "logical CPUs" in text and "Python 3" in text
    rows = [line for line in text.splitlines() if line.startswith("| ")]
    assert all(line.count("|") == rows[0].count("|") for line in rows[:7])
