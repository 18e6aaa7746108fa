"""Issue 15, finding 3: an interrupted run leaves no output that looks finished.

Every ``-o FILE`` of the command line is written to a temporary file in the same folder and
renamed when the command ends normally; a run that is interrupted (Ctrl-C) or fails leaves
the previous file as it was and says so on standard error.  Ctrl-C stops the worker
processes of ``-j N`` at once (they used to finish the file they were reading first) and
the command exits 130.
"""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

from zfxxgk import cli, records, render
from zfxxgk.cli import commands_check
from zfxxgk.errors import MissingDependencyError
from zfxxgk.model import Report

from .fixtures.reports import report_2021

OLD = "the previous run's output\n"


@pytest.fixture
def reports(tmp_path: Path) -> list[str]:
    folder = tmp_path / "reports"
    folder.mkdir()
    page = render.to_html(report_2021(), page=True)
    paths = []
    for k in range(3):
        path = folder / f"report{k}.html"
        path.write_text(page, encoding="utf-8")
        paths.append(str(path))
    return paths


def _old_file(tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    path.write_text(OLD, encoding="utf-8")
    return path


def _leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".part")]


def _interrupt_after_some_records(monkeypatch: pytest.MonkeyPatch) -> None:
    """``export`` gets the records of the first report, then Ctrl-C (string records for CSV,
    typed ones for JSON)."""
    calls = []
    for name in ("cell_records", "cell_rows"):
        real = getattr(records, name)

        def interrupted(
            report: Report, *, _real: Any = real, **kwargs: Any
        ) -> Iterator[Mapping[str, Any]]:
            calls.append(1)
            if len(calls) > 1:
                raise KeyboardInterrupt
            yield from _real(report, **kwargs)

        monkeypatch.setattr(records, name, interrupted)


@pytest.mark.parametrize("name", ["cells.csv", "cells.json", "cells.jsonl"])
def test_export_interrupted_mid_write_keeps_the_previous_file(
    tmp_path: Path,
    reports: list[str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    name: str,
) -> None:
    out = _old_file(tmp_path, name)
    _interrupt_after_some_records(monkeypatch)
    assert cli.main(["export", "--no-progress", "-o", str(out), *reports]) == 130
    assert out.read_text(encoding="utf-8") == OLD
    err = capsys.readouterr().err
    assert f"已中断：未写入 {out}，原有文件保持不变" in err
    assert _leftovers(tmp_path) == []


def test_an_interrupted_first_run_creates_no_file(
    tmp_path: Path,
    reports: list[str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "cells.csv"
    _interrupt_after_some_records(monkeypatch)
    assert cli.main(["export", "--no-progress", "-o", str(out), *reports]) == 130
    assert not out.exists()
    assert "未创建该文件" in capsys.readouterr().err
    assert _leftovers(tmp_path) == []


def test_check_json_interrupted_keeps_the_previous_file(
    tmp_path: Path,
    reports: list[str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The case of the issue: ``check -f json -o f.json`` used to leave a 0-byte file."""
    out = _old_file(tmp_path, "f.json")

    def interrupted(*args: object) -> object:
        raise KeyboardInterrupt

    monkeypatch.setattr(commands_check, "_document", interrupted)
    assert cli.main(["check", "-f", "json", "--no-progress", "-o", str(out), *reports]) == 130
    assert out.read_text(encoding="utf-8") == OLD
    assert "原有文件保持不变" in capsys.readouterr().err
    assert _leftovers(tmp_path) == []


def test_a_writer_that_fails_half_way_leaves_the_previous_file(
    tmp_path: Path,
    reports: list[str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Writers that take a path (Parquet, DOCX) write the temporary file too."""
    parquet = _old_file(tmp_path, "cells.parquet")
    docx = _old_file(tmp_path, "report.docx")
    seen = []

    def half_written(*args: Any) -> None:
        path = args[-1]
        seen.append(path)
        Path(path).write_bytes(b"PAR1 half of a file")
        raise MissingDependencyError("写到一半失败")

    monkeypatch.setattr(records, "write_parquet", half_written)
    assert cli.main(["export", "--no-progress", "-o", str(parquet), *reports]) == 2
    from zfxxgk import word_report

    monkeypatch.setattr(word_report, "write_docx", half_written)
    assert cli.main(["convert", reports[0], "-o", str(docx)]) == 2
    assert parquet.read_text(encoding="utf-8") == OLD
    assert docx.read_text(encoding="utf-8") == OLD
    assert [Path(p).parent for p in seen] == [tmp_path, tmp_path]  # the same folder
    assert all(os.fspath(p) not in (str(parquet), str(docx)) for p in seen)
    assert capsys.readouterr().err.count("运行未完成") == 2
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize(
    "argv",
    [
        ["check", "-f", "json", "--no-progress"],
        ["export", "--no-progress"],
        ["convert"],
    ],
)
def test_a_finished_run_replaces_the_file_and_keeps_its_permissions(
    tmp_path: Path, reports: list[str], argv: list[str]
) -> None:
    out = _old_file(tmp_path, "out.json")
    out.chmod(0o640)
    files = reports[:1] if argv[0] == "convert" else reports
    assert cli.main([*argv, *files, "-o", str(out)]) in (0, 1)
    assert out.read_text(encoding="utf-8").startswith(("{", "[", "file,"))
    assert stat.S_IMODE(out.stat().st_mode) == 0o640
    assert _leftovers(tmp_path) == []


def test_a_new_file_gets_the_usual_permissions(tmp_path: Path, reports: list[str]) -> None:
    out = tmp_path / "new.csv"
    assert cli.main(["export", "--no-progress", "-o", str(out), *reports]) == 0
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~umask


def test_a_link_is_followed(tmp_path: Path, reports: list[str]) -> None:
    target = _old_file(tmp_path, "real.csv")
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    assert cli.main(["export", "--no-progress", "-o", str(link), *reports]) == 0
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8").startswith("file,")


def test_a_device_is_written_as_it_is(reports: list[str]) -> None:
    assert cli.main(["export", "--no-progress", "-o", os.devnull, *reports]) == 0


def test_a_folder_that_does_not_exist(
    tmp_path: Path, reports: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "no" / "such" / "folder.csv"
    assert cli.main(["export", "--no-progress", "-o", str(out), *reports]) == 2
    assert f"无法写入 {out}" in capsys.readouterr().err


# --------------------------------------------------------------------------------------
# Ctrl-C with worker processes
# --------------------------------------------------------------------------------------

# The command line in a child process whose workers take two minutes per file: the old
# pool waited for them after Ctrl-C.  "busy" on standard error says a worker has started.
_SLOW_CLI = """
import multiprocessing, os, sys, time
multiprocessing.set_start_method("fork")
import zfxxgk.batch as batch
from zfxxgk.cli import main

def slow(path, *args):
    os.write(2, b"busy\\n")  # one write: two workers' lines never interleave
    time.sleep(120)

batch._parse = slow
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.skipif(
    sys.platform == "win32" or "fork" not in __import__("multiprocessing").get_all_start_methods(),
    reason="sends SIGINT and patches the workers through fork: POSIX only",
)
@pytest.mark.parametrize("group", [False, True], ids=["process", "process-group"])
def test_ctrl_c_stops_the_workers_and_exits_130(
    tmp_path: Path, reports: list[str], group: bool
) -> None:
    """SIGINT to the command alone (``kill -INT``) or to its process group (Ctrl-C in a
    terminal): exit 130 in seconds, not after the workers' two minutes; no output file.
    Timeouts are generous for a slow, shared machine."""
    script = tmp_path / "slow_cli.py"
    script.write_text(_SLOW_CLI, encoding="utf-8")
    out = _old_file(tmp_path, "out.json")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    argv = [sys.executable, str(script), "check", "-j", "2", "--no-progress", "-f", "json"]
    child = subprocess.Popen(
        [*argv, "-o", str(out), *reports],
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        start_new_session=True,
    )
    try:
        assert child.stderr is not None
        assert child.stderr.readline().startswith("busy")  # a worker is reading
        sent = time.monotonic()
        if group:
            os.killpg(child.pid, signal.SIGINT)
        else:
            child.send_signal(signal.SIGINT)
        code = child.wait(timeout=60)
        elapsed = time.monotonic() - sent
        err = child.stderr.read()
    finally:
        if child.poll() is None:
            os.killpg(child.pid, signal.SIGKILL)
            child.wait()
    assert code == 130, err
    assert elapsed < 20, elapsed  # the workers would have slept 120 s
    assert "已中断" in err and "原有文件保持不变" in err
    assert out.read_text(encoding="utf-8") == OLD
    time.sleep(1)
    with pytest.raises(ProcessLookupError):  # no worker left behind in its group
        os.killpg(child.pid, 0)
