"""scripts/mutation.py's own logic: the sample, the survivors docs/mutation.md lists, the
scratch rewrite of decorated functions, the modules a change touches (docs/mutation.md)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parent.parent


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("mutation_script", REPO / "scripts/mutation.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


mutation = _script()


def test_the_sample_is_reproducible_and_a_subset() -> None:
    names = [f"zfxxgk.m.x_f__mutmut_{i}" for i in range(1, 60)]
    first = mutation.choose(names, 12, seed=0)
    assert first == mutation.choose(list(reversed(names)), 12, seed=0)
    assert len(first) == 12 and set(first) <= set(names)
    assert mutation.choose(names, 12, seed=1) != first
    assert mutation.choose(names[:5], 12, seed=0) == sorted(names[:5])


def test_listed_survivors_are_qualified_by_their_section() -> None:
    text = (
        "### `zfxxgk.cells` (2)\n\n| `x_format_number__mutmut_11`, `x__fold__mutmut_1` | … |\n"
        "### `zfxxgk.rules.unknown`\n\n`xǁCellǁ__repr____mutmut_4` and `not_a_mutant`\n"
        "## Elsewhere\n"
    )
    assert mutation.listed_survivors(text) == {
        "zfxxgk.cells.x_format_number__mutmut_11",
        "zfxxgk.cells.x__fold__mutmut_1",
        "zfxxgk.rules.unknown.xǁCellǁ__repr____mutmut_4",
    }


def test_the_docs_list_survivors_of_every_measured_module() -> None:
    listed = mutation.listed_survivors((REPO / "docs" / "mutation.md").read_text("utf-8"))
    modules = {name.rsplit(".", 1)[0] for name in listed}
    assert {"zfxxgk.cells", "zfxxgk.arithmetic", "zfxxgk.rules.unknown"} <= modules


def test_scores_count_what_was_not_run_as_not_caught() -> None:
    stats = {"killed": 8, "timeout": 1, "survived": 1, "no_tests": 2, "total": 13, "skipped": 1}
    assert mutation.score(stats) == pytest.approx(9 / 12)
    codes = {"a": 1, "b": 0, "c": None, "d": 36, "e": 33}
    assert mutation._status_counts(codes) == {
        "killed": 1,
        "survived": 1,
        "timeout": 1,
        "segfault": 0,
        "no_tests": 1,
        "skipped": 0,
        "suspicious": 0,
        "not_checked": 1,
        "total": 5,
    }


def test_undecorate_keeps_the_module_and_unwraps_the_decorators() -> None:
    source = (
        "import functools\n\n@functools.cache\ndef f(x):\n    return x + 1\n\n"
        "@staticmethod\ndef g():\n    return 2\n"
    )
    rewritten = mutation.undecorate(source)
    assert "def f(x):" in rewritten and "f = functools.cache(f)" in rewritten
    assert "@staticmethod" in rewritten
    namespace: dict[str, object] = {}
    exec(compile(rewritten, "<rewritten>", "exec"), namespace)
    f = namespace["f"]
    assert callable(f) and f(1) == 2 and hasattr(f, "cache_clear")


def test_changed_diffs_from_the_merge_base(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def git(*args: str) -> str:
        return subprocess.run(
            ["git", *args], cwd=tmp_path, check=True, capture_output=True, text=True
        ).stdout

    git("init", "-q", "-b", "main")
    git("config", "user.email", "t@example.org")
    git("config", "user.name", "t")
    cells, arithmetic = tmp_path / "src/zfxxgk/cells.py", tmp_path / "src/zfxxgk/arithmetic.py"
    cells.parent.mkdir(parents=True)
    cells.write_text("a = 1\n")
    arithmetic.write_text("b = 1\n")
    git("add", ".")
    git("commit", "-qm", "one")
    git("checkout", "-qb", "topic")
    cells.write_text("a = 2\n")
    git("commit", "-qam", "topic changes cells")
    git("checkout", "-q", "main")
    arithmetic.write_text("b = 2\n")
    git("commit", "-qam", "main changes arithmetic")
    git("checkout", "-q", "topic")
    monkeypatch.setattr(mutation, "REPO", tmp_path)
    # `git diff main` would name arithmetic too: main changed it after the branch forked
    assert mutation.changed("main") == ["cells"]
    assert mutation.changed("HEAD~1") == ["cells"]


def test_only_modules_with_a_list_are_held_to_it() -> None:
    text = "### `zfxxgk.cells` (0)\n\nNone.\n### `zfxxgk.rules.pairs`\n"
    assert mutation.measured(text) == {"zfxxgk.cells", "zfxxgk.rules.pairs"}
    assert mutation.dotted("src/zfxxgk/readers/builder/place.py") == "zfxxgk.readers.builder.place"
    page = (REPO / "docs" / "mutation.md").read_text("utf-8")
    dotted = {mutation.dotted(module) for module, _ in mutation.MODULES.values()}
    assert mutation.measured(page) <= dotted  # no heading for a module the script lacks
