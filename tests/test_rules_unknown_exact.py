"""The helpers of :mod:`zfxxgk.rules.unknown` written out: how a cell is described, how an
UNCHECKED message names its cells, what ``cell_at`` refuses (issue 16: survivors of
``scripts/mutation.py unknown``, see docs/mutation.md)."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

import zfxxgk
from zfxxgk.cells import Cell, CellKind
from zfxxgk.rules import Checked, NotCheckable, Unchecked, evaluate
from zfxxgk.rules.unknown import cell_at, cell_name, describe_cell, kind_at, unchecked_message
from zfxxgk.template import replace_at

from .conftest import REPO

EXAMPLE = REPO / "examples" / "reports" / "示例镇人民政府-2024.txt"


@pytest.mark.parametrize(
    ("cell", "text"),
    [
        (Cell.of(12), "12"),
        (Cell.of(12, raw="１２"), "12（原文“１２”）"),
        (Cell.of(Decimal("1.50"), raw="1.50"), "1.50"),
        (Cell.blank(), "空白（按 0 计）"),
        (Cell.placeholder("/"), "占位符“/”（按 0 计）"),
        (Cell.missing(), "缺失（原文未印出此格）"),
        (Cell.unread(), "未读取（原文有此格，未能读取）"),
        (Cell(raw="见附件", kind=CellKind.TEXT), "非数字文字“见附件”（按 0 计）"),
    ],
)
def test_describe_cell(cell: Cell, text: str) -> None:
    assert describe_cell(cell) == text


def test_cell_names_and_messages() -> None:
    assert (
        cell_name(("三", "三、本年度办理结果", "（七）总计", "自然人"), "p") == "（七）总计/自然人"
    )
    assert cell_name(("四", "行政复议", "总计"), "p") == "行政复议/总计"
    assert cell_name((), "requests.new.total") == "requests.new.total"
    item = Unchecked("requests.new.total", "本行总计 = 各列之和")
    assert unchecked_message(item, []) == "本行总计 = 各列之和无法核对：涉及数值未知的单元格"
    cells = [("甲", CellKind.UNREAD), ("乙", CellKind.MISSING), ("丙", None)]
    assert unchecked_message(item, cells) == (
        "本行总计 = 各列之和无法核对：涉及未读取的单元格 甲、丙；涉及原文未印出的单元格 乙"
    )
    many = [(str(n), CellKind.UNREAD) for n in range(8)]
    assert unchecked_message(item, many) == (
        "本行总计 = 各列之和无法核对：涉及未读取的单元格 0、1、2、3、4、5等 8 格"
    )
    six = [(str(n), CellKind.MISSING) for n in range(6)]
    assert unchecked_message(item, six).endswith("涉及原文未印出的单元格 0、1、2、3、4、5")


def test_cell_at_and_evaluate() -> None:
    report = zfxxgk.read(EXAMPLE).report
    assert cell_at(report, ["requests", "new", "total"]) is report.requests.new.total
    assert cell_at(report, ("requests", "new", "total")) is report.requests.new.total
    message = "'requests.new' is not a cell of the report but a ApplicantRow"
    with pytest.raises(TypeError, match=f"^{re.escape(message)}$"):
        cell_at(report, "requests.new")
    assert kind_at(report, "requests.new.total") is CellKind.NUMBER
    assert kind_at(report, "requests.new") is None and kind_at(report, "no.such") is None
    parts = ["appeals.review.upheld", "appeals.review.corrected"]
    total = ["appeals.review.total"]
    damaged = replace_at(report, "appeals.review.upheld", Cell.missing())
    assert evaluate(damaged, total=total, parts=parts) == NotCheckable(("appeals.review.upheld",))
    damaged = replace_at(report, "appeals.review.total", Cell.unread())
    assert evaluate(damaged, total=total, parts=parts) == NotCheckable(("appeals.review.total",))
    result = evaluate(report, total=total, parts=parts)
    assert isinstance(result, Checked)
