"""The narrative's claims that disagree with the tables, marked in place on a report's page.

A report whose findings include a narrative mismatch (``N100``–``N141``,
:data:`zfxxgk.rules.narrative.NARRATIVE_CODES`) has its claims compared again
(:func:`zfxxgk.rules.claims.compare_claims`, which gives each claim's offsets in its section's
text); each mismatch that a finding reports is wrapped in ``<mark class="claim">`` in the
paragraph that says it, with the finding's message as its title and a link to the finding's
note.  A mismatch no finding reports (its rule not selected) is not marked; a report
without such a finding costs nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Final

from lxml import etree

from ..html_report import element
from ..narrative.extract import report_claims
from ..rules.claims import compare_claims
from ..rules.narrative import NARRATIVE_CODES
from ..template import SECTION_TITLES

if TYPE_CHECKING:
    from ..model import Report
    from ..rules import Finding

__all__ = ["mark_claims"]

_SECTIONS: Final = ("一", "五", "六")

Span = tuple[int, int, "Finding"]


def _claim_spans(report: Report, findings: Sequence[Finding]) -> dict[str, list[Span]]:
    """Per narrative section, the (start, end) of every mismatch a finding reports, and that
    finding; spans in order, none overlapping."""
    reported = [f for f in findings if f.code in NARRATIVE_CODES]
    if not reported:
        return {}
    spans: dict[str, list[Span]] = {}
    for mismatch in compare_claims(report, claims=report_claims(report)):
        claim = mismatch.claim
        quote = f"“{claim.sentence}”"
        finding = next(
            (f for f in reported if mismatch.message in f.message and quote in f.message), None
        )
        if finding is not None and claim.section is not None:
            spans.setdefault(claim.section, []).append((*claim.span, finding))
    for section, found in spans.items():
        found.sort(key=lambda s: s[:2])
        kept: list[Span] = []
        for span in found:
            if not kept or span[0] >= kept[-1][1]:
                kept.append(span)
        spans[section] = kept
    return spans


def _lines(text: str) -> list[tuple[int, int]]:
    """The (start, end) in *text* of each paragraph :func:`zfxxgk.outline.paragraphs` gives
    (its non-empty lines, stripped)."""
    out = []
    offset = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped:
            start = offset + line.index(stripped)
            out.append((start, start + len(stripped)))
        offset += len(line)
    return out


def _fill(
    paragraph: etree._Element,
    text: str,
    line: tuple[int, int],
    spans: Sequence[Span],
    notes: Mapping[int, int],
) -> int:
    """Write the paragraph *line* of *text* into *paragraph* anew, the parts of *spans*
    within it marked; the number of marks."""
    start, end = line
    inside = [(max(a, start), min(b, end), f) for a, b, f in spans if a < end and b > start]
    if not inside:
        return 0
    for child in list(paragraph):
        paragraph.remove(child)
    paragraph.text = text[start : inside[0][0]]
    for k, (a, b, finding) in enumerate(inside):
        attrib = {
            "class": f"claim zfxxgk-sev-{finding.severity.value}",
            "data-code": finding.code,
            "title": f"{finding.code} {finding.message}",
        }
        mark = element("mark", text[a:b], attrib, parent=paragraph)
        number = notes.get(id(finding))
        if number is not None:
            mark.tail = None
            link = {"class": "mark", "href": f"#note-{number}"}
            mark = element("a", f"[{number}]", link, parent=paragraph)
        following = inside[k + 1][0] if k + 1 < len(inside) else end
        mark.tail = text[b:following]
    return len(inside)


def mark_claims(
    div: etree._Element,
    report: Report,
    findings: Sequence[Finding],
    notes: Mapping[int, int],
) -> int:
    """Mark, in the report's element *div* (:func:`zfxxgk.html_report.report_element`), the
    claims of the narrative that *findings* say disagree with the tables; *notes* maps a
    finding (its ``id``) to the number of its note on the page.  Returns how many were
    marked."""
    spans = _claim_spans(report, findings)
    if not spans:
        return 0
    texts = {"一": report.overview, "五": report.problems, "六": report.other_matters}
    headings = {f"{n}、{SECTION_TITLES[n]}": n for n in _SECTIONS}
    marked = 0
    section: str | None = None
    paragraphs: list[etree._Element] = []
    for child in [*div, None]:
        if child is None or child.tag == "h2":
            text = texts.get(section or "")
            if section in spans and text:
                for paragraph, line in zip(paragraphs, _lines(text), strict=False):
                    marked += _fill(paragraph, text, line, spans[section], notes)
            section = headings.get(child.text or "") if child is not None else None
            paragraphs = []
        elif child.tag == "p" and section is not None:
            paragraphs.append(child)
    return marked
