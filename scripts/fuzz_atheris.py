"""Coverage-guided fuzzing of every reader with atheris (libFuzzer for Python).

    pip install atheris
    python scripts/fuzz_atheris.py fuzz-atheris -max_total_time=3600 -timeout=30 -rss_limit_mb=2048

The first argument is libFuzzer's corpus folder; when it is empty it is filled with the
seeds of ``scripts/fuzz_readers.py`` (renderings, the fixtures' DOCX and PDF, and with
``ZFXXGK_FUZZ_CORPUS=../shared/corpus`` the shared corpus too).  The other arguments are
libFuzzer's own: ``-timeout`` makes a slow input a failure (a hang), ``-rss_limit_mb`` a
memory-hungry one.  The first byte of an input picks the file name (and so the reader's
tie-breaks); the rest is the file.  An input fails when reading it raises anything but a
``DocumentError`` naming the file.  zfxxgk's own modules are instrumented for coverage;
lxml, docx2python and pdfminer are not.  Not run in CI.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import atheris

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

with atheris.instrument_imports(include=["zfxxgk"]):
    from zfxxgk.errors import DocumentError, MissingDependencyError
    from zfxxgk.readers import legacy, read

NAMES = ("fuzz.html", "fuzz.txt", "fuzz.md", "fuzz.docx", "fuzz.pdf", "fuzz.doc", "fuzz.xhtml")


def test_one_input(data: bytes) -> None:
    if not data:
        return
    name = NAMES[data[0] % len(NAMES)]
    try:
        read(data[1:], name=name)
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
        index = next((i for i, n in enumerate(NAMES) if n.endswith(suffix)), 0)
        (folder / f"seed-{k:03d}{suffix}").write_bytes(bytes([index]) + data)


def main() -> None:
    legacy.find_converter = lambda: None  # LibreOffice is fuzzed by its own people
    folders = [Path(a) for a in sys.argv[1:] if not a.startswith("-")]
    if folders and (not folders[0].is_dir() or not any(folders[0].iterdir())):
        _fill(folders[0])
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
