"""Every speed measure in one run: one table, printed and written as Markdown.

    python benchmarks/run_all.py                       # full sizes; writes docs/benchmarks.md
    python benchmarks/run_all.py --quick --out FILE    # tiny sizes: does it run (a test)

Only the block between the ``begin``/``end`` markers of the output file is rewritten: the
hand-written text around it (docs/benchmarks.md: how to rerun, why a target is missed)
stays.  A file without the markers is written whole.

Each measure is a ratio to a baseline timed in the same run (or, for the checks, a rate of
CPU time), so that a slower or busier machine moves both sides alike; absolute times are
given as information.  The measures and their targets:

- **HTML**: stage one (``zfxxgk.readers.html.read``, the neutral document) against a bare
  ``lxml.html.document_fromstring`` of the same bytes; the median over the inputs (the
  shared corpus's pages when ``../shared/corpus`` is there, and rendered reports): ≤ 2.
- **Text tables**: reading a box-drawn text report of about 30 KB (document and report)
  against reading the same report's pipe-table Markdown: ≤ 3.
- **DOCX**: ``zfxxgk.readers.docx.read`` against ``docx2python(file).body``: ≤ 1.15.
- **PDF**: ``zfxxgk.readers.pdf.read`` against pdfplumber's ``extract_text()`` of every
  page: ≤ 1.2 (both summed over the files: the corpus's, else the fixture builders').
- **Checks**: all default rules, reports a second of CPU time on one core, on reports drawn
  by ``zfxxgk.strategies`` with narratives: ≥ 5,000.
- **End to end**: ``zfxxgk check --jobs 2`` on 1,000 rendered reports (HTML, text,
  Markdown), wall time: ≤ 5 s on two cores; ``--jobs 1`` on the same files is the baseline.
- **Memory**: the peak of all the command's processes for 250, 500 and 1,000 reports:
  flat (1,000 within 1.25 × 250).

See ``bench_readers.py``, ``bench_office.py``, ``bench_checks.py`` and ``bench_batch.py``
for each measure alone.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import sys
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench_batch  # noqa: E402
import bench_checks  # noqa: E402
import bench_office  # noqa: E402
import bench_readers  # noqa: E402
import bench_text_tables  # noqa: E402

DOCS = HERE.parent / "docs" / "benchmarks.md"
CORPUS = HERE.parent.parent / "shared" / "corpus"


def machine() -> str:
    """CPU, cores, OS, Python and the parsing libraries' versions."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = []
    for package in ("zfxxgk", "lxml", "docx2python", "pdfplumber", "pdfminer.six", "hypothesis"):
        try:
            versions.append(f"{package} {metadata.version(package)}")
        except metadata.PackageNotFoundError:
            continue
    from lxml import etree

    libxml2 = ".".join(map(str, etree.LIBXML_VERSION))
    return (
        f"{cpu}, {os.cpu_count()} logical CPUs; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}; {', '.join(versions)}; libxml2 {libxml2}"
    )


def _yes(ok: bool) -> str:
    return "yes" if ok else "**no**"


def run(quick: bool) -> tuple[list[list[str]], dict[str, list[list[str]]]]:
    """The summary rows and the detail tables."""
    corpus = None if quick else CORPUS
    summary: list[list[str]] = []
    details: dict[str, list[list[str]]] = {}

    html = bench_readers.measure(corpus, rounds=2 if quick else 30)
    ratios = [float(r["document"]) / float(r["baseline"]) for r in html]  # type: ignore[arg-type]
    median = statistics.median(ratios)
    summary.append(
        [
            f"HTML page → document (median of {len(html)})",
            f"{statistics.median(float(r['document']) for r in html):.2f} ms",  # type: ignore[arg-type]
            f"{statistics.median(float(r['baseline']) for r in html):.2f} ms bare lxml",  # type: ignore[arg-type]
            f"{median:.2f}×",
            f"≤ {bench_readers.TARGET:g}×",
            _yes(median <= bench_readers.TARGET),
        ]
    )
    details["HTML: stage one and the whole read against a bare lxml parse"] = [
        ["input", "KB", "lxml ms", "document ms", "×", "whole read ms", "×"],
        *(
            [
                str(r["input"]),
                f"{r['kb']:.0f}",
                f"{r['baseline']:.2f}",
                f"{r['document']:.2f}",
                f"{float(r['document']) / float(r['baseline']):.2f}",  # type: ignore[arg-type]
                f"{r['report']:.2f}",
                f"{float(r['report']) / float(r['baseline']):.2f}",  # type: ignore[arg-type]
            ]
            for r in html
        ),
    ]

    texts = bench_text_tables.measure(rounds=2 if quick else 30)
    pipe, box = texts["pipe tables (.md)"][1], texts["box (.txt)"][1]
    summary.append(
        [
            f"box-drawn text report ({texts['box (.txt)'][0]:.0f} KB) → report",
            f"{box:.2f} ms",
            f"{pipe:.2f} ms its pipe-table Markdown",
            f"{box / pipe:.2f}×",
            f"≤ {bench_text_tables.TARGET:g}×",
            _yes(box / pipe <= bench_text_tables.TARGET),
        ]
    )
    details["Text: the same report in every text form, read whole"] = [
        ["input", "KB", "read ms", "× pipe tables"],
        *([name, f"{kb:.1f}", f"{ms:.2f}", f"{ms / pipe:.2f}"] for name, (kb, ms) in texts.items()),
    ]

    office = bench_office.measure(paths=[] if quick else None, repeat=1 if quick else 5)
    for fmt, baseline in (("docx", "docx2python"), ("pdf", "pdfplumber text")):
        rows = [r for r in office if r["format"] == fmt]
        if not rows:
            continue
        base = sum(float(r["baseline"]) for r in rows)  # type: ignore[arg-type]
        mine = sum(float(r["document"]) for r in rows)  # type: ignore[arg-type]
        target = bench_office.TARGETS[fmt]
        summary.append(
            [
                f"{fmt.upper()} → document ({len(rows)} files)",
                f"{mine:.0f} ms",
                f"{base:.0f} ms {baseline}",
                f"{mine / base:.2f}×",
                f"≤ {target:g}×",
                _yes(mine / base <= target),
            ]
        )
    details["DOCX and PDF against their libraries' own plain extraction"] = [
        ["file", "KB", "baseline ms", "zfxxgk ms", "×"],
        *(
            [
                str(r["input"]),
                f"{r['kb']:.0f}",
                f"{r['baseline']:.0f}",
                f"{r['document']:.0f}",
                f"{float(r['document']) / float(r['baseline']):.2f}",  # type: ignore[arg-type]
            ]
            for r in office
        ),
    ]

    checks = bench_checks.measure(20 if quick else 1000, corpus)
    summary.append(
        [
            "default checks, drawn reports with narratives",
            f"{1000 / checks['default']:.2f} ms a report",
            "—",
            f"{checks['default']:,.0f} /s per core",
            f"≥ {bench_checks.TARGET:,.0f} /s",
            _yes(checks["default"] >= bench_checks.TARGET),
        ]
    )
    check_rows = [
        ["rules", "reports", "reports/s per core (CPU time)"],
        [
            "default (tables, narrative, text)",
            f"{checks['reports']:.0f}",
            f"{checks['default']:,.0f}",
        ],
        ["table rules only", f"{checks['reports']:.0f}", f"{checks['tables']:,.0f}"],
    ]
    if "corpus" in checks:
        check_rows.append(
            [
                "default, the corpus's reports",
                f"{checks['corpus_reports']:.0f}",
                f"{checks['corpus']:,.0f}",
            ]
        )
    details["Checks per report"] = check_rows

    sizes = (6, 12) if quick else (250, 500, 1000)
    batch = bench_batch.measure(sizes, jobs=2)
    largest = batch[-1]
    summary.append(
        [
            f"{largest['reports']:,.0f} reports end to end, --jobs 2",
            f"{largest['seconds']:.2f} s",
            f"{largest['baseline_seconds']:.2f} s with --jobs 1",
            f"{largest['seconds'] / largest['baseline_seconds']:.2f}×",
            f"≤ {bench_batch.TARGET_SECONDS:g} s",
            _yes(largest["seconds"] <= bench_batch.TARGET_SECONDS),
        ]
    )
    peaks = [row["peak_mb"] for row in batch]
    summary.append(
        [
            "peak memory, " + " / ".join(f"{row['reports']:,.0f}" for row in batch) + " reports",
            " / ".join(f"{p:.0f}" for p in peaks) + " MB",
            "—",
            f"{peaks[-1] / peaks[0]:.2f}× from first to last",
            "flat (≤ 1.25×)",
            _yes(peaks[-1] <= 1.25 * peaks[0]),
        ]
    )
    details["End to end: zfxxgk check on a folder"] = [
        ["reports", "--jobs 1 s", "--jobs 2 s", "×", "peak MB (--jobs 2)", "peak MB (--jobs 1)"],
        *(
            [
                f"{row['reports']:,.0f}",
                f"{row['baseline_seconds']:.2f}",
                f"{row['seconds']:.2f}",
                f"{row['seconds'] / row['baseline_seconds']:.2f}",
                f"{row['peak_mb']:.0f}",
                f"{row['baseline_peak_mb']:.0f}",
            ]
            for row in batch
        ),
    ]
    return summary, details


def markdown_table(rows: list[list[str]]) -> str:
    head, *body = rows
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(row) + " |" for row in body]
    return "\n".join(lines)


def plain_table(rows: list[list[str]]) -> str:
    widths = [max(len(row[k]) for row in rows) for k in range(len(rows[0]))]
    return "\n".join(
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) for row in rows
    )


SUMMARY_HEAD = ["measure", "zfxxgk", "baseline", "ratio / rate", "target", "met"]


BEGIN = "<!-- begin: written by benchmarks/run_all.py; do not edit by hand -->"
END = "<!-- end: written by benchmarks/run_all.py -->"


def generated(summary: list[list[str]], details: dict[str, list[list[str]]], quick: bool) -> str:
    """The generated block: when, on what, the summary table and the detail tables."""
    when = dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    parts = [
        BEGIN,
        "",
        f"Run {when} with `python benchmarks/run_all.py`{' --quick (tiny sizes)' if quick else ''}"
        f" on: {machine()}.",
        "",
        "Each measure is a ratio to a baseline timed in the same run, or a rate of CPU time, "
        "so a slower or busier machine moves both sides alike; absolute times are for "
        "information. What each row measures is in the docstring of "
        "`benchmarks/run_all.py`.",
        "",
        markdown_table([SUMMARY_HEAD, *summary]),
        "",
    ]
    for title, rows in details.items():
        parts += [f"### {title}", "", markdown_table(rows), ""]
    return "\n".join([*parts, END])


def document(summary: list[list[str]], details: dict[str, list[list[str]]], quick: bool) -> str:
    """A whole page: a title and the generated block."""
    return f"# Benchmarks\n\n## Results\n\n{generated(summary, details, quick)}\n"


def write(out: Path, block: str, page: str) -> None:
    """Write *page* to *out*; when *out* already holds a generated block, replace only that
    block and keep the hand-written text around it."""
    try:
        old = out.read_text("utf-8")
    except FileNotFoundError:
        old = ""
    start, end = old.find(BEGIN), old.find(END)
    if 0 <= start < end:
        out.write_text(old[:start] + block + old[end + len(END) :], "utf-8")
    else:
        out.write_text(page, "utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="tiny sizes, no corpus")
    parser.add_argument("--out", type=Path, default=DOCS, help="the Markdown file to write")
    args = parser.parse_args()
    summary, details = run(args.quick)
    print(plain_table([SUMMARY_HEAD, *summary]))
    write(args.out, generated(summary, details, args.quick), document(summary, details, args.quick))
    print(f"\nwritten to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
