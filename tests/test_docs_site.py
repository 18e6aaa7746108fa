"""The documentation site builds with Sphinx, warnings as errors, and its generated pages.

The build is the one of docs/conf.py (``python -m sphinx -W --keep-going -b html docs OUT``);
it needs the docs extra, which the test extra includes. The generated pages (the glossary)
come from ``docs/_ext/zfxxgk_docs.py``, tested here without Sphinx as well; the rule catalogue
is generated into its page by ``scripts/generate_catalogue.py`` (tests/test_catalogue.py).
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from zfxxgk.model import Template
from zfxxgk.rules import catalogue
from zfxxgk.template import cell_specs, row_specs

REPO = Path(__file__).resolve().parent.parent
DOCS = REPO / "docs"


def _generators() -> ModuleType:
    path = DOCS / "_ext" / "zfxxgk_docs.py"
    spec = importlib.util.spec_from_file_location("zfxxgk_docs", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_glossary_names_every_label_and_identifier() -> None:
    glossary = _generators().glossary()
    for template in Template:
        for single in (False, True):
            for row in row_specs(template, other_single=single):
                assert f"`{'.'.join(row.path)}`" in glossary
                assert all(label in glossary for label in row.row)
            for spec in cell_specs(template, other_single=single):
                assert spec.column in glossary, spec.column
                assert f"`{spec.path[-1]}`" in glossary


def test_unknown_generated_block_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown generated block"):
        _generators().expand("<!-- generated: nonsense -->\n")


def test_a_page_missing_from_the_navigation_gets_in_under_more(tmp_path: Path) -> None:
    """A page no toctree names is listed under "More" instead of failing the strict build."""
    (tmp_path / "howto").mkdir()
    (tmp_path / "index.md").write_text("```{toctree}\n:hidden:\n\nhowto/a\n```\n", "utf-8")
    (tmp_path / "howto" / "a.md").write_text("# A\n", "utf-8")
    (tmp_path / "howto" / "b.md").write_text("# B\n", "utf-8")
    generated = _generators().unlisted_pages(tmp_path)
    assert ":caption: More" in generated
    assert "howto/b" in generated and "howto/a" not in generated
    (tmp_path / "howto" / "b.md").unlink()
    assert _generators().unlisted_pages(tmp_path) == ""


def test_site_builds_with_warnings_as_errors(tmp_path: Path) -> None:
    for module in ("sphinx", "myst_parser", "furo"):
        if importlib.util.find_spec(module) is None:
            if os.environ.get("CI"):
                pytest.fail(f"{module} is missing: the test extra installs the docs tools")
            pytest.skip(f"{module} is not installed (pip install -e '.[docs]')")
    out = tmp_path / "html"
    proc = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "html", "docs", out],
        cwd=REPO,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=900,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    glossary = (out / "reference" / "glossary.html").read_text(encoding="utf-8")
    assert "natural_person" in glossary and "本年新收政府信息公开申请数量" in glossary
    rules = (out / "reference" / "catalogue.html").read_text(encoding="utf-8")
    assert all(info.code in rules for info in catalogue())
    api = (out / "api" / "model.html").read_text(encoding="utf-8")
    assert "zfxxgk.model.Report" in api and "from_counts" in api
    schema = (out / "reference" / "schema.html").read_text(encoding="utf-8")
    assert "urn:zfxxgk:schema:report:v1" in schema
    assert (out / "tutorial.html").is_file() and (out / "howto" / "dask.html").is_file()
