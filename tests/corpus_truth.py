"""Build a :class:`~zfxxgk.model.Report` from a corpus case's hand-checked ``cells.csv``.

The corpus (``../shared/corpus``) is not part of this repository; tests that need it skip
with a reason when it is absent.  Rows are addressed by their official labels joined by "/";
they are matched to ``template.cell_specs`` by section, row label and column.  A cell that the
file does not list is *missing*; an empty value is blank, or a placeholder when ``raw`` says
so.  The （六）其他处理 shape follows the rows present; the template is 2019 when the 2019
columns appear.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import attrs

from zfxxgk.cells import Cell, parse_cell
from zfxxgk.model import (
    ApplicantRow,
    OtherHandling,
    ProactiveDisclosure2019,
    ProactiveDisclosure2021,
    Report,
    ReportInfo,
    Template,
)
from zfxxgk.template import CellSpec, cell_specs

from .conftest import SHARED

CORPUS = SHARED / "corpus"
SKIP_REASON = f"the shared corpus is not here ({CORPUS}); set ZFXXGK_SHARED to its parent"

_2019_COLUMNS = frozenset({"本年新制作数量", "本年新公开数量", "对外公开总数量", "采购总金额"})


def corpus_available() -> bool:
    return (CORPUS / "seed-xihongmen-2024" / "cells.csv").is_file()


def cases_with_cells() -> list[str]:
    """The names of the corpus cases that have a ``cells.csv``, sorted."""
    if not CORPUS.is_dir():
        return []
    return sorted(p.parent.name for p in CORPUS.glob("*/cells.csv"))


def distinct_cases() -> list[str]:
    """One case per distinct ``cells.csv`` (the same report in several representations once)."""
    seen: dict[bytes, str] = {}
    for case in cases_with_cells():
        seen.setdefault((CORPUS / case / "cells.csv").read_bytes(), case)
    return sorted(seen.values())


def meta(case: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((CORPUS / case / "meta.json").read_text(encoding="utf-8"))
    return data


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _cell(spec: CellSpec, value: str, raw: str) -> Cell:
    text = raw if raw else value
    cell, _ = parse_cell(text, spec.value_kind)
    if value:
        # the truth file's value is the authority: the parse of raw must agree with it
        assert cell.value is not None and str(cell.value) == value, (spec.dotted, value, raw)
    else:
        assert cell.value is None, (spec.dotted, value, raw)
    return cell


def report_from_rows(rows: list[dict[str, str]], *, year: int | None = None) -> Report:
    """A report holding exactly the cells listed in *rows* (others missing)."""
    columns = {r["column"] for r in rows}
    template = Template.V2019 if columns & _2019_COLUMNS else Template.V2021
    labels = {r["row"] for r in rows if r["section"] == "三"}
    single = "三、本年度办理结果/（六）其他处理" in labels
    specs = cell_specs(template, other_single=single)
    by_key = {(s.section, s.row_label, s.column): s for s in specs}
    values: dict[tuple[str, ...], Cell] = {}
    for r in rows:
        key = (r["section"], r["row"], r["column"])
        spec = by_key.get(key)
        if spec is None:
            raise KeyError(f"cells.csv row not in the {template.value} template: {key}")
        values[spec.path] = _cell(spec, r["value"], r["raw"])
    return _build(template, single, specs, values, year)


def _build(
    template: Template,
    single: bool,
    specs: tuple[CellSpec, ...],
    values: dict[tuple[str, ...], Cell],
    year: int | None,
) -> Report:
    tree: dict[str, Any] = {}
    for spec in specs:
        node = tree
        for name in spec.path[:-1]:
            node = node.setdefault(name, {})
        node[spec.path[-1]] = values.get(spec.path, Cell.missing())
    proactive_cls = (
        ProactiveDisclosure2019 if template is Template.V2019 else ProactiveDisclosure2021
    )

    def make(cls: type[Any], data: dict[str, Any]) -> Any:
        kwargs: dict[str, Any] = {}
        for field in attrs.fields(cls):
            item = data[field.name]
            if isinstance(item, Cell):
                kwargs[field.name] = item
                continue
            child: type[Any]
            if field.name == "other_handling":
                child = ApplicantRow if single else OtherHandling
            else:
                child = field.type
            kwargs[field.name] = make(child, item)
        return cls(**kwargs)

    from zfxxgk.model import Appeals, DisclosureRequests

    return Report(
        info=ReportInfo(template=template, year=year),
        proactive=make(proactive_cls, tree["proactive"]),
        requests=make(DisclosureRequests, tree["requests"]),
        appeals=make(Appeals, tree["appeals"]),
    )


def case_report(case: str) -> Report:
    """The report of one corpus case, from its ``cells.csv``."""
    info = meta(case)
    report = report_from_rows(read_rows(CORPUS / case / "cells.csv"), year=info.get("year"))
    return attrs.evolve(report, info=attrs.evolve(report.info, agency=info.get("agency")))
