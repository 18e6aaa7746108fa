"""``zfxxgk compare``: two years of one agency — the two-year checks and the changed cells."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any, TextIO

from .base import FAIL_ON, add_color, add_fail_on, add_format, output, status, wants_bom
from .findings import describe_report, finding_json, finding_lines
from .partial import add_min_complete, below_min_complete
from .reading import add_rules_option, rule_set
from .terminal import Paint, pad, want_colour, width

if TYPE_CHECKING:
    from ..model import Report
    from ..rules import Findings

__all__ = ["register"]


def _cmd_compare(args: argparse.Namespace) -> int:
    from ..completeness import completeness
    from ..convert import read_input
    from ..records import CHANGE_COLUMNS, change_records, write_csv
    from ..rules import check_pair

    rules = rule_set(args)  # the plugins load (or fail) before the files are read
    old = read_input(args.old)
    new = read_input(args.new)
    findings = check_pair(old.report, new.report, rules)
    changes = list(change_records(old.report, new.report, include_unchanged=args.all))
    worst = max((f.severity.rank for f in findings), default=None)
    short = below_min_complete(((args.old, old.report), (args.new, new.report)), args.min_complete)
    code = status(0, worst, FAIL_ON[args.fail_on], short)
    with output(args.output, bom=wants_bom(args)) as out:
        if args.format == "json":
            document = {
                "format": "zfxxgk.compare",
                "version": 1,
                "old": _side_json(args.old, old.report),
                "new": _side_json(args.new, new.report),
                "findings": [finding_json(f) for f in findings],
                "changes": changes,
                "exit_code": code,
            }
            json.dump(document, out, ensure_ascii=False, indent=1)
            out.write("\n")
            return code
        if args.format == "csv":
            write_csv(changes, CHANGE_COLUMNS, out)
            for side, report in (("旧", old.report), ("新", new.report)):
                print(f"zfxxgk: {side}：{completeness(report).describe()}", file=sys.stderr)
            for finding in findings:
                print(f"zfxxgk: {finding}", file=sys.stderr)
            return code
        _print_text(args, old.report, new.report, findings, changes, out)
    return code


def _print_text(
    args: argparse.Namespace,
    old: Report,
    new: Report,
    findings: Findings,
    changes: list[dict[str, str]],
    out: TextIO,
) -> None:
    from ..completeness import completeness

    paint = Paint(want_colour(args.color, out))
    for side, name, report in (("旧", args.old, old), ("新", args.new, new)):
        print(f"{side}：{paint('bold', name)}  {describe_report(report)}", file=out)
        figure = completeness(report)
        style = "dim" if figure.complete else "warning"
        print(f"    {paint(style, figure.describe())}", file=out)
    print("", file=out)
    print(
        paint("bold", "两年检查（上年结转 = 上一年度结转下年度继续办理；现行有效件数）"),
        file=out,
    )
    if findings:
        for finding in findings:
            print("\n".join(finding_lines(finding, paint)), file=out)
    elif completeness(old).complete and completeness(new).complete:
        print(f"  {paint('ok', '未发现问题')}", file=out)
    else:
        print(
            f"  {paint('warning', '未发现问题，但有未能读取的单元格：涉及它们的检查未进行')}",
            file=out,
        )
    print("", file=out)
    print("\n".join(_changes_table(changes, paint, include_unchanged=args.all)), file=out)


def _side_json(name: str, report: Report) -> dict[str, Any]:
    from ..completeness import completeness

    info = report.info
    return {
        "file": name,
        "agency": info.agency,
        "year": info.year,
        "template": info.template.value,
        "completeness": completeness(report).as_dict(),
    }


def _shown(change: dict[str, str], side: str) -> str:
    """One side of a change as the table shows it: 未读取 for an unknown value."""
    from ..grids import UNKNOWN_MARK

    return UNKNOWN_MARK if change[f"{side}_status"] else change[side]


def _table(rows: list[dict[str, str]]) -> list[str]:
    """Rows of changes as aligned lines: old, new, change, official labels."""
    shown = [(_shown(c, "old"), _shown(c, "new"), c["change"], c) for c in rows]
    old_w = max(width("旧"), *(width(o) for o, _, _, _ in shown))
    new_w = max(width("新"), *(width(n) for _, n, _, _ in shown))
    change_w = max(width("变化"), *(width(d) for _, _, d, _ in shown))

    def line(old: str, new: str, change: str, where: str) -> str:
        columns = (
            pad(old, old_w, right=True),
            pad(new, new_w, right=True),
            pad(change, change_w, right=True),
            where,
        )
        return "  " + "  ".join(columns)

    lines = [line("旧", "新", "变化", "单元格（表/行/列）")]
    for old, new, change, c in shown:
        lines.append(line(old, new, change, f"{c['section']}/{c['row']}/{c['column']}"))
    return lines


def _changes_table(
    changes: list[dict[str, str]], paint: Paint, *, include_unchanged: bool
) -> list[str]:
    """The changed cells as a table (old, new, change, official labels), then the cells that
    could not be compared (a side not read or not printed: 未读取, never 0).

    Cells that only one report's template has (the template changed, or （六）其他处理 is
    printed differently) are counted, and listed only with ``--all``.
    """
    from ..records import NOT_PRINTED

    one_sided = [c for c in changes if NOT_PRINTED in (c["old"], c["new"])]
    unknown = [c for c in changes if (c["old_status"] or c["new_status"]) and c not in one_sided]
    if include_unchanged:
        shown, unknown = changes, []
    else:
        shown = [c for c in changes if c not in one_sided and c not in unknown]
    title = "全部单元格" if include_unchanged else "变化的单元格"
    lines = [paint("bold", f"{title}（{len(shown)} 格）：")]
    if not shown:
        lines.append("  两份报告共有且均已读取的单元格数字相同。")
    else:
        header, *rows = _table(shown)
        lines.extend([paint("dim", header), *rows])
    if unknown:
        lines.append(
            paint("bold", f"无法比较的单元格（{len(unknown)} 格，一方或双方未能读取或未印出）：")
        )
        header, *rows = _table(unknown)
        lines.extend([paint("dim", header), *rows])
    if one_sided and not include_unchanged:
        lines.append(
            paint(
                "dim",
                f"  另有 {len(one_sided)} 格只有一份报告印有（两年的表格格式不同），加 --all 列出",
            )
        )
    return lines


def register(sub: Any) -> None:
    """Add ``compare`` to *sub* (what ``add_subparsers`` returns)."""
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
    add_format(
        compare,
        ("text", "json", "csv"),
        "text",
        "输出格式：text（默认）、json（检查结果与变化）、csv（变化的单元格；检查结果写到标准错误）；"
        "不给时按 -o 的扩展名",
    )
    compare.add_argument("--all", action="store_true", help="列出全部单元格，包括未变化的")
    compare.add_argument("-o", "--output", metavar="OUT", help="写入文件（默认标准输出）")
    add_fail_on(compare)
    add_min_complete(compare, "两份报告各自")
    add_color(compare)
    add_rules_option(compare)
    compare.set_defaults(func=_cmd_compare)
