"""A function of short texts, remembered in a plain dict (the builder's hot caches).

The builder asks the same few questions of the same cell texts a thousand times a read (is
this a label or a number? what is its label key?).  ``functools.lru_cache`` answers in about
0.1 µs behind a Python wrapper that first checks the text's length; a dict looked up by its
bound ``__getitem__`` answers in a third of that, with no Python frame at all when the text
is known.  A text longer than :data:`LONGEST` is answered but never kept (a cache shared by
every read must not hold a hostile file's megabyte cells), and the dict is emptied when it
holds :attr:`Remembered.maxsize` texts, so it stays bounded.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final, Generic, NamedTuple, TypeVar

__all__ = ["LONGEST", "CacheInfo", "Remembered"]

LONGEST: Final = 200
"""Texts longer than this are never kept."""

V = TypeVar("V")


class CacheInfo(NamedTuple):
    """What :meth:`Remembered.cache_info` says (the fields ``functools`` uses)."""

    hits: int | None
    misses: int | None
    maxsize: int
    currsize: int


class Remembered(dict[str, V], Generic[V]):
    """``function(text)`` for texts looked up as ``self[text]``; bounded."""

    __slots__ = ("function", "maxsize")

    def __init__(self, function: Callable[[str], V], maxsize: int) -> None:
        super().__init__()
        self.function = function
        self.maxsize = maxsize

    def __missing__(self, text: str) -> V:
        value = self.function(text)
        if len(text) <= LONGEST:
            if len(self) >= self.maxsize:
                self.clear()
            self[text] = value
        return value

    def cache_info(self) -> CacheInfo:
        """How many texts are kept, of at most :attr:`maxsize` (hits are not counted)."""
        return CacheInfo(None, None, self.maxsize, len(self))

    def cache_clear(self) -> None:
        self.clear()
