"""The shape of the code is a contract, checked with every test run as in CI.

- ``lint-imports`` (import-linter, configured in ``pyproject.toml``): imports go down the
  layers — core, arithmetic, narrative, rules, readers, review, outputs, command line;
- ``scripts/check_architecture.py``: no import cycle (imports inside functions counted), no
  module over 700 lines and no function over 80;
- ``docs/images/layers.svg`` is the drawing of that contract (``scripts/draw_layers.py``).
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def test_imports_go_down_the_layers() -> None:
    lint = shutil.which("lint-imports")
    assert lint is not None, "import-linter is part of the test extra: pip install -e '.[test]'"
    run = subprocess.run([lint], cwd=ROOT, capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    assert "BROKEN" not in run.stdout and "KEPT" in run.stdout


def test_no_cycle_and_nothing_too_long() -> None:
    check = _script("check_architecture")
    assert check.problems(ROOT / "src", "zfxxgk") == []


def test_the_checker_sees_a_cycle_made_inside_a_function(tmp_path: Path) -> None:
    check = _script("check_architecture")
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("from .a import f\n")
    (package / "a.py").write_text("def f():\n    from .b import g\n    return g()\n")
    (package / "b.py").write_text("from . import a\n\ndef g():\n    return a\n")
    found = check.problems(tmp_path, "pkg")
    assert found == ["import cycle: pkg.a ↔ pkg.b"]
    body = "\n".join(f"    x = {k}" for k in range(81))
    (package / "b.py").write_text(f"def g():\n{body}\n")
    assert any("pkg.b.g" in line for line in check.problems(tmp_path, "pkg"))


def test_the_picture_of_the_layers_is_the_contract() -> None:
    draw = _script("draw_layers")
    picture = ROOT / "docs" / "images" / "layers.svg"
    assert picture.read_text(encoding="utf-8") == draw.draw(
        draw.contract_layers(ROOT / "pyproject.toml")
    ), "run python scripts/draw_layers.py"


@pytest.mark.parametrize("layer", ["cli", "readers", "rules", "arithmetic", "model"])
def test_every_layer_named_in_the_contract_is_drawn(layer: str) -> None:
    text = (ROOT / "docs" / "images" / "layers.svg").read_text(encoding="utf-8")
    assert f">{layer}<" in text
