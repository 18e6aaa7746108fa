"""Fuzzing every reader with mutated documents the library renders itself, and with junk.

Only the library's own exceptions may escape (a :class:`~zfxxgk.errors.DocumentError` whose
message names the file), and what is read must be a well-formed document and report.  The
seeds are never corpus files: reports drawn by :func:`zfxxgk.strategies.reports` and
rendered by :mod:`zfxxgk.render` (HTML page and fragment, Markdown, text), and DOCX and PDF
files built by ``tests/fixtures_office``.  A mutation is a short list of edits — flip a
byte, cut, repeat or move a stretch, insert junk or a token that readers treat specially
(``rowspan="99999"``, ``<!DOCTYPE``, ``w:gridSpan``, a NUL) — applied to the bytes, or for
DOCX to ``word/document.xml`` before zipping it again (so the XML, not the zip, is fuzzed).

This is the short run CI makes (about half a minute; the numbers of examples scale with
``HYPOTHESIS_PROFILE``); ``scripts/fuzz_readers.py`` is the long one, with the same
mutations, the shared corpus as extra seeds, a time and memory limit per input, and the
inputs that fail kept; ``scripts/fuzz_atheris.py`` is coverage-guided.  LibreOffice is never
started here: converting is LibreOffice's business, and the conversion is tested apart.
"""

from __future__ import annotations

import contextlib
import copy
import io
import json
import random
import zipfile
from collections.abc import Callable, Sequence
from functools import cache

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zfxxgk import json_report, render
from zfxxgk import strategies as zst
from zfxxgk.diagnostics import Diagnostic, Severity, SourceLocation
from zfxxgk.errors import (
    DocumentError,
    JSONLoadError,
    MissingDependencyError,
    NoStandardTablesError,
    ZfxxgkError,
)
from zfxxgk.model import Report
from zfxxgk.readers import ParseResult, read
from zfxxgk.readers import legacy as legacy_reader
from zfxxgk.readers.builder.state import diagnostic
from zfxxgk.readers.document import Document, Paragraph, Table, TextCell, table_location, text_cell

from .fixtures.reports import report_2019, report_2021
from .hypothesis_profiles import examples

# -- what the fuzzers feed: seeds, tokens, edits ---------------------------------------------

TOKENS: tuple[bytes, ...] = tuple(
    t.encode()
    for t in (
        "<table>", "</table>", "<tr>", "<td>", "</td>", '<td rowspan="99999">',
        '<td colspan="300">', "<p>", "</p>", "<br>", "<div>", "<script>", "<!--", "-->",
        "<!DOCTYPE x [<!ENTITY a \"aaaa\">]>", "&a;", "&nbsp;", "<o:p></o:p>", "\u3000",
        "一、总体情况", "三、收到和处理政府信息公开申请情况", "第二十条第（一）项", "规章",
        "行政许可", "本年新收", "结果维持", "总计", "（三）不予公开", "1.属于国家秘密",
        "22（其中修订16件）", "/", "—", "无", "0", "12", "1,234", "96171.6", "- 4 -", "|",
        "|---|", "\t", "\n", "\r\n", "\n\n", " ", "\x00", "\ufeff", "⼀⼆", "（", "）",
        "收到申请5件", "未发生行政复议", "<w:tbl>", "</w:tbl>", "<w:tr>", "<w:tc>",
        '<w:gridSpan w:val="64"/>', "<w:vMerge/>", '<w:hMerge w:val="restart"/>',
        '<w:gridBefore w:val="9"/>', "<w:p><w:r><w:t>", "</w:t></w:r></w:p>", "<w:sdt>",
        "obj", "endobj", "stream", "endstream", "/FlateDecode", "/Encrypt", "BT", "ET", "Tj",
        "re S", "0 0 m 500 0 l S", "%%EOF", "xref", "trailer",
    )
)  # fmt: skip
"""Pieces that mean something to one reader or another."""

Edit = tuple[str, float, float, bytes]
"""An edit: (kind, where (0–1 of the length), how much (0–1), bytes to put in)."""
KINDS = ("flip", "cut", "repeat", "move", "insert", "truncate")


def apply_edits(data: bytes, edits: Sequence[Edit]) -> bytes:
    """*data* with every edit applied in turn (positions scale with the current length)."""
    out = bytearray(data)
    for kind, where, amount, piece in edits:
        n = len(out)
        at = min(int(where * n), n)
        span = max(1, int(amount * min(n, 4096)))
        if kind == "flip" and n:
            out[min(at, n - 1)] ^= max(1, int(amount * 255))
        elif kind == "cut":
            del out[at : at + span]
        elif kind == "repeat":
            out[at:at] = out[at : at + span] * (1 + int(amount * 20))
        elif kind == "move" and n:
            chunk = bytes(out[at : at + span])
            del out[at : at + span]
            to = int(amount * len(out))
            out[to:to] = chunk
        elif kind == "insert":
            out[at:at] = piece
        elif kind == "truncate":
            del out[max(at, 1) :]
    return bytes(out)


def random_edits(rng: random.Random, count: int) -> list[Edit]:
    """Edits drawn by *rng* (the long fuzzer's way; Hypothesis draws its own)."""
    edits: list[Edit] = []
    for _ in range(count):
        kind = rng.choice(KINDS)
        if rng.random() < 0.5:
            piece = rng.choice(TOKENS) * rng.choice((1, 1, 2, 50))
        else:
            piece = rng.randbytes(rng.randint(0, 40))
        edits.append((kind, rng.random(), rng.random(), piece))
    return edits


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_WORD_ATTRIBUTES = ("gridSpan", "vMerge", "hMerge", "gridBefore", "gridAfter")
TREE_KINDS = ("copy", "drop", "move", "nest", "merge")


def apply_tree_edits(xml: bytes, edits: Sequence[Edit]) -> bytes:
    """WordprocessingML with whole elements copied, dropped, moved or nested elsewhere, or a
    merge (``w:gridSpan``, ``w:vMerge`` …) set on a cell: still well-formed, so the DOCX
    reader's walk — not the XML parser — meets it."""
    from lxml import etree

    root = etree.fromstring(xml, etree.XMLParser(resolve_entities=False, no_network=True))
    for kind, where, amount, piece in edits:
        elements = [e for e in root.iter() if e is not root and e.getparent() is not None]
        if not elements:
            break
        element = elements[min(int(where * len(elements)), len(elements) - 1)]
        other = elements[min(int(amount * len(elements)), len(elements) - 1)]
        parent = element.getparent()
        kind = TREE_KINDS[int(where * 997) % len(TREE_KINDS)] if kind not in TREE_KINDS else kind
        if kind == "copy":
            parent.insert(parent.index(element), etree.fromstring(etree.tostring(element)))
        elif kind == "drop":
            parent.remove(element)
        elif (
            kind in ("move", "nest")
            and other is not element
            and element not in other.iterancestors()
        ):
            parent.remove(element)
            if kind == "move":
                other.addnext(element)
            else:
                other.append(element)
        elif kind == "merge":
            cell = next((e for e in element.iter(f"{_W}tc")), None)
            if cell is not None:
                props = cell.find(f"{_W}tcPr")
                if props is None:
                    props = etree.SubElement(cell, f"{_W}tcPr")
                name = _WORD_ATTRIBUTES[int(amount * 997) % len(_WORD_ATTRIBUTES)]
                merge = etree.SubElement(props, f"{_W}{name}")
                printable = "".join(c for c in piece.decode("latin-1") if c.isalnum())
                value = printable[:6] or str(int(amount * 1000))
                merge.set(f"{_W}val", value)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def rezip(docx: bytes, mutate: Callable[[bytes], bytes]) -> bytes:
    """*docx* with ``word/document.xml`` mutated and the zip written again (valid CRCs)."""
    with zipfile.ZipFile(io.BytesIO(docx)) as zf:
        parts = {name: zf.read(name) for name in zf.namelist()}
    parts["word/document.xml"] = mutate(parts["word/document.xml"])
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return buf.getvalue()


def text_seeds(report: Report) -> list[tuple[str, bytes]]:
    """A report rendered as the library renders it: (file name, bytes)."""
    return [
        ("seed.html", render.to_html(report).encode()),
        ("seed-page.html", render.to_html(report, page=True).encode()),
        ("seed.md", render.to_markdown(report).encode()),
        ("seed.txt", render.to_text(report, style="tabs").encode()),
        ("seed-gbk.txt", render.to_text(report, style="tabs").encode("gb18030")),
    ]


def json_seeds(report: Report) -> list[tuple[str, bytes]]:
    """A report as the library's own JSON, in both key modes: (file name, bytes)."""
    return [
        ("seed.json", json_report.dumps(report).encode()),
        ("seed-labels.json", json_report.dumps(report, labels=True, indent=1).encode()),
    ]


JSON_VALUES: tuple[object, ...] = (
    None, True, False, 0, -1, -5, 1989, 2101, 10**15, 10**16, 10**30, 2**63, 1.5, -0.0, 1e308,
    "", "12", "１２", "一", "无", "2024", "2024-13-45", "number", "万元", [], {}, [[[[[]]]]],
    "x" * 1000, {"kind": "number", "value": "1e999"}, {"kind": "number", "value": "NaN"},
)  # fmt: skip
"""Values the JSON loader must check: wrong types, out-of-range years and counts, odd strings."""
JSON_KINDS = ("value", "value", "drop", "copy", "rename", "nudge")


def _json_slots(doc: object) -> list[tuple[dict[str, object] | list[object], str | int]]:
    """Every (container, key) of a parsed JSON document, depth first."""
    slots: list[tuple[dict[str, object] | list[object], str | int]] = []
    stack = [doc]
    while stack:
        node = stack.pop()
        keys: list[str] | list[int] = (
            (
                list(node) if isinstance(node, dict) else list(range(len(node)))  # type: ignore[arg-type]
            )
            if isinstance(node, dict | list)
            else []
        )
        for key in keys:
            slots.append((node, key))  # type: ignore[arg-type]
            stack.append(node[key])  # type: ignore[index]
    return slots


def apply_json_edits(data: bytes, edits: Sequence[Edit]) -> bytes:
    """The library's JSON with values replaced (wrong types, years out of range, huge or
    negative counts), keys dropped or renamed, a subtree copied elsewhere or a number nudged:
    still JSON, so that the loader's validation — not the JSON parser — meets it.  What is
    not JSON gets the byte edits."""
    try:
        doc = json.loads(data)
    except ValueError:
        return apply_edits(data, edits)
    for kind, where, amount, piece in edits:
        slots = _json_slots(doc)
        if not slots:
            break
        container, key = slots[min(int(where * len(slots)), len(slots) - 1)]
        choice = int(amount * 9973)
        op = kind if kind in JSON_KINDS else JSON_KINDS[choice % len(JSON_KINDS)]
        old = container[key]  # type: ignore[index]
        if op == "value":
            container[key] = copy.deepcopy(JSON_VALUES[choice % len(JSON_VALUES)])  # type: ignore[index]
        elif op == "drop":
            del container[key]  # type: ignore[arg-type]
        elif op == "copy":
            other = slots[min(int(amount * len(slots)), len(slots) - 1)]
            container[key] = copy.deepcopy(other[0][other[1]])  # type: ignore[index]
        elif op == "rename" and isinstance(container, dict):
            container[piece.decode("latin-1")[:12]] = container.pop(key)  # type: ignore[arg-type]
        elif op == "nudge" and isinstance(old, int | float) and not isinstance(old, bool):
            container[key] = (old + 1, old - 1, -old, old * 10**6)[choice % 4]  # type: ignore[index]
    return json.dumps(doc, ensure_ascii=_escape_non_ascii(edits)).encode()


def _escape_non_ascii(edits: Sequence[Edit]) -> bool:
    """Escape non-ASCII characters (``\\u4e2d``) for some edit lists, as other writers do."""
    return bool(edits) and edits[0][2] < 0.3


def check_json(data: bytes, name: str) -> Report | None:
    """Load *data* as the library's JSON and check it: a report whose checks run, or a
    :class:`~zfxxgk.errors.JSONLoadError` with a message — nothing else."""
    from zfxxgk.rules import check

    try:
        report = json_report.loads(data)
    except JSONLoadError as exc:
        refusal: JSONLoadError | None = exc
    else:
        refusal = None
    if refusal is not None:
        assert refusal.code == "E300" and refusal.message, name
        return None
    assert isinstance(report, Report) and report.info.template is not None
    check(report)
    return report


@cache
def office_seeds() -> dict[str, bytes]:
    """DOCX and PDF reports in the official layout, from the fixture builders."""
    from .fixtures_office.docx_build import make_docx, p, simple_table
    from .fixtures_office.report_tables import report_docx, report_pdf

    values = {
        "requests.new.total": "5",
        "requests.new.natural_person": "5",
        "appeals.review.total": "1",
    }
    seeds = {
        "seed.docx": report_docx(values, title="某县2024年政府信息公开工作年度报告"),
        "seed-blank.docx": report_docx({}),
        "seed-small.docx": make_docx(p("一、总体情况") + simple_table([["规章", "1", "2", "3"]])),
    }
    with contextlib.suppress(ImportError):
        import pdfplumber  # noqa: F401

        seeds["seed.pdf"] = report_pdf(values, break_at=9)
    return seeds


def check_read(data: bytes, name: str) -> ParseResult | None:
    """Read *data* as the file *name*: a well-formed result, or a refusal naming the file.

    Anything else — another exception, a refusal without the file name — fails."""
    refusal: DocumentError | None = None
    try:
        result = read(data, name=name)
    except MissingDependencyError:
        return None
    except DocumentError as exc:
        refusal = exc
    if refusal is not None:
        assert refusal.path == name and name in str(refusal), str(refusal)
        assert refusal.code.startswith("E1") and refusal.message
        return None
    assert isinstance(result, ParseResult) and isinstance(result.report, Report)
    assert result.report.info.template is not None
    document = result.document
    assert isinstance(document, Document)
    for block in document.blocks:
        if isinstance(block, Table):
            for row in block.rows:
                assert all(isinstance(c, TextCell) and isinstance(c.text, str) for c in row)
        else:
            assert isinstance(block, Paragraph) and block.text
    for path, location in result.provenance.items():
        assert isinstance(path, str) and isinstance(location, SourceLocation)
    return result


@pytest.fixture(autouse=True)
def _no_libreoffice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(legacy_reader, "find_converter", lambda: None)


_FUZZ = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large,
                              HealthCheck.function_scoped_fixture],
}  # fmt: skip

_edits = st.lists(
    st.tuples(
        st.sampled_from(KINDS),
        st.floats(0, 1),
        st.floats(0, 1),
        st.sampled_from(TOKENS).map(lambda t: t) | st.binary(max_size=40),
    ),
    min_size=1,
    max_size=6,
)


# -- mutated renderings: HTML, Markdown, text -------------------------------------------------


@settings(max_examples=examples(150), **_FUZZ)
@given(report=zst.reports(), which=st.integers(0, 4), edits=_edits)
def test_mutated_renderings(report: Report, which: int, edits: list[Edit]) -> None:
    name, seed = text_seeds(report)[which]
    check_read(apply_edits(seed, edits), name)


@settings(max_examples=examples(40), **_FUZZ)
@given(
    which=st.integers(0, 4),
    where=st.floats(0, 1),
    length=st.integers(1, 300),
    repeat=st.integers(2, 3000),
)
def test_renderings_with_a_stretch_repeated(
    which: int, where: float, length: int, repeat: int
) -> None:
    """Long tables, long lines, long cells: one stretch of a rendering repeated."""
    name, seed = text_seeds(report_2019() if which % 2 else report_2021())[which]
    at = int(where * len(seed))
    check_read(seed[:at] + seed[at : at + length] * repeat + seed[at:], name)


@settings(max_examples=examples(60), **_FUZZ)
@given(
    data=st.binary(max_size=3000),
    prefix=st.sampled_from([b"", b"%PDF-1.7\n", b"PK\x03\x04", legacy_reader.OLE2_MAGIC,
                            b"<html>", b"\xef\xbb\xbf", b"\xff\xfe", b"| a |\n"]),
    name=st.sampled_from(["junk.html", "junk.txt", "junk.md", "junk.docx", "junk.pdf", "junk.doc"]),
)  # fmt: skip
def test_junk_with_every_signature(data: bytes, prefix: bytes, name: str) -> None:
    check_read(prefix + data, name)


# -- mutated JSON: the library's own report files -------------------------------------------


@settings(max_examples=examples(100), **_FUZZ)
@given(report=zst.reports(), which=st.integers(0, 1), edits=_edits, as_bytes=st.booleans())
def test_mutated_json(report: Report, which: int, edits: list[Edit], as_bytes: bool) -> None:
    """The JSON target: values, keys and subtrees edited (or, sometimes, the bytes)."""
    name, seed = json_seeds(report)[which]
    mutate = apply_edits if as_bytes else apply_json_edits
    check_json(mutate(seed, edits), name)


# -- mutated DOCX and PDF ---------------------------------------------------------------------


@settings(max_examples=examples(40), **_FUZZ)
@given(which=st.sampled_from(["seed.docx", "seed-blank.docx", "seed-small.docx"]), edits=_edits)
def test_mutated_docx_bytes(which: str, edits: list[Edit]) -> None:
    check_read(apply_edits(office_seeds()[which], edits), "fuzz.docx")


@settings(max_examples=examples(40), **_FUZZ)
@given(
    which=st.sampled_from(["seed.docx", "seed-blank.docx", "seed-small.docx"]),
    edits=_edits,
    tree=st.booleans(),
)
def test_mutated_docx_xml(which: str, edits: list[Edit], tree: bool) -> None:
    """``word/document.xml`` edited as a tree (still well-formed) or as bytes, zipped again."""
    mutate = apply_tree_edits if tree else apply_edits
    data = rezip(office_seeds()[which], lambda xml: mutate(xml, edits))
    check_read(data, "fuzz.docx")


@settings(max_examples=examples(25), **_FUZZ)
@given(edits=_edits)
def test_mutated_pdf(edits: list[Edit]) -> None:
    seed = office_seeds().get("seed.pdf")
    if seed is None:
        pytest.skip("the PDF reader needs the extra zfxxgk[pdf]")
    check_read(apply_edits(seed, edits), "fuzz.pdf")


def test_the_seeds_read() -> None:
    """The mutations start from files that read (else the fuzzing would test little)."""
    for name, data in [*text_seeds(report_2021()), *office_seeds().items()]:
        assert check_read(data, name) is not None, name
    for name, data in json_seeds(report_2021()):
        assert check_json(data, name) == report_2021(), name


def test_edits_are_the_same_from_both_fuzzers() -> None:
    rng = random.Random(8)
    edits = random_edits(rng, 5)
    seed = text_seeds(report_2021())[0][1]
    assert apply_edits(seed, edits) == apply_edits(seed, list(edits))
    assert apply_edits(b"", edits) is not None


# -- the readers' fast cell constructors --------------------------------------------------


def test_fast_constructors_build_plain_values() -> None:
    """``text_cell``/``table_location`` (and the builder's ``diagnostic``) skip attrs'
    ``__init__``: safe only while the classes are plain values with exactly these fields."""
    for cls, names in (
        (SourceLocation, ("file", "page", "line", "column", "table", "row", "cell")),
        (TextCell, ("text", "location", "spanned", "unread")),
        (Diagnostic, ("code", "severity", "message", "location", "path", "labels")),
    ):
        fields = attrs.fields(cls)
        assert tuple(f.name for f in fields) == names
        assert all(f.validator is None and f.converter is None for f in fields)
        assert all(f.on_setattr in (None, attrs.setters.NO_OP) for f in fields)
        assert "__attrs_post_init__" not in vars(cls)


_maybe_int = st.none() | st.integers(-5, 10**6)


@settings(max_examples=examples(50))
@given(
    text=st.text(max_size=20),
    file=st.none() | st.text(max_size=10),
    table=_maybe_int,
    row=_maybe_int,
    cell=_maybe_int,
    line=_maybe_int,
    spanned=st.booleans(),
    unread=st.booleans(),
)
def test_fast_constructors_equal_the_normal_ones(
    text: str,
    file: str | None,
    table: int | None,
    row: int | None,
    cell: int | None,
    line: int | None,
    spanned: bool,
    unread: bool,
) -> None:
    fast = text_cell(text, table_location(file, table, row, cell, line), spanned, unread)
    normal = TextCell(
        text=text,
        location=SourceLocation(file=file, table=table, row=row, cell=cell, line=line),
        spanned=spanned,
        unread=unread,
    )
    assert fast == normal
    assert hash(fast) == hash(normal)
    assert repr(fast) == repr(normal)


# -- memory: the caches every read shares hold only short texts ---------------------------


def test_shared_caches_never_keep_long_cell_texts() -> None:
    from zfxxgk.model import Template
    from zfxxgk.narrative import _prepare_remembered
    from zfxxgk.readers import read
    from zfxxgk.readers.builder import _remembered_kind
    from zfxxgk.readers.labels import _REMEMBERED, _remembered_label_key, label_index

    long_cell = "规章说明" * 5_000
    page = f"<p>一、总体情况</p><p>{long_cell}</p><table><tr><td>{long_cell}</td><td>1</td></tr>"
    page += f"<tr><td>行政许可 {long_cell}</td><td>2</td></tr></table>"
    for k in range(3):
        with contextlib.suppress(ZfxxgkError):
            read(f"{page}<p>{k}</p>".encode(), name="long.html")
    for other_single in (False, True):
        index = label_index(Template.V2021, other_single=other_single)
        assert all(len(t) <= _REMEMBERED for t in index._by_text)
        assert all(len(k) <= _REMEMBERED for k in index._cache)
    assert _remembered_label_key.cache_info().maxsize is not None
    assert _remembered_kind.cache_info().maxsize is not None
    assert _prepare_remembered.cache_info().maxsize is not None


# -- found by the long run --------------------------------------------------------------------


def _open_dash_table(lines: int) -> bytes:
    """A Markdown dash table whose first row opens a bracket it never closes: every later
    line continues that row (pandoc's markup spread over lines)."""
    rows = ["规章 [注   1   2   3"]
    rows += [f"行政许可{k:05d}" + " " * 20 + "1   2   3" + " x" * 30 for k in range(lines)]
    rule = "-----------  ---  ---  ---"
    return (f"一、总体情况\n\n{rule}\n" + "\n".join(rows) + f"\n{rule}\n").encode()


# found by scripts/fuzz_readers.py --format md (issue 15): readers/_dashed.py sliced every line
# of a row again for each line added while markup stayed open (a 200 KB table took minutes)
def test_a_dash_table_row_left_open_is_sliced_once_a_line(monkeypatch: pytest.MonkeyPatch) -> None:
    """Work, not time: the lines sliced grow with the table, not with its square."""
    from zfxxgk.readers import _dashed

    calls = 0
    slices = _dashed._run_slices

    def counted(text: str, runs: list[tuple[int, int]]) -> list[tuple[str, int]]:
        nonlocal calls
        calls += 1
        return slices(text, runs)

    monkeypatch.setattr(_dashed, "_run_slices", counted)
    lines = 150
    with contextlib.suppress(NoStandardTablesError):
        read(_open_dash_table(lines), name="dash.md")
    assert calls > lines  # the table was sliced
    assert calls <= 10 * lines, f"{calls} lines sliced for a table of {lines}"


@settings(max_examples=examples(50))
@given(
    code=st.text(max_size=6),
    severity=st.sampled_from(Severity),
    message=st.text(max_size=20),
    location=st.none() | st.builds(SourceLocation, file=st.none() | st.text(max_size=5)),
    path=st.none() | st.text(max_size=10),
    labels=st.lists(st.text(max_size=5), max_size=3).map(tuple),
)
def test_the_fast_diagnostic_equals_the_normal_one(
    code: str,
    severity: Severity,
    message: str,
    location: SourceLocation | None,
    path: str | None,
    labels: tuple[str, ...],
) -> None:
    fast = diagnostic(code, severity, message, location, path, labels)
    normal = Diagnostic(
        code=code, severity=severity, message=message, location=location, path=path, labels=labels
    )
    assert fast == normal and hash(fast) == hash(normal) and repr(fast) == repr(normal)
    assert diagnostic(code, severity, message) == Diagnostic(
        code=code, severity=severity, message=message
    )
