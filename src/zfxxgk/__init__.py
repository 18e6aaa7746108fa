"""zfxxgk — read, model and check 政府信息公开工作年度报告.

The most used names are here: the model (:class:`Report` and its parts, :class:`Cell`), the
readers (:func:`read`, :func:`load`), the checks (:func:`check`, :func:`check_pair`) and the
exceptions.  Submodules hold the rest: :mod:`zfxxgk.template` (the template as data),
:mod:`zfxxgk.arithmetic`, :mod:`zfxxgk.rules`, :mod:`zfxxgk.json_report`, :mod:`zfxxgk.records`,
:mod:`zfxxgk.strategies` (needs Hypothesis).  Importing ``zfxxgk`` imports no parser and no
optional dependency.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from . import _codecache, _startup

_startup.pause_collector()  # the modules below load with the garbage collector off: see _startup
try:
    _codecache.hook_attrs()  # the classes' generated methods kept between processes (imports attrs)
    from ._version import __version__
    from .cells import Cell, CellKind, Unit, ValueKind, parse_cell
    from .errors import (
        DocumentError,
        EmptyDocumentError,
        JSONLoadError,
        MissingDependencyError,
        NoStandardTablesError,
        Pre2019ReportError,
        UnreadableDocumentError,
        UnsupportedFormatError,
        ZfxxgkError,
    )
    from .model import (
        Appeals,
        ApplicantRow,
        CaseOutcomes,
        DisclosureRequests,
        Outcomes,
        ProactiveDisclosure2019,
        ProactiveDisclosure2021,
        Report,
        ReportInfo,
        Template,
        proactive_2019,
        proactive_2021,
    )
finally:
    _startup.resume_collector()

if TYPE_CHECKING:
    from . import (  # noqa: F401
        arithmetic,
        export,
        json_report,
        readers,
        records,
        rules,
        serialize,
        template,
    )
    from .readers import ParseResult, load, read
    from .rules import Finding, Findings, RuleSet, check, check_pair

_LAZY = {
    "read": ("zfxxgk.readers", "read"),
    "load": ("zfxxgk.readers", "load"),
    "ParseResult": ("zfxxgk.readers", "ParseResult"),
    "check": ("zfxxgk.rules", "check"),
    "check_pair": ("zfxxgk.rules", "check_pair"),
    "Finding": ("zfxxgk.rules", "Finding"),
    "Findings": ("zfxxgk.rules", "Findings"),
    "RuleSet": ("zfxxgk.rules", "RuleSet"),
}
_SUBMODULES = frozenset(
    {
        "arithmetic",
        "json_report",
        "readers",
        "records",
        "rules",
        "template",
        "strategies",
        # the names before issue 13, kept: zfxxgk.serialize is json_report, export is records
        "export",
        "serialize",
    }
)


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        module_name, attr = _LAZY[name]
        value = getattr(importlib.import_module(module_name), attr)
        globals()[name] = value
        return value
    if name in _SUBMODULES:
        module = importlib.import_module(f"{__name__}.{name}")
        globals()[name] = module
        return module
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [  # noqa: RUF022 - grouped: model, readers, checks, errors
    "Appeals",
    "ApplicantRow",
    "CaseOutcomes",
    "Cell",
    "CellKind",
    "DisclosureRequests",
    "DocumentError",
    "EmptyDocumentError",
    "JSONLoadError",
    "MissingDependencyError",
    "NoStandardTablesError",
    "Outcomes",
    "Pre2019ReportError",
    "ProactiveDisclosure2019",
    "ProactiveDisclosure2021",
    "Report",
    "ReportInfo",
    "Template",
    "Unit",
    "UnreadableDocumentError",
    "UnsupportedFormatError",
    "ValueKind",
    "ZfxxgkError",
    "__version__",
    "parse_cell",
    "proactive_2019",
    "proactive_2021",
    "read",
    "load",
    "ParseResult",
    "check",
    "check_pair",
    "Finding",
    "Findings",
    "RuleSet",
]
