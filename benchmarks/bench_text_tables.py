"""What reading tables from the geometry of text costs: a box-drawn text report against the
same report as Markdown pipe tables.

The two files hold the same report — the same narrative, the same cells — one with its
tables drawn in box lines (``zfxxgk.render.to_text(style="box")``, as a text browser dumps
a page), the other with pipe tables (``zfxxgk.render.to_markdown``).  The narrative is
padded so that the box-drawn file is about 30 KB, the size of a real report's text.  Both
are read whole (``zfxxgk.read``: document and report), interleaved in one process, best of
N rounds; the measure is the ratio, which a slower or busier machine moves alike.  The other
text styles are timed too, for information.  Target: box-drawn ≤ 3 × pipe tables.

    python benchmarks/bench_text_tables.py [--rounds 30] [--kb 30]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import attrs

from zfxxgk import render
from zfxxgk.readers import read

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_readers import _sample, best_of  # noqa: E402

TARGET = 3.0
"""Reading a box-drawn text report, as a multiple of reading its pipe-table Markdown."""


def inputs(kb: float = 30) -> dict[str, tuple[str, bytes]]:
    """name → (file name, bytes) of the same report in every text form."""
    report = _sample()
    sentence = "全年通过政府网站主动公开政府信息2488条，政策解读45篇，回应关切12次。"
    for n in range(1, 400):
        padded = attrs.evolve(report, overview="\n".join([sentence] * n))
        if len(render.to_text(padded, style="box").encode()) >= kb * 1024:
            report = padded
            break
    out = {"pipe tables (.md)": ("r.md", render.to_markdown(report).encode())}
    for style in ("box", "ascii", "aligned", "pandoc", "tabs"):
        text = render.to_text(report, style=style)  # type: ignore[arg-type]
        out[f"{style} (.txt)"] = ("r.txt", text.encode())
    return out


def measure(rounds: int = 30, kb: float = 30) -> dict[str, tuple[float, float]]:
    """name → (KB, best ms of the whole read)."""
    found = inputs(kb)
    functions = {name: (lambda n=n, d=d: read(d, name=n)) for name, (n, d) in found.items()}
    times = best_of(functions, rounds)
    return {name: (len(found[name][1]) / 1024, times[name]) for name in found}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--kb", type=float, default=30)
    args = parser.parse_args()
    rows = measure(args.rounds, args.kb)
    base = rows["pipe tables (.md)"][1]
    print(f"{'input':<20} {'KB':>6} {'read ms':>9} {'× pipe':>8}")
    for name, (size, ms) in rows.items():
        print(f"{name:<20} {size:>6.1f} {ms:>9.2f} {ms / base:>7.2f}×")
    ratio = rows["box (.txt)"][1] / base
    print(f"\nbox-drawn / pipe tables: {ratio:.2f}× (target ≤ {TARGET:.0f}×)")


if __name__ == "__main__":
    main()
