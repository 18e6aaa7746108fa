"""Extraction: every number a narrative states about the quantities of the tables.

:func:`extract_claims` reads a text, :func:`report_claims` the narrative sections of a
report.  The reading is done in stages by :class:`_Extractor` (see its docstring).
"""

from __future__ import annotations

import re
from typing import Final

import attrs

from ..model import Report
from ..template import NARRATIVE_SECTIONS
from .claims import Claim, ClaimKind
from .lexicon import (
    _AMONG,
    _APPLICANT_NAMES,
    _APPLICANTS,
    _APPLICATION_KINDS,
    _APPROX_AFTER,
    _APPROX_BEFORE,
    _CASE_KINDS,
    _CASE_OUTCOME_KINDS,
    _CASE_OUTCOME_TAGS,
    _CASE_QUALIFIERS,
    _DOCUMENTS,
    _FILLER_END,
    _INCLUDES_CARRIED,
    _KILL,
    _LIST_FILLER,
    _LIST_START,
    _NAME_FILLER,
    _NEGATED_BEFORE,
    _OTHER_APPLICANT_WORDS,
    _OUTCOME_TAGS,
    _SELF_WORDS,
    _SHORT_NAME,
    _SUBJECT_START,
    _SUBSET,
    _TABLE_OUTCOME_WORDS,
    _TIME_WORDS,
    _UNIT_NAME,
    _VERB_KINDS,
    _ZERO_HINTS,
    _Tag,
)
from .numbers import _Candidate
from .reading import _MAX_SENTENCE, _around_in, _Number, _Quote, _Reading, _SentenceState
from .zeros import _ZERO_WORDS, _Zeros

__all__ = ["extract_claims", "report_claims", "section_claims"]

_PERCENT_TAGS: Final = ("share", "rate")
"""The keywords a percentage is read from (before it): 占 … (a share of the claim before),
…率 (a rate of the requests)."""


class _Extractor(_Reading):
    """Reads the claims of one text, in stages:

    1. the text is prepared (:class:`~.reading._Reading`: normalised, cut into sentences,
       segments and clauses; its numbers and years found);
    2. :meth:`run` reads it sentence by sentence (:meth:`sentence`), a sentence number by
       number (:meth:`classify`) and then its explicit zeros (:class:`~.zeros._Zeros`);
    3. :meth:`classify` reads what surrounds a number (its prefix and suffix in the clause,
       their keywords, the year, whether it is approximate, the sub-unit it is about) and
       passes it on by its unit: :meth:`count`, :meth:`money`, :meth:`percent`,
       :meth:`items`;
    4. a count is about normative documents (:meth:`documents`), reviews and lawsuits
       (:meth:`cases`) or applications (:meth:`applications`).
    """

    # -- the main loop --------------------------------------------------------------------
    def run(self) -> tuple[Claim, ...]:
        by_sentence: dict[int, list[_Candidate]] = {}
        for cand in self.candidates:
            s, _ = self.sentence_of(cand.start, cand.end)
            by_sentence.setdefault(s, []).append(cand)
        # every sentence: from the start, or after a sentence end, to the next end
        n = len(self.norm)
        starts = [0, *(b + 1 for b in self.sentences if b + 1 < n)]
        for s, e in zip(starts, [*self.sentences, n], strict=False):
            if e > s:
                self.sentence(s, e, by_sentence.get(s, []))
        return tuple(sorted(self.claims, key=lambda c: (c.span, c.kind.value)))

    def sentence(self, s: int, e: int, cands: list[_Candidate]) -> None:
        text = self.norm[s:e]
        if e - s > _MAX_SENTENCE:  # not prose: no number in it can be told what it counts
            cands = []
        zeros = (
            e - s <= _MAX_SENTENCE
            and _ZERO_HINTS.search(text) is not None
            and _ZERO_WORDS.search(text) is not None
        )
        about_applications = False
        if cands or zeros:  # else the sentence states nothing (most do not)
            state = _SentenceState()
            quote = _Quote(self.t, s, e + 1 if e < len(self.norm) and self.norm[e] == "。" else e)
            for index, cand in enumerate(cands):
                prev_end = cands[index - 1].end if index > 0 else s
                next_start = cands[index + 1].start if index + 1 < len(cands) else e
                claims = self.classify(cand, s, e, prev_end, next_start, state, quote)
                state.claims.extend(claims)
            if zeros:
                state.claims.extend(_Zeros(self, s, e, state, quote).read())
            self.claims.extend(state.claims)
            about_applications = any(c.kind in _APPLICATION_KINDS for c in state.claims)
        if ("复议" in text or "诉" in text) and self.case_types(s, e):  # (行政)复议, 诉讼, 应诉
            self.previous_case_types = self.last_case_type(s, e)
        self.previous_about_applications = about_applications

    # -- one number -----------------------------------------------------------------------
    def classify(
        self,
        cand: _Candidate,
        s: int,
        e: int,
        prev_end: int,
        next_start: int,
        state: _SentenceState,
        quote: _Quote,
    ) -> list[Claim]:
        norm = self.norm
        clauses, segments = self._pieces_of(s, e)
        cs, ce = _around_in(clauses, cand.start, cand.end, s, e)
        seg_start = _around_in(segments, cand.start, cand.end, s, e)[0]
        p0 = max(cs, prev_end)
        prefix = norm[p0 : cand.start]
        if cand.chinese and prefix.endswith(_NEGATED_BEFORE):
            return []  # 未发生一起 …: the zero is read by zeros()
        if _KILL.search(prefix):
            return []  # 较上年增加5件, 日均3件, 2019年以来 …
        if seg_start != state.unit_scope_segment:
            state.unit_scope = None
        ptags = self.tags_in(p0, cand.start, (s, e))
        unit_scope = self.unit_scope(prefix, ptags, p0, state, seg_start)
        unit_class = cand.unit_class
        # items and percentages are read from a keyword before them alone: without one,
        # nothing else around the number is looked at (most 条 in a report are not 主动公开)
        if unit_class == "items" and not any(t.name == "proactive" for t in ptags):
            return []
        if unit_class == "percent" and not any(t.name in _PERCENT_TAGS for t in ptags):
            return []
        suffix = norm[cand.end : min(ce, next_start)]
        n = _Number(
            cand=cand,
            sentence=(s, e),
            clause_start=cs,
            segment_start=seg_start,
            prefix=prefix,
            suffix=suffix,
            ptags=ptags,
            stags=self.tags_in(cand.end, cand.end + len(suffix), (s, e)),
            year=self.year_before(cand.start, s),
            approximate=(
                cand.approximate
                or prefix.endswith(_APPROX_BEFORE)
                or suffix.startswith(_APPROX_AFTER)
            ),
            unit_scope=unit_scope,
            previous=state.claims[-1] if state.claims else None,
            quote=quote,
        )
        if unit_class == "count":
            return self.count(n, state)
        if unit_class == "money":
            return self.money(n, state)
        if unit_class == "percent":
            return self.percent(n, state)
        return self.items(n, state)  # unit_class == "items"

    def percent(self, n: _Number, state: _SentenceState) -> list[Claim]:
        tag = next((t for t in reversed(n.ptags) if t.name in _PERCENT_TAGS), None)
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
        if self.norm.find("申请", s, e) < 0:
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
            types = self.last_case_type(n.segment_start, outcome.start)
            if not types:
                # only the table's own words in a list continue an earlier mention:
                # "纠正不规范表述22件" after a sentence on reviews is not about reviews
                listed = n.prefix.startswith(("其中", "、")) or (
                    n.previous is not None and n.previous.kind in _CASE_KINDS
                )
                if outcome.text not in _TABLE_OUTCOME_WORDS or not listed:
                    return []
                types = self.last_case_type(s, outcome.start) or self.previous_case_types
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
            types = self.case_types(s, n.cand.start)
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
            norm.find("申请", s, e) >= 0
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
    return tuple(c for section in NARRATIVE_SECTIONS for c in section_claims(report, section))


def section_claims(report: Report, section: str) -> tuple[Claim, ...]:
    """The claims of one narrative section of *report* (``"一"``, ``"五"`` or ``"六"``),
    each with its section; none when the report does not have it."""
    text = getattr(report, NARRATIVE_SECTIONS[section])
    return _extract(text, section) if text else ()
