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
    for measure in (
        "HTML page",
        "box-drawn",
        "DOCX",
        "default checks",
        "end to end",
        "peak memory",
        "review site",
    ):
        assert measure in text and measure in done.stdout, measure
    assert "logical CPUs" in text and "Python 3" in text
    rows = [line for line in text.splitlines() if line.startswith("| ")]
    assert all(line.count("|") == rows[0].count("|") for line in rows[:7])


def test_only_the_generated_block_is_rewritten(tmp_path: Path) -> None:
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        import run_all
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    summary = [["HTML page", "1 ms", "1 ms", "1×", "≤ 2×", "yes"]]
    details = {"HTML": [["input", "ms"], ["x", "1"]]}
    out = tmp_path / "benchmarks.md"
    run_all.write(out, run_all.generated(summary, details, True), "# Benchmarks\n\nold\n")
    assert out.read_text("utf-8") == "# Benchmarks\n\nold\n"  # no markers: written whole
    before, after = "# Benchmarks\n\nBefore.\n\n", "\n\n## Why\n\nAfter.\n"
    page = f"{before}{run_all.BEGIN}\nold table\n{run_all.END}{after}"
    out.write_text(page, "utf-8")
    block = run_all.generated(summary, details, True)
    run_all.write(out, block, run_all.document(summary, details, True))
    assert out.read_text("utf-8") == f"{before}{block}{after}"
