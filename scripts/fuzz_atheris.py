"""Coverage-guided fuzzing of every reader with atheris (libFuzzer for Python).

    pip install atheris
    python scripts/fuzz_atheris.py fuzz-atheris -max_total_time=3600 -timeout=30 -rss_limit_mb=2048
    python scripts/fuzz_atheris.py --format json fuzz-json -runs=100000 -timeout=30

``--format html|text|md|docx|pdf|json`` (our option, taken out before libFuzzer sees the
arguments) fuzzes one reader: every input is a whole file of that format, and the corpus folder
is filled with that format's seeds only.  The JSON target loads the library's own report JSON
(:func:`zfxxgk.json_report.loads`) and runs every rule on what loads; it fails on anything but
a ``JSONLoadError``.

The first argument is libFuzzer's corpus folder; when it is empty it is filled with the
seeds of ``scripts/fuzz_readers.py`` (renderings, the fixtures' DOCX and PDF, and with
``ZFXXGK_FUZZ_CORPUS=../shared/corpus`` the shared corpus too).  The other arguments are
libFuzzer's own: ``-timeout`` makes a slow input a failure (a hang), ``-rss_limit_mb`` a
memory-hungry one.  Without ``--format`` the first byte of an input picks the file name (and so
the reader's tie-breaks) and the rest is the file.  An input fails when reading it raises
anything but a ``DocumentError`` naming the file.  zfxxgk's own modules are instrumented for
coverage; lxml, docx2python and pdfminer are not.  Not run in CI.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import atheris

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

with atheris.instrument_imports(include=["zfxxgk"]):
    from zfxxgk import json_report
    from zfxxgk.errors import DocumentError, JSONLoadError, MissingDependencyError
    from zfxxgk.readers import legacy, read
    from zfxxgk.rules import check

NAMES = ("fuzz.html", "fuzz.txt", "fuzz.md", "fuzz.docx", "fuzz.pdf", "fuzz.doc", "fuzz.xhtml")
FORMATS = {"html": ".html", "text": ".txt", "txt": ".txt", "md": ".md", "docx": ".docx",
           "pdf": ".pdf", "json": ".json"}  # fmt: skip
ONLY: str | None = None
"""The file suffix of ``--format``: every input is one such file."""


def _take_format(argv: list[str]) -> list[str]:
    """*argv* without ``--format X`` / ``--format=X``, which sets :data:`ONLY`."""
    global ONLY
    rest: list[str] = []
    args = iter(argv)
    for arg in args:
        if arg == "--format" or arg.startswith("--format="):
            fmt = arg.partition("=")[2] or next(args, "")
            if fmt not in FORMATS:
                sys.exit(f"--format: one of {', '.join(sorted(FORMATS))}")
            ONLY = FORMATS[fmt]
        else:
            rest.append(arg)
    return rest


def test_one_input(data: bytes) -> None:
    if ONLY is not None:
        name, body = f"fuzz{ONLY}", data
    elif data:
        name, body = NAMES[data[0] % len(NAMES)], data[1:]
    else:
        return
    if name.endswith(".json"):
        try:
            report = json_report.loads(body)
        except JSONLoadError:
            return
        check(report)
        return
    try:
        read(body, name=name)
    except MissingDependencyError:
        pass
    except DocumentError as exc:
        if exc.path != name or name not in str(exc):
            raise AssertionError(f"a refusal that does not name the file: {exc!r}") from exc


def _fill(folder: Path) -> None:
    sys.path.insert(0, str(REPO / "scripts"))
    from fuzz_readers import seeds

    corpus = os.environ.get("ZFXXGK_FUZZ_CORPUS")
    folder.mkdir(parents=True, exist_ok=True)
    for k, (name, data) in enumerate(seeds(Path(corpus) if corpus else None)):
        suffix = Path(name).suffix
        if ONLY is not None:
            if suffix == ONLY:
                (folder / f"seed-{k:03d}{suffix}").write_bytes(data)
            continue
        index = next((i for i, n in enumerate(NAMES) if n.endswith(suffix)), 0)
        (folder / f"seed-{k:03d}{suffix}").write_bytes(bytes([index]) + data)


def main() -> None:
    legacy.find_converter = lambda: None  # LibreOffice is fuzzed by its own people
    argv = _take_format(sys.argv)
    folders = [Path(a) for a in argv[1:] if not a.startswith("-")]
    if folders and (not folders[0].is_dir() or not any(folders[0].iterdir())):
        _fill(folders[0])
    atheris.Setup(argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
