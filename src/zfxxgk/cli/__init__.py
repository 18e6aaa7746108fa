"""The ``zfxxgk`` command line.

    zfxxgk check PATH...            检查报告：勾稽关系、各行总计、（七）总计、复议诉讼总计等
    zfxxgk export PATH...           导出表格单元格（官方标签寻址）：CSV、JSON、Parquet、Excel 等
    zfxxgk convert FILE -o OUT      转换为 JSON、HTML、Markdown、文本、DOCX 或 Excel
    zfxxgk compare OLD NEW          前后两年对比：上年结转、现行有效件数，以及变化的单元格
    zfxxgk rules                    列出全部检查规则
    zfxxgk review PATH... -o SITE   生成检查网站：总览页与每份报告一页（静态 HTML，可离线打开）

A PATH is a file, a folder (searched recursively for report files) or a glob pattern.

Exit codes: 0 fine; 1 findings at or above ``--fail-on`` (default: error); 2 a file could not
be read, or bad usage.  When both happen, 2 wins: a run that could not read everything it was
given has not checked everything, whatever it found in the rest.  130 when interrupted.
A report in the pre-2019 format is read but has no standard tables: ``check`` notes it as an
``E105`` warning (not checked) and ``export`` skips it with a note on standard error, rather
than as a file they could not read.

A command is ``func(args) -> int`` and writes where it likes, or ``func(args, out) -> int``
and writes to *out*, which :func:`main` opens (standard output, or the ``-o`` file).

This package may import more than ``import zfxxgk`` does; it still imports the readers, rules
and writers only when a command needs them.  Colour is plain ANSI, used when standard output
is a terminal and ``NO_COLOR`` is not set (``--color always|never`` to choose).

The package: :func:`main` here; :mod:`~zfxxgk.cli.parser` builds the parser from the
``commands_*`` modules (one ``register(sub)`` each: check, export and convert, compare, rules,
the review commands series, hierarchy and similar, the review site); below them
:mod:`~zfxxgk.cli.findings`,
:mod:`~zfxxgk.cli.reading`, :mod:`~zfxxgk.cli.terminal` and, lowest, :mod:`~zfxxgk.cli.base`
(exit codes, error lines, the ``-o`` file, shared options).
"""

from __future__ import annotations

import contextlib
import inspect
import os
import sys
from collections.abc import Callable, Sequence

from .. import _startup
from ..errors import Pre2019ReportError, ZfxxgkError
from .base import COLLAPSE_AFTER as COLLAPSE_AFTER
from .base import (
    EXIT_FINDINGS,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_UNREADABLE,
    UsageError,
    err,
    output,
    settle_format,
    wants_bom,
)
from .base import FAIL_ON as FAIL_ON
from .parser import build_parser

__all__ = ["EXIT_FINDINGS", "EXIT_INTERRUPTED", "EXIT_OK", "EXIT_UNREADABLE", "main"]

_parser = build_parser  # the name before the package (``cli._parser()``)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (see the module docstring)."""
    # the collector is off while the modules load: on again after a batch's first report,
    # or at the end; run as the program (no argv), what was loaded is frozen (_startup)
    _startup.pause_collector(freeze=argv is None)
    try:
        return _main(sys.argv[1:] if argv is None else list(argv))
    finally:
        _startup.resume_collector()


def _main(argv: list[str]) -> int:
    parser = build_parser(argv)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, or a usage error (2)
        return exc.code if isinstance(exc.code, int) else EXIT_UNREADABLE
    func: Callable[..., int] | None = getattr(args, "func", None)
    if func is None:
        parser.print_help(sys.stderr)
        return EXIT_UNREADABLE
    try:
        settle_format(args)
        if len(inspect.signature(func).parameters) == 2:  # func(args, out): -o handled here
            with output(getattr(args, "output", None), bom=wants_bom(args)) as out:
                return func(args, out)
        return func(args)
    except Pre2019ReportError as exc:  # read, with no standard tables: set aside, as by check
        err(f"跳过 [{exc.code}] {exc.message}")
        return EXIT_OK
    except ZfxxgkError as exc:
        err(f"[{exc.code}] {exc.message}")
        return EXIT_UNREADABLE
    except UsageError as exc:
        err(str(exc))
        return EXIT_UNREADABLE
    except KeyboardInterrupt:
        err("已中断")
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # e.g. | head: the reader went away
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the flush at exit
        return EXIT_OK
