"""Convert one report to JSON, a standalone HTML page, Markdown, text, DOCX or Excel.

    >>> from zfxxgk.convert import convert, read_input
    >>> report = read_input("报告.pdf").report                       # doctest: +SKIP
    >>> convert(report, "html", "报告.html")                         # doctest: +SKIP

The input is any report the readers take (HTML, text, Markdown, DOCX, PDF) or a zfxxgk JSON
document (:mod:`zfxxgk.json_report`), so a report can be *written* as JSON — the parts only — and
turned into a Word file with its totals computed (:func:`compute_totals`, ``--fill-totals``).

A conversion writes what was printed: totals are recomputed only when asked, since a converter
that quietly changes numbers would hide the very errors the checks report.  The narrative is
written as paragraphs: a PDF breaks each paragraph into the lines of its page, and HTML,
Markdown and Word output join those lines again (:func:`join_wrapped_lines`); JSON and plain
text keep the lines as read.
"""

from __future__ import annotations

import itertools
import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Final

import attrs

from .arithmetic import amount_cell, applicant_total, case_total, outcome_totals
from .model import ApplicantRow, CaseOutcomes, Report
from .readers import ParseResult
from .template import get_at, replace_at, row_specs
from .textwidth import display_width

if TYPE_CHECKING:
    from .rules import Findings
    from .text_tables import Style

__all__ = [
    "CONVERT_FORMATS",
    "TOTAL_CODES",
    "Converted",
    "compute_totals",
    "convert",
    "format_for",
    "join_wrapped_lines",
    "read_input",
    "render_as",
]

CONVERT_FORMATS: Final[tuple[str, ...]] = ("json", "html", "markdown", "text", "docx", "xlsx")
"""The formats :func:`convert` writes."""

_SUFFIXES: Final[dict[str, str]] = {
    ".json": "json",
    ".html": "html",
    ".htm": "html",
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "text",
    ".docx": "docx",
    ".xlsx": "xlsx",
}

TOTAL_CODES: Final[frozenset[str]] = frozenset({"S3-ROW-TOTAL", "S3-OUTCOME-TOTAL", "S4-TOTAL"})
"""The rules whose findings :func:`compute_totals` removes (a printed total against its parts)."""


def format_for(path: str | os.PathLike[str]) -> str:
    """The output format named by a file's suffix (``.html`` → ``html``)."""
    suffix = Path(os.fspath(path)).suffix.lower()
    try:
        return _SUFFIXES[suffix]
    except KeyError:
        known = "、".join(sorted(_SUFFIXES))
        raise ValueError(
            f"无法从文件名“{os.fspath(path)}”判断输出格式（可用扩展名：{known}），请用 --to 指定"
        ) from None


def read_input(source: str | os.PathLike[str]) -> ParseResult:
    """A report from a file: a zfxxgk JSON document, or anything :func:`zfxxgk.read` reads
    (it reads both: JSON is recognised by its content, not by the file name)."""
    from .readers import read

    return read(source)


def compute_totals(report: Report) -> Report:
    """*report* with every total recomputed from its parts (blank parts count as 0).

    Section 三: each row's 总计 is 自然人 plus the five 法人或其他组织 columns, and the
    （七）总计 row is the sum of the outcome rows, column by column.  Section 四: each group's
    总计 is 结果维持 + 结果纠正 + 其他结果 + 尚未审结.  Nothing else changes — not the parts,
    not 四、结转下年度继续办理 (a count of its own, not a total), not section 二.
    """
    single = isinstance(report.requests.outcomes.other_handling, ApplicantRow)
    for row in row_specs(report.info.template, other_single=single):
        if row.section == "四":
            group: CaseOutcomes = get_at(report, row.path)
            report = replace_at(report, (*row.path, "total"), amount_cell(case_total(group)))
        elif row.section == "三" and row.path[-1] != "total":
            applicants: ApplicantRow = get_at(report, row.path)
            report = replace_at(
                report, (*row.path, "total"), amount_cell(applicant_total(applicants))
            )
    filled: Report = replace_at(
        report, "requests.outcomes.total", outcome_totals(report.requests.outcomes)
    )
    return filled


# --------------------------------------------------------------------------------------
# paragraphs a PDF broke into lines
# --------------------------------------------------------------------------------------

_ENDS: Final = re.compile(r"[。；：！？;:!?…][”’」』）)]*$")
"""A line ending a sentence (a closing quote or bracket may follow the mark)."""
_MARKER: Final = re.compile(
    r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}[.．、](?!\d))"
)
"""A line opening a heading or a list item: 一、 （一） (1) 1. 1、"""
_FULL: Final = 0.8
"""A line at least this share of the longest line's width runs to the right margin."""
_REFLOWED: Final = ("html", "markdown", "docx")
"""The formats whose narrative is written as joined paragraphs."""


def _join(left: str, right: str) -> str:
    """Two pieces of one paragraph: CJK meets without a space, two Latin words with one."""
    a, b = left[-1], right[0]
    latin = a.isascii() and a.isalnum() and b.isascii() and b.isalnum()
    return left + (" " if latin and not (a.isdigit() and b.isdigit()) else "") + right


def _wrapped(lines: Sequence[str], widest: int) -> list[bool]:
    """For each line but the last, whether it is a wrap of a paragraph the next line goes
    on: it runs to the margin, ends no sentence, and the next line opens no heading."""
    return [
        display_width(line) >= _FULL * widest
        and not _ENDS.search(line)
        and not _MARKER.match(following)
        for line, following in itertools.pairwise(lines)
    ]


def join_wrapped_lines(texts: Sequence[str | None]) -> list[str | None]:
    """The narrative *texts* of one report with the lines a PDF wrapped joined again.

    A line is joined to the next when it runs to the right margin (at least 80% as wide as
    the widest line of all *texts* — they were printed on the same page width), does not end
    with 。；：！？ (a closing quote may follow), and the next line does not open a heading or
    a list item (一、 （一） 1.).  CJK lines meet without a space.  Text whose paragraphs are
    already one line each (HTML, Word) has at most one line that runs to the widest line's
    width without ending a sentence, and is left as it is.
    """
    split = [[ln.strip() for ln in (t or "").splitlines() if ln.strip()] for t in texts]
    widest = max((display_width(ln) for lines in split for ln in lines), default=0)
    joins = [_wrapped(lines, widest) for lines in split]
    if sum(sum(flags) for flags in joins) < 2:
        return list(texts)
    out: list[str | None] = []
    for text, lines, flags in zip(texts, split, joins, strict=True):
        if text is None or not lines:
            out.append(text)
            continue
        paragraphs = [lines[0]]
        for line, wrapped in zip(lines[1:], flags, strict=True):
            if wrapped:
                paragraphs[-1] = _join(paragraphs[-1], line)
            else:
                paragraphs.append(line)
        out.append("\n".join(paragraphs))
    return out


def _reflowed(report: Report) -> Report:
    overview, problems, other = join_wrapped_lines(
        (report.overview, report.problems, report.other_matters)
    )
    return attrs.evolve(report, overview=overview, problems=problems, other_matters=other)


@attrs.frozen(kw_only=True)
class Converted:
    """What :func:`convert` did: the format, the file written (or the text, for no file), and
    how many printed totals disagree with their parts in what was written."""

    format: str
    path: str | None = None
    text: str | None = None
    total_errors: int = 0


def render_as(
    report: Report,
    to: str,
    *,
    findings: Findings | None = None,
    labels: bool = False,
    text_style: Style = "box",
) -> str:
    """*report* as text in a text format (``json``, ``html``, ``markdown``, ``text``).

    HTML is a standalone page; with *findings* its failing cells are marked.  Text draws the
    tables in *text_style* (:data:`zfxxgk.text_tables.STYLES`).  HTML and Markdown join the
    lines a PDF broke a paragraph into (:func:`join_wrapped_lines`).
    """
    from . import html_report, text_report

    if to in _REFLOWED:
        report = _reflowed(report)
    if to == "json":
        from . import json_report

        return json_report.dumps(report, labels=labels, indent=1) + "\n"
    if to == "html":
        return html_report.to_standalone_html(report, findings=findings)
    if to == "markdown":
        return text_report.to_markdown(report)
    if to == "text":
        return text_report.to_text(report, style=text_style)
    raise ValueError(f"不是文本格式：“{to}”（可选：json、html、markdown、text）")


def convert(
    report: Report,
    to: str,
    output: str | os.PathLike[str] | None = None,
    *,
    fill_totals: bool = False,
    check: bool = True,
    labels: bool = False,
    text_style: Style = "box",
) -> Converted:
    """Write *report* in the format *to* (one of :data:`CONVERT_FORMATS`) to *output*.

    Without *output* a text format is returned in :attr:`Converted.text` (DOCX and XLSX need a
    file; XLSX: :mod:`zfxxgk.excel_report`, the tables, the cells and the findings).
    ``fill_totals`` recomputes the totals first (:func:`compute_totals`); ``check`` marks the
    failing cells in HTML; ``labels`` keys JSON by the official labels; ``text_style`` is
    how plain text draws the tables (``box``, ``ascii``, ``aligned``, ``pandoc``, ``tabs``).
    """
    if to not in CONVERT_FORMATS:
        raise ValueError(f"不支持的输出格式“{to}”，可选：{'、'.join(CONVERT_FORMATS)}")
    if fill_totals:
        report = compute_totals(report)
    from .rules import check as run_checks

    findings = run_checks(report)
    total_errors = sum(1 for f in findings if f.code in TOTAL_CODES)
    path = None if output is None else os.fspath(output)
    if to == "docx":
        if path is None:
            raise ValueError("DOCX 需要输出文件名")
        from .word_report import write_docx

        write_docx(_reflowed(report), path)
        return Converted(format=to, path=path, total_errors=total_errors)
    if to == "xlsx":
        if path is None:
            raise ValueError("Excel（.xlsx）需要输出文件名")
        from .excel_report import write_xlsx

        write_xlsx(report, path, findings=findings)
        return Converted(format=to, path=path, total_errors=total_errors)
    text = render_as(
        report, to, findings=findings if check else None, labels=labels, text_style=text_style
    )
    if path is None:
        return Converted(format=to, text=text, total_errors=total_errors)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write(text)
    return Converted(format=to, path=path, total_errors=total_errors)
