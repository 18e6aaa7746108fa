"""``zfxxgk check``: read and check reports, print the findings per report and a summary."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterator
from fractions import Fraction
from typing import IO, TYPE_CHECKING, Any, Final

from ..diagnostics import Severity
from ..errors import NoStandardTablesError
from ..records import FINDING_COLUMNS
from .base import (
    COLLAPSE_AFTER,
    EXIT_UNREADABLE,
    FAIL_ON,
    add_batch_options,
    add_color,
    add_fail_on,
    add_format,
    err,
    output,
    status,
    wants_bom,
)
from .findings import counts, describe_report, finding_json, finding_lines, location_text
from .reading import add_rules_option, add_select_options, batch, is_pre_2019
from .terminal import Paint, Progress, pad, want_colour

if TYPE_CHECKING:
    from ..batch import BatchItem
    from ..completeness import Completeness

__all__ = ["CHECK_COLUMNS", "min_complete", "printed_share", "register", "threshold_text"]

CHECK_COLUMNS: Final[tuple[str, ...]] = (
    *FINDING_COLUMNS,
    "location",
    "cells_expected",
    "cells_read",
    "cells_unread",
    "cells_not_printed",
)
"""The columns of ``check --format csv`` and ``jsonl``: :data:`zfxxgk.records.FINDING_COLUMNS`,
then where the cell is in its file (``location``: ``第1行 第2119列``, ``表2 第5行 第3格``)
and the report's completeness (its template's cells: expected, read, printed but not read,
not printed), the same on every row of one report."""


# --------------------------------------------------------------------------------------
# completeness and --min-complete
# --------------------------------------------------------------------------------------


def min_complete(text: str) -> Fraction:
    """The value of ``--min-complete``: a fraction from 0 to 1 (``0.95``) or a percentage
    (``95%``)."""
    raw = text.strip()
    percent = raw.endswith(("%", "％"))
    try:
        value = Fraction(raw[:-1].strip()) / 100 if percent else Fraction(raw)
    except (ValueError, ZeroDivisionError):
        value = Fraction(-1)
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(
            f"“{text}”不是 0 到 1 之间的比例（如 0.95）或 0% 到 100% 之间的百分比（如 95%）"
        )
    return value


def printed_share(figure: Completeness) -> Fraction:
    """The share of the cells *printed* in the report that were read: read / (read +
    unread).  Rows the report does not print do not count against it (``--min-complete``)."""
    return figure.printed_share


def threshold_text(value: Fraction) -> str:
    """A --min-complete share as printed: ``95%``."""
    return f"{float(value * 100):.4g}%"


def _short(figure: Completeness | None, threshold: Fraction) -> bool:
    """True when a report read in part falls below ``--min-complete``."""
    return figure is not None and not figure.complete and printed_share(figure) < threshold


def _incomplete_text(figure: Completeness) -> str:
    return f"表格未能完整读取（{figure.unread} 个单元格未读取），检查不完整"


def _completeness_line(figure: Completeness, threshold: Fraction, paint: Paint) -> str:
    """The line under a report's head line: how much of its tables was read."""
    if figure.complete:
        return paint("dim", f"  {figure.describe()}")
    text = f"  {_incomplete_text(figure)}：{figure.describe()}"
    if not _short(figure, threshold):
        text += f"（不低于 --min-complete {threshold_text(threshold)}）"
    return paint("error" if _short(figure, threshold) else "warning", text)


def _report_block(item: BatchItem, args: argparse.Namespace, paint: Paint) -> list[str]:
    """The lines printed for one file of ``zfxxgk check``."""
    if is_pre_2019(item):
        assert item.error is not None
        warning = Severity.WARNING
        head = f"{paint(warning.value, pad(warning.label, 4))} {paint('bold', item.error.code)}"
        return [
            f"{paint('bold', item.path)}  未检查：2019 年以前格式，没有标准统计表格",
            f"  {head}  (整份报告)",
            f"        {item.error.message}",
            "",
        ]
    if item.error is not None or item.summary is None:
        error = item.error
        text = str(error) if error is not None else "无法读取"
        lines = [f"{paint('bold', item.path)}", f"  {paint('error', '无法读取')} {text}"]
        if error is not None and error.code == NoStandardTablesError.code:
            lines.append(f"  {paint('error', '统计表格未能读取，报告未检查')}")
        return [*lines, ""]
    result = item.summary
    figure = result.completeness
    findings = item.findings or ()
    from ..rules import Findings

    findings = Findings(findings)
    tally = counts(findings)
    summary = "，".join(f"{s.label} {tally[s.value]}" for s in Severity if tally[s.value])
    if not figure.complete:
        summary = "，".join(p for p in (paint("error", "检查不完整"), summary) if p)
    summary = summary or paint("ok", "未发现问题")
    lines = [
        f"{paint('bold', item.path)}  {describe_report(result.info)}：{summary}",
        _completeness_line(figure, args.min_complete, paint),
    ]
    shown: Counter[str] = Counter()
    hidden: Counter[tuple[str, Severity]] = Counter()
    for finding in findings:
        collapsible = finding.severity is not Severity.ERROR and not args.all
        if collapsible and shown[finding.code] >= COLLAPSE_AFTER:
            hidden[finding.code, finding.severity] += 1
            continue
        shown[finding.code] += 1
        lines.extend(finding_lines(finding, paint))
    for (code, severity), count in hidden.items():
        lines.append(
            paint("dim", f"  … 另有 {count} 条 {code}（{severity.label}），加 --all 显示全部")
        )
    if args.verbose and result.diagnostics:
        lines.append(paint("dim", f"  读取诊断 {len(result.diagnostics)} 条："))
        lines.extend(paint("dim", f"    {d}") for d in result.diagnostics)
    lines.append("")
    return lines


def summary_line(
    read: int,
    unreadable: int,
    with_errors: int,
    codes: Counter[str],
    severities: dict[str, str],
    pre_2019: int = 0,
    *,
    incomplete: int = 0,
    unread_cells: int = 0,
    short: int = 0,
    threshold: Fraction = Fraction(1),
) -> str:
    """汇总：reports read, files unreadable, reports read in part, reports with errors,
    findings per code by severity.

    *read* counts the reports that were checked; *pre_2019* those read but not checkable
    (pre-2019 format, reported as ``E105`` warnings among *codes*); *incomplete* those read
    in part (*unread_cells* cells printed but not read in all), *short* of them below
    ``--min-complete`` *threshold*.  It never says 未发现问题 when a file could not be read
    or a report was read in part."""
    parts = [f"读取报告 {read} 份"]
    if pre_2019:
        parts.append(f"2019 年以前格式 {pre_2019} 份（无标准表格，未检查）")
    if unreadable:
        parts.append(f"无法读取 {unreadable} 个文件")
    if incomplete:
        part = f"表格未完整读取 {incomplete} 份（共 {unread_cells} 个单元格未读取，检查不完整）"
        if not short:
            part += f"，均不低于 --min-complete {threshold_text(threshold)}"
        elif short != incomplete:
            part += f"，其中 {short} 份低于 --min-complete {threshold_text(threshold)}"
        parts.append(part)
    parts.append(f"有错误的报告 {with_errors} 份")
    text = "汇总：" + "，".join(parts)
    if not codes:
        # a file not read, or read in part, was not checked: never "no problems" then
        unchecked = [f"{unreadable} 个文件未能检查"] if unreadable else []
        if incomplete:
            unchecked.append(f"{incomplete} 份报告检查不完整")
        return text + "；" + ("，".join(unchecked) or "未发现问题")
    for severity in Severity:
        mine = sorted(
            ((c, n) for c, n in codes.items() if severities[c] == severity.value),
            key=lambda cn: (-cn[1], cn[0]),
        )
        if mine:
            text += f"；{severity.label} " + "，".join(f"{c} {n}" for c, n in mine)
    return text


def _completeness_json(figure: Completeness) -> dict[str, Any]:
    return {
        **figure.as_dict(),
        "complete": figure.complete,
        "unread_paths": list(figure.unread_paths),
    }


def _item_json(item: BatchItem) -> dict[str, Any]:
    if item.summary is None:
        error = item.error
        return {
            "file": item.path,
            "read": False,
            "error": None
            if error is None
            else {"code": error.code, "message": error.message, "kind": error.kind},
        }
    info = item.summary.info
    from ..rules import Findings

    findings = Findings(item.findings or ())
    return {
        "file": item.path,
        "read": True,
        "agency": info.agency,
        "year": info.year,
        "template": info.template.value,
        "completeness": _completeness_json(item.summary.completeness),
        "counts": counts(findings),
        "diagnostics": len(item.summary.diagnostics),
        "findings": [finding_json(f) for f in findings],
    }


class _Tally:
    """What the summary counts, item by item: reports read, unreadable, read in part (below
    ``--min-complete``), with errors, pre-2019, findings per code and their severity, the
    worst severity rank."""

    def __init__(self, fmt: str, progress: Progress, threshold: Fraction = Fraction(1)) -> None:
        self.fmt = fmt
        self.progress = progress
        self.threshold = threshold
        self.read = self.unreadable = self.with_errors = self.pre_2019 = 0
        self.incomplete = self.unread_cells = self.short = 0
        self.codes: Counter[str] = Counter()
        self.severities: dict[str, str] = {}
        self.worst: int | None = None

    def add(self, item: BatchItem) -> None:
        if is_pre_2019(item):
            # read, but nothing to check: a warning, not a file that could not be read
            assert item.error is not None
            self.pre_2019 += 1
            self.codes[item.error.code] += 1
            self.severities[item.error.code] = Severity.WARNING.value
            self.worst = max(self.worst if self.worst is not None else -1, Severity.WARNING.rank)
            return
        if item.summary is None:
            self.unreadable += 1
            if self.fmt != "text":
                self.progress.clear()
                err(f"无法读取 {item.error}")
            return
        self.read += 1
        figure = item.summary.completeness
        if not figure.complete:
            self.incomplete += 1
            self.unread_cells += figure.unread
            self.short += _short(figure, self.threshold)
        found = item.findings or ()
        if any(f.severity is Severity.ERROR for f in found):
            self.with_errors += 1
        for finding in found:
            self.codes[finding.code] += 1
            self.severities[finding.code] = finding.severity.value
            self.worst = max(self.worst if self.worst is not None else -1, finding.severity.rank)

    def summary(self) -> str:
        return summary_line(
            self.read,
            self.unreadable,
            self.with_errors,
            self.codes,
            self.severities,
            self.pre_2019,
            incomplete=self.incomplete,
            unread_cells=self.unread_cells,
            short=self.short,
            threshold=self.threshold,
        )


def _rows(item: BatchItem) -> Iterator[dict[str, Any]]:
    """The rows of ``--format csv`` and ``jsonl`` for one file (keys :data:`CHECK_COLUMNS`)."""
    from ..records import finding_records, unreadable_row

    if item.summary is None:
        yield {**dict.fromkeys(CHECK_COLUMNS, ""), **unreadable_row(item.path, item.error)}
        return
    figure = item.summary.completeness
    report = {
        "cells_expected": figure.expected,
        "cells_read": figure.read,
        "cells_unread": figure.unread,
        "cells_not_printed": figure.not_printed,
    }
    findings = item.findings or ()
    records = finding_records(findings, file=item.path, report=item.summary.info)
    for finding, record in zip(findings, records, strict=True):
        yield {**record, "location": location_text(finding.location), **report}


def _write_items(
    args: argparse.Namespace,
    items: Iterator[BatchItem],
    tally: _Tally,
    out: IO[str],
    paint: Paint,
) -> list[dict[str, Any]]:
    """Write every item in ``--format`` as it comes (JSON: collect them, returned)."""
    reports: list[dict[str, Any]] = []
    if args.format == "text":
        for item in items:
            tally.add(item)
            if args.quiet:
                continue
            tally.progress.clear()
            print("\n".join(_report_block(item, args, paint)), file=out)
            out.flush()
        return reports
    if args.format == "json":
        for item in items:
            tally.add(item)
            reports.append(_item_json(item))
        return reports
    from ..records import write_csv, write_jsonl

    def rows() -> Iterator[dict[str, Any]]:
        for item in items:
            tally.add(item)
            yield from _rows(item)

    if args.format == "csv":
        write_csv(rows(), CHECK_COLUMNS, out)
    else:
        write_jsonl(rows(), out)
    return reports


def _document(
    reports: list[dict[str, Any]], files: int, tally: _Tally, code: int, summary: str
) -> dict[str, Any]:
    """The document of ``--format json``."""
    return {
        "format": "zfxxgk.check",
        "version": 1,
        "reports": reports,
        "summary": {
            "files": files,
            "read": tally.read,
            "unreadable": tally.unreadable,
            "pre_2019": tally.pre_2019,
            "incomplete": tally.incomplete,
            "unread_cells": tally.unread_cells,
            "below_min_complete": tally.short,
            "min_complete": float(tally.threshold),
            "with_errors": tally.with_errors,
            "findings": dict(tally.codes),
            "exit_code": code,
            "text": summary,
        },
    }


def _cmd_check(args: argparse.Namespace) -> int:
    fail_rank = FAIL_ON[args.fail_on]
    # the workers send back what is printed (each report's summary and findings), not reports
    files, progress, items = batch(args, check=True, label="检查", keep_report=False)
    if not files:
        err("没有找到报告文件")
        return EXIT_UNREADABLE
    tally = _Tally(args.format, progress, args.min_complete)
    with output(args.output, bom=wants_bom(args)) as out:
        paint = Paint(want_colour(args.color, out) and args.format == "text")
        reports = _write_items(args, items, tally, out, paint)
        progress.clear()
        code = status(tally.unreadable, tally.worst, fail_rank, tally.short)
        summary = tally.summary()
        if args.format == "json":
            import json  # here: the text and CSV outputs do without it (start-up)

            json.dump(
                _document(reports, len(files), tally, code, summary),
                out,
                ensure_ascii=False,
                indent=1,
            )
            out.write("\n")
        elif args.format == "text":
            print(paint("bold", summary), file=out)
        elif not args.quiet:
            print(summary, file=sys.stderr)
    return code


def register(sub: Any) -> None:
    """Add ``check`` to *sub* (what ``ArgumentParser.add_subparsers`` returns)."""
    check = sub.add_parser(
        "check",
        help="检查报告：勾稽关系、各行总计、（七）总计、行政复议与行政诉讼总计、空白单元格等",
        description="读取并检查报告的统计表格：表三勾稽关系（第一项加第二项之和，等于第三项加"
        "第四项之和）、各行“总计”、“（七）总计”、表四行政复议与行政诉讼“总计”，以及空白、"
        "占位符、非数字单元格。按报告分组列出检查结果（官方标签、报告值与应为值）和读取的完整"
        "程度（已读取多少个单元格），最后一行为汇总。",
        epilog="退出码：0 全部文件都已读取、每份报告的表格都完整读取（或不低于 --min-complete），"
        "且没有 --fail-on 级别的检查结果；1 有 --fail-on 级别的检查结果，或有报告的表格未能完整"
        "读取（低于 --min-complete，默认要求原文印出的单元格全部读取）；2 有文件无法读取（包括"
        "未能读取任何统计表格的文件）或用法错误。几种情况同时出现时取最大值。"
        "2019 年以前格式的报告（E105）不使退出码为 2，--fail-on warning 时为 1。",
    )
    add_batch_options(check)
    add_format(
        check,
        ("text", "json", "jsonl", "csv"),
        "text",
        "输出格式：text（默认，按报告分组）、json（一个文档）、"
        "jsonl 或 csv（每条检查结果一行）；不给时按 -o 的扩展名（.txt .json .jsonl .csv）",
    )
    add_fail_on(check)
    check.add_argument(
        "--min-complete",
        type=min_complete,
        default=Fraction(1),
        metavar="SHARE",
        help="每份报告原文印出的单元格至少读取这一比例，否则退出码为 1：0 到 1 的比例（如 0.95）"
        "或百分比（如 95%%）；默认 100%%，即有任何单元格未能读取就不算通过；0 表示不因未读取"
        "而失败（仍在输出中说明）。原文未印出的行不计在内",
    )
    add_color(check)
    check.add_argument(
        "--all",
        action="store_true",
        help=f"列出全部警告和提示（默认同一代码超过 {COLLAPSE_AFTER} 条时折叠）",
    )
    check.add_argument("-q", "--quiet", action="store_true", help="只输出汇总行")
    add_select_options(check)
    add_rules_option(check)
    check.set_defaults(func=_cmd_check)
