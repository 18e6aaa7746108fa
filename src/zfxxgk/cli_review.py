"""The review subcommands (series, hierarchy, similar): moved to
:mod:`zfxxgk.cli.commands_review`; this name still imports."""

from __future__ import annotations

from .cli.commands_review import register

__all__ = ["register"]
