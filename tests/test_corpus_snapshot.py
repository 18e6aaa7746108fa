"""What users see on the real-report corpus does not change unless a change means it to.

Compares a fresh run of :mod:`tests.corpus_snapshot` (``check``, ``series``, ``compare``,
``similar`` and every reader diagnostic on ``../shared/corpus``) with the snapshot kept in
``tests/snapshots/corpus.json``.  A change that is meant to alter findings, codes, messages or
exit codes writes the snapshot again (``python -m tests.corpus_snapshot --write``) and the
difference is reviewed with the change.
"""

from __future__ import annotations

import difflib
import json

import pytest

from . import corpus_snapshot
from .corpus_truth import SKIP_REASON, corpus_available

pytestmark = pytest.mark.skipif(not corpus_available(), reason=SKIP_REASON)


def test_the_corpus_reads_and_checks_as_in_the_snapshot() -> None:
    want = corpus_snapshot.SNAPSHOT.read_text(encoding="utf-8")
    got = corpus_snapshot.dumps(corpus_snapshot.snapshot())
    if got != want:
        diff = difflib.unified_diff(
            want.splitlines(), got.splitlines(), "snapshot", "now", lineterm="", n=2
        )
        pytest.fail(
            "what the commands say about the corpus changed (if meant: "
            "python -m tests.corpus_snapshot --write):\n" + "\n".join(list(diff)[:120])
        )


def test_the_snapshot_covers_every_case_and_command() -> None:
    data = json.loads(corpus_snapshot.SNAPSHOT.read_text(encoding="utf-8"))
    cases = {p.parent.name for p in corpus_snapshot.CORPUS.glob("*/source.*")}
    assert set(data["read"]) == cases
    assert set(data["check"]["reports"]) == cases
    assert data["check"]["exit"] == 1  # the corpus has real table errors
    assert sum(len(r["findings"]) for r in data["check"]["reports"].values()) > 100
    assert [s["years"] for s in data["series-html"]["series"]] == [list(range(2019, 2026))]
