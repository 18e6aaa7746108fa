"""Where reports come from (issue 18, "one way in"): zips of reports read in memory, and web
addresses fetched from a server the tests start on 127.0.0.1 — within the limits of
:mod:`zfxxgk.limits`, every failure a :class:`~zfxxgk.errors.DocumentError` with a code."""

from __future__ import annotations

import gzip
import io
import zipfile
from pathlib import Path

import pytest

from zfxxgk import limits, render
from zfxxgk.batch import find_sources, read_many
from zfxxgk.errors import (
    DocumentError,
    DownloadError,
    UnreadableDocumentError,
    UnsupportedFormatError,
)
from zfxxgk.readers import read
from zfxxgk.readers._fetch import fetch
from zfxxgk.readers.sources import is_report_zip, split_member, zip_members

from . import local_server
from .fixtures.reports import report_2019, report_2021
from .fixtures_office.report_tables import report_docx
from .local_server import Route, Server

server = local_server.server  # the fixture

HTML = render.to_html(report_2021(), page=True).encode("utf-8")
TEXT = render.to_text(report_2019()).encode("utf-8")


def _zip(members: dict[str, bytes], *, gbk: bool = False) -> bytes:
    buffer = io.BytesIO()
    stand_ins: dict[bytes, bytes] = {}
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for k, (name, data) in enumerate(members.items()):
            if gbk:  # what Windows' own zip writes: GBK bytes, no UTF-8 flag
                raw = name.encode("gbk")
                stand_in = f"{k:02d}".encode().ljust(len(raw), b"_")
                stand_ins[stand_in] = raw
                name = stand_in.decode()
            zf.writestr(name, data)
    data = buffer.getvalue()
    for stand_in, raw in stand_ins.items():
        data = data.replace(stand_in, raw)  # in the local header and the central directory
    return data


# --------------------------------------------------------------------------------------
# zips of reports
# --------------------------------------------------------------------------------------


def test_a_zip_of_one_report_reads_as_that_report(tmp_path: Path) -> None:
    path = tmp_path / "one.zip"
    path.write_bytes(_zip({"2024/报告.html": HTML}))
    result = read(path)
    assert result.report == read(HTML).report
    assert result.source == f"{path}!2024/报告.html"


def test_a_zip_of_many_reports_is_many_items_named_by_member(tmp_path: Path) -> None:
    path = tmp_path / "many.zip"
    members = {"a/x.html": HTML, "b/y.txt": TEXT, "README.md": b"# notes", "__MACOSX/._x": b"x"}
    path.write_bytes(_zip(members))
    names = list(find_sources([path]))
    assert names == [f"{path}!a/x.html", f"{path}!b/y.txt"]
    items = list(read_many([path], check=False))
    assert [i.path for i in items] == names and all(i.ok for i in items)
    assert items[1].result is not None and items[1].result.report == read(TEXT).report
    with pytest.raises(DocumentError, match=r"2 份报告.*R-ZIP-MANY"):
        read(path)  # read() gives one report: it says how to read them all
    assert read(names[1]).report == items[1].result.report  # a member's name reads it again


def test_a_docx_inside_a_zip_is_not_taken_for_the_zip(tmp_path: Path) -> None:
    docx = report_docx({"requests.new.natural": "5"})
    data = _zip({"报告.docx": docx})
    assert is_report_zip(data) and not is_report_zip(docx)
    path = tmp_path / "docx.zip"
    path.write_bytes(data)
    assert read(path).report == read(docx, name="报告.docx").report


def test_gbk_member_names_are_decoded(tmp_path: Path) -> None:
    path = tmp_path / "gbk.zip"
    path.write_bytes(_zip({"年度报告/民政局.html": HTML}, gbk=True))
    assert zip_members(path.read_bytes(), str(path)) == ["年度报告/民政局.html"]
    assert read(path).source == f"{path}!年度报告/民政局.html"


@pytest.mark.parametrize(
    "name", ["../evil.html", "/etc/evil.html", "a/../../evil.html", "C:/x.html"]
)
def test_a_member_leaving_the_archive_refuses_the_zip(tmp_path: Path, name: str) -> None:
    path = tmp_path / "escape.zip"
    path.write_bytes(_zip({"ok.html": HTML, name: HTML}))
    with pytest.raises(UnreadableDocumentError, match="R-ZIP-PATH"):
        read(path)
    [item] = read_many([path], check=False)  # the command line: the zip is one unreadable item
    assert item.error is not None and "R-ZIP-PATH" in item.error.message


def test_zip_limits_are_the_docx_limits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from zfxxgk.readers import _safe_zip

    monkeypatch.setattr(_safe_zip, "MAX_MEMBERS", 3)
    path = tmp_path / "count.zip"
    path.write_bytes(_zip({f"{k}.html": HTML for k in range(4)}))
    with pytest.raises(UnreadableDocumentError, match="R-ZIP-BOMB"):
        read(path)
    bomb = tmp_path / "bomb.zip"
    bomb.write_bytes(_zip({"r.html": HTML + b" " * (4 * 1024 * 1024)}))  # 4 MiB of spaces: > 200:1
    with pytest.raises(UnreadableDocumentError, match="R-ZIP-BOMB"):
        read(bomb)


def test_empty_nested_and_damaged_zips(tmp_path: Path) -> None:
    empty = tmp_path / "empty.zip"
    empty.write_bytes(_zip({"data.csv": b"a,b\n"}))
    with pytest.raises(UnsupportedFormatError, match="R-ZIP-EMPTY"):
        read(empty)
    nested = tmp_path / "nested.zip"
    nested.write_bytes(_zip({"inner.html": _zip({"r.html": HTML})}))
    with pytest.raises(UnsupportedFormatError, match="R-ZIP-NESTED"):
        read(nested)
    member = tmp_path / "m.zip"
    member.write_bytes(_zip({"r.html": HTML}))
    with pytest.raises(DocumentError, match="压缩包中没有这个文件"):
        read(f"{member}!other.html")
    assert split_member(f"{member}!r.html") == (str(member), "r.html")
    assert split_member(str(member)) is None


def _unnamed_member(data: bytes) -> bytes:
    """*data*, a zip of one member, with the member's name taken out of the central
    directory (its length set to 0 and the end record's directory size shortened)."""
    out = bytearray(data)
    entry = out.find(b"PK\x01\x02")
    length = int.from_bytes(out[entry + 28 : entry + 30], "little")
    del out[entry + 46 : entry + 46 + length]
    out[entry + 28 : entry + 30] = (0).to_bytes(2, "little")
    end = out.find(b"PK\x05\x06")
    size = int.from_bytes(out[end + 12 : end + 16], "little")
    out[end + 12 : end + 16] = (size - length).to_bytes(4, "little")
    return bytes(out)


def test_a_member_without_a_name_is_not_a_report() -> None:
    """Found by atheris: a member whose name is empty made zipfile's own ``is_dir()`` raise
    IndexError out of ``zfxxgk.read``; it is no report, and the zip holds none."""
    data = _unnamed_member(_zip({"r.html": HTML}))
    assert [i.filename for i in zipfile.ZipFile(io.BytesIO(data)).infolist()] == [""]
    with pytest.raises(UnsupportedFormatError, match="R-ZIP-EMPTY") as info:
        read(data, name="unnamed.zip")
    assert "unnamed.zip" in str(info.value)


# --------------------------------------------------------------------------------------
# web addresses
# --------------------------------------------------------------------------------------


def test_an_address_reads_like_the_file(server: Server) -> None:
    server.routes["/r.html"] = Route(HTML, headers={"Content-Type": "text/html; charset=utf-8"})
    result = read(server.url("/r.html"))
    assert result.report == read(HTML).report
    assert result.source == server.url("/r.html")


def test_the_charset_comes_from_the_response(server: Server) -> None:
    # GBK bytes with no <meta charset>: only the server says what they are
    page = render.to_html(report_2021(), page=True).replace('<meta charset="utf-8">', "")
    body = page.encode("gbk")
    server.routes["/gbk.html"] = Route(body, headers={"Content-Type": "text/html; charset=GBK"})
    server.routes["/latin.html"] = Route(
        body, headers={"Content-Type": "text/html; charset=latin-1"}
    )
    assert read(server.url("/gbk.html")).report.info.agency == report_2021().info.agency
    # a charset the body does not decode in is not believed: the readers judge the bytes
    server.routes["/wrong.html"] = Route(body, headers={"Content-Type": "text/html; charset=ascii"})
    assert read(server.url("/wrong.html")).report.info.agency == report_2021().info.agency


def test_redirects_are_followed_a_bounded_number_of_times(server: Server) -> None:
    server.routes["/r.html"] = Route(HTML)
    server.routes["/a"] = Route(location="/b")
    server.routes["/b"] = Route(location="/r.html")
    assert read(server.url("/a")).report == read(HTML).report
    server.routes["/loop1"] = Route(location="/loop2")
    server.routes["/loop2"] = Route(location="/loop1")
    with pytest.raises(DownloadError, match="R-HTTP-REDIRECTS") as caught:
        read(server.url("/loop1"))
    assert caught.value.code == "E106" and server.url("/loop1") in caught.value.message
    assert len(server.requests) < 10
    for k in range(limits.MAX_REDIRECTS + 2):
        server.routes[f"/chain{k}"] = Route(location=f"/chain{k + 1}")
    with pytest.raises(DownloadError, match="R-HTTP-REDIRECTS"):
        read(server.url("/chain0"))
    server.routes["/file"] = Route(location="file:///etc/passwd")
    with pytest.raises(DownloadError, match="R-HTTP-REDIRECTS"):
        read(server.url("/file"))


def test_an_oversized_body_is_refused(server: Server) -> None:
    server.routes["/said"] = Route(b"x" * 10, headers={"Content-Length": str(limits.MAX_BYTES + 1)})
    with pytest.raises(DownloadError, match="R-TOO-LARGE"):
        read(server.url("/said"))  # refused on the header, before the body
    server.routes["/unsaid"] = Route(HTML, headers={"Content-Length": ""})
    with pytest.raises(DownloadError, match="R-TOO-LARGE"):
        fetch(server.url("/unsaid"), limit=1000)  # counted on the bytes read
    packed = gzip.compress(b" " * 100_000)
    server.routes["/gz"] = Route(packed, headers={"Content-Encoding": "gzip"})
    with pytest.raises(DownloadError, match="R-TOO-LARGE"):
        fetch(server.url("/gz"), limit=50_000)  # inflated within the same limit
    server.routes["/page.gz"] = Route(gzip.compress(HTML), headers={"Content-Encoding": "gzip"})
    assert read(server.url("/page.gz")).report == read(HTML).report


def test_a_slow_server_times_out(
    server: Server, monkeypatch: pytest.MonkeyPatch, hang_guard: None
) -> None:
    monkeypatch.setattr(limits, "FETCH_TIMEOUT", 0.5)
    server.routes["/late"] = Route(HTML, wait=True)
    with pytest.raises(DownloadError, match="R-HTTP-TIMEOUT"):
        read(server.url("/late"))
    server.routes["/drip"] = Route(HTML, trickle=True)  # every read is quick, the whole is not
    with pytest.raises(DownloadError, match="R-HTTP-TIMEOUT"):
        read(server.url("/drip"))


def test_http_errors_and_no_server(server: Server) -> None:
    with pytest.raises(DownloadError, match=r"HTTP 404.*R-HTTP-STATUS"):
        read(server.url("/missing.html"))
    server.routes["/boom"] = Route(b"oops", status=500)
    with pytest.raises(DownloadError, match=r"HTTP 500"):
        read(server.url("/boom"))
    closed = server.url("/x").replace(str(server.httpd.server_address[1]), "1")
    with pytest.raises(DownloadError, match="R-HTTP-CONNECT"):
        read(closed)


def test_addresses_in_a_batch_keep_their_names(server: Server) -> None:
    server.routes["/a.html"] = Route(HTML)
    names = [server.url("/a.html"), server.url("/gone.html")]
    assert list(find_sources(names)) == names  # never taken for paths ("http:/…")
    ok, gone = read_many(names, check=False)
    assert ok.ok and ok.path == names[0]
    assert gone.error is not None and gone.error.code == "E106"
