"""The review subcommands of ``zfxxgk``: series, hierarchy, similar.

    zfxxgk series PATH...            同一机关多个年度：前后年检查与年度一览表
    zfxxgk hierarchy REGION UNIT...  汇总报告与各下级单位报告之和逐格比较
    zfxxgk similar FILE OTHER...     正文雷同：相似度与相同段落
    zfxxgk similar --all PATH...     文件夹内每份报告与上一年度及其他机关比较

PATH may be files, folders (searched recursively) or glob patterns.  The parser adds these
with :func:`register` (this module was ``zfxxgk.cli_review``, a name that still imports).
Exit codes as ``zfxxgk check``: 0 fine, 1 a finding at or above ``--fail-on`` (default:
error), 2 a file could not be read or bad usage.
"""

from __future__ import annotations

import argparse
import csv
import json
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TextIO

from ..cells import format_number, json_number
from .base import EXIT_OK, EXIT_UNREADABLE, FAIL_ON, add_fail_on, add_format, err
from .base import status as _check_status
from .partial import add_min_complete, below_min_complete
from .reading import add_rules_option, is_pre_2019, rule_set

if TYPE_CHECKING:
    from ..model import Report
    from ..readers import ParseResult
    from ..rules import Finding

__all__ = ["register"]


def _read(paths: Sequence[str], jobs: int) -> tuple[list[ParseResult], bool]:
    """Read every report under *paths* (in path order); report unreadable files on stderr.
    *failed* is also True when *paths* hold no report file at all."""
    from ..batch import read_many

    results: list[tuple[str, ParseResult]] = []
    failed = False
    found = 0
    for item in read_many(paths, jobs=jobs, check=False, keep_provenance=False):
        found += 1
        if item.result is None and is_pre_2019(item):
            # read, with no standard tables: set aside and said, as check and export do
            err(f"跳过 {item.error}")
            continue
        if item.result is None:
            failed = True
            err(str(item.error) if item.error is not None else f"{item.path}: 无法读取")
        else:
            results.append((item.path, item.result))
    if not found:
        err(f"没有找到报告文件：{' '.join(paths)}")
        failed = True
    results.sort(key=lambda pair: pair[0])
    return [result for _, result in results], failed


def _finding_record(finding: Finding, **context: object) -> dict[str, Any]:
    return {
        **context,
        "code": finding.code,
        "severity": finding.severity.value,
        "where": finding.where,
        "path": finding.path,
        "reported": json_number(finding.reported),
        "expected": json_number(finding.expected),
        "message": finding.message,
    }


def _csv_value(value: object) -> str:
    if value is None or isinstance(value, int | Decimal):
        return format_number(value)
    if isinstance(value, list):  # the series' ``unknown`` columns
        return " ".join(str(item) for item in value)
    return str(value)


def _write_csv(out: TextIO, columns: Sequence[str], rows: Iterable[dict[str, Any]]) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_csv_value(row.get(c)) for c in columns])


def _status(findings: Iterable[Finding], fail_on: str, unreadable: bool, short: int = 0) -> int:
    """The exit code, by the rules of ``zfxxgk check`` (*short*: reports read in part below
    ``--min-complete``)."""
    worst = max((f.severity.rank for f in findings), default=None)
    return _check_status(int(unreadable), worst, FAIL_ON[fail_on], short)


def _named(results: Iterable[ParseResult]) -> Iterable[tuple[str, Report]]:
    for result in results:
        yield result.source or result.report.info.agency or "报告", result.report


# --------------------------------------------------------------------------------------
# series
# --------------------------------------------------------------------------------------


def _cmd_series(args: argparse.Namespace, out: TextIO) -> int:
    from ..review import SERIES_COLUMNS, check_series, series_by_agency

    rules = rule_set(args)  # the plugins load (or fail) before any file is read
    results, failed = _read(args.paths, args.jobs)
    if not results:  # nothing could be read (2), or only pre-2019 reports were given (0)
        err("没有可以检查的报告")
        return EXIT_UNREADABLE if failed else EXIT_OK
    series = (
        (check_series(results, rules=rules),)
        if args.one_agency
        else series_by_agency(results, rules=rules)
    )
    if args.format == "json":
        data = [
            {**s.as_json(_finding_record), "set_aside": [e.source for e in s.set_aside]}
            for s in series
        ]
        json.dump(data, out, ensure_ascii=False, indent=1)
        out.write("\n")
    elif args.format == "csv":
        _write_csv(
            out,
            ("agency", *SERIES_COLUMNS),
            ({"agency": s.agency, **row} for s in series for row in s.rows()),
        )
    else:
        for number, item in enumerate(series):
            if number:
                out.write("\n")
            out.write(item.to_text())
    short = below_min_complete(_named(results), args.min_complete)
    return _status((f for s in series for f in s.all_findings), args.fail_on, failed, short)


# --------------------------------------------------------------------------------------
# hierarchy
# --------------------------------------------------------------------------------------


def _expected_units(args: argparse.Namespace) -> list[str] | None:
    names: list[str] = list(args.expect or [])
    if args.expect_file:
        with open(args.expect_file, encoding="utf-8-sig") as handle:
            names.extend(line.strip() for line in handle if line.strip())
    return names or None


def _cmd_hierarchy(args: argparse.Namespace, out: TextIO) -> int:
    from ..errors import Pre2019ReportError, ZfxxgkError
    from ..readers import read
    from ..review import check_hierarchy

    try:
        region = read(args.region)
    except Pre2019ReportError as exc:  # read, with no standard tables: set aside, as by check
        err(f"跳过 [{exc.code}] {exc.message}")
        return EXIT_OK
    except ZfxxgkError as exc:
        err(f"[{exc.code}] {exc.message}")
        return EXIT_UNREADABLE
    try:
        expected = _expected_units(args)
    except OSError as exc:
        err(f"无法读取单位名单 {args.expect_file}：{exc.strerror or exc}")
        return EXIT_UNREADABLE
    units, failed = _read(args.units, args.jobs)
    result = check_hierarchy(region, units, expected_units=expected)
    if args.format == "json":
        data = {
            "region": region.report.info.agency,
            "units": list(result.unit_names),
            "missing_units": list(result.missing_units),
            "findings": [_finding_record(f) for f in result.findings],
        }
        json.dump(data, out, ensure_ascii=False, indent=1)
        out.write("\n")
    elif args.format == "csv":
        columns = ("code", "severity", "where", "path", "reported", "expected", "message")
        _write_csv(out, columns, (_finding_record(f) for f in result.findings))
    else:
        out.write(result.to_text())
    short = below_min_complete(((args.region, region.report), *_named(units)), args.min_complete)
    return _status(result.findings, args.fail_on, failed, short)


# --------------------------------------------------------------------------------------
# similar
# --------------------------------------------------------------------------------------


def _cmd_similar(args: argparse.Namespace, out: TextIO) -> int:
    from ..review import check_copying, review_copying

    if not 0 < args.threshold <= 1:
        err("--threshold 应在 0 与 1 之间")
        return EXIT_UNREADABLE
    if args.all:
        results, failed = _read(args.paths, args.jobs)
        checked = review_copying(results, threshold=args.threshold, peers=args.peers)
    else:
        if len(args.paths) < 2:
            err("similar 需要一份报告和至少一份用来比较的报告（或用 --all 比较文件夹内全部报告）")
            return EXIT_UNREADABLE
        firsts, failed_first = _read(args.paths[:1], 1)
        if not firsts:  # could not be read (2), or set aside as pre-2019 (0)
            return EXIT_UNREADABLE if failed_first else EXIT_OK
        others, failed = _read(args.paths[1:], args.jobs)
        failed = failed or failed_first
        checked = (check_copying(firsts[0], others, threshold=args.threshold),)
    if args.format == "json":
        data = [
            {
                "report": c.name,
                "matches": [
                    {
                        "other": m.other,
                        "relation": m.relation,
                        "score": round(m.score, 4),
                        "coverage": round(m.similarity.coverage_a, 4),
                        "coverage_other": round(m.similarity.coverage_b, 4),
                        "passages": [
                            {"text": p.text_a, "start": p.a[0], "end": p.a[1], "exact": p.exact}
                            for p in m.similarity.passages
                        ],
                    }
                    for m in c.matches
                ],
                "findings": [_finding_record(f) for f in c.findings],
            }
            for c in checked
        ]
        json.dump(data, out, ensure_ascii=False, indent=1)
        out.write("\n")
    else:
        for item in checked:
            out.write(item.to_text(passages=args.passages))
    return _status((f for c in checked for f in c.findings), args.fail_on, failed)


# --------------------------------------------------------------------------------------
# registration
# --------------------------------------------------------------------------------------


def _common(parser: argparse.ArgumentParser, formats: Sequence[str]) -> None:
    add_format(parser, tuple(formats), "text", "输出格式（默认 text；不给时按 -o 的扩展名）")
    add_fail_on(parser)
    parser.add_argument(
        "-j", "--jobs", type=int, default=1, help="读取文件的进程数（0 表示每个 CPU 一个）"
    )
    parser.add_argument("-o", "--output", metavar="OUT", help="写入文件（默认标准输出）")


def register(subparsers: Any) -> None:
    """Add the ``series``, ``hierarchy`` and ``similar`` subcommands to *subparsers* (the
    object returned by ``ArgumentParser.add_subparsers``)."""
    series = subparsers.add_parser(
        "series",
        help="同一机关多个年度的报告：前后年检查（上年结转等）与年度一览表",
        description="按机关归组（名称宽松匹配，并说明依据），按年度排序，对相邻两年运行前后年检查"
        "（PAIR-CARRY-OVER 等），输出年度一览表和检查结果。csv 只输出一览表，json 含全部检查结果。",
    )
    series.add_argument("paths", nargs="+", metavar="PATH", help="报告文件、文件夹或通配符")
    series.add_argument(
        "--one-agency", action="store_true", help="把全部报告当作同一机关（不按名称归组）"
    )
    _common(series, ("text", "json", "csv"))
    add_min_complete(series, "每份报告")
    add_rules_option(series)
    series.set_defaults(func=_cmd_series)

    hierarchy = subparsers.add_parser(
        "hierarchy",
        help="汇总报告与各下级单位报告之和逐格比较",
        description="把各下级单位报告的表二、三、四逐格相加，与汇总报告比较；不等的单元格报"
        "HIERARCHY-SUM 警告（汇总口径可能另含本级机关）。可给出应有的单位名单以列出缺少的单位。",
    )
    hierarchy.add_argument("region", metavar="REGION", help="汇总（上级）报告")
    hierarchy.add_argument("units", nargs="+", metavar="UNIT", help="下级单位报告、文件夹或通配符")
    hierarchy.add_argument(
        "--expect", action="append", metavar="NAME", help="应有的下级单位名称（可重复）"
    )
    hierarchy.add_argument(
        "--expect-file", metavar="FILE", help="应有的下级单位名单文件（每行一个名称）"
    )
    _common(hierarchy, ("text", "json", "csv"))
    add_min_complete(hierarchy, "汇总报告和每份单位报告")
    hierarchy.set_defaults(func=_cmd_hierarchy)

    similar = subparsers.add_parser(
        "similar",
        help="正文雷同：一份报告与其他报告的相似度和相同段落",
        description="比较报告正文（总体情况、五、六部分；数字和模板固定文字不计）。"
        "默认第一个文件与其余各文件比较；--all 时每份报告与本机关上一年度报告及最相似的"
        "其他机关报告比较。相似度达到阈值报 COPY-SIMILAR 警告。",
    )
    similar.add_argument(
        "paths", nargs="+", metavar="PATH", help="FILE OTHER...，或 --all 的文件夹"
    )
    similar.add_argument(
        "--all", action="store_true", help="每份报告与上一年度及其他机关的报告比较"
    )
    similar.add_argument(
        "--threshold", type=float, default=0.3, help="报告雷同的相似度阈值（默认 0.3）"
    )
    similar.add_argument("--peers", type=int, default=3, help="--all 时与几份其他机关报告比较")
    similar.add_argument("--passages", type=int, default=5, help="每个比较显示几段相同文字")
    _common(similar, ("text", "json"))
    similar.set_defaults(func=_cmd_similar)
