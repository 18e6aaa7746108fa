"""Write the fictional example reports in ``examples/reports/`` with the library's renderers.

    python examples/make_reports.py

Every agency and number here is invented. Three reports, three formats, both templates:

- ``示例县民政局-2024.html`` — 2021 template, a web page; its tables add up.
- ``示例镇人民政府-2024.txt`` — 2021 template, text copied from a web page (one cell per line);
  one printed total is mistyped, as happens, so ``zfxxgk check`` has something to report.
- ``示例市交通运输局-2020.md`` — 2019 template, Markdown.

The test suite regenerates them and checks that the files shipped are current.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from zfxxgk import Appeals, Cell, DisclosureRequests, Report, proactive_2019, proactive_2021
from zfxxgk.html_report import to_html
from zfxxgk.template import replace_at
from zfxxgk.text_report import to_markdown, to_text

HERE = Path(__file__).resolve().parent / "reports"


def civil_affairs_2024() -> Report:
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
        published=dt.date(2025, 1, 20),
        proactive=proactive_2021(
            normative_documents=(3, 1, 27), licensing=412, penalties=6, fees="12.35"
        ),
        requests=requests,
        appeals=Appeals.from_counts(review=(2, 1, 0, 1), lawsuit_direct=(1,)),
        overview=(
            "2024年，示例县民政局认真贯彻《中华人民共和国政府信息公开条例》，"
            "全年共收到政府信息公开申请50件，上年结转3件，办结49件，结转下年度继续办理4件。\n"
            "（一）主动公开。全年通过政府网站主动公开政府信息386条。\n"
            "（二）依申请公开。严格按照法定时限答复，其中予以公开22件，部分公开5件。"
        ),
        problems=(
            "（一）存在的问题。一是主动公开的及时性有待提高；二是政策解读形式较为单一。\n"
            "（二）改进情况。一是建立信息发布提醒机制，按月通报；二是增加图解、视频等解读形式。"
        ),
        other_matters="本年度未发出收费通知，未收取信息处理费。",
    )


def town_2024() -> Report:
    requests = DisclosureRequests.from_counts(
        new=[18, 2],
        carried_over=[1],
        disclosed=[8, 1],
        partially_disclosed=[2],
        unavailable=[[5, 1], [1]],
        not_processed=[[], [1]],
    )
    report = Report.build(
        agency="示例镇人民政府",
        year=2024,
        title="示例镇人民政府2024年政府信息公开工作年度报告",
        published=dt.date(2025, 3, 18),
        proactive=proactive_2021(normative_documents=(0, 0, 2), penalties=37),
        requests=requests,
        appeals=Appeals.none(),
        overview="2024年，示例镇共受理政府信息公开申请20件，上年结转1件，均已按时办结。",
        problems=(
            "（一）存在的问题：部分栏目公开内容更新不够及时，政策解读数量偏少。\n"
            "（二）改进措施：明确专人每周检查更新栏目内容，对重要政策同步发布图文解读。"
        ),
        other_matters="本年度发出收费通知的件数和总金额以及实际收取的总金额均为0。",
    )
    # The mistyped total: （七）总计 · 自然人 printed as 18 where the rows add up to 17.
    mistyped: Report = replace_at(report, "requests.outcomes.total.natural_person", Cell.of(18))
    return mistyped


def transport_2020() -> Report:
    requests = DisclosureRequests.from_counts(
        new=[31, 4, 0, 0, 1],
        carried_over=[2],
        disclosed=[15, 2],
        partially_disclosed=[3],
        withheld=[[], [], [], [1]],
        unavailable=[[8, 1], [2]],
        not_processed=[[], [1], [], [], []],
        other_handling_single=[1, 0, 0, 0, 1],
    )
    return Report.build(
        agency="示例市交通运输局",
        year=2020,
        title="示例市交通运输局2020年政府信息公开工作年度报告",
        published=dt.date(2021, 1, 28),
        proactive=proactive_2019(
            regulations=(0, 0, 0),
            normative_documents=(4, 4, 61),
            licensing=(12, -2, 1530),
            other_services=(3, 0, 85),
            penalties=(20, 1, 264),
            coercion=(2, 0, 9),
            fees=(1, 0),
            procurement_projects=3,
            procurement_amount="268500.00",
        ),
        requests=requests,
        appeals=Appeals.from_counts(review=(1,)),
        overview="2020年，示例市交通运输局共收到政府信息公开申请36件，上年结转2件。",
        problems=(
            "存在的问题：一是信息公开平台功能有待完善；二是工作人员业务能力需进一步提升。"
            "改进措施：一是升级信息公开平台的检索功能；二是每季度组织一次业务培训。"
        ),
        other_matters="本年度未收取信息处理费。",
    )


def write(out: Path = HERE) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    files = {
        "示例县民政局-2024.html": to_html(civil_affairs_2024(), page=True),
        "示例镇人民政府-2024.txt": to_text(town_2024(), style="tabs"),
        "示例市交通运输局-2020.md": to_markdown(transport_2020()),
    }
    written = []
    for name, text in files.items():
        path = out / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    for path in write(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE):
        print(path)
