"""Normalised text with a map back to the source offsets: the one implementation.

:func:`_prepare` folds a text as the narrative is read — NFKC character by character, spaces
dropped (a blank line kept as a paragraph break, spaces between two digits kept as
:data:`_BROKEN`), enumerators as ``§``, thousands separators marked (:data:`_THOUSANDS`) — and
keeps for every character its offset in the original, so that a match in the normalised text
can be quoted and located as printed (:class:`_Text`, a :class:`~zfxxgk.textmap.TextMap`:
the map back is shared with the crawled-text recovery and the similarity; the folding rule
here is the narrative's own).  :func:`_boundaries` and :func:`_around`
cut it into sentences, segments and clauses.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from typing import Final, overload

import attrs

from .._codecache import compile_pattern
from ..textmap import TextMap, fold_into
from ._patterns import LazyPattern

__all__: list[str] = []

_MAX_TEXT: Final = 100_000
"""A narrative section is read up to this many characters (a real one has a few thousand)."""

_BROKEN: Final = "\x1f"
"""Stands for spaces between two digits: "2 0" may be one number split by a PDF, or two."""
_THOUSANDS: Final = "\x1e"
_ENUMERATORS: Final = LazyPattern(
    r"[\u2460-\u24ff\u2776-\u2793\u3251-\u325f\u32b1-\u32bf\u3220-\u3243]"
)
_INVISIBLE: Final = frozenset("\u200b\u200c\u200d\ufeff\u00ad")
_ASCII_DIGITS: Final = frozenset("0123456789")


class _Offsets(Sequence[int]):
    """The offset in the original of every character of a folded text, kept as runs: a run
    of characters that each come from the next character of the original is one entry (its
    start in the folded text and in the original), so folding a text does not make a list of
    its length; an offset is looked up (a bisect) only when a claim or a mention asks where
    it is.  Characters folded one at a time (a character that becomes several) are runs of
    one."""

    __slots__ = ("_at", "_from", "_length")

    def __init__(self, at: list[int], from_: list[int], length: int) -> None:
        self._at = at
        """Where each run starts in the folded text (increasing, the first 0)."""
        self._from = from_
        """Where each run starts in the original."""
        self._length = length

    def __len__(self) -> int:
        return self._length

    @overload
    def __getitem__(self, index: int) -> int: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[int]: ...
    def __getitem__(self, index: int | slice) -> int | Sequence[int]:
        if isinstance(index, slice):
            return tuple(self)[index]
        if index < 0:
            index += self._length
        if not 0 <= index < self._length:
            raise IndexError(index)
        k = bisect.bisect_right(self._at, index) - 1
        return self._from[k] + index - self._at[k]

    def __iter__(self) -> Iterator[int]:
        at, from_ = self._at, self._from
        ends = [*at[1:], self._length] if at else []
        for a, b, f in zip(at, ends, from_, strict=True):
            yield from range(f, f + b - a)


@attrs.frozen(slots=True)
class _Text(TextMap):
    """The text as analysed: NFKC, no spaces, with a map to the original offsets
    (``starts`` is an :class:`_Offsets`)."""

    @property
    def pos(self) -> tuple[int, ...]:
        """``pos[i]`` is the offset in ``original`` of ``norm[i]``; one extra entry at the end."""
        return (*self.starts, len(self.original))

    def quote(self, start: int, end: int) -> str:
        """The original text of ``norm[start:end]`` with line breaks and padding removed."""
        return _tidy(self.original_text(start, end))


_LINE_BREAK: Final = LazyPattern(r"\s*\n\s*")
_SPACES_RUN: Final = LazyPattern(r"[ \t\u3000\u00a0]{2,}")


def _tidy(text: str) -> str:
    text = _LINE_BREAK.sub("", text.strip())
    return _SPACES_RUN.sub(" ", text)


_GAP: Final = compile_pattern(r"[\s\u200b\u200c\u200d\ufeff\u00ad]+")  # its program kept
"""A run of spaces, line breaks and invisible characters (``\\s`` is ``str.isspace``)."""
_FOLDS: Final[dict[int, str]] = {}
"""Characters seen so far that fold (NFKC) to exactly one character that is not a space,
by code point: a table for ``str.translate``."""
_FOLDABLE: Final[set[str]] = set()
"""The same characters, as a set."""
_UNFOLDABLE: Final[set[str]] = set()
"""Characters seen so far that do not: they fold to several characters or to a space, or
are enumerators (①, ⑴ …), which become ``§``."""
_FOLD_LIMIT: Final = 50_000
"""Characters remembered at most (a report uses a few thousand; junk is not learnt)."""


def _learn(chars: set[str]) -> bool:
    """Remember how each of *chars* folds; False when there is no more room."""
    if len(_FOLDABLE) + len(_UNFOLDABLE) + len(chars) > _FOLD_LIMIT:
        return False
    for ch in chars:
        folded = unicodedata.normalize("NFKC", ch)
        if _ENUMERATORS.match(ch) or len(folded) != 1 or folded.isspace():
            _UNFOLDABLE.add(ch)
        else:
            _FOLDS[ord(ch)] = folded
            _FOLDABLE.add(ch)
    return True


@functools.lru_cache(maxsize=8192)
def _fold_char(ch: str) -> str:
    """What one character becomes: an enumerator ``§``, any other its NFKC without spaces."""
    if _ENUMERATORS.match(ch):
        return "§"
    return "".join(c for c in unicodedata.normalize("NFKC", ch) if not c.isspace())


def _prepare(text: str) -> _Text:
    """The text as analysed: every character folded by NFKC on its own (spaces it leaves
    dropped), enumerators as ``§``, a run of spaces dropped — unless it holds a blank line
    (a paragraph break, ``\\n``) or stands between two digits (:data:`_BROKEN`) — and
    thousands separators marked (:data:`_THOUSANDS`); with the offset of every character.
    Only the first :data:`_MAX_TEXT` characters are read.

    Runs of characters that each fold to one character are folded by ``str.translate``;
    only a run holding another character is folded one character at a time.  The last few
    texts are remembered: the claims and the year checks read the same sections.
    """
    return _prepare_remembered(text[:_MAX_TEXT])


@functools.lru_cache(maxsize=8)
def _prepare_remembered(text: str) -> _Text:
    pieces: list[str] = []
    at_norm: list[int] = []  # the runs of the map back (_Offsets)
    at_text: list[int] = []
    size = 0  # characters folded so far
    n = len(text)
    at = 0
    # Usually every character of the text folds to one: fold it whole, once, and cut the
    # runs between the gaps out of that (else each run is looked at on its own).
    folded, gaps = _fold_whole(text)
    for gap in itertools.chain(gaps.finditer(text), (None,)):
        i, j = (gap.start(), gap.end()) if gap is not None else (n, n)
        if at < i:  # the characters before the gap
            if folded is not None:
                pieces.append(folded[at:i])
                at_norm.append(size)
                at_text.append(at)
                size += i - at
            else:
                size = _fold_run(text, at, i, pieces, (at_norm, at_text), size)
        if gap is None:
            break
        spaces = text[i:j].replace("\r\n", "\n")
        if spaces.count("\n") >= 2 or "\u2029" in spaces:
            mark = "\n"
        elif (
            pieces
            and pieces[-1][-1] in _ASCII_DIGITS
            and j < n
            and unicodedata.normalize("NFKC", text[j])[:1] in _ASCII_DIGITS
        ):
            mark = _BROKEN
        else:
            mark = ""
        if mark:
            pieces.append(mark)
            at_norm.append(size)
            at_text.append(i)
            size += 1
        at = j
    starts = _Offsets(at_norm, at_text, size)
    return _Text(text, _mark_thousands("".join(pieces)), starts, None)


_PLAIN_CHARS: Final = "\x21-\x7e\u3400-\u4dbf\u4e00-\u9fff。、《》“”‘’【】〔〕〈〉「」『』·—"
"""Characters that fold to themselves (NFKC leaves them, they are no space, no gap and no
enumerator; a test checks every one): printable ASCII, the CJK ideographs, the usual
Chinese punctuation that NFKC keeps.  A text is looked at character by character only for
the others (``，（）：`` …, spaces): most characters of a report are plain."""
_NOT_PLAIN: Final = LazyPattern(f"[^{_PLAIN_CHARS}]")


def _fold_whole(text: str) -> tuple[str | None, re.Pattern[str]]:
    """*text* with every character folded, when every character of it that is not a gap
    folds to one character (learning those not seen yet), else ``None``; and a pattern that
    finds its gaps as :data:`_GAP` does.

    Only the characters that are not plain are looked at: each one that folds to another is
    replaced throughout (a few ``str.replace`` a text, fast where a ``str.translate`` looks
    up every character), and the gaps are looked for with the gap characters the text has."""
    odd = set(_NOT_PLAIN.findall(text))
    unknown = odd - _FOLDABLE - _UNFOLDABLE - _GAP_CHARS
    if unknown:
        gaps = {ch for ch in unknown if _GAP.fullmatch(ch)}
        if len(_GAP_CHARS) + len(gaps) > _FOLD_LIMIT:
            return None, _GAP
        _GAP_CHARS.update(gaps)
        if not _learn(unknown - gaps):
            return None, _GAP
    spaces = odd & _GAP_CHARS
    odd -= spaces
    pattern = _gap_pattern(frozenset(spaces))
    if not _UNFOLDABLE.isdisjoint(odd):
        return None, pattern
    folds = _FOLDS
    for ch in odd:
        folded = folds[ord(ch)]
        if folded != ch:
            text = text.replace(ch, folded)
    return text, pattern


_GAP_CHARS: Final[set[str]] = set()
"""Characters seen so far that :data:`_GAP` matches (spaces, line breaks, invisible)."""
_GAP_PATTERNS: Final[dict[frozenset[str], re.Pattern[str]]] = {}


def _gap_pattern(spaces: frozenset[str]) -> re.Pattern[str]:
    """A pattern that finds runs of *spaces*: :data:`_GAP` in a text whose gap characters
    are these (a few patterns are remembered; a text of others is searched with _GAP)."""
    pattern = _GAP_PATTERNS.get(spaces)
    if pattern is None:
        if len(_GAP_PATTERNS) >= 64:
            return _GAP
        chars = "".join(sorted(spaces))
        pattern = compile_pattern(f"[{re.escape(chars)}]+" if chars else "(?!)")
        _GAP_PATTERNS[spaces] = pattern
    return pattern


def _fold_run(
    text: str,
    at: int,
    end: int,
    pieces: list[str],
    runs: tuple[list[int], list[int]],
    size: int,
) -> int:
    """Fold the run ``text[at:end]`` (no gap in it), translated, or one character at a time
    when a character of it does not fold to one; add its runs of the map back to *runs* (the
    folded text holds *size* characters before it); the size after it."""
    at_norm, at_text = runs
    run = text[at:end]
    letters = set(run)
    unknown = letters - _FOLDABLE - _UNFOLDABLE
    if (not unknown or _learn(unknown)) and _UNFOLDABLE.isdisjoint(letters):
        pieces.append(run.translate(_FOLDS))
        at_norm.append(size)
        at_text.append(at)
        return size + end - at
    pos: list[int] = []
    fold_into(text, at, end, _fold_char, pieces, pos)
    for k, offset in enumerate(pos):  # each character a run of its own
        at_norm.append(size + k)
        at_text.append(offset)
    return size + len(pos)


_THOUSANDS_AFTER: Final = LazyPattern(r",(?=[0-9]{3}(?![0-9]))")
"""A comma followed by exactly three ASCII digits: the only commas that may separate
thousands (a report has a hundred commas, hardly ever one of these)."""


def _mark_thousands(norm: str) -> str:
    """Thousands separators (``1,234``; NFKC has turned "，" into ",") as :data:`_THOUSANDS`:
    a comma after one to three ASCII digits (not after a decimal point) and before exactly
    three."""
    marked: list[int] = []
    for found in _THOUSANDS_AFTER.finditer(norm):
        k = found.start()
        if k > 0 and norm[k - 1] in _ASCII_DIGITS:
            m = k - 1
            while m >= 0 and norm[m] in _ASCII_DIGITS:
                m -= 1
            if k - 1 - m <= 3 and (m < 0 or norm[m] != "."):
                marked.append(k)
    if not marked:
        return norm
    chars = list(norm)
    for k in marked:
        chars[k] = _THOUSANDS
    return "".join(chars)


def _boundaries(norm: str, stops: Iterable[str]) -> list[int]:
    """The offsets of every character of *stops* (a set or a string of characters) in
    *norm*, in order.

    Each stop character is looked for with ``str.find`` (the string's own search, many times
    faster per character than a regular expression's character class, which costs about a
    tenth of reading a narrative); a character the text does not hold costs one scan."""
    found: list[int] = []
    for stop in stops:
        at = norm.find(stop)
        while at >= 0:
            found.append(at)
            at = norm.find(stop, at + 1)
    found.sort()
    return found


def _around(bounds: list[int], start: int, end: int, length: int) -> tuple[int, int]:
    """The (start, end) of the piece between boundaries that contains ``start``."""
    k = bisect.bisect_right(bounds, start - 1)
    left = bounds[k - 1] + 1 if k > 0 else 0
    k2 = bisect.bisect_left(bounds, end)
    right = bounds[k2] if k2 < len(bounds) else length
    return left, right
