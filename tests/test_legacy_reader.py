"""The legacy .doc/.wps reader: OLE2 sniffing, the LibreOffice conversion, refusals.

A real LibreOffice is not needed (CI has only PyPI): a stand-in ``soffice`` script on a
temporary PATH records its command line and writes a DOCX where LibreOffice would.  The
one test that uses a real LibreOffice skips when none is installed.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import sys
from pathlib import Path

import pytest

from zfxxgk.errors import DocumentError, UnreadableDocumentError, UnsupportedFormatError
from zfxxgk.readers import detect_format
from zfxxgk.readers import legacy as legacy_reader

from .fixtures_office.docx_build import make_docx, p, simple_table
from .fixtures_office.ole2_build import make_ole2

OLE2 = legacy_reader.OLE2_MAGIC
WORD_DOC = make_ole2("WordDocument", "1Table")


def _stub(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *, behaviour: str = "ok") -> Path:
    """Put a fake ``soffice`` first on PATH; returns the file it logs its argv to."""
    bindir = tmp_path / "bin"
    bindir.mkdir()
    log = tmp_path / "argv.json"
    docx = tmp_path / "converted.docx"
    docx.write_bytes(make_docx(p("一、总体情况") + simple_table([["规章", "3"]]), title="旧版"))
    script = bindir / "soffice"
    script.write_text(
        f"#!{sys.executable}\n"
        "import json, pathlib, shutil, sys, time\n"
        f"pathlib.Path({str(log)!r}).write_text(json.dumps(sys.argv))\n"
        f"behaviour = {behaviour!r}\n"
        "if behaviour == 'fail':\n    sys.exit(1)\n"
        "if behaviour == 'hang':\n    time.sleep(30)\n"
        "outdir = sys.argv[sys.argv.index('--outdir') + 1]\n"
        "stem = pathlib.Path(sys.argv[-1]).stem\n"
        f"shutil.copy({str(docx)!r}, pathlib.Path(outdir) / (stem + '.docx'))\n",
        encoding="utf-8",
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", f"{bindir}{os.pathsep}{os.environ.get('PATH', '')}")
    return log


def test_sniff_ole2_and_detect_format() -> None:
    assert legacy_reader.sniff(WORD_DOC, "a.doc")
    assert not legacy_reader.sniff(b"PK\x03\x04", "a.doc")
    assert detect_format(WORD_DOC, "a.doc") == "legacy"


def test_without_libreoffice_the_error_says_how_to_convert(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(legacy_reader, "find_converter", lambda: None)
    with pytest.raises(UnsupportedFormatError, match="另存为") as info:
        legacy_reader.read(WORD_DOC, source="旧报告.doc")
    assert "旧报告.doc" in str(info.value) and "LibreOffice" in str(info.value)


def test_encrypted_office_file_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    data = OLE2 + b"\0" * 100 + "EncryptedPackage".encode("utf-16-le") + b"\0" * 100
    with pytest.raises(UnreadableDocumentError, match="加密"):
        legacy_reader.read(data, source="locked.docx")


@pytest.mark.skipif(sys.platform == "win32", reason="the stand-in converter is a POSIX script")
def test_conversion_runs_on_a_fixed_name_and_reads_the_docx(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = _stub(tmp_path, monkeypatch)
    hostile_name = "; rm -rf ~ $(reboot) 报告.doc"
    doc = legacy_reader.read(WORD_DOC, source=hostile_name)
    argv = json.loads(log.read_text())
    assert Path(argv[-1]).name == "input.doc"
    assert not any(hostile_name in arg or "报告" in arg for arg in argv)
    assert "--headless" in argv and "--convert-to" in argv
    assert any(arg.startswith("-env:UserInstallation=file://") for arg in argv)
    assert not Path(argv[-1]).parent.exists(), "the temporary directory is removed"
    assert doc.format == "legacy"
    assert doc.metadata["converted_by"] == "LibreOffice"
    assert doc.metadata["original_format"] == "doc"
    assert doc.metadata["title"] == "旧版"
    assert [b.text for b in doc.paragraphs()] == ["一、总体情况"]
    (table,) = doc.tables()
    assert [[c.text for c in row] for row in table.rows] == [["规章", "3"]]
    assert table.rows[0][0].location.file == hostile_name


@pytest.mark.skipif(sys.platform == "win32", reason="the stand-in converter is a POSIX script")
def test_wps_files_are_converted_by_content(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = _stub(tmp_path, monkeypatch)
    legacy_reader.read(WORD_DOC, source="报告.WPS")  # WPS Office: a Word stream inside
    assert Path(json.loads(log.read_text())[-1]).name == "input.doc"
    works = make_ole2("CONTENTS")  # no Word stream: keep the .wps hint for LibreOffice
    legacy_reader.read(works, source="旧.wps")
    assert Path(json.loads(log.read_text())[-1]).name == "input.wps"


@pytest.mark.skipif(sys.platform == "win32", reason="the stand-in converter is a POSIX script")
def test_failed_conversion_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _stub(tmp_path, monkeypatch, behaviour="fail")
    with pytest.raises(UnreadableDocumentError, match="未能") as info:
        legacy_reader.read(WORD_DOC, source="bad.doc")
    assert "bad.doc" in str(info.value)


@pytest.mark.skipif(sys.platform == "win32", reason="the stand-in converter is a POSIX script")
def test_conversion_that_hangs_times_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _stub(tmp_path, monkeypatch, behaviour="hang")
    monkeypatch.setattr(legacy_reader, "TIMEOUT", 0.5)
    with pytest.raises(UnreadableDocumentError, match="超时"):
        legacy_reader.read(WORD_DOC, source="slow.doc")


@pytest.mark.parametrize("cut", [8, 100, 600, 1100])
def test_damaged_ole2_is_refused_without_starting_the_converter(
    cut: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_conversion(*args: object, **kwargs: object) -> bytes:
        raise AssertionError("LibreOffice must not be started for a damaged file")

    monkeypatch.setattr(legacy_reader, "_convert", no_conversion)
    with pytest.raises(UnreadableDocumentError, match="R-LEGACY-DAMAGED") as info:
        legacy_reader.read(WORD_DOC[:cut], source="cut.doc")
    assert "cut.doc" in str(info.value)
    assert legacy_reader.damage(WORD_DOC) is None


def test_not_ole2_is_refused() -> None:
    with pytest.raises(DocumentError):
        legacy_reader.read(b"plain text", source="x.doc")


@pytest.mark.skipif(
    not (shutil.which("soffice") or shutil.which("libreoffice")),
    reason="LibreOffice is not installed (CI has only PyPI packages)",
)
def test_real_libreoffice_round_trip(tmp_path: Path) -> None:  # pragma: no cover - needs soffice
    import subprocess

    converter = legacy_reader.find_converter()
    assert converter is not None
    source = tmp_path / "in.docx"
    rows = [["规章", "3"], ["行政规范性文件", "5"]]
    # Word ends a body with a paragraph; LibreOffice drops a table that ends it
    source.write_bytes(make_docx(p("一、总体情况") + simple_table(rows) + p("二")))
    subprocess.run(
        [
            converter,
            "--headless",
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--convert-to",
            "doc",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    doc = legacy_reader.read((tmp_path / "in.doc").read_bytes(), source="in.doc")
    assert doc.format == "legacy"
    (table,) = doc.tables()
    assert [[c.text for c in row] for row in table.rows] == rows
