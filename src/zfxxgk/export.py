"""Flat records of reports, findings and changes, and their writers: moved to
:mod:`zfxxgk.records`; this name still imports."""

from __future__ import annotations

from .records import *  # noqa: F403 - the old name re-exports every public name
from .records import NOT_PRINTED as NOT_PRINTED
from .records import __all__ as __all__
