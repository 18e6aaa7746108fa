"""The text normalised (NFKC, no whitespace, one kind of quote) with a map back to the
original offsets, so that a diagnostic points at the place in the original.

The folding rule is this reader's (:func:`_fold_char`); the map back, the slicing and the
line and column are :mod:`zfxxgk.textmap`'s.
"""

from __future__ import annotations

import functools
import unicodedata

import attrs

from ...diagnostics import SourceLocation
from ...textmap import TextMap, fold

SEP = "\ue000"
"""Marks a boundary between two pieces of a run that no cell may cross."""


UNIFY = str.maketrans(
    {
        "“": '"', "”": '"', "‘": '"', "’": '"', "'": '"', "「": '"', "」": '"',
        "『": '"', "』": '"', "〔": "(", "〕": ")", "【": "(", "】": ")",
    }
)  # fmt: skip


_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad" + SEP)


@functools.lru_cache(maxsize=8192)
def _fold_char(ch: str) -> str:
    """What one character becomes: NFKC, whitespace and invisible characters dropped,
    quotes and brackets unified."""
    return "".join(
        c.translate(UNIFY)
        for c in unicodedata.normalize("NFKC", ch)
        if not (c.isspace() or c in _INVISIBLE)
    )


def normalise(text: str) -> str:
    return "".join(map(_fold_char, text))


@attrs.frozen(slots=True)
class Text(TextMap):
    """The normalised text (:class:`~zfxxgk.textmap.TextMap`) and the file it came from."""

    source: str | None = None

    @classmethod
    def of(cls, text: str, source: str | None) -> Text:
        folded = fold(text, _fold_char)
        return cls(text, folded.norm, folded.starts, None, source)

    @property
    def origin(self) -> tuple[int, ...]:
        """The offset in the original of each normalised character."""
        return tuple(self.starts)  # fold() makes a tuple: this is no copy

    def location(self, index: int) -> SourceLocation:
        """Where normalised character *index* is in the original (1-based line and column)."""
        line, column = self.line_column(index)
        return SourceLocation(file=self.source, line=line, column=column)

    def printed(self, start: int, end: int) -> str:
        """The original text of normalised characters [start, end), without whitespace."""
        return "".join(ch for ch in self.original_text(start, end) if not ch.isspace())
