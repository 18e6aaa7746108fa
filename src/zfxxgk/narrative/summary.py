"""The usual sentences of 总体情况 about requests and appeals, written from the tables."""

from __future__ import annotations

from ..arithmetic import applicant_total, case_total
from ..cells import UNKNOWN, Amount, sum_amounts
from ..model import ApplicantRow, CaseOutcomes, Report
from .claims import _fmt
from .compare import _get, _group_rows

__all__ = ["render_summary"]


def _total(row: ApplicantRow) -> Amount:
    if row.total.is_unknown:
        return UNKNOWN
    return row.total.value if row.total.value is not None else applicant_total(row)


def _case(case: CaseOutcomes) -> Amount:
    if case.total.is_unknown:
        return UNKNOWN
    return case.total.value if case.total.value is not None else case_total(case)


def _say(amount: Amount) -> str:
    """A number for the sentences; an unknown one is said to be unread, never 0."""
    return "（未读取）" if amount is UNKNOWN else _fmt(amount)


def render_summary(report: Report) -> str:
    """The usual sentences of 总体情况 about requests and appeals, from *report*'s tables.

    ``收到政府信息公开申请…件，上年结转…件；办结…件，其中予以公开…件 …；结转下年度继续办理…件。
    …行政复议…件，行政诉讼…件。``  Totals that were printed blank are computed from their parts;
    a number that depends on a cell not printed or not read is said as "（未读取）".
    """
    requests = report.requests
    outcomes = requests.outcomes

    def group(name: str) -> Amount:
        return sum_amounts(_total(_get_row(report, p)) for p in _group_rows(report, name))

    year = "本年度" if report.info.year is None else f"{report.info.year}年"
    lawsuits = sum_amounts(
        (_case(report.appeals.lawsuit_direct), _case(report.appeals.lawsuit_after_review))
    )
    return (
        f"{year}共收到政府信息公开申请{_say(_total(requests.new))}件，"
        f"上年结转政府信息公开申请{_say(_total(requests.carried_over))}件。"
        f"全年办结政府信息公开申请{_say(_total(outcomes.total))}件，"
        f"其中予以公开{_say(_total(outcomes.disclosed))}件，"
        f"部分公开{_say(_total(outcomes.partially_disclosed))}件，"
        f"不予公开{_say(group('withheld'))}件，"
        f"无法提供{_say(group('unavailable'))}件，"
        f"不予处理{_say(group('not_processed'))}件，"
        f"其他处理{_say(group('other_handling'))}件；"
        f"结转下年度继续办理{_say(_total(requests.carried_forward))}件。"
        f"因政府信息公开工作被申请行政复议{_say(_case(report.appeals.review))}件，"
        f"被提起行政诉讼{_say(lawsuits)}件。"
    )


def _get_row(report: Report, path: str) -> ApplicantRow:
    row = _get(report, path)
    assert isinstance(row, ApplicantRow)
    return row
