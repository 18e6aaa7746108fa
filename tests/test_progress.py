"""The progress bar: on a terminal only; the file as a path relative to the folder the inputs
share (in a corpus of one folder per report every file is ``source.pdf``), the count, the
rate and the time left; drawn by rich when installed, by a plain line otherwise.

A fake terminal (a text buffer whose ``isatty`` says yes) stands in for standard error.
"""

from __future__ import annotations

import importlib
import io
import re
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

from zfxxgk.cli import main
from zfxxgk.cli.terminal import Progress, common_folder, width

from .conftest import REPO

EXAMPLES = REPO / "examples" / "reports"


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """Three reports laid out one folder per report, every file named ``source.*``."""
    for name, example in (
        ("县民政局", "示例县民政局-2024.html"),
        ("市交通局", "示例市交通运输局-2020.md"),
        ("镇政府", "示例镇人民政府-2024.txt"),
    ):
        folder = tmp_path / "corpus" / name
        folder.mkdir(parents=True)
        shutil.copy(EXAMPLES / example, folder / f"source{Path(example).suffix}")
    return tmp_path / "corpus"


def _terminal(monkeypatch: pytest.MonkeyPatch) -> _Terminal:
    """Standard error made a terminal (in the test itself: pytest puts its own capture back
    between a fixture's setup and the test)."""
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.setenv("NO_COLOR", "1")
    fake = _Terminal()
    monkeypatch.setattr(sys, "stderr", fake)
    return fake


def _no_rich(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make ``import rich…`` fail, as without the terminal extra."""
    real = importlib.import_module

    def refuse(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "rich" or name.startswith("rich."):
            raise ImportError(f"No module named {name!r}")
        return real(name, *args, **kwargs)

    monkeypatch.setattr("importlib.import_module", refuse)


@pytest.mark.parametrize("backend", ["rich", "plain"])
def test_the_line_shows_relative_path_count_rate_and_time_left(
    corpus: Path, backend: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    terminal = _terminal(monkeypatch)
    monkeypatch.setenv("COLUMNS", "100")
    if backend == "rich":
        pytest.importorskip("rich")
    else:
        _no_rich(monkeypatch)
    assert main(["check", "--quiet", str(corpus)]) in (0, 1)
    drawn = terminal.getvalue()
    for name in ("县民政局/source.html", "市交通局/source.md", "镇政府/source.txt"):
        assert name in drawn  # not just "source.html": the folder tells them apart
    assert str(corpus) not in drawn  # relative to the folder they share
    assert "3/3" in drawn and "份/秒" in drawn and "剩余" in drawn
    if backend == "plain":
        assert "\033[2K" not in drawn and drawn.endswith("\r\033[K")
    else:
        assert drawn.endswith("\033[2K")


def test_nothing_is_drawn_off_a_terminal(
    corpus: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TERM", "xterm")
    main(["check", "--quiet", str(corpus)])
    assert "\r" not in capsys.readouterr().err


def test_dumb_terminal_and_no_progress_draw_nothing(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    terminal = _terminal(monkeypatch)
    main(["check", "--quiet", "--no-progress", str(corpus)])
    assert terminal.getvalue() == ""
    monkeypatch.setenv("TERM", "dumb")
    main(["check", "--quiet", str(corpus)])
    assert terminal.getvalue() == ""


@pytest.mark.parametrize("backend", ["rich", "plain"])
def test_a_long_name_is_cut_at_its_start(backend: str, monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = _terminal(monkeypatch)
    monkeypatch.setenv("COLUMNS", "100")
    if backend == "rich":
        pytest.importorskip("rich")
    progress = Progress(2, enabled=True, label="读取", root="/r", backend=backend)  # type: ignore[arg-type]
    name = "/r/" + "很长的机关名称" * 10 + "/source.pdf"
    progress.advance(name)
    progress.clear()
    drawn = terminal.getvalue()
    assert "…" in drawn and "/source.pdf" in drawn
    line = drawn.split("\r")[-2] if backend == "rich" else drawn.split("\r")[1]
    assert line.count("…") == 1 and "source.pdf" in line.split("…")[1]  # the name's start cut
    assert width(re.sub(r"\033\[[0-9;?]*[A-Za-z]", "", line).strip()) <= 100


def test_one_file_draws_no_bar(monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = _terminal(monkeypatch)
    progress = Progress(1, enabled=True, label="读取")
    progress.advance("a.pdf")
    progress.clear()
    assert terminal.getvalue() == ""


def test_common_folder() -> None:
    assert common_folder(["/c/a/source.pdf", "/c/b/source.pdf"]) == "/c"
    assert common_folder(["/c/a/source.pdf"]) == "/c/a"
    assert common_folder([]) is None
    # standard input and web addresses are shown as they are and share no folder
    assert common_folder(["-", "https://a.gov.cn/r.html", "/c/a/source.pdf"]) == "/c/a"
    assert common_folder(["-"]) is None


def test_stdin_and_web_addresses_are_shown_as_given(monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = _terminal(monkeypatch)
    monkeypatch.setenv("COLUMNS", "120")
    progress = Progress(3, enabled=True, label="读取", root="/c", backend="plain")
    for name in ("https://a.gov.cn/r.html", "-", "/c/a/source.pdf"):
        progress.advance(name)
    drawn = terminal.getvalue()
    assert "https://a.gov.cn/r.html" in drawn and " -" in drawn and "a/source.pdf" in drawn
