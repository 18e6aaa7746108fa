"""``zfxxgk convert DIR -o OUTDIR``: many reports converted, one output each, in the same
relative layout.

The input is many when it is a folder, a glob pattern, or a zip of more than one report; the
output is then a folder (made when missing; a file there is refused).  A single report given
an existing folder as ``-o`` is written into it the same way.  Each report becomes
``OUTDIR/<its path under the input>`` with the suffix of the format (``--to``, default
``json``): ``in/2024/r.html`` → ``out/2024/r.json``; a member of ``reports.zip`` is placed by
its path in the zip (``reports.zip!2024/r.html`` → ``out/2024/r.json``).  Two inputs that
would give the same output name keep their own suffix (``r.html.json``, ``r.pdf.json``).
"""

from __future__ import annotations

import argparse
import glob
import os
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path, PurePosixPath
from typing import Any, Final

from .base import EXIT_OK, EXIT_UNREADABLE, UsageError, err, replacing
from .reading import is_pre_2019

__all__ = ["SUFFIXES", "convert_options", "is_many", "output_paths", "run"]

SUFFIXES: Final = {
    "json": ".json",
    "html": ".html",
    "markdown": ".md",
    "text": ".txt",
    "docx": ".docx",
    "xlsx": ".xlsx",
}
"""The suffix each format's outputs get."""


def convert_options(args: argparse.Namespace) -> dict[str, Any]:
    """The keyword arguments of :func:`zfxxgk.convert.convert` that ``convert``'s options set."""
    return {
        "fill_totals": args.fill_totals,
        "check": not args.no_check,
        "labels": args.labels,
        "text_style": args.text_style,
    }


def is_many(source: str) -> tuple[bool, list[str]]:
    """Whether ``convert``'s input *source* stands for many reports, and the reports."""
    from ..batch import find_sources

    names = list(find_sources([source]))
    folder = os.path.isdir(source)
    pattern = glob.has_magic(source) and not os.path.exists(source)
    return folder or pattern or len(names) > 1, names


def _key(name: str) -> PurePosixPath:
    """Where a report is, as a path: a zip member under the zip's name without its suffix."""
    from ..readers.sources import split_member

    member = split_member(name)
    if member is None:
        name = "stdin" if name == "-" else name
        return PurePosixPath(Path(os.path.abspath(name)).as_posix())
    archive, path = member
    return PurePosixPath(Path(os.path.abspath(archive)).with_suffix("").as_posix(), path)


def _base(source: str, names: Sequence[str], keys: Sequence[PurePosixPath]) -> PurePosixPath:
    """The folder the outputs' layout is relative to: the input folder; for a zip, the zip
    (its members by their paths in it); for a file, its folder; else the common folder."""
    from ..readers.sources import split_member

    here = Path(os.path.abspath(source))
    if os.path.isdir(source):
        return PurePosixPath(here.as_posix())
    if os.path.isfile(source):
        if names and all(split_member(n) is not None for n in names):
            return PurePosixPath(here.with_suffix("").as_posix())
        return PurePosixPath(here.parent.as_posix())
    parents = [str(k.parent) for k in keys]
    return PurePosixPath(os.path.commonpath(parents)) if parents else PurePosixPath("/")


def output_paths(source: str, names: Sequence[str], folder: str, suffix: str) -> dict[str, Path]:
    """Each report's output file under *folder*: its path relative to the input, with
    *suffix*; names that would collide keep their own suffix before it."""
    keys = [_key(n) for n in names]
    base = _base(source, names, keys)
    relative = [k.relative_to(base) for k in keys]
    plain = [r.with_suffix(suffix) for r in relative]
    taken = Counter(plain)
    out: dict[str, Path] = {}
    for name, rel, target in zip(names, relative, plain, strict=True):
        chosen = target if taken[target] == 1 else rel.with_name(rel.name + suffix)
        out[name] = Path(folder, *chosen.parts)
    return out


def _check_folder(folder: str | None) -> str:
    if not folder or folder == "-":
        raise UsageError("转换多份报告时 -o 应为输出文件夹（每份报告写一个文件），不能是标准输出")
    if os.path.exists(folder) and not os.path.isdir(folder):
        raise UsageError(
            f"输出位置“{folder}”是一个文件：转换多份报告时 -o 应为文件夹（不存在时自动创建）"
        )
    return folder


def run(args: argparse.Namespace, names: list[str]) -> int:
    """Convert every report of *names* (the input ``args.file`` stands for) into the folder
    ``args.output``; returns the exit code (2 when a file could not be read)."""
    from ..batch import read_many
    from ..convert import convert

    folder = _check_folder(args.output)
    fmt = args.to or "json"
    inside = os.path.join(os.path.realpath(folder), "")
    names = [n for n in names if not os.path.realpath(n).startswith(inside)]  # earlier outputs
    if not names:
        err(f"没有找到报告文件：{args.file}")
        return EXIT_UNREADABLE
    targets = output_paths(args.file, names, folder, SUFFIXES.get(fmt, f".{fmt}"))
    status, done = EXIT_OK, 0
    for item in read_many(names, check=False, keep_provenance=False):
        if is_pre_2019(item):
            err(f"跳过 {item.error}")
            continue
        if item.result is None:
            err(str(item.error))
            status = EXIT_UNREADABLE
            continue
        target = targets[item.path]
        target.parent.mkdir(parents=True, exist_ok=True)
        with replacing(os.fspath(target)) as temporary:
            written = convert(item.result.report, fmt, temporary, **convert_options(args))
        done += 1
        if not args.fill_totals and written.total_errors:
            err(f"提示：{item.path}：{written.total_errors} 处合计与各项之和不符（已按原样写出）")
    print(f"zfxxgk: 已转换 {done} 份报告，写入 {folder}（{fmt}）", file=sys.stderr)
    return status
