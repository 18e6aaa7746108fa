"""``zfxxgk check``: read and check reports, print the findings per report and a summary."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterator
from typing import IO, TYPE_CHECKING, Any

from ..diagnostics import Severity
from .base import (
    COLLAPSE_AFTER,
    EXIT_UNREADABLE,
    FAIL_ON,
    add_batch_options,
    add_color,
    add_fail_on,
    err,
    output,
    status,
)
from .findings import counts, describe_report, finding_json, finding_lines
from .reading import batch, is_pre_2019
from .terminal import Paint, Progress, pad, want_colour

if TYPE_CHECKING:
    from ..batch import BatchItem

__all__ = ["register"]


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
    if item.error is not None or item.result is None:
        error = item.error
        text = str(error) if error is not None else "无法读取"
        return [f"{paint('bold', item.path)}", f"  {paint('error', '无法读取')} {text}", ""]
    result = item.result
    findings = item.findings or ()
    from ..rules import Findings

    findings = Findings(findings)
    tally = counts(findings)
    summary = "，".join(f"{s.label} {tally[s.value]}" for s in Severity if tally[s.value]) or paint(
        "ok", "未发现问题"
    )
    lines = [f"{paint('bold', item.path)}  {describe_report(result.report)}：{summary}"]
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
) -> str:
    """汇总：reports read, files unreadable, reports with errors, findings per code by severity.

    *read* counts the reports that were checked; *pre_2019* those read but not checkable
    (pre-2019 format, reported as ``E105`` warnings among *codes*)."""
    parts = [f"读取报告 {read} 份"]
    if pre_2019:
        parts.append(f"2019 年以前格式 {pre_2019} 份（无标准表格，未检查）")
    if unreadable:
        parts.append(f"无法读取 {unreadable} 个文件")
    parts.append(f"有错误的报告 {with_errors} 份")
    text = "汇总：" + "，".join(parts)
    if not codes:
        # a file that could not be read was not checked: never "no problems" then
        return text + (f"；{unreadable} 个文件未能检查" if unreadable else "；未发现问题")
    for severity in Severity:
        mine = sorted(
            ((c, n) for c, n in codes.items() if severities[c] == severity.value),
            key=lambda cn: (-cn[1], cn[0]),
        )
        if mine:
            text += f"；{severity.label} " + "，".join(f"{c} {n}" for c, n in mine)
    return text


def _item_json(item: BatchItem) -> dict[str, Any]:
    if item.result is None:
        error = item.error
        return {
            "file": item.path,
            "read": False,
            "error": None
            if error is None
            else {"code": error.code, "message": error.message, "kind": error.kind},
        }
    info = item.result.report.info
    from ..rules import Findings

    findings = Findings(item.findings or ())
    return {
        "file": item.path,
        "read": True,
        "agency": info.agency,
        "year": info.year,
        "template": info.template.value,
        "counts": counts(findings),
        "diagnostics": len(item.result.diagnostics),
        "findings": [finding_json(f) for f in findings],
    }


class _Tally:
    """What the summary counts, item by item: reports read, unreadable, with errors, pre-2019,
    findings per code and their severity, the worst severity rank."""

    def __init__(self, fmt: str, progress: Progress) -> None:
        self.fmt = fmt
        self.progress = progress
        self.read = self.unreadable = self.with_errors = self.pre_2019 = 0
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
        if item.result is None:
            self.unreadable += 1
            if self.fmt != "text":
                self.progress.clear()
                err(f"无法读取 {item.error}")
            return
        self.read += 1
        found = item.findings or ()
        if any(f.severity is Severity.ERROR for f in found):
            self.with_errors += 1
        for finding in found:
            self.codes[finding.code] += 1
            self.severities[finding.code] = finding.severity.value
            self.worst = max(self.worst if self.worst is not None else -1, finding.severity.rank)

    def summary(self) -> str:
        return summary_line(
            self.read, self.unreadable, self.with_errors, self.codes, self.severities, self.pre_2019
        )


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
    from ..records import FINDING_COLUMNS, finding_records, unreadable_row, write_csv, write_jsonl

    def rows() -> Iterator[dict[str, Any]]:
        for item in items:
            tally.add(item)
            if item.result is None:
                yield unreadable_row(item.path, item.error)
            else:
                yield from finding_records(
                    item.findings or (), file=item.path, report=item.result.report
                )

    if args.format == "csv":
        write_csv(rows(), FINDING_COLUMNS, out)
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
            "with_errors": tally.with_errors,
            "findings": dict(tally.codes),
            "exit_code": code,
            "text": summary,
        },
    }


def _cmd_check(args: argparse.Namespace) -> int:
    fail_rank = FAIL_ON[args.fail_on]
    files, progress, items = batch(args, check=True, label="检查")
    if not files:
        err("没有找到报告文件")
        return EXIT_UNREADABLE
    tally = _Tally(args.format, progress)
    with output(args.output) as out:
        paint = Paint(want_colour(args.color, out) and args.format == "text")
        reports = _write_items(args, items, tally, out, paint)
        progress.clear()
        code = status(tally.unreadable, tally.worst, fail_rank)
        summary = tally.summary()
        if args.format == "json":
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
        "占位符、非数字单元格。按报告分组列出检查结果（官方标签、报告值与应为值），最后一行为"
        "汇总。",
    )
    add_batch_options(check)
    check.add_argument(
        "-f",
        "--format",
        choices=("text", "json", "jsonl", "csv"),
        default="text",
        help="输出格式：text（默认，按报告分组）、json（一个文档）、"
        "jsonl 或 csv（每条检查结果一行）",
    )
    add_fail_on(check)
    add_color(check)
    check.add_argument(
        "--all",
        action="store_true",
        help=f"列出全部警告和提示（默认同一代码超过 {COLLAPSE_AFTER} 条时折叠）",
    )
    check.add_argument("-q", "--quiet", action="store_true", help="只输出汇总行")
    check.add_argument(
        "--select",
        action="append",
        metavar="CODES",
        help="只运行这些规则：逗号分隔的代码或代码开头，如 S3-BALANCE,S4 "
        "（S4 即全部 S4- 规则；zfxxgk rules 列出全部代码）",
    )
    check.add_argument(
        "--ignore",
        action="append",
        metavar="CODES",
        help="不运行这些规则：逗号分隔的代码或代码开头，如 CELL-BLANK,N2",
    )
    check.set_defaults(func=_cmd_check)
