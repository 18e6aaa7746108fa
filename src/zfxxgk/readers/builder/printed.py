"""What the reader saw of the printing (:class:`zfxxgk.printed.PrintedForm`): the section
headings with their printed numbers, and how each placed row's label was matched — carried
into :attr:`zfxxgk.model.ReportInfo.printed` for the reviewer's rules (``OUTLINE-NUMBERING``,
``TEMPLATE-LABEL``).
"""

from __future__ import annotations

from typing import Final

from ...printed import LabelMatch, PrintedForm, PrintedHeading, PrintedLabel
from ...template import RowSpec
from ..labels import Match, Quality, label_key
from ..sections import numbering_of
from .state import Builder
from .values import oneline

__all__ = ["printed_form", "printed_label"]

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


def printed_label(spec: RowSpec, match: Match) -> PrintedLabel:
    """The label of a row placed into *spec*, as it was matched.  An exact match of a
    wording other than the official one (the group heading printed in front of it allowed)
    is a known alias."""
    how = _MATCHES[match.quality]
    if how is LabelMatch.EXACT and not label_key(match.printed).endswith(label_key(spec.row[-1])):
        how = LabelMatch.ALIAS
    return PrintedLabel(path=".".join(spec.path), printed=oneline(match.printed), match=how)


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
    return PrintedForm(headings=tuple(headings), labels=tuple(builder.labels))
