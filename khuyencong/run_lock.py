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


@contextmanager
def exclusive_run(home: Path) -> Iterator[None]:
    """Hold the data home's run lock, or raise ``RunInProgress`` at once."""
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
        yield
    finally:
        os.close(descriptor)
