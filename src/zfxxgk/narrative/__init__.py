"""The narrative of a report: the numbers it states and what its text says — no codes.

FORMAT.md §4 ("Narrative against tables") and §7.  :func:`extract_claims` finds every number
the narrative states about the quantities the tables also hold — requests received, carried
over, handled, each outcome, carried forward, reviews and lawsuits and their outcomes,
information-processing fees, normative documents — and the explicit zeros ("未发生行政复议",
"均获维持", "未收取信息处理费").  :func:`check_claims` sets each claim against the matching
table quantities.

Extraction is deliberately conservative: a wrong claim turns into a false accusation against a
real agency.  A number whose meaning is unclear yields no claim; a number that is approximate
("7700余条"), about a part ("其中民政局1件"), about another year, or said by a body that may be a
sub-unit is kept but not compared, or compared with low confidence.

This package states facts about text; it knows nothing of codes, severities or findings.  Those
are :mod:`zfxxgk.rules`' — the mismatches with their codes (``compare_claims``,
``Mismatch``, ``MISMATCH_CODES``) and the report-level text checks (``check_sections``,
``check_problems_section``, ``check_fee_statement``, ``check_years``,
``check_publication_date``, ``check_report_text``, ``TextProblem``).  Their old names here
still work as **deprecated aliases** that warn (:class:`DeprecationWarning`) and will be
removed in 0.3: import them from :mod:`zfxxgk.rules`.

The modules, from the bottom up:

* :mod:`.claims` — what a claim is (:class:`ClaimKind`, :class:`Claim`, :class:`Confidence`);
* :mod:`.normalise` — normalised text with a map back to the source offsets;
* :mod:`.lexicon` — the wordings; :mod:`.numbers` — numerals and the numbers of a text;
* :mod:`.reading`, :mod:`.zeros`, :mod:`.extract` — the extraction, in stages;
* :mod:`.compare` — the table quantities and the comparison; :mod:`.summary` — the usual
  sentences written from the tables;
* :mod:`.sections`, :mod:`.years` — which sections a report has, what section 五 says, the
  years the text names.

Agency names, kinds and publication deadlines are :mod:`zfxxgk.agencies`' (re-exported here).
"""

from __future__ import annotations

import importlib
import warnings
from typing import Any, Final

from ..agencies import AgencyKind, agency_kind, publication_deadline
from .claims import APPLICANT_SCOPES, Claim, ClaimKind, Confidence
from .compare import Comparison, TableQuantity, check_claims
from .extract import extract_claims, report_claims, section_claims
from .lexicon import _TAG_PATTERNS as _TAG_PATTERNS
from .lexicon import _TAGS as _TAGS
from .lexicon import _tags as _tags
from .normalise import _ASCII_DIGITS as _ASCII_DIGITS
from .normalise import _BROKEN as _BROKEN
from .normalise import _ENUMERATORS as _ENUMERATORS
from .normalise import _FOLD_LIMIT as _FOLD_LIMIT
from .normalise import _FOLDABLE as _FOLDABLE
from .normalise import _INVISIBLE as _INVISIBLE
from .normalise import _MAX_TEXT as _MAX_TEXT
from .normalise import _THOUSANDS as _THOUSANDS
from .normalise import _UNFOLDABLE as _UNFOLDABLE
from .normalise import _prepare as _prepare
from .normalise import _prepare_remembered as _prepare_remembered
from .numbers import parse_number
from .reading import _MAX_SENTENCE as _MAX_SENTENCE
from .sections import sections_found
from .summary import render_summary

# ``from .x import _name as _name``: internals re-exported for the tests, which compare them
# with their plain definitions (tests/test_fuzz_narrative.py, tests/test_fuzz_readers.py).

__all__ = [
    "APPLICANT_SCOPES",
    "AgencyKind",
    "Claim",
    "ClaimKind",
    "Comparison",
    "Confidence",
    "TableQuantity",
    "agency_kind",
    "check_claims",
    "extract_claims",
    "parse_number",
    "publication_deadline",
    "render_summary",
    "report_claims",
    "section_claims",
    "sections_found",
]

_MOVED: Final[dict[str, str]] = {
    "MISMATCH_CODES": "zfxxgk.rules.claims",
    "Mismatch": "zfxxgk.rules.claims",
    "compare_claims": "zfxxgk.rules.claims",
    "TextProblem": "zfxxgk.rules.wording",
    "check_fee_statement": "zfxxgk.rules.wording",
    "check_problems_section": "zfxxgk.rules.wording",
    "check_publication_date": "zfxxgk.rules.wording",
    "check_report_text": "zfxxgk.rules.wording",
    "check_sections": "zfxxgk.rules.wording",
    "check_years": "zfxxgk.rules.wording",
}
"""Names that moved to :mod:`zfxxgk.rules` (they carry codes) → the module that defines
them: deprecated aliases here."""


def __getattr__(name: str) -> Any:
    """The deprecated aliases of :data:`_MOVED` (removed in 0.3): warn, then load the name
    from its module in :mod:`zfxxgk.rules` — a layer above this one, so by name and only
    when asked."""
    home = _MOVED.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    warnings.warn(
        f"zfxxgk.narrative.{name} is deprecated and will be removed in 0.3; "
        f"import it from zfxxgk.rules (it is defined in {home})",
        DeprecationWarning,
        stacklevel=2,
    )
    return getattr(importlib.import_module(home), name)
