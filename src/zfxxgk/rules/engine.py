"""The rule engine: rules are small generators of violations; the engine makes findings.

A rule is a function that looks at a report (or at two reports of one agency, for a *pair*
rule) and **yields** :class:`Violation` values: where the problem is, what was reported and
what was expected.  The :func:`rule` decorator wraps the function in a :class:`Rule` that
carries its stable code, severity, Chinese title, description and message template.  The
engine, not the rule, turns each violation into a :class:`Finding`: it stamps the code and the
severity, looks up the official label path of the cell, describes how the cell was printed
(a number, 空白, a placeholder …) and fills in the Chinese message.

A :class:`RuleSet` is an immutable value.  ``with_rules()``, ``without()`` and ``only()``
return new sets; nothing is registered globally.  A rule that raises does not stop the check:
its exception becomes a ``RULE-CRASHED`` finding.
"""

from __future__ import annotations

import enum
import functools
import importlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, Final, SupportsIndex, TypeAlias, TypedDict

import attrs

from ..cells import Cell, Number
from ..diagnostics import Severity
from ..model import ApplicantRow, Report, Template
from ..template import TABLE_SECTIONS, cell_specs, row_specs
from .analysis import scan
from .context import CheckContext
from .findings import Finding, Findings, _dotted
from .messages import Example, check_declaration
from .unknown import (
    UNCHECKED,
    Unchecked,
    _number,
    cell_name,
    describe_cell,
    kind_at,
    unchecked_message,
)

__all__ = [
    "BAD_PATH",
    "CRASHED",
    "Finding",
    "Findings",
    "Rule",
    "RuleDeclaration",
    "RuleInfo",
    "RuleKind",
    "RuleSet",
    "Violation",
    "check",
    "check_pair",
    "pair_rule",
    "rule",
]

CRASHED: Final[str] = "RULE-CRASHED"
"""The code of the finding that stands for a rule that raised an exception."""
BAD_PATH: Final[str] = "RULE-PATH"
"""The code of the finding that stands for a violation whose path is not in the model."""

DEFAULT_MESSAGE: Final[str] = "报告为{reported}，应为{expected}"


class RuleKind(enum.Enum):
    """What a rule looks at."""

    SINGLE = "single"
    """One report: ``func(report)``."""
    PAIR = "pair"
    """Two reports of one agency, year Y−1 and Y: ``func(previous, current)``."""


# --------------------------------------------------------------------------------------
# What rules yield, and what the engine makes of it
# --------------------------------------------------------------------------------------


class _Unset(enum.Enum):
    UNSET = "unset"

    def __repr__(self) -> str:
        return "UNSET"


UNSET: Final = _Unset.UNSET
"""Marker: the engine reads ``reported`` from the cell at the violation's path."""


@attrs.frozen(slots=True)
class Violation:
    """What a rule yields: where the problem is and, for arithmetic, reported vs expected.

    ``path`` is the model attribute path of the cell (or row) concerned, dotted or as a tuple
    (``"requests.new.total"``), or ``None`` for the report as a whole.  ``reported`` defaults
    to the number printed in that cell (``None`` when the cell holds no number).  ``message``
    replaces the rule's message template for this one violation; ``params`` fill in the
    placeholders of the template (``{reported}``, ``{expected}`` and ``{where}`` are always
    available).
    """

    path: str | Sequence[str] | None
    reported: Number | _Unset | None = attrs.field(default=UNSET, kw_only=True)
    expected: Number | None = attrs.field(default=None, kw_only=True)
    message: str | None = attrs.field(default=None, kw_only=True)
    params: Mapping[str, object] = attrs.field(factory=dict, kw_only=True, eq=False, hash=False)


# --------------------------------------------------------------------------------------
# Rules
# --------------------------------------------------------------------------------------


@attrs.frozen(kw_only=True, slots=True)
class RuleInfo:
    """The catalogue entry of a rule: code, severity, Chinese title and description, kind."""

    code: str
    severity: Severity
    title: str
    description: str
    kind: RuleKind


def _check_code(instance: object, attribute: attrs.Attribute[str], code: str) -> None:
    if not isinstance(code, str) or not code or any(ch.isspace() for ch in code):
        raise ValueError(f"a rule code is a non-empty string without spaces, not {code!r}")
    if code.startswith("RULE-"):
        raise ValueError(f"the codes RULE-… ({CRASHED}, {BAD_PATH}) are the engine's own")


def _names(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(values)


RuleFunc: TypeAlias = Callable[..., Iterable[Violation | Unchecked]]


class _Declared(TypedDict):
    code: str
    severity: Severity
    title: str
    description: str
    message: str


class RuleDeclaration(_Declared, total=False):
    """What declares a code: ``rule(**declaration)`` (or ``pair_rule``) makes its rule.

    The rule modules keep their codes as tables of declarations, one entry per code;
    ``params`` (optional) names the message's own placeholders, ``example`` is one finding's
    params or message for the catalogue (:mod:`zfxxgk.rules.messages`)."""

    params: tuple[str, ...]
    example: Example


@attrs.frozen(kw_only=True, slots=True, eq=False)
class Rule:
    """A check: a generator function with its stable code, severity, title and message.

    Make one with the :func:`rule` (or :func:`pair_rule`) decorator.  Calling the rule calls
    the function: ``list(rule(report))`` gives its raw violations.
    """

    code: str = attrs.field(validator=_check_code)
    severity: Severity = attrs.field(validator=attrs.validators.instance_of(Severity))
    title: str
    description: str = ""
    kind: RuleKind = RuleKind.SINGLE
    message: str = DEFAULT_MESSAGE
    """The Chinese message template, filled with ``{reported}``, ``{expected}``, ``{where}``
    and the violation's ``params``."""
    func: RuleFunc
    params: tuple[str, ...] = attrs.field(default=(), converter=_names)
    """The names of the placeholders the violations' ``params`` fill in, besides
    ``{reported}``, ``{expected}`` and ``{where}``: checked against ``message`` here."""
    uses_context: bool = False
    """Whether the function takes the check's :class:`~zfxxgk.rules.context.CheckContext`
    as the keyword argument ``context`` (besides the report or reports)."""
    example: Example | None = None
    """One finding's params, or message, for the catalogue (:mod:`zfxxgk.rules.messages`)."""

    def __attrs_post_init__(self) -> None:
        check_declaration(self.code, self.message, self.params, self.example)

    @property
    def info(self) -> RuleInfo:
        return RuleInfo(
            code=self.code,
            severity=self.severity,
            title=self.title,
            description=self.description,
            kind=self.kind,
        )

    def with_severity(self, severity: Severity) -> Rule:
        """The same rule with another severity (e.g. to make a warning an error)."""
        return attrs.evolve(self, severity=severity)

    def __call__(
        self, *reports: Report, context: CheckContext | None = None
    ) -> Iterable[Violation | Unchecked]:
        """The rule's violations on *reports* (a rule that uses a context gets *context*, or
        a fresh one)."""
        if not self.uses_context:
            return self.func(*reports)
        return self.func(*reports, context=context or CheckContext(*reports))

    def __repr__(self) -> str:
        return f"<Rule {self.code} {self.severity.value} {self.kind.value}: {self.title}>"

    def __reduce_ex__(self, protocol: SupportsIndex) -> str | tuple[Any, ...]:
        """Pickle the function by reference, so rules go to worker processes.

        The :func:`rule` decorator puts the :class:`Rule` where its function was (the module
        attribute ``cell_negative`` *is* the rule), so pickle's own by-name lookup of the
        function would find the rule instead; here the function is found through the rule.
        A rule whose function cannot be imported by name (a lambda, a local function) pickles
        as any attrs object would, and fails as such a function fails."""
        func = self.func
        state = {f.name: getattr(self, f.name) for f in attrs.fields(Rule) if f.name != "func"}
        builtin = _builtin_by_code().get(self.code)
        if builtin is not None and builtin.func is func:  # also generated ones (N1xx)
            return (_restore_builtin, (self.code, state))
        module = getattr(func, "__module__", None)
        qualname = getattr(func, "__qualname__", "")
        if module and qualname and "<" not in qualname:
            try:
                found = _by_name(module, qualname)
            except (ImportError, AttributeError):
                found = None
            if found is func or (isinstance(found, Rule) and found.func is func):
                return (_restore_rule, (module, qualname, state))
        return object.__reduce_ex__(self, protocol)


def _by_name(module: str, qualname: str) -> object:
    target: object = importlib.import_module(module)
    for part in qualname.split("."):
        target = getattr(target, part)
    return target


def _restore_builtin(code: str, state: dict[str, Any]) -> Rule:
    """Unpickle a built-in :class:`Rule` (or a changed copy of one): its function by code."""
    builtin = _builtin_by_code()[code]
    if all(getattr(builtin, name) == value for name, value in state.items()):
        return builtin  # the very object: rule sets compare equal after a round trip
    return Rule(func=builtin.func, **state)


@functools.cache
def _builtin_by_code() -> dict[str, Rule]:
    return {r.code: r for r in _default().rules}


def _restore_rule(module: str, qualname: str, state: dict[str, Any]) -> Rule:
    """Unpickle a :class:`Rule`: its function by name, the rest as it was."""
    found = _by_name(module, qualname)
    if isinstance(found, Rule):
        if all(getattr(found, name) == value for name, value in state.items()):
            return found  # the very object, as for the built-in rules
        return Rule(func=found.func, **state)
    return Rule(func=found, **state)  # type: ignore[arg-type]


def rule(
    *,
    code: str,
    severity: Severity,
    title: str,
    description: str = "",
    message: str = DEFAULT_MESSAGE,
    pair: bool = False,
    uses_context: bool = False,
    params: Sequence[str] = (),
    example: Example | None = None,
) -> Callable[[RuleFunc], Rule]:
    """Make a :class:`Rule` of a generator function.

    ``code`` is stable and unique in a rule set, ``title`` and ``description`` are Chinese,
    ``message`` is the Chinese template of each finding's message.  A single-report rule
    takes ``(report)``; with ``pair=True`` (or :func:`pair_rule`) it takes ``(previous,
    current)``.  With ``uses_context=True`` it also takes the keyword argument ``context``:
    the :class:`~zfxxgk.rules.context.CheckContext` of the check, whose cache the rules of one
    check share.  The function yields :class:`Violation` values.  ``params`` names the
    placeholders of ``message`` the violations fill in besides ``{reported}``, ``{expected}``
    and ``{where}``; any other placeholder raises :exc:`ValueError` here.  ``example`` is what
    the catalogue shows: one finding's params, or its message (:mod:`zfxxgk.rules.messages`).
    """

    def decorate(func: RuleFunc) -> Rule:
        return Rule(
            code=code,
            severity=severity,
            title=title,
            description=description or (func.__doc__ or "").strip(),
            kind=RuleKind.PAIR if pair else RuleKind.SINGLE,
            message=message,
            func=func,
            uses_context=uses_context,
            params=params,
            example=example,
        )

    return decorate


def pair_rule(
    *,
    code: str,
    severity: Severity,
    title: str,
    description: str = "",
    message: str = DEFAULT_MESSAGE,
    uses_context: bool = False,
    params: Sequence[str] = (),
    example: Example | None = None,
) -> Callable[[RuleFunc], Rule]:
    """:func:`rule` for a rule over two reports of one agency: ``func(previous, current)``."""
    return rule(
        code=code,
        severity=severity,
        title=title,
        description=description,
        message=message,
        pair=True,
        uses_context=uses_context,
        params=params,
        example=example,
    )


# --------------------------------------------------------------------------------------
# Rule sets
# --------------------------------------------------------------------------------------


def _rules_tuple(rules: Iterable[Rule]) -> tuple[Rule, ...]:
    items = tuple(rules)
    seen: set[str] = set()
    for item in items:
        if not isinstance(item, Rule):
            raise TypeError(f"a rule set holds Rule objects, not {type(item).__name__}")
        if item.code in seen:
            raise ValueError(f"two rules with the code {item.code!r} in one rule set")
        seen.add(item.code)
    return items


@attrs.frozen(slots=True)
class RuleSet:
    """An immutable, ordered set of rules with unique codes.

    It holds single-report and pair rules together: :meth:`check` runs the single-report
    ones, :meth:`check_pair` the pair ones.  Every change returns a new set.
    """

    rules: tuple[Rule, ...] = attrs.field(converter=_rules_tuple)
    _single: tuple[Rule, ...] = attrs.field(init=False, repr=False, eq=False)
    _pair: tuple[Rule, ...] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(
            self, "_single", tuple(r for r in self.rules if r.kind is RuleKind.SINGLE)
        )
        object.__setattr__(self, "_pair", tuple(r for r in self.rules if r.kind is RuleKind.PAIR))

    @classmethod
    def of(cls, *rules: Rule) -> RuleSet:
        """A rule set of exactly these rules."""
        return cls(rules)

    @classmethod
    def default(cls) -> RuleSet:
        """Every built-in rule: the single-report checks and the pair checks."""
        return _default()

    @property
    def single_rules(self) -> tuple[Rule, ...]:
        """The rules over one report."""
        return self._single

    @property
    def pair_rules(self) -> tuple[Rule, ...]:
        """The rules over two reports of one agency."""
        return self._pair

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(r.code for r in self.rules)

    def with_rules(self, *rules: Rule) -> RuleSet:
        """A new set with *rules* added; a rule whose code is already here replaces it."""
        replacing = {r.code: r for r in rules}
        kept = [replacing.pop(r.code, r) for r in self.rules]
        return RuleSet((*kept, *(r for r in rules if r.code in replacing)))

    def without(self, *codes: str) -> RuleSet:
        """A new set without the rules of these codes (unknown codes raise :exc:`KeyError`)."""
        self._require(codes)
        drop = set(codes)
        return RuleSet(r for r in self.rules if r.code not in drop)

    def only(self, *codes: str) -> RuleSet:
        """A new set with only the rules of these codes (unknown codes raise :exc:`KeyError`)."""
        self._require(codes)
        keep = set(codes)
        return RuleSet(r for r in self.rules if r.code in keep)

    def _require(self, codes: Iterable[str]) -> None:
        unknown = [c for c in codes if c not in self]
        if unknown:
            raise KeyError(f"no rule with the code(s) {', '.join(unknown)} in this rule set")

    def __getitem__(self, code: str) -> Rule:
        for item in self.rules:
            if item.code == code:
                return item
        raise KeyError(code)

    def __contains__(self, item: object) -> bool:
        if isinstance(item, Rule):
            return item in self.rules
        return any(r.code == item for r in self.rules)

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)

    def catalogue(self) -> tuple[RuleInfo, ...]:
        """The catalogue entries of the rules in this set."""
        return tuple(r.info for r in self.rules)

    def check(self, report: Report) -> Findings:
        """Run the single-report rules on *report*."""
        return _run(self._single, (report,), report)

    def check_pair(self, previous: Report, current: Report) -> Findings:
        """Run the pair rules on two reports of one agency, year Y−1 then year Y.

        Findings are located in *current*.
        """
        return _run(self._pair, (previous, current), current)


_DEFAULT: list[RuleSet] = []
"""The default rule set, handed over by :mod:`zfxxgk.rules` (the package) when it is
imported: the rule modules import this engine, so the engine does not import them."""


def _use_default(rules: RuleSet) -> None:
    """Make *rules* the default rule set (called once, by ``zfxxgk/rules/__init__.py``)."""
    _DEFAULT[:] = [rules]
    _builtin_by_code.cache_clear()


def _default() -> RuleSet:
    if not _DEFAULT:  # pragma: no cover - importing this module imports its package first
        raise RuntimeError("the built-in rules are handed over by importing zfxxgk.rules")
    return _DEFAULT[0]


def _as_rule_set(rules: RuleSet | Iterable[Rule] | None) -> RuleSet:
    if rules is None:
        return _default()
    if isinstance(rules, RuleSet):
        return rules
    return RuleSet(rules)


def check(report: Report, rules: RuleSet | Iterable[Rule] | None = None) -> Findings:
    """Check one report with *rules* (default: :meth:`RuleSet.default`)."""
    return _as_rule_set(rules).check(report)


def check_pair(
    previous: Report, current: Report, rules: RuleSet | Iterable[Rule] | None = None
) -> Findings:
    """Check two reports of one agency (year Y−1, year Y) with the pair rules of *rules*."""
    return _as_rule_set(rules).check_pair(previous, current)


# --------------------------------------------------------------------------------------
# The engine
# --------------------------------------------------------------------------------------


@attrs.frozen(slots=True)
class _Shape:
    """Per template shape: label path, template order and cell index of every model path."""

    labels: Mapping[str, tuple[str, ...]]
    order: Mapping[str, int]
    cells: Mapping[str, int]
    """Dotted path of a cell → its index in ``cell_specs`` order (the order of the scan)."""


@functools.cache
def _shape(template: Template, other_single: bool) -> _Shape:
    labels: dict[str, tuple[str, ...]] = {}
    order: dict[str, int] = {}
    for index, spec in enumerate(cell_specs(template, other_single=other_single)):
        labels[spec.dotted] = spec.labels
        order[spec.dotted] = index
    cells = dict(order)
    for row in row_specs(template, other_single=other_single):
        dotted = ".".join(row.path)
        labels[dotted] = (row.section, *row.row)
        order[dotted] = order[row.cells[0].dotted]
    for number, attr in TABLE_SECTIONS.items():
        labels[attr] = (number,)
        order[attr] = min(i for p, i in order.items() if p.startswith(attr + "."))
    return _Shape(labels=labels, order=order, cells=cells)


class _SafeDict(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


class _Stamper:
    """Turns the violations of one check into findings located in one report."""

    __slots__ = ("_cells", "_paths", "context", "report", "shape")

    def __init__(self, report: Report, context: CheckContext) -> None:
        self.report = report
        self.context = context
        single = isinstance(report.requests.outcomes.other_handling, ApplicantRow)
        self.shape = _shape(report.info.template, single)
        self._cells: tuple[Cell, ...] | None = None
        self._paths: dict[str, bool] = {}

    def in_model(self, path: str) -> bool:
        """Whether *path* is a cell, row or table of the template or an attribute of the
        report (``info.year``)."""
        known = self._paths.get(path)
        if known is None:
            known = path in self.shape.labels or _resolves(self.report, path)
            self._paths[path] = known
        return known

    def cell(self, path: str | None) -> Cell | None:
        index = self.shape.cells.get(path) if path is not None else None
        if index is None:
            return None
        if self._cells is None:
            self._cells = self.context.cached(scan, self.report).cells
        return self._cells[index]

    def unchecked(self, item: Unchecked) -> Finding:
        """The ``UNCHECKED`` finding of a check a rule could not make (severity info)."""
        path = _dotted(item.path)
        name = self.shape.labels.get
        cells = [(cell_name(name(p, ()), p), kind_at(self.report, p)) for p in item.cells]
        previous = self.context.reports[0]
        for p in item.previous:
            cells.append((item.previous_name + cell_name(name(p, ()), p), kind_at(previous, p)))
        labels = self.shape.labels.get(path, ()) if path is not None else ()
        message = unchecked_message(item, cells)
        return Finding(
            code=UNCHECKED, severity=Severity.INFO, message=message, path=path, labels=labels
        )

    def __call__(self, rule: Rule, violation: Violation | Unchecked) -> Finding:
        if isinstance(violation, Unchecked):
            return self.unchecked(violation)
        if not isinstance(violation, Violation):
            raise TypeError(f"a rule yields Violation objects, not {type(violation).__name__}")
        path = _dotted(violation.path)
        if path is not None and not self.in_model(path):
            return _bad_path(rule, path)
        cell = self.cell(path)
        given = violation.reported
        reported = (cell.value if cell is not None else None) if given is UNSET else given
        labels = self.shape.labels.get(path, ()) if path is not None else ()
        template = violation.message if violation.message is not None else rule.message
        if "{" in template:
            params = _SafeDict(violation.params)
            if "reported" not in params:
                same = cell is not None and (given is UNSET or reported == cell.value)
                params["reported"] = describe_cell(cell) if same and cell else _number(reported)
            params.setdefault("expected", _number(violation.expected))
            params.setdefault("where", "/".join(labels) if labels else "整份报告")
            message = template.format_map(params)
        else:
            message = template
        return Finding(
            code=rule.code,
            severity=rule.severity,
            message=message,
            path=path,
            labels=labels,
            reported=reported,
            expected=violation.expected,
        )


def _resolves(report: Report, path: str) -> bool:
    target: object = report
    for part in path.split("."):
        if not part.isidentifier() or part.startswith("_") or not hasattr(target, part):
            return False
        target = getattr(target, part)
    return True


def _bad_path(rule: Rule, path: str) -> Finding:
    return Finding(
        code=BAD_PATH,
        severity=Severity.ERROR,
        message=(
            f"规则 {rule.code}（{rule.title}）给出的路径“{path}”不是报告模型中的单元格或属性，"
            "该条检查结果无法定位（规则的编写有误）"
        ),
    )


def _whose(report: Report) -> str:
    info = report.info
    year = f"{info.year} 年度" if info.year is not None else "年度不明的"
    return f"{info.agency or '机关名称不明'} {year}报告"


def _crashed(rule: Rule, exc: BaseException, report: Report) -> Finding:
    return Finding(
        code=CRASHED,
        severity=Severity.ERROR,
        message=(
            f"规则 {rule.code}（{rule.title}）检查{_whose(report)}时运行出错，"
            f"未能完成检查：{type(exc).__name__}: {exc}"
        ),
    )


def _run(rules: tuple[Rule, ...], args: tuple[Report, ...], located_in: Report) -> Findings:
    context = CheckContext(*args)  # one per check: the rules of this check share its cache
    stamp = _Stamper(located_in, context)
    found: list[Finding] = []
    with context.active():
        for item in rules:
            try:
                found_here = (
                    item.func(*args, context=context) if item.uses_context else item.func(*args)
                )
                for violation in found_here:
                    found.append(stamp(item, violation))
            except Exception as exc:  # a broken rule is a finding, never a crash of the check
                found.append(_crashed(item, exc, located_in))
    if len(found) > 1:
        order = stamp.shape.order
        last = len(order)
        found.sort(key=lambda f: -1 if f.path is None else order.get(f.path, last))
    return Findings(found)


def catalogue(rules: RuleSet | None = None) -> tuple[RuleInfo, ...]:
    """The catalogue of every built-in rule (or of the rules of *rules*)."""
    return (rules if rules is not None else _default()).catalogue()
