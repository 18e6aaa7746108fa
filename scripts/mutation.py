"""Mutation testing of the modules where a wrong number is born (issue 16), with mutmut.

    python scripts/mutation.py                    # every module of MODULES
    python scripts/mutation.py cells arithmetic   # some of them
    python scripts/mutation.py --changed          # the modules changed since the merge-base
                                                  # with main (committed or not)
    python scripts/mutation.py --changed HEAD~1 --sample 12 --max-minutes 5 --fail-on-unlisted
                                                  # what .ci/run does
    python scripts/mutation.py --list             # the modules and their tests

Each module is mutated in its own scratch directory (``.mutation/<name>/``, git-ignored):
a copy of ``src/``, ``tests/``, ``examples/``, ``docs/`` and ``pyproject.toml`` whose
``[tool.mutmut]`` table (the base configuration of the repository) is narrowed to the module
and to the few test files that exercise it (:data:`MODULES`) — the whole suite takes minutes,
far too long per mutant.  mutmut itself then runs, per mutant, only those of the selected
tests that call the mutated function.  In the copy, decorated functions are written
undecorated (:func:`undecorate`) and every functools cache of zfxxgk is emptied before each
test (:data:`FRESH_CACHES`), so that mutmut sees every function it mutates.

The script prints mutmut's own figures (``mutmut export-cicd-stats``; with ``--sample``, the
same figures counted over the sampled mutants) and the surviving mutants, marking those that
docs/mutation.md does not list; ``mutmut show NAME`` in the scratch directory shows one.
mutmut's progress output goes to ``.mutation/<name>/mutmut-run.log``.

Exit status: 1 when a module (fully run) scores under ``--min-score`` (default 0) or, with
``--fail-on-unlisted``, when a mutant survives that docs/mutation.md does not list; 1 too
when mutmut cannot run (e.g. the selected tests fail); 2 on a usage error; else 0.  Running
out of ``--max-minutes`` is not a failure: what was not run is reported.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import tomllib

REPO = Path(__file__).resolve().parent.parent

_CRAWLTEXT_TESTS = ("tests/test_crawltext_exact.py", "tests/test_crawltext.py")
"""The crawled-text recovery's exact tests of each step and its example tests (seconds); its
properties (``tests/test_crawltext_properties.py``, two minutes a run) are left out: per
mutant they would make a module's run last hours."""

MODULES: dict[str, tuple[str, tuple[str, ...]]] = {
    # name: (source file, the test files that exercise it)
    "cells": (
        "src/zfxxgk/cells.py",
        (
            "tests/test_cells.py",
            "tests/test_cells_exact.py",
            "tests/test_hostile_cells.py",
            "tests/test_unknown_rules.py",
            "tests/test_rules_every_cell.py",
        ),
    ),
    "arithmetic": (
        "src/zfxxgk/arithmetic.py",
        (
            "tests/test_arithmetic_properties.py",
            "tests/test_unknown_rules.py",
            "tests/test_model.py",
        ),
    ),
    "identities": (
        "src/zfxxgk/identities.py",
        ("tests/test_identities.py", "tests/test_rules_builtin.py", "tests/test_properties.py"),
    ),
    "analysis": (
        "src/zfxxgk/rules/analysis.py",
        (
            "tests/test_rules_analysis_exact.py",
            "tests/test_rules_builtin.py",
            "tests/test_rules_missing.py",
            "tests/test_rules_every_cell.py",
            "tests/test_properties.py",
        ),
    ),
    "builtin": (
        "src/zfxxgk/rules/builtin.py",
        (
            "tests/test_rules_builtin_exact.py",
            "tests/test_rules_builtin.py",
            "tests/test_rules_missing.py",
            "tests/test_rules_every_cell.py",
            "tests/test_properties.py",
        ),
    ),
    "pairs": (
        "src/zfxxgk/rules/pairs.py",
        (
            "tests/test_rules_builtin.py",
            "tests/test_unknown_rules.py",
            "tests/test_rules_every_cell.py",
            "tests/test_rules_pairs_exact.py",
        ),
    ),
    "unknown": (
        "src/zfxxgk/rules/unknown.py",
        (
            "tests/test_unknown_rules.py",
            "tests/test_rules_missing.py",
            "tests/test_rules_every_cell.py",
            "tests/test_rules_unknown_exact.py",
        ),
    ),
    # the builder's placement of cells, the template data, the crawled-text recovery
    "place": (
        "src/zfxxgk/readers/builder/place.py",
        ("tests/test_place_exact.py", "tests/test_builder.py"),
    ),
    "template": (
        "src/zfxxgk/template.py",
        (
            "tests/test_template_exact.py",
            "tests/test_template.py",
            "tests/test_identities.py",
            "tests/test_builder.py",
            "tests/test_model.py",
            "tests/test_rules_analysis_exact.py",
        ),
    ),
    **{
        f"crawltext-{part}": (f"src/zfxxgk/readers/crawltext/{part}.py", _CRAWLTEXT_TESTS)
        for part in ("cuts", "solve", "resolve", "confirm", "groups", "rows")
    },
}
"""Every module measured, with the test files that run against its mutants."""

TIMEOUT_MULTIPLIER = 4.0
"""mutmut stops a mutant after ``2 × multiplier × (its tests' time in the stats run + 1 s)``
CPU seconds and counts it as caught (a timeout).  mutmut's default multiplier, 15, lets a
mutant that loops forever run for ten minutes on a loaded machine; 4 still leaves a surviving
mutant (which runs about as long as the original) eight times its time."""

_COPIED = ("src", "tests", "examples", "docs")
_SCRATCH = REPO / ".mutation"


def _mutmut_table(module: str, tests: tuple[str, ...]) -> str:
    """The ``[tool.mutmut]`` table of a scratch copy: the repository's, narrowed."""
    base = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["tool"]["mutmut"]
    base["only_mutate"] = [module]
    base["pytest_add_cli_args_test_selection"] = list(tests)
    base.setdefault("timeout_multiplier", TIMEOUT_MULTIPLIER)
    lines = ["[tool.mutmut]"]
    for key, value in base.items():
        lines.append(f"{key} = {json.dumps(value, ensure_ascii=False)}")
    return "\n".join(lines) + "\n"


def _without_table(text: str, name: str) -> str:
    """*text* (TOML) without the table ``[name]``."""
    pattern = re.compile(rf"^\[{re.escape(name)}\]\n(?:(?!^\[).*\n?)*", re.MULTILINE)
    return pattern.sub("", text)


_KEPT_DECORATORS = frozenset({"staticmethod", "classmethod", "property", "overload"})


def undecorate(source: str) -> str:
    """*source* with every decorated module-level function ``@d(...) def f`` written as
    ``def f`` followed by ``f = d(...)(f)``: the same module, but one whose function bodies
    mutmut mutates (mutmut 3 leaves decorated functions alone — and the built-in rules are all
    decorated with ``@rule`` / ``@pair_rule``).  Only the scratch copy is rewritten."""
    import libcst as cst

    module = cst.parse_module(source)
    body: list[cst.CSTNode] = []
    for statement in module.body:
        names = [
            getattr(d.decorator, "value", None)
            for d in getattr(statement, "decorators", ())
            if isinstance(d.decorator, cst.Name)
        ]
        if (
            not isinstance(statement, cst.FunctionDef)
            or not statement.decorators
            or _KEPT_DECORATORS & set(names)
        ):
            body.append(statement)
            continue
        wrapped: cst.BaseExpression = statement.name
        for decorator in reversed(statement.decorators):
            wrapped = cst.Call(func=decorator.decorator, args=[cst.Arg(wrapped)])
        body.append(statement.with_changes(decorators=()))
        assign = cst.Assign(targets=[cst.AssignTarget(statement.name)], value=wrapped)
        body.append(cst.SimpleStatementLine(body=[assign]))
    return module.with_changes(body=body).code


FRESH_CACHES = '''

# --- added by scripts/mutation.py to the scratch copy only ---------------------------------
@pytest.fixture(autouse=True)
def _mutation_fresh_caches() -> None:
    """Every functools cache of zfxxgk emptied before each test.  mutmut forks each mutant's
    run from a process that has already run the tests (its "stats" run), so a cache filled
    there holds the unmutated function's results: a mutant of a cached function
    (``section3_identities``) would never run, and the stats would name only the first test
    that filled the cache as the one that calls it."""
    import sys as _sys

    for _name, _module in list(_sys.modules.items()):
        if _name == "zfxxgk" or _name.startswith("zfxxgk."):
            for _value in list(vars(_module).values()):
                _clear = getattr(_value, "cache_clear", None)
                if callable(_clear):
                    _clear()
'''
"""Appended to the scratch copy's ``tests/conftest.py`` (docs/mutation.md, "Caches")."""


def _prepare(name: str) -> Path:
    module, tests = MODULES[name]
    work = _SCRATCH / name
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    for part in _COPIED:
        shutil.copytree(
            REPO / part, work / part, ignore=shutil.ignore_patterns("__pycache__", ".hypothesis")
        )
    conftest = work / "tests" / "conftest.py"
    conftest.write_text(conftest.read_text("utf-8") + FRESH_CACHES, "utf-8")
    target = work / module
    target.write_text(undecorate(target.read_text("utf-8")), "utf-8")
    text = _without_table((REPO / "pyproject.toml").read_text("utf-8"), "tool.mutmut")
    (work / "pyproject.toml").write_text(text + "\n" + _mutmut_table(module, tests), "utf-8")
    return work


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)  # mutmut puts its mutated copy first on sys.path
    env.setdefault("ZFXXGK_SHARED", str(REPO.parent / "shared"))
    env.setdefault("HYPOTHESIS_PROFILE", "ci")
    return env


def _mutmut(work: Path, *args: str, capture: bool = False) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "mutmut", *args]
    return subprocess.run(
        command, cwd=work, env=_environment(), text=True, capture_output=capture, check=False
    )


_GENERATE = """
import os
import mutmut.__main__ as m
os.makedirs("mutants", exist_ok=True)
m.set_mutant_under_test("mutant_generation")
m.copy_src_dir()
m.copy_also_copy_files()
m.setup_source_paths()
m.create_mutants(1)
"""
"""Only the first step of ``mutmut run`` (writing the mutants and their ``.meta`` files), so
that ``--sample`` can choose among them before any test runs.  mutmut has no command for it;
this uses its internals (mutmut 3.8)."""


def _exit_codes(work: Path, module: str) -> dict[str, int | None]:
    """Every mutant of *module* in the scratch copy *work*, with mutmut's exit code (None:
    not run)."""
    meta = work / "mutants" / (module + ".meta")
    codes: dict[str, int | None] = json.loads(meta.read_text("utf-8"))["exit_code_by_key"]
    return codes


def choose(names: list[str], size: int, seed: int) -> list[str]:
    """A random but reproducible sample of *size* of *names* (all of them if fewer)."""
    return sorted(random.Random(seed).sample(sorted(names), min(size, len(names))))


@dataclass
class Outcome:
    """What one module's run gave."""

    name: str
    stats: dict[str, int]
    """mutmut's figures (``export-cicd-stats``) — of the sampled mutants only with ``--sample``."""
    survivors: list[str] = field(default_factory=list)
    cut_short: bool = False
    """The time cap stopped mutmut before every mutant was run."""


def _status_counts(codes: dict[str, int | None]) -> dict[str, int]:
    """mutmut's figures for the mutants of *codes*, counted by mutmut's own table."""
    from mutmut.stats import status_by_exit_code

    counts = dict.fromkeys(("killed", "survived", "timeout", "segfault", "no_tests"), 0)
    counts |= {"skipped": 0, "suspicious": 0, "not_checked": 0, "total": len(codes)}
    for code in codes.values():
        status = status_by_exit_code[code].replace(" ", "_")
        counts[status] = counts.get(status, 0) + 1
    return counts


def _run_mutmut(work: Path, names: list[str], children: int, seconds: float | None) -> bool:
    """``mutmut run`` in *work*, its output in ``work/mutmut-run.log`` (mutmut redraws a
    progress line many times a second); False when *seconds* ran out first."""
    log = work / "mutmut-run.log"
    command = [sys.executable, "-m", "mutmut", "run", "--max-children", str(children), *names]
    with log.open("w", encoding="utf-8") as out:
        process = subprocess.Popen(
            command,
            cwd=work,
            env=_environment(),
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            status = process.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
            return False
    if status != 0:
        tail = log.read_text("utf-8", "replace").replace("\r", "\n").splitlines()[-30:]
        print("\n".join(tail))
        raise SystemExit(
            f"mutmut run failed in {work} (is mutmut installed? pip install -e '.[test]')"
        )
    return True


def run(
    name: str,
    *,
    children: int,
    sample: int | None = None,
    seed: int = 0,
    seconds: float | None = None,
) -> Outcome:
    """Mutate one module (or a *sample* of its mutants), within *seconds* if given."""
    module, tests = MODULES[name]
    work = _prepare(name)
    print(f"=== {name}: {module} against {' '.join(tests)}", flush=True)
    chosen: list[str] = []
    if sample is not None:
        made = subprocess.run(
            [sys.executable, "-c", _GENERATE],
            cwd=work,
            env=_environment(),
            text=True,
            capture_output=True,
            check=False,
        )
        if made.returncode != 0:
            print(made.stderr[-3000:])
            raise SystemExit(f"could not list the mutants of {name} (mutmut's internals changed?)")
        chosen = choose(list(_exit_codes(work, module)), sample, seed)
        print(f"{name}: {len(chosen)} mutants sampled (seed {seed})", flush=True)
        if not chosen:
            return Outcome(name, _status_counts({}))
    finished = _run_mutmut(work, chosen, children, seconds)
    codes = _exit_codes(work, module) if (work / "mutants" / (module + ".meta")).exists() else {}
    if chosen:
        codes = {key: codes.get(key) for key in chosen}
        stats = _status_counts(codes)
    elif finished:
        _mutmut(work, "export-cicd-stats", capture=True)
        stats = json.loads((work / "mutants" / "mutmut-cicd-stats.json").read_text("utf-8"))
    else:
        stats = _status_counts(codes)
    survivors = sorted(key for key, code in codes.items() if code == 0)
    return Outcome(name, stats, survivors, cut_short=not finished)


def _not_checked(stats: dict[str, int]) -> int:
    checked = sum(stats.get(key, 0) for key in ("killed", "survived", "timeout", "segfault"))
    return stats.get("total", 0) - stats.get("skipped", 0) - checked - stats.get("no_tests", 0)


def score(stats: dict[str, int]) -> float:
    """Caught (killed by a test, a timeout or a crash) over every mutant but the skipped
    ones: the mutation score as the issue states it.  A mutant that no selected test reaches
    ("no tests") or that was not run counts as not caught."""
    caught = stats.get("killed", 0) + stats.get("timeout", 0) + stats.get("segfault", 0)
    counted = stats.get("total", 0) - stats.get("skipped", 0)
    return caught / counted if counted else 1.0


_HEADING = re.compile(r"^#{2,4} `(zfxxgk(?:\.\w+)+)`", re.MULTILINE)
_MUTANT = re.compile(r"`(x[_ǁ][^`\s]*?__mutmut_\d+)`")


def listed_survivors(text: str) -> set[str]:
    """The mutants that *text* (docs/mutation.md) lists as known survivors: every
    ```x_…__mutmut_N``` written under a heading ``### `zfxxgk.module```, qualified by it."""
    listed: set[str] = set()
    headings = list(_HEADING.finditer(text))
    for heading, following in zip(headings, [*headings[1:], None], strict=True):
        end = following.start() if following else len(text)
        section = text[heading.end() : end]
        listed |= {f"{heading.group(1)}.{m.group(1)}" for m in _MUTANT.finditer(section)}
    return listed


def measured(text: str) -> set[str]:
    """The modules *text* (docs/mutation.md) has a survivors heading for: measured, their
    survivors listed.  ``--fail-on-unlisted`` only fails on those: a module not measured yet
    has no list to hold its survivors to."""
    return {heading.group(1) for heading in _HEADING.finditer(text)}


def dotted(module: str) -> str:
    """``src/zfxxgk/rules/pairs.py`` → ``zfxxgk.rules.pairs``."""
    return module.removeprefix("src/").removesuffix(".py").replace("/", ".")


def _git(*args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=REPO, text=True, capture_output=True, check=True
    ).stdout


def changed(base: str) -> list[str]:
    """The names of :data:`MODULES` whose file changed since the merge-base of *base* and
    HEAD (committed or not): what a branch did, not what *base* did since."""
    fork = _git("merge-base", base, "HEAD").strip()
    diff = _git("diff", "--name-only", fork, "--", "src").split()
    return [name for name, (module, _) in MODULES.items() if module in diff]


def _report(outcome: Outcome, known: set[str]) -> tuple[float, list[str]]:
    """Print one module's figures; its score and its survivors not listed in the docs."""
    value = score(outcome.stats)
    print(f"{outcome.name}: {json.dumps(outcome.stats)}")
    if outcome.cut_short:
        print(f"{outcome.name}: time cap reached, {_not_checked(outcome.stats)} mutants not run")
    unlisted = [key for key in outcome.survivors if key not in known]
    for key in outcome.survivors:
        print(f"  survived: {key}" + ("" if key in known else "   <- not in docs/mutation.md"))
    print(f"{outcome.name}: score {value:.1%}", flush=True)
    return value, unlisted


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("modules", nargs="*", help=f"some of: {', '.join(MODULES)}")
    parser.add_argument(
        "--changed",
        nargs="?",
        const="main",
        metavar="BASE",
        help="only the modules changed since the merge-base of BASE and HEAD (default: main)",
    )
    parser.add_argument("--list", action="store_true", help="list the modules and their tests")
    parser.add_argument("--children", type=int, default=max(1, (os.cpu_count() or 2) // 2))
    parser.add_argument("--min-score", type=float, default=0.0, help="e.g. 0.9")
    parser.add_argument("--sample", type=int, metavar="N", help="run N mutants per module")
    parser.add_argument("--seed", type=int, default=0, help="of the sample (default 0)")
    parser.add_argument(
        "--max-minutes", type=float, metavar="M", help="stop after M minutes (not a failure)"
    )
    parser.add_argument(
        "--fail-on-unlisted",
        action="store_true",
        help="exit 1 when a mutant survives that docs/mutation.md does not list",
    )
    options = parser.parse_args(argv)
    unknown = [name for name in options.modules if name not in MODULES]
    if unknown:
        parser.error(f"unknown modules: {', '.join(unknown)} (see --list)")
    return options


def main(argv: list[str] | None = None) -> int:
    options = _arguments(argv)
    if options.list:
        for name, (module, tests) in MODULES.items():
            print(f"{name:18} {module:42} {' '.join(tests)}")
        return 0
    names = options.modules or list(MODULES)
    if options.changed is not None:
        touched = changed(options.changed)
        names = [name for name in names if name in touched]
        if not names:
            print(f"no measured module changed since the merge-base with {options.changed}")
            return 0
    page = (REPO / "docs" / "mutation.md").read_text("utf-8")
    known, listed_modules = listed_survivors(page), measured(page)
    deadline = None if options.max_minutes is None else time.monotonic() + 60 * options.max_minutes
    failed = False
    for number, name in enumerate(names):
        # the time left, shared evenly by the modules not run yet
        left = len(names) - number
        seconds = None if deadline is None else (deadline - time.monotonic()) / left
        if seconds is not None and seconds <= 0:
            print(f"{name}: not run (time cap)")
            continue
        outcome = run(
            name,
            children=options.children,
            sample=options.sample,
            seed=options.seed,
            seconds=seconds,
        )
        value, unlisted = _report(outcome, known)
        failed |= value < options.min_score and not outcome.cut_short
        if unlisted and dotted(MODULES[name][0]) not in listed_modules:
            print(f"{name}: not measured yet (no list in docs/mutation.md): not a failure")
        elif unlisted:
            failed |= options.fail_on_unlisted
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
