"""One way in (issue 18, "must show"): every command on every kind of input — each document
format, the library's JSON in both key forms, standard input, a folder, a zip, a web address
on 127.0.0.1 — gives the same report and the same exit codes.

One report is read from a PDF laid out like the official template (with a wrong total, so
that ``check`` has something to say); every other input is that report written by the library.
Each command's output is compared as data (its JSON form), with the file names taken out.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import sys
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from zfxxgk import json_report, render
from zfxxgk.batch import read_many
from zfxxgk.cells import Cell, format_number
from zfxxgk.cli import main
from zfxxgk.model import Report
from zfxxgk.readers import read
from zfxxgk.template import iter_cells, replace_at

from .fixtures.reports import report_2021
from .fixtures_office.report_tables import report_pdf
from .local_server import Route, Server

pytest.importorskip("pdfplumber", reason="the PDF input needs the extra zfxxgk[pdf]")
pytest.importorskip("docx", reason="the DOCX input is written with the extra zfxxgk[docx]")

KINDS = (
    "pdf",
    "html",
    "text",
    "markdown",
    "docx",
    "json",
    "json-labels",
    "stdin",
    "folder",
    "zip",
    "url",
)


@dataclass
class Inputs:
    report: Report
    files: dict[str, Path]
    stdin: bytes
    url: str

    def source(self, kind: str) -> str:
        if kind == "stdin":
            return "-"
        if kind == "url":
            return self.url
        return str(self.files[kind])


def _pdf() -> bytes:
    """The PDF every input's report is read from: 行政复议 总计 printed 11 (should be 10)."""
    wrong = replace_at(report_2021(), "appeals.review.total", Cell.of(11))
    values = {s.dotted: format_number(c.value) for s, c in iter_cells(wrong) if c.value is not None}
    return report_pdf(values)


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Inputs]:
    from zfxxgk.word_report import write_docx

    pdf = _pdf()
    report = read(pdf, name="report.pdf").report
    folder = tmp_path_factory.mktemp("inputs")
    html = render.to_html(report, page=True).encode("utf-8")
    files = {"pdf": folder / "r.pdf", "docx": folder / "r.docx"}
    files["pdf"].write_bytes(pdf)
    write_docx(report, files["docx"])
    texts = {
        "html": ("r.html", html),
        "text": ("r.txt", render.to_text(report).encode("utf-8")),
        "markdown": ("r.md", render.to_markdown(report).encode("utf-8")),
        "json": ("r.json", json_report.dumps(report).encode("utf-8")),
        "json-labels": ("r-labels.json", json_report.dumps(report, labels=True).encode("utf-8")),
    }
    for kind, (name, data) in texts.items():
        files[kind] = folder / name
        files[kind].write_bytes(data)
    files["folder"] = folder / "folder"
    (files["folder"] / "2024").mkdir(parents=True)
    (files["folder"] / "2024" / "r.txt").write_bytes(texts["text"][1])
    files["zip"] = folder / "r.zip"
    with zipfile.ZipFile(files["zip"], "w", zipfile.ZIP_DEFLATED) as zf:
        zf.write(files["docx"], "年报/r.docx")
    running = Server()
    running.routes["/reports/r.md"] = Route(
        texts["markdown"][1], headers={"Content-Type": "text/markdown; charset=utf-8"}
    )
    running.thread.start()
    try:
        yield Inputs(report, files, html, running.url("/reports/r.md"))
    finally:
        running.released.set()
        running.httpd.shutdown()
        running.httpd.server_close()


def run(argv: list[str], stdin: bytes = b"") -> tuple[int, str, str]:
    """The command line with *stdin* as standard input: exit code, output, errors."""
    out, err = io.StringIO(), io.StringIO()
    replaced = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    saved = sys.stdin
    sys.stdin = replaced
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(argv)
    finally:
        sys.stdin = saved
    return code, out.getvalue(), err.getvalue()


# --------------------------------------------------------------------------------------
# each command, as data without file names
# --------------------------------------------------------------------------------------

_NAMES = frozenset({"file", "location", "report", "other", "source", "old", "new"})


def _plain(value: Any) -> Any:
    """*value* without the keys that name files or places in them."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if k not in _NAMES}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _json_out(argv: list[str], stdin: bytes, tmp: Path) -> tuple[int, Any]:
    code, out, err = run(argv, stdin)
    assert code in (0, 1), f"{argv}: {err}"
    return code, _plain(json.loads(out))


def _convert(source: str, stdin: bytes, tmp: Path) -> tuple[int, Any]:
    target = tmp / "out.json"
    code, _, err = run(["convert", source, "-o", str(target)], stdin)
    if target.is_dir():  # a folder in, a folder out: its one report
        [target] = target.rglob("*.json")
    assert code == 0, err
    return code, _plain(json.loads(target.read_text("utf-8")))


def _pair(command: str, *options: str) -> Callable[[str, str, bytes, Path], tuple[int, Any]]:
    def go(first: str, second: str, stdin: bytes, tmp: Path) -> tuple[int, Any]:
        return _json_out([command, "-f", "json", *options, first, second], stdin, tmp)

    return go


ONE: dict[str, Callable[[str, bytes, Path], tuple[int, Any]]] = {
    "check": lambda s, i, t: _json_out(["check", "-f", "json", s], i, t),
    "export": lambda s, i, t: _json_out(["export", "-f", "json", s], i, t),
    "convert": _convert,
    "series": lambda s, i, t: _json_out(["series", "-f", "json", s], i, t),
}
TWO: dict[str, Callable[[str, str, bytes, Path], tuple[int, Any]]] = {
    "compare": _pair("compare"),
    "hierarchy": _pair("hierarchy"),
    "similar": _pair("similar"),
}

EXIT_CODES = {
    "check": 1,  # S4-TOTAL: 行政复议 总计 11, should be 10
    "export": 0,
    "convert": 0,
    "series": 0,
    "compare": 0,  # the report against itself: warnings only (PAIR-SEQUENCE: the same year)
    "hierarchy": 0,
    "similar": 0,  # COPY-SIMILAR is a warning
}
"""What each command exits with on the report, from any input."""


def _results(inputs: Inputs, kind: str, tmp: Path) -> dict[str, tuple[int, Any]]:
    source = inputs.source(kind)
    # standard input is read once: a command of two reads the second from the HTML file
    second = str(inputs.files["html"]) if kind == "stdin" else source
    results = {name: go(source, inputs.stdin, tmp) for name, go in ONE.items()}
    for name, go2 in TWO.items():
        first = source
        if kind == "folder" and name == "compare":
            continue  # compare takes one report a side (a file, -, an address, a zip of one)
        if kind == "folder" and name == "hierarchy":
            first = str(inputs.files["html"])  # one region; its units may be a folder
        results[name] = go2(first, second, inputs.stdin, tmp)
    return results


@pytest.fixture(scope="module")
def baseline(inputs: Inputs, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return _results(inputs, "html", tmp_path_factory.mktemp("baseline"))


@pytest.mark.parametrize("kind", KINDS)
def test_every_command_reads_every_input_kind_alike(
    inputs: Inputs, baseline: dict[str, Any], kind: str, tmp_path: Path
) -> None:
    if kind == "folder":  # read() takes one report; a folder is read by the batch
        [item] = read_many([inputs.source(kind)], check=False)
        assert item.result is not None and item.result.report == inputs.report
    elif kind not in ("stdin", "url"):
        assert read(inputs.source(kind)).report == inputs.report  # the same report
    results = _results(inputs, kind, tmp_path)
    codes = {name: code for name, (code, _) in results.items()}
    assert codes == {k: v for k, v in EXIT_CODES.items() if k in codes}
    for name, (_, data) in results.items():
        assert data == baseline[name][1], f"{name} on {kind} differs from HTML"


def test_the_report_is_what_check_says_it_is(baseline: dict[str, Any]) -> None:
    _, document = baseline["check"]
    [report] = document["reports"]
    codes = {f["code"] for f in report["findings"]}
    assert "S4-TOTAL" in codes and report["completeness"]["complete"]
    assert report["agency"] and report["year"] == 2024


def test_stdin_and_an_address_read_the_report(inputs: Inputs) -> None:
    code, out, _ = run(["convert", "-", "-o", "-", "--to", "json"], inputs.stdin)
    assert code == 0 and json_report.loads(out) == inputs.report
    code, out, _ = run(["convert", inputs.url, "-o", "-", "--to", "json"])
    assert code == 0 and json_report.loads(out) == inputs.report


def test_convert_to_json_then_check_gives_the_findings_of_the_original(
    inputs: Inputs, tmp_path: Path
) -> None:
    # zfxxgk convert r.html -o r.json && zfxxgk check r.json == zfxxgk check r.html
    html = str(inputs.files["html"])
    target = tmp_path / "r.json"
    assert run(["convert", html, "-o", str(target)])[0] == 0
    first, before, _ = run(["check", "-f", "json", html])
    second, after, _ = run(["check", "-f", "json", str(target)])
    assert first == second == 1
    assert _plain(json.loads(before)) == _plain(json.loads(after))
    text_before = run(["check", html])[1].replace(html, "R")
    text_after = run(["check", str(target)])[1].replace(str(target), "R")
    # the text output differs only in where each cell is in the file (JSON has no pages)
    strip = re.compile(r"  \[[^\]]*\]")
    assert strip.sub("", text_before) == strip.sub("", text_after)
