"""Every narrative claim and every default finding on the real-report corpus, kept in the
repository: the guard of the narrative's rewrite (issue 17).

For each case of ``../shared/corpus`` (its ``source.*`` read by :func:`zfxxgk.read`) this
records a digest of each narrative section as read (一, 五, 六), every claim
:func:`zfxxgk.narrative.report_claims` extracts (kind, value, span, unit, scope, subject,
keyword, year, approximate, confidence, doubt, basis, section, and a digest of the quoted
sentence: quotes of the reports stay in ``../shared``) and every finding of
``RuleSet.default().check`` (code, severity, path, reported, expected, a digest of the
message); and the same for the claims :func:`~zfxxgk.narrative.extract_claims` reads in
the document's whole text (its paragraphs, with a digest of the text).

``tests/test_narrative_corpus_snapshot.py`` compares a fresh run with
``tests/snapshots/narrative_corpus.json``.  When a reader changes what a section reads as,
the section's digest says so and the claims of that case are not comparable; when the text
is the same, its claims and findings must be.  After a change meant to alter them::

    python -m tests.narrative_snapshot --write
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path
from typing import Any

import zfxxgk
from zfxxgk.narrative import Claim, extract_claims, report_claims
from zfxxgk.rules import RuleSet

from .corpus_truth import CORPUS

SNAPSHOT = Path(__file__).parent / "snapshots" / "narrative_corpus.json"


def _digest(text: object) -> str:
    return hashlib.sha256(str(text).encode("utf-8")).hexdigest()[:16]


def _value(value: object) -> object:
    return None if value is None else str(value)


def claim_record(claim: Claim) -> list[Any]:
    """One claim as a JSON list (the quoted sentence as a digest)."""
    return [
        claim.kind.value,
        str(claim.value),
        list(claim.span),
        _value(claim.unit and claim.unit.value),
        claim.scope,
        claim.subject,
        claim.keyword,
        claim.year,
        claim.approximate,
        claim.confidence.value,
        claim.doubt,
        claim.basis and claim.basis.value,
        claim.section,
        _digest(claim.sentence),
    ]


def case_record(result: zfxxgk.ParseResult) -> dict[str, Any]:
    """The sections' digests, claims and default findings of one report read, and the claims
    of its whole text (every paragraph: more numbers than the narrative sections hold)."""
    report = result.report
    findings = RuleSet.default().check(report)
    text = result.document.text() if result.document is not None else ""
    return {
        "document": [_digest(text), [claim_record(c) for c in extract_claims(text)]],
        "sections": [
            None if text is None else _digest(text)
            for text in (report.overview, report.problems, report.other_matters)
        ],
        "claims": [claim_record(c) for c in report_claims(report)],
        "findings": [
            [
                f.code,
                str(f.severity),
                f.path,
                _value(f.reported),
                _value(f.expected),
                _digest(f.message),
            ]
            for f in findings
        ],
    }


def snapshot() -> dict[str, Any]:
    """Every case of the corpus: its record, or the code of the error reading it."""
    out: dict[str, Any] = {}
    for source in sorted(CORPUS.glob("*/source.*")):
        try:
            result = zfxxgk.read(source)
        except zfxxgk.ZfxxgkError as error:
            out[source.parent.name] = {"error": error.code}
            continue
        out[source.parent.name] = case_record(result)
    return out


def dumps(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def _main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true", help=f"write {SNAPSHOT}")
    args = parser.parse_args()
    text = dumps(snapshot())
    if args.write:
        SNAPSHOT.parent.mkdir(exist_ok=True)
        SNAPSHOT.write_text(text, encoding="utf-8")
        print(f"written to {SNAPSHOT}")
    else:
        print(text, end="")


if __name__ == "__main__":
    _main()
