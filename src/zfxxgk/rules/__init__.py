"""Checks of a report: a rule engine and the built-in rule catalogue.

    >>> from zfxxgk.rules import check
    >>> findings = check(report)                       # doctest: +SKIP
    >>> for finding in findings.errors:                # doctest: +SKIP
    ...     print(finding)

A rule is a generator function wrapped by :func:`rule`; a :class:`RuleSet` is an immutable set
of rules; :func:`check` and :func:`check_pair` run the default set (or yours) and return
:class:`Findings`.  :func:`catalogue` lists every built-in rule.  See ``docs/rules.md``.
"""

from __future__ import annotations

from . import builtin, narrative, pairs, text
from .context import CheckContext
from .engine import *  # noqa: F403  (the engine's public names, listed in its __all__)
from .engine import RuleSet, _use_default, catalogue, describe_cell
from .engine import __all__ as _engine_names

# The default rule set is assembled here, above the engine and the rule modules (which
# import the engine), and handed to the engine.
_use_default(
    RuleSet(
        (*builtin.BUILTIN_RULES, *narrative.NARRATIVE_RULES, *text.TEXT_RULES, *pairs.PAIR_RULES)
    )
)

__all__ = [*_engine_names, "CheckContext", "catalogue", "describe_cell"]
