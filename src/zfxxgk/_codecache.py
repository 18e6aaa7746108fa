"""What the package compiles every time a process starts, kept from one process to the next.

Python keeps the bytecode of the package's modules in ``__pycache__``, but two things every
``zfxxgk`` process made again from source when it started (issue 17, start-up):

- **the methods attrs generates.**  For each class, attrs writes the source of its
  ``__init__``, ``__eq__``, ``__hash__`` and ``__repr__`` and compiles it: for the hundred
  classes a ``zfxxgk check`` defines, about a fifth of the command's CPU;
- **the regular expressions.**  ``re`` parses and compiles a pattern in Python; the patterns
  a check uses cost about as much again.

Both results are pure functions of their input on one Python: the same source compiles to the
same code object, the same pattern to the same program for the regular-expression engine.
This module keeps them in one file next to the package's bytecode
(``__pycache__/_generated.<cache tag>.marshal``, under ``sys.pycache_prefix`` when that is
set), keyed by the whole input — a class whose source changed, or a pattern that changed, is
simply not found and is compiled as before.  The file is written when the process exits, if
it compiled anything new, and not at all where Python writes no bytecode
(``sys.dont_write_bytecode``, ``PYTHONDONTWRITEBYTECODE``) or cannot write there.  A file
from another Python, or one that cannot be read, is ignored.  ``ZFXXGK_NO_CODECACHE=1`` in the
environment switches all of it off (attrs not wrapped, nothing read or written).

Only the package's own work goes through it: attrs classes of ``zfxxgk`` modules (attrs names
their generated code ``<attrs generated … zfxxgk.module.Class>``) and the patterns compiled by
:func:`compile_pattern` (:class:`zfxxgk._startup.LazyPattern`).  A pattern read back is given
to the engine exactly as ``re`` would give it, and only patterns whose program was checked
equal to ``re.compile``'s when first stored are stored; on a Python whose ``re`` is not laid
out as 3.11–3.13's, or an attrs without the step it wraps, everything is compiled as usual.

Imports only the standard library, and attrs when :func:`hook_attrs` is called.
"""

from __future__ import annotations
import __future__

import atexit
import contextlib
import marshal
import os
import re
import sys
from collections.abc import Callable
from types import CodeType
from typing import Any, Final

__all__ = ["compile_pattern", "hook_attrs"]

_FORMAT: Final = 1
"""The layout of the file; with the Python version, what must match for it to be read."""

_MAX_PATTERNS: Final = 4000
"""More patterns than this in the file (old ones piling up while the package is developed):
the next write keeps only those the writing process used."""

_MAX_CODES: Final = 1000
"""More classes' code than this in the file (classes renamed, removed or made by tests
piling up while the package is developed): the next write keeps only the code the writing
process used."""

_codes: dict[str, tuple[str, int, CodeType]] = {}
"""attrs: the generated code's file name → (its source, the compile flags, the code)."""
_used_codes: set[str] = set()
_patterns: dict[tuple[str, int], tuple[Any, ...]] = {}
"""re: (pattern, flags) → the arguments of ``_sre.compile`` after the pattern."""
_used: set[tuple[str, int]] = set()
_state = {"loaded": False, "changed": False, "writable": False}
_OFF: Final = bool(os.environ.get("ZFXXGK_NO_CODECACHE"))
"""``ZFXXGK_NO_CODECACHE`` set (to anything): nothing is kept, read or wrapped — attrs and
``re`` compile as they always do."""


def _path() -> str | None:
    tag: str | None = sys.implementation.cache_tag
    if not tag:  # an implementation that caches no bytecode
        return None
    here = os.path.dirname(os.path.abspath(__file__))
    prefix = sys.pycache_prefix
    folder = (
        os.path.join(prefix, here.lstrip(os.sep)) if prefix else os.path.join(here, "__pycache__")
    )
    return os.path.join(folder, f"_generated.{tag}.marshal")


def _header() -> tuple[int, int]:
    return (_FORMAT, sys.hexversion)


_FUTURE_FLAGS: Final = sum(
    getattr(__future__, name).compiler_flag for name in __future__.all_feature_names
)


def _writable(path: str) -> bool:
    """Whether a file can be written at *path*, as Python would write bytecode there."""
    if sys.dont_write_bytecode:
        return False
    folder = os.path.dirname(path)
    while not os.path.isdir(folder):  # __pycache__ (or the prefix's folders) made on saving
        parent = os.path.dirname(folder)
        if parent == folder:
            return False
        folder = parent
    return os.access(folder, os.W_OK)


def _usable(codes: Any, patterns: Any) -> bool:
    """Whether what a file held has the shapes this module keeps (a file is not trusted to)."""
    return (
        isinstance(codes, dict)
        and isinstance(patterns, dict)
        and all(
            type(k) is str
            and type(v) is tuple
            and len(v) == 3
            and type(v[0]) is str
            and type(v[1]) is int
            and isinstance(v[2], CodeType)
            for k, v in codes.items()
        )
        and all(type(k) is tuple and type(v) is tuple and len(v) == 5 for k, v in patterns.items())
    )


def _load() -> None:
    """Read the kept file, once (and decide whether this process may write it)."""
    if _state["loaded"]:
        return
    _state["loaded"] = True
    path = _path()
    if path is None:
        return
    _state["writable"] = _writable(path)
    try:
        with open(path, "rb") as file:
            data = file.read()  # marshal.load() reads a file in small pieces: 10× slower
        header, codes, patterns = marshal.loads(data)
        if tuple(header) != _header() or not _usable(codes, patterns):
            return
    except (OSError, EOFError, ValueError, TypeError):
        return
    _codes.update(codes)
    _patterns.update(patterns)


def _save() -> None:
    path = _path()
    if path is None or not _state["writable"] or not _state["changed"]:
        return
    codes = _codes
    if len(codes) > _MAX_CODES:
        codes = {name: code for name, code in codes.items() if name in _used_codes}
    patterns = _patterns
    if len(patterns) > _MAX_PATTERNS:
        patterns = {key: args for key, args in patterns.items() if key in _used}
    _state["changed"] = False
    try:
        data = marshal.dumps((_header(), codes, patterns))
    except ValueError:  # pragma: no cover - only code objects, strings and numbers are kept
        return
    partial = f"{path}.{os.getpid()}"
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(partial, "wb") as file:
            file.write(data)
        os.replace(partial, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(partial)


def _changed() -> None:
    if not _state["changed"]:
        _state["changed"] = True
        atexit.register(_save)


# --------------------------------------------------------------------------------------
# attrs' generated methods
# --------------------------------------------------------------------------------------

_ATTRS_FLAGS = [0]
"""The future flags attrs compiles its generated source with (those of its own module)."""

_SIGNATURE: Final = ("script", "globs", "locs", "filename")


_HASH: Final = "hash((\n"
_STAND_IN: Final = 9999999999999999999
"""Stands in the kept source and code for the number attrs mixes into a class's hash: the
hash of a string, so another number in every process (``PYTHONHASHSEED``)."""


def _salted(script: str) -> tuple[str, int | None]:
    """*script* with the number of its ``__hash__`` replaced by :data:`_STAND_IN`, and that
    number (None when the script has no ``__hash__`` of attrs' shape)."""
    start = script.find(_HASH)
    if start < 0:
        return script, None
    start += len(_HASH)
    end = script.find(",", start)
    try:
        salt = int(script[start:end])
    except ValueError:
        return script, None
    return f"{script[:start]}{_STAND_IN}{script[end:]}", salt


def _with_salt(code: CodeType, salt: int) -> CodeType:
    """*code* (a module of functions) with :data:`_STAND_IN` replaced by *salt* in the
    constants of its ``__hash__`` (where the only number is that one).

    The code is then the code compiled from the script with *salt* in every respect but the
    column where the number ends, in the position table of the one instruction that loads
    it — which cannot fail, so no traceback ever shows it."""
    consts = list(code.co_consts)
    for k, const in enumerate(consts):
        if isinstance(const, CodeType) and const.co_name == "__hash__":
            inner = tuple(
                salt if type(value) is int and value == _STAND_IN else value
                for value in const.co_consts
            )
            consts[k] = const.replace(co_consts=inner)
    return code.replace(co_consts=tuple(consts))


def _compiled(script: str, filename: str) -> CodeType:
    """The code of attrs' *script*: kept, or compiled (and kept)."""
    _load()
    flags = _ATTRS_FLAGS[0]
    _used_codes.add(filename)
    kept, salt = _salted(script)
    known = _codes.get(filename)
    if known is not None and known[0] == kept and known[1] == flags:
        code = known[2]
    else:
        code = compile(kept, filename, "exec", flags, dont_inherit=True)
        _codes[filename] = (kept, flags, code)
        _changed()
    return code if salt is None else _with_salt(code, salt)


def hook_attrs() -> bool:
    """Have attrs take the code of the package's classes from the kept file (once per
    process; later calls do nothing).  False when this attrs has no step to wrap."""
    try:
        from attr import _make
    except ImportError:  # pragma: no cover - attrs is a dependency
        return False
    if _OFF:
        return False
    original: Callable[..., None] | None = getattr(_make, "_compile_and_eval", None)
    if original is None or getattr(original, "_zfxxgk", False):
        return original is not None
    code = getattr(original, "__code__", None)
    if code is None or code.co_varnames[:4] != _SIGNATURE:
        return False
    _ATTRS_FLAGS[0] = code.co_flags & _FUTURE_FLAGS

    def compile_and_eval(
        script: str,
        globs: dict[str, Any] | None,
        locs: Any = None,
        filename: str = "",
    ) -> None:
        # attrs names the code "<attrs generated methods zfxxgk.model.Report>"
        if " zfxxgk." not in filename:
            original(script, globs, locs, filename)
            return
        eval(_compiled(script, filename), globs, locs)  # attrs' own source, compiled

    compile_and_eval._zfxxgk = True  # type: ignore[attr-defined]
    _make._compile_and_eval = compile_and_eval
    return True


# --------------------------------------------------------------------------------------
# regular expressions
# --------------------------------------------------------------------------------------


def _engine() -> tuple[Any, Any, Any] | None:
    """``_sre``, ``re._parser`` and ``re._compiler`` when ``re`` is laid out as on
    Python 3.11–3.13 (``_sre.compile(pattern, flags, code, groups - 1, groupindex,
    indexgroup)``), else None."""
    if not (3, 11) <= sys.version_info[:2] <= (3, 13):
        return None
    try:
        from re import _compiler, _parser  # type: ignore[attr-defined]
    except ImportError:  # pragma: no cover - present on those versions
        return None
    return _compiler._sre, _parser, _compiler


_ENGINE = _engine()
_SPECIAL: Final = int(re.DEBUG) | 1
"""``re.DEBUG``, and ``re.TEMPLATE`` (1; deprecated): compiled as usual."""


def _arguments(pattern: str, flags: int) -> tuple[Any, ...]:
    """What ``re._compiler.compile`` gives ``_sre.compile`` after the pattern."""
    assert _ENGINE is not None
    _, parser, compiler = _ENGINE
    parsed = parser.parse(pattern, flags)
    code = [int(op) for op in compiler._code(parsed, flags)]  # named opcodes: plain ints
    groupindex = parsed.state.groupdict
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (
        flags | parsed.state.flags,
        code,
        parsed.state.groups - 1,
        dict(groupindex),
        tuple(indexgroup),
    )


def compile_pattern(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, its program taken from the kept file when there."""
    flags = int(flags)
    if _OFF or _ENGINE is None or flags & _SPECIAL:
        return re.compile(pattern, flags)
    _load()
    key = (pattern, flags)
    _used.add(key)
    args = _patterns.get(key)
    if args is not None:
        compiled: re.Pattern[str] = _ENGINE[0].compile(pattern, *args)
        return compiled
    expected = re.compile(pattern, flags)
    if not _state["writable"]:  # nothing kept: no second compile to check one
        return expected
    args = _arguments(pattern, flags)
    made = _ENGINE[0].compile(pattern, *args)
    if (made, made.groupindex, made.groups) == (
        expected,
        expected.groupindex,
        expected.groups,
    ):
        _patterns[key] = args
        _changed()
    return expected
