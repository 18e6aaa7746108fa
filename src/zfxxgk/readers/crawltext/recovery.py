"""What a recovery gives (:class:`Recovered`) and the state of one recovery
(:class:`Recovery`): the cells kept so far, where they were printed, the diagnostics.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from ...cells import Cell, CellKind, Unit, parse_cell
from ...diagnostics import Diagnostic, Severity, SourceLocation
from ...model import Template
from ...template import RowSpec
from .budget import TOTAL_NODES, Budget
from .cuts import Cut, Options
from .locate import Found
from .rows import Row
from .text import SEP, Text, normalise


@attrs.frozen
class Recovered:
    """What could be recovered from a run-together text, with certainty.

    ``cells`` holds only cells whose number the template's arithmetic fixes (keyed by
    :attr:`~zfxxgk.template.CellSpec.path` of ``cell_specs(template, other_single=…)``);
    every other cell of the template is to be treated as missing, and ``diagnostics`` says why.
    """

    template: Template
    other_single: bool
    """（六）其他处理 printed as one row (the 2019 shape) rather than three sub-rows."""
    cells: dict[tuple[str, ...], Cell]
    diagnostics: tuple[Diagnostic, ...]
    locations: dict[tuple[str, ...], SourceLocation]


class Recovery:
    """One call of :func:`~zfxxgk.readers.crawltext.recover`: the text, the search budget,
    and what was recovered so far (cells, where they were printed, diagnostics)."""

    def __init__(self, text: Text, template: Template) -> None:
        self.text = text
        self.template = template
        self.budget = Budget(TOTAL_NODES)
        self.diagnostics: list[Diagnostic] = []
        self.cells: dict[tuple[str, ...], Cell] = {}
        self.locations: dict[tuple[str, ...], SourceLocation] = {}

    def note(
        self,
        code: str,
        severity: Severity,
        message: str,
        *,
        row: RowSpec | None = None,
        at: int | None = None,
    ) -> None:
        """Record a diagnostic about *row* (a template row), at normalised index *at*."""
        self.diagnostics.append(
            Diagnostic(
                code=code,
                severity=severity,
                message=message,
                location=self.text.location(at) if at is not None else None,
                path=".".join(row.path) if row is not None else None,
                labels=(row.section, *row.row) if row is not None else (),
            )
        )

    def keep(self, row: RowSpec, options: Options) -> list[int]:
        """Record every cell of *row* that has one possible text; return the others' indexes."""
        unsure: list[int] = []
        for j, spec in enumerate(row.cells):
            if len(options[j]) != 1 or "" in options[j]:
                unsure.append(j)  # several readings, or the cell may have been left blank
                continue
            ((token, start),) = options[j].items()
            printed = self.text.printed(start, start + len(token))
            cell, _ = parse_cell(printed if normalise(printed) == token else token, spec.value_kind)
            if cell.kind is CellKind.TEXT:  # pragma: no cover - the grammar admits numbers only
                unsure.append(j)
                continue
            if spec.unit is not None and cell.unit is None and cell.value is not None:
                cell = attrs.evolve(cell, unit=Unit(spec.unit))
            self.cells[spec.path] = cell
            self.locations[spec.path] = self.text.location(start)
        return unsure

    def ambiguous(self, row: Row, unsure: list[int], cuts: Sequence[Cut]) -> None:
        """C210: the cells of *row* at *unsure* have several readings (*cuts* shows some)."""
        names = "、".join(row.found.row.cells[j].column for j in unsure)
        readings: list[str] = []  # up to three different ones (a cut may be listed twice)
        for cut in cuts:
            reading = reading_of(cut)
            if reading not in readings:
                readings.append(reading)
                if len(readings) == 3:
                    break
        split = f"可拆分为 {' 或 '.join(readings)} 等" if readings else "有多种拆分"
        self.note(
            "C210",
            Severity.WARNING,
            f"数字串“{row.text}”{split}，{names} 无法唯一确定，留空",
            row=row.found.row,
            at=row.at,
        )

    def refused(self, found: Found, problem: tuple[str, str] | None = None) -> None:
        """*found* could not be read (its problem, or *problem*): its cells stay missing."""
        code, message = problem or found.problem or ("C211", no_cut(found))
        at = found.label.start if found.label is not None else None
        self.note(code, Severity.WARNING, f"{message}；本行数字留空", row=found.row, at=at)


def no_cut(found: Found) -> str:
    text = found.runs[0].text.replace(SEP, " ") if found.runs else ""
    return f"数字串“{text}”无法按 {len(found.row.cells)} 个单元格拆分"


def reading_of(cut: Cut) -> str:
    return "/".join(text or "（空）" for text in cut.texts)
