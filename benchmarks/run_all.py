"""Every speed measure in one run: one table, printed and written as Markdown.

    python benchmarks/run_all.py                       # full sizes; writes docs/benchmarks.md
    python benchmarks/run_all.py --repeat 3            # three runs: the median and the spread
    python benchmarks/run_all.py --quick --out FILE    # tiny sizes: does it run (a test)
    python benchmarks/run_all.py --repeat 3 --office-repeat 2 --site-repeat 1
                                                       # shorter, on a slow or busy machine

Only the block between the ``begin``/``end`` markers of the output file is rewritten: the
hand-written text around it (docs/benchmarks.md: how to rerun, why a target is missed)
stays.  A file without the markers is written whole.

Each measure is a ratio to a baseline timed in the same run (or, for the checks, a rate of
CPU time), so that a slower or busier machine moves both sides alike; absolute times are
given as information.  Every row prints its target and whether it is met.  With
``--repeat N`` the whole set is measured N times: each row gives the median of the runs and
their spread (lowest–highest), and "met" is judged on the median.  The measures and their
targets (issue 17; the text, DOCX and PDF rows are issue 8's):

- **Checks**: all default rules, reports a second of CPU time on one core, on the real
  reports of ``../shared/corpus`` and on reports drawn by ``zfxxgk.strategies`` with
  narratives: ≥ 3,000 each.
- **HTML**: stage one (``zfxxgk.readers.html.read``, the neutral document) against a bare
  ``lxml.html.document_fromstring`` of the same bytes, the median over the inputs (the
  shared corpus's pages when ``../shared/corpus`` is there, and rendered reports): ≤ 1.5;
  the whole read (stage one, builder, narrative: ``zfxxgk.readers.read``): ≤ 2.5.
- **Start-up**: ``zfxxgk check`` of one small text report, a new process each time with its
  bytecode cached, against ``python -c "import lxml.html"``: CPU time of the child
  processes (``RUSAGE_CHILDREN``), the median of the pairs' ratios over alternating runs:
  ≤ 2.5.
- **End to end**: ``zfxxgk check --jobs 2`` on 1,000 rendered reports (HTML, text,
  Markdown), wall time: ≤ 3 s, and ≤ 0.6 × the same with ``--jobs 1``.
- **Review site**: ``zfxxgk review --jobs 2`` of the same kind of folder (1,000 reports)
  against ``zfxxgk check --jobs 2`` of it, one pair in each run (``--site-repeat`` more:
  the median of their ratios): ≤ 1.5.
- **Memory**: the peak of all the command's processes for 250, 500 and 1,000 reports:
  flat (1,000 within 1.25 × 250) and under 150 MB for 1,000.
- **Text tables**: reading a box-drawn text report of about 30 KB (document and report)
  against reading the same report's pipe-table Markdown: ≤ 3.
- **DOCX**: ``zfxxgk.readers.docx.read`` against ``docx2python(file).body``: ≤ 1.15.
- **PDF**: ``zfxxgk.readers.pdf.read`` against pdfplumber's ``extract_text()`` of every
  page: ≤ 1.2 (both summed over the files: the corpus's, else the fixture builders'; each
  the best of two reads, ``--office-repeat``).

The end-to-end and review-site measures are most of a run's time (on the project's two-core
machine, loaded by other sessions, about 3.5 minutes each of the 8.5 a run took with
``--check-reports 500 --html-rounds 10 --batch-sizes 250 1000 --office-repeat 1``).  On a
slow or busy machine the long measures can be shortened (the options below; the page then
names them).

See ``bench_checks.py``, ``bench_readers.py``, ``bench_startup.py``, ``bench_batch.py``,
``bench_site.py`` and ``bench_office.py`` for each measure alone.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench_batch  # noqa: E402
import bench_checks  # noqa: E402
import bench_office  # noqa: E402
import bench_readers  # noqa: E402
import bench_site  # noqa: E402
import bench_startup  # noqa: E402
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


@dataclasses.dataclass(frozen=True)
class Row:
    """One row of the summary: what is measured, the two sides as text, the figure that is
    judged (a ratio, a rate, seconds, MB), how to print it, and the target."""

    measure: str
    mine: str
    baseline: str
    value: float
    shown: Callable[[float], str]
    target: str
    ok: Callable[[float], bool]


Details = dict[str, list[list[str]]]


def _times(value: float) -> str:
    return f"{value:.2f}×"


@dataclasses.dataclass(frozen=True)
class Sizes:
    """How much each measure does: the full sizes (the issues' targets are stated for them:
    1,000 reports end to end), or the tiny ones of ``--quick`` (does it run).  The long
    measures can be made shorter from the command line (``--office-repeat 2``,
    ``--batch-sizes 250 1000`` …) on a slow or busy machine; the page then says which."""

    checks: int = 1000
    """drawn reports checked (``bench_checks``)"""
    html_rounds: int = 30
    startup_runs: int = 21
    batch: tuple[int, ...] = (250, 500, 1000)
    site_reports: int = 1000
    site_repeat: int = 1
    """pairs of check and review of the folder (bench_site.py alone: 3, their median): the
    longest measure; ``--repeat 3`` gives three pairs"""
    text_rounds: int = 30
    office_repeat: int = 2
    """best of this many reads of each DOCX and PDF file (bench_office.py alone: 5)"""
    office_corpus: bool = True
    """the corpus's DOCX and PDF files (else the fixture builders' two small ones)"""

    def changed(self) -> str:
        """The options that differ from the full sizes, as typed ("" when none do)."""
        full = Sizes()
        flags = []
        for option, name in OPTIONS.items():
            value = getattr(self, name)
            if value != getattr(full, name):
                shown = " ".join(map(str, value)) if isinstance(value, tuple) else str(value)
                flags.append(f"--{option} {shown}")
        return " ".join(flags)


QUICK = Sizes(
    checks=20,
    html_rounds=2,
    startup_runs=3,
    batch=(6, 12),
    site_reports=6,
    site_repeat=1,
    text_rounds=2,
    office_repeat=1,
    office_corpus=False,
)

OPTIONS = {
    "check-reports": "checks",
    "html-rounds": "html_rounds",
    "startup-runs": "startup_runs",
    "batch-sizes": "batch",
    "site-reports": "site_reports",
    "site-repeat": "site_repeat",
    "text-rounds": "text_rounds",
    "office-repeat": "office_repeat",
}
"""Command-line option → :class:`Sizes` field."""


def _html(sizes: Sizes, corpus: Path | None, details: Details) -> list[Row]:
    html = bench_readers.measure(corpus, rounds=sizes.html_rounds)
    base = statistics.median(float(r["baseline"]) for r in html)  # type: ignore[arg-type]
    rows = []
    for key, name, target in (
        ("document", "stage one", bench_readers.TARGET),
        ("report", "whole read", bench_readers.WHOLE_TARGET),
    ):
        ratio = statistics.median(float(r[key]) / float(r["baseline"]) for r in html)  # type: ignore[arg-type]
        rows.append(
            Row(
                f"HTML page → {name} (median of {len(html)})",
                f"{statistics.median(float(r[key]) for r in html):.2f} ms",  # type: ignore[arg-type]
                f"{base:.2f} ms bare lxml",
                ratio,
                _times,
                f"≤ {target:g}×",
                lambda v, t=target: v <= t,
            )
        )
    details["HTML: stage one and the whole read against a bare lxml parse"] = [
        ["input", "KB", "lxml ms", "stage one ms", "×", "whole read ms", "×"],
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
    return rows


def _checks(sizes: Sizes, corpus: Path | None, details: Details) -> list[Row]:
    checks = bench_checks.measure(sizes.checks, corpus)
    target = bench_checks.TARGET
    rows = []
    for key, name in (("corpus", "the corpus's real reports"), ("default", "drawn reports")):
        if key not in checks:
            continue
        rows.append(
            Row(
                f"default checks, {name}",
                f"{1000 / checks[key]:.2f} ms a report",
                "—",
                checks[key],
                lambda v: f"{v:,.0f}/s",
                f"≥ {target:,.0f}/s per core",
                lambda v: v >= target,
            )
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
    return rows


def _startup(sizes: Sizes) -> list[Row]:
    found = bench_startup.measure(runs=sizes.startup_runs)
    return [
        Row(
            "`zfxxgk check` of one small text report, CPU (new process)",
            f"{found['check_ms']:.0f} ms",
            f"{found['baseline_ms']:.0f} ms `import lxml.html`",
            found["ratio"],
            _times,
            f"≤ {bench_startup.TARGET:g}×",
            lambda v: v <= bench_startup.TARGET,
        )
    ]


def _text_and_office(sizes: Sizes, details: Details) -> list[Row]:
    texts = bench_text_tables.measure(rounds=sizes.text_rounds)
    pipe, box = texts["pipe tables (.md)"][1], texts["box (.txt)"][1]
    rows = [
        Row(
            f"box-drawn text report ({texts['box (.txt)'][0]:.0f} KB) → report",
            f"{box:.2f} ms",
            f"{pipe:.2f} ms its pipe-table Markdown",
            box / pipe,
            _times,
            f"≤ {bench_text_tables.TARGET:g}×",
            lambda v: v <= bench_text_tables.TARGET,
        )
    ]
    details["Text: the same report in every text form, read whole"] = [
        ["input", "KB", "read ms", "× pipe tables"],
        *([name, f"{kb:.1f}", f"{ms:.2f}", f"{ms / pipe:.2f}"] for name, (kb, ms) in texts.items()),
    ]
    office = bench_office.measure(
        paths=None if sizes.office_corpus else [], repeat=sizes.office_repeat
    )
    for fmt, baseline in (("docx", "docx2python"), ("pdf", "pdfplumber text")):
        files = [r for r in office if r["format"] == fmt]
        if not files:
            continue
        base = sum(float(r["baseline"]) for r in files)  # type: ignore[arg-type]
        mine = sum(float(r["document"]) for r in files)  # type: ignore[arg-type]
        target = bench_office.TARGETS[fmt]
        rows.append(
            Row(
                f"{fmt.upper()} → document ({len(files)} files)",
                f"{mine:.0f} ms",
                f"{base:.0f} ms {baseline}",
                mine / base,
                _times,
                f"≤ {target:g}×",
                lambda v, t=target: v <= t,
            )
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
    return rows


def _batch(sizes: Sizes, details: Details) -> list[Row]:
    batch = bench_batch.measure(sizes.batch, jobs=2)
    largest, smallest = batch[-1], batch[0]
    n = f"{largest['reports']:,.0f}"
    peaks = [row["peak_mb"] for row in batch]
    counts = " / ".join(f"{row['reports']:,.0f}" for row in batch)
    rows = [
        Row(
            f"{n} reports end to end, --jobs 2",
            f"{largest['seconds']:.2f} s",
            "—",
            largest["seconds"],
            lambda v: f"{v:.2f} s",
            f"≤ {bench_batch.TARGET_SECONDS:g} s",
            lambda v: v <= bench_batch.TARGET_SECONDS,
        ),
        Row(
            f"{n} reports end to end, --jobs 2 against --jobs 1",
            f"{largest['seconds']:.2f} s",
            f"{largest['baseline_seconds']:.2f} s with --jobs 1",
            largest["seconds"] / largest["baseline_seconds"],
            _times,
            f"≤ {bench_batch.TARGET_RATIO:g}×",
            lambda v: v <= bench_batch.TARGET_RATIO,
        ),
        Row(
            f"peak memory, {counts} reports (--jobs 2), last ÷ first",
            " / ".join(f"{p:.0f}" for p in peaks) + " MB",
            "—",
            peaks[-1] / peaks[0],
            _times,
            f"flat (≤ {bench_batch.TARGET_FLAT:g}×)",
            lambda v: v <= bench_batch.TARGET_FLAT,
        ),
        Row(
            f"peak memory, {n} reports (--jobs 2)",
            f"{peaks[-1]:.0f} MB",
            f"{smallest['peak_mb']:.0f} MB for {smallest['reports']:,.0f}",
            peaks[-1],
            lambda v: f"{v:.0f} MB",
            f"< {bench_batch.TARGET_PEAK_MB:g} MB",
            lambda v: v < bench_batch.TARGET_PEAK_MB,
        ),
    ]
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
    return rows


def _site(sizes: Sizes) -> list[Row]:
    site = bench_site.measure(sizes.site_reports, jobs=2, repeat=sizes.site_repeat)
    return [
        Row(
            f"review site of {site['reports']:,.0f} reports against check, --jobs 2",
            f"{site['review_seconds']:.2f} s",
            f"{site['check_seconds']:.2f} s check",
            site["ratio"],
            _times,
            f"≤ {bench_site.TARGET_RATIO:g}×",
            lambda v: v <= bench_site.TARGET_RATIO,
        )
    ]


def run_once(quick: bool, sizes: Sizes | None = None) -> tuple[list[Row], Details]:
    """Every measure once: the summary rows (the issue's targets first) and the details.
    *sizes* defaults to the full sizes, or the tiny ones with *quick* (which also leaves the
    corpus out).  How long each part took goes to standard error."""
    corpus = None if quick else CORPUS
    sizes = sizes or (QUICK if quick else Sizes())
    details: Details = {}
    parts: list[tuple[str, Callable[[], list[Row]]]] = [
        ("checks", lambda: _checks(sizes, corpus, details)),
        ("HTML", lambda: _html(sizes, corpus, details)),
        ("start-up", lambda: _startup(sizes)),
        ("end to end", lambda: _batch(sizes, details)),
        ("review site", lambda: _site(sizes)),
        ("text, DOCX, PDF", lambda: _text_and_office(sizes, details)),
    ]
    rows: list[Row] = []
    for name, part in parts:
        start = time.perf_counter()
        rows += part()
        print(f"  {name}: {time.perf_counter() - start:.0f} s", file=sys.stderr)
    return rows, details


def combine(runs: list[list[Row]]) -> list[list[str]]:
    """The summary table's rows: each row's median over the runs (the texts of the run that
    gave it), its spread when there are several, and whether the median meets the target."""
    table = []
    for same in zip(*runs, strict=True):
        ordered = sorted(same, key=lambda row: row.value)
        middle = ordered[(len(ordered) - 1) // 2]
        value = statistics.median(row.value for row in same)
        figure = middle.shown(value)
        if len(same) > 1:
            low, high = ordered[0].value, ordered[-1].value
            figure += f" ({middle.shown(low)} – {middle.shown(high)})"
        table.append(
            [
                middle.measure,
                middle.mine,
                middle.baseline,
                figure,
                middle.target,
                _yes(middle.ok(value)),
            ]
        )
    return table


def run(
    quick: bool, repeat: int = 1, sizes: Sizes | None = None
) -> tuple[list[list[str]], Details]:
    """The summary rows over *repeat* runs and the detail tables of the last run."""
    runs = []
    details: Details = {}
    for k in range(repeat):
        if repeat > 1:
            print(f"run {k + 1} of {repeat} …", file=sys.stderr)
        rows, details = run_once(quick, sizes)
        runs.append(rows)
    return combine(runs), details


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


def generated(
    summary: list[list[str]], details: Details, quick: bool, repeat: int = 1, sized: str = ""
) -> str:
    """The generated block: when, on what, the summary table and the detail tables.  *sized*:
    the options that made some measures shorter than the full sizes (:meth:`Sizes.changed`)."""
    when = dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    flags = (" --quick" if quick else "") + (f" --repeat {repeat}" if repeat > 1 else "")
    flags += f" {sized}" if sized else ""
    runs = (
        f" Each row is the median of {repeat} runs of the whole set, with the lowest and "
        "highest in brackets (the machine's spread); the detail tables are the last run's."
        if repeat > 1
        else ""
    )
    parts = [
        BEGIN,
        "",
        f"Run {when} with `python benchmarks/run_all.py{flags}`"
        f"{' (tiny sizes)' if quick else ''} on: {machine()}.",
        "",
        "Each measure is a ratio to a baseline timed in the same run, or a rate of CPU time, "
        "so a slower or busier machine moves both sides alike; absolute times are for "
        "information. What each row measures is in the docstring of "
        f"`benchmarks/run_all.py`.{runs}",
        "",
        markdown_table([SUMMARY_HEAD, *summary]),
        "",
    ]
    for title, rows in details.items():
        parts += [f"### {title}", "", markdown_table(rows), ""]
    return "\n".join([*parts, END])


def document(
    summary: list[list[str]], details: Details, quick: bool, repeat: int = 1, sized: str = ""
) -> str:
    """A whole page: a title and the generated block."""
    block = generated(summary, details, quick, repeat, sized)
    return f"# Benchmarks\n\n## Results\n\n{block}\n"


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
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        metavar="N",
        help="measure everything N times: the median of each row and its spread",
    )
    full = Sizes()
    for option, name in OPTIONS.items():
        default = getattr(full, name)
        shown = " ".join(map(str, default)) if isinstance(default, tuple) else str(default)
        parser.add_argument(
            f"--{option}",
            dest=name,
            type=int,
            nargs="+" if isinstance(default, tuple) else None,
            metavar="N",
            help=f"instead of {shown}",
        )
    args = parser.parse_args()
    repeat = max(1, args.repeat)
    base = QUICK if args.quick else full
    chosen: dict[str, Any] = {}
    for name in OPTIONS.values():
        value = getattr(args, name)
        if value:
            chosen[name] = tuple(value) if isinstance(value, list) else value
    sizes = dataclasses.replace(base, **chosen)
    sized = "" if args.quick else sizes.changed()
    start = time.perf_counter()
    summary, details = run(args.quick, repeat, sizes)
    print(plain_table([SUMMARY_HEAD, *summary]))
    write(
        args.out,
        generated(summary, details, args.quick, repeat, sized),
        document(summary, details, args.quick, repeat, sized),
    )
    print(f"\n{time.perf_counter() - start:.0f} s in all", file=sys.stderr)
    print(f"\nwritten to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
