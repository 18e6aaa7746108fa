"""Start-up: a command imports what its input needs and no more (issue 17).

No timings here (too noisy for a test): what is checked is which modules a process has
imported, which is what the start-up time follows (``docs/benchmarks.md``, start-up)."""

from __future__ import annotations

import gc
import json
import re
import subprocess
import sys
import typing
from pathlib import Path

import attrs
import pytest

from zfxxgk import _proactive, _startup, model, render
from zfxxgk.cli import main
from zfxxgk.cli import parser as cli_parser
from zfxxgk.readers import _MAYBE, FORMATS, _is_json, _reader
from zfxxgk.readers._safe_zip import ZIP_MAGIC
from zfxxgk.readers.legacy import OLE2_MAGIC

from .fixtures.reports import report_2021

_HEAVY = (
    "lxml",
    "wcwidth",
    "multiprocessing",
    "concurrent.futures",
    "cattrs",
    "pdfplumber",
    "docx2python",
    "pandas",
    "pyarrow",
    "rich",
    "hypothesis",
    "zfxxgk.json_report",
    "zfxxgk.readers.html",
    "zfxxgk.readers.pdf",
    "zfxxgk.readers.docx",
    "zfxxgk.readers.legacy",
    "zfxxgk.cli.commands_export",
    "zfxxgk.cli.commands_compare",
    "zfxxgk.cli.commands_review",
    "zfxxgk.cli.commands_site",
    "zfxxgk.review_site",
    "tempfile",
    # argparse's width and the progress bar without shutil (which imports bz2 and lzma);
    # pickle only for worker processes
    "shutil",
    "bz2",
    "lzma",
    "pickle",
    # the text similarity (only a pair of reports), HTML entities (only a text holding one),
    # signal (only a worker process)
    "zfxxgk.similarity",
    "html",
    "signal",
    # the OCR reader and its PDF geometry (only a scan; hashlib: only a page's key), the
    # typed writers (only a file written), string (string.Template's pattern compiled)
    "zfxxgk.readers.scan",
    "zfxxgk.readers._pdf_grid",
    "zfxxgk.readers._ocr",
    "hashlib",
    "dataclasses",
    "zfxxgk.tabular",
    "csv",
    "string",
    "json",  # a text report: only a file that starts like JSON is looked at as JSON
    # the column finder of aligned tables: the rendered text holds none
    "zfxxgk.readers._columns",
)


def _imported_after(code: str) -> set[str]:
    # the names printed without importing json, which the check itself must not need
    done = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys\nprint(' '.join(sorted(sys.modules)))"],
        capture_output=True,
        text=True,
        check=True,
    )
    return set(done.stdout.splitlines()[-1].split())


def test_checking_one_text_report_imports_nothing_it_does_not_use(tmp_path: Path) -> None:
    source = tmp_path / "r.txt"
    source.write_text(render.to_text(report_2021()), "utf-8")
    code = (
        "import contextlib, io\n"
        "from zfxxgk.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    assert main(['check', {str(source)!r}]) in (0, 1)"
    )
    modules = _imported_after(code)
    assert "zfxxgk.readers.text" in modules and "zfxxgk.rules" in modules  # it did read
    assert [m for m in _HEAVY if m in modules] == []


def test_import_zfxxgk_is_light() -> None:
    modules = _imported_after("import zfxxgk")
    heavy = ("zfxxgk.readers", "zfxxgk.rules", "zfxxgk.narrative", "re", *_HEAVY)
    assert [m for m in heavy if m in modules and m != "re"] == []


def test_the_models_field_types_are_what_typing_evaluates() -> None:
    # _fields.resolve_types stands for attrs.resolve_types (typing.get_type_hints) at import
    seen = 0
    for module in (model, _proactive):
        for cls in vars(module).values():
            if not (isinstance(cls, type) and attrs.has(cls)):
                continue
            if cls.__module__ not in (model.__name__, _proactive.__name__):
                continue
            hints = typing.get_type_hints(cls, vars(module), include_extras=True)
            for field in attrs.fields(cls):
                assert not isinstance(field.type, str), (cls, field.name)
                assert field.type == hints[field.name], (cls, field.name)
                seen += 1
            assert attrs.resolve_types(cls) is cls  # nothing left to resolve
    assert seen > 100


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-be", "utf-32"])
@pytest.mark.parametrize(
    ("text", "is_json"),
    [
        ('{"报告": 1}', True),
        (' \r\n\t{"a": [1]}', True),
        ("一、总体情况\n本年度新收申请 12 件。", False),
        ("一、总体情况 {注}", False),
        ("", False),
        ("[1, 2]", False),
    ],
)
def test_json_is_told_by_its_first_character_in_every_utf(
    encoding: str, text: str, is_json: bool
) -> None:
    data = text.encode(encoding)
    assert _is_json(data) is is_json
    head = data[:64]  # as it was told before: decoded in the encoding json detects
    assert is_json is head.decode(json.detect_encoding(head), "ignore").lstrip(
        "\ufeff \t\r\n"
    ).startswith("{")


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.7\n...",
        ZIP_MAGIC + b"....word/document.xml",
        OLE2_MAGIC + b"\x00" * 64,
        b"<html><body>x</body></html>",
        "\ufeff<p>一</p>".encode("utf-16"),
        "一、总体情况\n本年度新收政府信息公开申请 12 件。".encode(),
        b"| a | b |\n|---|---|\n| 1 | 2 |",
        b"\x00\x01\x02binary",
    ],
)
def test_a_reader_is_asked_only_when_its_signature_test_passes(data: bytes) -> None:
    for fmt, maybe in _MAYBE.items():
        if _reader(fmt).sniff(data, None):
            assert maybe(data), fmt
    assert set(_MAYBE) == set(FORMATS) - {"markdown", "text"}


def test_the_parser_knows_which_module_registers_each_command() -> None:
    whole = cli_parser.build_parser()
    (sub,) = [a for a in whole._actions if a.dest == "command"]
    assert list(sub.choices) == list(cli_parser.COMMANDS)  # type: ignore[attr-defined]
    for command in cli_parser.COMMANDS:
        alone = cli_parser.build_parser([command, "--help"])
        (one,) = [a for a in alone._actions if a.dest == "command"]
        assert command in one.choices  # type: ignore[operator]
        assert (
            one.choices[command].format_help()  # type: ignore[index]
            == sub.choices[command].format_help()  # type: ignore[attr-defined]
        )


def test_the_collector_is_on_after_a_command_and_after_import() -> None:
    code = (
        "import contextlib, gc, io, sys\n"
        "import zfxxgk\n"
        "assert gc.isenabled()\n"
        "from zfxxgk.cli import main\n"
        "quiet = contextlib.redirect_stdout(io.StringIO())\n"
        "with quiet, contextlib.redirect_stderr(io.StringIO()):\n"
        "    assert main(['check', 'no-such-file.txt']) == 2\n"
        "assert gc.isenabled() and gc.get_freeze_count() == 0\n"
        "sys.argv = ['zfxxgk', 'rules']\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    assert main() == 0\n"
        "assert gc.isenabled() and gc.get_freeze_count() > 0  # run as the program: frozen"
    )
    assert "zfxxgk.cli" in _imported_after(code)


def test_a_batch_turns_the_collector_back_on_after_its_first_report(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(render.to_text(report_2021()), "utf-8")
    seen: list[bool] = []
    from zfxxgk.batch import read_many

    _startup.pause_collector()
    try:
        for _ in read_many([tmp_path], check=False):
            seen.append(gc.isenabled())
    finally:
        _startup.resume_collector()
    assert seen == [False, True]  # off while the first loaded the readers, then on
    assert gc.isenabled()


def test_pauses_nest_and_leave_the_collector_as_they_found_it() -> None:
    assert gc.isenabled()
    _startup.pause_collector()
    _startup.pause_collector()
    assert not gc.isenabled()
    _startup.resume_collector()
    assert not gc.isenabled()  # the outer pause still holds it
    _startup.resume_collector()
    assert gc.isenabled()
    _startup.resume_collector()  # no pause left: nothing
    assert gc.isenabled()
    gc.disable()
    try:
        _startup.pause_collector()
        _startup.resume_collector()
        assert not gc.isenabled()  # it was off before: a pause does not turn it on
    finally:
        gc.enable()


def test_main_in_process_leaves_the_collector_on(tmp_path: Path) -> None:
    source = tmp_path / "r.txt"
    source.write_text(render.to_text(report_2021()), "utf-8")
    frozen = gc.get_freeze_count()
    assert main(["check", "--no-progress", "-q", str(source)]) in (0, 1)
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen  # given argv: a library call, nothing frozen


@pytest.mark.parametrize(
    ("method", "args"),
    [
        ("search", ("x12y",)),
        ("match", ("12y",)),
        ("fullmatch", ("12",)),
        ("findall", ("1 22 333",)),
        ("sub", ("#", "a1b22")),
        ("subn", ("#", "a1b22")),
        ("split", ("a1b22c",)),
    ],
)
def test_a_lazy_pattern_answers_as_the_compiled_one(method: str, args: tuple[str, ...]) -> None:
    lazy = _startup.LazyPattern(r"(\d)+")
    compiled = re.compile(r"(\d)+")
    got, want = getattr(lazy, method)(*args), getattr(compiled, method)(*args)
    if isinstance(want, re.Match):
        assert isinstance(got, re.Match) and got.span() == want.span()
    else:
        assert got == want
    assert [m.span() for m in lazy.finditer("1 22")] == [(0, 1), (2, 4)]
    with pytest.raises(AttributeError):
        lazy.scanner  # noqa: B018 - not one of the methods it stands for
