"""Properties of :func:`zfxxgk.readers.crawltext.recover` on synthetic run-together text.

Reports are built from their parts with the model's named constructors (every total computed),
printed the way the crawler printed them (:func:`tests.test_crawltext.run_together`), and read
back.  The one promise that matters: **a recovered cell is always the printed cell** — for
consistent reports and for reports whose printed arithmetic is wrong.  And where the digits
leave one answer, it is found.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Sequence
from decimal import Decimal

from hypothesis import assume, given
from hypothesis import strategies as st

from zfxxgk.cells import Cell
from zfxxgk.errors import UnreadableDocumentError
from zfxxgk.model import (
    Appeals,
    ApplicantRow,
    DisclosureRequests,
    ProactiveDisclosure,
    Report,
    Template,
    proactive_2019,
    proactive_2021,
)
from zfxxgk.readers.crawltext import Recovered, recover
from zfxxgk.template import cell_specs, get_at, iter_cells, replace_at, row_specs

from .test_crawltext import glue_plain, glue_with_stray_spaces, run_together, wrong_cells

# ---------------------------------------------------------------------------------------------
# Strategies: leaves drawn, totals computed by the model
# ---------------------------------------------------------------------------------------------

counts = st.one_of(st.just(0), st.integers(0, 9), st.integers(10, 120), st.integers(100, 3000))
Row = list[int]
zero_row: Row = [0] * 6


def applicant_rows(values: st.SearchStrategy[int] = counts) -> st.SearchStrategy[Row]:
    """Rows as reports have them: many all zero, most with only a few applicant kinds."""
    rare = st.one_of(st.just(0), st.just(0), st.just(0), values)
    sparse = st.tuples(values, rare, rare, rare, rare, rare).map(list)
    dense = st.lists(values, min_size=6, max_size=6)
    return st.one_of(st.just(zero_row), sparse, sparse, dense)


@st.composite
def requests(
    draw: st.DrawFn, *, single: bool, values: st.SearchStrategy[int] = counts
) -> DisclosureRequests:
    rows = applicant_rows(values)
    disclosed, partial = draw(rows), draw(rows)
    withheld = [draw(rows) for _ in range(8)]
    unavailable = [draw(rows) for _ in range(3)]
    not_processed = [draw(rows) for _ in range(5)]
    other = [draw(rows) for _ in range(1 if single else 3)]
    forward = draw(rows)
    leaves = [disclosed, partial, *withheld, *unavailable, *not_processed, *other]
    handled = [sum(r[c] for r in leaves) for c in range(6)]
    carried = [
        draw(st.integers(0, handled[c] + forward[c])) if draw(st.booleans()) else 0
        for c in range(6)
    ]
    new = [handled[c] + forward[c] - carried[c] for c in range(6)]
    return DisclosureRequests.from_counts(
        new=new,
        carried_over=carried,
        disclosed=disclosed,
        partially_disclosed=partial,
        withheld=withheld,
        unavailable=unavailable,
        not_processed=not_processed,
        other_handling=None if single else other,
        other_handling_single=other[0] if single else None,
    )


@st.composite
def appeals(draw: st.DrawFn, values: st.SearchStrategy[int] = counts) -> Appeals:
    group = st.one_of(st.just([0, 0, 0, 0]), st.lists(values, min_size=4, max_size=4))
    return Appeals.from_counts(draw(group), draw(group), draw(group))


money = st.integers(0, 10**9).map(lambda n: Decimal(n) / 100)


def proactive(template: Template) -> st.SearchStrategy[ProactiveDisclosure]:
    three = st.tuples(counts, counts, counts)
    if template is Template.V2021:
        return st.builds(
            proactive_2021,
            regulations=three,
            normative_documents=three,
            licensing=counts,
            penalties=counts,
            coercion=counts,
            fees=money,
        )
    signed = st.tuples(counts, st.integers(-500, 500), counts)
    return st.builds(
        proactive_2019,
        regulations=three,
        normative_documents=three,
        licensing=signed,
        other_services=signed,
        penalties=signed,
        coercion=signed,
        fees=st.tuples(counts, st.integers(-50, 50)),
        procurement_projects=counts,
        procurement_amount=money,
    )


@st.composite
def reports(draw: st.DrawFn) -> Report:
    template = draw(st.sampled_from(Template))
    single = template is Template.V2019 or draw(st.booleans())
    return Report.build(
        agency=None,
        year=2024,
        proactive=draw(proactive(template)),
        requests=draw(requests(single=single)),
        appeals=draw(appeals()),
    )


glues = st.one_of(st.just(glue_plain), st.integers(0, 10**6).map(glue_with_stray_spaces))


def read_back(report: Report, glue_seed: object = glue_plain) -> Recovered | None:
    text = run_together(report, glue=glue_seed)  # type: ignore[arg-type]
    try:
        return recover(text, template=report.template)
    except UnreadableDocumentError:
        return None


# ---------------------------------------------------------------------------------------------
# Never a wrong number
# ---------------------------------------------------------------------------------------------


@given(reports(), glues)
def test_a_recovered_cell_is_always_the_printed_cell(report: Report, glue: object) -> None:
    result = read_back(report, glue)
    if result is not None:
        assert wrong_cells(result, report) == []
        assert result.other_single == isinstance(
            report.requests.outcomes.other_handling, type(report.requests.new)
        )


@st.composite
def misprinted(draw: st.DrawFn) -> Report:
    """A consistent report with one to three cells of section 三 or 四 printed wrong."""
    report = draw(reports())
    specs = [s for s, _ in iter_cells(report) if s.section in "三四"]
    for spec in draw(st.lists(st.sampled_from(specs), min_size=1, max_size=3, unique=True)):
        old: Cell = get_at(report, spec.path)
        new = draw(st.one_of(st.integers(0, 30), st.integers(0, 3000)))
        report = replace_at(report, spec.path, Cell.of(new if new != old.value else new + 1))
    return report


@given(misprinted())
def test_a_table_that_does_not_add_up_is_never_repaired(report: Report) -> None:
    result = read_back(report)
    if result is not None:
        assert wrong_cells(result, report) == []


@st.composite
def misprinted_rows(draw: st.DrawFn) -> Report:
    """A report whose outcome rows do not add up to （七）总计 although each row adds up."""
    report = draw(reports())
    leaves = report.requests.outcomes.leaf_rows
    index = draw(st.integers(0, len(leaves) - 1))
    row = draw(applicant_rows())
    specs = [s for s, c in iter_cells(report) if c is leaves[index].total]
    printed: Report = replace_at(report, specs[0].path[:-1], ApplicantRow.from_counts(*row))
    return printed


@given(misprinted_rows())
def test_rows_that_add_up_but_columns_that_do_not(report: Report) -> None:
    result = read_back(report)
    if result is not None:
        assert wrong_cells(result, report) == []


@st.composite
def with_blank_cells(draw: st.DrawFn, *, values_in: str = "") -> Report:
    """A report with zeros printed blank (as Word exports them) anywhere, and up to two
    non-zero values printed blank in the sections *values_in* (a value left out is a misprint:
    its row or group no longer adds up)."""
    report = draw(reports())
    cells = list(iter_cells(report))
    zeros = [s for s, c in cells if c.value == 0]
    values = [s for s, c in cells if c.value != 0 and s.section in values_in]
    chosen = draw(st.lists(st.sampled_from(zeros), max_size=6, unique=True)) if zeros else []
    if values:
        chosen += draw(st.lists(st.sampled_from(values), max_size=2, unique=True))
    for spec in chosen:
        report = replace_at(report, spec.path, Cell.blank())
    return report


@given(with_blank_cells())
def test_zeros_printed_blank_are_never_read_as_numbers(report: Report) -> None:
    result = read_back(report)
    if result is not None:
        assert wrong_cells(result, report) == []


@given(with_blank_cells(values_in="二三"))
def test_values_printed_blank_are_never_misread_outside_section_four(report: Report) -> None:
    # section 四 is out of this promise: there, a value left blank breaks its group's sum
    # *and* hides a cell, and no other identity checks the group (docs/crawltext.md,
    # "What it assumes"; test_crawltext.py has the known case)
    result = read_back(report)
    if result is not None:
        assert wrong_cells(result, report) == []


# ---------------------------------------------------------------------------------------------
# Where the digits leave one answer, it is found
# ---------------------------------------------------------------------------------------------

digits = st.integers(0, 9)


@st.composite
def small_requests(draw: st.DrawFn, *, single: bool) -> DisclosureRequests:
    """Section 三 where every number, totals included, is a single digit."""
    n_leaves = 18 + (1 if single else 3)
    events = draw(st.lists(st.tuples(st.integers(0, n_leaves - 1), st.integers(0, 5)), max_size=7))
    forward_events = draw(st.lists(st.integers(0, 5), max_size=9 - len(events)))
    leaves = [[0] * 6 for _ in range(n_leaves)]
    for leaf, column in events:
        leaves[leaf][column] += 1
    forward = [forward_events.count(c) for c in range(6)]
    handled = [sum(r[c] for r in leaves) for c in range(6)]
    carried = [draw(st.integers(0, min(1, handled[c] + forward[c]))) for c in range(6)]
    new = [handled[c] + forward[c] - carried[c] for c in range(6)]
    return DisclosureRequests.from_counts(
        new=new,
        carried_over=carried,
        disclosed=leaves[0],
        partially_disclosed=leaves[1],
        withheld=leaves[2:10],
        unavailable=leaves[10:13],
        not_processed=leaves[13:18],
        other_handling=None if single else leaves[18:],
        other_handling_single=leaves[18] if single else None,
    )


@st.composite
def small_reports(draw: st.DrawFn) -> Report:
    template = draw(st.sampled_from(Template))
    single = template is Template.V2019 or draw(st.booleans())
    group = st.lists(st.integers(0, 3), min_size=4, max_size=4).filter(lambda g: sum(g) <= 9)
    section_two = (
        proactive_2021(
            regulations=draw(st.tuples(digits, digits, digits)),
            normative_documents=draw(st.tuples(digits, digits, digits)),
            licensing=draw(counts),
            penalties=draw(counts),
            coercion=draw(counts),
            fees=draw(money),
        )
        if template is Template.V2021
        else draw(proactive(template))
    )
    return Report.build(
        agency=None,
        year=2024,
        proactive=section_two,
        requests=draw(small_requests(single=single)),
        appeals=Appeals.from_counts(draw(group), draw(group), draw(group)),
    )


@given(small_reports(), glues)
def test_single_digit_tables_are_recovered_whole(report: Report, glue: object) -> None:
    result = read_back(report, glue)
    assert result is not None
    assert wrong_cells(result, report) == []
    specs = cell_specs(report.template, other_single=result.other_single)
    assert [s.dotted for s in specs if s.section == "三" and s.path not in result.cells] == []
    # section 二 has no arithmetic: a row of single digits such as 123 could also be 12 / (blank)
    # / 3, so only rows the digits fix even then come back — one-cell rows and rows of zeros
    if report.template is Template.V2021:
        for row in row_specs(report.template):
            if row.section != "二":
                continue
            cells = [get_at(report, c.path) for c in row.cells]
            if len(cells) == 1 or all(c.value == 0 for c in cells):
                assert all(c.path in result.cells for c in row.cells), row.path


def oracle(
    text: str, groups: Sequence[int], *, broken: int = 0, blanks: bool = False
) -> list[list[str]]:
    """Every reading of a digit string as count cells (brute force, group by group): no
    leading zeros; a blank cell (with *blanks*) is an empty text worth 0; the last cell of
    each group is the sum of the others, except in up to *broken* groups."""

    @functools.cache
    def cells(pos: int, count: int) -> tuple[tuple[int, tuple[str, ...]], ...]:
        if count == 0:
            return ((pos, ()),)
        found: list[tuple[int, tuple[str, ...]]] = []
        for end in range(pos + (0 if blanks else 1), len(text) + 1):
            token = text[pos:end]
            if len(token) > 1 and token[0] == "0":
                break
            found += [(e, (token, *rest)) for e, rest in cells(end, count - 1)]
        return tuple(found)

    def readings(pos: int, size: int, adding: bool) -> list[tuple[int, tuple[str, ...]]]:
        if not adding:
            return list(cells(pos, size))
        out = []
        for end, parts in cells(pos, size - 1):
            total = str(sum(int(t) if t else 0 for t in parts))
            if text.startswith(total, end):
                out.append((end + len(total), (*parts, total)))
            if blanks and total == "0":
                out.append((end, (*parts, "")))
        return out

    out: list[list[str]] = []

    def walk(pos: int, g: int, failing: int, read: list[str]) -> None:
        if g == len(groups):
            if pos == len(text):
                out.append(read)
            return
        for adding in (True, False) if failing < broken else (True,):
            for end, group in readings(pos, groups[g], adding):
                walk(end, g + 1, failing + (not adding), read + list(group))

    walk(0, 0, 0, [])
    return out


def fixed_by(readings: list[list[str]]) -> set[int]:
    return {
        i
        for i in range(len(readings[0]))
        if len({r[i] for r in readings}) == 1 and readings[0][i] != ""
    }


small = st.sampled_from([0, 0, 0, 1, 2, 3, 5, 9, 11])


@given(st.lists(st.lists(small, min_size=4, max_size=4), min_size=3, max_size=3))
def test_section_four_keeps_what_a_misprinted_total_or_a_blank_cannot_change(
    groups: list[list[int]],
) -> None:
    appeals_part = Appeals.from_counts(*groups)
    report = Report.build(
        agency=None,
        year=2024,
        proactive=proactive_2021(),
        requests=DisclosureRequests.from_counts(new=[1], disclosed=[1]),
        appeals=appeals_part,
    )
    printed = "".join(str(c.value) for g in appeals_part.groups for c in g.cells)
    assume(len(printed) <= 18)
    readings = oracle(printed, [5, 5, 5], broken=1) + oracle(printed, [5, 5, 5], blanks=True)
    result = recover(run_together(report), template=Template.V2021)
    specs = [s for s in cell_specs(Template.V2021) if s.section == "四"]
    assert {i for i, s in enumerate(specs) if s.path in result.cells} == fixed_by(readings)
    assert wrong_cells(result, report) == []


@given(st.lists(st.integers(0, 40), min_size=6, max_size=6))
def test_a_lone_busy_row_recovers_exactly_what_its_total_fixes(row: list[int]) -> None:
    # every other row is zero, so 一 = （七） = this row, and the cross identities confirm
    # exactly the cuts that add up on the row itself
    requests_part = DisclosureRequests.from_counts(new=row, unavailable=[row])
    report = Report.build(
        agency=None, year=2024, proactive=proactive_2021(), requests=requests_part
    )
    printed = "".join(map(str, row)) + str(sum(row))
    assume(len(printed) <= 20)
    solutions = oracle(printed, [7])
    result = recover(run_together(report), template=Template.V2021)
    specs = [
        s
        for s in cell_specs(Template.V2021)
        if s.path[:4] == ("requests", "outcomes", "unavailable", "not_held")
    ]
    assert {i for i, s in enumerate(specs) if s.path in result.cells} == fixed_by(solutions)


# ---------------------------------------------------------------------------------------------
# Robustness: junk in, a result or a clear refusal out
# ---------------------------------------------------------------------------------------------


@given(st.text(max_size=400), st.sampled_from(Template))
def test_any_text_gives_a_result_or_a_refusal(text: str, template: Template) -> None:
    try:
        result = recover(text, template=template)
    except UnreadableDocumentError:
        return
    assert result.cells


@given(reports(), st.data())
def test_damaged_text_never_crashes(report: Report, data: st.DataObject) -> None:
    text = run_together(report)
    for _ in range(data.draw(st.integers(1, 6))):
        at = data.draw(st.integers(0, len(text)))
        junk = data.draw(st.sampled_from(["", "7", "0", "-", "年", "（", "总计", " ", "元", "2."]))
        cut = data.draw(st.integers(0, 3))
        text = text[:at] + junk + text[at + cut :]
    with contextlib.suppress(UnreadableDocumentError):
        recover(text, template=report.template)
