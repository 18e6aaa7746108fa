"""The limits of every reader: moved to :mod:`zfxxgk.limits` (below the readers and the
JSON loader); this name still imports them."""

from __future__ import annotations

from ..limits import (
    CONVERT_TIMEOUT,
    MAX_BYTES,
    MAX_CHARS_PER_PAGE,
    MAX_CONVERTED,
    MAX_JSON_BYTES,
    MAX_MEMBERS,
    MAX_NUMBER_DIGITS,
    MAX_PAGES,
    MAX_PARTS,
    MAX_RATIO,
    MAX_STREAM,
    MAX_TEXT_BYTES,
    MAX_UNCOMPRESSED,
    MAX_XML_PART,
    READ_TIMEOUT,
    STDIN,
    read_limited,
    read_source,
    too_large,
    too_many_parts,
)

__all__ = [
    "CONVERT_TIMEOUT",
    "MAX_BYTES",
    "MAX_CHARS_PER_PAGE",
    "MAX_CONVERTED",
    "MAX_JSON_BYTES",
    "MAX_MEMBERS",
    "MAX_NUMBER_DIGITS",
    "MAX_PAGES",
    "MAX_PARTS",
    "MAX_RATIO",
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
