"""A document in which no table row matched the template: text whose table cells ran
together (handed to :mod:`zfxxgk.readers.crawltext`), or a clear refusal — a report of the
format before 2019, a file without tables, tables of another kind.
"""

from __future__ import annotations

import re

from ...errors import NoStandardTablesError, Pre2019ReportError, UnreadableDocumentError
from ...model import Template
from ...template import row_specs
from ..document import Table
from ..labels import key_of
from ..result import ParseResult
from ..sections import Heading
from .assemble import result
from .headings import inline_section_texts
from .info import year
from .state import INFO, Builder

__all__ = ["without_tables"]

_PRE2019_WORDS = ("指标名称", "计量单位", "历年累计", "统计指标")


def without_tables(
    builder: Builder, template: Template, headings: dict[str, Heading]
) -> ParseResult:
    """No table row matched the template: run-together text, or a clear refusal."""
    text = builder.document.text()
    key = key_of(text)
    has_captions = "第二十条" in key or "勾稽关系" in key
    has_tables = any(isinstance(block, Table) for block in builder.document.blocks)
    # text whose cells ran together has no cell structure of any kind: a document with a
    # table (ruled, aligned, one cell per line …) is never read as run-together text
    if has_captions and not has_tables and _glued(key, template):
        return _run_together(builder, text, template)
    if "政府信息公开" not in key:
        message = (
            "这不是政府信息公开工作年度报告（没有“政府信息公开”字样，也没有年度报告的统计表格）"
        )
    elif not has_captions and (
        any(word in key for word in _PRE2019_WORDS) or (year(text[:200]) or 9999) <= 2018
    ):
        message = (
            "这是 2019 年以前格式的年度报告（没有“第二十条第（一）项”等栏目，"
            "也没有“勾稽关系”说明，统计表为旧式“指标名称/计量单位”表）；"
            "旧格式没有可对应到 2019 或 2021 年版格式的统计表格，不予读取"
        )
        raise Pre2019ReportError(message, path=builder.source, narrative=text)
    elif not has_tables:
        message = (
            "文件中没有任何表格：年度报告第二、三、四部分的统计表格不在文件中（可能是图片或附件）"
        )
    elif not has_captions:
        message = (
            "文件中的表格不是 2019 或 2021 年版年度报告格式的统计表格"
            "（没有“第二十条第（一）项”等栏目，也没有“勾稽关系”说明）"
        )
    else:
        message = (
            "文件提到了年度报告格式的栏目，但没有找到可读取的统计表格"
            "（表格可能是图片，或表格内容无法与模板的标签对应）"
        )
    raise NoStandardTablesError(message, path=builder.source, narrative=text)


def _run_together(builder: Builder, text: str, template: Template) -> ParseResult:
    """The cells :mod:`zfxxgk.readers.crawltext` recovers from run-together text (R160)."""
    try:  # imported here: only run-together text needs it, and a build may leave it out
        from ..crawltext import recover
    except ImportError:
        raise UnreadableDocumentError(
            "表格内容连在一起（单元格之间没有分隔，例如从网页抓取的文本），本版本暂时无法读取这种文本",
            path=builder.source,
        ) from None
    recovered = recover(text, template=template, source=builder.source)
    builder.template = recovered.template
    builder.other_single = recovered.other_single
    builder.diag("R160", INFO, "表格的单元格连在一起，数字按模板和算术关系恢复")
    builder.diagnostics.extend(recovered.diagnostics)
    for path, cell in recovered.cells.items():
        builder.cells[tuple(path)] = cell
    for path, location in recovered.locations.items():
        builder.provenance[tuple(path)] = location
    builder.headings = {}
    narrative = inline_section_texts(text)
    return result(builder, narrative, {})


def _glued(key: str, template: Template) -> bool:
    """Labels glued to the numbers after them (``规章000行政规范性文件6233440``)."""
    hits = 0
    for spec in row_specs(template):
        if spec.section not in {"二", "三"}:
            continue
        label = key_of(spec.row[-1])
        if len(label) >= 2 and re.search(re.escape(label) + r"\d", key):
            hits += 1
    return hits >= 3
