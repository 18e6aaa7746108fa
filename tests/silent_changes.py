"""The oracle for silent changes: one printed digit of one table cell changed in a real file.

Reading the file again must give either exactly that cell's new value (every other cell as it
was, the diagnostics as they were) or a diagnostic that was not there before.  Anything else —
another cell changed, the cell's value not following the printed digit, a value changed while
nothing is said — is a *silent* change: a wrong number nobody is told about.

The cell is found through the reader's own provenance: the cells read as numbers, their printed
text in the document, and the places in the file where that number is printed as a whole run of
ASCII digits — in the text of HTML and of ``word/document.xml`` in a DOCX, never inside a tag
or an attribute.  One digit of one such place is changed; the document read again says which
printed cells changed (their locations) and the provenance which report cells those are.  PDF
is not edited: its text is drawn by glyph codes inside (usually compressed) content streams,
so one printed digit is not one byte of the file.

Used by ``tests/test_silent_changes.py`` (a deterministic sample) and by
``scripts/fuzz_readers.py --oracle`` (every number cell of every corpus file).
"""

from __future__ import annotations

import collections
import io
import random
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import attrs

from zfxxgk.cells import CellKind
from zfxxgk.diagnostics import SourceLocation
from zfxxgk.errors import DocumentError
from zfxxgk.readers import ParseResult, read
from zfxxgk.readers.document import Table
from zfxxgk.template import iter_cells

EDITABLE = (".html", ".htm", ".txt", ".md", ".docx")
"""Formats whose printed digits are bytes of the file (PDF is not: see the module text)."""

_DIGITS = re.compile(rb"(?<![0-9])[0-9]+(?![0-9])")
_TEXT_NODE = re.compile(rb">[^<]*<")
VERDICTS = ("exact", "diagnosed", "outside", "refused", "silent")
"""*exact*: only the edited cell changed, to the printed digits; *diagnosed*: the diagnostics
changed; *outside*: the digit was in no cell that was read (and nothing changed); *refused*:
the file is not read any more (a refusal is said, so not silent); *silent*: a failure."""


@attrs.frozen
class Snapshot:
    """What one read gives that the oracle compares."""

    values: dict[str, tuple[CellKind, object]]
    diagnostics: collections.Counter[tuple[str, str | None, SourceLocation | None]]
    printed: dict[SourceLocation, str]
    provenance: dict[str, SourceLocation]


@attrs.frozen
class Change:
    """One edited digit and what reading the file again gave."""

    case: str
    offset: int
    old: str
    new: str
    verdict: str
    detail: str = ""

    def __str__(self) -> str:
        what = f"{self.case} @{self.offset}: {self.old!r} -> {self.new!r}: {self.verdict}"
        return f"{what} ({self.detail})" if self.detail else what


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _in_running_text(location: SourceLocation) -> bool:
    """A cell cut from running text (crawled text): its place is a line and column only."""
    return location.table is None and location.line is not None and location.column is not None


def _char_offset(lines: list[str], location: SourceLocation) -> int:
    assert location.line is not None and location.column is not None
    return sum(len(line) + 1 for line in lines[: location.line - 1]) + location.column - 1


def snapshot(result: ParseResult, source: bytes | None = None) -> Snapshot:
    """The values, diagnostics and printed cells of one read.  A cell cut from running text
    has no printed cell of its own: its printed text is the source's characters at its line and
    column, as many as its value has characters (*source* needed)."""
    values = {
        ".".join(spec.path): (cell.kind, cell.value) for spec, cell in iter_cells(result.report)
    }
    diagnostics = collections.Counter((d.code, d.path, d.location) for d in result.diagnostics)
    printed: dict[SourceLocation, str] = {}
    for block in result.document.blocks if result.document is not None else ():
        if isinstance(block, Table):
            for row in block.rows:
                for cell in row:
                    printed[cell.location] = cell.text
    if source is not None:
        text = _decode(source)
        lines = text.split("\n")
        for path, location in result.provenance.items():
            if _in_running_text(location) and path in values:
                at = _char_offset(lines, location)
                printed[location] = text[at : at + len(str(values[path][1]))]
    return Snapshot(values, diagnostics, printed, dict(result.provenance))


def _digits(value: object) -> str:
    """The digits of a value as printed without leading zeros (``0`` for zero)."""
    return re.sub(r"[^0-9]", "", str(value)).lstrip("0") or "0"


def _printed(snap: Snapshot, path: str) -> str | None:
    """The printed text of the cell read into *path* (the location may move between reads)."""
    location = snap.provenance.get(path)
    return None if location is None else snap.printed.get(location)


def judge(before: Snapshot, after: Snapshot, new: str) -> tuple[str, str]:
    """(verdict, detail) for a read *after* one digit of a cell's number, now printed *new*."""
    if before.diagnostics != after.diagnostics:
        added = after.diagnostics - before.diagnostics
        gone = before.diagnostics - after.diagnostics
        return "diagnosed", f"new {sorted(k[0] for k in added)}, gone {sorted(k[0] for k in gone)}"
    changed = {p for p in before.values if before.values[p] != after.values.get(p)}
    changed |= set(after.values) - set(before.values)
    touched = {p for p in before.provenance if _printed(before, p) != _printed(after, p)}
    if not changed and not touched:
        return "outside", ""
    if changed == touched and len(changed) == 1:
        path = next(iter(changed))
        kind, value = after.values[path]
        printed = _digits(_printed(after, path) or "")
        if kind is before.values[path][0] and _digits(value) in (_digits(new), printed):
            return "exact", path
        return "silent", f"{path}: {before.values[path][1]} -> {value} ({kind.name}), printed {new}"
    detail = f"cells changed {sorted(changed)}, printed cells changed {sorted(touched)}"
    return "silent", detail


def _places(data: bytes, suffix: str) -> list[re.Match[bytes]]:
    """Every whole run of ASCII digits printed as text (not in a tag) in *data*."""
    if suffix in (".txt", ".md"):
        return list(_DIGITS.finditer(data))
    places = []
    for node in _TEXT_NODE.finditer(data):
        for match in _DIGITS.finditer(data, node.start(), node.end()):
            places.append(match)
    return places


def _spans(
    text: bytes, places: list[re.Match[bytes]], digits: bytes, location: SourceLocation
) -> list[tuple[int, int]]:
    """Where the cell's *digits* may be printed: whole runs first, then (crawled text prints a
    row's numbers glued together) inside longer runs; on the cell's line or the nearest after
    it first (a ``<td>`` starts a line before its text)."""
    whole = [(m.start(), m.end()) for m in places if m.group() == digits]
    glued = [
        (m.start() + k, m.start() + k + len(digits))
        for m in places
        if len(m.group()) > len(digits)
        for k in range(len(m.group()) - len(digits) + 1)
        if m.group()[k : k + len(digits)] == digits
    ]
    line = location.line

    def distance(span: tuple[int, int]) -> int:
        if line is None:
            return 0
        at = text.count(b"\n", 0, span[0]) + 1
        return at - line if at >= line else 10**9 + line - at

    return sorted(whole, key=distance) + sorted(glued, key=distance)


def _span_at(source: bytes, location: SourceLocation, length: int) -> tuple[int, int]:
    """The bytes of *length* characters at a line and column of *source* (ASCII digits)."""
    text = _decode(source)
    at = _char_offset(text.split("\n"), location)
    encoding = "utf-8" if text.encode("utf-8") == source else "gb18030"
    start = len(text[:at].encode(encoding))
    return start, start + length


def _document_xml(docx: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(docx)) as zf:
        return zf.read("word/document.xml")


def _with_document_xml(docx: bytes, xml: bytes) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as src, zipfile.ZipFile(buf, "w") as out:
        for info in src.infolist():
            body = xml if info.filename == "word/document.xml" else src.read(info.filename)
            out.writestr(info, body)
    return buf.getvalue()


def _read(data: bytes, name: str) -> ParseResult | None:
    try:
        return read(data, name=name)
    except DocumentError:
        return None


def changes(
    path: Path, rng: random.Random, limit: int | None = None, tries: int = 3
) -> Iterator[Change]:
    """Edit one digit of the printed number of up to *limit* number cells of the file *path*
    (all of them when ``None``), one at a time, and judge each read.  A digit that turns out
    to be outside every cell (the same number printed elsewhere) is tried again at the next
    place the number is printed, up to *tries* places."""
    suffix = path.suffix.lower()
    name = f"{path.parent.name}{suffix}"
    data = path.read_bytes()
    original = _read(data, name)
    if original is None:
        return
    source = data if suffix in (".txt", ".md") else None
    before = snapshot(original, source)
    text = _document_xml(data) if suffix == ".docx" else data
    places = _places(text, suffix)
    cells = sorted(
        p
        for p, (kind, value) in before.values.items()
        if kind is CellKind.NUMBER and value is not None and p in before.provenance
    )
    rng.shuffle(cells)
    done = 0
    for cell in cells:
        printed = (before.printed.get(before.provenance[cell]) or "").encode()
        runs = _DIGITS.findall(printed)
        if not runs:
            continue
        location = before.provenance[cell]
        if source is not None and _in_running_text(location):
            spans = [_span_at(source, location, len(printed))]
        else:
            spans = _spans(text, places, rng.choice(runs), location)
        change: Change | None = None
        for first, last in spans[:tries]:
            digits = [k for k in range(first, last) if 48 <= text[k] <= 57]
            if not digits:
                continue
            at = rng.choice(digits)
            choices = [d for d in b"0123456789" if d != text[at] and (d != 48 or at > first)]
            edited = bytearray(text)
            edited[at] = rng.choice(choices)
            old, new = text[first:last].decode(), edited[first:last].decode()
            body = _with_document_xml(data, bytes(edited)) if suffix == ".docx" else bytes(edited)
            result = _read(body, name)
            after = None if result is None else snapshot(result, body if source else None)
            verdict = ("refused", "") if after is None else judge(before, after, new)
            change = Change(name, at, old, new, *verdict)
            if change.verdict != "outside":
                break
        if change is None:
            continue
        yield change
        done += 1
        if limit is not None and done >= limit:
            return


def corpus_sources(corpus: Path) -> list[Path]:
    """The corpus files whose digits can be edited, in name order."""
    return sorted(
        p for p in corpus.glob("*/source.*") if p.suffix.lower() in EDITABLE and p.is_file()
    )
