"""``zfxxgk export`` (every table cell of many reports) and ``zfxxgk convert`` (one report to
JSON, HTML, Markdown, text or DOCX)."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from .base import (
    EXIT_OK,
    EXIT_UNREADABLE,
    add_batch_options,
    add_format,
    err,
    output,
    replacing,
    wants_bom,
)
from .reading import batch, is_pre_2019

if TYPE_CHECKING:
    from ..batch import BatchItem

__all__ = ["register"]


_BINARY = {"parquet": "cells.parquet", "xlsx": "报告.xlsx"}
"""The formats written only to a file, with an example name."""


def _export_error(args: argparse.Namespace) -> str | None:
    """What is wrong with the format and ``-o`` of an export, or ``None``."""
    fmt = args.format  # settled from --format or the suffix of -o (base.settle_format)
    if fmt in _BINARY and (not args.output or args.output == "-"):
        kind = "Parquet" if fmt == "parquet" else "Excel（.xlsx）"
        return f"{kind} 是二进制格式，请用 -o 指定输出文件，例如 -o {_BINARY[fmt]}"
    if args.wide and fmt != "csv":
        return f"--wide 只用于 CSV（每份报告一行、每个单元格一列），不能与 {fmt} 同用"
    return None


def _cmd_export(args: argparse.Namespace) -> int:
    from ..records import CELL_COLUMNS, cell_records, cell_rows

    problem = _export_error(args)
    if problem is not None:
        err(problem)
        return EXIT_UNREADABLE
    fmt = args.format
    files, progress, items = batch(args, check=fmt == "xlsx", label="导出")
    if not files:
        err("没有找到报告文件")
        return EXIT_UNREADABLE
    status = EXIT_OK

    def read() -> Iterator[BatchItem]:
        nonlocal status
        for item in items:
            if is_pre_2019(item):  # read, with no standard tables: nothing to export
                progress.clear()
                err(f"跳过 {item.error}")
                continue
            if item.result is None:
                progress.clear()
                err(str(item.error))
                status = EXIT_UNREADABLE
                continue
            if args.verbose:
                progress.clear()
                for diagnostic in item.result.diagnostics:
                    print(f"{item.path}: {diagnostic}", file=sys.stderr)
            yield item

    def records(typed: bool) -> Iterator[dict[str, Any]]:
        rows = cell_rows if typed else cell_records
        for item in read():
            assert item.result is not None
            yield from rows(
                item.result.report,
                file=item.path,
                include_missing=not args.skip_unknown,
                unconfirmed=item.result.unconfirmed,
            )

    try:
        _write(args, fmt, read, records, CELL_COLUMNS)
    finally:
        progress.clear()
    return status


def _write(
    args: argparse.Namespace,
    fmt: str,
    read: Callable[[], Iterator[BatchItem]],
    records: Callable[[bool], Iterator[dict[str, Any]]],
    columns: tuple[str, ...],
) -> None:
    """Write the export in *fmt*: the items of *read*, or their cell *records* (typed or
    strings)."""
    from ..records import write_csv, write_json, write_jsonl, write_parquet

    if fmt == "parquet":
        with replacing(args.output) as target:
            write_parquet(records(True), columns, target)
        return
    if fmt == "xlsx":
        from ..excel_report import write_workbook

        with replacing(args.output) as target:
            write_workbook(
                ((i.result.report, i.path, i.findings) for i in read() if i.result), target
            )
        return
    with output(args.output, bom=wants_bom(args)) as out:
        if args.wide:
            from ..tabular import wide_table, write_wide_csv

            table = wide_table((i.result.report, i.path) for i in read() if i.result)
            write_wide_csv(table, out)
        elif fmt == "csv":
            write_csv(records(False), columns, out)
        elif fmt == "jsonl":
            write_jsonl(records(True), out)
        else:
            write_json(records(True), out)


def _cmd_convert(args: argparse.Namespace) -> int:
    from ..completeness import completeness
    from ..convert import CONVERT_FORMATS, convert, format_for, read_input
    from ..grids import UNKNOWN_MARK
    from .convert_many import convert_options, is_many, run

    many, names = is_many(args.file)
    if many or os.path.isdir(args.output):  # many reports, or -o a folder: one file each
        return run(args, names)
    try:
        fmt = args.to or format_for(args.output)
    except ValueError as exc:
        err(str(exc))
        return EXIT_UNREADABLE
    if fmt in ("docx", "xlsx") and args.output == "-":
        err(f"{fmt.upper()} 是二进制格式，请用 -o 指定输出文件，例如 -o 报告.{fmt}")
        return EXIT_UNREADABLE
    assert fmt in CONVERT_FORMATS
    result = read_input(args.file)
    with contextlib.ExitStack() as stack:
        target = None if args.output == "-" else stack.enter_context(replacing(args.output))
        written = convert(result.report, fmt, target, **convert_options(args))
    if written.text is not None:
        sys.stdout.write(written.text)
    figure = completeness(result.report)
    if figure.read < figure.expected:
        mark = "JSON 中 kind 为 unread / missing" if fmt == "json" else f"表中标为“{UNKNOWN_MARK}”"
        err(f"提示：{figure.describe()}（{mark}）")
    if not args.fill_totals and written.total_errors:
        err(
            f"提示：报告中有 {written.total_errors} 处合计与各项之和不符（已按原样写出）；"
            "加 --fill-totals 可按各项重新计算总计"
        )
    return EXIT_OK


def register(sub: Any) -> None:
    """Add ``export`` and ``convert`` to *sub* (what ``add_subparsers`` returns)."""
    export = sub.add_parser(
        "export",
        help="导出报告表格（二、三、四）的每个单元格，按官方标签寻址",
        description="导出二、主动公开政府信息情况，三、收到和处理政府信息公开申请情况，"
        "四、政府信息公开行政复议、行政诉讼情况三张表格的每个单元格，多个报告合为一张表"
        "（列：file, agency, year, template, section, row, column, value, raw, kind, path,"
        " status）。未能读取的单元格（status 为 unread）和原文未印出的单元格（status 为 "
        "missing）的 value 为空，与印为空白的单元格（status 为空）不同；"
        "能读取部分内容的文件照常导出，退出码为 0。",
    )
    add_batch_options(export)
    add_format(
        export,
        ("csv", "json", "jsonl", "parquet", "xlsx"),
        "csv",
        "输出格式（默认按 -o 的扩展名，否则 csv）：json、jsonl 中数字为 JSON 数值"
        "（金额保留原小数位），无数字为 null；parquet 需要 pip install 'zfxxgk[parquet]'；"
        "xlsx（按模板绘制的三张统计表、单元格表和检查结果表）需要 "
        "pip install 'zfxxgk[xlsx]'",
    )
    export.add_argument(
        "--wide",
        action="store_true",
        help="宽表 CSV：每份报告一行、每个单元格一列，三行表头为官方标签（表、行、列）；"
        "pandas 用 read_csv(header=[0, 1, 2], index_col=[0, 1, 2, 3]) 读回",
    )
    export.add_argument(
        "--skip-unknown",
        action="store_true",
        help="不导出未能读取（unread）和原文未印出（missing）的单元格（默认导出，value 为空，"
        "status 注明）",
    )
    export.set_defaults(func=_cmd_export)
    _register_convert(sub)


def _register_convert(sub: Any) -> None:
    """Add ``convert`` to *sub*."""
    convert = sub.add_parser(
        "convert",
        help="把一份报告转换为 JSON、HTML、Markdown、文本、DOCX 或 Excel",
        description="把一份报告（或 zfxxgk JSON）转换为：JSON（zfxxgk.report 格式）；独立的 HTML "
        "页面（按模板绘制三张统计表，检查未通过的单元格标红，悬停显示规则与应为值）；Markdown；"
        "文本；DOCX（需要 pip install 'zfxxgk[docx]'，按模板合并单元格，供撰写报告使用）；"
        "Excel（需要 pip install 'zfxxgk[xlsx]'：按模板绘制的三张统计表、单元格表和检查结果表）。"
        "FILE 为文件夹、通配符或含多份报告的 ZIP 压缩包时，-o 为输出文件夹，每份报告按原有的"
        "相对位置写一个文件（格式由 --to 指定，默认 json）。",
    )
    convert.add_argument(
        "file",
        metavar="FILE",
        help="报告文件、zfxxgk JSON 文件、“-”（标准输入）、网址，或文件夹、通配符、ZIP 压缩包"
        "（多份报告：-o 为输出文件夹）",
    )
    convert.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="OUT",
        help="输出文件（“-”为标准输出，DOCX 除外）；输入为多份报告时为输出文件夹，"
        "按原有的相对位置每份写一个文件",
    )
    convert.add_argument(
        "--to",
        choices=("json", "html", "markdown", "text", "docx", "xlsx"),
        help="输出格式（默认按 OUT 的扩展名：.json .html .md .txt .docx .xlsx；"
        "输出到文件夹时默认 json）",
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
