"""The catalogue page is generated from the code and matches ``zfxxgk rules`` exactly."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from zfxxgk.cli import main
from zfxxgk.diagnostics import Severity
from zfxxgk.model import Report
from zfxxgk.review import REVIEW_CATALOGUE, full_catalogue
from zfxxgk.rules import RuleSet, Violation, catalogue, rule

REPO = Path(__file__).resolve().parent.parent
PAGE = REPO / "docs" / "reference" / "catalogue.md"
ROW = re.compile(r"^\| `([^`]+)` \| (\w+) \((\w+)\) \| (.*?) \| ", re.MULTILINE)


def test_the_committed_page_is_up_to_date() -> None:
    proc = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "generate_catalogue.py"), "--check"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert proc.returncode == 0, proc.stderr


def test_the_page_is_what_zfxxgk_rules_prints(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "--format", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)["rules"]
    on_page = ROW.findall(PAGE.read_text(encoding="utf-8"))
    assert [(c, s, t) for c, s, _, t in on_page] == [
        (e["code"], e["severity"], e["title"]) for e in listed
    ]
    assert main(["rules"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [tuple(line.split("\t")[:3]) for line in lines] == [
        (c, label, t) for c, _, label, t in on_page
    ]


def test_every_code_is_listed_once_with_a_title_and_a_description() -> None:
    entries = full_catalogue()
    codes = [e.code for e in entries]
    assert len(codes) == len(set(codes))
    expected = {
        *RuleSet.default().codes,
        *(i.code for i in REVIEW_CATALOGUE),
        "RULE-CRASHED",
        "RULE-PATH",
        "UNCHECKED",
    }
    assert set(codes) == expected
    assert all(e.title and e.description for e in entries)
    assert [e.code for e in entries if e.origin == "builtin"] == [i.code for i in catalogue()]
    # a rule's message template is on the page as it is in the code (unless the rule writes
    # its messages case by case: then its example is a message, and the page shows no template)
    text = PAGE.read_text(encoding="utf-8")
    for item in RuleSet.default():
        if isinstance(item.example, str):
            assert next(e for e in entries if e.code == item.code).message == ""
        else:
            assert f"`{item.message}`" in text, item.code


def test_every_code_has_an_example_message_on_the_page_and_in_json(
    capsys: pytest.CaptureFixture[str],
) -> None:
    entries = full_catalogue()
    assert all(e.example.strip() for e in entries), [e.code for e in entries if not e.example]
    assert not any("{" in e.example for e in entries)  # every placeholder filled
    text = PAGE.read_text(encoding="utf-8")
    for e in entries:
        assert e.example.replace("|", "\\|") in text, e.code
    assert main(["rules", "--format", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)["rules"]
    assert [r["example"] for r in listed] == [e.example for e in entries]
    by_code = {e.code: e.example for e in entries}
    assert by_code["S4-TOTAL"] == "总计报告为5，应为4（结果维持 + 结果纠正 + 其他结果 + 尚未审结）"
    assert "appeals.reviw.total" in by_code["RULE-PATH"]


def _generator() -> ModuleType:
    sys.path.insert(0, str(REPO / "scripts"))
    try:
        import generate_catalogue
    finally:
        sys.path.remove(str(REPO / "scripts"))
    return generate_catalogue


def test_a_rule_without_an_example_fails_the_generator(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    generate_catalogue = _generator()

    @rule(code="X-NEW", severity=Severity.WARNING, title="新规则", message="报告为{reported}")
    def new_rule(report: Report) -> Iterator[Violation]:
        yield from ()

    with_new = RuleSet.default().with_rules(new_rule)
    monkeypatch.setattr(RuleSet, "default", classmethod(lambda cls: with_new))
    assert generate_catalogue.main(["--check"]) == 1
    err = capsys.readouterr().err
    assert "X-NEW" in err and "example=" in err
    assert generate_catalogue.main([]) == 1  # nor is the page written without it
    assert "X-NEW" not in PAGE.read_text(encoding="utf-8")


def test_a_stale_page_fails_the_check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    generate_catalogue = _generator()
    stale = tmp_path / "catalogue.md"
    stale.write_text(PAGE.read_text(encoding="utf-8").replace("数值为负", "数值为正"), "utf-8")
    monkeypatch.setattr(generate_catalogue, "TARGET", stale)
    assert generate_catalogue.main(["--check"]) == 1
    assert generate_catalogue.main([]) == 0
    assert stale.read_text(encoding="utf-8") == PAGE.read_text(encoding="utf-8")
