"""The temporary Prefect server of a command-line run, started as the run's first step.

Left to Prefect, a run with no ``PREFECT_API_URL`` starts its temporary server at its first
API call: the run first imports Prefect and the flows, then imports Prefect's whole server
(FastAPI, SQLAlchemy, every API route: 3-9 s) only to start it in another process, which
imports it all again before it answers. Started here, before the run imports anything of
Prefect, the server boots on the other core while the run imports, and the run itself never
imports the server. It is the server Prefect would start (``SubprocessASGIServer``: uvicorn
serving ``create_app``, ephemeral, without the UI), and it stops when the run's process ends,
after Prefect's own exit handlers have sent their last events (``khuyencong.orphans`` stops it
if the run is killed).
"""

from __future__ import annotations

import atexit
import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from importlib.util import find_spec
from pathlib import Path

ADDRESS_IN_USE = 3  # uvicorn's exit code when its port was taken meanwhile: try another
STARTUP_TIMEOUT = "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"


def _free_port() -> int:
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class ServerNotStarted(RuntimeError):
    """Prefect's temporary server exited, or did not answer in time: the run cannot start."""


class TemporaryServer:
    """Prefect's API server in a process of its own, on a free local port."""

    def __init__(self) -> None:
        self.port = _free_port()
        self.process = self._start()
        atexit.register(self.stop)  # registered before Prefect's handlers: it runs after them

    def _start(self) -> subprocess.Popen[bytes]:
        """The server, its output to ``temporary-server.log`` in Prefect's home: killed as a
        run ends mid-start-up, uvicorn prints a traceback that is no error of the run's, and a
        failing run says what it has to in one line (the log keeps the server's side)."""
        spec = find_spec("prefect")
        assert spec is not None and spec.origin is not None
        command = [sys.executable, "-m", "uvicorn", "--app-dir", str(Path(spec.origin).parents[1])]
        command += ["--factory", "prefect.server.api.server:create_app"]
        command += ["--host", "127.0.0.1", "--port", str(self.port)]
        command += ["--log-level", "error", "--lifespan", "on"]
        server_only = {"PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1"}
        home = Path(os.environ.get("PREFECT_HOME", Path.home() / ".prefect"))
        home.mkdir(parents=True, exist_ok=True)
        with (home / "temporary-server.log").open("ab") as log:  # the child keeps its own copy
            return subprocess.Popen(
                command,
                env={**os.environ, **server_only, "PREFECT__SERVER_FINAL": "1"},
                stdout=log,
                stderr=subprocess.STDOUT,
            )

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api"

    def wait_until_up(self) -> None:
        """Return once the server answers; raise if it exits or does not answer in time."""
        seconds = float(os.environ.get(STARTUP_TIMEOUT, "180"))
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            code = self.process.poll()
            if code == ADDRESS_IN_USE:
                self.port = _free_port()
                self.process = self._start()
            elif code is not None:
                raise ServerNotStarted(
                    f"Prefect's temporary server exited with code {code} (its output:"
                    f" temporary-server.log in {os.environ.get('PREFECT_HOME', '~/.prefect')})"
                )
            health = f"{self.api_url}/health"
            with contextlib.suppress(OSError), urllib.request.urlopen(health, timeout=5) as answer:
                if answer.status == 200:  # not yet answering: OSError (a refused connection)
                    return
            time.sleep(0.1)
        raise ServerNotStarted(
            f"Prefect's temporary server did not answer within {seconds:g} s ({STARTUP_TIMEOUT})"
        )

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def start_temporary_server() -> TemporaryServer | None:
    """Prefect's temporary server, starting; None if Prefect is pointed at a server already
    (``PREFECT_API_URL``: a real server, or a test's)."""
    if os.environ.get("PREFECT_API_URL"):
        return None
    return TemporaryServer()


@contextlib.contextmanager
def connected(server: TemporaryServer | None) -> Iterator[None]:
    """Within this block, Prefect uses ``server`` (once it answers), rather than starting one.

    Its flow runs send no heartbeats: they let a lasting server mark a run that died as crashed,
    but this server dies with the run, and the heartbeat thread, which sleeps a second at a
    time, held up the end of every run by up to a second.
    """
    if server is None:
        yield
        return
    server.wait_until_up()
    from prefect.settings import (
        PREFECT_API_URL,
        PREFECT_FLOWS_HEARTBEAT_FREQUENCY,
        temporary_settings,
    )

    updates = {PREFECT_API_URL: server.api_url, PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}
    with temporary_settings(updates=updates):
        yield
