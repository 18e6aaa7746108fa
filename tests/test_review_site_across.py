"""The review site's checks across reports (hierarchy, copying, years), the narrative's claims
marked in place, and ``--select``/``--ignore`` on ``zfxxgk review``.

The folder is written by hand from the examples: the three example reports, 示例县民政局's
report of the year before (its narrative states 58 requests where its table says 50, its
carry-over does not meet 2024's), and a region, 示例县人民政府 (a hostile name), whose tables
are the sum of the two 2024 units but for one cell."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import attrs
import pytest
from lxml import html as lxml_html

import zfxxgk
from zfxxgk.arithmetic import add_reports
from zfxxgk.cells import Cell
from zfxxgk.cli import main
from zfxxgk.convert import convert
from zfxxgk.html_report import to_html
from zfxxgk.review import check_hierarchy, check_series, review_copying
from zfxxgk.template import replace_at

from .browser import CHROMIUM, NO_CHROMIUM, Browser, browser
from .conftest import REPO

EXAMPLES = REPO / "examples" / "reports"
REGION_NAME = '示例县<b>人民政府</b> & "汇总"</script>'
"""The region's agency: markup, an ampersand, quotes and a closing script tag."""
ACROSS = ("hierarchy.html", "copying.html", "series.html")


def _folder(root: Path) -> tuple[Path, Path]:
    """The reports' folder and the region's file in it."""
    folder = root / "reports"
    shutil.copytree(EXAMPLES, folder)
    this = zfxxgk.read(folder / "示例县民政局-2024.html").report
    assert this.overview is not None and "收到政府信息公开申请50件" in this.overview
    last = attrs.evolve(
        this,
        info=attrs.evolve(this.info, year=2023, title="示例县民政局2023年政府信息公开工作年度报告"),
        overview=this.overview.replace("申请50件", "申请58件").replace("2024年，", "2023年，"),
    )
    (folder / "示例县民政局-2023.html").write_text(to_html(last, page=True), encoding="utf-8")
    town = zfxxgk.read(folder / "示例镇人民政府-2024.txt").report
    region = add_reports([this, town], agency=REGION_NAME, year=2024)
    region = replace_at(region, "appeals.review.upheld", Cell.of(9))
    path = root / "示例县人民政府-2024.json"  # outside the folder: read for --region
    convert(region, "json", path)
    return folder, path


@pytest.fixture(scope="module")
def across_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, int]:
    root = tmp_path_factory.mktemp("across")
    folder, region = _folder(root)
    site = root / "site"
    code = main(["review", str(folder), "-o", str(site), "--region", str(region), "--no-progress"])
    return site, folder, code


def _data(site: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((site / "site.json").read_text(encoding="utf-8"))
    return data


def _number(data: dict[str, Any], name: str) -> int:
    (found,) = [r["number"] for r in data["reports"] if Path(r["file"]).name == name]
    return int(found)


def _tree(path: Path) -> Any:
    return lxml_html.fromstring(path.read_text(encoding="utf-8"))


def test_the_checks_across_reports_are_the_librarys(across_site: tuple[Path, Path, int]) -> None:
    site, _, code = across_site
    assert code == 1  # errors in the reports (the region's own checks as check has them)
    data = _data(site)
    county_2023 = _number(data, "示例县民政局-2023.html")
    county_2024 = _number(data, "示例县民政局-2024.html")
    town = _number(data, "示例镇人民政府-2024.txt")
    region = _number(data, "示例县人民政府-2024.json")
    reads = {r["number"]: zfxxgk.read(r["file"]) for r in data["reports"]}

    (hierarchy,) = data["hierarchy"]["regions"]
    assert hierarchy["region"] == region
    assert sorted(hierarchy["units"]) == sorted([county_2024, town])  # 2024 only
    expected = check_hierarchy(reads[region], [reads[county_2024], reads[town]])
    assert [f["code"] for f in hierarchy["findings"]] == [f.code for f in expected.findings]
    (difference,) = [f for f in hierarchy["findings"] if f["code"] == "HIERARCHY-SUM"]
    assert (difference["path"], difference["reported"]) == ("appeals.review.upheld", 9)
    assert difference["expected"] == expected.differences[0].expected != 9

    (pair,) = data["copying"]["pairs"]
    assert (pair["first"], pair["second"], pair["relation"]) == (
        county_2023,
        county_2024,
        "上一年度",
    )
    library = review_copying([reads[n] for n in sorted(reads)])
    best = max(m.score for c in library for m in c.matches)
    assert pair["score"] == round(best, 4) >= data["copying"]["threshold"]
    assert pair["passages"] and all(p["first"] and p["second"] for p in pair["passages"])

    (series,) = data["series"]
    assert (series["agency"], series["years"]) == ("示例县民政局", [2023, 2024])
    assert series["reports"] == [county_2023, county_2024]
    (step,) = series["steps"]
    library_series = check_series([reads[county_2023], reads[county_2024]])
    assert [f["code"] for f in step["findings"]] == [
        f.code for f in library_series.steps[0].findings
    ]
    assert "PAIR-CARRY-OVER" in {f["code"] for f in step["findings"]}
    assert series["rows"][1]["carry_over_ok"] is False

    index = _tree(site / "index.html")
    links = index.xpath('//ul[@class="across"]/li/a/@href')
    assert links == list(ACROSS)
    assert all((site / link).is_file() for link in links)


def test_pages_across_reports_rows_and_escaping(across_site: tuple[Path, Path, int]) -> None:
    site, _, _ = across_site
    data = _data(site)
    hierarchy = _tree(site / "hierarchy.html")
    rows = hierarchy.xpath('//table[@class="differences"]/tbody/tr')
    assert [r.get("data-path") for r in rows] == ["appeals.review.upheld"]
    (difference,) = [
        f for f in data["hierarchy"]["regions"][0]["findings"] if f["code"] == "HIERARCHY-SUM"
    ]
    units = difference["expected"]
    assert [c.text_content() for c in rows[0].xpath("td")][1:] == ["9", str(units), str(9 - units)]
    copying = _tree(site / "copying.html")
    (pair,) = data["copying"]["pairs"]
    assert len(copying.xpath('//section[@class="pair"]')) == 1
    shown = copying.xpath('//table[@class="passages"]/tbody/tr')
    assert len(shown) == min(len(pair["passages"]), 8)
    series = _tree(site / "series.html")
    assert len(series.xpath('//table[@class="years"]/tbody/tr')) == 2
    for page in [site / "index.html", site / "hierarchy.html", *(site / "reports").glob("*.html")]:
        tree = _tree(page)
        assert tree.xpath("//b[text()='人民政府']") == [], page.name
        if page.name in ("hierarchy.html", "0005.html"):
            assert REGION_NAME in tree.text_content(), page.name
        assert len(tree.xpath("//script")) == (1 if page.name == "index.html" else 0)


def test_claims_that_disagree_are_marked_in_the_narrative(
    across_site: tuple[Path, Path, int],
) -> None:
    site, _, _ = across_site
    data = _data(site)
    (entry,) = [r for r in data["reports"] if r["file"].endswith("示例县民政局-2023.html")]
    (n101,) = [f for f in entry["findings"] if f["code"] == "N101"]
    page = _tree(site / entry["page"])
    (mark,) = page.xpath('//mark[contains(@class, "claim")]')
    assert mark.text == "58件" and mark.get("data-code") == "N101"
    assert "zfxxgk-sev-error" in mark.get("class").split()
    (link,) = mark.itersiblings("a")
    paragraph = mark.getparent()
    said = paragraph.text_content().replace(link.text, "")  # the text as printed
    assert paragraph.tag == "p" and "全年共收到政府信息公开申请58件，上年结转3件" in said
    (note,) = page.xpath(f'//li[@id="{link.get("href")[1:]}"]')
    assert note.get("data-path") == n101["path"] == "requests.new.total"
    others = [r for r in data["reports"] if r["page"] and r is not entry]
    for other in others:  # no narrative finding: nothing marked
        assert _tree(site / other["page"]).xpath("//mark") == []


def test_select_and_ignore_as_check(
    across_site: tuple[Path, Path, int], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, folder, _ = across_site
    main(["check", str(folder), "--format", "json", "--ignore", "N1,PAIR", "--no-progress"])
    check = json.loads(capsys.readouterr().out)
    site = tmp_path / "site"
    main(["review", str(folder), "-o", str(site), "--ignore", "N1,PAIR", "--no-progress"])
    data = _data(site)
    assert [r["findings"] for r in data["reports"]] == [r["findings"] for r in check["reports"]]
    codes = {f["code"] for r in data["reports"] for f in r["findings"]}
    assert not any(c.startswith("N1") for c in codes)
    assert {f["code"] for s in data["series"] for st in s["steps"] for f in st["findings"]} == set()
    assert all(not _tree(p).xpath("//mark") for p in (site / "reports").glob("*.html"))
    site = tmp_path / "selected"
    main(["review", str(folder), "-o", str(site), "--select", "N101", "--no-progress"])
    codes = {f["code"] for r in _data(site)["reports"] for f in r["findings"]}
    assert codes == {"N101"}
    assert main(["review", str(folder), "-o", str(tmp_path / "x"), "--select", "ZZ9"]) == 2
    assert "未知的规则代码" in capsys.readouterr().err


@pytest.mark.skipif(CHROMIUM is None, reason=NO_CHROMIUM)
def test_pages_across_reports_in_chromium(
    across_site: tuple[Path, Path, int], tmp_path: Path
) -> None:
    """From the index by real clicks to each page; the rows as site.json has them; nothing
    requested outside the folder; on a phone's width no page is wider than the screen."""
    site, _, _ = across_site
    data = _data(site)
    root = site.resolve().as_uri() + "/"
    with browser(tmp_path / "chromium") as chromium:
        for number, (name, count) in enumerate(
            (
                ("hierarchy.html", "#region-{} table.differences tbody tr"),
                ("copying.html", "section.pair"),
                ("series.html", "table.years tbody tr"),
            ),
            1,
        ):
            chromium.open((site / "index.html").as_uri())
            chromium.click(f"ul.across li:nth-child({number}) a")
            _wait_for(chromium, name)
            selector = count.format(data["hierarchy"]["regions"][0]["region"])
            rows = chromium.evaluate(f"document.querySelectorAll({json.dumps(selector)}).length")
            expected = {
                "hierarchy.html": data["hierarchy"]["regions"][0]["differences"],
                "copying.html": len(data["copying"]["pairs"]),
                "series.html": len(data["series"][0]["rows"]),
            }[name]
            assert rows == expected == 1 + (name == "series.html")
            assert [u for u in chromium.requests if not u.startswith(root)] == []
        chromium.call(
            "Emulation.setDeviceMetricsOverride",
            width=375,
            height=700,
            deviceScaleFactor=1,
            mobile=True,
        )
        try:
            for name in ACROSS:
                chromium.open((site / name).as_uri())
                wide = chromium.evaluate(
                    "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
                )
                assert wide, name
        finally:
            chromium.call("Emulation.clearDeviceMetricsOverride")


def _wait_for(chromium: Browser, name: str) -> None:
    """Until the page *name*, opened by a click, has loaded."""
    for _ in range(600):
        location = chromium.evaluate("document.readyState + ' ' + location.pathname")
        if location.startswith("complete") and location.endswith("/" + name):
            return
        chromium.call(
            "Runtime.evaluate", expression="new Promise(r => setTimeout(r, 50))", awaitPromise=True
        )
    raise AssertionError(f"{name} did not open")
