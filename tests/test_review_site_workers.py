"""The review site drawn in the worker processes (``then=site_pages``): the same pages and the
same ``site.json`` as drawn in the calling process; and ``copying.html`` capped."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import attrs
import pytest
from lxml import html as lxml_html

import zfxxgk
from zfxxgk.batch import find_sources, read_files, read_many
from zfxxgk.html_report import to_html
from zfxxgk.review_site import build_site, site_pages
from zfxxgk.review_site.across import Across
from zfxxgk.review_site.across_pages import COPIES_SHOWN, copying_page
from zfxxgk.review_site.copies import CopyPair
from zfxxgk.review_site.data import SiteReport
from zfxxgk.review_site.worker import SiteItem
from zfxxgk.similarity import compare_texts

from .conftest import REPO

EXAMPLES = REPO / "examples" / "reports"


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The examples, and 示例县民政局's report again as the year before (copying, years)."""
    root = tmp_path_factory.mktemp("workers") / "reports"
    shutil.copytree(EXAMPLES, root)
    this = zfxxgk.read(root / "示例县民政局-2024.html").report
    title = "示例县民政局2023年政府信息公开工作年度报告"
    last = attrs.evolve(this, info=attrs.evolve(this.info, year=2023, title=title))
    (root / "示例县民政局-2023.html").write_text(to_html(last, page=True), encoding="utf-8")
    return root


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*.html")}


def test_pages_drawn_in_the_workers_are_those_drawn_here(folder: Path, tmp_path: Path) -> None:
    here = build_site(read_many([folder]), tmp_path / "here")
    files = [str(f) for f in find_sources([folder])]
    then = site_pages(files, tmp_path / "there")
    items = sorted(read_files(files, jobs=2, then=then), key=lambda i: i.path)
    assert all(isinstance(i, SiteItem) and i.result is None for i in items)
    order = {name: k for k, name in enumerate(files)}
    there = build_site(sorted(items, key=lambda i: order[i.path]), tmp_path / "there")
    assert _files(here.folder) == _files(there.folder)
    assert len([p for p in _files(there.folder) if p.startswith("reports/")]) == len(files)
    data = [json.loads((s.folder / "site.json").read_text("utf-8")) for s in (here, there)]
    assert data[0] == data[1]
    pairs = data[0]["copying"]["pairs"]
    assert pairs and pairs[0]["relation"] == "上一年度" and pairs[0]["score"] > 0.9
    assert data[0]["series"] and data[0]["series"][0]["reports"]
    with pytest.raises(ValueError, match="order of the files"):  # not in their order
        build_site(reversed(items), tmp_path / "wrong")


def test_copying_page_shows_the_most_similar_pairs_and_says_how_many_more() -> None:
    reports = {
        n: SiteReport(number=n, file=f"r{n}.txt", page=f"reports/{n:04d}.html", source=None)
        for n in range(1, 2 * COPIES_SHOWN + 2)
    }
    same = compare_texts(
        "甲" * 10 + "本机关持续推进政务公开标准化规范化建设工作",
        "本机关持续推进政务公开标准化规范化建设工作",
    )
    pairs = tuple(
        CopyPair(first=1, second=n, relation="其他机关", similarity=same)
        for n in range(2, COPIES_SHOWN + 3)
    )
    tree = lxml_html.fromstring(copying_page(Across(copies=pairs), reports))
    assert len(tree.find_class("pair")) == COPIES_SHOWN
    (note,) = tree.find_class("more")
    assert f"共 {COPIES_SHOWN + 1} 对" in note.text_content()
    assert "另有 1 对" in note.text_content() and "site.json" in note.text_content()
    few = lxml_html.fromstring(copying_page(Across(copies=pairs[:3]), reports))
    assert len(few.find_class("pair")) == 3 and not few.find_class("more")


def test_years_of_an_agency_as_check_series_of_every_report(tmp_path: Path) -> None:
    """Several reports of a year: the site unpacks only the one used, chosen by its
    completeness — the same one, the same findings and year table as ``check_series`` of
    every report; the others are named by number."""
    from zfxxgk.cells import Cell
    from zfxxgk.convert import convert
    from zfxxgk.readers import ParseResult
    from zfxxgk.review import check_series
    from zfxxgk.template import iter_cells, replace_at

    base = zfxxgk.read(REPO / "examples" / "reports" / "示例县民政局-2024.html").report
    paths = [spec.dotted for spec, _ in iter_cells(base)]

    def drawn(year: int, unread: int) -> zfxxgk.Report:
        report = attrs.evolve(base, info=attrs.evolve(base.info, year=year))
        for path in paths[:unread]:
            report = replace_at(report, path, Cell.unread())
        return report

    folder = tmp_path / "reports"
    folder.mkdir()
    # 2024: the second and third have fewest unread cells (the second is used); 2022: the last
    for name, year, unread in [
        ("a-2024", 2024, 3),
        ("b-2024", 2024, 1),
        ("c-2024", 2024, 1),
        ("d-2023", 2023, 0),
        ("e-2022", 2022, 2),
        ("f-2022", 2022, 0),
    ]:
        convert(drawn(year, unread), "json", folder / f"{name}.json")
    files = sorted(str(p) for p in folder.iterdir())
    site = build_site(read_files(files, check=True), tmp_path / "site")
    (item,) = site.across.series
    reads = [ParseResult(report=zfxxgk.read(f).report, source=f) for f in files]
    expected = check_series(reads, agency=item.series.agency)
    assert [(f.code, f.message) for f in item.series.findings] == [
        (f.code, f.message) for f in expected.findings
    ]
    assert [f.code for f in expected.findings].count("SERIES-DUPLICATE-YEAR") == 2
    assert item.series.rows() == expected.rows()
    assert [e.source for e in item.series.entries] == [files[5], files[3], files[1]]
    assert item.set_aside == (1, 3, 5)  # a-2024, c-2024, e-2022
