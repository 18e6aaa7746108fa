"""``zfxxgk compare OLD NEW``: the pair-of-years checks and the table of changed cells."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import attrs
import pytest

from zfxxgk import render
from zfxxgk.cells import Cell
from zfxxgk.cli import main
from zfxxgk.export import CHANGE_COLUMNS, change_records
from zfxxgk.model import Report, ReportInfo
from zfxxgk.template import replace_at

from .corpus_truth import CORPUS, SKIP_REASON, corpus_available
from .fixtures.reports import report_2019, report_2021


def _year(report: Report, year: int) -> Report:
    info: ReportInfo = attrs.evolve(report.info, year=year, title=None)
    return attrs.evolve(report, info=info)


def pair() -> tuple[Report, Report]:
    """2023 and 2024 of one agency that agree: 上年结转 2024 = 结转下年度 2023, 现行有效件数
    rolled forward (+ 本年制发 − 本年废止), and one count changed."""
    old = _year(report_2021(), 2023)
    new = replace_at(
        _year(report_2021(), 2024), "requests.carried_over", old.requests.carried_forward
    )
    new = replace_at(new, "proactive.regulations.in_force", Cell.of(3 + 1 - 2))
    new = replace_at(new, "proactive.normative_documents.in_force", Cell.of(55 + 12 - 5))
    new = replace_at(new, "proactive.licensing.decisions", Cell.of(120))  # 97 in 2023
    return old, new


def write(tmp_path: Path, name: str, report: Report) -> str:
    path = tmp_path / name
    path.write_text(render.to_html(report), "utf-8")
    return str(path)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_consecutive_years_that_agree(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    old, new = pair()
    code, out, _ = run(
        capsys, "compare", write(tmp_path, "a.html", old), write(tmp_path, "b.html", new)
    )
    assert code == 0
    assert "2023年度 · 2021 年版格式" in out and "2024年度 · 2021 年版格式" in out
    assert "未发现问题" in out
    changed = [line.split() for line in out.splitlines() if "/" in line and "+" in line]
    assert ["97", "120", "+23", "二/第二十条第（五）项/行政许可/本年处理决定数量"] in changed


def test_carry_over_that_does_not_match(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    old, new = pair()
    forward = old.requests.carried_forward.natural_person.value
    assert isinstance(forward, int)
    new = replace_at(new, "requests.carried_over.natural_person", Cell.of(forward + 2))
    a, b = write(tmp_path, "a.html", old), write(tmp_path, "b.html", new)
    code, out, _ = run(capsys, "compare", a, b)
    assert code == 1
    assert "错误 PAIR-CARRY-OVER  三/二、上年结转政府信息公开申请数量/自然人" in out
    assert f"应等于2023年度报告“结转下年度继续办理”的 {forward}" in out
    assert run(capsys, "compare", "--fail-on", "never", a, b)[0] == 0


def test_json_and_csv(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    old, new = pair()
    new = replace_at(new, "requests.carried_over.total", Cell.of(0))
    a, b = write(tmp_path, "a.html", old), write(tmp_path, "b.html", new)
    code, out, _ = run(capsys, "compare", "--format", "json", a, b)
    document = json.loads(out)
    assert code == 1 == document["exit_code"]
    assert (document["old"]["year"], document["new"]["year"]) == (2023, 2024)
    assert [f["code"] for f in document["findings"]] == ["PAIR-CARRY-OVER"]
    assert document["findings"][0]["labels"] == ["三", "二、上年结转政府信息公开申请数量", "总计"]
    rows = {(c["section"], c["row"], c["column"]): c for c in document["changes"]}
    licensing = rows["二", "第二十条第（五）项/行政许可", "本年处理决定数量"]
    assert (licensing["old"], licensing["new"], licensing["change"]) == ("97", "120", "+23")
    code, out, err = run(capsys, "compare", "--format", "csv", a, b)
    assert code == 1
    assert out.splitlines()[0] == ",".join(CHANGE_COLUMNS)
    assert list(csv.DictReader(io.StringIO(out))) == document["changes"]
    assert "PAIR-CARRY-OVER" in err


def test_template_change_lists_cells_of_one_side_only_with_all(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    old = _year(report_2019(), 2020)
    new = replace_at(
        _year(report_2021(single=True), 2021), "requests.carried_over", old.requests.carried_forward
    )
    a, b = write(tmp_path, "a.html", old), write(tmp_path, "b.html", new)
    code, out, _ = run(capsys, "compare", a, b)
    assert code == 0
    one_sided = [r for r in change_records(old, new) if "（无此格）" in (r["old"], r["new"])]
    assert one_sided
    assert f"另有 {len(one_sided)} 格只有一份报告印有" in out
    assert "（无此格）" not in out
    _, everything, _ = run(capsys, "compare", "--all", a, b)
    assert "（无此格）" in everything and "全部单元格" in everything


def test_unreadable_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    old, _ = pair()
    code, _, err = run(capsys, "compare", write(tmp_path, "a.html", old), str(tmp_path / "no.pdf"))
    assert code == 2 and "文件不存在" in err


def test_change_records_blank_is_not_zero() -> None:
    old, new = pair()
    new = replace_at(new, "appeals.lawsuit_direct.corrected", Cell.blank())  # 0 in 2023
    (record,) = [r for r in change_records(old, new) if r["path"].startswith("appeals")]
    assert (record["old"], record["new"], record["change"]) == ("0", "", "")


@pytest.mark.skipif(not corpus_available(), reason=SKIP_REASON)
def test_real_pair_of_years(capsys: pytest.CaptureFixture[str]) -> None:
    """平潭 2023 → 2024: 现行有效件数 470 + 62 − 33 ≠ 440 is a warning (amendments)."""
    a = str(CORPUS / "pingtan-2023-html" / "source.html")
    b = str(CORPUS / "pingtan-2024-html" / "source.html")
    code, out, _ = run(capsys, "compare", a, b)
    assert code == 0
    assert "警告 PAIR-DOCUMENT-STOCK  二/第二十条第（一）项/行政规范性文件/现行有效件数" in out
    assert "PAIR-CARRY-OVER" not in out
    assert run(capsys, "compare", "--fail-on", "warning", a, b)[0] == 1
