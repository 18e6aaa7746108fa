"""Every place in ``ParseResult.provenance`` of every real report and example, as the eager
``dict`` gave it (``tests/provenance_snapshot.py``)."""

from __future__ import annotations

import json

import pytest

from .corpus_truth import CORPUS
from .provenance_snapshot import SNAPSHOT, digest, snapshot, sources

NO_CORPUS = f"the shared corpus is not here ({CORPUS}); only the examples are compared"


def test_every_place_is_as_it_was() -> None:
    kept: dict[str, str] = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    fresh = snapshot()
    assert any(name.startswith("examples/") for name in fresh)
    for name, value in fresh.items():
        assert value == kept.get(name), name
    if not CORPUS.is_dir():
        pytest.skip(NO_CORPUS)
    assert fresh == kept


def test_the_digest_sees_every_place() -> None:
    from zfxxgk.readers import read

    path = next(p for name, p in sources().items() if name.startswith("examples/"))
    result = read(path)
    before = digest(result)
    (first, place), *_ = result.provenance.items()
    moved = dict(result.provenance)
    moved[first] = type(place)(file=place.file, table=place.table, row=place.row, cell=99)
    assert digest(type(result)(report=result.report, provenance=moved)) != before
    reordered = dict(reversed(list(result.provenance.items())))
    assert digest(type(result)(report=result.report, provenance=reordered)) != before
