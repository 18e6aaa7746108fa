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
from zfxxgk.model import Template
from zfxxgk.readers.crawltext.budget import Budget
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
from zfxxgk.readers.crawltext.locate import Found, Piece
from zfxxgk.readers.crawltext.rows import Row
from zfxxgk.readers.crawltext.solve import Solved, solve_identities
from zfxxgk.readers.crawltext.text import SEP
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
    assert blank.cells[0] == [[(0, "", 0), (1, "1", 1), (2, "10", 10)], [(1, "", 0), (2, "0", 0)], [(2, "", 0)]]


def test_tokens_do_not_cross_a_boundary_and_next_skips_it() -> None:
    run = Tokens(Piece.join([piece("12"), piece("3", 7)]), [COUNT], blanks=False)
    assert run.piece.text == "12" + SEP + "3"
    assert run.next == [0, 1, 3, 3, 4]
    assert run.cells[0] == [[(1, "1", 1), (2, "12", 12)], [(2, "2", 2)], [], [(4, "3", 3)], []]


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
    cannot = ({}, {"9": 0})
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
    return Row.read(Found(spec, None, tuple(piece(r, at) for r in runs)), Budget(PLENTY), summed=summed)


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
