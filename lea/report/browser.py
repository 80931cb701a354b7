"""Headless Chromium driven over the DevTools protocol on a pipe (``--remote-debugging-pipe``:
commands on fd 3, replies on fd 4, each a JSON message ended by NUL), so that one browser
opens every page: the report prints its PDFs with it, and the tests read each page's
console errors and take screenshots. Needs only Debian's ``chromium`` and the standard
library."""

from __future__ import annotations

import base64
import contextlib
import fcntl
import json
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any, Self

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--hide-scrollbars",
    "--mute-audio",
)


def find_chromium(explicit: str | None = None) -> str:
    for candidate in (explicit, os.environ.get("LEA_CHROMIUM"), "chromium", "chromium-browser", "google-chrome"):
        if candidate and (found := shutil.which(candidate)):
            return found
    raise FileNotFoundError("no Chromium found: install Debian's chromium (make browser) or set LEA_CHROMIUM")


class BrowserError(RuntimeError):
    pass


class Chromium:
    """``with Chromium() as browser: browser.open(url); browser.pdf(path)``."""

    def __init__(self, binary: str | None = None, timeout: float = 120.0) -> None:
        self.binary = find_chromium(binary)
        self.timeout = timeout
        self._next_id = 0
        self._buffer = b""
        self.events: list[dict[str, Any]] = []

    def __enter__(self) -> Self:
        self._profile = tempfile.TemporaryDirectory(prefix="lea-chromium-")
        to_browser_read, self._write_fd = os.pipe()
        self._read_fd, from_browser_write = os.pipe()
        # The child's ends above fd 4, so that moving them to 3 and 4 cannot overwrite each other.
        to_browser_read, from_browser_write = (self._above_four(to_browser_read), self._above_four(from_browser_write))
        # The browser reads fd 3 and writes fd 4: bash (dash takes no fd above 9) puts the pipe
        # ends there and execs it.
        read_end, write_end = to_browser_read, from_browser_write
        self._process = subprocess.Popen(
            [
                "/bin/bash",
                "-c",
                f'exec "$@" 3<&{read_end} 4>&{write_end} {read_end}<&- {write_end}>&-',
                "bash",
                self.binary,
                *CHROMIUM_FLAGS,
                f"--user-data-dir={self._profile.name}",
                "--remote-debugging-pipe",
                "about:blank",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            pass_fds=(to_browser_read, from_browser_write),
        )
        os.close(to_browser_read)
        os.close(from_browser_write)
        targets = self.call("Target.getTargets")["targetInfos"]
        page = next((t for t in targets if t["type"] == "page"), None)
        target_id = page["targetId"] if page else self.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target_id, flatten=True)["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            self.call(f"{domain}.enable", session=self.session)
        return self

    def __exit__(self, *exc: object) -> None:
        with contextlib.suppress(BrowserError, OSError):  # closing anyway
            self.call("Browser.close")
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        os.close(self._write_fd)
        os.close(self._read_fd)
        self._profile.cleanup()

    @staticmethod
    def _above_four(fd: int) -> int:
        moved = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10)
        os.close(fd)
        return moved

    # The protocol
    def _send(self, message: dict[str, Any]) -> None:
        os.write(self._write_fd, json.dumps(message).encode() + b"\0")

    def _receive(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            if time.monotonic() > deadline:
                raise BrowserError("Chromium did not answer in time")
            chunk = os.read(self._read_fd, 1 << 20)
            if not chunk:
                raise BrowserError("Chromium closed the DevTools pipe")
            self._buffer += chunk
        message, _, self._buffer = self._buffer.partition(b"\0")
        return json.loads(message)

    def call(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        self._send(message)
        deadline = time.monotonic() + self.timeout
        while True:
            reply = self._receive(deadline)
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise BrowserError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            if "method" in reply:
                self.events.append(reply)

    def wait_for(self, event: str, timeout: float | None = None) -> dict[str, Any]:
        for index, seen in enumerate(self.events):
            if seen["method"] == event:
                return self.events.pop(index)
        deadline = time.monotonic() + (timeout or self.timeout)
        while True:
            reply = self._receive(deadline)
            if reply.get("method") == event:
                return reply
            if "method" in reply:
                self.events.append(reply)

    # What the report and the tests need
    def open(self, url: str) -> list[str]:
        """Load ``url`` until its load event; the console errors, uncaught exceptions and
        failed loads (the browser's log entries of level error) seen while loading."""
        self.events.clear()
        self.call("Page.navigate", session=self.session, url=url)
        self.wait_for("Page.loadEventFired")
        self.call("Runtime.evaluate", session=self.session, expression="1", awaitPromise=True)  # drain
        errors = []
        for event in self.events:
            params = event.get("params", {})
            if event["method"] == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                errors.append(" ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", [])))
            elif event["method"] == "Runtime.exceptionThrown":
                errors.append(params.get("exceptionDetails", {}).get("text", "exception"))
            elif event["method"] == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
                entry = params["entry"]
                errors.append(f"{entry.get('source')}: {entry.get('text')} {entry.get('url', '')}".strip())
        return errors

    def evaluate(self, expression: str) -> Any:
        result = self.call("Runtime.evaluate", session=self.session, expression=expression, returnByValue=True)
        return result.get("result", {}).get("value")

    def pdf(self, path: Path, page_ranges: str = "") -> None:
        """Print the open page to ``path``; ``page_ranges`` ("1-2") prints only those pages."""
        options: dict[str, Any] = {"pageRanges": page_ranges} if page_ranges else {}
        result = self.call(
            "Page.printToPDF",
            session=self.session,
            printBackground=True,
            preferCSSPageSize=True,
            displayHeaderFooter=False,
            **options,
        )
        Path(path).write_bytes(base64.b64decode(result["data"]))

    def screenshot(self, path: Path, width: int, height: int) -> None:
        self.call(
            "Emulation.setDeviceMetricsOverride",
            session=self.session,
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=False,
        )
        result = self.call("Page.captureScreenshot", session=self.session, format="png")
        Path(path).write_bytes(base64.b64decode(result["data"]))
