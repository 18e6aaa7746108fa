"""Every code example of the documentation and the README runs (see tests/docs_examples.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .docs_examples import REPO, pages, prepare_folder, run_page

# Pages whose Python examples another test runs already: their console examples still run here.
TESTED_ELSEWHERE = {
    "docs/json.md": "tests/test_serialize.py::test_docs_json_examples_run",
}

PAGES = list(pages())


@pytest.mark.parametrize("page", PAGES, ids=[p.relative_to(REPO).as_posix() for p in PAGES])
def test_page_examples_run(page: Path, tmp_path: Path) -> None:
    prepare_folder(tmp_path)
    name = page.relative_to(REPO).as_posix()
    run_page(page, tmp_path, skip_python=name in TESTED_ELSEWHERE)
