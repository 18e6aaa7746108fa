"""The scripts in ``examples/`` run, and the example reports are what they generate."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import attrs
import pytest

import zfxxgk
from zfxxgk.template import SECTION_TITLES, iter_cells

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"


def _module(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"_example_{name}", EXAMPLES / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_shipped_reports_are_what_make_reports_writes(tmp_path: Path) -> None:
    written = _module("make_reports").write(tmp_path)
    shipped = sorted(p.name for p in (EXAMPLES / "reports").iterdir())
    assert sorted(p.name for p in written) == shipped
    for path in written:
        assert path.read_bytes() == (EXAMPLES / "reports" / path.name).read_bytes(), (
            f"examples/reports/{path.name} is out of date: run python examples/make_reports.py"
        )


def test_example_reports_read_as_built() -> None:
    make_reports = _module("make_reports")
    built = {
        "示例县民政局-2024.html": make_reports.civil_affairs_2024(),
        "示例镇人民政府-2024.txt": make_reports.town_2024(),
        "示例市交通运输局-2020.md": make_reports.transport_2020(),
    }
    for name, report in built.items():
        result = zfxxgk.read(EXAMPLES / "reports" / name)
        info = attrs.evolve(report.info, section_order=tuple(SECTION_TITLES))
        assert result.report.info == info, name
        read = [(s.dotted, c.kind, c.value) for s, c in iter_cells(result.report)]
        assert read == [(s.dotted, c.kind, c.value) for s, c in iter_cells(report)], name
        assert not result.diagnostics, name


def test_only_the_mistyped_total_is_found() -> None:
    """One error on purpose (the town's （七）总计 · 自然人); nothing else in any report."""
    found = {
        path.name: zfxxgk.check(zfxxgk.read(path).report).codes
        for path in (EXAMPLES / "reports").iterdir()
    }
    assert found == {
        "示例县民政局-2024.html": frozenset(),
        "示例镇人民政府-2024.txt": {"S3-OUTCOME-TOTAL"},
        "示例市交通运输局-2020.md": frozenset(),
    }


def test_build_report_script(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    proc = subprocess.run(
        [sys.executable, str(EXAMPLES / "build_report.py"), str(out)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
        timeout=120,
    )
    assert "0 条错误" in proc.stdout
    assert "S3-BALANCE" in proc.stdout or "S3-ROW-TOTAL" in proc.stdout
    report = zfxxgk.serialize.loads(out.read_text(encoding="utf-8"))
    assert report == _module("build_report").build()
    assert json.loads(out.read_text(encoding="utf-8"))["format"] == "zfxxgk.report"


def test_custom_validator(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    validator = _module("custom_validator")
    out = tmp_path / "findings.csv"
    status = validator.main([str(EXAMPLES / "reports"), "--csv", str(out)])
    printed = capsys.readouterr().out
    assert status == 1  # the town's mistyped total is an error
    assert "X-NOT-HELD" in printed and "S3-OUTCOME-TOTAL" in printed
    rows = out.read_text(encoding="utf-8").splitlines()
    assert rows[0].split(",") == list(zfxxgk.export.FINDING_COLUMNS)
    assert len(rows) == 3


def test_custom_validator_rule_set_is_built_on_the_default() -> None:
    validator = _module("custom_validator")
    rules = validator.OFFICE_RULES
    codes = {info.code for info in rules.catalogue()}
    default = {info.code for info in zfxxgk.RuleSet.default().catalogue()}
    assert codes == (default - {"CELL-BLANK", "CELL-PLACEHOLDER"}) | {
        "X-NOT-HELD",
        "X-NO-REQUESTS",
        "X-BACKLOG",
    }
    (carry,) = [info for info in rules.catalogue() if info.code == "S3-CARRY-EXCEEDS"]
    assert carry.severity.value == "error"


def test_custom_validator_unreadable_file(tmp_path: Path) -> None:
    bad = tmp_path / "坏文件.html"
    bad.write_bytes(b"")
    validator = _module("custom_validator")
    assert validator.exit_status(validator.validate([bad])) == 2
