"""No process a run starts outlives the run, even a run that is killed.

A run starts processes: Prefect's temporary API server (uvicorn, which Prefect starts itself
when no ``PREFECT_API_URL`` is set), the sandbox's readers, a local Dask cluster. A run that
ends stops them (Prefect's ``atexit`` handler, the sandbox's ``finally``), but a SIGKILL, the
kernel's OOM killer or a crashed interpreter runs no handler, and they were left running: a
server holding its port and its database until someone noticed.

Prefect starts its server with no hook for a ``PR_SET_PDEATHSIG`` of our own, and once the run
is gone its grandchildren are nobody's children. So before it starts anything, a run marks its
environment with a token of its own, which every process it starts inherits however deep, and
starts a guard: a small process waiting on a pipe that only the run holds. The kernel closes
that pipe when the run ends, however it ends; the guard then stops every process carrying the
run's token (a polite SIGTERM, then SIGKILL after ``GRACE_SECONDS``) and exits. A process id
reused by someone else never carries the token. The guard ignores Ctrl+C and a closed
terminal, which reach the run's whole process group: it has to outlive the run.
"""

from __future__ import annotations

import contextlib
import os
import select
import signal
import subprocess
import sys
import uuid
from collections.abc import Iterator

RUN_TOKEN = "KHUYENCONG_RUN_TOKEN"
GRACE_SECONDS = 5.0

_guards: list[subprocess.Popen[bytes]] = []  # their pipes close when this process ends


@contextlib.contextmanager
def stopped_with_the_run() -> Iterator[None]:
    """Every process started inside this block is stopped once this process has ended."""
    token = uuid.uuid4().hex
    environment = {name: value for name, value in os.environ.items() if name != RUN_TOKEN}
    _guards.append(
        subprocess.Popen(
            [sys.executable, "-m", "khuyencong.orphans", token],
            stdin=subprocess.PIPE,
            env=environment,
        )
    )
    previous = os.environ.get(RUN_TOKEN)
    os.environ[RUN_TOKEN] = token
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop(RUN_TOKEN, None)
        else:
            os.environ[RUN_TOKEN] = previous


def stop_marked(token: str, grace: float = GRACE_SECONDS) -> list[int]:
    """Stop every process whose environment carries ``token``; returns their ids."""
    import psutil

    marked = []
    for process in psutil.process_iter():
        with contextlib.suppress(psutil.Error):  # gone meanwhile, or another user's
            if process.pid != os.getpid() and process.environ().get(RUN_TOKEN) == token:
                marked.append(process)
    for process in marked:
        with contextlib.suppress(psutil.Error):
            process.terminate()
    _, alive = psutil.wait_procs(marked, timeout=grace)
    for process in alive:
        with contextlib.suppress(psutil.Error):
            process.kill()
    return [process.pid for process in marked]


def _guard(token: str) -> None:
    """Wait until the run has ended, then stop what it left.

    The run's end closes our stdin; a process the run forked without exec would hold the pipe
    open, so the guard also notices that its parent changed (the run is gone).
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
    run = os.getppid()
    while os.getppid() == run:
        readable, _, _ = select.select([sys.stdin.buffer], [], [], 0.5)
        if readable and not os.read(sys.stdin.buffer.fileno(), 65_536):
            break
    stop_marked(token)


if __name__ == "__main__":
    _guard(sys.argv[1])
