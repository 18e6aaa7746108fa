"""What the reader saw of the printing (:class:`zfxxgk.printed.PrintedForm`): the section
headings with their printed numbers, and how each placed row's label was matched — carried
into :attr:`zfxxgk.model.ReportInfo.printed` for the reviewer's rules (``OUTLINE-NUMBERING``,
``TEMPLATE-LABEL``).
"""

from __future__ import annotations

import functools
from typing import Final

from ...model import Template
from ...printed import LabelMatch, PrintedForm, PrintedHeading, PrintedLabel
from ...template import RowSpec, cell_specs
from .._remember import Remembered
from ..labels import Match, Quality, key_of
from ..sections import numbering_of
from .state import Builder
from .values import oneline

__all__ = ["column_typos", "printed_form", "printed_label"]

_MATCHES: Final[dict[Quality, LabelMatch]] = {
    Quality.EXACT: LabelMatch.EXACT,
    Quality.NUMBERING: LabelMatch.NUMBERING,
    Quality.PARTIAL: LabelMatch.PARTIAL,
    Quality.FUZZY: LabelMatch.FUZZY,
    Quality.EXTRA_TEXT: LabelMatch.EXTRA_TEXT,
    Quality.WRAPPED: LabelMatch.WRAPPED,
}
_LONGEST: Final = 60
"""A heading's text is kept up to this many characters."""
_SHORTEST_COLUMN: Final = 4
"""A column header shorter than this is not compared (自然人, 其他, 总计: too short to tell)."""


def printed_label(spec: RowSpec, match: Match) -> PrintedLabel:
    """The label of a row placed into *spec*, as it was matched.  An exact match of a
    wording other than the official one (the group heading printed in front of it allowed)
    is a known alias."""
    how = _MATCHES[match.quality]
    if how is LabelMatch.EXACT and not key_of(match.printed).endswith(key_of(spec.row[-1])):
        how = LabelMatch.ALIAS
    return PrintedLabel(
        path=".".join(spec.path), printed=oneline(match.printed), official=spec.row[-1], match=how
    )


@functools.cache
def _columns(template: Template) -> dict[str, tuple[str, str]]:
    """The key of every column label of *template* → (its table's path, the label)."""
    return {
        key_of(spec.column): (spec.path[0], spec.column)
        for single in (False, True)
        for spec in cell_specs(template, other_single=single)
    }


@functools.cache
def _columns_of_length(template: Template) -> dict[int, tuple[tuple[str, str, str], ...]]:
    """The column labels of *template* long enough to be told from a typo, by the length of
    their key: (key, table path, label) — a typo keeps the length (:func:`_one_changed`)."""
    found: dict[int, list[tuple[str, str, str]]] = {}
    for key, (path, official) in _columns(template).items():
        if len(key) >= _SHORTEST_COLUMN:
            found.setdefault(len(key), []).append((key, path, official))
    return {length: tuple(columns) for length, columns in found.items()}


def _one_changed(printed: str, official: str) -> bool:
    """Same length, at least four characters, exactly one of them different."""
    if len(printed) != len(official) or len(printed) < _SHORTEST_COLUMN:
        return False
    return sum(a != b for a, b in zip(printed, official, strict=True)) == 1


def column_typos(builder: Builder) -> tuple[PrintedLabel, ...]:
    """The cells of the tables that differ from a column label of the template by one
    changed character (本年废纸件数): a character replaced keeps the length, where a header
    cut short or split over two cells by the file's layout does not."""
    typos = _typos(builder.template)
    found: dict[tuple[str, str], PrintedLabel] = {}
    for rows in builder.rows_of.values():
        for row in rows:
            for cell in row.cells:  # header rows, and header cells beside a row label
                if cell.spanned:
                    continue
                near = typos[key_of(cell.text)]
                if not near:
                    continue
                printed = oneline(cell.text)
                for path, official in near:
                    found.setdefault(
                        (path, printed),
                        PrintedLabel(
                            path=path, printed=printed, official=official, match=LabelMatch.FUZZY
                        ),
                    )
    return tuple(found.values())


@functools.cache
def _typos(template: Template) -> Remembered[tuple[tuple[str, str], ...]]:
    """For the key of a printed cell, the (table path, label) of every column label of
    *template* it is a typo of (:func:`_one_changed`); remembered, as every read prints the
    same headers."""
    columns = _columns(template)
    by_length = _columns_of_length(template)

    def near(key: str) -> tuple[tuple[str, str], ...]:
        if not key or key in columns:
            return ()
        return tuple(
            (path, official)
            for official_key, path, official in by_length.get(len(key), ())
            if _one_changed(key, official_key)
        )

    return Remembered(near, maxsize=4096)


def printed_form(builder: Builder) -> PrintedForm | None:
    """The headings as printed and the labels placed; ``None`` when the headings were not
    seen in order (run-together text)."""
    if builder.printed is None:
        return None
    headings = []
    for heading in builder.printed:
        paragraph = builder.paragraph_at(heading.position)
        number, kind, _ = numbering_of(paragraph.text)
        where = paragraph.location
        headings.append(
            PrintedHeading(
                section=heading.section,
                number=number if kind == "top" else None,
                text=oneline(paragraph.text)[:_LONGEST],
                line=where.line,
                page=where.page,
            )
        )
    return PrintedForm(
        headings=tuple(headings), labels=tuple(builder.labels), columns=column_typos(builder)
    )
