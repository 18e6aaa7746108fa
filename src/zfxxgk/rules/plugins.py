"""Rule plugins: rules from installed packages and from ``module:attribute`` names.

A plugin is any importable object that holds rules: a :class:`~zfxxgk.rules.Rule`, a
:class:`~zfxxgk.rules.RuleSet`, or an iterable of rules.  It comes in two ways:

- an installed package declares it as an entry point of the group ``zfxxgk.rules``
  (:data:`ENTRY_POINT_GROUP`); the command line loads every such entry point
  (:func:`installed`);
- ``zfxxgk check --rules module:attribute`` names it (:func:`load`).

:func:`extend` adds plugins to a rule set; a plugin code that is already taken (by a built-in
rule or another plugin) is an error, never a silent replacement.  Anything wrong raises
:class:`~zfxxgk.errors.RulePluginError` (``E500``) with a Chinese message naming the plugin.

    >>> from zfxxgk.rules import RuleSet, plugins
    >>> mine = plugins.load("my_rules:RULES")                  # doctest: +SKIP
    >>> rules = plugins.extend(RuleSet.default(), [mine])      # doctest: +SKIP
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Iterable
from typing import Final

import attrs

from ..errors import RulePluginError
from .engine import Rule, RuleSet

__all__ = ["ENTRY_POINT_GROUP", "Plugin", "extend", "installed", "load", "rules_of"]

ENTRY_POINT_GROUP: Final[str] = "zfxxgk.rules"
"""The entry-point group an installed package declares its rules in."""


@attrs.frozen(kw_only=True, slots=True)
class Plugin:
    """The rules of one plugin and where they came from.

    ``origin`` is ``"plugin"``; ``source`` names the plugin: the distribution and entry
    point (``zfxxgk-example-rules (example)``) or the ``module:attribute`` given."""

    source: str
    rules: tuple[Rule, ...]
    origin: str = "plugin"


def rules_of(value: object, source: str) -> tuple[Rule, ...]:
    """The rules held by *value* (a rule, a rule set or an iterable of rules)."""
    if isinstance(value, Rule):
        return (value,)
    if isinstance(value, RuleSet):
        return value.rules
    if isinstance(value, Iterable) and not isinstance(value, str | bytes):
        items = tuple(value)
        if all(isinstance(item, Rule) for item in items):
            return items
    raise RulePluginError(
        f"规则插件“{source}”给出的是 {type(value).__name__}，"
        "不是规则（Rule）、规则集（RuleSet）或规则的序列",
        origin=source,
    )


def load(spec: str) -> Plugin:
    """The plugin named ``module:attribute`` (the attribute may be dotted)."""
    module_name, colon, attribute = spec.partition(":")
    if not colon or not module_name.strip() or not attribute.strip():
        raise RulePluginError(
            f"“{spec}”不是规则插件的写法：应为“模块:属性”，如 my_rules:RULES", origin=spec
        )
    try:
        target: object = importlib.import_module(module_name.strip())
    except Exception as exc:  # a plugin's own import error, syntax error …: all are its fault
        raise RulePluginError(
            f"无法导入规则插件“{spec}”的模块 {module_name}：{type(exc).__name__}: {exc}",
            origin=spec,
        ) from exc
    for part in attribute.strip().split("."):
        try:
            target = getattr(target, part)
        except AttributeError as exc:
            raise RulePluginError(
                f"规则插件“{spec}”：模块 {module_name} 中没有 {attribute}", origin=spec
            ) from exc
    return Plugin(source=spec, rules=rules_of(target, spec))


def _declared_anywhere() -> bool:
    """Whether an installed distribution may declare :data:`ENTRY_POINT_GROUP`: a quick look
    at the ``entry_points.txt`` files on ``sys.path``, so that a run without plugins does not
    import :mod:`importlib.metadata` (and its ``email``, ``zipfile``, ``tempfile`` …: most of
    the start-up of a small check).  A zip file on the path is not looked into: then yes."""
    for entry in sys.path:
        try:
            with os.scandir(entry or ".") as listing:
                folders = [d.path for d in listing if d.name.endswith((".dist-info", ".egg-info"))]
        except NotADirectoryError:
            return os.path.exists(entry)  # a zip archive: let importlib.metadata look
        except OSError:
            continue
        for folder in folders:
            try:
                with open(os.path.join(folder, "entry_points.txt"), "rb") as points:
                    if ENTRY_POINT_GROUP.encode() in points.read():
                        return True
            except OSError:
                continue
    return False


def installed() -> tuple[Plugin, ...]:
    """The plugins of the installed packages: every entry point of :data:`ENTRY_POINT_GROUP`,
    in the order of their names."""
    if not _declared_anywhere():
        return ()
    import importlib.metadata

    found: list[Plugin] = []
    points = importlib.metadata.entry_points(group=ENTRY_POINT_GROUP)
    for point in sorted(points, key=lambda p: (p.name, p.value)):
        dist = point.dist.name if point.dist is not None else None
        source = f"{dist} ({point.name})" if dist else f"{point.name} = {point.value}"
        try:
            value = point.load()
        except Exception as exc:  # the same as load(): a broken plugin is named, not raised
            raise RulePluginError(
                f"无法加载已安装的规则插件 {source}（{point.value}）：{type(exc).__name__}: {exc}",
                origin=source,
            ) from exc
        found.append(Plugin(source=source, rules=rules_of(value, source)))
    return tuple(found)


def extend(rules: RuleSet, plugins: Iterable[Plugin]) -> RuleSet:
    """*rules* with the rules of *plugins* added after them; a code already taken raises.

    The very same rule named twice (an installed plugin also given with ``--rules``) is
    added once."""
    taken = dict.fromkeys(rules.codes, "内置规则")
    added: list[Rule] = []
    for plugin in plugins:
        for item in plugin.rules:
            if item in added:
                continue
            if item.code in taken:
                raise RulePluginError(
                    f"规则插件“{plugin.source}”的规则代码 {item.code} 已被{taken[item.code]}"
                    "使用；插件规则不能替换已有的规则，请换一个代码（如加 X- 前缀）",
                    origin=plugin.source,
                )
            taken[item.code] = f"规则插件“{plugin.source}”"
            added.append(item)
    return rules.with_rules(*added)
