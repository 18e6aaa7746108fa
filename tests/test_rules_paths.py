"""Typed paths (``zfxxgk.rules.paths``): the engine's dotted paths, with typos caught by mypy."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from zfxxgk.diagnostics import Severity
from zfxxgk.model import Appeals, DisclosureRequests, Report, Template, proactive_2021
from zfxxgk.rules import RuleSet, Unchecked, Violation, amount_at, check, paths, rule
from zfxxgk.rules.paths import CellPath, ModelPath, RowPath
from zfxxgk.template import TABLE_SECTIONS, cell_specs, row_specs

REPO = Path(__file__).resolve().parent.parent


def _walk(node: ModelPath) -> Iterator[ModelPath]:
    yield node
    for child in node.children():
        yield from _walk(child)


def _tree(template: Template, *, other_single: bool) -> list[ModelPath]:
    proactive = paths.proactive.v2021 if template is Template.V2021 else paths.proactive.v2019
    other = paths.requests.outcomes.other_handling
    found = [*_walk(proactive), *_walk(paths.requests), *_walk(paths.appeals)]
    if other_single:  # （六） printed as one row: the row instead of its three rows
        three = {p for p in _walk(other) if p != other}
        found = [p for p in found if p not in three]
        found[found.index(other) + 1 : found.index(other) + 1] = [*_walk(other.as_row)][1:]
        found[found.index(other)] = other.as_row
    return found


@pytest.mark.parametrize("template", list(Template))
@pytest.mark.parametrize("other_single", [False, True])
def test_the_accessors_give_the_template_s_paths(template: Template, other_single: bool) -> None:
    found = _tree(template, other_single=other_single)
    cells = [p for p in found if isinstance(p, CellPath)]
    rows = [p for p in found if isinstance(p, RowPath)]
    specs = cell_specs(template, other_single=other_single)
    assert cells == [spec.dotted for spec in specs]  # every cell, in template order
    assert rows == [".".join(r.path) for r in row_specs(template, other_single=other_single)]
    assert {paths.proactive, paths.requests, paths.appeals} == set(TABLE_SECTIONS.values())
    for row in rows:
        assert list(row.cells) == [s.dotted for s in specs if s.dotted.rpartition(".")[0] == row]


def test_a_path_is_a_plain_dotted_string() -> None:
    path = paths.requests.outcomes.withheld.state_secret.natural_person
    assert path == "requests.outcomes.withheld.state_secret.natural_person"
    assert isinstance(path, str)
    assert path.parts == ("requests", "outcomes", "withheld", "state_secret", "natural_person")
    assert paths.proactive.v2021.fees.amount == "proactive.fees.amount"
    assert paths.proactive.v2019.procurement.amount == "proactive.procurement.amount"
    assert paths.requests.outcomes.other_handling.as_row.total == (
        "requests.outcomes.other_handling.total"
    )
    lookup: dict[str, int] = {paths.appeals.review.total: 1}
    assert lookup["appeals.review.total"] == 1
    with pytest.raises(AttributeError):
        paths.appeals.reviw  # type: ignore[attr-defined]  # noqa: B018


@rule(
    code="X-TYPED",
    severity=Severity.INFO,
    title="类型化路径",
    message="{where}：报告为{reported}",
)
def _typed(report: Report) -> Iterator[Violation | Unchecked]:
    yield Violation(paths.requests.carried_forward.total)
    yield Unchecked(paths.appeals.review.total, "示例", [paths.appeals.review.pending])


@rule(
    code="X-STRING", severity=Severity.INFO, title="字符串路径", message="{where}：报告为{reported}"
)
def _string(report: Report) -> Iterator[Violation | Unchecked]:
    yield Violation("requests.carried_forward.total")
    yield Unchecked("appeals.review.total", "示例", ["appeals.review.pending"])


def _report() -> Report:
    return Report.build(
        agency="示例县民政局",
        year=2024,
        proactive=proactive_2021(normative_documents=(3, 1, 27)),
        requests=DisclosureRequests.from_counts(
            new=[42, 5], carried_over=[3], disclosed=[20, 2], partially_disclosed=[4, 1]
        ),
        appeals=Appeals.from_counts(review=(2, 1, 0, 1)),
    )


def test_a_typed_path_makes_the_same_finding_as_the_string() -> None:
    seed_report = _report()
    typed = check(seed_report, RuleSet.of(_typed))
    string = check(seed_report, RuleSet.of(_string))
    assert [(f.path, f.labels, f.reported, f.message) for f in typed] == [
        (f.path, f.labels, f.reported, f.message) for f in string
    ]
    assert typed[0].labels[-2:] == ("四、结转下年度继续办理", "总计")
    assert all(type(f.path) is str for f in typed)  # the finding holds the plain string
    assert typed.at(paths.requests.carried_forward.total) == typed[:1]
    total = paths.requests.carried_forward.total
    assert amount_at(seed_report, total) == amount_at(seed_report, str(total))


SNIPPET = """\
from zfxxgk.rules import Violation, paths

good = Violation(paths.requests.carried_forward.total)
cells: tuple[paths.CellPath, ...] = paths.appeals.review.cells
fee = paths.proactive.v2021.fees.amount
one_row = paths.requests.outcomes.other_handling.as_row.natural_person
typo = Violation(paths.appeals.reviw.total)
wrong_template = paths.proactive.v2019.fees.amount
no_shape = paths.proactive.fees
"""


def test_mypy_rejects_a_mistyped_accessor(tmp_path: Path) -> None:
    (tmp_path / "snippet.py").write_text(SNIPPET, encoding="utf-8")
    env = {**os.environ, "MYPYPATH": str(REPO / "src")}
    proc = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "snippet.py"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    errors = [line for line in proc.stdout.splitlines() if ": error:" in line]
    assert [line.split(":")[1] for line in errors] == ["7", "8", "9"], proc.stdout
    assert '"AppealsPath" has no attribute "reviw"' in errors[0]
    assert '"FeeItemsRow2019Path" has no attribute "amount"' in errors[1]
    assert '"ProactivePath" has no attribute "fees"' in errors[2]
    assert proc.returncode == 1
