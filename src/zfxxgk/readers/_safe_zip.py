"""Checks on an Office Open XML zip before any parser touches it.

A DOCX is a zip of XML parts.  Before docx2python (and lxml) read it, this module makes
sure that the zip is well formed, is not a zip bomb (too many members, too much
uncompressed data, an absurd compression ratio), really is a Word document, and that none
of its XML parts declares a DOCTYPE (entities are never resolved, never fetched).
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from typing import Final

from ..errors import UnreadableDocumentError, UnsupportedFormatError

__all__ = [
    "MAX_MEMBERS",
    "MAX_RATIO",
    "MAX_UNCOMPRESSED",
    "ZIP_MAGIC",
    "open_checked",
]

ZIP_MAGIC: Final = b"PK\x03\x04"
MAX_MEMBERS: Final = 2000
"""More members than this is not a report (a real one has a few dozen)."""
MAX_UNCOMPRESSED: Final = 256 * 1024 * 1024
"""Total uncompressed size of all members, images included."""
MAX_XML_PART: Final = 16 * 1024 * 1024
"""Uncompressed size of any one XML part (a long report's document.xml is about 1 MiB;
docx2python reads some 0.5 MiB of XML a second, so this bounds the time too)."""
MAX_RATIO: Final = 200
"""Compression ratio above which a large member is taken for a zip bomb."""

_DOCTYPE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)
_XML_SUFFIXES = (".xml", ".rels")


def _xml_head_text(raw: bytes) -> bytes:
    """The part as bytes in which an ASCII search for ``<!DOCTYPE`` is meaningful."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16").encode("utf-8", "replace")
        except UnicodeDecodeError:
            return raw
    return raw


def open_checked(
    data: bytes, *, source: str | None, required: str = "word/document.xml"
) -> zipfile.ZipFile:
    """Open *data* as a zip, refusing anything hostile; the caller closes the result.

    Raises :class:`UnreadableDocumentError` (damaged, bomb, DOCTYPE) or
    :class:`UnsupportedFormatError` (a zip, but not a Word document).
    """
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        NotImplementedError,
        OSError,
        ValueError,
        EOFError,
    ):
        raise UnreadableDocumentError(
            "DOCX 文件已损坏或不完整（ZIP 结构无效）[R-DOCX-ZIP]", path=source
        ) from None
    try:
        _check_members(zf, infos, source=source, required=required)
    except BaseException:
        zf.close()
        raise
    return zf


def _check_members(
    zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo], *, source: str | None, required: str
) -> None:
    if len(infos) > MAX_MEMBERS:
        raise UnreadableDocumentError(
            f"DOCX 压缩包内文件过多（{len(infos)} 个，上限 {MAX_MEMBERS}），"
            "疑为恶意文件 [R-DOCX-BOMB]",
            path=source,
        )
    total = 0
    names = set()
    for info in infos:
        total += info.file_size
        names.add(info.filename)
        ratio = info.file_size / max(info.compress_size, 1)
        if total > MAX_UNCOMPRESSED or (info.file_size > 1024 * 1024 and ratio > MAX_RATIO):
            raise UnreadableDocumentError(
                "DOCX 压缩包解压后过大，疑为压缩炸弹，拒绝读取 [R-DOCX-BOMB]", path=source
            )
        if info.filename.lower().endswith(_XML_SUFFIXES) and info.file_size > MAX_XML_PART:
            raise UnreadableDocumentError(
                f"DOCX 内部文件 {info.filename} 过大，拒绝读取 [R-DOCX-BOMB]", path=source
            )
    if required not in names:
        raise UnsupportedFormatError(
            f"这是一个 ZIP 压缩包，但不是 Word 文档（缺少 {required}）[R-DOCX-NOTWORD]",
            path=source,
        )
    for info in infos:
        if not info.filename.lower().endswith(_XML_SUFFIXES):
            continue
        try:
            raw = zf.read(info)
        except (
            zipfile.BadZipFile,
            zlib.error,
            OSError,
            ValueError,
            EOFError,
            NotImplementedError,
            RuntimeError,
        ):
            raise UnreadableDocumentError(
                f"DOCX 文件已损坏，无法解压 {info.filename} [R-DOCX-ZIP]", path=source
            ) from None
        if len(raw) != info.file_size:
            raise UnreadableDocumentError(
                f"DOCX 文件已损坏，{info.filename} 长度不符 [R-DOCX-ZIP]", path=source
            )
        if _DOCTYPE.search(_xml_head_text(raw)):
            raise UnreadableDocumentError(
                f"DOCX 内部文件 {info.filename} 含有 DOCTYPE/实体声明，"
                "出于安全原因拒绝读取 [R-DOCX-DOCTYPE]",
                path=source,
            )
