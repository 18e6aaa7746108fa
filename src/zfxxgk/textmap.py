"""Text folded character by character, with a map back to the original: the one implementation.

A reader folds a text (NFKC, spaces dropped, quotes unified …) to match words and numbers in
it, then must say where a match is in the text as printed.  :class:`TextMap` holds the folded
text and, for every folded character, the offset in the original where it starts (and, when
one folded character stands for several, where it ends); it turns a span of the folded text
back into original offsets, the original slice, or a 1-based line and column.

What a character folds to is the reader's own rule — the narrative, the crawled-text recovery
and the similarity fold differently — so this module knows no rule: :func:`fold` and
:func:`fold_into` apply one given as a function from a character to what it becomes.

Imports only the standard library and attrs (the bottom layer).
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Callable, Sequence

import attrs

__all__ = ["TextMap", "fold", "fold_into"]


@attrs.frozen(slots=True)
class TextMap:
    """A folded text with the original offset of every folded character."""

    original: str
    norm: str
    """The folded text."""
    starts: Sequence[int]
    """``starts[i]``: offset in ``original`` where ``norm[i]`` starts (a tuple, or any
    sequence that computes them when asked)."""
    ends: tuple[int, ...] | None
    """``ends[i]``: offset in ``original`` just after ``norm[i]``; ``None`` when every folded
    character comes from one original character (``ends[i] == starts[i] + 1``)."""

    def offset(self, index: int) -> int:
        """Where folded character *index* starts in the original (its length at the end)."""
        return self.starts[index] if index < len(self.starts) else len(self.original)

    def end_offset(self, index: int) -> int:
        """Where folded character *index* ends in the original."""
        return self.ends[index] if self.ends is not None else self.starts[index] + 1

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original offsets of ``norm[start:end]`` (an empty span where it starts)."""
        if end <= start:
            at = self.offset(start)
            return (at, at)
        return (self.starts[start], self.end_offset(end - 1))

    def original_text(self, start: int, end: int) -> str:
        """The original text of ``norm[start:end]``."""
        a, b = self.span(start, end)
        return self.original[a:b]

    def index_at(self, offset: int) -> int:
        """The first folded character that starts at or after original *offset*."""
        return bisect.bisect_left(self.starts, offset)

    @functools.cached_property
    def line_starts(self) -> tuple[int, ...]:
        """The offset in ``original`` where each line starts."""
        text = self.original
        starts = [0]
        at = text.find("\n")
        while at >= 0:
            starts.append(at + 1)
            at = text.find("\n", at + 1)
        return tuple(starts)

    def line_column(self, index: int) -> tuple[int, int]:
        """The 1-based line and column in the original of folded character *index*."""
        offset = self.offset(index)
        starts = self.line_starts
        line = bisect.bisect_right(starts, offset)
        return line, offset - starts[line - 1] + 1


def fold_into(
    text: str,
    start: int,
    end: int,
    rule: Callable[[str], str],
    chars: list[str],
    starts: list[int],
) -> None:
    """Fold ``text[start:end]`` one character at a time by *rule* (a character → what it
    becomes, maybe nothing or several characters), appending to *chars* and *starts*."""
    for i in range(start, end):
        for c in rule(text[i]):
            chars.append(c)
            starts.append(i)


def fold(text: str, rule: Callable[[str], str]) -> TextMap:
    """*text* folded one character at a time by *rule*, with the map back."""
    chars: list[str] = []
    starts: list[int] = []
    fold_into(text, 0, len(text), rule, chars, starts)
    return TextMap(text, "".join(chars), tuple(starts), None)
