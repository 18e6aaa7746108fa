"""The narrative's claim extraction as it was before issue 17 — every number read by searching
its neighbourhood with the lexicon's patterns, piece by piece — kept as the reference the
one-pass extraction of :mod:`zfxxgk.narrative.extract` is compared with
(``tests/test_narrative_one_pass.py``).  Only the tests import it; it is not maintained as
code of the library (the lexicon, the numbers and the normalisation are the library's)."""

from .extract import extract_claims, report_claims

__all__ = ["extract_claims", "report_claims"]
