"""What every ``zfxxgk`` command shares: exit codes, error lines, ``-o`` files, common options.

The lowest module of :mod:`zfxxgk.cli`: the command modules and the parser import it, it
imports none of them.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import stat
import sys
from collections.abc import Iterator
from typing import Final, TextIO

EXIT_OK: Final = 0
EXIT_FINDINGS: Final = 1
"""A finding at or above ``--fail-on``; for ``check`` also a report read only in part."""
EXIT_UNREADABLE: Final = 2
"""A file could not be read, or the command line was wrong (argparse also exits 2)."""
EXIT_INTERRUPTED: Final = 130

FAIL_ON: Final[dict[str, int | None]] = {"error": 2, "warning": 1, "info": 0, "never": None}
"""``--fail-on`` choices → the lowest severity rank that makes the exit code 1."""

COLLAPSE_AFTER: Final = 5
"""Without ``--all``, a report lists at most this many warnings or infos of one code."""


def err(message: str) -> None:
    """Print ``zfxxgk: message`` on standard error."""
    print(f"zfxxgk: {message}", file=sys.stderr)


class UsageError(Exception):
    """Bad usage found after parsing: the message is printed and the exit code is 2."""


def status(unreadable: int, worst: int | None, fail_rank: int | None, incomplete: int = 0) -> int:
    """The exit code: 2 when a file could not be read, 1 for a finding at *fail_rank* or
    above (*worst* is the highest severity rank found) or for *incomplete* reports (read in
    part, below ``--min-complete``), else 0."""
    if unreadable:
        return EXIT_UNREADABLE
    if fail_rank is not None and worst is not None and worst >= fail_rank:
        return EXIT_FINDINGS
    if incomplete:
        return EXIT_FINDINGS
    return EXIT_OK


@contextlib.contextmanager
def output(path: str | None, *, bom: bool = False) -> Iterator[TextIO]:
    """Standard output, or the file *path* (UTF-8; "-" is standard output), written
    atomically (:func:`replacing`); with *bom*, the text starts with a byte-order mark (what
    Excel on Chinese Windows needs to open a CSV as UTF-8)."""
    if not path or path == "-":
        if bom:
            sys.stdout.write("\ufeff")
        yield sys.stdout
        return
    encoding = "utf-8-sig" if bom else "utf-8"
    with replacing(path) as target, open(target, "w", encoding=encoding, newline="") as handle:
        yield handle


def wants_bom(args: argparse.Namespace) -> bool:
    """``--bom`` was given and the output is CSV."""
    return bool(getattr(args, "bom", False)) and getattr(args, "format", None) == "csv"


@contextlib.contextmanager
def replacing(path: str) -> Iterator[str]:
    """A temporary file next to *path* to write instead of it, renamed to *path* when the
    block ends normally.  When it raises (Ctrl-C, an error), the temporary file is removed,
    the file *path* keeps what it held before, and a line on standard error says so.

    A *path* that exists and is no regular file (``/dev/null``, a pipe) is written as it
    is; a symbolic link is followed, so that the file it names is replaced."""
    if os.path.exists(path) and not os.path.isfile(path):
        yield path
        return
    final = os.path.realpath(path)
    folder, name = os.path.split(final)
    import tempfile  # here: only a command writing a file (-o) needs it

    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise UsageError(f"无法写入 {path}：{exc.strerror or exc}") from exc
    os.close(handle)
    try:
        os.chmod(temporary, _mode_for(final))
        yield temporary
        os.replace(temporary, final)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        why = "已中断" if isinstance(exc, KeyboardInterrupt) else "运行未完成"
        kept = "原有文件保持不变" if os.path.exists(final) else "未创建该文件"
        err(f"{why}：未写入 {path}，{kept}")
        raise


def _mode_for(path: str) -> int:
    """The permissions a replacement of *path* gets: those of the file it replaces, else
    what a new file gets under the umask."""
    with contextlib.suppress(OSError):
        return stat.S_IMODE(os.stat(path).st_mode)
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


# --------------------------------------------------------------------------------------
# options several commands take
# --------------------------------------------------------------------------------------

PATHS_HELP = "报告文件、文件夹（递归查找 HTML、文本、Markdown、DOCX、PDF 等报告文件）或通配符"


def add_batch_options(parser: argparse.ArgumentParser) -> None:
    """PATH..., ``--jobs``, ``--no-progress``, ``--output`` and ``--verbose``."""
    parser.add_argument("paths", nargs="+", metavar="PATH", help=PATHS_HELP)
    add_jobs(parser)
    parser.add_argument("-o", "--output", metavar="OUT", help="写入文件（默认标准输出）")
    parser.add_argument("-v", "--verbose", action="store_true", help="显示读取诊断（R 代码）")


def add_jobs(parser: argparse.ArgumentParser) -> None:
    """``--jobs`` and ``--no-progress``: how a batch is read."""
    parser.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=1,
        metavar="N",
        help="用 N 个进程并行读取（默认 1；0 表示每个 CPU 一个进程）",
    )
    parser.add_argument(
        "--no-progress",
        action="store_true",
        help="不在标准错误输出显示进度条（非终端时本就不显示）",
    )


def add_color(parser: argparse.ArgumentParser) -> None:
    """``--color auto|always|never``."""
    parser.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="彩色输出：auto（默认，终端且未设置 NO_COLOR 时）、always、never",
    )


def add_fail_on(parser: argparse.ArgumentParser) -> None:
    """``--fail-on error|warning|info|never``."""
    parser.add_argument(
        "--fail-on",
        choices=tuple(FAIL_ON),
        default="error",
        help="有此级别或更严重的检查结果时退出码为 1："
        "error（错误，默认）、warning（警告）、info（提示）、never（从不）",
    )


# --------------------------------------------------------------------------------------
# the output format: from --format, else from the suffix of -o
# --------------------------------------------------------------------------------------

SUFFIX_FORMATS: Final = {
    ".txt": "text",
    ".text": "text",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".parquet": "parquet",
    ".html": "html",
    ".htm": "html",
    ".md": "markdown",
    ".docx": "docx",
    ".xlsx": "xlsx",
    ".xls": "xls",  # the old binary format: no command writes it, so -o out.xls is refused
    ".pdf": "pdf",
}
"""The format a file name's suffix stands for; ``-o`` with one of these suffixes is written in
that format, or refused when the command cannot write it."""


def add_format(
    parser: argparse.ArgumentParser, choices: tuple[str, ...], default: str, help: str
) -> None:
    """``-f/--format`` of a command that writes *choices*; without it, the suffix of ``-o``
    chooses (:func:`settle_format`), else *default*."""
    parser.add_argument("-f", "--format", choices=choices, default=None, help=help)
    parser.set_defaults(format_choices=choices, format_default=default)
    if "csv" in choices:
        parser.add_argument(
            "--bom",
            action="store_true",
            help="CSV 以字节顺序标记（BOM）开头，中文 Windows 的 Excel 可直接打开（不加则乱码）",
        )


def settle_format(args: argparse.Namespace) -> None:
    """Set ``args.format`` for a command declared with :func:`add_format`: the given format;
    else the one the suffix of ``-o`` names; else the command's default.  A suffix that names
    a format the command cannot write, or another format than ``--format``, is a usage error
    (a CSV is never written into ``out.xlsx``)."""
    choices: tuple[str, ...] | None = getattr(args, "format_choices", None)
    if choices is None:
        return
    output = getattr(args, "output", None)
    suffix = os.path.splitext(output)[1].lower() if output and output != "-" else ""
    named = SUFFIX_FORMATS.get(suffix)
    if args.format is None:
        if named is not None and named not in choices:
            raise UsageError(
                f"无法写入“{output}”：此命令不能输出 {suffix} 格式"
                f"（可选格式：{'、'.join(choices)}；用 --format 指定，或换一个扩展名）"
            )
        args.format = named or args.format_default
    elif named is not None and named != args.format:
        raise UsageError(
            f"--format {args.format} 与输出文件“{output}”的扩展名 {suffix} 不符"
            "（请换一个扩展名，或不给 --format，按扩展名选择格式）"
        )


def terminal_columns() -> int:
    """The terminal's width in columns, as :func:`shutil.get_terminal_size` gives it (the
    ``COLUMNS`` variable, else the size of standard output's terminal, else 80), without
    importing :mod:`shutil` for it: shutil imports ``bz2`` and ``lzma``, a few milliseconds
    of every command's start (argparse asks for the width whenever an option is added)."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80
