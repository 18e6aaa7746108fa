"""The oracle for silent changes (issue 15): one printed digit of one cell changed, read again.

Either exactly that cell changes (to the digit printed) or a diagnostic appears; anything else
is a wrong number nobody is told about.  The oracle is ``tests/silent_changes.py``; here it
runs on a deterministic sample — two cells of every corpus file whose digits can be edited
(HTML, text, Markdown, DOCX; PDF cannot be edited digit by digit, see that module) and every
cell of a report the library renders — and is itself tested on changes it must call silent.
``python scripts/fuzz_readers.py --oracle --corpus ../shared/corpus`` runs every number cell.
"""

from __future__ import annotations

import collections
import random
from pathlib import Path

import pytest

from zfxxgk import render
from zfxxgk.cells import CellKind
from zfxxgk.readers import read

from .corpus_truth import CORPUS, SKIP_REASON
from .fixtures.reports import report_2021
from .silent_changes import Snapshot, changes, corpus_sources, judge, snapshot

SOURCES = corpus_sources(CORPUS) if CORPUS.is_dir() else []
NO_NUMBERS = {"template-2021-blank-docx", "pingtan-2018-pre2019-crawltext"}
"""A blank template and a report before 2019 (refused): no number cell to edit."""


@pytest.mark.usefixtures("hang_guard")
@pytest.mark.skipif(not SOURCES, reason=SKIP_REASON)
@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.parent.name)
def test_one_digit_changed_in_a_corpus_file(source: Path) -> None:
    found = list(changes(source, random.Random(f"silent-{source.parent.name}"), limit=2))
    silent = [str(c) for c in found if c.verdict == "silent"]
    assert not silent, silent
    assert all(c.verdict != "refused" for c in found), [str(c) for c in found]
    if source.parent.name not in NO_NUMBERS:  # the edits reach cells, crawled text too
        assert any(c.verdict != "outside" for c in found), [str(c) for c in found]


@pytest.mark.usefixtures("hang_guard")
@pytest.mark.parametrize("style", ["html", "md", "txt"])
def test_every_cell_of_a_rendered_report(tmp_path: Path, style: str) -> None:
    report = report_2021()
    text = {
        "html": render.to_html(report, page=True),
        "md": render.to_markdown(report),
        "txt": render.to_text(report, style="tabs"),
    }[style]
    path = tmp_path / "rendered" / f"source.{style}"
    path.parent.mkdir()
    path.write_text(text, encoding="utf-8")
    verdicts = collections.Counter()
    for change in changes(path, random.Random(style), limit=40):
        assert change.verdict not in ("silent", "refused"), str(change)
        verdicts[change.verdict] += 1
    assert verdicts["exact"] >= 30, verdicts


def _before() -> Snapshot:
    page = render.to_html(report_2021(), page=True).encode()
    return snapshot(read(page, name="r.html"))


def test_the_oracle_calls_a_change_of_another_cell_silent() -> None:
    before = _before()
    first, second = sorted(before.provenance)[:2]
    values = dict(before.values)
    kind = values[second][0]
    values[second] = (kind, 12345)  # the digit was printed in *first*, *second* changed
    printed = dict(before.printed)
    printed[before.provenance[first]] = "99"
    after = Snapshot(values, before.diagnostics, printed, before.provenance)
    verdict, detail = judge(before, after, "99")
    assert verdict == "silent" and second in detail and first in detail


def test_the_oracle_calls_an_unchanged_value_silent() -> None:
    """The printed digits changed and the value did not: a wrong number."""
    before = _before()
    first = sorted(before.provenance)[0]
    printed = dict(before.printed)
    printed[before.provenance[first]] = "98765"
    after = Snapshot(before.values, before.diagnostics, printed, before.provenance)
    assert judge(before, after, "98765")[0] == "silent"


def test_the_oracle_calls_a_wrong_new_value_silent_and_the_right_one_exact() -> None:
    before = _before()
    path = next(p for p in sorted(before.provenance) if before.values[p][0] is CellKind.NUMBER)
    printed = dict(before.printed)
    printed[before.provenance[path]] = "4321"
    for value, verdict in ((4321, "exact"), (4322, "silent"), (43210, "silent")):
        values = {**before.values, path: (CellKind.NUMBER, value)}
        after = Snapshot(values, before.diagnostics, printed, before.provenance)
        assert judge(before, after, "4321")[0] == verdict, value


def test_a_new_diagnostic_is_not_silent() -> None:
    before = _before()
    diagnostics = before.diagnostics + collections.Counter({("R105", "x", None): 1})
    values = dict.fromkeys(before.values, (CellKind.TEXT, None))
    after = Snapshot(values, diagnostics, before.printed, before.provenance)
    assert judge(before, after, "1")[0] == "diagnosed"
