"""Reading legacy Word (``.doc``) and WPS (``.wps``) files by converting them to DOCX.

Both are OLE2 compound files (signature ``D0 CF 11 E0 A1 B1 1A E1``).  When LibreOffice
(``soffice`` or ``libreoffice``) is on ``PATH`` the file is converted to DOCX in a private
temporary directory and read by :mod:`zfxxgk.readers.docx`:

* the input is written under a fixed name (``input.doc``, or ``input.wps`` for an OLE2
  file named ``.wps`` that has no Word stream): the user's file name never reaches the
  command line;
* the command runs without a shell, with its own LibreOffice profile (so a running
  LibreOffice does not swallow the request), no standard input, and a timeout after
  which its whole process group is killed;
* the temporary directory, converted file included, is removed afterwards.

Without LibreOffice the reader raises :class:`~zfxxgk.errors.UnsupportedFormatError`
saying how to convert the file by hand.  An encrypted Office document (also OLE2) is
refused with its own message, and so is a file whose OLE2 structure does not hold (a
truncated header, a directory outside the file): LibreOffice is never started for it.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import struct
import subprocess
import tempfile
from pathlib import Path
from typing import Final

import attrs

from ..errors import UnreadableDocumentError, UnsupportedFormatError
from ..limits import CONVERT_TIMEOUT, MAX_CONVERTED
from . import docx
from .document import Document

__all__ = ["OLE2_MAGIC", "TIMEOUT", "damage", "encrypted", "find_converter", "read", "sniff"]

OLE2_MAGIC: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
TIMEOUT: Final = CONVERT_TIMEOUT
"""Seconds LibreOffice may take to convert one file."""
MAX_OUTPUT: Final = MAX_CONVERTED

_CONVERTERS: Final = ("soffice", "libreoffice")
_ENCRYPTED_STREAM: Final = "EncryptedPackage".encode("utf-16-le")
_WORD_STREAM: Final = "WordDocument".encode("utf-16-le")


def sniff(data: bytes, name: str | None) -> bool:
    """True for an OLE2 compound file (old Word, WPS, and other old Office formats)."""
    return data.startswith(OLE2_MAGIC)


def find_converter() -> str | None:
    """The path of LibreOffice's ``soffice`` (or ``libreoffice``) on ``PATH``, if any."""
    for name in _CONVERTERS:
        found = shutil.which(name)
        if found:
            return found
    return None


def _how_to_convert(source: str | None) -> UnsupportedFormatError:
    return UnsupportedFormatError(
        "这是旧版 Word/WPS 文件（.doc/.wps），无法直接读取。请在 Word 或 WPS 中打开后"
        "“另存为” .docx 文件，或安装 LibreOffice（使 soffice 命令可用）后重试 [R-LEGACY-CONVERT]",
        path=source,
    )


def read(data: bytes, *, source: str | None) -> Document:
    """Convert an OLE2 Word/WPS file to DOCX with LibreOffice and read that."""
    if not sniff(data, source):
        raise UnsupportedFormatError("不是旧版 Word/WPS 文件（缺少 OLE2 文件头）", path=source)
    if _ENCRYPTED_STREAM in data or encrypted(data):
        raise UnreadableDocumentError(
            "Office 文件已加密（需要密码），无法读取；"
            "请先解除密码保护并另存为 .docx [R-LEGACY-ENCRYPTED]",
            path=source,
        )
    problem = damage(data)
    if problem is not None:
        raise UnreadableDocumentError(
            f"旧版 Word/WPS 文件已损坏或不完整（{problem}），无法读取 [R-LEGACY-DAMAGED]",
            path=source,
        )
    converter = find_converter()
    if converter is None:
        raise _how_to_convert(source)
    converted = _convert(converter, data, source)
    document = docx.read(converted, source=source)
    metadata = dict(document.metadata)
    metadata["converted_by"] = "LibreOffice"
    metadata["original_format"] = "doc" if _WORD_STREAM in data else "ole2"
    return attrs.evolve(document, format="legacy", metadata=metadata)


_ROOT_STORAGE: Final = 5
_LAST_SECTOR: Final = 0xFFFFFFFA
"""Sector numbers above this are markers (free, end of chain …), not sectors."""


def damage(data: bytes) -> str | None:
    """What makes *data* not a whole OLE2 compound file, or None when its structure holds.

    Checked before LibreOffice is started (which takes seconds, and "converts" even an
    8-byte header into an empty document): the 512-byte header (byte order, version, sector
    sizes), at least one FAT sector, and a directory whose first entry is the root storage,
    inside the file.
    """
    if len(data) < 512:
        return f"只有 {len(data)} 字节，连 512 字节的文件头都不完整"
    major, byte_order, sector_shift, mini_shift = struct.unpack_from("<HHHH", data, 26)
    fat_sectors, first_directory = struct.unpack_from("<II", data, 44)
    if byte_order != 0xFFFE:
        return "文件头的字节序标记无效"
    if (major, sector_shift) not in ((3, 9), (4, 12)) or mini_shift != 6:
        return "文件头的版本或扇区大小无效"
    size = 1 << sector_shift
    if fat_sectors == 0 or first_directory > _LAST_SECTOR:
        return "没有分配表或目录"
    entry = (first_directory + 1) * size  # sector n starts after the header sector
    if len(data) < 3 * size or entry + 128 > len(data):
        return "文件被截断，目录不在文件内"
    if data[entry + 66] != _ROOT_STORAGE:
        return "目录的第一项不是根存储"
    return None


_FREE_OR_END: Final = 0xFFFFFFFA
_MAX_CHAIN: Final = 4096
"""Sectors followed in one chain at most (a loop in a damaged file ends here)."""
_WORD_MAGICS: Final = (0xA5EC, 0xA5DC)
"""``wIdent`` of a Word 97–2003 and of a Word 6/95 File Information Block."""
_F_ENCRYPTED: Final = 0x0100
"""``fEncrypted`` in the FIB's flags word (offset 10): the document is password-protected
(RC4, CryptoAPI RC4, or XOR obfuscation when ``fObfuscated`` is set as well)."""
_ENCRYPTION_NAMES: Final = frozenset({"EncryptionInfo", "EncryptedPackage"})


class _Ole:
    """Just enough of a compound file to find a stream's first bytes (no dependency)."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.size = 1 << struct.unpack_from("<H", data, 30)[0]
        fat_count, self.directory = struct.unpack_from("<II", data, 44)
        (self.cutoff,) = struct.unpack_from("<I", data, 56)
        fat_sectors = struct.unpack_from("<109I", data, 76)[: min(fat_count, 109)]
        self.fat: list[int] = []
        for sector in fat_sectors:
            self.fat.extend(struct.unpack_from(f"<{self.size // 4}I", self.sector(sector)))

    def sector(self, number: int) -> bytes:
        start = (number + 1) * self.size
        if number >= _FREE_OR_END or start + self.size > len(self.data):
            raise IndexError(number)
        return self.data[start : start + self.size]

    def chain(self, first: int, table: list[int]) -> list[int]:
        out: list[int] = []
        number = first
        while number < _FREE_OR_END and len(out) < _MAX_CHAIN:
            out.append(number)
            number = table[number]
        return out

    def entries(self) -> dict[str, tuple[int, int, int]]:
        """Directory entries by name: (type, first sector, size)."""
        out: dict[str, tuple[int, int, int]] = {}
        for number in self.chain(self.directory, self.fat):
            block = self.sector(number)
            for offset in range(0, self.size, 128):
                (length,) = struct.unpack_from("<H", block, offset + 64)
                name = block[offset : offset + max(0, min(length, 64) - 2)].decode(
                    "utf-16-le", "replace"
                )
                kind = block[offset + 66]
                first, size = struct.unpack_from("<II", block, offset + 116)
                if kind:
                    out.setdefault(name, (kind, first, size))
        return out

    def head(self, entry: tuple[int, int, int], root: tuple[int, int, int]) -> bytes:
        """The first sector (or mini sector) of a stream."""
        _, first, size = entry
        if size >= self.cutoff:
            return self.sector(first)
        # a small stream lives in the mini stream (the root entry's chain), in 64-byte mini
        # sectors; its first one is found without the mini FAT
        position = first * 64
        root_chain = self.chain(root[1], self.fat)
        block = self.sector(root_chain[position // self.size])
        return block[position % self.size :][:64]


def encrypted(data: bytes) -> bool:
    """Whether *data*, an OLE2 compound file, is a password-protected Office document: a Word
    file whose FIB has ``fEncrypted`` set, or an encrypted OOXML file (an ``EncryptionInfo``
    or ``EncryptedPackage`` stream).  False when the structure cannot be followed (the
    structure check, :func:`damage`, says what is wrong then)."""
    try:
        ole = _Ole(data)
        entries = ole.entries()
        if _ENCRYPTION_NAMES & entries.keys():
            return True
        word, root = entries.get("WordDocument"), entries.get("Root Entry")
        if word is None or root is None:
            return False
        ident, _, _, _, _, flags = struct.unpack_from("<6H", ole.head(word, root), 0)
    except (struct.error, IndexError, ValueError):
        return False
    return ident in _WORD_MAGICS and bool(flags & _F_ENCRYPTED)


def _suffix(data: bytes, source: str | None) -> str:
    """The suffix of the fixed input name: ``.doc`` for anything with a Word stream (Word,
    and WPS Office's own .wps, which is Word-compatible); ``.wps`` for another OLE2 file
    named so (the older Works format, which LibreOffice picks by that suffix)."""
    if _WORD_STREAM in data:
        return ".doc"
    return ".wps" if (source or "").lower().endswith(".wps") else ".doc"


def _convert(converter: str, data: bytes, source: str | None) -> bytes:
    with tempfile.TemporaryDirectory(prefix="zfxxgk-legacy-") as tmp:
        work = Path(tmp)
        infile = work / f"input{_suffix(data, source)}"
        outdir = work / "out"
        outdir.mkdir()
        infile.write_bytes(data)
        command = [
            converter,
            "--headless",
            "--norestore",
            "--nolockcheck",
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(outdir),
            str(infile),
        ]
        try:
            returncode = _run(command, cwd=work)
        except subprocess.TimeoutExpired:
            raise UnreadableDocumentError(
                f"LibreOffice 转换超时（{TIMEOUT:.0f} 秒），文件可能已损坏 [R-LEGACY-TIMEOUT]",
                path=source,
            ) from None
        except OSError as exc:
            raise UnreadableDocumentError(
                f"无法运行 LibreOffice（{exc.strerror or exc}）[R-LEGACY-CONVERT]", path=source
            ) from None
        outfile = outdir / "input.docx"
        if returncode != 0 or not outfile.is_file():
            raise UnreadableDocumentError(
                "LibreOffice 未能把该文件转换为 .docx，文件可能已损坏或不是 Word/WPS 文档"
                " [R-LEGACY-CONVERT]",
                path=source,
            )
        if outfile.stat().st_size > MAX_OUTPUT:
            raise UnreadableDocumentError("转换得到的 .docx 过大 [R-LEGACY-CONVERT]", path=source)
        return outfile.read_bytes()


def _run(command: list[str], *, cwd: Path) -> int:
    """Run *command* without a shell; on timeout kill its whole process group (LibreOffice
    starts helpers), then re-raise :class:`subprocess.TimeoutExpired`."""
    posix = hasattr(os, "killpg")
    proc = subprocess.Popen(  # fixed argument list, no shell
        command,
        shell=False,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=cwd,
        start_new_session=posix,
    )
    try:
        return proc.wait(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        if posix:
            with contextlib.suppress(OSError):
                os.killpg(proc.pid, signal.SIGKILL)
        else:  # pragma: no cover - Windows
            proc.kill()
        proc.wait()
        raise
