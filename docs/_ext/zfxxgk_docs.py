"""Pages of the zfxxgk documentation that are generated from the code at build time.

A page asks for generated Markdown with a line of its own::

    <!-- generated: glossary -->

and the Sphinx ``source-read`` event replaces that line before MyST parses the page. The
generators are plain functions returning Markdown, so the tests can call them too:

- ``glossary``: every official label of both templates ↔ its identifier in the model, read
  from the model's field metadata through :mod:`zfxxgk.template` (no label is typed here);
- ``unlisted-pages``: a toctree of the pages no toctree names yet (a page someone added
  without touching the navigation still gets into the site instead of failing the build).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from zfxxgk.cells import CellKind, Unit, ValueKind
from zfxxgk.diagnostics import Severity
from zfxxgk.model import Template
from zfxxgk.template import (
    FOOTNOTE,
    NARRATIVE_SECTIONS,
    SECTION_TITLES,
    TABLE_SECTIONS,
    CellSpec,
    RowSpec,
    row_specs,
)

MARKER = re.compile(r"^<!-- generated: ([a-z-]+) -->$", re.MULTILINE)
DOCS = Path(__file__).resolve().parent.parent

_VALUE_KIND = {
    ValueKind.COUNT: "count",
    ValueKind.SIGNED_COUNT: "signed count",
    ValueKind.MONEY: "money (`Decimal`)",
}


def _cell(text: str) -> str:
    """Text fit for one cell of a Markdown table."""
    return " ".join(text.split()).replace("|", "\\|")


def _table(head: Iterable[str], rows: Iterable[Iterable[str]]) -> str:
    head = list(head)
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _aliases(aliases: Iterable[str]) -> str:
    return "、".join(aliases)


def _column_label(spec: CellSpec) -> str:
    return f"{spec.column_parent} / {spec.column}" if spec.column_parent else spec.column


def _kind(spec: CellSpec) -> str:
    kind = _VALUE_KIND[spec.value_kind]
    return f"{kind}, {spec.unit}" if spec.unit else kind


def _rows_table(rows: Iterable[RowSpec], *, cells: bool) -> str:
    head = ["中文 (row label path)", "identifier (path from `Report`)", "also printed as"]
    if cells:
        head.append("columns: 中文 `identifier`")
    body = []
    for row in rows:
        line = [" / ".join(row.row), f"`{'.'.join(row.path)}`", _aliases(row.aliases)]
        if cells:
            line.append(
                " · ".join(f"{_column_label(c)} `{c.path[-1]}`" for c in row.cells)
                + (
                    f" ({_kind(row.cells[0])})"
                    if row.cells[0].value_kind != ValueKind.COUNT
                    else ""
                )
            )
        body.append(line)
    return _table(head, body)


def _columns_table(row: RowSpec) -> str:
    return _table(
        ["中文 (column)", "identifier", "value", "also printed as"],
        (
            [_column_label(c), f"`{c.path[-1]}`", _kind(c), _aliases(c.column_aliases)]
            for c in row.cells
        ),
    )


def glossary() -> str:
    """中文 ↔ identifier for every section, row and column of both templates."""
    out: list[str] = []
    sections = []
    for number, title in SECTION_TITLES.items():
        attr = TABLE_SECTIONS.get(number) or NARRATIVE_SECTIONS[number]
        kind = "tables" if number in TABLE_SECTIONS else "text (`str | None`)"
        sections.append([f"{number}、{title}", f"`Report.{attr}`", kind])
    out += ["## The six sections\n", _table(["中文", "identifier", "holds"], sections)]

    rows_2021 = row_specs(Template.V2021)
    rows_2019 = row_specs(Template.V2019)
    single = row_specs(Template.V2021, other_single=True)

    def section(rows: Iterable[RowSpec], number: str) -> list[RowSpec]:
        return [r for r in rows if r.section == number]

    out += [
        "## Section 二, 2021 template\n",
        "`ProactiveDisclosure2021`: each row with its columns.\n",
        _rows_table(section(rows_2021, "二"), cells=True),
        "## Section 二, 2019 template\n",
        "`ProactiveDisclosure2019`: each row with its columns.\n",
        _rows_table(section(rows_2019, "二"), cells=True),
    ]
    s3 = section(rows_2021, "三")
    one_row = [r for r in section(single, "三") if r.path[-1] == "other_handling"]
    out += [
        "## Section 三 (both templates)\n",
        f"The table's top-left cell carries the official footnote {FOOTNOTE}. "
        "Rows (each an `ApplicantRow`):\n",
        _rows_table([*s3, *one_row], cells=False),
        "\nThe last-but-two rows differ by shape: （六）其他处理 is three sub-rows "
        "(`OtherHandling`) in the 2021 template, or one `ApplicantRow` (always so in the "
        "2019 template, and in a 2021 report that printed it so).\n",
        "\nColumns (the same in every row):\n",
        _columns_table(s3[0]),
    ]
    s4 = section(rows_2021, "四")
    out += [
        "## Section 四 (both templates)\n",
        "Rows (each a `CaseOutcomes`):\n",
        _rows_table(s4, cells=False),
        "\nColumns:\n",
        _columns_table(s4[0]),
    ]
    words = [
        *([f"{t.value} 年版格式", f"`Template.{t.name}`", "template"] for t in Template),
        *([s.label, f"`Severity.{s.name}`", "severity of a finding"] for s in Severity),
        *([u.value, f"`Unit.{u.name}`", "unit of money"] for u in Unit),
    ]
    out += [
        "## Other words\n",
        _table(["中文", "identifier", "what"], words),
        "\nA cell's `kind` (`CellKind`) says what was printed: "
        + ", ".join(f"`{k.name}`" for k in CellKind)
        + " — see [The model](../model.md).\n",
    ]
    return "\n".join(out)


def _toctrees_name(text: str) -> set[str]:
    """The documents named by the toctrees of one MyST page (relative to that page)."""
    named: set[str] = set()
    for block in re.findall(r"```\{toctree\}\n(.*?)```", text, flags=re.DOTALL):
        for line in block.splitlines():
            line = line.strip()
            if line and not line.startswith(":"):
                named.add(line.rsplit("<", 1)[-1].rstrip(">").strip().removesuffix(".md"))
    return named


def unlisted_pages(docs: Path = DOCS) -> str:
    """A toctree of the pages that no toctree names (none: nothing)."""
    named: set[str] = set()
    pages = sorted(p for p in docs.rglob("*.md") if "_build" not in p.parts)
    for page in pages:
        base = page.parent.relative_to(docs)
        for name in _toctrees_name(page.read_text(encoding="utf-8")):
            named.add(str((base / name).as_posix()).removeprefix("./"))
    left = [
        p.relative_to(docs).with_suffix("").as_posix()
        for p in pages
        if p.relative_to(docs).with_suffix("").as_posix() not in named | {"index"}
        and not p.read_text(encoding="utf-8").startswith("---\norphan: true")
    ]
    if not left:
        return ""
    return "```{toctree}\n:caption: More\n:maxdepth: 1\n\n" + "\n".join(left) + "\n```\n"


GENERATORS: dict[str, Callable[[], str]] = {
    "glossary": glossary,
    "unlisted-pages": unlisted_pages,
}


def expand(text: str) -> str:
    """*text* with every ``<!-- generated: NAME -->`` line replaced by its Markdown."""

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in GENERATORS:
            raise ValueError(f"unknown generated block {name!r}; known: {sorted(GENERATORS)}")
        return GENERATORS[name]()

    return MARKER.sub(replace, text)


def _source_read(app: Any, docname: str, source: list[str]) -> None:
    source[0] = expand(source[0])


def setup(app: Any) -> dict[str, Any]:
    app.connect("source-read", _source_read)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
