"""Benchmark the DOCX and PDF readers against their libraries' own plain extraction.

    python benchmarks/bench_office.py [FILE_OR_DIR ...] [--repeat N]

For every ``.docx`` the baseline is ``docx2python(file).body``; for every ``.pdf`` it is
pdfplumber's ``page.extract_text()`` over all pages.  The reader is
:func:`zfxxgk.readers.docx.read` / :func:`zfxxgk.readers.pdf.read` (stage one: file →
Document).  Each measurement is the best of ``--repeat`` runs.  Prints one line per file
and, per format, the ratio of summed best times (targets: DOCX ≤ 1.15, PDF ≤ 1.2).
Without arguments it uses the ``*-docx``/``*-pdf`` cases of ``../shared/corpus``.
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from collections.abc import Callable
from pathlib import Path

TARGETS = {"docx": 1.15, "pdf": 1.2}


def best_of(fns: list[Callable[[], object]], repeat: int) -> list[float]:
    """Best time of each function, runs interleaved so that machine noise hits all alike."""
    for fn in fns:
        fn()  # warm up (imports, caches)
    best = [float("inf")] * len(fns)
    for _ in range(repeat):
        for i, fn in enumerate(fns):
            start = time.perf_counter()
            fn()
            best[i] = min(best[i], time.perf_counter() - start)
    return best


def baseline_docx(data: bytes) -> None:
    from docx2python import docx2python

    with docx2python(io.BytesIO(data)) as content:
        _ = content.body


def baseline_pdf(data: bytes) -> None:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            page.extract_text()


def ours(fmt: str, data: bytes) -> None:
    if fmt == "docx":
        from zfxxgk.readers import docx

        docx.read(data, source=None)
    else:
        from zfxxgk.readers import pdf

        pdf.read(data, source=None)


def fixture_inputs() -> list[tuple[str, str, bytes]]:
    """(format, name, bytes) of reports built by ``tests/fixtures_office`` (no corpus)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from tests.fixtures_office.report_tables import report_docx, report_pdf

    from zfxxgk.model import Template
    from zfxxgk.template import cell_specs

    values = {spec.dotted: str(k % 50) for k, spec in enumerate(cell_specs(Template.V2021))}
    found = [("docx", "fixture report.docx", report_docx(values))]
    try:
        import pdfplumber  # noqa: F401
    except ImportError:
        return found
    found.append(("pdf", "fixture report.pdf", report_pdf(values)))
    return found


def measure(paths: list[Path] | None = None, repeat: int = 5) -> list[dict[str, object]]:
    """One row per file: format, name, best ms of the baseline and of the reader.

    Without *paths*: the corpus's DOCX and PDF cases when ``../shared/corpus`` is there,
    else the reports the fixture builders write."""
    found: list[tuple[str, str, bytes]] = []
    for path in files([]) if paths is None else paths:
        fmt = "pdf" if path.suffix.lower() == ".pdf" else "docx"
        name = path.parent.name if path.name.startswith("source.") else path.name
        found.append((fmt, name, path.read_bytes()))
    if not found:
        found = fixture_inputs()
    rows: list[dict[str, object]] = []
    for fmt, name, data in found:
        baseline = baseline_pdf if fmt == "pdf" else baseline_docx
        base, mine = best_of(
            [lambda: baseline(data), lambda: ours(fmt, data)],  # noqa: B023 - called at once
            repeat,
        )
        rows.append({"format": fmt, "input": name, "kb": len(data) / 1024,
                     "baseline": base * 1000, "document": mine * 1000})  # fmt: skip
    return rows


def files(args: list[str]) -> list[Path]:
    if not args:
        root = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus"
        found = sorted(root.glob("*-docx/source.docx")) + sorted(root.glob("*-pdf/source.pdf"))
        return [p.resolve() for p in found]
    out: list[Path] = []
    for arg in map(Path, args):
        if arg.is_dir():
            out.extend(sorted(arg.rglob("*.docx")) + sorted(arg.rglob("*.pdf")))
        else:
            out.append(arg)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("paths", nargs="*")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    paths = files(args.paths)
    if not paths:
        print("no .docx or .pdf files found")
        return 1
    totals: dict[str, list[float]] = {"docx": [0.0, 0.0], "pdf": [0.0, 0.0]}
    for path in paths:
        fmt = "pdf" if path.suffix.lower() == ".pdf" else "docx"
        data = path.read_bytes()
        baseline = baseline_pdf if fmt == "pdf" else baseline_docx
        base, mine = best_of(
            [lambda: baseline(data), lambda: ours(fmt, data)],  # noqa: B023 - called at once
            args.repeat,
        )
        totals[fmt][0] += base
        totals[fmt][1] += mine
        label = path.parent.name if path.name.startswith("source.") else path.name
        print(
            f"{fmt:4} {label:32} baseline {base * 1000:8.1f} ms  "
            f"zfxxgk {mine * 1000:8.1f} ms  ratio {mine / base:5.2f}"
        )
    status = 0
    for fmt, (base, mine) in totals.items():
        if base:
            ratio = mine / base
            verdict = "ok" if ratio <= TARGETS[fmt] else "SLOWER THAN TARGET"
            print(f"{fmt} ratio {ratio:.2f} (target ≤ {TARGETS[fmt]}) {verdict}")
            status |= ratio > TARGETS[fmt]
    return status


if __name__ == "__main__":
    sys.exit(main())
