"""Collecting the result: the cells placed so far assembled into a
:class:`~zfxxgk.model.Report`, a diagnostic for every template row that stayed missing
without an explanation (R112), and the :class:`~zfxxgk.readers.result.ParseResult`.
"""

from __future__ import annotations

from typing import Any

import attrs

from ...cells import Cell
from ...model import (
    Appeals,
    ApplicantRow,
    DisclosureRequests,
    OtherHandling,
    ProactiveDisclosure2019,
    ProactiveDisclosure2021,
    Report,
    Template,
)
from ...template import CellSpec, cell_specs
from ..result import ParseResult
from ..sections import Heading
from .info import report_info
from .state import WARNING, Builder

__all__ = ["result"]


def result(
    builder: Builder, narrative: dict[str, str | None], headings: dict[str, Heading]
) -> ParseResult:
    """The parse result: the report's info, its cells, the text of sections 一/五/六
    (*narrative*), and every diagnostic (R112 for a row missing without explanation)."""
    info = report_info(builder, headings)
    specs = cell_specs(builder.template, other_single=builder.other_single)
    missing_rows: dict[tuple[str, ...], CellSpec] = {}
    for spec in specs:
        if spec.path not in builder.cells:
            missing_rows.setdefault(spec.row_path, spec)
    # rows already explained (a short row, unplaced rows, an ambiguous digit string …)
    explained = {
        d.path
        for d in builder.diagnostics
        if d.path and (d.code in _EXPLAINS_MISSING or not d.code.startswith("R"))
    }
    for row_path, spec in missing_rows.items():
        dotted = ".".join(row_path)
        if any(
            dotted == p or dotted.startswith(p + ".") or p.startswith(dotted + ".")
            for p in explained
        ):
            continue
        builder.diag(
            "R112",
            WARNING,
            f"未找到“{'/'.join(spec.row)}”一行的数字，按缺失处理",
            path=row_path,
            template=builder.template,
        )
    report = Report(
        info=info,
        proactive=_assemble(
            _proactive_class(builder.template), ("proactive",), builder.cells, builder.other_single
        ),
        requests=_assemble(DisclosureRequests, ("requests",), builder.cells, builder.other_single),
        appeals=_assemble(Appeals, ("appeals",), builder.cells, builder.other_single),
        overview=narrative.get("一"),
        problems=narrative.get("五"),
        other_matters=narrative.get("六"),
    )
    return ParseResult(
        report=report,
        diagnostics=tuple(builder.diagnostics),
        provenance=dict(builder.provenance),
        document=builder.document,
        source=builder.source,
    )


def _proactive_class(template: Template) -> type[Any]:
    return ProactiveDisclosure2021 if template is Template.V2021 else ProactiveDisclosure2019


_MISSING = Cell.missing()
_EXPLAINS_MISSING = frozenset({"R110", "R111", "R114", "R130"})


def _assemble(
    cls: type[Any], path: tuple[str, ...], cells: dict[tuple[str, ...], Cell], other_single: bool
) -> Any:
    kwargs: dict[str, Any] = {}
    for name, here, child in _plan(cls, path, other_single):
        if child is None:
            kwargs[name] = cells.get(here, _MISSING)
        else:
            kwargs[name] = _assemble(child, here, cells, other_single)
    return cls(**kwargs)


_PlanStep = tuple[str, tuple[str, ...], type[Any] | None]
_PLANS: dict[tuple[type[Any], tuple[str, ...], bool], tuple[_PlanStep, ...]] = {}


def _plan(cls: type[Any], path: tuple[str, ...], other_single: bool) -> tuple[_PlanStep, ...]:
    """The fields of *cls* at *path*: (name, path, the class of a part or None for a cell),
    worked out once per model class and place (a few dozen in all)."""
    key = (cls, path, other_single)
    plan = _PLANS.get(key)
    if plan is None:
        steps: list[_PlanStep] = []
        for field in attrs.fields(cls):
            here = (*path, field.name)
            if field.type is Cell:
                steps.append((field.name, here, None))
            elif field.name == "other_handling":
                steps.append((field.name, here, ApplicantRow if other_single else OtherHandling))
            else:
                steps.append((field.name, here, field.type))
        plan = _PLANS[key] = tuple(steps)
    return plan
