"""The ``zfxxgk`` command line.

    zfxxgk export [--format csv|json|jsonl] [-o OUT] FILE...   表格单元格导出（官方标签寻址）
    zfxxgk check FILE...                                       检查报告（勾稽关系等）
    zfxxgk rules                                               列出全部检查规则

Exit codes: 0 fine, 1 findings of the failing severity, 2 a file could not be read or bad usage.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from collections.abc import Callable, Sequence
from typing import TextIO

from . import __version__
from .errors import ZfxxgkError

__all__ = ["main"]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_UNREADABLE = 2


def _err(message: str) -> None:
    print(f"zfxxgk: {message}", file=sys.stderr)


def _cmd_export(args: argparse.Namespace, out: TextIO) -> int:
    from .export import CELL_COLUMNS, cell_records
    from .readers import read

    status = EXIT_OK
    records: list[dict[str, str]] = []
    for name in args.files:
        try:
            result = read(name)
        except ZfxxgkError as exc:
            _err(f"[{exc.code}] {exc.message}")
            status = EXIT_UNREADABLE
            continue
        for diagnostic in result.diagnostics:
            if args.verbose:
                print(f"{name}: {diagnostic}", file=sys.stderr)
        records.extend(cell_records(result.report, file=name))
    if args.format == "csv":
        writer = csv.DictWriter(out, fieldnames=list(CELL_COLUMNS), lineterminator="\n")
        writer.writeheader()
        writer.writerows(records)
    elif args.format == "jsonl":
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    else:
        json.dump(records, out, ensure_ascii=False, indent=1)
        out.write("\n")
    return status


def _cmd_check(args: argparse.Namespace, out: TextIO) -> int:
    from .readers import read
    from .rules import check

    status = EXIT_OK
    for name in args.files:
        try:
            result = read(name)
        except ZfxxgkError as exc:
            _err(f"[{exc.code}] {exc.message}")
            status = EXIT_UNREADABLE
            continue
        findings = check(result.report)
        print(f"== {name}: {len(findings)} 条检查结果", file=out)
        for finding in findings:
            print(f"  {finding}", file=out)
        if any(f.severity.value == "error" for f in findings) and status == EXIT_OK:
            status = EXIT_FINDINGS
    return status


def _cmd_rules(args: argparse.Namespace, out: TextIO) -> int:
    from .rules import catalogue

    for info in catalogue():
        print(f"{info.code}\t{info.severity.label}\t{info.title}", file=out)
    return EXIT_OK


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="zfxxgk",
        description="读取、建模并检查政府信息公开工作年度报告（2019 与 2021 年版格式）。",
    )
    parser.add_argument("--version", action="version", version=f"zfxxgk {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    export = sub.add_parser(
        "export",
        help="导出报告表格（二、三、四）的每个单元格，按官方标签寻址",
        description="导出二、主动公开政府信息情况，三、收到和处理政府信息公开申请情况，"
        "四、政府信息公开行政复议、行政诉讼情况三张表格的每个单元格。",
    )
    export.add_argument(
        "files", nargs="+", metavar="FILE", help="报告文件（HTML、文本、Markdown、DOCX、PDF）"
    )
    export.add_argument(
        "--format", choices=("csv", "json", "jsonl"), default="csv", help="输出格式（默认 csv）"
    )
    export.add_argument("-o", "--output", metavar="OUT", help="写入文件（默认标准输出）")
    export.add_argument("-v", "--verbose", action="store_true", help="在标准错误输出读取诊断")
    export.set_defaults(func=_cmd_export)

    check = sub.add_parser("check", help="检查报告：勾稽关系、合计、空白单元格等")
    check.add_argument("files", nargs="+", metavar="FILE")
    check.set_defaults(func=_cmd_check)

    rules = sub.add_parser("rules", help="列出全部检查规则（代码、级别、说明）")
    rules.set_defaults(func=_cmd_rules)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    func: Callable[[argparse.Namespace, TextIO], int] | None = getattr(args, "func", None)
    if func is None:
        parser.print_help(sys.stderr)
        return EXIT_UNREADABLE
    output = getattr(args, "output", None)
    if output:
        buffer = io.StringIO()
        status = func(args, buffer)
        with open(output, "w", encoding="utf-8", newline="") as handle:
            handle.write(buffer.getvalue())
        return status
    return func(args, sys.stdout)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
