"""Reading published reports: file → neutral :class:`Document` → :class:`~zfxxgk.model.Report`.

Stage one is a reader per input format (each module in this package exposes
``sniff(data, name) -> bool`` and ``read(data, *, source) -> Document``); stage two is the
shared builder (:mod:`zfxxgk.readers.builder`).  The format is detected from the content,
not only from the file name.  Optional dependencies (pdfplumber) are imported only inside
their own reader module.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from typing import IO, Final, Protocol, TypeAlias

from ..errors import (
    EmptyDocumentError,
    JSONLoadError,
    JSONReportError,
    UnreadableDocumentError,
    UnsupportedFormatError,
)
from ..limits import MAX_BYTES, read_limited
from ..model import Report
from .document import Document
from .result import ParseResult, Provenance
from .sources import load_source, unpack_single

__all__ = [
    "FORMATS",
    "MAX_BYTES",
    "ParseResult",
    "Provenance",
    "detect_format",
    "load",
    "read",
    "read_document",
]


FORMATS: dict[str, str] = {
    # format name -> module, in the order formats are sniffed (binary formats first)
    "pdf": "zfxxgk.readers.pdf",
    "image": "zfxxgk.readers.scan",
    "docx": "zfxxgk.readers.docx",
    "legacy": "zfxxgk.readers.legacy",
    "html": "zfxxgk.readers.html",
    "markdown": "zfxxgk.readers.text",
    "text": "zfxxgk.readers.text",
}
"""Known input formats and the modules that read them."""

_MAYBE: Final[dict[str, Callable[[bytes], bool]]] = {
    "pdf": lambda data: b"%PDF-" in data[:1024],
    "image": lambda data: (
        data[:4] in (b"\x89PNG", b"II*\x00", b"MM\x00*") or data[:3] == b"\xff\xd8\xff"
    ),
    "docx": lambda data: data.startswith(b"PK\x03\x04"),
    "legacy": lambda data: data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"),
    "html": lambda data: b"<" in data[:4096],
}
"""For each binary or markup format, a test that its reader's ``sniff`` passes only if this
passes: a file that fails it is not of that format, and :func:`detect_format` does not
import that reader (and lxml, pdfminer …) to ask — checking one text report imports
neither lxml nor the PDF and DOCX readers."""


class _Reader(Protocol):
    def sniff(self, data: bytes, name: str | None) -> bool: ...

    def read(self, data: bytes, *, source: str | None) -> Document: ...


def _reader(fmt: str) -> _Reader:
    try:
        module_name = FORMATS[fmt]
    except KeyError:
        raise UnsupportedFormatError(f"不支持的格式“{fmt}”，可选：{'、'.join(FORMATS)}") from None
    module: _Reader = importlib.import_module(module_name)
    return module


Source: TypeAlias = "str | os.PathLike[str] | bytes | IO[bytes]"
"""What the readers read: a file's name (``"-"``: standard input; an ``http(s)://`` address;
``archive.zip!member``, a member of a zip of reports — :mod:`.sources`), its bytes, or a
binary file object (read to its end, no more than :data:`MAX_BYTES` + 1 bytes of it).  A zip
holding one report reads as that report."""


def _load_bytes(source: Source) -> tuple[bytes, str | None]:
    if isinstance(source, bytes):
        return source, None
    if isinstance(source, str | os.PathLike):
        return load_source(source, MAX_BYTES), os.fspath(source)
    name = getattr(source, "name", None)
    name = name if isinstance(name, str) else None
    return read_limited(source, MAX_BYTES, source=name), name


def _load(source: Source, name: str | None) -> tuple[bytes, str | None]:
    """The bytes of *source* and the name to give them (*name*, else the source's own; the
    member's name when a zip of one report was given)."""
    data, path_name = _load_bytes(source)
    return unpack_single(data, name or path_name)


def detect_format(data: bytes, name: str | None = None) -> str:
    """The input format of *data*, judged from its content (the name only breaks ties)."""
    if not data or data.isspace():  # as `not data.strip()`, without copying the bytes
        raise EmptyDocumentError(path=name)
    lowered = (name or "").lower()
    markdown = lowered.endswith((".md", ".markdown"))
    for fmt in ("pdf", "image", "docx", "legacy", "html"):
        if fmt == "html" and markdown:
            continue  # Markdown holds raw HTML (pandoc's tables): read as Markdown
        if not _MAYBE[fmt](data):
            continue
        try:
            reader = _reader(fmt)
        except ImportError:  # pragma: no cover - reader module not available
            continue
        if reader.sniff(data, name):
            return fmt
    text_reader = _reader("text")
    if not text_reader.sniff(data, name):
        raise UnsupportedFormatError(path=name)
    return "markdown" if markdown else "text"


def read_document(
    source: Source, *, format: str | None = None, name: str | None = None
) -> Document:
    """Stage one: read a file (a path, its bytes, or a binary file object) into a neutral
    :class:`Document`.

    A path is read within :data:`MAX_BYTES` (:func:`.limits.read_source`): a named pipe or a
    device is refused; ``"-"`` reads standard input.  A file object is read to its end, but
    never more than :data:`MAX_BYTES` + 1 bytes of it."""
    data, name = _load(source, name)
    if len(data) > MAX_BYTES:
        raise UnreadableDocumentError(
            f"文件过大（上限 {MAX_BYTES // (1024 * 1024)} MB）[R-TOO-LARGE]", path=name
        )
    fmt = format or detect_format(data, name)
    return _reader(fmt).read(data, source=name)


def read(source: Source, *, format: str | None = None, name: str | None = None) -> ParseResult:
    """Read a report into a :class:`ParseResult`: a published report (HTML, text, Markdown,
    DOCX, PDF), or the library's own JSON (:mod:`zfxxgk.json_report`, either key mode),
    recognised by its content.

    Raises a :class:`~zfxxgk.errors.DocumentError` subclass, naming the file, when the file
    cannot be read as a report — for JSON that is not a valid zfxxgk report a
    :class:`~zfxxgk.errors.JSONReportError`, which is also a
    :class:`~zfxxgk.errors.JSONLoadError` (E300).  Problems *in* the report are not errors: check
    the result's report with :func:`zfxxgk.check`.
    """
    from .builder import build

    data, name = _load(source, name)
    if format == "json" or (format is None and _is_json(data)):
        return _read_json(data, name)
    document = read_document(data, format=format, name=name)
    result = build(document)
    if document.ocr:
        from ._proofread import proofread

        result = proofread(result, document.ocr)
    return result


def _is_json(data: bytes) -> bool:
    """Whether *data* starts like a JSON object, in UTF-8, UTF-16 or UTF-32 (with or without a
    byte-order mark), the encodings :func:`json.loads` reads: the library's own JSON is told
    from a published report by its content, not by the file name."""
    head = data[:64]
    if b"{" not in head:  # "{" is the byte 7B in each of them: no JSON, and json not imported
        return False
    import json

    try:
        text = head.decode(json.detect_encoding(head), "ignore")
    except LookupError:  # pragma: no cover - detect_encoding names only UTF codecs
        return False
    return text.lstrip("\ufeff \t\r\n").startswith("{")


def _read_json(data: bytes, name: str | None) -> ParseResult:
    """A report the library wrote as JSON: read as it is, without diagnostics (its cells keep
    the kinds they were written with, unread and missing included)."""
    # imported here: the JSON converter costs a reader's start-up ~45 ms that only JSON needs
    from .. import json_report

    try:
        report = json_report.loads(data)
    except JSONLoadError as exc:
        where = f"{name}：" if name else ""
        raise JSONReportError(where + exc.message, problems=exc.problems, path=name) from None
    return ParseResult(report=report, source=name)


def load(source: Source, *, format: str | None = None) -> Report:
    """Read a report and return just the :class:`~zfxxgk.model.Report` (see :func:`read`)."""
    return read(source, format=format).report
