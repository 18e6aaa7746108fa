"""``zfxxgk review PATH... -o SITE``: the review site of a folder of reports.

Reads and checks every report as ``zfxxgk check`` does (files, folders, globs, zips of
reports, ``-``, web addresses) and writes a folder of static pages
(:mod:`zfxxgk.review_site`): ``index.html``, a page per report, ``site.json``.  Exit codes
as ``check``.
"""

from __future__ import annotations

import argparse
import os
from fractions import Fraction
from typing import Any

from .base import (
    EXIT_UNREADABLE,
    FAIL_ON,
    PATHS_HELP,
    UsageError,
    add_fail_on,
    add_jobs,
    err,
    status,
)
from .reading import add_rules_option, add_select_options, batch, rule_set

__all__ = ["register"]


def _check_folder(folder: str) -> None:
    """Refuse to write into a file, or into a folder that holds other things than a site
    built before: the pages would be mixed with files that are not ours."""
    from ..review_site import is_site

    if os.path.exists(folder) and not os.path.isdir(folder):
        raise UsageError(f"无法生成网站：{folder} 是一个文件，不是文件夹")
    if os.path.isdir(folder) and os.listdir(folder) and not is_site(folder):
        raise UsageError(
            f"无法生成网站：文件夹 {folder} 不是空的，也不是 zfxxgk review 生成的网站"
            "（为免覆盖其中的文件，请给一个新的或空的文件夹）"
        )


def _cmd_review(args: argparse.Namespace) -> int:
    from ..review_site import INDEX, build_site, site_pages

    _check_folder(args.output)
    args.paths = [*args.paths, *(args.regions or ())]  # read with the others (once)
    files, progress, items = batch(
        args,
        check=True,
        label="检查",
        keep_report=True,
        # each report's page drawn where it was read and checked
        then=lambda names: site_pages(names, args.output),
    )
    if not files:
        err("没有找到报告文件")
        return EXIT_UNREADABLE
    site = build_site(
        items,
        args.output,
        min_complete=args.min_complete,
        rules=rule_set(args),
        regions=args.regions or (),
    )
    progress.clear()
    for entry in site.reports:
        if entry.status == "unreadable":
            err(f"无法读取 {entry.error}")
    for region in site.across.regions_not_read:
        err(f"--region {region}：未能读取，没有与下级单位比较")
    totals = site.totals
    print(
        f"已生成网站 {os.path.join(args.output, INDEX)}：文件 {totals.files} 个，"
        f"已检查报告 {totals.checked} 份，有错误 {totals.with_errors} 份，"
        f"无法读取 {totals.unreadable} 个，未检查 {totals.not_checked} 份，"
        f"检查不完整 {totals.incomplete} 份"
    )
    return status(totals.unreadable, totals.worst, FAIL_ON[args.fail_on], totals.short)


def register(sub: Any) -> None:
    """Add ``review`` to *sub* (what ``ArgumentParser.add_subparsers`` returns)."""
    from .commands_check import min_complete

    review = sub.add_parser(
        "review",
        help="为一批报告生成检查网站：总览页、每份报告一页（表格中标出问题）、site.json",
        description="读取并检查报告（与 check 相同），在 SITE 文件夹中生成静态网页：index.html "
        "列出每份报告的机关、年度、格式、读取完整度、错误/警告/提示数和状态（可点击表头排序、"
        "可筛选），reports/ 下每份报告一页（按模板画出三张表，有问题的单元格标出并在表下说明，"
        "正文中与表格不符的说法标出），跨报告检查三页（层级汇总、正文雷同、年度变化），"
        "site.json 为同样的数据。网页不需要服务器，也不访问网络，可直接用浏览器打开或打包发送。",
        epilog="退出码与 check 相同：0 全部读取且没有 --fail-on 级别的检查结果；1 有 --fail-on "
        "级别的检查结果，或有报告的表格未能完整读取（低于 --min-complete）；2 有文件无法读取或"
        "用法错误。网站在各种情况下都会生成。",
    )
    review.add_argument("paths", nargs="+", metavar="PATH", help=PATHS_HELP)
    review.add_argument(
        "-o",
        "--output",
        metavar="SITE",
        required=True,
        help="网站文件夹（不存在时创建；已有的须为空，或是之前生成的网站）",
    )
    add_jobs(review)
    add_fail_on(review)
    review.add_argument(
        "--min-complete",
        type=min_complete,
        default=Fraction(1),
        metavar="SHARE",
        help="每份报告原文印出的单元格至少读取这一比例，否则退出码为 1"
        "（与 check 相同，默认 100%%）",
    )
    review.add_argument(
        "--region",
        action="append",
        dest="regions",
        metavar="FILE",
        help="这份报告是上级（汇总）报告：与同年度其余各报告之和逐格比较（层级汇总页）；"
        "不在 PATH 中时一并读取；可重复（如每年一份）",
    )
    add_select_options(review)
    add_rules_option(review)
    review.set_defaults(func=_cmd_review)
