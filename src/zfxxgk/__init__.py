"""zfxxgk — read, model and check 政府信息公开工作年度报告."""

from __future__ import annotations

from .cells import Cell, CellKind, Unit, ValueKind, parse_cell
from .errors import (
    DocumentError,
    EmptyDocumentError,
    JSONLoadError,
    MissingDependencyError,
    NoStandardTablesError,
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

__version__ = "0.1.0.dev0"

__all__ = [
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
]
