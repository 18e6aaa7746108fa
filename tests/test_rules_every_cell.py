"""Every rule that touches a cell, on a non-zero value printed without a number (issue 16).

A cell of any section holds a value ≠ 0 consistent with the rest of a valid report, but is
printed blank, as a placeholder, as text, not printed (missing) or not read
(:func:`zfxxgk.strategies.with_hidden_value`).  Each rule either reports the cell (``CELL-*``),
or says it could not check (``UNCHECKED``), and never reports a mismatch computed with the cell
as 0 — unless the template counts the cell as 0 (blank, placeholder, text): then the mismatch
is real and must be reported.

The two bugs an audit planted and the suite missed are killed here by name:
``PAIR-DOCUMENT-STOCK`` computing with a blank previous stock as 0, and the section-四 guard
looking at the four parts only (a missing 总计 counted as 0).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import zfxxgk
from zfxxgk import strategies as zst
from zfxxgk.cells import Cell, CellKind
from zfxxgk.model import Report, Template
from zfxxgk.rules import UNCHECKED, check_pair
from zfxxgk.template import cell_specs, replace_at

from .conftest import REPO, a_year_before
from .hypothesis_profiles import examples

_EXAMPLE = REPO / "examples" / "reports" / "示例镇人民政府-2024.txt"
_EXAMPLE_2021 = _EXAMPLE

CELL_CODE = {
    CellKind.BLANK: "CELL-BLANK",
    CellKind.PLACEHOLDER: "CELL-PLACEHOLDER",
    CellKind.TEXT: "CELL-TEXT",
    CellKind.MISSING: "CELL-MISSING",
    CellKind.UNREAD: "CELL-UNREAD",
}
IDENTITIES = frozenset({"S3-BALANCE", "S3-ROW-TOTAL", "S3-OUTCOME-TOTAL", "S4-TOTAL"})
"""The codes of the identities of sections 三 and 四: every cell there is in one."""
NUMERIC = IDENTITIES | {"S3-CARRY-EXCEEDS", "S2-PUBLISHED-EXCEEDS"}
"""Every single-report code that compares numbers."""

_SECTION = {
    spec.dotted: spec.section
    for template in Template
    for single in (True, False)
    if not (template is Template.V2019 and not single)
    for spec in cell_specs(template, other_single=single)
}


def _s4_groups() -> tuple[str, ...]:
    return ("review", "lawsuit_direct", "lawsuit_after_review")


# --------------------------------------------------------------------------------------
# Any cell, any kind, one report
# --------------------------------------------------------------------------------------


@settings(max_examples=examples(150))
@given(zst.with_hidden_value())
def test_every_rule_on_a_hidden_non_zero_cell(case: tuple[Report, zst.HiddenValue]) -> None:
    report, hidden = case
    findings = zfxxgk.check(report)
    codes = findings.codes
    own = CELL_CODE[hidden.cell.kind]
    # the cell itself is reported, at its path
    assert (own, hidden.path) in {(f.code, f.path) for f in findings}
    in_identity = _SECTION[hidden.path] in ("三", "四")
    if hidden.counts_as_zero:
        # the template counts it as 0: the value was not 0, so the identities through the
        # cell no longer hold, and that is reported; nothing is "unchecked"
        assert codes <= {own} | NUMERIC, findings
        if in_identity:
            assert codes & IDENTITIES, findings
    else:
        # unknown: never a mismatch computed with it as 0; an identity through it is UNCHECKED
        assert codes <= {own, UNCHECKED}, findings
        if in_identity:
            assert UNCHECKED in codes
            assert all(f.path is not None for f in findings)


@settings(max_examples=examples(40))
@given(
    zst.with_hidden_value(
        zst.reports(template=Template.V2021),
        kinds=(CellKind.MISSING, CellKind.UNREAD),
        paths=[f"appeals.{g}.total" for g in _s4_groups()],
    )
)
def test_an_unknown_section4_total_is_unchecked(case: tuple[Report, zst.HiddenValue]) -> None:
    """The section-四 guard looks at the 总计 too, not only at the four parts."""
    report, hidden = case
    findings = zfxxgk.check(report)
    assert "S4-TOTAL" not in findings.codes, findings
    unchecked = [f for f in findings if f.code == UNCHECKED]
    assert [f.path for f in unchecked] == [hidden.path]


@pytest.mark.parametrize("group", _s4_groups())
@pytest.mark.parametrize("unknown", [Cell.missing(), Cell.unread()], ids=["missing", "unread"])
def test_a_missing_section4_total_is_never_0(group: str, unknown: Cell) -> None:
    """Every group of section 四, its 总计 missing or unread, the parts non-zero: UNCHECKED,
    never S4-TOTAL (a guard over the four parts only would compare the parts with 0)."""
    damaged = zfxxgk.read(_EXAMPLE).report
    for name, value in zip(("upheld", "corrected", "other", "pending"), (2, 1, 0, 3), strict=True):
        damaged = replace_at(damaged, f"appeals.{group}.{name}", Cell.of(value))
    damaged = replace_at(damaged, f"appeals.{group}.total", unknown)
    findings = zfxxgk.check(damaged)
    assert "S4-TOTAL" not in findings.codes
    assert [(f.code, f.path) for f in findings if f.code in (UNCHECKED, "S4-TOTAL")] == [
        (UNCHECKED, f"appeals.{group}.total")
    ]


# --------------------------------------------------------------------------------------
# Pairs of reports: PAIR-CARRY-OVER and PAIR-DOCUMENT-STOCK
# --------------------------------------------------------------------------------------

_DOCS = ("regulations", "normative_documents")
_COLUMNS = ("natural_person", "research_institution", "total")
_PREVIOUS_CELLS = (
    *(f"requests.carried_forward.{name}" for name in _COLUMNS),
    *(f"proactive.{d}.in_force" for d in _DOCS),
)
_CURRENT_CELLS = (
    *(f"requests.carried_over.{name}" for name in _COLUMNS),
    *(f"proactive.{d}.{n}" for d in _DOCS for n in ("issued", "repealed", "in_force")),
)


@st.composite
def _pair_with_hidden(draw: st.DrawFn) -> tuple[Report, Report, zst.HiddenValue, bool]:
    previous, current = draw(zst.report_pairs())
    in_previous = draw(st.booleans())
    base = previous if in_previous else current
    paths = _PREVIOUS_CELLS if in_previous else _CURRENT_CELLS
    changed, hidden = draw(zst.with_hidden_value(st.just(base), paths=paths))
    if in_previous:
        return changed, current, hidden, True
    return previous, changed, hidden, False


@settings(max_examples=examples(150))
@given(_pair_with_hidden())
def test_pair_rules_on_a_hidden_non_zero_cell(
    case: tuple[Report, Report, zst.HiddenValue, bool],
) -> None:
    previous, current, hidden, _ = case
    findings = check_pair(previous, current)
    codes = findings.codes - {"PAIR-SEQUENCE"}
    assert "PAIR-SEQUENCE" not in findings.codes  # report_pairs are consecutive, one agency
    stock = hidden.path.startswith("proactive.")
    if stock and previous.info.template is not current.info.template:
        assert not codes, findings  # 2020 → 2021: the 2019 template has no stock of documents
    elif not hidden.counts_as_zero:
        # unknown: the comparison through it is UNCHECKED, never made with 0
        assert codes == {UNCHECKED}, findings
    elif stock:
        # 现行有效件数: all its cells must be numbers; a non-zero stock (or issue, repeal)
        # printed blank is not computed with as 0 — the soft relation is not checked
        assert not codes, findings
    else:
        # 上年结转 = 结转下年度: blank counts as 0 (the template), so the value ≠ 0 that was
        # printed blank breaks the equality and is reported
        assert codes == {"PAIR-CARRY-OVER"}, findings


def test_a_blank_previous_stock_is_not_computed_as_0() -> None:
    """PAIR-DOCUMENT-STOCK with last year's 现行有效件数 printed blank (or "/"): the stock was
    not 0 (this year's figures follow from a stock of 40), so computing with 0 would accuse
    a correct report.  The rule needs numbers: silent; unknown: UNCHECKED."""
    report = zfxxgk.read(_EXAMPLE_2021).report
    assert report.info.template is Template.V2021 and report.info.year is not None
    row = report.proactive.regulations  # type: ignore[union-attr]
    issued, repealed = row.issued.amount(), row.repealed.amount()
    assert isinstance(issued, int) and isinstance(repealed, int)
    current = replace_at(report, "proactive.regulations.in_force", Cell.of(40 + issued - repealed))
    current = replace_at(current, "requests.carried_over", report.requests.carried_forward)
    previous = a_year_before(report)
    consistent = replace_at(previous, "proactive.regulations.in_force", Cell.of(40))
    assert "PAIR-DOCUMENT-STOCK" not in check_pair(consistent, current).codes
    wrong = replace_at(previous, "proactive.regulations.in_force", Cell.of(39))
    assert "PAIR-DOCUMENT-STOCK" in check_pair(wrong, current).codes  # the rule does check
    for printed in (Cell.blank(), Cell.placeholder("/"), Cell(raw="见附件", kind=CellKind.TEXT)):
        blank = replace_at(previous, "proactive.regulations.in_force", printed)
        findings = check_pair(blank, current)
        assert not findings.codes & {"PAIR-DOCUMENT-STOCK", UNCHECKED}, findings
    for unknown in (Cell.missing(), Cell.unread()):
        blank = replace_at(previous, "proactive.regulations.in_force", unknown)
        findings = check_pair(blank, current)
        assert [(f.code, f.path) for f in findings] == [
            (UNCHECKED, "proactive.regulations.in_force")
        ]
