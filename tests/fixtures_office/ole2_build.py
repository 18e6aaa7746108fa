"""Write the smallest well-formed OLE2 compound files, with no dependency.

Enough to pass the legacy reader's structure check (header, one FAT sector, one directory
sector with a root entry and empty streams of the names given), not a document LibreOffice
could open: the tests that convert use a stand-in ``soffice``.
"""

from __future__ import annotations

import struct

MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
FREE, END_OF_CHAIN, FAT_SECTOR, NO_STREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def _entry(name: str, kind: int, child: int = NO_STREAM, right: int = NO_STREAM) -> bytes:
    encoded = (name + "\0").encode("utf-16-le")
    return (
        encoded.ljust(64, b"\0")
        + struct.pack("<HBB", len(encoded), kind, 1)  # name size, type, colour (black)
        + struct.pack("<III", NO_STREAM, right, child)  # left, right sibling, child
        + b"\0" * 16  # CLSID
        + b"\0" * 4  # state bits
        + b"\0" * 16  # creation and modification times
        + struct.pack("<IQ", END_OF_CHAIN, 0)  # first sector, size
    )


def make_ole2(*streams: str, extra: bytes = b"") -> bytes:
    """A version-3 compound file: header, FAT (sector 0), directory (sector 1) holding a
    root entry and one empty stream per name, then *extra* bytes."""
    header = (
        MAGIC
        + b"\0" * 16  # CLSID
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)  # minor, major, byte order, shifts
        + b"\0" * 6
        + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, END_OF_CHAIN, 0, END_OF_CHAIN, 0)
        + struct.pack("<I", 0)  # DIFAT[0]: the FAT is sector 0
        + struct.pack("<I", FREE) * 108
    )
    assert len(header) == 512
    fat = struct.pack("<II", FAT_SECTOR, END_OF_CHAIN) + struct.pack("<I", FREE) * 126
    entries = [_entry("Root Entry", 5, child=1 if streams else NO_STREAM)]
    for k, name in enumerate(streams, start=1):
        entries.append(_entry(name, 2, right=k + 1 if k < len(streams) else NO_STREAM))
    directory = b"".join(entries)
    sectors = -(-len(directory) // 512)
    directory = directory.ljust(512 * sectors, b"\0")
    if sectors > 1:  # chain the directory's sectors in the FAT
        chain = [FAT_SECTOR, *range(2, sectors + 1), END_OF_CHAIN]
        fat = struct.pack(f"<{len(chain)}I", *chain).ljust(512, b"\xff")
    return header + fat + directory + extra
