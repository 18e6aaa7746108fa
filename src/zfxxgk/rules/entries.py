"""The catalogue with origins: every code a check can report and where it comes from.

:func:`entries` lists the rules of a rule set — built-in (``origin="builtin"``) or from a
plugin (``origin="plugin"``, ``source`` naming it) — and :data:`ENGINE_ENTRIES` the engine's
own codes (``origin="engine"``; :func:`engine_entries` with their example messages).
:func:`zfxxgk.review.full_catalogue` adds the review codes; ``zfxxgk rules`` prints that list
and ``docs/reference/catalogue.md`` is generated from it.  Each entry carries one example
message (:mod:`.messages`): the page's check fails for a code without one.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from typing import Any, Final

import attrs

from ..cells import Cell
from ..diagnostics import Severity
from ..model import DisclosureRequests, Report, proactive_2021
from ..template import replace_at
from .builtin import s3_balance
from .engine import BAD_PATH, CRASHED, Rule, RuleInfo, RuleKind, RuleSet, Violation, rule
from .messages import example_message
from .plugins import Plugin
from .unknown import UNCHECKED

__all__ = ["ENGINE_ENTRIES", "ORIGINS", "CatalogueEntry", "engine_entries", "entries", "entry"]

ORIGINS: Final[dict[str, str]] = {
    "builtin": "内置",
    "plugin": "插件",
    "review": "审查",
    "engine": "引擎",
}
"""Every origin of a code, with its Chinese name."""


@attrs.frozen(kw_only=True, slots=True)
class CatalogueEntry:
    """One code of the catalogue: what :class:`~zfxxgk.rules.RuleInfo` says, plus where it
    comes from (``origin``: a key of :data:`ORIGINS`; ``source``: the plugin, for a plugin)
    and the Chinese message template of its findings (empty when the message is written
    case by case); ``example`` is what one finding says (empty when the rule declares none:
    a plugin's rule may)."""

    code: str
    severity: Severity
    title: str
    description: str
    kind: RuleKind | None
    """``None`` for the engine's own codes (they come with any rule)."""
    origin: str
    source: str | None = None
    message: str = ""
    example: str = ""

    @property
    def origin_label(self) -> str:
        """The origin in Chinese, with the plugin's name: ``插件 zfxxgk-example-rules (…)``."""
        label = ORIGINS[self.origin]
        return f"{label} {self.source}" if self.source else label

    def as_dict(self) -> dict[str, Any]:
        """The entry as ``zfxxgk rules --format json`` writes it."""
        return {
            "code": self.code,
            "severity": self.severity.value,
            "title": self.title,
            "description": self.description,
            "kind": self.kind.value if self.kind is not None else None,
            "origin": self.origin,
            "source": self.source,
            "message": self.message,
            "example": self.example,
        }


def entry(
    info: RuleInfo,
    origin: str,
    *,
    source: str | None = None,
    message: str = "",
    example: str = "",
) -> CatalogueEntry:
    """The entry of a catalogue item."""
    return CatalogueEntry(
        code=info.code,
        severity=info.severity,
        title=info.title,
        description=info.description,
        kind=info.kind,
        origin=origin,
        source=source,
        message=message,
        example=example,
    )


def _rule_entry(item: Rule, origin: str, source: str | None) -> CatalogueEntry:
    """A rule's entry; a rule whose example is a message writes its messages case by case, so
    its template (only a fallback) is not shown."""
    example = example_message(item.message, item.example, code=item.code)
    message = "" if isinstance(item.example, str) else item.message
    return entry(item.info, origin, source=source, message=message, example=example)


def entries(rules: RuleSet, plugins: Iterable[Plugin] = ()) -> tuple[CatalogueEntry, ...]:
    """The rules of *rules*, in order; those of *plugins* are marked as plugin rules."""
    source: dict[str, str] = {}
    for plugin in plugins:
        for item in plugin.rules:
            source.setdefault(item.code, plugin.source)  # the first plugin that brought it
    return tuple(
        _rule_entry(r, "plugin" if r.code in source else "builtin", source.get(r.code))
        for r in rules
    )


def _engine(code: str, severity: Severity, title: str, description: str) -> CatalogueEntry:
    return CatalogueEntry(
        code=code,
        severity=severity,
        title=title,
        description=description,
        kind=None,
        origin="engine",
    )


ENGINE_ENTRIES: Final[tuple[CatalogueEntry, ...]] = (
    _engine(
        CRASHED,
        Severity.ERROR,
        "规则运行出错",
        "一条规则抛出异常，或产出的不是 Violation：消息给出规则、所检查的报告和异常；"
        "其他规则照常运行。",
    ),
    _engine(
        BAD_PATH,
        Severity.ERROR,
        "规则给出的路径不在报告模型中",
        "一条规则产出的 Violation 的路径（如拼错的 appeals.reviw.total）既不是模板中的单元格、"
        "行或表，也不是报告的属性：消息给出规则和路径，这一条不作为该规则的结果。",
    ),
    _engine(
        UNCHECKED,
        Severity.INFO,
        "无法核对：涉及未印出或未能读取的单元格",
        "一条规则因涉及原文未印出或未能读取的单元格而无法核对（规则产出 Unchecked）："
        "每个关系一条，给出关系和未知的单元格。",
    ),
)
"""The engine's own codes: they can come with any rule."""


@rule(
    code="X-SHARE",
    severity=Severity.INFO,
    title="上年结转的申请占比",
    message="本年新收申请为上年结转的{share:.0%}",
    params=("share",),
)
def _broken(report: Report) -> Iterator[Violation]:
    """A rule gone wrong: it divides by a count that is 0."""
    carried_over = report.requests.carried_over.total.value or 0
    yield Violation(None, params={"share": (report.requests.new.total.value or 0) / carried_over})


@rule(code="X-REVIEW", severity=Severity.INFO, title="行政复议案件")
def _mistyped(report: Report) -> Iterator[Violation]:
    """A rule gone wrong: a path mistyped as a string."""
    yield Violation("appeals.reviw.total")


def _example_report() -> Report:
    report = Report.build(
        agency="示例县民政局",
        year=2024,
        proactive=proactive_2021(),
        requests=DisclosureRequests.from_counts(new=[12, 1], disclosed=[10, 1]),
    )
    return replace_at(report, "requests.carried_forward.natural_person", Cell.unread())  # type: ignore[no-any-return]


@functools.cache
def engine_entries() -> tuple[CatalogueEntry, ...]:
    """:data:`ENGINE_ENTRIES` with their example messages, as a check really reports them: two
    broken rules and ``S3-BALANCE`` run on a small report with a cell not read."""
    report = _example_report()
    found = RuleSet.of(_broken, _mistyped, s3_balance).check(report)
    examples = {f.code: f.message for f in found}
    return tuple(attrs.evolve(e, example=examples.get(e.code, "")) for e in ENGINE_ENTRIES)
