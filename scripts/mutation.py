"""Mutation testing of the modules where a wrong number is born (issue 16), with mutmut.

    python scripts/mutation.py                    # every module of MODULES
    python scripts/mutation.py cells arithmetic   # some of them
    python scripts/mutation.py --changed          # the modules `git diff main` touches
    python scripts/mutation.py --changed HEAD~3   # ... against another base
    python scripts/mutation.py --list             # the modules and their tests

Each module is mutated in its own scratch directory (``.mutation/<name>/``, git-ignored):
a copy of ``src/``, ``tests/``, ``examples/`` and ``pyproject.toml`` whose ``[tool.mutmut]``
table (the base configuration of the repository) is narrowed to the module and to the few
test files that exercise it (:data:`MODULES`) — the whole suite takes minutes, far too long
per mutant.  mutmut itself then runs, per mutant, only those of the selected tests that
call the mutated function.  The script prints mutmut's own figures (``mutmut
export-cicd-stats``) and the names of the surviving mutants (``mutmut results``); ``mutmut
show NAME`` in the scratch directory shows one.  docs/mutation.md lists the survivors of the
last full run with a test that kills each or why it is equivalent.

Exit status: 0 when every module reaches ``--min-score`` (default 0: report only), 1 when
one does not, 2 on a usage error.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import tomllib

REPO = Path(__file__).resolve().parent.parent

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
            "tests/test_rules_builtin.py",
            "tests/test_rules_missing.py",
            "tests/test_rules_every_cell.py",
            "tests/test_properties.py",
        ),
    ),
    "builtin": (
        "src/zfxxgk/rules/builtin.py",
        (
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
}
"""Every module measured, with the test files that run against its mutants."""

_COPIED = ("src", "tests", "examples")
_SCRATCH = REPO / ".mutation"


def _mutmut_table(module: str, tests: tuple[str, ...]) -> str:
    """The ``[tool.mutmut]`` table of a scratch copy: the repository's, narrowed."""
    base = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["tool"]["mutmut"]
    base["only_mutate"] = [module]
    base["pytest_add_cli_args_test_selection"] = list(tests)
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


def run(name: str, *, children: int) -> dict[str, int]:
    """Mutate one module; mutmut's own figures (``export-cicd-stats``)."""
    work = _prepare(name)
    print(f"=== {name}: {MODULES[name][0]} against {' '.join(MODULES[name][1])}", flush=True)
    if _mutmut(work, "run", "--max-children", str(children)).returncode != 0:
        raise SystemExit(
            f"mutmut run failed on {name} (is mutmut installed? pip install -e '.[test]')"
        )
    _mutmut(work, "export-cicd-stats", capture=True)
    stats: dict[str, int] = json.loads(
        (work / "mutants" / "mutmut-cicd-stats.json").read_text("utf-8")
    )
    results = _mutmut(work, "results", capture=True).stdout
    survivors = [line.strip() for line in results.splitlines() if line.strip()]
    if run_failed := _stats_failed(stats):
        print(f"{name}: mutmut did not run the mutants ({run_failed}); see the output above")
    print(f"{name}: {json.dumps(stats)}")
    for line in survivors:
        print(f"  {line}")
    return stats


def _stats_failed(stats: dict[str, int]) -> str:
    checked = sum(stats.get(key, 0) for key in ("killed", "survived", "timeout", "segfault"))
    left = stats.get("total", 0) - stats.get("skipped", 0) - checked - stats.get("no_tests", 0)
    return f"{left} not checked" if left else ""


def score(stats: dict[str, int]) -> float:
    """Caught (killed by a test, a timeout or a crash) over every mutant but the skipped
    ones: the mutation score as the issue states it.  A mutant that no selected test reaches
    ("no tests") or that was not run counts as not caught."""
    caught = stats.get("killed", 0) + stats.get("timeout", 0) + stats.get("segfault", 0)
    counted = stats.get("total", 0) - stats.get("skipped", 0)
    return caught / counted if counted else 1.0


def changed(base: str) -> list[str]:
    """The names of :data:`MODULES` whose file ``git diff base`` touches."""
    diff = subprocess.run(
        ["git", "diff", "--name-only", base, "--", "src"],
        cwd=REPO,
        text=True,
        capture_output=True,
        check=True,
    ).stdout.split()
    return [name for name, (module, _) in MODULES.items() if module in diff]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("modules", nargs="*", help=f"some of: {', '.join(MODULES)}")
    parser.add_argument(
        "--changed",
        nargs="?",
        const="main",
        metavar="BASE",
        help="only the modules that `git diff BASE` touches (default BASE: main)",
    )
    parser.add_argument("--list", action="store_true", help="list the modules and their tests")
    parser.add_argument("--children", type=int, default=max(1, (os.cpu_count() or 2) // 2))
    parser.add_argument("--min-score", type=float, default=0.0, help="e.g. 0.9")
    options = parser.parse_args(argv)
    if options.list:
        for name, (module, tests) in MODULES.items():
            print(f"{name:12} {module:32} {' '.join(tests)}")
        return 0
    unknown = [name for name in options.modules if name not in MODULES]
    if unknown:
        parser.error(f"unknown modules: {', '.join(unknown)} (see --list)")
    names = options.modules or list(MODULES)
    if options.changed is not None:
        touched = changed(options.changed)
        names = [name for name in names if name in touched]
        if not names:
            print(f"no measured module changed since {options.changed}")
            return 0
    failed = False
    for name in names:
        stats = run(name, children=options.children)
        value = score(stats)
        print(f"{name}: score {value:.1%}", flush=True)
        failed |= value < options.min_score
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
