"""Typed paths into the report's tables, for rule authors: ``paths.requests.new.total``.

A violation names its cell by the dotted model path (``"requests.carried_forward.total"``).
Written as a string, a typo (``"appeals.reviw.total"``) is only caught when the rule runs, as a
``RULE-PATH`` finding.  Built from this module, the same path is checked by mypy::

    from zfxxgk.rules import Violation, paths

    yield Violation(paths.requests.carried_forward.total)   # "requests.carried_forward.total"
    yield Violation(paths.appeals.reviw.total)               # mypy: has no attribute "reviw"

Each step is an attribute of the same name as the model's (:mod:`zfxxgk.model`): section →
row (or group of rows) → column.  Every path **is** a ``str`` (an immutable subclass), equal to
the dotted path the engine uses, so it goes wherever a path goes: :class:`~zfxxgk.rules.Violation`,
:class:`~zfxxgk.rules.Unchecked`, :func:`~zfxxgk.rules.amount_at`, ``Findings.at``, and
``finding.path == paths.requests.new.total``.

Where the model has two shapes the path says which one it means, without a step of its own:
``paths.proactive.v2021.fees.amount`` and ``paths.proactive.v2019.procurement.amount``
(section 二 of the two templates), ``paths.requests.outcomes.other_handling.fee_unpaid`` (the
three rows of （六）) and ``….other_handling.as_row.total`` ((六) printed as one row).

``row.cells`` lists the cells of a row and ``node.children()`` the steps below any path, in
template order, for rules that loop over columns or rows.
"""

from __future__ import annotations

from typing import Generic, TypeVar, overload

__all__ = [
    "AppealsPath",
    "ApplicantRowPath",
    "CaseOutcomesPath",
    "CellPath",
    "DecisionRow2021Path",
    "DocumentRow2019Path",
    "DocumentRow2021Path",
    "FeeItemsRow2019Path",
    "FeeRow2021Path",
    "ItemChangeRow2019Path",
    "ModelPath",
    "NotProcessedPath",
    "OtherHandlingPath",
    "OutcomesPath",
    "Proactive2019Path",
    "Proactive2021Path",
    "ProactivePath",
    "ProcurementRow2019Path",
    "RequestsPath",
    "RowPath",
    "UnavailablePath",
    "WithheldPath",
    "appeals",
    "proactive",
    "requests",
]

_P = TypeVar("_P", bound="ModelPath")


class ModelPath(str):
    """A dotted path into the report's tables (a ``str``); its attributes are the next steps."""

    __slots__ = ()

    @property
    def parts(self) -> tuple[str, ...]:
        """The steps of the path: ``("requests", "new", "total")``."""
        return tuple(self.split("."))

    def children(self) -> tuple[ModelPath, ...]:
        """The paths one step below this one, in template order (a shape view counts as none)."""
        found: dict[str, ModelPath] = {}
        for klass in reversed(type(self).__mro__):
            for name, value in vars(klass).items():
                if isinstance(value, _Step):
                    found.pop(name, None)  # redefined in a subclass: its place is the last
                    found[name] = getattr(self, name)
        return tuple(found.values())


class _Step(Generic[_P]):
    """One attribute of a path class: the path one step further, of class *kind*."""

    __slots__ = ("_kind", "_name")

    def __init__(self, kind: type[_P]) -> None:
        self._kind = kind
        self._name = ""

    def __set_name__(self, owner: type[object], name: str) -> None:
        self._name = name

    @overload
    def __get__(self, instance: None, owner: type[object]) -> _Step[_P]: ...
    @overload
    def __get__(self, instance: ModelPath, owner: type[object]) -> _P: ...
    def __get__(self, instance: ModelPath | None, owner: type[object]) -> _Step[_P] | _P:
        if instance is None:
            return self
        return self._kind(f"{instance}.{self._name}")


class _Shape(Generic[_P]):
    """A view of the same path as one of the model's shapes (no step of its own)."""

    __slots__ = ("_kind",)

    def __init__(self, kind: type[_P]) -> None:
        self._kind = kind

    @overload
    def __get__(self, instance: None, owner: type[object]) -> _Shape[_P]: ...
    @overload
    def __get__(self, instance: ModelPath, owner: type[object]) -> _P: ...
    def __get__(self, instance: ModelPath | None, owner: type[object]) -> _Shape[_P] | _P:
        if instance is None:
            return self
        return self._kind(instance)


class CellPath(ModelPath):
    """The path of one cell: ``requests.new.total``."""

    __slots__ = ()


class RowPath(ModelPath):
    """The path of one row of a table: its cells are its attributes."""

    __slots__ = ()

    @property
    def cells(self) -> tuple[CellPath, ...]:
        """The cells of the row, in template order."""
        return tuple(c for c in self.children() if isinstance(c, CellPath))


# --------------------------------------------------------------------------------------
# Section 三 (zfxxgk.model.DisclosureRequests)
# --------------------------------------------------------------------------------------


class ApplicantRowPath(RowPath):
    """A row of section 三 (:class:`~zfxxgk.model.ApplicantRow`): the seven applicant columns."""

    __slots__ = ()
    natural_person = _Step(CellPath)
    commercial_enterprise = _Step(CellPath)
    research_institution = _Step(CellPath)
    public_interest_organization = _Step(CellPath)
    legal_service_institution = _Step(CellPath)
    other_organization = _Step(CellPath)
    total = _Step(CellPath)


class WithheldPath(ModelPath):
    """（三）不予公开 (:class:`~zfxxgk.model.Withheld`)."""

    __slots__ = ()
    state_secret = _Step(ApplicantRowPath)
    prohibited_by_law = _Step(ApplicantRowPath)
    three_safeties_one_stability = _Step(ApplicantRowPath)
    third_party_rights = _Step(ApplicantRowPath)
    internal_affairs = _Step(ApplicantRowPath)
    process_information = _Step(ApplicantRowPath)
    enforcement_files = _Step(ApplicantRowPath)
    query_matters = _Step(ApplicantRowPath)


class UnavailablePath(ModelPath):
    """（四）无法提供 (:class:`~zfxxgk.model.Unavailable`)."""

    __slots__ = ()
    not_held = _Step(ApplicantRowPath)
    needs_creation = _Step(ApplicantRowPath)
    still_unclear = _Step(ApplicantRowPath)


class NotProcessedPath(ModelPath):
    """（五）不予处理 (:class:`~zfxxgk.model.NotProcessed`)."""

    __slots__ = ()
    complaints = _Step(ApplicantRowPath)
    repeated = _Step(ApplicantRowPath)
    publications = _Step(ApplicantRowPath)
    excessive = _Step(ApplicantRowPath)
    confirmation = _Step(ApplicantRowPath)


class OtherHandlingPath(ModelPath):
    """（六）其他处理 (:class:`~zfxxgk.model.OtherHandling`): three rows, or ``as_row`` for a
    report that prints it as one row."""

    __slots__ = ()
    no_correction = _Step(ApplicantRowPath)
    fee_unpaid = _Step(ApplicantRowPath)
    other = _Step(ApplicantRowPath)
    as_row = _Shape(ApplicantRowPath)


class OutcomesPath(ModelPath):
    """三、本年度办理结果 (:class:`~zfxxgk.model.Outcomes`)."""

    __slots__ = ()
    disclosed = _Step(ApplicantRowPath)
    partially_disclosed = _Step(ApplicantRowPath)
    withheld = _Step(WithheldPath)
    unavailable = _Step(UnavailablePath)
    not_processed = _Step(NotProcessedPath)
    other_handling = _Step(OtherHandlingPath)
    total = _Step(ApplicantRowPath)


class RequestsPath(ModelPath):
    """Section 三 (:class:`~zfxxgk.model.DisclosureRequests`)."""

    __slots__ = ()
    new = _Step(ApplicantRowPath)
    carried_over = _Step(ApplicantRowPath)
    outcomes = _Step(OutcomesPath)
    carried_forward = _Step(ApplicantRowPath)


# --------------------------------------------------------------------------------------
# Section 四 (zfxxgk.model.Appeals)
# --------------------------------------------------------------------------------------


class CaseOutcomesPath(RowPath):
    """A group of section 四 (:class:`~zfxxgk.model.CaseOutcomes`)."""

    __slots__ = ()
    upheld = _Step(CellPath)
    corrected = _Step(CellPath)
    other = _Step(CellPath)
    pending = _Step(CellPath)
    total = _Step(CellPath)


class AppealsPath(ModelPath):
    """Section 四 (:class:`~zfxxgk.model.Appeals`)."""

    __slots__ = ()
    review = _Step(CaseOutcomesPath)
    lawsuit_direct = _Step(CaseOutcomesPath)
    lawsuit_after_review = _Step(CaseOutcomesPath)


# --------------------------------------------------------------------------------------
# Section 二 (zfxxgk.model.ProactiveDisclosure2021 / 2019)
# --------------------------------------------------------------------------------------


class DocumentRow2021Path(RowPath):
    """规章, 行政规范性文件 (2021 template)."""

    __slots__ = ()
    issued = _Step(CellPath)
    repealed = _Step(CellPath)
    in_force = _Step(CellPath)


class DecisionRow2021Path(RowPath):
    """行政许可, 行政处罚, 行政强制 (2021 template)."""

    __slots__ = ()
    decisions = _Step(CellPath)


class FeeRow2021Path(RowPath):
    """行政事业性收费 (2021 template)."""

    __slots__ = ()
    amount = _Step(CellPath)


class Proactive2021Path(ModelPath):
    """Section 二 of the 2021 template (:class:`~zfxxgk.model.ProactiveDisclosure2021`)."""

    __slots__ = ()
    regulations = _Step(DocumentRow2021Path)
    normative_documents = _Step(DocumentRow2021Path)
    licensing = _Step(DecisionRow2021Path)
    penalties = _Step(DecisionRow2021Path)
    coercion = _Step(DecisionRow2021Path)
    fees = _Step(FeeRow2021Path)


class DocumentRow2019Path(RowPath):
    """规章, 规范性文件 (2019 template)."""

    __slots__ = ()
    made = _Step(CellPath)
    published = _Step(CellPath)
    public_total = _Step(CellPath)


class ItemChangeRow2019Path(RowPath):
    """行政许可, 其他对外管理服务事项, 行政处罚, 行政强制 (2019 template)."""

    __slots__ = ()
    previous_items = _Step(CellPath)
    change = _Step(CellPath)
    decisions = _Step(CellPath)


class FeeItemsRow2019Path(RowPath):
    """行政事业性收费 (2019 template)."""

    __slots__ = ()
    previous_items = _Step(CellPath)
    change = _Step(CellPath)


class ProcurementRow2019Path(RowPath):
    """政府集中采购 (2019 template)."""

    __slots__ = ()
    projects = _Step(CellPath)
    amount = _Step(CellPath)


class Proactive2019Path(ModelPath):
    """Section 二 of the 2019 template (:class:`~zfxxgk.model.ProactiveDisclosure2019`)."""

    __slots__ = ()
    regulations = _Step(DocumentRow2019Path)
    normative_documents = _Step(DocumentRow2019Path)
    licensing = _Step(ItemChangeRow2019Path)
    other_services = _Step(ItemChangeRow2019Path)
    penalties = _Step(ItemChangeRow2019Path)
    coercion = _Step(ItemChangeRow2019Path)
    fees = _Step(FeeItemsRow2019Path)
    procurement = _Step(ProcurementRow2019Path)


class ProactivePath(ModelPath):
    """Section 二: its rows differ by template, so say which: ``.v2021`` or ``.v2019``."""

    __slots__ = ()
    v2021 = _Shape(Proactive2021Path)
    v2019 = _Shape(Proactive2019Path)


# --------------------------------------------------------------------------------------
# The three tables of a report
# --------------------------------------------------------------------------------------

proactive = ProactivePath("proactive")
"""Section 二、主动公开政府信息情况."""
requests = RequestsPath("requests")
"""Section 三、收到和处理政府信息公开申请情况."""
appeals = AppealsPath("appeals")
"""Section 四、政府信息公开行政复议、行政诉讼情况."""
