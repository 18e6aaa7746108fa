"""The text normalised (NFKC, no whitespace, one kind of quote) with a map back to the
original offsets, so that a diagnostic points at the place in the original.

(:mod:`zfxxgk.narrative` has its own normalised text with offsets, for claims in the
narrative sections; they normalise differently and are not merged yet.)
"""

from __future__ import annotations

import bisect
import unicodedata

import attrs

from ...diagnostics import SourceLocation

SEP = "\ue000"
"""Marks a boundary between two pieces of a run that no cell may cross."""


UNIFY = str.maketrans(
    {
        "“": '"', "”": '"', "‘": '"', "’": '"', "'": '"', "「": '"', "」": '"',
        "『": '"', "』": '"', "〔": "(", "〕": ")", "【": "(", "】": ")",
    }
)  # fmt: skip


_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad" + SEP)


def _fold(text: str) -> tuple[str, list[int]]:
    chars: list[str] = []
    origin: list[int] = []
    for offset, ch in enumerate(text):
        for c in unicodedata.normalize("NFKC", ch):
            if c.isspace() or c in _INVISIBLE:
                continue
            chars.append(c.translate(UNIFY))
            origin.append(offset)
    return "".join(chars), origin


def normalise(text: str) -> str:
    return _fold(text)[0]


@attrs.frozen
class Text:
    original: str
    norm: str
    origin: tuple[int, ...]
    line_starts: tuple[int, ...]
    source: str | None

    @classmethod
    def of(cls, text: str, source: str | None) -> Text:
        norm, origin = _fold(text)
        starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
        return cls(text, norm, tuple(origin), tuple(starts), source)

    def location(self, index: int) -> SourceLocation:
        """Where normalised character *index* is in the original (1-based line and column)."""
        offset = self.origin[index] if index < len(self.origin) else len(self.original)
        line = bisect.bisect_right(self.line_starts, offset)
        return SourceLocation(
            file=self.source, line=line, column=offset - self.line_starts[line - 1] + 1
        )

    def printed(self, start: int, end: int) -> str:
        """The original text of normalised characters [start, end), without whitespace."""
        first, last = self.origin[start], self.origin[end - 1] + 1
        return "".join(ch for ch in self.original[first:last] if not ch.isspace())
