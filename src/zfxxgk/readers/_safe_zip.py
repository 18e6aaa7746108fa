"""Checks on an Office Open XML zip before any parser touches it.

A DOCX is a zip of XML parts.  Before docx2python (and lxml) read it, this module makes
sure that the zip is well formed, is not a zip bomb (too many members, too much
uncompressed data, an absurd compression ratio), really is a Word document, that none of its
XML parts declares a DOCTYPE (found by a parser that resolves no entity and fetches nothing,
:mod:`._secure_xml`, whatever the part's encoding) and that all of them together hold no more
than :data:`~.limits.MAX_PARTS` paragraphs and cells — counted streaming, before docx2python
builds anything.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from typing import Final

from lxml import etree

from ..errors import UnreadableDocumentError, UnsupportedFormatError
from ..limits import MAX_MEMBERS, MAX_PARTS, MAX_RATIO, MAX_UNCOMPRESSED, MAX_XML_PART
from ..limits import too_many_parts as _too_many_parts
from ._secure_xml import Doctype, scan

__all__ = [
    "MAX_MEMBERS",
    "MAX_RATIO",
    "MAX_UNCOMPRESSED",
    "ZIP_MAGIC",
    "check_sizes",
    "open_checked",
]

ZIP_MAGIC: Final = b"PK\x03\x04"
_XML_SUFFIXES = (".xml", ".rels")
_XML_START = re.compile(
    rb"(?:\xef\xbb\xbf|\xff\xfe|\xfe\xff|\xff\xfe\x00\x00|\x00\x00\xfe\xff)?"
    rb"(?:<|\x00<|<\x00|\x00\x00\x00<|<\x00\x00\x00|\x4c\x6f\xa7\x94)"
)
"""How an XML part may start (after a byte-order mark): ``<`` in UTF-8, UTF-16, UTF-32 or
EBCDIC.  Only used to pick which parts without an XML suffix to parse as well; the parser
decides what a part declares."""


def _is_xml(name: str, raw: bytes) -> bool:
    return name.lower().endswith(_XML_SUFFIXES) or _XML_START.match(raw.lstrip()) is not None


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


def check_sizes(infos: list[zipfile.ZipInfo], *, source: str | None, kind: str = "DOCX") -> None:
    """Refuse a zip bomb from its table of contents, before any member is inflated: more than
    :data:`MAX_MEMBERS` members, more than :data:`MAX_UNCOMPRESSED` bytes in all, or a member
    over 1 MB compressed more than :data:`MAX_RATIO` to one.  *kind* names the zip in the
    message and the marker: ``DOCX`` (``[R-DOCX-BOMB]``) or ``ZIP``, a zip of reports
    (``[R-ZIP-BOMB]``)."""
    tag = f"R-{kind}-BOMB"
    if len(infos) > MAX_MEMBERS:
        raise UnreadableDocumentError(
            f"{kind} 压缩包内文件过多（{len(infos)} 个，上限 {MAX_MEMBERS}），疑为恶意文件 [{tag}]",
            path=source,
        )
    total = 0
    for info in infos:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if total > MAX_UNCOMPRESSED or (info.file_size > 1024 * 1024 and ratio > MAX_RATIO):
            raise UnreadableDocumentError(
                f"{kind} 压缩包解压后过大，疑为压缩炸弹，拒绝读取 [{tag}]", path=source
            )


def _check_members(
    zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo], *, source: str | None, required: str
) -> None:
    check_sizes(infos, source=source)
    names = set()
    for info in infos:
        names.add(info.filename)
        if info.filename.lower().endswith(_XML_SUFFIXES) and info.file_size > MAX_XML_PART:
            raise UnreadableDocumentError(
                f"DOCX 内部文件 {info.filename} 过大，拒绝读取 [R-DOCX-BOMB]", path=source
            )
    if required not in names:
        raise UnsupportedFormatError(
            f"这是一个 ZIP 压缩包，但不是 Word 文档（缺少 {required}）[R-DOCX-NOTWORD]",
            path=source,
        )
    _check_xml(zf, infos, source)


def _check_xml(zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo], source: str | None) -> None:
    """Parse every XML part: no DOCTYPE, and no more than MAX_PARTS paragraphs and cells.

    A part that is not well-formed is left to docx2python, which parses it with the same
    options (:func:`._secure_xml.safe_default_parser`) and fails on it if it reads it."""
    parts = 0
    for info in infos:
        if info.filename.endswith("/"):
            continue
        if info.file_size > MAX_XML_PART:  # an image, or an XML part without the suffix
            if _is_xml(info.filename, _head(zf, info, source)):
                raise UnreadableDocumentError(
                    f"DOCX 内部文件 {info.filename} 过大，拒绝读取 [R-DOCX-BOMB]", path=source
                )
            continue
        raw = _member(zf, info, source)
        if not _is_xml(info.filename, raw):
            continue
        try:
            parts += scan(raw, MAX_PARTS - parts)
        except Doctype:
            raise _doctype(info.filename, source) from None
        except (etree.XMLSyntaxError, ValueError):
            if _DECLARATION.search(_as_text(raw)):  # a declaration the parser could not read
                raise _doctype(info.filename, source) from None
            continue
        if parts > MAX_PARTS:
            raise _too_many_parts(source)


def _doctype(name: str, source: str | None) -> UnreadableDocumentError:
    return UnreadableDocumentError(
        f"DOCX 内部文件 {name} 含有 DOCTYPE/实体声明，出于安全原因拒绝读取 [R-DOCX-DOCTYPE]",
        path=source,
    )


_DECLARATION = re.compile(r"<!DOCTYPE|<!ENTITY", re.IGNORECASE)


def _as_text(raw: bytes) -> str:
    """*raw* decoded as well as can be told without a parser (for a part that does not parse)."""
    for bom, codec in ((b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
                       (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):  # fmt: skip
        if raw.startswith(bom):
            return raw.decode(codec, "replace")
    zeros = raw[:64].count(0)
    if zeros:
        codec = ("utf-32" if zeros > 32 else "utf-16") + ("-be" if raw[:1] == b"\x00" else "-le")
        return raw.decode(codec, "replace")
    return raw.decode("utf-8", "replace")


def _head(zf: zipfile.ZipFile, info: zipfile.ZipInfo, source: str | None) -> bytes:
    try:
        with zf.open(info) as member:
            return member.read(64)
    except (zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError, NotImplementedError,
            RuntimeError):  # fmt: skip
        raise UnreadableDocumentError(
            f"DOCX 文件已损坏，无法解压 {info.filename} [R-DOCX-ZIP]", path=source
        ) from None


def _member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, source: str | None) -> bytes:
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
    return raw
