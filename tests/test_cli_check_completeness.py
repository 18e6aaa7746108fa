"""``zfxxgk check`` never passes a report it read only in part.

The reports are the library's own text renderings (:func:`zfxxgk.render.to_text`, aligned
columns), damaged so that the reader cannot place the rows of a table: the labels of a
section's rows made unrecognisable (the section's cells are unread, ``R119``), every table's
rows made so (no table read at all, ``E104``), or one number moved between two columns
(``R170``/``R173``).  Each case checks the exit status, what the text says, and the
``completeness`` and ``location`` fields of JSON, JSON lines and CSV.
"""

from __future__ import annotations

import csv
import io
import json
import re
from fractions import Fraction
from pathlib import Path

import attrs
import pytest

from zfxxgk import read, render
from zfxxgk.batch import read_many, read_one
from zfxxgk.cells import CellKind
from zfxxgk.cli import main
from zfxxgk.cli.commands_check import CHECK_COLUMNS, min_complete
from zfxxgk.diagnostics import SourceLocation
from zfxxgk.records import FINDING_COLUMNS
from zfxxgk.rules import RuleSet

from .fixtures.reports import report_2021

TABLE_RULES = "CELL,S2,S3,S4,MONEY"
_HEADING = re.compile(r"^[一二三四五六]、")


def _text() -> str:
    report = attrs.evolve(report_2021(), overview=None, problems=None, other_matters=None)
    return render.to_text(report, style="aligned", wrap=None)


def _garbled(text: str, sections: str, *, every_line: bool = False) -> str:
    """*text* with the words of the table lines of *sections* made unrecognisable (one 某 per
    character, the numbers where they were): the lines that print numbers, or with
    *every_line* every line of the section (its captions and headers too)."""
    out: list[str] = []
    section = ""
    for line in text.split("\n"):
        if _HEADING.match(line):
            section = line[0]
        elif section in sections and (every_line or re.search(r"\d", line)):
            line = re.sub(r"[^\s\d.]+", lambda m: "某" * len(m.group()), line)
        out.append(line)
    return "\n".join(out)


def _moved_number(text: str) -> str:
    """行政规范性文件's row with its first number left out and the second moved between two
    columns: the reader cannot tell whose it is (R170, R173)."""
    row = next(line for line in text.split("\n") if line.lstrip().startswith("行政规范性文件"))
    moved = row.replace("12 ", "   ", 1).replace("5  ", "   ", 1)
    moved = moved[: row.index("5 ") + 6] + "5" + moved[row.index("5 ") + 7 :]
    return text.replace(row, moved)


def _label_alone(text: str) -> str:
    """二、上年结转政府信息公开申请数量 printed without its numbers: a label on its own line."""
    return re.sub(r"(二、上年结转政府信息公开申请数量)[ \d]+\n", r"\1\n", text)


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    text = _text()
    made = {
        "clean": text,
        "no_tables": _garbled(text, "二三四", every_line=True),
        "section_three": _garbled(text, "三"),
        "moved": _moved_number(text),
        "label_alone": _label_alone(text),
    }
    paths = {}
    for name, content in made.items():
        path = tmp_path / f"{name}.txt"
        path.write_text(content, "utf-8")
        paths[name] = path
    return paths


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["check", "--select", TABLE_RULES, "--no-progress", *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# --------------------------------------------------------------------------------------
# the damaged renderings are what the tests say they are
# --------------------------------------------------------------------------------------


def test_the_damaged_renderings(files: dict[str, Path]) -> None:
    assert read(files["clean"]).completeness.complete
    three = read(files["section_three"])
    assert "R119" in {d.code for d in three.diagnostics}
    figure = three.completeness
    assert figure.unread > 100 and figure.read > 0
    assert all(p.startswith("requests.") for p in figure.unread_paths)
    moved = read(files["moved"])
    assert {"R170", "R173"} <= {d.code for d in moved.diagnostics}
    assert moved.report.proactive.normative_documents.issued.kind is CellKind.UNREAD


# --------------------------------------------------------------------------------------
# exit status and text
# --------------------------------------------------------------------------------------


def test_a_fully_read_report_passes(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path]
) -> None:
    code, out, _ = run(capsys, str(files["clean"]))
    assert code == 0
    assert "已读取 200/200 个单元格（100%）" in out
    assert out.splitlines()[-1].endswith("未发现问题")


def test_no_table_read_at_all_exits_2_and_says_the_tables_were_not_read(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path]
) -> None:
    code, out, _ = run(capsys, str(files["no_tables"]))
    assert code == 2
    assert "无法读取 [E104]" in out
    assert "统计表格未能读取，报告未检查" in out
    summary = out.splitlines()[-1]
    assert "无法读取 1 个文件" in summary and "未发现问题" not in summary


def test_a_section_not_read_fails_by_default_and_says_how_much_was_read(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path]
) -> None:
    figure = read(files["section_three"]).completeness
    code, out, _ = run(capsys, str(files["section_three"]))
    assert code == 1
    lines = out.splitlines()
    assert "检查不完整" in lines[0] and "未发现问题" not in out
    assert (
        f"表格未能完整读取（{figure.unread} 个单元格未读取），检查不完整："
        f"已读取 {figure.read}/{figure.expected} 个单元格（{figure.percent}）" in lines[1]
    )
    # each unread cell says where it was expected: the heading of section 三 (R119)
    unread = next(line for line in lines if "CELL-UNREAD" in line)
    assert re.search(r"\[第\d+行\]$", unread)
    summary = lines[-1]
    assert f"表格未完整读取 1 份（共 {figure.unread} 个单元格未读取，检查不完整）" in summary
    assert "未发现问题" not in summary


def test_a_number_between_two_columns_is_located(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path]
) -> None:
    result = read(files["moved"])
    r173 = [d.location for d in result.diagnostics if d.code == "R173"]
    lines_of = {location.line for location in r173 if location is not None}
    assert len(r173) == 2 and len(lines_of) == 1 and None not in lines_of
    (line_number,) = lines_of
    code, out, _ = run(capsys, "--all", str(files["moved"]))
    assert code == 1
    lines = [line for line in out.splitlines() if line.startswith("  警告 CELL-UNREAD")]
    assert len(lines) == 2  # 本年制发件数, 本年废止件数; 现行有效件数 55 was read
    assert all(f"(文本第{line_number}行)" in line for line in lines)
    # each cell at its own place: the grid cell the reader left unread
    assert [line.split("[")[1].split(" (")[0] for line in lines] == [
        f"表1 第3行 第{location.cell}格" for location in r173 if location is not None
    ]


def test_the_summary_never_says_no_problems_when_the_unread_cells_are_not_checked(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path]
) -> None:
    code, out, _ = run(capsys, "--ignore", "CELL", str(files["section_three"]))
    assert code == 1
    assert "未发现问题" not in out
    summary = out.splitlines()[-1]
    assert "表格未完整读取 1 份" in summary and "检查不完整" in summary, summary


@pytest.mark.parametrize(
    ("value", "code"),
    [("0", 0), ("0%", 0), ("0.1", 0), ("10%", 0), ("0.5", 1), ("95%", 1), ("1", 1)],
)
def test_min_complete(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path], value: str, code: int
) -> None:
    # section 三 unread: 25 of 200 cells read (12.5%)
    assert read(files["section_three"]).completeness.read == 25
    got, out, _ = run(capsys, "--min-complete", value, str(files["section_three"]))
    assert got == code
    # the report is said to be incomplete whatever the threshold
    assert "表格未能完整读取" in out and "未发现问题" not in out
    if code == 0:
        assert "均不低于 --min-complete" in out.splitlines()[-1]


def test_min_complete_with_a_complete_report_and_errors(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path]
) -> None:
    # the threshold passes a partly read report, --fail-on still fails on what was found
    paths = (str(files["clean"]), str(files["section_three"]))
    assert run(capsys, "--min-complete", "0", *paths)[0] == 0
    assert run(capsys, "--min-complete", "0", "--fail-on", "warning", *paths)[0] == 1
    assert run(capsys, "--fail-on", "never", *paths)[0] == 1  # incomplete still fails
    assert run(capsys, "--fail-on", "never", "--min-complete", "0", *paths)[0] == 0


def test_min_complete_values() -> None:
    assert min_complete("95%") == Fraction(95, 100)
    assert min_complete(" 95 ％") == Fraction(95, 100)
    assert min_complete("0.955") == Fraction(955, 1000)
    assert min_complete("1") == 1 and min_complete("0") == 0
    for wrong in ("95", "-0.1", "101%", "abc", "", "%"):
        with pytest.raises(Exception, match="不是 0 到 1 之间的比例"):
            min_complete(wrong)


@pytest.mark.parametrize("value", ["95", "1.5", "half"])
def test_a_wrong_min_complete_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path], value: str
) -> None:
    code, _, err = run(capsys, "--min-complete", value, str(files["clean"]))
    assert code == 2
    assert f"参数 --min-complete 的值无效：“{value}”不是 0 到 1 之间的比例" in err


def test_help_documents_the_exit_status(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--help"]) == 0
    out = capsys.readouterr().out
    assert "--min-complete" in out and "退出码" in out
    assert "表格未能完整" in out and "无法读取" in out


def test_a_row_printed_as_its_label_alone_is_unread_not_missing(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path]
) -> None:
    result = read(files["label_alone"])
    carried_over = result.report.requests.carried_over
    assert all(c.kind is CellKind.UNREAD for c in carried_over.cells)
    (r110,) = [d for d in result.diagnostics if d.code == "R110"]
    assert r110.path == "requests.carried_over" and r110.location is not None
    line = r110.location.line
    assert files["label_alone"].read_text("utf-8").split("\n")[(line or 0) - 1].strip() == (
        "二、上年结转政府信息公开申请数量"
    )
    assert result.unread_locations["requests.carried_over.total"] == r110.location
    assert "R112" not in {d.code for d in result.diagnostics}
    code, out, _ = run(capsys, str(files["label_alone"]))
    assert code == 1
    assert f"CELL-UNREAD  三/二、上年结转政府信息公开申请数量/自然人  [第{line}行]" in out


# --------------------------------------------------------------------------------------
# machine formats
# --------------------------------------------------------------------------------------


def test_json_completeness_and_locations(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path]
) -> None:
    paths = [str(files[n]) for n in ("clean", "section_three", "no_tables", "moved")]
    code, out, _ = run(capsys, "--format", "json", *paths)
    assert code == 2
    document = json.loads(out)
    reports = {Path(r["file"]).stem: r for r in document["reports"]}
    clean = reports["clean"]["completeness"]
    assert clean == {
        "expected": 200,
        "read": 200,
        "unread": 0,
        "not_printed": 0,
        "ratio": 1.0,
        "complete": True,
        "unread_paths": [],
    }
    three = reports["section_three"]["completeness"]
    assert (three["read"], three["complete"]) == (25, False)
    assert three["unread"] == len(three["unread_paths"]) == 175
    assert "completeness" not in reports["no_tables"]
    moved = reports["moved"]
    unread = [f for f in moved["findings"] if f["code"] == "CELL-UNREAD"]
    assert [f["path"] for f in unread] == [
        "proactive.normative_documents.issued",
        "proactive.normative_documents.repealed",
    ]
    for finding in unread:
        location = finding["location"]
        assert location["file"] == str(files["moved"])
        assert location["line"] >= 1 and location["column"] >= 1
        assert location["text"].startswith("表")
    summary = document["summary"]
    assert (summary["incomplete"], summary["unread_cells"], summary["below_min_complete"]) == (
        2,
        177,
        2,
    )
    assert summary["min_complete"] == 1.0 and summary["exit_code"] == 2
    assert "未发现问题" not in summary["text"]


def test_csv_and_jsonl_columns(capsys: pytest.CaptureFixture[str], files: dict[str, Path]) -> None:
    assert CHECK_COLUMNS[: len(FINDING_COLUMNS)] == FINDING_COLUMNS
    paths = [str(files["moved"]), str(files["no_tables"])]
    code, out, _ = run(capsys, "--format", "csv", *paths)
    assert code == 2
    rows = list(csv.DictReader(io.StringIO(out)))
    assert tuple(rows[0]) == CHECK_COLUMNS
    unread = [r for r in rows if r["code"] == "CELL-UNREAD"]
    assert len(unread) == 2
    for row in unread:
        counts = (row["cells_expected"], row["cells_read"], row["cells_unread"])
        assert counts == ("200", "198", "2")
        assert row["cells_not_printed"] == "0" and re.match(r"表\d+ 第\d+行", row["location"])
    (no_tables,) = [r for r in rows if r["code"] == "E104"]
    assert no_tables["cells_read"] == "" and no_tables["location"] == ""
    code, out, _ = run(capsys, "--format", "jsonl", str(files["moved"]))
    assert code == 1
    records = [json.loads(line) for line in out.splitlines()]
    assert all(tuple(r) == CHECK_COLUMNS for r in records)
    assert {r["cells_unread"] for r in records} == {2}


# --------------------------------------------------------------------------------------
# the library under the command
# --------------------------------------------------------------------------------------


def test_unread_locations_stay_when_a_batch_drops_provenance(files: dict[str, Path]) -> None:
    full = read_one(files["section_three"])
    assert full.result is not None and full.completeness is not None
    for jobs in (1, 2):
        items = list(read_many([files["section_three"]], jobs=jobs, keep_provenance=False))
        (light,) = items
        assert light.result is not None and light.result.provenance == {}
        assert light.result.unread_locations == full.result.unread_locations
        assert set(light.result.unread_locations) == set(full.completeness.unread_paths)
        assert light.findings == full.findings
    assert full.findings is not None
    for finding in full.findings:
        if finding.code == "CELL-UNREAD":
            assert finding.path is not None
            assert finding.location == full.result.unread_locations[finding.path]
    # a finding read from a cell that was read: where it was read
    read_cell = [f for f in full.findings if f.path in full.result.provenance]
    assert all(f.location == full.result.provenance[f.path or ""] for f in read_cell)


def test_a_finding_s_location_takes_no_part_in_equality(files: dict[str, Path]) -> None:
    item = read_one(files["moved"])
    assert item.findings is not None and item.result is not None
    plain = RuleSet.default().check(item.result.report)
    assert plain == item.findings
    assert any(f.location is not None for f in item.findings)
    assert all(f.location is None for f in plain)
    located = attrs.evolve(plain[0], location=SourceLocation(line=1))
    assert located == plain[0] and hash(located) == hash(plain[0])
    assert read_one(files["no_tables"]).completeness is None
