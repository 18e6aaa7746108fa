"""What the engine hands a rule for one check: the report(s) and a cache of shared analysis.

Several rules often need the same analysis of a report (every cell scanned once, the
narrative's claims extracted once).  The engine creates one :class:`CheckContext` for each
run of :meth:`~zfxxgk.rules.RuleSet.check` (or ``check_pair``) and hands it to every rule that
asks for it — as jsonschema hands a keyword function its validator::

    @rule(code="X-MY-CHECK", severity=Severity.WARNING, title="…", uses_context=True)
    def my_check(report, *, context):
        data = context.cached(scan)           # computed once per check, shared by the rules
        words = context.shared("my-words", lambda: expensive(report))
        ...

A rule declared without ``uses_context`` is called with the report(s) only, as always.  The
cache lives as long as one check: nothing is kept between checks, and two checks (in two
threads, or one after the other) never share a context.

A helper that several rules call through other helpers can be decorated with
:func:`shared_analysis`: while the engine runs a check, it is computed once for that check
(through the check's context, found in a :class:`contextvars.ContextVar`, which each thread
and each asyncio task has its own of); called outside a check it simply runs.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
from collections.abc import Callable, Hashable, Iterator
from typing import Any, TypeVar

from ..model import Report

__all__ = ["CheckContext", "shared_analysis"]

T = TypeVar("T")

_CURRENT: contextvars.ContextVar[CheckContext | None] = contextvars.ContextVar(
    "zfxxgk_check_context", default=None
)


class CheckContext:
    """The report(s) of one check and the analysis the rules share during it.

    ``reports`` are the rule's arguments: ``(report,)`` for a single-report check,
    ``(previous, current)`` for a pair check; :attr:`report` is the one the findings are
    located in (the current report of a pair).
    """

    __slots__ = ("_cache", "_own", "reports")

    def __init__(self, *reports: Report) -> None:
        if not reports:
            raise ValueError("a check context needs at least one report")
        self.reports: tuple[Report, ...] = reports
        self._cache: dict[Hashable, Any] = {}
        self._own: dict[Callable[[Report], Any], Any] = {}

    @property
    def report(self) -> Report:
        """The report the findings are located in (the only one, or the current of a pair)."""
        return self.reports[-1]

    def shared(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The value stored under *key* in this check, computing it the first time."""
        try:
            value: T = self._cache[key]
        except KeyError:
            value = self._cache[key] = compute()
        return value

    def cached(self, func: Callable[[Report], T], report: Report | None = None) -> T:
        """``func(report)`` (default: :attr:`report`), computed once in this check."""
        if report is None or report is self.reports[-1]:
            try:
                own: T = self._own[func]
            except KeyError:
                own = self._own[func] = func(self.reports[-1])
            return own
        key = (func, id(report))
        held = self._cache.get(key)
        if held is None or held[0] is not report:  # (an id reused by another report: not it)
            held = self._cache[key] = (report, func(report))
        value: T = held[1]
        return value

    @contextlib.contextmanager
    def active(self) -> Iterator[CheckContext]:
        """Make this the context :func:`shared_analysis` helpers use, for the ``with`` block."""
        token = _CURRENT.set(self)
        try:
            yield self
        finally:
            _CURRENT.reset(token)

    @staticmethod
    def current() -> CheckContext | None:
        """The context of the check running in this thread (or task), if any."""
        return _CURRENT.get()


def shared_analysis(func: Callable[[Report], T]) -> Callable[[Report], T]:
    """*func* computed once per check for a report it is given while a check runs (through
    that check's :class:`CheckContext`); outside a check, called as it is."""

    @functools.wraps(func)
    def shared(report: Report) -> T:
        context = _CURRENT.get()
        if context is None or not any(r is report for r in context.reports):
            return func(report)
        return context.cached(func, report)

    return shared
