"""One scan of a prepared text: its keywords, sentence ends and unit starts.

:func:`_scan` runs one pattern (:data:`_SCAN`) over the whole normalised text: the
lexicon's keywords (:data:`~.lexicon._TAG_PATTERNS`, flattened as :data:`~.lexicon._TAGS`
flattens them) and, after them, the characters that end a sentence
(:data:`~.lexicon._SENTENCE_END`) and those a number's unit begins with
(:data:`~.lexicon._UNIT_STARTS`).  Every match is a token, sorted into flat lists by its
kind (a table of the single characters): the reading of a text then looks pieces of it up
with ``bisect`` instead of searching them again.  The clause ends (commas, a hundred a
report) are not tokens: a token costs a Python object, and only the few sentences that hold
a number need their clauses (:meth:`~.reading._Reading._pieces_of` finds them there).

The token lists are exactly what the separate searches found, because the two sets of
words cannot take each other's place: no keyword begins with one of those characters, and
none holds a sentence end.  Two keywords hold a unit start (案件, 规范性文件), after a
character no number ends with, where no number can end in its unit; so the unit starts a
number's search needs are all there.  ``tests/test_narrative_scan.py`` checks all of it on
generated text.
"""

from __future__ import annotations

import bisect
import re
from typing import Final

from ._patterns import LazyPattern
from .lexicon import (
    _SENTENCE_END,
    _TAG_PATTERNS,
    _UNIT_STARTS,
    _alternatives,
    _Tag,
    _tag_name,
)

__all__: list[str] = []

_SENTENCE: Final = 0
_UNIT: Final = 1

_KINDS: Final[dict[str, int]] = {
    **dict.fromkeys(_SENTENCE_END, _SENTENCE),
    **dict.fromkeys(_UNIT_STARTS, _UNIT),
}
"""The kind of every one-character token that is no keyword (keywords are not in it: the
one keyword of one character, 占, is no sentence end and no unit start)."""


def _grouped(alternatives: list[str]) -> str:
    """The alternation of *alternatives* (each beginning with a literal character), those
    with the same first character taken together in their order: ``(?:a(?:b|c)|d(?:e))``.
    Alternatives with different first characters never match at the same position, so the
    order among the groups does not matter and every match is the same; the regex engine
    tries one alternative per first character at a position instead of every one."""
    groups: dict[str, list[str]] = {}
    for alt in alternatives:
        groups.setdefault(alt[0], []).append(alt[1:])
    return "(?:" + "|".join(re.escape(c) + f"(?:{'|'.join(g)})" for c, g in groups.items()) + ")"


_SCAN: Final = LazyPattern(
    _grouped(
        [
            *(alt for _, rx in _TAG_PATTERNS for alt in _alternatives(rx)),
            *sorted(_KINDS),
        ]
    )
)
"""The keywords, in the lexicon's order, then the characters of :data:`_KINDS` one by one,
grouped by their first character (:func:`_grouped`): every alternative begins with a
character, so the regex engine passes over any position that begins none of them (see
:data:`~.lexicon._TAGS`; a character class as the last alternative loses that: the scan then
takes five times as long)."""


class _Scan:
    """The tokens of one text, by kind: each list in text order."""

    __slots__ = ("sentences", "tag_ends", "tag_starts", "tags", "units")

    def __init__(self, norm: str) -> None:
        sentences: list[int] = []
        units: list[int] = []
        tags: list[_Tag] = []
        kinds = _KINDS
        for m in _SCAN.finditer(norm):
            word = m.group()
            kind = kinds.get(word)
            if kind is None:
                start, end = m.span()
                tags.append(_Tag(_tag_name(word), start, end, word))
            elif kind == _UNIT:
                units.append(m.start())
            else:
                sentences.append(m.start())
        self.sentences = sentences
        self.units = units
        self.tags = tags
        self.tag_starts = [t.start for t in tags]
        self.tag_ends = [t.end for t in tags]

    def tags_in(self, start: int, end: int) -> list[_Tag] | None:
        """The keywords of ``norm[start:end]`` as a search of that piece alone finds them;
        ``None`` when a keyword found in the whole text runs over an end of the piece (the
        piece alone might hold a shorter one there: it is searched on its own)."""
        tags = self.tags
        i = bisect.bisect_right(self.tag_ends, start)  # the first keyword ending after start
        j = bisect.bisect_left(self.tag_starts, end, i)  # the first starting at or after end
        if (i < len(tags) and tags[i].start < start) or (j > i and tags[j - 1].end > end):
            return None
        return tags[i:j]


def _scan(norm: str) -> _Scan:
    """The tokens of the normalised text *norm*."""
    return _Scan(norm)
