"""A function of short texts, remembered in a plain dict (the builder's hot caches).

The builder asks the same few questions of the same cell texts a thousand times a read (is
this a label or a number? what is its label key?).  ``functools.lru_cache`` answers in about
0.1 µs behind a Python wrapper that first checks the text's length; a dict looked up by its
bound ``__getitem__`` answers in a third of that, with no Python frame at all when the text
is known.  The dict is emptied when it holds :attr:`Remembered.maxsize` texts, so it stays
bounded.  A text longer than :data:`LONGEST` is not kept there (a cache shared by every read
must not hold a hostile file's megabyte cells): only, when *recent* is given, among the long
texts asked for since the build began (:func:`new_build`), at most *recent* characters of them
all together — the builder asks of a paragraph several times in one read (the template's
fingerprints, the headings twice), and a read's long paragraphs are a few thousand
characters.  They are forgotten when the next build begins: a long text is never an answer
shared between two reads.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final, Generic, NamedTuple, TypeVar

__all__ = ["LONGEST", "RECENT", "CacheInfo", "Remembered", "new_build"]

LONGEST: Final = 200
"""Texts longer than this are not kept in the dict itself."""
RECENT: Final = 65_536
"""Characters of long texts kept, all together, by a cache asked for them (a report's
paragraphs are some 5,000; a hostile file's megabyte paragraph is never kept)."""

V = TypeVar("V")


class CacheInfo(NamedTuple):
    """What :meth:`Remembered.cache_info` says (the fields ``functools`` uses)."""

    hits: int | None
    misses: int | None
    maxsize: int
    currsize: int


class Remembered(dict[str, V], Generic[V]):
    """``function(text)`` for texts looked up as ``self[text]``; bounded."""

    __slots__ = ("_long", "_long_chars", "function", "maxsize", "recent")

    def __init__(self, function: Callable[[str], V], maxsize: int, recent: int = 0) -> None:
        super().__init__()
        self.function = function
        self.maxsize = maxsize
        self.recent = recent
        self._long: dict[str, V] = {}
        self._long_chars = 0
        if recent:
            _WITH_LONG.append(self)

    def __missing__(self, text: str) -> V:
        size = len(text)
        if size > LONGEST:
            return self._long_one(text, size)
        value = self.function(text)
        if len(self) >= self.maxsize:
            self.clear()
        self[text] = value
        return value

    def _long_one(self, text: str, size: int) -> V:
        long = self._long
        if text in long:
            return long[text]
        value = self.function(text)
        if size <= self.recent:
            long[text] = value
            self._long_chars += size
            while self._long_chars > self.recent:  # the oldest go first
                oldest = next(iter(long), None)
                if oldest is None:  # emptied meanwhile (another thread began a build)
                    self._long_chars = 0
                    break
                self._long_chars -= len(oldest)
                long.pop(oldest, None)
        return value

    def long_texts(self) -> tuple[str, ...]:
        """The long texts kept (for tests)."""
        return tuple(self._long)

    def cache_info(self) -> CacheInfo:
        """How many texts are kept, of at most :attr:`maxsize` (hits are not counted)."""
        return CacheInfo(None, None, self.maxsize, len(self))

    def cache_clear(self) -> None:
        self.clear()
        self.forget_long()

    def forget_long(self) -> None:
        """Forget the long texts (a new build begins)."""
        if self._long:
            self._long.clear()
            self._long_chars = 0


_WITH_LONG: list[Remembered[Any]] = []


def new_build() -> None:
    """A build begins: every cache forgets the long texts of the one before."""
    for cache in _WITH_LONG:
        cache.forget_long()
