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
from .engine import (
    CRASHED,
    Finding,
    Findings,
    Rule,
    RuleInfo,
    RuleKind,
    RuleSet,
    Violation,
    _use_default,
    catalogue,
    check,
    check_pair,
    describe_cell,
    pair_rule,
    rule,
)

# The default rule set is assembled here, above the engine and the rule modules (which
# import the engine), and handed to the engine.
_use_default(
    RuleSet(
        (*builtin.BUILTIN_RULES, *narrative.NARRATIVE_RULES, *text.TEXT_RULES, *pairs.PAIR_RULES)
    )
)

__all__ = [
    "CRASHED",
    "Finding",
    "Findings",
    "Rule",
    "RuleInfo",
    "RuleKind",
    "RuleSet",
    "Violation",
    "catalogue",
    "check",
    "check_pair",
    "describe_cell",
    "pair_rule",
    "rule",
]
