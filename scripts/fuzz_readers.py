"""The long fuzz run: mutated documents through every reader, for as long as you like.

    python scripts/fuzz_readers.py                      # ten minutes, the default seeds
    python scripts/fuzz_readers.py --minutes 120 --corpus ../shared/corpus
    python scripts/fuzz_readers.py --format html --inputs 100000 --corpus ../shared/corpus
    python scripts/fuzz_readers.py --hypothesis         # the CI fuzz tests, HYPOTHESIS_PROFILE=long
    python scripts/fuzz_readers.py --oracle --corpus ../shared/corpus   # silent changes

One target per reader: ``--format html|text|md|docx|pdf|json`` keeps the seeds of that
format only (default: all of them).  The JSON target is the library's own report JSON:
:func:`zfxxgk.json_report.loads` and then every rule (:func:`zfxxgk.check`) on what loads;
its seeds are reports rendered with :func:`zfxxgk.json_report.dumps`, mutated as a tree
(values of the wrong type or out of range, keys dropped or renamed, subtrees copied) or, one
time in four, as bytes.

Seeds are the reports the library renders itself (the test fixtures' reports and the
fictional examples, as an HTML page and fragment, Markdown, text, GB18030 text and JSON), the
DOCX and PDF files built by ``tests/fixtures_office``, and — with ``--corpus`` — every
``*/source.*`` of the shared corpus.  Each input is a seed with a few random edits (the same
edits as ``tests/test_fuzz_readers.py``), sometimes two seeds spliced together.

Every input is read by :func:`zfxxgk.readers.read` in a worker process with a time limit
(``--timeout``) and a memory limit (``--memory``).  An input is *ok* (read), *refused* (a
``DocumentError`` naming the file), or a failure: another exception (*crash*), a refusal
that does not name the file (*unnamed*), no answer within ``--timeout`` seconds of the
worker's CPU time (*hang*, the worker is killed; a worker starved by other work is waited for),
or the worker's peak memory over the limit (*memory*).  Failing inputs are written to
``--out`` with a note of what happened; the run ends with a table of outcomes by format and
the slowest inputs.  The exit status is 1 when anything failed.

``--oracle`` is the oracle for silent changes (``tests/silent_changes.py``): in every corpus
file that can be edited (HTML, text, Markdown, DOCX), one digit of the printed number of a cell
is changed, for every number cell (``--inputs N``: N cells a file), and the file read again
must give exactly that cell's new value or a new diagnostic.  The verdicts are counted by file;
a silent change is printed with what to edit to reproduce it, and makes the exit status 1.
LibreOffice is never started (``.doc``/``.wps`` conversion is LibreOffice's own business).
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import logging
import multiprocessing
import os
import random
import resource
import subprocess
import sys
import time
import traceback
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.fixtures.reports import report_2019, report_2021  # noqa: E402
from tests.test_fuzz_readers import (  # noqa: E402
    apply_edits,
    apply_json_edits,
    apply_tree_edits,
    json_seeds,
    office_seeds,
    random_edits,
    rezip,
    text_seeds,
)

Seed = tuple[str, bytes]
FORMATS = {"html": ".html", "text": ".txt", "txt": ".txt", "md": ".md", "docx": ".docx",
           "pdf": ".pdf", "json": ".json"}  # fmt: skip
"""``--format`` names and the file suffix of their seeds."""


def seeds(corpus: Path | None, fmt: str | None = None) -> list[Seed]:
    """(file name, bytes) of every seed — renderings, fixture DOCX/PDF, the corpus — or of
    the seeds of one ``--format``."""
    from zfxxgk.readers import read

    reports = [report_2021(), report_2019(), report_2021(single=True)]
    for example in sorted((REPO / "examples" / "reports").glob("*.*")):
        if example.suffix in {".html", ".md", ".txt"}:
            reports.append(read(example).report)
    found: list[Seed] = []
    for report in reports:
        found.extend(text_seeds(report))
        found.extend(json_seeds(report))
    found.extend(office_seeds().items())
    if corpus is not None and corpus.is_dir():
        for source in sorted(corpus.glob("*/source.*")):
            found.append((f"{source.parent.name}{source.suffix}", source.read_bytes()))
    if fmt is not None:
        found = [(name, data) for name, data in found if name.endswith(FORMATS[fmt])]
    return found


def mutate(rng: random.Random, pool: list[Seed]) -> tuple[str, bytes]:
    name, data = rng.choice(pool)
    if rng.random() < 0.1:  # splice two seeds
        _, other = rng.choice(pool)
        data = data[: rng.randint(0, len(data))] + other[rng.randint(0, len(other)) :]
    # a JSON value of the wrong kind is refused outright: fewer edits, so more inputs load
    edits = random_edits(rng, rng.randint(1, 2 if name.endswith(".json") else 8))
    if name.endswith(".docx") and rng.random() < 0.6:
        tree = rng.random() < 0.7
        try:
            data = rezip(data, lambda xml: (apply_tree_edits if tree else apply_edits)(xml, edits))
        except Exception:  # the seed itself is not a zip any more (spliced): bytes then
            data = apply_edits(data, edits)
    elif name.endswith(".json") and rng.random() < 0.75:
        data = apply_json_edits(data, edits)
    else:
        data = apply_edits(data, edits)
    return name, data


# -- the worker -----------------------------------------------------------------------------


def _worker(conn: Connection, memory_mb: int) -> None:
    """Read what comes down the pipe; answer (outcome, detail, seconds, peak MB)."""
    soft = memory_mb * 4 * 1024 * 1024  # a hard stop well above the limit reported
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (soft, soft))
    logging.getLogger("pdfminer").setLevel(logging.CRITICAL)  # damaged streams, by design
    from zfxxgk.errors import DocumentError, JSONLoadError, MissingDependencyError
    from zfxxgk.readers import legacy

    legacy.find_converter = lambda: None  # never start LibreOffice
    while True:
        try:
            name, data = conn.recv()
        except EOFError:
            return
        start = time.perf_counter()
        outcome, detail = "ok", ""
        try:
            detail = _read_one(data, name)
        except (MissingDependencyError, JSONLoadError) as exc:
            outcome, detail = "refused", f"{exc.code} {exc.message}"
        except DocumentError as exc:
            named = exc.path == name and name in str(exc)
            outcome = "refused" if named else "unnamed"
            detail = f"{exc.code} {type(exc).__name__}: {exc}"
        except BaseException as exc:  # anything else is what we look for
            outcome = "crash"
            detail = "".join(traceback.format_exception(exc))
        seconds = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        conn.send((outcome, detail, seconds, peak))


def _read_one(data: bytes, name: str) -> str:
    """Read *data* as the file *name*, JSON by the JSON loader and then every rule."""
    from zfxxgk import json_report
    from zfxxgk.readers import read
    from zfxxgk.rules import check

    if name.endswith(".json"):
        report = json_report.loads(data)
        check(report)
    else:
        report = read(data, name=name).report
    return report.info.template.value


class Worker:
    def __init__(self, memory_mb: int) -> None:
        self.memory_mb = memory_mb
        self.start()

    def start(self) -> None:
        context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_worker, args=(child, self.memory_mb), daemon=True)
        self.process.start()
        child.close()

    def restart(self) -> None:
        self.process.kill()
        self.process.join()
        self.conn.close()
        self.start()

    def _cpu_seconds(self) -> float | None:
        """The worker's CPU time so far (Linux ``/proc``; None elsewhere)."""
        try:
            fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            return None
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def _answers(self, timeout: float) -> bool:
        """Whether the worker answers within *timeout* seconds of its own CPU time: on a
        machine shared with other work a starved worker is slow, not hung (at most ten times
        the timeout of wall-clock time, whatever the CPU time)."""
        start = self._cpu_seconds()
        waited = 0.0
        while not self.conn.poll(timeout):
            waited += timeout
            now = self._cpu_seconds()
            if start is None or now is None or now - start >= timeout or waited >= 10 * timeout:
                return False
        return True

    def read(self, name: str, data: bytes, timeout: float) -> tuple[str, str, float, float]:
        self.conn.send((name, data))
        if not self._answers(timeout):
            self.restart()
            return "hang", f"no answer after {timeout:.0f} s of CPU time", timeout, 0.0
        try:
            outcome, detail, seconds, peak = self.conn.recv()
        except EOFError:  # the worker died (out of memory, a crash in C)
            self.restart()
            return "crash", "the worker process died", 0.0, 0.0
        if peak > self.memory_mb:
            self.restart()  # a fresh process, so that the next peak is its own
            return "memory", f"peak {peak:.0f} MB", seconds, peak
        return outcome, detail, seconds, peak


# -- the run ----------------------------------------------------------------------------------


def _format(name: str) -> str:
    return Path(name).suffix.lstrip(".") or "?"


def run(args: argparse.Namespace) -> int:
    pool = seeds(args.corpus, args.format)
    if not pool:
        print(f"no seeds of format {args.format}", file=sys.stderr)
        return 2
    rng = random.Random(args.seed)
    worker = Worker(args.memory)
    out: Path = args.out
    table: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    slowest: list[tuple[float, str, int]] = []
    failures = 0
    started = time.monotonic()
    deadline = started + args.minutes * 60
    count = 0
    what = f"format {args.format}" if args.format else "every format"
    print(f"{len(pool)} seeds ({what}); fuzzing for {args.minutes:g} min (seed {args.seed})")
    while time.monotonic() < deadline and (not args.inputs or count < args.inputs):
        name, data = mutate(rng, pool)
        name = f"fuzz-{count}{Path(name).suffix}"
        outcome, detail, seconds, _ = worker.read(name, data, args.timeout)
        table[_format(name)][outcome] += 1
        slowest = sorted([*slowest, (seconds, name, len(data))], reverse=True)[:5]
        if outcome not in ("ok", "refused"):
            failures += 1
            out.mkdir(parents=True, exist_ok=True)
            (out / name).write_bytes(data)
            (out / f"{name}.txt").write_text(f"{outcome}\n{detail}\n", "utf-8")
            print(f"{outcome}: {name} ({len(data)} bytes) -> {out / name}", flush=True)
        count += 1
        if count % 500 == 0:
            print(f"{count} inputs, {failures} failures", flush=True)
    worker.process.kill()
    outcomes = ("ok", "refused", "crash", "unnamed", "hang", "memory")
    print()
    print(f"{'format':<8}" + "".join(f"{o:>9}" for o in outcomes))
    for fmt in sorted(table):
        print(f"{fmt:<8}" + "".join(f"{table[fmt][o]:>9}" for o in outcomes))
    elapsed = time.monotonic() - started
    rate = count / elapsed if elapsed else 0.0
    print(f"\n{count} inputs in {elapsed:.0f} s ({rate:.1f} a second), {failures} failures")
    print("slowest:")
    for seconds, name, size in slowest:
        print(f"  {seconds:7.2f} s  {name} ({size} bytes)")
    return 1 if failures else 0


def oracle(args: argparse.Namespace) -> int:
    """Every number cell of every editable corpus file, one digit changed at a time."""
    from tests.silent_changes import VERDICTS, changes, corpus_sources

    if args.corpus is None or not args.corpus.is_dir():
        print("--oracle needs --corpus (the shared corpus folder)", file=sys.stderr)
        return 2
    logging.getLogger("pdfminer").setLevel(logging.CRITICAL)
    rng = random.Random(args.seed)
    totals: collections.Counter[str] = collections.Counter()
    started = time.monotonic()
    print(f"{'case':<40}" + "".join(f"{v:>10}" for v in VERDICTS), flush=True)
    for source in corpus_sources(args.corpus):
        counts: collections.Counter[str] = collections.Counter()
        for change in changes(source, rng, args.inputs or None):
            counts[change.verdict] += 1
            if change.verdict == "silent":
                where = "word/document.xml" if source.suffix == ".docx" else source.name
                print(f"SILENT {change}; reproduce: byte {change.offset} of {where}", flush=True)
        print(f"{source.parent.name:<40}" + "".join(f"{counts[v]:>10}" for v in VERDICTS))
        totals += counts
    print(f"{'total':<40}" + "".join(f"{totals[v]:>10}" for v in VERDICTS))
    print(f"{sum(totals.values())} edits in {time.monotonic() - started:.0f} s (seed {args.seed})")
    return 1 if totals["silent"] else 0


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--format", choices=sorted(FORMATS), default=None, help="one target")
    parser.add_argument("--inputs", type=int, default=0, help="stop after this many (0: no limit)")
    parser.add_argument("--seed", type=int, default=int(time.time()))
    parser.add_argument("--corpus", type=Path, default=None, help="add */source.* as seeds")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds per input")
    parser.add_argument("--memory", type=int, default=1024, help="peak MB per input")
    parser.add_argument("--out", type=Path, default=REPO / "fuzz-failures")
    parser.add_argument(
        "--hypothesis",
        action="store_true",
        help="run tests/test_fuzz_readers.py under HYPOTHESIS_PROFILE=long instead",
    )
    parser.add_argument(
        "--oracle", action="store_true", help="the silent-change oracle on --corpus instead"
    )
    args: Any = parser.parse_args()
    if args.oracle:
        return oracle(args)
    if args.hypothesis:
        env = {**os.environ, "HYPOTHESIS_PROFILE": "long"}
        tests = [str(REPO / "tests" / "test_fuzz_readers.py")]
        return subprocess.call([sys.executable, "-m", "pytest", "-q", *tests], env=env)
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
