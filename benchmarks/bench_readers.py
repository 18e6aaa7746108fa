"""How fast the readers are, as ratios to doing almost nothing with the same bytes.

For every input this times, in the same process and interleaved (so that a busy machine
slows all of them alike), the best of N rounds of (CPU time of the process: on a machine
shared with other jobs, the time waiting for a core is not the reader's):

- HTML: a bare ``lxml.html.document_fromstring`` of the bytes (the baseline), stage one
  (``zfxxgk.readers.html.read``: the neutral document) and the whole read
  (``zfxxgk.readers.read``: document and report);
- text and Markdown: decoding the bytes and splitting them into lines (the baseline),
  stage one (``zfxxgk.readers.text.read``) and the whole read.

Inputs: the shared corpus's HTML, text and Markdown sources when ``../shared/corpus`` is
there, and always reports rendered by :mod:`zfxxgk.render` (a fragment, a whole page with
navigation around it, Markdown, seed-style text).

    python benchmarks/bench_readers.py [--rounds 30] [--corpus DIR]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

import lxml.html

from zfxxgk import render
from zfxxgk.model import Appeals, DisclosureRequests, Report, proactive_2021
from zfxxgk.readers import html as html_reader
from zfxxgk.readers import read
from zfxxgk.readers import text as text_reader

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent.parent / "shared" / "corpus"


def _sample() -> Report:
    return Report.build(
        agency="示例县人民政府",
        year=2024,
        proactive=proactive_2021(normative_documents=(12, 5, 55), licensing=97, penalties=1092),
        requests=DisclosureRequests.from_counts(
            new=(55, 8, 1), carried_over=(7,), disclosed=(17, 3), partially_disclosed=(5,)
        ),
        appeals=Appeals.from_counts(review=(2, 1, 3, 4)),
        overview="全年主动公开政府信息2488条。\n全年受理政府信息公开申请64件。",
        problems="一是申请内容不明确。\n二是加强沟通。",
        other_matters="本年度未收取信息处理费。",
    )


def _page(fragment: str) -> str:
    nav = "".join(f"<li><a href='/c{i}'>栏目{i}</a></li>" for i in range(60))
    footer = "".join(f"<p><a href='/f{i}'>链接{i}</a></p>" for i in range(40))
    script = "<script>" + "var x = 1;" * 500 + "</script>"
    return (
        "<!DOCTYPE html><html><head><meta charset=utf-8>"
        "<title>示例县2024年政府信息公开工作年度报告</title>"
        f"{script}</head><body><ul class=nav>{nav}</ul><div class=main><div class=article>"
        f"{fragment}</div></div><div class=footer>{footer}</div>{script}</body></html>"
    )


def inputs(corpus: Path | None) -> list[tuple[str, str, bytes]]:
    """(format, name, bytes) of every input."""
    report = _sample()
    found: list[tuple[str, str, bytes]] = [
        ("html", "rendered fragment", render.to_html(report).encode()),
        ("html", "rendered page with chrome", _page(render.to_html(report)).encode()),
        ("markdown", "rendered report.md", render.to_markdown(report).encode()),
        ("text", "rendered report.txt", render.to_text(report, style="tabs").encode()),
    ]
    if corpus is not None and corpus.is_dir():
        for source in sorted(corpus.glob("*/source.*")):
            case = source.parent.name
            if case.endswith("-crawltext") or source.suffix not in {".html", ".txt", ".md"}:
                continue
            fmt = {".html": "html", ".md": "markdown"}.get(source.suffix, "text")
            found.append((fmt, case, source.read_bytes()))
    return found


def best_of(functions: dict[str, Callable[[], object]], rounds: int) -> dict[str, float]:
    """The best CPU time of each function in milliseconds, the functions run interleaved."""
    best = dict.fromkeys(functions, float("inf"))
    for function in functions.values():
        function()  # warm caches and imports
    for _ in range(rounds):
        for name, function in functions.items():
            start = time.process_time()
            function()
            best[name] = min(best[name], time.process_time() - start)
    return {name: seconds * 1000 for name, seconds in best.items()}


def _functions(fmt: str, data: bytes) -> dict[str, Callable[[], object]]:
    """The baseline, stage one and the whole read of one input."""
    name = "x" + {"html": ".html", "markdown": ".md", "text": ".txt"}[fmt]

    def baseline() -> object:
        if fmt == "html":
            return lxml.html.document_fromstring(data)
        return data.decode("utf-8").splitlines()

    def document() -> object:
        if fmt == "html":
            return html_reader.read(data, source=name)
        return text_reader.read(data, source=name)

    def report() -> object:
        return read(data, name=name)

    return {"baseline": baseline, "document": document, "report": report}


TARGET = 1.5
"""Stage one of an HTML page, as a multiple of a bare lxml parse of the same bytes (issue 17)."""
WHOLE_TARGET = 2.5
"""The whole read of an HTML page (stage one and the builder; the narrative's claims are not
extracted by a read, only by the checks that need them), as a multiple of the same parse."""


def measure(
    corpus: Path | None = CORPUS, rounds: int = 30, formats: tuple[str, ...] = ("html",)
) -> list[dict[str, object]]:
    """One row per input of *formats*: name, KB, and the best times in ms of the baseline,
    stage one (``document``) and the whole read (``report``)."""
    rows: list[dict[str, object]] = []
    for fmt, name, data in inputs(corpus):
        if fmt not in formats:
            continue
        times = best_of(_functions(fmt, data), rounds)
        rows.append({"format": fmt, "input": name, "kb": len(data) / 1024, **times})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args()
    header = (
        f"{'format':<9} {'input':<34} {'KB':>6} {'baseline ms':>11} {'document':>16} {'report':>16}"
        f" {'builder':>8}"
    )
    print(header)
    print("-" * len(header))
    ratios: dict[str, list[float]] = {}
    wholes: dict[str, list[float]] = {}
    for fmt, name, data in inputs(args.corpus):
        times = best_of(_functions(fmt, data), args.rounds)
        base = times["baseline"]
        ratios.setdefault(fmt, []).append(times["document"] / base)
        wholes.setdefault(fmt, []).append(times["report"] / base)
        builder = (times["report"] - times["document"]) / base  # the rest of the read
        print(
            f"{fmt:<9} {name[:34]:<34} {len(data) / 1024:>6.0f} {base:>11.2f} "
            f"{times['document']:>7.2f} ({times['document'] / base:>5.2f}×) "
            f"{times['report']:>7.2f} ({times['report'] / base:>5.2f}×) {builder:>7.2f}×"
        )
    print()
    for fmt, values in ratios.items():
        whole = sorted(wholes[fmt])
        values.sort()
        print(
            f"{fmt}: document / baseline, median {values[len(values) // 2]:.2f}×; "
            f"report / baseline, median {whole[len(whole) // 2]:.2f}× over {len(values)} inputs"
        )
    print(f"(targets for HTML: document ≤ {TARGET:g}×, report ≤ {WHOLE_TARGET:g}×)")


if __name__ == "__main__":
    main()
