"""``zfxxgk check`` on the real-report corpus, run as a new user would: the whole folder.

Every table error the published reports truly have (their ``meta.json`` notes) is reported at
its cell, no other report has one, the pre-2019 report is noted as not checkable (a warning
with a clear message: it has no standard tables), and the exit code is 1 — table errors found,
every file read.
"""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import pytest

from zfxxgk.cli import main

from .corpus_truth import CORPUS, SKIP_REASON, corpus_available

pytestmark = pytest.mark.skipif(not corpus_available(), reason=SKIP_REASON)

TABLE_RULES = frozenset({"S3-BALANCE", "S3-ROW-TOTAL", "S3-OUTCOME-TOTAL", "S4-TOTAL"})

# case → the table findings of its published report: (code, label path, reported, expected)
SHANGHAI_BLANK_TOTALS = {
    ("S3-ROW-TOTAL", f"三/三、本年度办理结果/{row}/总计", None, expected)
    for row, expected in (
        ("（一）予以公开", 272),
        ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", 3),
        ("（三）不予公开/1.属于国家秘密", 14),
        ("（四）无法提供/1.本机关不掌握相关政府信息", 265),
        ("（五）不予处理/1.信访举报投诉类申请", 149),
    )
}
PINGTAN_2020 = {
    ("S3-OUTCOME-TOTAL", "三/三、本年度办理结果/（七）总计/自然人", 20, 26),
    ("S3-OUTCOME-TOTAL", "三/三、本年度办理结果/（七）总计/总计", 21, 27),
}
KNOWN = {
    "hongze-2023-pdf": {
        ("S4-TOTAL", "四/行政复议/总计", 0, 11),
        ("S4-TOTAL", "四/行政诉讼/复议后起诉/总计", 0, 5),
    },
    "pingtan-2020-html": PINGTAN_2020,
    "pingtan-2020-crawltext": PINGTAN_2020,
    # the lost 四、结转下年度 总计 of the Markdown extraction (blank, the balance implies 1)
    "kewei-shanghai-2024-markdown": {
        ("S3-ROW-TOTAL", "三/四、结转下年度继续办理/总计", None, 1),
    },
}
SHANGHAI = ("shanghai-office-2019-html", "shanghai-office-2019-docx")
PRE_2019 = "pingtan-2018-pre2019-crawltext"


@pytest.fixture(scope="module")
def checked() -> tuple[int, dict[str, dict[str, object]]]:
    """``zfxxgk check --format json --jobs 2 ../shared/corpus``, by case."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = main(["check", "--format", "json", "--jobs", "2", str(CORPUS)])
    document = json.loads(out.getvalue())
    by_case = {Path(r["file"]).parent.name: r for r in document["reports"]}
    return code, by_case


def table_findings(report: dict[str, object]) -> set[tuple[object, ...]]:
    findings = report["findings"]
    assert isinstance(findings, list)
    return {
        (f["code"], f["label_path"], f["reported"], f["expected"])
        for f in findings
        if f["code"] in TABLE_RULES
    }


def test_every_source_is_read_and_nothing_else(
    checked: tuple[int, dict[str, dict[str, object]]],
) -> None:
    code, by_case = checked
    sources = {p.parent.name for p in CORPUS.glob("*/source.*")}
    assert set(by_case) == sources  # no cells.csv, meta.json or README.md
    assert code == 1  # errors found; the pre-2019 report is a warning, not an unreadable file


def test_the_pre_2019_report_is_noted_clearly(
    checked: tuple[int, dict[str, dict[str, object]]],
) -> None:
    _, by_case = checked
    without_tables = [case for case, report in by_case.items() if not report["read"]]
    assert without_tables == [PRE_2019]
    error = by_case[PRE_2019]["error"]
    assert isinstance(error, dict) and error["code"] == "E105"
    assert error["kind"] == "Pre2019ReportError"
    assert "2019 年以前格式" in error["message"] and "不予读取" in error["message"]


def test_every_table_error_of_the_corpus_is_reported(
    checked: tuple[int, dict[str, dict[str, object]]],
) -> None:
    _, by_case = checked
    for case, expected in KNOWN.items():
        assert table_findings(by_case[case]) == expected, case
    for case in SHANGHAI:
        found = table_findings(by_case[case])
        assert found >= SHANGHAI_BLANK_TOTALS, case
        assert {f[0] for f in found} == {"S3-ROW-TOTAL"}
        assert all(f[2] is None for f in found)  # every one a blank 总计
    with_errors = {
        case for case, report in by_case.items() if report["read"] and table_findings(report)
    }
    assert with_errors == set(KNOWN) | set(SHANGHAI)


def test_text_summary_line(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check", "--quiet", str(CORPUS / "hongze-2023-pdf"), str(CORPUS / PRE_2019)])
    out = capsys.readouterr().out
    assert code == 1
    assert out.startswith(
        "汇总：读取报告 1 份，2019 年以前格式 1 份（无标准表格，未检查），有错误的报告 1 份；"
        "错误 S4-TOTAL 2；警告"
    )
    assert "E105 1" in out


def test_the_corpus_as_a_new_user_checks_it(capsys: pytest.CaptureFixture[str]) -> None:
    """``zfxxgk check ../shared/corpus``, text output: every read report has a block, the
    pre-2019 one says it was not checked, and the exit code is 1."""
    code = main(["check", str(CORPUS)])
    out = capsys.readouterr().out
    assert code == 1
    assert "未检查：2019 年以前格式" in out and "无法读取 [E" not in out
    assert "S4-TOTAL" in out and "S3-OUTCOME-TOTAL" in out and "S3-ROW-TOTAL" in out


def test_a_partly_read_crawled_text_is_not_a_pass(capsys: pytest.CaptureFixture[str]) -> None:
    """``zfxxgk check ../shared/corpus/pingtan-2021-crawltext/source.txt``: 13 cells of its
    run-together digits could not be split; no table error, yet the check is not a pass."""
    code = main(["check", str(CORPUS / "pingtan-2021-crawltext" / "source.txt")])
    out = capsys.readouterr().out
    assert code == 1
    lines = out.splitlines()
    assert "检查不完整" in lines[0]
    assert lines[1].strip() == (
        "表格未能完整读取（13 个单元格未读取），检查不完整："
        "已读取 187/200 个单元格（93.5%），13 个原文有但未能读取"
    )
    # each unread cell names where in the crawled line its digits stand
    assert "CELL-UNREAD  二/第二十条第（一）项/行政规范性文件/本年制发件数  [第1行 第2119列]" in out
    assert "未发现问题" not in out
    assert "表格未完整读取 1 份（共 13 个单元格未读取，检查不完整）" in lines[-1]
    assert main(["check", "--min-complete", "90%", str(CORPUS / "pingtan-2021-crawltext")]) == 0
