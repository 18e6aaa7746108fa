"""Patterns compiled the first time they are used, not when the package is imported.

The narrative holds some fifty regular expressions; a process that reads no narrative (a
check of tables loaded from cells, an export) should not compile them, and one that does
compiles each once.  :class:`LazyPattern` stands for ``re.compile(pattern, flags)``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any, Final

__all__ = ["LazyPattern"]

_METHODS: Final = ("search", "match", "fullmatch", "finditer", "findall", "sub")


class LazyPattern:
    """``re.compile(pattern, flags)``, compiled when one of its methods is first asked for.

    The compiled pattern's methods are then stored on the instance, so every later call is a
    call of the compiled pattern's own method: nothing goes through this class again.
    """

    search: Callable[..., re.Match[str] | None]
    match: Callable[..., re.Match[str] | None]
    fullmatch: Callable[..., re.Match[str] | None]
    finditer: Callable[..., Iterator[re.Match[str]]]
    findall: Callable[..., list[Any]]
    sub: Callable[..., str]

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags

    def __getattr__(self, name: str) -> Any:
        # called only for an attribute the instance does not have yet: a method, first time
        if name not in _METHODS:
            raise AttributeError(name)
        compiled = re.compile(self.pattern, self.flags)
        for method in _METHODS:
            setattr(self, method, getattr(compiled, method))
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r})"
