"""The pair rules' findings written out: code, cell, figures and the Chinese message (issue 16:
survivors of ``scripts/mutation.py pairs``, see docs/mutation.md)."""

from __future__ import annotations

import attrs
import pytest

import zfxxgk
from zfxxgk.cells import Cell
from zfxxgk.model import Report
from zfxxgk.rules import check_pair
from zfxxgk.template import replace_at

from .conftest import REPO, a_year_before

EXAMPLE = REPO / "examples" / "reports" / "示例镇人民政府-2024.txt"


@pytest.fixture(scope="module")
def pair() -> tuple[Report, Report]:
    """2023 and 2024 of one agency, consistent with each other (no pair finding)."""
    report = zfxxgk.read(EXAMPLE).report
    previous = a_year_before(report)
    current = replace_at(report, "requests.carried_over", previous.requests.carried_forward)
    assert not check_pair(previous, current)
    return previous, current


def _found(previous: Report, current: Report) -> list[tuple[object, ...]]:
    return [
        (f.code, f.path, f.reported, f.expected, f.message) for f in check_pair(previous, current)
    ]


def test_carry_over(pair: tuple[Report, Report]) -> None:
    previous, current = pair
    wrong = replace_at(previous, "requests.carried_forward.natural_person", Cell.of(99))
    message = "上年结转报告为2，应等于2023年度报告“结转下年度继续办理”的 99"
    assert _found(wrong, current) == [
        ("PAIR-CARRY-OVER", "requests.carried_over.natural_person", 2, 99, message)
    ]
    # the previous report's year unknown: "上一年度", and the check still runs
    no_year = attrs.evolve(wrong, info=attrs.evolve(wrong.info, year=None))
    assert _found(no_year, current) == [
        (
            "PAIR-CARRY-OVER",
            "requests.carried_over.natural_person",
            2,
            99,
            "上年结转报告为2，应等于上一年度报告“结转下年度继续办理”的 99",
        )
    ]


def test_document_stock(pair: tuple[Report, Report]) -> None:
    previous, current = pair
    wrong = replace_at(previous, "proactive.regulations.in_force", Cell.of(99))
    message = "现行有效件数报告为0，按2023年度现行有效 99 + 本年制发 0 − 本年废止 0，应为99"
    assert _found(wrong, current) == [
        ("PAIR-DOCUMENT-STOCK", "proactive.regulations.in_force", 0, 99, message)
    ]
    issued = replace_at(current, "proactive.normative_documents.issued", Cell.of(5))
    issued = replace_at(issued, "proactive.normative_documents.repealed", Cell.of(2))
    assert _found(previous, issued) == [
        (
            "PAIR-DOCUMENT-STOCK",
            "proactive.normative_documents.in_force",
            2,
            5,
            "现行有效件数报告为2，按2023年度现行有效 2 + 本年制发 5 − 本年废止 2，应为5",
        )
    ]


def test_unknown_cells_are_named(pair: tuple[Report, Report]) -> None:
    previous, current = pair
    unread = replace_at(previous, "proactive.regulations.in_force", Cell.unread())
    missing = replace_at(current, "proactive.regulations.issued", Cell.missing())
    assert [(f.code, f.path, f.message) for f in check_pair(unread, missing)] == [
        (
            "UNCHECKED",
            "proactive.regulations.in_force",
            "“现行有效件数 = 上年现行有效 + 本年制发 − 本年废止”（规章）无法核对："
            "涉及未读取的单元格 上一年度报告规章/现行有效件数；"
            "涉及原文未印出的单元格 规章/本年制发件数",
        )
    ]
    repealed = replace_at(current, "proactive.normative_documents.repealed", Cell.unread())
    assert [(f.code, f.path) for f in check_pair(previous, repealed)] == [
        ("UNCHECKED", "proactive.normative_documents.in_force")
    ]


def test_sequence(pair: tuple[Report, Report]) -> None:
    previous, current = pair
    other = attrs.evolve(previous, info=attrs.evolve(previous.info, agency="某某市人民政府"))
    assert [(f.code, f.path, f.message) for f in check_pair(other, current)] == [
        ("PAIR-SEQUENCE", None, "两份报告的发布机关不同：“某某市人民政府”与“示例镇人民政府”")
    ]
    gap = attrs.evolve(previous, info=attrs.evolve(previous.info, year=2021))
    message = "两份报告的年度为 2021 年与 2024 年，不是相邻的两个年度；跨年度的结转等检查未进行"
    wrong_gap = replace_at(gap, "requests.carried_forward.natural_person", Cell.of(99))
    assert [(f.code, f.path, f.message) for f in check_pair(wrong_gap, current)] == [
        ("PAIR-SEQUENCE", None, message)  # and no year-to-year check
    ]
    unnamed = attrs.evolve(previous, info=attrs.evolve(previous.info, agency=None))
    assert not check_pair(unnamed, current)


def test_unchecked_names_only_the_unknown_cells(pair: tuple[Report, Report]) -> None:
    previous, current = pair
    then = replace_at(previous, "requests.carried_forward.total", Cell.unread())
    now = replace_at(current, "requests.carried_over.natural_person", Cell.missing())
    what = "“上年结转 = 2023年度报告的结转下年度继续办理”"
    assert [(f.path, f.message) for f in check_pair(then, current)] == [
        (
            "requests.carried_over.total",
            f"{what}（总计列）无法核对：涉及未读取的单元格 上一年度报告四、结转下年度继续办理/总计",
        )
    ]
    assert [(f.path, f.message) for f in check_pair(previous, now)] == [
        (
            "requests.carried_over.natural_person",
            f"{what}（自然人列）无法核对："
            "涉及原文未印出的单元格 二、上年结转政府信息公开申请数量/自然人",
        )
    ]
    # both rows of documents, each with an unknown cell of this year: one UNCHECKED each
    stock = replace_at(current, "proactive.regulations.issued", Cell.missing())
    stock = replace_at(stock, "proactive.normative_documents.in_force", Cell.unread())
    rule = "“现行有效件数 = 上年现行有效 + 本年制发 − 本年废止”"
    assert [(f.path, f.message) for f in check_pair(previous, stock)] == [
        (
            "proactive.regulations.in_force",
            f"{rule}（规章）无法核对：涉及原文未印出的单元格 规章/本年制发件数",
        ),
        (
            "proactive.normative_documents.in_force",
            f"{rule}（行政规范性文件）无法核对：涉及未读取的单元格 行政规范性文件/现行有效件数",
        ),
    ]


def test_a_blank_row_of_documents_does_not_stop_the_next(pair: tuple[Report, Report]) -> None:
    previous, current = pair
    blank = replace_at(current, "proactive.regulations.issued", Cell.blank())
    wrong = replace_at(blank, "proactive.normative_documents.in_force", Cell.of(7))
    assert [(f.code, f.path) for f in check_pair(previous, wrong)] == [
        ("PAIR-DOCUMENT-STOCK", "proactive.normative_documents.in_force")
    ]
