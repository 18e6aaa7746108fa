"""Explicit zeros: "未发生行政复议", "未收到申请", "均获维持", "均已审结", "未收取信息处理费",
"收费通知的件数和总金额均为0".

One sentence at a time (:class:`_Zeros`), each wording a stage of its own, in this order:
no cases, no applications, nothing corrected, all upheld, all closed, all applications
handled ("所有申请均已办结": nothing carried forward), no fees, "均为0".  A
kind already claimed in the sentence (by a number or an earlier wording) is not claimed
again, and a stage stops once every kind it can claim is claimed.  At most
:data:`~.reading._MAX_ZERO_MATCHES` matches of one wording are read per sentence.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from typing import Final

from ._patterns import LazyPattern
from .claims import Claim, ClaimKind
from .lexicon import (
    _ALL_CLOSED,
    _ALL_HANDLED,
    _ALL_HANDLED_SCOPE,
    _ALL_UPHELD,
    _ALL_ZERO,
    _AMOUNT,
    _CASE_DECIDED,
    _CASE_OUTCOME_KINDS,
    _NO_APPLICATIONS,
    _NO_CASES,
    _NO_FEES,
    _NOT_CORRECTED,
    _PART_OF_THEM,
    _STILL_OPEN,
    _ZERO_TOPIC,
    _without_titles,
)
from .reading import _MAX_ZERO_MATCHES, _Quote, _Reading, _SentenceState

__all__: list[str] = []


_ZERO_WORDS: Final = LazyPattern(
    "行政复议|行政诉讼|申请|纠错|纠正|败诉|撤销|维持|结案|审结|处理费|收费|费用|0|零"
)
"""A word one stage of :meth:`_Zeros.read` cannot do without: a sentence with none of them
states no explicit zero."""


_ABOUT_REQUESTS: Final = LazyPattern("申请|信息公开|政务公开")


def _case_kind(case: str) -> ClaimKind:
    return ClaimKind.REVIEWS if case == "review" else ClaimKind.LAWSUITS


class _Zeros:
    """The explicit zeros of the sentence ``norm[s:e]`` of *reading*."""

    def __init__(
        self, reading: _Reading, s: int, e: int, state: _SentenceState, quote: _Quote
    ) -> None:
        self.reading = reading
        self.norm = reading.norm
        self.s = s
        self.quote = quote
        self.text = _without_titles(self.norm[s:e])
        self.have = {c.kind for c in state.claims}
        self.state = state
        self.added: list[Claim] = []

    def read(self) -> list[Claim]:
        """Every stage in turn; the zero claims they found.  A stage runs only when the
        sentence holds a word its wording cannot do without (most sentences hold none)."""
        text = self.text
        if "行政复议" in text or "行政诉讼" in text:
            self.no_cases()
        if "申请" in text:
            self.no_applications()
        if "纠错" in text or "纠正" in text or "败诉" in text or "撤销" in text:
            self.not_corrected()
        if "维持" in text:
            self.all_upheld()
        if "结案" in text or "审结" in text:
            self.all_closed()
        if "申请" in text and ("办结" in text or "完毕" in text or "办理完成" in text):
            self.all_handled()
        if "处理费" in text or "收费" in text or "费用" in text:
            self.no_fees()
        if "0" in text or "零" in text:
            self.all_zero()
        return self.added

    # -- helpers ----------------------------------------------------------------------------
    def matches(self, pattern: LazyPattern) -> Iterator[re.Match[str]]:
        return itertools.islice(pattern.finditer(self.text), _MAX_ZERO_MATCHES)

    def add(self, kind: ClaimKind, start: int, end: int, keyword: str) -> None:
        if kind in self.have or any(c.kind is kind for c in self.added):
            return
        self.added.append(
            self.reading.make(
                kind,
                0,
                start,
                end,
                self.quote,
                keyword=keyword,
                year=self.reading.year_before(start, self.s),
            )
        )

    def done(self, *kinds: ClaimKind) -> bool:
        """Every kind already claimed: another match would add nothing."""
        return all(kind in self.have or any(c.kind is kind for c in self.added) for kind in kinds)

    def topic(self, at: int) -> tuple[str, ...]:
        """The case types the text before *at* is about (segment, sentence, earlier)."""
        reading = self.reading
        seg_start, _ = reading.segment_of(at, at)
        types = reading.last_case_type(seg_start, at)
        if not types:
            types = reading.last_case_type(self.s, at)
        return types or reading.previous_case_types

    # -- the stages -------------------------------------------------------------------------
    def no_cases(self) -> None:
        """未发生/没有 … 行政复议/行政诉讼 (not when the clause speaks of a decision)."""
        s, norm = self.s, self.norm
        for m in self.matches(_NO_CASES):
            if self.done(ClaimKind.REVIEWS, ClaimKind.LAWSUITS):
                break
            cs, ce = self.reading.clause_of(s + m.start(), s + m.end())
            clause = norm[cs:ce]
            if _CASE_DECIDED.search(clause):
                continue
            types = self.reading.case_types(s + m.start(), ce)
            end = s + m.end()
            for case in types:
                self.add(_case_kind(case), s + m.start(), end, m["neg"])

    def no_applications(self) -> None:
        """未收到/未受理 … 申请."""
        for m in self.matches(_NO_APPLICATIONS):
            self.add(ClaimKind.RECEIVED, self.s + m.start(), self.s + m.end(), m.group())

    def not_corrected(self) -> None:
        """未被纠错/没有败诉 …: the case type named in the same segment (败诉: lawsuits)."""
        s = self.s
        for m in self.matches(_NOT_CORRECTED):
            if self.done(ClaimKind.REVIEW_CORRECTED, ClaimKind.LAWSUIT_CORRECTED):
                break
            at = s + m.start()
            if m["w"] == "败诉":
                types: tuple[str, ...] = ("lawsuit",)
            else:  # the case type must be named in the same segment: 未出现…纠正 may be anything
                seg_start, _ = self.reading.segment_of(at, at)
                types = self.reading.case_types(seg_start, s + m.end())
            for case in types:
                self.add(_CASE_OUTCOME_KINDS[(case, "corrected")], at, s + m.end(), m.group())

    def all_upheld(self) -> None:
        """均获维持: nothing corrected, other or pending, for the case type of the topic."""
        for m in self.matches(_ALL_UPHELD):
            if self.done(ClaimKind.REVIEW_NOT_UPHELD, ClaimKind.LAWSUIT_NOT_UPHELD):
                break
            at = self.s + m.start()
            for case in self.topic(at):
                kind = _CASE_OUTCOME_KINDS[(case, "not_upheld")]
                self.add(kind, at, self.s + m.end(), m.group())

    def all_closed(self) -> None:
        """均已审结: nothing pending, for the case type of the topic."""
        for m in self.matches(_ALL_CLOSED):
            if self.done(ClaimKind.REVIEW_PENDING, ClaimKind.LAWSUIT_PENDING):
                break
            at = self.s + m.start()
            for case in self.topic(at):
                self.add(_CASE_OUTCOME_KINDS[(case, "pending")], at, self.s + m.end(), m.group())

    def all_handled(self) -> None:
        """所有申请均已（按期）办结: nothing carried forward (table 四 is 0).

        Read only when it is plainly about every application of the year: an application
        word before it in the sentence; not when the sentence singles some out (其中, 其余,
        除…外, 部分), names carried-over ones without 所有/全部/以上 (上年结转的申请均已办结
        is about those alone), says some are still open (结转, 正在办理, 继续办理), or is
        about a sub-unit; and never when the sentence states a number carried forward."""
        if ClaimKind.CARRIED_FORWARD in self.have or ClaimKind.ALL_HANDLED in self.have:
            return
        if any(
            c.subject is not None or (c.scope and not c.applicant_scope) for c in self.state.claims
        ):
            return
        text, s = self.text, self.s
        for m in self.matches(_ALL_HANDLED):
            before = text[: m.start()]
            if "申请" not in before.replace("申请人", "") or _STILL_OPEN.search(text, m.end()):
                continue
            seg_start, _ = self.reading.segment_of(s + m.start(), s + m.start())
            segment = text[max(seg_start - s, 0) : m.start()]
            clause_start, _ = self.reading.clause_of(s + m.start(), s + m.start())
            clause = text[max(clause_start - s, 0) : m.end()]
            if _PART_OF_THEM.search(segment) or _PART_OF_THEM.search(m["how"]):
                continue
            if "结转" in segment and not _ALL_HANDLED_SCOPE.search(clause):
                continue
            self.add(ClaimKind.ALL_HANDLED, s + m.start(), s + m.end(), m.group())
            return

    def no_fees(self) -> None:
        """未收取信息处理费; 未收取任何费用 in a sentence about applications or disclosure."""
        for m in self.matches(_NO_FEES):
            if m.group().endswith("任何费用") and not _ABOUT_REQUESTS.search(self.text):
                continue  # 未收取任何费用 is about the fees of disclosure only beside 申请
            self.add(ClaimKind.FEE_COLLECTED, self.s + m.start(), self.s + m.end(), m.group())

    def all_zero(self) -> None:
        """… 均为0: about whatever the clause names from its first fee or case word on."""
        for m in self.matches(_ALL_ZERO):
            at = self.s + m.start()
            cs, _ = self.reading.clause_of(at, at)
            first = _ZERO_TOPIC.search(self.norm[cs:at])
            if first is None:
                continue
            cs += first.start()
            clause = self.norm[cs:at]
            end = self.s + m.end()
            self.fees_all_zero(clause, cs, end, m.group())
            for case in self.reading.case_types(cs, at):
                self.add(_case_kind(case), cs, end, m.group())

    def fees_all_zero(self, clause: str, cs: int, end: int, keyword: str) -> None:
        """The fee quantities a "均为0" *clause* names."""
        if "收费通知" in clause or "缴费通知" in clause:
            if "件数" in clause or "数量" in clause:
                self.add(ClaimKind.FEE_NOTICES, cs, end, keyword)
            amounts = _AMOUNT.findall(clause)
            if "实际收取" in clause or "收取" in clause.split("通知")[-1]:
                self.add(ClaimKind.FEE_COLLECTED, cs, end, keyword)
                if len(amounts) > 1:
                    self.add(ClaimKind.FEE_NOTICE_AMOUNT, cs, end, keyword)
            elif amounts:
                self.add(ClaimKind.FEE_NOTICE_AMOUNT, cs, end, keyword)
        elif "信息处理费" in clause or "收费" in clause:
            self.add(ClaimKind.FEE_COLLECTED, cs, end, keyword)
