"""Checks of a report: a rule engine and the built-in rule catalogue.

    >>> from zfxxgk.rules import check
    >>> findings = check(report)                       # doctest: +SKIP
    >>> for finding in findings.errors:                # doctest: +SKIP
    ...     print(finding)

A rule is a generator function wrapped by :func:`rule`; a :class:`RuleSet` is an immutable set
of rules; :func:`check` and :func:`check_pair` run the default set (or yours) and return
:class:`Findings`.  :func:`catalogue` lists every built-in rule.  See ``docs/rules.md``.

This package is the only place a code, a severity, a title or a message is written: the
narrative's claims against the tables (:mod:`.claims`: :func:`compare_claims`,
:class:`Mismatch`, :data:`MISMATCH_CODES`) and the report-level text checks (:mod:`.wording`:
:func:`check_sections`, :func:`check_problems_section`, :func:`check_fee_statement`,
:func:`check_years`, :func:`check_publication_date`, :func:`check_report_text`,
:class:`TextProblem`) are exported here too, and the typed API for unknown values (:mod:`.unknown`:
:data:`UNKNOWN`, :data:`Amount`, :func:`amount_at`, :func:`evaluate`, :class:`Unchecked`).
"""

from __future__ import annotations

from . import altered, builtin, claims, contradictions, outline, pairs, paths, section5, wording
from .claims import MISMATCH_CODES, Mismatch, compare_claims
from .context import CheckContext
from .engine import *  # noqa: F403  (the engine's public names, listed in its __all__)
from .engine import RuleSet, _use_default, catalogue
from .engine import __all__ as _engine_names
from .unknown import (
    UNCHECKED,
    UNKNOWN,
    Amount,
    Checked,
    NotCheckable,
    Unchecked,
    Unknown,
    amount_at,
    cell_at,
    describe_cell,
    evaluate,
    known,
    sum_amounts,
)
from .wording import (
    TextProblem,
    check_fee_statement,
    check_problems_section,
    check_publication_date,
    check_report_text,
    check_sections,
    check_years,
)

# The default rule set is assembled here, above the engine and the rule modules (which
# import the engine), and handed to the engine.
_use_default(
    RuleSet(
        (
            *builtin.BUILTIN_RULES,
            *claims.NARRATIVE_RULES,
            *contradictions.CONTRADICTION_RULES,
            *wording.TEXT_RULES,
            *outline.OUTLINE_RULES,
            *altered.TEMPLATE_RULES,
            *pairs.PAIR_RULES,
            *section5.SECTION5_PAIR_RULES,
        )
    )
)

__all__ = [
    *_engine_names,
    "MISMATCH_CODES",
    "UNCHECKED",
    "UNKNOWN",
    "Amount",
    "CheckContext",
    "Checked",
    "Mismatch",
    "NotCheckable",
    "TextProblem",
    "Unchecked",
    "Unknown",
    "amount_at",
    "catalogue",
    "cell_at",
    "check_fee_statement",
    "check_problems_section",
    "check_publication_date",
    "check_report_text",
    "check_sections",
    "check_years",
    "compare_claims",
    "describe_cell",
    "evaluate",
    "known",
    "paths",
    "sum_amounts",
]
