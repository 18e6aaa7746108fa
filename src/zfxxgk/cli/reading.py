"""Reading the files a command is given: the rules to run, the batch in order, with progress."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from ..errors import Pre2019ReportError
from .base import UsageError
from .pages import scan_pages
from .terminal import Progress, common_folder, progress_enabled

if TYPE_CHECKING:
    from ..batch import BatchItem, Then
    from ..rules import RuleSet
    from ..rules.plugins import Plugin

__all__ = ["add_rules_option", "add_select_options", "batch", "is_pre_2019", "plugins", "rule_set"]


def _in_order(items: Iterable[BatchItem], order: Sequence[str]) -> Iterator[BatchItem]:
    """Items back in the order of *order* (their paths), each as soon as its turn comes."""
    position = {name: i for i, name in enumerate(order)}
    held: dict[int, BatchItem] = {}
    turn = 0
    for item in items:
        held[position.get(item.path, len(order) + len(held))] = item
        while turn in held:
            yield held.pop(turn)
            turn += 1
    for index in sorted(held):  # pragma: no cover - only paths outside *order*
        yield held[index]


def _codes(values: Sequence[str] | None) -> list[str]:
    return [c.strip() for v in values or () for c in v.split(",") if c.strip()]


def add_rules_option(parser: argparse.ArgumentParser) -> None:
    """``--rules MODULE:ATTRIBUTE`` (repeatable): rules of a plugin, besides the installed ones."""
    parser.add_argument(
        "--rules",
        action="append",
        dest="plugins",
        metavar="MODULE:ATTRIBUTE",
        help="同时运行这一规则插件的规则：模块:属性（规则、规则集或规则的序列），如 "
        "my_rules:RULES；可重复。已安装的插件（入口点组 zfxxgk.rules）总是运行",
    )


def add_select_options(parser: argparse.ArgumentParser) -> None:
    """``--select CODES`` and ``--ignore CODES`` (repeatable, comma-separated codes or starts
    of codes), read by :func:`rule_set`."""
    parser.add_argument(
        "--select",
        action="append",
        metavar="CODES",
        help="只运行这些规则：逗号分隔的代码或代码开头，如 S3-BALANCE,S4 "
        "（S4 即全部 S4- 规则；zfxxgk rules 列出全部代码）",
    )
    parser.add_argument(
        "--ignore",
        action="append",
        metavar="CODES",
        help="不运行这些规则：逗号分隔的代码或代码开头，如 CELL-BLANK,N2",
    )


def plugins(args: argparse.Namespace) -> tuple[Plugin, ...]:
    """The installed plugins (entry points of ``zfxxgk.rules``), then those of ``--rules``."""
    from ..rules.plugins import installed, load

    return (*installed(), *(load(spec) for spec in getattr(args, "plugins", None) or ()))


def rule_set(args: argparse.Namespace) -> RuleSet:
    """The default rules and the plugins' rules, narrowed by ``--select`` and ``--ignore``.

    Each value is a rule code or the start of codes: ``S3`` is every section-三 rule,
    ``CELL`` every cell rule, ``N1`` the narrative rules N1… .
    """
    from ..rules import RuleSet
    from ..rules.plugins import extend

    rules = extend(RuleSet.default(), plugins(args))
    select = _codes(getattr(args, "select", None))
    ignore = _codes(getattr(args, "ignore", None))
    unknown = [p for p in (*select, *ignore) if not any(c.startswith(p) for c in rules.codes)]
    if unknown:
        raise UsageError(f"未知的规则代码：{'、'.join(unknown)}（zfxxgk rules 列出全部代码）")
    if select:
        rules = rules.only(*(c for c in rules.codes if c.startswith(tuple(select))))
    if ignore:
        rules = rules.without(*(c for c in rules.codes if c.startswith(tuple(ignore))))
    return rules


def batch(
    args: argparse.Namespace,
    *,
    check: bool,
    label: str,
    keep_report: bool = True,
    then: Callable[[list[str]], Then] | None = None,
) -> tuple[list[str], Progress, Iterator[BatchItem]]:
    """The files under the command's PATHs, a progress bar, and their items in order
    (without their reports when not *keep_report*: each item's summary and findings);
    *then*, given the files, makes the ``then`` of :func:`zfxxgk.batch.read_files`."""
    from ..batch import find_sources, read_files

    rules = rule_set(args) if check else None
    files = list(find_sources(args.paths))
    scan_pages(args, files)
    progress = Progress(
        len(files), enabled=progress_enabled(args), label=label, root=common_folder(files)
    )
    after = None if then is None else then(files)

    def items() -> Iterator[BatchItem]:
        progress.draw()
        # the commands print reports, findings and diagnostics, never the cells' provenance
        for item in read_files(
            files,
            jobs=args.jobs,
            check=check,
            rules=rules,
            keep_provenance=False,
            keep_report=keep_report,
            then=after,
        ):
            progress.advance(item.path)
            yield item

    return files, progress, _in_order(items(), files)


def is_pre_2019(item: BatchItem) -> bool:
    """A report in the pre-2019 format: read, but with no standard tables to check."""
    return (
        item.summary is None
        and item.error is not None
        and (item.error.code == Pre2019ReportError.code)
    )
