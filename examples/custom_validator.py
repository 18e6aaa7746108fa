"""A validator of your own, built on zfxxgk: the national checks, adjusted, plus your office's.

    python examples/custom_validator.py [PATH ...] [--csv FINDINGS.csv]

A (fictional) reviewing office checks the reports of the units it supervises. It takes
zfxxgk's default rule set, leaves out two checks it does not want (blank cells count as 0 in
its guidelines), makes one warning an error, and adds three rules of its own. Then it reads a
folder of reports, prints the findings per report, and writes them to a CSV file if asked.

PATH defaults to ``examples/reports/``. The exit status is 2 when a file could not be read,
1 when some report has an error, else 0 — the convention of ``zfxxgk check``.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from zfxxgk.batch import BatchItem, read_many
from zfxxgk.diagnostics import Severity
from zfxxgk.model import Report
from zfxxgk.records import FINDING_COLUMNS, finding_records
from zfxxgk.rules import UNKNOWN, RuleSet, Violation, builtin, rule

EXAMPLES = Path(__file__).resolve().parent / "reports"

NOT_HELD_LIMIT = 0.3
"""Share of outcomes answered “本机关不掌握相关政府信息” above which the office asks why."""


@rule(
    code="X-NOT-HELD",
    severity=Severity.WARNING,
    title="“本机关不掌握相关政府信息”占比过高",
    message="答复“本机关不掌握相关政府信息”{reported}件，占办理结果的{share:.0%}，超过{limit:.0%}",
    params=("share", "limit"),
)
def not_held_share(report: Report) -> Iterator[Violation]:
    """本机关不掌握的答复占办理结果三成以上时，提示核对是否已告知申请人向有关机关申请。"""
    not_held = report.requests.outcomes.unavailable.not_held.total.amount()
    handled = report.requests.outcomes.total.total.amount()
    if not_held is UNKNOWN or handled is UNKNOWN:
        return  # not read: never a share of 0 (zfxxgk reports the cell as CELL-UNREAD)
    if handled and not_held / handled > NOT_HELD_LIMIT:
        yield Violation(
            "requests.outcomes.unavailable.not_held.total",
            params={"share": not_held / handled, "limit": NOT_HELD_LIMIT},
        )


@rule(
    code="X-NO-REQUESTS",
    severity=Severity.INFO,
    title="全年未收到政府信息公开申请",
    message="本年新收和上年结转申请均为0，请核实是否漏报",
)
def no_requests(report: Report) -> Iterator[Violation]:
    """本年新收与上年结转均为 0 的报告，提示核实（不少单位确实如此，故只作提示）。"""
    new = report.requests.new.total.amount()
    over = report.requests.carried_over.total.amount()
    if new is UNKNOWN or over is UNKNOWN:
        return
    if not new and not over:
        yield Violation("requests.new.total")


@rule(
    code="X-BACKLOG",
    severity=Severity.WARNING,
    title="结转下年度的申请多于本年办结的一半",
    message="结转下年度继续办理{reported}件，超过本年办结{handled}件的一半",
    params=("handled",),
)
def backlog(report: Report) -> Iterator[Violation]:
    """结转下年度继续办理的申请多于本年办结数的一半时，提示关注办理时限。"""
    carried = report.requests.carried_forward.total.amount()
    handled = report.requests.outcomes.total.total.amount()
    if carried is UNKNOWN or handled is UNKNOWN:
        return
    if carried and carried * 2 > handled:
        yield Violation("requests.carried_forward.total", params={"handled": handled})


OFFICE_RULES: RuleSet = (
    RuleSet.default()
    .without("CELL-BLANK", "CELL-PLACEHOLDER")
    .with_rules(
        builtin.s3_carry_exceeds.with_severity(Severity.ERROR),
        not_held_share,
        no_requests,
        backlog,
    )
)
"""The office's rule set: a new immutable value; the default set is unchanged."""


def validate(paths: Sequence[str | Path], rules: RuleSet = OFFICE_RULES) -> list[BatchItem]:
    """Read and check every report under *paths*, in the order of the files."""
    return sorted(read_many(paths, rules=rules), key=lambda item: item.path)


def print_items(items: Sequence[BatchItem]) -> None:
    for item in items:
        if item.result is None or item.findings is None:
            print(f"{item.path}: 无法读取 {item.error}")
            continue
        info = item.result.report.info
        findings = item.findings
        counts = f"错误 {len(findings.errors)}，警告 {len(findings.warnings)}"
        print(f"{item.path}: {info.agency} {info.year}年度 — {counts}，提示 {len(findings.infos)}")
        for finding in findings:
            print(f"  {finding}")


def write_csv(items: Sequence[BatchItem], out: Path) -> None:
    with out.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=FINDING_COLUMNS)
        writer.writeheader()
        for item in items:
            if item.result is not None and item.findings is not None:
                writer.writerows(
                    finding_records(item.findings, file=item.path, report=item.result.report)
                )


def exit_status(items: Sequence[BatchItem]) -> int:
    if any(not item.ok for item in items):
        return 2
    return int(any(item.findings is not None and not item.findings.ok for item in items))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("paths", nargs="*", default=[str(EXAMPLES)], help="files or folders")
    parser.add_argument("--csv", type=Path, help="write the findings to this CSV file")
    args = parser.parse_args(argv)
    items = validate(args.paths)
    print_items(items)
    if args.csv:
        write_csv(items, args.csv)
    return exit_status(items)


if __name__ == "__main__":
    sys.exit(main())
