"""Copied narrative: a report against itself with edits, last year's and its peers'; the
``COPY-SIMILAR`` rule and ``zfxxgk similar``."""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import pytest

from zfxxgk.diagnostics import Severity
from zfxxgk.model import DisclosureRequests, Report, proactive_2021
from zfxxgk.render import to_html
from zfxxgk.review import (
    DEFAULT_THRESHOLD,
    check_copying,
    copy_similar,
    narrative_text,
    review_copying,
)
from zfxxgk.rules import RuleSet

from .fixtures.review_cli import run

OVERVIEW = (
    "2023年，我局坚持以人民为中心的发展思想，紧紧围绕区委区政府中心工作，扎实推进政务公开标准化"
    "规范化建设。一是聚焦重点领域信息公开，及时公开财政预决算、重大建设项目、公共资源配置等信息。"
    "二是强化政策解读回应，围绕群众关心的养老服务、社会救助等事项，采用图解、短视频等形式开展解读。"
    "三是规范依申请公开办理流程，严格落实登记、审核、办理、答复、归档等环节，全年共收到政府信息"
    "公开申请12件，均在法定期限内答复。四是加强平台建设，优化门户网站栏目设置，提升信息检索便利度。"
)
PROBLEMS = (
    "我局政府信息公开工作仍存在一些不足：一是部分栏目信息更新不够及时；二是政策解读形式还不够丰富。"
    "下一步，我局将进一步健全信息发布审核机制，加强业务培训，推动政务公开工作提质增效。"
)
OTHER = "本年度未发出收费通知，未收取信息处理费。"

PEER = (
    "2024年，我镇深入贯彻落实条例，以服务群众为导向，完善公开目录，做好基层政务公开。全年主动"
    "公开各类信息860条，涉及乡村振兴、农村人居环境整治、防汛救灾等方面。依申请公开方面，收到申请"
    "3件，均按时办结。监督保障方面，将政务公开纳入年度考核，定期开展自查整改，接受群众监督。"
)


def report(
    agency: str, year: int, overview: str, problems: str = PROBLEMS, other: str = OTHER
) -> Report:
    return Report.build(
        agency=agency,
        year=year,
        proactive=proactive_2021(),
        requests=DisclosureRequests.from_counts(new=(12,), disclosed=(12,)),
        overview=overview,
        problems=problems,
        other_matters=other,
    )


LAST_YEAR = report("某区民政局", 2023, OVERVIEW)
# copied: the year and the numbers changed, one sentence reworded, one paragraph new
THIS_YEAR = report(
    "某区民政局",
    2024,
    OVERVIEW.replace("2023年", "2024年").replace("12件", "15件").replace("扎实推进", "持续推进")
    + "五是加强队伍建设，组织开展政务公开业务培训两次。",
)
REWRITTEN = report("某区民政局", 2024, PEER.replace("我镇", "我局"), problems="", other="")


def test_a_report_against_itself_scores_one() -> None:
    result = check_copying(LAST_YEAR, [LAST_YEAR])
    (match,) = result.matches
    assert match.score == pytest.approx(1.0)
    (finding,) = result.findings
    assert finding.code == "COPY-SIMILAR" and finding.severity is Severity.WARNING


def test_a_copy_with_edits_is_found_with_its_passages() -> None:
    result = check_copying(THIS_YEAR, [LAST_YEAR, REWRITTEN])
    best, other = result.matches
    assert best.other == LAST_YEAR.info.title or best.relation == "指定"
    assert best.score >= 0.7 > other.score
    assert other.score < DEFAULT_THRESHOLD
    texts = [p.text_a for p in best.similarity.passages]
    assert any("规范依申请公开办理流程" in t for t in texts)
    assert not any("五是加强队伍建设" in t for t in texts)  # the new paragraph is not copied
    (finding,) = result.findings  # only the copy is reported
    assert f"{best.score:.0%}" in finding.message and "“" in finding.message


def test_the_copy_rule_in_the_engine() -> None:
    rules = RuleSet.of(copy_similar)
    (finding,) = rules.check_pair(LAST_YEAR, THIS_YEAR)
    assert finding.code == "COPY-SIMILAR" and finding.path is None
    assert "某区民政局2023年度报告" in finding.message
    assert rules.check_pair(REWRITTEN, THIS_YEAR) == ()


def test_no_narrative_no_match() -> None:
    bare = attrs.evolve(LAST_YEAR, overview=None, problems=None, other_matters=None)
    assert narrative_text(bare) == ""
    result = check_copying(bare, [LAST_YEAR])
    assert result.findings == () and result.matches[0].score == 0


def test_a_folder_compares_last_year_and_peers() -> None:
    peer = report("某区教育局", 2024, OVERVIEW.replace("2023年", "2024年"))
    unrelated = report("某镇人民政府", 2024, PEER, problems="", other="")
    results = review_copying([LAST_YEAR, THIS_YEAR, peer, unrelated])
    this_year = results[1]
    relations = {m.relation for m in this_year.matches}
    assert relations == {"上一年度", "其他机关"}
    last = next(m for m in this_year.matches if m.relation == "上一年度")
    assert last.score >= 0.7
    assert len(this_year.findings) == 2  # last year's and the peer's copy
    assert all(m.relation != "上一年度" for m in results[0].matches)  # 2023 has no 2022
    assert results[3].findings == ()


def test_similar_command(tmp_path: Path) -> None:
    for name, item in (("a2023", LAST_YEAR), ("a2024", THIS_YEAR), ("b2024", REWRITTEN)):
        (tmp_path / f"{name}.html").write_text(to_html(item, page=True), "utf-8")
    status, out = run("similar", str(tmp_path / "a2024.html"), str(tmp_path / "a2023.html"))
    assert status == 0 and "← 雷同" in out and "我局政府信息公开工作仍存在一些不足" in out
    status, out = run(
        "similar",
        str(tmp_path / "a2024.html"),
        str(tmp_path),
        "--fail-on",
        "warning",
        "--format",
        "json",
    )
    assert status == 1
    (data,) = json.loads(out)
    assert data["matches"][0]["score"] >= 0.7 and data["matches"][0]["passages"]
    status, out = run("similar", "--all", str(tmp_path))
    assert status == 0 and out.count("== ") == 3 and "上一年度" in out
    assert run("similar", str(tmp_path / "a2024.html"))[0] == 2
