"""Where every cell of every real report was read, in a form kept in the repository.

``ParseResult.provenance`` is made lazily (:class:`zfxxgk.readers.Provenance`): a read keeps the
table cell each value came from and makes its place when asked.  This module reads every
source of ``../shared/corpus`` and of ``examples/reports`` and reduces each read's provenance —
every key in order, every field of every place (the file by its name) — to a digest;
``tests/test_provenance_snapshot.py`` compares a fresh run with
``tests/snapshots/provenance.json``, which was written from the eager ``dict`` the readers made
before.  After a change that is *meant* to move a place, write the file again and review it::

    python -m tests.provenance_snapshot --write
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

from zfxxgk.errors import DocumentError
from zfxxgk.readers import ParseResult, read

from .corpus_truth import CORPUS

SNAPSHOT = Path(__file__).parent / "snapshots" / "provenance.json"
EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "reports"


def sources() -> dict[str, Path]:
    """Every source read, by a name that does not depend on where the checkout is."""
    found: dict[str, Path] = {}
    if CORPUS.is_dir():
        for path in sorted(CORPUS.glob("*/source.*")):
            found[f"corpus/{path.parent.name}"] = path
    for path in sorted(EXAMPLES.iterdir()):
        if path.suffix in {".html", ".txt", ".md"}:
            found[f"examples/{path.name}"] = path
    return found


def digest(result: ParseResult) -> str:
    """Every key of the provenance, in order, with every field of its place."""
    lines = []
    for key, place in result.provenance.items():
        name = None if place.file is None else Path(place.file).name
        fields = (place.page, place.line, place.column, place.table, place.row, place.cell)
        lines.append(f"{key} {type(place).__name__} {name} {fields}")
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()[:16]


def snapshot() -> dict[str, str]:
    """The digest of every source's provenance (``refused`` for a source no reader takes)."""
    found: dict[str, str] = {}
    for name, path in sources().items():
        try:
            found[name] = digest(read(path))
        except DocumentError:
            found[name] = "refused"
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true", help=f"write {SNAPSHOT}")
    args = parser.parse_args()
    text = json.dumps(snapshot(), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    if args.write:
        SNAPSHOT.write_text(text, encoding="utf-8")
    else:
        print(text, end="")


if __name__ == "__main__":
    main()
