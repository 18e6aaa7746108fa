"""The one table of identities (zfxxgk.identities) and its evaluation on reports."""

from __future__ import annotations

import pytest

from zfxxgk import arithmetic
from zfxxgk.identities import (
    SECTION4_IDENTITIES,
    IdentityKind,
    section3_identities,
)
from zfxxgk.model import DisclosureRequests, Template


def test_section3_table_shape() -> None:
    for rows in (23, 25):
        table = section3_identities(rows)
        kinds = [i.kind for i in table.identities]
        assert kinds == (
            [IdentityKind.ROW_TOTAL] * rows
            + [IdentityKind.OUTCOME_TOTAL] * 7
            + [IdentityKind.BALANCE] * 7
        )
        balance = table.of_kind(IdentityKind.BALANCE)[0]
        assert balance.total == ((0, 0), (1, 0))
        assert balance.parts == ((rows - 2, 0), (rows - 1, 0))
        assert balance.carrier == (rows - 1, 0)
        assert sorted(balance.terms()) == sorted(
            [(0, 0, 1), (1, 0, 1), (rows - 2, 0, -1), (rows - 1, 0, -1)]
        )
    with pytest.raises(ValueError, match="at least 5 rows"):
        section3_identities(3)


def test_residuals_and_complete() -> None:
    requests = DisclosureRequests.from_counts(
        new=[5, 1], carried_over=[2], disclosed=[3], withheld=[[0, 1]], other_handling=[[1]]
    )
    values = arithmetic.section3_values(requests)
    table = arithmetic.identities_of(requests)
    assert table.rows == 25
    assert not any(table.residuals(values))
    unknown: list[int | None] = list(map(int, values))
    for k in (table.index((24, 0)), table.index((23, 6)), table.index((0, 6))):
        unknown[k] = None
    assert table.complete(unknown) == values
    broken = list(values)
    broken[table.index((0, 0))] += 1
    res = table.residuals(broken)
    assert [i for i, r in enumerate(res) if r] == [0, 25 + 7]
    identity = table.identities[0]
    assert identity.solve((0, 6), lambda p: broken[table.index(p)]) == 7
    with pytest.raises(ValueError, match="not in this identity"):
        identity.solve((1, 0), lambda p: 0)


def test_section4_table() -> None:
    assert SECTION4_IDENTITIES.residuals([1, 2, 3, 4, 10] * 3) == [0, 0, 0]
    assert SECTION4_IDENTITIES.residuals([1, 2, 3, 4, 9, *[0] * 10]) == [-1, 0, 0]


def test_grid_rows_follow_the_template() -> None:
    paths = arithmetic.section3_paths(Template.V2021)
    assert len(paths) == 25
    assert paths[0] == ("requests", "new")
    assert paths[-2] == ("requests", "outcomes", "total")
    assert paths[-1] == ("requests", "carried_forward")
    assert len(arithmetic.section3_paths(Template.V2019)) == 23


def test_totals_of_plain_counts() -> None:
    from zfxxgk.identities import case_total_of, row_total_of

    assert row_total_of([1, 2, 3, 0, 0, 4]) == 10
    assert case_total_of([1, 2, 3, 4]) == 10


def test_complete_repeats_until_no_identity_gives_a_cell() -> None:
    """Cells that only a second pass can give: （一）'s 总计 and （二）'s 总计 are each one of
    two unknowns of their row and of column 总计; their rows are solvable only once the
    columns of the other two unknowns (自然人 of （一）, 商业企业 of （二）) have given those."""
    requests = DisclosureRequests.from_counts(
        new=[5, 1], carried_over=[2], disclosed=[3], withheld=[[0, 1]], other_handling=[[1]]
    )
    values = arithmetic.section3_values(requests)
    table = arithmetic.identities_of(requests)
    unknown: list[int | None] = list(map(int, values))
    for position in ((2, 0), (2, 6), (3, 6), (3, 1)):
        unknown[table.index(position)] = None
    assert table.complete(unknown) == values
