"""A web server the tests start on 127.0.0.1 (``http.server`` in a thread), serving what a test
puts in its routes: bodies with headers, redirects, a body larger than it says, a server that
answers late or sends its body a byte at a time."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest


@dataclass
class Route:
    """What one path answers."""

    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    location: str | None = None
    """A redirect (status 302) to this path or address."""
    wait: bool = False
    """Answer only when the test ends (a server that never answers in time)."""
    trickle: bool = False
    """Send the body a byte every 0.1 s (each read is quick, the whole is slow)."""


class Server:
    """The running server: ``url(path)``, and ``routes`` to fill."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.released = threading.Event()
        self.requests: list[str] = []
        routes, released, requests = self.routes, self.released, self.requests

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                with contextlib.suppress(ConnectionError):  # the client gave up: fine
                    self._answer()

            def _answer(self) -> None:
                requests.append(self.path)
                route = routes.get(self.path)
                if route is None:
                    self.send_error(404, "Not Found")
                    return
                if route.wait:
                    released.wait(30)
                if route.location is not None:
                    self.send_response(302)
                    self.send_header("Location", route.location)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                self.send_response(route.status)
                headers = {"Content-Length": str(len(route.body)), **route.headers}
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                if route.trickle:
                    for byte in route.body:
                        if released.is_set():
                            return
                        self.wfile.write(bytes([byte]))
                        self.wfile.flush()
                        time.sleep(0.1)
                    return
                self.wfile.write(route.body)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host!s}:{port}{path}"


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[Server]:
    """A server on 127.0.0.1 for one test, proxies bypassed."""
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    running = Server()
    running.thread.start()
    try:
        yield running
    finally:
        running.released.set()
        running.httpd.shutdown()
        running.httpd.server_close()
