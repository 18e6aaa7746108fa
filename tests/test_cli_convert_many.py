"""``zfxxgk convert DIR -o OUTDIR`` (one output per report, the same relative layout), and
``--help`` wrapped by display width, never inside a word (issue 18)."""

from __future__ import annotations

import contextlib
import io
import json
import re
import zipfile
from pathlib import Path

import pytest

from zfxxgk import json_report, render
from zfxxgk.cli import main
from zfxxgk.cli.parser import build_parser, wrap
from zfxxgk.readers import read

from .fixtures.reports import report_2019, report_2021


def _run(*argv: str) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, err.getvalue()


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """in/2024/a.html, in/2024/a.txt (same name, another format), in/2019/b.md, in/notes.txt."""
    root = tmp_path / "in"
    (root / "2024").mkdir(parents=True)
    (root / "2019").mkdir()
    (root / "2024" / "a.html").write_text(render.to_html(report_2021(), page=True), "utf-8")
    (root / "2024" / "a.txt").write_text(render.to_text(report_2021()), "utf-8")
    (root / "2019" / "b.md").write_text(render.to_markdown(report_2019()), "utf-8")
    return root


def test_a_folder_converts_to_a_folder_in_the_same_layout(tree: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, err = _run("convert", str(tree), "-o", str(out))
    assert code == 0, err
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    # a.html and a.txt would both be a.json: each keeps its own suffix
    assert written == ["2019/b.json", "2024/a.html.json", "2024/a.txt.json"]
    assert (
        json_report.loads((out / "2019" / "b.json").read_bytes())
        == read(tree / "2019" / "b.md").report
    )
    assert "已转换 3 份报告" in err


def test_the_format_comes_from_to(tree: Path, tmp_path: Path) -> None:
    out = tmp_path / "md"
    assert _run("convert", str(tree / "2019"), "-o", str(out), "--to", "markdown")[0] == 0
    assert [p.name for p in out.iterdir()] == ["b.md"]
    inside = ["convert", str(tree / "2019"), "-o", str(tree / "2019" / "md"), "--to", "markdown"]
    assert _run(*inside)[0] == 0
    assert _run(*inside)[0] == 0  # the outputs of the first run are not read as inputs
    assert sorted(p.name for p in (tree / "2019" / "md").iterdir()) == ["b.md"]


def test_a_zip_of_reports_converts_by_member_path(tree: Path, tmp_path: Path) -> None:
    archive = tmp_path / "reports.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(tree / "2024" / "a.html", "年报/2024/a.html")
        zf.write(tree / "2019" / "b.md", "年报/2019/b.md")
    out = tmp_path / "out"
    assert _run("convert", str(archive), "-o", str(out), "--to", "json")[0] == 0
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.json"))
    assert written == ["年报/2019/b.json", "年报/2024/a.json"]
    data = json.loads((out / "年报" / "2024" / "a.json").read_text("utf-8"))
    assert data["format"] == "zfxxgk.report"


def test_one_report_into_an_existing_folder(tree: Path, tmp_path: Path) -> None:
    out = tmp_path / "existing"
    out.mkdir()
    assert _run("convert", str(tree / "2019" / "b.md"), "-o", str(out))[0] == 0
    archive = tmp_path / "one.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(tree / "2024" / "a.html", "年报/a.html")
    assert _run("convert", str(archive), "-o", str(out), "--to", "text")[0] == 0
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert written == ["b.json", "年报/a.txt"]


def test_an_outdir_that_is_a_file_is_refused(tree: Path, tmp_path: Path) -> None:
    target = tmp_path / "taken.json"
    target.write_text("{}", "utf-8")
    code, err = _run("convert", str(tree), "-o", str(target))
    assert code == 2 and "是一个文件" in err
    assert target.read_text("utf-8") == "{}"
    code, err = _run("convert", str(tree), "-o", "-")
    assert code == 2 and "输出文件夹" in err


def test_an_unreadable_file_is_told_and_the_rest_converted(tree: Path, tmp_path: Path) -> None:
    (tree / "2024" / "memo.txt").write_text("会议纪要：下周讨论网站改版。\n", "utf-8")
    out = tmp_path / "out"
    code, err = _run("convert", str(tree), "-o", str(out))
    assert code == 2 and "memo.txt" in err and "E104" in err
    assert len(list(out.rglob("*.json"))) == 3


# --------------------------------------------------------------------------------------
# --help
# --------------------------------------------------------------------------------------


def test_wrap_never_breaks_a_word_and_keeps_the_width() -> None:
    text = "合为一张表（列：file, agency, year, template, section）。pip install 'zfxxgk[parquet]'"
    lines = wrap(text, 30)
    from wcwidth import wcswidth

    assert all(wcswidth(line) <= 30 for line in lines)
    words = {w for line in lines for w in re.findall(r"[\x21-\x7e]+", line)}
    assert {"file,", "agency,", "'zfxxgk[parquet]'"} <= words
    assert not any(line.startswith(("，", "。", "）")) for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


@pytest.mark.parametrize("columns", [60, 80, 120])
def test_every_help_wraps_between_words(monkeypatch: pytest.MonkeyPatch, columns: int) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    parser = build_parser()
    subparsers = next(a for a in parser._actions if a.choices and isinstance(a.choices, dict))
    from wcwidth import wcswidth

    for name, sub in subparsers.choices.items():
        text = sub.format_help()
        sources = " ".join([sub.description or "", *(a.help or "" for a in sub._actions)])
        words = set(re.findall(r"[A-Za-z][A-Za-z_]+", sources)) - {"pip"}
        printed = set(re.findall(r"[A-Za-z][A-Za-z_]+", text))
        assert words <= printed, f"{name}: {sorted(words - printed)} broken apart"
        help_lines = text[text.index("\n\n") :].splitlines()  # after the usage
        for line in help_lines:
            if re.search(r"[\u4e00-\u9fff]", line):  # the wrapped text, not option names
                assert wcswidth(line) <= columns, (name, line)
