"""Issue 15, findings 2, 5, 8 and 9: one set of limits, on the bytes actually read and on the
parts a file declares, checked before the expensive work; an encrypted ``.doc`` says so.

The hostile inputs come from ``scripts/measure_attacks.py`` (the script that measures them
for ``docs/robustness.md``) and ``tests/fixtures_office``; none is a corpus file.
"""

from __future__ import annotations

import io
import os
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

from tests.attack_inputs import attacks
from tests.fixtures_office.docx_build import make_docx
from tests.fixtures_office.ole2_word import F_ENCRYPTED, F_OBFUSCATED, make_word_ole2
from zfxxgk import limits
from zfxxgk.errors import DocumentError, UnreadableDocumentError
from zfxxgk.readers import legacy, read
from zfxxgk.readers import pdf as pdf_reader

# -- the bytes actually read (finding 5) ------------------------------------------------------


def test_a_regular_file_reads_within_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"x" * 1000)
    assert limits.read_source(path, 1000) == b"x" * 1000
    with pytest.raises(UnreadableDocumentError, match=r"R-TOO-LARGE"):
        limits.read_source(path, 999)


class _Endless(io.RawIOBase):
    """A stream that never ends and claims nothing about its size."""

    def __init__(self) -> None:
        self.given = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer)
        view[:] = b"\0" * len(view)
        self.given += len(view)
        return len(view)


def test_any_file_object_is_read_to_the_limit_plus_one_byte() -> None:
    stream = _Endless()
    with pytest.raises(UnreadableDocumentError, match=r"R-TOO-LARGE"):
        limits.read_limited(stream, 10_000)  # type: ignore[arg-type]
    assert stream.given == 10_001


def test_zfxxgk_read_takes_a_binary_file_object(monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.test_bad_input import PAGE

    with io.BytesIO(PAGE.encode()) as stream:
        assert read(stream).report == read(PAGE.encode()).report
    monkeypatch.setattr("zfxxgk.readers.MAX_BYTES", 10_000)
    stream = _Endless()
    with pytest.raises(UnreadableDocumentError, match=r"R-TOO-LARGE"):
        read(stream)  # type: ignore[arg-type]
    assert stream.given == 10_001


def test_dev_zero_is_refused_at_once(hang_guard: None) -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero on this platform")
    with pytest.raises(DocumentError, match=r"R-NOT-FILE") as info:
        read("/dev/zero")  # refused before a byte is read (reading it would never end)
    assert info.value.path == "/dev/zero"


def _in_thread(function: Any, *args: Any) -> list[BaseException | object]:
    """Run *function* in a thread; the outcome, or an empty list when it has not returned
    within ten seconds."""
    outcome: list[BaseException | object] = []

    def run() -> None:
        try:
            outcome.append(function(*args))
        except BaseException as exc:  # the outcome is checked by the caller
            outcome.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(10)
    return outcome


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_is_refused_without_waiting(tmp_path: Path) -> None:
    fifo = tmp_path / "report.html"
    os.mkfifo(fifo)
    outcome = _in_thread(read, fifo)
    if not outcome:  # let the hung reader go before failing
        with open(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK), "wb"):
            pass
    assert outcome, "reading a named pipe hangs"
    assert isinstance(outcome[0], DocumentError) and "R-NOT-FILE" in str(outcome[0])


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="文件夹"):
        read(tmp_path)


class _Stdin:
    def __init__(self, stream: Any) -> None:
        self.buffer = stream
        self._stream = stream

    def fileno(self) -> int:
        return int(self._stream.fileno())


def test_standard_input_is_read_when_named_dash(monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.test_bad_input import PAGE

    read_end, write_end = os.pipe()
    with os.fdopen(write_end, "wb") as writer:
        writer.write(PAGE.encode())
    with os.fdopen(read_end, "rb") as reader:
        monkeypatch.setattr(sys, "stdin", _Stdin(reader))
        result = read("-")
    assert result.source == "-" and result.report.info.template is not None


def test_standard_input_without_a_file_number(monkeypatch: pytest.MonkeyPatch) -> None:
    class NoFileno:
        buffer = io.BytesIO(b"x" * 100)

        def fileno(self) -> int:
            raise io.UnsupportedOperation

    monkeypatch.setattr(sys, "stdin", NoFileno())
    with pytest.raises(UnreadableDocumentError, match=r"R-TOO-LARGE"):
        limits.read_source("-", 99)


def test_dev_zero_as_standard_input_stops_at_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero on this platform")
    with open("/dev/zero", "rb") as zero:
        monkeypatch.setattr(sys, "stdin", _Stdin(zero))
        with pytest.raises(UnreadableDocumentError, match=r"R-TOO-LARGE"):
            limits.read_source("-", 1_000_000)


@pytest.mark.skipif(os.name != "posix", reason="the timeout waits with select()")
def test_standard_input_that_never_ends_times_out(
    monkeypatch: pytest.MonkeyPatch, hang_guard: None
) -> None:
    monkeypatch.setattr(limits, "READ_TIMEOUT", 0.3)
    read_end, write_end = os.pipe()
    try:
        os.write(write_end, b"<html>")  # and then nothing, never closed
        with os.fdopen(read_end, "rb") as reader:
            monkeypatch.setattr(sys, "stdin", _Stdin(reader))
            with pytest.raises(UnreadableDocumentError, match=r"R-TIMEOUT"):
                limits.read_source("-")  # without the timeout: hung, failed by hang_guard
    finally:
        os.close(write_end)


# -- parts before the expensive work (findings 2 and 9) ----------------------------------------


def _no_docx2python(monkeypatch: pytest.MonkeyPatch) -> None:
    import docx2python

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("docx2python was reached")

    monkeypatch.setattr(docx2python, "docx2python", refuse)


def test_a_docx_of_300000_cells_is_refused_before_docx2python(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, hang_guard: None
) -> None:
    _no_docx2python(monkeypatch)
    path = tmp_path / "cells.docx"
    path.write_bytes(attacks.docx_cells(300_000))
    with pytest.raises(UnreadableDocumentError, match=r"R-TOO-LARGE") as info:
        read(path)  # docx2python never runs (it fails the test above); time: measure_attacks.py
    assert info.value.path == str(path)


def test_merged_cells_count_every_grid_position(monkeypatch: pytest.MonkeyPatch) -> None:
    """800 cells, each spanning 64 grid columns, are 51,200 positions: over the limit."""
    _no_docx2python(monkeypatch)
    cell = '<w:tc><w:tcPr><w:gridSpan w:val="64"/></w:tcPr><w:p/></w:tc>'
    body = "<w:tbl>" + ("<w:tr>" + cell * 8 + "</w:tr>") * 100 + "</w:tbl>"
    with pytest.raises(UnreadableDocumentError, match=r"R-TOO-LARGE"):
        read(make_docx(body), format="docx")


def test_a_docx_just_under_the_limit_is_counted_not_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from zfxxgk.readers import _safe_zip

    monkeypatch.setattr(_safe_zip, "MAX_PARTS", 40)
    cell = "<w:tc><w:p/></w:tc>"
    under = "<w:tbl>" + ("<w:tr>" + cell * 5 + "</w:tr>") * 4 + "</w:tbl>"  # 40 parts
    with pytest.raises(DocumentError) as info:
        read(make_docx(under), format="docx")
    assert "R-TOO-LARGE" not in str(info.value)  # read, and found not to be a report
    with pytest.raises(UnreadableDocumentError, match=r"R-TOO-LARGE"):
        read(make_docx(under + "<w:p/>"), format="docx")


def _no_layout(monkeypatch: pytest.MonkeyPatch) -> None:
    """pdfplumber's layout of a page fails the test (and so would read as R-PDF-DAMAGED)."""
    import pdfplumber.page

    def refuse(self: Any) -> Any:
        raise AssertionError("the page was laid out")

    monkeypatch.setattr(pdfplumber.page.Page, "objects", property(refuse))


@pytest.mark.parametrize("repeats", [0, 1000], ids=["one-string", "a-form-drawn-1000-times"])
def test_a_pdf_page_of_200000_characters_is_refused_before_layout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, repeats: int
) -> None:
    pytest.importorskip("pdfplumber")
    _no_layout(monkeypatch)
    path = tmp_path / "chars.pdf"
    path.write_bytes(attacks.pdf_page_chars(200_000, form_repeats=repeats))
    with pytest.raises(UnreadableDocumentError, match=r"R-PDF-PAGES") as info:
        read(path)
    assert info.value.path == str(path)


def test_a_pdf_page_under_the_limit_is_laid_out(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("pdfplumber")
    monkeypatch.setattr(pdf_reader, "MAX_CHARS_PER_PAGE", 1000)
    with pytest.raises(DocumentError) as info:
        read(attacks.pdf_page_chars(1000, form_repeats=10), format="pdf")
    assert "R-PDF-PAGES" not in str(info.value)
    with pytest.raises(UnreadableDocumentError, match=r"R-PDF-PAGES"):
        read(attacks.pdf_page_chars(1010, form_repeats=10), format="pdf")


# -- an encrypted .doc (finding 8) --------------------------------------------------------------


@pytest.mark.parametrize("mini", [False, True], ids=["stream", "mini-stream"])
@pytest.mark.parametrize("flags", [F_ENCRYPTED, F_ENCRYPTED | F_OBFUSCATED])
def test_a_password_protected_doc_is_refused_as_encrypted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, flags: int, mini: bool
) -> None:
    def no_converter() -> str | None:
        raise AssertionError("LibreOffice was looked for")

    monkeypatch.setattr(legacy, "find_converter", no_converter)
    path = tmp_path / "secret.doc"
    path.write_bytes(make_word_ole2(flags, mini=mini))
    with pytest.raises(UnreadableDocumentError, match=r"R-LEGACY-ENCRYPTED") as info:
        read(path)
    assert info.value.code == "E103" and info.value.path == str(path)
    assert "加密" in info.value.message


@pytest.mark.parametrize("mini", [False, True])
def test_a_doc_without_the_flag_is_not_called_encrypted(mini: bool) -> None:
    assert legacy.damage(make_word_ole2(0x0200, mini=mini)) is None
    assert not legacy.encrypted(make_word_ole2(0x0200, mini=mini))
    assert not legacy.encrypted(make_word_ole2(F_ENCRYPTED, mini=mini, ident=0x1234))


def test_encrypted_ooxml_in_ole2_is_found_by_its_stream_names() -> None:
    from tests.fixtures_office.ole2_build import make_ole2

    assert legacy.encrypted(make_ole2("EncryptionInfo", "EncryptedPackage"))
    assert legacy.encrypted(make_ole2("EncryptionInfo"))
    assert not legacy.encrypted(make_ole2("WordDocument"))


@pytest.mark.parametrize("data", [b"", legacy.OLE2_MAGIC, legacy.OLE2_MAGIC + b"\xff" * 600])
def test_encrypted_never_raises_on_junk(data: bytes) -> None:
    assert legacy.encrypted(data) is False


# -- one set of limits ----------------------------------------------------------------------------


def test_the_readers_take_their_limits_from_one_module() -> None:
    from zfxxgk import readers
    from zfxxgk.readers import _safe_zip, document

    assert readers.MAX_BYTES is limits.MAX_BYTES
    assert document.MAX_TEXT_BYTES == limits.MAX_TEXT_BYTES
    assert document.MAX_PARTS == limits.MAX_PARTS
    assert _safe_zip.MAX_MEMBERS == limits.MAX_MEMBERS
    assert pdf_reader.MAX_PAGES == limits.MAX_PAGES
    assert legacy.TIMEOUT == limits.CONVERT_TIMEOUT


def test_standard_input_that_is_a_folder_is_a_document_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fd = os.open(os.path.dirname(__file__), os.O_RDONLY)
    try:

        class Folder:
            buffer = None

            def fileno(self) -> int:
                return fd

        monkeypatch.setattr(sys, "stdin", Folder())
        with pytest.raises(DocumentError, match="标准输入"):
            limits.read_source("-")
    finally:
        os.close(fd)
