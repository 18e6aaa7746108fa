"""The narrative of a report: the numbers it states, checked against the tables, and text checks.

FORMAT.md §4 ("Narrative against tables") and §7.  :func:`extract_claims` finds every number
the narrative states about the quantities the tables also hold — requests received, carried
over, handled, each outcome, carried forward, reviews and lawsuits and their outcomes,
information-processing fees, normative documents — and the explicit zeros ("未发生行政复议",
"均获维持", "未收取信息处理费").  :func:`check_claims` compares each claim with the matching
table quantity; :func:`compare_claims` keeps the mismatches.

Extraction is deliberately conservative: a wrong claim turns into a false accusation against a
real agency.  A number whose meaning is unclear yields no claim; a number that is approximate
("7700余条"), about a part ("其中民政局1件"), about another year, or said by a body that may be a
sub-unit is kept but not compared, or compared with low confidence.

The report-level text checks (:func:`check_sections`, :func:`check_problems_section`,
:func:`check_fee_statement`, :func:`check_years`, :func:`check_publication_date`) return
:class:`TextProblem` records with stable ``N…`` codes and Chinese messages.
"""

from __future__ import annotations

import bisect
import datetime as _dt
import enum
import functools
import itertools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any, Final

import attrs

from .arithmetic import applicant_total, case_total
from .cells import Cell, Number, Unit, format_number
from .diagnostics import Severity
from .model import (
    ApplicantRow,
    CaseOutcomes,
    NotProcessed,
    OtherHandling,
    Outcomes,
    ProactiveDisclosure2021,
    Report,
    Unavailable,
    Withheld,
)
from .template import field_info, label_path

__all__ = [
    "AgencyKind",
    "Claim",
    "ClaimKind",
    "Comparison",
    "Confidence",
    "Mismatch",
    "TableQuantity",
    "TextProblem",
    "agency_kind",
    "check_claims",
    "check_fee_statement",
    "check_problems_section",
    "check_publication_date",
    "check_report_text",
    "check_sections",
    "check_years",
    "compare_claims",
    "extract_claims",
    "parse_number",
    "publication_deadline",
    "render_summary",
    "report_claims",
    "sections_found",
]


# ======================================================================================
# What a claim is
# ======================================================================================


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


APPLICANT_SCOPES: Final[tuple[str, ...]] = (
    "自然人",
    "法人或其他组织",
    "商业企业",
    "科研机构",
    "社会公益组织",
    "法律服务机构",
    "其他组织",
)
"""The scopes that name applicant columns of table 三 (the rest name sub-units)."""


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


# ======================================================================================
# Numbers written in Chinese
# ======================================================================================

_CN_DIGITS: Final[dict[str, int]] = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_UNITS: Final[dict[str, int]] = {"十": 10, "百": 100, "千": 1000}
_CN_BIG: Final[dict[str, int]] = {"万": 10_000, "亿": 100_000_000}


def _parse_chinese(text: str) -> int | None:
    if not text or any(
        c not in _CN_DIGITS and c not in _CN_UNITS and c not in _CN_BIG for c in text
    ):
        return None
    if not any(c in _CN_UNITS or c in _CN_BIG for c in text):
        # 二〇二四: digit by digit (a 两 never appears in this style)
        if "两" in text:
            return None if len(text) > 1 else 2
        return int("".join(str(_CN_DIGITS[c]) for c in text))
    total = 0
    section = 0
    digit: int | None = None
    for c in text:
        if c in _CN_DIGITS:
            digit = _CN_DIGITS[c]
        elif c in _CN_UNITS:
            section += (1 if digit is None else digit) * _CN_UNITS[c]
            digit = None
        else:
            section += digit or 0
            if section == 0:
                section = 1
            total = (total + section) * _CN_BIG[c]
            section = 0
            digit = None
    return total + section + (digit or 0)


def parse_number(text: str) -> Number | None:
    """Read a number as narratives write it: ``34``, ``１２``, ``1,234``, ``1.5万``, ``三十五``.

    Returns an ``int`` for whole numbers, a :class:`~decimal.Decimal` for fractions, and
    ``None`` when *text* is not a number.  ``两`` is 2, ``〇``/``零`` are 0; ``万`` and ``亿``
    multiply.
    """
    norm = unicodedata.normalize("NFKC", text).strip().replace(",", "").replace("，", "")
    if not norm:
        return None
    factor = 1
    if norm[-1] in _CN_BIG and len(norm) > 1 and (norm[-2].isdigit() or norm[-2] == "."):
        factor = _CN_BIG[norm[-1]]
        norm = norm[:-1]
    if re.fullmatch(r"\d+(?:\.\d+)?", norm):
        try:
            value = Decimal(norm) * factor
        except InvalidOperation:  # pragma: no cover - the pattern admits only digits
            return None
        return int(value) if value == value.to_integral_value() else value
    if factor != 1:
        return None
    return _parse_chinese(norm)


# ======================================================================================
# Normalising the text, with a map back to the original offsets
# ======================================================================================

_BROKEN: Final = "\x1f"
"""Stands for spaces between two digits: "2 0" may be one number split by a PDF, or two."""
_THOUSANDS: Final = "\x1e"
_ENUMERATORS: Final = re.compile(
    r"[\u2460-\u24ff\u2776-\u2793\u3251-\u325f\u32b1-\u32bf\u3220-\u3243]"
)
_INVISIBLE: Final = frozenset("\u200b\u200c\u200d\ufeff\u00ad")
_ASCII_DIGITS: Final = frozenset("0123456789")


@attrs.frozen(slots=True)
class _Text:
    """The text as analysed: NFKC, no spaces, with a map to the original offsets."""

    original: str
    norm: str
    pos: tuple[int, ...]
    """``pos[i]`` is the offset in ``original`` of ``norm[i]``; one extra entry at the end."""

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original offsets of ``norm[start:end]``."""
        if end <= start:
            return (self.pos[start], self.pos[start])
        return (self.pos[start], self.pos[end - 1] + 1)

    def quote(self, start: int, end: int) -> str:
        """The original text of ``norm[start:end]`` with line breaks and padding removed."""
        a, b = self.span(start, end)
        return _tidy(self.original[a:b])


_LINE_BREAK: Final = re.compile(r"\s*\n\s*")
_SPACES_RUN: Final = re.compile(r"[ \t\u3000\u00a0]{2,}")


def _tidy(text: str) -> str:
    text = _LINE_BREAK.sub("", text.strip())
    return _SPACES_RUN.sub(" ", text)


_GAP: Final = re.compile(r"[\s\u200b\u200c\u200d\ufeff\u00ad]+")
"""A run of spaces, line breaks and invisible characters (``\\s`` is ``str.isspace``)."""
_FOLDS: Final[dict[int, str]] = {}
"""Characters seen so far that fold (NFKC) to exactly one character that is not a space,
by code point: a table for ``str.translate``."""
_FOLDABLE: Final[set[str]] = set()
"""The same characters, as a set."""
_UNFOLDABLE: Final[set[str]] = set()
"""Characters seen so far that do not: they fold to several characters or to a space, or
are enumerators (①, ⑴ …), which become ``§``."""
_FOLD_LIMIT: Final = 50_000
"""Characters remembered at most (a report uses a few thousand; junk is not learnt)."""


def _learn(chars: set[str]) -> bool:
    """Remember how each of *chars* folds; False when there is no more room."""
    if len(_FOLDABLE) + len(_UNFOLDABLE) + len(chars) > _FOLD_LIMIT:
        return False
    for ch in chars:
        folded = unicodedata.normalize("NFKC", ch)
        if _ENUMERATORS.match(ch) or len(folded) != 1 or folded.isspace():
            _UNFOLDABLE.add(ch)
        else:
            _FOLDS[ord(ch)] = folded
            _FOLDABLE.add(ch)
    return True


def _fold_slowly(text: str, start: int, end: int, pieces: list[str], pos: list[int]) -> None:
    """Fold ``text[start:end]`` (no spaces in it) one character at a time."""
    for i in range(start, end):
        ch = text[i]
        if _ENUMERATORS.match(ch):
            pieces.append("§")
            pos.append(i)
            continue
        for c in unicodedata.normalize("NFKC", ch):
            if not c.isspace():
                pieces.append(c)
                pos.append(i)


def _prepare(text: str) -> _Text:
    """The text as analysed: every character folded by NFKC on its own (spaces it leaves
    dropped), enumerators as ``§``, a run of spaces dropped — unless it holds a blank line
    (a paragraph break, ``\\n``) or stands between two digits (:data:`_BROKEN`) — and
    thousands separators marked (:data:`_THOUSANDS`); with the offset of every character.
    Only the first :data:`_MAX_TEXT` characters are read.

    Runs of characters that each fold to one character are folded by ``str.translate``;
    only a run holding another character is folded one character at a time.  The last few
    texts are remembered: the claims and the year checks read the same sections.
    """
    return _prepare_remembered(text[:_MAX_TEXT])


@functools.lru_cache(maxsize=8)
def _prepare_remembered(text: str) -> _Text:
    pieces: list[str] = []
    pos: list[int] = []
    n = len(text)
    at = 0
    for gap in itertools.chain(_GAP.finditer(text), (None,)):
        i, j = (gap.start(), gap.end()) if gap is not None else (n, n)
        if at < i:  # the characters before the gap
            run = text[at:i]
            letters = set(run)
            unknown = letters - _FOLDABLE - _UNFOLDABLE
            if (not unknown or _learn(unknown)) and _UNFOLDABLE.isdisjoint(letters):
                pieces.append(run.translate(_FOLDS))
                pos.extend(range(at, i))
            else:
                _fold_slowly(text, at, i, pieces, pos)
        if gap is None:
            break
        spaces = text[i:j].replace("\r\n", "\n")
        if spaces.count("\n") >= 2 or "\u2029" in spaces:
            pieces.append("\n")
            pos.append(i)
        elif (
            pieces
            and pieces[-1][-1] in _ASCII_DIGITS
            and j < n
            and unicodedata.normalize("NFKC", text[j])[:1] in _ASCII_DIGITS
        ):
            pieces.append(_BROKEN)
            pos.append(i)
        at = j
    pos.append(n)
    return _Text(text, _mark_thousands("".join(pieces)), tuple(pos))


def _mark_thousands(norm: str) -> str:
    """Thousands separators (``1,234``; NFKC has turned "，" into ",") as :data:`_THOUSANDS`."""
    marked: list[int] = []
    k = norm.find(",")
    while k >= 0:
        if k > 0 and norm[k - 1] in _ASCII_DIGITS:
            after = norm[k + 1 : k + 5]
            if (
                len(after) >= 3
                and all(d in _ASCII_DIGITS for d in after[:3])
                and not (len(after) == 4 and after[3] in _ASCII_DIGITS)
            ):
                m = k - 1
                while m >= 0 and norm[m] in _ASCII_DIGITS:
                    m -= 1
                if k - 1 - m <= 3 and (m < 0 or norm[m] != "."):
                    marked.append(k)
        k = norm.find(",", k + 1)
    if not marked:
        return norm
    chars = list(norm)
    for k in marked:
        chars[k] = _THOUSANDS
    return "".join(chars)


# ======================================================================================
# Lexicon
# ======================================================================================

_SENTENCE_END: Final = frozenset("。!?\n")
_CLAUSE_END: Final = frozenset(",;:()[]。!?\n")

_NUMBER: Final = re.compile(
    r"(?P<num>(?<![\d.\x1e\x1f])\d+(?:\x1e\d{3})*(?:\.\d+)?(?![\d\x1f])"
    r"|[零〇○一二两三四五六七八九十百千万亿]+)"
    r"(?P<mult>万(?!元)|亿)?"
    r"(?P<approx>余|多)?"
    r"(?P<unit>件次|件|起|宗|例|条|万元|元|%|‰)"
)
_BARE_NUMBER: Final = re.compile(
    r"(?P<what>件数|数量|总金额|金额|总额)(?:为|是|共|共计|合计)?"
    r"(?P<num>(?<![\d.])\d+(?:\.\d+)?)(?![\d.\x1f件起宗例条元%万])"
)

_COUNT_UNITS: Final = frozenset({"件次", "件", "起", "宗", "例"})

_TAG_PATTERNS: Final[tuple[tuple[str, str], ...]] = (
    # longer wordings first: the alternation takes the first that matches at a position
    ("carried_over", r"上一?个?年度?结转|结转上一?年度?|上年度?遗留|往年结转"),
    (
        "carried_forward",
        r"结转(?:至|到)?下一?个?年度?|转(?:入|至|到)?下一?个?年度?|顺延(?:至|到)?下一?个?年度?"
        r"|结转(?:至|到)\d{4}年度?|跨年度?办理|结转",
    ),
    (
        "disclosed_or_partial",
        r"(?:予以|同意)?(?:全部)?公开(?:及|和|与|、|或)部分公开|全部或部分公开",
    ),
    ("disclosed", r"予以公开|同意公开|全部公开"),
    ("partial", r"部分公开"),
    ("withheld", r"不予公开"),
    ("unavailable", r"无法提供|不能提供"),
    ("not_processed", r"不予处理"),
    ("other_handling", r"其他处理|其它处理"),
    ("upheld", r"结果维持|维持"),
    ("corrected", r"结果纠正|纠正|纠错|败诉"),
    ("case_other", r"其他结果"),
    ("pending", r"尚未审结|未审结|正在审理|审理中"),
    ("review", r"行政复议|复议"),
    ("lawsuit", r"行政诉讼|诉讼|应诉"),
    ("cases", r"案件"),
    ("fee_notice", r"收费通知|缴费通知"),
    ("fee", r"信息处理费|处理费|收取|收费|缴纳|缴费"),
    ("normative", r"规范性文件"),
    ("in_force", r"现行有效"),
    ("repealed", r"废止|宣布失效|失效"),
    ("issued", r"制发|印发|出台|制定"),
    ("proactive", r"主动公开|主动发布"),
    ("new", r"本年新收|新收|新接收"),
    ("receive", r"收到|受理|接收|接到|收悉"),
    ("handle", r"办结|答复|办复|回复"),
    ("handle_loose", r"办理|处理"),
    ("app", r"申请"),
    ("rate", r"(?:办结|答复|按时答复|按期答复|按时办结|回复|公开|满意)率"),
    ("share", r"占比|占"),
)
_TAG_FIRSTS: Final = (
    "上不主予信全公其出制办占印受同回处复失审宣尚应废往按接收新"
    "无未本案正满现申答纠结维缴行规诉败跨转部顺"
)
"""Every character a tag can begin with (a test derives them from the patterns): the
lookahead lets the regex engine pass over any other position at once instead of trying
every alternative there, five times faster on report text."""
_TAGS: Final = re.compile(
    f"(?=[{_TAG_FIRSTS}])(?:" + "|".join(f"(?P<{name}>{rx})" for name, rx in _TAG_PATTERNS) + ")"
)

_OUTCOME_TAGS: Final[dict[str, ClaimKind]] = {
    "carried_over": ClaimKind.CARRIED_OVER,
    "carried_forward": ClaimKind.CARRIED_FORWARD,
    "disclosed_or_partial": ClaimKind.DISCLOSED_OR_PARTIAL,
    "disclosed": ClaimKind.DISCLOSED,
    "partial": ClaimKind.PARTIALLY_DISCLOSED,
    "withheld": ClaimKind.WITHHELD,
    "unavailable": ClaimKind.UNAVAILABLE,
    "not_processed": ClaimKind.NOT_PROCESSED,
    "other_handling": ClaimKind.OTHER_HANDLING,
}
_CASE_OUTCOME_TAGS: Final = ("upheld", "corrected", "case_other", "pending")
_TABLE_OUTCOME_WORDS: Final = frozenset({"结果维持", "结果纠正", "其他结果", "尚未审结"})
_CASE_OUTCOME_KINDS: Final[dict[tuple[str, str], ClaimKind]] = {
    ("review", "upheld"): ClaimKind.REVIEW_UPHELD,
    ("review", "corrected"): ClaimKind.REVIEW_CORRECTED,
    ("review", "case_other"): ClaimKind.REVIEW_OTHER,
    ("review", "pending"): ClaimKind.REVIEW_PENDING,
    ("review", "not_upheld"): ClaimKind.REVIEW_NOT_UPHELD,
    ("lawsuit", "upheld"): ClaimKind.LAWSUIT_UPHELD,
    ("lawsuit", "corrected"): ClaimKind.LAWSUIT_CORRECTED,
    ("lawsuit", "case_other"): ClaimKind.LAWSUIT_OTHER,
    ("lawsuit", "pending"): ClaimKind.LAWSUIT_PENDING,
    ("lawsuit", "not_upheld"): ClaimKind.LAWSUIT_NOT_UPHELD,
}
_APPLICATION_KINDS: Final = frozenset(
    {
        ClaimKind.RECEIVED,
        ClaimKind.RECEIVED_NEW,
        ClaimKind.RECEIVED_TOTAL,
        ClaimKind.CARRIED_OVER,
        ClaimKind.HANDLED,
        ClaimKind.CARRIED_FORWARD,
        *_OUTCOME_TAGS.values(),
    }
)
_CASE_KINDS: Final = frozenset(
    {ClaimKind.REVIEWS, ClaimKind.LAWSUITS, ClaimKind.CASES, *_CASE_OUTCOME_KINDS.values()}
)

_APPLICANTS: Final = re.compile(
    r"(?P<org>法人或其他组织|法人和其他组织|法人及其他组织|法人)"
    r"|(?P<person>自然人)"
    r"|(?P<company>商业企业|企业)"
    r"|(?P<research>科研机构)"
    r"|(?P<charity>社会公益组织)"
    r"|(?P<legal>法律服务机构)"
    r"|(?P<other>其他组织)"
)
_APPLICANT_NAMES: Final[dict[str, str]] = {
    "org": "法人或其他组织",
    "person": "自然人",
    "company": "商业企业",
    "research": "科研机构",
    "charity": "社会公益组织",
    "legal": "法律服务机构",
    "other": "其他组织",
}
_OTHER_APPLICANT_WORDS: Final = re.compile(r"群众|公民|个人|单位|社会组织|各类主体")

_KILL: Final = re.compile(
    r"同比|环比|较上年|较去年|较上一年|比上年|比去年|比上一年|较\d{4}|比\d{4}|增长|增加|减少|"
    r"下降|上升|回落|提高|降低|平均|日均|人均|月均|以来|历年|每"
)
_APPROX_BEFORE: Final = re.compile(r"(?:约|近|逾|超过|超|大约|将近|不足|不到|不少于|至少|上)$")
_APPROX_AFTER: Final = re.compile(r"^(?:左右|以上|以下|上下|之多)")
_NEGATED_BEFORE: Final = re.compile(r"(?:未发生|未有|没有|无|未|不存在)$")
_SUBSET: Final = re.compile(r"中(?:有|共有|共)?$|(?:涉及|关于|有关|针对)(?!自然人|法人)")
_TIME_WORDS: Final = re.compile(
    r"^(?:\d{4}年度?|本年度?|全年|今年|年内|当年|同期|截至\d{4}年?\d*月?\d*日?底?|截至目前|目前|"
    r"所有|[,、])+"
)
_FILLER_END: Final = re.compile(
    r"(?:共计|共有|一共|累计|合计|总计|全部|依法|及时|先后|分别|共|已|有|新|各类|各)+$"
)
_UNIT_NAME: Final = re.compile(
    r"[\u4e00-\u9fff]+(?:局|委员会|委|厅|办公室|办公厅|办|中心|院|所|站|队|处|科|街道|镇|乡|村|社区|公司|部|署)$"
)
_SELF_WORDS: Final = re.compile(r"我|本|全|各级|代表|所属|系统|各单位|各部门")
_CASE_QUALIFIERS: Final = re.compile(r"(?:处罚|执法|刑事|民事|信访|安全|交通|治安)案件$")
_VERB_KINDS: Final[dict[str, ClaimKind]] = {
    "new": ClaimKind.RECEIVED_NEW,
    "receive": ClaimKind.RECEIVED,
    "handle": ClaimKind.HANDLED,
    "handle_loose": ClaimKind.HANDLED,
}
_INCLUDES_CARRIED: Final = re.compile(r"\((?:含|包括|包含)(?:上一?年度?|结转)")
_DOCUMENTS: Final = re.compile(
    r"(?P<verb>现行有效|制发|印发|出台|制定|废止|宣布失效)的?(?:行政)?规范性文件"
    r"(?:共计|共有|合计|总数|数量|共|为|达|有|计)*$"
)
_YEAR: Final = re.compile(r"(?<!\d)((?:19|20)\d{2})(?=年)")
_LIST_START: Final = re.compile(r"^[、]|^(?:其中|涉及|包括|含)")
_LIST_FILLER: Final = re.compile(r"申请|为|有|共|分别|是")
_SHORT_NAME: Final = re.compile(r"[\u4e00-\u9fff]{1,12}")
_AMONG: Final = re.compile(r"^(?:[、]?)其中:?")
_NAME_FILLER: Final = re.compile(r"(?:申请|为|有|共|分别|是|的)+$")
_SUBJECT_START: Final = re.compile(r"^(?:其中|另有|另)")
_TITLE: Final = re.compile(r"《[^《》]*》")


# ======================================================================================
# Extraction
# ======================================================================================


_MAX_TEXT: Final = 100_000
"""A narrative section is read up to this many characters (a real one has a few thousand)."""
_MAX_SENTENCE: Final = 1_000
"""A "sentence" longer than this (the longest seen in real reports has some 300 characters)
is text run together — a table or a dump — and no claim is read from it."""
_MAX_ZERO_MATCHES: Final = 16
"""Matches of one zero wording read per sentence (a real sentence has one or two); with the
limits above, this keeps the work on hostile text in proportion to its length."""

# explicit zeros (_Extractor.zeros); every one needs one of _ZERO_HINTS
_ZERO_HINTS: Final = re.compile(r"[未没不无零均全都皆]")
_NO_CASES: Final = re.compile(
    r"(?P<neg>未发生|未收到|没有发生|没有收到|未有|未出现|未产生|未涉及|不存在|没有|无)"
    r"(?!论|正当|法)[^,;:。]{0,30}?(?:行政复议|行政诉讼)"
)
_CASE_DECIDED: Final = re.compile(r"纠错|纠正|败诉|撤销|确认违法|决定")
_NO_APPLICATIONS: Final = re.compile(
    r"(?:未收到|没有收到|未受理|没有受理|未接到|未发生|无)(?:任何)?"
    r"(?:政府信息公开|信息公开|依申请公开)?的?申请(?!人|材料|表)"
)
_NOT_CORRECTED: Final = re.compile(
    r"(?:未被|没有被|未出现|未发生|没有|无|零)[^,;:。]{0,20}?(?P<w>纠错|纠正|败诉|撤销)"
)
_ALL_UPHELD: Final = re.compile(r"(?:均|全部|都|皆)(?:获|被|得到|予以|已)?维持")
_ALL_CLOSED: Final = re.compile(r"(?:均已|全部|均)(?:结案|审结)")
_NO_FEES: Final = re.compile(
    r"(?:未|没有|无|不)(?:发生|产生|收取|收|涉及|存在)[^,;:。]{0,15}?(?:信息处理费|处理费|收费)"
)
_ALL_ZERO: Final = re.compile(r"(?:均|都|皆)(?:为|是)(?:0|零|“0”)(?![\d.])")
_ZERO_TOPIC: Final = re.compile(r"收费通知|缴费通知|信息处理费|收费|行政复议|行政诉讼")
_AMOUNT: Final = re.compile(r"金额|总额")


@attrs.define(slots=True)  # not frozen: built for every keyword, and frozen init costs 3×
class _Tag:
    name: str
    start: int
    end: int
    text: str


def _tags(text: str, offset: int = 0) -> list[_Tag]:
    if not text:
        return []
    found = _tag_spans(text) if len(text) <= _REMEMBER_TAGS else _find_tags(text)
    return [_Tag(name, start + offset, end + offset, word) for name, start, end, word in found]


def _find_tags(text: str) -> tuple[tuple[str, int, int, str], ...]:
    """(name, start, end, text) of every keyword of *text*."""
    out = []
    for m in _TAGS.finditer(text):
        name = m.lastgroup
        assert name is not None
        out.append((name, m.start(), m.end(), m.group()))
    return tuple(out)


_REMEMBER_TAGS: Final = 64
"""The keywords of texts up to this long are remembered: the pieces around numbers ("其中
予以公开", "件，部分公开") recur in every report."""
_tag_spans = functools.lru_cache(maxsize=4096)(_find_tags)


@attrs.define(slots=True)  # not frozen, as _Tag
class _Candidate:
    start: int
    end: int
    value: Number
    unit_text: str
    approximate: bool
    chinese: bool

    @property
    def unit_class(self) -> str:
        if self.unit_text in _COUNT_UNITS:
            return "count"
        if self.unit_text in ("元", "万元"):
            return "money"
        if self.unit_text in ("%", "‰"):
            return "percent"
        if self.unit_text == "条":
            return "items"
        return "count" if self.unit_text == "#count" else "money"

    @property
    def unit(self) -> Unit | None:
        if self.unit_text == "元":
            return Unit.YUAN
        if self.unit_text == "万元":
            return Unit.WAN_YUAN
        return None


def _candidates(norm: str) -> list[_Candidate]:
    found: list[_Candidate] = []
    for m in _NUMBER.finditer(norm):
        raw = m["num"]
        unit = m["unit"]
        chinese = not raw[0].isdigit()
        if chinese:
            if m["mult"]:
                continue
            if raw.endswith("万") and unit == "元":
                raw, unit = raw[:-1], "万元"
            after = norm[m.end() : m.end() + 4]
            start = m.start()
            if start > 0 and norm[start - 1] in "第初":
                continue
            if unit == "起" and not re.match(r"行政|复议|诉讼|案件", after):
                continue  # 一起 = together
            if unit == "件" and after[:1] in ("事", "一"):
                continue  # 一件事、一件一档
            chinese_value = _parse_chinese(raw)
            if chinese_value is None:
                continue
            value: Number = chinese_value
        else:
            number = raw.replace(_THOUSANDS, "")
            if m["mult"]:
                number += m["mult"]
            # most numbers are plain ASCII digits: what parse_number makes of them is int()
            parsed = (
                int(number) if number.isascii() and number.isdecimal() else parse_number(number)
            )
            if parsed is None:  # pragma: no cover - the pattern admits only digits
                continue
            value = parsed
        if unit == "‰":
            continue
        found.append(_Candidate(m.start(), m.end(), value, unit, bool(m["approx"]), chinese))
    taken = [(c.start, c.end) for c in found]
    for m in _BARE_NUMBER.finditer(norm):
        if any(a <= m.start("num") < b for a, b in taken):
            continue
        parsed = parse_number(m["num"])
        if parsed is None:  # pragma: no cover
            continue
        unit_text = "#count" if m["what"] in ("件数", "数量") else "#money"
        found.append(_Candidate(m.start("num"), m.end("num"), parsed, unit_text, False, False))
    found.sort(key=lambda c: c.start)
    return found


_STOPS: Final[dict[frozenset[str], re.Pattern[str]]] = {}


def _boundaries(norm: str, stops: frozenset[str]) -> list[int]:
    """The offsets of every character of *stops* in *norm*."""
    pattern = _STOPS.get(stops)
    if pattern is None:
        pattern = _STOPS[stops] = re.compile(f"[{re.escape(''.join(sorted(stops)))}]")
    return [m.start() for m in pattern.finditer(norm)]


def _around(bounds: list[int], start: int, end: int, length: int) -> tuple[int, int]:
    """The (start, end) of the piece between boundaries that contains ``start``."""
    k = bisect.bisect_right(bounds, start - 1)
    left = bounds[k - 1] + 1 if k > 0 else 0
    k2 = bisect.bisect_left(bounds, end)
    right = bounds[k2] if k2 < len(bounds) else length
    return left, right


def _without_titles(text: str) -> str:
    if "《" not in text:  # most prefixes and suffixes: no title to mask
        return text
    return _TITLE.sub(lambda m: "#" * len(m.group()), text)


@attrs.define(kw_only=True, slots=True)  # not frozen, as _Tag
class _Number:
    """One number and what surrounds it, while it is being read."""

    cand: _Candidate
    sentence: tuple[int, int]
    clause_start: int
    segment_start: int
    prefix: str
    """From the clause start (or the previous number) to the number."""
    suffix: str
    """From the number to the clause end (or the next number)."""
    ptags: list[_Tag]
    stags: list[_Tag]
    year: int | None
    approximate: bool
    unit_scope: str | None
    previous: Claim | None
    quote: str

    @property
    def names(self) -> set[str]:
        return {t.name for t in self.ptags} | {t.name for t in self.stags}


@attrs.define
class _SentenceState:
    claims: list[Claim] = attrs.field(factory=list)
    unit_scope: str | None = None
    unit_scope_segment: int = -1


class _Extractor:
    def __init__(self, text: str, section: str | None = None) -> None:
        self.section = section
        self.t = _prepare(text)
        norm = self.t.norm
        self.norm = norm
        self.masked = _without_titles(norm)
        self.years = list(_YEAR.finditer(self.masked))
        self.year_ends = [m.end() for m in self.years]  # the 年 after a year is at its end
        self.sentences = _boundaries(norm, _SENTENCE_END)
        self.segments = _boundaries(norm, _SENTENCE_END | {";"})
        self.clauses = _boundaries(norm, _CLAUSE_END)
        titles = [m.span() for m in _TITLE.finditer(norm)]
        self.candidates = [
            c for c in _candidates(norm) if not any(a <= c.start < b for a, b in titles)
        ]
        self.claims: list[Claim] = []
        self.previous_case_types: tuple[str, ...] = ()
        self.previous_about_applications = False

    # -- helpers ------------------------------------------------------------------------
    def sentence_of(self, start: int, end: int) -> tuple[int, int]:
        return _around(self.sentences, start, end, len(self.norm))

    def segment_of(self, start: int, end: int) -> tuple[int, int]:
        return _around(self.segments, start, end, len(self.norm))

    def clause_of(self, start: int, end: int) -> tuple[int, int]:
        return _around(self.clauses, start, end, len(self.norm))

    def year_before(self, start: int, sentence_start: int) -> int | None:
        """The last year named (``2024年``) from *sentence_start* up to *start*.

        The years of the whole text are found once: looking them up per number made a long
        sentence full of numbers cost its length squared."""
        k = bisect.bisect_left(self.year_ends, start) - 1  # the last one that ends before
        if k >= 0 and self.years[k].start() >= sentence_start:
            return int(self.years[k].group(1))
        return None

    def case_types(self, text: str) -> tuple[str, ...]:
        types: list[str] = []
        for tag in _tags(_without_titles(text)):
            if tag.name in ("review", "lawsuit") and tag.name not in types:
                types.append(tag.name)
        return tuple(types)

    def last_case_type(self, text: str) -> tuple[str, ...]:
        """The case types of the last mention in *text* (both when joined by 、/和)."""
        tags = [t for t in _tags(_without_titles(text)) if t.name in ("review", "lawsuit")]
        if not tags:
            return ()
        last = tags[-1]
        types = [last.name]
        for tag in reversed(tags[:-1]):
            gap = text[tag.end : last.start]
            if tag.name != last.name and re.fullmatch(
                r"(?:案件|件|数)?(?:为)?(?:\d+(?:件|起|宗|例))?(?:、|和|及|与|或|,)", gap
            ):
                types.insert(0, tag.name)
            break
        return tuple(types)

    # -- the main loop --------------------------------------------------------------------
    def run(self) -> tuple[Claim, ...]:
        by_sentence: dict[int, list[_Candidate]] = {}
        for cand in self.candidates:
            s, _ = self.sentence_of(cand.start, cand.end)
            by_sentence.setdefault(s, []).append(cand)
        starts = sorted({0, *(b + 1 for b in self.sentences if b + 1 < len(self.norm))})
        for s in starts:
            _, e = self.sentence_of(s, s)
            if e <= s:
                continue
            self.sentence(s, e, by_sentence.get(s, []))
        return tuple(sorted(self.claims, key=lambda c: (c.span, c.kind.value)))

    def sentence(self, s: int, e: int, cands: list[_Candidate]) -> None:
        text = self.norm[s:e]
        state = _SentenceState()
        if e - s > _MAX_SENTENCE:  # not prose: no number in it can be told what it counts
            cands = []
        zeros = e - s <= _MAX_SENTENCE and _ZERO_HINTS.search(text) is not None
        if cands or zeros:  # else the sentence states nothing (most do not)
            quote = self.t.quote(s, e + 1 if e < len(self.norm) and self.norm[e] == "。" else e)
            for index, cand in enumerate(cands):
                prev_end = cands[index - 1].end if index > 0 else s
                next_start = cands[index + 1].start if index + 1 < len(cands) else e
                claims = self.classify(cand, s, e, prev_end, next_start, state, quote)
                state.claims.extend(claims)
            if zeros:
                self.zeros(s, e, state, quote)
            self.claims.extend(state.claims)
        types = self.case_types(text)
        if types:
            self.previous_case_types = self.last_case_type(text)
        self.previous_about_applications = any(c.kind in _APPLICATION_KINDS for c in state.claims)

    def claim(
        self,
        n: _Number,
        kind: ClaimKind,
        keyword: str,
        *,
        scope: str | None = None,
        subject: str | None = None,
        basis: ClaimKind | None = None,
    ) -> Claim:
        """A claim about the number *n*."""
        unit = n.cand.unit if n.cand.unit_class == "money" else None
        return self.make(
            kind,
            n.cand.value,
            n.cand.start,
            n.cand.end,
            n.quote,
            keyword=keyword,
            year=n.year,
            unit=unit,
            scope=scope,
            subject=subject,
            approximate=n.approximate,
            basis=basis,
        )

    def make(
        self,
        kind: ClaimKind,
        value: Number,
        start: int,
        end: int,
        quote: str,
        *,
        keyword: str,
        year: int | None = None,
        unit: Unit | None = None,
        scope: str | None = None,
        subject: str | None = None,
        approximate: bool = False,
        basis: ClaimKind | None = None,
    ) -> Claim:
        doubt = None
        confidence = Confidence.HIGH
        if subject is not None:
            confidence = Confidence.LOW
            doubt = f"主语“{subject}”可能是下属单位，而非报告机关本身"
        if approximate:
            confidence = Confidence.LOW
            doubt = "约数"
        return Claim(
            kind=kind,
            value=value,
            span=self.t.span(start, end),
            sentence=quote,
            unit=unit,
            scope=scope,
            subject=subject,
            keyword=keyword,
            year=year,
            approximate=approximate,
            confidence=confidence,
            doubt=doubt,
            basis=basis,
            section=self.section,
        )

    # -- one number -----------------------------------------------------------------------
    def classify(
        self,
        cand: _Candidate,
        s: int,
        e: int,
        prev_end: int,
        next_start: int,
        state: _SentenceState,
        quote: str,
    ) -> list[Claim]:
        norm = self.norm
        cs, ce = self.clause_of(cand.start, cand.end)
        seg_start, _ = self.segment_of(cand.start, cand.end)
        p0 = max(cs, prev_end)
        prefix = norm[p0 : cand.start]
        suffix = norm[cand.end : min(ce, next_start)]
        if _NEGATED_BEFORE.search(prefix) and cand.chinese:
            return []  # 未发生一起 …: the zero is read by zeros()
        if _KILL.search(prefix):
            return []  # 较上年增加5件, 日均3件, 2019年以来 …
        if seg_start != state.unit_scope_segment:
            state.unit_scope = None
        ptags = _tags(_without_titles(prefix), p0)
        n = _Number(
            cand=cand,
            sentence=(s, e),
            clause_start=cs,
            segment_start=seg_start,
            prefix=prefix,
            suffix=suffix,
            ptags=ptags,
            stags=_tags(_without_titles(suffix), cand.end),
            year=self.year_before(cand.start, s),
            approximate=(
                cand.approximate
                or bool(_APPROX_BEFORE.search(prefix))
                or bool(_APPROX_AFTER.match(suffix))
            ),
            unit_scope=self.unit_scope(prefix, ptags, p0, state, seg_start),
            previous=state.claims[-1] if state.claims else None,
            quote=quote,
        )
        unit_class = cand.unit_class
        if unit_class == "count":
            return self.count(n, state)
        if unit_class == "money":
            return self.money(n, state)
        if unit_class == "percent":
            return self.percent(n, state)
        return self.items(n, state)  # unit_class == "items"

    def percent(self, n: _Number, state: _SentenceState) -> list[Claim]:
        tag = next((t for t in reversed(n.ptags) if t.name in ("share", "rate")), None)
        if tag is None:
            return []
        if tag.name == "share":
            previous = n.previous
            if previous is None or previous.kind is ClaimKind.PERCENT:
                return []
            return [
                self.claim(
                    n, ClaimKind.PERCENT, tag.text, basis=previous.kind, scope=previous.scope
                )
            ]
        s, e = n.sentence
        if "申请" not in self.norm[s:e]:
            return []  # 合格率、好评率 … are not about requests
        return [self.claim(n, ClaimKind.PERCENT, tag.text)]

    def money(self, n: _Number, state: _SentenceState) -> list[Claim]:
        fee = [t for t in n.ptags if t.name in ("fee", "fee_notice")]
        tag = fee[-1] if fee else None
        if tag is None:
            fee = [t for t in n.stags if t.name in ("fee", "fee_notice")]
            tag = fee[0] if fee else None
        if tag is not None:
            kind = (
                ClaimKind.FEE_NOTICE_AMOUNT if tag.name == "fee_notice" else ClaimKind.FEE_COLLECTED
            )
            return [self.claim(n, kind, tag.text, scope=n.unit_scope)]
        previous = n.previous
        if previous is not None and previous.kind.is_money and self.continues(n.prefix):
            return [self.claim(n, previous.kind, previous.keyword, scope=n.unit_scope)]
        if (
            previous is not None
            and previous.kind is ClaimKind.FEE_NOTICES
            and re.fullmatch(r"(?:总|共计|合计)?(?:金额|总额)(?:为|共|合计|共计)?", n.prefix)
        ):
            return [self.claim(n, ClaimKind.FEE_NOTICE_AMOUNT, n.prefix, scope=n.unit_scope)]
        return []  # 采购金额, 预算 …: not a fee

    def items(self, n: _Number, state: _SentenceState) -> list[Claim]:
        tag = next((t for t in n.ptags if t.name == "proactive"), None)
        if tag is None:
            return []
        return [self.claim(n, ClaimKind.PROACTIVE_ITEMS, tag.text, scope=n.unit_scope)]

    def count(self, n: _Number, state: _SentenceState) -> list[Claim]:
        names = n.names
        if "fee_notice" in names and ("fee" not in names or n.cand.unit_text == "#count"):
            tag = next(t for t in [*n.ptags, *n.stags] if t.name == "fee_notice")
            return [self.claim(n, ClaimKind.FEE_NOTICES, tag.text, scope=n.unit_scope)]
        if n.cand.unit_text == "#count":
            return []
        if "normative" in names:
            return [] if "app" in names else self.documents(n)
        if names & {"review", "lawsuit", "cases", *_CASE_OUTCOME_TAGS}:
            claims = self.cases(n)
            if claims is not None:
                return [attrs.evolve(c, scope=c.scope or n.unit_scope) for c in claims]
        if "proactive" in names:
            return []
        return self.applications(n, state)

    def continues(self, prefix: str) -> bool:
        """True when *prefix* only continues a list: ``、商业企业``, ``其中自然人申请``."""
        rest = _LIST_START.sub("", prefix)
        rest = _APPLICANTS.sub("", rest)
        rest = _LIST_FILLER.sub("", rest)
        return rest == "" or bool(_SHORT_NAME.fullmatch(rest) and prefix.startswith("其中"))

    def unit_scope(
        self,
        prefix: str,
        ptags: list[_Tag],
        p0: int,
        state: _SentenceState,
        segment: int,
    ) -> str | None:
        """The sub-unit a "其中X …" clause names; it holds to the end of the segment (；)."""
        m = _AMONG.match(prefix)
        if m is not None:
            first = ptags[0].start - p0 if ptags else len(prefix)
            name = prefix[m.end() : first]
            name = _APPLICANTS.sub("", name)
            name = _NAME_FILLER.sub("", name)
            if name:
                state.unit_scope = name
                state.unit_scope_segment = segment
                return name
            return None
        return state.unit_scope

    def applicant_scope(self, prefix: str) -> str | None:
        found = {m.lastgroup for m in _APPLICANTS.finditer(prefix)}
        if len(found) != 1 or _OTHER_APPLICANT_WORDS.search(prefix):
            return None
        group = found.pop()
        assert group is not None
        return _APPLICANT_NAMES[group]

    def subject(self, n: _Number) -> str | None:
        """A body named before the first keyword that may be a sub-unit (局, 委, 镇 …)."""
        p0 = n.cand.start - len(n.prefix)
        first = n.ptags[0].start - p0 if n.ptags else len(n.prefix)
        raw = _TIME_WORDS.sub("", n.prefix[:first])
        raw = _FILLER_END.sub("", raw)
        raw = _SUBJECT_START.sub("", raw)
        if not raw or _SELF_WORDS.search(raw) or _APPLICANTS.search(raw):
            return None
        if _UNIT_NAME.search(raw):
            return raw
        return None

    # -- kinds of counts -------------------------------------------------------------------
    def documents(self, n: _Number) -> list[Claim]:
        """现行有效/制发/废止 right before (行政)规范性文件, then only filler up to the number."""
        m = _DOCUMENTS.search(n.prefix)
        if m is None:
            return []
        kind = {
            "现行有效": ClaimKind.NORMATIVE_IN_FORCE,
            "废止": ClaimKind.NORMATIVE_REPEALED,
            "宣布失效": ClaimKind.NORMATIVE_REPEALED,
        }.get(m["verb"], ClaimKind.NORMATIVE_ISSUED)
        return [self.claim(n, kind, m["verb"], scope=n.unit_scope)]

    def cases(self, n: _Number) -> list[Claim] | None:
        """Reviews and lawsuits; ``None`` when the clause is not about them after all."""
        s, _ = n.sentence
        outcome = next((t for t in reversed(n.ptags) if t.name in _CASE_OUTCOME_TAGS), None)
        if outcome is not None:
            types = self.last_case_type(self.norm[n.segment_start : outcome.start])
            if not types:
                # only the table's own words in a list continue an earlier mention:
                # "纠正不规范表述22件" after a sentence on reviews is not about reviews
                listed = n.prefix.startswith(("其中", "、")) or (
                    n.previous is not None and n.previous.kind in _CASE_KINDS
                )
                if outcome.text not in _TABLE_OUTCOME_WORDS or not listed:
                    return []
                types = (
                    self.last_case_type(self.norm[s : outcome.start]) or self.previous_case_types
                )
            if len(types) != 1:
                return []
            return [self.claim(n, _CASE_OUTCOME_KINDS[(types[0], outcome.name)], outcome.text)]
        case_tags = [t for t in n.ptags if t.name in ("review", "lawsuit")]
        if not case_tags:
            case_tags = [t for t in n.stags if t.name in ("review", "lawsuit")]
        if case_tags:
            types = tuple(dict.fromkeys(t.name for t in case_tags))
            keyword = "、".join(t.text for t in case_tags)
        else:
            if "cases" not in n.names:
                return None
            if _CASE_QUALIFIERS.search(n.prefix) or "申请" in n.prefix:
                return []
            types = self.case_types(self.norm[s : n.cand.start])
            keyword = "案件"
            if not types:
                return []
        if len(types) == 1:
            kind = ClaimKind.REVIEWS if types == ("review",) else ClaimKind.LAWSUITS
            return [self.claim(n, kind, keyword, subject=self.subject(n))]
        if n.prefix.endswith("各"):
            return [self.claim(n, k, keyword) for k in (ClaimKind.REVIEWS, ClaimKind.LAWSUITS)]
        return [self.claim(n, ClaimKind.CASES, keyword, subject=self.subject(n))]

    def applications(self, n: _Number, state: _SentenceState) -> list[Claim]:
        s, e = n.sentence
        norm = self.norm
        previous = n.previous
        in_context = (
            "申请" in norm[s:e]
            or any(c.kind in _APPLICATION_KINDS for c in state.claims)
            or (
                self.previous_about_applications
                and all(c.kind is ClaimKind.PERCENT for c in state.claims)
            )
        )
        outcome_p = [t for t in n.ptags if t.name in _OUTCOME_TAGS]
        outcome_s = [t for t in n.stags if t.name in _OUTCOME_TAGS]
        scope = self.applicant_scope(n.prefix)
        if outcome_p or outcome_s:
            if len({t.name for t in outcome_p}) > 1 or not in_context:
                return []  # 不予公开和无法提供共N件: a sum the tables do not print
            tag = outcome_p[-1] if outcome_p else outcome_s[0]
            kind, keyword = _OUTCOME_TAGS[tag.name], tag.text
        else:
            verb_names = ("new", "receive", "handle", "handle_loose")
            verbs = [t for t in n.ptags if t.name in verb_names]
            in_prefix = bool(verbs)
            if not verbs:
                verbs = [t for t in n.stags if t.name in verb_names]
            if verbs:
                tag = verbs[-1] if in_prefix else verbs[0]
                if "申请" not in n.prefix + n.suffix and not in_context:
                    return []
                if in_prefix and _SUBSET.search(norm[tag.end : n.cand.start]):
                    return []  # 收到的申请中有3件…, 受理涉及征地的申请12件
                kind = _VERB_KINDS[tag.name]
                keyword = tag.text
                if kind is ClaimKind.RECEIVED and _INCLUDES_CARRIED.match(
                    norm, n.cand.end, n.cand.end + 8
                ):
                    kind = ClaimKind.RECEIVED_TOTAL
            elif (
                previous is not None
                and previous.kind in _APPLICATION_KINDS
                and self.continues(n.prefix)
                and (scope is not None or n.unit_scope is not None)
            ):
                kind, keyword = previous.kind, previous.keyword  # 涉及自然人72件、商业企业3件
            else:
                return []
        return [self.claim(n, kind, keyword, scope=scope or n.unit_scope, subject=self.subject(n))]

    # -- explicit zeros --------------------------------------------------------------------
    def zeros(self, s: int, e: int, state: _SentenceState, quote: str) -> None:
        norm = self.norm
        text = _without_titles(norm[s:e])
        have = {c.kind for c in state.claims}
        added: list[Claim] = []

        def add(kind: ClaimKind, start: int, end: int, keyword: str) -> None:
            if kind in have or any(c.kind is kind for c in added):
                return
            added.append(
                self.make(
                    kind, 0, start, end, quote, keyword=keyword, year=self.year_before(start, s)
                )
            )

        def done(*kinds: ClaimKind) -> bool:
            """Every kind already claimed: another match would add nothing."""
            return all(kind in have or any(c.kind is kind for c in added) for kind in kinds)

        def topic(at: int) -> tuple[str, ...]:
            seg_start, _ = self.segment_of(at, at)
            types = self.last_case_type(norm[seg_start:at])
            if not types:
                types = self.last_case_type(norm[s:at])
            return types or self.previous_case_types

        for m in itertools.islice(_NO_CASES.finditer(text), _MAX_ZERO_MATCHES):
            if done(ClaimKind.REVIEWS, ClaimKind.LAWSUITS):
                break
            cs, ce = self.clause_of(s + m.start(), s + m.end())
            clause = norm[cs:ce]
            if _CASE_DECIDED.search(clause):
                continue
            types = self.case_types(norm[s + m.start() : ce])
            end = s + m.end()
            for case in types:
                add(
                    ClaimKind.REVIEWS if case == "review" else ClaimKind.LAWSUITS,
                    s + m.start(),
                    end,
                    m["neg"],
                )
        for m in itertools.islice(_NO_APPLICATIONS.finditer(text), _MAX_ZERO_MATCHES):
            add(ClaimKind.RECEIVED, s + m.start(), s + m.end(), m.group())
        for m in itertools.islice(_NOT_CORRECTED.finditer(text), _MAX_ZERO_MATCHES):
            if done(ClaimKind.REVIEW_CORRECTED, ClaimKind.LAWSUIT_CORRECTED):
                break
            at = s + m.start()
            if m["w"] == "败诉":
                types = ("lawsuit",)
            else:  # the case type must be named in the same segment: 未出现…纠正 may be anything
                seg_start, _ = self.segment_of(at, at)
                types = self.case_types(norm[seg_start : s + m.end()])
            for case in types:
                add(_CASE_OUTCOME_KINDS[(case, "corrected")], at, s + m.end(), m.group())
        for m in itertools.islice(_ALL_UPHELD.finditer(text), _MAX_ZERO_MATCHES):
            if done(ClaimKind.REVIEW_NOT_UPHELD, ClaimKind.LAWSUIT_NOT_UPHELD):
                break
            at = s + m.start()
            for case in topic(at):
                add(_CASE_OUTCOME_KINDS[(case, "not_upheld")], at, s + m.end(), m.group())
        for m in itertools.islice(_ALL_CLOSED.finditer(text), _MAX_ZERO_MATCHES):
            if done(ClaimKind.REVIEW_PENDING, ClaimKind.LAWSUIT_PENDING):
                break
            at = s + m.start()
            for case in topic(at):
                add(_CASE_OUTCOME_KINDS[(case, "pending")], at, s + m.end(), m.group())
        for m in itertools.islice(_NO_FEES.finditer(text), _MAX_ZERO_MATCHES):
            add(ClaimKind.FEE_COLLECTED, s + m.start(), s + m.end(), m.group())
        for m in itertools.islice(_ALL_ZERO.finditer(text), _MAX_ZERO_MATCHES):
            at = s + m.start()
            cs, ce = self.clause_of(at, at)
            clause = norm[cs:at]
            first = _ZERO_TOPIC.search(clause)
            if first is None:
                continue
            cs += first.start()
            clause = norm[cs:at]
            if "收费通知" in clause or "缴费通知" in clause:
                if "件数" in clause or "数量" in clause:
                    add(ClaimKind.FEE_NOTICES, cs, s + m.end(), m.group())
                amounts = _AMOUNT.findall(clause)
                if "实际收取" in clause or "收取" in clause.split("通知")[-1]:
                    add(ClaimKind.FEE_COLLECTED, cs, s + m.end(), m.group())
                    if len(amounts) > 1:
                        add(ClaimKind.FEE_NOTICE_AMOUNT, cs, s + m.end(), m.group())
                elif amounts:
                    add(ClaimKind.FEE_NOTICE_AMOUNT, cs, s + m.end(), m.group())
            elif "信息处理费" in clause or "收费" in clause:
                add(ClaimKind.FEE_COLLECTED, cs, s + m.end(), m.group())
            for case in self.case_types(clause):
                add(
                    ClaimKind.REVIEWS if case == "review" else ClaimKind.LAWSUITS,
                    cs,
                    s + m.end(),
                    m.group(),
                )
        state.claims.extend(added)


def extract_claims(text: str) -> tuple[Claim, ...]:
    """Every number *text* states about the quantities of the tables, in text order.

    The text is read as printed: full-width digits, ``1,234``, Chinese numerals (三十五件,
    一百零二件, 两件), line breaks inside sentences (PDF text) are all understood.  A number
    split by spaces ("2 0") is not read.  See the module docstring for what is and is not
    turned into a claim.
    """
    if not isinstance(text, str):
        raise TypeError(f"extract_claims needs a str, not {type(text).__name__}")
    return _extract(text, None)


def _extract(text: str, section: str | None) -> tuple[Claim, ...]:
    """:func:`extract_claims`, each claim made with its *section* at once."""
    if not text.strip():
        return ()
    return _Extractor(text, section).run()


def report_claims(report: Report) -> tuple[Claim, ...]:
    """The claims of every narrative section of *report* (一, 五, 六), each with its section.

    Spans are offsets into that section's text.
    """
    out: list[Claim] = []
    for section, text in (
        ("一", report.overview),
        ("五", report.problems),
        ("六", report.other_matters),
    ):
        if text:
            out.extend(_extract(text, section))
    return tuple(out)


# ======================================================================================
# Comparison with the tables
# ======================================================================================


@attrs.frozen(kw_only=True, slots=True)
class TableQuantity:
    """A table quantity a claim is compared with: one cell, or a sum of cells.

    ``value`` uses the printed totals (a total that is not a number is replaced by the sum
    of its parts); ``computed`` is the sum of the parts when it differs from ``value``.
    ``blank`` is true when some cell involved held no number (counted as 0).
    """

    label: str
    paths: tuple[str, ...]
    value: Number
    computed: Number | None = None
    blank: bool = False

    def matches(self, value: Number) -> bool:
        return value == self.value or (self.computed is not None and value == self.computed)

    def describe(self) -> str:
        text = f"{self.label}为{_fmt(self.value)}"
        if self.computed is not None:
            text += f"（各项相加为{_fmt(self.computed)}）"
        if self.blank:
            text += "（含空白格，按0计）"
        return text


@attrs.frozen(kw_only=True, slots=True)
class Comparison:
    """One claim set against the table quantities it may stand for.

    ``matched`` is the quantity that agrees (``None`` for a mismatch or when not compared);
    ``skipped`` says, in Chinese, why a claim was not compared.
    """

    claim: Claim
    quantities: tuple[TableQuantity, ...]
    matched: TableQuantity | None = None
    skipped: str | None = None

    @property
    def is_mismatch(self) -> bool:
        return self.skipped is None and self.matched is None and bool(self.quantities)


@attrs.frozen(kw_only=True, slots=True)
class Mismatch:
    """A number in the narrative that no table quantity agrees with.

    ``quantities`` lists every quantity the claim could stand for ("收到 N 件" may be 一 or
    一 + 二), each with its dotted attribute paths and value.  ``confidence`` is low when the
    reading of the claim is uncertain or a table cell involved was blank.
    """

    code: str
    claim: Claim
    quantities: tuple[TableQuantity, ...]
    confidence: Confidence
    message: str

    @property
    def paths(self) -> tuple[str, ...]:
        """The dotted attribute paths of every table cell compared."""
        return tuple(dict.fromkeys(p for q in self.quantities for p in q.paths))

    @property
    def table_values(self) -> tuple[Number, ...]:
        return tuple(q.value for q in self.quantities)

    @property
    def quote(self) -> str:
        return self.claim.sentence

    def __str__(self) -> str:
        return f"{self.code} {self.message}（原文：“{self.claim.sentence}”）"


_MISMATCH_CODES: Final[dict[ClaimKind, str]] = {
    ClaimKind.RECEIVED: "N101",
    ClaimKind.RECEIVED_NEW: "N101",
    ClaimKind.RECEIVED_TOTAL: "N101",
    ClaimKind.CARRIED_OVER: "N102",
    ClaimKind.HANDLED: "N103",
    ClaimKind.DISCLOSED: "N104",
    ClaimKind.PARTIALLY_DISCLOSED: "N105",
    ClaimKind.DISCLOSED_OR_PARTIAL: "N106",
    ClaimKind.WITHHELD: "N107",
    ClaimKind.UNAVAILABLE: "N108",
    ClaimKind.NOT_PROCESSED: "N109",
    ClaimKind.OTHER_HANDLING: "N110",
    ClaimKind.CARRIED_FORWARD: "N111",
    ClaimKind.REVIEWS: "N121",
    ClaimKind.LAWSUITS: "N122",
    ClaimKind.CASES: "N123",
    ClaimKind.NORMATIVE_ISSUED: "N131",
    ClaimKind.NORMATIVE_REPEALED: "N131",
    ClaimKind.NORMATIVE_IN_FORCE: "N131",
    ClaimKind.FEE_NOTICES: "N141",
}
for _kind in _CASE_OUTCOME_KINDS.values():
    _MISMATCH_CODES[_kind] = "N124" if _kind.value.startswith("review") else "N125"
del _kind

MISMATCH_CODES: Final = dict(_MISMATCH_CODES)
"""The stable code of a mismatch, by claim kind (N101 收到申请 … N141 收费通知)."""

_ROW_COLUMNS: Final[dict[str, tuple[str, ...]]] = {
    "自然人": ("natural_person",),
    "法人或其他组织": (
        "commercial_enterprise",
        "research_institution",
        "public_interest_organization",
        "legal_service_institution",
        "other_organization",
    ),
    "商业企业": ("commercial_enterprise",),
    "科研机构": ("research_institution",),
    "社会公益组织": ("public_interest_organization",),
    "法律服务机构": ("legal_service_institution",),
    "其他组织": ("other_organization",),
}


@functools.cache  # a few dozen paths, all written in this module
def _row_label(path: str) -> str:
    labels = label_path(path)
    return labels[-1]


def _applicant_quantity(
    report: Report, label: str, rows: Sequence[str], scope: str | None
) -> TableQuantity:
    """The sum over section-三 *rows* of 总计 (or of the applicant columns of *scope*)."""
    value: Number = 0
    computed: Number = 0
    blank = False
    paths: list[str] = []
    for path in rows:
        row = _get(report, path)
        assert isinstance(row, ApplicantRow)
        if scope is None:
            parts_sum = applicant_total(row)
            printed = row.total.value
            value += printed if printed is not None else parts_sum
            computed += parts_sum
            blank = blank or any(c.value is None for c in row.cells)
            paths.append(f"{path}.total")
        else:
            for name in _ROW_COLUMNS[scope]:
                cell = getattr(row, name)
                assert isinstance(cell, Cell)
                value += cell.number_or_zero()
                computed += cell.number_or_zero()
                blank = blank or cell.value is None
                paths.append(f"{path}.{name}")
    if scope is not None:
        label = f"{label}（{scope}）"
    return TableQuantity(
        label=label,
        paths=tuple(paths),
        value=value,
        computed=computed if computed != value else None,
        blank=blank,
    )


def _case_quantity(report: Report, label: str, groups: Sequence[str], column: str) -> TableQuantity:
    value: Number = 0
    computed: Number = 0
    blank = False
    paths: list[str] = []
    for path in groups:
        case = _get(report, path)
        assert isinstance(case, CaseOutcomes)
        if column == "total":
            parts_sum = case_total(case)
            printed = case.total.value
            value += printed if printed is not None else parts_sum
            computed += parts_sum
            blank = blank or any(c.value is None for c in case.cells)
            paths.append(f"{path}.total")
        else:
            for name in column.split("+"):
                cell = getattr(case, name)
                assert isinstance(cell, Cell)
                value += cell.number_or_zero()
                computed += cell.number_or_zero()
                blank = blank or cell.value is None
                paths.append(f"{path}.{name}")
    return TableQuantity(
        label=label,
        paths=tuple(paths),
        value=value,
        computed=computed if computed != value else None,
        blank=blank,
    )


def _get(report: Report, path: str) -> object:
    obj: object = report
    for name in path.split("."):
        obj = getattr(obj, name)
    return obj


def _group_rows(report: Report, group: str) -> tuple[str, ...]:
    """The row paths of a group of outcome rows (（三）–（六））."""
    obj = _get(report, f"requests.outcomes.{group}")
    if isinstance(obj, ApplicantRow):
        return (f"requests.outcomes.{group}",)
    assert isinstance(obj, Withheld | Unavailable | NotProcessed | OtherHandling)
    key = (group, type(obj))
    rows = _GROUP_ROWS.get(key)
    if rows is None:
        rows = _GROUP_ROWS[key] = tuple(
            f"requests.outcomes.{group}.{f.name}" for f in attrs.fields(type(obj))
        )
    return rows


_GROUP_ROWS: dict[tuple[str, type[Any]], tuple[str, ...]] = {}
"""The row paths of each group and class of rows (four groups, one class each)."""


@functools.cache  # the four groups
def _group_label(group: str) -> str:
    return field_info(Outcomes, group).labels[0]


def _quantities(claim: Claim, report: Report) -> tuple[TableQuantity, ...]:
    kind = claim.kind
    scope = claim.scope if claim.applicant_scope else None
    new, over = "requests.new", "requests.carried_over"
    total, forward = "requests.outcomes.total", "requests.carried_forward"
    new_label, over_label = _row_label(new), _row_label(over)
    one = f"表三“{new_label}”"
    one_two = f"表三“{new_label}”加“{over_label}”"
    if kind in (ClaimKind.RECEIVED, ClaimKind.RECEIVED_NEW, ClaimKind.RECEIVED_TOTAL):
        only_new = _applicant_quantity(report, one, [new], scope)
        both = _applicant_quantity(report, one_two, [new, over], scope)
        if kind is ClaimKind.RECEIVED_NEW:
            return (only_new,)
        if kind is ClaimKind.RECEIVED_TOTAL:
            return (both,)
        return (only_new, both)
    if kind is ClaimKind.CARRIED_OVER:
        return (_applicant_quantity(report, f"表三“{over_label}”", [over], scope),)
    if kind is ClaimKind.HANDLED:
        handled = _applicant_quantity(report, f"表三“{_row_label(total)}”", [total], scope)
        if claim.keyword in ("办理", "处理"):
            return (handled, _applicant_quantity(report, one_two, [new, over], scope))
        return (handled,)
    if kind is ClaimKind.CARRIED_FORWARD:
        return (_applicant_quantity(report, f"表三“{_row_label(forward)}”", [forward], scope),)
    if kind is ClaimKind.DISCLOSED:
        return (
            _applicant_quantity(
                report,
                f"表三“{_group_label('disclosed')}”",
                _group_rows(report, "disclosed"),
                scope,
            ),
        )
    if kind is ClaimKind.PARTIALLY_DISCLOSED:
        return (
            _applicant_quantity(
                report,
                f"表三“{_group_label('partially_disclosed')}”",
                _group_rows(report, "partially_disclosed"),
                scope,
            ),
        )
    if kind is ClaimKind.DISCLOSED_OR_PARTIAL:
        rows = (*_group_rows(report, "disclosed"), *_group_rows(report, "partially_disclosed"))
        label = f"表三“{_group_label('disclosed')}”加“（二）部分公开”"
        return (_applicant_quantity(report, label, rows, scope),)
    for group, group_kind in (
        ("withheld", ClaimKind.WITHHELD),
        ("unavailable", ClaimKind.UNAVAILABLE),
        ("not_processed", ClaimKind.NOT_PROCESSED),
        ("other_handling", ClaimKind.OTHER_HANDLING),
    ):
        if kind is group_kind:
            rows = _group_rows(report, group)
            label = f"表三“{_group_label(group)}”" + ("各项之和" if len(rows) > 1 else "")
            return (_applicant_quantity(report, label, rows, scope),)
    review = "appeals.review"
    lawsuits = ("appeals.lawsuit_direct", "appeals.lawsuit_after_review")
    review_label = f"表四“{_row_label(review)}”"
    lawsuit_label = "表四“行政诉讼”（未经复议直接起诉、复议后起诉）"
    if kind is ClaimKind.REVIEWS:
        return (_case_quantity(report, f"{review_label}总计", [review], "total"),)
    if kind is ClaimKind.LAWSUITS:
        return (_case_quantity(report, f"{lawsuit_label}总计之和", lawsuits, "total"),)
    if kind is ClaimKind.CASES:
        label = f"{review_label}与“行政诉讼”总计之和"
        return (_case_quantity(report, label, [review, *lawsuits], "total"),)
    for (case, outcome), case_kind in _CASE_OUTCOME_KINDS.items():
        if kind is case_kind:
            groups = [review] if case == "review" else list(lawsuits)
            base = review_label if case == "review" else lawsuit_label
            column = {
                "upheld": "upheld",
                "corrected": "corrected",
                "case_other": "other",
                "pending": "pending",
                "not_upheld": "corrected+other+pending",
            }[outcome]
            names = [field_info(CaseOutcomes, c).labels[0] for c in column.split("+")]
            return (_case_quantity(report, f"{base}{'、'.join(names)}", groups, column),)
    if kind in (
        ClaimKind.NORMATIVE_ISSUED,
        ClaimKind.NORMATIVE_REPEALED,
        ClaimKind.NORMATIVE_IN_FORCE,
    ):
        if not isinstance(report.proactive, ProactiveDisclosure2021):
            return ()
        name = {
            ClaimKind.NORMATIVE_ISSUED: "issued",
            ClaimKind.NORMATIVE_REPEALED: "repealed",
            ClaimKind.NORMATIVE_IN_FORCE: "in_force",
        }[kind]
        path = f"proactive.normative_documents.{name}"
        cell = _get(report, path)
        assert isinstance(cell, Cell)
        labels = label_path(path, report.template)
        return (
            TableQuantity(
                label=f"表二“{labels[-2]}”{labels[-1]}",
                paths=(path,),
                value=cell.number_or_zero(),
                blank=cell.value is None,
            ),
        )
    if kind is ClaimKind.FEE_NOTICES and claim.value == 0:
        other = report.requests.outcomes.other_handling
        if not isinstance(other, OtherHandling):
            return ()
        path = "requests.outcomes.other_handling.fee_unpaid"
        label = f"表三“{_row_label(path)}”"
        return (_applicant_quantity(report, label, [path], None),)
    return ()


def _skip_reason(claim: Claim, report: Report) -> str | None:
    if claim.approximate:
        return "约数，不与表格比较"
    if claim.scope is not None and not claim.applicant_scope:
        return f"仅涉及“{claim.scope}”，不与全机关的表格比较"
    year = report.info.year
    if claim.year is not None and year is not None and claim.year != year:
        allowed = (claim.kind is ClaimKind.CARRIED_FORWARD and claim.year == year + 1) or (
            claim.kind is ClaimKind.CARRIED_OVER and claim.year == year - 1
        )
        if not allowed:
            return f"所述为{claim.year}年的数字，报告年度为{year}年"
    return None


def _resolve_subject(claim: Claim, agency: str | None) -> Claim:
    if claim.subject is None or agency is None:
        return claim
    if _same_body(claim.subject, agency):
        return attrs.evolve(
            claim,
            confidence=Confidence.HIGH if not claim.approximate else claim.confidence,
            doubt=None if not claim.approximate else claim.doubt,
        )
    return claim


def _core_name(name: str) -> str:
    name = re.sub(r"[(（][^)）]*[)）]", "", unicodedata.normalize("NFKC", name))
    return re.sub(r"(?:人民政府|政府|办公厅|办公室)$", "", name)


def _same_body(subject: str, agency: str) -> bool:
    subject_core = _core_name(subject)
    agency_core = _core_name(agency)
    if not subject_core or not agency_core:
        return False
    return subject_core in agency_core or agency_core.endswith(subject_core)


def check_claims(
    report: Report, *, claims: Iterable[Claim] | None = None
) -> tuple[Comparison, ...]:
    """Every claim of *report*'s narrative set against the tables.

    *claims* defaults to :func:`report_claims`.  Claims that no table holds (fees collected,
    proactive disclosure counts, percentages) are left out; claims that are approximate,
    about a part, or about another year are returned with ``skipped`` set.
    """
    found = report_claims(report) if claims is None else tuple(claims)
    out: list[Comparison] = []
    for claim in found:
        claim = _resolve_subject(claim, report.info.agency)
        quantities = _quantities(claim, report)
        if not quantities:
            continue
        reason = _skip_reason(claim, report)
        if reason is not None:
            out.append(Comparison(claim=claim, quantities=quantities, skipped=reason))
            continue
        if claim.kind is ClaimKind.FEE_NOTICES:
            unpaid = quantities[0]
            matched = unpaid if unpaid.value == 0 else None
        else:
            matched = next((q for q in quantities if q.matches(claim.value)), None)
        out.append(Comparison(claim=claim, quantities=quantities, matched=matched))
    return tuple(out)


def _mismatch(comparison: Comparison) -> Mismatch:
    claim = comparison.claim
    quantities = comparison.quantities
    blank = any(q.blank for q in quantities)
    confidence = Confidence.LOW if claim.confidence is Confidence.LOW or blank else Confidence.HIGH
    if claim.kind is ClaimKind.FEE_NOTICES:
        message = (
            f"正文称收费通知件数为0，但{quantities[0].describe()}：未发出收费通知，"
            "就不会有申请人逾期未按收费通知缴费"
        )
    else:
        described = "，".join(q.describe() for q in quantities)
        message = f"正文称{claim.describe()}，与表格不符：{described}"
    if claim.doubt:
        message += f"（{claim.doubt}）"
    return Mismatch(
        code=_MISMATCH_CODES[claim.kind],
        claim=claim,
        quantities=quantities,
        confidence=confidence,
        message=message,
    )


def compare_claims(
    report: Report, *, claims: Iterable[Claim] | None = None
) -> tuple[Mismatch, ...]:
    """The claims of *report*'s narrative that disagree with its tables.

    Each mismatch carries the claim (with its sentence, for quoting), the table quantities
    it was compared with (dotted paths and values) and a Chinese message.  A claim that may
    stand for several quantities ("收到 N 件": 一 or 一 + 二) is a mismatch only when it
    agrees with none of them.
    """
    return tuple(_mismatch(c) for c in check_claims(report, claims=claims) if c.is_mismatch)


# ======================================================================================
# Rendering the usual sentences from the tables
# ======================================================================================


def _total(row: ApplicantRow) -> Number:
    return row.total.value if row.total.value is not None else applicant_total(row)


def _case(case: CaseOutcomes) -> Number:
    return case.total.value if case.total.value is not None else case_total(case)


def render_summary(report: Report) -> str:
    """The usual sentences of 总体情况 about requests and appeals, from *report*'s tables.

    ``收到政府信息公开申请…件，上年结转…件；办结…件，其中予以公开…件 …；结转下年度继续办理…件。
    …行政复议…件，行政诉讼…件。``  Totals that were printed blank are computed from their parts.
    """
    requests = report.requests
    outcomes = requests.outcomes

    def group(name: str) -> Number:
        return sum((_total(_get_row(report, p)) for p in _group_rows(report, name)), start=0)

    year = "本年度" if report.info.year is None else f"{report.info.year}年"
    lawsuits = _case(report.appeals.lawsuit_direct) + _case(report.appeals.lawsuit_after_review)
    return (
        f"{year}共收到政府信息公开申请{_fmt(_total(requests.new))}件，"
        f"上年结转政府信息公开申请{_fmt(_total(requests.carried_over))}件。"
        f"全年办结政府信息公开申请{_fmt(_total(outcomes.total))}件，"
        f"其中予以公开{_fmt(_total(outcomes.disclosed))}件，"
        f"部分公开{_fmt(_total(outcomes.partially_disclosed))}件，"
        f"不予公开{_fmt(group('withheld'))}件，"
        f"无法提供{_fmt(group('unavailable'))}件，"
        f"不予处理{_fmt(group('not_processed'))}件，"
        f"其他处理{_fmt(group('other_handling'))}件；"
        f"结转下年度继续办理{_fmt(_total(requests.carried_forward))}件。"
        f"因政府信息公开工作被申请行政复议{_fmt(_case(report.appeals.review))}件，"
        f"被提起行政诉讼{_fmt(lawsuits)}件。"
    )


def _get_row(report: Report, path: str) -> ApplicantRow:
    row = _get(report, path)
    assert isinstance(row, ApplicantRow)
    return row


# ======================================================================================
# Report-level text checks
# ======================================================================================


@attrs.frozen(kw_only=True, slots=True)
class TextProblem:
    """A problem with the narrative text: a stable code, a severity, a Chinese message.

    ``span`` is the position in the text that was checked, when the problem has one;
    ``excerpt`` the text there; ``section`` the section concerned ("五", "六"), if any.
    """

    code: str
    severity: Severity
    message: str
    span: tuple[int, int] | None = None
    excerpt: str | None = None
    section: str | None = None

    def __str__(self) -> str:
        where = f" “{self.excerpt}”" if self.excerpt else ""
        return f"{self.code} {self.severity.label}: {self.message}{where}"


_SECTION_NUMBERS: Final = ("一", "二", "三", "四", "五", "六")
_SECTION_TITLES: Final[dict[str, str]] = {
    "一": "总体情况",
    "二": "主动公开政府信息情况",
    "三": "收到和处理政府信息公开申请情况",
    "四": "政府信息公开行政复议、行政诉讼情况",
    "五": "存在的主要问题及改进情况",
    "六": "其他需要报告的事项",
}


def _section_number(value: str | int) -> str:
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 6:
        return _SECTION_NUMBERS[value - 1]
    if isinstance(value, str):
        norm = unicodedata.normalize("NFKC", value).strip().rstrip("、.")
        if norm in _SECTION_NUMBERS:
            return norm
        if norm.isdigit() and 1 <= int(norm) <= 6:
            return _SECTION_NUMBERS[int(norm) - 1]
    raise ValueError(f"不是年度报告的章节编号（一至六）：{value!r}")


def sections_found(report: Report) -> tuple[str, ...]:
    """The sections a :class:`~zfxxgk.model.Report` has: 二–四 always, 一/五/六 unless ``None``."""
    found = []
    for number in _SECTION_NUMBERS:
        attr = {"一": "overview", "五": "problems", "六": "other_matters"}.get(number)
        if attr is None or getattr(report, attr) is not None:
            found.append(number)
    return tuple(found)


def check_sections(found: Sequence[str | int]) -> tuple[TextProblem, ...]:
    """All six sections present, in order.

    *found* is the section numbers in the order the document prints them ("一"…"六" or
    1…6); a reader supplies it, or :func:`sections_found` derives it from a report.
    """
    numbers = [_section_number(v) for v in found]
    problems: list[TextProblem] = []
    for number in _SECTION_NUMBERS:
        if number not in numbers:
            problems.append(
                TextProblem(
                    code="N201",
                    severity=Severity.WARNING,
                    message=f"缺少第{number}部分“{_SECTION_TITLES[number]}”",
                    section=number,
                )
            )
    seen = list(dict.fromkeys(numbers))
    order = [_SECTION_NUMBERS.index(n) for n in seen]
    if order != sorted(order):
        problems.append(
            TextProblem(
                code="N202",
                severity=Severity.WARNING,
                message="章节顺序与规定格式不一致：" + "、".join(seen),
            )
        )
    duplicated = sorted({n for n in numbers if numbers.count(n) > 1}, key=_SECTION_NUMBERS.index)
    for number in duplicated:
        problems.append(
            TextProblem(
                code="N203",
                severity=Severity.INFO,
                message=f"第{number}部分出现了不止一次",
                section=number,
            )
        )
    return tuple(problems)


_PLACEHOLDERS: Final = (
    "文字描述",
    "此处填写",
    "请填写",
    "XXX",
    "xxx",
    "××",
    "＊＊",
)
_EMPTY_WORDS: Final = re.compile(
    r"^(?:无|暂无|略|同上|没有|无问题|无其他需要报告的事项|不涉及)[。.]?$"
)
_PROBLEM_WORDS: Final = re.compile(
    r"问题|不足|短板|差距|有待|不够|欠缺|薄弱|不到位|不规范|不及时|不充分|不高|不强|不深|单一|滞后|需要|仍需|尚需|亟需"
)
_MEASURE_WORDS: Final = re.compile(
    r"改进|措施|整改|下一步|将|加强|推进|提升|完善|强化|优化|健全|开展|做好|建立|规范|落实|丰富"
)
_HEADING_5: Final = re.compile(
    r"^\s*(?:[#*\s]*)(?:[五5][、.．]?)?\s*(?:政府信息公开工作)?(?:存在的?)?主要问题(?:及|和|与)改进(?:情况|措施|方向)?\s*"
)
_MIN_CONTENT: Final = 40


def _han(text: str) -> int:
    return sum(1 for c in text if "\u4e00" <= c <= "\u9fff")


def check_problems_section(text: str | None) -> tuple[TextProblem, ...]:
    """Section 五 is there, not a placeholder, and names concrete problems and measures.

    Tell-tale placeholders ("（文字描述）", "无", "略", "同上"), fewer than 40 Chinese
    characters of content, or no word of a problem / of a measure are reported.
    """
    if text is None or not text.strip():
        return (
            TextProblem(
                code="N211",
                severity=Severity.WARNING,
                message="第五部分“存在的主要问题及改进情况”缺失或为空",
                section="五",
            ),
        )
    body = _HEADING_5.sub("", unicodedata.normalize("NFKC", text).strip()).strip()
    problems: list[TextProblem] = []
    compact = re.sub(r"\s+", "", body)
    placeholder = next((p for p in _PLACEHOLDERS if p in compact), None)
    if placeholder is not None or _EMPTY_WORDS.match(compact):
        problems.append(
            TextProblem(
                code="N212",
                severity=Severity.WARNING,
                message="第五部分只有占位或套话，没有实际内容",
                excerpt=compact[:40],
                section="五",
            )
        )
        return tuple(problems)
    if _han(compact) < _MIN_CONTENT:
        problems.append(
            TextProblem(
                code="N213",
                severity=Severity.WARNING,
                message=f"第五部分内容过短（{_han(compact)}个汉字），难以说明具体问题和改进措施",
                excerpt=compact[:40],
                section="五",
            )
        )
    if not _PROBLEM_WORDS.search(compact):
        problems.append(
            TextProblem(
                code="N214",
                severity=Severity.INFO,
                message="第五部分未列出存在的具体问题",
                section="五",
            )
        )
    if not _MEASURE_WORDS.search(compact):
        problems.append(
            TextProblem(
                code="N215",
                severity=Severity.INFO,
                message="第五部分未说明改进措施",
                section="五",
            )
        )
    return tuple(problems)


_FEE_CLAIMS: Final = frozenset(
    {ClaimKind.FEE_NOTICES, ClaimKind.FEE_NOTICE_AMOUNT, ClaimKind.FEE_COLLECTED}
)


def check_fee_statement(text: str | None, *, year: int | None = None) -> tuple[TextProblem, ...]:
    """Section 六 states the information-processing-fee position (an explicit zero counts).

    The fee rules (国办函〔2020〕109号) apply from the 2021 reports on; for earlier years a
    missing statement is only noted (提示).
    """
    severity = Severity.INFO if year is not None and year < 2021 else Severity.WARNING
    if text is not None and any(c.kind in _FEE_CLAIMS for c in extract_claims(text)):
        return ()
    return (
        TextProblem(
            code="N221",
            severity=severity,
            message="第六部分未说明信息处理费的收取情况（发出收费通知的件数和总金额、实际收取的总金额，为0也应写明）",
            section="六",
        ),
    )


_PERIOD: Final = re.compile(
    r"(?P<y1>(?:19|20)\d{2})年1月1日(?:起)?(?:至|到|—|-|~|～)(?:(?P<y2>(?:19|20)\d{2})年)?12月31日"
)
_OWN_TITLE: Final = re.compile(
    r"(?P<y>(?:19|20)\d{2})年度?(?:政府信息公开|政务公开)(?:工作)?年度报告"
)
_OPENING_YEAR: Final = re.compile(r"(?P<y>(?:19|20)\d{2})年(?:,|以来|我|全)")


def check_years(text: str, year: int) -> tuple[TextProblem, ...]:
    """The statistical period and the years named fit the report year.

    A period "YYYY年1月1日至YYYY年12月31日" or a title "YYYY年政府信息公开工作年度报告"
    naming another year is a warning (text copied from another report); a sentence
    opening with an earlier year ("2023年，我镇…" in a 2024 report) is noted.  Years
    inside 《…》, ranges such as "（2021-2035）" and "2023年度部门决算" are not questioned.
    """
    t = _prepare(text)
    masked = _without_titles(t.norm)
    problems: list[TextProblem] = []
    for m in _PERIOD.finditer(masked):
        years = {int(m["y1"])} | ({int(m["y2"])} if m["y2"] else set())
        if years != {year}:
            problems.append(
                TextProblem(
                    code="N301",
                    severity=Severity.WARNING,
                    message=f"统计期限写的是{m['y1']}年，报告年度为{year}年，可能沿用了往年文字",
                    span=t.span(m.start(), m.end()),
                    excerpt=t.quote(m.start(), m.end()),
                )
            )
    for m in _OWN_TITLE.finditer(masked):
        if int(m["y"]) != year:
            problems.append(
                TextProblem(
                    code="N302",
                    severity=Severity.WARNING,
                    message=f"文中报告名称的年份为{m['y']}年，报告年度为{year}年",
                    span=t.span(m.start(), m.end()),
                    excerpt=t.quote(m.start(), m.end()),
                )
            )
    sentence_starts = {0} | {i + 1 for i in _boundaries(masked, _SENTENCE_END)}
    for m in _OPENING_YEAR.finditer(masked):
        y = int(m["y"])
        if y >= year or m.start() not in sentence_starts:
            continue
        end = masked.find("。", m.start())
        end = len(masked) if end < 0 else end + 1
        problems.append(
            TextProblem(
                code="N303",
                severity=Severity.INFO,
                message=f"句子以{y}年开头，报告年度为{year}年，请核实是否沿用往年文字",
                span=t.span(m.start(), end),
                excerpt=t.quote(m.start(), min(end, m.start() + 40)),
            )
        )
    return tuple(problems)


class AgencyKind(enum.Enum):
    """What Art. 49 makes of the publishing agency."""

    GOVERNMENT = "government"
    """A people's government: publishes by 31 March of the next year."""
    DEPARTMENT = "department"
    """A department of a government: publishes by 31 January of the next year."""
    UNKNOWN = "unknown"

    @property
    def label(self) -> str:
        return {"government": "人民政府", "department": "政府部门", "unknown": "未能判断"}[
            self.value
        ]


_DEPARTMENT_END: Final = re.compile(
    r"(?:局|委员会|委|厅|办公室|办公厅|办|中心|署|院|处|部|所|站|队|会|行|馆|台)$"
)


def agency_kind(name: str | None) -> AgencyKind:
    """Whether *name* is a people's government (人民政府/政府) or one of its departments.

    "上海市人民政府办公厅" is a department; "西红门镇人民政府" a government; a 管委会, a
    街道办事处 or a bare place name is :attr:`AgencyKind.UNKNOWN`.
    """
    if not name:
        return AgencyKind.UNKNOWN
    core = re.sub(r"[(（][^)）]*[)）]", "", unicodedata.normalize("NFKC", name)).strip()
    core = re.sub(r"\s+", "", core)
    if re.search(r"(?:人民政府|政府)$", core):
        return AgencyKind.GOVERNMENT
    if re.search(r"街道办事处$|管委会$|管理委员会$", core):
        return AgencyKind.UNKNOWN
    if _DEPARTMENT_END.search(core):
        return AgencyKind.DEPARTMENT
    return AgencyKind.UNKNOWN


def publication_deadline(year: int, kind: AgencyKind) -> _dt.date:
    """The Art. 49 deadline for the report on *year*: 31 January (departments) or 31 March."""
    if kind is AgencyKind.DEPARTMENT:
        return _dt.date(year + 1, 1, 31)
    return _dt.date(year + 1, 3, 31)


def check_publication_date(
    published: _dt.date | None, year: int | None, agency: str | None
) -> tuple[TextProblem, ...]:
    """The report was published in time (Art. 49), when the date is known.

    Departments publish by 31 January, people's governments by 31 March of the next year;
    when the kind of agency cannot be told, only the later deadline is applied.
    """
    if published is None or year is None:
        return ()
    kind = agency_kind(agency)
    deadline = publication_deadline(year, kind)
    if published <= _dt.date(year, 12, 31):
        return (
            TextProblem(
                code="N402",
                severity=Severity.WARNING,
                message=f"发布日期{published.isoformat()}早于报告年度（{year}年）结束",
            ),
        )
    if published > deadline:
        who = {
            AgencyKind.DEPARTMENT: "政府部门应于次年1月31日前公布",
            AgencyKind.GOVERNMENT: "人民政府应于次年3月31日前公布",
            AgencyKind.UNKNOWN: "最迟应于次年3月31日前公布",
        }[kind]
        return (
            TextProblem(
                code="N401",
                severity=Severity.WARNING,
                message=f"发布日期{published.isoformat()}晚于期限{deadline.isoformat()}（条例第四十九条：{who}）",
            ),
        )
    return ()


def check_report_text(
    report: Report, *, found_sections: Sequence[str | int] | None = None
) -> tuple[TextProblem, ...]:
    """All the text checks on *report*: sections, 五, 六 fee statement, years, publication date."""
    problems: list[TextProblem] = []
    found = sections_found(report) if found_sections is None else found_sections
    problems.extend(check_sections(found))
    if report.problems is not None:
        problems.extend(check_problems_section(report.problems))
    if report.other_matters is not None:
        problems.extend(check_fee_statement(report.other_matters, year=report.info.year))
    year = report.info.year
    if year is not None:
        for section, text in (
            ("一", report.overview),
            ("五", report.problems),
            ("六", report.other_matters),
        ):
            if text:
                problems.extend(attrs.evolve(p, section=section) for p in check_years(text, year))
    problems.extend(check_publication_date(report.info.published, year, report.info.agency))
    return tuple(problems)
