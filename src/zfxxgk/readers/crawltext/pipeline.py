"""The recovery, stage by stage: locate each table's rows in the normalised text
(``locate``), resolve them into cells (``resolve``), and say what was recovered."""

from __future__ import annotations

from ...diagnostics import Diagnostic, Severity, SourceLocation
from ...errors import UnreadableDocumentError
from ...model import Template
from ...template import cell_specs, row_specs
from .budget import MAX_TEXT
from .codes import CODES
from .labels import Label, row_label, variants
from .locate import (
    find_label,
    locate_appeals,
    locate_rows,
    start_of_rows,
    start_of_section_two,
    value_ends,
)
from .recovery import Recovered, Recovery
from .resolve import resolve_appeals, resolve_plain, resolve_requests
from .text import Text, normalise


def recover(text: str, *, template: Template, source: str | None = None) -> Recovered:
    """Recover the table cells of a run-together report text where the arithmetic allows.

    Raises :class:`~zfxxgk.errors.UnreadableDocumentError` when no table can be recovered at
    all (no row label found, or no cell fixed).  Cells that stay ambiguous are left out of
    :attr:`Recovered.cells`, each with a diagnostic.
    """
    if len(text) > MAX_TEXT:
        raise UnreadableDocumentError(
            f"文本过长（{len(text)} 个字符），不尝试从连写文本中恢复表格", path=source
        )
    return _run(Recovery(Text.of(text, source), template))


def _run(rec: Recovery) -> Recovered:
    """Locate and resolve the three tables in turn, then say what was recovered."""
    _check_template(rec)
    found_two, end = _section_two(rec)
    found_three, end, single = _section_three(rec, end)
    found_four = _section_four(rec, end, single)
    if not (found_two or found_three or found_four):
        raise UnreadableDocumentError(
            f"连写文本中找不到{rec.template.value}年版年度报告格式的统计表（第二十条第（一）项、"
            "一、本年新收政府信息公开申请数量、结果维持等标签都没有），无法分离数字；"
            "可能是 2019 年以前的旧格式报告",
            path=rec.text.source,
        )
    if not rec.cells:
        problems = "；".join(d.message for d in rec.diagnostics if d.severity is Severity.WARNING)
        raise UnreadableDocumentError(
            f"连写文本中的表格数字无法唯一分离，没有一个单元格可以确定：{problems[:300]}",
            path=rec.text.source,
        )
    total = len(cell_specs(rec.template, other_single=single))
    summary = Diagnostic(
        code="C200",
        severity=Severity.INFO,
        message=(
            "表格单元格连在一起、没有分隔：按模板的算术关系唯一确定了 "
            f"{len(rec.cells)} 个单元格（共 {total} 个），其余 "
            f"{total - len(rec.cells)} 个无法唯一确定，留空"
        ),
        location=SourceLocation(file=rec.text.source) if rec.text.source else None,
    )
    return Recovered(
        template=rec.template,
        other_single=single,
        cells=rec.cells,
        diagnostics=(summary, *rec.diagnostics),
        locations=rec.locations,
    )


def _section_two(rec: Recovery) -> tuple[bool, int]:
    """Section 二: (whether its table was found, where it ends)."""
    two = [r for r in row_specs(rec.template) if r.section == "二"]
    start = start_of_section_two(rec.text, two)
    if start is None:
        rec.note("C223", Severity.WARNING, "未找到第二部分（主动公开政府信息情况）的表格")
        return False, 0
    located, end = locate_rows(rec.text, two, start, "二")
    resolve_plain(rec, located)
    return True, end


def _section_three(rec: Recovery, end: int) -> tuple[bool, int, bool]:
    """Section 三 after *end*: (whether its table was found, where it ends, whether
    （六）其他处理 is printed as one row)."""
    single = rec.template is Template.V2019
    three = [r for r in row_specs(rec.template, other_single=single) if r.section == "三"]
    start = start_of_rows(rec.text, three[0], end)
    if start is None:
        rec.note("C223", Severity.WARNING, "未找到第三部分（收到和处理政府信息公开申请情况）的表格")
        return False, end, single
    if not single and _printed_as_one_row(rec, start.end):
        single = True
        three = [r for r in row_specs(rec.template, other_single=True) if r.section == "三"]
    located, end = locate_rows(rec.text, three, start, "三")
    resolve_requests(rec, located)
    return True, end, single


def _section_four(rec: Recovery, end: int, single: bool) -> bool:
    """Section 四 after *end*: whether its table was found."""
    four = [r for r in row_specs(rec.template, other_single=single) if r.section == "四"]
    appeals = locate_appeals(rec.text, four, end)
    if appeals is None:
        rec.note("C223", Severity.WARNING, "未找到第四部分（行政复议、行政诉讼情况）的表格")
        return False
    resolve_appeals(rec, appeals)
    return True


def _check_template(rec: Recovery) -> None:
    """C230: the section-二 header looks like the other template's."""
    columns = {
        t: {normalise(s.column) for s in cell_specs(t) if s.section == "二"} for t in Template
    }
    other = Template.V2019 if rec.template is Template.V2021 else Template.V2021
    mine = columns[rec.template] - columns[other]
    theirs = columns[other] - columns[rec.template]
    norm = rec.text.norm
    if not any(w in norm for w in mine) and any(w in norm for w in theirs):
        rec.note(
            "C230",
            Severity.WARNING,
            f"文本第二部分的表头像{other.value}年版格式，而不是给定的{rec.template.value}年版",
        )


def _printed_as_one_row(rec: Recovery, start: int) -> bool:
    """Whether a 2021-template report prints （六）其他处理 as one row of numbers."""
    norm = rec.text.norm
    rows = row_specs(rec.template, other_single=False)
    first_sub = next(r for r in rows if r.path[-2:] == ("other_handling", "no_correction"))
    group = Label(tuple(variants(first_sub.row[-2])))
    at = find_label(norm, group, start)
    sub_label = row_label(first_sub)
    if at is None or any(norm.startswith(form, at.end) for form, _ in sub_label.forms):
        return False
    if value_ends(norm, at.end)[0] == at.end:
        return False
    rec.note("C231", Severity.INFO, CODES["C231"], at=at.start)
    return True
