"""What a check returns: :class:`Finding` (one problem) and :class:`Findings` (all of them).

The engine (:mod:`.engine`) makes findings of what rules yield; this module only holds the
two values, so that code reading findings needs nothing of the engine.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs

from .. import _display
from ..cells import Number
from ..diagnostics import Severity, SourceLocation

__all__ = ["Finding", "Findings"]


def _dotted(path: str | Sequence[str] | None) -> str | None:
    """*path* as a plain dotted string (a typed path of :mod:`.paths` is a ``str`` subclass)."""
    if path is None or type(path) is str:
        return path
    if isinstance(path, str):
        return str(path)
    return ".".join(path)


@attrs.frozen(kw_only=True, slots=True)
class Finding:
    """Something wrong with a report: a stable code, a severity, where, and what.

    ``path`` is the dotted model attribute path (``requests.outcomes.total.natural_person``),
    ``labels`` the official label path of the same cell
    (``("三", "三、本年度办理结果", "（七）总计", "自然人")``); both are empty for findings about
    the report as a whole.  ``reported`` is the number printed (``None`` for a blank,
    placeholder, text or missing cell), ``expected`` what it should be when the rule knows.
    ``message`` is Chinese.  ``location`` is where the cell is in the source file — where it
    was read, or for an unread cell where it was expected — when the report was checked
    from a :class:`~zfxxgk.readers.ParseResult` (``zfxxgk check``, :func:`zfxxgk.read_many`);
    it takes no part in equality.
    """

    code: str
    severity: Severity
    message: str
    path: str | None = None
    labels: tuple[str, ...] = ()
    reported: Number | None = None
    expected: Number | None = None
    location: SourceLocation | None = attrs.field(default=None, eq=False)

    @property
    def where(self) -> str:
        """The official label path joined by "/", or ``"(整份报告)"``."""
        return "/".join(self.labels) if self.labels else "(整份报告)"

    def __str__(self) -> str:
        return f"{self.code} {self.severity.label} {self.where}：{self.message}"


class Findings(tuple[Finding, ...]):
    """The findings of a check: an immutable sequence, sorted by template cell order.

    Findings about the report as a whole come first; findings at one cell keep the order of
    the rules that made them.
    """

    __slots__ = ()

    @property
    def errors(self) -> Findings:
        """Only the findings of severity error."""
        return Findings(f for f in self if f.severity is Severity.ERROR)

    @property
    def warnings(self) -> Findings:
        """Only the findings of severity warning."""
        return Findings(f for f in self if f.severity is Severity.WARNING)

    @property
    def infos(self) -> Findings:
        """Only the findings of severity info."""
        return Findings(f for f in self if f.severity is Severity.INFO)

    @property
    def ok(self) -> bool:
        """True when there is no error (warnings and infos allowed)."""
        return all(f.severity is not Severity.ERROR for f in self)

    @property
    def codes(self) -> frozenset[str]:
        """The distinct codes found."""
        return frozenset(f.code for f in self)

    def by_code(self) -> dict[str, Findings]:
        """The findings grouped by code, codes in order of first appearance."""
        groups: dict[str, list[Finding]] = {}
        for finding in self:
            groups.setdefault(finding.code, []).append(finding)
        return {code: Findings(items) for code, items in groups.items()}

    def at(self, path: str | Sequence[str]) -> Findings:
        """The findings at one model path (dotted or a tuple)."""
        dotted = _dotted(path)
        return Findings(f for f in self if f.path == dotted)

    def with_severity(self, minimum: Severity) -> Findings:
        """The findings at least as serious as *minimum*."""
        return Findings(f for f in self if f.severity.rank >= minimum.rank)

    def __repr__(self) -> str:
        return f"Findings({list(self)!r})"

    def __str__(self) -> str:
        return "\n".join(str(f) for f in self)

    def _repr_html_(self) -> str:
        """Notebook view: a table of code, severity, labels, reported, expected, message."""
        return _display.html("findings_html", self)

    def to_dataframe(self) -> Any:
        """One row per finding (needs pandas): the columns of ``zfxxgk.export.FINDING_COLUMNS``."""
        return _display.frame("findings_dataframe", self)
