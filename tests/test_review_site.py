"""``zfxxgk review PATH... -o SITE``: the review site, built for examples/ and for reports of
the shared corpus (read where they are, never copied), opened in headless Chromium.

The browser tests click with real mouse events and type real keys (the DevTools protocol on a
pipe, tests/browser.py), and record every request the pages make."""

from __future__ import annotations

import json
import urllib.parse
from pathlib import Path
from typing import Any

import pytest
from lxml import html as lxml_html

from zfxxgk.batch import read_one
from zfxxgk.cli import main
from zfxxgk.convert import convert
from zfxxgk.review_site import build_site, is_site

from .browser import CHROMIUM, NO_CHROMIUM, Browser, browser
from .conftest import REPO
from .corpus_truth import CORPUS, SKIP_REASON, corpus_available
from .fixtures.reports import report_2021

EXAMPLES = REPO / "examples" / "reports"

CASES = (
    "hongze-2023-pdf",  # section 四: two 总计 printed 0 (meta.json: 10 + 1 = 11, 5)
    "pingtan-2018-pre2019-crawltext",  # pre-2019: read, not checked
    "pingtan-2019-crawltext",  # read in part: unknown cells
    "pingtan-2020-html",  # a second year of 平潭: the table of agencies by year
    "seed-xihongmen-2024",  # N101: the narrative against the tables
)
"""The corpus reports the site is built for: one of each kind of row."""

needs_corpus = pytest.mark.skipif(not corpus_available(), reason=SKIP_REASON)
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason=NO_CHROMIUM)


def _source(case: str) -> Path:
    (found,) = (CORPUS / case).glob("source.*")
    return found


def _data(site: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((site / "site.json").read_text(encoding="utf-8"))
    return data


def _report(data: dict[str, Any], case: str) -> dict[str, Any]:
    (found,) = [r for r in data["reports"] if f"/{case}/" in r["file"]]
    return found


@pytest.fixture(scope="module")
def corpus_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    """The site of :data:`CASES` and one file that cannot be read; the exit code."""
    if not corpus_available():
        pytest.skip(SKIP_REASON)
    folder = tmp_path_factory.mktemp("corpus-site")
    broken = folder / "坏文件.pdf"
    broken.write_bytes(b"%PDF-1.7\nnot a pdf at all")
    site = folder / "site"
    sources = [str(_source(case)) for case in CASES]
    code = main(["review", *sources, str(broken), "-o", str(site), "--no-progress"])
    return site, code


@pytest.fixture(scope="module")
def chromium(tmp_path_factory: pytest.TempPathFactory) -> Any:
    if CHROMIUM is None:
        pytest.skip(NO_CHROMIUM)
    with browser(tmp_path_factory.mktemp("chromium")) as opened:
        yield opened


# --------------------------------------------------------------------------------------
# the site's files and data
# --------------------------------------------------------------------------------------


@needs_corpus
def test_corpus_site_rows_totals_and_exit_code(corpus_site: tuple[Path, int]) -> None:
    site, code = corpus_site
    assert code == 2  # a file could not be read: as check
    data = _data(site)
    assert data["format"] == "zfxxgk.site"
    assert data["totals"] == {
        "files": 6,
        "checked": 4,
        "with_errors": 3,
        "unreadable": 1,
        "not_checked": 1,
        "incomplete": 1,
        "short": 1,
        "worst": 2,
    }
    statuses = {Path(r["file"]).parent.name: r["status"] for r in data["reports"][:-1]}
    assert statuses == {
        "hongze-2023-pdf": "error",
        "pingtan-2018-pre2019-crawltext": "not-checked",
        "pingtan-2019-crawltext": "incomplete",
        "pingtan-2020-html": "error",
        "seed-xihongmen-2024": "error",
    }
    broken = data["reports"][-1]
    assert broken["file"].endswith("坏文件.pdf") and broken["status"] == "unreadable"
    assert broken["page"] is None and broken["error"]["code"].startswith("E")
    pages = sorted(p.name for p in (site / "reports").iterdir())
    assert pages == sorted(Path(r["page"]).name for r in data["reports"] if r["page"])
    assert len(pages) == 4


@needs_corpus
def test_the_known_errors_of_hongze_2023_are_on_their_cells(
    corpus_site: tuple[Path, int],
) -> None:
    site, _ = corpus_site
    hongze = _report(_data(site), "hongze-2023-pdf")
    on_cells = {(f["code"], f["path"], f["reported"], f["expected"]) for f in hongze["findings"]}
    assert on_cells == {
        ("S4-TOTAL", "appeals.review.total", 0, 11),
        ("S4-TOTAL", "appeals.lawsuit_after_review.total", 0, 5),
        # the altered template, true of the source (its meta.json): （六） printed as one row,
        # and the row label 2.其他法律行政止公开 ('法规禁' missing)
        ("TEMPLATE-ROWS", "requests.outcomes.other_handling", None, None),
        ("TEMPLATE-LABEL", "requests.outcomes.withheld.prohibited_by_law", None, None),
    }
    page = lxml_html.fromstring((site / hongze["page"]).read_text(encoding="utf-8"))
    for path, expected in (
        ("appeals.review.total", "11"),
        ("appeals.lawsuit_after_review.total", "5"),
    ):
        (cell,) = page.xpath(f'//td[@data-path="{path}"]')
        assert "zfxxgk-error" in cell.get("class").split()
        (mark,) = cell.xpath('a[@class="mark"]')
        (note,) = page.xpath(f'//li[@id="{mark.get("href")[1:]}"]')
        assert note.get("data-path") == path
        assert "S4-TOTAL" in note.text_content() and f"应为{expected}" in note.text_content()


def test_examples_site_agrees_with_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    checked = main(["check", str(EXAMPLES), "--format", "json", "--no-progress"])
    check = json.loads(capsys.readouterr().out)
    site = tmp_path / "site"
    code = main(["review", str(EXAMPLES), "-o", str(site), "--no-progress"])
    assert code == checked == 1  # 示例镇人民政府-2024.txt: S3-OUTCOME-TOTAL is an error
    assert "已生成网站" in capsys.readouterr().out
    data = _data(site)
    assert [r["file"] for r in data["reports"]] == [r["file"] for r in check["reports"]]
    for ours, theirs in zip(data["reports"], check["reports"], strict=True):
        assert ours["counts"] == theirs["counts"]
        assert ours["findings"] == theirs["findings"]
        assert (ours["agency"], ours["year"]) == (theirs["agency"], theirs["year"])
    assert data["totals"]["with_errors"] == check["summary"]["with_errors"]
    index = lxml_html.fromstring((site / "index.html").read_text(encoding="utf-8"))
    assert len(index.xpath('//table[@id="reports"]/tbody/tr')) == 3
    assert index.xpath("//meta[@name='viewport']")


def test_every_reference_stays_in_the_folder_but_the_source_links(tmp_path: Path) -> None:
    """No page loads anything (no src, no stylesheet, no script file); every link is to a
    page of the site, a place in the page, or a source file given on the command line."""
    site = tmp_path / "site"
    main(["review", str(EXAMPLES), "-o", str(site), "--no-progress"])
    sources = {p.resolve() for p in EXAMPLES.iterdir()}
    pages = sorted(site.rglob("*.html"))
    assert len(pages) == 7  # the index, three reports, three checks across reports
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert "http:" not in text and "https:" not in text
        tree = lxml_html.fromstring(text)
        assert tree.xpath("//@src") == [] and tree.xpath("//link") == []
        for link in tree.xpath("//a/@href"):
            if link.startswith("#"):
                continue
            assert not link.startswith(("/", "file:")), link
            target = (page.parent / urllib.parse.unquote(link)).resolve()
            assert target.is_file(), link
            assert target.is_relative_to(site.resolve()) or target in sources, link


def test_a_folder_that_is_not_a_site_is_not_written_into(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    taken = tmp_path / "taken"
    taken.mkdir()
    (taken / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["review", str(EXAMPLES), "-o", str(taken), "--no-progress"]) == 2
    assert "不是空的" in capsys.readouterr().err
    assert sorted(p.name for p in taken.iterdir()) == ["notes.txt"]
    site = tmp_path / "site"
    assert main(["review", str(EXAMPLES), "-o", str(site), "--no-progress"]) == 1
    assert is_site(site)
    one = EXAMPLES / "示例县民政局-2024.html"
    assert main(["review", str(one), "-o", str(site), "--no-progress"]) == 0  # built again
    assert sorted(p.name for p in (site / "reports").iterdir()) == ["0001.html"]
    assert len(_data(site)["reports"]) == 1


def test_names_are_escaped_by_the_builder(tmp_path: Path) -> None:
    import attrs

    report = report_2021()
    odd = '示例<b>局</b> & "办公室"</script>'
    report = attrs.evolve(report, info=attrs.evolve(report.info, agency=odd))
    source = tmp_path / "r.json"
    convert(report, "json", source)
    built = build_site([read_one(source)], tmp_path / "site")
    assert built.reports[0].agency == odd
    for page in (tmp_path / "site" / "index.html", tmp_path / "site" / "reports" / "0001.html"):
        tree = lxml_html.fromstring(page.read_text(encoding="utf-8"))
        assert tree.xpath("//b[text()='局']") == []  # no element made of the name
        assert odd in tree.text_content()
        assert len(tree.xpath("//script")) == (1 if page.name == "index.html" else 0)


# --------------------------------------------------------------------------------------
# in the browser
# --------------------------------------------------------------------------------------

_COLUMN = (
    "Array.from(document.querySelectorAll('#reports tbody tr')).map(r => r.cells[{}].textContent)"
)


@needs_corpus
@needs_chromium
def test_index_in_chromium_rows_sorting_and_filter(
    corpus_site: tuple[Path, int], chromium: Browser
) -> None:
    site, _ = corpus_site
    data = _data(site)
    chromium.open((site / "index.html").as_uri())
    rows = chromium.evaluate("document.querySelectorAll('#reports tbody tr').length")
    assert rows == len(data["reports"]) == 6
    totals = chromium.evaluate(
        "Object.fromEntries(Array.from(document.querySelectorAll('ul.totals li'))"
        ".map(li => [li.dataset.key, Number(li.querySelector('b').textContent)]))"
    )
    assert totals["files"] == 6 and totals["with_errors"] == 3 and totals["unreadable"] == 1
    errors = [r["counts"]["error"] if r["read"] else -1 for r in data["reports"]]
    shown = [str(e) if e >= 0 else "—" for e in sorted(errors)]
    chromium.click("#reports thead th:nth-child(6) button")  # 错误
    assert chromium.evaluate(_COLUMN.format(5)) == shown
    assert chromium.evaluate("document.querySelector('#reports th:nth-child(6)').ariaSort") == (
        "ascending"
    )
    chromium.click("#reports thead th:nth-child(6) button")
    assert chromium.evaluate(_COLUMN.format(5)) == shown[::-1]
    chromium.click("#reports thead th:nth-child(3) button")  # 年度
    years = chromium.evaluate(_COLUMN.format(2))
    assert [y for y in years if y] == sorted(y for y in years if y)
    chromium.type("#filter", "平潭")
    assert chromium.evaluate("document.getElementById('shown').textContent") == "2"
    visible = chromium.evaluate(
        "Array.from(document.querySelectorAll('#reports tbody tr')).filter(r => !r.hidden)"
        ".map(r => r.cells[1].textContent)"
    )
    assert visible == ["平潭综合实验区", "平潭综合实验区"]
    assert chromium.evaluate("document.querySelectorAll('#by-agency tbody tr').length") >= 3
    _only_the_folder(chromium, site)


@needs_corpus
@needs_chromium
def test_report_pages_in_chromium(corpus_site: tuple[Path, int], chromium: Browser) -> None:
    site, _ = corpus_site
    data = _data(site)
    hongze = _report(data, "hongze-2023-pdf")
    chromium.open((site / hongze["page"]).as_uri())
    _only_the_folder(chromium, site)
    cell = "td[data-path='appeals.review.total']"
    assert chromium.evaluate(f'document.querySelector("{cell}").className').split() == [
        "zfxxgk-value",
        "zfxxgk-error",
    ]
    chromium.click(f"{cell} a.mark")
    target = chromium.evaluate("document.querySelector(':target').textContent")
    assert "S4-TOTAL" in target and "应为11" in target
    tables = chromium.evaluate(
        "Array.from(document.querySelectorAll('table.zfxxgk-table')).map(t => t.dataset.section)"
    )
    assert tables == ["二", "三", "四"]
    partial = _report(data, "pingtan-2019-crawltext")
    chromium.open((site / partial["page"]).as_uri())
    _only_the_folder(chromium, site)
    unknown = chromium.evaluate(
        "Array.from(document.querySelectorAll('td.zfxxgk-unknown'))"
        ".map(td => td.firstChild.textContent)"
    )
    figure = partial["completeness"]
    assert len(unknown) == figure["unread"] + figure["not_printed"] > 0
    assert set(unknown) == {"未读取"}
    narrative = chromium.evaluate("document.querySelector('.zfxxgk-report').textContent")
    assert "总体情况" in narrative


def _only_the_folder(chromium: Browser, site: Path) -> None:
    """Every request of the page just opened is for a file in the site's folder."""
    requests = chromium.requests
    assert requests
    root = site.resolve().as_uri() + "/"
    assert [u for u in requests if not u.startswith(root)] == []


@needs_corpus
@needs_chromium
def test_printed_pages_fit_a4_landscape(corpus_site: tuple[Path, int], chromium: Browser) -> None:
    """In print media, on the width of A4 landscape within the page's 10 mm margins
    (277 mm, 1047 CSS pixels), no page is wider than the paper: nothing is cut off."""
    site, _ = corpus_site
    data = _data(site)
    chromium.call("Emulation.setEmulatedMedia", media="print")
    chromium.call(
        "Emulation.setDeviceMetricsOverride",
        width=1047,
        height=740,
        deviceScaleFactor=1,
        mobile=False,
    )
    try:
        pages = [site / "index.html", *(site / r["page"] for r in data["reports"] if r["page"])]
        pages += [site / name for name in ("hierarchy.html", "copying.html", "series.html")]
        for page in pages:
            chromium.open(page.as_uri())
            wide = chromium.evaluate(
                "[document.documentElement.scrollWidth, document.documentElement.clientWidth,"
                " document.querySelectorAll('nav, .controls').length,"
                " Array.from(document.querySelectorAll('nav, .controls'))"
                ".filter(e => e.offsetParent !== null).length]"
            )
            scroll_width, client_width, hidden, shown = wide
            assert scroll_width <= client_width, page.name
            assert hidden >= 1 and shown == 0  # no navigation or filters on paper
    finally:
        chromium.call("Emulation.setEmulatedMedia", media="")
        chromium.call("Emulation.clearDeviceMetricsOverride")


def test_agencies_are_grouped_as_match_agency_matches_them() -> None:
    from zfxxgk.agencies import match_agency
    from zfxxgk.completeness import Completeness
    from zfxxgk.review_site.data import SiteReport
    from zfxxgk.review_site.pages import agency_groups

    names = [
        "淮安市洪泽区人民政府",
        "淮安市人民政府",
        "洪泽区人民政府",
        "平潭综合实验区管委会",
        "平潭综合实验区",
        "上海市科委",
        "福建省平潭综合实验区",
        "上海市 科委（本级）",
    ]
    figure = Completeness(expected=1, read=1)
    reports = [
        SiteReport(number=k, file=f"{k}.txt", page=None, source=None, agency=n, completeness=figure)
        for k, n in enumerate(names, 1)
    ]
    groups = [[e.agency for e in members] for _, members in agency_groups(reports)]
    assert groups == [
        ["淮安市洪泽区人民政府", "洪泽区人民政府"],
        ["淮安市人民政府"],
        ["平潭综合实验区管委会", "平潭综合实验区", "福建省平潭综合实验区"],
        ["上海市科委", "上海市 科委（本级）"],
    ]
    for group in groups:  # each member matches one before it, and no member of another group
        others = [n for g in groups if g is not group for n in g]
        for k, name in enumerate(group):
            assert k == 0 or any(match_agency(name, before) for before in group[:k])
            assert not any(match_agency(name, other) for other in others)
