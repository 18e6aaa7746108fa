"""Headless Chromium for the tests: find it, dump a page's DOM, or drive it.

:func:`dump_dom` is Chromium's ``--dump-dom``: the DOM after the page's scripts ran.
:class:`Browser` drives one Chromium over the DevTools protocol on a pipe
(``--remote-debugging-pipe``: the browser reads commands on its descriptor 3 and writes
answers and events on 4, each a JSON text ended by a NUL byte), with the standard library
only: it opens pages, evaluates JavaScript, clicks with real mouse events at an element's
place on the screen, types text as keyboard input, and records every request a page makes.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

__all__ = ["CHROMIUM", "NO_CHROMIUM", "Browser", "browser", "chromium_flags", "dump_dom"]

_BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def _chromium() -> str | None:
    for candidate in ("/usr/bin/chromium", *_BROWSERS):
        found = shutil.which(candidate)
        if found:
            return found
    return None


CHROMIUM = _chromium()
NO_CHROMIUM = "no Chromium on this machine (Debian: apt-get install chromium)"

_TIMEOUT = 120.0
"""Seconds a page may take to load, or the browser to answer (a busy machine)."""


def chromium_flags(profile: Path) -> list[str]:
    """Headless, no sandbox (containers), no GPU, nothing fetched in the background."""
    return [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={profile}",
    ]


def dump_dom(url: str, tmp_path: Path) -> str:
    """The DOM of *url* after its scripts ran, as HTML (``--dump-dom``)."""
    assert CHROMIUM is not None
    completed = subprocess.run(
        [CHROMIUM, *chromium_flags(tmp_path / "profile"), "--dump-dom", url],
        capture_output=True,
        text=True,
        timeout=_TIMEOUT,
        env={**os.environ, "HOME": str(tmp_path)},
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    return completed.stdout


class Browser:
    """One headless Chromium with one tab, driven over the DevTools protocol."""

    def __init__(self, profile: Path) -> None:
        assert CHROMIUM is not None
        to_browser, self._commands = os.pipe()
        self._answers, from_browser = os.pipe()
        # copies numbered 10 or more (not inherited): moving them to 3 and 4 in the child
        # cannot overwrite one another
        ends = [fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10) for fd in (to_browser, from_browser)]
        os.close(to_browser)
        os.close(from_browser)

        def descriptors() -> None:  # in the child, before Chromium starts: inherited copies
            os.dup2(ends[0], 3)
            os.dup2(ends[1], 4)

        self._process = subprocess.Popen(
            [CHROMIUM, *chromium_flags(profile), "--remote-debugging-pipe", "about:blank"],
            close_fds=False,  # Python's own descriptors are not inheritable (PEP 446)
            preexec_fn=descriptors,  # the tests start no threads: safe here
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env={**os.environ, "HOME": str(profile)},
        )
        for fd in ends:
            os.close(fd)
        self._buffer = b""
        self._next = 0
        self.events: list[dict[str, Any]] = []
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        attached = self.call("Target.attachToTarget", targetId=target, flatten=True)
        self._session: str | None = attached["sessionId"]
        self.call("Page.enable")
        self.call("Network.enable")

    def _receive(self) -> dict[str, Any]:
        deadline = time.monotonic() + _TIMEOUT
        while b"\0" not in self._buffer:
            assert time.monotonic() < deadline, "Chromium did not answer"
            chunk = os.read(self._answers, 1 << 16)
            assert chunk, "Chromium closed the pipe"
            self._buffer += chunk
        message, _, self._buffer = self._buffer.partition(b"\0")
        answer: dict[str, Any] = json.loads(message)
        return answer

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        """Send one command (to the tab, once attached) and return its result; the events
        that arrive meanwhile are kept in :attr:`events`."""
        self._next += 1
        message: dict[str, Any] = {"id": self._next, "method": method, "params": params}
        if getattr(self, "_session", None) is not None:
            message["sessionId"] = self._session
        os.write(self._commands, json.dumps(message).encode() + b"\0")
        while True:
            answer = self._receive()
            if answer.get("id") == self._next:
                assert "error" not in answer, answer["error"]
                result: dict[str, Any] = answer["result"]
                return result
            self.events.append(answer)

    def open(self, url: str) -> None:
        """Load *url* and wait for its ``load`` event."""
        self.events.clear()
        self.call("Page.navigate", url=url)
        while not any(e.get("method") == "Page.loadEventFired" for e in self.events):
            self.events.append(self._receive())

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript *expression* in the page (JSON-like values)."""
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        assert "exceptionDetails" not in result, result["exceptionDetails"]
        return result["result"].get("value")

    def click(self, selector: str) -> None:
        """Press and release the left mouse button over the middle of the first element
        that *selector* matches (scrolled into view first): a real click, as a user's."""
        box = self.evaluate(
            f"(function () {{ var e = document.querySelector({json.dumps(selector)});"
            " e.scrollIntoView({block: 'center'}); var r = e.getBoundingClientRect();"
            " return [r.left + r.width / 2, r.top + r.height / 2]; }())"
        )
        x, y = box
        for kind in ("mousePressed", "mouseReleased"):
            self.call("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left", clickCount=1)

    def type(self, selector: str, text: str) -> None:
        """Click into the element *selector* and type *text* as keyboard input."""
        self.click(selector)
        self.call("Input.insertText", text=text)

    @property
    def requests(self) -> list[str]:
        """The address of every request the pages opened since the last :meth:`open` made."""
        return [
            e["params"]["request"]["url"]
            for e in self.events
            if e.get("method") == "Network.requestWillBeSent"
        ]

    def close(self) -> None:
        self._session = None
        with contextlib.suppress(Exception):
            self.call("Browser.close")
        try:
            self._process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        os.close(self._commands)
        os.close(self._answers)


@contextlib.contextmanager
def browser(profile: Path) -> Iterator[Browser]:
    """A :class:`Browser` for a ``with`` block, closed at its end."""
    opened = Browser(profile)
    try:
        yield opened
    finally:
        opened.close()
