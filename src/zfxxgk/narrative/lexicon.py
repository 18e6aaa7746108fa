"""The lexicon of the narrative: the wordings that say what a number is about.

Sentence and clause ends, the number pattern, the keywords (tags) and what they mean, the
applicant words, the wordings that make a number approximate, about a part or another year,
and the wordings of explicit zeros ("未发生行政复议", "均获维持").  The applicant columns
these words stand for are the template's (:data:`~.claims.APPLICANT_SCOPES`).
"""

from __future__ import annotations

import functools
from typing import Final

import attrs

from ._patterns import LazyPattern
from .claims import APPLICANT_SCOPES, ClaimKind

__all__: list[str] = []

_SENTENCE_END: Final = frozenset("。!?\n")
_CLAUSE_END: Final = frozenset(",;:()[]。!?\n")

_CN_NUMERALS: Final = "零〇○一二两三四五六七八九十百千万亿"
_NUMBER: Final = LazyPattern(
    # the pattern begins with a character class (the digit's lookbehind comes after it): the
    # regex engine then passes over any position that cannot begin a number without entering
    # the pattern (a third faster than a lookahead in front)
    rf"(?P<num>[\d{_CN_NUMERALS}]"
    r"(?:(?<=\d)(?<![\d.\x1e\x1f]\d)\d*(?:\x1e\d{3})*(?:\.\d+)?(?![\d\x1f])"
    rf"|(?<=[{_CN_NUMERALS}])[{_CN_NUMERALS}]*))"
    r"(?P<mult>万(?!元)|亿)?"
    r"(?P<approx>余|多)?"
    r"(?P<unit>件次|件|起|宗|例|条|万元|元|%|‰)"
)
"""A number with its unit: ASCII digits (not after a digit, a point or a separator) or
Chinese numerals."""
_BARE_NUMBER: Final = LazyPattern(
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
        # (?:予以|同意)?(?:全部)?公开(?:及|和|与|、|或)部分公开 written out in the order the
        # regex engine tries it: every alternative begins with a character (see _TAGS)
        r"予以全部公开(?:及|和|与|、|或)部分公开|予以公开(?:及|和|与|、|或)部分公开"
        r"|同意全部公开(?:及|和|与|、|或)部分公开|同意公开(?:及|和|与|、|或)部分公开"
        r"|全部公开(?:及|和|与|、|或)部分公开|公开(?:及|和|与|、|或)部分公开|全部或部分公开",
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
    ("rate", r"办结率|答复率|按时答复率|按期答复率|按时办结率|回复率|公开率|满意率"),
    ("share", r"占比|占"),
)


def _alternatives(rx: str) -> list[str]:
    """The top-level alternatives of the pattern *rx* (``a|b(?:c|d)`` → ``a``, ``b(?:c|d)``)."""
    out: list[str] = []
    depth, start, i = 0, 0, 0
    while i < len(rx):
        c = rx[i]
        if c == "\\":
            i += 2
            continue
        depth += (c == "(") - (c == ")")
        if c == "|" and depth == 0:
            out.append(rx[start:i])
            start = i + 1
        i += 1
    out.append(rx[start:])
    return out


_TAGS: Final = LazyPattern(
    "(?:" + "|".join(alt for _, rx in _TAG_PATTERNS for alt in _alternatives(rx)) + ")"
)
"""Every keyword: the alternatives of all the tags in one flat alternation, in order, each
beginning with a character — so that the regex engine takes the set of those characters as
the pattern's first and passes over any other position without entering the pattern (named
groups around the alternatives, as ``(?P<tag>…)``, made it enter each one: twice as slow; a
lookahead of the first characters in front, a quarter slower).  Which tag a keyword is,
:func:`_tag_name` says."""
_TAG_NAMED: Final = tuple((name, LazyPattern(rx)) for name, rx in _TAG_PATTERNS)
_TAG_NAMES: Final[dict[str, str]] = {}
"""Keywords seen so far → their tag (at most :data:`_REMEMBER_NAMES`)."""
_REMEMBER_NAMES: Final = 4096


def _tag_name(word: str) -> str:
    """The tag of a keyword *word* that :data:`_TAGS` found: the first tag whose pattern
    matches at its start.  (The alternation took the first alternative that matched there;
    an earlier tag matching a beginning of *word* would have matched in the text too.)"""
    name = _TAG_NAMES.get(word)
    if name is None:
        name = next(name for name, rx in _TAG_NAMED if rx.match(word))
        if len(_TAG_NAMES) < _REMEMBER_NAMES:
            _TAG_NAMES[word] = name
    return name


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

_APPLICANTS: Final = LazyPattern(
    r"(?P<org>法人或其他组织|法人和其他组织|法人及其他组织|法人)"
    r"|(?P<person>自然人)"
    r"|(?P<company>商业企业|企业)"
    r"|(?P<research>科研机构)"
    r"|(?P<charity>社会公益组织)"
    r"|(?P<legal>法律服务机构)"
    r"|(?P<other>其他组织)"
)
_APPLICANT_GROUPS: Final = ("person", "org", "company", "research", "charity", "legal", "other")
_APPLICANT_NAMES: Final[dict[str, str]] = dict(
    zip(_APPLICANT_GROUPS, APPLICANT_SCOPES, strict=True)
)
"""A group of :data:`_APPLICANTS` → the applicant scope it names (the template's word)."""
_OTHER_APPLICANT_WORDS: Final = LazyPattern(r"群众|公民|个人|单位|社会组织|各类主体")

_KILL: Final = LazyPattern(
    r"同比|环比|较上年|较去年|较上一年|比上年|比去年|比上一年|较\d{4}|比\d{4}|增长|增加|减少|"
    r"下降|上升|回落|提高|降低|平均|日均|人均|月均|以来|历年|每"
)
_APPROX_BEFORE: Final = (
    "约",
    "近",
    "逾",
    "超过",
    "超",
    "大约",
    "将近",
    "不足",
    "不到",
    "不少于",
    "至少",
    "上",
)
"""The words right before a number that make it approximate (the piece before a number holds
no line break: ``prefix.endswith`` is the pattern ``(?:约|…)$``)."""
_APPROX_AFTER: Final = ("左右", "以上", "以下", "上下", "之多")
"""The words right after a number that make it approximate."""
_NEGATED_BEFORE: Final = ("未发生", "未有", "没有", "无", "未", "不存在")
"""The words right before a Chinese numeral that make it an explicit zero ("未发生一起")."""
_SUBSET: Final = LazyPattern(r"中(?:有|共有|共)?$|(?:涉及|关于|有关|针对)(?!自然人|法人)")
_TIME_WORDS: Final = LazyPattern(
    r"^(?:\d{4}年度?|本年度?|全年|今年|年内|当年|同期|截至\d{4}年?\d*月?\d*日?底?|截至目前|目前|"
    r"所有|[,、])+"
)
_FILLER_END: Final = LazyPattern(
    r"(?:共计|共有|一共|累计|合计|总计|全部|依法|及时|先后|分别|共|已|有|新|各类|各)+$"
)
_UNIT_NAME: Final = LazyPattern(
    r"[\u4e00-\u9fff]+(?:局|委员会|委|厅|办公室|办公厅|办|中心|院|所|站|队|处|科|街道|镇|乡|村|社区|公司|部|署)$"
)
_SELF_WORDS: Final = LazyPattern(r"我|本|全|各级|代表|所属|系统|各单位|各部门")
_CASE_QUALIFIERS: Final = LazyPattern(r"(?:处罚|执法|刑事|民事|信访|安全|交通|治安)案件$")
_VERB_KINDS: Final[dict[str, ClaimKind]] = {
    "new": ClaimKind.RECEIVED_NEW,
    "receive": ClaimKind.RECEIVED,
    "handle": ClaimKind.HANDLED,
    "handle_loose": ClaimKind.HANDLED,
}
_INCLUDES_CARRIED: Final = LazyPattern(r"\((?:含|包括|包含)(?:上一?年度?|结转)")
_DOCUMENTS: Final = LazyPattern(
    r"(?P<verb>现行有效|制发|印发|出台|制定|废止|宣布失效)的?(?:行政)?规范性文件"
    r"(?:共计|共有|合计|总数|数量|共|为|达|有|计)*$"
)
_YEAR: Final = LazyPattern(r"((?:19|20)(?<!\d..)\d{2})(?=年)")
"""A year before 年, not after a digit (the lookbehind after its first two digits: the
pattern begins with them, and the regex engine passes over positions without a 1 or a 2)."""
_LIST_START: Final = LazyPattern(r"^[、]|^(?:其中|涉及|包括|含)")
_LIST_FILLER: Final = LazyPattern(r"申请|为|有|共|分别|是")
_SHORT_NAME: Final = LazyPattern(r"[\u4e00-\u9fff]{1,12}")
_AMONG: Final = LazyPattern(r"^(?:[、]?)其中:?")
_NAME_FILLER: Final = LazyPattern(r"(?:申请|为|有|共|分别|是|的)+$")
_SUBJECT_START: Final = LazyPattern(r"^(?:其中|另有|另)")
_TITLE: Final = LazyPattern(r"《[^《》]*》")


# explicit zeros (_Extractor.zeros); every one needs one of _ZERO_HINTS
_ZERO_HINTS: Final = LazyPattern(r"[未没不无零均全都皆]")
_NO_CASES: Final = LazyPattern(
    r"(?P<neg>未发生|未收到|没有发生|没有收到|未有|未出现|未产生|未涉及|不存在|没有|无)"
    r"(?!论|正当|法)[^,;:。]{0,30}?(?:行政复议|行政诉讼)"
)
_CASE_DECIDED: Final = LazyPattern(r"纠错|纠正|败诉|撤销|确认违法|决定")
_NO_APPLICATIONS: Final = LazyPattern(
    r"(?:未收到|没有收到|未受理|没有受理|未接到|未发生|无)(?:任何)?"
    r"(?:政府信息公开|信息公开|依申请公开)?的?申请(?!人|材料|表)"
)
_NOT_CORRECTED: Final = LazyPattern(
    r"(?:未被|没有被|未出现|未发生|没有|无|零)[^,;:。]{0,20}?(?P<w>纠错|纠正|败诉|撤销)"
)
_ALL_UPHELD: Final = LazyPattern(r"(?:均|全部|都|皆)(?:获|被|得到|予以|已)?维持")
_ALL_CLOSED: Final = LazyPattern(r"(?:均已|全部|均)(?:结案|审结)")
_NO_FEES: Final = LazyPattern(
    r"(?:未|没有|无|不)(?:发生|产生|收取|收|涉及|存在)[^,;:。]{0,15}?(?:信息处理费|处理费|收费)"
    r"|(?:未|没有)(?:向申请人)?收取(?:过)?任何费用"
)
_ALL_HANDLED: Final = LazyPattern(
    r"(?:均已|全部已|都已|皆已|已全部|均已全部)(?P<how>[^,;:。未没不]{0,12}?)"
    r"(?:办结|办理完毕|办理完成|处理完毕|答复完毕)(?!率)"
)
"""申请 … 均已（按期）办结: every application was handled, none carried forward."""
_ALL_HANDLED_SCOPE: Final = LazyPattern(r"所有|全部|以上|上述|前述|各类|均已全部")
_PART_OF_THEM: Final = LazyPattern(r"其中|其余|剩余|除|部分|多数|大多|个别|有的")
_STILL_OPEN: Final = LazyPattern(r"结转|正在|仍在|尚在|未办结|继续办理|未完成|转下")
_ALL_ZERO: Final = LazyPattern(r"(?:均|都|皆)(?:为|是)(?:0|零|“0”)(?![\d.])")
_ZERO_TOPIC: Final = LazyPattern(r"收费通知|缴费通知|信息处理费|收费|行政复议|行政诉讼")
_AMOUNT: Final = LazyPattern(r"金额|总额")


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
        word = m.group()
        out.append((_tag_name(word), m.start(), m.end(), word))
    return tuple(out)


_REMEMBER_TAGS: Final = 64
"""The keywords of texts up to this long are remembered: the pieces around numbers ("其中
予以公开", "件，部分公开") recur in every report."""
_tag_spans = functools.lru_cache(maxsize=4096)(_find_tags)


def _without_titles(text: str) -> str:
    if "《" not in text:  # most prefixes and suffixes: no title to mask
        return text
    return _TITLE.sub(lambda m: "#" * len(m.group()), text)
