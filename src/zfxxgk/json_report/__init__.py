"""A report as JSON: one cattrs converter, a versioned envelope and a JSON Schema.

A report is written inside an envelope::

    {"format": "zfxxgk.report", "version": 1, "keys": "fields", "report": {...}}

``keys`` says how the report is keyed: ``"fields"`` uses the model's attribute names
(``requests.new.total``), ``"labels"`` the official Chinese labels read from the model's field
metadata and :data:`zfxxgk.template.SECTION_TITLES` (``三、收到和处理政府信息公开申请情况`` →
``一、本年新收政府信息公开申请数量`` → ``总计``).  A label path of several labels (a caption and
a row, such as ``第二十条第（一）项`` → ``规章``) becomes nested objects.  Loading reads the key
mode from the envelope.

Validation belongs to this edge: :func:`make_converter` configures a cattrs converter whose
hooks never coerce.  A count is a JSON integer (never ``1.7``, ``"3"`` or ``true``); money is a
decimal string (``"96171.6"``) or an integer, never a JSON float; a date is an ISO string; an
enum is its value.  A cell is a bare integer (or, in a money column, a bare decimal string)
when it holds a plain number and an object otherwise: ``{"kind": "blank"}``,
``{"kind": "placeholder", "raw": "/"}``,
``{"kind": "number", "value": 22, "raw": "22（其中修订16件）"}``,
so blank, ``0``, ``/`` and a missing cell stay apart.  Unknown keys are errors.  Every
problem becomes a :class:`~zfxxgk.errors.JSONLoadError` whose message says where:
``… @ $.report.requests.new.total``.

The JSON Schema of the envelope (both key modes) is generated from the model by
:func:`build_schema`; the committed copy ships in the package and :func:`schema` loads it.

The package, each module importing only the ones before it: :mod:`~zfxxgk.json_report.messages`
(Chinese messages and JSON paths), :mod:`~zfxxgk.json_report.leaves` (strict hooks for numbers,
strings, dates, enums and cells), :mod:`~zfxxgk.json_report.shape` (which key path holds which
field), :mod:`~zfxxgk.json_report.converter` (:func:`make_converter`),
:mod:`~zfxxgk.json_report.envelope` (:func:`dumps`, :func:`loads` and the rest) and
:mod:`~zfxxgk.json_report.json_schema` (:func:`build_schema`, :func:`schema`).  This package
was ``zfxxgk.serialize``; that name still imports.
"""

from __future__ import annotations

from .converter import make_converter
from .envelope import (
    FORMAT,
    KEY_MODES,
    VERSION,
    KeyMode,
    dump,
    dumps,
    from_dict,
    load,
    loads,
    to_dict,
)
from .json_schema import SCHEMA_ID as SCHEMA_ID
from .json_schema import SCHEMA_RESOURCE, build_schema, schema
from .json_schema import schema_text as schema_text
from .messages import error_messages

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
