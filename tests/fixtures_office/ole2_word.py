"""A compound file holding a ``WordDocument`` stream that starts with a File Information Block,
written by hand: enough for the legacy reader to see whether the document is encrypted."""

from __future__ import annotations

import struct

from .ole2_build import END_OF_CHAIN, FAT_SECTOR, FREE, MAGIC, NO_STREAM

F_ENCRYPTED = 0x0100
F_OBFUSCATED = 0x8000


def _entry(name: str, kind: int, first: int, size: int, child: int = NO_STREAM) -> bytes:
    encoded = (name + "\0").encode("utf-16-le")
    return (
        encoded.ljust(64, b"\0")
        + struct.pack("<HBB", len(encoded), kind, 1)
        + struct.pack("<III", NO_STREAM, NO_STREAM, child)
        + b"\0" * 36
        + struct.pack("<IQ", first, size)
    )


def fib(flags: int, ident: int = 0xA5EC) -> bytes:
    """The first bytes of a Word FIB: wIdent, nFib, unused, lid, pnNext, then the flags."""
    return struct.pack("<HHHHHH", ident, 0x00C1, 0, 0x0804, 0, flags)


def make_word_ole2(flags: int, *, mini: bool = False, ident: int = 0xA5EC) -> bytes:
    """A version-3 compound file whose ``WordDocument`` stream starts with a FIB of *flags*.

    The stream is 4,096 bytes in sectors of its own, or (``mini``) 512 bytes in the mini
    stream, as Word stores a small stream."""
    size = 512 if mini else 4096
    stream = fib(flags, ident).ljust(size, b"\0")
    sectors = size // 512  # the stream's sectors, or the mini stream's (root entry's) sectors
    header = (
        MAGIC
        + b"\0" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\0" * 6
        + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, END_OF_CHAIN, 0, END_OF_CHAIN, 0)
        + struct.pack("<I", 0)
        + struct.pack("<I", FREE) * 108
    )
    chain = [FAT_SECTOR, END_OF_CHAIN, *range(3, 2 + sectors), END_OF_CHAIN]
    fat = struct.pack(f"<{len(chain)}I", *chain).ljust(512, b"\xff")
    if mini:
        root = _entry("Root Entry", 5, 2, size, child=1)
        word = _entry("WordDocument", 2, 0, size)
    else:
        root = _entry("Root Entry", 5, END_OF_CHAIN, 0, child=1)
        word = _entry("WordDocument", 2, 2, size)
    directory = (root + word).ljust(512, b"\0")
    return header + fat + directory + stream
