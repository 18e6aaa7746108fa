"""Which template the report follows, and in what shape it printed the tables.

The template is told by its fingerprints (FORMAT.md §2: section-二 labels only one template
prints), never by the year; whether （六）其他处理 was printed as three sub-rows or as one row
is decided from what is printed.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from ...model import Template
from ...template import RowSpec, cell_specs, row_specs
from ..document import Paragraph
from ..labels import Group, Quality, key_of, label_index, strip_numbering
from .state import WARNING, Builder
from .values import classify

__all__ = ["all_texts", "find_template", "other_single"]


def all_texts(builder: Builder) -> Iterator[str]:
    """Every paragraph and every (unspanned) cell text, in order."""
    for _, block in builder.raw:
        if isinstance(block, Paragraph):
            yield block.text
        else:
            table, index = block
            for cell in table.grid[index]:
                if not cell.spanned:
                    yield cell.text


def find_template(builder: Builder, texts: Sequence[str]) -> Template:
    """The template whose fingerprints the texts print (R140 when unsure)."""
    hits = _fingerprint_hits(texts)
    v2021, v2019 = len(hits[Template.V2021]), len(hits[Template.V2019])
    if v2021 and v2019:
        chosen = Template.V2021 if v2021 > v2019 else Template.V2019
        builder.diag(
            "R140",
            WARNING,
            f"同时出现 2021 年版（{'、'.join(sorted(hits[Template.V2021]))}）"
            f"和 2019 年版（{'、'.join(sorted(hits[Template.V2019]))}）格式的栏目，"
            f"按 {chosen.value} 年版读取",
        )
        return chosen
    if v2019:
        return Template.V2019
    if not v2021:
        builder.diag(
            "R140", WARNING, "未找到区分 2019 与 2021 年版格式的栏目名称，按 2021 年版读取"
        )
    return Template.V2021


def other_single(builder: Builder, template: Template) -> bool:
    """Was （六）其他处理 printed as one row?  Decided from what is printed."""
    if template is Template.V2019:
        return True
    three = label_index(template, other_single=False)
    sub_specs = [s for s in row_specs(template) if s.path[-2:-1] == ("other_handling",)]
    sub_rows = {spec.path for spec in sub_specs}
    group_label, width = sub_specs[0].row[-2], len(sub_specs[0].cells)
    single_printed = False
    for _, block in builder.raw:
        if isinstance(block, Paragraph):
            key = key_of(block.text)
            if 6 <= len(key) <= 60:
                match = three.match(block.text)
                if (
                    match is not None
                    and isinstance(match.target, RowSpec)
                    and match.target.path in sub_rows
                    and match.quality in {Quality.EXACT, Quality.PARTIAL}
                    # in prose only the long sub-row labels count, not 3.其他
                    and len(strip_numbering(key_of(match.target.row[-1]))) >= 6
                ):
                    return False
            continue
        table, index = block
        cells = table.grid[index]
        for k, cell in enumerate(cells):
            if classify(cell.text) != "text":
                continue
            match = three.match(cell.text)
            if match is None or (match.quality is not Quality.EXACT and len(key_of(cell.text)) < 6):
                continue
            target = match.target
            sub_row = isinstance(target, RowSpec) and target.path in sub_rows
            if not sub_row and not (isinstance(target, Group) and target.labels[-1] == group_label):
                continue  # neither a sub-row nor （六）: what follows does not matter
            after = [c for c in cells[k + 1 :] if not c.spanned]
            values = sum(1 for c in after if classify(c.text) != "text")
            if sub_row:
                if values:
                    return False
            elif values >= width and values == len(after):  # only values: （六） is the row label
                single_printed = True
    return single_printed


def _fingerprint_hits(texts: Iterable[str]) -> dict[Template, set[str]]:
    keys = _fingerprints()
    hits: dict[Template, set[str]] = {t: set() for t in Template}
    joined = "".join(map(key_of, texts))
    for template, table in keys.items():
        for key, label in table.items():
            if key in joined:
                hits[template].add(label)
    return hits


_FINGERPRINTS: dict[Template, dict[str, str]] = {}


def _fingerprints() -> dict[Template, dict[str, str]]:
    """Section-二 column and row labels that only one template prints (keys → labels)."""
    if _FINGERPRINTS:
        return _FINGERPRINTS
    labels: dict[Template, dict[str, str]] = {}
    for template in Template:
        table: dict[str, str] = {}
        for spec in cell_specs(template):
            if spec.section != "二":
                continue
            for label in (spec.column, spec.row[-1]):
                key = key_of(label).split("单位")[0]
                table[key] = label
        labels[template] = table
    for template in Template:
        other = next(t for t in Template if t is not template)
        _FINGERPRINTS[template] = {
            key: label
            for key, label in labels[template].items()
            if not any(key in k for k in labels[other])
        }
    return _FINGERPRINTS
