"""Hypothesis strategies for zfxxgk's types: valid reports built from their parts, and
reports with exactly one known error::

    from hypothesis import given
    from zfxxgk import strategies as zst

    @given(zst.reports())
    def test_my_rule_is_silent_on_valid_reports(report): ...

    @given(zst.corrupted_reports(codes=["S4-TOTAL"]))
    def test_my_rule_finds_the_error(case):
        report, corruption = case
        ...

``with_unknown_cells()`` makes any subset of a drawn report's cells unknown (not printed or not
read), for properties of the checks on reports that were not read completely;
``with_hidden_value()`` prints one non-zero cell of any section without a number (blank,
placeholder, text, missing, unread), for properties of every rule that touches a cell.

Valid reports are valid **by construction**: the leaves are drawn and every total is computed
by the model's named constructors (:meth:`~zfxxgk.model.DisclosureRequests.from_counts`,
:meth:`~zfxxgk.model.CaseOutcomes.from_counts`, :func:`~zfxxgk.model.proactive_2021`,
:func:`~zfxxgk.model.proactive_2019`); nothing is filtered, and everything shrinks towards an
all-zero report.  All arguments are keyword-only.

Importing this package needs Hypothesis (``pip install zfxxgk[strategies]``); ``import zfxxgk``
does not.  Hypothesis runs :func:`_hypothesis_setup_hook` through its entry point, so
``st.from_type(Report)`` works in any test once zfxxgk is installed.  See ``docs/strategies.md``.
"""

from __future__ import annotations


def _hypothesis_setup_hook() -> None:
    """Register zfxxgk's strategies for its types with Hypothesis (``st.from_type``).

    Defined before this package imports Hypothesis: Hypothesis calls it from its own import
    when this package is imported first, so it only registers deferred strategies.
    """
    from hypothesis import strategies as st

    from ..cells import Cell
    from ..model import (
        Appeals,
        ApplicantRow,
        CaseOutcomes,
        DisclosureRequests,
        Outcomes,
        ProactiveDisclosure2019,
        ProactiveDisclosure2021,
        Report,
        Template,
    )

    later = st.deferred
    st.register_type_strategy(Report, later(lambda: reports()))
    st.register_type_strategy(DisclosureRequests, later(lambda: disclosure_requests()))
    st.register_type_strategy(Outcomes, later(lambda: disclosure_requests().map(_outcomes)))
    st.register_type_strategy(ApplicantRow, later(lambda: applicant_rows()))
    st.register_type_strategy(Appeals, later(lambda: appeals()))
    st.register_type_strategy(CaseOutcomes, later(lambda: case_outcomes()))
    st.register_type_strategy(Cell, later(lambda: cells()))
    st.register_type_strategy(
        ProactiveDisclosure2021, later(lambda: proactive(template=Template.V2021))
    )
    st.register_type_strategy(
        ProactiveDisclosure2019, later(lambda: proactive(template=Template.V2019))
    )


# The hook above must exist before Hypothesis is imported, hence the imports below it.
from ._build import (  # noqa: E402
    AGENCIES,
    _outcomes,
    appeals,
    applicant_rows,
    case_outcomes,
    cells,
    counts,
    disclosure_requests,
    proactive,
    reports,
)
from ._corrupt import (  # noqa: E402
    CORRUPTIBLE_CODES,
    PAIR_CORRUPTIBLE_CODES,
    Corruption,
    corrupted_report_pairs,
    corrupted_reports,
    report_pairs,
)
from ._hidden import HIDDEN_KINDS, HiddenValue, hidden_cells, with_hidden_value  # noqa: E402
from ._unknown import with_unknown_cells  # noqa: E402

__all__ = [
    "AGENCIES",
    "CORRUPTIBLE_CODES",
    "HIDDEN_KINDS",
    "PAIR_CORRUPTIBLE_CODES",
    "Corruption",
    "HiddenValue",
    "appeals",
    "applicant_rows",
    "case_outcomes",
    "cells",
    "corrupted_report_pairs",
    "corrupted_reports",
    "counts",
    "disclosure_requests",
    "hidden_cells",
    "proactive",
    "report_pairs",
    "reports",
    "with_hidden_value",
    "with_unknown_cells",
]
