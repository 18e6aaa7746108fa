"""Collecting the result: the cells placed so far assembled into a
:class:`~zfxxgk.model.Report`, and the :class:`~zfxxgk.readers.result.ParseResult`.

A template cell that was not placed is either **unread** (:meth:`Cell.unread`: a diagnostic
says its row is printed but could not be read, or a table is printed under its section's
heading but no row of it was read — R119) or **missing** (:meth:`Cell.missing`: the row is
not printed — R112).  Every unread cell gets the place where it was expected in
``ParseResult.unread_locations``: the location of the diagnostic that explains its row, or
for R119 the section's heading.
"""

from __future__ import annotations

from typing import Any

import attrs

from ..._startup import LazyPattern
from ...cells import Cell
from ...diagnostics import Diagnostic, SourceLocation
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
from ...template import TABLE_SECTIONS, CellSpec, cell_specs
from ..document import Paragraph
from ..labels import key_of, strip_numbering
from ..result import ParseResult, Provenance
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
    cells = dict(builder.cells)
    explained = _explained(builder)
    expected_at, unread_sections = _unread_rows(builder, headings, specs, cells, explained)
    at_cell = {d.path: d.location for d in reversed(explained) if d.location is not None}
    unread_locations = _mark_unread(cells, specs, expected_at, at_cell)
    for section in sorted(unread_sections, key="一二三四五六".index):
        heading = headings[section]
        builder.diag(
            "R119",
            WARNING,
            f"原文有第{section}部分的标题，但未能读取其表格中的任何一行，该部分的单元格记为未读取",
            builder.paragraph_at(heading.position).location,
            path=(TABLE_SECTIONS[section],),
        )
    report = Report(
        info=info,
        proactive=_assemble(
            _proactive_class(builder.template), ("proactive",), cells, builder.other_single
        ),
        requests=_assemble(DisclosureRequests, ("requests",), cells, builder.other_single),
        appeals=_assemble(Appeals, ("appeals",), cells, builder.other_single),
        overview=narrative.get("一"),
        problems=narrative.get("五"),
        other_matters=narrative.get("六"),
    )
    return ParseResult(
        report=report,
        diagnostics=tuple(builder.diagnostics),
        provenance=Provenance(dict(builder.provenance)),
        unread_locations=unread_locations,
        document=builder.document,
        source=builder.source,
    )


def _unread_rows(
    builder: Builder,
    headings: dict[str, Heading],
    specs: tuple[CellSpec, ...],
    cells: dict[tuple[str, ...], Cell],
    explained: list[Diagnostic],
) -> tuple[dict[tuple[str, ...], SourceLocation | None], set[str]]:
    """The rows not placed that are printed but could not be read, each with where it was
    expected, and the sections whose table was not read at all (R119); every other row not
    placed is not printed (R112, said here)."""
    missing_rows: dict[tuple[str, ...], CellSpec] = {}
    for spec in specs:
        if spec.path not in cells:
            missing_rows.setdefault(spec.row_path, spec)
    read_sections = {spec.section for spec in specs if spec.path in cells}
    troubled = _troubled_sections(builder) if missing_rows else {}
    unread_sections: set[str] = set()
    expected_at: dict[tuple[str, ...], SourceLocation | None] = {}
    for row_path, spec in missing_rows.items():
        why = _explanation(".".join(row_path), explained) or troubled.get(spec.section)
        if why is not None:
            expected_at[row_path] = why.location or _heading_location(builder, headings, spec)
        elif (label_at := _label_alone(builder, headings, spec)) is not None:
            builder.diag(
                "R110",
                WARNING,
                f"“{'/'.join(spec.row)}”一行只印出标签，没有数字（或数字未能读取），"
                "该行的单元格记为未读取",
                label_at,
                path=row_path,
                template=builder.template,
            )
            expected_at[row_path] = label_at
        elif spec.section not in read_sections and _table_printed(builder, headings, spec.section):
            # the section's table is printed (a table or lines of numbers under its heading)
            # but no row of it was read
            expected_at[row_path] = _heading_location(builder, headings, spec)
            unread_sections.add(spec.section)
        else:
            builder.diag(
                "R112",
                WARNING,
                f"未找到“{'/'.join(spec.row)}”一行的数字，按缺失处理",
                path=row_path,
                template=builder.template,
            )
    return expected_at, unread_sections


_TABLE_PROBLEMS = frozenset({"R114", "R170", "R171", "R172"})
"""Reader codes that say the rows or numbers of a table could not all be lined up or placed
(R114 here when it names no row)."""


def _troubled_sections(builder: Builder) -> dict[str, Diagnostic]:
    """The sections with a table whose numbers could not all be lined up (R170/R171/R172)
    or whose unlabelled rows could not be placed (R114), each with that diagnostic: a row
    of such a section that was not read may be printed there, so it is unread, never "not
    printed".  A table belongs to the sections of the cells read from it and of the rows a
    diagnostic places in it."""
    problems: dict[int, Diagnostic] = {}
    for d in builder.diagnostics:
        table = d.location.table if d.location is not None else None
        if d.code in _TABLE_PROBLEMS and d.severity is WARNING and table is not None:
            problems.setdefault(table, d)
    found: dict[str, Diagnostic] = {}
    if not problems:
        return found
    placed = [(path[0], place) for path, place in builder.provenance.items()]
    placed += [
        (d.path.split(".")[0], d.location) for d in builder.diagnostics if d.path and d.location
    ]
    for root, place in placed:
        section = _ROOT_SECTION.get(root)
        location = place if isinstance(place, SourceLocation) else place.location
        if section is not None and location.table in problems:
            found.setdefault(section, problems[location.table])
    return found


def _proactive_class(template: Template) -> type[Any]:
    return ProactiveDisclosure2021 if template is Template.V2021 else ProactiveDisclosure2019


_MISSING = Cell.missing()
_UNREAD = Cell.unread()
_EXPLAINS_MISSING = frozenset({"R110", "R111", "R114", "R130", "R170", "R173"})
"""Reader codes that say a row (or a cell of it) is printed but its cells could not be placed."""
_ROOT_SECTION = {root: section for section, root in TABLE_SECTIONS.items()}


def _explained(builder: Builder) -> list[Diagnostic]:
    """The diagnostics that say a row or cell is printed but could not be read (a short row,
    unplaced rows, an ambiguous digit string …), the most precise (longest path) first."""
    found = [
        d
        for d in builder.diagnostics
        if d.path and (d.code in _EXPLAINS_MISSING or not d.code.startswith("R"))
    ]
    return sorted(found, key=lambda d: (d.location is None, -len(d.path or "")))


def _explanation(dotted: str, explained: list[Diagnostic]) -> Diagnostic | None:
    """The diagnostic that explains why the row *dotted* was not read (one with a location
    when there is one), or None."""
    for d in explained:
        p = d.path or ""
        if dotted == p or dotted.startswith(p + ".") or p.startswith(dotted + "."):
            return d
    return None


def _label_alone(
    builder: Builder, headings: dict[str, Heading], spec: CellSpec
) -> SourceLocation | None:
    """Where the label of *spec*'s row is printed on a line of its own under its section's
    heading (a row of a text table that prints no number), or None."""
    heading = headings.get(spec.section)
    if heading is None:
        return None
    want = key_of(spec.row[-1])
    bare = strip_numbering(want)
    end = min(
        (h.position for h in headings.values() if h.position > heading.position),
        default=len(builder.raw),
    )
    for _, block in builder.raw[heading.position + 1 : end]:
        if isinstance(block, Paragraph):
            key = key_of(block.text)
            if key == want or (len(bare) >= 4 and strip_numbering(key) == bare):
                return block.location
    return None


_DIGITS = LazyPattern(r"\d+")


def _table_printed(builder: Builder, headings: dict[str, Heading], section: str) -> bool:
    """True when something like a table is printed under the heading of *section*: a table
    row, or a paragraph with four numbers or more, before the next heading."""
    heading = headings.get(section)
    if heading is None:
        return False
    end = min(
        (h.position for h in headings.values() if h.position > heading.position),
        default=len(builder.raw),
    )
    for _, block in builder.raw[heading.position + 1 : end]:
        if not isinstance(block, Paragraph) or len(_DIGITS.findall(block.text)) >= 4:
            return True
    return False


def _heading_location(
    builder: Builder, headings: dict[str, Heading], spec: CellSpec
) -> SourceLocation | None:
    heading = headings.get(spec.section)
    return None if heading is None else builder.paragraph_at(heading.position).location


def _mark_unread(
    cells: dict[tuple[str, ...], Cell],
    specs: tuple[CellSpec, ...],
    expected_at: dict[tuple[str, ...], SourceLocation | None],
    at_cell: dict[str | None, SourceLocation],
) -> dict[str, SourceLocation]:
    """Make the cells not placed of the rows *expected_at* unread; where each was expected
    (by dotted path): the place a diagnostic gives for the cell itself (*at_cell*), else
    its row's (a row whose place is unknown has none)."""
    locations: dict[str, SourceLocation] = {}
    for spec in specs:
        if spec.row_path in expected_at and spec.path not in cells:
            cells[spec.path] = _UNREAD
            location = at_cell.get(spec.dotted) or expected_at[spec.row_path]
            if location is not None:
                locations[spec.dotted] = location
    return locations


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
