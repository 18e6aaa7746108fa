"""The crawled-text recovery's steps (:mod:`zfxxgk.readers.crawltext`), exactly: each
function of ``cuts``, ``solve``, ``groups``, ``rows``, ``confirm`` and ``resolve`` on small
inputs written by hand, with the answer a person can check by reading the digits.

Fast on purpose (about a second): ``scripts/mutation.py crawltext-…`` runs it against every
mutant of those modules (docs/mutation.md).  ``tests/test_crawltext.py`` reads whole reports;
here each step is pinned on its own.
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from zfxxgk.cells import ValueKind
from zfxxgk.diagnostics import Severity
from zfxxgk.model import Template
from zfxxgk.readers.crawltext.budget import Budget
from zfxxgk.readers.crawltext.codes import CODES
from zfxxgk.readers.crawltext.confirm import confirm, section3_families
from zfxxgk.readers.crawltext.cuts import (
    Cut,
    Tokens,
    all_cuts,
    finishing,
    list_cuts,
    loose_options,
    merge_options,
    options_of,
)
from zfxxgk.readers.crawltext.groups import read_grouped
from zfxxgk.readers.crawltext.locate import Found, Piece, _flat_row
from zfxxgk.readers.crawltext.recovery import Recovery
from zfxxgk.readers.crawltext.resolve import resolve_appeals, resolve_plain, resolve_requests
from zfxxgk.readers.crawltext.rows import Row
from zfxxgk.readers.crawltext.solve import Solved, solve_identities
from zfxxgk.readers.crawltext.text import SEP, Text
from zfxxgk.template import RowSpec, row_specs

COUNT, SIGNED, MONEY = ValueKind.COUNT, ValueKind.SIGNED_COUNT, ValueKind.MONEY
PLENTY = 10**6
ROWS = row_specs(Template.V2021)
REGULATIONS = ROWS[0]
"""规章: three counts (本年制发件数, 本年废止件数, 现行有效件数)."""
DISCLOSED = next(r for r in ROWS if r.path == ("requests", "outcomes", "disclosed"))
"""（一）予以公开: seven counts, the last (总计) the sum of the others."""


def piece(text: str, at: int = 0) -> Piece:
    """*text* as a run printed at normalised index *at*."""
    return Piece(text, tuple(range(at, at + len(text))))


def tokens(text: str, kinds: Sequence[ValueKind], *, blanks: bool = False) -> Tokens:
    return Tokens(piece(text), kinds, blanks=blanks)


def starting(text: str, kind: ValueKind, at: int = 0) -> list[tuple[int, str, int]]:
    """The cell texts of *kind* that can start at *at* in *text* (no blank)."""
    return tokens(text, [kind]).cells[0][at]


def texts(
    text: str,
    kinds: Sequence[ValueKind],
    *,
    summed: bool,
    blanks: bool = False,
    limit: int = 2000,
    budget: int = PLENTY,
) -> tuple[list[tuple[str, ...]], bool]:
    cuts, complete = list_cuts(
        tokens(text, kinds, blanks=blanks), Budget(budget), summed=summed, limit=limit
    )
    return [cut.texts for cut in cuts], complete


# ---------------------------------------------------------------------------------------------
# cuts: the cell texts a run can be cut into
# ---------------------------------------------------------------------------------------------


def test_tokens_lists_every_cell_text_at_every_position() -> None:
    run = tokens("1203", [COUNT, COUNT])
    assert run.next == [0, 1, 2, 3, 4]
    assert run.cells[0] == [
        [(1, "1", 1), (2, "12", 12), (3, "120", 120), (4, "1203", 1203)],
        [(2, "2", 2), (3, "20", 20), (4, "203", 203)],
        [(3, "0", 0)],  # no leading zero: "03" is not a count
        [(4, "3", 3)],
        [],
    ]
    assert run.cells[1] == run.cells[0]  # one table per kind
    blank = tokens("10", [COUNT], blanks=True)
    assert blank.cells[0] == [
        [(0, "", 0), (1, "1", 1), (2, "10", 10)],
        [(1, "", 0), (2, "0", 0)],
        [(2, "", 0)],
    ]


def test_tokens_do_not_cross_a_boundary_and_next_skips_it() -> None:
    run = Tokens(Piece.join([piece("12"), piece("3", 7)]), [COUNT], blanks=False)
    assert run.piece.text == "12" + SEP + "3"
    assert run.next == [0, 1, 3, 3, 4]
    assert run.cells[0] == [[(1, "1", 1), (2, "12", 12)], [(2, "2", 2)], [], [(4, "3", 3)], []]


def test_a_boundary_after_the_first_character() -> None:
    run = Tokens(Piece.join([piece("1"), piece("23", 5)]), [COUNT], blanks=False)
    assert run.next == [0, 2, 2, 3, 4]
    assert loose_options(Tokens(run.piece, [COUNT] * 2, blanks=False)) == ({"1": 0}, {"23": 5})


def test_the_summed_search_prunes() -> None:
    # search nodes of the cut search of a row that adds up: no part longer than the total,
    # the parts adding up to at most the total, each half cut once (meet in the middle).
    # The cuts found are the same without the pruning; the work is not, and the work is
    # what the budget bounds
    def nodes(run: str, cells: int, *, blanks: bool) -> int:
        budget = Budget(PLENTY)
        list_cuts(tokens(run, [COUNT] * cells, blanks=blanks), budget, summed=True)
        return PLENTY - budget.left

    assert nodes("2111005", 7, blanks=False) == 8
    assert nodes("2111005", 7, blanks=True) == 25
    assert nodes("1,0001,0002,000", 3, blanks=False) == 7
    assert nodes("1,0001,0002,000", 3, blanks=True) == 10
    assert nodes("不适用00", 3, blanks=False) == 4
    assert nodes("不适用00", 3, blanks=True) == 14
    assert nodes("12030015", 7, blanks=False) == 12
    assert nodes("12030015", 7, blanks=True) == 73
    assert nodes("1210013", 7, blanks=True) == 95
    assert nodes("110", 3, blanks=False) == 0  # a total "10" would leave one digit for two parts


def test_the_cell_grammar_of_each_kind() -> None:
    def read(text: str, kind: ValueKind) -> list[str]:
        return [t for _, t, _ in starting(text, kind)]

    assert read("1,2345", COUNT) == ["1", "1,234"]  # groups of three after a comma
    assert read("12,345,678", COUNT) == ["1", "12", "12,345", "12,345,678"]
    assert read("1,23", COUNT) == ["1"]
    assert read("05", COUNT) == ["0"]
    assert read("+5", COUNT) == []  # a sign only in a signed count
    assert read("+5-0", SIGNED) == ["+5"]
    assert read("-0", SIGNED) == ["-"]  # no signed zero: "-" is a placeholder
    assert read("-18", SIGNED) == ["-", "-1", "-18"]
    assert read("1,000", SIGNED) == ["1", "1,000"]
    assert read("1.5万元", MONEY) == ["1", "1.5", "1.5万元"]
    assert read("12元", MONEY) == ["1", "12", "12元"]
    assert read("1.5", COUNT) == ["1"]  # decimals only in money
    assert read("——/", COUNT) == ["—", "——"]  # placeholders, in any kind
    assert read("不适用", MONEY) == ["不适用"]
    assert read("无", SIGNED) == ["无"]


def test_the_longest_cell_of_each_kind() -> None:
    assert max(len(t) for _, t, _ in starting("9" * 20, COUNT)) == 12
    assert max(len(t) for _, t, _ in starting("-" + "9" * 20, SIGNED)) == 13
    assert max(len(t) for _, t, _ in starting("9" * 30, MONEY)) == 24
    assert len(starting("9" * 12, COUNT)) == 12  # up to the end of the run


def test_the_arithmetic_value_of_a_cell_text() -> None:
    assert starting("1,234", COUNT)[-1] == (5, "1,234", 1234)
    assert starting("-18", SIGNED) == [(1, "-", 0), (2, "-1", -1), (3, "-18", -18)]
    assert starting("+5", SIGNED) == [(2, "+5", 5)]
    assert starting("12", MONEY) == [(1, "1", 0), (2, "12", 0)]  # money takes part in no sum
    assert starting("/", COUNT) == [(1, "/", 0)]


def test_options_of_cuts_keep_the_first_start_of_each_text() -> None:
    cuts = [
        Cut(("1", "20"), ((0, 1), (1, 3)), (1, 20)),
        Cut(("12", "0"), ((0, 2), (2, 3)), (12, 0)),
        Cut(("1", "0"), ((5, 6), (9, 10)), (1, 0)),
    ]
    assert options_of(cuts, 2) == ({"1": 0, "12": 0}, {"20": 1, "0": 2})
    assert options_of([], 3) == ({}, {}, {})


def test_finishing_is_where_each_cell_can_start_and_the_rest_still_be_cut() -> None:
    # 1203 in three counts: 1/20/3 or 12/0/3
    assert finishing(tokens("1203", [COUNT] * 3)) == [{0}, {1, 2}, {3}, {4}]
    # 0123 in two: 0/123 only; "23" could finish from 2, but the first cell cannot end there
    assert finishing(tokens("0123", [COUNT] * 2)) == [{0}, {1}, {4}]
    # 05 in one count: no cut at all
    assert finishing(tokens("05", [COUNT])) == [set(), set()]
    blank = finishing(tokens("12", [COUNT] * 2, blanks=True))
    assert blank == [{0}, {0, 1, 2}, {2}]


def test_loose_options_are_what_each_cell_can_be_over_every_cut() -> None:
    assert loose_options(tokens("1203", [COUNT] * 3)) == (
        {"1": 0, "12": 0},
        {"20": 1, "0": 2},
        {"3": 3},
    )
    # two cells, either blank: ""/12, 1/2, 12/""
    assert loose_options(tokens("12", [COUNT] * 2, blanks=True)) == (
        {"": 0, "1": 0, "12": 0},
        {"12": 0, "2": 1, "": 2},
    )
    assert loose_options(tokens("05", [COUNT])) == ({},)
    assert loose_options(tokens("05", [COUNT, COUNT])) == ({"0": 0}, {"5": 1})
    # the start is the normalised index: across a boundary it skips the boundary mark
    joined = Tokens(Piece.join([piece("12", 40), piece("3", 50)]), [COUNT] * 2, blanks=False)
    assert loose_options(joined) == ({"12": 40}, {"3": 50})


def test_merge_options_leaves_out_a_run_that_cannot_be_cut() -> None:
    first = ({"1": 0}, {"2": 1})
    cannot: tuple[dict[str, int], ...] = ({}, {"9": 0})
    other = ({"1": 5, "12": 0}, {"3": 2})
    assert merge_options([first, cannot, other]) == ({"1": 0, "12": 0}, {"2": 1, "3": 2})
    assert merge_options([cannot]) == ({}, {})


def test_list_cuts_without_a_sum() -> None:
    cuts, complete = list_cuts(tokens("1203", [COUNT] * 3), Budget(PLENTY), summed=False)
    assert complete
    assert cuts == [
        Cut(("1", "20", "3"), ((0, 1), (1, 3), (3, 4)), (1, 20, 3)),
        Cut(("12", "0", "3"), ((0, 2), (2, 3), (3, 4)), (12, 0, 3)),
    ]
    assert texts("12", [COUNT] * 2, summed=False, blanks=True) == (
        [("", "12"), ("1", "2"), ("12", "")],
        True,
    )
    joined = Tokens(Piece.join([piece("12"), piece("3", 3)]), [COUNT] * 2, blanks=False)
    assert list_cuts(joined, Budget(PLENTY), summed=False) == (
        [Cut(("12", "3"), ((0, 2), (3, 4)), (12, 3))],
        True,
    )
    assert texts("123", [COUNT] * 4, summed=False) == ([], True)


def test_list_cuts_with_the_last_cell_the_sum_of_the_others() -> None:
    cuts, complete = list_cuts(tokens("10111", [COUNT] * 3), Budget(PLENTY), summed=True)
    assert complete
    assert cuts == [Cut(("10", "1", "11"), ((0, 2), (2, 3), (3, 5)), (10, 1, 11))]
    assert texts("1203", [COUNT] * 3, summed=True) == ([], True)  # 1+20 ≠ 3, 12+0 ≠ 3
    assert texts("1236", [COUNT] * 4, summed=True) == ([("1", "2", "3", "6")], True)
    assert texts("2111005", [COUNT] * 7, summed=True) == (
        [("2", "1", "1", "1", "0", "0", "5")],
        True,
    )
    # a blank cell counts as 0, the total too
    assert sorted(texts("00", [COUNT] * 3, summed=True, blanks=True)[0]) == [
        ("", "0", "0"),
        ("0", "", "0"),
        ("0", "0", ""),
    ]
    # parts printed with thousands separators are as long as the total printed so
    assert texts("1,0001,0002,000", [COUNT] * 3, summed=True) == (
        [("1,000", "1,000", "2,000")],
        True,
    )
    # a placeholder may be longer than the total
    assert texts("不适用00", [COUNT] * 3, summed=True) == ([("不适用", "0", "0")], True)
    assert texts("2/2", [COUNT] * 3, summed=True) == ([("2", "/", "2")], True)


@pytest.mark.parametrize("run", ["1210013", "12030015", "1102114", "2111005", "3000003"])
def test_list_cuts_with_a_sum_are_the_cuts_that_add_up(run: str) -> None:
    # the meet-in-the-middle search of a summed row finds exactly the cuts of the plain
    # search whose last cell is the sum of the others (blank cells as 0)
    def value(text: str) -> int:
        return int(text or "0")

    for blanks in (False, True):
        every, complete = texts(run, [COUNT] * 7, summed=False, blanks=blanks)
        assert complete
        adding_up = [t for t in every if value(t[-1]) == sum(map(value, t[:-1]))]
        summed, complete = texts(run, [COUNT] * 7, summed=True, blanks=blanks)
        assert complete
        assert sorted(summed) == sorted(adding_up)
        assert len(set(summed)) == len(summed)


def test_list_cuts_stops_at_its_limit_and_its_budget() -> None:
    assert texts("1203", [COUNT] * 3, summed=False, limit=1) == ([("1", "20", "3")], False)
    assert texts("1203", [COUNT] * 3, summed=False, limit=2) == (
        [("1", "20", "3"), ("12", "0", "3")],
        True,
    )
    assert texts("1203", [COUNT] * 3, summed=False, budget=3) == ([], False)
    assert texts("10111", [COUNT] * 3, summed=True, budget=1) == ([], False)
    budget = Budget(100)
    list_cuts(tokens("1203", [COUNT] * 3), budget, summed=False)
    # charged for the 11 nodes it visited: the start; after 1, 2 and 20 (then 3) and 203;
    # after 12, 0 (then 3); after 120 and 1203
    assert budget.left == 100 - 11


def test_all_cuts_together_and_none_when_one_run_has_too_many() -> None:
    # alternative runs of one row: a cut found in two of them (same spans) is kept once
    one = tokens("10111", [COUNT] * 3)
    same = tokens("10111", [COUNT] * 3)
    moved = Tokens(piece("112", 7), [COUNT] * 3, blanks=False)  # 1/1/2
    assert all_cuts([one, same], Budget(PLENTY)) == (
        Cut(("10", "1", "11"), ((0, 2), (2, 3), (3, 5)), (10, 1, 11)),
    )
    assert [c.texts for c in all_cuts([one, moved], Budget(PLENTY)) or ()] == [
        ("10", "1", "11"),
        ("1", "1", "2"),
    ]
    many = tokens("0" * 10, [COUNT] * 20, blanks=True)  # 9 zeros in 19 cells: C(19, 9) cuts
    assert all_cuts([one, many], Budget(PLENTY)) is None


# ---------------------------------------------------------------------------------------------
# solve: which candidate rows take part in some solution of every identity
# ---------------------------------------------------------------------------------------------


def test_solve_keeps_the_candidates_that_take_part_in_a_solution() -> None:
    # row 0 + row 1 = row 2 in column 0: 1 + 2 = 3 and 2 + 2 = 4; 1 + 2 ≠ 4 and 2 + 2 ≠ 3 …
    rows = {0: [(1,), (2,), (7,)], 1: [(2,)], 2: [(3,), (4,)]}
    identity = [(0, 0, 1), (1, 0, 1), (2, 0, -1)]
    solved = solve_identities(rows, [identity], Budget(1000))
    assert solved == Solved({0: frozenset({0, 1}), 1: frozenset({0}), 2: frozenset({0, 1})})
    assert solved.satisfiable


def test_solve_finds_every_solution_not_only_the_first() -> None:
    # row 0 = row 1: 1 = 1 and 2 = 2, both candidates of both rows take part
    rows = {0: [(1,), (2,)], 1: [(1,), (2,)]}
    solved = solve_identities(rows, [[(0, 0, 1), (1, 0, -1)]], Budget(1000))
    assert solved == Solved({0: frozenset({0, 1}), 1: frozenset({0, 1})})


def test_solve_with_no_solution_uses_no_candidate() -> None:
    rows = {0: [(1,), (2,)], 1: [(5,)]}
    solved = solve_identities(rows, [[(0, 0, 1), (1, 0, -1)]], Budget(1000))
    assert solved == Solved({0: frozenset(), 1: frozenset()})
    assert not solved.satisfiable
    assert not Solved({}).satisfiable  # no rows at all is not a solution either


def test_solve_adds_up_two_terms_of_one_row() -> None:
    # one identity over three columns of the same row: x0 + x1 = x2
    rows = {0: [(1, 2, 3), (1, 2, 4)]}
    identity = [(0, 0, 1), (0, 1, 1), (0, 2, -1)]
    assert solve_identities(rows, [identity], Budget(1000)) == Solved({0: frozenset({0})})


def test_solve_searches_the_rows_with_fewest_candidates_first() -> None:
    # no identity links the rows: every pair is a solution.  Row 1 (one candidate) first, then
    # row 0's three: 1 + 1 + 3 nodes, and all candidates seen stops the search.  Row 0 first
    # would take 1 + 3 + 3.
    rows = {0: [(1,), (2,), (3,)], 1: [(5,)]}
    budget = Budget(5)
    solved = solve_identities(rows, [], budget)
    assert solved == Solved({0: frozenset({0, 1, 2}), 1: frozenset({0})})
    assert budget.left == 0
    assert solve_identities(rows, [], Budget(4)) is None


# ---------------------------------------------------------------------------------------------
# rows: a located row, read
# ---------------------------------------------------------------------------------------------


def read_row(spec: RowSpec, *runs: str, summed: bool, at: int = 0) -> Row:
    return Row.read(
        Found(spec, None, tuple(piece(r, at) for r in runs)), Budget(PLENTY), summed=summed
    )


def test_a_row_read_without_its_sum() -> None:
    row = read_row(REGULATIONS, "1203", summed=False, at=10)
    assert row.strict is None
    assert row.loose == loose_options(Tokens(piece("1203", 10), [COUNT] * 3, blanks=True))
    assert row.loose[2] == {"1203": 10, "203": 11, "3": 13, "": 14}
    assert not row.forced  # 1/20/3 or 12/0/3
    assert row.readable
    assert (row.text, row.at) == ("1203", 10)
    assert read_row(REGULATIONS, "347", summed=False).forced  # 3/4/7 only


def test_a_row_read_with_its_sum() -> None:
    row = read_row(DISCLOSED, "2111005", summed=True)
    assert row.strict == (
        Cut(
            ("2", "1", "1", "1", "0", "0", "5"),
            tuple((i, i + 1) for i in range(7)),
            (2, 1, 1, 1, 0, 0, 5),
        ),
    )
    assert row.forced
    assert read_row(REGULATIONS, "1203", summed=True).strict == ()  # 1+20 ≠ 3, 12+0 ≠ 3


def test_an_unreadable_row_has_no_cuts_even_with_its_sum() -> None:
    row = read_row(REGULATIONS, "1,2", summed=True)  # a comma cannot start a cell
    assert not row.readable
    assert row.loose == ({}, {}, {})
    assert row.strict is None
    assert not row.forced


def test_a_row_with_two_runs_merges_what_each_can_be() -> None:
    # "…2其他…": the 2 may be a value or the next label's numbering: runs 1232 and 123
    row = read_row(REGULATIONS, "1232", "123", summed=True)
    assert [c.texts for c in row.strict or ()] == [("1", "2", "3")]  # 1+23 ≠ 2, 12+3 ≠ 2, …
    assert row.loose[0] == {"": 0, "1": 0, "12": 0, "123": 0, "1232": 0}
    assert not row.forced


def test_adding_up_allows_blank_cells() -> None:
    # —— is one placeholder or two: without blank cells only —/—/0 adds up; with them,
    # ——/（空）/0 and （空）/——/0 too
    row = read_row(REGULATIONS, "——0", summed=True)
    assert row.forced and [c.texts for c in row.strict or ()] == [("—", "—", "0")]
    assert row.adding_up(Budget(PLENTY)) == (
        {"——": 0, "": 0, "—": 0},
        {"0": 2, "——": 0, "—": 1, "": 2},
        {"": 3, "0": 2},
    )
    # out of budget: what the digits alone fix
    assert row.adding_up(Budget(1)) == row.loose


def test_examples_without_blank_cells_first() -> None:
    # two readings without a blank cell: enough
    row = read_row(REGULATIONS, "1203", summed=False)
    assert [c.texts for c in row.examples(Budget(PLENTY))] == [("1", "20", "3"), ("12", "0", "3")]
    # one reading without: then the first readings with blank cells, three in all
    row = read_row(REGULATIONS, "347", summed=False)
    assert [c.texts for c in row.examples(Budget(PLENTY))] == [
        ("3", "4", "7"),
        ("", "", "347"),
        ("", "3", "47"),
    ]
    # a reading with blank cells that is already shown is not shown twice: 0/1/0 is the
    # third reading of 010 with blank cells allowed
    row = read_row(REGULATIONS, "010", summed=False)
    assert [c.texts for c in row.examples(Budget(PLENTY))] == [
        ("0", "1", "0"),
        ("", "0", "10"),
        ("0", "", "10"),
    ]
    licensing = next(r for r in ROWS if r.path == ("proactive", "licensing"))  # one cell
    assert [c.texts for c in read_row(licensing, "5", summed=False).examples(Budget(PLENTY))] == [
        ("5",)
    ]


def test_examples_stop_listing_after_three_readings() -> None:
    # 12345 in three cells can be cut six ways; the listing stops at the fourth (16 search
    # nodes, where listing all six takes 25)
    row = read_row(REGULATIONS, "12345", summed=False)
    budget = Budget(1000)
    assert [c.texts for c in row.examples(budget)] == [
        ("1", "2", "345"),
        ("1", "23", "45"),
        ("1", "234", "5"),
    ]
    assert budget.left == 1000 - 16


# ---------------------------------------------------------------------------------------------
# groups: cells in groups, the last of each the sum of the others, up to some groups broken
# ---------------------------------------------------------------------------------------------


def grouped(
    run: str, size: int, cells: int, broken: int, *, blanks: bool = False, budget: int = PLENTY
) -> tuple[tuple[dict[str, int], ...], list[tuple[str, ...]], bool] | None:
    read = read_grouped(tokens(run, [COUNT] * cells, blanks=blanks), size, broken, Budget(budget))
    return None if read is None else (read.options, [c.texts for c in read.examples], read.exact)


def test_groups_that_all_add_up() -> None:
    # 1 + 2 = 3, 2 + 3 = 5: one reading
    one = ({"1": 0}, {"2": 1}, {"3": 2}, {"2": 3}, {"3": 4}, {"5": 5})
    assert grouped("123235", 3, 6, 0) == (one, [("1", "2", "3", "2", "3", "5")], True)
    # 10111 in one group of three: 10 + 1 = 11 only (1/0/111, 10/11/1, 101/1/1 do not add up)
    assert grouped("10111", 3, 3, 0) == (
        ({"10": 0}, {"1": 2}, {"11": 3}),
        [("10", "1", "11")],
        True,
    )
    # with blank cells: 1 + 10 = 11 and 11 + 0 = 11
    assert grouped("11011", 3, 3, 0, blanks=True) == (
        ({"1": 0, "11": 0}, {"10": 1, "0": 2}, {"11": 3}),
        [("1", "10", "11"), ("11", "0", "11")],
        True,
    )


def test_a_group_total_is_looked_for_past_a_shorter_text() -> None:
    # 10 + 1 = 11, then 0 + 0 = 0: the total 11 is found past "1" (from which the rest,
    # 1000, could still be cut: 10/0/0)
    assert grouped("10111000", 3, 6, 0) == (
        ({"10": 0}, {"1": 2}, {"11": 3}, {"0": 5}, {"0": 6}, {"0": 7}),
        [("10", "1", "11", "0", "0", "0")],
        True,
    )


def test_up_to_two_groups_broken() -> None:
    # 1 + 2 = 3, 1 + 2 ≠ 4, 1 + 2 ≠ 5: a reading with two groups broken, none with one
    assert grouped("123124125", 3, 9, 1) == (({},) * 9, [], False)
    read = grouped("123124125", 3, 9, 2)
    assert read is not None
    assert read[1] == [("1", "2", "3", "1", "2", "4", "1", "2", "5")]
    assert not read[2]


def test_groups_with_a_misprinted_total() -> None:
    # 2 + 3 ≠ 6: no reading with every group adding up …
    assert grouped("123236", 3, 6, 0) == (({},) * 6, [], False)
    # … one with the second group read as broken, which is not exact
    assert grouped("123236", 3, 6, 1) == (
        ({"1": 0}, {"2": 1}, {"3": 2}, {"2": 3}, {"3": 4}, {"6": 5}),
        [("1", "2", "3", "2", "3", "6")],
        False,
    )
    # a group read as broken may be cut any way the grammar allows: 1/0/111, 10/1/11,
    # 10/11/1, 101/1/1.  A reading shows once for each way it is counted (10/1/11 adds up,
    # and is also a reading of the group read as broken)
    assert grouped("10111", 3, 3, 1) == (
        ({"10": 0, "1": 0, "101": 0}, {"1": 2, "0": 1, "11": 2}, {"111": 2, "11": 3, "1": 4}),
        [("10", "1", "11"), ("1", "0", "111"), ("10", "1", "11")],
        True,
    )
    # the three groups of section 四, the third misprinted (13 + 2 + 4 + 0 ≠ 20): the first two
    # are fixed by their totals and the digits (2+1+3+1 = 7, 0+0+0+0 = 0); the third, read as
    # broken, is any cut of 1324020 into five counts
    read = grouped("21317000001324020", 5, 15, 1)
    assert read is not None
    options, examples, exact = read
    assert [sorted(cell) for cell in options] == [
        ["2"], ["1"], ["3"], ["1"], ["7"], ["0"], ["0"], ["0"], ["0"], ["0"],
        ["1", "13", "132"], ["2", "24", "3", "32", "324", "4"],
        ["0", "2", "24", "240", "4", "40"], ["0", "2", "40", "402"], ["0", "20"],
    ]  # fmt: skip
    assert not exact
    fixed = ("2", "1", "3", "1", "7", "0", "0", "0", "0", "0")
    assert examples == [
        (*fixed, "1", "3", "2", "40", "20"),
        (*fixed, "1", "3", "2", "402", "0"),
        (*fixed, "1", "3", "24", "0", "20"),
    ]


def test_groups_out_of_budget() -> None:
    assert grouped("123235", 3, 6, 0, budget=3) is None


# ---------------------------------------------------------------------------------------------
# confirm: section 三's rows solved together with the balance and the outcome totals
# ---------------------------------------------------------------------------------------------

THREE = [r for r in ROWS if r.section == "三"]
"""Section 三 of 2021, 25 rows: 0 一、本年新收, 1 二、上年结转, 2–22 the outcome rows,
23 （七）总计, 24 四、结转下年度继续办理."""

BALANCE, OUTCOMES = (f.name for f in section3_families(len(THREE)))


def section_three(
    runs: dict[int, str], *, budget: int = 600_000
) -> tuple[Recovery, list[Found], dict[int, Row]]:
    """A recovery of section 三 whose row *i* printed *runs[i]* (else seven zeros), at
    normalised index 100 × i."""
    rec = Recovery(Text.of("x" * 3000, "r.txt"), Template.V2021)
    rec.budget = Budget(budget)
    located = [
        Found(spec, None, (piece(runs.get(i, "0000000"), 100 * i),)) for i, spec in enumerate(THREE)
    ]
    rows = {i: Row.read(found, Budget(PLENTY), summed=True) for i, found in enumerate(located)}
    return rec, located, rows


def messages(rec: Recovery) -> list[tuple[str, str, int | None]]:
    """The diagnostics (every one a warning here), with the column they point at."""
    assert all(d.severity is Severity.WARNING for d in rec.diagnostics)
    return [(d.code, d.message, d.location.column if d.location else None) for d in rec.diagnostics]


def test_the_families_of_section_three() -> None:
    assert len(THREE) == 25
    assert BALANCE == "一、本年新收 + 二、上年结转 = （七）总计 + 四、结转下年度继续办理"
    assert OUTCOMES == "（七）总计 = 各项办理结果之和"
    balance, outcomes = section3_families(25)
    assert balance.total_row == outcomes.total_row == 23
    # column 0 (自然人): 一 + 二 − （七） − 四 = 0 and （七） − Σ outcome rows = 0
    assert sorted(balance.terms[0]) == [(0, 0, 1), (1, 0, 1), (23, 0, -1), (24, 0, -1)]
    assert sorted(outcomes.terms[0]) == [*((r, 0, -1) for r in range(2, 23)), (23, 0, 1)]
    assert [t[0][1] for t in balance.terms] == list(range(7))
    assert section3_families(23)[0].members == {0, 1, 21, 22}


def test_confirm_when_the_whole_table_adds_up() -> None:
    # 一 1 自然人, （一）予以公开 1, （七）总计 1; every row one cut
    one = "1000001"
    rec, located, rows = section_three({0: one, 2: one, 23: one})
    assert confirm(rec, located, rows) == {i: frozenset({0}) for i in range(25)}
    assert rec.diagnostics == []


def test_confirm_with_one_family_broken_uses_the_other() -> None:
    # 一 says 1, but （七） and every outcome row say 0: the balance fails, the outcome totals hold
    rec, located, rows = section_three({0: "1000001"})
    used = confirm(rec, located, rows)
    assert used == {i: frozenset({0}) for i in range(2, 24)}
    assert messages(rec) == [
        (
            "C213",
            f"第三部分的“{BALANCE}”在任何拆分下都不成立（原表本身不平）；"
            f"只用仍然成立的“{OUTCOMES}”印证拆分，其余各行只保留不依赖算术的单元格",
            2301,
        )
    ]


def test_confirm_with_both_families_broken_keeps_nothing() -> None:
    # 一 says 1 and （一）予以公开 says 1, but （七） says 0: both fail
    rec, located, rows = section_three({0: "1000001", 2: "1000001"})
    assert confirm(rec, located, rows) == {}
    assert messages(rec) == [
        (
            "C213",
            f"第三部分的“{BALANCE}”与“{OUTCOMES}”在任何拆分下都不成立（原表本身不平）；"
            "只保留不依赖算术的单元格",
            2301,
        )
    ]


def test_confirm_with_both_families_holding_apart_keeps_nothing() -> None:
    # （七） 000121215 adds up as A = 0/0/0/1/2/12/15 or B = 0/0/0/12/1/2/15.  一 0/0/0/1/0/0/1
    # and 二 0/0/0/0/2/12/14 hold with A only; （一） 0/0/0/12/0/0/12 and （二） 0/0/0/0/1/2/3
    # add up to B only
    runs = {0: "0001001", 1: "000021214", 23: "000121215", 2: "000120012", 3: "0000123"}
    rec, located, rows = section_three(runs)
    assert confirm(rec, located, rows) == {}
    assert messages(rec) == [
        (
            "C213",
            f"第三部分的“{BALANCE}”与“{OUTCOMES}”各自可以成立，但在任何拆分下不能同时成立，"
            "无法判断原表哪一处有误（原表本身不平）；只保留不依赖算术的单元格",
            2301,
        )
    ]


def test_confirm_with_exactly_the_rows_of_a_family() -> None:
    # no outcome row adds up: only 一, 二, （七） and 四 can be used, the balance's rows
    rec, located, rows = section_three(dict.fromkeys(range(2, 23), "1203"))
    assert confirm(rec, located, rows) == dict.fromkeys((0, 1, 23, 24), frozenset({0}))
    assert rec.diagnostics == []


def test_confirm_without_every_row_of_a_family() -> None:
    # row 一 has no cut that adds up: the balance takes no part, the outcome totals do
    rec, located, rows = section_three({0: "1203"})
    assert confirm(rec, located, rows) == {i: frozenset({0}) for i in range(2, 24)}
    assert rec.diagnostics == []
    # （七） has none: no family at all
    rec, located, rows = section_three({23: "1203"})
    assert confirm(rec, located, rows) == {}
    assert rec.diagnostics == []


def test_confirm_out_of_budget() -> None:
    rec, located, rows = section_three({}, budget=3)
    assert confirm(rec, located, rows) == {}
    assert messages(rec) == [("C214", "第三部分按列合计和勾稽关系求解时" + CODES["C214"], None)]


# ---------------------------------------------------------------------------------------------
# resolve: the located rows of each section into cells, and what is said about them
# ---------------------------------------------------------------------------------------------

FOUR = _flat_row([r for r in ROWS if r.section == "四"])
"""Section 四 as one printed row of fifteen cells: 行政复议, then the two kinds of 行政诉讼."""


def recovery() -> Recovery:
    return Recovery(Text.of("x" * 3000, "r.txt"), Template.V2021)


def values(rec: Recovery, prefix: tuple[str, ...]) -> dict[str, object]:
    """The recovered values of the cells under *prefix*, by their last path part."""
    return {
        ".".join(path[len(prefix) :]): cell.value
        for path, cell in rec.cells.items()
        if path[: len(prefix)] == prefix
    }


def said(rec: Recovery) -> list[tuple[str, str, int | None, str | None]]:
    """The diagnostics, with the column and the row they point at; C201–C203 (how a row was
    cut) are information, every other one a warning."""
    for d in rec.diagnostics:
        info = d.code in {"C201", "C202", "C203"}
        assert d.severity is (Severity.INFO if info else Severity.WARNING), d
    return [
        (d.code, d.message, d.location.column if d.location else None, d.path)
        for d in rec.diagnostics
    ]


def test_section_two_keeps_only_what_the_digits_force() -> None:
    licensing = next(r for r in ROWS if r.path == ("proactive", "licensing"))
    documents, penalties, coercion = (
        next(r for r in ROWS if r.path == ("proactive", name))
        for name in ("normative_documents", "penalties", "coercion")
    )
    rec = recovery()
    resolve_plain(
        rec,
        [
            Found(REGULATIONS, None, (piece("000", 10),)),  # 0/0/0, even with blank cells
            Found(coercion, None),  # not found: the rows after it are still read
            Found(licensing, None, (piece("5", 20),)),
            Found(documents, None, (piece("1203", 30),)),  # 1/20/3 or 12/0/3
            Found(penalties, None, (piece("1,2", 40),)),  # cannot be cut
        ],
    )
    assert values(rec, ("proactive",)) == {
        "regulations.issued": 0,
        "regulations.repealed": 0,
        "regulations.in_force": 0,
        "licensing.decisions": 5,
    }
    assert said(rec) == [
        ("C211", "数字串“”无法按 1 个单元格拆分；本行数字留空", None, "proactive.coercion"),
        (
            "C210",
            "数字串“1203”可拆分为 1/20/3 或 12/0/3 等，"
            "本年制发件数、本年废止件数、现行有效件数 无法唯一确定，留空",
            31,
            "proactive.normative_documents",
        ),
        ("C211", "数字串“1,2”无法按 1 个单元格拆分；本行数字留空", None, "proactive.penalties"),
    ]
    assert rec.locations[("proactive", "licensing", "decisions")].column == 21


def appeals(run: str | None, *, budget: int = 600_000) -> Recovery:
    rec = recovery()
    rec.budget = Budget(budget)
    resolve_appeals(rec, Found(FOUR, None, () if run is None else (piece(run, 50),)))
    return rec


REVIEW = {"review.upheld": 2, "review.corrected": 1, "review.other": 3, "review.pending": 1}
REVIEW["review.total"] = 7
DIRECT = {f"lawsuit_direct.{c}": 0 for c in ("upheld", "corrected", "other", "pending", "total")}
AMBIGUOUS_THIRD = "结果维持、结果纠正、其他结果、尚未审结、总计 无法唯一确定，留空"


def test_section_four_keeps_what_the_other_groups_fix() -> None:
    # 2/1/3/1/7, 0/0/0/0/0, 13/2/4/0/19: the third group adds up, but so does a reading of
    # its digits in which it is misprinted (1/3/2/40/19): only the first two are kept
    rec = appeals("21317000001324019")
    assert values(rec, ("appeals",)) == REVIEW | DIRECT
    run = "“21317000001324019”"
    fixed = "2/1/3/1/7/0/0/0/0/0"
    assert said(rec) == [
        (
            "C203",
            f"第四部分数字串{run}按各组总计拆分；"
            "只保留即使其中一组总计印错、或有单元格留空也不变的单元格",
            51,
            "appeals",
        ),
        (
            "C210",
            f"数字串{run}可拆分为 {fixed}/13/2/4/0/19 或 {fixed}/1/3/2/40/19 或 "
            f"{fixed}/1/3/2/401/9 等，{AMBIGUOUS_THIRD}",
            51,
            "appeals",
        ),
    ]


def test_section_four_with_a_misprinted_group() -> None:
    rec = appeals("21317000001324020")  # 13 + 2 + 4 + 0 ≠ 20
    assert values(rec, ("appeals",)) == REVIEW | DIRECT
    assert said(rec)[0] == (
        "C212",
        "第四部分数字串“21317000001324020”在任何拆分下三组总计都不能同时成立"
        "（原表本身不平）；只保留其余两组总计所确定的单元格",
        51,
        "appeals",
    )
    assert [code for code, *_ in said(rec)] == ["C212", "C210"]
    # the last total fixed by the digits alone: 2131700000132401 ends in 1 (401 would leave
    # three digits for four cells)
    rec = appeals("2131700000132401")
    assert values(rec, ("appeals",)) == REVIEW | DIRECT | {"lawsuit_after_review.total": 1}


def test_section_four_with_two_misprinted_groups() -> None:
    rec = appeals("21318000001324020")  # 2 + 1 + 3 + 1 ≠ 8 too
    assert values(rec, ("appeals",)) == {}
    assert said(rec)[0] == (
        "C212",
        "第四部分数字串“21318000001324020”在任何拆分下都有两组以上的总计不等于各项之和"
        "（原表本身不平）；只保留不依赖算术的单元格",
        51,
        "appeals",
    )


def test_section_four_forced_by_its_digits_says_nothing_more() -> None:
    # fifteen digits in fifteen cells, every group adding up
    rec = appeals("110020000010001")
    assert values(rec, ("appeals",)) == {
        **{
            f"review.{c}": v
            for c, v in zip(
                ("upheld", "corrected", "other", "pending", "total"), (1, 1, 0, 0, 2), strict=True
            )
        },
        **DIRECT,
        **{
            f"lawsuit_after_review.{c}": v
            for c, v in zip(
                ("upheld", "corrected", "other", "pending", "total"), (1, 0, 0, 0, 1), strict=True
            )
        },
    }
    assert said(rec) == []


def test_section_four_with_a_cell_that_may_be_blank() -> None:
    # read without blank cells, the first group is 0/0/0/0/0 in every reading; but a blank
    # cell moves every group by one digit, and some such reading adds up: nothing is kept
    rec = appeals("0000011000111110012")
    assert values(rec, ("appeals",)) == {}


def test_section_four_unread() -> None:
    assert said(appeals(None)) == [
        ("C211", "数字串“”无法按 15 个单元格拆分；本行数字留空", None, "appeals")
    ]
    assert said(appeals("1,2")) == [
        ("C211", "数字串“1,2”无法按 15 个单元格拆分；本行数字留空", None, "appeals")
    ]
    rec = appeals("21317000001324019", budget=5)
    assert rec.cells == {}
    assert said(rec)[0] == (
        "C214",
        f"第四部分数字串“21317000001324019”{CODES['C214']}；只保留不依赖算术的单元格",
        51,
        "appeals",
    )


def requests(runs: dict[int, str], *, budget: int = 600_000) -> Recovery:
    rec, located, _ = section_three(runs, budget=budget)
    resolve_requests(rec, located)
    return rec


def test_section_three_confirmed_by_the_identities() -> None:
    # 一, （一）予以公开 and （七）总计 print 1/2/1/2/2/2/10, the only cut that adds up
    run = "12122210"
    rec = requests({0: run, 2: run, 23: run})
    assert len(rec.cells) == 25 * 7
    assert values(rec, ("requests", "new")) == {
        "natural_person": 1,
        "commercial_enterprise": 2,
        "research_institution": 1,
        "public_interest_organization": 2,
        "legal_service_institution": 2,
        "other_organization": 2,
        "total": 10,
    }
    how = "只有这一种拆分使本行总计等于各项之和，并经列合计或勾稽关系印证"
    assert said(rec) == [
        ("C201", f"数字串“{run}”拆分为 1/2/1/2/2/2/10：{how}", 1, "requests.new"),
        ("C201", f"数字串“{run}”拆分为 1/2/1/2/2/2/10：{how}", 201, "requests.outcomes.disclosed"),
        ("C201", f"数字串“{run}”拆分为 1/2/1/2/2/2/10：{how}", 2301, "requests.outcomes.total"),
    ]


def test_section_three_chosen_by_the_identities() -> None:
    # 000121215 adds up as 0/0/0/1/2/12/15 and as 0/0/0/12/1/2/15; （一） 0/0/0/1/2/0/3 and
    # （二） 0/0/0/0/0/12/12 choose the first for （七）, and the balance for 一
    rec = requests({0: "000121215", 2: "0001203", 3: "000001212", 23: "000121215"})
    assert len(rec.cells) == 25 * 7
    assert values(rec, ("requests", "new"))["other_organization"] == 12
    chosen = "有 2 种拆分使本行总计等于各项之和，由列合计和勾稽关系确定为这一种"
    only = "只有这一种拆分使本行总计等于各项之和，并经列合计或勾稽关系印证"
    assert said(rec) == [
        ("C202", f"数字串“000121215”拆分为 0/0/0/1/2/12/15：{chosen}", 1, "requests.new"),
        (
            "C201",
            f"数字串“000001212”拆分为 0/0/0/0/0/12/12：{only}",
            301,
            "requests.outcomes.partially_disclosed",
        ),
        (
            "C202",
            f"数字串“000121215”拆分为 0/0/0/1/2/12/15：{chosen}",
            2301,
            "requests.outcomes.total",
        ),
    ]


COLUMNS = "自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他、总计"


def test_section_three_confirmed_but_still_ambiguous() -> None:
    # 一, （一） and （七） all print 000121215: both cuts that add up hold everywhere
    run = "000121215"
    rec = requests({0: run, 2: run, 23: run})
    assert values(rec, ("requests", "new")) == {
        "natural_person": 0,
        "commercial_enterprise": 0,
        "research_institution": 0,
        "total": 15,
    }
    unsure = "社会公益组织、法律服务机构、其他"
    assert said(rec)[0] == (
        "C210",
        f"数字串“{run}”可拆分为 0/0/0/1/2/12/15 或 0/0/0/12/1/2/15 等，{unsure} 无法唯一确定，留空",
        1,
        "requests.new",
    )
    assert [code for code, *_ in said(rec)] == ["C210"] * 3


def test_section_three_not_confirmed() -> None:
    # 二、上年结转 1203 adds up no way: the balance takes no part, and 一 is confirmed by nothing
    rec = requests({1: "1203", 0: "12122210"})
    assert values(rec, ("requests", "new")) == {}
    assert values(rec, ("requests", "carried_forward")) == dict.fromkeys(
        (
            "natural_person",
            "commercial_enterprise",
            "research_institution",
            "public_interest_organization",
            "legal_service_institution",
            "other_organization",
            "total",
        ),
        0,
    )  # fmt: skip  (0000000: forced, and adds up whatever blank cells there may be)
    blank_first = "（空）/（空）/（空）/（空）/（空）/（空）"
    assert said(rec) == [
        (
            "C212",
            "数字串“1203”在任何拆分下总计都不等于各项之和（原表本身不平）；只保留不依赖算术的单元格",
            101,
            "requests.carried_over",
        ),
        (
            "C215",
            "数字串“12122210”只按本行总计可拆为 1/2/1/2/2/2/10，"
            f"但没有列合计或勾稽关系印证，不予采用；{COLUMNS} 留空",
            1,
            "requests.new",
        ),
        (
            "C210",
            f"数字串“1203”可拆分为 {blank_first}/1203 或 {blank_first[:-4]}/1/203 或 "
            f"{blank_first[:-4]}/120/3 等，{COLUMNS} 无法唯一确定，留空",
            101,
            "requests.carried_over",
        ),
    ]
    # two cuts that add up and nothing to choose: both shown
    rec = requests({1: "1203", 0: "000121215", 2: "1000001", 23: "1000001"})
    assert said(rec)[1] == (
        "C210",
        "数字串“000121215”可拆分为 0/0/0/1/2/12/15 或 0/0/0/12/1/2/15 等，"
        f"{COLUMNS} 无法唯一确定，留空",
        1,
        "requests.new",
    )


def test_section_three_unread() -> None:
    rec, located, _ = section_three({1: "1,2"})
    located[5] = Found(located[5].row, None)
    resolve_requests(rec, located)
    assert said(rec) == [
        ("C211", "数字串“1,2”无法按 7 个单元格拆分；本行数字留空", None, "requests.carried_over"),
        (
            "C211",
            "数字串“”无法按 7 个单元格拆分；本行数字留空",
            None,
            "requests.outcomes.withheld.prohibited_by_law",
        ),
    ]
    assert len(rec.cells) == 23 * 7
    rec = requests({}, budget=0)
    assert said(rec)[0] == (
        "C214",
        f"数字串“0000000”{CODES['C214']}；只保留不依赖算术的单元格",
        1,
        "requests.new",
    )
    assert len(rec.diagnostics) == 25
    assert len(rec.cells) == 25 * 7  # seven zeros: no cell can be blank, no arithmetic needed


def test_an_ambiguous_row_names_each_reading_once_and_none_when_none_was_listed() -> None:
    row = read_row(REGULATIONS, "1203", summed=False, at=10)
    one = Cut(("1", "20", "3"), ((10, 11), (11, 13), (13, 14)), (1, 20, 3))
    other = Cut(("12", "0", "3"), ((10, 12), (12, 13), (13, 14)), (12, 0, 3))
    rec = Recovery(Text.of("x" * 100, "r.txt"), Template.V2021)
    rec.ambiguous(row, [0, 1], [one, one, other, one])
    rec.ambiguous(row, [0, 1], [])  # out of budget before any reading was listed
    assert [d.message for d in rec.diagnostics] == [
        "数字串“1203”可拆分为 1/20/3 或 12/0/3 等，本年制发件数、本年废止件数 无法唯一确定，留空",
        "数字串“1203”有多种拆分，本年制发件数、本年废止件数 无法唯一确定，留空",
    ]
