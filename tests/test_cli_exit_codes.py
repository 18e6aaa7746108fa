"""One exit-code table for every command (issue 18), as ``docs/cli.md`` gives it:

| 0 | everything read, nothing at ``--fail-on`` (a pre-2019 report set aside changes nothing) |
| 1 | a finding at or above ``--fail-on`` (commands that check); ``check``: a report read in part |
| 2 | a file that could not be read, no report found, or a wrong command line |
| 130 | interrupted |

Each command is run in each situation it can meet; the table below is the whole contract.
"""

from __future__ import annotations

import contextlib
import io
import re
from collections.abc import Callable

import attrs
import pytest

from zfxxgk import json_report, readers, render, review
from zfxxgk.cells import Cell
from zfxxgk.cli import main
from zfxxgk.model import Report
from zfxxgk.template import replace_at

from .conftest import REPO
from .fixtures.reports import report_2021
from .test_cli import PRE_2019


def _clean() -> Report:
    return attrs.evolve(report_2021(), overview=None, problems=None, other_matters=None)


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("exit")
    written = {
        "clean": ("clean.html", render.to_html(_clean(), page=True)),
        "wrong": (
            "wrong.html",
            render.to_html(replace_at(_clean(), "appeals.review.total", Cell.of(11)), page=True),
        ),
        "notes": ("notes.txt", "会议纪要：下周讨论网站改版。\n"),
        "old": ("2017.md", PRE_2019),
        "partial": (  # one cell printed but not read: the library's JSON keeps it so
            "partial.json",
            json_report.dumps(replace_at(_clean(), "appeals.review.total", Cell.unread())),
        ),
        "full": ("full.html", render.to_html(report_2021(), page=True)),  # with its narrative
    }
    paths = {}
    for key, (name, text) in written.items():
        (folder / name).write_text(text, "utf-8")
        paths[key] = str(folder / name)
    paths["out"] = str(folder / "out.json")
    paths["empty"] = str(folder / "nothing-here-*.html")
    return paths


S = "--select=CELL,S2,S3,S4,MONEY"  # check: the table rules (the report has no narrative)

# command → situation → (argv with the names of `files`, exit code)
TABLE: dict[str, dict[str, tuple[str, int]]] = {
    "check": {
        "ok": (f"check {S} {{clean}}", 0),
        "finding": (f"check {S} {{wrong}}", 1),
        "finding, --fail-on never": (f"check {S} --fail-on never {{wrong}}", 0),
        "unreadable": (f"check {S} {{clean}} {{notes}}", 2),
        "unreadable and finding": (f"check {S} {{wrong}} {{notes}}", 2),
        "no report found": (f"check {S} {{empty}}", 2),
        "pre-2019": (f"check {S} {{old}}", 0),
        "pre-2019, --fail-on warning": (f"check {S} --fail-on warning {{old}}", 1),
    },
    "export": {
        "ok": ("export {clean}", 0),
        "finding": ("export {wrong}", 0),  # export does not check
        "unreadable": ("export {clean} {notes}", 2),
        "no report found": ("export {empty}", 2),
        "pre-2019": ("export {old}", 0),
    },
    "convert": {
        "ok": ("convert {clean} -o {out}", 0),
        "finding": ("convert {wrong} -o {out}", 0),  # written as printed
        "unreadable": ("convert {notes} -o {out}", 2),
        "pre-2019": ("convert {old} -o {out}", 0),
    },
    "compare": {
        "ok": ("compare {clean} {clean}", 0),
        "finding": ("compare --fail-on warning {clean} {clean}", 1),  # PAIR-SEQUENCE
        "unreadable": ("compare {notes} {clean}", 2),
        "pre-2019": ("compare {old} {clean}", 0),
        "read in part": ("compare {clean} {partial}", 1),
        "read in part, --min-complete 0": ("compare --min-complete 0 {clean} {partial}", 0),
    },
    "series": {
        "ok": ("series {clean}", 0),
        "finding": ("series --fail-on info {clean} {wrong}", 1),  # SERIES-DUPLICATE-YEAR
        "unreadable": ("series {clean} {notes}", 2),
        "no report found": ("series {empty}", 2),
        "pre-2019": ("series {old}", 0),
        "read in part": ("series {partial}", 1),
        "read in part, --min-complete 99%": ("series --min-complete 99% {partial}", 0),
    },
    "hierarchy": {
        "ok": ("hierarchy {clean} {clean}", 0),
        "finding": ("hierarchy --fail-on warning {wrong} {clean}", 1),  # HIERARCHY-SUM
        "unreadable": ("hierarchy {clean} {notes}", 2),
        "pre-2019": ("hierarchy {old} {clean}", 0),
        "read in part (region)": ("hierarchy {partial} {clean}", 1),
        "read in part (a unit)": ("hierarchy {clean} {clean} {partial}", 1),
        "read in part, --min-complete 0": ("hierarchy --min-complete 0 {clean} {partial}", 0),
    },
    "similar": {
        "ok": ("similar {full} {full}", 0),
        "finding": ("similar --fail-on warning {full} {full}", 1),  # COPY-SIMILAR
        "unreadable": ("similar {clean} {notes}", 2),
        "pre-2019": ("similar {old} {clean}", 0),
    },
    "rules": {"ok": ("rules", 0)},
}

CASES = [(c, s, argv, code) for c, rows in TABLE.items() for s, (argv, code) in rows.items()]


def _run(argv: list[str]) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        code = main(argv)
    return code, err.getvalue()


@pytest.mark.parametrize(
    ("command", "situation", "argv", "code"), CASES, ids=[f"{c}: {s}" for c, s, _, _ in CASES]
)
def test_exit_code(
    files: dict[str, str], command: str, situation: str, argv: str, code: int
) -> None:
    got, err = _run(argv.format(**files).split())
    assert got == code, err
    if situation == "pre-2019":
        assert "E105" in err or command == "check"  # set aside, and said


def test_a_report_read_in_part_makes_check_exit_1(files: dict[str, str]) -> None:
    code, err = _run(["check", S, files["partial"]])
    assert code == 1, err
    assert _run(["check", S, "--min-complete", "0", files["partial"]])[0] == 0


@pytest.mark.parametrize(
    "argv",
    ["compare {clean} {partial}", "series {clean} {partial}", "hierarchy {clean} {partial}"],
)
def test_checks_across_reports_name_the_report_read_in_part(
    files: dict[str, str], argv: str
) -> None:
    """A report with unread cells never passes a check across reports as checked: the run
    exits 1 and names the file; at or above --min-complete it is still named, and passes."""
    code, err = _run(argv.format(**files).split())
    assert code == 1, err
    (line,) = [line for line in err.splitlines() if files["partial"] in line]
    assert "未读取的单元格未经检查" in line and "1 个原文有但未能读取" in line
    assert "低于 --min-complete 100%" in line
    command, *rest = argv.format(**files).split()
    code, err = _run([command, "--min-complete", "50%", *rest])
    assert code == 0, err
    assert "不低于 --min-complete 50%" in err


@pytest.mark.parametrize("command", list(TABLE))
def test_usage_errors_exit_2(command: str) -> None:
    code, err = _run([command, "--no-such-option"])
    assert code == 2 and "用法错误" in err


def _interrupt(*args: object, **kwargs: object) -> bytes:
    raise KeyboardInterrupt


@pytest.mark.parametrize("command", list(TABLE))
def test_interrupted_exits_130(
    files: dict[str, str], monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    interrupt: Callable[..., bytes] = _interrupt
    monkeypatch.setattr(readers, "load_source", interrupt)  # every file is read through it
    monkeypatch.setattr(review, "full_catalogue", interrupt)  # what `zfxxgk rules` lists
    code, err = _run(TABLE[command]["ok"][0].format(**files).split())
    assert code == 130 and "已中断" in err


def test_the_documented_table_is_this_one() -> None:
    text = (REPO / "docs" / "cli.md").read_text("utf-8")
    section = text[text.index("## Exit codes") :]
    section = section[: section.index("\n## ", 4)]
    codes = re.findall(r"^\| (\d+) \|", section, flags=re.MULTILINE)
    assert codes == ["0", "1", "2", "130"]
    for command in TABLE:
        assert f"`{command}`" in section, command  # every command has its line


def test_python_m_zfxxgk_is_the_command(files: dict[str, str]) -> None:
    import os
    import subprocess
    import sys

    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    run = subprocess.run(
        [sys.executable, "-m", "zfxxgk", "check", S, files["wrong"]],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert run.returncode == 1 and "S4-TOTAL" in run.stdout
    version = subprocess.run(
        [sys.executable, "-m", "zfxxgk", "--version"], capture_output=True, text=True, env=env
    )
    assert version.returncode == 0 and version.stdout.startswith("zfxxgk ")
