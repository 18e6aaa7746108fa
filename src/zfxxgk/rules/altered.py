"""Rules ``TEMPLATE-ROWS`` and ``TEMPLATE-LABEL``: a table altered from the official template.

A reviewer flags an edited template even when the reader could map it back:

* ``TEMPLATE-ROWS`` (警告) — rows merged or dropped: a 2021-template report that prints
  （六）其他处理 as one row, without its sub-rows 1. 2. 3. (the 2019 shape: what each sub-row
  holds cannot be known), found from the model itself (``other_handling`` is one row); a row
  of a table the report prints whose cells are all not printed (:attr:`CellKind.MISSING
  <zfxxgk.cells.CellKind.MISSING>`: the row was left out; ``CELL-MISSING`` says it per cell).
  A table not printed at all is ``N201`` / ``N204``, not this.  Only a report a reader
  read is checked (``report.info.printed`` is set): a report built from numbers has the shape
  its builder chose (``zfxxgk.strategies.reports(other_single=True)`` draws 2021 reports with
  one （六） row), not a printed table.
* ``TEMPLATE-LABEL`` (提示) — a row label worded otherwise than the template's, from how the
  reader matched it (``report.info.printed.labels``, :class:`zfxxgk.printed.LabelMatch`): a
  label with characters left out, added or changed (``FUZZY``: ``2.其他法律行政止公开``) or
  another name of the row the template knows (``ALIAS``: ``规范性文件`` for
  行政规范性文件); and a column header that differs from a column label of the template by
  one changed character (``本年废纸件数`` for 本年废止件数; ``report.info.printed.columns``).
  Differences that come from the way the file was made and not from the
  person who filled it in — numbering lost, a label cut short or split over two lines, stray
  text in front of it (``NUMBERING``, ``PARTIAL``, ``WRAPPED``, ``EXTRA_TEXT``: PDF text, OCR)
  — are not reported.  A report built from numbers has no printed labels and is not checked.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from ..diagnostics import Severity
from ..model import ApplicantRow, Report, Template
from ..printed import LabelMatch
from .analysis import scan
from .engine import Rule, Violation, rule

__all__ = ["TEMPLATE_RULES", "template_label", "template_rows"]

_REPORTED: Final[dict[LabelMatch, str]] = {
    LabelMatch.FUZZY: "文字有出入，可能是错别字或改动了模板",
    LabelMatch.ALIAS: "用了该行的别称或旧称，不是现行模板的措辞",
}
_SINGLE_OTHER: Final = (
    "2021 年版格式的“（六）其他处理”应分 1. 2. 3. 三个分项印出，原文只印了一行"
    "（2019 年版的形式）：各分项的数字无从得知"
)


def _dropped_rows(report: Report) -> Iterator[str]:
    """The rows (dotted paths) of a printed table whose every cell is not printed."""
    cells = scan(report)
    specs = cells.layout.specs
    missing = set(cells.missing)
    if not missing:
        return
    absent = missing | set(cells.unread)
    by_row: dict[str, list[int]] = {}
    by_section: dict[str, list[int]] = {}
    for index, spec in enumerate(specs):
        by_row.setdefault(".".join(spec.row_path), []).append(index)
        by_section.setdefault(spec.section, []).append(index)
    for path, indices in by_row.items():
        section = specs[indices[0]].section
        if all(i in missing for i in indices) and not all(i in absent for i in by_section[section]):
            yield path


@rule(
    code="TEMPLATE-ROWS",
    severity=Severity.WARNING,
    title="表格的行与模板不符（合并或删去了行）",
    message="{problem}",
    params=("problem",),
    example={"problem": _SINGLE_OTHER},
    description=(
        "统计表的行应与官方模板一致。2021 年版格式的报告把“（六）其他处理”印成一行"
        "、没有1. 2. 3. 三个分项（2019 年版的形式）时报告一条；所印表格中某"
        "一行的单元格全部未印出（删去了该行，各单元格另见 CELL-MISSING）时每"
        "行报告一条。整张表未印出见 N201、N204。只检查读取所得的报告"
        "（report.info.printed）：由数字构造的报告，其形式由构造者决定。"
    ),
)
def template_rows(report: Report) -> Iterator[Violation]:
    """Rows merged (one （六） row in a 2021 report) or dropped from a printed table."""
    if report.info.printed is None:
        return  # built from numbers: its shape is the builder's choice, not a printed table
    other = report.requests.outcomes.other_handling
    if report.template is Template.V2021 and isinstance(other, ApplicantRow):
        yield Violation("requests.outcomes.other_handling", params={"problem": _SINGLE_OTHER})
    for path in _dropped_rows(report):
        yield Violation(path, params={"problem": "模板中的这一行原文未印出（删去了该行）"})


@rule(
    code="TEMPLATE-LABEL",
    severity=Severity.INFO,
    title="表格的行标签或列标题与模板措辞不同",
    message="{what}印为“{printed}”，模板为“{official}”：{how}",
    params=("what", "printed", "official", "how"),
    example={
        "what": "行标签",
        "printed": "2.其他法律行政止公开",
        "official": "2.其他法律行政法规禁止公开",
        "how": "文字有出入，可能是错别字或改动了模板",
    },
    description=(
        "统计表的行标签和列标题应与官方模板一致。读取时按近似匹配（文字有出入，如“2.其"
        "他法律行政止公开”）或按别称（如“规范性文件”）对应到模板行的，每行报告一条；列"
        "标题与模板某一列只差一个字（如“本年废纸件数”）的，每个报告一条。序号缺失、标签"
        "被截断或分成两行、前面多出文字等由文件制作（PDF 文本、OCR）造成的差异不报"
        "告。只检查读取所得的报告（report.info.printed）。"
    ),
)
def template_label(report: Report) -> Iterator[Violation]:
    """Row labels and column headers worded otherwise than the template."""
    printed = report.info.printed
    if printed is None:
        return
    for what, labels in (("行标签", printed.labels), ("列标题", printed.columns)):
        for label in labels:
            how = _REPORTED.get(label.match)
            if how is not None:
                params = {"what": what, "printed": label.printed, "official": label.official}
                yield Violation(label.path, params={**params, "how": how})


TEMPLATE_RULES: Final[tuple[Rule, ...]] = (template_rows, template_label)
"""The template-alteration rules, in the default rule set."""
