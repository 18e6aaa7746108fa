"""What hostile shapes of input cost: each read (or refused) as a multiple of reading a normal
report.

The inputs are the tests' own (``HOSTILE_SHAPES`` in ``tests/test_builder_robustness.py``,
``HOSTILE_TEXT_TABLES`` in ``tests/test_text_tables.py``): pages nested 20,000 deep, lines of
200,000 numbers, tables 2,000 columns wide …  The tests check that each is read or refused
cleanly (and fail as hung after two minutes); this script says how long it takes, as a ratio
to reading the HTML rendering of a normal report in the same process, best of N rounds,
interleaved.  The inputs are 10–100 times the size of a report; target: every input within
1,000 × a normal report (a normal read takes a few milliseconds: a few seconds at most).

    python benchmarks/bench_hostile.py [--rounds 3]
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from bench_readers import _sample, best_of  # noqa: E402

from zfxxgk import render  # noqa: E402
from zfxxgk.errors import ZfxxgkError  # noqa: E402
from zfxxgk.readers import read  # noqa: E402

TARGET = 1000.0
"""Reading (or refusing) a hostile input, as a multiple of reading a normal report."""


def inputs() -> dict[str, tuple[bytes, str]]:
    """name → (bytes, file name): the tests' hostile inputs."""
    from tests.test_builder_robustness import HOSTILE_SHAPES
    from tests.test_text_tables import HOSTILE_TEXT_TABLES

    out = dict(HOSTILE_SHAPES)
    out.update({f"text {k}": (v.encode(), "hostile.txt") for k, v in HOSTILE_TEXT_TABLES.items()})
    return out


def _read_or_refuse(data: bytes, name: str) -> None:
    with contextlib.suppress(ZfxxgkError):
        read(data, name=name)


def measure(rounds: int = 3) -> dict[str, float]:
    """name → the ratio of its read to a normal report's."""
    normal = render.to_html(_sample()).encode()
    functions = {"(normal report)": lambda: read(normal, name="r.html")}
    for key, (data, name) in inputs().items():
        functions[key] = lambda d=data, n=name: _read_or_refuse(d, n)
    times = best_of(functions, rounds)
    base = times.pop("(normal report)")
    return {name: ms / base for name, ms in times.items()} | {"(normal report, ms)": base}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    found = measure(args.rounds)
    base = found.pop("(normal report, ms)")
    print(f"normal report: {base:.1f} ms (best of {args.rounds})")
    worst = max(found.values())
    for name, ratio in sorted(found.items(), key=lambda kv: -kv[1]):
        print(f"{name:<24} {ratio:8.1f} ×")
    verdict = "meets" if worst <= TARGET else "misses"
    print(f"worst {worst:.1f} × a normal report: {verdict} the target ≤ {TARGET:.0f} ×")


if __name__ == "__main__":
    main()
