"""Headless Chromium, driven over the Chrome DevTools protocol, with the network cut off.

The protocol runs over a pipe (``--remote-debugging-pipe``: JSON messages ending in a NUL byte,
commands on the browser's fd 3, replies and events on its fd 4), so the test needs no
WebSocket client, no debugging port and no browser download: Debian's ``chromium`` package is
enough. The page is loaded with the network emulated offline on top of flags that stop
Chromium's own background traffic, so anything the report would fetch fails and is recorded.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--remote-debugging-pipe",
)


def chromium_or_skip() -> Path:
    """Debian's Chromium, installed with apt-get when missing; a skip saying why where it
    cannot be installed (not root, no apt-get, no package)."""
    if CHROMIUM.exists():
        return CHROMIUM
    if not shutil.which("apt-get") or os.geteuid() != 0:
        pytest.skip(f"no {CHROMIUM}, and `apt-get install -y chromium` needs root and apt-get")
    environment = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = ["apt-get", "install", "-y", "chromium"]
    for commands in ([install], [["apt-get", "update"], install]):  # stale lists: update, retry
        for command in commands:
            finished = subprocess.run(
                command, capture_output=True, text=True, env=environment, timeout=1800
            )
        if CHROMIUM.exists():
            return CHROMIUM
    reason = (finished.stderr.strip().splitlines() or ["no output"])[-1]
    pytest.skip(f"Chromium could not be installed with `apt-get install -y chromium`: {reason}")


class DevTools:
    """One Chromium process and its protocol pipe: commands in order, events kept."""

    def __init__(self, executable: Path, profile: Path) -> None:
        to_browser, self._commands = os.pipe()
        self._replies, from_browser = os.pipe()

        def on_fds_3_and_4() -> None:  # where Chromium looks for the pipe
            os.dup2(to_browser, 3)
            os.dup2(from_browser, 4)

        self.process = subprocess.Popen(
            [executable, *FLAGS, f"--user-data-dir={profile}", "about:blank"],
            pass_fds=(3, 4),
            preexec_fn=on_fds_3_and_4,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(to_browser)
        os.close(from_browser)
        self.events: list[dict[str, Any]] = []
        self._answers: dict[int, dict[str, Any]] = {}
        self._last_id = 0
        self._changed = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        pending = b""
        with os.fdopen(self._replies, "rb", buffering=0) as stream:
            while chunk := stream.read(1 << 16):
                *messages, pending = (pending + chunk).split(b"\0")
                with self._changed:
                    for text in messages:
                        message = json.loads(text)
                        if "id" in message:
                            self._answers[message["id"]] = message
                        else:
                            self.events.append(message)
                    self._changed.notify_all()

    def call(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        """Send one command (to the page of ``session``) and wait for its result."""
        self._last_id += 1
        number = self._last_id
        message: dict[str, Any] = {"id": number, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self._commands, json.dumps(message).encode() + b"\0")
        with self._changed:
            if not self._changed.wait_for(lambda: number in self._answers, timeout=120):
                raise TimeoutError(f"Chromium did not answer {method}")
            answer = self._answers.pop(number)
        if "error" in answer:
            raise RuntimeError(f"{method}: {answer['error']}")
        return dict(answer.get("result", {}))

    def wait_for_event(self, method: str) -> dict[str, Any]:
        with self._changed:
            if not self._changed.wait_for(
                lambda: any(e["method"] == method for e in self.events), timeout=120
            ):
                raise TimeoutError(f"no {method} from Chromium")
            return next(e for e in self.events if e["method"] == method)

    def close(self) -> None:
        try:
            self.call("Browser.close")
            self.process.wait(timeout=30)
        except (OSError, RuntimeError, TimeoutError, subprocess.TimeoutExpired):
            self.process.terminate()
            self.process.wait(timeout=30)
        finally:
            os.close(self._commands)


class Page:
    """A page opened offline: evaluate scripts in it, take screenshots, read what it logged."""

    def __init__(self, devtools: DevTools, session: str) -> None:
        self.devtools, self.session = devtools, session

    def evaluate(self, expression: str) -> Any:
        result = self.devtools.call(
            "Runtime.evaluate", self.session, expression=expression, returnByValue=True
        )
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def screenshot(self, path: Path, selector: str | None = None) -> Path:
        """A PNG of the whole page, or of the element ``selector``."""
        target = "document.documentElement"
        if selector is not None:
            target = f"document.querySelector({json.dumps(selector)})"
        clip = self.evaluate(
            f"(() => {{ const e = {target}, r = e.getBoundingClientRect();"
            " return {x: r.left + scrollX, y: r.top + scrollY,"
            " width: e.scrollWidth, height: e.scrollHeight}; })()"
        )
        shot = self.devtools.call(
            "Page.captureScreenshot",
            self.session,
            format="png",
            captureBeyondViewport=True,
            clip={**clip, "scale": 1},
        )
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(shot["data"]))
        return path

    def events(self, method: str) -> list[dict[str, Any]]:
        return [e["params"] for e in self.devtools.events if e["method"] == method]


@contextmanager
def offline_page(url: str, profile: Path, width: int = 1280) -> Iterator[Page]:
    """The page at ``url`` loaded in a fresh headless Chromium with the network offline."""
    devtools = DevTools(chromium_or_skip(), profile)
    try:
        target = devtools.call("Target.createTarget", url="about:blank")["targetId"]
        session = devtools.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            devtools.call(f"{domain}.enable", session)
        devtools.call(
            "Network.emulateNetworkConditions",
            session,
            offline=True,
            latency=0,
            downloadThroughput=-1,
            uploadThroughput=-1,
        )
        devtools.call(
            "Emulation.setDeviceMetricsOverride",
            session,
            width=width,
            height=900,
            deviceScaleFactor=1,
            mobile=False,
        )
        devtools.call("Page.navigate", session, url=url)
        devtools.wait_for_event("Page.loadEventFired")
        yield Page(devtools, session)
    finally:
        devtools.close()
