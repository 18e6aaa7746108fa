"""One set of limits for every reader, and reading a file within them.

Every limit is far above any real report and is checked on what is actually there — the
bytes actually read, the parts actually declared — before the work it bounds, never after.
The reader modules and the JSON loader import their limits from here (under the same names,
so a test can still patch one module's copy); ``docs/robustness.md`` lists them all.  It sits
at the bottom of the package, below the readers and the JSON loader, so that both can use it
(it was ``zfxxgk.readers.limits``, which still imports).

:func:`read_source` is the only way a reader gets the bytes of a file: it reads at most
:data:`MAX_BYTES` + 1 bytes from whatever the name opens (never trusting the size on disk, so
``/dev/zero`` is refused at once), refuses anything that is not a regular file — a named
pipe, a device, a socket — unless the name is ``-`` (standard input), and gives up on
standard input that has not ended after :data:`READ_TIMEOUT` seconds.
"""

from __future__ import annotations

import os
import stat
import sys
import time
from typing import IO, Any, Final

from .cells import MAX_DIGITS
from .errors import DocumentError, UnreadableDocumentError

__all__ = [
    "CONVERT_TIMEOUT",
    "FETCH_TIMEOUT",
    "MAX_BYTES",
    "MAX_CHARS_PER_PAGE",
    "MAX_CONVERTED",
    "MAX_JSON_BYTES",
    "MAX_MEMBERS",
    "MAX_NUMBER_DIGITS",
    "MAX_PAGES",
    "MAX_PARTS",
    "MAX_RATIO",
    "MAX_REDIRECTS",
    "MAX_STREAM",
    "MAX_TEXT_BYTES",
    "MAX_UNCOMPRESSED",
    "MAX_XML_PART",
    "READ_TIMEOUT",
    "STDIN",
    "read_limited",
    "read_source",
    "too_large",
    "too_many_parts",
]

MB: Final = 1024 * 1024

# -- any file ------------------------------------------------------------------------------
MAX_BYTES: Final = 64 * MB
"""No file (any format, JSON included) may hold more bytes than this."""
MAX_JSON_BYTES: Final = MAX_BYTES
"""A zfxxgk JSON document obeys the same limit as the files the readers read."""
READ_TIMEOUT: Final = 60.0
"""Seconds standard input may take to end (a pipe whose writer never finishes)."""
STDIN: Final = "-"
"""The name that reads standard input (the only non-regular file that is read)."""

# -- web addresses (http://, https://) ---------------------------------------------------
FETCH_TIMEOUT: Final = 30.0
"""Seconds a web address may take to answer and to send its whole body (checked on every
read of the connection and on the download as a whole); the body obeys :data:`MAX_BYTES`."""
MAX_REDIRECTS: Final = 5
"""Redirects followed for one web address; a redirect loop stops at the first repeat."""

# -- HTML, text, Markdown ------------------------------------------------------------------
MAX_TEXT_BYTES: Final = 16 * MB
"""HTML, text and Markdown files larger than this are refused: a report's page is well under
1 MB, and reading 50 MB of markup takes seconds and a gigabyte of memory."""
MAX_PARTS: Final = 50_000
"""Paragraphs and table cells one document may hold (the largest report of the corpus has
some 600; a long one a few thousand): keeps the time and memory a document takes bounded,
whatever its bytes pack.  A DOCX counts every ``w:p`` (in a cell too: docx2python builds each)
and every grid position of its tables, in all its XML parts, before docx2python builds
anything — docx2python takes about a second for 5,000 of them."""

# -- DOCX (a zip of XML parts) ----------------------------------------------------------------
MAX_MEMBERS: Final = 2000
"""More zip members than this is not a report (a real one has a few dozen)."""
MAX_UNCOMPRESSED: Final = 256 * MB
"""Total uncompressed size of all members, images included."""
MAX_XML_PART: Final = 16 * MB
"""Uncompressed size of any one XML part (a long report's document.xml is about 1 MiB;
docx2python reads some 0.5 MiB of XML a second, so this bounds the time too)."""
MAX_RATIO: Final = 200
"""Compression ratio above which a member over 1 MB is taken for a zip bomb."""

# -- PDF -----------------------------------------------------------------------------------------
MAX_PAGES: Final = 200
"""PDFs with more pages than this are refused (a report has a handful)."""
MAX_CHARS_PER_PAGE: Final = 100_000
"""Characters one PDF page may show; counted while the page is interpreted, before any
layout is built."""
MAX_STREAM: Final = 32 * MB
"""A page's content, form, font or ToUnicode stream inflating to more than this is a bomb."""

# -- .doc and .wps (converted by LibreOffice) ---------------------------------------------------
CONVERT_TIMEOUT: Final = 120.0
"""Seconds LibreOffice may take to convert one file (its process group is then killed)."""
MAX_CONVERTED: Final = MAX_BYTES
"""The DOCX LibreOffice makes of a ``.doc`` obeys the same limit as any file."""

# -- numbers ---------------------------------------------------------------------------------
MAX_NUMBER_DIGITS: Final = MAX_DIGITS
"""The most digits a number of a cell loaded from JSON may have, its whole and fractional
part together: the cell parser's bound (``zfxxgk.cells.MAX_DIGITS``, issue 15), so that JSON
cannot hold a number no report could be read as."""


def too_large(size: int, source: str | None) -> UnreadableDocumentError:
    """The error for a text or markup file over :data:`MAX_TEXT_BYTES`."""
    return UnreadableDocumentError(
        f"文件过大（{size / MB:.1f} MB，网页和文本文件上限为 "
        f"{MAX_TEXT_BYTES // MB} MB），不像一份年度报告 [R-TOO-LARGE]",
        path=source,
    )


def too_many_parts(source: str | None) -> UnreadableDocumentError:
    """The error for a document with more than :data:`MAX_PARTS` paragraphs and cells."""
    return UnreadableDocumentError(
        f"文件中的段落和表格单元格超过 {MAX_PARTS} 个，不像一份年度报告 [R-TOO-LARGE]",
        path=source,
    )


def _over_limit(limit: int, source: str | None) -> UnreadableDocumentError:
    return UnreadableDocumentError(
        f"文件过大（超过 {limit // MB} MB 的上限），拒绝读取 [R-TOO-LARGE]", path=source
    )


def read_limited(stream: IO[bytes], limit: int = MAX_BYTES, *, source: str | None = None) -> bytes:
    """At most *limit* bytes from the binary file object *stream*; more is an error.

    Reads *limit* + 1 bytes at most, whatever the stream claims about its size.
    """
    chunks: list[bytes] = []
    size = 0
    while size <= limit:
        chunk = stream.read(min(1 * MB, limit + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    if size > limit:
        raise _over_limit(limit, source)
    return b"".join(chunks)


class _Descriptor:
    """``read(n)`` on a file descriptor, waiting no later than *deadline* (a
    :func:`time.monotonic` value) when given and the platform can wait on it."""

    def __init__(self, fd: int, source: str | None, deadline: float | None) -> None:
        self.fd, self.source, self.deadline = fd, source, deadline

    def read(self, size: int) -> bytes:
        if self.deadline is not None and os.name == "posix":
            import select

            remaining = self.deadline - time.monotonic()
            if remaining <= 0 or not select.select([self.fd], [], [], remaining)[0]:
                raise UnreadableDocumentError(
                    f"标准输入在 {READ_TIMEOUT:.0f} 秒内没有结束，放弃读取 [R-TIMEOUT]",
                    path=self.source,
                )
        return os.read(self.fd, size)


def _read_fd(fd: int, limit: int, source: str | None, deadline: float | None) -> bytes:
    """At most *limit* bytes from the file descriptor *fd* (until its end), by *deadline*."""
    reader: Any = _Descriptor(fd, source, deadline)
    return read_limited(reader, limit, source=source)


def _read_stdin(limit: int) -> bytes:
    stdin = sys.stdin
    buffer = getattr(stdin, "buffer", None)
    try:
        fd = stdin.fileno()
    except (AttributeError, OSError, ValueError):  # replaced by a test or a notebook
        if buffer is None:
            raise DocumentError("标准输入不可读", path=STDIN) from None
        return read_limited(buffer, limit, source=STDIN)
    try:
        return _read_fd(fd, limit, STDIN, time.monotonic() + READ_TIMEOUT)
    except OSError as exc:  # standard input is a folder, or was closed
        raise DocumentError(f"无法读取标准输入（{exc.strerror or exc}）", path=STDIN) from None


_FOLDER: Final = (
    "这是一个文件夹，不是报告文件；读取文件夹中的所有报告请用 zfxxgk.batch.read_many(...)，"
    "或在命令行中直接给出文件夹（如 zfxxgk check 文件夹）"
)
"""What reading a folder as one report says: where to go instead."""


def read_source(source: str | os.PathLike[str], limit: int = MAX_BYTES) -> bytes:
    """The bytes of the file *source* names (``-``: standard input), at most *limit*.

    Raises :class:`~zfxxgk.errors.DocumentError` (the file does not exist, is a folder, a
    named pipe, a device …) or :class:`~zfxxgk.errors.UnreadableDocumentError` (too large,
    ``[R-TOO-LARGE]``; standard input that does not end, ``[R-TIMEOUT]``).
    """
    name = os.fspath(source)
    if name == STDIN:
        return _read_stdin(limit)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        # O_NONBLOCK: opening a named pipe must not wait for a writer; fstat then says what
        # was opened (no gap between a check and the open for the file to be swapped in)
        fd = os.open(name, flags)
    except FileNotFoundError:
        raise DocumentError("文件不存在", path=name) from None
    except IsADirectoryError:
        raise DocumentError(_FOLDER, path=name) from None
    except OSError as exc:
        raise DocumentError(f"无法打开文件（{exc.strerror or exc}）", path=name) from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise DocumentError(_FOLDER, path=name)
        if not stat.S_ISREG(mode):
            raise DocumentError(
                "不是普通文件（命名管道、设备或套接字），拒绝读取；"
                f"要读取标准输入请用“{STDIN}” [R-NOT-FILE]",
                path=name,
            )
        size = os.fstat(fd).st_size
        if size > limit:  # a regular file's size: refused without reading it
            raise UnreadableDocumentError(
                f"文件过大（{size // MB} MB，上限 {limit // MB} MB）[R-TOO-LARGE]", path=name
            )
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        try:
            return _read_fd(fd, limit, name, None)
        except OSError as exc:
            raise DocumentError(f"无法读取文件（{exc.strerror or exc}）", path=name) from None
    finally:
        os.close(fd)
