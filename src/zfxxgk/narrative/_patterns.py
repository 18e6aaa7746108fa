"""Patterns compiled the first time they are used, not when the package is imported.

The narrative holds some fifty regular expressions; a process that reads no narrative (a
check of tables loaded from cells, an export) should not compile them, and one that does
compiles each once.  :class:`~zfxxgk._startup.LazyPattern` stands for
``re.compile(pattern, flags)``; it lives in :mod:`zfxxgk._startup`, where the readers and
the cells use it too.
"""

from __future__ import annotations

from .._startup import LazyPattern

__all__ = ["LazyPattern"]
