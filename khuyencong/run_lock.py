"""One writer at a time: a run holds an exclusive lock on its data home.

Two runs writing the same lake and warehouse at once (the nightly schedule firing while a data
engineer backfills) would interleave their writes. An OS file lock (``flock``) is released by
the kernel when the process dies, so a crashed run never leaves a stale lock behind.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class RunInProgress(RuntimeError):
    """Another run holds the data home."""


# Homes whose lock this process holds, and how many times: the command line takes the lock
# before Prefect starts (a second run must fail at once, not after the server's start-up) and
# the flow takes it again, for the runs that start without the command line (deployments).
_held: dict[Path, int] = {}


@contextmanager
def exclusive_run(home: Path) -> Iterator[None]:
    """Hold the data home's run lock, or raise ``RunInProgress`` at once.

    Re-entrant within a process: a flow run inside a command that holds the lock goes on.
    """
    home = home.resolve()
    if home in _held:
        _held[home] += 1
        try:
            yield
        finally:
            _held[home] -= 1
        return
    home.mkdir(parents=True, exist_ok=True)
    path = home / ".run.lock"
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as error:
            owner = path.read_text(encoding="utf-8").strip() or "another process"
            message = f"{home} is being written by {owner}; try again when it ends"
            raise RunInProgress(message) from error
        os.ftruncate(descriptor, 0)
        os.write(descriptor, f"process {os.getpid()}".encode())
        _held[home] = 1
        try:
            yield
        finally:
            del _held[home]
    finally:
        os.close(descriptor)
