"""An example zfxxgk rule plugin: a supervising office's own check, run by ``zfxxgk check``.

The package declares ``RULES`` in the entry-point group ``zfxxgk.rules`` (see its
``pyproject.toml``); ``RULES`` may be a rule, a rule set or a sequence of rules.  The codes
start with ``EX-`` so that they never meet the built-in codes.
"""

from __future__ import annotations

from collections.abc import Iterator

from zfxxgk.diagnostics import Severity
from zfxxgk.model import Report
from zfxxgk.rules import UNKNOWN, RuleSet, Violation, paths, rule

__all__ = ["RULES", "carried_forward"]


@rule(
    code="EX-CARRIED-FORWARD",
    severity=Severity.WARNING,
    title="有申请结转下年度继续办理",
    message="有{reported}件申请结转下年度继续办理，占本年收到申请的{share:.0%}，请在第五部分说明原因",
    params=("share",),
    example={"reported": 4, "share": 0.08},
)
def carried_forward(report: Report) -> Iterator[Violation]:
    """结转下年度继续办理的申请不为 0 时，提示在第五部分说明原因（示例插件的规则）。"""
    carried = report.requests.carried_forward.total.amount()
    received = report.requests.new.total.amount()
    if carried is UNKNOWN or received is UNKNOWN or not carried:
        return
    share = carried / received if received else 1
    yield Violation(paths.requests.carried_forward.total, params={"share": share})


RULES = RuleSet.of(carried_forward)
"""What the entry point names: every rule of this plugin."""
