"""The ``zfxxgk`` command line.

    zfxxgk check PATH...            检查报告：勾稽关系、各行总计、（七）总计、复议诉讼总计等
    zfxxgk export PATH...           导出表格单元格（官方标签寻址）：CSV、JSON、JSON lines、Parquet
    zfxxgk convert FILE -o OUT      转换为 JSON、HTML、Markdown、文本或 DOCX
    zfxxgk compare OLD NEW          前后两年对比：上年结转、现行有效件数，以及变化的单元格
    zfxxgk rules                    列出全部检查规则

A PATH is a file, a folder (searched recursively for report files) or a glob pattern.

Exit codes: 0 fine; 1 findings at or above ``--fail-on`` (default: error); 2 a file could not
be read, or bad usage.  When both happen, 2 wins: a run that could not read everything it was
given has not checked everything, whatever it found in the rest.  130 when interrupted.
A report in the pre-2019 format is read but has no standard tables: ``check`` notes it as an
``E105`` warning (not checked) and ``export`` skips it with a note on standard error, rather
than as a file they could not read.

A command is ``func(args) -> int`` and writes where it likes, or ``func(args, out) -> int``
and writes to *out*, which :func:`main` opens (standard output, or the ``-o`` file).

This module may import more than ``import zfxxgk`` does; it still imports the readers, rules
and writers only when a command needs them.  Colour is plain ANSI, used when standard output
is a terminal and ``NO_COLOR`` is not set (``--color always|never`` to choose).
"""

from __future__ import annotations

import argparse
import contextlib
import inspect
import json
import os
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Final, NoReturn, TextIO

from . import __version__
from .cells import format_number, json_number
from .diagnostics import Severity
from .errors import Pre2019ReportError, ZfxxgkError

if TYPE_CHECKING:
    from .batch import BatchItem
    from .model import Report
    from .rules import Finding, Findings, RuleSet

__all__ = ["EXIT_FINDINGS", "EXIT_INTERRUPTED", "EXIT_OK", "EXIT_UNREADABLE", "main"]

EXIT_OK: Final = 0
EXIT_FINDINGS: Final = 1
EXIT_UNREADABLE: Final = 2
"""A file could not be read, or the command line was wrong (argparse also exits 2)."""
EXIT_INTERRUPTED: Final = 130

FAIL_ON: Final[dict[str, int | None]] = {"error": 2, "warning": 1, "info": 0, "never": None}
"""``--fail-on`` choices → the lowest severity rank that makes the exit code 1."""

COLLAPSE_AFTER: Final = 5
"""Without ``--all``, a report lists at most this many warnings or infos of one code."""


def _err(message: str) -> None:
    print(f"zfxxgk: {message}", file=sys.stderr)


# --------------------------------------------------------------------------------------
# terminal: colour, widths, progress
# --------------------------------------------------------------------------------------


def _isatty(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _want_colour(choice: str, stream: IO[str]) -> bool:
    if choice == "always":
        return True
    if choice == "never":
        return False
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return _isatty(stream)


class _Paint:
    """ANSI styles, or nothing when colour is off."""

    _CODES: Final = {
        "error": "31",
        "warning": "33",
        "info": "36",
        "ok": "32",
        "bold": "1",
        "dim": "2",
    }

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def __call__(self, style: str, text: str) -> str:
        if not self.enabled or not text:
            return text
        return f"\033[{self._CODES[style]}m{text}\033[0m"


def _width(text: str) -> int:
    """Columns *text* takes in a terminal (CJK characters take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int, *, right: bool = False) -> str:
    gap = " " * max(0, width - _width(text))
    return gap + text if right else text + gap


class _Progress:
    """A one-line progress bar on standard error, drawn only on a terminal."""

    def __init__(self, total: int, *, enabled: bool, label: str) -> None:
        self.total = total
        self.done = 0
        self.label = label
        self.enabled = enabled and total > 1
        self.stream = sys.stderr

    def advance(self, name: str) -> None:
        self.done += 1
        self.draw(name)

    def draw(self, name: str = "") -> None:
        if not self.enabled:
            return
        width = 24
        filled = width * self.done // max(self.total, 1)
        bar = "█" * filled + "░" * (width - filled)
        tail = Path(name).name if name else ""
        if _width(tail) > 40:
            tail = "…" + tail[-38:]
        self.stream.write(f"\r\033[K{self.label} {bar} {self.done}/{self.total} {tail}")
        self.stream.flush()

    def clear(self) -> None:
        if self.enabled:
            self.stream.write("\r\033[K")
            self.stream.flush()


def _progress_enabled(args: argparse.Namespace) -> bool:
    return not args.no_progress and _isatty(sys.stderr) and os.environ.get("TERM") != "dumb"


@contextlib.contextmanager
def _output(path: str | None) -> Iterator[TextIO]:
    """Standard output, or the file *path* (UTF-8; "-" is standard output)."""
    if not path or path == "-":
        yield sys.stdout
        return
    with open(path, "w", encoding="utf-8", newline="") as handle:
        yield handle


def _in_order(items: Iterable[BatchItem], order: Sequence[str]) -> Iterator[BatchItem]:
    """Items back in the order of *order* (their paths), each as soon as its turn comes."""
    position = {name: i for i, name in enumerate(order)}
    held: dict[int, BatchItem] = {}
    turn = 0
    for item in items:
        held[position.get(item.path, len(order) + len(held))] = item
        while turn in held:
            yield held.pop(turn)
            turn += 1
    for index in sorted(held):  # pragma: no cover - only paths outside *order*
        yield held[index]


def _codes(values: Sequence[str] | None) -> list[str]:
    return [c.strip() for v in values or () for c in v.split(",") if c.strip()]


def _rule_set(args: argparse.Namespace) -> RuleSet:
    """The default rules, narrowed by ``--select`` and ``--ignore``.

    Each value is a rule code or the start of codes: ``S3`` is every section-三 rule,
    ``CELL`` every cell rule, ``N1`` the narrative rules N1… .
    """
    from .rules import RuleSet

    rules = RuleSet.default()
    select = _codes(getattr(args, "select", None))
    ignore = _codes(getattr(args, "ignore", None))
    unknown = [p for p in (*select, *ignore) if not any(c.startswith(p) for c in rules.codes)]
    if unknown:
        raise _UsageError(f"未知的规则代码：{'、'.join(unknown)}（zfxxgk rules 列出全部代码）")
    if select:
        rules = rules.only(*(c for c in rules.codes if c.startswith(tuple(select))))
    if ignore:
        rules = rules.without(*(c for c in rules.codes if c.startswith(tuple(ignore))))
    return rules


class _UsageError(Exception):
    """Bad usage found after parsing: the message is printed and the exit code is 2."""


def _batch(
    args: argparse.Namespace, *, check: bool, label: str
) -> tuple[list[str], _Progress, Iterator[BatchItem]]:
    """The files under the command's PATHs, a progress bar, and their items in order."""
    from .batch import find_reports, read_many

    rules = _rule_set(args) if check else None
    files = [os.fspath(p) for p in find_reports(args.paths)]
    progress = _Progress(len(files), enabled=_progress_enabled(args), label=label)

    def items() -> Iterator[BatchItem]:
        progress.draw()
        # the commands print reports, findings and diagnostics, never the cells' provenance
        for item in read_many(
            files, jobs=args.jobs, check=check, rules=rules, keep_provenance=False
        ):
            progress.advance(item.path)
            yield item

    return files, progress, _in_order(items(), files)


# --------------------------------------------------------------------------------------
# numbers and findings as text
# --------------------------------------------------------------------------------------


def _number(value: int | Decimal | None) -> str:
    return format_number(value, blank="空白")


def _describe_report(report: Report) -> str:
    from .render import describe

    return describe(report)


def _counts(findings: Findings) -> dict[str, int]:
    counter = Counter(f.severity.value for f in findings)
    return {s.value: counter.get(s.value, 0) for s in Severity}


def _finding_lines(finding: Finding, paint: _Paint) -> list[str]:
    severity = finding.severity
    head = f"{paint(severity.value, _pad(severity.label, 4))} {paint('bold', finding.code)}"
    lines = [f"  {head}  {finding.where}"]
    message = finding.message
    if finding.expected is not None and _number(finding.expected) not in message:
        message += f"（报告 {_number(finding.reported)}，应为 {_number(finding.expected)}）"
    lines.append(f"        {message}")
    return lines


def _is_pre_2019(item: BatchItem) -> bool:
    """A report in the pre-2019 format: read, but with no standard tables to check."""
    return (
        item.result is None
        and item.error is not None
        and (item.error.code == Pre2019ReportError.code)
    )


def _report_block(item: BatchItem, args: argparse.Namespace, paint: _Paint) -> list[str]:
    """The lines printed for one file of ``zfxxgk check``."""
    if _is_pre_2019(item):
        assert item.error is not None
        warning = Severity.WARNING
        head = f"{paint(warning.value, _pad(warning.label, 4))} {paint('bold', item.error.code)}"
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
    from .rules import Findings

    findings = Findings(findings)
    counts = _counts(findings)
    summary = "，".join(
        f"{s.label} {counts[s.value]}" for s in Severity if counts[s.value]
    ) or paint("ok", "未发现问题")
    lines = [f"{paint('bold', item.path)}  {_describe_report(result.report)}：{summary}"]
    shown: Counter[str] = Counter()
    hidden: Counter[tuple[str, Severity]] = Counter()
    for finding in findings:
        collapsible = finding.severity is not Severity.ERROR and not args.all
        if collapsible and shown[finding.code] >= COLLAPSE_AFTER:
            hidden[finding.code, finding.severity] += 1
            continue
        shown[finding.code] += 1
        lines.extend(_finding_lines(finding, paint))
    for (code, severity), count in hidden.items():
        lines.append(
            paint("dim", f"  … 另有 {count} 条 {code}（{severity.label}），加 --all 显示全部")
        )
    if args.verbose and result.diagnostics:
        lines.append(paint("dim", f"  读取诊断 {len(result.diagnostics)} 条："))
        lines.extend(paint("dim", f"    {d}") for d in result.diagnostics)
    lines.append("")
    return lines


def _summary_line(
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
        return text + "；未发现问题"
    for severity in Severity:
        mine = sorted(
            ((c, n) for c, n in codes.items() if severities[c] == severity.value),
            key=lambda cn: (-cn[1], cn[0]),
        )
        if mine:
            text += f"；{severity.label} " + "，".join(f"{c} {n}" for c, n in mine)
    return text


def _status(unreadable: int, worst: int | None, fail_rank: int | None) -> int:
    if unreadable:
        return EXIT_UNREADABLE
    if fail_rank is not None and worst is not None and worst >= fail_rank:
        return EXIT_FINDINGS
    return EXIT_OK


# --------------------------------------------------------------------------------------
# zfxxgk check
# --------------------------------------------------------------------------------------


def _finding_json(finding: Finding) -> dict[str, Any]:
    return {
        "code": finding.code,
        "severity": finding.severity.value,
        "message": finding.message,
        "labels": list(finding.labels),
        "label_path": "/".join(finding.labels),
        "path": finding.path,
        "reported": json_number(finding.reported),
        "expected": json_number(finding.expected),
    }


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
    from .rules import Findings

    findings = Findings(item.findings or ())
    return {
        "file": item.path,
        "read": True,
        "agency": info.agency,
        "year": info.year,
        "template": info.template.value,
        "counts": _counts(findings),
        "diagnostics": len(item.result.diagnostics),
        "findings": [_finding_json(f) for f in findings],
    }


def _cmd_check(args: argparse.Namespace) -> int:
    from .export import (
        FINDING_COLUMNS,
        finding_records,
        unreadable_row,
        write_csv,
        write_jsonl,
    )

    fail_rank = FAIL_ON[args.fail_on]
    files, progress, items = _batch(args, check=True, label="检查")
    if not files:
        _err("没有找到报告文件")
        return EXIT_UNREADABLE
    read = unreadable = with_errors = pre_2019 = 0
    reports: list[dict[str, Any]] = []
    codes: Counter[str] = Counter()
    severities: dict[str, str] = {}
    worst: int | None = None

    def tally(item: BatchItem) -> None:
        nonlocal read, unreadable, with_errors, worst, pre_2019
        if _is_pre_2019(item):
            # read, but nothing to check: a warning, not a file that could not be read
            assert item.error is not None
            pre_2019 += 1
            codes[item.error.code] += 1
            severities[item.error.code] = Severity.WARNING.value
            worst = max(worst if worst is not None else -1, Severity.WARNING.rank)
            return
        if item.result is None:
            unreadable += 1
            if args.format != "text":
                progress.clear()
                _err(f"无法读取 {item.error}")
            return
        read += 1
        found = item.findings or ()
        if any(f.severity is Severity.ERROR for f in found):
            with_errors += 1
        for finding in found:
            codes[finding.code] += 1
            severities[finding.code] = finding.severity.value
            worst = max(worst if worst is not None else -1, finding.severity.rank)

    with _output(args.output) as out:
        paint = _Paint(_want_colour(args.color, out) and args.format == "text")
        if args.format == "text":
            for item in items:
                tally(item)
                if args.quiet:
                    continue
                progress.clear()
                print("\n".join(_report_block(item, args, paint)), file=out)
                out.flush()
        elif args.format == "json":
            for item in items:
                tally(item)
                reports.append(_item_json(item))
        else:

            def rows() -> Iterator[dict[str, Any]]:
                for item in items:
                    tally(item)
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
        progress.clear()
        status = _status(unreadable, worst, fail_rank)
        summary = _summary_line(read, unreadable, with_errors, codes, severities, pre_2019)
        if args.format == "json":
            document = {
                "format": "zfxxgk.check",
                "version": 1,
                "reports": reports,
                "summary": {
                    "files": len(files),
                    "read": read,
                    "unreadable": unreadable,
                    "pre_2019": pre_2019,
                    "with_errors": with_errors,
                    "findings": dict(codes),
                    "exit_code": status,
                    "text": summary,
                },
            }
            json.dump(document, out, ensure_ascii=False, indent=1)
            out.write("\n")
        elif args.format == "text":
            print(paint("bold", summary), file=out)
        elif not args.quiet:
            print(summary, file=sys.stderr)
    return status


# --------------------------------------------------------------------------------------
# zfxxgk export
# --------------------------------------------------------------------------------------

_EXPORT_SUFFIXES: Final = {".csv": "csv", ".json": "json", ".jsonl": "jsonl", ".parquet": "parquet"}


def _cmd_export(args: argparse.Namespace) -> int:
    from .export import CELL_COLUMNS, cell_records, write_csv, write_jsonl, write_parquet

    fmt = args.format
    if fmt is None:
        suffix = Path(args.output).suffix.lower() if args.output else ""
        fmt = _EXPORT_SUFFIXES.get(suffix, "csv")
    if fmt == "parquet" and (not args.output or args.output == "-"):
        _err("Parquet 是二进制格式，请用 -o 指定输出文件，例如 -o cells.parquet")
        return EXIT_UNREADABLE
    files, progress, items = _batch(args, check=False, label="导出")
    if not files:
        _err("没有找到报告文件")
        return EXIT_UNREADABLE
    status = EXIT_OK

    def records() -> Iterator[dict[str, str]]:
        nonlocal status
        for item in items:
            if _is_pre_2019(item):  # read, with no standard tables: nothing to export
                progress.clear()
                _err(f"跳过 {item.error}")
                continue
            if item.result is None:
                progress.clear()
                _err(str(item.error))
                status = EXIT_UNREADABLE
                continue
            if args.verbose:
                progress.clear()
                for diagnostic in item.result.diagnostics:
                    print(f"{item.path}: {diagnostic}", file=sys.stderr)
            yield from cell_records(item.result.report, file=item.path)

    try:
        if fmt == "parquet":
            write_parquet(records(), CELL_COLUMNS, args.output)
        else:
            with _output(args.output) as out:
                if fmt == "csv":
                    write_csv(records(), CELL_COLUMNS, out)
                elif fmt == "jsonl":
                    write_jsonl(records(), out)
                else:
                    json.dump(list(records()), out, ensure_ascii=False, indent=1)
                    out.write("\n")
    finally:
        progress.clear()
    return status


# --------------------------------------------------------------------------------------
# zfxxgk convert
# --------------------------------------------------------------------------------------


def _cmd_convert(args: argparse.Namespace) -> int:
    from .convert import CONVERT_FORMATS, convert, format_for, read_input

    try:
        fmt = args.to or format_for(args.output)
    except ValueError as exc:
        _err(str(exc))
        return EXIT_UNREADABLE
    if fmt == "docx" and args.output == "-":
        _err("DOCX 是二进制格式，请用 -o 指定输出文件，例如 -o 报告.docx")
        return EXIT_UNREADABLE
    assert fmt in CONVERT_FORMATS
    result = read_input(args.file)
    written = convert(
        result.report,
        fmt,
        None if args.output == "-" else args.output,
        fill_totals=args.fill_totals,
        check=not args.no_check,
        labels=args.labels,
        text_style=args.text_style,
    )
    if written.text is not None:
        sys.stdout.write(written.text)
    if not args.fill_totals and written.total_errors:
        _err(
            f"提示：报告中有 {written.total_errors} 处合计与各项之和不符（已按原样写出）；"
            "加 --fill-totals 可按各项重新计算总计"
        )
    return EXIT_OK


# --------------------------------------------------------------------------------------
# zfxxgk compare
# --------------------------------------------------------------------------------------


def _cmd_compare(args: argparse.Namespace) -> int:
    from .convert import read_input
    from .export import CHANGE_COLUMNS, change_records, write_csv
    from .rules import check_pair

    old = read_input(args.old)
    new = read_input(args.new)
    findings = check_pair(old.report, new.report)
    changes = list(change_records(old.report, new.report, include_unchanged=args.all))
    worst = max((f.severity.rank for f in findings), default=None)
    status = _status(0, worst, FAIL_ON[args.fail_on])
    with _output(args.output) as out:
        if args.format == "json":
            document = {
                "format": "zfxxgk.compare",
                "version": 1,
                "old": _side_json(args.old, old.report),
                "new": _side_json(args.new, new.report),
                "findings": [_finding_json(f) for f in findings],
                "changes": changes,
                "exit_code": status,
            }
            json.dump(document, out, ensure_ascii=False, indent=1)
            out.write("\n")
            return status
        if args.format == "csv":
            write_csv(changes, CHANGE_COLUMNS, out)
            for finding in findings:
                print(f"zfxxgk: {finding}", file=sys.stderr)
            return status
        paint = _Paint(_want_colour(args.color, out))
        print(f"旧：{paint('bold', args.old)}  {_describe_report(old.report)}", file=out)
        print(f"新：{paint('bold', args.new)}  {_describe_report(new.report)}", file=out)
        print("", file=out)
        print(
            paint("bold", "两年检查（上年结转 = 上一年度结转下年度继续办理；现行有效件数）"),
            file=out,
        )
        if findings:
            for finding in findings:
                print("\n".join(_finding_lines(finding, paint)), file=out)
        else:
            print(f"  {paint('ok', '未发现问题')}", file=out)
        print("", file=out)
        print("\n".join(_changes_table(changes, paint, include_unchanged=args.all)), file=out)
    return status


def _side_json(name: str, report: Report) -> dict[str, Any]:
    info = report.info
    return {
        "file": name,
        "agency": info.agency,
        "year": info.year,
        "template": info.template.value,
    }


def _changes_table(
    changes: list[dict[str, str]], paint: _Paint, *, include_unchanged: bool
) -> list[str]:
    """The changed cells as a table (old, new, change, official labels).

    Cells that only one report prints (the template changed, or （六）其他处理 is printed
    differently) are counted, and listed only with ``--all``.
    """
    from .export import NOT_PRINTED

    one_sided = [c for c in changes if NOT_PRINTED in (c["old"], c["new"])]
    shown = changes if include_unchanged else [c for c in changes if c not in one_sided]
    title = "全部单元格" if include_unchanged else "变化的单元格"
    lines = [paint("bold", f"{title}（{len(shown)} 格）：")]
    if not shown:
        lines.append("  两份报告共有的单元格数字相同。")
    else:
        old_w = max(_width("旧"), *(_width(c["old"]) for c in shown))
        new_w = max(_width("新"), *(_width(c["new"]) for c in shown))
        change_w = max(_width("变化"), *(_width(c["change"]) for c in shown))

        def line(old: str, new: str, change: str, where: str) -> str:
            columns = (
                _pad(old, old_w, right=True),
                _pad(new, new_w, right=True),
                _pad(change, change_w, right=True),
                where,
            )
            return "  " + "  ".join(columns)

        lines.append(paint("dim", line("旧", "新", "变化", "单元格（表/行/列）")))
        for c in shown:
            lines.append(
                line(c["old"], c["new"], c["change"], f"{c['section']}/{c['row']}/{c['column']}")
            )
    if one_sided and not include_unchanged:
        lines.append(
            paint(
                "dim",
                f"  另有 {len(one_sided)} 格只有一份报告印有（两年的表格格式不同），加 --all 列出",
            )
        )
    return lines


# --------------------------------------------------------------------------------------
# zfxxgk rules
# --------------------------------------------------------------------------------------


def _cmd_rules(args: argparse.Namespace) -> int:
    from .rules import catalogue

    for info in catalogue():
        print(f"{info.code}\t{info.severity.label}\t{info.title}")
    return EXIT_OK


# --------------------------------------------------------------------------------------
# the parser
# --------------------------------------------------------------------------------------

_PATHS_HELP = "报告文件、文件夹（递归查找 HTML、文本、Markdown、DOCX、PDF 等报告文件）或通配符"


def _add_batch_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help=_PATHS_HELP)
    parser.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=1,
        metavar="N",
        help="用 N 个进程并行读取（默认 1；0 表示每个 CPU 一个进程）",
    )
    parser.add_argument(
        "--no-progress",
        action="store_true",
        help="不在标准错误输出显示进度条（非终端时本就不显示）",
    )
    parser.add_argument("-o", "--output", metavar="OUT", help="写入文件（默认标准输出）")
    parser.add_argument("-v", "--verbose", action="store_true", help="显示读取诊断（R 代码）")


def _add_color(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="彩色输出：auto（默认，终端且未设置 NO_COLOR 时）、always、never",
    )


def _add_fail_on(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--fail-on",
        choices=tuple(FAIL_ON),
        default="error",
        help="有此级别或更严重的检查结果时退出码为 1："
        "error（错误，默认）、warning（警告）、info（提示）、never（从不）",
    )


class _Formatter(argparse.HelpFormatter):
    """argparse's help layout with a Chinese ``用法：`` line."""

    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[Any],
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


_USAGE_ERRORS: Final[tuple[tuple[re.Pattern[str], str], ...]] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"^the following arguments are required: (.+)$", r"缺少必需的参数：\1"),
        (r"^unrecognized arguments: (.+)$", r"无法识别的参数：\1"),
        (
            r"^argument (.+?): invalid choice: (.+?) \(choose from (.+)\)$",
            r"参数 \1 的值 \2 无效（可选：\3）",
        ),
        (r"^argument (.+?): expected one argument$", r"参数 \1 需要一个值"),
        (r"^argument (.+?): expected at least one argument$", r"参数 \1 至少需要一个值"),
        (r"^argument (.+?): invalid (\w+) value: (.+)$", r"参数 \1 的值 \3 无效"),
        (r"^argument (.+?): not allowed with argument (.+)$", r"参数 \1 不能与 \2 同时使用"),
        (r"^ambiguous option: (.+?) could match (.+)$", r"选项 \1 有歧义，可能是 \2"),
    )
)


def _usage_error(message: str) -> str:
    """argparse's English usage error in Chinese (the known forms; others as they are)."""
    for pattern, replacement in _USAGE_ERRORS:
        if pattern.match(message):
            return pattern.sub(replacement, message)
    return message


class _Parser(argparse.ArgumentParser):
    """An argparse parser whose own words (usage, section titles, help, errors) are Chinese;
    the sub-command parsers are of this class too."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        add_help = kwargs.get("add_help", True)
        kwargs["add_help"] = False  # our own -h, with a Chinese help text
        super().__init__(*args, **kwargs)
        self._positionals.title = "位置参数"
        self._optionals.title = "选项"
        if add_help:
            self.add_argument("-h", "--help", action="help", help="显示此帮助并退出")

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_UNREADABLE, f"{self.prog}：用法错误：{_usage_error(message)}\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="zfxxgk",
        description="读取、建模并检查政府信息公开工作年度报告（2019 与 2021 年版格式）。",
        epilog="退出码：0 正常；1 有 --fail-on 级别的检查结果；2 有文件无法读取或用法错误"
        "（两者同时出现时为 2）。",
    )
    parser.add_argument(
        "--version", action="version", version=f"zfxxgk {__version__}", help="显示版本号并退出"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = sub.add_parser(
        "check",
        help="检查报告：勾稽关系、各行总计、（七）总计、行政复议与行政诉讼总计、空白单元格等",
        description="读取并检查报告的统计表格：表三勾稽关系（第一项加第二项之和，等于第三项加"
        "第四项之和）、各行“总计”、“（七）总计”、表四行政复议与行政诉讼“总计”，以及空白、"
        "占位符、非数字单元格。按报告分组列出检查结果（官方标签、报告值与应为值），最后一行为"
        "汇总。",
    )
    _add_batch_options(check)
    check.add_argument(
        "-f",
        "--format",
        choices=("text", "json", "jsonl", "csv"),
        default="text",
        help="输出格式：text（默认，按报告分组）、json（一个文档）、"
        "jsonl 或 csv（每条检查结果一行）",
    )
    _add_fail_on(check)
    _add_color(check)
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

    export = sub.add_parser(
        "export",
        help="导出报告表格（二、三、四）的每个单元格，按官方标签寻址",
        description="导出二、主动公开政府信息情况，三、收到和处理政府信息公开申请情况，"
        "四、政府信息公开行政复议、行政诉讼情况三张表格的每个单元格，多个报告合为一张表"
        "（列：file, agency, year, template, section, row, column, value, raw, kind, path）。",
    )
    _add_batch_options(export)
    export.add_argument(
        "--format",
        choices=("csv", "json", "jsonl", "parquet"),
        default=None,
        help="输出格式（默认按 -o 的扩展名，否则 csv）；parquet 需要 pip install 'zfxxgk[parquet]'",
    )
    export.set_defaults(func=_cmd_export)

    convert = sub.add_parser(
        "convert",
        help="把一份报告转换为 JSON、HTML、Markdown、文本或 DOCX",
        description="把一份报告（或 zfxxgk JSON）转换为：JSON（zfxxgk.report 格式）；独立的 HTML "
        "页面（按模板绘制三张统计表，检查未通过的单元格标红，悬停显示规则与应为值）；Markdown；"
        "文本；DOCX（需要 pip install 'zfxxgk[docx]'，按模板合并单元格，供撰写报告使用）。",
    )
    convert.add_argument("file", metavar="FILE", help="报告文件，或 zfxxgk JSON 文件")
    convert.add_argument(
        "-o", "--output", required=True, metavar="OUT", help="输出文件（“-”为标准输出，DOCX 除外）"
    )
    convert.add_argument(
        "--to",
        choices=("json", "html", "markdown", "text", "docx"),
        help="输出格式（默认按 OUT 的扩展名：.json .html .md .txt .docx）",
    )
    convert.add_argument(
        "--fill-totals",
        action="store_true",
        help="按各项重新计算表三各行“总计”、“（七）总计”和表四各“总计”后再写出"
        "（撰写报告时使用；默认按原样写出）",
    )
    convert.add_argument(
        "--labels", action="store_true", help="JSON 以官方中文标签为键（默认以字段名为键）"
    )
    convert.add_argument(
        "--no-check", action="store_true", help="HTML 中不运行检查、不标出未通过的单元格"
    )
    convert.add_argument(
        "--text-style",
        choices=("box", "ascii", "aligned", "pandoc", "tabs"),
        default="box",
        help="文本格式中统计表的画法：box 制表符边框（默认）、ascii 用 +-| 画线、aligned 不画线"
        "按列对齐、pandoc 为 pandoc 多行表格、tabs 每格一行并以制表符缩进（从网页复制的样式）",
    )
    convert.set_defaults(func=_cmd_convert)

    compare = sub.add_parser(
        "compare",
        help="前后两年对比：上年结转 = 上一年度结转下年度继续办理，现行有效件数，以及变化的单元格",
        description="对比同一机关相邻两个年度的报告（OLD 为上一年度，NEW 为本年度）：运行两年检查"
        "（本年“二、上年结转政府信息公开申请数量” = 上一年度“四、结转下年度继续办理”；"
        "现行有效件数 = 上年现行有效件数 + 本年制发件数 − 本年废止件数），并列出数值变化的单元格"
        "（官方标签、旧值、新值、变化）。",
    )
    compare.add_argument("old", metavar="OLD", help="上一年度的报告")
    compare.add_argument("new", metavar="NEW", help="本年度的报告")
    compare.add_argument(
        "-f",
        "--format",
        choices=("text", "json", "csv"),
        default="text",
        help="输出格式：text（默认）、json（检查结果与变化）、csv（变化的单元格；检查结果写到标准错误）",
    )
    compare.add_argument("--all", action="store_true", help="列出全部单元格，包括未变化的")
    compare.add_argument("-o", "--output", metavar="OUT", help="写入文件（默认标准输出）")
    _add_fail_on(compare)
    _add_color(compare)
    compare.set_defaults(func=_cmd_compare)

    rules = sub.add_parser("rules", help="列出全部检查规则（代码、级别、说明）")
    rules.set_defaults(func=_cmd_rules)

    from . import cli_review

    cli_review.register(sub)  # series, hierarchy, similar
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (see the module docstring)."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, or a usage error (2)
        return exc.code if isinstance(exc.code, int) else EXIT_UNREADABLE
    func: Callable[..., int] | None = getattr(args, "func", None)
    if func is None:
        parser.print_help(sys.stderr)
        return EXIT_UNREADABLE
    try:
        if len(inspect.signature(func).parameters) == 2:  # func(args, out): -o handled here
            with _output(getattr(args, "output", None)) as out:
                return func(args, out)
        return func(args)
    except ZfxxgkError as exc:
        _err(f"[{exc.code}] {exc.message}")
        return EXIT_UNREADABLE
    except _UsageError as exc:
        _err(str(exc))
        return EXIT_UNREADABLE
    except KeyboardInterrupt:
        _err("已中断")
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # e.g. | head: the reader went away
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the flush at exit
        return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
