"""Find and run the code examples of a Markdown page (the docs and the README).

What runs, page by page, in a fresh folder holding a copy of ``examples/``:

- every ```` ```python ```` block, in order, in one namespace per page;
- every ```` ```console ```` block: each ``$ command`` line runs in bash, and the other lines are
  the output the commands must print (``…`` stands for any text);
- hidden code, which sets a page's examples up or checks them without being shown::

      <!-- test-code
      report = zfxxgk.read("examples/reports/示例镇人民政府-2024.txt").report
      -->

Markers on the line(s) just before a block:

- ``<!-- skip-test: REASON -->``: the block is not run (REASON is required);
- ``<!-- requires: MODULE[, MODULE] -->``: run only when the modules can be imported;
- ``<!-- expected-output -->`` before a ```` ```text ```` block: what the Python block before it
  prints (``…`` stands for any text).

Other fences (``bash``, ``text``, ``json`` …) are shown, not run.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import os
import re
import shutil
import subprocess
import sys
import textwrap
import traceback
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent

FENCE = re.compile(r"^(?P<indent> *)(?P<ticks>`{3,})(?P<info>[^`]*)$")
MARKER = re.compile(r"^<!-- (?P<name>skip-test|requires|expected-output)(?::(?P<arg>.*?))? -->$")
HIDDEN_OPEN = "<!-- test-code"
RUN_LANGUAGES = frozenset({"python", "console"})


class DocExampleError(AssertionError):
    """An example of a page did not run, or printed something else than the page shows."""


@dataclass
class Block:
    language: str  # "python", "console", "text" … or "hidden" for <!-- test-code -->
    code: str
    line: int  # 1-based line of the opening fence
    skip: str | None = None
    requires: tuple[str, ...] = ()
    expected_output: bool = False
    markers: list[str] = field(default_factory=list)


def blocks(text: str, name: str = "<page>") -> list[Block]:
    """The fenced blocks and hidden code of a Markdown page, with their markers."""
    lines = text.splitlines()
    found: list[Block] = []
    pending: dict[str, Any] = {}
    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        if stripped == HIDDEN_OPEN:
            end = _index(lines, "-->", i + 1, name)
            found.append(Block("hidden", "\n".join(lines[i + 1 : end]) + "\n", i + 1))
            i = end + 1
            continue
        marker = MARKER.match(stripped)
        if marker:
            _add_marker(pending, marker.group("name"), (marker.group("arg") or "").strip(), name, i)
            i += 1
            continue
        fence = FENCE.match(line)
        if fence:
            indent, ticks = len(fence.group("indent")), fence.group("ticks")
            language = (fence.group("info").strip().split() or [""])[0]
            j = i + 1
            while j < len(lines) and lines[j].strip() != ticks:
                j += 1
            if j == len(lines):
                raise DocExampleError(f"{name}:{i + 1}: a code fence is never closed")
            body = "\n".join(
                ln[indent:] if ln[:indent].isspace() else ln for ln in lines[i + 1 : j]
            )
            block = Block(language, body + "\n", i + 1, **pending)
            block.markers = [k for k in pending if pending[k]]
            found.append(block)
            pending = {}
            i = j + 1
            continue
        if stripped and pending:
            raise DocExampleError(f"{name}:{i + 1}: a marker is not followed by a code block")
        i += 1
    if pending:
        raise DocExampleError(f"{name}: a marker at the end of the page marks no block")
    return found


def _index(lines: list[str], wanted: str, start: int, name: str) -> int:
    for j in range(start, len(lines)):
        if lines[j].strip() == wanted:
            return j
    raise DocExampleError(f"{name}:{start}: <!-- test-code is never closed with -->")


def _add_marker(pending: dict[str, Any], kind: str, arg: str, name: str, i: int) -> None:
    if kind == "skip-test":
        if not arg:
            raise DocExampleError(f"{name}:{i + 1}: skip-test needs a reason")
        pending["skip"] = arg
    elif kind == "requires":
        modules = tuple(m.strip() for m in arg.split(",") if m.strip())
        if not modules:
            raise DocExampleError(f"{name}:{i + 1}: requires needs a module name")
        pending["requires"] = modules
    else:
        pending["expected_output"] = True


def matches(expected: str, actual: str) -> bool:
    """Whether *actual* is *expected*, with ``…`` for any text and trailing spaces ignored."""

    def norm(text: str) -> str:
        return "\n".join(line.rstrip() for line in text.strip("\n").splitlines())

    parts = re.split(r" *… *", norm(expected))
    pattern = ".*?".join(re.escape(part) for part in parts)
    return re.fullmatch(pattern, norm(actual), flags=re.DOTALL) is not None


def prepare_folder(folder: Path) -> None:
    """Copy ``examples/`` into *folder*, so the pages' paths work and their files land there."""
    shutil.copytree(
        REPO / "examples",
        folder / "examples",
        ignore=shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints", "*.pyc"),
    )


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    env["NO_COLOR"] = "1"
    env["PYTHONIOENCODING"] = "utf-8"
    env.pop("FORCE_COLOR", None)
    return env


def run_console(block: Block, cwd: Path) -> str:
    """Run the ``$`` lines of a console block in one bash; return what they printed."""
    commands = [line[2:] for line in block.code.splitlines() if line.startswith("$ ")]
    proc = subprocess.run(
        ["bash", "-c", "\n".join(commands)],
        cwd=cwd,
        env=_environment(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,  # one stream, in the order a terminal shows them
        text=True,
        timeout=300,
        check=False,
    )
    return proc.stdout


def expected_console_output(block: Block) -> str:
    return "\n".join(line for line in block.code.splitlines() if not line.startswith("$ "))


def run_page(
    path: Path,
    folder: Path,
    *,
    skip_python: bool = False,
    page_blocks: list[Block] | None = None,
) -> list[str]:
    """Run the examples of the page at *path* in *folder* (already prepared); return notes.

    *page_blocks*: the blocks to run instead of the page's own (the same page as another build
    shows it, such as the Chinese site: tests/test_docs_site.py).
    Raises :class:`DocExampleError` naming the page and line of the first example that fails.
    """
    name = path.relative_to(REPO).as_posix()
    if page_blocks is None:
        page_blocks = blocks(path.read_text(encoding="utf-8"), name)
    namespace: dict[str, Any] = {"__name__": "__main__"}
    notes: list[str] = []
    last_output: str | None = None
    last_line = 0
    with _chdir(folder):
        for block in page_blocks:
            where = f"{name}:{block.line}"
            if block.expected_output:
                if block.language != "text":
                    raise DocExampleError(f"{where}: expected-output marks a ```text block")
                if block.skip:
                    continue
                if last_output is None:
                    raise DocExampleError(f"{where}: expected-output follows no Python block")
                if not matches(block.code, last_output):
                    raise DocExampleError(
                        f"{where}: the block at line {last_line} printed\n{last_output}\n"
                        f"but the page shows\n{block.code}"
                    )
                last_output = None
                continue
            if block.language not in RUN_LANGUAGES | {"hidden"}:
                continue
            if block.skip is not None:
                notes.append(f"{where}: skipped: {block.skip}")
                last_output = None
                continue
            missing = [m for m in block.requires if importlib.util.find_spec(m) is None]
            if missing:
                notes.append(f"{where}: skipped, needs {', '.join(missing)}")
                last_output = None
                continue
            if block.language == "console":
                output = run_console(block, folder)
                if not matches(expected_console_output(block), output):
                    raise DocExampleError(
                        f"{where}: the commands printed\n{output}\nbut the page shows\n"
                        f"{expected_console_output(block)}"
                    )
                continue
            if skip_python:
                continue
            last_output = _exec(block, namespace, where)
            last_line = block.line
    return notes


@contextlib.contextmanager
def _chdir(folder: Path) -> Iterator[None]:
    """``contextlib.chdir`` (Python 3.11) for Python 3.10."""
    before = Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(before)


def _exec(block: Block, namespace: dict[str, Any], where: str) -> str:
    out = io.StringIO()
    code = compile(textwrap.dedent(block.code), where, "exec", dont_inherit=True)
    try:
        with contextlib.redirect_stdout(out):
            exec(code, namespace)
    except Exception as exc:
        raise DocExampleError(
            f"{where}: the example raised {type(exc).__name__}\n{traceback.format_exc()}"
        ) from exc
    return out.getvalue()


def pages() -> Iterator[Path]:
    """Every Markdown page of the documentation, and the README."""
    yield REPO / "README.md"
    yield from sorted(
        p for p in (REPO / "docs").rglob("*.md") if not {"_build", "_ext"} & set(p.parts)
    )
