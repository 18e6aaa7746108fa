"""The catalogue page is generated from the code and matches ``zfxxgk rules`` exactly."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from zfxxgk.cli import main
from zfxxgk.review import REVIEW_CATALOGUE, full_catalogue
from zfxxgk.rules import RuleSet, catalogue

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
    # a rule's message template is on the page as it is in the code
    text = PAGE.read_text(encoding="utf-8")
    for rule in RuleSet.default():
        assert f"`{rule.message}`" in text, rule.code


def test_a_stale_page_fails_the_check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sys.path.insert(0, str(REPO / "scripts"))
    try:
        import generate_catalogue
    finally:
        sys.path.remove(str(REPO / "scripts"))
    stale = tmp_path / "catalogue.md"
    stale.write_text(PAGE.read_text(encoding="utf-8").replace("数值为负", "数值为正"), "utf-8")
    monkeypatch.setattr(generate_catalogue, "TARGET", stale)
    assert generate_catalogue.main(["--check"]) == 1
    assert generate_catalogue.main([]) == 0
    assert stale.read_text(encoding="utf-8") == PAGE.read_text(encoding="utf-8")
