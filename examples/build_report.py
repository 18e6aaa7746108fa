"""Build the report of a fictional agency from its numbers, check it, and write its JSON.

    python examples/build_report.py [OUT.json]

The agency (示例县民政局) and every number are invented. The tables are built with the named
constructors, which compute the totals; then one printed total is deliberately mistyped to show
what the checks report.
"""

from __future__ import annotations

import sys
from pathlib import Path

import zfxxgk
from zfxxgk import Appeals, Cell, DisclosureRequests, Report, proactive_2021
from zfxxgk.template import replace_at


def build() -> Report:
    requests = DisclosureRequests.from_counts(
        # 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他
        new=[42, 5, 0, 1, 2],
        carried_over=[3],
        disclosed=[20, 2],
        partially_disclosed=[4, 1],
        withheld=[[], [], [1], [2], [], [1], [], []],
        unavailable=[[9, 1, 0, 0, 1], [1]],
        not_processed=[[2], [1]],
        other_handling=[[1], [], [1, 0, 0, 1]],
    )
    return Report.build(
        agency="示例县民政局",
        year=2024,
        title="示例县民政局2024年政府信息公开工作年度报告",
        proactive=proactive_2021(
            regulations=(0, 0, 0),
            normative_documents=(3, 1, 27),
            licensing=412,
            penalties=6,
            coercion=0,
            fees="12.35",
        ),
        requests=requests,
        appeals=Appeals.from_counts(review=(2, 1, 0, 1), lawsuit_direct=(1,)),
        overview="2024年，示例县民政局共收到政府信息公开申请53件，上年结转3件。",
        problems="一是主动公开的及时性有待提高；二是政策解读形式较为单一。",
        other_matters="本年度未收取信息处理费。",
    )


def main(argv: list[str]) -> int:
    report = build()
    print(f"{report.info.agency} {report.info.year}年（{report.template.value}年版格式）")
    findings = zfxxgk.check(report)
    print(f"按计算的合计填写：{len(findings.errors)} 条错误")

    # A typo in the printed table: 一、本年新收 · 总计 printed as 51 instead of 50.
    mistyped = replace_at(report, "requests.new.total", Cell.of(51))
    for finding in zfxxgk.check(mistyped):
        print(" ", finding)

    out = Path(argv[1]) if len(argv) > 1 else Path("示例县民政局-2024.json")
    out.write_text(zfxxgk.json_report.dumps(report, indent=2), encoding="utf-8")
    print(f"JSON 已写入 {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
