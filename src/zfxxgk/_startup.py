"""What keeps the start of a process cheap (issue 17): patterns compiled where and when they
are first used, and the garbage collector held off while the package's modules load.

A ``zfxxgk check`` of one small report spends almost all its time starting: importing the
modules, making their attrs classes, compiling their regular expressions.  Two costs of it
are not the modules' own work:

- **patterns no run uses.**  A module that reads one kind of input (Markdown, ruled text
  tables, agency names …) holds a dozen patterns; a process that reads another kind should
  not compile them.  :class:`LazyPattern` stands for ``re.compile(pattern, flags)`` and
  compiles on the first call of one of its methods;
- **the cyclic garbage collector** runs some sixty times while the modules load (every 700
  new container objects: classes, functions, dicts), each time looking through objects that
  will live as long as the process.  :func:`pause_collector` and :func:`resume_collector`
  hold it off for that while — around the package's own imports, and for the command line
  until its first report is done — and then turn it back on as it was.

Imports only the standard library and :mod:`zfxxgk._codecache` (the bottom layers).
"""

from __future__ import annotations

import gc
import re
from collections.abc import Callable, Iterator
from typing import Any, Final

from ._codecache import compile_pattern

__all__ = ["LazyPattern", "pause_collector", "resume_collector"]

_METHODS: Final = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")


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
    subn: Callable[..., tuple[str, int]]
    split: Callable[..., list[Any]]

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags

    def __getattr__(self, name: str) -> Any:
        # called only for an attribute the instance does not have yet: a method, first time
        if name not in _METHODS:
            raise AttributeError(name)
        compiled = compile_pattern(self.pattern, self.flags)
        for method in _METHODS:
            setattr(self, method, getattr(compiled, method))
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r})"


_paused: list[tuple[bool, bool]] = []
"""One entry for each :func:`pause_collector` not yet resumed: whether that call turned the
collector off (``False`` when it was off already, by the caller or an outer pause), and
whether its resume freezes what is there."""


def pause_collector(*, freeze: bool = False) -> None:
    """Turn the cyclic garbage collector off, if it is on, until :func:`resume_collector`.

    For loading modules: what they make (classes, functions, tables) is never garbage, and
    the collector's passes over it while ``zfxxgk check`` starts cost about a tenth of the
    command's CPU.  Pauses nest; each must be matched by one :func:`resume_collector`.

    ``freeze=True`` is for a process that is this package's own (the command line run as a
    program): the resume then also moves every object there is into the collector's
    permanent generation (:func:`gc.freeze`), so that no later pass looks through the
    modules again — nor, in a forked worker, touches their memory.  A library call must not
    ask for it: it would keep the caller's own garbage of that moment forever."""
    was_on = gc.isenabled()
    if was_on:
        gc.disable()
    _paused.append((was_on, freeze))


def resume_collector() -> None:
    """End the last :func:`pause_collector`: the collector is on again if that call turned it
    off.  Without a pause to end, it does nothing (so a caller may resume early, and its
    ``finally`` again)."""
    if not _paused:
        return
    was_on, freeze = _paused.pop()
    if freeze:
        gc.freeze()
    if was_on:
        gc.enable()
