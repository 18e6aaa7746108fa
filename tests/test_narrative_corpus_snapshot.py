"""Every claim and every default finding on the real-report corpus stays as recorded.

Compares a fresh run of :mod:`tests.narrative_snapshot` with
``tests/snapshots/narrative_corpus.json`` case by case.  A case whose narrative reads
differently now (a reader changed: the sections' digests differ) is reported as such, not as
a change of the extraction; for every other case the claims and findings must be the same.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from . import narrative_snapshot
from .corpus_truth import SKIP_REASON, corpus_available

pytestmark = pytest.mark.skipif(not corpus_available(), reason=SKIP_REASON)


def _differences(want: dict[str, Any], got: dict[str, Any]) -> list[str]:
    out = []
    for case in sorted(set(want) | set(got)):
        old, new = want.get(case), got.get(case)
        if old == new:
            continue
        if old is None or new is None:
            out.append(f"{case}: {'new case' if old is None else 'case gone'}")
        elif old.get("sections") != new.get("sections") or (
            old.get("document", [None])[0] != new.get("document", [None])[0]
        ):
            out.append(f"{case}: the narrative reads differently (a reader changed)")
        else:
            for key in ("claims", "findings", "error", "document"):
                if old.get(key) != new.get(key):
                    lost = [x for x in old.get(key) or [] if x not in (new.get(key) or [])]
                    added = [x for x in new.get(key) or [] if x not in (old.get(key) or [])]
                    out.append(f"{case}: {key} changed; lost {lost[:5]}, added {added[:5]}")
    return out


def test_every_claim_and_finding_on_the_corpus_is_as_recorded() -> None:
    want = json.loads(narrative_snapshot.SNAPSHOT.read_text(encoding="utf-8"))
    got = json.loads(narrative_snapshot.dumps(narrative_snapshot.snapshot()))
    differences = _differences(want, got)
    assert not differences, (
        "the narrative's claims or findings on the corpus changed (if meant: "
        "python -m tests.narrative_snapshot --write):\n" + "\n".join(differences)
    )


def test_the_snapshot_covers_every_case_with_claims() -> None:
    data = json.loads(narrative_snapshot.SNAPSHOT.read_text(encoding="utf-8"))
    cases = {p.parent.name for p in narrative_snapshot.CORPUS.glob("*/source.*")}
    assert set(data) == cases
    claims = [c for record in data.values() for c in record.get("claims", ())]
    assert len(claims) > 200  # the corpus's narratives state hundreds of numbers
    whole = [c for record in data.values() for c in record.get("document", ("", ()))[1]]
    assert len(whole) >= len(claims)  # the whole text holds the narrative sections
    assert len({c[0] for c in claims}) > 10  # of many kinds
    assert sum(len(record.get("findings", ())) for record in data.values()) > 100
