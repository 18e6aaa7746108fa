#!/usr/bin/env python3
"""Render the corpus's HTML, DOCX and PDF reports to text with real converters, and score them.

Reports reach users as text made by tools: a crawler's text-mode browser, pandoc, LibreOffice's
text export, ``pdftotext -layout``.  This script makes those renderings of every HTML, DOCX and
PDF case of ``../shared/corpus`` with every converter found on this machine, lays them out as
corpus cases of their own (``<case>--<converter>/source.<ext>`` beside a link to the case's
``cells.csv``, nothing copied), and scores each one the way ``score_corpus.py`` does.

    python scripts/render_corpus.py [--corpus ../shared/corpus] [--out DIR] [--require]
        [--min-read 0.99] [--max-wrong 0] [-v]

A rendering *keeps the numbers* when every printed number of the truth appears in its text at
least as often and no table was replaced by a placeholder (pandoc's plain text writes
``[TABLE]`` for a table with merged cells and keeps none of it); the blank template has no
number to keep.  The run fails (exit 1) when any rendering shows a wrong cell, or when a
rendering that keeps the numbers has fewer than ``--min-read`` of its cells read.
``--require`` makes a missing converter an error instead of a note (CI sets it).
"""

from __future__ import annotations

import argparse
import collections
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = Path(os.environ.get("ZFXXGK_SHARED", HERE.parent.parent / "shared")) / "corpus"
TIMEOUT = 180.0


@dataclass(frozen=True)
class Converter:
    """One way of turning a report file into text."""

    name: str
    program: str
    inputs: frozenset[str]
    """File suffixes it reads."""
    suffix: str
    """Suffix of what it writes (``.md`` makes the reader treat it as Markdown)."""
    run: Callable[[Path, Path], None]


def _call(args: list[str], *, out: Path | None = None, cwd: Path | None = None) -> None:
    env = {**os.environ, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "HOME": str(cwd or Path.cwd())}
    done = subprocess.run(args, capture_output=True, timeout=TIMEOUT, cwd=cwd, env=env, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{args[0]} exit {done.returncode}: {done.stderr.decode()[-300:]}")
    if out is not None:
        out.write_bytes(done.stdout)


def _pandoc(to: str, reader: str | None = None) -> Callable[[Path, Path], None]:
    def run(source: Path, target: Path) -> None:
        fmt = reader or ("docx" if source.suffix == ".docx" else "html")
        _call(["pandoc", "-f", fmt, "-t", to, "--wrap=auto", str(source), "-o", str(target)])

    return run


def _w3m(columns: int) -> Callable[[Path, Path], None]:
    def run(source: Path, target: Path) -> None:
        _call(["w3m", "-dump", "-T", "text/html", "-cols", str(columns), str(source)], out=target)

    return run


def _libreoffice(source: Path, target: Path) -> None:
    program = shutil.which("soffice") or shutil.which("libreoffice") or "soffice"
    with tempfile.TemporaryDirectory() as work:
        profile = Path(work) / "profile"
        _call(
            [
                program,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "txt:Text (encoded):UTF8",
                "--outdir",
                work,
                str(source),
            ],
            cwd=Path(work),
        )
        made = Path(work) / (source.stem + ".txt")
        shutil.copyfile(made, target)


def _pdftotext(source: Path, target: Path) -> None:
    _call(["pdftotext", "-layout", "-enc", "UTF-8", str(source), str(target)])


CONVERTERS = (
    Converter(
        "pandoc-markdown", "pandoc", frozenset({".html", ".docx"}), ".md", _pandoc("markdown")
    ),
    Converter("pandoc-gfm", "pandoc", frozenset({".html", ".docx"}), ".md", _pandoc("gfm")),
    Converter("pandoc-plain", "pandoc", frozenset({".html", ".docx"}), ".txt", _pandoc("plain")),
    Converter("pandoc-rst", "pandoc", frozenset({".html", ".docx"}), ".txt", _pandoc("rst")),
    Converter("w3m-80", "w3m", frozenset({".html"}), ".txt", _w3m(80)),
    Converter("w3m-250", "w3m", frozenset({".html"}), ".txt", _w3m(250)),
    Converter("libreoffice-text", "soffice", frozenset({".html", ".docx"}), ".txt", _libreoffice),
    Converter("pdftotext-layout", "pdftotext", frozenset({".pdf"}), ".txt", _pdftotext),
)


def _score_module(corpus: Path) -> ModuleType:
    path = corpus.parent / "tools" / "score_corpus.py"
    spec = importlib.util.spec_from_file_location("score_corpus", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def keeps_numbers(text: str, truth: dict[tuple[str, str, str], str]) -> bool:
    """Does *text* print every non-blank number of *truth* at least as often, without a
    placeholder where a table was (pandoc's plain text writes ``[TABLE]``)?  A report whose
    tables hold no number at all (the blank template) has no number to keep."""
    if "[TABLE]" in text:
        return False
    need = collections.Counter(v for v in truth.values() if v)
    if not need:
        return False
    folded = unicodedata.normalize("NFKC", text).replace(",", "")
    have = collections.Counter(_NUMBER.findall(folded))
    for value, count in need.items():
        printed = sum(n for token, n in have.items() if _same(token, value))
        if printed < count:
            return False
    return True


def _same(token: str, value: str) -> bool:
    try:
        return float(token) == float(value)
    except ValueError:
        return token == value


def render(corpus: Path, out: Path, *, require: bool) -> list[tuple[Path, Converter]]:
    """Make every rendering; return (case folder, converter) for each one made."""
    available = [c for c in CONVERTERS if shutil.which(c.program)]
    missing = sorted({c.program for c in CONVERTERS} - {c.program for c in available})
    if missing:
        note = f"converters not found: {', '.join(missing)}"
        if require:
            raise SystemExit(note)
        print(note, file=sys.stderr)
    made: list[tuple[Path, Converter]] = []
    for case in sorted(p for p in corpus.iterdir() if (p / "cells.csv").is_file()):
        sources = sorted(p for p in case.glob("source.*") if p.is_file())
        if not sources:
            continue
        source = sources[0]
        meta = json.loads((case / "meta.json").read_text(encoding="utf-8"))
        if meta.get("representation") not in {"html", "docx", "pdf"}:
            continue  # renderings of renderings say nothing new
        for converter in available:
            if source.suffix.lower() not in converter.inputs:
                continue
            folder = out / f"{case.name}--{converter.name}"
            folder.mkdir(parents=True, exist_ok=True)
            target = folder / f"source{converter.suffix}"
            try:
                converter.run(source, target)
            except (RuntimeError, subprocess.TimeoutExpired, OSError) as exc:
                print(f"{folder.name}: the converter failed ({exc})", file=sys.stderr)
                shutil.rmtree(folder)
                continue
            link = folder / "cells.csv"
            if not link.exists():
                link.symlink_to((case / "cells.csv").resolve())
            made.append((folder, converter))
    return made


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--out", type=Path, default=None, help="keep the renderings here")
    ap.add_argument("--require", action="store_true", help="fail when a converter is missing")
    ap.add_argument("--min-read", type=float, default=0.99)
    ap.add_argument("--max-wrong", type=int, default=0)
    ap.add_argument("--cmd", default=f"{sys.executable} -m zfxxgk.cli export --format csv")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    corpus: Path = args.corpus
    if not corpus.is_dir():
        raise SystemExit(f"no corpus at {corpus}")
    score = _score_module(corpus)
    with tempfile.TemporaryDirectory() as scratch:
        out = args.out or Path(scratch)
        made = render(corpus, out, require=args.require)
        if not made:
            print("nothing rendered")
            return 1 if args.require else 0
        return _score(score, made, args)


def _score(score: ModuleType, made: list[tuple[Path, Converter]], args: argparse.Namespace) -> int:
    cmd = args.cmd.split()
    failed = 0
    total_right = total = total_wrong = 0
    for folder, _converter in made:
        truth = score.read_truth(folder)
        source = score.source_of(folder)
        text = source.read_text(encoding="utf-8", errors="replace")
        keeps = keeps_numbers(text, truth)
        got, err = score.run_export(cmd, source, TIMEOUT)
        got = got or {}
        right = sum(1 for k, v in truth.items() if got.get(k) == v)
        wrong = [(k, v, got[k]) for k, v in truth.items() if k in got and got[k] != v]
        total += len(truth)
        total_right += right
        total_wrong += len(wrong)
        share = right / len(truth) if truth else 1.0
        bad = len(wrong) > args.max_wrong or (keeps and share < args.min_read)
        failed += bad
        status = "FAIL" if bad else "ok"
        kept = "keeps the numbers" if keeps else "drops numbers"
        note = f"  ({err})" if err else ""
        print(
            f"{status:4} {folder.name}: {right}/{len(truth)} read, {len(wrong)} wrong, {kept}{note}"
        )
        for key, want, have in wrong[: None if args.verbose else 3]:
            print(
                f"       wrong {' | '.join(key)}: want {want or '(blank)'}, got {have or '(blank)'}"
            )
        if args.verbose and keeps and share < 1:
            for key, want in truth.items():
                if key not in got:
                    print(f"       missing {' | '.join(key)} ({want or 'blank'})")
    print(
        f"renderings {len(made)}; failed {failed}; "
        f"cells read {total_right}/{total}; wrong {total_wrong}"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
