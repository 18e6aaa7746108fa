"""Reports as JSON: moved to :mod:`zfxxgk.json_report`; this name still imports."""

from __future__ import annotations

from .json_report import (
    FORMAT,
    KEY_MODES,
    SCHEMA_RESOURCE,
    VERSION,
    KeyMode,
    build_schema,
    dump,
    dumps,
    error_messages,
    from_dict,
    load,
    loads,
    make_converter,
    schema,
    to_dict,
)
from .json_report import SCHEMA_ID as SCHEMA_ID
from .json_report import schema_text as schema_text

__all__ = [
    "FORMAT",
    "KEY_MODES",
    "SCHEMA_RESOURCE",
    "VERSION",
    "KeyMode",
    "build_schema",
    "dump",
    "dumps",
    "error_messages",
    "from_dict",
    "load",
    "loads",
    "make_converter",
    "schema",
    "to_dict",
]
