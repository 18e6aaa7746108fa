"""Reports as JSON: moved to :mod:`zfxxgk.json_report`; this name still imports."""

from __future__ import annotations

from .json_report import *  # noqa: F403 - the old name re-exports every public name
from .json_report import SCHEMA_ID as SCHEMA_ID
from .json_report import __all__ as __all__
from .json_report import schema_text as schema_text
