"""Stage two: a neutral :class:`~.document.Document` → :class:`~zfxxgk.model.Report`.

The builder does not care which format the document came from.  It

1. finds the six section headings by their wording (:mod:`.sections`);
2. tells the template by its fingerprints (FORMAT.md §2), never by the year, and whether
   （六）其他处理 was printed as three sub-rows or as one row;
3. turns every table row into a *data row*: the label cells (matched against the template's
   row labels, :mod:`.labels`) and the value cells after them, merged-cell copies dropped;
4. reads section 二 by label, section 三 as a sequence of data rows aligned to the template's
   row sequence (labels anchor; rows printed without a label are assigned by order only when
   their number fits the gap between two anchors), section 四 as 15 numbers in template order
   (one flat row, three rows, or three small tables);
5. reads every value with :func:`zfxxgk.cells.parse_cell` for the template cell's kind.

Anything uncertain becomes a :class:`~zfxxgk.diagnostics.Diagnostic` (codes ``R1xx``, listed
in ``docs/reading.md``).  When it is not certain which number belongs to which cell, the
cells are left missing: a wrong number is worse than no number.

Text whose tables ran together into one line (a crawler's dump) is handed to
:mod:`zfxxgk.readers.crawltext`; a report without the 2019/2021 tables (pre-2019) is refused
with :class:`~zfxxgk.errors.NoStandardTablesError`.
"""

from __future__ import annotations

import collections
import datetime as _dt
import functools
import importlib
import itertools
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Final

import attrs

from ..cells import PLACEHOLDERS, Cell, CellKind, Unit, ValueKind, parse_cell
from ..diagnostics import Diagnostic, Severity, SourceLocation
from ..errors import NoStandardTablesError, Pre2019ReportError, UnreadableDocumentError
from ..model import (
    Appeals,
    ApplicantRow,
    DisclosureRequests,
    OtherHandling,
    ProactiveDisclosure2019,
    ProactiveDisclosure2021,
    Report,
    ReportInfo,
    Template,
)
from ..template import SECTION_TITLES, CellSpec, RowSpec, cell_specs, label_path, row_specs
from .document import Document, Paragraph, Table, TextCell
from .labels import Group, LabelIndex, Match, Quality, label_index, label_key, strip_numbering
from .result import ParseResult
from .sections import SECTIONS, Heading, find_headings, heading_words, printed_headings

__all__ = ["CODES", "build"]

CODES: Final[dict[str, str]] = {
    "R100": "未找到某一部分的标题",
    "R101": "标签为近似匹配",
    "R102": "单元格为空白",
    "R103": "单元格为占位符",
    "R104": "数字带有单位或备注",
    "R105": "单元格内容不是数字",
    "R106": "金额单位与模板不符",
    "R110": "一行的单元格少于模板",
    "R111": "一行的单元格多于模板，无法确定对应关系",
    "R112": "未找到模板中的某一行",
    "R113": "无标签的行按顺序对应",
    "R114": "无标签的行数与空缺不符，未对应",
    "R115": "无法识别的行标签，该行已忽略",
    "R116": "同一行出现多次，只取第一次",
    "R117": "小计行或小计列已忽略",
    "R118": "行的顺序与模板不符",
    "R120": "表格位置与所在部分不符",
    "R121": "部分标题与官方格式不同",
    "R122": "部分标题不在规定位置或重复出现",
    "R130": "第四部分的数字个数与模板不符",
    "R131": "第四部分的空行已忽略",
    "R140": "无法确定或混用了年度报告格式",
    "R141": "（六）其他处理印成一行",
    "R150": "未找到报告年度",
    "R151": "未找到发布机关",
    "R160": "表格内容连在一起，按模板算术恢复",
    "R170": "文本表格中的数字与列对不齐，无法确定属于哪一格，未读取",
    "R171": "文本表格各行的数字没有对齐成列",
    "R172": "文本表格的线条没有对齐",
    "R173": "单元格所在的列无法确定，未读取",
}
"""Every diagnostic code the builder emits, with its short Chinese meaning."""

_INFO, _WARNING = Severity.INFO, Severity.WARNING

# --------------------------------------------------------------------------------------
# cells
# --------------------------------------------------------------------------------------

# A printed number, maybe with a unit or measure word and a bracketed note (22（其中修订16件）),
# after NFKC and with spaces removed; stricter than parse_cell, which would also read the
# leading 2 of the label 2.其他法律行政法规禁止公开 as a number.
_VALUE_TEXT = re.compile(
    r"^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:万元|元|件|个|项|条|次|起|%)?(?:\(.*\))?$"
)
_SPACES = re.compile(r"[\s\u3000\u00a0\u200b\ufeff]+")


def _fold(text: str) -> str:
    return _SPACES.sub("", unicodedata.normalize("NFKC", text)).replace("，", ",")


def _classify(text: str) -> str:
    """``blank``, ``placeholder``, ``value`` (a printed number) or ``text``."""
    if len(text) > 200:  # not a number: kept out of the cache, which every read shares
        return _kind_of(text)
    return _remembered_kind(text)


def _kind_of(text: str) -> str:
    folded = _fold(text)
    if not folded:
        return "blank"
    if folded in PLACEHOLDERS:
        return "placeholder"
    if _VALUE_TEXT.match(folded):
        return "value"
    return "text"


_remembered_kind = functools.lru_cache(maxsize=8192)(_kind_of)


def _parse(text: str, kind: ValueKind) -> tuple[Cell, str | None]:
    """:func:`~zfxxgk.cells.parse_cell`, remembered for short texts: a report prints the
    same few numbers ("0", "1" …) in most of its two hundred cells, and cells are values."""
    if len(text) > 200:
        return parse_cell(text, kind)
    return _remembered_parse(text, kind)


_remembered_parse = functools.lru_cache(maxsize=4096)(parse_cell)


# --------------------------------------------------------------------------------------
# the document as a stream of paragraphs and rows
# --------------------------------------------------------------------------------------


@attrs.frozen
class _Row:
    """One table row, analysed: its label (if any) and its value cells."""

    position: int
    table: Table
    index: int
    cells: tuple[TextCell, ...]
    kind: str
    """``anchor`` (label matched a template row), ``group`` (label matched a group heading),
    ``values`` (no label, only values), ``unknown`` (unrecognised label with numbers),
    ``header`` (text, no numbers)."""
    match: Match | None = None
    values: tuple[TextCell, ...] = ()

    @property
    def location(self) -> SourceLocation:
        first = self.cells[0].location if self.cells else self.table.location
        return SourceLocation(
            file=first.file,
            page=first.page,
            line=first.line,
            table=self.table.location.table,
            row=self.index + 1,
        )

    @property
    def has_digits(self) -> bool:
        return any(_classify(c.text) == "value" for c in self.values)

    @property
    def spec(self) -> RowSpec | None:
        if self.match is not None and isinstance(self.match.target, RowSpec):
            return self.match.target
        return None


@attrs.frozen
class _Para:
    position: int
    paragraph: Paragraph


_Item = _Row | _Para


def _raw_items(document: Document) -> list[tuple[int, Paragraph | tuple[Table, int]]]:
    out: list[tuple[int, Paragraph | tuple[Table, int]]] = []
    for block in document.blocks:
        if isinstance(block, Paragraph):
            out.append((len(out), block))
        else:
            for index in range(len(block.rows)):
                out.append((len(out), (block, index)))
    return out


# --------------------------------------------------------------------------------------
# the builder
# --------------------------------------------------------------------------------------


def build(document: Document) -> ParseResult:
    """Build the report from a neutral document (stage two; format-agnostic)."""
    return _Builder(document).run()


class _Builder:
    def __init__(self, document: Document) -> None:
        self.document = document
        self.source = document.source
        self.diagnostics: list[Diagnostic] = list(document.diagnostics)
        self.cells: dict[tuple[str, ...], Cell] = {}
        self.provenance: dict[str, SourceLocation] = {}
        self.raw = _raw_items(document)
        self.paragraphs = [(p, b) for p, b in self.raw if isinstance(b, Paragraph)]
        self.printed: tuple[Heading, ...] | None = None
        """Every section heading as printed, in order (None: not known)."""
        self._rows_of: dict[int, list[_Row]] = {}
        """The analysed rows of each table (by the table's id)."""
        self._columns_of: dict[tuple[int, int], tuple[int | None, ...] | None] = {}

    # diagnostics -------------------------------------------------------------------------
    def diag(
        self,
        code: str,
        severity: Severity,
        message: str,
        location: SourceLocation | None = None,
        *,
        path: tuple[str, ...] | None = None,
        template: Template | None = None,
    ) -> None:
        labels = _labels_of(path, template) if path is not None else ()
        self.diagnostics.append(
            Diagnostic(
                code=code,
                severity=severity,
                message=message,
                location=location,
                path=".".join(path) if path is not None else None,
                labels=labels,
            )
        )

    # main --------------------------------------------------------------------------------
    def run(self) -> ParseResult:
        texts = list(self._all_texts())
        template = self._template(texts)
        texts_of_paragraphs = [(p, b.text) for p, b in self.paragraphs]
        headings = find_headings(texts_of_paragraphs)
        other_single = self._other_single(template)
        index = label_index(template, other_single=other_single)
        items = self._analyse(index)
        rows = [i for i in items if isinstance(i, _Row)]
        found = any(
            r.kind == "anchor" and r.spec is not None and _plausible(r, r.spec) for r in rows
        )
        if not found:
            return self._without_tables(template, headings)
        self.template = template
        self.other_single = other_single
        self.headings = headings
        self.printed = printed_headings(texts_of_paragraphs, headings)
        self._proactive(rows)
        last3 = self._requests(items, rows)
        self._appeals(items, rows, last3)
        self._heading_diagnostics(headings)
        narrative = self._narrative(items, headings)
        return self._result(narrative, headings)

    def _all_texts(self) -> Iterator[str]:
        for _, block in self.raw:
            if isinstance(block, Paragraph):
                yield block.text
            else:
                table, index = block
                for cell in table.rows[index]:
                    if not cell.spanned:
                        yield cell.text

    # template ----------------------------------------------------------------------------
    def _template(self, texts: Sequence[str]) -> Template:
        hits = _fingerprint_hits(texts)
        v2021, v2019 = len(hits[Template.V2021]), len(hits[Template.V2019])
        if v2021 and v2019:
            chosen = Template.V2021 if v2021 > v2019 else Template.V2019
            self.diag(
                "R140",
                _WARNING,
                f"同时出现 2021 年版（{'、'.join(sorted(hits[Template.V2021]))}）"
                f"和 2019 年版（{'、'.join(sorted(hits[Template.V2019]))}）格式的栏目，"
                f"按 {chosen.value} 年版读取",
            )
            return chosen
        if v2019:
            return Template.V2019
        if not v2021:
            self.diag(
                "R140", _WARNING, "未找到区分 2019 与 2021 年版格式的栏目名称，按 2021 年版读取"
            )
        return Template.V2021

    def _other_single(self, template: Template) -> bool:
        """Was （六）其他处理 printed as one row?  Decided from what is printed."""
        if template is Template.V2019:
            return True
        three = label_index(template, other_single=False)
        sub_specs = [s for s in row_specs(template) if s.path[-2:-1] == ("other_handling",)]
        sub_rows = {spec.path for spec in sub_specs}
        group_label, width = sub_specs[0].row[-2], len(sub_specs[0].cells)
        single_printed = False
        for _, block in self.raw:
            if isinstance(block, Paragraph):
                key = label_key(block.text)
                if 6 <= len(key) <= 60:
                    match = three.match(block.text)
                    if (
                        match is not None
                        and isinstance(match.target, RowSpec)
                        and match.target.path in sub_rows
                        and match.quality in {Quality.EXACT, Quality.PARTIAL}
                        # in prose only the long sub-row labels count, not 3.其他
                        and len(strip_numbering(label_key(match.target.row[-1]))) >= 6
                    ):
                        return False
                continue
            table, index = block
            cells = table.rows[index]
            for k, cell in enumerate(cells):
                if _classify(cell.text) != "text":
                    continue
                match = three.match(cell.text)
                if match is None or (
                    match.quality is not Quality.EXACT and len(label_key(cell.text)) < 6
                ):
                    continue
                after = [c for c in cells[k + 1 :] if not c.spanned]
                values = sum(1 for c in after if _classify(c.text) != "text")
                if isinstance(match.target, RowSpec) and match.target.path in sub_rows:
                    if values:
                        return False
                elif (
                    isinstance(match.target, Group)
                    and match.target.labels[-1] == group_label
                    and values >= width
                    and values == len(after)  # only values follow: （六） is the row label
                ):
                    single_printed = True
        return single_printed

    # rows --------------------------------------------------------------------------------
    def _analyse(self, index: LabelIndex) -> list[_Item]:
        items: list[_Item] = []
        skip: dict[int, frozenset[int]] = {}
        for position, block in self.raw:
            if isinstance(block, Paragraph):
                items.append(_Para(position, block))
                continue
            table, row_index = block
            key = id(table)
            if key not in skip:
                skip[key] = self._subtotal_columns(table)
            row = _analyse_row(position, table, row_index, index, skip[key])
            self._rows_of.setdefault(key, []).append(row)
            if row.kind == "unknown":
                above: list[str] = []  # the lines of text right above the row
                for item in reversed(items[-2:]):
                    if not isinstance(item, _Para):
                        break
                    above.insert(0, item.paragraph.text)
                if above:
                    row = _wrapped(row, above, index)
            items.append(row)
        return items

    def _subtotal_columns(self, table: Table) -> frozenset[int]:
        """Columns headed 小计 (an extra 法人或其他组织小计 column): tolerated and skipped."""
        columns: set[int] = set()
        for row in table.rows:
            if any(_classify(c.text) == "value" for c in row):
                continue
            for k, cell in enumerate(row):
                if "小计" in label_key(cell.text):
                    columns.add(k)
        if columns:
            self.diag(
                "R117",
                _INFO,
                f"表格中有“小计”列（第{'、'.join(str(k + 1) for k in sorted(columns))}列），"
                "读取时已跳过",
                table.location,
            )
        return frozenset(columns)

    # reading the values of one row -----------------------------------------------------
    def _read_row(self, spec: RowSpec, row: _Row, *, how: str = "") -> None:
        values = list(row.values)
        n = len(spec.cells)
        labels = "/".join(spec.row)
        if len(values) > n:
            trimmed = (
                _trim(values, n)
                or self._in_value_columns(row, values, n)
                or self._under_headers(row, values, n)
            )
            if trimmed is None:
                self.diag(
                    "R111",
                    _WARNING,
                    f"“{labels}”一行有{len(row.values)}个单元格，模板只有{n}个，"
                    "无法确定哪些是数值，整行按缺失处理",
                    row.location,
                    path=spec.path,
                    template=self.template,
                )
                return
            values = trimmed
        if len(values) < n:
            names = "、".join(c.column for c in spec.cells)
            self.diag(
                "R110",
                _WARNING,
                f"“{labels}”一行只有{len(values)}个单元格，模板有{n}个（{names}），"
                "无法确定缺少的是哪一格，整行按缺失处理",
                row.location,
                path=spec.path,
                template=self.template,
            )
            return
        if row.match is not None and row.match.quality.loose:
            self.diag(
                "R101",
                _INFO,
                f"行标签“{_oneline(row.match.printed)}”与“{spec.row[-1]}”近似匹配（{_QUALITY_WORDS[row.match.quality]}）",
                row.location,
                path=spec.path,
                template=self.template,
            )
        if how:
            self.diag("R113", _INFO, how, row.location, path=spec.path, template=self.template)
        for cell_spec, text_cell in zip(spec.cells, values, strict=True):
            self._set(cell_spec, text_cell)

    def _in_value_columns(self, row: _Row, values: list[TextCell], n: int) -> list[TextCell] | None:
        """The *n* values of a row with surplus blank cells at both ends (a merged label cell
        a Markdown table cannot draw leaves an empty cell): the window of cells that stands in
        the columns where the other rows of its table hold their *n* values, when those rows
        agree; None when they do not."""
        columns = self._value_columns(row.table, n)
        if columns is None:
            return None
        windows = [
            values[k : k + n]
            for k in range(len(values) - n + 1)
            if tuple(c.location.cell for c in values[k : k + n]) == columns
        ]
        kept = {id(v) for v in windows[0]} if len(windows) == 1 else set()
        if not kept or any(_classify(v.text) != "blank" for v in values if id(v) not in kept):
            return None
        return windows[0]

    def _under_headers(self, row: _Row, values: list[TextCell], n: int) -> list[TextCell] | None:
        """The *n* values of a row with surplus blank cells inside (a text rendering that
        cannot draw merged cells leaves empty ones): the cells in the columns its part of the
        table uses — the columns its header row names, or else the columns where the rows
        under that header print their numbers — when they are *n* and every other cell of the
        row is blank; None otherwise."""
        rows = self._rows_of.get(id(row.table), [])
        above = [r for r in rows if r.index < row.index and r.kind == "header"]
        below = [r for r in rows if r.index > row.index and r.kind == "header"]
        start = above[-1].index if above else -1
        end = below[0].index if below else len(row.table.rows)
        first = values[0].location.cell or 0
        candidates: list[set[int | None]] = []
        if above:
            candidates.append(
                {
                    c.location.cell
                    for c in above[-1].cells
                    if not c.spanned and c.text.strip() and (c.location.cell or 0) >= first
                }
            )
        candidates.append(
            {
                c.location.cell
                for r in rows
                if start < r.index < end and r.kind in {"anchor", "values"}
                for c in r.values
                if _classify(c.text) in {"value", "placeholder"} and (c.location.cell or 0) >= first
            }
        )
        for columns in candidates:
            window = [v for v in values if v.location.cell in columns]
            if len(window) == n and all(
                _classify(v.text) == "blank" for v in values if v.location.cell not in columns
            ):
                return window
        return None

    def _value_columns(self, table: Table, n: int) -> tuple[int | None, ...] | None:
        """The grid columns that hold the *n* values of the rows of *table* read without
        doubt (a label, then exactly *n* values, or surplus blank cells at one end only),
        when more than half of those rows agree on them."""
        key = (id(table), n)
        if key not in self._columns_of:
            seen: collections.Counter[tuple[int | None, ...]] = collections.Counter()
            for item in self._rows_of.get(id(table), []):
                if item.kind != "anchor" or len(item.values) < n:
                    continue
                window = _trim(list(item.values), n)
                if window is not None:
                    seen[tuple(c.location.cell for c in window)] += 1
            best = seen.most_common(1)
            total = sum(seen.values())
            self._columns_of[key] = best[0][0] if best and best[0][1] * 2 > total else None
        return self._columns_of[key]

    def _set(self, spec: CellSpec, text_cell: TextCell) -> None:
        location = text_cell.location
        if text_cell.unread:
            where = "/".join((*spec.row, spec.column))
            self.diag(
                "R173",
                _WARNING,
                f"“{where}”：所印的“{_oneline(text_cell.text)}”无法确定是否属于这一格"
                "（与表格的列对不齐），未读取",
                location,
                path=spec.path,
                template=self.template,
            )
            return
        cell, why = _parse(text_cell.text, spec.value_kind)
        if cell.kind is CellKind.NUMBER and spec.unit is None and not why:  # most cells
            self.cells[spec.path] = cell
            self.provenance[spec.dotted] = location
            return
        where = "/".join((*spec.row, spec.column))
        if spec.unit is not None and cell.kind is CellKind.NUMBER:
            unit = Unit(spec.unit)
            if cell.unit is None:
                cell = attrs.evolve(cell, unit=unit)
            elif cell.unit is not unit:
                self.diag(
                    "R106",
                    _WARNING,
                    f"“{where}”印的单位是{cell.unit.value}，模板规定为{unit.value}；数值未换算",
                    location,
                    path=spec.path,
                    template=self.template,
                )
        if cell.kind is CellKind.BLANK:
            self.diag(
                "R102",
                _INFO,
                f"“{where}”为空白（不是 0）",
                location,
                path=spec.path,
                template=self.template,
            )
        elif cell.kind is CellKind.PLACEHOLDER:
            self.diag(
                "R103", _INFO, f"“{where}”：{why}", location, path=spec.path, template=self.template
            )
        elif cell.kind is CellKind.TEXT:
            self.diag(
                "R105",
                _WARNING,
                f"“{where}”：{why}",
                location,
                path=spec.path,
                template=self.template,
            )
        elif why:
            self.diag(
                "R104", _INFO, f"“{where}”：{why}", location, path=spec.path, template=self.template
            )
        self.cells[spec.path] = cell
        self.provenance[spec.dotted] = location

    # section 二 --------------------------------------------------------------------------
    def _proactive(self, rows: list[_Row]) -> None:
        seen: dict[tuple[str, ...], _Row] = {}
        for row in rows:
            spec = row.spec
            if row.kind != "anchor" or spec is None or spec.section != "二":
                continue
            if not _plausible(row, spec):
                continue
            if spec.path in seen:
                self.diag(
                    "R116",
                    _WARNING,
                    f"“{'/'.join(spec.row)}”出现了不止一次，只取第一次（{seen[spec.path].location.describe()}）",
                    row.location,
                    path=spec.path,
                    template=self.template,
                )
                continue
            seen[spec.path] = row
            self._out_of_place(row, "二")
            self._read_row(spec, row)

    def _out_of_place(self, row: _Row, section: str) -> None:
        start, end = self._section_span(section)
        if (start is not None and row.position < start) or (end is not None and row.position > end):
            self.diag(
                "R120",
                _INFO,
                f"“{'/'.join(row.spec.row) if row.spec else ''}”所在的表格不在“{section}、"
                f"{SECTION_TITLES[section]}”部分内",
                row.location,
            )

    def _section_span(self, section: str) -> tuple[int | None, int | None]:
        heading = self.headings.get(section)
        if heading is None:
            return None, None
        later = [
            h.position
            for s, h in self.headings.items()
            if SECTIONS.index(s) > SECTIONS.index(section)
        ]
        return heading.position, min(later) if later else None

    # section 三 --------------------------------------------------------------------------
    def _requests(self, items: list[_Item], rows: list[_Row]) -> int:
        """Read section 三; return the position of its last anchor (or -1)."""
        sequence = [
            s for s in row_specs(self.template, other_single=self.other_single) if s.section == "三"
        ]
        order = {spec.path: i for i, spec in enumerate(sequence)}
        anchors = [
            (row.position, order[row.spec.path], row)
            for row in rows
            if row.kind == "anchor"
            and row.spec is not None
            and row.spec.section == "三"
            and _plausible(row, row.spec)
        ]
        for row in rows:
            if row.kind == "group" and row.values and row.has_digits and row.match is not None:
                target = row.match.target
                if isinstance(target, Group) and target.section == "三":
                    self.diag(
                        "R117",
                        _INFO,
                        f"“{target.label}”一行印有数字（小计行），模板中该标题没有自己的数字，已忽略",
                        row.location,
                    )
        if not anchors and "三" not in self.headings:
            return -1
        chain = _increasing(anchors)
        in_chain = {id(a[2]) for a in chain}
        start = self.headings["三"].position if "三" in self.headings else None
        if chain and start is not None and start > chain[0][0]:
            start = None
        if start is None:
            earlier = [r.position for r in rows if r.spec is not None and r.spec.section == "二"]
            first = chain[0][0] if chain else 0
            start = max((p for p in earlier if p < first), default=-1)
        last = chain[-1][0] if chain else start
        end = self._end_of_requests(items, last)
        width = len(sequence[0].cells)
        fillers = [
            filler
            for row in rows
            if row.kind == "values" and start < row.position < end
            for filler in [_as_filler(row, width)]
            if filler is not None
        ]
        for row in rows:
            if row.kind == "unknown" and start < row.position < end and row.has_digits:
                label = "".join(c.text for c in row.cells if _classify(c.text) == "text")
                self.diag(
                    "R115",
                    _INFO,
                    f"第三部分表格中有一行的标签“{_oneline(label)}”无法识别，该行已忽略",
                    row.location,
                )
        assigned: dict[int, tuple[_Row, str]] = {}
        for _, idx, row in chain:
            assigned[idx] = (row, "")
        bounds = [(start, -1), *((p, i) for p, i, _ in chain), (end, len(sequence))]
        for (p0, i0), (p1, i1) in itertools.pairwise(bounds):
            gap = [f for f in fillers if p0 < f.position < p1]
            expected = i1 - i0 - 1
            if not gap:
                continue
            before = sequence[i0].row[-1] if i0 >= 0 else "表头"
            after = sequence[i1].row[-1] if i1 < len(sequence) else "表尾"
            if len(gap) == expected:
                for k, filler in enumerate(gap):
                    assigned[i0 + 1 + k] = (
                        filler,
                        f"该行没有标签，位于“{before}”与“{after}”之间，"
                        f"按顺序对应为“{sequence[i0 + 1 + k].row[-1]}”",
                    )
            elif expected == 0:
                self.diag(
                    "R114",
                    _INFO,
                    f"“{before}”与“{after}”之间有{len(gap)}行无标签的数字，模板中此处没有行，已忽略",
                    gap[0].location,
                )
            else:
                self.diag(
                    "R114",
                    _WARNING,
                    f"“{before}”与“{after}”之间有{len(gap)}行无标签的数字，模板此处应有{expected}行，"
                    "无法确定对应关系，这些行按缺失处理",
                    gap[0].location,
                )
        for _, idx, row in anchors:
            if id(row) in in_chain:
                continue
            spec = sequence[idx]
            if idx in assigned:
                self.diag(
                    "R116",
                    _WARNING,
                    f"“{spec.row[-1]}”出现了不止一次（或顺序与模板不符），只取第一次",
                    row.location,
                    path=spec.path,
                    template=self.template,
                )
                continue
            self.diag(
                "R118",
                _WARNING,
                f"“{spec.row[-1]}”一行的位置与模板顺序不符，按标签读取",
                row.location,
                path=spec.path,
                template=self.template,
            )
            assigned[idx] = (row, "")
        for idx, (row, how) in sorted(assigned.items(), key=lambda kv: kv[0]):
            self._read_row(sequence[idx], row, how=how)
        if self.other_single and self.template is Template.V2021:
            self.diag(
                "R141", _INFO, "（六）其他处理印成一行，没有 1.2.3. 分项（按所印读取，不补分项）"
            )
        return last if chain else -1

    def _end_of_requests(self, items: list[_Item], last: int) -> int:
        """Where section 三's table ends: the first section-四 marker after *last*."""
        candidates = [
            h.position
            for s, h in self.headings.items()
            if s in {"四", "五", "六"} and h.position > last
        ]
        marker = next((i.position for i in items if i.position > last and _appeals_marker(i)), None)
        if marker is not None:
            candidates.append(marker)
        return min(candidates) if candidates else len(items)

    # section 四 --------------------------------------------------------------------------
    def _appeals(self, items: list[_Item], rows: list[_Row], last3: int) -> None:
        specs = [
            s for s in row_specs(self.template, other_single=self.other_single) if s.section == "四"
        ]
        labelled: dict[tuple[str, ...], _Row] = {}
        for row in rows:
            spec = row.spec
            if (
                row.kind == "anchor"
                and spec is not None
                and spec.section == "四"
                and _plausible(row, spec)
            ):
                if spec.path in labelled:
                    self.diag(
                        "R116",
                        _WARNING,
                        f"“{'/'.join(spec.row)}”出现了不止一次，只取第一次",
                        row.location,
                    )
                    continue
                labelled[spec.path] = row
        start, end = self._appeals_span(items, last3)
        unlabelled: list[tuple[_Row, RowSpec | None]] = []
        if start is not None:
            caption: RowSpec | None = None
            heading_positions = {h.position for h in self.headings.values()}
            for item in items:
                if not start <= item.position < end or item.position in heading_positions:
                    continue
                if isinstance(item, _Para):
                    caption = _caption(item.paragraph.text, specs) or caption
                    continue
                if item.kind == "values" or (
                    item.kind == "unknown" and len(item.values) in {5, 15}
                ):
                    if item.kind == "unknown":
                        self.diag(
                            "R115",
                            _INFO,
                            "第四部分中有一行的标签无法识别，按数字读取",
                            item.location,
                        )
                    unlabelled.append((item, caption))
                    caption = None
        for spec in specs:
            if spec.path in labelled:
                self._read_row(spec, labelled[spec.path])
        todo = [s for s in specs if s.path not in labelled]
        if not todo:
            return
        unlabelled = self._drop_empty_rows(unlabelled, 5 * len(todo))
        unlabelled = [(_blank_ends_off(r, 5 * len(todo)), c) for r, c in unlabelled]
        captions = [c for _, c in unlabelled]
        if (
            len(unlabelled) == len(todo)
            and all(len(r.values) == 5 for r, _ in unlabelled)
            and all(c is not None for c in captions)
            and {c.path for c in captions if c is not None} == {s.path for s in todo}
        ):
            for row, caption in unlabelled:
                assert caption is not None
                self._read_row(caption, row)
            return
        self._appeals_by_order(todo, [r for r, _ in unlabelled])

    def _appeals_span(self, items: list[_Item], last3: int) -> tuple[int | None, int]:
        heading = self.headings.get("四")
        start: int | None = (
            heading.position if heading is not None and heading.position > last3 else None
        )
        if start is None:
            for item in items:
                if item.position > last3 and _appeals_marker(item):
                    start = item.position
                    break
        if start is None:
            return self._appeals_before(items, last3)
        later = [
            h.position for s, h in self.headings.items() if s in {"五", "六"} and h.position > start
        ]
        return start, min(later) if later else len(items)

    def _appeals_before(self, items: list[_Item], last3: int) -> tuple[int | None, int]:
        """Section 四 printed before section 三's table: from its heading — the official one,
        printed once — to the next heading of any section (nothing else is between them)."""
        printed = self.printed or ()
        own = [h for h in printed if h.section == "四"]
        if len(own) != 1 or own[0].position > last3 or not own[0].exact:
            return None, len(items)
        start = own[0].position
        later = [h.position for h in printed if h.position > start]
        return start, min(later) if later else len(items)

    def _drop_empty_rows(
        self, rows: list[tuple[_Row, RowSpec | None]], expected: int
    ) -> list[tuple[_Row, RowSpec | None]]:
        total = sum(len(r.values) for r, _ in rows)
        if total <= expected:
            return rows
        kept = [(r, c) for r, c in rows if any(_classify(v.text) != "blank" for v in r.values)]
        if len(kept) < len(rows) and sum(len(r.values) for r, _ in kept) == expected:
            for r, _ in rows:
                if all(_classify(v.text) == "blank" for v in r.values):
                    self.diag("R131", _INFO, "第四部分表格末尾有一行空白单元格，已忽略", r.location)
            return kept
        return rows

    def _appeals_by_order(self, todo: list[RowSpec], rows: list[_Row]) -> None:
        """Assign unlabelled section-四 rows to the groups still to fill, in template order."""
        if not rows:
            return
        cursor = 0
        for row in rows:
            if cursor >= len(todo):
                self.diag(
                    "R130",
                    _WARNING,
                    f"第四部分多出一行（{len(row.values)}个数字），已忽略",
                    row.location,
                )
                continue
            width = len(row.values)
            if width % 5 == 0 and cursor + width // 5 <= len(todo):
                for k in range(width // 5):
                    spec = todo[cursor + k]
                    part = attrs.evolve(row, values=row.values[5 * k : 5 * k + 5])
                    self._read_row(spec, part)
                cursor += width // 5
                continue
            groups = min(len(todo) - cursor, max(1, -(-width // 5)))
            names = "、".join("/".join(s.row) for s in todo[cursor : cursor + groups])
            self.diag(
                "R130",
                _WARNING,
                f"第四部分一行有{width}个数字，不是5的倍数，无法确定缺少哪一格；{names}按缺失处理",
                row.location,
                path=todo[cursor].path,
                template=self.template,
            )
            cursor += groups

    # headings and narrative ------------------------------------------------------------
    def _heading_diagnostics(self, headings: dict[str, Heading]) -> None:
        printed = tuple(headings.values()) if self.printed is None else self.printed
        for section in SECTIONS:
            heading = headings.get(section)
            title = f"{section}、{SECTION_TITLES[section]}"
            if heading is None:
                if any(h.section == section for h in printed):
                    continue  # printed out of place: R122 below
                self.diag(
                    "R100",
                    _WARNING if section in {"一", "五", "六"} else _INFO,
                    f"未找到“{title}”的标题",
                )
                continue
            if heading not in printed:
                continue  # a guess given way to the official heading printed elsewhere: R122
            location = self._paragraph_at(heading.position).location
            text = _oneline(self._paragraph_at(heading.position).text)
            if not heading.exact:
                self.diag(
                    "R121", _INFO, f"“{text}”按“{title}”的标题读取（措辞与官方格式不同）", location
                )
            elif heading.printed_number is not None and heading.printed_number != section:
                self.diag("R121", _INFO, f"“{text}”的序号与官方格式不同，按“{title}”读取", location)
            elif heading.printed_number is None:
                self.diag("R121", _INFO, f"“{text}”没有序号，按“{title}”读取", location)
        for heading in printed:
            chosen = headings.get(heading.section)
            if chosen is not None and chosen.position == heading.position:
                continue
            paragraph = self._paragraph_at(heading.position)
            text = _oneline(paragraph.text)
            if chosen not in printed:
                message = f"“{text}”不在规定的位置（各部分顺序见官方格式），按所印位置读取"
            else:
                message = f"“{text}”重复出现，该部分以另一处符合官方格式顺序的标题为准"
            self.diag("R122", _INFO, message, paragraph.location)

    def _paragraph_at(self, position: int) -> Paragraph:
        block = self.raw[position][1]
        assert isinstance(block, Paragraph)
        return block

    def _narrative(self, items: list[_Item], headings: dict[str, Heading]) -> dict[str, str | None]:
        # a heading printed out of place (its section has no heading in order) ends the
        # section before it, and is read as its section when it is printed only once
        printed = tuple(headings.values()) if self.printed is None else self.printed
        headings = {s: h for s, h in headings.items() if h in printed}
        elsewhere = [h for h in printed if h.section not in headings]
        positions = sorted(h.position for h in (*headings.values(), *elsewhere))
        first_table = next(
            (i.position for i in items if isinstance(i, _Row) and i.kind in {"anchor", "group"}),
            len(items),
        )
        out: dict[str, str | None] = {}
        for section in ("一", "五", "六"):
            heading = headings.get(section)
            if heading is None:
                found = [h for h in elsewhere if h.section == section]
                heading = found[0] if len(found) == 1 else None
            if heading is None:
                out[section] = None
                continue
            later = [p for p in positions if p > heading.position]
            end = min(later) if later else len(items)
            if section == "一" and "二" not in headings:
                end = min(end, first_table) if first_table > heading.position else end
            lines = [heading.rest] if heading.rest else []
            lines.extend(_item_text(item) for item in items[heading.position + 1 : end])
            out[section] = "\n".join(line for line in lines if line) or ""
        return out

    # building the report ---------------------------------------------------------------
    def _result(
        self, narrative: dict[str, str | None], headings: dict[str, Heading]
    ) -> ParseResult:
        info = self._info(headings)
        specs = cell_specs(self.template, other_single=self.other_single)
        missing_rows: dict[tuple[str, ...], CellSpec] = {}
        for spec in specs:
            if spec.path not in self.cells:
                missing_rows.setdefault(spec.row_path, spec)
        # rows already explained (a short row, unplaced rows, an ambiguous digit string …)
        explained = {
            d.path
            for d in self.diagnostics
            if d.path and (d.code in _EXPLAINS_MISSING or not d.code.startswith("R"))
        }
        for row_path, spec in missing_rows.items():
            dotted = ".".join(row_path)
            if any(
                dotted == p or dotted.startswith(p + ".") or p.startswith(dotted + ".")
                for p in explained
            ):
                continue
            self.diag(
                "R112",
                _WARNING,
                f"未找到“{'/'.join(spec.row)}”一行的数字，按缺失处理",
                path=row_path,
                template=self.template,
            )
        report = Report(
            info=info,
            proactive=_assemble(
                _proactive_class(self.template), ("proactive",), self.cells, self.other_single
            ),
            requests=_assemble(DisclosureRequests, ("requests",), self.cells, self.other_single),
            appeals=_assemble(Appeals, ("appeals",), self.cells, self.other_single),
            overview=narrative.get("一"),
            problems=narrative.get("五"),
            other_matters=narrative.get("六"),
        )
        return ParseResult(
            report=report,
            diagnostics=tuple(self.diagnostics),
            provenance=dict(self.provenance),
            document=self.document,
            source=self.source,
        )

    def _info(self, headings: dict[str, Heading]) -> ReportInfo:
        first = headings["一"].position if "一" in headings else None
        texts = [b.text for p, b in self.paragraphs if first is None or p < first]
        title, before = _title(texts[:12])
        if title is None and first is not None and len(texts) > 12:
            # a page saved with its site's chrome (a text browser's dump): the title is the
            # last one printed above section 一, after the navigation
            title, before = _title(texts[-12:])
        meta_title = _meta_title(self.document.metadata.get("title", ""))
        if title is None and meta_title:
            title = meta_title
        year = _year(title) if title else None
        if year is None:
            year = _period_year(b.text for _, b in self.paragraphs[:200])
        if year is None and meta_title:
            year = _year(meta_title)
        if year is None:
            self.diag("R150", _INFO, "未能从标题或统计期限中找到报告年度")
        agency = _agency(title, before) if title else None
        if agency is None:
            for key in ("author", "source"):
                value = self.document.metadata.get(key, "").strip()
                if value and _AGENCY_SUFFIX.search(value):  # not a person's name (DOCX)
                    agency = value
                    break
        if agency is None:
            self.diag("R151", _INFO, "未能从标题中找到发布机关")
        published = _published(
            self.document.metadata.get("published", ""), [b.text for _, b in self.paragraphs]
        )
        order = None if self.printed is None else tuple(h.section for h in self.printed)
        return ReportInfo(
            template=self.template,
            agency=agency,
            year=year,
            title=title,
            published=published,
            section_order=order,
        )

    # no tables -----------------------------------------------------------------------
    def _without_tables(self, template: Template, headings: dict[str, Heading]) -> ParseResult:
        """No table row matched the template: run-together text, or a clear refusal."""
        text = self.document.text()
        key = label_key(text)
        has_captions = "第二十条" in key or "勾稽关系" in key
        has_tables = any(isinstance(b, Table) for b in self.document.blocks)
        # text whose cells ran together has no cell structure of any kind: a document with a
        # table (ruled, aligned, one cell per line …) is never read as run-together text
        if has_captions and not has_tables and _run_together(key, template):
            return self._run_together(text, template)
        if "政府信息公开" not in key:
            message = (
                "这不是政府信息公开工作年度报告（没有“政府信息公开”字样，也没有年度报告的统计表格）"
            )
        elif not has_captions and (
            any(word in key for word in _PRE2019_WORDS) or (_year(text[:200]) or 9999) <= 2018
        ):
            message = (
                "这是 2019 年以前格式的年度报告（没有“第二十条第（一）项”等栏目，"
                "也没有“勾稽关系”说明，统计表为旧式“指标名称/计量单位”表）；"
                "旧格式没有可对应到 2019 或 2021 年版格式的统计表格，不予读取"
            )
            raise Pre2019ReportError(message, path=self.source, narrative=text)
        elif not has_tables:
            message = (
                "文件中没有任何表格：年度报告第二、三、四部分的统计表格不在文件中"
                "（可能是图片或附件）"
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
        raise NoStandardTablesError(message, path=self.source, narrative=text)

    def _run_together(self, text: str, template: Template) -> ParseResult:
        try:  # imported here: only run-together text needs it (another module's work)
            crawltext: Any = importlib.import_module(f"{__package__}.crawltext")
        except ImportError:
            raise UnreadableDocumentError(
                "表格内容连在一起（单元格之间没有分隔，例如从网页抓取的文本），本版本暂时无法读取这种文本",
                path=self.source,
            ) from None
        recovered = crawltext.recover(text, template=template, source=self.source)
        self.template = recovered.template
        self.other_single = recovered.other_single
        self.diag("R160", _INFO, "表格的单元格连在一起，数字按模板和算术关系恢复")
        self.diagnostics.extend(recovered.diagnostics)
        for path, cell in recovered.cells.items():
            self.cells[tuple(path)] = cell
        for path, location in recovered.locations.items():
            self.provenance[".".join(path)] = location
        self.headings = {}
        narrative = _inline_narrative(text)
        return self._result(narrative, {})


# --------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------

_QUALITY_WORDS = {
    Quality.NUMBERING: "序号不同或缺序号",
    Quality.PARTIAL: "只印了部分文字",
    Quality.FUZZY: "文字有出入",
    Quality.EXTRA_TEXT: "前面多印了文字",
    Quality.WRAPPED: "标签分印在两行",
}


@functools.lru_cache(maxsize=1024)
def _labels_of(path: tuple[str, ...], template: Template | None) -> tuple[str, ...]:
    try:
        return label_path(path, template)
    except KeyError:  # pragma: no cover - paths come from the template
        return ()


def _oneline(text: str) -> str:
    return " ".join(text.split())


def _item_text(item: _Item) -> str:
    if isinstance(item, _Para):
        return item.paragraph.text
    return " ".join(c.text.replace("\n", "") for c in item.cells if not c.spanned)


def _analyse_row(
    position: int, table: Table, row_index: int, index: LabelIndex, skip: frozenset[int]
) -> _Row:
    cells = table.rows[row_index]
    if skip:
        cells = tuple(c for k, c in enumerate(cells) if k not in skip)
    # an unread cell (printed, but where it stands is uncertain) is never a label
    kinds = [_classify(c.text) if not c.unread else "unread" for c in cells]
    text_at = [k for k, kind in enumerate(kinds) if kind == "text"]
    if not text_at:
        values = tuple(c for c in cells if not c.spanned)
        readable = any(kinds[k] in {"value", "placeholder"} for k in range(len(cells)))
        if any(kind == "unread" for kind in kinds) and not readable:
            return _Row(position, table, row_index, cells, "header", None, ())
        return _Row(
            position, table, row_index, cells, "values" if values else "header", None, values
        )
    rows: list[tuple[int, Match]] = []
    groups: list[tuple[int, Match]] = []
    for k in reversed(text_at):
        match = _match_cell(index, cells[k].text)
        if match is not None:
            (rows if isinstance(match.target, RowSpec) else groups).append((k, match))
    best: tuple[float, int, Match] | None = None
    for k, match in rows:  # a row label beats the group headings printed beside it
        if best is None or match.score > best[0]:
            best = (match.score, k, match)
    if best is not None and best[2].quality.loose and not _consistent(best[2], groups):
        best = None  # a loose row label that contradicts its printed group: do not trust it
    if best is None or best[2].quality.loose:
        joined = _joined_label(cells, text_at, index)
        if joined is not None and (best is None or joined[0] > best[0]):
            best = joined
    if best is None and groups:
        k, match = max(groups, key=lambda g: (g[1].score, g[0]))
        best = (match.score, k, match)
    if best is None:
        label_cells = [cells[k].text for k in text_at if not cells[k].spanned]
        if len(label_cells) > 1:
            match = index.match("".join(label_cells))
            if match is not None:
                best = (match.score, text_at[-1], match)
    if best is None:
        values = tuple(c for c in cells[text_at[-1] + 1 :] if not c.spanned)
        kind = (
            "unknown"
            if any(kinds[k] == "value" for k in range(text_at[-1] + 1, len(cells)))
            else "header"
        )
        return _Row(position, table, row_index, cells, kind, None, values)
    _, at, match = best
    values = tuple(c for c in cells[at + 1 :] if not c.spanned)
    if any(k > at for k, _ in rows + groups) and not any(
        kinds[k] == "value" for k in range(at + 1, len(cells))
    ):
        # labels after the label and no number: a header row (行政复议 | 行政诉讼)
        return _Row(position, table, row_index, cells, "header", match, ())
    kind = "anchor" if isinstance(match.target, RowSpec) else "group"
    return _Row(position, table, row_index, cells, kind, match, values)


def _joined_label(
    cells: tuple[TextCell, ...], text_at: list[int], index: LabelIndex
) -> tuple[float, int, Match] | None:
    """A row label printed over two or three neighbouring cells (a label cell of two
    paragraphs that a text export writes as two lines): the join of consecutive text cells
    that matches a row label exactly, as (score, index of its last cell, match)."""
    found: tuple[float, int, Match] | None = None
    for size in (2, 3):
        for start in range(len(text_at) - size + 1):
            ks = text_at[start : start + size]
            if ks[-1] - ks[0] != size - 1 or any(cells[k].spanned for k in ks):
                continue
            match = index.match("".join(cells[k].text for k in ks))
            if (
                match is not None
                and isinstance(match.target, RowSpec)
                and match.quality is Quality.EXACT
                and (found is None or ks[-1] > found[1])
            ):
                found = (match.score, ks[-1], match)
    return found


def _wrapped(row: _Row, above: list[str], index: LabelIndex) -> _Row:
    """A row whose label is the end (or middle) of a label wrapped over the lines above
    (``二、上年结转政府信息公开申`` / ``请数量 1 0 0 0 0 0 1``), perhaps with a fragment of a
    vertical group label between (``他处理``): joined, when that makes a row label exactly, or
    a long enough beginning of one.  A bare line of numbers is never paired with a label above
    it: text from PDFs often prints the numbers before their label."""
    label = "".join(c.text for c in row.cells if not c.spanned and _classify(c.text) == "text")
    tries = [above[-1:], above[-2:], above[-2:-1]] if len(above) > 1 else [above[-1:]]
    for parts in tries:
        if any(len(p) > 60 or any(_classify(t) == "value" for t in p.split()) for p in parts):
            continue  # prose, or a line of numbers
        text = "".join(parts) + label
        match = index.match(text)
        if match is None or not isinstance(match.target, RowSpec):
            continue
        if match.quality in {Quality.EXACT, Quality.NUMBERING} or (
            match.quality is Quality.PARTIAL and len(label_key(text)) >= 10
        ):
            printed = "\n".join([*parts, label])
            joined = attrs.evolve(match, quality=Quality.WRAPPED, printed=printed, score=0.9)
            return attrs.evolve(row, kind="anchor", match=joined)
    return row


_MAX_STRAY_PIECES: Final = 4
"""Stray pieces tried away in front of a label (one in every real case seen): bounds the
work on a cell of many words to a few matches, not one per word."""


def _match_cell(index: LabelIndex, text: str) -> Match | None:
    """Match a label cell; in text from a PDF a label may carry stray characters of a
    vertical group label in front of it ("三 2.其他法律…", "度 4.保护…"), so the text
    without its first space-separated pieces (up to four of them) is tried too."""
    best = index.match(text)
    pieces = text.split()
    if len(pieces) > 1 and (best is None or best.quality is not Quality.EXACT):
        for k in range(1, min(len(pieces), _MAX_STRAY_PIECES + 1)):
            tail = index.match(" ".join(pieces[k:]))
            if tail is not None and (best is None or tail.score > best.score):
                best = attrs.evolve(
                    tail,
                    printed=text,
                    quality=Quality.EXTRA_TEXT if tail.quality is Quality.EXACT else tail.quality,
                    score=tail.score * 0.97,
                )
    return best


def _consistent(match: Match, groups: list[tuple[int, Match]]) -> bool:
    """A row label agrees with every group heading matched exactly in its row."""
    target = match.target
    assert isinstance(target, RowSpec)
    for _, group in groups:
        if (
            group.quality is Quality.EXACT
            and isinstance(group.target, Group)
            and group.target.section == target.section
            and group.target.label not in target.row
        ):
            return False
    return True


def _trim(values: list[TextCell], n: int) -> list[TextCell] | None:
    """The *n* values of a row printed with surplus blank cells at its ends (a merged value
    cell, a Markdown table wider than its rows); None when which *n* is not certain."""
    size = len(values)
    leading = next((k for k, v in enumerate(values) if _classify(v.text) != "blank"), size)
    trailing = next(
        (k for k, v in enumerate(reversed(values)) if _classify(v.text) != "blank"), size
    )
    # windows values[k:k + n] that leave out only blank cells
    first, last = max(0, size - n - trailing), min(leading, size - n)
    if first > last:
        return None
    if first < last and len({v.text for v in values[first : last + n]}) > 1:
        return None  # the windows read differently
    return values[first : first + n]


def _as_filler(row: _Row, width: int) -> _Row | None:
    """An unlabelled row holding exactly one row's values (an empty label cell or other
    surplus blank cells at its ends left out), or None.  A row of nothing but blank cells
    counts only when it has exactly *width* of them (not a spacer row)."""
    values = list(row.values)
    if len(values) == width:
        return row
    if len(values) < width or all(_classify(v.text) == "blank" for v in values):
        return None
    trimmed = _trim(values, width)
    return None if trimmed is None else attrs.evolve(row, values=tuple(trimmed))


def _blank_ends_off(row: _Row, most: int) -> _Row:
    """A row of more than *most* values, the surplus all blank cells at one end, without
    them (a table written one cell per line ends with the empty cells of a blank row)."""
    if len(row.values) <= most:
        return row
    trimmed = _trim(list(row.values), most)
    return row if trimmed is None else attrs.evolve(row, values=tuple(trimmed))


def _plausible(row: _Row, spec: RowSpec) -> bool:
    """Does the row carry values for *spec*: a number or placeholder among them, or at least
    as many cells as the template (a row printed all blank)?  A header cell such as 其他
    followed by one empty cell does not."""
    if not row.values:
        return False
    if len(row.values) >= len(spec.cells):
        return True
    return any(_classify(v.text) in {"value", "placeholder"} for v in row.values)


def _increasing(anchors: list[tuple[int, int, _Row]]) -> list[tuple[int, int, _Row]]:
    """The longest run of anchors whose template order increases with their position.

    Each anchor extends the longest run ending in a smaller template order, the earliest
    such run when several are as long; the longest run ending first wins.  The template has
    some 25 rows, so the best run ending at each of them is kept (linear in the anchors: a
    table of thousands of repeated rows costs no more than reading it).
    """
    if not anchors:
        return []
    anchors = sorted(anchors, key=lambda a: a[0])
    length = [1] * len(anchors)
    previous = [-1] * len(anchors)
    ending: dict[int, tuple[int, int]] = {}  # template order -> (longest run, its first end)
    for i, (_, order, _) in enumerate(anchors):
        best_length, best_end = 0, -1
        for other, (run, end) in ending.items():
            if other < order and (run > best_length or (run == best_length and end < best_end)):
                best_length, best_end = run, end
        if best_end >= 0:
            length[i], previous[i] = best_length + 1, best_end
        kept = ending.get(order)
        if kept is None or length[i] > kept[0]:
            ending[order] = (length[i], i)
    i = max(range(len(anchors)), key=lambda k: (length[k], -k))
    chain: list[tuple[int, int, _Row]] = []
    while i >= 0:
        chain.append(anchors[i])
        i = previous[i]
    return chain[::-1]


_APPEALS_HEADERS = ("结果维持", "尚未审结", "结果纠正")


def _appeals_marker(item: _Item) -> bool:
    if isinstance(item, _Para):
        texts = [item.paragraph.text]
    else:
        if item.kind not in {"header", "group", "anchor"}:
            return False
        if item.kind == "anchor" and item.spec is not None and item.spec.section != "四":
            return False
        texts = [c.text for c in item.cells]
    for text in texts:
        key = label_key(text)
        if len(key) > 40:
            continue
        if any(h in key for h in _APPEALS_HEADERS) or ("行政复议" in key and "行政诉讼" in key):
            return True
    return False


def _caption(text: str, specs: list[RowSpec]) -> RowSpec | None:
    """The section-四 group a short caption names (行政复议 / …直接起诉 / 复议后起诉)."""
    key = label_key(text)
    if not key or len(key) > 24:
        return None
    found = [
        spec
        for spec in specs
        if any(label_key(label) in key for label in (spec.row[-1], *spec.aliases))
    ]
    return found[0] if len(found) == 1 else None


def _fingerprint_hits(texts: Iterable[str]) -> dict[Template, set[str]]:
    keys = _fingerprints()
    hits: dict[Template, set[str]] = {t: set() for t in Template}
    joined = "".join(map(label_key, texts))
    for template, table in keys.items():
        for key, label in table.items():
            if key in joined:
                hits[template].add(label)
    return hits


_FINGERPRINTS: dict[Template, dict[str, str]] = {}


def _fingerprints() -> dict[Template, dict[str, str]]:
    """Section-二 column and row labels that only one template prints (keys → labels)."""
    if _FINGERPRINTS:
        return _FINGERPRINTS
    labels: dict[Template, dict[str, str]] = {}
    for template in Template:
        table: dict[str, str] = {}
        for spec in cell_specs(template):
            if spec.section != "二":
                continue
            for label in (spec.column, spec.row[-1]):
                key = label_key(label).split("单位")[0]
                table[key] = label
        labels[template] = table
    for template in Template:
        other = next(t for t in Template if t is not template)
        _FINGERPRINTS[template] = {
            key: label
            for key, label in labels[template].items()
            if not any(key in k for k in labels[other])
        }
    return _FINGERPRINTS


def _run_together(key: str, template: Template) -> bool:
    """Labels glued to the numbers after them (``规章000行政规范性文件6233440``)."""
    hits = 0
    for spec in row_specs(template):
        if spec.section not in {"二", "三"}:
            continue
        label = label_key(spec.row[-1])
        if len(label) >= 2 and re.search(re.escape(label) + r"\d", key):
            hits += 1
    return hits >= 3


def _proactive_class(template: Template) -> type[Any]:
    return ProactiveDisclosure2021 if template is Template.V2021 else ProactiveDisclosure2019


_MISSING = Cell.missing()
_EXPLAINS_MISSING = frozenset({"R110", "R111", "R114", "R130"})


def _assemble(
    cls: type[Any], path: tuple[str, ...], cells: dict[tuple[str, ...], Cell], other_single: bool
) -> Any:
    kwargs: dict[str, Any] = {}
    for name, here, child in _plan(cls, path, other_single):
        if child is None:
            kwargs[name] = cells.get(here, _MISSING)
        else:
            kwargs[name] = _assemble(child, here, cells, other_single)
    return cls(**kwargs)


_PlanStep = tuple[str, tuple[str, ...], type[Any] | None]
_PLANS: dict[tuple[type[Any], tuple[str, ...], bool], tuple[_PlanStep, ...]] = {}


def _plan(cls: type[Any], path: tuple[str, ...], other_single: bool) -> tuple[_PlanStep, ...]:
    """The fields of *cls* at *path*: (name, path, the class of a part or None for a cell),
    worked out once per model class and place (a few dozen in all)."""
    key = (cls, path, other_single)
    plan = _PLANS.get(key)
    if plan is None:
        steps: list[_PlanStep] = []
        for field in attrs.fields(cls):
            here = (*path, field.name)
            if field.type is Cell:
                steps.append((field.name, here, None))
            elif field.name == "other_handling":
                steps.append((field.name, here, ApplicantRow if other_single else OtherHandling))
            else:
                steps.append((field.name, here, field.type))
        plan = _PLANS[key] = tuple(steps)
    return plan


# metadata ---------------------------------------------------------------------------------

_CN_DIGITS = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {
    "零": "0",
    "○": "0",
    "O": "0",
}
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_CN_YEAR = re.compile(r"([〇零○O一二三四五六七八九]{4})\s*年")
_PERIOD = re.compile(r"((?:19|20)\d{2})\s*年\s*0?1\s*月\s*0?1\s*日")
_DATE = re.compile(r"((?:19|20)\d{2})\s*[-/年.．]\s*(\d{1,2})\s*[-/月.．]\s*(\d{1,2})")
_AGENCY_SUFFIX = re.compile(
    r"(政府|委员会|委|局|厅|办公室|办|部|署|院|中心|处|所|站|会|队|街道|镇|乡|区|县|市)$"
)


_SENTENCE_END = ("。", "；", ";", "：", ":", "，", ",", "！", "？")
_TITLE_ENDS = ("报告", "年报", "报告全文", "报告正文")
_PRE2019_WORDS = ("指标名称", "计量单位", "历年累计", "统计指标")
_LEADING_TITLE = re.compile(r"^\s*([^。，,；;《〈\s]{2,40}?政府信息公开(?:工作)?(?:年度)?报告)")


def _clean_title(text: str) -> str:
    text = re.sub(r"^[#*\s]+|[*\s]+$", "", text)
    return "".join(text.split())


def _title(texts: list[str]) -> tuple[str | None, str | None]:
    """(title, the paragraph printed just before it) from the first paragraphs."""
    for i, text in enumerate(texts):
        key = label_key(text)
        if "政府信息公开" not in key:
            continue
        if len(key) > 60:
            leading = _LEADING_TITLE.match(text)  # run-together text starting with its title
            if leading is not None and i == 0:
                return _clean_title(leading.group(1)), None
            continue
        if "《" in text or "〈" in text:
            continue  # a title cites nothing: 本报告根据《…条例》… is a sentence
        if key.endswith(_TITLE_ENDS):
            before = texts[i - 1] if i else None
            if (
                before is not None
                and _year(text) is None
                and _year(before) is not None
                and len(before) <= 40
                and not before.rstrip().endswith(_SENTENCE_END)
            ):
                # a title printed on two lines: 平潭综合实验区2020年 / 政府信息公开工作年度报告
                return _clean_title(before + text), texts[i - 2] if i > 1 else None
            return _clean_title(text), before
        nxt = label_key(texts[i + 1]) if i + 1 < len(texts) else ""
        if nxt.endswith("报告") and len(nxt) <= 10:
            return _clean_title(text + texts[i + 1]), texts[i - 1] if i else None
    return None, None


def _meta_title(text: str) -> str | None:
    if not text:
        return None
    for part in re.split(r"\s*[_|｜]\s*|\s+[-—–]\s+", text):
        if "报告" in part or "年报" in part:
            return _clean_title(part)
    return None


def _year(text: str) -> int | None:
    match = _YEAR.search(text)
    if match is not None:
        return int(match.group(1))
    match = _CN_YEAR.search(text)
    if match is not None:
        return int("".join(_CN_DIGITS[c] for c in match.group(1)))
    return None


def _period_year(texts: Iterable[str]) -> int | None:
    for text in texts:
        match = _PERIOD.search(text)
        if match is not None:
            return int(match.group(1))
    return None


def _agency(title: str, before: str | None) -> str | None:
    match = _YEAR.search(title) or _CN_YEAR.search(title)
    if match is not None:
        head = title[: match.start()].strip(" （(【[")
        if head.startswith("关于"):
            head = head[2:]
        if len(head) >= 2:
            return head
        tail = title[match.end() :].lstrip("度")
        cut = tail.find("政府信息公开")
        if cut > 1:
            return tail[:cut]
    if before is not None:
        candidate = "".join(before.split()).strip("#* ")
        if (
            2 <= len(candidate) <= 30
            and "报告" not in candidate
            and _AGENCY_SUFFIX.search(candidate)
        ):
            return candidate
    return None


def _published(meta: str, texts: list[str]) -> _dt.date | None:
    candidates = [meta] if meta else []
    short = [t for t in texts[:6] + texts[-4:] if len(t) <= 20]
    candidates.extend(t.strip("（）() ") for t in short)
    for text in candidates:
        match = _DATE.search(text)
        if match is None:
            continue
        if text is not meta and match.end() - match.start() < len(_fold(text)) - 3:
            continue
        try:
            return _dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        except ValueError:
            continue
    return None


def _inline_narrative(text: str) -> dict[str, str | None]:
    """Narrative sections of a text whose headings run on within one line."""
    found: dict[str, tuple[int, int]] = {}
    cursor = 0
    for section in SECTIONS:
        pattern = _inline_heading(section)
        match = pattern.search(text, cursor)
        if match is None:
            continue
        found[section] = (match.start(), match.end())
        cursor = match.end()
    out: dict[str, str | None] = {}
    starts = sorted(s for s, _ in found.values())
    for section in ("一", "五", "六"):
        if section not in found:
            out[section] = None
            continue
        begin = found[section][1]
        later = [s for s in starts if s > begin]
        end = min(later) if later else len(text)
        if section == "一":
            table = text.find("第二十条", begin)
            if table != -1:
                end = min(end, table)
        out[section] = text[begin:end].strip()
    return out


@functools.cache
def _inline_heading(section: str) -> re.Pattern[str]:
    """A numbered heading of *section* inside running text (spaces and punctuation allowed
    between its characters), built from the official title and the known variants."""
    gap = r"[\s、，,]*"
    words = "|".join(
        gap.join(re.escape(ch) for ch in word)
        for word in sorted(heading_words(section), key=len, reverse=True)
    )
    return re.compile(rf"[一二三四五六七八九十]\s*[、.．]\s*(?:{words})")
