"""The report as typed data: immutable attrs classes, one per part of the national template.

The classes follow the template's structure (FORMAT.md §3).  Every field carries its official
label in its metadata (:mod:`zfxxgk._fields`); :mod:`zfxxgk.template` turns that into the
template as data.  A report stores what was printed and computes nothing on construction: a
report whose numbers do not add up is still a valid object, and :mod:`zfxxgk.rules` says what
is wrong with it.  The named constructors (``from_counts``) are for people who *write* a
report: they take the parts and compute the totals.
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Iterable, Sequence
from typing import Any, TypeAlias

import attrs

from . import _display, _proactive
from ._fields import SECTION_TITLES, column, group, resolve_types, row
from ._proactive import (
    DecisionRow2021,
    DocumentRow2019,
    DocumentRow2021,
    FeeItemsRow2019,
    FeeRow2021,
    ItemChangeRow2019,
    ProactiveDisclosure,
    ProactiveDisclosure2019,
    ProactiveDisclosure2021,
    ProcurementRow2019,
    check_count,
    proactive_2019,
    proactive_2021,
)
from .cells import Cell, Number, add_cells
from .identities import (
    S3_COLUMNS,
    S3_TOTAL_COLUMN,
    case_total_of,
    row_total_of,
    section3_identities,
)
from .printed import PrintedForm

__all__ = [
    "Appeals",
    "ApplicantRow",
    "CaseOutcomes",
    "DecisionRow2021",
    "DisclosureRequests",
    "DocumentRow2019",
    "DocumentRow2021",
    "FeeItemsRow2019",
    "FeeRow2021",
    "ItemChangeRow2019",
    "NotProcessed",
    "OtherHandling",
    "Outcomes",
    "ProactiveDisclosure",
    "ProactiveDisclosure2019",
    "ProactiveDisclosure2021",
    "ProcurementRow2019",
    "Report",
    "ReportInfo",
    "Template",
    "Unavailable",
    "Withheld",
    "proactive_2019",
    "proactive_2021",
]


class Template(enum.Enum):
    """The national template a report follows (FORMAT.md §2)."""

    V2021 = "2021"
    """国办公开办函〔2021〕30号, report years 2021 onward."""
    V2019 = "2019"
    """国办公开办函〔2019〕60号 (试行), report years 2019 and 2020."""


# --------------------------------------------------------------------------------------
# Section 三、收到和处理政府信息公开申请情况
# --------------------------------------------------------------------------------------

_ORG = "法人或其他组织"

RowCounts: TypeAlias = "Sequence[int] | ApplicantRow"
"""Input to the named constructors: the six applicant counts, or a row (its total is redone)."""


@attrs.frozen(kw_only=True, slots=True)
class ApplicantRow:
    """One row of section 三: counts by kind of applicant, and the printed 总计."""

    natural_person: Cell = column("自然人")
    commercial_enterprise: Cell = column("商业企业", parent=_ORG)
    research_institution: Cell = column("科研机构", parent=_ORG)
    public_interest_organization: Cell = column("社会公益组织", parent=_ORG)
    legal_service_institution: Cell = column("法律服务机构", parent=_ORG)
    other_organization: Cell = column("其他", parent=_ORG, aliases=("其他组织",))
    total: Cell = column("总计", aliases=("合计",))

    @property
    def parts(self) -> tuple[Cell, Cell, Cell, Cell, Cell, Cell]:
        """The six applicant cells (without 总计), in template order."""
        return (
            self.natural_person,
            self.commercial_enterprise,
            self.research_institution,
            self.public_interest_organization,
            self.legal_service_institution,
            self.other_organization,
        )

    @property
    def cells(self) -> tuple[Cell, ...]:
        """All seven cells in template order."""
        return (*self.parts, self.total)

    @classmethod
    def from_counts(
        cls,
        natural_person: int = 0,
        commercial_enterprise: int = 0,
        research_institution: int = 0,
        public_interest_organization: int = 0,
        legal_service_institution: int = 0,
        other_organization: int = 0,
    ) -> ApplicantRow:
        """A row with the six counts given and 总计 computed."""
        counts = (
            natural_person,
            commercial_enterprise,
            research_institution,
            public_interest_organization,
            legal_service_institution,
            other_organization,
        )
        for value in counts:
            check_count(value)
        return cls.from_cells(*(Cell.of(v) for v in counts), total=Cell.of(row_total_of(counts)))

    @classmethod
    def from_cells(
        cls,
        natural_person: Cell,
        commercial_enterprise: Cell,
        research_institution: Cell,
        public_interest_organization: Cell,
        legal_service_institution: Cell,
        other_organization: Cell,
        *,
        total: Cell,
    ) -> ApplicantRow:
        """A row from seven cells in template order (as printed)."""
        return cls(
            natural_person=natural_person,
            commercial_enterprise=commercial_enterprise,
            research_institution=research_institution,
            public_interest_organization=public_interest_organization,
            legal_service_institution=legal_service_institution,
            other_organization=other_organization,
            total=total,
        )

    @classmethod
    def coerce(cls, counts: RowCounts) -> ApplicantRow:
        """Turn named-constructor input into a row with its total computed."""
        if isinstance(counts, ApplicantRow):
            _refuse_unknown(counts.parts)
            values = [c.number_or_zero() for c in counts.parts]  # blank counts as 0
            return cls.from_counts(*(int(v) for v in values))
        seq = list(counts)
        if len(seq) > 6:
            raise ValueError(f"a row of section 三 has 6 applicant counts, got {len(seq)}")
        return cls.from_counts(*seq)


@attrs.frozen(kw_only=True, slots=True)
class Withheld:
    """（三）不予公开: eight reasons."""

    state_secret: ApplicantRow = row("1.属于国家秘密")
    prohibited_by_law: ApplicantRow = row("2.其他法律行政法规禁止公开")
    three_safeties_one_stability: ApplicantRow = row(
        "3.危及“三安全一稳定”", aliases=('3.危及"三安全一稳定"', "3.危及‘三安全一稳定’")
    )
    third_party_rights: ApplicantRow = row("4.保护第三方合法权益")
    internal_affairs: ApplicantRow = row("5.属于三类内部事务信息")
    process_information: ApplicantRow = row("6.属于四类过程性信息")
    enforcement_files: ApplicantRow = row("7.属于行政执法案卷")
    query_matters: ApplicantRow = row("8.属于行政查询事项")


@attrs.frozen(kw_only=True, slots=True)
class Unavailable:
    """（四）无法提供: three reasons."""

    not_held: ApplicantRow = row("1.本机关不掌握相关政府信息")
    needs_creation: ApplicantRow = row("2.没有现成信息需要另行制作")
    still_unclear: ApplicantRow = row("3.补正后申请内容仍不明确")


@attrs.frozen(kw_only=True, slots=True)
class NotProcessed:
    """（五）不予处理: five reasons."""

    complaints: ApplicantRow = row("1.信访举报投诉类申请")
    repeated: ApplicantRow = row("2.重复申请")
    publications: ApplicantRow = row("3.要求提供公开出版物")
    excessive: ApplicantRow = row("4.无正当理由大量反复申请")
    confirmation: ApplicantRow = row("5.要求行政机关确认或重新出具已获取信息")


@attrs.frozen(kw_only=True, slots=True)
class OtherHandling:
    """（六）其他处理 with the 2021 template's three sub-rows."""

    no_correction: ApplicantRow = row(
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"
    )
    fee_unpaid: ApplicantRow = row(
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"
    )
    other: ApplicantRow = row("3.其他")


@attrs.frozen(kw_only=True, slots=True)
class Outcomes:
    """三、本年度办理结果.

    ``other_handling`` is an :class:`OtherHandling` when （六）其他处理 was printed with its
    three sub-rows (2021 template) and a single :class:`ApplicantRow` when it was printed as
    one row (the 2019 template, and some 2021-template reports).
    """

    disclosed: ApplicantRow = row("（一）予以公开")
    partially_disclosed: ApplicantRow = row(
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", aliases=("（二）部分公开",)
    )
    withheld: Withheld = group("（三）不予公开")
    unavailable: Unavailable = group("（四）无法提供")
    not_processed: NotProcessed = group("（五）不予处理")
    other_handling: OtherHandling | ApplicantRow = group("（六）其他处理")
    total: ApplicantRow = row("（七）总计", aliases=("(七)总计", "七、总计", "总计", "合计"))

    @property
    def leaf_rows(self) -> tuple[ApplicantRow, ...]:
        """Every outcome row that carries numbers of its own, without （七）总计."""
        rows: list[ApplicantRow] = [self.disclosed, self.partially_disclosed]
        for grp in (self.withheld, self.unavailable, self.not_processed):
            rows.extend(getattr(grp, f.name) for f in attrs.fields(type(grp)))
        if isinstance(self.other_handling, ApplicantRow):
            rows.append(self.other_handling)
        else:
            rows.extend(
                (
                    self.other_handling.no_correction,
                    self.other_handling.fee_unpaid,
                    self.other_handling.other,
                )
            )
        return tuple(rows)


@attrs.frozen(kw_only=True, slots=True)
class DisclosureRequests:
    """三、收到和处理政府信息公开申请情况."""

    new: ApplicantRow = row("一、本年新收政府信息公开申请数量")
    carried_over: ApplicantRow = row("二、上年结转政府信息公开申请数量")
    outcomes: Outcomes = group("三、本年度办理结果")
    carried_forward: ApplicantRow = row(
        "四、结转下年度继续办理", aliases=("四、结转下一年度继续办理",)
    )

    def _repr_html_(self) -> str:
        return _display.html("section_html", self)

    @classmethod
    def from_counts(
        cls,
        *,
        new: RowCounts = (),
        carried_over: RowCounts = (),
        disclosed: RowCounts = (),
        partially_disclosed: RowCounts = (),
        withheld: Sequence[RowCounts] = (),
        unavailable: Sequence[RowCounts] = (),
        not_processed: Sequence[RowCounts] = (),
        other_handling: Sequence[RowCounts] | None = None,
        other_handling_single: RowCounts | None = None,
        carried_forward: RowCounts | None = None,
    ) -> DisclosureRequests:
        """Section 三 from its parts, with every total computed.

        Each row is given as its six applicant counts (自然人, 商业企业, 科研机构, 社会公益组织,
        法律服务机构, 其他; missing trailing counts are 0).  ``withheld`` takes up to 8 rows,
        ``unavailable`` up to 3, ``not_processed`` up to 5, in template order.  （六）其他处理
        is given either as up to three sub-rows (``other_handling``, the 2021 template) or as
        one row (``other_handling_single``, the 2019 template).  （七）总计 is the sum of the
        outcome rows; ``carried_forward`` defaults to 一 + 二 − （七） per column, which keeps
        the official balance.
        """
        if other_handling is not None and other_handling_single is not None:
            raise ValueError(
                "give other_handling (three sub-rows) or other_handling_single, not both"
            )

        def rows(given: Sequence[RowCounts], n: int, what: str) -> list[ApplicantRow]:
            if len(given) > n:
                raise ValueError(f"{what} has {n} rows, got {len(given)}")
            out = [ApplicantRow.coerce(r) for r in given]
            return out + [ApplicantRow.from_counts() for _ in range(n - len(out))]

        w = rows(withheld, 8, "（三）不予公开")
        u = rows(unavailable, 3, "（四）无法提供")
        p = rows(not_processed, 5, "（五）不予处理")
        other: OtherHandling | ApplicantRow
        if other_handling_single is not None:
            other = ApplicantRow.coerce(other_handling_single)
        else:
            o = rows(other_handling or (), 3, "（六）其他处理")
            other = OtherHandling(no_correction=o[0], fee_unpaid=o[1], other=o[2])
        outcomes = Outcomes(
            disclosed=ApplicantRow.coerce(disclosed),
            partially_disclosed=ApplicantRow.coerce(partially_disclosed),
            withheld=Withheld(
                state_secret=w[0],
                prohibited_by_law=w[1],
                three_safeties_one_stability=w[2],
                third_party_rights=w[3],
                internal_affairs=w[4],
                process_information=w[5],
                enforcement_files=w[6],
                query_matters=w[7],
            ),
            unavailable=Unavailable(not_held=u[0], needs_creation=u[1], still_unclear=u[2]),
            not_processed=NotProcessed(
                complaints=p[0], repeated=p[1], publications=p[2], excessive=p[3], confirmation=p[4]
            ),
            other_handling=other,
            total=ApplicantRow.from_counts(),
        )
        new_row = ApplicantRow.coerce(new)
        carried_row = ApplicantRow.coerce(carried_over)
        given = None if carried_forward is None else ApplicantRow.coerce(carried_forward)
        seven, forward = _complete_section3(new_row, carried_row, outcomes.leaf_rows, given)
        return cls(
            new=new_row,
            carried_over=carried_row,
            outcomes=attrs.evolve(outcomes, total=ApplicantRow.from_counts(*seven)),
            carried_forward=ApplicantRow.from_counts(*forward) if given is None else given,
        )


def _refuse_unknown(cells: Sequence[Cell]) -> None:
    """A total is computed from given counts only when every one of them is known."""
    if any(cell.is_unknown for cell in cells):
        raise ValueError("cannot compute totals from a row with unknown (missing or unread) cells")


def _complete_section3(
    new: ApplicantRow,
    carried_over: ApplicantRow,
    leaves: Sequence[ApplicantRow],
    carried_forward: ApplicantRow | None,
) -> tuple[list[int], list[int]]:
    """The applicant counts of （七）总计 and of 四 that the identities of section 三 give
    (四 as given when it is given)."""
    known: list[Number | None] = []
    for line in (new, carried_over, *leaves):
        _refuse_unknown(line.cells)
        known += [cell.number_or_zero() for cell in line.cells]  # blank counts as 0
    known += [None] * S3_COLUMNS
    if carried_forward is None:
        known += [None] * S3_COLUMNS
    else:
        _refuse_unknown(carried_forward.cells)
        known += [cell.number_or_zero() for cell in carried_forward.cells]
    table = section3_identities(len(leaves) + 4)
    filled = table.complete(known)

    def counts(row: int) -> list[int]:
        return [int(filled[table.index((row, c))] or 0) for c in range(S3_TOTAL_COLUMN)]

    seven, forward = counts(table.rows - 2), counts(table.rows - 1)
    if carried_forward is None and any(v < 0 for v in forward):
        raise ValueError(
            "more requests handled than received and carried over "
            f"(一 + 二 − （七） per column = {forward}); give carried_forward explicitly"
        )
    return seven, forward


# --------------------------------------------------------------------------------------
# Section 四、政府信息公开行政复议、行政诉讼情况
# --------------------------------------------------------------------------------------


@attrs.frozen(kw_only=True, slots=True)
class CaseOutcomes:
    """Outcomes of one kind of case: upheld, corrected, other, pending, and the printed 总计."""

    upheld: Cell = column("结果维持")
    corrected: Cell = column("结果纠正")
    other: Cell = column("其他结果")
    pending: Cell = column("尚未审结")
    total: Cell = column("总计", aliases=("合计",))

    @property
    def parts(self) -> tuple[Cell, Cell, Cell, Cell]:
        return (self.upheld, self.corrected, self.other, self.pending)

    @property
    def cells(self) -> tuple[Cell, ...]:
        return (*self.parts, self.total)

    @classmethod
    def from_counts(
        cls, upheld: int = 0, corrected: int = 0, other: int = 0, pending: int = 0
    ) -> CaseOutcomes:
        """Outcomes with 总计 computed."""
        for value in (upheld, corrected, other, pending):
            check_count(value)
        return cls(
            upheld=Cell.of(upheld),
            corrected=Cell.of(corrected),
            other=Cell.of(other),
            pending=Cell.of(pending),
            total=Cell.of(case_total_of((upheld, corrected, other, pending))),
        )


@attrs.frozen(kw_only=True, slots=True)
class Appeals:
    """四、政府信息公开行政复议、行政诉讼情况: 15 numbers in three groups."""

    review: CaseOutcomes = row("行政复议")
    lawsuit_direct: CaseOutcomes = row(
        ("行政诉讼", "未经复议直接起诉"), aliases=("未经复议直接诉讼",)
    )
    lawsuit_after_review: CaseOutcomes = row(("行政诉讼", "复议后起诉"), aliases=("复议后诉讼",))

    def _repr_html_(self) -> str:
        return _display.html("section_html", self)

    @property
    def groups(self) -> tuple[CaseOutcomes, CaseOutcomes, CaseOutcomes]:
        return (self.review, self.lawsuit_direct, self.lawsuit_after_review)

    @classmethod
    def from_counts(
        cls,
        review: Sequence[int] = (),
        lawsuit_direct: Sequence[int] = (),
        lawsuit_after_review: Sequence[int] = (),
    ) -> Appeals:
        """Section 四 from (维持, 纠正, 其他, 尚未审结) per group, totals computed."""
        return cls(
            review=CaseOutcomes.from_counts(*review),
            lawsuit_direct=CaseOutcomes.from_counts(*lawsuit_direct),
            lawsuit_after_review=CaseOutcomes.from_counts(*lawsuit_after_review),
        )

    @classmethod
    def none(cls) -> Appeals:
        """No review and no lawsuit (all zeros)."""
        return cls.from_counts()


# --------------------------------------------------------------------------------------
# The report
# --------------------------------------------------------------------------------------


@attrs.frozen(kw_only=True, slots=True)
class ReportInfo:
    """Who published the report, for which year, on which template."""

    template: Template
    agency: str | None = None
    """The publishing agency (发布机关), as named in the report."""
    year: int | None = attrs.field(default=None)
    """The year the report covers (not the year it was published)."""
    title: str | None = None
    published: _dt.date | None = None
    """Publication date, when known (Art. 49 deadlines)."""
    section_order: tuple[str, ...] | None = attrs.field(default=None)
    """The numbers (``"一"`` … ``"六"``) of the section headings as printed, in document
    order — a heading printed out of place or twice included, a heading not printed left out;
    ``None`` when not known (a report built from numbers, or read from run-together text).
    The readers fill it in; the text rules check it (N202 order, N203 repeated)."""
    printed: PrintedForm | None = attrs.field(
        default=None, eq=False, repr=False, metadata={"json": False}
    )
    """How the headings and row labels were printed (:mod:`zfxxgk.printed`), when a reader
    saw them; not compared, not written to JSON."""

    @year.validator
    def _check_year(self, attribute: attrs.Attribute[int | None], value: int | None) -> None:
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            raise TypeError(f"year must be an int or None, not {type(value).__name__}")

    @section_order.validator
    def _check_section_order(
        self, attribute: attrs.Attribute[tuple[str, ...] | None], value: tuple[str, ...] | None
    ) -> None:
        if value is None:
            return
        if not isinstance(value, tuple):
            raise TypeError(f"section_order must be a tuple or None, not {type(value).__name__}")
        for number in value:
            if not isinstance(number, str) or number not in SECTION_TITLES:
                raise ValueError(f"section_order holds section numbers 一 … 六, not {number!r}")


def _check_template(report: Report) -> None:
    template = report.info.template
    if template is Template.V2021 and not isinstance(report.proactive, ProactiveDisclosure2021):
        raise TypeError("a 2021-template report needs ProactiveDisclosure2021 for section 二")
    if template is Template.V2019:
        if not isinstance(report.proactive, ProactiveDisclosure2019):
            raise TypeError("a 2019-template report needs ProactiveDisclosure2019 for section 二")
        if isinstance(report.requests.outcomes.other_handling, OtherHandling):
            raise TypeError(
                "the 2019 template prints （六）其他处理 as one row, not three sub-rows"
            )


@attrs.frozen(kw_only=True, slots=True)
class Report:
    """A 政府信息公开工作年度报告: the narrative sections verbatim and the three tables.

    ``overview`` (一、总体情况), ``problems`` (五、存在的主要问题及改进情况) and
    ``other_matters`` (六、其他需要报告的事项) are kept as printed; ``None`` means the
    section was not found.
    """

    info: ReportInfo
    proactive: ProactiveDisclosure
    requests: DisclosureRequests
    appeals: Appeals
    overview: str | None = None
    problems: str | None = None
    other_matters: str | None = None

    def __attrs_post_init__(self) -> None:
        _check_template(self)

    def _repr_html_(self) -> str:
        """Notebook view: title, template, the three tables, failing cells highlighted."""
        return _display.html("report_html", self)

    def to_dataframe(self, *, include_missing: bool = True) -> Any:
        """One row per table cell, addressed by the official labels (needs pandas); a cell
        not read or not printed has ``value`` NA and ``status`` ``unread`` / ``missing``
        (left out with ``include_missing=False``)."""
        return _display.frame("cells_dataframe", self, include_missing=include_missing)

    @property
    def template(self) -> Template:
        return self.info.template

    @classmethod
    def build(
        cls,
        *,
        agency: str | None,
        year: int | None,
        proactive: ProactiveDisclosure,
        requests: DisclosureRequests,
        appeals: Appeals | None = None,
        title: str | None = None,
        published: _dt.date | None = None,
        overview: str | None = None,
        problems: str | None = None,
        other_matters: str | None = None,
    ) -> Report:
        """A report from its sections; the template follows from section 二's class."""
        template = (
            Template.V2021 if isinstance(proactive, ProactiveDisclosure2021) else Template.V2019
        )
        return cls(
            info=ReportInfo(
                template=template, agency=agency, year=year, title=title, published=published
            ),
            proactive=proactive,
            requests=requests,
            appeals=appeals if appeals is not None else Appeals.none(),
            overview=overview,
            problems=problems,
            other_matters=other_matters,
        )

    def __add__(self, other: object) -> Report:
        if not isinstance(other, Report):
            return NotImplemented
        return add_reports([self, other])


# --------------------------------------------------------------------------------------
# Adding reports (a region's summary), here because Report.__add__ uses it
# --------------------------------------------------------------------------------------


def collapse_other_handling(outcomes: Outcomes) -> Outcomes:
    """The same outcomes with （六）其他处理 as one row (the sum of its sub-rows)."""
    other = outcomes.other_handling
    if isinstance(other, ApplicantRow):
        return outcomes
    return attrs.evolve(
        outcomes, other_handling=_add_rows(other.no_correction, other.fee_unpaid, other.other)
    )


def _add_rows(*rows: ApplicantRow) -> ApplicantRow:
    result = rows[0]
    for item in rows[1:]:
        result = _add_tree(result, item)
    return result


def _add_tree(a: Any, b: Any) -> Any:
    if isinstance(a, Cell) and isinstance(b, Cell):
        return add_cells(a, b)
    if (
        isinstance(a, Outcomes)
        and isinstance(b, Outcomes)
        and isinstance(a.other_handling, OtherHandling)
        != isinstance(b.other_handling, OtherHandling)
    ):
        a, b = collapse_other_handling(a), collapse_other_handling(b)
    if type(a) is not type(b) or not attrs.has(type(a)):
        raise TypeError(f"cannot add {type(a).__name__} and {type(b).__name__}")
    return attrs.evolve(
        a,
        **{
            f.name: _add_tree(getattr(a, f.name), getattr(b, f.name)) for f in attrs.fields(type(a))
        },
    )


def add_reports(
    reports: Iterable[Report], *, agency: str | None = None, year: int | None = None
) -> Report:
    """A summary report whose tables are the cell-wise sums of *reports*' tables.

    All reports must follow the same template.  The year defaults to the reports' common
    year; the narrative sections are left empty (``None``).  A unit that printed （六）其他处理
    as one row makes the summary print it as one row too.
    """
    items = list(reports)
    if not items:
        raise ValueError("add_reports needs at least one report")
    template = items[0].info.template
    if any(r.info.template is not template for r in items):
        raise ValueError("cannot add reports of different templates (2019 and 2021)")
    proactive, requests, appeals = items[0].proactive, items[0].requests, items[0].appeals
    for other in items[1:]:
        proactive = _add_tree(proactive, other.proactive)
        requests = _add_tree(requests, other.requests)
        appeals = _add_tree(appeals, other.appeals)
    years = {r.info.year for r in items}
    if year is None and len(years) == 1:
        year = years.pop()
    return Report(
        info=ReportInfo(template=template, agency=agency, year=year),
        proactive=proactive,
        requests=requests,
        appeals=appeals,
    )


for _cls in list(vars(_proactive).values()):
    # section 二's classes have their public home here (reprs, pickles and docs say zfxxgk.model)
    if isinstance(_cls, type) and attrs.has(_cls) and _cls.__module__ == _proactive.__name__:
        _cls.__module__ = __name__

resolve_types(globals())  # every field's type an object, as attrs.resolve_types makes it
