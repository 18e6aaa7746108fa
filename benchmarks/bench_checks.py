"""How many reports a second one core checks with the default rules.

    python benchmarks/bench_checks.py [--reports 500] [--corpus DIR]
    python benchmarks/bench_checks.py --profile pingtan-2023-html [--top 25]

Reports are drawn by :func:`zfxxgk.strategies.reports` (a fixed seed) and given the kind of
narrative a real report has: section 一 says what the tables say the way reports say it
(:func:`zfxxgk.narrative.render_summary`: received, carried over, handled and each outcome,
carried forward, reviews and lawsuits — a dozen numbers), section 五 two problems and two
measures, section 六 the fee statement.  Every report is checked once as a new object (the
narrative rules remember only the last report they read, so nothing is reused), and the
time is the process's CPU time (``time.process_time``), so other load on the machine does
not count.  For comparison, the same reports are checked with the table rules alone
(``zfxxgk.rules.builtin``), and, when ``../shared/corpus`` is there, its reports (whose
narratives run to a few thousand characters) with the default rules.

``--profile CASE`` prints instead where the default checks of one real report of the corpus
spend their time: a ``cProfile`` of checking it 200 times (fresh copies), the functions with
the most cumulative time (``docs/benchmarks.md``, "Profile: checking one real report").
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

import attrs

from zfxxgk import narrative
from zfxxgk.model import Report
from zfxxgk.rules import RuleSet

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent.parent / "shared" / "corpus"
TARGET = 3000.0
"""Reports a second per core, all default checks (issue 17), on the corpus's reports and on
drawn ones."""

PROBLEMS = (
    "（一）存在的问题。一是主动公开的及时性有待提高；二是政策解读形式较为单一。\n"
    "（二）改进情况。一是建立信息发布提醒机制，按月通报；二是增加图解、视频等解读形式。"
)
OTHER = "本年度未发出收费通知，未收取信息处理费。"


def drawn_reports(count: int) -> list[Report]:
    """*count* reports from :func:`zfxxgk.strategies.reports` (always the same ones, in a
    derandomized run), with narratives."""
    from hypothesis import HealthCheck, given, settings

    from zfxxgk import strategies as zst

    found: list[Report] = []

    @settings(
        max_examples=count,
        database=None,
        derandomize=True,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(zst.reports())
    def draw(report: Report) -> None:
        found.append(report)

    draw()
    return [
        attrs.evolve(
            report,
            overview=narrative.render_summary(report),
            problems=PROBLEMS,
            other_matters=OTHER,
        )
        for report in found
    ]


def corpus_reports(corpus: Path | None) -> list[Report]:
    from zfxxgk.errors import ZfxxgkError
    from zfxxgk.readers import read

    if corpus is None or not corpus.is_dir():
        return []
    found = []
    for source in sorted(corpus.glob("*/source.*")):
        try:
            found.append(read(source).report)
        except ZfxxgkError:
            continue
    return found


def rate(reports: list[Report], check: Callable[[Report], object], rounds: int = 3) -> float:
    """Reports a second of CPU time: the best of *rounds*, each on fresh copies."""
    best = float("inf")
    check(reports[0])  # imports, caches of the template
    for _ in range(rounds):
        copies = [attrs.evolve(r) for r in reports]  # new objects: nothing remembered
        start = time.process_time()
        for report in copies:
            check(report)
        best = min(best, time.process_time() - start)
    return len(reports) / best if best > 0 else float("inf")


def measure(count: int = 500, corpus: Path | None = CORPUS) -> dict[str, float]:
    """Reports a second per core: ``default``, ``tables`` and (if any) ``corpus``."""
    from zfxxgk.rules.builtin import BUILTIN_RULES

    reports = drawn_reports(count)
    default = RuleSet.default()
    tables = RuleSet.of(*BUILTIN_RULES)
    out = {
        "default": rate(reports, default.check),
        "tables": rate(reports, tables.check),
        "narrative_chars": sum(len(r.overview or "") for r in reports) / len(reports),
        "reports": float(len(reports)),
    }
    real = corpus_reports(corpus)
    if real:
        out["corpus"] = rate(real * max(1, 60 // len(real)), default.check)
        out["corpus_reports"] = float(len(real))
    return out


def profile(case: str, corpus: Path = CORPUS, top: int = 25, rounds: int = 200) -> str:
    """The cProfile of checking the corpus's report *case* *rounds* times with the default
    rules (fresh copies), its *top* functions by cumulative time."""
    import cProfile
    import io
    import pstats

    from zfxxgk.readers import read

    source = next((corpus / case).glob("source.*"))
    report = read(source).report
    rules = RuleSet.default()
    rules.check(report)  # imports, caches of the template
    copies = [attrs.evolve(report) for _ in range(rounds)]
    profiler = cProfile.Profile()
    profiler.enable()
    for copy in copies:
        rules.check(copy)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).strip_dirs().sort_stats("cumulative")
    stats.print_stats(top)
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--reports", type=int, default=500)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--profile", metavar="CASE", help="profile one report of the corpus")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    if args.profile:
        print(profile(args.profile, args.corpus, args.top))
        return
    result = measure(args.reports, args.corpus)
    print(f"default rules, drawn reports: {result['default']:8.0f} reports/s per core")
    print(f"table rules only:             {result['tables']:8.0f} reports/s per core")
    if "corpus" in result:
        print(f"default rules, corpus:        {result['corpus']:8.0f} reports/s per core")
    print(f"target: ≥ {TARGET:.0f}")


if __name__ == "__main__":
    main()
