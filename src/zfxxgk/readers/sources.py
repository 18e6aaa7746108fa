"""Where a report comes from: a file, standard input, a folder, a zip of reports, a web address.

Every entry point — :func:`zfxxgk.read`, :func:`zfxxgk.load`, :func:`zfxxgk.batch.read_many`
and every command of the ``zfxxgk`` command line — takes its input through this module:

- a file's name (its format is judged from its content, see :func:`.detect_format`);
- ``-``: standard input (:data:`~zfxxgk.limits.STDIN`);
- a folder, searched recursively for files with a report suffix (:data:`REPORT_SUFFIXES`),
  and a glob pattern — by the commands that take many reports (:func:`find_sources`);
- a zip of reports (``.zip``, told from a DOCX by its content: no ``word/document.xml`` and no
  ``[Content_Types].xml``): its members are read in memory, never written to disk, within the
  limits of a DOCX (``readers._safe_zip.check_sizes``); a member is named
  ``archive.zip!folder/report.html`` (:data:`MEMBER_SEPARATOR`) in messages and output, and
  such a name reads that member again.  A member whose name leaves the archive (``../x``, an
  absolute path) makes the whole zip refused ``[R-ZIP-PATH]``;
- an ``http://`` or ``https://`` address (:mod:`._fetch`).

Nothing here parses a report: it only finds names and gets bytes, within
:mod:`zfxxgk.limits`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Final, TypeAlias

from ..errors import DocumentError, UnreadableDocumentError, UnsupportedFormatError
from ..limits import MAX_BYTES, STDIN, read_limited, read_source

if TYPE_CHECKING:  # zipfile, glob and pathlib are imported when a zip or a folder is read
    import zipfile
    from pathlib import Path

__all__ = [
    "IMAGE_SUFFIXES",
    "MEMBER_SEPARATOR",
    "NOT_REPORT_NAMES",
    "REPORT_SUFFIXES",
    "find_files",
    "find_sources",
    "is_report_zip",
    "is_url",
    "load_source",
    "split_member",
    "unpack_single",
    "zip_members",
]

REPORT_SUFFIXES: Final[frozenset[str]] = frozenset(
    {
        ".html",
        ".htm",
        ".xhtml",
        ".shtml",
        ".txt",
        ".text",
        ".md",
        ".markdown",
        ".docx",
        ".pdf",
        ".doc",
        ".wps",
    }
)
"""File suffixes taken when a folder (or a zip of reports) is searched for reports."""

IMAGE_SUFFIXES: Final[frozenset[str]] = frozenset({".png", ".jpg", ".jpeg", ".tif", ".tiff"})
"""Image suffixes a folder search also takes when the OCR engine (``zfxxgk[ocr]``) is
installed: scanned pages.  An image that is no report (a logo, a photo) is then refused on
its own (E104), the rest of the batch read."""

NOT_REPORT_NAMES: Final[frozenset[str]] = frozenset(
    {"readme", "changelog", "changes", "license", "licence", "copying", "authors", "notice"}
)
"""File names (without suffix, any case) that a folder search passes over: a project's own
notes (``README.md``, ``CHANGELOG.txt`` …) are never reports.  Named explicitly, such a file
is still read."""

MEMBER_SEPARATOR: Final = "!"
"""Between a zip's name and a member's path: ``reports.zip!2024/report.html``."""

_SCHEMES: Final = ("http://", "https://")

_OFFICE_PARTS: Final = frozenset({"word/document.xml", "[Content_Types].xml", "mimetype"})
"""A zip holding one of these is an Office or OpenDocument file, not a zip of reports."""

ZIP_MAGIC: Final = b"PK\x03\x04"
"""How a zip (and so a DOCX) starts."""


def _zip_errors() -> tuple[type[BaseException], ...]:
    """What reading a damaged zip may raise."""
    import zipfile
    import zlib

    return (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        zlib.error,
        NotImplementedError,
        OSError,
        ValueError,
        EOFError,
        RuntimeError,
    )


def is_url(name: object) -> bool:
    """Whether *name* is an ``http://`` or ``https://`` address."""
    return isinstance(name, str) and name[:8].lower().startswith(_SCHEMES)


# --------------------------------------------------------------------------------------
# zips of reports
# --------------------------------------------------------------------------------------


def is_report_zip(data: bytes) -> bool:
    """Whether *data* is a zip that is not an Office document: a zip of reports."""
    if not data.startswith(ZIP_MAGIC):
        return False
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
    except _zip_errors():
        return False  # damaged: the DOCX reader says so
    return not names & _OFFICE_PARTS


def _member_name(info: zipfile.ZipInfo) -> str:
    """A member's name as its maker wrote it: zips made on Chinese Windows store names in
    GBK without saying so, which :mod:`zipfile` decodes as code page 437."""
    if info.flag_bits & 0x800:
        return info.filename
    try:
        raw = info.filename.encode("cp437")
    except UnicodeEncodeError:
        return info.filename
    for codec in ("utf-8", "gb18030"):
        try:
            return raw.decode(codec)
        except UnicodeDecodeError:
            continue
    return info.filename  # pragma: no cover - gb18030 decodes almost anything


_DRIVE = re.compile(r"^[A-Za-z]:")


def _escapes(name: str) -> bool:
    """Whether a member's path leaves the archive: absolute, a drive, or ``..``."""
    path = name.replace("\\", "/")
    return path.startswith("/") or bool(_DRIVE.match(path)) or ".." in path.split("/")


def _is_report_name(name: str) -> bool:
    parts = name.replace("\\", "/").split("/")
    if any(p.startswith(".") or p == "__MACOSX" for p in parts):
        return False
    stem, suffix = os.path.splitext(parts[-1])
    return suffix.lower() in REPORT_SUFFIXES and stem.lower() not in NOT_REPORT_NAMES


def _open_zip(
    data: bytes, source: str | None
) -> tuple[zipfile.ZipFile, dict[str, zipfile.ZipInfo]]:
    """The zip of reports *data*, checked, and its files by name; the caller closes it."""
    import io
    import zipfile

    from ._safe_zip import check_sizes

    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except _zip_errors():
        raise UnreadableDocumentError(
            "ZIP 压缩包已损坏或不完整 [R-ZIP-DAMAGED]", path=source
        ) from None
    try:
        check_sizes(infos, source=source, kind="ZIP")
        files: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            name = _member_name(info)
            if _escapes(name) or "\x00" in name:
                raise UnreadableDocumentError(
                    f"ZIP 压缩包中的文件名“{name}”指向压缩包之外，拒绝读取 [R-ZIP-PATH]",
                    path=source,
                )
            # a folder entry, or a member with no name (zipfile's own is_dir() fails on it)
            if name and not info.filename.endswith("/"):
                files[name.replace("\\", "/")] = info
    except BaseException:
        zf.close()
        raise
    return zf, files


def zip_members(data: bytes, source: str | None) -> list[str]:
    """The reports in the zip *data*, by their paths in it, in order: members with a report
    suffix, not hidden, not in ``__MACOSX``, not named like a project note (as in a folder).

    Raises :class:`~zfxxgk.errors.UnreadableDocumentError` for a damaged zip, a zip bomb
    (``[R-ZIP-BOMB]``) or a member path that leaves the archive (``[R-ZIP-PATH]``)."""
    zf, files = _open_zip(data, source)
    with zf:
        return sorted(name for name in files if _is_report_name(name))


def _read_member(
    zf: zipfile.ZipFile, files: dict[str, zipfile.ZipInfo], member: str, source: str
) -> bytes:
    """The bytes of *member* of the checked zip *zf* (named *source* in messages), read in
    memory within :data:`MAX_BYTES`."""
    info = files.get(member.replace("\\", "/"))
    if info is None:
        raise DocumentError("压缩包中没有这个文件", path=source)
    if info.flag_bits & 0x1:
        raise UnreadableDocumentError(
            "压缩包中的这个文件有密码，无法读取 [R-ZIP-ENCRYPTED]", path=source
        )
    if info.file_size > MAX_BYTES:
        raise UnreadableDocumentError(
            f"文件过大（上限 {MAX_BYTES // (1024 * 1024)} MB）[R-TOO-LARGE]", path=source
        )
    try:
        with zf.open(info) as handle:
            raw = read_limited(handle, MAX_BYTES, source=source)
    except _zip_errors():
        raise UnreadableDocumentError(
            "ZIP 压缩包已损坏，无法解压这个文件 [R-ZIP-DAMAGED]", path=source
        ) from None
    if len(raw) != info.file_size:
        raise UnreadableDocumentError(
            "ZIP 压缩包已损坏，这个文件的长度不符 [R-ZIP-DAMAGED]", path=source
        )
    return raw


_Archive: TypeAlias = "tuple[zipfile.ZipFile, dict[str, zipfile.ZipInfo]]"
_OPENED: dict[tuple[str, int, int], _Archive] = {}
"""The last zip of reports a member was read from, checked and open (its members are read
one after another: the zip is read and checked once, not once a member)."""


def _archive(path: str) -> _Archive:
    """The zip of reports at *path*, read and checked (the last one is kept open)."""
    try:
        facts = os.stat(path)
        key = (os.path.realpath(path), facts.st_mtime_ns, facts.st_size)
    except OSError:
        key = None
    if key is not None and key in _OPENED:
        return _OPENED[key]
    opened = _open_zip(read_source(path), path)
    for zf, _ in _OPENED.values():
        zf.close()
    _OPENED.clear()
    if key is not None:
        _OPENED[key] = opened
    return opened


def unpack_single(data: bytes, name: str | None) -> tuple[bytes, str | None]:
    """*data* itself, or — for a zip of reports — its one report and that member's name.

    A zip of several reports is refused with a message saying how to read them all
    (``[R-ZIP-MANY]``), one of none ``[R-ZIP-EMPTY]``; a zip inside a zip is not opened."""
    if not is_report_zip(data):
        return data, name
    if name is not None and split_member(name) is not None:
        raise UnsupportedFormatError(
            "压缩包中的压缩包不予读取，请先解压外层 [R-ZIP-NESTED]", path=name
        )
    where = name or "ZIP"
    members = zip_members(data, name)
    if not members:
        raise UnsupportedFormatError(
            "这是一个 ZIP 压缩包，但其中没有报告文件（HTML、文本、Markdown、DOCX、PDF 等）"
            " [R-ZIP-EMPTY]",
            path=name,
        )
    if len(members) > 1:
        raise DocumentError(
            f"这个 ZIP 压缩包中有 {len(members)} 份报告；逐份读取请用 zfxxgk.batch.read_many"
            f"（命令行直接给出压缩包即可），或指定其中一份，如“{where}{MEMBER_SEPARATOR}"
            f"{members[0]}” [R-ZIP-MANY]",
            path=name,
        )
    member_name = f"{where}{MEMBER_SEPARATOR}{members[0]}"
    zf, files = _open_zip(data, name)
    with zf:
        member = _read_member(zf, files, members[0], member_name)
    if is_report_zip(member):
        raise UnsupportedFormatError(
            "压缩包中的压缩包不予读取，请先解压外层 [R-ZIP-NESTED]", path=member_name
        )
    return member, member_name


def split_member(name: str) -> tuple[str, str] | None:
    """``("a.zip", "dir/r.html")`` for ``"a.zip!dir/r.html"`` when ``a.zip`` is a file (and
    the whole name is not), else None."""
    if MEMBER_SEPARATOR not in name or is_url(name) or os.path.exists(name):
        return None
    start = 0
    while (index := name.find(MEMBER_SEPARATOR, start)) > 0:
        if os.path.isfile(name[:index]):
            return name[:index], name[index + 1 :]
        start = index + 1
    return None


# --------------------------------------------------------------------------------------
# bytes of one source
# --------------------------------------------------------------------------------------


def load_source(source: str | os.PathLike[str], limit: int = MAX_BYTES) -> bytes:
    """The bytes *source* names: a file, ``-`` (standard input), a web address, or a member
    of a zip of reports (``a.zip!r.html``), at most *limit* of them."""
    name = os.fspath(source)
    if is_url(name):
        from ._fetch import fetch  # urllib and http.client: only for an address

        return fetch(name, limit=limit)
    member = split_member(name) if name != STDIN else None
    if member is None:
        return read_source(name, limit)
    archive, path = member
    zf, files = _archive(archive)
    return _read_member(zf, files, path, name)


# --------------------------------------------------------------------------------------
# many sources: files, folders, globs, zips, addresses
# --------------------------------------------------------------------------------------


def _skipped_in_folder(path: Path, root: Path) -> bool:
    """Hidden files and folders (``.git``) and project notes are not searched for reports."""
    parts = path.relative_to(root).parts
    if any(part.startswith(".") for part in parts):
        return True
    return path.stem.lower() in NOT_REPORT_NAMES


def find_files(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path]:
    """Expand files, folders (searched recursively) and glob patterns into report files
    (:func:`zfxxgk.batch.find_reports`): files on disk only, each once, in a stable order.

    Files named explicitly are always taken.  In a folder, a file is taken when its suffix is
    one of :data:`REPORT_SUFFIXES` (or, with the OCR engine installed, of
    :data:`IMAGE_SUFFIXES`), unless it is hidden, lies in a hidden folder, or is named like a
    project note (:data:`NOT_REPORT_NAMES`).  A path that matches nothing is yielded as is,
    so that reading it reports the missing file.
    """
    return (path for path, _ in _found_files(paths))


def _found_files(paths: Iterable[str | os.PathLike[str]]) -> Iterator[tuple[Path, Path]]:
    """:func:`find_files`, each file with the resolved path it was told apart by."""
    import glob
    from pathlib import Path

    seen: set[Path] = set()
    suffixes = REPORT_SUFFIXES | IMAGE_SUFFIXES if _ocr_installed() else REPORT_SUFFIXES

    def emit(path: Path) -> Iterator[tuple[Path, Path]]:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            yield path, key

    for raw in paths:
        text = os.fspath(raw)
        path = Path(text)
        if path.is_dir():
            for found in sorted(path.rglob("*")):
                if (  # the name first: a file's kind costs a system call
                    found.suffix.lower() in suffixes
                    and found.is_file()
                    and not _skipped_in_folder(found, path)
                ):
                    yield from emit(found)
        elif path.exists():
            yield from emit(path)
        elif glob.has_magic(text):
            for match in sorted(glob.glob(text, recursive=True)):
                match_path = Path(match)
                if match_path.is_file():
                    yield from emit(match_path)
        else:
            yield from emit(path)


def _ocr_installed() -> bool:
    """Whether the OCR engine of ``zfxxgk[ocr]`` is installed (looked up, not imported)."""
    import importlib.util

    return importlib.util.find_spec("rapidocr_onnxruntime") is not None


def _zip_file_members(path: str) -> list[str] | None:
    """The member names (``a.zip!r.html``) of the file *path* when it is a zip of reports."""
    try:
        with open(path, "rb", buffering=0) as handle:  # four bytes: no buffer
            if handle.read(len(ZIP_MAGIC)) != ZIP_MAGIC:
                return None
    except OSError:
        return None  # reading it says why
    import zipfile

    try:  # the table of contents only: a DOCX is not read twice
        with zipfile.ZipFile(path) as zf:
            if set(zf.namelist()) & _OFFICE_PARTS:
                return None
        members = zip_members(read_source(path), path)
    except _zip_errors():  # DocumentError is a ValueError, among them
        return None  # reading the file as a report says why
    return [f"{path}{MEMBER_SEPARATOR}{m}" for m in members] or None


def find_sources(paths: Iterable[str | os.PathLike[str]]) -> Iterator[str]:
    """Every report under *paths*, as names :func:`load_source` reads: the files of
    :func:`find_files`, each zip of reports among them replaced by its members
    (``a.zip!r.html``), and ``-`` and web addresses as they are.  Each name once, in order.
    """
    seen: set[str] = set()
    for raw in paths:
        text = os.fspath(raw)
        if text == STDIN or is_url(text) or split_member(text) is not None:
            found: Iterable[tuple[str, str | None]] = ((text, None),)
        else:  # a file found on disk comes with its resolved path
            found = ((os.fspath(p), os.fspath(k)) for p, k in _found_files([text]))
        for name, resolved in found:
            members = _zip_file_members(name)
            for one in members or [name]:
                if one == STDIN or is_url(one):
                    key = one
                elif members is None and resolved is not None:
                    key = resolved
                else:
                    key = os.path.realpath(one)
                if key not in seen:
                    seen.add(key)
                    yield one
