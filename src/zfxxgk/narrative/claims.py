"""What a claim is: a number the narrative states, what it is about, how sure the reading is.

:class:`ClaimKind` names the quantities (with their Chinese labels), :class:`Confidence` how
sure a reading is, and :class:`Claim` one number with where it was said.  The applicant words
of table 三 (:data:`APPLICANT_SCOPES`) are read from the template's labels.
"""

from __future__ import annotations

import enum
from decimal import Decimal
from typing import Final

import attrs

from ..cells import Number, Unit, format_number
from ..model import ApplicantRow
from ..template import field_info

__all__ = [
    "APPLICANT_COLUMNS",
    "APPLICANT_SCOPES",
    "FEE_KINDS",
    "Claim",
    "ClaimKind",
    "Confidence",
]


class ClaimKind(enum.Enum):
    """What a number in the narrative is about.  ``label`` is the Chinese name."""

    RECEIVED = "received"
    """收到/受理 N 件 — table 一, or 一 + 二 (the wording does not say which)."""
    RECEIVED_NEW = "received_new"
    """本年新收 N 件 — table 一."""
    RECEIVED_TOTAL = "received_total"
    """受理 N 件（含上年结转 M 件） — table 一 + 二."""
    CARRIED_OVER = "carried_over"
    """上年结转 N 件 — table 二."""
    HANDLED = "handled"
    """办结/答复/办理 N 件 — table （七）总计."""
    DISCLOSED = "disclosed"
    """予以公开/同意公开 N 件 — table （一）."""
    PARTIALLY_DISCLOSED = "partially_disclosed"
    """部分公开 N 件 — table （二）."""
    DISCLOSED_OR_PARTIAL = "disclosed_or_partial"
    """予以公开及部分公开 N 件 — table （一） + （二）."""
    WITHHELD = "withheld"
    """不予公开 N 件 — table （三） 1–8."""
    UNAVAILABLE = "unavailable"
    """无法提供 N 件 — table （四） 1–3."""
    NOT_PROCESSED = "not_processed"
    """不予处理 N 件 — table （五） 1–5."""
    OTHER_HANDLING = "other_handling"
    """其他处理 N 件 — table （六）."""
    CARRIED_FORWARD = "carried_forward"
    """结转下年度/转下一年度 N 件 — table 四."""
    ALL_HANDLED = "all_handled"
    """"所有申请均已办结" says this is 0: nothing carried forward, table 四."""
    REVIEWS = "reviews"
    """行政复议 N 件 — 复议 总计."""
    LAWSUITS = "lawsuits"
    """行政诉讼 N 件 — the two litigation 总计 added."""
    CASES = "cases"
    """行政复议、行政诉讼案件 N 件 — all three 总计 added."""
    REVIEW_UPHELD = "review_upheld"
    REVIEW_CORRECTED = "review_corrected"
    REVIEW_OTHER = "review_other"
    REVIEW_PENDING = "review_pending"
    REVIEW_NOT_UPHELD = "review_not_upheld"
    """"均获维持" says this is 0: 结果纠正 + 其他结果 + 尚未审结."""
    LAWSUIT_UPHELD = "lawsuit_upheld"
    LAWSUIT_CORRECTED = "lawsuit_corrected"
    LAWSUIT_OTHER = "lawsuit_other"
    LAWSUIT_PENDING = "lawsuit_pending"
    LAWSUIT_NOT_UPHELD = "lawsuit_not_upheld"
    FEE_NOTICES = "fee_notices"
    """收费通知 N 件 (section 六)."""
    FEE_NOTICE_AMOUNT = "fee_notice_amount"
    """收费通知的总金额 (money, with its unit)."""
    FEE_COLLECTED = "fee_collected"
    """实际收取的信息处理费 (money, with its unit)."""
    NORMATIVE_ISSUED = "normative_issued"
    """本年制发的（行政）规范性文件 N 件."""
    NORMATIVE_REPEALED = "normative_repealed"
    NORMATIVE_IN_FORCE = "normative_in_force"
    """现行有效（行政）规范性文件 N 件."""
    PROACTIVE_ITEMS = "proactive_items"
    """主动公开政府信息 N 条 — not an application count; no table holds it."""
    PERCENT = "percent"
    """A percentage said about these quantities (占 51.85%, 办结率100%)."""

    @property
    def label(self) -> str:
        """The Chinese name of the quantity."""
        return _KIND_LABELS[self]

    @property
    def is_money(self) -> bool:
        return self in (ClaimKind.FEE_NOTICE_AMOUNT, ClaimKind.FEE_COLLECTED)


_KIND_LABELS: Final[dict[ClaimKind, str]] = {
    ClaimKind.RECEIVED: "收到申请数",
    ClaimKind.RECEIVED_NEW: "本年新收申请数",
    ClaimKind.RECEIVED_TOTAL: "收到申请数（含上年结转）",
    ClaimKind.CARRIED_OVER: "上年结转申请数",
    ClaimKind.HANDLED: "办结申请数",
    ClaimKind.DISCLOSED: "予以公开",
    ClaimKind.PARTIALLY_DISCLOSED: "部分公开",
    ClaimKind.DISCLOSED_OR_PARTIAL: "予以公开及部分公开",
    ClaimKind.WITHHELD: "不予公开",
    ClaimKind.UNAVAILABLE: "无法提供",
    ClaimKind.NOT_PROCESSED: "不予处理",
    ClaimKind.OTHER_HANDLING: "其他处理",
    ClaimKind.CARRIED_FORWARD: "结转下年度继续办理",
    ClaimKind.ALL_HANDLED: "未办结申请数",
    ClaimKind.REVIEWS: "行政复议案件数",
    ClaimKind.LAWSUITS: "行政诉讼案件数",
    ClaimKind.CASES: "行政复议和行政诉讼案件数",
    ClaimKind.REVIEW_UPHELD: "行政复议结果维持",
    ClaimKind.REVIEW_CORRECTED: "行政复议结果纠正",
    ClaimKind.REVIEW_OTHER: "行政复议其他结果",
    ClaimKind.REVIEW_PENDING: "行政复议尚未审结",
    ClaimKind.REVIEW_NOT_UPHELD: "行政复议未获维持（纠正、其他、尚未审结）",
    ClaimKind.LAWSUIT_UPHELD: "行政诉讼结果维持",
    ClaimKind.LAWSUIT_CORRECTED: "行政诉讼结果纠正",
    ClaimKind.LAWSUIT_OTHER: "行政诉讼其他结果",
    ClaimKind.LAWSUIT_PENDING: "行政诉讼尚未审结",
    ClaimKind.LAWSUIT_NOT_UPHELD: "行政诉讼未获维持（纠正、其他、尚未审结）",
    ClaimKind.FEE_NOTICES: "收费通知件数",
    ClaimKind.FEE_NOTICE_AMOUNT: "收费通知总金额",
    ClaimKind.FEE_COLLECTED: "实际收取信息处理费",
    ClaimKind.NORMATIVE_ISSUED: "本年制发行政规范性文件",
    ClaimKind.NORMATIVE_REPEALED: "本年废止行政规范性文件",
    ClaimKind.NORMATIVE_IN_FORCE: "现行有效行政规范性文件",
    ClaimKind.PROACTIVE_ITEMS: "主动公开政府信息条数",
    ClaimKind.PERCENT: "百分比",
}


class Confidence(enum.Enum):
    """How sure the reading of a claim is."""

    HIGH = "high"
    LOW = "low"
    """The wording leaves room for another reading (``Claim.doubt`` says which)."""

    @property
    def label(self) -> str:
        return "高" if self is Confidence.HIGH else "低"


def _applicant_columns() -> dict[str, tuple[str, ...]]:
    """Each applicant column word of table 三 (the longest of a column's label and aliases:
    "其他组织" for "其他") → the names of the :class:`~zfxxgk.model.ApplicantRow` fields it
    covers; a spanning header (法人或其他组织) covers every column under it, and comes first."""
    columns: dict[str, tuple[str, ...]] = {}
    for field in attrs.fields(ApplicantRow):
        info = field_info(ApplicantRow, field.name)
        if info.labels[0] == "总计":
            continue
        if info.parent is not None:
            columns[info.parent] = (*columns.get(info.parent, ()), field.name)
        word = max((info.labels[0], *info.aliases), key=len)
        columns[word] = (field.name,)
    return columns


APPLICANT_COLUMNS: Final[dict[str, tuple[str, ...]]] = _applicant_columns()
"""An applicant scope → the :class:`~zfxxgk.model.ApplicantRow` fields it adds up, read from
the template's labels."""

APPLICANT_SCOPES: Final[tuple[str, ...]] = tuple(APPLICANT_COLUMNS)
"""The scopes that name applicant columns of table 三 (the rest name sub-units):
自然人, 法人或其他组织, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他组织."""


def _check_value(instance: Claim, attribute: attrs.Attribute[Number], value: Number) -> None:
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise TypeError(f"Claim.value must be int or Decimal, not {type(value).__name__}")


@attrs.frozen(kw_only=True, slots=True)
class Claim:
    """One number the narrative states, with where it was said.

    ``span`` is the position of the number (with its unit) — or of the phrase, for explicit
    zeros such as "未发生行政复议" — in the text given to :func:`extract_claims`; ``sentence`` is
    the sentence it came from, for quoting (line breaks of the source removed).  ``scope``
    names the part the number is about when the text says so: an applicant column
    (:data:`APPLICANT_SCOPES`) or a sub-unit ("民政局"); ``None`` means the whole agency.
    ``subject`` is a body the sentence names as acting that may be a sub-unit ("市科委"); the
    comparison checks it against the agency's name.  ``keyword`` is the wording that decided
    the kind ("受理", "同意公开", "均获维持").  ``year`` is the year the clause names, if any.
    """

    kind: ClaimKind
    value: Number = attrs.field(validator=_check_value)
    span: tuple[int, int]
    sentence: str
    unit: Unit | None = None
    """For money: 元 or 万元 as printed (``None`` for a bare "均为0")."""
    scope: str | None = None
    subject: str | None = None
    keyword: str = ""
    year: int | None = None
    approximate: bool = False
    """"7700余条", "约300件": not compared."""
    confidence: Confidence = Confidence.HIGH
    doubt: str | None = None
    """Why the confidence is low, in Chinese."""
    basis: ClaimKind | None = None
    """For :attr:`ClaimKind.PERCENT` after "占": the quantity it is a share of."""
    section: str | None = None
    """The section ("一", "五", "六") the text came from, when known."""

    @property
    def applicant_scope(self) -> bool:
        """True when ``scope`` names an applicant column of table 三."""
        return self.scope in APPLICANT_SCOPES

    def describe(self) -> str:
        """A short Chinese description: ``受理申请69件``."""
        unit = self.unit.value if self.unit is not None else ""
        if self.kind is ClaimKind.PERCENT:
            unit = "%"
        elif not self.kind.is_money and self.kind is not ClaimKind.PROACTIVE_ITEMS:
            unit = "件"
        elif self.kind is ClaimKind.PROACTIVE_ITEMS:
            unit = "条"
        scope = f"（{self.scope}）" if self.scope else ""
        return f"{self.kind.label}{scope}为{_fmt(self.value)}{unit}"

    def __str__(self) -> str:
        return f"{self.describe()}：“{self.sentence}”"


def _fmt(value: Number | None) -> str:
    return format_number(value, blank="空白", trim=True)


FEE_KINDS: Final = frozenset(
    {ClaimKind.FEE_NOTICES, ClaimKind.FEE_NOTICE_AMOUNT, ClaimKind.FEE_COLLECTED}
)
"""The kinds of claim that state the information-processing-fee position (section 六)."""
