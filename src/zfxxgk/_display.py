"""The one way up the layers: the notebook hooks.

A :class:`~zfxxgk.model.Report`, its sections, :class:`~zfxxgk.rules.Findings` and a
:class:`~zfxxgk.readers.ParseResult` show themselves in a notebook (``_repr_html_``) and turn
into pandas tables (``to_dataframe``).  The work is done by :mod:`zfxxgk.notebook`, in the
top layer: it draws tables, runs the checks and needs pandas.  A lower layer never imports it;
its hook names the function here, and :func:`html` or :func:`frame` loads
:mod:`zfxxgk.notebook` by name when the hook is first called.  These hooks are the only calls
that go up the layers (``docs/design.md``); the import-linter contract in ``pyproject.toml``
checks that nothing else does.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = ["frame", "html"]

_VIEWS = "zfxxgk.notebook"


def _view(name: str) -> Any:
    return getattr(importlib.import_module(_VIEWS), name)


def html(name: str, obj: object, /, **options: Any) -> str:
    """The notebook HTML of *obj* made by ``zfxxgk.notebook.<name>``."""
    return str(_view(name)(obj, **options))


def frame(name: str, obj: object, /, **options: Any) -> Any:
    """The pandas table of *obj* made by ``zfxxgk.notebook.<name>`` (needs pandas)."""
    return _view(name)(obj, **options)
