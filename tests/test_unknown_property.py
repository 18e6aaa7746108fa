"""Must show (issue 14): an unknown cell never enters a check as 0.

Take a drawn report, make any subset of its cells unknown (not printed, or not read): no check
reports a numeric mismatch whose computation touched an unknown cell, and every identity that
touched one is reported as not checkable (``UNCHECKED``) exactly once.  The same for the pair
rules across two years.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import zfxxgk
from zfxxgk.arithmetic import section3_paths
from zfxxgk.identities import (
    SECTION4_IDENTITIES,
    IdentityKind,
    section3_identities,
)
from zfxxgk.model import ApplicantRow, CaseOutcomes, ProactiveDisclosure2019, Report, Template
from zfxxgk.rules import UNCHECKED, check_pair
from zfxxgk.strategies import corrupted_reports, report_pairs, reports, with_unknown_cells
from zfxxgk.template import get_at, iter_cells, replace_at

_COLUMNS = tuple(f.name for f in attrs.fields(ApplicantRow))
_CASE = tuple(f.name for f in attrs.fields(CaseOutcomes))
_GROUPS = ("appeals.review", "appeals.lawsuit_direct", "appeals.lawsuit_after_review")
_MISMATCHES = frozenset(
    {
        "S3-BALANCE",
        "S3-ROW-TOTAL",
        "S3-OUTCOME-TOTAL",
        "S4-TOTAL",
        "S3-CARRY-EXCEEDS",
        "S2-PUBLISHED-EXCEEDS",
    }
)
"""The single-report checks that compare numbers (reported against expected)."""


def _identities(report: Report) -> Iterator[tuple[str, tuple[str, ...]]]:
    """Every identity and soft inequality of one report: (the cell that carries it, its
    cells), written out here from the identity table and the template — not from the rules."""
    single = isinstance(report.requests.outcomes.other_handling, ApplicantRow)
    rows = [".".join(p) for p in section3_paths(report.info.template, other_single=single)]
    table = section3_identities(len(rows))

    def s3(position: tuple[int, int]) -> str:
        return f"{rows[position[0]]}.{_COLUMNS[position[1]]}"

    for identity in table.identities:
        yield s3(identity.carrier), tuple(map(s3, identity.cells))
    for identity in table.of_kind(IdentityKind.BALANCE):  # S3-CARRY-EXCEEDS: 四 ≤ 一 + 二
        yield s3(identity.carrier), (*map(s3, identity.total), s3(identity.carrier))
    for identity in SECTION4_IDENTITIES.identities:

        def s4(position: tuple[int, int]) -> str:
            return f"{_GROUPS[position[0]]}.{_CASE[position[1]]}"

        yield s4(identity.carrier), tuple(map(s4, identity.cells))
    if isinstance(report.proactive, ProactiveDisclosure2019):
        for name in ("regulations", "normative_documents"):
            cells = (f"proactive.{name}.published", f"proactive.{name}.public_total")
            yield cells[0], cells


def _touched(report: Report, unknown: frozenset[str]) -> Counter[str]:
    """Per carrying cell, how many identities touch an unknown cell."""
    return Counter(at for at, cells in _identities(report) if unknown.intersection(cells))


def _unknown_in(report: Report) -> frozenset[str]:
    return frozenset(spec.dotted for spec, cell in iter_cells(report) if cell.is_unknown)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(case=with_unknown_cells(reports(blanks=True, placeholders=True)))
def test_valid_report_with_unknown_cells(case: tuple[Report, frozenset[str]]) -> None:
    """A valid report stays free of mismatches whatever is not read: a mismatch could only
    come from an unknown cell counted as 0.  Each identity through an unknown cell is said
    to be unchecked once."""
    report, unknown = case
    assert _unknown_in(report) == unknown
    findings = zfxxgk.check(report)
    assert not findings.codes & _MISMATCHES, [str(f) for f in findings]
    unchecked = [f for f in findings if f.code == UNCHECKED]
    assert Counter(f.path for f in unchecked) == _touched(report, unknown)
    for finding in unchecked:
        assert "无法核对" in finding.message and finding.reported is finding.expected is None
    assert {f.path for f in findings if f.code in {"CELL-MISSING", "CELL-UNREAD"}} == unknown


def _known_identity_through(report: Report, path: str, unknown: frozenset[str]) -> bool:
    return any(
        path in cells and not unknown.intersection(cells) for _, cells in _identities(report)
    )


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(case=corrupted_reports(), data=st.data())
def test_wrong_report_with_unknown_cells(case: tuple[Report, object], data: st.DataObject) -> None:
    """With a wrong number too: every mismatch is at a known cell and computed through an
    identity whose cells are all known; every identity through an unknown cell is unchecked
    exactly once."""
    report, _ = case
    broken, _ = data.draw(with_unknown_cells(st.just(report)))
    unknown = _unknown_in(broken)  # the corruption may be a missing cell too
    findings = zfxxgk.check(broken)
    for finding in findings:
        if finding.code in _MISMATCHES and finding.code != "S2-PUBLISHED-EXCEEDS":
            assert finding.path not in unknown, str(finding)
            assert finding.path is not None
            assert _known_identity_through(broken, finding.path, unknown), str(finding)
    assert Counter(f.path for f in findings if f.code == UNCHECKED) == _touched(broken, unknown)


# --------------------------------------------------------------------------------------
# Two years
# --------------------------------------------------------------------------------------


def _pair_cells(previous: Report, current: Report) -> list[tuple[str, str, str]]:
    """(report, path, carrier) of every cell a pair rule compares: ``"previous"`` or
    ``"current"``, the cell's path, the current cell that carries the comparison."""
    out = []
    for name in _COLUMNS:
        at = f"requests.carried_over.{name}"
        out += [("previous", f"requests.carried_forward.{name}", at), ("current", at, at)]
    if previous.info.template is current.info.template is Template.V2021:
        for row in ("regulations", "normative_documents"):
            at = f"proactive.{row}.in_force"
            out.append(("previous", at, at))
            out += [("current", f"proactive.{row}.{c}", at) for c in ("issued", "repealed")]
            out.append(("current", at, at))
    return out


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(pair=report_pairs(), data=st.data())
def test_pair_rules_never_compare_an_unknown_cell_as_0(
    pair: tuple[Report, Report], data: st.DataObject
) -> None:
    """The two reports agree; make any of the compared cells of either year unknown (unread
    or not printed): no pair mismatch, and one UNCHECKED per comparison touched."""
    previous, current = pair
    cells = _pair_cells(previous, current)
    chosen = data.draw(st.sets(st.sampled_from(cells), max_size=len(cells)))
    reports = {"previous": previous, "current": current}
    for which, path, _ in chosen:
        cell = data.draw(st.sampled_from([zfxxgk.Cell.unread(), zfxxgk.Cell.missing()]))
        reports[which] = replace_at(reports[which], path, cell)
    findings = check_pair(reports["previous"], reports["current"])
    assert not findings.codes & {"PAIR-CARRY-OVER", "PAIR-DOCUMENT-STOCK"}, str(findings)
    touched = {carrier for _, _, carrier in chosen}
    assert Counter(f.path for f in findings if f.code == UNCHECKED) == Counter(touched)
    for which, path, carrier in chosen:
        (finding,) = [f for f in findings if f.code == UNCHECKED and f.path == carrier]
        assert get_at(reports[which], path).is_unknown
        assert "无法核对" in finding.message
        if which == "previous":
            assert "上一年度报告" in finding.message


def test_with_unknown_cells_takes_only_unknown_kinds() -> None:
    from hypothesis.errors import InvalidArgument

    from zfxxgk.cells import CellKind

    with pytest.raises(InvalidArgument):
        with_unknown_cells(kinds=[CellKind.BLANK])
    with pytest.raises(InvalidArgument):
        with_unknown_cells(kinds=[])
