"""The bad-input suite: every kind of bad file a user hands the library, and what it must get.

Each case is a file written to disk and read through :func:`zfxxgk.readers.read` the way
users and ``zfxxgk check`` read it; a refusal must be one of the library's own exceptions,
of the class and ``code`` given here, with the message naming the file and, where the
readers have one, the stable marker (``[R-DOCX-BOMB]`` …).  A case that must *read* (GBK
without a declaration, a split or partly missing table) says what must come out.  A refusal
that must come before any parsing says so by failing if the parser is reached.

The files are built by the library's renderers and the fixture builders in
``tests/fixtures_office``; no corpus file is copied.  The readers' own test modules hold
the finer cases of each format; this is the list of issue 8, in one place.
"""

from __future__ import annotations

import contextlib
import io
import random
import socket
import struct
import sys
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from zfxxgk import render
from zfxxgk.batch import read_many
from zfxxgk.cells import Cell, CellKind
from zfxxgk.errors import (
    DocumentError,
    EmptyDocumentError,
    NoStandardTablesError,
    Pre2019ReportError,
    UnreadableDocumentError,
    UnsupportedFormatError,
    ZfxxgkError,
)
from zfxxgk.readers import MAX_BYTES, read
from zfxxgk.readers import docx as docx_reader
from zfxxgk.readers import html as html_reader
from zfxxgk.readers import legacy as legacy_reader
from zfxxgk.readers.document import MAX_TEXT_BYTES

from .fixtures.reports import cell_values, report_2021
from .fixtures_office.docx_build import document_xml, make_docx, p, simple_table
from .fixtures_office.ole2_build import make_ole2
from .fixtures_office.report_tables import report_docx

FRAGMENT = render.to_html(report_2021())
PAGE = render.to_html(report_2021(), page=True)


def refused(
    path: Path,
    error: type[ZfxxgkError],
    code: str,
    *,
    marker: str = "",
    words: str = "",
) -> ZfxxgkError:
    """Read *path*: it must raise exactly *error* (its ``code``), naming the file."""
    with pytest.raises(ZfxxgkError) as info:
        read(path)
    exc = info.value
    assert type(exc) is error, f"{type(exc).__name__}: {exc}"
    assert exc.code == code
    assert isinstance(exc, DocumentError) and exc.path == str(path)
    assert str(path) in str(exc), "the message names the file"
    assert marker in exc.message and words in exc.message
    return exc


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# -- nothing, junk, the wrong kind of file -----------------------------------------------


@pytest.mark.parametrize("data", [b"", b" \r\n\t ", "\u3000\n\n".encode(), b"\xef\xbb\xbf"])
def test_empty_file(tmp_path: Path, data: bytes) -> None:
    refused(write(tmp_path, "空白.html", data), EmptyDocumentError, "E101", words="为空")


@pytest.mark.parametrize(
    "data",
    [
        bytes(range(256)) * 16,
        random.Random(4096).randbytes(4096),
        b"\x00" * 1000,
        b"\x7fELF\x02\x01\x01" + b"\x00" * 500,
    ],
    ids=["all-bytes", "random", "nuls", "elf"],
)
def test_binary_junk(tmp_path: Path, data: bytes) -> None:
    refused(write(tmp_path, "junk.txt", data), UnsupportedFormatError, "E102")


def _png() -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    pixels = zlib.compress(b"\x00\xff\x00\x00" * 4)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 3, 4, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", pixels)
        + chunk(b"IEND", b"")
    )


_JPEG = (
    b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    + b"\xff\xdb\x00\x43\x00" + bytes(range(64)) + b"\xff\xd9"
)  # fmt: skip
_GIF = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"  # noqa: E501


def test_gif_renamed_html(tmp_path: Path) -> None:
    refused(write(tmp_path, "年度报告.html", _GIF), UnsupportedFormatError, "E102")


@pytest.mark.parametrize("data", [_png(), _JPEG], ids=["png", "jpeg"])
def test_broken_image_renamed_html(tmp_path: Path, data: bytes) -> None:
    # PNG and JPEG are read as scans (docs/ocr.md), whatever the name: these do not decode
    # (or, without the extra zfxxgk[ocr], are refused naming it)
    refused(write(tmp_path, "年度报告.html", data), UnreadableDocumentError, "E103")


def test_html_with_no_table(tmp_path: Path) -> None:
    page = (
        "<html><body><h1>某县2024年政府信息公开工作年度报告</h1><p>一、总体情况</p>"
        "<p>全年共收到政府信息公开申请5件。</p><img src='表格.png'></body></html>"
    )
    refused(
        write(tmp_path, "no-table.html", page.encode()),
        NoStandardTablesError,
        "E104",
        words="没有任何表格",
    )


def test_a_page_that_is_not_a_report(tmp_path: Path) -> None:
    page = "<html><body><table><tr><td>天气</td><td>晴</td></tr></table></body></html>"
    refused(
        write(tmp_path, "weather.html", page.encode()), NoStandardTablesError, "E104", words="不是"
    )


# -- too deep, too large -----------------------------------------------------------------


@pytest.mark.parametrize("depth", [300, 5000])
def test_deeply_nested_html(tmp_path: Path, depth: int) -> None:
    page = "<html><body>" + "<div>" * depth + FRAGMENT + "</div>" * depth + "</body></html>"
    refused(
        write(tmp_path, "deep.html", page.encode()),
        UnreadableDocumentError,
        "E103",
        marker="[R-HTML-LIMIT]",
        words="256",
    )


def test_nested_html_within_the_limit_reads(tmp_path: Path) -> None:
    page = "<html><body>" + "<div>" * 200 + FRAGMENT + "</div>" * 200 + "</body></html>"
    report = read(write(tmp_path, "nested.html", page.encode())).report
    assert cell_values(report) == cell_values(report_2021())


def test_a_50_mb_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    filler = "<tr><td>无关内容</td><td>1</td></tr>\n" * (50 * 1024 * 1024 // 40)
    page = f"<html><body>{FRAGMENT}<table>{filler}</table></body></html>".encode()
    assert len(page) > 50 * 1024 * 1024
    monkeypatch.setattr(html_reader, "_parse", _never)  # refused before parsing
    refused(
        write(tmp_path, "big.html", page),
        UnreadableDocumentError,
        "E103",
        marker="[R-TOO-LARGE]",
        words="16 MB",
    )


def test_text_that_packs_too_many_parts(tmp_path: Path) -> None:
    data = "政府信息公开\n".encode() + b"1 2\n" * 130_000
    assert len(data) < MAX_TEXT_BYTES
    refused(
        write(tmp_path, "rows.txt", data),
        UnreadableDocumentError,
        "E103",
        marker="[R-TOO-LARGE]",
        words="超过",
    )


def test_any_file_over_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "huge.pdf"
    with path.open("wb") as f:  # sparse: costs no disk
        f.truncate(MAX_BYTES + 1)
    refused(path, UnreadableDocumentError, "E103", words="文件过大")


# -- encodings ----------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["gbk", "gb18030"])
def test_gbk_without_a_declaration_reads(tmp_path: Path, encoding: str) -> None:
    page = PAGE.replace('<meta charset="utf-8">', "").replace("<meta charset=utf-8>", "")
    assert "charset" not in page.lower()
    path = write(tmp_path, "gbk.html", page.encode(encoding))
    assert cell_values(read(path).report) == cell_values(report_2021())
    text = render.to_text(report_2021(), style="tabs").encode(encoding)
    assert cell_values(read(write(tmp_path, "gbk.txt", text)).report) == cell_values(report_2021())


# -- DOCX -----------------------------------------------------------------------------------

_DOCX = report_docx({"requests.new.total": "9"}, title="某县2024年政府信息公开工作年度报告")


@pytest.mark.parametrize("cut", [0.1, 0.5, 0.9, 0.999])
def test_truncated_docx(tmp_path: Path, cut: int) -> None:
    refused(
        write(tmp_path, "cut.docx", _DOCX[: int(len(_DOCX) * cut)]),
        UnreadableDocumentError,
        "E103",
        marker="[R-DOCX-ZIP]",
    )


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _docx_parts() -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(_DOCX)) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def test_zip_bomb(tmp_path: Path) -> None:
    parts = _docx_parts()
    parts["word/media/image1.png"] = b"\x00" * (64 * 1024 * 1024)  # 64 MiB in ~64 KB
    data = _zip(parts)
    assert len(data) < 1024 * 1024
    refused(
        write(tmp_path, "bomb.docx", data),
        UnreadableDocumentError,
        "E103",
        marker="[R-DOCX-BOMB]",
        words="压缩炸弹",
    )


def test_zip_of_many_members(tmp_path: Path) -> None:
    parts = _docx_parts() | {f"word/media/{k}.bin": b"x" for k in range(2500)}
    refused(
        write(tmp_path, "many.docx", _zip(parts)),
        UnreadableDocumentError,
        "E103",
        marker="[R-DOCX-BOMB]",
    )


@contextlib.contextmanager
def listening() -> Iterator[tuple[str, socket.socket]]:
    """A local port that would see any attempt to fetch something from it."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.setblocking(False)
    try:
        yield f"http://127.0.0.1:{server.getsockname()[1]}/evil", server
    finally:
        server.close()


def nobody_called(server: socket.socket) -> bool:
    try:
        connection, _ = server.accept()
    except BlockingIOError:
        return True
    connection.close()
    return False


_LAUGHS = (
    '<!DOCTYPE w:document [<!ENTITY a "哈哈哈哈哈哈哈哈哈哈">'
    + "".join(
        f'<!ENTITY {b} "{("&" + a + ";") * 10}">'
        for a, b in zip("abcdefgh", "bcdefghi", strict=True)
    )
    + "]>"
)


@pytest.mark.parametrize(
    "part", ["word/document.xml", "docProps/core.xml", "[Content_Types].xml", "_rels/.rels"]
)
def test_entity_expansion_inside_a_docx(
    tmp_path: Path, part: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    parts = _docx_parts()
    body = p("&i;") + simple_table([["规章", "1"]])
    evil = document_xml(body, prolog=_LAUGHS).encode()
    if part == "word/document.xml":
        parts[part] = evil
    else:  # the DOCTYPE right after the XML declaration
        head, _, rest = parts[part].partition(b"?>")
        parts[part] = head + b"?>" + _LAUGHS.encode() + rest
    monkeypatch.setattr(docx_reader, "_blocks", _never)  # refused before any XML is parsed
    refused(
        write(tmp_path, "laughs.docx", _zip(parts)),
        UnreadableDocumentError,
        "E103",
        marker="[R-DOCX-DOCTYPE]",
    )


def test_external_entities_inside_a_docx(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-42", "utf-8")
    with listening() as (url, server):
        prolog = (
            f'<!DOCTYPE w:document SYSTEM "{url}.dtd" [<!ENTITY file SYSTEM "{secret.as_uri()}">'
            f'<!ENTITY web SYSTEM "{url}">]>'
        )
        data = make_docx(p("&file;&web;") + simple_table([["规章", "1"]]), prolog=prolog)
        refused(
            write(tmp_path, "xxe.docx", data),
            UnreadableDocumentError,
            "E103",
            marker="[R-DOCX-DOCTYPE]",
        )
        assert nobody_called(server)


def test_entities_inside_xhtml_are_never_resolved_nor_fetched(tmp_path: Path) -> None:
    """XHTML is read by the HTML parser: declared entities are not expanded, external ones
    not read, an external DTD not fetched; the page is read as if they were text."""
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-42", "utf-8")
    with listening() as (url, server):
        doctype = (
            f'<?xml version="1.0" encoding="utf-8"?><!DOCTYPE html SYSTEM "{url}.dtd" ['
            + _LAUGHS[len("<!DOCTYPE w:document [") : -2]
            + f'<!ENTITY file SYSTEM "{secret.as_uri()}"><!ENTITY web SYSTEM "{url}">]>'
        )
        page = PAGE.replace("<!DOCTYPE html>", doctype, 1).replace(
            "<body>", "<body><p>&i;&file;&web;</p>", 1
        )
        result = read(write(tmp_path, "xxe.xhtml", page.encode()))
        assert nobody_called(server)
    text = result.document.text() if result.document is not None else ""
    assert "SECRET-42" not in text and "哈哈" not in text
    assert cell_values(result.report) == cell_values(report_2021())


# -- PDF --------------------------------------------------------------------------------------


def test_encrypted_pdf(tmp_path: Path) -> None:
    pytest.importorskip("pdfplumber")
    from .fixtures_office.pdf_build import Page, make_pdf

    data = make_pdf([Page().text(72, 100, "政府信息公开工作年度报告")], encrypted=True)
    refused(
        write(tmp_path, "locked.pdf", data),
        UnreadableDocumentError,
        "E103",
        marker="[R-PDF-ENCRYPTED]",
        words="加密",
    )


def test_image_only_pdf(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("pdfplumber")
    from .fixtures_office.pdf_build import Page, make_pdf

    # without the OCR engine (the extra zfxxgk[ocr]; tests/test_ocr.py reads scans with it)
    monkeypatch.setitem(sys.modules, "rapidocr_onnxruntime", None)
    data = make_pdf([Page().image(50, 50, 500, 700), Page().image(50, 50, 500, 700)])
    refused(
        write(tmp_path, "scan.pdf", data),
        UnreadableDocumentError,
        "E103",
        marker="[R-PDF-NOTEXT]",
        words="zfxxgk[ocr]",
    )


@pytest.mark.parametrize("data", [b"%PDF-1.7\n" + bytes(range(256)) * 8, b"%PDF-"])
def test_damaged_pdf(tmp_path: Path, data: bytes) -> None:
    pytest.importorskip("pdfplumber")
    refused(
        write(tmp_path, "damaged.pdf", data),
        UnreadableDocumentError,
        "E103",
        marker="[R-PDF-DAMAGED]",
    )


# -- legacy .doc / .wps ---------------------------------------------------------------------


@pytest.mark.parametrize("size", [8, 511, 1000])
def test_damaged_doc_never_starts_the_converter(
    tmp_path: Path, size: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(legacy_reader, "_run", _never)
    refused(
        write(tmp_path, "旧报告.doc", make_ole2("WordDocument")[:size]),
        UnreadableDocumentError,
        "E103",
        marker="[R-LEGACY-DAMAGED]",
    )


def _never(*args: object, **kwargs: object) -> int:
    raise AssertionError("the converter must not run")


def test_doc_without_a_converter(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(legacy_reader, "find_converter", lambda: None)
    refused(
        write(tmp_path, "旧报告.wps", make_ole2("WordDocument")),
        UnsupportedFormatError,
        "E102",
        marker="[R-LEGACY-CONVERT]",
        words="另存为",
    )


def test_encrypted_office_file(tmp_path: Path) -> None:
    data = make_ole2("EncryptedPackage", "EncryptionInfo")
    refused(
        write(tmp_path, "locked.doc", data),
        UnreadableDocumentError,
        "E103",
        marker="[R-LEGACY-ENCRYPTED]",
    )


@pytest.mark.skipif(sys.platform == "win32", reason="the stand-in converter is a POSIX script")
@pytest.mark.parametrize(
    "name",
    ["; rm -rf ~ #.doc", "$(touch pwned).doc", "-rf --outdir ..doc", "a\nb`id`.wps", "'\".doc"],
)
def test_conversion_never_sees_the_file_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    """No shell, a fixed input name in a private temporary directory, a time limit."""
    import json

    from .test_legacy_reader import _stub

    log = _stub(tmp_path, monkeypatch)
    folder = tmp_path / "in"
    folder.mkdir()
    path = write(folder, name, make_ole2("WordDocument", "1Table"))
    result = read(path)
    argv = json.loads(log.read_text())
    assert Path(argv[-1]).name == "input.doc"
    assert all(name not in arg and "pwned" not in arg for arg in argv)
    assert not Path(argv[-1]).parent.exists(), "its temporary directory is gone"
    assert not (tmp_path / "pwned").exists() and not Path("pwned").exists()
    assert result.document is not None and result.document.metadata["converted_by"]
    assert legacy_reader.TIMEOUT > 0


# -- not the 2019/2021 template ---------------------------------------------------------------

PRE_2019 = (
    "某县2017年政府信息公开工作年度报告\n"
    "一、概述\n2017年，我县认真贯彻《中华人民共和国政府信息公开条例》。\n"
    "二、主动公开政府信息情况\n全年主动公开政府信息1234条。\n"
    "三、依申请公开政府信息情况\n全年受理申请12件。\n"
    "四、政府信息公开的收费及减免情况\n未收取任何费用。\n"
    "六、政府信息公开情况统计表\n"
    "| 指标名称 | 计量单位 | 2017年度 |\n|---|---|---|\n"
    "| 一、主动公开情况 | — | — |\n| （一）主动公开政府信息数 | 条 | 1234 |\n"
    "| 二、依申请公开情况 | — | — |\n| （一）收到申请数 | 件 | 12 |\n"
)


def test_pre_2019_report(tmp_path: Path) -> None:
    exc = refused(
        write(tmp_path, "2017.md", PRE_2019.encode()),
        Pre2019ReportError,
        "E105",
        words="2019 年以前",
    )
    assert isinstance(exc, NoStandardTablesError)  # the more general error catches it too
    assert exc.narrative is not None and "全年受理申请12件" in exc.narrative


# -- split and partly missing tables: read as printed, the gaps reported --------------------


def _tables() -> list[int]:
    starts, at = [], FRAGMENT.find("<table")
    while at >= 0:
        starts.append(at)
        at = FRAGMENT.find("<table", at + 1)
    return starts


def test_a_table_split_in_two_reads_whole(tmp_path: Path) -> None:
    start = _tables()[-2]  # section 三
    rows = [
        k for k in range(start, FRAGMENT.index("</table>", start)) if FRAGMENT.startswith("<tr", k)
    ]
    page = FRAGMENT[: rows[12]] + "</table><p>（续表）</p><table>" + FRAGMENT[rows[12] :]
    result = read(write(tmp_path, "split.html", page.encode()))
    assert cell_values(result.report) == cell_values(report_2021())


def test_a_missing_table_leaves_its_cells_missing(tmp_path: Path) -> None:
    start = _tables()[-1]  # section 四
    end = FRAGMENT.index("</table>", start) + len("</table>")
    result = read(write(tmp_path, "no-appeals.html", (FRAGMENT[:start] + FRAGMENT[end:]).encode()))
    report = result.report
    assert report.appeals.review.total == Cell.missing()
    assert report.appeals.lawsuit_direct.total == Cell.missing()
    assert report.requests.new.total == report_2021().requests.new.total
    missing = {d.path for d in result.diagnostics if d.code == "R112"}
    assert {"appeals.review", "appeals.lawsuit_direct", "appeals.lawsuit_after_review"} <= missing


def test_rows_cut_out_of_a_table_are_missing_not_shifted(tmp_path: Path) -> None:
    start = _tables()[-2]
    rows = [
        k for k in range(start, FRAGMENT.index("</table>", start)) if FRAGMENT.startswith("<tr", k)
    ]
    page = FRAGMENT[: rows[6]] + FRAGMENT[rows[9] :]  # three rows of section 三 gone
    result = read(write(tmp_path, "cut-rows.html", page.encode()))
    expected, got = cell_values(report_2021()), cell_values(result.report)
    gone = [path for path in expected if got[path] != expected[path]]
    assert gone, "some rows are gone"
    assert all(got[path][0] is CellKind.MISSING for path in gone), "missing, never shifted"
    assert any(d.code == "R112" for d in result.diagnostics)


# -- a batch over a folder with bad files in it ----------------------------------------------


@pytest.fixture
def mixed_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    good = {
        "a.html": PAGE.encode(),
        "b.md": render.to_markdown(report_2021()).encode(),
        "c.txt": render.to_text(report_2021(), style="tabs").encode(),
        "d.docx": _DOCX,
    }
    bad = {
        "empty.txt": (b"", "E101"),
        "junk.html": (random.Random(2000).randbytes(2000).replace(b"<", b"") + b"\x00", "E102"),
        "image.html": (_png(), "E103"),
        "cut.docx": (_DOCX[: len(_DOCX) // 2], "E103"),
        "deep.html": (("<div>" * 400 + FRAGMENT).encode(), "E103"),
        "old.doc": (make_ole2("WordDocument")[:100], "E103"),
        "2017.md": (PRE_2019.encode(), "E105"),
        "no-table.html": ("<p>政府信息公开工作年度报告</p>".encode(), "E104"),
    }
    for name, data in good.items():
        (folder / name).write_bytes(data)
    for name, (data, _) in bad.items():
        (folder / name).write_bytes(data)
    (folder / "codes.txt").write_text("", "utf-8")  # an empty report file among them
    return folder


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_batch_reads_every_good_file_and_reports_every_bad_one(
    mixed_folder: Path, jobs: int
) -> None:
    items = {Path(i.path).name: i for i in read_many([mixed_folder], jobs=jobs)}
    assert len(items) == 13
    for name in ("a.html", "b.md", "c.txt", "d.docx"):
        item = items[name]
        assert item.ok and item.result is not None, name
        assert item.result.report.requests.new.total.value is not None
    expected = {
        "empty.txt": "E101",
        "codes.txt": "E101",
        "junk.html": "E102",
        "image.html": "E103",
        "cut.docx": "E103",
        "deep.html": "E103",
        "old.doc": "E103",
        "2017.md": "E105",
        "no-table.html": "E104",
    }
    for name, code in expected.items():
        error = items[name].error
        assert error is not None, name
        assert error.code == code, (name, error)
        assert name in error.message


def test_the_command_line_reports_every_bad_file(
    mixed_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from zfxxgk.cli import main

    status = main(["check", "--jobs", "2", str(mixed_folder)])
    out = capsys.readouterr()
    assert status == 2  # some files could not be read
    shown = out.out + out.err
    for name in ("empty.txt", "junk.html", "image.html", "cut.docx", "deep.html", "old.doc"):
        assert name in shown
    # the pre-2019 report is read, and noted as not checkable (a warning), not as unreadable
    assert "2017.md  未检查：2019 年以前格式" in out.out
    assert "2019 年以前格式 1 份（无标准表格，未检查）" in out.out


def test_a_folder_read_as_one_report_says_where_to_go_instead(tmp_path: Path) -> None:
    """``zfxxgk.read(folder)`` is a DocumentError naming the folder and pointing at
    ``read_many`` and the command line, which both take folders."""
    (tmp_path / "r.html").write_bytes(render.to_html(report_2021()).encode("utf-8"))
    with pytest.raises(DocumentError) as info:
        read(tmp_path)
    message = str(info.value)
    assert str(tmp_path) in message and "文件夹" in message and "read_many" in message
    assert [item.ok for item in read_many([tmp_path], check=False)] == [True]
