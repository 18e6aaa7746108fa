"""Fetching a report from an ``http://`` or ``https://`` address (the standard library's
:mod:`urllib`, no dependency; imported only when an address is read).

Bounded like a file: at most :data:`~zfxxgk.limits.MAX_BYTES` bytes are read (a larger
``Content-Length`` is refused before the body is read); every read of the connection waits at
most :data:`~zfxxgk.limits.FETCH_TIMEOUT` seconds, and so does the download as a whole;
:data:`~zfxxgk.limits.MAX_REDIRECTS` redirects are followed, to ``http``/``https`` only, and a
redirect back to an address already visited is a loop.  A body sent ``gzip``- or
``deflate``-encoded is inflated within the same byte limit.

The readers judge a file's encoding from its bytes (a byte-order mark, a ``<meta charset>``,
else UTF-8 or GB18030).  A web server says it in ``Content-Type``; a text body with a
declared charset that decodes is handed on as UTF-8 with a byte-order mark, which every
reader takes before anything the page says of itself (as browsers do).

Every failure is a :class:`~zfxxgk.errors.DownloadError` (``E106``) naming the address, with
a marker: ``[R-HTTP-STATUS]``, ``[R-HTTP-CONNECT]``, ``[R-HTTP-TIMEOUT]``,
``[R-HTTP-REDIRECTS]``, ``[R-TOO-LARGE]``.
"""

from __future__ import annotations

import codecs
import http.client
import time
import urllib.error
import urllib.request
import zlib
from email.message import Message
from http.client import HTTPMessage
from typing import IO, Any, Final

from .. import limits
from .._version import __version__
from ..errors import DownloadError, UnreadableDocumentError

__all__ = ["fetch"]

_SCHEMES: Final = ("http://", "https://")
_CHUNK: Final = 256 * 1024


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Redirects bounded (:data:`~zfxxgk.limits.MAX_REDIRECTS`), a repeat is a loop, only to
    ``http``/``https``, and a redirect's own body never read."""

    max_repeats = 1

    def http_error_302(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: HTTPMessage,
    ) -> Any:
        type(self).max_redirections = limits.MAX_REDIRECTS  # read now: a test may lower it
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: HTTPMessage,
        newurl: str,
    ) -> urllib.request.Request | None:
        if not newurl[:8].lower().startswith(_SCHEMES):
            raise DownloadError(
                f"网址重定向到不支持的地址 {newurl}（只跟随 http 和 https）[R-HTTP-REDIRECTS]",
                path=req.full_url,
            )
        fp.close()  # urllib reads a redirect's body to its end: not this one
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _error(url: str, text: str) -> DownloadError:
    return DownloadError(text, path=url)


def _open(url: str, timeout: float) -> Any:
    request = urllib.request.Request(
        url,
        headers={"User-Agent": f"zfxxgk/{__version__}", "Accept-Encoding": "gzip, deflate"},
    )
    opener = urllib.request.build_opener(_Redirects())
    try:
        return opener.open(request, timeout=timeout)
    except urllib.error.HTTPError as exc:
        exc.close()
        if 300 <= exc.code < 400:
            raise _error(
                url,
                f"网址重定向超过 {limits.MAX_REDIRECTS} 次或形成循环 [R-HTTP-REDIRECTS]",
            ) from None
        raise _error(url, f"网址返回 HTTP {exc.code}（{exc.reason}）[R-HTTP-STATUS]") from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            raise _timeout(url, timeout) from None
        raise _error(url, f"无法连接该网址（{exc.reason}）[R-HTTP-CONNECT]") from None
    except TimeoutError:
        raise _timeout(url, timeout) from None
    except (http.client.HTTPException, OSError, ValueError) as exc:
        raise _error(url, f"无法下载该网址（{exc}）[R-HTTP-CONNECT]") from None


def _timeout(url: str, timeout: float) -> DownloadError:
    return _error(url, f"网址在 {timeout:g} 秒内没有传完，放弃下载 [R-HTTP-TIMEOUT]")


def _too_large(url: str, limit: int) -> DownloadError:
    return _error(
        url, f"网址的内容过大（超过 {limit // limits.MB} MB 的上限），拒绝下载 [R-TOO-LARGE]"
    )


class _Inflated:
    """``read(n)`` of a ``gzip``/``deflate`` body, inflated: no more than *n* bytes come out
    of each call, whatever the compression ratio."""

    def __init__(self, raw: Any) -> None:
        self.raw = raw
        self.inflater = zlib.decompressobj(47)  # gzip or zlib header, told apart
        self.pending = b""
        self.ended = False

    def read(self, size: int) -> bytes:
        while not self.ended:
            if self.pending:
                out = self.inflater.decompress(self.pending, size)
                self.pending = self.inflater.unconsumed_tail
            else:
                chunk = self.raw.read(_CHUNK)
                if not chunk:
                    self.ended = True
                    return self.inflater.flush()[:size]
                out = self.inflater.decompress(chunk, size)
                self.pending = self.inflater.unconsumed_tail
            if out:
                return out
        return b""


class _Deadline:
    """``read(n)`` of the body that gives up when the whole download takes too long."""

    def __init__(self, stream: Any, url: str, timeout: float) -> None:
        self.stream, self.url, self.timeout = stream, url, timeout
        self.deadline = time.monotonic() + timeout

    def read(self, size: int) -> bytes:
        if time.monotonic() > self.deadline:
            raise _timeout(self.url, self.timeout)
        try:
            # read1: what one read of the connection brings (read() waits for all of *size*)
            data: bytes = self.stream.read1(min(size, _CHUNK))
        except TimeoutError:
            raise _timeout(self.url, self.timeout) from None
        except zlib.error:
            raise _error(self.url, "网址的压缩内容已损坏 [R-HTTP-CONNECT]") from None
        except (http.client.HTTPException, OSError) as exc:
            raise _error(self.url, f"下载中断（{exc}）[R-HTTP-CONNECT]") from None
        return data


_TEXT_TYPES: Final = ("application/json", "application/xhtml+xml", "application/xml")


def _as_declared(data: bytes, headers: Message) -> bytes:
    """*data* as UTF-8 with a byte-order mark when the response declares the charset of a
    text body and the body decodes in it; else *data* as it is."""
    charset = headers.get_content_charset()
    kind = headers.get_content_type()
    if not charset or not (kind.startswith("text/") or kind in _TEXT_TYPES):
        return data
    try:
        codec = codecs.lookup(charset).name
        text = data.decode("utf-8-sig" if codec == "utf-8" else codec)
    except (LookupError, UnicodeDecodeError):
        return data  # a wrong or unknown declaration: the readers judge the bytes
    return codecs.BOM_UTF8 + text.removeprefix("\ufeff").encode("utf-8")


def fetch(url: str, *, limit: int = limits.MAX_BYTES, timeout: float | None = None) -> bytes:
    """The body at *url*, within *limit* bytes and *timeout* seconds (default
    :data:`~zfxxgk.limits.FETCH_TIMEOUT`); see the module's docstring."""
    seconds = limits.FETCH_TIMEOUT if timeout is None else timeout
    response = _open(url, seconds)
    with response:
        length = response.headers.get("Content-Length", "")
        if length.strip().isdigit() and int(length) > limit:
            raise _too_large(url, limit)
        encoding = (response.headers.get("Content-Encoding") or "").strip().lower()
        body: Any = _Deadline(response, url, seconds)
        if encoding in ("gzip", "x-gzip", "deflate"):
            body = _Inflated(body)
        try:
            data = limits.read_limited(body, limit, source=url)
        except UnreadableDocumentError:  # more than *limit* bytes
            raise _too_large(url, limit) from None
        except zlib.error:
            raise _error(url, "网址的压缩内容已损坏 [R-HTTP-CONNECT]") from None
        return _as_declared(data, response.headers)
