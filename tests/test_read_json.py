"""The library reads its own JSON wherever it reads a report (issue 18: "one way in").

``zfxxgk convert r.html -o r.json`` then ``zfxxgk check r.json`` gives the findings of
``zfxxgk check r.html``; ``zfxxgk.read`` and ``zfxxgk.load`` take the JSON as they take a
published report, recognised by its content (either key mode, any UTF encoding).
"""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import pytest

import zfxxgk
from zfxxgk import json_report
from zfxxgk.cells import Cell
from zfxxgk.cli import main
from zfxxgk.errors import DocumentError, JSONLoadError
from zfxxgk.template import replace_at

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "reports"
REPORTS = sorted(EXAMPLES.glob("*.*"))


def _cli(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = main(list(argv))
    return code, out.getvalue()


def _findings(path: Path) -> tuple[int, list[tuple[object, ...]]]:
    code, text = _cli("check", "--format", "json", str(path))
    (report,) = json.loads(text)["reports"]
    found = [
        (f["code"], f["severity"], f["path"], f["reported"], f["expected"], f["message"])
        for f in report["findings"]
    ]
    return code, found


@pytest.mark.parametrize("source", REPORTS, ids=[p.suffix for p in REPORTS])
@pytest.mark.parametrize("labels", [False, True], ids=["fields", "labels"])
def test_check_of_the_converted_json_gives_the_findings_of_the_source(
    tmp_path: Path, source: Path, labels: bool
) -> None:
    target = tmp_path / "r.json"
    argv = ["convert", str(source), "-o", str(target), "--to", "json"]
    assert _cli(*argv, *(["--labels"] if labels else []))[0] == 0
    assert _findings(target) == _findings(source)
    assert zfxxgk.read(target).report == zfxxgk.read(source).report
    assert zfxxgk.load(target) == zfxxgk.read(source).report


def test_the_examples_include_one_with_findings() -> None:
    # the comparison above is not vacuous: one example has a mistyped total
    assert any(_findings(source)[1] for source in REPORTS)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-32"])
def test_json_is_recognised_by_content_in_any_utf_encoding(encoding: str) -> None:
    report = zfxxgk.read(REPORTS[0]).report
    data = json_report.dumps(report).encode(encoding)
    result = zfxxgk.read(data)
    assert result.report == report
    assert result.diagnostics == ()
    assert zfxxgk.read(io.BytesIO(data)).report == report


def test_unknown_cells_stay_unknown_through_json(tmp_path: Path) -> None:
    report = zfxxgk.read(REPORTS[0]).report
    report = replace_at(report, "requests.new.natural_person", Cell.unread())
    report = replace_at(report, "appeals.review.total", Cell.missing())
    path = tmp_path / "partial.json"
    path.write_text(json_report.dumps(report), encoding="utf-8")
    result = zfxxgk.read(path)
    assert result.report == report
    assert result.completeness.unread == 1 and result.completeness.not_printed == 1
    code, text = _cli("check", str(path))
    assert code == 1 and "检查不完整" in text  # read in part: not a pass


def test_invalid_json_is_refused_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"format": "zfxxgk.report", "version": 1, "report": {', encoding="utf-8")
    with pytest.raises(JSONLoadError) as info:
        zfxxgk.read(path)
    assert str(path) in str(info.value) and info.value.code == "E300"
    code, _ = _cli("check", str(path))
    assert code == 2


@pytest.mark.parametrize("name", ["fuzz.docx", "r.html", "r.txt", None])
def test_a_file_that_starts_like_json_but_is_not_is_a_document_error(name: str | None) -> None:
    """Found by atheris: ``{`` named ``fuzz.docx`` raised a JSONLoadError, which ``except
    DocumentError`` around a read (the promise for every unreadable file) did not catch."""
    with pytest.raises(DocumentError) as info:
        zfxxgk.read(b"{", name=name)
    assert isinstance(info.value, JSONLoadError) and info.value.code == "E300"
    assert info.value.path == name
    if name is not None:
        assert name in str(info.value)
