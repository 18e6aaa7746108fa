"""Every file the documentation cites is in the repository (issue 18: a how-to cited a file
that was not): paths under the repository's top folders (``examples/…``, ``scripts/…``,
``tests/…``, ``benchmarks/…``, ``docs/…``, ``src/…``, ``.ci/…``) in ``docs/**/*.md`` and
the README, and the relative links between pages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .conftest import REPO

PAGES = [*sorted(REPO.glob("docs/**/*.md")), REPO / "README.md"]

CITED = re.compile(
    r"(?<![\w./-])((?:examples|scripts|tests|benchmarks|docs|src|\.ci)/"
    r"[\w\-./\u4e00-\u9fff]*[\w\u4e00-\u9fff])"
)
"""A repository path: a top folder, then path characters (CJK names too), not ending in a dot."""
LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")
"""The target of a Markdown link, without its anchor."""


def _cited(page: Path) -> list[str]:
    return [m.group(1) for m in CITED.finditer(page.read_text("utf-8"))]


@pytest.mark.parametrize("page", PAGES, ids=[p.relative_to(REPO).as_posix() for p in PAGES])
def test_every_cited_path_exists(page: Path) -> None:
    missing = [path for path in _cited(page) if not (REPO / path).exists()]
    assert not missing, f"{page.relative_to(REPO)} cites files not in the repository: {missing}"


@pytest.mark.parametrize("page", PAGES, ids=[p.relative_to(REPO).as_posix() for p in PAGES])
def test_every_relative_link_exists(page: Path) -> None:
    targets = [t for t in LINK.findall(page.read_text("utf-8")) if "://" not in t]
    missing = [t for t in targets if not t.startswith("mailto:") and not (page.parent / t).exists()]
    assert not missing, f"{page.relative_to(REPO)} links to missing files: {missing}"


def test_the_scan_finds_the_citations() -> None:
    # the pattern is not vacuous: the pages cite scripts, examples and tests that exist
    cited = {path for page in PAGES for path in _cited(page)}
    assert {
        "scripts/check_architecture.py",
        "examples/reports",
        "tests/test_cli_corpus.py",
    } <= cited
    assert (
        not CITED.search("see tests/test_x.py.")
        or CITED.search("see tests/test_x.py.").group(1) == "tests/test_x.py"
    )
