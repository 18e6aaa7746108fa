"""Copied narrative (雷同, FORMAT.md §7): a report's text against last year's and its peers'.

The narrative of a report — 一、总体情况, 五 and 六, joined — is compared with other reports'
by :func:`zfxxgk.similarity.compare_texts` (numbers and template boilerplate do not count:
a sentence copied with its numbers updated is still copied).  :func:`check_copying` gives
every comparison, best first, with the score and the shared passages, and a ``COPY-SIMILAR``
finding (warning, about the report as a whole) for each score at or above the threshold.
:func:`review_copying` does this for a folder: every report against last year's report of
its agency and against the most similar reports of other agencies
(:class:`~zfxxgk.similarity.SimilarityIndex`).

What the scores look like on real reports: the HTML and text versions of one report ≈ 0.98;
a report whose section 五 and several paragraphs are last year's with the year changed ≈ 0.4;
successive years of an agency that rewrites its report 0–0.07.  The default threshold is 0.3.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Final, TypeAlias

import attrs

from ..diagnostics import Severity
from ..model import Report
from ..rules import Finding, Findings, Violation, pair_rule
from ..similarity import PreparedText, Similarity, SimilarityIndex, compare_texts, prepare
from .agencies import group_by_agency
from .codes import COPY_SIMILAR, COPY_SIMILAR_RULE, DEFAULT_THRESHOLD

if TYPE_CHECKING:
    from ..readers import ParseResult

__all__ = [
    "COPY_SIMILAR",
    "DEFAULT_THRESHOLD",
    "CopyMatch",
    "Copying",
    "check_copying",
    "copy_similar",
    "narrative_text",
    "review_copying",
]

_QUOTED_PASSAGES: Final = 3
_QUOTE_LENGTH: Final = 60

CopyItem: TypeAlias = "Report | ParseResult"


def narrative_text(report: Report) -> str:
    """The narrative of *report*: 一、总体情况, 五 and 六 as printed, one after the other."""
    return "\n".join(t for t in (report.overview, report.problems, report.other_matters) if t)


def _quote(text: str) -> str:
    flat = "".join(text.split())
    return flat if len(flat) <= _QUOTE_LENGTH else flat[:_QUOTE_LENGTH] + "…"


def similarity_message(other: str, similarity: Similarity) -> str:
    """The Chinese message of a ``COPY-SIMILAR`` finding."""
    passages = sorted(similarity.passages, key=lambda p: -p.length)
    shown = "；".join(f"“{_quote(p.text_a)}”" for p in passages[:_QUOTED_PASSAGES])
    more = (
        f"等 {len(passages)} 段" if len(passages) > _QUOTED_PASSAGES else f"共 {len(passages)} 段"
    )
    return (
        f"正文与“{other}”相似度为{similarity.score:.0%}（本报告正文的{similarity.coverage_a:.0%}"
        f"见于对方）；相同文字{more}：{shown}"
    )


@pair_rule(**COPY_SIMILAR_RULE)
def copy_similar(other: Report, report: Report) -> Iterator[Violation]:
    """The narrative of *report* is largely the same as *other*'s (score ≥ 0.3)."""
    similarity = compare_texts(narrative_text(report), narrative_text(other))
    if similarity.score >= DEFAULT_THRESHOLD and similarity.passages:
        name = other.info.agency or "另一份报告"
        if other.info.year is not None:
            name = f"{name}{other.info.year}年度报告"
        yield Violation(None, params={"text": similarity_message(name, similarity)})


@attrs.frozen(kw_only=True)
class CopyMatch:
    """One comparison: the other report's name, how it relates, and the similarity."""

    other: str
    relation: str
    """"上一年度" (last year's report of the same agency), "其他机关" (a peer) or "指定"."""
    similarity: Similarity

    @property
    def score(self) -> float:
        return self.similarity.score


@attrs.frozen(kw_only=True)
class Copying:
    """A report's narrative compared with others: every comparison, best first, and the
    ``COPY-SIMILAR`` findings of those at or above the threshold."""

    name: str
    matches: tuple[CopyMatch, ...]
    findings: Findings
    threshold: float = DEFAULT_THRESHOLD

    @property
    def best(self) -> CopyMatch | None:
        return self.matches[0] if self.matches else None

    def to_text(self, *, passages: int = 5) -> str:
        out = io.StringIO()
        out.write(f"== {self.name}\n")
        if not self.matches:
            out.write("  没有可比较的正文\n")
        for match in self.matches:
            s = match.similarity
            flag = "  ← 雷同" if match.score >= self.threshold and s.passages else ""
            out.write(
                f"  {match.score:.0%}  {match.other}（{match.relation}）："
                f"本报告 {s.coverage_a:.0%} 见于对方，对方 {s.coverage_b:.0%} 见于本报告，"
                f"相同文字 {len(s.passages)} 段{flag}\n"
            )
            for passage in sorted(s.passages, key=lambda p: -p.length)[:passages]:
                out.write(f"      “{_quote(passage.text_a)}”\n")
        return out.getvalue()

    def __str__(self) -> str:
        return self.to_text()


def _unpack(item: CopyItem) -> tuple[Report, str]:
    if isinstance(item, Report):
        report = item
        source = None
    else:
        report, source = item.report, item.source
    name = source or report.info.title or report.info.agency or "报告"
    return report, name


def _copying(
    name: str,
    prepared: PreparedText,
    others: Sequence[tuple[str, str, PreparedText | Similarity]],
    threshold: float,
) -> Copying:
    matches = []
    for other, relation, text in others:
        similarity = text if isinstance(text, Similarity) else compare_texts(prepared, text)
        matches.append(CopyMatch(other=other, relation=relation, similarity=similarity))
    matches.sort(key=lambda m: -m.score)
    findings = [
        Finding(
            code=COPY_SIMILAR,
            severity=Severity.WARNING,
            message=similarity_message(f"{m.other}", m.similarity),
        )
        for m in matches
        if m.score >= threshold and m.similarity.passages
    ]
    return Copying(
        name=name, matches=tuple(matches), findings=Findings(findings), threshold=threshold
    )


def check_copying(
    report: CopyItem,
    others: Sequence[CopyItem],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    relation: str = "指定",
) -> Copying:
    """Compare *report*'s narrative with each of *others*' (reports or parse results)."""
    if not 0 < threshold <= 1:
        raise ValueError(f"threshold must be in (0, 1], got {threshold}")
    this, name = _unpack(report)
    prepared = prepare(narrative_text(this))
    entries = []
    for item in others:
        other, other_name = _unpack(item)
        entries.append((other_name, relation, prepare(narrative_text(other))))
    return _copying(name, prepared, entries, threshold)


def review_copying(
    items: Sequence[CopyItem], *, threshold: float = DEFAULT_THRESHOLD, peers: int = 3
) -> tuple[Copying, ...]:
    """Every report of a folder against last year's report of its agency and its *peers*
    most similar reports of other agencies (one :class:`Copying` per report, in order)."""
    if not 0 < threshold <= 1:
        raise ValueError(f"threshold must be in (0, 1], got {threshold}")
    unpacked = [_unpack(item) for item in items]
    reports = [r for r, _ in unpacked]
    prepared = [prepare(narrative_text(r)) for r in reports]
    group_of: dict[int, int] = {}
    groups = group_by_agency(list(range(len(reports))), lambda i: reports[i])
    for number, group in enumerate(groups):
        for member in group.items:
            group_of[member] = number
    index: SimilarityIndex[int] = SimilarityIndex()
    for i, text in enumerate(prepared):
        if text.content_length:
            index.add(i, text)
    out = []
    for i, (report, name) in enumerate(unpacked):
        others: list[tuple[str, str, PreparedText | Similarity]] = []
        year = report.info.year
        if year is not None:
            for j in groups[group_of[i]].items:
                if reports[j].info.year == year - 1:
                    others.append((unpacked[j][1], "上一年度", prepared[j]))
        if prepared[i].content_length and len(index) > 1:
            found = index.query(prepared[i], top=peers + len(groups[group_of[i]].items), exclude=i)
            peer_matches = [m for m in found if group_of[m.key] != group_of[i]][:peers]
            others.extend((unpacked[m.key][1], "其他机关", m.similarity) for m in peer_matches)
        out.append(_copying(name, prepared[i], others, threshold))
    return tuple(out)
