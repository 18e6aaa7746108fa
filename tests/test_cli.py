"""The ``zfxxgk`` command line: check, export, rules — output, formats and exit codes.

Reports are rendered by the library into a temporary folder.  The checks run here are the
table rules (``--select``): the narrative and text rules have tests of their own, and the
command's mechanics should not move when they change.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from pathlib import Path

import attrs
import pytest

from zfxxgk import render
from zfxxgk.cells import Cell
from zfxxgk.cli import main
from zfxxgk.model import Report
from zfxxgk.template import iter_cells, replace_at

from .fixtures.reports import report_2019, report_2021


def _plain(report: Report) -> Report:
    return attrs.evolve(report, overview=None, problems=None, other_matters=None)


def clean_2021() -> Report:
    return _plain(report_2021())


def wrong_appeals_total() -> Report:
    """行政复议 总计 printed 11 where 2 + 1 + 3 + 4 = 10."""
    return replace_at(clean_2021(), "appeals.review.total", Cell.of(11))


def blank_zero() -> Report:
    """A cell printed blank where the parts say 0: a warning, no error."""
    return replace_at(clean_2021(), "appeals.lawsuit_direct.corrected", Cell.blank())


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """clean.html, wrong.txt, blank.md, and one file that is not a report."""
    (tmp_path / "clean.html").write_text(render.to_html(clean_2021(), page=True), "utf-8")
    (tmp_path / "wrong.txt").write_text(render.to_text(wrong_appeals_total()), "utf-8")
    (tmp_path / "blank.md").write_text(render.to_markdown(blank_zero()), "utf-8")
    (tmp_path / "notes.txt").write_text("会议纪要：下周讨论网站改版。\n", "utf-8")
    return tmp_path


TABLE_RULES = "CELL,S2,S3,S4,MONEY"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run the command line (``check`` with the table rules only)."""
    args = list(argv)
    if args and args[0] == "check" and "--select" not in args:
        args[1:1] = ["--select", TABLE_RULES]
    code = main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# --------------------------------------------------------------------------------------
# zfxxgk check: text
# --------------------------------------------------------------------------------------


def test_clean_report_exits_0(capsys: pytest.CaptureFixture[str], folder: Path) -> None:
    code, out, _ = run(capsys, "check", str(folder / "clean.html"))
    assert code == 0
    assert "未发现问题" in out
    assert out.strip().splitlines()[-1] == "汇总：读取报告 1 份，有错误的报告 0 份；未发现问题"


def test_error_exits_1_with_labels_reported_and_expected(
    capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    code, out, _ = run(capsys, "check", str(folder / "wrong.txt"))
    assert code == 1
    assert "错误 S4-TOTAL  四/行政复议/总计" in out
    assert "总计报告为11，应为10" in out
    assert "2024年度 · 2021 年版格式：错误 1" in out
    assert out.strip().splitlines()[-1] == (
        "汇总：读取报告 1 份，有错误的报告 1 份；错误 S4-TOTAL 1"
    )


def test_fail_on(capsys: pytest.CaptureFixture[str], folder: Path) -> None:
    blank = str(folder / "blank.md")
    wrong = str(folder / "wrong.txt")
    assert run(capsys, "check", blank)[0] == 0  # a warning does not fail by default
    assert run(capsys, "check", "--fail-on", "warning", blank)[0] == 1
    assert run(capsys, "check", "--fail-on", "info", blank)[0] == 1
    assert run(capsys, "check", "--fail-on", "never", wrong)[0] == 0
    _, out, _ = run(capsys, "check", blank)
    assert "警告 CELL-BLANK  四/行政诉讼/未经复议直接起诉/结果纠正" in out


def test_folder_reports_every_file_and_exits_2_for_one_unreadable(
    capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    code, out, _ = run(capsys, "check", str(folder))
    assert code == 2  # unreadable wins over errors found
    blocks = out.split("\n\n")
    heads = [b.splitlines()[0] for b in blocks if b.strip()]
    assert [Path(h.split()[0]).name for h in heads[:-1]] == [
        "blank.md",
        "clean.html",
        "notes.txt",
        "wrong.txt",
    ]
    notes = next(b for b in blocks if "notes.txt" in b)
    assert "无法读取 [E104]" in notes and "这不是政府信息公开工作年度报告" in notes
    assert "S4-TOTAL" in next(b for b in blocks if "wrong.txt" in b)
    assert out.strip().splitlines()[-1] == (
        "汇总：读取报告 3 份，无法读取 1 个文件，有错误的报告 1 份；"
        "错误 S4-TOTAL 1；警告 CELL-BLANK 1"
    )


def test_an_unreadable_file_is_never_summed_up_as_no_problems(
    capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    code, out, _ = run(capsys, "check", str(folder / "clean.html"), str(folder / "notes.txt"))
    assert code == 2
    last = out.strip().splitlines()[-1]
    assert last == "汇总：读取报告 1 份，无法读取 1 个文件，有错误的报告 0 份；1 个文件未能检查"
    assert "未发现问题" not in last


def test_folder_search_skips_notes_hidden_files_and_data(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    report = render.to_markdown(clean_2021())
    (tmp_path / "case").mkdir()
    (tmp_path / "case" / "source.md").write_text(report, "utf-8")
    (tmp_path / "case" / "cells.csv").write_text("section,row\n", "utf-8")
    (tmp_path / "case" / "meta.json").write_text("{}", "utf-8")
    (tmp_path / "README.md").write_text("# 说明\n", "utf-8")
    (tmp_path / ".cache").mkdir()
    (tmp_path / ".cache" / "old.md").write_text("x", "utf-8")
    code, out, _ = run(capsys, "check", str(tmp_path))
    assert code == 0
    assert "读取报告 1 份" in out and "source.md" in out
    assert "README" not in out and "old.md" not in out
    # named explicitly, a note is read (and refused)
    assert run(capsys, "check", str(tmp_path / "README.md"))[0] == 2


def test_glob(capsys: pytest.CaptureFixture[str], folder: Path) -> None:
    code, out, _ = run(capsys, "check", str(folder / "*.t*"))
    assert code == 2
    assert "notes.txt" in out and "wrong.txt" in out and "clean.html" not in out


def test_collapse_and_all(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    report = clean_2021()
    zeros = [spec.dotted for spec, cell in iter_cells(report) if cell.value == 0]
    for path in zeros[:8]:
        report = replace_at(report, path, Cell.blank())
    (tmp_path / "r.md").write_text(render.to_markdown(report), "utf-8")
    _, out, _ = run(capsys, "check", str(tmp_path / "r.md"))
    assert out.count("\n  警告 CELL-BLANK") == 5
    assert "… 另有 3 条 CELL-BLANK（警告），加 --all 显示全部" in out
    _, out, _ = run(capsys, "check", "--all", str(tmp_path / "r.md"))
    assert out.count("\n  警告 CELL-BLANK") == 8
    _, out, _ = run(capsys, "check", "--quiet", str(tmp_path / "r.md"))
    assert out == "汇总：读取报告 1 份，有错误的报告 0 份；警告 CELL-BLANK 8\n"


def test_select_and_ignore(capsys: pytest.CaptureFixture[str], folder: Path) -> None:
    blank = str(folder / "blank.md")
    assert run(capsys, "check", "--fail-on", "warning", "--ignore", "CELL-BLANK", blank)[0] == 0
    code, out, _ = run(capsys, "check", "--select", "S4,S3-BALANCE", str(folder))
    assert "CELL-BLANK" not in out and "S4-TOTAL" in out
    code, out, _ = run(capsys, "check", "--select", "CELL,S4", "--ignore", "S4", str(folder))
    assert "CELL-BLANK" in out and "S4-TOTAL" not in out
    code, _, err = run(capsys, "check", "--ignore", "NO-SUCH-RULE", blank)
    assert code == 2 and "未知的规则代码：NO-SUCH-RULE" in err


def test_verbose_prints_reader_diagnostics(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    report = replace_at(clean_2021(), "requests.new.natural_person", Cell.placeholder("/"))
    (tmp_path / "r.html").write_text(render.to_html(report), "utf-8")
    _, quiet, _ = run(capsys, "check", str(tmp_path / "r.html"))
    _, verbose, _ = run(capsys, "check", "-v", str(tmp_path / "r.html"))
    assert "读取诊断" not in quiet
    assert "读取诊断" in verbose and "占位符" in verbose


# --------------------------------------------------------------------------------------
# zfxxgk check: machine formats
# --------------------------------------------------------------------------------------


def test_json_output_parses_and_carries_codes(
    capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    code, out, _ = run(capsys, "check", "--format", "json", str(folder))
    assert code == 2
    document = json.loads(out)
    assert document["format"] == "zfxxgk.check"
    by_name = {Path(r["file"]).name: r for r in document["reports"]}
    wrong = by_name["wrong.txt"]
    assert wrong["read"] is True and wrong["counts"] == {"error": 1, "warning": 0, "info": 0}
    (finding,) = wrong["findings"]
    assert finding["code"] == "S4-TOTAL"
    assert finding["labels"] == ["四", "行政复议", "总计"]
    assert finding["label_path"] == "四/行政复议/总计"
    assert (finding["reported"], finding["expected"]) == (11, 10)
    assert by_name["notes.txt"]["read"] is False
    assert by_name["notes.txt"]["error"]["code"] == "E104"
    summary = document["summary"]
    assert summary["findings"] == {"S4-TOTAL": 1, "CELL-BLANK": 1}
    assert (summary["read"], summary["unreadable"], summary["exit_code"]) == (3, 1, 2)


def test_csv_output(capsys: pytest.CaptureFixture[str], folder: Path) -> None:
    code, out, err = run(capsys, "check", "--format", "csv", str(folder))
    assert code == 2
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {"file", "code", "severity", "message", "labels", "reported", "expected"} <= set(rows[0])
    s4 = next(r for r in rows if r["code"] == "S4-TOTAL")
    assert (s4["labels"], s4["reported"], s4["expected"], s4["severity"]) == (
        "四/行政复议/总计",
        "11",
        "10",
        "error",
    )
    unreadable = next(r for r in rows if r["code"] == "E104")
    assert unreadable["file"].endswith("notes.txt") and unreadable["reported"] == ""
    assert "汇总：读取报告 3 份" in err and "无法读取" in err


def test_jsonl_output(capsys: pytest.CaptureFixture[str], folder: Path) -> None:
    code, out, _ = run(capsys, "check", "--format", "jsonl", str(folder / "wrong.txt"))
    assert code == 1
    (record,) = [json.loads(line) for line in out.splitlines()]
    assert record["code"] == "S4-TOTAL" and record["year"] == "2024"


def test_output_file(capsys: pytest.CaptureFixture[str], folder: Path, tmp_path: Path) -> None:
    target = tmp_path / "out" / "findings.json"
    target.parent.mkdir()
    code, out, _ = run(capsys, "check", "-f", "json", "-o", str(target), str(folder / "wrong.txt"))
    assert code == 1 and out == ""
    assert json.loads(target.read_text("utf-8"))["summary"]["findings"] == {"S4-TOTAL": 1}


def test_jobs_give_the_same_output_in_the_same_order(
    capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    one = run(capsys, "check", "--jobs", "1", str(folder))
    two = run(capsys, "check", "--jobs", "2", str(folder))
    assert one == two


# --------------------------------------------------------------------------------------
# terminal behaviour
# --------------------------------------------------------------------------------------


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_colour_only_when_asked_or_on_a_terminal(
    capsys: pytest.CaptureFixture[str], folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    wrong = str(folder / "wrong.txt")
    _, plain, _ = run(capsys, "check", wrong)
    assert "\033[" not in plain
    _, coloured, _ = run(capsys, "check", "--color", "always", wrong)
    assert "\033[31m错误" in coloured
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stdout", terminal)
    main(["check", "--select", TABLE_RULES, wrong])
    assert "\033[31m" in terminal.getvalue()
    monkeypatch.setenv("NO_COLOR", "1")
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stdout", terminal)
    main(["check", "--select", TABLE_RULES, wrong])
    assert "\033[" not in terminal.getvalue()


def test_progress_bar_on_a_terminal_only(
    capsys: pytest.CaptureFixture[str], folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, _, err = run(capsys, "check", str(folder))
    assert "\r" not in err  # stderr is not a terminal here
    monkeypatch.setenv("TERM", "xterm")
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    main(["check", "--quiet", str(folder)])
    drawn = terminal.getvalue()
    assert "检查" in drawn and "4/4" in drawn
    assert drawn.endswith(("\r\033[K", "\033[2K"))  # the line erased: plain or rich
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    main(["check", "--quiet", "--no-progress", str(folder)])
    assert "\r" not in terminal.getvalue()


# --------------------------------------------------------------------------------------
# usage
# --------------------------------------------------------------------------------------


def test_bad_usage_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main([]) == 2
    assert main(["check"]) == 2
    assert main(["check", "--fail-on", "sometimes", "x"]) == 2
    assert main(["no-such-command"]) == 2
    code, _, err = run(capsys, "check", str(tmp_path))  # an empty folder
    assert code == 2 and "没有找到报告文件" in err
    code, out, err = run(capsys, "check", str(tmp_path / "missing.html"))
    assert code == 2 and "文件不存在" in out
    assert main(["--version"]) == 0


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["compare", "old.html"], "缺少必需的参数：NEW"),
        (["check", "--format", "xml", "x"], "参数 -f/--format 的值 'xml' 无效（可选："),
        (["check", "--jobs"], "参数 -j/--jobs 需要一个值"),
        (["check", "--jobs", "many", "x"], "参数 -j/--jobs 的值 'many' 无效"),
        (["check", "--bogus", "x"], "无法识别的参数：--bogus"),
    ],
)
def test_usage_errors_are_in_chinese(
    capsys: pytest.CaptureFixture[str], argv: list[str], words: str
) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("用法：zfxxgk")
    assert "用法错误：" + words in err
    assert "error:" not in err and "usage:" not in err


def test_help_is_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["--help"], ["check", "--help"], ["series", "--help"]):
        assert main(argv) == 0
        out = capsys.readouterr().out
        assert out.startswith("用法：zfxxgk")
        assert "选项:" in out and "显示此帮助并退出" in out
        assert "show this help" not in out and "options:" not in out


def test_help_names_the_official_terms(capsys: pytest.CaptureFixture[str]) -> None:
    main(["--help"])
    top = capsys.readouterr().out
    assert "政府信息公开工作年度报告" in top and "退出码" in top
    main(["check", "--help"])
    # the terms as printed, lines joined (help is wrapped by display width, between characters)
    text = re.sub(r"\n\s*", "", capsys.readouterr().out)
    for term in (
        "勾稽关系",
        "第一项加第二项之和，等于第三项加第四项之和",
        "（七）总计",
        "行政复议",
    ):
        assert term in text
    main(["compare", "--help"])
    text = re.sub(r"\n\s*", "", capsys.readouterr().out)
    assert "上年结转" in text and "结转下年度继续办理" in text and "现行有效件数" in text


def test_rules_lists_the_catalogue(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rules")
    assert code == 0
    assert "S3-BALANCE\t错误\t" in out and "PAIR-CARRY-OVER\t错误\t" in out


# --------------------------------------------------------------------------------------
# zfxxgk export
# --------------------------------------------------------------------------------------

CELL_HEADER = "file,agency,year,template,section,row,column,value,raw,kind,path,status"


def test_export_csv_one_file(capsys: pytest.CaptureFixture[str], folder: Path) -> None:
    code, out, _ = run(capsys, "export", "--format", "csv", str(folder / "clean.html"))
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == CELL_HEADER
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == len(list(iter_cells(clean_2021())))
    new_total = next(r for r in rows if r["path"] == "requests.new.total")
    assert (new_total["section"], new_total["row"], new_total["column"]) == (
        "三",
        "一、本年新收政府信息公开申请数量",
        "总计",
    )
    assert new_total["value"] == str(clean_2021().requests.new.total.value)


def test_export_folder_into_one_table(capsys: pytest.CaptureFixture[str], folder: Path) -> None:
    code, out, err = run(capsys, "export", str(folder))
    assert code == 2  # notes.txt
    assert "[E104]" in err and "notes.txt" in err
    files = {r["file"] for r in csv.DictReader(io.StringIO(out))}
    assert {Path(f).name for f in files} == {"clean.html", "wrong.txt", "blank.md"}


PRE_2019 = (
    "某县2017年政府信息公开工作年度报告\n一、概述\n2017年，我县认真贯彻条例。\n"
    "六、政府信息公开情况统计表\n| 指标名称 | 计量单位 | 2017年度 |\n|---|---|---|\n"
    "| （一）主动公开政府信息数 | 条 | 1234 |\n"
)


def test_export_skips_a_pre_2019_report(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "clean.html").write_text(render.to_html(clean_2021(), page=True), "utf-8")
    (tmp_path / "2017.md").write_text(PRE_2019, "utf-8")
    code, out, err = run(capsys, "export", str(tmp_path))
    assert code == 0  # nothing to export for it, and nothing that could not be read
    assert "跳过 [E105]" in err and "2017.md" in err and "2019 年以前" in err
    files = {Path(r["file"]).name for r in csv.DictReader(io.StringIO(out))}
    assert files == {"clean.html"}
    (tmp_path / "notes.txt").write_text("会议纪要：下周讨论网站改版。\n", "utf-8")
    code, _, err = run(capsys, "export", str(tmp_path))
    assert code == 2 and "[E104]" in err  # a file that is no report still makes it 2


@pytest.mark.parametrize("command", ["check", "export", "series", "similar"])
def test_a_pre_2019_report_gives_the_same_exit_code_to_every_command(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, command: str
) -> None:
    # issue 18: series exited 2 where check and export exit 0 and say why
    (tmp_path / "clean.html").write_text(render.to_html(clean_2021(), page=True), "utf-8")
    (tmp_path / "2017.md").write_text(PRE_2019, "utf-8")
    code, out, err = run(capsys, command, str(tmp_path / "clean.html"), str(tmp_path / "2017.md"))
    assert code == 0, err
    said = out + err  # check lists it among the reports; the others say so on stderr
    assert "E105" in said and "2017.md" in said


def test_export_jsonl_and_json(capsys: pytest.CaptureFixture[str], folder: Path) -> None:
    _, out, _ = run(capsys, "export", "--format", "jsonl", str(folder / "clean.html"))
    records = [json.loads(line) for line in out.splitlines()]
    _, out, _ = run(capsys, "export", "--format", "json", str(folder / "clean.html"))
    assert json.loads(out) == records


def test_export_parquet(capsys: pytest.CaptureFixture[str], folder: Path, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet", reason="pyarrow is the parquet extra")
    target = tmp_path / "cells.parquet"
    code = main(
        ["export", "-o", str(target), str(folder / "clean.html"), str(folder / "wrong.txt")]
    )
    assert code == 0
    table = pq.read_table(target)
    assert table.column_names == CELL_HEADER.split(",")
    rows = table.to_pylist()
    assert len(rows) == 2 * len(list(iter_cells(clean_2021())))
    review = [r for r in rows if r["path"] == "appeals.review.total"]
    assert sorted(r["value"] for r in review) == [10.0, 11.0]  # numbers, not text (issue 18)


def test_export_parquet_needs_a_file_and_pyarrow(
    capsys: pytest.CaptureFixture[str],
    folder: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    code, _, err = run(capsys, "export", "--format", "parquet", str(folder / "clean.html"))
    assert code == 2 and "-o" in err
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import pyarrow now raises ImportError
    code, _, err = run(
        capsys, "export", "-o", str(tmp_path / "x.parquet"), str(folder / "clean.html")
    )
    assert code == 2
    assert "[E200]" in err and "pip install 'zfxxgk[parquet]'" in err


def test_export_2019(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "r.md").write_text(render.to_markdown(_plain(report_2019())), "utf-8")
    _, out, _ = run(capsys, "export", str(tmp_path / "r.md"))
    rows = list(csv.DictReader(io.StringIO(out)))
    amount = next(r for r in rows if r["column"] == "采购总金额")
    assert (amount["template"], amount["value"]) == ("2019", "251000")
