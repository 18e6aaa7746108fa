"""``-o`` chooses the output format from its suffix on every command that writes several
formats, and refuses a suffix it cannot write (issue 18: ``check -o f.csv`` wrote text, and
``-o out.xlsx`` wrote text into an .xlsx)."""

from __future__ import annotations

import contextlib
import csv
import io
import json
from pathlib import Path

import pytest

from zfxxgk.cli import main

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "reports"
HTML = str(next(EXAMPLES.glob("*.html")))
TEXT = str(next(EXAMPLES.glob("*.txt")))


def _run(*argv: str) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, err.getvalue()


def _kind(path: Path) -> str:
    """What was written: a JSON document, JSON lines, CSV with a header, or plain text."""
    text = path.read_text(encoding="utf-8-sig")
    lines = text.splitlines()
    with contextlib.suppress(ValueError):  # one object a line (the JSON documents are indented)
        if lines and all(isinstance(json.loads(line), dict) for line in lines):
            return "jsonl"
    with contextlib.suppress(ValueError):
        json.loads(text)
        return "json"
    if lines and "," in lines[0] and len(next(csv.reader(io.StringIO(lines[0])))) > 3:
        return "csv"
    return "text"


COMMANDS = {
    "check": ["check", TEXT],  # the example with a finding: a JSONL file has a line
    "compare": ["compare", HTML, HTML],
    "series": ["series", HTML, TEXT],
    "export": ["export", HTML],
}


@pytest.mark.parametrize(
    ("command", "suffix", "kind"),
    [
        ("check", ".csv", "csv"),
        ("check", ".json", "json"),
        ("check", ".jsonl", "jsonl"),
        ("check", ".txt", "text"),
        ("check", ".out", "text"),  # a suffix that names no format: the default
        ("compare", ".json", "json"),
        ("compare", ".csv", "csv"),
        ("series", ".json", "json"),
        ("series", ".csv", "csv"),
        ("export", ".jsonl", "jsonl"),
        ("export", ".json", "json"),
        ("export", ".csv", "csv"),
    ],
)
def test_the_suffix_of_o_chooses_the_format(
    tmp_path: Path, command: str, suffix: str, kind: str
) -> None:
    out = tmp_path / f"out{suffix}"
    code, _ = _run(*COMMANDS[command], "-o", str(out))
    assert code in (0, 1)
    assert _kind(out) == kind


@pytest.mark.parametrize(
    ("command", "suffix"),
    [
        (command, suffix)
        for command in sorted(COMMANDS)
        for suffix in (".xlsx", ".xls", ".docx", ".pdf")
        if (command, suffix) != ("export", ".xlsx")  # export writes Excel (issue 18)
    ],
)
def test_a_suffix_the_command_cannot_write_is_refused(
    tmp_path: Path, command: str, suffix: str
) -> None:
    out = tmp_path / f"out{suffix}"
    out.write_bytes(b"the file before")
    code, err = _run(*COMMANDS[command], "-o", str(out))
    assert code == 2
    assert "无法写入" in err and suffix in err
    assert out.read_bytes() == b"the file before"  # left as it was


def test_a_format_that_contradicts_the_suffix_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    code, err = _run("check", HTML, "--format", "json", "-o", str(out))
    assert code == 2 and "不符" in err
    assert not out.exists()
    # a format given with a suffix that names none is written as asked
    named = tmp_path / "findings.log"
    assert _run("check", HTML, "-f", "json", "-o", str(named))[0] in (0, 1)
    assert _kind(named) == "json"


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_bom_starts_a_csv_for_excel_and_nothing_else(tmp_path: Path, command: str) -> None:
    with_bom, without, as_json = tmp_path / "a.csv", tmp_path / "b.csv", tmp_path / "c.json"
    assert _run(*COMMANDS[command], "-o", str(with_bom), "--bom")[0] in (0, 1)
    assert _run(*COMMANDS[command], "-o", str(without))[0] in (0, 1)
    assert _run(*COMMANDS[command], "-o", str(as_json), "--bom")[0] in (0, 1)
    assert with_bom.read_bytes().startswith(b"\xef\xbb\xbf")
    assert with_bom.read_bytes()[3:] == without.read_bytes()  # the same CSV after the mark
    assert not without.read_bytes().startswith(b"\xef\xbb\xbf")
    assert not as_json.read_bytes().startswith(b"\xef\xbb\xbf")  # JSON has no BOM
